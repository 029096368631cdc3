//! manifest.json checks out against the publication: every file listed with its true size and
//! SHA-256, nothing unlisted, and the inputs' digests match the fixture files.

use std::path::{Path, PathBuf};

use serde::Deserialize;
use sha2::{Digest, Sha256};

#[derive(Deserialize)]
struct Manifest {
    tool: Tool,
    settings: Settings,
    inputs: Vec<Entry>,
    files: Vec<Entry>,
}

#[derive(Deserialize)]
struct Tool {
    name: String,
}

#[derive(Deserialize)]
struct Settings {
    year: u16,
    formats: Vec<String>,
}

#[derive(Deserialize)]
struct Entry {
    path: String,
    size: u64,
    sha256: String,
}

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/2025")
}

fn sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

#[test]
fn the_manifest_lists_every_file_with_its_digest() {
    let folder = tempfile::tempdir().unwrap();
    let out = folder.path().join("2025");
    let formats = ["data".to_owned(), "pdf".to_owned()];
    publish::publish(
        &fixture().join("indstillinger.toml"),
        &out,
        &formats,
        &publish::Silent,
    )
    .unwrap();
    let manifest: Manifest =
        serde_json::from_slice(&std::fs::read(out.join("manifest.json")).unwrap()).unwrap();
    assert_eq!(manifest.tool.name, "klyngepakke");
    assert_eq!(manifest.settings.year, 2025);
    assert_eq!(manifest.settings.formats, formats);

    let mut on_disk = tests::files(&out);
    on_disk.remove(Path::new("manifest.json"));
    assert_eq!(
        manifest.files.len(),
        on_disk.len(),
        "files and manifest differ"
    );
    for entry in &manifest.files {
        let bytes = on_disk
            .get(Path::new(&entry.path))
            .unwrap_or_else(|| panic!("{} is listed but not written", entry.path));
        assert_eq!(entry.size, bytes.len() as u64, "{}", entry.path);
        assert_eq!(entry.sha256, sha256(bytes), "{}", entry.path);
    }
    let roles: Vec<&str> = manifest
        .inputs
        .iter()
        .map(|entry| entry.path.as_str())
        .collect();
    for input in [
        "indstillinger.toml",
        "spoergeskema.toml",
        "eksport.xlsx",
        "klynger.xlsx",
    ] {
        assert!(roles.contains(&input), "{input} missing from {roles:?}");
    }
    for entry in &manifest.inputs {
        let bytes = std::fs::read(fixture().join(&entry.path)).unwrap();
        assert_eq!(entry.sha256, sha256(&bytes), "{}", entry.path);
    }
}
