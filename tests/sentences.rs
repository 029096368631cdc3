//! Every sentence of every fact sheet of both fixtures is whole: no template placeholder left
//! unfilled and no dash standing in for a missing value ("… møder, og – vurderer …").
//!
//! Needs poppler-utils (pdftotext).

use std::path::{Path, PathBuf};
use std::process::Command;

fn text_of(pdf: &Path) -> String {
    let output = Command::new("pdftotext")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    assert!(
        output.status.success(),
        "pdftotext failed on {}",
        pdf.display()
    );
    String::from_utf8_lossy(&output.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn no_fact_sheet_sentence_holds_a_placeholder() {
    for year in ["2025", "2026"] {
        let settings: PathBuf = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../fixtures")
            .join(year)
            .join("indstillinger.toml");
        let publication =
            publish::validate(&settings).unwrap_or_else(|problems| panic!("{problems}"));
        // Names are the only text allowed to hold an en dash ("Derma – Nord").
        let mut names: Vec<String> = publication
            .figures
            .specialties
            .iter()
            .flat_map(|specialty| {
                specialty
                    .clusters
                    .iter()
                    .map(|cluster| cluster.name.clone())
            })
            .collect();
        names.sort_by_key(|name| std::cmp::Reverse(name.len()));

        let folder = tempfile::tempdir().unwrap();
        let out = folder.path().join(year);
        publish::publish(&settings, &out, &["pdf".to_owned()], &publish::Silent)
            .unwrap_or_else(|error| panic!("{error}"));
        let mut sheets = 0;
        for entry in std::fs::read_dir(out.join("faktaark")).unwrap() {
            let path = entry.unwrap().path();
            let mut text = text_of(&path);
            for name in &names {
                text = text.replace(name.as_str(), "NAVN");
            }
            for (found, what) in [
                ("{", "an unfilled placeholder"),
                ("}", "an unfilled placeholder"),
                ("–", "a dash for a missing value"),
            ] {
                if let Some(at) = text.find(found) {
                    let start = text.floor_char_boundary(at.saturating_sub(60));
                    let end = text.ceil_char_boundary((at + 60).min(text.len()));
                    panic!(
                        "{year} {}: {what}: «…{}…»",
                        path.display(),
                        &text[start..end]
                    );
                }
            }
            sheets += 1;
        }
        assert!(sheets >= 6, "{year}: only {sheets} fact sheets");
    }
}
