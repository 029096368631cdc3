//! `cargo xtask deps`: the external programs and Python modules the tests call, checked and (as
//! root) installed from Debian's packages and PyPI. `.ci/run` installs the same lists first.

use std::process::Command;

use anyhow::{Result, bail};

use crate::run;

/// Programs the tests run, with the Debian packages that provide them.
const PROGRAMS: &[(&str, &[&str])] = &[
    ("pdftotext", &["poppler-utils"]),
    ("pdffonts", &["poppler-utils"]),
    ("pdfinfo", &["poppler-utils"]),
    ("pdftoppm", &["poppler-utils"]),
    ("qpdf", &["qpdf"]),
    ("xmllint", &["libxml2-utils"]),
    (
        "soffice",
        &[
            "libreoffice-impress",
            "libreoffice-writer",
            "fonts-dejavu-core",
        ],
    ),
    ("chromium", &["chromium"]),
    ("chromedriver", &["chromium-driver"]),
];

/// Python modules the checkers import, with the pinned PyPI requirement that provides each.
const PYTHON: &[(&str, &str)] = &[
    ("pdfua", "pdfua==0.1.3"),
    ("lxml", "lxml==6.1.3"),
    ("pptx", "python-pptx==1.0.2"),
    ("docx", "python-docx==1.2.0"),
    ("openpyxl", "openpyxl==3.1.5"),
    ("selenium", "selenium==4.51.0"),
    ("html5lib", "html5lib==1.1"),
];

fn succeeds(command: &mut Command) -> bool {
    command.output().is_ok_and(|out| out.status.success())
}

fn missing_programs() -> Vec<(&'static str, &'static [&'static str])> {
    PROGRAMS
        .iter()
        .copied()
        .filter(|(program, _)| {
            !succeeds(Command::new("sh").args(["-c", &format!("command -v {program}")]))
        })
        .collect()
}

fn missing_modules() -> Vec<(&'static str, &'static str)> {
    PYTHON
        .iter()
        .copied()
        .filter(|(module, _)| {
            !succeeds(Command::new("python3").args(["-c", &format!("import {module}")]))
        })
        .collect()
}

/// Checks for every program and module; as root installs the missing ones, otherwise says how.
pub fn ensure() -> Result<()> {
    let programs = missing_programs();
    let modules = missing_modules();
    if programs.is_empty() && modules.is_empty() {
        return Ok(());
    }
    let mut packages: Vec<&str> = programs
        .iter()
        .flat_map(|(_, packages)| packages.iter().copied())
        .collect();
    packages.sort_unstable();
    packages.dedup();
    let requirements: Vec<&str> = modules
        .iter()
        .map(|(_, requirement)| *requirement)
        .collect();
    let is_root = Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|out| out.stdout == b"0\n");
    if !is_root {
        bail!(
            "missing test tools. Install them with:\n  sudo apt-get install {}\n  python3 -m pip install {}",
            packages.join(" "),
            requirements.join(" ")
        );
    }
    if !packages.is_empty() {
        eprintln!("Installing Debian packages: {}", packages.join(" "));
        run(Command::new("apt-get").args(["update", "-qq"]))?;
        run(Command::new("apt-get")
            .args(["install", "-y", "-qq", "--no-install-recommends"])
            .args(&packages)
            .env("DEBIAN_FRONTEND", "noninteractive"))?;
    }
    if !requirements.is_empty() {
        eprintln!("Installing Python packages: {}", requirements.join(" "));
        run(Command::new("python3")
            .args([
                "-m",
                "pip",
                "install",
                "--quiet",
                "--disable-pip-version-check",
            ])
            .args(&requirements))?;
    }
    let still: Vec<&str> = missing_programs()
        .iter()
        .map(|(program, _)| *program)
        .chain(missing_modules().iter().map(|(module, _)| *module))
        .collect();
    if !still.is_empty() {
        bail!("still missing after installing: {}", still.join(", "));
    }
    Ok(())
}
