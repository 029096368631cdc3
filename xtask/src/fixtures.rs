//! `cargo xtask fixtures`: the deterministic test-fixture generator.
//!
//! Everything comes from a fixture specification (`fixtures/2025/fixture-spec.toml`) and the
//! survey definition its settings name: the labelled export, the same export coded with a
//! value-label sheet, the cluster roster, and a broken copy of the export with its list of
//! planted errors. The output bytes depend only on those files.

mod broken;
mod generate;
mod rng;
mod spec;
mod workbooks;

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use spec::Fixture;

/// The default specification, relative to the workspace root.
pub const DEFAULT_SPEC: &str = "fixtures/2025/fixture-spec.toml";

/// One generated file: its path relative to the spec's folder, and its bytes.
#[derive(Debug)]
pub struct Output {
    /// Relative to the spec's folder (may start with `..`).
    pub path: PathBuf,
    /// The file's content.
    pub bytes: Vec<u8>,
}

/// Generates every fixture file in memory.
pub fn generate(spec_path: &Path) -> Result<Vec<Output>> {
    let fixture = Fixture::load(spec_path)?;
    let persons = generate::persons(&fixture)?;
    let labelled = workbooks::table(&fixture, &persons, false);
    let coded = workbooks::table(&fixture, &persons, true);
    let (broken, planted) = broken::plant(&fixture, &labelled)?;

    let inputs = &fixture.settings.inputs;
    let broken_dir = fixture
        .spec
        .broken
        .settings
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    Ok(vec![
        Output {
            path: inputs.export.clone(),
            bytes: workbooks::export_workbook(&fixture, &labelled, false)?,
        },
        Output {
            path: fixture.spec.export.coded.clone(),
            bytes: workbooks::export_workbook(&fixture, &coded, true)?,
        },
        Output {
            path: inputs.roster.clone(),
            bytes: workbooks::roster_workbook(&fixture)?,
        },
        Output {
            path: broken_dir.join(&fixture.broken_settings.inputs.export),
            bytes: workbooks::export_workbook(&fixture, &broken, false)?,
        },
        Output {
            path: broken_dir.join(&fixture.spec.broken.planted_errors),
            bytes: broken::planted_toml(&planted)?.into_bytes(),
        },
    ])
}

/// Writes the outputs below `dir` (the folder the spec's relative paths start from).
pub fn write(outputs: &[Output], dir: &Path) -> Result<()> {
    for output in outputs {
        let path = dir.join(&output.path);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).with_context(|| format!("creating {}", parent.display()))?;
        }
        fs::write(&path, &output.bytes).with_context(|| format!("writing {}", path.display()))?;
    }
    Ok(())
}

/// `cargo xtask fixtures`: regenerates the fixtures next to the spec.
pub fn run(spec_path: &Path) -> Result<()> {
    let outputs = generate(spec_path)?;
    let dir = spec_path.parent().unwrap_or(Path::new("."));
    write(&outputs, dir)?;
    for output in &outputs {
        println!(
            "wrote {} ({} bytes)",
            dir.join(&output.path).display(),
            output.bytes.len()
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests;
