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

/// The first shown cluster as (specialty, cluster).
fn shown() -> (usize, usize) {
    let figures = &publication().figures;
    figures
        .specialties
        .iter()
        .enumerate()
        .find_map(|(s, specialty)| {
            let c = specialty
                .clusters
                .iter()
                .position(|cluster| cluster.results.shown().is_some())?;
            Some((s, c))
        })
        .expect("the fixture has a shown cluster")
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
    assert_eq!(bytes, file("data/figures.json"), "not deterministic");
    assert!(bytes.ends_with(b"}\n"));
    assert!(!bytes[..bytes.len() - 1].contains(&b'\n'), "not compact");
    let json: Value = serde_json::from_slice(&bytes).unwrap();
    let figures = &publication().figures;
    let specialty = &json["specialties"][0];
    let variable = &specialty["totals"]["variables"][0];
    let expected = &figures.specialties[0].totals.variables[0];
    assert_eq!(variable["key"], expected.key.as_str());
    assert_eq!(variable["base"], expected.base);
    // The answers as parallel arrays: every count, every published share, every segment.
    let counts: Vec<u32> = expected.answers.iter().map(|answer| answer.count).collect();
    assert_eq!(variable["counts"], serde_json::json!(counts));
    let percents: Vec<Option<u64>> = expected
        .answers
        .iter()
        .map(|answer| answer.share.map(|share| share.rounded().scaled))
        .collect();
    assert_eq!(variable["percents"], serde_json::json!(percents));
    let stacked: Vec<Option<u64>> = (0..expected.answers.len())
        .map(|answer| expected.segment(answer).map(|(_, segment)| segment.scaled))
        .collect();
    assert_eq!(variable["stacked"], serde_json::json!(stacked));
    // The top box: count and published value; its base is the variable's, said once.
    let top = expected.top.unwrap();
    assert_eq!(
        variable["top"],
        serde_json::json!({
            "count": top.share.part,
            "percent": top.rounded().scaled,
            "against_nation": expected.top_against_nation,
        })
    );
    // Copies of values given elsewhere are left out.
    for copy in ["answers", "low", "middle", "blank", "published"] {
        assert!(variable.get(copy).is_none(), "{copy}");
    }
    // The nation publishes one decimal, "48.0" included, and is compared with nothing.
    let national = &json["national"]["variables"][0]["top"];
    assert!(national["percent"].is_f64(), "{national}");
    assert!(national.get("against_nation").is_none(), "{national}");
    assert_eq!(
        national["percent"].as_f64(),
        Some(figures.national.variables[0].top.unwrap().rounded().value())
    );
    // Participation: the response rate is its published value; its fraction is the
    // respondents of the invited beside it.
    assert_eq!(
        json["national"]["response_rate"].as_f64(),
        Some(figures.national.response_rate.unwrap().rounded().value())
    );
    // A cluster's top box carries both comparisons.
    let (s, c) = shown();
    let cluster = &json["specialties"][s]["clusters"][c];
    let expected = &figures.specialties[s].clusters[c].results.shown().unwrap()[0];
    let top = &cluster["results"]["variables"][0]["top"];
    assert_eq!(
        (&top["against_nation"], &top["against_specialty"]),
        (
            &serde_json::json!(expected.top_against_nation),
            &serde_json::json!(expected.top_against_specialty)
        )
    );
    // A ranking lists keys in order; their shares are the unit's top boxes.
    let ranking = &specialty["outcomes"]["rankings"]["motivation"];
    let expected: Vec<&str> = figures.specialties[0]
        .outcomes
        .ranking(format_api::Role::Motivation)
        .iter()
        .map(|item| item.key.as_str())
        .collect();
    assert!(!expected.is_empty());
    assert_eq!(ranking, &serde_json::json!(expected));
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
        "niveau;speciale;klynge;variabel;svar;antal;basis;procent;bemaerkning"
    );
    let figures = &publication().figures;
    let answers: usize = figures.variables.iter().map(|v| v.answers.len()).sum();
    let clusters = figures.specialties.iter().flat_map(|s| &s.clusters);
    let suppressed_clusters = clusters
        .clone()
        .filter(|cluster| cluster.results.shown().is_none())
        .count();
    let units = 1 + figures.specialties.len() + clusters.count() - suppressed_clusters;
    assert_eq!(lines.len(), 1 + units * answers + suppressed_clusters);
    // A suppressed cluster is one row: its names and why.
    let (s, c, _) = suppressed();
    let specialty = &figures.specialties[s];
    let name = &specialty.clusters[c].name;
    let marked: Vec<&&str> = lines
        .iter()
        .filter(|line| line.contains(&format!(";{name};")))
        .collect();
    assert_eq!(
        marked,
        [&format!(
            "klynge;{};{name};;;;;;undertrykt: færre end 5 svar",
            specialty.name
        )]
    );
    // The national support row: count, base and the share as published.
    let support = figures.variable_index("understoetter").unwrap();
    let national = &figures.national.variables[support];
    let label = &figures.variables[support].answers[0].label;
    let row = format!(
        "national;;;understoetter;{label};{};{};{};",
        national.answers[0].count,
        national.base,
        national.answers[0].share.unwrap().number()
    );
    assert!(lines.contains(&row.as_str()), "no row {row}");
    // An answer outside the base has no base and no share, and says why.
    let outside = figures
        .variables
        .iter()
        .zip(&figures.national.variables)
        .find_map(|(info, variable)| {
            let index = info.answers.iter().position(|answer| answer.outside_base)?;
            Some(format!(
                "national;;;{};{};{};;;uden for basis",
                info.key, info.answers[index].label, variable.answers[index].count
            ))
        })
        .expect("the fixture has an answer outside the base");
    assert!(lines.contains(&outside.as_str()), "no row {outside}");
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
