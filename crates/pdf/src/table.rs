//! Tables: a caption, a header row of column headers and body rows whose first cell may head
//! its row; cells wrap within their column. Tagged as Table, Caption, THead, TBody, TR, TH (with
//! scope) and TD. A table may break between body rows; the caption and the header stay together
//! with the first row.

use std::ops::Range;

use document::{Cell, Palette, Table};
use krilla::tagging::{ArtifactType, Identifier, TableHeaderScope, Tag, TagGroup};

use crate::draw::{Painter, baseline};
use crate::fonts::{Fonts, Style};
use crate::leaves;
use crate::runs;
use crate::wrap::{Line, wrap};

const CAPTION_SIZE: f32 = 8.5;
const CAPTION_LEADING: f32 = 11.5;
const CELL_SIZE: f32 = 8.0;
const CELL_LEADING: f32 = 10.2;
const PAD_X: f32 = 4.0;
const PAD_Y: f32 = 2.5;

/// A table measured for a width.
pub(crate) struct TableLayout<'t> {
    table: &'t Table,
    caption: Vec<Line>,
    column_x: Vec<f32>,
    column_w: Vec<f32>,
    header: Vec<Vec<Line>>,
    body: Vec<Vec<Vec<Line>>>,
}

/// Tags collected while drawing a table.
pub(crate) struct TableIds {
    row_headers: bool,
    caption: Vec<Identifier>,
    header: Vec<Vec<Identifier>>,
    body: Vec<Vec<Vec<Identifier>>>,
}

impl TableIds {
    /// The table's structure: caption, header row, body rows.
    pub fn into_group(self) -> TagGroup {
        let mut table = TagGroup::new(Tag::Table);
        if !self.caption.is_empty() {
            table.push(TagGroup::with_children(Tag::Caption, leaves(self.caption)));
        }
        let mut row = TagGroup::new(Tag::TR);
        for cell in self.header {
            row.push(TagGroup::with_children(
                Tag::TH(TableHeaderScope::Column),
                leaves(cell),
            ));
        }
        table.push(TagGroup::with_children(Tag::THead, vec![row.into()]));
        let mut body = TagGroup::new(Tag::TBody);
        for cells in self.body {
            let mut row = TagGroup::new(Tag::TR);
            for (index, cell) in cells.into_iter().enumerate() {
                if index == 0 && self.row_headers {
                    row.push(TagGroup::with_children(
                        Tag::TH(TableHeaderScope::Row),
                        leaves(cell),
                    ));
                } else {
                    row.push(TagGroup::with_children(Tag::TD, leaves(cell)));
                }
            }
            body.push(row);
        }
        table.push(body);
        table
    }
}

fn cell_runs(cell: &Cell) -> Vec<(Style, String)> {
    match cell {
        Cell::Text(inlines) => runs(inlines)
            .into_iter()
            .map(|(style, text)| (style, text.to_owned()))
            .collect(),
        Cell::Field { .. } => vec![(Style::Regular, cell.shown())],
    }
}

impl<'t> TableLayout<'t> {
    /// Measures a table for `width` points; columns share the width by their relative widths.
    pub fn new(fonts: &Fonts, table: &'t Table, width: f32) -> TableLayout<'t> {
        let caption = match &table.caption {
            Some(text) => wrap(fonts, &[(Style::Bold, text)], CAPTION_SIZE, width),
            None => Vec::new(),
        };
        let total: f32 = table
            .columns
            .iter()
            .map(|column| f32::from(column.width.max(1)))
            .sum();
        let column_w: Vec<f32> = table
            .columns
            .iter()
            .map(|column| width * f32::from(column.width.max(1)) / total)
            .collect();
        let column_x: Vec<f32> = column_w
            .iter()
            .scan(0.0, |x, w| {
                let left = *x;
                *x += w;
                Some(left)
            })
            .collect();
        let measure = |w: f32| (w - 2.0 * PAD_X).max(8.0);
        let header = table
            .columns
            .iter()
            .zip(&column_w)
            .map(|(column, w)| {
                wrap(
                    fonts,
                    &[(Style::Bold, &column.header)],
                    CELL_SIZE,
                    measure(*w),
                )
            })
            .collect();
        let body = table
            .rows
            .iter()
            .map(|row| {
                row.cells
                    .iter()
                    .zip(&column_w)
                    .map(|(cell, w)| {
                        let owned = cell_runs(cell);
                        let borrowed: Vec<(Style, &str)> =
                            owned.iter().map(|(s, t)| (*s, t.as_str())).collect();
                        wrap(fonts, &borrowed, CELL_SIZE, measure(*w))
                    })
                    .collect()
            })
            .collect();
        TableLayout {
            table,
            caption,
            column_x,
            column_w,
            header,
            body,
        }
    }

    fn cells_height(cells: &[Vec<Line>]) -> f32 {
        let lines = cells.iter().map(Vec::len).max().unwrap_or(0).max(1);
        lines as f32 * CELL_LEADING + 2.0 * PAD_Y
    }

    fn caption_height(&self) -> f32 {
        self.caption.len() as f32 * CAPTION_LEADING
            + if self.caption.is_empty() { 0.0 } else { 2.0 }
    }

    /// Row heights for the paginator: caption, header and first row together, then each row.
    pub fn row_heights(&self) -> Vec<f32> {
        let mut rows: Vec<f32> = self
            .body
            .iter()
            .map(|cells| Self::cells_height(cells))
            .collect();
        let head = self.caption_height() + Self::cells_height(&self.header);
        match rows.first_mut() {
            Some(first) => *first += head,
            None => rows.push(head),
        }
        rows
    }

    /// Empty tags, one list per cell.
    pub fn ids(&self) -> TableIds {
        TableIds {
            row_headers: self.table.row_headers,
            caption: Vec::new(),
            header: vec![Vec::new(); self.header.len()],
            body: self
                .body
                .iter()
                .map(|cells| vec![Vec::new(); cells.len()])
                .collect(),
        }
    }

    fn draw_cells(
        &self,
        p: &mut Painter,
        palette: &Palette,
        cells: &[Vec<Line>],
        (x, y): (f32, f32),
        ids: &mut [Vec<Identifier>],
        header: bool,
    ) -> f32 {
        let height = Self::cells_height(cells);
        for (index, lines) in cells.iter().enumerate() {
            let column = &self.table.columns[index.min(self.table.columns.len() - 1)];
            for (n, line) in lines.iter().enumerate() {
                let left = if column.numeric && !header {
                    x + self.column_x[index] + self.column_w[index] - PAD_X - line.width
                } else {
                    x + self.column_x[index] + PAD_X
                };
                let b = y + PAD_Y + n as f32 * CELL_LEADING + baseline(CELL_SIZE, CELL_LEADING);
                ids[index].extend(p.tagged_line(line, left, b, CELL_SIZE, palette.text));
            }
        }
        let width: f32 = self.column_w.iter().sum();
        let rule = if header { palette.muted } else { palette.grid };
        p.artifact(ArtifactType::Layout, |p| {
            p.rect(x, y + height - 0.5, width, 0.5, rule)
        });
        height
    }

    /// Draws the rows `rows` (as numbered by [`TableLayout::row_heights`]) from (`x`, `y`).
    pub fn draw(
        &self,
        p: &mut Painter,
        palette: &Palette,
        rows: Range<usize>,
        x: f32,
        mut y: f32,
        ids: &mut TableIds,
    ) {
        if rows.start == 0 {
            for (n, line) in self.caption.iter().enumerate() {
                let b = y + n as f32 * CAPTION_LEADING + baseline(CAPTION_SIZE, CAPTION_LEADING);
                ids.caption
                    .extend(p.tagged_line(line, x, b, CAPTION_SIZE, palette.text));
            }
            y += self.caption_height();
            y += self.draw_cells(p, palette, &self.header, (x, y), &mut ids.header, true);
        }
        for row in rows {
            let Some(cells) = self.body.get(row) else {
                continue;
            };
            y += self.draw_cells(p, palette, cells, (x, y), &mut ids.body[row], false);
        }
    }
}
