//! End-to-end checks: UA-1 validation, pagination without loss, extracted text, determinism.

mod common;

use std::process::Command;

use common::sample::{fact_sheet, value};
use document::{
    Block, Cell, Chart, ChartKind, ChartRow, Column, Document, Inline, List, ListItem, Table,
    TableRow,
};
use pdf::{MAX_HOLE, PdfError, PdfRenderer};

fn pdftotext(bytes: &[u8], layout: bool) -> String {
    let dir = tempdir();
    let path = dir.join("doc.pdf");
    std::fs::write(&path, bytes).unwrap();
    let mut cmd = Command::new("pdftotext");
    if layout {
        cmd.arg("-layout");
    }
    let out = cmd
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    assert!(out.status.success());
    std::fs::remove_dir_all(&dir).unwrap();
    String::from_utf8(out.stdout).unwrap()
}

fn tempdir() -> std::path::PathBuf {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "pdf-test-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The file with its streams decompressed (qpdf's QDF mode), as text.
fn uncompressed(bytes: &[u8]) -> String {
    let dir = tempdir();
    let (input, output) = (dir.join("in.pdf"), dir.join("out.pdf"));
    std::fs::write(&input, bytes).unwrap();
    let status = Command::new("qpdf")
        .args(["--qdf", "--object-streams=disable"])
        .arg(&input)
        .arg(&output)
        .status()
        .expect("qpdf is installed");
    assert!(status.success());
    let text = String::from_utf8_lossy(&std::fs::read(&output).unwrap()).into_owned();
    std::fs::remove_dir_all(&dir).unwrap();
    text
}

fn words(s: &str) -> Vec<String> {
    s.split_whitespace().map(str::to_string).collect()
}

/// Whether `needle` occurs in `hay` in order (other words may come between, e.g. footers).
fn is_subsequence(needle: &[String], hay: &[String]) -> Result<(), String> {
    let mut it = hay.iter();
    for (i, w) in needle.iter().enumerate() {
        if !it.any(|h| h == w) {
            return Err(format!("word {i} {w:?} missing or out of order"));
        }
    }
    Ok(())
}

fn inline_text(inlines: &[Inline]) -> String {
    inlines.iter().map(|i| i.text.as_str()).collect()
}

fn list_words(list: &List, out: &mut Vec<String>) {
    for item in &list.items {
        out.extend(words(&inline_text(&item.content)));
        if let Some(children) = &item.children {
            list_words(children, out);
        }
    }
}

/// Words of headings, paragraphs, notes and lists, in reading order.
fn text_words(doc: &Document) -> Vec<String> {
    let mut out = Vec::new();
    for block in &doc.blocks {
        match block {
            Block::Heading { text, .. } | Block::Note(text) => out.extend(words(text)),
            Block::Paragraph(inlines) => out.extend(words(&inline_text(inlines))),
            Block::List(list) => list_words(list, &mut out),
            Block::Chart(_) | Block::Table(_) => {}
        }
    }
    out
}

fn long_document() -> Document {
    let mut doc = fact_sheet();
    let mut blocks = Vec::new();
    for i in 0..12 {
        blocks.push(Block::Heading {
            level: 2,
            text: format!("Afsnit {i} om kvalitet og klynger"),
        });
        for j in 0..3 {
            blocks.push(Block::Paragraph(vec![
                Inline::plain(format!("Afsnit{i}-{j} begynder her. ")),
                Inline::strong("Fed tekst midt i sætningen "),
                Inline::plain("og derefter almindelig tekst om æbler, øer og ål, som fortsætter længe nok til at fylde flere linjer på siden, så linjebrydningen og sideskiftet bliver afprøvet grundigt. ".repeat(2)),
                Inline::plain(format!("Slut{i}-{j}.")),
            ]));
        }
        if i % 3 == 0 {
            blocks.push(Block::Heading {
                level: 3,
                text: format!("Underafsnit {i}"),
            });
            if let Some(chart) = fact_sheet()
                .blocks
                .iter()
                .find(|b| matches!(b, Block::Chart(_)))
            {
                blocks.push(chart.clone());
            }
            blocks.push(Block::List(List {
                ordered: false,
                items: (0..4)
                    .map(|k| ListItem {
                        content: vec![Inline::plain(format!("Punkt{i}-{k} med lidt tekst"))],
                        children: None,
                    })
                    .collect(),
            }));
        }
    }
    doc.blocks.extend(blocks);
    doc
}

#[test]
fn sample_fits_two_pages_and_reads_in_order() {
    let doc = fact_sheet();
    let pdf = PdfRenderer::new().render(&doc).unwrap();
    assert_eq!(pdf.pages, 2);
    let text = pdftotext(&pdf.bytes, false);
    assert!(text.contains("Side 1 af 2") && text.contains("Side 2 af 2"));
    assert!(text.contains("spørgeskemaundersøgelse blandt speciallæger"));
    assert!(text.contains("Fælles mål") && text.contains("Økonomi"));
    is_subsequence(&text_words(&doc), &words(&text)).unwrap();
}

#[test]
fn long_document_flows_over_pages_without_losing_words() {
    let doc = long_document();
    let pdf = PdfRenderer::new().render(&doc).unwrap();
    assert!(pdf.pages > 2, "{} pages", pdf.pages);
    let text = pdftotext(&pdf.bytes, false);
    is_subsequence(&text_words(&doc), &words(&text)).unwrap();
    assert!(text.contains(&format!("Side {} af {}", pdf.pages, pdf.pages)));
    // Page count in the file agrees.
    assert_eq!(text.matches('\u{c}').count(), pdf.pages);
}

#[test]
fn wrapped_lines_do_not_glue_words() {
    let pdf = PdfRenderer::new().render(&long_document()).unwrap();
    let text = pdftotext(&pdf.bytes, true);
    for glued in ["afprøvetgrundigt", "mangrundigt", "flerelinjer", "linjerpå"] {
        assert!(!text.contains(glued), "{glued}");
    }
    assert!(text.contains("æbler, øer og ål"));
}

#[test]
fn rendering_is_deterministic_also_in_parallel() {
    let renderer = PdfRenderer::new();
    let doc = fact_sheet();
    let a = renderer.render(&doc).unwrap();
    let b = renderer.render(&doc).unwrap();
    assert_eq!(a, b);
    let (c, d) = std::thread::scope(|s| {
        let c = s.spawn(|| renderer.render(&doc).unwrap());
        let d = s.spawn(|| renderer.render(&doc).unwrap());
        (c.join().unwrap(), d.join().unwrap())
    });
    assert_eq!(a.bytes, c.bytes);
    assert_eq!(a.bytes, d.bytes);
}

#[test]
fn every_block_kind_passes_ua_validation() {
    let mut doc = fact_sheet();
    doc.blocks.push(Block::Heading {
        level: 3,
        text: "Underafsnit".to_string(),
    });
    doc.blocks.push(Block::Chart(Chart {
        caption: "Tre serier".to_string(),
        alt: "Tre serier for to rækker.".to_string(),
        kind: ChartKind::Grouped,
        series: vec!["A".into(), "B".into(), "C".into()],
        rows: vec![
            ChartRow {
                label: "Række 1".into(),
                values: vec![value(10), None, value(100)],
            },
            ChartRow {
                label: "Række 2".into(),
                values: vec![value(0), value(5), value(75)],
            },
        ],
        unit: "pct.".into(),
        note: None,
    }));
    doc.blocks.push(Block::Table(Table {
        caption: Some("Møder i året".into()),
        columns: vec![
            Column {
                header: "Møde".into(),
                width: 2,
                numeric: false,
            },
            Column {
                header: "Deltagere".into(),
                width: 1,
                numeric: true,
            },
            Column {
                header: "Tema".into(),
                width: 3,
                numeric: false,
            },
        ],
        rows: vec![
            TableRow {
                cells: vec![Cell::text("Forår"), Cell::text("12"), Cell::text("Data")],
            },
            TableRow {
                cells: vec![
                    Cell::text("Efterår"),
                    Cell::text("9"),
                    Cell::Field {
                        prompt: "Skriv mødets tema".into(),
                        value: None,
                    },
                ],
            },
        ],
        row_headers: true,
        repeat_header: false,
    }));
    let pdf = PdfRenderer::new().render(&doc).unwrap();
    let text = pdftotext(&pdf.bytes, false);
    for cell in ["Møder i året", "Deltagere", "Efterår", "Skriv mødets tema"] {
        assert!(text.contains(cell), "{cell} missing");
    }
    let raw = uncompressed(&pdf.bytes);
    for needle in [
        "/StructTreeRoot",
        "/Outlines",
        "/Lang",
        "pdfuaid",
        "/S /Table",
        "/S /Caption",
        "/S /TH",
        "/S /TD",
        "/Scope /Row",
        "/Scope /Column",
        "/LBody",
        "/H1",
        "/H2",
        "/H3",
        "/Artifact",
    ] {
        assert!(raw.contains(needle), "{needle} missing");
    }
}

#[test]
fn a_fitted_renderer_sets_two_columns_and_tightens_until_the_pages_hold() {
    let sheet = fact_sheet();
    let fitted = PdfRenderer::fitted(2, 2);
    let pdf = fitted.render(&sheet).unwrap();
    assert!(pdf.pages <= 2, "{} pages", pdf.pages);
    assert!(
        pdf.largest_hole <= MAX_HOLE,
        "{} pt empty",
        pdf.largest_hole
    );
    // Columns are read in their own order by pdftotext; every word is there.
    let present = |doc: &Document, text: &str| {
        let mut found = words(text);
        found.sort();
        for word in text_words(doc) {
            let at = found.binary_search(&word);
            assert!(at.is_ok(), "«{word}» missing");
            found.remove(at.unwrap());
        }
    };
    present(&sheet, &pdftotext(&pdf.bytes, false));
    // A body line in a column holds at most about 90 characters (and is not a narrow strip).
    let layout = pdftotext(&pdf.bytes, true);
    let longest = layout
        .lines()
        .flat_map(|line| line.split("   "))
        .map(|part| part.trim().chars().count())
        .max()
        .unwrap();
    assert!((45..=90).contains(&longest), "{longest} characters");
    // More text than two pages hold at any density: reported in the page count, nothing lost.
    let long = long_document();
    let pdf = fitted.render(&long).unwrap();
    assert!(pdf.pages > 2);
    present(&long, &pdftotext(&pdf.bytes, false));
}

#[test]
fn validation_findings_become_errors() {
    let mut doc = fact_sheet();
    // A character Lato has no glyph for cannot be written to a PDF/UA file.
    doc.blocks
        .push(Block::Paragraph(vec![Inline::plain("漢字")]));
    let err: PdfError = PdfRenderer::new().render(&doc).unwrap_err();
    assert!(err.to_string().contains("validation"), "{err}");
    assert!(err.to_string().contains("no glyph for \"漢\""), "{err}");
    eprintln!("{err}");
}

#[test]
fn renderer_is_shareable_between_threads() {
    fn check<T: Send + Sync>() {}
    check::<PdfRenderer>();
}
