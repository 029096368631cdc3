//! Ingest on small, focused inputs: each bad input gives a problem naming its cell.

use std::path::Path;

use ingest::{LoadedSettings, Problems, load_settings, read_survey};
use model::Survey;
use rust_xlsxwriter::Workbook;

const DEFINITION: &str = r#"
[columns]
respondent_id = "ID"
cluster = "Klynge"
status = "Status"

[status]
respondent = ["Gennemført", "Delvist besvaret"]
non_respondent = ["Ikke besvaret"]

[scales.janej]
answers = [
  { code = 1, label = "Ja", top = true },
  { code = 2, label = "Nej" },
  { code = 9, label = "Ved ikke", outside_base = true },
]

[[questions]]
id = "forbedringer"
text = "Har du indført forbedringer?"
kind = "single"
column = "Q1"
scale = "janej"

[[questions]]
id = "kommentar"
text = "Kommentarer"
kind = "free_text"
column = "Q2"
"#;

const SETTINGS: &str = r#"
year = 2025
publisher = "eKVIS"
publication_date = "2026-03-16"
[inputs]
definition = "definition.toml"
export = "export.xlsx"
roster = "roster.xlsx"
texts = "tekster.toml"
editorial = "redaktionelt"
"#;

/// Writes the settings, with the texts and editorial inputs they name (not read by ingest).
fn write_settings(folder: &Path) {
    std::fs::write(folder.join("settings.toml"), SETTINGS).unwrap();
    std::fs::write(folder.join("tekster.toml"), "").unwrap();
    std::fs::create_dir_all(folder.join("redaktionelt")).unwrap();
}

/// A cell to write: text, a number, or nothing.
#[derive(Clone, Copy)]
enum V {
    T(&'static str),
    N(f64),
    E,
}
use V::{E, N, T};

fn write_sheet(path: &Path, sheets: &[(&str, &[&[V]])]) {
    let mut workbook = Workbook::new();
    for (name, rows) in sheets {
        let sheet = workbook.add_worksheet();
        sheet.set_name(*name).unwrap();
        for (row, cells) in rows.iter().enumerate() {
            for (column, cell) in cells.iter().enumerate() {
                let (row, column) = (row as u32, column as u16);
                match cell {
                    T(text) => sheet.write_string(row, column, *text).map(|_| ()),
                    N(number) => sheet.write_number(row, column, *number).map(|_| ()),
                    E => Ok(()),
                }
                .unwrap();
            }
        }
    }
    workbook.save(path).unwrap();
}

const ROSTER: &[&[V]] = &[
    &[T("Klynge"), T("Speciale"), T("Medlemmer"), T("Koordinator")],
    &[T("Derma – Nord"), T("Dermatologi"), N(9.0), T("Hanne Holm")],
    &[T("Derma – Syd"), T("Dermatologi"), N(7.0), T("Ole Lund")],
];

/// Writes the inputs into a temporary folder and reads them.
fn ingest(export: &[(&str, &[&[V]])]) -> (tempfile::TempDir, Result<Survey, Problems>) {
    ingest_with(DEFINITION, export)
}

/// As [`ingest`], with another survey definition.
fn ingest_with(
    definition: &str,
    export: &[(&str, &[&[V]])],
) -> (tempfile::TempDir, Result<Survey, Problems>) {
    let folder = tempfile::tempdir().unwrap();
    std::fs::write(folder.path().join("definition.toml"), definition).unwrap();
    write_settings(folder.path());
    write_sheet(&folder.path().join("roster.xlsx"), &[("Klynger", ROSTER)]);
    write_sheet(&folder.path().join("export.xlsx"), export);
    let loaded: LoadedSettings = load_settings(&folder.path().join("settings.toml")).unwrap();
    let result = read_survey(&loaded);
    (folder, result)
}

fn problems(export: &[(&str, &[&[V]])]) -> Vec<String> {
    let (_folder, result) = ingest(export);
    let problems = result.expect_err("the input is broken");
    problems
        .0
        .iter()
        .map(|problem| {
            let text = problem.to_string();
            // Drop the temporary folder from the message.
            text.rsplit_once('/')
                .map_or(text.clone(), |(_, rest)| rest.to_owned())
        })
        .collect()
}

/// Sheets of a workbook to write: name and rows.
type Sheets = Vec<(&'static str, &'static [&'static [V]])>;

const HEADER: &[V] = &[T("ID"), T("Klynge"), T("Status"), T("Q1"), T("Q2")];

#[test]
fn a_labelled_export_with_a_title_line_reads() {
    let rows: &[&[V]] = &[
        &[T("Klyngeundersøgelsen 2025")],
        &[],
        &[
            T("E-mail"),
            T("Q1"),
            T("Status"),
            T("Klynge"),
            T("ID"),
            T("Q2"),
        ],
        &[
            T("a@example.dk"),
            T(" ja "),
            T("Gennemført"),
            T("Derma – Nord"),
            T("R1"),
            T("Fri tekst"),
        ],
        &[
            E,
            T("VED IKKE"),
            T("delvist besvaret"),
            T("derma – syd"),
            T("R2"),
            E,
        ],
        &[E, E, T("Ikke besvaret"), T("Derma – Syd"), N(3.0), E],
    ];
    let (_folder, result) = ingest(&[("Besvarelser", rows)]);
    let survey = result.unwrap();
    assert_eq!(survey.clusters.len(), 2);
    let summary: Vec<(usize, bool, Vec<Option<u16>>)> = survey
        .invitees
        .iter()
        .map(|invitee| (invitee.cluster, invitee.responded, invitee.answers.clone()))
        .collect();
    assert_eq!(
        summary,
        [
            (0, true, vec![Some(0)]),
            (1, true, vec![Some(2)]),
            (1, false, vec![None])
        ]
    );
}

#[test]
fn a_coded_export_resolves_codes_through_the_value_label_sheet() {
    let rows: &[&[V]] = &[
        HEADER,
        &[T("R1"), T("Derma – Nord"), N(1.0), N(2.0), E],
        &[T("R2"), T("Derma – Syd"), N(3.0), E, E],
    ];
    let labels: &[&[V]] = &[
        &[T("variable"), T("value"), T("label")],
        &[T("Status"), N(1.0), T("Gennemført")],
        &[T("Status"), N(3.0), T("Ikke besvaret")],
        &[T("Q1"), N(1.0), T("Ja")],
        &[T("Q1"), N(2.0), T("Nej")],
    ];
    let (_folder, result) = ingest(&[("Besvarelser", rows), ("Værdier", labels)]);
    let survey = result.unwrap();
    assert_eq!(survey.invitees[0].answers, [Some(1)]);
    assert!(!survey.invitees[1].responded);
}

#[test]
fn a_coded_cluster_and_a_status_resolve_through_labels_or_the_definitions_codes() {
    let rows: &[&[V]] = &[
        HEADER,
        &[T("R1"), N(2.0), N(1.0), N(1.0), E],
        &[T("R2"), T("Derma – Nord"), N(3.0), E, E],
    ];
    // The sheet lists the cluster but not the status: the status uses the definition's codes.
    let labels: &[&[V]] = &[
        &[T("variable"), T("value"), T("label")],
        &[T("Klynge"), N(1.0), T("Derma – Nord")],
        &[T("Klynge"), N(2.0), T(" derma – syd")],
        &[T("Q1"), N(1.0), T("Ja")],
    ];
    let definition = DEFINITION.replace(
        "non_respondent = [\"Ikke besvaret\"]",
        "non_respondent = [\"Ikke besvaret\"]\ncodes = { \"Gennemført\" = 1, \"Ikke besvaret\" = 3 }",
    );
    let (_folder, result) = ingest_with(&definition, &[("Besvarelser", rows), ("Værdier", labels)]);
    let survey = result.unwrap();
    let summary: Vec<(usize, bool)> = survey
        .invitees
        .iter()
        .map(|invitee| (invitee.cluster, invitee.responded))
        .collect();
    assert_eq!(summary, [(1, true), (0, false)]);
}

#[test]
fn bad_inputs_name_file_sheet_cell_found_and_expected() {
    let labels: &[&[V]] = &[
        &[T("variable"), T("value"), T("label")],
        &[T("Status"), N(1.0), T("Gennemført")],
        &[T("Q1"), N(1.0), T("Ja")],
    ];
    let coded_clusters: &[&[V]] = &[
        &[T("variable"), T("value"), T("label")],
        &[T("Status"), N(1.0), T("Gennemført")],
        &[T("Klynge"), N(1.0), T("Derma – Nord")],
        &[T("Klynge"), N(3.0), T("Derma – Vest")],
        &[T("Q1"), N(1.0), T("Ja")],
    ];
    let cases: Vec<(&str, Sheets, Vec<&str>)> = vec![
        (
            "missing column",
            vec![(
                "Besvarelser",
                &[
                    &[T("ID"), T("Klynge"), T("Status"), T("Q2")],
                    &[T("R1"), T("Derma – Nord"), T("Gennemført"), E],
                ],
            )],
            vec![
                "export.xlsx, sheet \"Besvarelser\", row 1: expected a column headed \"Q1\" in the header row",
            ],
        ),
        (
            "unknown answer label",
            vec![(
                "Besvarelser",
                &[
                    HEADER,
                    &[T("R1"), T("Derma – Nord"), T("Gennemført"), T("Måske"), E],
                ],
            )],
            vec![
                "export.xlsx, sheet \"Besvarelser\", cell D2: found \"Måske\"; expected one of the answers \"Ja\", \"Nej\", \"Ved ikke\"",
            ],
        ),
        (
            "code absent from the value-label sheet",
            vec![
                (
                    "Besvarelser",
                    &[HEADER, &[T("R1"), T("Derma – Nord"), N(1.0), N(7.0), E]],
                ),
                ("Værdier", labels),
            ],
            vec![
                "export.xlsx, sheet \"Besvarelser\", cell D2: found the code 7; expected a code that the sheet \"Værdier\" lists for \"Q1\" (1)",
            ],
        ),
        (
            "a number in a labelled export",
            vec![(
                "Besvarelser",
                &[
                    HEADER,
                    &[T("R1"), T("Derma – Nord"), T("Gennemført"), N(2.0), E],
                ],
            )],
            vec![
                "export.xlsx, sheet \"Besvarelser\", cell D2: found the number 2; expected an answer label (one of the answers \"Ja\", \"Nej\", \"Ved ikke\")",
            ],
        ),
        (
            "cluster not in the roster",
            vec![(
                "Besvarelser",
                &[
                    HEADER,
                    &[T("R1"), T("Derma – Vest"), T("Gennemført"), T("Ja"), E],
                ],
            )],
            vec![
                "export.xlsx, sheet \"Besvarelser\", cell B2: found \"Derma – Vest\"; expected a cluster listed in the roster roster.xlsx",
            ],
        ),
        (
            "a coded cluster without a label, and a label not in the roster",
            vec![
                (
                    "Besvarelser",
                    &[
                        HEADER,
                        &[T("R1"), N(57.0), N(1.0), N(1.0), E],
                        &[T("R2"), N(3.0), N(1.0), N(1.0), E],
                    ],
                ),
                ("Værdier", coded_clusters),
            ],
            vec![
                "export.xlsx, sheet \"Besvarelser\", cell B2: found the code 57; expected a code that the sheet \"Værdier\" lists for \"Klynge\" (1, 3)",
                "export.xlsx, sheet \"Besvarelser\", cell B3: found the code 3, labelled \"Derma – Vest\" in the sheet \"Værdier\"; expected a cluster listed in the roster roster.xlsx",
            ],
        ),
        (
            "a coded cluster the value-label sheet does not list",
            vec![
                (
                    "Besvarelser",
                    &[HEADER, &[T("R1"), N(57.0), N(1.0), N(1.0), E]],
                ),
                ("Værdier", labels),
            ],
            vec![
                "export.xlsx, sheet \"Værdier\": found no codes for the variable \"Klynge\", whose column in the sheet \"Besvarelser\" holds codes (1 cell, the first B2); expected a value-label sheet that lists the codes and labels of every coded column, \"Klynge\" included",
            ],
        ),
        (
            "a coded cluster without a value-label sheet",
            vec![(
                "Besvarelser",
                &[HEADER, &[T("R1"), N(57.0), T("Gennemført"), T("Ja"), E]],
            )],
            vec![
                "export.xlsx, sheet \"Besvarelser\", cell B2: found the number 57; expected a cluster name (a cluster listed in the roster roster.xlsx)",
            ],
        ),
        (
            "duplicate respondent id",
            vec![(
                "Besvarelser",
                &[
                    HEADER,
                    &[T("R1"), T("Derma – Nord"), T("Gennemført"), T("Ja"), E],
                    &[T("R1"), T("Derma – Syd"), T("Gennemført"), T("Nej"), E],
                ],
            )],
            vec![
                "export.xlsx, sheet \"Besvarelser\", cell A3: found \"R1\" again (first in cell A2); expected a unique respondent id",
            ],
        ),
        (
            "unknown status",
            vec![(
                "Besvarelser",
                &[
                    HEADER,
                    &[T("R1"), T("Derma – Nord"), T("Afbrudt"), T("Ja"), E],
                ],
            )],
            vec![
                "export.xlsx, sheet \"Besvarelser\", cell C2: found \"Afbrudt\"; expected one of the statuses \"Gennemført\", \"Delvist besvaret\", \"Ikke besvaret\"",
            ],
        ),
        (
            "empty export",
            vec![("Besvarelser", &[HEADER])],
            vec![
                "export.xlsx, sheet \"Besvarelser\": expected at least one invited person in the rows below the header (row 1)",
            ],
        ),
        (
            "header row not found",
            vec![(
                "Besvarelser",
                &[
                    &[T("Respondent"), T("Klynge")],
                    &[T("R1"), T("Derma – Nord")],
                ],
            )],
            vec![
                "export.xlsx, sheet \"Besvarelser\": expected a header row with the columns \"ID\", \"Klynge\", \"Status\" within the first 20 rows",
            ],
        ),
        (
            "every problem of a run, not only the first",
            vec![(
                "Besvarelser",
                &[
                    HEADER,
                    &[T("R1"), T("Derma – Nord"), T("Gennemført"), T("Nja"), E],
                    &[T("R2"), T("Derma – Øst"), T("Gennemført"), T("Ja"), E],
                ],
            )],
            vec![
                "export.xlsx, sheet \"Besvarelser\", cell D2: found \"Nja\"; expected one of the answers \"Ja\", \"Nej\", \"Ved ikke\"",
                "export.xlsx, sheet \"Besvarelser\", cell B3: found \"Derma – Øst\"; expected a cluster listed in the roster roster.xlsx",
            ],
        ),
    ];
    for (name, export, expected) in cases {
        assert_eq!(problems(&export), expected, "case: {name}");
    }
}

#[test]
fn a_file_that_is_not_a_workbook_is_named() {
    let folder = tempfile::tempdir().unwrap();
    std::fs::write(folder.path().join("definition.toml"), DEFINITION).unwrap();
    write_settings(folder.path());
    write_sheet(&folder.path().join("roster.xlsx"), &[("Klynger", ROSTER)]);
    std::fs::write(
        folder.path().join("export.xlsx"),
        "Respondent;Klynge\nR1;Derma\n",
    )
    .unwrap();
    let loaded = load_settings(&folder.path().join("settings.toml")).unwrap();
    let problems = read_survey(&loaded).unwrap_err();
    assert_eq!(problems.0.len(), 1);
    let message = problems.0[0].to_string();
    assert!(
        message.contains("export.xlsx: found a file that cannot be read as a workbook"),
        "{message}"
    );
    assert!(
        message.ends_with("expected an Excel (.xlsx, .xls) or OpenDocument (.ods) workbook"),
        "{message}"
    );
}

#[test]
fn a_definition_error_names_line_and_column() {
    let folder = tempfile::tempdir().unwrap();
    std::fs::write(
        folder.path().join("definition.toml"),
        DEFINITION.replace("kind = \"single\"", "kind = \"singel\""),
    )
    .unwrap();
    write_settings(folder.path());
    write_sheet(&folder.path().join("roster.xlsx"), &[("Klynger", ROSTER)]);
    write_sheet(
        &folder.path().join("export.xlsx"),
        &[("Besvarelser", &[HEADER])],
    );
    let loaded = load_settings(&folder.path().join("settings.toml")).unwrap();
    let message = read_survey(&loaded).unwrap_err().to_string();
    assert!(message.contains("definition.toml, line 21, column 8: expected valid TOML for this file (unknown variant `singel`"), "{message}");
}

#[test]
fn a_systematic_fault_prints_as_one_line_and_validate_all_lists_every_cell() {
    // A coded export whose value-label sheet labels the cluster codes with names the roster lacks.
    let header: Vec<V> = HEADER.to_vec();
    let rows: Vec<Vec<V>> = std::iter::once(header)
        .chain((1..=40).map(|row| {
            vec![
                N(f64::from(row)),
                N(f64::from(row % 2 + 1)),
                N(1.0),
                N(1.0),
                E,
            ]
        }))
        .collect();
    let rows: Vec<&[V]> = rows.iter().map(Vec::as_slice).collect();
    let labels: &[&[V]] = &[
        &[T("variable"), T("value"), T("label")],
        &[T("Status"), N(1.0), T("Gennemført")],
        &[T("Klynge"), N(1.0), T("Derma – Vest")],
        &[T("Klynge"), N(2.0), T("Derma – Øst")],
        &[T("Q1"), N(1.0), T("Ja")],
    ];
    let (_folder, result) = ingest(&[("Besvarelser", &rows), ("Værdier", labels)]);
    let problems = result.expect_err("every cluster cell is wrong");
    assert_eq!(problems.0.len(), 40);
    let grouped = problems.to_string();
    let lines: Vec<&str> = grouped.lines().collect();
    assert_eq!(lines.len(), 2, "{grouped}");
    assert!(
        lines[0].ends_with(
            "export.xlsx, sheet \"Besvarelser\", cells B2, B3, B4 … and 37 more: found the code 2, \
             labelled \"Derma – Øst\" in the sheet \"Værdier\" (and 1 other value); expected a \
             cluster listed in the roster roster.xlsx"
        ),
        "{}",
        lines[0]
    );
    assert_eq!(lines[1], "40 problems found in the inputs");
    assert_eq!(problems.every_problem().lines().count(), 41);
}
