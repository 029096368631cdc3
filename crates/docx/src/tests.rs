use std::io::{Cursor, Read};

use document::{
    Block, Cell, Chart, ChartKind, ChartRow, ChartValue, Column, Date, Document, Inline, List,
    ListItem, Meta, Orientation, Palette, Rgb, Share, Table, TableRow,
};

use super::render;

fn sample(orientation: Orientation) -> Document {
    let item = |text: &str, children: Option<List>| ListItem {
        content: vec![Inline::strong(text)],
        children,
    };
    let share = Share::new(71, 100).unwrap();
    Document {
        meta: Meta {
            title: "Årsplan for klyngemøder 2026".to_owned(),
            subject: "Derma – Nord".to_owned(),
            language: "da-DK".to_owned(),
            author: "eKVIS".to_owned(),
            date: Date {
                year: 2026,
                month: 3,
                day: 16,
            },
        },
        orientation,
        footer: "eKVIS · Derma – Nord & co".to_owned(),
        palette: Palette::new(
            Rgb(0x1b, 0x4f, 0x72),
            Rgb(0xd9, 0x82, 0x2b),
            Rgb(0x22, 0x22, 0x22),
        ),
        blocks: vec![
            Block::Heading {
                level: 1,
                text: "Årsplan".to_owned(),
            },
            Block::Note("Marts 2026".to_owned()),
            Block::Paragraph(vec![
                Inline::plain("Se "),
                Inline::link("præsentationen", "praesentation.pptx"),
                Inline::plain(" <før> mødet\tog\nbagefter \u{1}."),
            ]),
            Block::Heading {
                level: 2,
                text: "Møder".to_owned(),
            },
            Block::List(List {
                ordered: true,
                items: vec![
                    item(
                        "Tag afsæt i konsultationen",
                        Some(List {
                            ordered: false,
                            items: vec![item("Medbring forløb", None)],
                        }),
                    ),
                    item("Gør aftalerne synlige", None),
                ],
            }),
            Block::List(List {
                ordered: false,
                items: vec![item("En punktopstilling", None)],
            }),
            Block::Table(Table {
                caption: Some("Årets møder".to_owned()),
                columns: vec![
                    Column {
                        header: "Dato".to_owned(),
                        width: 1,
                        numeric: false,
                    },
                    Column {
                        header: "Tema".to_owned(),
                        width: 3,
                        numeric: false,
                    },
                ],
                rows: vec![
                    TableRow {
                        cells: vec![
                            Cell::text("1."),
                            Cell::Field {
                                prompt: "Skriv mødets tema".to_owned(),
                                value: None,
                            },
                        ],
                    },
                    TableRow {
                        cells: vec![
                            Cell::text("2."),
                            Cell::Field {
                                prompt: "Skriv mødets tema".to_owned(),
                                value: Some("Data i klinikken".to_owned()),
                            },
                        ],
                    },
                ],
                row_headers: true,
                repeat_header: true,
            }),
            Block::Chart(Chart {
                caption: "Understøtter klyngearbejdet kvalitetsarbejdet?".to_owned(),
                alt: "Vandrette søjler".to_owned(),
                kind: ChartKind::Grouped,
                series: vec!["Klyngen".to_owned()],
                rows: vec![ChartRow {
                    label: "I høj grad".to_owned(),
                    values: vec![Some(ChartValue {
                        exact: share,
                        published: share.percent(0),
                    })],
                }],
                unit: "pct.".to_owned(),
                note: Some("Antal svar: 24".to_owned()),
            }),
        ],
    }
}

fn part(bytes: &[u8], name: &str) -> String {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut text = String::new();
    archive
        .by_name(name)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

#[test]
fn every_part_validates_against_the_schemas() {
    for orientation in [Orientation::Portrait, Orientation::Landscape] {
        ooxml_check::assert_valid_package(&render(&sample(orientation)).unwrap());
    }
}

#[test]
fn the_same_document_gives_the_same_bytes() {
    let document = sample(Orientation::Landscape);
    assert_eq!(render(&document).unwrap(), render(&document).unwrap());
}

#[test]
fn writes_word_structure() {
    let bytes = render(&sample(Orientation::Landscape)).unwrap();
    let body = part(&bytes, "word/document.xml");
    for expected in [
        r#"<w:pStyle w:val="Heading1"/>"#,
        r#"<w:pStyle w:val="Heading2"/>"#,
        r#"<w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr>"#,
        r#"<w:numPr><w:ilvl w:val="0"/><w:numId w:val="2"/></w:numPr>"#,
        "<w:tblHeader/>",
        r#"<w:tblCaption w:val="Årets møder"/>"#,
        "<w:showingPlcHdr/>",
        r#"<w:rStyle w:val="PlaceholderText"/><w:lang w:val="da-DK"/></w:rPr><w:t xml:space="preserve">Skriv mødets tema</w:t>"#,
        r#"<w:t xml:space="preserve">Data i klinikken</w:t>"#,
        r#"<w:instrText xml:space="preserve"> HYPERLINK &quot;praesentation.pptx&quot; </w:instrText>"#,
        r#"<w:t xml:space="preserve"> &lt;før&gt; mødet</w:t><w:tab/><w:t xml:space="preserve">og</w:t><w:br/><w:t xml:space="preserve">bagefter .</w:t>"#,
        r#"<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>"#,
        r#"<w:t xml:space="preserve">71 pct.</w:t>"#,
    ] {
        assert!(body.contains(expected), "{expected} missing from {body}");
    }
    // One placeholder per distinct prompt, shared by both fields.
    assert_eq!(
        body.matches(r#"<w:docPart w:val="Udfyldningsfelt1"/>"#)
            .count(),
        2
    );
    assert_eq!(body.matches("<w:showingPlcHdr/>").count(), 1);
    let numbering = part(&bytes, "word/numbering.xml");
    assert!(
        numbering.contains(r#"<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>"#)
    );
    assert!(
        numbering.contains(r#"<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="bullet"/>"#)
    );
    let styles = part(&bytes, "word/styles.xml");
    assert!(styles.contains(r#"<w:name w:val="heading 1"/>"#));
    assert!(styles.contains(r#"<w:outlineLvl w:val="1"/>"#));
    assert!(styles.contains(r#"<w:lang w:val="da-DK" w:eastAsia="da-DK"/>"#));
    let footer = part(&bytes, "word/footer1.xml");
    assert!(footer.contains("eKVIS · Derma – Nord &amp; co"));
    assert!(footer.contains(r#"<w:fldSimple w:instr=" PAGE ">"#));
    let glossary = part(&bytes, "word/glossary/document.xml");
    assert!(glossary.contains("Skriv mødets tema"));
    let core = part(&bytes, "docProps/core.xml");
    assert!(core.contains("<dc:title>Årsplan for klyngemøder 2026</dc:title>"));
    assert!(core.contains("2026-03-16T00:00:00Z"));
}

#[test]
fn a_document_without_fields_has_no_glossary() {
    let mut document = sample(Orientation::Portrait);
    document
        .blocks
        .retain(|block| !matches!(block, Block::Table(_)));
    let bytes = render(&document).unwrap();
    let archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    assert!(
        archive
            .file_names()
            .all(|name| !name.unwrap().contains("glossary"))
    );
}
