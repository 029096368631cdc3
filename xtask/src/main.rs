//! The project's build system: `cargo xtask <task>` (see `cargo xtask --help`).

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};
use clap::Parser;

mod bench;
mod deps;
mod fixtures;
mod new_format;

/// The default publication's settings, relative to the workspace root.
const DEFAULT_SETTINGS: &str = "fixtures/2025/indstillinger.toml";
/// Where the default publication is written, relative to the workspace root.
const DEFAULT_OUTPUT: &str = "publication/2025";

/// Tasks of the klyngepakke workspace.
#[derive(Debug, Parser)]
#[command(name = "cargo xtask", version, about)]
enum Task {
    /// Build the default publication from the committed 2025 fixture into publication/2025.
    Publish,
    /// Run every check: formatting, clippy, the docs build and every test (installs the external
    /// tools the tests call first when they are missing; see `deps`).
    Test,
    /// Check for the external tools the tests call (poppler, qpdf, xmllint, LibreOffice,
    /// Chromium and its driver, and the Python checkers) and install missing ones when root.
    Deps,
    /// Render every fact sheet of publication/2025 to PNG pages in target/review for a look.
    RenderPng {
        /// Resolution in dots per inch.
        #[arg(long, default_value_t = 70)]
        dpi: u32,
    },
    /// Time the whole publication at ×1, ×10 and ×100 the national scale (release build; scaled
    /// inputs in target/bench), then each renderer with criterion; see docs/performance.md.
    Bench {
        /// The scales to time, comma separated.
        #[arg(long, value_delimiter = ',', default_values_t = [1, 10, 100])]
        scales: Vec<u32>,
        /// The export forms to publish from, comma separated.
        #[arg(long, value_delimiter = ',', default_values_t = bench::EXPORTS.map(String::from))]
        exports: Vec<String>,
        /// Skip the per-renderer criterion suite.
        #[arg(long)]
        no_criterion: bool,
    },
    /// Scaffold a new output-format crate and register it (see docs/adding-a-format.md).
    NewFormat {
        /// The format's name, also its crate's name: lower-case letters, digits and dashes.
        name: String,
    },
    /// Regenerate the test fixtures (workbooks) from their fixture specifications.
    Fixtures {
        /// A fixture specification, or a folder whose `*/fixture-spec.toml` are all regenerated.
        #[arg(long, default_value_os_t = workspace_root().join(fixtures::DEFAULT_FOLDER))]
        spec: PathBuf,
    },
}

fn main() -> Result<()> {
    let root = workspace_root();
    match Task::parse() {
        Task::Publish => cargo(
            &root,
            &[
                "run",
                "--release",
                "--quiet",
                "-p",
                "klyngepakke",
                "--",
                "publish",
                DEFAULT_SETTINGS,
                "--out",
                DEFAULT_OUTPUT,
            ],
        ),
        Task::Test => {
            deps::ensure()?;
            cargo(&root, &["fmt", "--all", "--check"])?;
            cargo(
                &root,
                &[
                    "clippy",
                    "--workspace",
                    "--all-targets",
                    "--",
                    "-D",
                    "warnings",
                ],
            )?;
            cargo(&root, &["doc", "--workspace", "--no-deps", "--quiet"])?;
            cargo(&root, &["test", "--workspace"])
        }
        Task::Deps => deps::ensure(),
        Task::RenderPng { dpi } => render_png(&root, dpi),
        Task::Bench {
            scales,
            exports,
            no_criterion,
        } => bench::run(&root, &scales, &exports, !no_criterion),
        Task::NewFormat { name } => new_format::run(&root, &name),
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

/// Runs cargo (the one that runs xtask) in the workspace root.
fn cargo(root: &Path, args: &[&str]) -> Result<()> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    run(Command::new(cargo).args(args).current_dir(root))
}

fn run(command: &mut Command) -> Result<()> {
    let status = command
        .status()
        .with_context(|| format!("cannot start {command:?}"))?;
    if !status.success() {
        bail!("{command:?} failed ({status})");
    }
    Ok(())
}

fn render_png(root: &Path, dpi: u32) -> Result<()> {
    let sheets = root.join(DEFAULT_OUTPUT).join("faktaark");
    let review = root.join("target/review");
    std::fs::create_dir_all(&review)?;
    let mut pdfs: Vec<PathBuf> = std::fs::read_dir(&sheets)
        .with_context(|| {
            format!(
                "{} not found: run `cargo xtask publish` first",
                sheets.display()
            )
        })?
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.extension().is_some_and(|extension| extension == "pdf"))
        .collect();
    pdfs.sort();
    for pdf in &pdfs {
        let stem = pdf.file_stem().expect("a PDF has a name").to_string_lossy();
        run(Command::new("pdftoppm")
            .args(["-r", &dpi.to_string(), "-png"])
            .arg(pdf)
            .arg(review.join(stem.as_ref())))?;
    }
    println!(
        "Rendered {} fact sheets to {}",
        pdfs.len(),
        review.display()
    );
    Ok(())
}
