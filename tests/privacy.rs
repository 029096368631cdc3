//! Privacy and escaping across every format: no free-text answer appears in any output (inside
//! zips, Word and PowerPoint parts and embedded chart workbooks too), and a roster whose cluster
//! and specialty names hold `& < > " '` still gives valid files in every format.
//!
//! Needs poppler-utils (pdftotext), qpdf, xmllint and python3 with html5lib (`.ci/run`).

use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};
use std::process::Command;

fn fixture(year: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../fixtures")
        .join(year)
}

fn publish_all(settings: &Path, out: &Path) {
    publish::publish(settings, out, &[], &publish::Silent)
        .unwrap_or_else(|error| panic!("{error}"));
}

/// Text a reader could see in a file, by name: XML and text as written (entities decoded),
/// PDFs through pdftotext, zip members (and members of members) one by one.
fn readable_texts(name: &str, bytes: &[u8], out: &mut Vec<(String, String)>) {
    let lower = name.to_lowercase();
    let zipped = [".zip", ".pptx", ".docx", ".xlsx"]
        .iter()
        .any(|extension| lower.ends_with(extension));
    if zipped {
        let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("a readable zip");
        for index in 0..archive.len() {
            let mut member = archive.by_index(index).expect("a zip member");
            let member_name = format!("{name}!{}", member.name().expect("a member name"));
            let mut content = Vec::new();
            member.read_to_end(&mut content).expect("a readable member");
            readable_texts(&member_name, &content, out);
        }
    } else if lower.ends_with(".pdf") {
        out.push((name.to_owned(), pdf_text(bytes)));
    } else {
        let text = String::from_utf8_lossy(bytes)
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#34;", "\"")
            .replace("&apos;", "'")
            .replace("&#39;", "'")
            .replace("&amp;", "&");
        out.push((name.to_owned(), text));
    }
}

fn pdf_text(bytes: &[u8]) -> String {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("file.pdf");
    std::fs::write(&path, bytes).unwrap();
    let output = Command::new("pdftotext")
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext runs (poppler-utils)");
    assert!(output.status.success(), "pdftotext failed");
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The first line of every free-text answer of a fixture, white space folded.
fn free_text_answers(year: &str) -> Vec<String> {
    let path = fixture(year).join("fixture-fritekst.toml");
    let table: toml::Table = toml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let answers: Vec<String> = table
        .values()
        .filter_map(toml::Value::as_array)
        .flatten()
        .filter_map(toml::Value::as_str)
        .map(|answer| {
            let first = answer.lines().next().unwrap_or_default();
            first.split_whitespace().collect::<Vec<_>>().join(" ")
        })
        .collect();
    assert!(
        answers.len() >= 20,
        "{year}: too few free-text answers to mean anything"
    );
    answers
}

#[test]
fn no_free_text_answer_appears_in_any_output_of_either_fixture() {
    for year in ["2025", "2026"] {
        let folder = tempfile::tempdir().unwrap();
        let out = folder.path().join(year);
        publish_all(&fixture(year).join("indstillinger.toml"), &out);
        let mut texts = Vec::new();
        for (path, bytes) in tests::files(&out) {
            readable_texts(&path.display().to_string(), &bytes, &mut texts);
        }
        assert!(
            texts
                .iter()
                .any(|(name, _)| name.contains(".pptx!ppt/embeddings/")),
            "{year}: the scan must reach the decks' embedded workbooks"
        );
        let folded: Vec<(String, String)> = texts
            .into_iter()
            .map(|(name, text)| (name, text.split_whitespace().collect::<Vec<_>>().join(" ")))
            .collect();
        for needle in free_text_answers(year) {
            for (name, text) in &folded {
                assert!(
                    !text.contains(&needle),
                    "{year}: {name} contains the free-text answer «{needle}»"
                );
            }
        }
    }
}

/// A copy of the 2025 fixture whose first cluster and its specialty carry markup characters.
fn hostile_names_fixture(folder: &Path) -> PathBuf {
    const CLUSTER: &str = "Derma – Hovedstad – Kbh";
    const SPECIALTY: &str = "Dermatologi";
    let source = fixture("2025");
    let copy = folder.join("fixture");
    std::fs::create_dir_all(copy.join("redaktionelt")).unwrap();
    for entry in std::fs::read_dir(&source).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            std::fs::copy(&path, copy.join(path.file_name().unwrap())).unwrap();
        }
    }
    for entry in std::fs::read_dir(source.join("redaktionelt")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(
            &path,
            copy.join("redaktionelt").join(path.file_name().unwrap()),
        )
        .unwrap();
    }
    let renames = [(CLUSTER, HOSTILE_CLUSTER), (SPECIALTY, HOSTILE_SPECIALTY)];
    for workbook in ["klynger.xlsx", "eksport.xlsx"] {
        let output = Command::new("python3")
            .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("checks/rename_in_workbook.py"))
            .arg(copy.join(workbook))
            .args(renames.iter().flat_map(|(from, to)| [*from, *to]))
            .output()
            .expect("python3 runs");
        assert!(
            output.status.success(),
            "renaming in {workbook} failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    copy.join("indstillinger.toml")
}

const HOSTILE_CLUSTER: &str = "Derma & \"Kbh\" <Øst> 'Vest'";
const HOSTILE_SPECIALTY: &str = "Dermatologi & <Hud> \"A\" 'B'";

#[test]
fn markup_characters_in_names_give_valid_files_in_every_format() {
    let folder = tempfile::tempdir().unwrap();
    let settings = hostile_names_fixture(folder.path());
    let out = folder.path().join("publication");
    publish_all(&settings, &out);
    let files = tests::files(&out);

    // The data files parse and carry the names unchanged.
    let json: serde_json::Value =
        serde_json::from_slice(&files[Path::new("data/figures.json")]).expect("valid JSON");
    assert!(
        holds_string(&json, HOSTILE_CLUSTER),
        "figures.json lost the cluster's name"
    );
    let mut csv = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(&files[Path::new("data/figures.csv")][3..]);
    assert!(
        csv.records()
            .map(|record| record.expect("a valid CSV record"))
            .any(|record| record.iter().any(|cell| cell == HOSTILE_CLUSTER)),
        "figures.csv lost the cluster's name"
    );

    // Every Word and PowerPoint file of the renamed cluster, and its package, validates.
    let mut checked = 0;
    for (path, bytes) in &files {
        let name = path.display().to_string();
        if name.starts_with("klynger/derma-kbh-oest-vest/") && !name.ends_with(".pdf") {
            let findings = ooxml_check::check_package(bytes).expect("the checker runs");
            assert!(findings.is_empty(), "{name}: {findings:?}");
            checked += 1;
        }
    }
    assert_eq!(
        checked, 3,
        "the deck, the plan and the guide of the renamed cluster"
    );
    assert!(files.contains_key(Path::new("pakker/derma-kbh-oest-vest.zip")));

    // Every PDF passes qpdf; the specialty's fact sheet shows both names as written.
    for (path, bytes) in &files {
        if path.extension().is_some_and(|extension| extension == "pdf") {
            let file = folder.path().join("check.pdf");
            std::fs::write(&file, bytes).unwrap();
            let status = Command::new("qpdf")
                .arg("--check")
                .arg(&file)
                .output()
                .expect("qpdf runs");
            assert!(
                status.status.success(),
                "{} fails qpdf --check",
                path.display()
            );
        }
    }
    let sheet = files
        .iter()
        .find(|(path, _)| {
            path.starts_with("faktaark") && path.display().to_string().contains("dermatologi-hud")
        })
        .expect("the renamed specialty's fact sheet");
    let text = pdf_text(sheet.1)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(text.contains("Dermatologi & <Hud> \"A\" 'B'"), "{text}");

    // The status page parses strictly as HTML and shows the specialty's name as written.
    let page = out.join("status.html");
    let output = Command::new("python3")
        .args(["-c", STRICT_HTML])
        .arg(&page)
        .output()
        .expect("python3 runs");
    assert!(
        output.status.success(),
        "status.html is not well-formed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(String::from_utf8_lossy(&output.stdout).contains(HOSTILE_SPECIALTY));
}

/// Whether a JSON value holds this string anywhere.
fn holds_string(value: &serde_json::Value, wanted: &str) -> bool {
    match value {
        serde_json::Value::String(text) => text == wanted,
        serde_json::Value::Array(items) => items.iter().any(|item| holds_string(item, wanted)),
        serde_json::Value::Object(fields) => fields.values().any(|item| holds_string(item, wanted)),
        _ => false,
    }
}

/// Parses a file with html5lib in strict mode and prints its text.
const STRICT_HTML: &str = "import sys, html5lib
doc = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(open(sys.argv[1], 'rb'))
print(''.join(doc.itertext()))";
