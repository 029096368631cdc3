//! The Word documents per cluster (the annual plan and the coordinator's guide, with the guide's
//! PDF) as Word's stand-ins see them: every XML part against the OOXML schemas, python-docx as
//! an independent reader, LibreOffice converting a sample, the guide PDFs through qpdf, pdfua
//! and pdftotext, no other cluster's name in a cluster's documents, and byte-identical output
//! at one and two threads.
//!
//! Needs xmllint (libxml2-utils), python3 with python-docx, LibreOffice (`soffice`),
//! poppler-utils, qpdf and the PyPI package pdfua (`.ci/run` installs them).

use std::collections::BTreeMap;
use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use rayon::prelude::*;

const FORMATS: [&str; 2] = ["plan", "guide"];

fn fixture_settings() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../fixtures/2025/indstillinger.toml")
}

/// Publishes the Word formats of the fixture into a fresh folder on `threads` threads.
fn publish_with(threads: usize) -> tempfile::TempDir {
    let folder = tempfile::tempdir().unwrap();
    let out = folder.path().join("2025");
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap();
    let formats: Vec<String> = FORMATS.iter().map(|name| (*name).to_owned()).collect();
    pool.install(|| publish::publish(&fixture_settings(), &out, &formats, &publish::Silent))
        .unwrap_or_else(|error| panic!("{error}"));
    folder
}

/// The publication, built once for this test binary on two threads.
fn publication() -> &'static Path {
    static PUBLICATION: OnceLock<tempfile::TempDir> = OnceLock::new();
    PUBLICATION.get_or_init(|| publish_with(2)).path()
}

/// A cluster as the documents name it, and its folder.
struct Cluster {
    name: String,
    folder: PathBuf,
    specialty: usize,
    suppressed: bool,
}

/// Every cluster of the fixture with its folder, in roster order.
fn clusters() -> &'static [Cluster] {
    static CLUSTERS: OnceLock<Vec<Cluster>> = OnceLock::new();
    CLUSTERS.get_or_init(|| {
        let selection = publish::Selection::new(&["plan".to_owned()]).unwrap();
        let prepared = publish::prepare(&fixture_settings(), &selection.requirements)
            .unwrap_or_else(|error| panic!("{error}"));
        let root = publication().join("2025/klynger");
        prepared
            .figures
            .specialties
            .iter()
            .enumerate()
            .flat_map(|(specialty, figures)| {
                let prepared = &prepared;
                let root = &root;
                figures
                    .clusters
                    .iter()
                    .enumerate()
                    .map(move |(cluster, figures)| Cluster {
                        name: figures.name.clone(),
                        folder: root.join(prepared.cluster_slug(specialty, cluster)),
                        specialty,
                        suppressed: figures.results.shown().is_none(),
                    })
            })
            .collect()
    })
}

fn word_documents() -> Vec<PathBuf> {
    clusters()
        .iter()
        .flat_map(|cluster| {
            ["aarsplan.docx", "vejledning.docx"].map(|file| cluster.folder.join(file))
        })
        .collect()
}

/// Runs an external program; a missing one fails the test with the way to install it.
fn run(program: &str, args: &[&str]) -> (bool, String) {
    let output = Command::new(program).args(args).output().unwrap_or_else(|error| {
        panic!("cannot run {program} ({error}); install the checkers with `cargo xtask deps` (see .ci/run)")
    });
    let text = String::from_utf8_lossy(&output.stdout).into_owned()
        + &String::from_utf8_lossy(&output.stderr);
    (output.status.success(), text)
}

/// The text of a PDF as pdftotext extracts it, white space folded.
fn pdf_text(pdf: &Path) -> String {
    let (ok, text) = run("pdftotext", &[pdf.to_str().unwrap(), "-"]);
    assert!(ok, "pdftotext {}: {text}", pdf.display());
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Every `w:t` text of a Word document's body, footer and glossary, white space folded.
fn docx_text(path: &Path) -> String {
    let bytes = std::fs::read(path).unwrap();
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut text = String::new();
    for index in 0..archive.len() {
        let mut file = archive.by_index(index).unwrap();
        if !file.name().unwrap().ends_with(".xml") {
            continue;
        }
        let mut xml = String::new();
        file.read_to_string(&mut xml).unwrap();
        for piece in xml.split("<w:t").skip(1) {
            let content = piece.split_once('>').map_or("", |(_, rest)| rest);
            text += content.split("</w:t>").next().unwrap_or("");
        }
        text.push(' ');
    }
    text.replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn every_cluster_gets_a_plan_and_a_guide_in_word_and_pdf() {
    for cluster in clusters() {
        for file in ["aarsplan.docx", "vejledning.docx", "vejledning.pdf"] {
            assert!(
                cluster.folder.join(file).is_file(),
                "{}: {file} is missing",
                cluster.name
            );
        }
    }
}

/// The documents the schema check validates: both Word documents of the first cluster of every
/// specialty and of the first cluster whose answers are suppressed (its plan takes the
/// specialty's motivation elements). The documents of all clusters share their markup and differ
/// in text only; each package costs an `xmllint` run with the whole schema set (about 0,4 s).
fn schema_sample() -> Vec<PathBuf> {
    let mut sample: Vec<&Cluster> = Vec::new();
    for cluster in clusters() {
        let new_specialty = sample
            .last()
            .is_none_or(|last| last.specialty != cluster.specialty);
        let first_suppressed = cluster.suppressed && !sample.iter().any(|chosen| chosen.suppressed);
        if new_specialty || first_suppressed {
            sample.push(cluster);
        }
    }
    sample
        .iter()
        .flat_map(|cluster| {
            ["aarsplan.docx", "vejledning.docx"].map(|file| cluster.folder.join(file))
        })
        .collect()
}

#[test]
fn every_xml_part_validates_against_the_ooxml_schemas() {
    let sample = schema_sample();
    assert!(
        sample.len() >= 2 * 15,
        "a cluster of every specialty and a suppressed one"
    );
    let failures: Vec<String> = sample
        .par_iter()
        .filter_map(|path| {
            let findings = ooxml_check::check_package(&std::fs::read(path).unwrap())
                .unwrap_or_else(|error| panic!("{error}"));
            (!findings.is_empty()).then(|| {
                let listed: Vec<String> = findings.iter().map(ToString::to_string).collect();
                format!("{}:\n{}", path.display(), listed.join("\n"))
            })
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// What python-docx reads, per file (tests/checks/docx_check.py).
fn python_docx() -> &'static BTreeMap<String, serde_json::Value> {
    static READ: OnceLock<BTreeMap<String, serde_json::Value>> = OnceLock::new();
    READ.get_or_init(|| {
        let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("checks/docx_check.py");
        let mut args = vec![script.to_str().unwrap().to_owned()];
        args.extend(
            word_documents()
                .iter()
                .map(|path| path.to_str().unwrap().to_owned()),
        );
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let (ok, output) = run("python3", &args);
        assert!(
            ok,
            "docx_check.py failed (python-docx installed?):\n{output}"
        );
        serde_json::from_str(&output).unwrap_or_else(|error| panic!("{error}: {output}"))
    })
}

fn strings(value: &serde_json::Value) -> Vec<String> {
    value
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item.as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn python_docx_reads_the_meeting_table_headings_and_core_properties() {
    let read = python_docx();
    for cluster in clusters() {
        for (file, title) in [
            ("aarsplan.docx", "Årsplan for klyngemøder 2026".to_owned()),
            (
                "vejledning.docx",
                format!("Vejledning til klyngekoordinatoren – {}", cluster.name),
            ),
        ] {
            let path = cluster.folder.join(file);
            let document = &read[path.to_str().unwrap()];
            assert!(
                document.get("error").is_none(),
                "{}: {document}",
                path.display()
            );
            assert_eq!(document["title"], title.as_str(), "{}", path.display());
            assert_eq!(document["creator"], "eKVIS");
            assert_eq!(document["language"], "da-DK");
            assert_eq!(document["default_language"], "da-DK");
            assert_eq!(document["created"], "2026-03-16T00:00:00+00:00");
            assert_eq!(document["page_field"], true, "{}", path.display());
            let styles: Vec<&str> = document["headings"]
                .as_array()
                .unwrap()
                .iter()
                .map(|heading| heading["style"].as_str().unwrap())
                .collect();
            assert_eq!(styles.first(), Some(&"Heading 1"), "{}", path.display());
            assert!(styles.contains(&"Heading 2"), "{}", path.display());
        }

        let plan = &read[cluster.folder.join("aarsplan.docx").to_str().unwrap()];
        assert_eq!(plan["landscape"], true);
        let tables = plan["tables"].as_array().unwrap();
        assert_eq!(
            strings(&tables[0]["header"]),
            ["Klynge", "Speciale", "Klyngekoordinator", "Medlemmer", "År"]
        );
        let meetings = &tables[1];
        assert_eq!(
            strings(&meetings["header"]),
            [
                "Dato",
                "Tema",
                "Mødets mål",
                "Forberedelse og data",
                "Ansvarlig",
                "Opfølgning fra sidste møde"
            ]
        );
        assert_eq!(meetings["repeats"], true);
        assert!(
            meetings["rows"].as_u64().unwrap() > 4,
            "a header and four meetings at least"
        );
        // Every meeting and follow-up cell is a field showing its prompt.
        assert!(
            plan["placeholders"].as_u64().unwrap() >= 24 + 15,
            "{}",
            cluster.name
        );
        let headings: Vec<&str> = plan["headings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|heading| heading["text"].as_str().unwrap())
            .collect();
        assert!(headings.contains(&"Input fra drøftelsen af spørgeskemaundersøgelsen"));
        assert!(
            plan["lists"]
                .as_array()
                .unwrap()
                .iter()
                .all(|item| item["numbered"] == true),
            "list paragraphs carry their numbering"
        );

        let guide = &read[cluster.folder.join("vejledning.docx").to_str().unwrap()];
        assert_eq!(guide["landscape"], false);
        assert!(guide["text"].as_str().unwrap().contains(&cluster.name));
        assert!(guide["tables"].as_array().unwrap().is_empty());
    }
}

#[test]
fn libreoffice_converts_a_plan_and_a_guide_to_pdf() {
    let cluster = &clusters()[0];
    let out = tempfile::tempdir().unwrap();
    let profile = tempfile::tempdir().unwrap();
    let installation = format!("-env:UserInstallation=file://{}", profile.path().display());
    for file in ["aarsplan.docx", "vejledning.docx"] {
        let source = cluster.folder.join(file);
        let (ok, output) = run(
            "soffice",
            &[
                &installation,
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                out.path().to_str().unwrap(),
                source.to_str().unwrap(),
            ],
        );
        assert!(ok, "soffice {file}: {output}");
        let pdf = out.path().join(file.replace(".docx", ".pdf"));
        assert!(pdf.is_file(), "soffice wrote no PDF for {file}: {output}");
        let text = pdf_text(&pdf);
        assert!(text.contains(&cluster.name), "{file}: {text}");
    }
}

#[test]
fn the_guide_pdfs_are_valid_tagged_pdf_naming_their_cluster() {
    let guides: Vec<PathBuf> = clusters()
        .iter()
        .map(|cluster| cluster.folder.join("vejledning.pdf"))
        .collect();
    let mut pdfua = vec!["check", "--quiet"];
    pdfua.extend(guides.iter().map(|path| path.to_str().unwrap()));
    let (ok, output) = run("pdfua", &pdfua);
    assert!(ok, "pdfua check:\n{output}");
    let failures: Vec<String> = clusters()
        .par_iter()
        .zip(&guides)
        .filter_map(|(cluster, pdf)| {
            let (ok, output) = run("qpdf", &["--check", pdf.to_str().unwrap()]);
            let mut problems = Vec::new();
            if !ok {
                problems.push(format!("qpdf --check: {output}"));
            }
            let text = pdf_text(pdf);
            if !text.contains(&cluster.name) {
                problems.push(format!("the text does not name the cluster: {text}"));
            }
            (!problems.is_empty()).then(|| format!("{}: {}", cluster.name, problems.join("; ")))
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn no_document_names_another_cluster() {
    for cluster in clusters() {
        let texts = [
            (
                "aarsplan.docx",
                docx_text(&cluster.folder.join("aarsplan.docx")),
            ),
            (
                "vejledning.docx",
                docx_text(&cluster.folder.join("vejledning.docx")),
            ),
            (
                "vejledning.pdf",
                pdf_text(&cluster.folder.join("vejledning.pdf")),
            ),
        ];
        for (file, text) in &texts {
            assert!(
                text.contains(&cluster.name),
                "{}: {file} lacks the name",
                cluster.name
            );
            for other in clusters() {
                if other.name != cluster.name && !cluster.name.contains(&other.name) {
                    assert!(
                        !text.contains(&other.name),
                        "{}: {file} names {}",
                        cluster.name,
                        other.name
                    );
                }
            }
        }
    }
}

#[test]
fn the_documents_are_byte_identical_at_one_and_two_threads() {
    let again = publish_with(1);
    for cluster in clusters() {
        let relative = cluster.folder.strip_prefix(publication()).unwrap();
        for file in ["aarsplan.docx", "vejledning.docx", "vejledning.pdf"] {
            assert!(
                std::fs::read(cluster.folder.join(file)).unwrap()
                    == std::fs::read(again.path().join(relative).join(file)).unwrap(),
                "{}: {file} differs between runs",
                cluster.name
            );
        }
    }
}
