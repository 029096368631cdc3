//! The project's build system: `cargo xtask <task>` (see `cargo xtask --help`).

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};
use clap::Parser;

mod fixtures;

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
    /// Run every test (installs the external checkers first when they are missing; see `deps`).
    Test,
    /// Check for the external checkers the tests call (pdftotext, pdffonts, pdfinfo, qpdf, pdfua)
    /// and install missing ones with apt-get and pip when running as root.
    Deps,
    /// Render every fact sheet of publication/2025 to PNG pages in target/review for a look.
    RenderPng {
        /// Resolution in dots per inch.
        #[arg(long, default_value_t = 70)]
        dpi: u32,
    },
    /// Time the default publication and each fact sheet (release build); see docs/performance.md.
    Bench,
    /// Regenerate the test fixtures (workbooks) from their fixture specification.
    Fixtures {
        /// The fixture specification.
        #[arg(long, default_value_os_t = workspace_root().join(fixtures::DEFAULT_SPEC))]
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
            deps()?;
            cargo(&root, &["test", "--workspace"])
        }
        Task::Deps => deps(),
        Task::RenderPng { dpi } => render_png(&root, dpi),
        Task::Bench => cargo(&root, &["bench", "-p", "publish", "--bench", "publication"]),
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

/// External checkers the end-to-end tests call, with the package that provides each.
const CHECKERS: &[(&str, &str)] = &[
    ("pdftotext", "poppler-utils"),
    ("pdffonts", "poppler-utils"),
    ("pdfinfo", "poppler-utils"),
    ("pdftoppm", "poppler-utils"),
    ("qpdf", "qpdf"),
    ("pdfua", "pdfua (PyPI)"),
];
/// The PyPI package and version of the PDF/UA checker (also in .ci/run).
const PDFUA: &str = "pdfua==0.1.3";

fn missing_checkers() -> Vec<(&'static str, &'static str)> {
    CHECKERS
        .iter()
        .copied()
        .filter(|(program, _)| {
            Command::new("sh")
                .args(["-c", &format!("command -v {program}")])
                .output()
                .map_or(true, |out| !out.status.success())
        })
        .collect()
}

fn deps() -> Result<()> {
    let missing = missing_checkers();
    if missing.is_empty() {
        return Ok(());
    }
    let names: Vec<&str> = missing.iter().map(|(program, _)| *program).collect();
    let is_root = Command::new("id")
        .arg("-u")
        .output()
        .map(|out| out.stdout == b"0\n")
        .unwrap_or(false);
    if !is_root {
        bail!(
            "missing checkers: {}. Install them with:\n  sudo apt-get install poppler-utils qpdf\n  python3 -m pip install {PDFUA}",
            names.join(", ")
        );
    }
    eprintln!("Installing missing checkers: {}", names.join(", "));
    if missing.iter().any(|(_, package)| !package.contains("PyPI")) {
        run(Command::new("apt-get").args(["update", "-qq"]))?;
        run(Command::new("apt-get")
            .args([
                "install",
                "-y",
                "-qq",
                "--no-install-recommends",
                "poppler-utils",
                "qpdf",
            ])
            .env("DEBIAN_FRONTEND", "noninteractive"))?;
    }
    if missing.iter().any(|(_, package)| package.contains("PyPI")) {
        run(Command::new("python3").args([
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            PDFUA,
        ]))?;
    }
    let still: Vec<&str> = missing_checkers()
        .iter()
        .map(|(program, _)| *program)
        .collect();
    if !still.is_empty() {
        bail!("still missing after installing: {}", still.join(", "));
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
