//! Decks through the renderer: schema-valid packages, native charts whose formulas, caches and
//! embedded workbooks agree, the same bytes every time, and slides the layouts cannot hold
//! refused. Needs `xmllint` (libxml2-utils) for the schema check.

use std::io::{Cursor, Read};

use document::{
    Block, Cell, Chart, ChartKind, ChartRow, ChartValue, Column, Date, Deck, Inline, List,
    ListItem, Meta, Palette, Rgb, Share, Slide, SlideLayout, Table, TableRow,
};

fn value(part: u64, whole: u64, decimals: u8) -> Option<ChartValue> {
    let exact = Share::new(part, whole)?;
    Some(ChartValue {
        exact,
        published: exact.percent(decimals),
    })
}

fn stacked_chart() -> Chart {
    Chart {
        caption: "Understøtter klyngearbejdet kvalitetsarbejdet?".to_owned(),
        alt: "Vandret søjlediagram med tre rækker.".to_owned(),
        kind: ChartKind::Stacked,
        series: vec![
            "I høj grad".into(),
            "I nogen grad".into(),
            "Slet ikke".into(),
        ],
        rows: vec![
            ChartRow {
                label: "Klynge & co <Nord>".into(),
                values: vec![value(5, 7, 0), value(2, 7, 0), value(0, 7, 0)],
            },
            ChartRow {
                label: "Speciale".into(),
                values: vec![value(40, 60, 0), value(17, 60, 0), value(3, 60, 0)],
            },
            ChartRow {
                label: "Hele landet".into(),
                values: vec![value(340, 517, 1), value(150, 517, 1), value(27, 517, 1)],
            },
        ],
        unit: "pct.".into(),
        note: Some("Antal svar: Klynge 7, Speciale 60, Hele landet 517.".into()),
    }
}

fn grouped_chart() -> Chart {
    Chart {
        caption: "Vigtigt og oplevet".into(),
        alt: "Vandret søjlediagram.".into(),
        kind: ChartKind::Grouped,
        series: vec!["Vigtigt".into(), "Oplever".into()],
        rows: vec![
            ChartRow {
                label: "Faglige drøftelser".into(),
                values: vec![value(6, 7, 0), value(5, 7, 0)],
            },
            ChartRow {
                label: "Et tillidsfuldt rum".into(),
                values: vec![value(7, 7, 0), None],
            },
        ],
        unit: "pct.".into(),
        note: None,
    }
}

fn sample_deck() -> Deck {
    let palette = Palette::new(
        Rgb(0x1b, 0x4f, 0x72),
        Rgb(0xd9, 0x82, 0x2b),
        Rgb(0x22, 0x22, 0x22),
    );
    let paragraph = |text: &str| Block::Paragraph(vec![Inline::plain(text)]);
    let table = Table {
        caption: Some("Besvarelser".into()),
        columns: vec![
            Column {
                header: "Enhed".into(),
                width: 3,
                numeric: false,
            },
            Column {
                header: "Svarprocent".into(),
                width: 1,
                numeric: true,
            },
        ],
        rows: vec![TableRow {
            cells: vec![Cell::text("Klyngen"), Cell::text("58,3 pct.")],
        }],
        row_headers: true,
        repeat_header: false,
    };
    Deck {
        meta: Meta {
            title: "Klynge Nord: resultater".into(),
            subject: "Klyngens resultater 2025".into(),
            language: "da-DK".into(),
            author: "eKVIS".into(),
            date: Date {
                year: 2026,
                month: 3,
                day: 16,
            },
        },
        footer: "eKVIS · Klynge Nord · 2025".into(),
        palette,
        slides: vec![
            Slide {
                layout: SlideLayout::Title {
                    subtitle: vec!["Dermatologi".into(), "Marts 2026".into()],
                },
                title: "Klynge Nord".into(),
                blocks: vec![],
                notes: vec!["Velkommen.".into(), "Ingen udstilles\u{1}.".into()],
            },
            Slide {
                layout: SlideLayout::Content,
                title: "Om undersøgelsen".into(),
                blocks: vec![paragraph("7 af 12 har svaret."), Block::Table(table)],
                notes: vec!["Tal om svarprocenten.".into()],
            },
            Slide {
                layout: SlideLayout::Content,
                title: "Understøttelse".into(),
                blocks: vec![
                    paragraph("71 pct. i klyngen …"),
                    Block::Note("Kilde: spørgeskemaet".into()),
                    Block::Chart(stacked_chart()),
                ],
                notes: vec![],
            },
            Slide {
                layout: SlideLayout::Content,
                title: "Forventninger".into(),
                blocks: vec![Block::Chart(grouped_chart())],
                notes: vec!["Se på afstanden.".into()],
            },
            Slide {
                layout: SlideLayout::Content,
                title: "Næste skridt".into(),
                blocks: vec![Block::List(List {
                    ordered: false,
                    items: vec![ListItem {
                        content: vec![Inline::strong("Aftal"), Inline::plain(" opfølgning")],
                        children: None,
                    }],
                })],
                notes: vec!["Saml op.".into()],
            },
        ],
    }
}

fn parts(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    (0..archive.len())
        .map(|index| {
            let mut file = archive.by_index(index).unwrap();
            let mut data = Vec::new();
            file.read_to_end(&mut data).unwrap();
            (file.name().unwrap().into_owned(), data)
        })
        .collect()
}

fn part(parts: &[(String, Vec<u8>)], name: &str) -> String {
    let (_, data) = parts
        .iter()
        .find(|(found, _)| found == name)
        .unwrap_or_else(|| panic!("{name} missing"));
    String::from_utf8(data.clone()).unwrap()
}

#[test]
fn a_deck_is_a_schema_valid_package() {
    let bytes = pptx::render(&sample_deck()).unwrap();
    ooxml_check::assert_valid_package(&bytes);
}

#[test]
fn the_same_deck_gives_the_same_bytes() {
    let deck = sample_deck();
    assert_eq!(pptx::render(&deck).unwrap(), pptx::render(&deck).unwrap());
}

#[test]
fn every_slide_has_notes_and_charts_have_their_workbooks() {
    let parts = parts(&pptx::render(&sample_deck()).unwrap());
    let names: Vec<&str> = parts.iter().map(|(name, _)| name.as_str()).collect();
    for number in 1..=5 {
        assert!(names.contains(&format!("ppt/slides/slide{number}.xml").as_str()));
        assert!(names.contains(&format!("ppt/notesSlides/notesSlide{number}.xml").as_str()));
    }
    for number in 1..=2 {
        assert!(names.contains(&format!("ppt/charts/chart{number}.xml").as_str()));
        assert!(
            names.contains(
                &format!("ppt/embeddings/Microsoft_Excel_Worksheet{number}.xlsx").as_str()
            )
        );
        let relationships = part(&parts, &format!("ppt/charts/_rels/chart{number}.xml.rels"));
        assert!(
            relationships.contains(&format!(
                "relationships/package\" Target=\"../embeddings/Microsoft_Excel_Worksheet{number}.xlsx\""
            )),
            "{relationships}"
        );
    }
    assert!(!names.iter().any(|name| name.contains("chart3")));
    let notes = part(&parts, "ppt/notesSlides/notesSlide1.xml");
    assert!(
        notes.contains("<a:t>Ingen udstilles.</a:t>"),
        "control character dropped: {notes}"
    );
    let slide = part(&parts, "ppt/slides/slide3.xml");
    assert!(slide.contains("descr=\"Vandret søjlediagram med tre rækker.\""));
    assert!(slide.contains("lang=\"da-DK\""));
}

#[test]
fn chart_caches_hold_the_published_values_under_formulas_into_the_sheet() {
    let parts = parts(&pptx::render(&sample_deck()).unwrap());
    let chart = part(&parts, "ppt/charts/chart1.xml");
    for expected in [
        "<c:lang val=\"da-DK\"/>",
        "<c:barDir val=\"bar\"/><c:grouping val=\"percentStacked\"/>",
        "<c:orientation val=\"maxMin\"/>",
        "<c:crosses val=\"max\"/>",
        "<c:overlap val=\"100\"/>",
        "<c:f>Ark1!$B$1</c:f><c:strCache><c:ptCount val=\"1\"/><c:pt idx=\"0\"><c:v>I høj grad</c:v>",
        "<c:f>Ark1!$A$2:$A$4</c:f><c:strCache><c:ptCount val=\"3\"/><c:pt idx=\"0\"><c:v>Klynge &amp; co &lt;Nord&gt;</c:v>",
        // 5/7 = 71 %, 40/60 = 67 %, 340/517 = 65,8 %.
        "<c:f>Ark1!$B$2:$B$4</c:f><c:numCache><c:formatCode>General</c:formatCode><c:ptCount val=\"3\"/><c:pt idx=\"0\"><c:v>71</c:v></c:pt><c:pt idx=\"1\"><c:v>67</c:v></c:pt><c:pt idx=\"2\"><c:v>65.8</c:v></c:pt>",
        // The empty segment (0 of 7) gets no label; 3 of 60 = 5 % does.
        "<c:f>Ark1!$D$1</c:f>",
        "<c:dLbl><c:idx val=\"0\"/><c:delete val=\"1\"/></c:dLbl><c:spPr>",
        "<c:externalData r:id=\"rId1\"><c:autoUpdate val=\"0\"/></c:externalData>",
    ] {
        assert!(chart.contains(expected), "{expected} missing from {chart}");
    }
    let grouped = part(&parts, "ppt/charts/chart2.xml");
    // A value with no base is left out of the cache, which still counts every point.
    assert!(grouped.contains(
        "<c:f>Ark1!$C$2:$C$3</c:f><c:numCache><c:formatCode>General</c:formatCode><c:ptCount val=\"2\"/><c:pt idx=\"0\"><c:v>71</c:v></c:pt></c:numCache>"
    ), "{grouped}");
    assert!(grouped.contains("<c:grouping val=\"clustered\"/>"));

    let workbook = parts
        .iter()
        .find(|(name, _)| name == "ppt/embeddings/Microsoft_Excel_Worksheet1.xlsx")
        .map(|(_, data)| data.clone())
        .unwrap();
    let workbook_parts = self::parts(&workbook);
    let sheet = part(&workbook_parts, "xl/worksheets/sheet1.xml");
    let workbook_xml = part(&workbook_parts, "xl/workbook.xml");
    assert!(workbook_xml.contains("name=\"Ark1\""), "{workbook_xml}");
    for cell in [
        "<c r=\"B1\" t=\"inlineStr\"><is><t>I høj grad</t></is></c>",
        "<c r=\"A2\" t=\"inlineStr\"><is><t>Klynge &amp; co &lt;Nord&gt;</t></is></c>",
        "<c r=\"B2\"><v>71</v></c>",
        "<c r=\"B4\"><v>65.8</v></c>",
        "<c r=\"D2\"><v>0</v></c>",
    ] {
        assert!(sheet.contains(cell), "{cell} missing from {sheet}");
    }
    let core = part(&workbook_parts, "docProps/core.xml");
    assert!(core.contains("2026-03-16T00:00:00Z"), "{core}");
}

#[test]
fn a_slide_with_two_charts_is_refused_with_its_number_and_title() {
    let mut deck = sample_deck();
    deck.slides[3].blocks.push(Block::Chart(grouped_chart()));
    let error = pptx::render(&deck).unwrap_err().to_string();
    assert_eq!(
        error,
        "slide 4 (\"Forventninger\"): a slide holds at most one chart or table"
    );
}
