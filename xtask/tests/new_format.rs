//! `cargo xtask new-format` in a temporary copy of the workspace: the scaffolded crate builds,
//! its test passes, `klyngepakke formats` lists it, and nothing but the registry changed.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in the workspace")
        .to_path_buf()
}

/// The workspace's files as git sees them (tracked, and untracked but not ignored).
fn source_files(root: &Path) -> Vec<PathBuf> {
    let output = Command::new("git")
        .args([
            "ls-files",
            "--cached",
            "--others",
            "--exclude-standard",
            "-z",
        ])
        .current_dir(root)
        .output()
        .expect("git runs");
    assert!(output.status.success(), "git ls-files failed");
    output
        .stdout
        .split(|byte| *byte == 0)
        .filter(|name| !name.is_empty())
        .map(|name| PathBuf::from(String::from_utf8_lossy(name).into_owned()))
        .filter(|path| root.join(path).is_file())
        .collect()
}

fn snapshot(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut pending = vec![root.to_path_buf()];
    while let Some(folder) = pending.pop() {
        for entry in std::fs::read_dir(&folder).expect("a readable folder") {
            let path = entry.expect("an entry").path();
            if path.is_dir() {
                pending.push(path);
            } else {
                let relative = path.strip_prefix(root).expect("below root").to_path_buf();
                files.insert(relative, std::fs::read(&path).expect("a readable file"));
            }
        }
    }
    files
}

fn cargo(dir: &Path, target: &Path, args: &[&str]) -> String {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let output = Command::new(cargo)
        .args(args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .output()
        .expect("cargo runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(output.status.success(), "cargo {args:?} failed:\n{text}");
    text
}

#[test]
fn a_scaffolded_format_builds_is_tested_and_listed() {
    let root = workspace_root();
    let copy = tempfile::tempdir().expect("a temporary folder");
    for file in source_files(&root) {
        let target = copy.path().join(&file);
        std::fs::create_dir_all(target.parent().expect("a parent")).expect("a folder");
        std::fs::copy(root.join(&file), &target).expect("a copy");
    }
    // A target folder of its own (the outer test run may hold the workspace's), kept between runs.
    let target = root.join("target/scaffold-check");
    let before = snapshot(copy.path());

    cargo(
        copy.path(),
        &target,
        &["run", "-q", "-p", "xtask", "--", "new-format", "oversigt"],
    );
    let after = snapshot(copy.path());
    let changed: Vec<String> = after
        .iter()
        .filter(|(path, bytes)| before.get(*path) != Some(*bytes))
        .map(|(path, _)| path.display().to_string())
        .filter(|path| path != "Cargo.lock")
        .collect();
    assert_eq!(
        changed,
        [
            "Cargo.toml",
            "crates/oversigt/Cargo.toml",
            "crates/oversigt/src/lib.rs",
            "crates/registry/Cargo.toml",
            "crates/registry/src/lib.rs",
        ],
        "new-format touched more than the registry"
    );

    let tested = cargo(copy.path(), &target, &["test", "-q", "-p", "oversigt"]);
    assert!(tested.contains("1 passed"), "{tested}");
    let listed = cargo(
        copy.path(),
        &target,
        &["run", "-q", "-p", "klyngepakke", "--", "formats"],
    );
    assert!(
        listed.lines().any(|line| line.starts_with("oversigt ")),
        "klyngepakke formats does not list the new format:\n{listed}"
    );
}
