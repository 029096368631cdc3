//! The project's build system: `cargo xtask <task>` (see `cargo xtask --help`).

use std::path::{Path, PathBuf};

use anyhow::Result;
use clap::Parser;

mod fixtures;

/// Tasks of the klyngepakke workspace.
#[derive(Debug, Parser)]
#[command(name = "cargo xtask", version, about)]
enum Task {
    /// Regenerate the test fixtures (workbooks) from their fixture specification.
    Fixtures {
        /// The fixture specification.
        #[arg(long, default_value_os_t = workspace_root().join(fixtures::DEFAULT_SPEC))]
        spec: PathBuf,
    },
}

fn main() -> Result<()> {
    match Task::parse() {
        Task::Fixtures { spec } => fixtures::run(&spec),
    }
}

/// The workspace root (the parent of this crate's folder).
fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives inside the workspace")
        .to_path_buf()
}
