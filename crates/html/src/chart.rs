//! A chart as a `figure`: caption, legend, the bars as inline SVG with the chart's text
//! alternative, and the note.
//!
//! The SVG takes the column's width and a fixed height: horizontal positions are percentages of
//! the width, vertical ones and the text are CSS pixels, so the bars stretch with the screen
//! while the text keeps its size (15 px labels, 14 px values) from a phone to a desktop. Row
//! labels sit above their bars, so a phone gets the full width for the bars. Bars are sized from
//! the exact shares and labelled with the published values, as in the PDF; a value is printed
//! in its segment when it fits at the narrowest width the layout allows for.

use std::fmt::Write;

use document::{Chart, ChartKind, ChartRow, ChartValue, Palette, Rgb};

use crate::escape;

/// The narrowest chart the layout allows for, in CSS pixels (a 320 px phone's column).
const NARROWEST: f64 = 288.0;
/// Row labels.
const LABEL_SIZE: f64 = 15.0;
const LABEL_LEADING: f64 = 19.0;
/// Values printed on or beside a bar, and the axis.
const VALUE_SIZE: f64 = 14.0;
/// A generous average advance of the system sans-serif fonts, in ems, for wrapping labels and
/// deciding whether a value fits in its segment.
const ADVANCE: f64 = 0.6;
/// Space between a label and its bar, and between rows.
const LABEL_GAP: f64 = 4.0;
const ROW_GAP: f64 = 14.0;
/// A stacked bar's height.
const STACKED_BAR: f64 = 30.0;
/// A grouped bar's height, and the gap between the bars of a group.
const GROUPED_BAR: f64 = 20.0;
const SINGLE_BAR: f64 = 24.0;
const BAR_GAP: f64 = 4.0;
/// The share of the width that 100 % of a grouped bar spans; the rest holds its value ("65,7")
/// and the axis's last label.
const GROUPED_PLOT: f64 = 84.0;
/// Room below a grouped chart's bars for the axis.
const AXIS_ROOM: f64 = 24.0;
/// A legend swatch, in CSS pixels.
const SWATCH: u32 = 12;

/// The chart as HTML; `id` is unique on the page.
pub(crate) fn figure(chart: &Chart, palette: &Palette, id: &str) -> String {
    let series = chart.series.len().max(
        chart
            .rows
            .iter()
            .map(|row| row.values.len())
            .max()
            .unwrap_or(0),
    );
    let colours = match chart.kind {
        ChartKind::Stacked => palette.stacked(series),
        ChartKind::Grouped => palette.grouped(series),
    };
    let mut out = String::new();
    let _ = writeln!(out, "<figure class=\"chart\" id=\"{id}\">");
    let _ = writeln!(out, "<figcaption>{}</figcaption>", escape(&chart.caption));
    if !chart.series.is_empty() {
        out.push_str("<ul class=\"legend\">\n");
        for (name, colour) in chart.series.iter().zip(&colours) {
            let _ = writeln!(
                out,
                "<li><svg width=\"{SWATCH}\" height=\"{SWATCH}\" aria-hidden=\"true\"><rect width=\"{SWATCH}\" height=\"{SWATCH}\" fill=\"#{}\"/></svg>{}</li>",
                colour.hex(),
                escape(name)
            );
        }
        out.push_str("</ul>\n");
    }
    let drawing = Drawing::new(chart, palette, &colours);
    out.push_str(&drawing.svg(&format!("{id}-alt"), &chart.alt));
    if let Some(note) = &chart.note {
        let _ = writeln!(out, "<p class=\"note\">{}</p>", escape(note));
    }
    out.push_str("</figure>\n");
    out
}

/// A number for an SVG attribute: at most two decimals, no trailing zeros.
fn number(value: f64) -> String {
    let text = format!("{value:.2}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" {
        "0".to_owned()
    } else {
        text.to_owned()
    }
}

/// A horizontal position or width: a percentage of the chart's width.
fn percent(value: f64) -> String {
    format!("{}%", number(value))
}

/// Splits a label into lines of at most `chars` characters, at spaces (a longer word stands
/// alone on its line).
fn wrap(text: &str, chars: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > chars {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// Whether a value's label fits in a segment of `width` percent at the narrowest chart.
fn fits(label: &str, width: f64) -> bool {
    let needed = label.chars().count() as f64 * VALUE_SIZE * ADVANCE + 6.0;
    needed <= width / 100.0 * NARROWEST
}

/// A line of text in a chart: at `x` percent of the width moved `dx` pixels, its baseline at `y`
/// pixels, starting there or centred on it.
struct Text<'t> {
    x: f64,
    dx: f64,
    y: f64,
    size: f64,
    fill: Rgb,
    centred: bool,
    content: &'t str,
}

/// The SVG elements of one chart, drawn top to bottom.
struct Drawing<'a> {
    chart: &'a Chart,
    palette: &'a Palette,
    colours: &'a [Rgb],
    /// Gridlines, drawn first (behind the bars).
    grid: String,
    elements: String,
    /// Height drawn so far, in pixels.
    y: f64,
}

impl<'a> Drawing<'a> {
    fn new(chart: &'a Chart, palette: &'a Palette, colours: &'a [Rgb]) -> Drawing<'a> {
        let mut drawing = Drawing {
            chart,
            palette,
            colours,
            grid: String::new(),
            elements: String::new(),
            y: 0.0,
        };
        drawing.draw();
        drawing
    }

    fn colour(&self, series: usize) -> Rgb {
        self.colours
            .get(series)
            .copied()
            .unwrap_or(self.palette.neutral)
    }

    /// A bar from `x` percent, `width` percent wide, `top` and `height` in pixels.
    fn rect(&mut self, x: f64, top: f64, width: f64, height: f64, fill: Rgb) {
        let _ = write!(
            self.elements,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#{}\"/>",
            percent(x),
            number(top),
            percent(width.max(0.0)),
            number(height),
            fill.hex()
        );
    }

    /// A vertical line at `x` percent from `top` to `bottom` pixels.
    fn line(out: &mut String, x: f64, top: f64, bottom: f64, colour: Rgb, width: f64) {
        let _ = write!(
            out,
            "<line x1=\"{x}\" y1=\"{}\" x2=\"{x}\" y2=\"{}\" stroke=\"#{}\" stroke-width=\"{}\"/>",
            number(top),
            number(bottom),
            colour.hex(),
            number(width),
            x = percent(x),
        );
    }

    fn text(&mut self, text: Text<'_>) {
        let dx = if text.dx == 0.0 {
            String::new()
        } else {
            format!(" dx=\"{}\"", number(text.dx))
        };
        let anchor = if text.centred {
            " text-anchor=\"middle\""
        } else {
            ""
        };
        let _ = write!(
            self.elements,
            "<text x=\"{}\"{dx} y=\"{}\" font-size=\"{}\" fill=\"#{}\"{anchor}>{}</text>",
            percent(text.x),
            number(text.y),
            number(text.size),
            text.fill.hex(),
            escape(text.content)
        );
    }

    fn draw(&mut self) {
        let rows = self.chart.rows.len();
        for (index, row) in self.chart.rows.iter().enumerate() {
            self.label(row);
            match self.chart.kind {
                ChartKind::Stacked => self.stacked(row),
                ChartKind::Grouped => self.grouped(row),
            }
            if index + 1 < rows {
                self.y += ROW_GAP;
            }
        }
        if self.chart.kind == ChartKind::Grouped {
            self.axis();
        }
    }

    fn label(&mut self, row: &ChartRow) {
        let chars = (NARROWEST / (LABEL_SIZE * ADVANCE)) as usize;
        for line in wrap(&row.label, chars) {
            let baseline = self.y + LABEL_SIZE;
            self.text(Text {
                x: 0.0,
                dx: 0.0,
                y: baseline,
                size: LABEL_SIZE,
                fill: self.palette.text,
                centred: false,
                content: &line,
            });
            self.y += LABEL_LEADING;
        }
        self.y += LABEL_GAP;
    }

    /// One 100 % bar split into its segments, parted by thin white lines; a value is printed
    /// inside its segment when it fits.
    fn stacked(&mut self, row: &ChartRow) {
        let total: f64 = row.values.iter().flatten().map(ChartValue::percent).sum();
        let top = self.y;
        self.y += STACKED_BAR;
        if total <= 0.0 {
            return;
        }
        let mut x = 0.0;
        let mut parts = Vec::new();
        for (series, value) in row.values.iter().enumerate() {
            let Some(value) = value else { continue };
            let width = value.percent() / total * 100.0;
            if width <= 0.0 {
                continue;
            }
            let fill = self.colour(series);
            self.rect(x, top, width, STACKED_BAR, fill);
            let label = value.label();
            if fits(&label, width) {
                let baseline = top + STACKED_BAR / 2.0 + VALUE_SIZE * 0.35;
                let colour = self.palette.label_on(fill);
                self.text(Text {
                    x: x + width / 2.0,
                    dx: 0.0,
                    y: baseline,
                    size: VALUE_SIZE,
                    fill: colour,
                    centred: true,
                    content: &label,
                });
            }
            x += width;
            parts.push(x);
        }
        parts.pop();
        for part in parts {
            Drawing::line(
                &mut self.elements,
                part,
                top,
                top + STACKED_BAR,
                Rgb::WHITE,
                1.5,
            );
        }
    }

    /// One bar per series from a common zero, each with its value beside it, over gridlines at
    /// every quarter.
    fn grouped(&mut self, row: &ChartRow) {
        let bar = if row.values.len() <= 1 {
            SINGLE_BAR
        } else {
            GROUPED_BAR
        };
        let group_top = self.y;
        for (series, value) in row.values.iter().enumerate() {
            if series > 0 {
                self.y += BAR_GAP;
            }
            let top = self.y;
            self.y += bar;
            let Some(value) = value else { continue };
            let width = value.percent().clamp(0.0, 100.0) / 100.0 * GROUPED_PLOT;
            self.rect(0.0, top, width, bar, self.colour(series));
            let baseline = top + bar / 2.0 + VALUE_SIZE * 0.35;
            self.text(Text {
                x: width,
                dx: 5.0,
                y: baseline,
                size: VALUE_SIZE,
                fill: self.palette.text,
                centred: false,
                content: &value.label(),
            });
        }
        for step in 0..=4 {
            let colour = if step == 0 {
                self.palette.muted
            } else {
                self.palette.grid
            };
            Drawing::line(
                &mut self.grid,
                GROUPED_PLOT * f64::from(step) / 4.0,
                group_top - 2.0,
                self.y + 2.0,
                colour,
                1.0,
            );
        }
    }

    /// The axis labels below a grouped chart.
    fn axis(&mut self) {
        let baseline = self.y + 6.0 + VALUE_SIZE;
        for step in 0..=4 {
            let text = if step == 4 {
                "100 %".to_owned()
            } else {
                (step * 25).to_string()
            };
            self.text(Text {
                x: GROUPED_PLOT * f64::from(step) / 4.0,
                dx: 0.0,
                y: baseline,
                size: VALUE_SIZE,
                fill: self.palette.muted,
                centred: step > 0,
                content: &text,
            });
        }
        self.y += AXIS_ROOM;
    }

    /// The drawing as an `svg` element named by the chart's text alternative.
    fn svg(&self, title_id: &str, alt: &str) -> String {
        format!(
            "<svg class=\"bars\" width=\"100%\" height=\"{}\" role=\"img\" aria-labelledby=\"{title_id}\"><title id=\"{title_id}\">{}</title>{}{}</svg>\n",
            number(self.y.ceil()),
            escape(alt),
            self.grid,
            self.elements
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_wrap_at_spaces() {
        let cases: &[(&str, usize, &[&str])] = &[
            ("Alle specialer", 40, &["Alle specialer"]),
            (
                "Fælles motivation for kvalitetsarbejdet",
                20,
                &["Fælles motivation", "for", "kvalitetsarbejdet"],
            ),
            ("", 10, &[""]),
        ];
        for (text, chars, expected) in cases {
            assert_eq!(wrap(text, *chars), *expected, "{text}");
        }
    }

    #[test]
    fn numbers_have_at_most_two_decimals() {
        let cases = [
            (0.0, "0"),
            (12.5, "12.5"),
            (1.0 / 3.0, "0.33"),
            (400.0, "400"),
            (-0.001, "0"),
        ];
        for (value, expected) in cases {
            assert_eq!(number(value), expected);
        }
    }
}
