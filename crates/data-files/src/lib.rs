//! The analyst's data: `data/figures.json` (every figure and every rule's outcome) and
//! `data/figures.csv` (one row per unit × variable × answer, for a spreadsheet).
//!
//! What the data files contain never depends on what a document needs: every question of the
//! survey definition is here, whatever roles the documents use.

use aggregate::{ClusterResults, Figures, Percent, UnitFigures, Warning};
use format_api::{Format, OutputFile, Publication, Rendered, Unit, UnitKind};
use serde::Serialize;

/// The data format.
pub struct DataFiles;

#[derive(Serialize)]
struct FiguresFile<'a> {
    year: u16,
    publication_date: String,
    publisher: &'a str,
    #[serde(flatten)]
    figures: &'a Figures,
    warnings: &'a [Warning],
}

impl Format for DataFiles {
    fn name(&self) -> &'static str {
        "data"
    }

    fn description(&self) -> &'static str {
        "data/figures.json with every computed figure and data/figures.csv for spreadsheets"
    }

    fn units(&self) -> UnitKind {
        UnitKind::Publication
    }

    fn render(&self, publication: &Publication, _unit: Unit) -> Result<Rendered, String> {
        let settings = &publication.settings.settings;
        let file = FiguresFile {
            year: settings.year,
            publication_date: settings.publication_date.to_string(),
            publisher: &settings.publisher,
            figures: &publication.figures,
            warnings: &publication.warnings,
        };
        let mut json = serde_json::to_vec_pretty(&file).map_err(|error| error.to_string())?;
        json.push(b'\n');
        Ok(Rendered {
            files: vec![
                OutputFile {
                    path: "data/figures.json".to_owned(),
                    bytes: json,
                },
                OutputFile {
                    path: "data/figures.csv".to_owned(),
                    bytes: csv(&publication.figures).into_bytes(),
                },
            ],
            warnings: Vec::new(),
        })
    }
}

/// Column headers of figures.csv.
const CSV_HEADER: [&str; 10] = [
    "niveau",
    "speciale",
    "klynge",
    "variabel",
    "spoergsmaal",
    "del",
    "svar",
    "antal",
    "basis",
    "procent",
];

/// The figures as semicolon-separated values with a byte-order mark, the form Danish Excel opens.
fn csv(figures: &Figures) -> String {
    let mut out = String::from("\u{feff}");
    push_row(&mut out, CSV_HEADER.map(str::to_owned));
    unit_rows(&mut out, figures, "national", "", "", &figures.national);
    for specialty in &figures.specialties {
        unit_rows(
            &mut out,
            figures,
            "speciale",
            &specialty.name,
            "",
            &specialty.totals,
        );
        for cluster in &specialty.clusters {
            match &cluster.results {
                ClusterResults::Shown { variables } => {
                    let unit = UnitFigures {
                        invited: cluster.invited,
                        respondents: cluster.respondents,
                        response_rate: cluster.response_rate,
                        variables: variables.clone(),
                    };
                    unit_rows(
                        &mut out,
                        figures,
                        "klynge",
                        &specialty.name,
                        &cluster.name,
                        &unit,
                    );
                }
                ClusterResults::Suppressed => push_row(
                    &mut out,
                    [
                        "klynge".to_owned(),
                        specialty.name.clone(),
                        cluster.name.clone(),
                        String::new(),
                        String::new(),
                        String::new(),
                        format!("undertrykt: færre end {} svar", figures.min_respondents),
                        String::new(),
                        String::new(),
                        String::new(),
                    ],
                ),
            }
        }
    }
    out
}

fn unit_rows(
    out: &mut String,
    figures: &Figures,
    level: &str,
    specialty: &str,
    cluster: &str,
    unit: &UnitFigures,
) {
    for (info, variable) in figures.variables.iter().zip(&unit.variables) {
        for (answer, counted) in info.answers.iter().zip(&variable.answers) {
            push_row(
                out,
                [
                    level.to_owned(),
                    specialty.to_owned(),
                    cluster.to_owned(),
                    info.key.clone(),
                    info.question_text.clone(),
                    info.item_text.clone().unwrap_or_default(),
                    answer.label.clone(),
                    counted.count.to_string(),
                    if answer.outside_base {
                        String::new()
                    } else {
                        variable.base.to_string()
                    },
                    counted.share.map_or_else(String::new, Percent::number),
                ],
            );
        }
    }
}

fn push_row<const N: usize>(out: &mut String, cells: [String; N]) {
    let cells: Vec<String> = cells.iter().map(|cell| csv_cell(cell)).collect();
    out.push_str(&cells.join(";"));
    out.push_str("\r\n");
}

/// One CSV cell: neutralised if a spreadsheet would read it as a formula, quoted when needed.
fn csv_cell(value: &str) -> String {
    let mut cell = value.to_owned();
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        cell.insert(0, '\'');
    }
    if cell.contains([';', '"', '\n', '\r']) {
        cell = format!("\"{}\"", cell.replace('"', "\"\""));
    }
    cell
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_that_look_like_formulas_are_neutralised() {
        let cases = [
            ("Derma – Nord", "Derma – Nord"),
            ("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\""),
            ("+45 1234", "'+45 1234"),
            ("-1", "'-1"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("a;b", "\"a;b\""),
            ("to\nlinjer", "\"to\nlinjer\""),
        ];
        for (value, expected) in cases {
            assert_eq!(csv_cell(value), expected);
        }
    }
}
