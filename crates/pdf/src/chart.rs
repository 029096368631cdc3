//! Horizontal bar charts (stacked 100 % bars and grouped bars) drawn as vectors.

use document::{Chart, ChartKind, ChartValue, Palette, Rgb};
use krilla::tagging::{ArtifactType, ContentTag, Identifier};

use crate::draw::{Painter, baseline};
use crate::fonts::{Fonts, Style};
use crate::wrap::{Line, wrap};

const CAPTION_SIZE: f32 = 8.5;
const CAPTION_LEADING: f32 = 11.5;
const LEGEND_SIZE: f32 = 7.5;
const LEGEND_ROW: f32 = 11.0;
const SWATCH: f32 = 7.0;
const LABEL_SIZE: f32 = 8.0;
const LABEL_LEADING: f32 = 10.0;
const VALUE_SIZE: f32 = 7.5;
const NOTE_SIZE: f32 = 7.5;
const NOTE_LEADING: f32 = 10.0;
const AXIS_ROW: f32 = 11.0;
const GAP: f32 = 4.0;


struct LegendItem {
    text: String,
    x: f32,
    row: usize,
    color: Rgb,
}

/// Tags produced while drawing a chart.
pub(crate) struct ChartIds {
    /// The caption's spans (a paragraph before the figure).
    pub caption: Vec<Identifier>,
    /// The drawing's content (the figure).
    pub figure: Vec<Identifier>,
    /// The note's spans (a paragraph after the figure).
    pub note: Vec<Identifier>,
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
    row_gap: f32,
    bar_h: f32,
    plot_w: f32,
    legend_top: f32,
    plot_top: f32,
    plot_bottom: f32,
    note_top: f32,
    /// Total height in points.
    pub height: f32,
}

impl<'c> ChartLayout<'c> {
    /// Measures a chart.
    pub fn new(fonts: &Fonts, chart: &'c Chart, palette: &Palette, width: f32) -> ChartLayout<'c> {
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
            .fold(0.0, f32::max);
        let label_w = (longest + 8.0).clamp(48.0, width * 0.34);
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

        let (bar_h, block, row_gap, right) = match chart.kind {
            ChartKind::Stacked => (13.0, 13.0, 5.0, 0.0),
            ChartKind::Grouped => {
                let bar_h = if n <= 1 { 8.5 } else { 6.5 };
                let block = n.max(1) as f32 * bar_h + n.saturating_sub(1) as f32 * 1.5;
                let widest = chart
                    .rows
                    .iter()
                    .flat_map(|r| r.values.iter().flatten())
                    .map(|value| fonts.width(&value.label(), Style::Regular, VALUE_SIZE))
                    .fold(
                        fonts.width("100 %", Style::Regular, VALUE_SIZE) / 2.0,
                        f32::max,
                    );
                (bar_h, block, if n <= 1 { 3.0 } else { 4.0 }, widest + 6.0)
            }
        };
        let plot_w = (width - label_w - right).max(20.0);
        let row_heights: Vec<f32> = row_labels
            .iter()
            .map(|lines| block.max(lines.len() as f32 * LABEL_LEADING))
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
            x += w + 12.0;
        }
        let legend_rows = if legend.is_empty() { 0 } else { row + 1 };

        let mut y = caption.len() as f32 * CAPTION_LEADING + GAP;
        let legend_top = y;
        y += legend_rows as f32 * LEGEND_ROW + GAP;
        let plot_top = y;
        y += row_heights.iter().sum::<f32>() + row_gap * row_heights.len().saturating_sub(1) as f32;
        let plot_bottom = y;
        if chart.kind == ChartKind::Grouped {
            y += 2.0 + AXIS_ROW;
        }
        let note_top = y + if note.is_empty() { 0.0 } else { GAP };
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
            row_gap,
            bar_h,
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
                    let color = if step == 0 { palette.muted } else { palette.grid };
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

        let figure = vec![p.surface.start_tagged(ContentTag::Other)];
        self.draw_legend(p, palette, plot_x, y + self.legend_top);
        let mut row_top = y + self.plot_top;
        for r in 0..self.chart.rows.len() {
            let rh = self.row_heights[r];
            let lines = &self.row_labels[r];
            let label_top = row_top + (rh - lines.len() as f32 * LABEL_LEADING) / 2.0;
            for (i, line) in lines.iter().enumerate() {
                let b = label_top + i as f32 * LABEL_LEADING + baseline(LABEL_SIZE, LABEL_LEADING);
                p.line(line, x, b, LABEL_SIZE, palette.text);
            }
            match self.chart.kind {
                ChartKind::Stacked => {
                    self.draw_stacked_row(p, palette, r, plot_x, row_top + (rh - self.bar_h) / 2.0)
                }
                ChartKind::Grouped => {
                    let n = self.colors.len().max(1) as f32;
                    let block = n * self.bar_h + (n - 1.0) * 1.5;
                    self.draw_grouped_row(p, palette, r, plot_x, row_top + (rh - block) / 2.0)
                }
            }
            row_top += rh + self.row_gap;
        }
        if self.chart.kind == ChartKind::Grouped {
            let b = y + self.plot_bottom + 2.0 + baseline(LEGEND_SIZE, AXIS_ROW);
            for step in 0..=4 {
                let text = if step == 4 {
                    "100 %".to_string()
                } else {
                    (step * 25).to_string()
                };
                let w = p.fonts.width(&text, Style::Regular, LEGEND_SIZE);
                let gx = plot_x + self.plot_w * step as f32 / 4.0;
                p.label(&text, Style::Regular, LEGEND_SIZE, gx - w / 2.0, b, palette.muted);
            }
        }
        p.surface.end_tagged();

        let mut note = Vec::new();
        for (i, line) in self.note.iter().enumerate() {
            let b = y + self.note_top + i as f32 * NOTE_LEADING + baseline(NOTE_SIZE, NOTE_LEADING);
            note.extend(p.tagged_line(line, x, b, NOTE_SIZE, palette.muted));
        }
        ChartIds {
            caption,
            figure,
            note,
        }
    }

    /// The chart's text alternative.
    pub fn alt(&self) -> &str {
        &self.chart.alt
    }

    /// Top of the drawing (below the caption) and its bottom, relative to the chart's top.
    pub fn figure_span(&self) -> (f32, f32) {
        (
            self.legend_top,
            if self.note.is_empty() {
                self.height
            } else {
                self.note_top
            },
        )
    }

    fn draw_legend(&self, p: &mut Painter, palette: &Palette, x: f32, y: f32) {
        for item in &self.legend {
            let top = y + item.row as f32 * LEGEND_ROW;
            p.rect(
                x + item.x,
                top + (LEGEND_ROW - SWATCH) / 2.0,
                SWATCH,
                SWATCH,
                item.color,
            );
            let b = top + baseline(LEGEND_SIZE, LEGEND_ROW);
            p.label(
                &item.text,
                Style::Regular,
                LEGEND_SIZE,
                x + item.x + SWATCH + 3.5,
                b,
                palette.text,
            );
        }
    }

    fn draw_stacked_row(&self, p: &mut Painter, palette: &Palette, r: usize, x: f32, top: f32) {
        let row = &self.chart.rows[r];
        let total: f64 = row.values.iter().flatten().map(ChartValue::percent).sum();
        if total <= 0.0 {
            return;
        }
        let b = top + baseline(VALUE_SIZE, self.bar_h);
        let mut sx = x;
        let last = row.values.len().saturating_sub(1);
        for (i, value) in row.values.iter().enumerate() {
            let w = (value.map_or(0.0, |value| value.percent()) / total) as f32 * self.plot_w;
            let fill = self.colors.get(i).copied().unwrap_or(palette.neutral);
            // A thin white gap separates neighbouring segments.
            let gap = if i < last && w > 1.0 { 0.8 } else { 0.0 };
            p.rect(sx, top, w - gap, self.bar_h, fill);
            if let Some(text) = value.map(|value| value.label()) {
                let tw = p.fonts.width(&text, Style::Regular, VALUE_SIZE);
                if tw + 4.0 <= w - gap {
                    let color = palette.label_on(fill);
                    p.label(
                        &text,
                        Style::Regular,
                        VALUE_SIZE,
                        sx + (w - gap - tw) / 2.0,
                        b,
                        color,
                    );
                }
            }
            sx += w;
        }
    }

    fn draw_grouped_row(&self, p: &mut Painter, palette: &Palette, r: usize, x: f32, top: f32) {
        let row = &self.chart.rows[r];
        for (i, value) in row.values.iter().enumerate() {
            let bar_top = top + i as f32 * (self.bar_h + 1.5);
            let w = (value.map_or(0.0, |value| value.percent()).clamp(0.0, 100.0) / 100.0) as f32
                * self.plot_w;
            p.rect(
                x,
                bar_top,
                w,
                self.bar_h,
                self.colors.get(i).copied().unwrap_or(palette.neutral),
            );
            if let Some(text) = value.map(|value| value.label()) {
                let b = bar_top + baseline(VALUE_SIZE, self.bar_h);
                p.label(&text, Style::Regular, VALUE_SIZE, x + w + 3.0, b, palette.text);
            }
        }
    }
}
