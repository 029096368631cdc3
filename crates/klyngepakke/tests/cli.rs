//! The command line as a user meets it: help, exit codes, nothing written on bad input, and the
//! same bytes at RAYON_NUM_THREADS=1 and 2.

use std::path::Path;
use std::process::{Command, Output};

fn klyngepakke(args: &[&str], threads: Option<&str>) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_klyngepakke"));
    command.args(args);
    if let Some(threads) = threads {
        command.env("RAYON_NUM_THREADS", threads);
    }
    command.output().expect("the binary runs")
}

fn fixture(path: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures")
        .join(path)
        .display()
        .to_string()
}

fn text(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned() + &String::from_utf8_lossy(&output.stderr)
}

#[test]
fn help_names_every_command() {
    let output = klyngepakke(&["--help"], None);
    assert!(output.status.success());
    let help = text(&output);
    for command in ["publish", "validate", "formats", "Exit codes"] {
        assert!(help.contains(command), "--help lacks {command}:\n{help}");
    }
    let formats = text(&klyngepakke(&["formats"], None));
    assert!(
        formats.contains("pdf") && formats.contains("data"),
        "{formats}"
    );
}

#[test]
fn bad_input_exits_with_2_and_writes_nothing() {
    let folder = tempfile::tempdir().unwrap();
    let out = folder.path().join("2025");
    let broken = fixture("2025-broken/indstillinger.toml");

    let output = klyngepakke(&["validate", &broken], None);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        text(&output).contains("sheet \"Besvarelser\", cell K588: found \"Måske\""),
        "{}",
        text(&output)
    );

    let output = klyngepakke(
        &["publish", &broken, "--out", &out.display().to_string()],
        None,
    );
    assert_eq!(output.status.code(), Some(2), "{}", text(&output));
    assert!(text(&output).contains("Nothing was written."));
    assert_eq!(
        std::fs::read_dir(folder.path()).unwrap().count(),
        0,
        "nothing may be written"
    );

    let output = klyngepakke(
        &[
            "publish",
            &fixture("2025/indstillinger.toml"),
            "--formats",
            "odt",
        ],
        None,
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(
        text(&output).contains("unknown format 'odt' (known: data, pdf"),
        "{}",
        text(&output)
    );
}

#[test]
fn publish_prints_a_summary_and_gives_the_same_bytes_on_one_and_two_threads() {
    let folder = tempfile::tempdir().unwrap();
    let mut runs = Vec::new();
    for threads in ["1", "2"] {
        let out = folder.path().join(threads);
        let output = klyngepakke(
            &[
                "publish",
                &fixture("2025/indstillinger.toml"),
                "--out",
                &out.display().to_string(),
            ],
            Some(threads),
        );
        assert!(output.status.success(), "{}", text(&output));
        let summary = text(&output);
        assert!(
            summary
                .contains("Published 14 specialties, 98 clusters: 1056 invited, 709 respondents."),
            "{summary}"
        );
        let written = tests::files(&out).len();
        assert!(
            summary.contains(&format!("Wrote {written} files")),
            "{summary}"
        );
        assert!(summary.contains("2 warnings:"), "{summary}");
        runs.push(tests::files(&out));
    }
    // Per specialty a fact sheet; per cluster a deck, a plan, a guide (Word and PDF) and a
    // package; three data files, the status page, the mailing list and the manifest.
    assert_eq!(runs[0].len(), 14 + 98 * 5 + 3 + 1 + 1 + 1);
    assert!(
        runs[0] == runs[1],
        "output differs between RAYON_NUM_THREADS=1 and 2"
    );
}
