//! `manifest.json`: every file of the publication with its size and SHA-256, the inputs'
//! SHA-256, the tool's version and the settings used. Written last, so it covers every file.

use std::path::{Path, PathBuf};

use format_api::{OutputFile, Publication, SHARED_EDITORIAL, Written};
use serde::Serialize;
use sha2::{Digest, Sha256};

/// Where the manifest is written in the publication.
pub const PATH: &str = "manifest.json";

#[derive(Serialize)]
struct Manifest<'a> {
    tool: Tool,
    settings: SettingsUsed<'a>,
    inputs: Vec<Entry>,
    files: Vec<FileEntry<'a>>,
}

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct SettingsUsed<'a> {
    year: u16,
    publisher: &'a str,
    publication_date: String,
    min_respondents: u32,
    formats: &'a [&'static str],
}

#[derive(Serialize)]
struct Entry {
    role: &'static str,
    path: String,
    size: u64,
    sha256: String,
}

#[derive(Serialize)]
struct FileEntry<'a> {
    path: &'a str,
    format: &'static str,
    size: u64,
    sha256: String,
}

fn sha256(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes).into())
}

fn hex(digest: &[u8; 32]) -> String {
    digest.iter().map(|byte| format!("{byte:02x}")).collect()
}

/// The manifest of the files written so far, with the inputs of the publication.
pub fn write(
    publication: &Publication,
    formats: &[&'static str],
    written: &Written,
) -> std::io::Result<OutputFile> {
    let loaded = &publication.settings;
    let settings = &loaded.settings;
    let inputs = &settings.inputs;
    let mut sources: Vec<(&'static str, PathBuf)> = vec![
        (
            "settings",
            PathBuf::from(loaded.path.file_name().unwrap_or_default()),
        ),
        ("definition", inputs.definition.clone()),
        ("export", inputs.export.clone()),
        ("roster", inputs.roster.clone()),
        ("texts", inputs.texts.clone()),
        ("editorial", inputs.editorial.join(SHARED_EDITORIAL)),
    ];
    for specialty in &publication.figures.specialties {
        let path = inputs
            .editorial
            .join(format!("{}.md", danish::slug(&specialty.name)));
        if loaded.resolve(&path).is_file() {
            sources.push(("editorial", path));
        }
    }
    let mut entries = Vec::with_capacity(sources.len());
    for (role, path) in sources {
        let bytes = std::fs::read(loaded.resolve(&path))?;
        entries.push(Entry {
            role,
            path: portable(&path),
            size: bytes.len() as u64,
            sha256: sha256(&bytes),
        });
    }
    // Reading back and hashing every file is a tenth of a run's work: spread over the threads.
    let files = written
        .files()
        .iter()
        .map(|file| FileEntry {
            path: &file.path,
            format: file.format,
            size: file.size,
            sha256: hex(&file.sha256),
        })
        .collect();
    let manifest = Manifest {
        tool: Tool {
            name: "klyngepakke",
            version: env!("CARGO_PKG_VERSION"),
        },
        settings: SettingsUsed {
            year: settings.year,
            publisher: &settings.publisher,
            publication_date: settings.publication_date.to_string(),
            min_respondents: settings.min_respondents,
            formats,
        },
        inputs: entries,
        files,
    };
    let mut bytes = serde_json::to_vec_pretty(&manifest).map_err(std::io::Error::other)?;
    bytes.push(b'\n');
    Ok(OutputFile {
        path: PATH.to_owned(),
        bytes,
    })
}

/// A relative path with forward slashes, the same on every system.
fn portable(path: &Path) -> String {
    path.components()
        .map(|part| part.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}
