//! What the workbook targets share: a copy of the 2025 fixture in a temporary folder,
//! one of whose workbooks each fuzz input replaces before the survey is read.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// A copy of the fixture: settings, definition, texts, roster and export.
pub struct Inputs {
    _folder: tempfile::TempDir,
    settings: PathBuf,
    folder: PathBuf,
}

impl Inputs {
    /// The shared copy, made on first use (in /dev/shm where there is one, to spare the disk).
    pub fn get() -> &'static Inputs {
        static INPUTS: OnceLock<Inputs> = OnceLock::new();
        INPUTS.get_or_init(|| {
            let memory = Path::new("/dev/shm");
            let folder = if memory.is_dir() {
                tempfile::tempdir_in(memory)
            } else {
                tempfile::tempdir()
            }
            .expect("a temporary folder");
            let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/2025");
            copy_folder(&fixture, folder.path());
            Inputs {
                settings: folder.path().join("indstillinger.toml"),
                folder: folder.path().to_path_buf(),
                _folder: folder,
            }
        })
    }

    /// Reads the survey with `bytes` as the workbook `name` (restoring the fixture's afterwards
    /// is not needed: every input replaces the same file).
    pub fn read_with(&self, name: &str, bytes: &[u8]) {
        std::fs::write(self.folder.join(name), bytes).expect("a writable temporary folder");
        let settings = ingest::load_settings(&self.settings).expect("the fixture's settings");
        let _ = ingest::read_survey(&settings);
    }
}

/// Copies the files of a folder and its subfolders.
fn copy_folder(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).expect("the fixture is readable") {
        let entry = entry.expect("the fixture is readable");
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            std::fs::create_dir(&target).expect("a writable temporary folder");
            copy_folder(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("the fixture is readable");
        }
    }
}
