//! End-to-end tests of klyngepakke live in this folder, one file per concern:
//! `figures_2025.rs` and `figures_2026.rs` (every published figure of both fixtures),
//! `inputs.rs` (the two export forms, the broken copy, atomic failure), `fact_sheets.rs` and
//! `sentences.rs` (the PDFs as readers and checkers see them), `decks.rs`, `word_documents.rs`,
//! `status_page.rs` and `packages.rs` (each format through its real readers), `manifest.rs`,
//! `privacy.rs` (free text and markup characters across every output) and `killed_runs.rs`
//! (SIGKILL during publish). Python checkers the tests call are in `checks/`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Every file below `folder`, by path relative to it, with its bytes: for comparing publications.
pub fn files(folder: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut pending = vec![folder.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).expect("a readable folder") {
            let path = entry.expect("a readable entry").path();
            if path.is_dir() {
                pending.push(path);
            } else {
                let bytes = std::fs::read(&path).expect("a readable file");
                files.insert(
                    path.strip_prefix(folder)
                        .expect("below the folder")
                        .to_path_buf(),
                    bytes,
                );
            }
        }
    }
    files
}
