//! Horizontal bar charts (stacked 100 % bars and grouped bars) drawn as vectors, tagged as the
//! table of their values: the caption is the table's caption, the legend its column headers, the
//! row labels its row headers and the printed values its cells; bars, swatches and gridlines are
//! artifacts.

use document::{Chart, ChartKind, Palette, Rgb};
use krilla::tagging::{
    ArtifactType, BBox, ContentTag, Identifier, SpanTag, TableHeaderScope, Tag, TagGroup,
};

use crate::draw::{Painter, baseline};
use crate::fonts::{Fonts, Style};
use crate::leaves;
use crate::wrap::{Line, wrap};

const CAPTION_SIZE: f32 = 8.5;
const CAPTION_LEADING: f32 = 11.5;
const LEGEND_SIZE: f32 = 7.5;
const LEGEND_ROW: f32 = 11.0;
const SWATCH: f32 = 7.0;
const LABEL_SIZE: f32 = 8.0;
const LABEL_LEADING: f32 = 10.0;
const VALUE_SIZE: f32 = 7.5;
/// Height of the line of values printed above a stacked bar whose segments are too narrow.
const OUTSIDE_ROW: f32 = 9.0;
const NOTE_SIZE: f32 = 7.5;
const NOTE_LEADING: f32 = 10.0;
const AXIS_ROW: f32 = 11.0;
const GAP: f32 = 4.0;
/// The white separator between neighbouring segments of a stacked bar.
const SEPARATOR: f32 = 1.0;

struct LegendItem {
    text: String,
    x: f32,
    row: usize,
    color: Rgb,
}

/// Where a value is printed: inside its segment or bar end, or above the bar.
struct ValueLabel {
    series: usize,
    text: String,
    /// Left edge, relative to the plot's left edge.
    x: f32,
    /// On the bar (a segment wide enough) rather than above it.
    inside: bool,
}

/// Tags produced while drawing a chart, in table order.
pub(crate) struct ChartIds {
    caption: Vec<Identifier>,
    corner: Vec<Identifier>,
    headers: Vec<Vec<Identifier>>,
    rows: Vec<(Vec<Identifier>, Vec<Vec<Identifier>>)>,
    /// The note's spans (a paragraph after the table).
    pub note: Vec<Identifier>,
}

impl ChartIds {
    /// The table of the chart's values: caption, a header row (the unit, then one column header
    /// per series) and a row per bar (its row header, then one cell per series).
    pub fn table(self, summary: &str, bbox: Option<BBox>) -> TagGroup {
        let mut table = TagGroup::new(
            Tag::Table
                .with_summary(Some(summary.to_owned()))
                .with_bbox(bbox),
        );
        if !self.caption.is_empty() {
            table.push(TagGroup::with_children(Tag::Caption, leaves(self.caption)));
        }
        let mut head = TagGroup::new(Tag::THead);
        let mut row = TagGroup::new(Tag::TR);
        row.push(TagGroup::with_children(
            Tag::TH(TableHeaderScope::Both),
            leaves(self.corner),
        ));
        for header in self.headers {
            row.push(TagGroup::with_children(
                Tag::TH(TableHeaderScope::Column),
                leaves(header),
            ));
        }
        head.push(row);
        table.push(head);
        let mut body = TagGroup::new(Tag::TBody);
        for (header, cells) in self.rows {
            let mut row = TagGroup::new(Tag::TR);
            row.push(TagGroup::with_children(
                Tag::TH(TableHeaderScope::Row),
                leaves(header),
            ));
            for cell in cells {
                row.push(TagGroup::with_children(Tag::TD, leaves(cell)));
            }
            body.push(row);
        }
        table.push(body);
        table
    }
}

/// A chart measured for a given width.
pub(crate) struct ChartLayout<'c> {
    chart: &'c Chart,
    caption: Vec<Line>,
    note: Vec<Line>,
    legend: Vec<LegendItem>,
    colors: Vec<Rgb>,
    label_w: f32,
    row_labels: Vec<Vec<Line>>,
    row_heights: Vec<f32>,
    /// Per row, the space above its bar for values printed outside their segments.
    row_outside: Vec<f32>,
    values: Vec<Vec<ValueLabel>>,
    row_gap: f32,
    bar_h: f32,
    bar_gap: f32,
    plot_w: f32,
    legend_top: f32,
    plot_top: f32,
    plot_bottom: f32,
    note_top: f32,
    /// Total height in points.
    pub height: f32,
}

impl<'c> ChartLayout<'c> {
    /// Measures a chart; `scale` (at most 1) tightens bar heights and spacing.
    pub fn new(
        fonts: &Fonts,
        chart: &'c Chart,
        palette: &Palette,
        width: f32,
        scale: f32,
    ) -> ChartLayout<'c> {
        let n = chart
            .series
            .len()
            .max(chart.rows.iter().map(|r| r.values.len()).max().unwrap_or(0));
        let colors = match chart.kind {
            ChartKind::Stacked => palette.stacked(n),
            ChartKind::Grouped => palette.grouped(n),
        };
        let caption = wrap(fonts, &[(Style::Bold, &chart.caption)], CAPTION_SIZE, width);
        let note = match &chart.note {
            Some(text) => wrap(fonts, &[(Style::Regular, text)], NOTE_SIZE, width),
            None => Vec::new(),
        };

        // Row label column: as wide as the longest label, within limits; longer labels wrap.
        let longest = chart
            .rows
            .iter()
            .map(|r| fonts.width(&r.label, Style::Regular, LABEL_SIZE))
            .fold(
                fonts.width(&chart.unit, Style::Regular, LEGEND_SIZE),
                f32::max,
            );
        let label_w = (longest + 8.0).clamp(48.0, width * 0.36);
        let row_labels: Vec<Vec<Line>> = chart
            .rows
            .iter()
            // Words are measured one by one: allow for the kerning lost at the spaces.
            .map(|r| {
                wrap(
                    fonts,
                    &[(Style::Regular, &r.label)],
                    LABEL_SIZE,
                    label_w - 7.0,
                )
            })
            .collect();

        let bar_gap = 1.5 * scale;
        let (bar_h, block, row_gap, right) = match chart.kind {
            ChartKind::Stacked => (
                13.0 * scale.max(0.75),
                13.0 * scale.max(0.75),
                5.0 * scale,
                0.0,
            ),
            ChartKind::Grouped => {
                let bar_h = if n <= 1 { 8.5 } else { 6.5 } * scale.max(0.8);
                let block = n.max(1) as f32 * bar_h + n.saturating_sub(1) as f32 * bar_gap;
                let widest = chart
                    .rows
                    .iter()
                    .flat_map(|r| r.values.iter().flatten())
                    .map(|value| fonts.width(&value.label(), Style::Regular, VALUE_SIZE))
                    .fold(
                        fonts.width(&axis_end(chart), Style::Regular, LEGEND_SIZE) / 2.0,
                        f32::max,
                    );
                let gap = if n <= 1 { 3.0 } else { 4.0 } * scale;
                (bar_h, block, gap, widest + 6.0)
            }
        };
        let plot_w = (width - label_w - right).max(20.0);
        let values: Vec<Vec<ValueLabel>> = chart
            .rows
            .iter()
            .map(|row| match chart.kind {
                ChartKind::Stacked => stacked_labels(fonts, row, plot_w),
                ChartKind::Grouped => row
                    .values
                    .iter()
                    .enumerate()
                    .filter_map(|(series, value)| {
                        let value = value.as_ref()?;
                        Some(ValueLabel {
                            series,
                            text: value.label(),
                            x: bar_width(value.percent(), plot_w) + 3.0,
                            inside: false,
                        })
                    })
                    .collect(),
            })
            .collect();
        let row_outside: Vec<f32> = values
            .iter()
            .map(|labels| {
                let outside =
                    chart.kind == ChartKind::Stacked && labels.iter().any(|label| !label.inside);
                if outside { OUTSIDE_ROW } else { 0.0 }
            })
            .collect();
        let row_heights: Vec<f32> = row_labels
            .iter()
            .zip(&row_outside)
            .map(|(lines, outside)| (block + outside).max(lines.len() as f32 * LABEL_LEADING))
            .collect();

        // Legend entries flow left to right from the plot's left edge, wrapping as needed.
        let mut legend = Vec::new();
        let (mut x, mut row) = (0.0, 0);
        let legend_w = width - label_w;
        for (i, text) in chart.series.iter().enumerate() {
            let w = SWATCH + 3.5 + fonts.width(text, Style::Regular, LEGEND_SIZE);
            if x > 0.0 && x + w > legend_w {
                x = 0.0;
                row += 1;
            }
            legend.push(LegendItem {
                text: text.clone(),
                x,
                row,
                color: colors.get(i).copied().unwrap_or(palette.neutral),
            });
            x += w + 10.0;
        }
        let legend_rows = row + 1;

        let gap = GAP * scale.max(0.5);
        let mut y = caption.len() as f32 * CAPTION_LEADING + gap;
        let legend_top = y;
        y += legend_rows as f32 * LEGEND_ROW + gap;
        let plot_top = y;
        y += row_heights.iter().sum::<f32>() + row_gap * row_heights.len().saturating_sub(1) as f32;
        let plot_bottom = y;
        if chart.kind == ChartKind::Grouped {
            y += 2.0 + AXIS_ROW;
        }
        let note_top = y + if note.is_empty() { 0.0 } else { gap };
        let height = note_top + note.len() as f32 * NOTE_LEADING;
        ChartLayout {
            chart,
            caption,
            note,
            legend,
            colors,
            label_w,
            row_labels,
            row_heights,
            row_outside,
            values,
            row_gap,
            bar_h,
            bar_gap,
            plot_w,
            legend_top,
            plot_top,
            plot_bottom,
            note_top,
            height,
        }
    }

    /// Draws the chart with its top-left corner at (`x`, `y`).
    pub fn draw(&self, p: &mut Painter, palette: &Palette, x: f32, y: f32) -> ChartIds {
        let mut caption = Vec::new();
        for (i, line) in self.caption.iter().enumerate() {
            let b = y + i as f32 * CAPTION_LEADING + baseline(CAPTION_SIZE, CAPTION_LEADING);
            caption.extend(p.tagged_line(line, x, b, CAPTION_SIZE, palette.text));
        }

        let plot_x = x + self.label_w;
        if self.chart.kind == ChartKind::Grouped {
            p.artifact(ArtifactType::Layout, |p| {
                for step in 0..=4 {
                    let gx = plot_x + self.plot_w * step as f32 / 4.0;
                    let color = if step == 0 {
                        palette.muted
                    } else {
                        palette.grid
                    };
                    let w = if step == 0 { 0.7 } else { 0.5 };
                    p.rect(
                        gx - w / 2.0,
                        y + self.plot_top - 2.0,
                        w,
                        self.plot_bottom - self.plot_top + 4.0,
                        color,
                    );
                }
            });
        }

        // The unit heads the row labels, on the legend's first line.
        let legend_y = y + self.legend_top;
        let unit_w = p.fonts.width(&self.chart.unit, Style::Regular, LEGEND_SIZE);
        let corner = vec![tagged_label(
            p,
            &self.chart.unit,
            LEGEND_SIZE,
            plot_x - 6.0 - unit_w,
            legend_y + baseline(LEGEND_SIZE, LEGEND_ROW),
            palette.muted,
        )];
        let mut headers = Vec::new();
        for item in &self.legend {
            let top = legend_y + item.row as f32 * LEGEND_ROW;
            p.artifact(ArtifactType::Layout, |p| {
                p.rect(
                    plot_x + item.x,
                    top + (LEGEND_ROW - SWATCH) / 2.0,
                    SWATCH,
                    SWATCH,
                    item.color,
                )
            });
            headers.push(vec![tagged_label(
                p,
                &item.text,
                LEGEND_SIZE,
                plot_x + item.x + SWATCH + 3.5,
                top + baseline(LEGEND_SIZE, LEGEND_ROW),
                palette.text,
            )]);
        }

        let mut rows = Vec::new();
        let mut row_top = y + self.plot_top;
        for r in 0..self.chart.rows.len() {
            let rh = self.row_heights[r];
            let lines = &self.row_labels[r];
            let outside = self.row_outside[r];
            let block = rh - outside;
            let label_top = row_top + outside + (block - lines.len() as f32 * LABEL_LEADING) / 2.0;
            let mut header = Vec::new();
            for (i, line) in lines.iter().enumerate() {
                let b = label_top + i as f32 * LABEL_LEADING + baseline(LABEL_SIZE, LABEL_LEADING);
                header.extend(p.tagged_line(line, x, b, LABEL_SIZE, palette.text));
            }
            let cells = match self.chart.kind {
                ChartKind::Stacked => {
                    let top = row_top + outside + (block - self.bar_h) / 2.0;
                    self.draw_stacked_row(p, palette, r, plot_x, top)
                }
                ChartKind::Grouped => {
                    let n = self.colors.len().max(1) as f32;
                    let bars = n * self.bar_h + (n - 1.0) * self.bar_gap;
                    self.draw_grouped_row(p, palette, r, plot_x, row_top + (rh - bars) / 2.0)
                }
            };
            rows.push((header, cells));
            row_top += rh + self.row_gap;
        }
        if self.chart.kind == ChartKind::Grouped {
            let b = y + self.plot_bottom + 2.0 + baseline(LEGEND_SIZE, AXIS_ROW);
            p.artifact(ArtifactType::Layout, |p| {
                for step in 0..=4 {
                    let text = if step == 4 {
                        axis_end(self.chart)
                    } else {
                        (step * 25).to_string()
                    };
                    let w = p.fonts.width(&text, Style::Regular, LEGEND_SIZE);
                    let gx = plot_x + self.plot_w * step as f32 / 4.0;
                    // The last tick's number stays centred on it; its unit follows.
                    let number_w = p.fonts.width("100", Style::Regular, LEGEND_SIZE);
                    let left = if step == 4 {
                        gx - number_w / 2.0
                    } else {
                        gx - w / 2.0
                    };
                    p.label(&text, Style::Regular, LEGEND_SIZE, left, b, palette.muted);
                }
            });
        }

        let mut note = Vec::new();
        for (i, line) in self.note.iter().enumerate() {
            let b = y + self.note_top + i as f32 * NOTE_LEADING + baseline(NOTE_SIZE, NOTE_LEADING);
            note.extend(p.tagged_line(line, x, b, NOTE_SIZE, palette.muted));
        }
        ChartIds {
            caption,
            corner,
            headers,
            rows,
            note,
        }
    }

    /// The chart's text alternative.
    pub fn alt(&self) -> &str {
        &self.chart.alt
    }

    /// Bottom of the drawing (above the note), relative to the chart's top.
    pub fn figure_bottom(&self) -> f32 {
        if self.note.is_empty() {
            self.height
        } else {
            self.note_top
        }
    }

    /// Draws one stacked bar and its values; returns the cells' ids, one list per series.
    fn draw_stacked_row(
        &self,
        p: &mut Painter,
        palette: &Palette,
        r: usize,
        x: f32,
        top: f32,
    ) -> Vec<Vec<Identifier>> {
        let row = &self.chart.rows[r];
        let mut cells = vec![Vec::new(); row.values.len()];
        let segments = segments(row, self.plot_w);
        let last = row.values.len().saturating_sub(1);
        p.artifact(ArtifactType::Layout, |p| {
            for (i, (sx, w)) in segments.iter().enumerate() {
                let fill = self.colors.get(i).copied().unwrap_or(palette.neutral);
                let gap = if i < last && *w > SEPARATOR {
                    SEPARATOR
                } else {
                    0.0
                };
                p.rect(x + sx, top, w - gap, self.bar_h, fill);
            }
        });
        let b_inside = top + baseline(VALUE_SIZE, self.bar_h);
        let b_outside = top - OUTSIDE_ROW + baseline(VALUE_SIZE, OUTSIDE_ROW) - 0.5;
        for label in &self.values[r] {
            let fill = self
                .colors
                .get(label.series)
                .copied()
                .unwrap_or(palette.neutral);
            let (b, color) = if label.inside {
                (b_inside, palette.label_on(fill))
            } else {
                (b_outside, palette.text)
            };
            cells[label.series].push(tagged_label(
                p,
                &label.text,
                VALUE_SIZE,
                x + label.x,
                b,
                color,
            ));
        }
        cells
    }

    /// Draws one group of bars and their values; returns the cells' ids, one list per series.
    fn draw_grouped_row(
        &self,
        p: &mut Painter,
        palette: &Palette,
        r: usize,
        x: f32,
        top: f32,
    ) -> Vec<Vec<Identifier>> {
        let row = &self.chart.rows[r];
        let mut cells = vec![Vec::new(); row.values.len()];
        let bar_top = |series: usize| top + series as f32 * (self.bar_h + self.bar_gap);
        p.artifact(ArtifactType::Layout, |p| {
            for (i, value) in row.values.iter().enumerate() {
                let w = value.map_or(0.0, |value| bar_width(value.percent(), self.plot_w));
                let fill = self.colors.get(i).copied().unwrap_or(palette.neutral);
                p.rect(x, bar_top(i), w, self.bar_h, fill);
            }
        });
        for label in &self.values[r] {
            let b = bar_top(label.series) + baseline(VALUE_SIZE, self.bar_h);
            cells[label.series].push(tagged_label(
                p,
                &label.text,
                VALUE_SIZE,
                x + label.x,
                b,
                palette.text,
            ));
        }
        cells
    }
}

/// The last tick of a grouped chart's axis, with the chart's unit: "100 pct.".
fn axis_end(chart: &Chart) -> String {
    format!("100 {}", chart.unit)
}

fn bar_width(percent: f64, plot_w: f32) -> f32 {
    (percent.clamp(0.0, 100.0) / 100.0) as f32 * plot_w
}

/// Left edge and width of each segment of a stacked bar, sized by the exact shares.
fn segments(row: &document::ChartRow, plot_w: f32) -> Vec<(f32, f32)> {
    let total: f64 = row
        .values
        .iter()
        .flatten()
        .map(|value| value.percent())
        .sum();
    let mut x = 0.0;
    row.values
        .iter()
        .map(|value| {
            let w = if total > 0.0 {
                (value.map_or(0.0, |value| value.percent()) / total) as f32 * plot_w
            } else {
                0.0
            };
            let segment = (x, w);
            x += w;
            segment
        })
        .collect()
}

/// Where each value of a stacked bar is printed: centred in its segment when it fits, otherwise
/// above the bar over its segment, moved right (or left at the bar's end) just enough that
/// neighbouring values never overlap. Every value is printed.
fn stacked_labels(fonts: &Fonts, row: &document::ChartRow, plot_w: f32) -> Vec<ValueLabel> {
    let mut labels = Vec::new();
    let mut outside: Vec<usize> = Vec::new();
    for (series, ((sx, w), value)) in segments(row, plot_w)
        .into_iter()
        .zip(&row.values)
        .enumerate()
    {
        let Some(value) = value else { continue };
        let text = value.label();
        let tw = fonts.width(&text, Style::Regular, VALUE_SIZE);
        let room = w - SEPARATOR;
        let inside = tw + 4.0 <= room;
        if !inside {
            outside.push(labels.len());
        }
        labels.push(ValueLabel {
            series,
            x: sx + (room - tw) / 2.0,
            text,
            inside,
        });
    }
    // Pack the values above the bar from the left, then pull back from the bar's end.
    let widths: Vec<f32> = outside
        .iter()
        .map(|&i| fonts.width(&labels[i].text, Style::Regular, VALUE_SIZE))
        .collect();
    let mut right = f32::NEG_INFINITY;
    for (k, &i) in outside.iter().enumerate() {
        labels[i].x = labels[i].x.max(right + 3.0).max(0.0);
        right = labels[i].x + widths[k];
    }
    let mut limit = plot_w;
    for (k, &i) in outside.iter().enumerate().rev() {
        labels[i].x = labels[i].x.min(limit - widths[k]);
        limit = labels[i].x - 3.0;
    }
    labels
}

/// Draws a one-line label in its own tagged span; returns the span's id.
fn tagged_label(
    p: &mut Painter,
    text: &str,
    size: f32,
    x: f32,
    baseline: f32,
    color: Rgb,
) -> Identifier {
    let id = p.surface.start_tagged(ContentTag::Span(SpanTag::empty()));
    p.label(text, Style::Regular, size, x, baseline, color);
    p.surface.end_tagged();
    id
}
