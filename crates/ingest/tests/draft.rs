//! `init` round trip: the draft definition of the 2025 coded export, with only the review edits
//! documented in docs/inputs.md ("After init: what to check"), gives the same figures as the
//! hand-written definition.

use std::path::{Path, PathBuf};

use ingest::{LoadedSettings, draft_definition, load_settings, read_survey};

/// The review edits of the 2025 draft: draft question ids → the 2025 ids.
const QUESTION_IDS: &[(&str, &str)] = &[
    ("q1", "deltagelse"),
    ("q2", "engagement"),
    ("q3", "aktivitet"),
    ("q4", "understoetter"),
    ("q5", "prioritet"),
    ("q6", "oplevet"),
    ("q7", "data_brugt"),
    ("q8", "data_mere"),
    ("q9", "forbedringer"),
    ("q10", "forbedringer_tekst"),
    ("q11", "motivation"),
    ("q12", "kommentar"),
];

/// The review edits of the 2025 draft: draft item ids → the 2025 item ids.
const ITEM_IDS: &[(&str, &str)] = &[
    ("q3_1", "erfaringer"),
    ("q3_2", "data"),
    ("q3_3", "emner"),
    ("q5_1", "faglige_droeftelser"),
    ("q5_2", "faelles_motivation"),
    ("q5_3", "tillidsfuldt_rum"),
    ("q5_4", "facilitering"),
    ("q5_5", "inddragelse"),
    ("q5_6", "ny_viden"),
    ("q5_7", "opfoelgning"),
    ("q6_1", "faglige_droeftelser"),
    ("q6_2", "faelles_motivation"),
    ("q6_3", "tillidsfuldt_rum"),
    ("q6_4", "facilitering"),
    ("q6_5", "inddragelse"),
    ("q6_6", "ny_viden"),
    ("q6_7", "opfoelgning"),
    ("q11_1", "erfaringsudveksling"),
    ("q11_2", "retningslinjer"),
    ("q11_3", "eksterne_oplaeg"),
    ("q11_4", "patientcases"),
    ("q11_5", "databaser"),
    ("q11_6", "benchmarking"),
    ("q11_7", "struktur"),
];

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures/2025")
        .join(name)
        .canonicalize()
        .unwrap()
}

fn renamed(table: &[(&str, &str)], id: &mut toml::Value) {
    let draft = id.as_str().unwrap().to_owned();
    let (_, new) = table
        .iter()
        .find(|(old, _)| *old == draft)
        .unwrap_or_else(|| panic!("no review edit for the draft id {draft}"));
    *id = toml::Value::from(*new);
}

/// The documented review edits: rename ids, and uncomment the roles block (with renamed ids).
fn review(draft: &str) -> String {
    let mut definition: toml::Table = draft.parse().unwrap();
    for question in definition["questions"].as_array_mut().unwrap() {
        let question = question.as_table_mut().unwrap();
        renamed(QUESTION_IDS, question.get_mut("id").unwrap());
        for item in question
            .get_mut("items")
            .and_then(toml::Value::as_array_mut)
            .into_iter()
            .flatten()
        {
            renamed(
                ITEM_IDS,
                item.as_table_mut().unwrap().get_mut("id").unwrap(),
            );
        }
    }
    let roles_block: String = draft
        .lines()
        .skip_while(|line| *line != "# [roles]")
        .skip(1)
        .filter_map(|line| line.strip_prefix("# "))
        .map(|line| format!("{line}\n"))
        .collect();
    let mut roles: toml::Table = roles_block.parse().unwrap();
    for (role, id) in roles.iter_mut() {
        if role == "expectation_pairs" {
            for pair in id.as_array_mut().unwrap() {
                for (_, item) in pair.as_table_mut().unwrap().iter_mut() {
                    renamed(ITEM_IDS, item);
                }
            }
        } else {
            renamed(QUESTION_IDS, id);
        }
    }
    definition.insert("roles".to_owned(), roles.into());
    toml::to_string(&definition).unwrap()
}

/// Reads the coded 2025 export with a definition and returns its figures, every field printed.
fn figures(folder: &Path, definition: &Path) -> String {
    let settings = format!(
        "year = 2025\npublisher = \"eKVIS\"\npublication_date = \"2026-03-16\"\nmin_respondents = 5\n\
         [inputs]\ndefinition = {}\nexport = {}\nexport_sheet = \"Besvarelser\"\nroster = {}\n\
         texts = \"tekster.toml\"\neditorial = \"redaktionelt\"\n",
        toml::Value::from(definition.display().to_string()),
        toml::Value::from(fixture("eksport-koder.xlsx").display().to_string()),
        toml::Value::from(fixture("klynger.xlsx").display().to_string()),
    );
    let path = folder.join("indstillinger.toml");
    std::fs::write(&path, settings).unwrap();
    std::fs::write(folder.join("tekster.toml"), "").unwrap();
    std::fs::create_dir_all(folder.join("redaktionelt")).unwrap();
    let loaded: LoadedSettings = load_settings(&path).unwrap();
    let survey = read_survey(&loaded).unwrap_or_else(|problems| panic!("{problems}"));
    format!("{:#?}", aggregate::aggregate(&survey, 5))
}

#[test]
fn the_reviewed_draft_of_the_coded_export_gives_the_figures_of_the_hand_written_definition() {
    let draft = draft_definition(
        &fixture("eksport-koder.xlsx"),
        Some(&fixture("klynger.xlsx")),
    )
    .unwrap_or_else(|problems| panic!("{problems}"));
    assert!(draft.contains("# CHECK:"));
    // The coded export codes the cluster too, through its value-label sheet.
    assert!(
        draft.contains("# Roster \"klynger.xlsx\": 98 of 98 cluster labels in the export name a cluster of the roster."),
        "{draft}"
    );
    let folder = tempfile::tempdir().unwrap();
    let reviewed = folder.path().join("draft.toml");
    std::fs::write(&reviewed, review(&draft)).unwrap();

    let from_draft = figures(folder.path(), &reviewed);
    let hand_written = figures(folder.path(), &fixture("spoergeskema.toml"));
    assert!(hand_written.len() > 10_000);
    assert!(
        from_draft == hand_written,
        "the reviewed draft gives other figures:\n{}",
        first_difference(&from_draft, &hand_written)
    );
}

#[test]
fn the_draft_loads_as_it_is() {
    let draft = draft_definition(&fixture("eksport-koder.xlsx"), None).unwrap();
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("draft.toml");
    std::fs::write(&path, &draft).unwrap();
    let definition = ingest::load_definition(&path).unwrap_or_else(|problems| panic!("{problems}"));
    assert_eq!(definition.questions.len(), 12);
    assert_eq!(definition.scales.len(), 7, "shared scales");
}

fn first_difference(left: &str, right: &str) -> String {
    left.lines()
        .zip(right.lines())
        .enumerate()
        .find(|(_, (a, b))| a != b)
        .map_or_else(
            || "(one is a prefix of the other)".to_owned(),
            |(line, (a, b))| format!("line {}: draft {a} / hand-written {b}", line + 1),
        )
}
