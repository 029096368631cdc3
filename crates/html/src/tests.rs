use document::{
    Block, Cell, Chart, ChartKind, ChartRow, ChartValue, Column, Date, Document, Inline, List,
    ListItem, Meta, Orientation, Palette, Rgb, Share, Table, TableRow,
};

use crate::render;

fn value(part: u64, whole: u64, decimals: u8) -> Option<ChartValue> {
    let exact = Share::new(part, whole).unwrap();
    Some(ChartValue {
        exact,
        published: exact.percent(decimals),
    })
}

/// A document with every kind of block and names that need escaping.
fn document(blocks: Vec<Block>) -> Document {
    Document {
        meta: Meta {
            title: "Status & <overblik>".to_owned(),
            subject: "Klyngernes \"status\" 2025".to_owned(),
            language: "da".to_owned(),
            author: "eKVIS".to_owned(),
            date: Date {
                year: 2026,
                month: 3,
                day: 16,
            },
        },
        orientation: Orientation::Portrait,
        footer: "eKVIS · 2025".to_owned(),
        palette: Palette::new(
            Rgb(0x1b, 0x4f, 0x72),
            Rgb(0xd9, 0x82, 0x2b),
            Rgb(0x22, 0x22, 0x22),
        ),
        blocks,
    }
}

fn every_block() -> Vec<Block> {
    vec![
        Block::Heading {
            level: 1,
            text: "Status på klyngearbejdet".to_owned(),
        },
        Block::Note("Marts 2026".to_owned()),
        Block::Heading {
            level: 2,
            text: "Øre-næse-halskirurgi".to_owned(),
        },
        Block::Paragraph(vec![
            Inline::strong("71 pct."),
            Inline::plain(" af Ø&N's <læger> "),
            Inline::link("faktaark", "faktaark/oere-naese-halskirurgi.pdf"),
        ]),
        Block::List(List {
            ordered: true,
            items: vec![ListItem {
                content: vec![Inline::plain("Et råd")],
                children: Some(List {
                    ordered: false,
                    items: vec![ListItem {
                        content: vec![Inline::plain("En detalje")],
                        children: None,
                    }],
                }),
            }],
        }),
        Block::Chart(Chart {
            caption: "Understøtter klyngearbejdet kvalitetsarbejdet?".to_owned(),
            alt: "Vandrette søjler: Ø&N 71 pct., alle 65,7 pct.".to_owned(),
            kind: ChartKind::Stacked,
            series: vec!["Høj grad".to_owned(), "Nogen grad".to_owned()],
            rows: vec![
                ChartRow {
                    label: "Ø&N".to_owned(),
                    values: vec![value(52, 73, 0), value(21, 73, 0)],
                },
                ChartRow {
                    label: "Alle specialer".to_owned(),
                    values: vec![value(230, 350, 1), None],
                },
            ],
            unit: "pct.".to_owned(),
            note: Some("Antal svar: Ø&N 73".to_owned()),
        }),
        Block::Heading {
            level: 2,
            text: "Oere næse halskirurgi".to_owned(),
        },
        Block::Chart(Chart {
            caption: "Betydning".to_owned(),
            alt: "Søjler".to_owned(),
            kind: ChartKind::Grouped,
            series: vec!["Stor betydning".to_owned()],
            rows: vec![ChartRow {
                label: "Faglige drøftelser".to_owned(),
                values: vec![value(2, 3, 0)],
            }],
            unit: "pct.".to_owned(),
            note: None,
        }),
        Block::Table(Table {
            caption: Some("Specialerne <2025>".to_owned()),
            columns: vec![
                Column {
                    header: "Speciale".to_owned(),
                    width: 2,
                    numeric: false,
                },
                Column {
                    header: "Svarprocent".to_owned(),
                    width: 1,
                    numeric: true,
                },
                Column {
                    header: "Tema".to_owned(),
                    width: 1,
                    numeric: false,
                },
                Column {
                    header: "Mod landsplan".to_owned(),
                    width: 1,
                    numeric: false,
                },
                Column {
                    header: "Bemærkning".to_owned(),
                    width: 3,
                    numeric: false,
                },
            ],
            rows: vec![TableRow {
                cells: vec![
                    Cell::text("Ø&N \"Syd\""),
                    Cell::text("67,3 pct."),
                    Cell::Field {
                        prompt: "Skriv mødets tema".to_owned(),
                        value: None,
                    },
                    Cell::text("Over landsplan"),
                    Cell::text("En længere tekst, der må bryde over linjer"),
                ],
            }],
            row_headers: true,
            repeat_header: true,
        }),
    ]
}

#[test]
fn every_block_has_its_html_form() {
    let html = render(&document(every_block()));
    let expected = [
        "<!DOCTYPE html>\n<html lang=\"da\">",
        "<meta charset=\"utf-8\">",
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
        "content=\"default-src 'none'; style-src 'unsafe-inline'\"",
        "<title>Status &amp; &lt;overblik&gt;</title>",
        "<meta name=\"description\" content=\"Klyngernes &quot;status&quot; 2025\">",
        "<meta name=\"dcterms.date\" content=\"2026-03-16\">",
        "<h1 id=\"status-paa-klyngearbejdet\">Status på klyngearbejdet</h1>",
        "<p class=\"note\">Marts 2026</p>",
        "<section>\n<h2 id=\"oere-naese-halskirurgi\">Øre-næse-halskirurgi</h2>",
        "<p><strong>71\u{a0}pct.</strong> af Ø&amp;N&#x27;s &lt;læger&gt; <a href=\"faktaark/oere-naese-halskirurgi.pdf\">faktaark</a></p>",
        "<ol>\n<li>Et råd\n<ul>\n<li>En detalje</li>\n</ul>\n</li>\n</ol>",
        "<figure class=\"chart\" id=\"figur-1\">\n<figcaption>Understøtter klyngearbejdet kvalitetsarbejdet?</figcaption>",
        "role=\"img\" aria-labelledby=\"figur-1-alt\"><title id=\"figur-1-alt\">Vandrette søjler: Ø&amp;N 71 pct., alle 65,7 pct.</title>",
        ">Høj grad</li>",
        "<p class=\"note\">Antal svar: Ø&amp;N 73</p>\n</figure>",
        "</section>\n<section>\n<h2 id=\"oere-naese-halskirurgi-2\">",
        "<text x=\"0%\" y=\"15\" font-size=\"15\" fill=\"#222222\">Faglige drøftelser</text>",
        "<div class=\"table-wrap\" role=\"region\" aria-labelledby=\"tabel-1-titel\" tabindex=\"0\">",
        "<caption id=\"tabel-1-titel\"><span>Specialerne &lt;2025&gt;</span></caption>",
        "<th scope=\"col\">Speciale</th><th scope=\"col\" class=\"num\">Svarprocent</th>",
        "<tr><th scope=\"row\">Ø&amp;N &quot;Syd&quot;</th><td class=\"num\">67,3\u{a0}pct.</td><td class=\"field empty\">Skriv mødets tema</td><td class=\"short\">Over landsplan</td><td>En længere tekst, der må bryde over linjer</td></tr>",
        "</section>\n</main>\n<footer>\n<p>eKVIS · 2025</p>\n</footer>\n</body>\n</html>\n",
    ];
    for part in expected {
        assert!(html.contains(part), "missing {part:?} in\n{html}");
    }
    for forbidden in ["<script", "http://", "https://", "@import", "url("] {
        assert!(!html.contains(forbidden), "{forbidden} in the page");
    }
}

#[test]
fn a_stacked_bar_fills_the_width_and_prints_values_that_fit() {
    let html = render(&document(every_block()));
    // 52 of 73 of the width, then 21 of 73, parted by a white line.
    assert!(html.contains("<rect x=\"0%\" y=\"23\" width=\"71.23%\" height=\"30\""));
    assert!(html.contains("<rect x=\"71.23%\" y=\"23\" width=\"28.77%\" height=\"30\""));
    assert!(
        html.contains("<line x1=\"71.23%\" y1=\"23\" x2=\"71.23%\" y2=\"53\" stroke=\"#ffffff\"")
    );
    assert!(html.contains("text-anchor=\"middle\">71</text>"));
    assert!(html.contains("text-anchor=\"middle\">29</text>"));
    // A row whose second value has no base: the first segment alone fills the bar, unparted.
    assert!(html.contains("<rect x=\"0%\" y=\"90\" width=\"100%\" height=\"30\""));
    assert!(!html.contains("x1=\"100%\""));
}

#[test]
fn a_grouped_bar_spans_its_share_of_the_plot_with_its_value_beside_it() {
    let html = render(&document(every_block()));
    // 2 of 3 of the 84 % that 100 % spans.
    assert!(html.contains("<rect x=\"0%\" y=\"23\" width=\"56%\" height=\"24\""));
    assert!(html.contains(
        "<text x=\"56%\" dx=\"5\" y=\"39.9\" font-size=\"14\" fill=\"#222222\">67</text>"
    ));
    assert!(html.contains(">100 %</text>"));
}

#[test]
fn a_row_header_is_only_written_when_the_table_has_them() {
    let mut blocks = every_block();
    let Some(Block::Table(table)) = blocks.last_mut() else {
        panic!("the last block is a table");
    };
    table.row_headers = false;
    table.caption = None;
    let html = render(&document(blocks));
    assert!(!html.contains("<th scope=\"row\""));
    assert!(html.contains("<div class=\"table-wrap\" tabindex=\"0\">\n<table>\n<thead>"));
}

#[test]
fn the_same_document_gives_the_same_bytes() {
    let first = render(&document(every_block()));
    let second = render(&document(every_block()));
    assert_eq!(first, second);
}
