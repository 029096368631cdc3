//! The page's style sheet, coloured from the document's palette.

use document::{Palette, Rgb, contrast, mix};

/// Contrast that text needs on its background (WCAG AA for body text).
const TEXT_CONTRAST: f32 = 4.5;

/// A CSS colour: "#1b4f72".
fn colour(colour: Rgb) -> String {
    format!("#{}", colour.hex())
}

/// `wanted` when it reads on white, otherwise the body text colour.
fn readable(wanted: Rgb, palette: &Palette) -> Rgb {
    if contrast(wanted, Rgb::WHITE) >= TEXT_CONTRAST {
        wanted
    } else {
        palette.text
    }
}

/// The style sheet: the system's fonts, one readable column, tables that scroll sideways inside
/// their wrapper on a narrow screen, and charts that scale with the column.
pub(crate) fn sheet(palette: &Palette) -> String {
    let accent = colour(readable(palette.primary, palette));
    let text = colour(palette.text);
    let muted = colour(readable(palette.muted, palette));
    let grid = colour(palette.grid);
    let tint = colour(mix(palette.primary, Rgb::WHITE, 0.92));
    format!(
        r#":root {{ color-scheme: light; }}
*, *::before, *::after {{ box-sizing: border-box; }}
html {{ -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }}
body {{ margin: 0; background: #ffffff; color: {text}; font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", "Liberation Sans", sans-serif; font-size: 1rem; line-height: 1.5; overflow-wrap: break-word; }}
main, footer {{ max-width: 75rem; margin: 0 auto; padding: 1rem 1.25rem; }}
h1, h2, h3 {{ line-height: 1.25; color: {accent}; }}
h1 {{ font-size: 1.875rem; margin: 0.25rem 0 1rem; }}
h2 {{ font-size: 1.4rem; margin: 0 0 0.75rem; }}
h3 {{ font-size: 1.125rem; margin: 1.5rem 0 0.5rem; color: {text}; }}
section {{ margin-top: 2rem; padding-top: 1.25rem; border-top: 2px solid {grid}; }}
p, ul, ol {{ margin: 0 0 1rem; max-width: 44rem; }}
ul ul, ol ul, ul ol, ol ol {{ margin: 0.25rem 0 0; }}
.note {{ color: {muted}; font-size: 0.875rem; }}
a {{ color: {accent}; text-underline-offset: 0.15em; }}
a:focus-visible, .table-wrap:focus-visible {{ outline: 3px solid {accent}; outline-offset: 2px; }}
.table-wrap {{ max-width: 100%; overflow-x: auto; margin: 0 0 1.5rem; border: 1px solid {grid}; border-radius: 4px; }}
table {{ border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }}
caption {{ caption-side: top; text-align: left; font-weight: 600; padding: 0.625rem 0; }}
caption > span {{ position: sticky; left: 0; display: inline-block; padding: 0 0.625rem; }}
th, td {{ padding: 0.5rem 0.625rem; text-align: left; vertical-align: top; border-top: 1px solid {grid}; }}
thead th {{ vertical-align: bottom; background: {tint}; font-weight: 600; }}
th[scope="row"] {{ position: sticky; left: 0; background: #ffffff; font-weight: 600; }}
thead th:first-child {{ position: sticky; left: 0; z-index: 1; }}
.num {{ text-align: right; }}
td.num, td.short {{ white-space: nowrap; }}
td.field {{ min-width: 8rem; }}
td.field.empty {{ color: {muted}; font-style: italic; }}
figure.chart {{ margin: 0 0 1.75rem; max-width: 40rem; }}
figure.chart figcaption {{ font-weight: 600; margin: 0 0 0.5rem; }}
.legend {{ display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; list-style: none; margin: 0 0 0.5rem; padding: 0; font-size: 0.875rem; }}
.legend svg {{ margin-right: 0.375rem; vertical-align: -0.1em; }}
svg.bars {{ display: block; width: 100%; overflow: visible; }}
figure.chart .note {{ margin: 0.5rem 0 0; }}
footer {{ color: {muted}; font-size: 0.875rem; border-top: 1px solid {grid}; margin-top: 2rem; }}
@media (max-width: 30rem) {{
  main, footer {{ padding: 0.75rem 1rem; }}
  h1 {{ font-size: 1.5rem; }}
  h2 {{ font-size: 1.25rem; }}
  th, td {{ padding: 0.5rem; }}
}}
@media print {{
  .table-wrap {{ overflow: visible; border: 0; }}
  figure.chart {{ break-inside: avoid; }}
}}
"#
    )
}
