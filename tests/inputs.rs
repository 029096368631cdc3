//! The inputs end to end: both export forms give the same figures, the broken copy's planted
//! errors are each reported with their cell, and a failed run leaves the previous publication
//! untouched.

use std::path::{Path, PathBuf};

use serde::Deserialize;

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../fixtures")
}

/// The default settings with the export replaced, written into `folder` (absolute input paths).
fn settings_with_export(folder: &Path, export: &str) -> PathBuf {
    let base = fixtures().join("2025").canonicalize().unwrap();
    let text = std::fs::read_to_string(base.join("indstillinger.toml")).unwrap();
    let mut settings: toml::Table = text.parse().unwrap();
    let inputs = settings["inputs"].as_table_mut().unwrap();
    for key in ["definition", "roster", "texts", "editorial"] {
        let relative = inputs[key].as_str().unwrap().to_owned();
        inputs.insert(
            key.to_owned(),
            base.join(relative).display().to_string().into(),
        );
    }
    inputs.insert(
        "export".to_owned(),
        base.join(export).display().to_string().into(),
    );
    let path = folder.join(format!("{export}.toml"));
    std::fs::write(&path, toml::to_string(&settings).unwrap()).unwrap();
    path
}

fn publish_data(settings: &Path, out: &Path) -> Result<publish::Report, publish::PublishError> {
    publish::publish(settings, out, &["data".to_owned()], &publish::Silent)
}

#[test]
fn coded_and_labelled_exports_give_identical_figures() {
    let folder = tempfile::tempdir().unwrap();
    let mut outputs = Vec::new();
    for export in ["eksport.xlsx", "eksport-koder.xlsx"] {
        let out = folder.path().join(export.replace(".xlsx", ""));
        publish_data(&settings_with_export(folder.path(), export), &out)
            .unwrap_or_else(|error| panic!("{error}"));
        outputs.push((
            std::fs::read(out.join("data/figures.json")).unwrap(),
            std::fs::read(out.join("data/figures.csv")).unwrap(),
        ));
    }
    assert!(outputs[0].0.len() > 10_000);
    assert!(
        outputs[0].0 == outputs[1].0,
        "figures.json differs between the labelled and the coded export"
    );
    assert!(
        outputs[0].1 == outputs[1].1,
        "figures.csv differs between the labelled and the coded export"
    );
}

#[derive(Deserialize)]
struct PlantedList {
    errors: Vec<Planted>,
}

#[derive(Deserialize)]
struct Planted {
    cell: String,
    kind: String,
    found: String,
}

#[test]
fn validate_names_every_planted_error_with_its_cell() {
    let broken = fixtures().join("2025-broken");
    let planted: PlantedList =
        toml::from_str(&std::fs::read_to_string(broken.join("planted-errors.toml")).unwrap())
            .unwrap();
    assert!(planted.errors.len() >= 5);
    let problems = match publish::validate(&broken.join("indstillinger.toml")) {
        Ok(_) => panic!("the broken copy passed validation"),
        Err(problems) => problems.0,
    };
    for error in &planted.errors {
        let found = problems
            .iter()
            .find(|problem| problem.cell_address().as_deref() == Some(error.cell.as_str()));
        let problem = found
            .unwrap_or_else(|| panic!("no problem reported at {} ({})", error.cell, error.kind));
        let message = problem.to_string();
        let found_text = error.found.trim();
        assert!(
            message.contains(found_text),
            "{}: «{message}» does not show the value «{found_text}»",
            error.kind
        );
        assert!(
            message.contains("eksport.xlsx, sheet \"Besvarelser\", cell "),
            "{message}"
        );
        assert!(message.contains("; expected "), "{message}");
    }
    assert_eq!(
        problems.len(),
        planted.errors.len(),
        "only the planted errors: {problems:#?}"
    );
}

#[test]
fn a_failed_run_leaves_the_previous_publication_untouched() {
    let folder = tempfile::tempdir().unwrap();
    let out = folder.path().join("2025");
    publish_data(&settings_with_export(folder.path(), "eksport.xlsx"), &out).unwrap();
    let before = tests::files(&out);

    let broken = fixtures().join("2025-broken/indstillinger.toml");
    match publish_data(&broken, &out) {
        Err(publish::PublishError::Inputs(problems)) => assert!(!problems.0.is_empty()),
        other => panic!("expected input problems, got {other:?}"),
    }
    assert_eq!(tests::files(&out), before);
    let leftovers: Vec<String> = std::fs::read_dir(folder.path())
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with(".klyngepakke"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "temporary folders left behind: {leftovers:?}"
    );

    // A successful rerun replaces the folder whole and leaves nothing beside it.
    publish_data(&settings_with_export(folder.path(), "eksport.xlsx"), &out).unwrap();
    assert_eq!(tests::files(&out), before);
    assert_eq!(
        std::fs::read_dir(folder.path()).unwrap().count(),
        2,
        "the publication and the settings file"
    );
}
