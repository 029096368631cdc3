//! Distributes blocks over columns (a page holds one or two): splits text between lines, keeps
//! headings with what follows, never splits a chart.

use std::ops::Range;

/// A block as the paginator sees it: a stack of rows that cannot be split themselves.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct FlowBlock {
    /// Space above the block; dropped at the top of a page.
    pub space_before: f32,
    /// Row heights in points (text lines, or one row for a whole chart).
    pub rows: Vec<f32>,
    /// Whether the block may break between rows.
    pub splittable: bool,
    /// Whether the block must stay on the page of the start of the next block (headings).
    pub keep_with_next: bool,
    /// Rows that stay in the column of the row after them (a list item's last line before its
    /// nested list); empty when none do.
    pub glued: Vec<bool>,
}

impl FlowBlock {
    fn total(&self) -> f32 {
        self.rows.iter().sum()
    }

    /// Height of the smallest part that may open a page foot: two lines or the whole block.
    fn first_part(&self) -> f32 {
        if self.splittable {
            self.rows.iter().take(2).sum()
        } else {
            self.total()
        }
    }
}

/// Rows of one block placed on one page.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Placement {
    /// Index of the block.
    pub block: usize,
    /// The rows placed here.
    pub rows: Range<usize>,
    /// Column index, from 0 (with two columns a page, column 3 is the right column of page 2).
    pub column: usize,
    /// Top of the first row, measured from the top of the column.
    pub top: f32,
}

/// What must fit below the current point for block `j` to start (after a kept heading).
fn tail_need(blocks: &[FlowBlock], j: usize) -> f32 {
    match blocks.get(j) {
        None => 0.0,
        Some(b) if b.keep_with_next => b.space_before + b.total() + tail_need(blocks, j + 1),
        Some(b) => b.space_before + b.first_part(),
    }
}

/// Places blocks in columns; `heights(column)` is the height of a column in points.
pub(crate) fn paginate(blocks: &[FlowBlock], heights: &dyn Fn(usize) -> f32) -> Vec<Placement> {
    const EPS: f32 = 1e-3;
    let mut out = Vec::new();
    let mut page = 0;
    let mut height = heights(0);
    let mut y = 0.0_f32;
    let mut at_top = true;
    for (i, block) in blocks.iter().enumerate() {
        if block.rows.is_empty() {
            continue;
        }
        let gap = if at_top { 0.0 } else { block.space_before };
        let mut need = gap + block.first_part();
        if block.keep_with_next {
            need = gap + block.total() + tail_need(blocks, i + 1);
        }
        if !at_top && y + need > height + EPS {
            page += 1;
            height = heights(page);
            y = 0.0;
        } else {
            y += gap;
        }
        if !block.splittable {
            out.push(Placement {
                block: i,
                rows: 0..block.rows.len(),
                column: page,
                top: y,
            });
            y += block.total();
            at_top = false;
            continue;
        }
        let mut start = 0;
        loop {
            let mut end = start;
            let mut h = 0.0;
            while end < block.rows.len() && y + h + block.rows[end] <= height + EPS {
                h += block.rows[end];
                end += 1;
            }
            if end == block.rows.len() {
                out.push(Placement {
                    block: i,
                    rows: start..end,
                    column: page,
                    top: y,
                });
                y += h;
                break;
            }
            // Leave at least two lines for the next page (no widow), if this page keeps two.
            if block.rows.len() - end == 1 && end - start >= 3 {
                end -= 1;
            }
            // A row glued to the next one moves with it, if the column keeps a row.
            while end > start + 1 && block.glued.get(end - 1).copied().unwrap_or(false) {
                end -= 1;
            }
            // A row taller than a whole page still has to go somewhere.
            if end == start {
                end = start + 1;
            }
            out.push(Placement {
                block: i,
                rows: start..end,
                column: page,
                top: y,
            });
            page += 1;
            height = heights(page);
            y = 0.0;
            start = end;
        }
        at_top = false;
    }
    out
}

/// Number of columns used by a placement list (at least one).
pub(crate) fn column_count(placements: &[Placement]) -> usize {
    placements.iter().map(|p| p.column + 1).max().unwrap_or(1)
}

/// The largest empty space at the foot of any column but the last, in points.
pub(crate) fn largest_hole(
    blocks: &[FlowBlock],
    placements: &[Placement],
    heights: &dyn Fn(usize) -> f32,
) -> f32 {
    let columns = column_count(placements);
    let mut used = vec![0.0_f32; columns];
    for placement in placements {
        let rows: f32 = blocks[placement.block].rows[placement.rows.clone()]
            .iter()
            .sum();
        used[placement.column] = used[placement.column].max(placement.top + rows);
    }
    used[..columns - 1]
        .iter()
        .enumerate()
        .map(|(column, used)| heights(column) - used)
        .fold(0.0, f32::max)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(lines: usize) -> FlowBlock {
        FlowBlock {
            space_before: 6.0,
            rows: vec![12.0; lines],
            splittable: true,
            keep_with_next: false,
            glued: Vec::new(),
        }
    }

    fn heading() -> FlowBlock {
        FlowBlock {
            space_before: 14.0,
            rows: vec![16.0],
            splittable: false,
            keep_with_next: true,
            glued: Vec::new(),
        }
    }

    fn chart(h: f32) -> FlowBlock {
        FlowBlock {
            space_before: 8.0,
            rows: vec![h],
            splittable: false,
            keep_with_next: false,
            glued: Vec::new(),
        }
    }

    fn page_of(p: &[Placement], block: usize) -> Vec<usize> {
        p.iter()
            .filter(|x| x.block == block)
            .map(|x| x.column)
            .collect()
    }

    #[test]
    fn every_row_is_placed_once_in_order_and_never_below_the_foot() {
        let mut blocks = Vec::new();
        for i in 0..40 {
            blocks.push(heading());
            blocks.push(text(3 + i % 7));
            if i % 5 == 0 {
                blocks.push(chart(150.0));
            }
        }
        let placements = paginate(&blocks, &|_| 700.0);
        assert!(column_count(&placements) > 2);
        let mut seen = Vec::new();
        for p in &placements {
            let b = &blocks[p.block];
            let h: f32 = b.rows[p.rows.clone()].iter().sum();
            assert!(p.top + h <= 700.0 + 1e-3, "{p:?}");
            for r in p.rows.clone() {
                seen.push((p.block, r));
            }
        }
        let expected: Vec<(usize, usize)> = blocks
            .iter()
            .enumerate()
            .flat_map(|(i, b)| (0..b.rows.len()).map(move |r| (i, r)))
            .collect();
        assert_eq!(seen, expected);
        // Pages only increase.
        assert!(placements.windows(2).all(|w| w[0].column <= w[1].column));
    }

    #[test]
    fn heading_is_not_stranded_at_the_page_foot() {
        // 55 lines of 12 pt fill 660 of 700 pt: room for the heading, not for two lines after it.
        let blocks = vec![text(55), heading(), text(5)];
        let p = paginate(&blocks, &|_| 700.0);
        assert_eq!(page_of(&p, 0), [0]);
        assert_eq!(page_of(&p, 1), [1]);
        assert_eq!(page_of(&p, 2), [1]);
        assert_eq!(p.iter().find(|x| x.block == 1).map(|x| x.top), Some(0.0));
    }

    #[test]
    fn heading_stays_with_a_whole_chart_and_charts_never_split() {
        let blocks = vec![text(40), heading(), chart(200.0), text(3)];
        let p = paginate(&blocks, &|_| 700.0);
        assert_eq!(page_of(&p, 1), [1]);
        assert_eq!(page_of(&p, 2), [1]);
        assert_eq!(p.iter().filter(|x| x.block == 2).count(), 1);
    }

    #[test]
    fn heading_with_room_for_two_lines_stays_and_paragraph_splits() {
        // 50 lines = 600 pt; heading needs 14 + 16 + 6 + 24 = 60 → fits in 700.
        let blocks = vec![text(50), heading(), text(10)];
        let p = paginate(&blocks, &|_| 700.0);
        assert_eq!(page_of(&p, 1), [0]);
        assert_eq!(page_of(&p, 2), [0, 1]);
    }

    #[test]
    fn a_chart_that_moves_leaves_its_hole_measured() {
        // 40 lines = 480 pt; the 300 pt chart moves to the next column and leaves 220 pt.
        let blocks = vec![text(40), chart(300.0), text(3)];
        let p = paginate(&blocks, &|_| 700.0);
        assert_eq!(page_of(&p, 1), [1]);
        let hole = largest_hole(&blocks, &p, &|_| 700.0);
        assert!((hole - 220.0).abs() < 1e-3, "{hole}");
        // Columns of other heights (the first under a masthead).
        let heights = |column: usize| if column == 0 { 800.0 } else { 700.0 };
        let p = paginate(&blocks, &heights);
        assert_eq!(page_of(&p, 1), [0]);
        assert!(largest_hole(&blocks, &p, &heights) < 20.0);
    }

    #[test]
    fn a_glued_row_moves_with_the_row_after_it() {
        // 55 lines fill 660 of 700 pt: a 4-row list (6 pt above) gets two rows here, but its
        // second row is glued to the third, so it moves too.
        let mut list = text(4);
        list.glued = vec![false, true, false, false];
        let p = paginate(&[text(55), list], &|_| 700.0);
        let parts: Vec<Range<usize>> = p
            .iter()
            .filter(|x| x.block == 1)
            .map(|x| x.rows.clone())
            .collect();
        assert_eq!(parts, [0..1, 1..4]);
    }

    #[test]
    fn no_single_line_orphan_or_widow() {
        // Room for exactly one line after the first paragraph: the next one moves whole.
        let blocks = vec![text(57), text(4)];
        let p = paginate(&blocks, &|_| 700.0);
        assert_eq!(page_of(&p, 1), [1]);
        // Room for 3 of 4 lines: split 2 + 2 rather than 3 + 1.
        let blocks = vec![text(54), text(4)];
        let p = paginate(&blocks, &|_| 700.0);
        let parts: Vec<Range<usize>> = p
            .iter()
            .filter(|x| x.block == 1)
            .map(|x| x.rows.clone())
            .collect();
        assert_eq!(parts, [0..2, 2..4]);
    }
}
