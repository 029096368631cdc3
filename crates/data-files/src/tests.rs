use std::io::{Cursor, Read};
use std::path::PathBuf;
use std::sync::OnceLock;

use aggregate::ClusterResults;
use calamine::{Data, Reader, Xlsx};
use serde_json::Value;

use super::*;

/// The 2025 fixture, prepared for this format.
fn publication() -> &'static Publication {
    static PUBLICATION: OnceLock<Publication> = OnceLock::new();
    PUBLICATION.get_or_init(|| {
        let settings = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../../fixtures/2025/indstillinger.toml");
        let selection = publish::Selection::new(&["data".to_owned()]).unwrap();
        publish::prepare(&settings, &selection.requirements)
            .unwrap_or_else(|error| panic!("{error}"))
    })
}

fn file(path: &str) -> Vec<u8> {
    DataFiles
        .render(publication(), Unit::Publication)
        .unwrap()
        .files
        .into_iter()
        .find(|file| file.path == path)
        .unwrap_or_else(|| panic!("no {path}"))
        .bytes
}

/// The first suppressed cluster as (specialty, cluster) and its row among all clusters.
fn suppressed() -> (usize, usize, usize) {
    let figures = &publication().figures;
    let mut row = 0;
    for (s, specialty) in figures.specialties.iter().enumerate() {
        for (c, cluster) in specialty.clusters.iter().enumerate() {
            if matches!(cluster.results, ClusterResults::Suppressed) {
                return (s, c, row);
            }
            row += 1;
        }
    }
    panic!("the fixture has a suppressed cluster")
}

#[test]
fn the_json_is_compact_and_keeps_counts_bases_and_published_forms() {
    let bytes = file("data/figures.json");
    assert!(bytes.ends_with(b"}\n"));
    assert!(!bytes[..bytes.len() - 1].contains(&b'\n'), "not compact");
    let json: Value = serde_json::from_slice(&bytes).unwrap();
    let figures = &publication().figures;
    let specialty = &json["specialties"][0];
    let variable = &specialty["totals"]["variables"][0];
    let expected = &figures.specialties[0].totals.variables[0];
    assert_eq!(variable["key"], expected.key.as_str());
    assert_eq!(variable["base"], expected.base);
    let top = expected.top.unwrap();
    assert_eq!(variable["top"]["count"], top.share.part);
    assert_eq!(variable["top"]["base"], top.share.whole);
    assert_eq!(variable["top"]["published"], top.pct());
    assert_eq!(variable["top"]["percent"], top.rounded().value());
    let answer = &variable["answers"][0];
    assert_eq!(answer["count"], expected.answers[0].count);
    assert_eq!(
        answer["percent"],
        expected.answers[0].share.unwrap().rounded().value()
    );
    // Copies of values given elsewhere are left out.
    assert!(variable.get("low").is_none() && variable.get("middle").is_none());
    assert!(variable.get("blank").is_none());
    // A specialty's shares have no decimals: integers in the file.
    assert!(variable["top"]["percent"].is_u64(), "{}", variable["top"]);
    let national = &json["national"]["variables"][0]["top"];
    assert!(national["percent"].is_f64(), "{national}");
    assert!(answer.get("published").is_none());
    let ranked = &specialty["outcomes"]["rankings"]["motivation"][0];
    assert!(ranked["key"].is_string() && ranked.get("share").is_none());
    let (s, c, _) = suppressed();
    let cluster = &json["specialties"][s]["clusters"][c];
    assert_eq!(
        cluster["results"],
        serde_json::json!({"status": "suppressed"})
    );
    assert_eq!(cluster["outcomes"], Value::Null);
}

#[test]
fn the_csv_has_one_row_per_unit_variable_and_answer() {
    let bytes = file("data/figures.csv");
    let text = String::from_utf8(bytes).unwrap();
    let text = text.strip_prefix('\u{feff}').expect("a byte-order mark");
    let lines: Vec<&str> = text.split_terminator("\r\n").collect();
    assert_eq!(
        lines[0],
        "niveau;speciale;klynge;variabel;svar;antal;basis;andel;procent;bemaerkning"
    );
    let figures = &publication().figures;
    let answers: usize = figures.variables.iter().map(|v| v.answers.len()).sum();
    let units = 1 + figures
        .specialties
        .iter()
        .map(|specialty| 1 + specialty.clusters.len())
        .sum::<usize>();
    assert_eq!(lines.len(), 1 + units * answers);
    let (s, c, _) = suppressed();
    let name = &figures.specialties[s].clusters[c].name;
    let marked: Vec<&&str> = lines
        .iter()
        .filter(|line| line.contains(&format!(";{name};")))
        .collect();
    assert_eq!(marked.len(), answers);
    assert!(
        marked
            .iter()
            .all(|line| line.ends_with(";;;;;undertrykt: færre end 5 svar"))
    );
    // The national support row: count, base, exact share and the share as published.
    let support = figures.variable_index("understoetter").unwrap();
    let national = &figures.national.variables[support];
    let label = &figures.variables[support].answers[0].label;
    let row = format!(
        "national;;;understoetter;{label};{};{};",
        national.answers[0].count, national.base
    );
    let line = lines.iter().find(|line| line.starts_with(&row)).unwrap();
    let published = national.answers[0].share.unwrap().number();
    assert!(line.ends_with(&format!(";{published};")), "{line}");
}

#[test]
fn the_workbook_reads_back_with_a_sheet_per_level() {
    let bytes = file("data/figures.xlsx");
    assert_eq!(bytes, file("data/figures.xlsx"), "not deterministic");
    let mut workbook = Xlsx::new(Cursor::new(bytes.clone())).unwrap();
    assert_eq!(workbook.sheet_names(), XLSX_SHEETS);
    let figures = &publication().figures;
    let support = figures.variable_index("understoetter").unwrap();
    let header_rows = XLSX_HEADER_ROWS as usize;

    let national = workbook.worksheet_range("Landet").unwrap();
    assert_eq!(national.height(), header_rows + 1);
    assert_eq!(
        national.get((2, 0)),
        Some(&Data::String("Hele landet".into()))
    );
    assert_eq!(
        national.get((2, 1)),
        Some(&Data::Float(f64::from(figures.national.invited)))
    );
    // The support block: find its "Topboks" column by the variable row.
    let headers: Vec<String> = (0..national.width())
        .map(|column| {
            national
                .get((0, column))
                .map(|d| d.to_string())
                .unwrap_or_default()
        })
        .collect();
    let block = headers
        .iter()
        .position(|title| title.starts_with("understoetter: "))
        .unwrap();
    assert_eq!(
        national.get((1, block + 2)),
        Some(&Data::String("Topboks".into()))
    );
    let top = figures.national.variables[support].top.unwrap();
    assert_eq!(
        national.get((2, block + 2)),
        Some(&Data::Float(top.rounded().value()))
    );

    let specialties = workbook.worksheet_range("Specialer").unwrap();
    assert_eq!(
        specialties.height(),
        header_rows + figures.specialties.len()
    );
    let first = &figures.specialties[0];
    assert_eq!(
        specialties.get((2, 0)),
        Some(&Data::String(first.name.clone()))
    );
    assert_eq!(
        specialties.get((2, 2)),
        Some(&Data::Float(f64::from(first.totals.invited)))
    );

    let clusters = workbook.worksheet_range("Klynger").unwrap();
    let (s, c, row) = suppressed();
    let cluster = &figures.specialties[s].clusters[c];
    let row = header_rows + row;
    assert_eq!(
        clusters.get((row, 1)),
        Some(&Data::String(cluster.name.clone()))
    );
    // Participation stays; every figure cell is marked.
    assert_eq!(
        clusters.get((row, 4)),
        Some(&Data::Float(f64::from(cluster.respondents)))
    );
    let width = clusters.width();
    assert!(width > 6);
    for column in 6..width {
        assert_eq!(
            clusters.get((row, column)),
            Some(&Data::String(XLSX_SUPPRESSED.into())),
            "column {column}"
        );
    }

    // Frozen header rows and name columns, and the number formats.
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut sheet = String::new();
    zip.by_name("xl/worksheets/sheet3.xml")
        .unwrap()
        .read_to_string(&mut sheet)
        .unwrap();
    assert!(sheet.contains(r#"<pane xSplit="2" ySplit="2" topLeftCell="C3" activePane="bottomRight" state="frozen"/>"#), "{}", &sheet[..600]);
    let mut styles = String::new();
    zip.by_name("xl/styles.xml")
        .unwrap()
        .read_to_string(&mut styles)
        .unwrap();
    assert!(styles.contains(r##"formatCode="#,##0""##));
    assert!(
        styles.contains(r#"formatCode="General&quot; pct.&quot;""#),
        "{styles}"
    );
}
