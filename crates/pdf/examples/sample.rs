//! Writes a realistic two-page Danish fact sheet to the path given as the first argument and
//! prints the page count and the average time per render.

#[path = "../tests/common/sample.rs"]
mod sample;

use std::time::Instant;

use pdf::PdfRenderer;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args()
        .nth(1)
        .ok_or("usage: sample OUT.pdf [RENDERS]")?;
    let renders: u32 = std::env::args()
        .nth(2)
        .map(|n| n.parse())
        .transpose()?
        .unwrap_or(1);
    let renderer = PdfRenderer::new();
    let document = sample::fact_sheet();
    let start = Instant::now();
    let mut rendered = renderer.render(&document)?;
    for _ in 1..renders {
        rendered = renderer.render(&document)?;
    }
    let per = start.elapsed() / renders;
    std::fs::write(&path, &rendered.bytes)?;
    println!(
        "{path}: {} pages, {} bytes, {per:?} per render ({renders} renders)",
        rendered.pages,
        rendered.bytes.len()
    );
    Ok(())
}
