//! End-to-end tests of klyngepakke live in this folder, one file per concern:
//! `figures_2025.rs` (every published figure from the committed fixture), `inputs.rs` (the two
//! export forms, the broken copy, atomic failure) and `fact_sheets.rs` (the PDFs as readers
//! and checkers see them).

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
