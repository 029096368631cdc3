//! The slide deck per cluster as PowerPoint's stand-ins see it: every XML part of every deck and
//! of every chart's embedded workbook against the OOXML schemas, python-pptx and openpyxl reading
//! every chart against data/figures.json (tests/checks/pptx_check.py), LibreOffice converting a
//! sample (the suppressed cluster's included), no other cluster's name in any part of a deck,
//! slides left out with one warning when the definition lacks their roles, and byte-identical
//! output across runs at one and two threads.
//!
//! Needs xmllint (libxml2-utils), python3 with python-pptx and openpyxl, LibreOffice (`soffice`)
//! and poppler-utils (`.ci/run` installs them).

use std::collections::BTreeMap;
use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use rayon::prelude::*;

const FORMATS: [&str; 2] = ["deck", "data"];
const DECK: &str = "praesentation.pptx";
/// The fixture's cluster below the minimum number of respondents.
const SUPPRESSED: &str = "Neurologi – Sjælland";

fn fixture() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../fixtures/2025")
}

/// Publishes the deck and data formats of `settings` into a fresh folder on `threads` threads.
fn publish_with(settings: &Path, threads: usize) -> (tempfile::TempDir, publish::Report) {
    let folder = tempfile::tempdir().unwrap();
    let out = folder.path().join("2025");
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap();
    let formats: Vec<String> = FORMATS.iter().map(|name| (*name).to_owned()).collect();
    let report = pool
        .install(|| publish::publish(settings, &out, &formats, &publish::Silent))
        .unwrap_or_else(|error| panic!("{error}"));
    (folder, report)
}

/// The fixture's publication, built once for this test binary on two threads.
fn publication() -> &'static Path {
    static PUBLICATION: OnceLock<(tempfile::TempDir, publish::Report)> = OnceLock::new();
    PUBLICATION
        .get_or_init(|| publish_with(&fixture().join("indstillinger.toml"), 2))
        .0
        .path()
}

/// A cluster, its indices into figures.json and its deck.
struct Cluster {
    name: String,
    specialty: usize,
    index: usize,
    deck: PathBuf,
}

/// Every cluster of the fixture with its deck, in roster order.
fn clusters() -> &'static [Cluster] {
    static CLUSTERS: OnceLock<Vec<Cluster>> = OnceLock::new();
    CLUSTERS.get_or_init(|| {
        let selection = publish::Selection::new(&["deck".to_owned()]).unwrap();
        let prepared = publish::prepare(
            &fixture().join("indstillinger.toml"),
            &selection.requirements,
        )
        .unwrap_or_else(|error| panic!("{error}"));
        let root = publication().join("2025/klynger");
        let mut clusters = Vec::new();
        for (specialty, figures) in prepared.figures.specialties.iter().enumerate() {
            for (index, cluster) in figures.clusters.iter().enumerate() {
                clusters.push(Cluster {
                    name: cluster.name.clone(),
                    specialty,
                    index,
                    deck: root
                        .join(prepared.cluster_slug(specialty, index))
                        .join(DECK),
                });
            }
        }
        clusters
    })
}

fn cluster(name: &str) -> &'static Cluster {
    clusters()
        .iter()
        .find(|cluster| cluster.name == name)
        .unwrap_or_else(|| panic!("no cluster {name}"))
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

/// Every entry of a zip package with its bytes; embedded packages (the charts' workbooks) are
/// opened too, their parts named `outer!/inner`.
fn parts(bytes: &[u8], prefix: &str) -> Vec<(String, Vec<u8>)> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut parts = Vec::new();
    for index in 0..archive.len() {
        let mut file = archive.by_index(index).unwrap();
        let name = format!("{prefix}{}", file.name().unwrap());
        let mut data = Vec::new();
        file.read_to_end(&mut data).unwrap();
        if name.ends_with(".xlsx") {
            parts.extend(self::parts(&data, &format!("{name}!/")));
        }
        parts.push((name, data));
    }
    parts
}

/// The text of the slides, in order: every `a:t`, unescaped, white space folded.
fn slide_texts(deck: &Path) -> Vec<String> {
    let parts = parts(&std::fs::read(deck).unwrap(), "");
    let mut slides: Vec<(usize, String)> = parts
        .iter()
        .filter_map(|(name, data)| {
            let number = name
                .strip_prefix("ppt/slides/slide")?
                .strip_suffix(".xml")?
                .parse()
                .ok()?;
            let xml = String::from_utf8(data.clone()).unwrap();
            let mut text = String::new();
            for piece in xml.split("<a:t>").skip(1) {
                text += piece.split("</a:t>").next().unwrap_or("");
                text.push(' ');
            }
            Some((number, unescape(&text)))
        })
        .collect();
    slides.sort();
    slides.into_iter().map(|(_, text)| text).collect()
}

fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn every_cluster_gets_a_deck() {
    for cluster in clusters() {
        assert!(cluster.deck.is_file(), "{}: no deck", cluster.name);
    }
    assert_eq!(clusters().len(), 98);
}

#[test]
fn every_part_of_every_deck_and_workbook_validates_against_the_ooxml_schemas() {
    let failures: Vec<String> = clusters()
        .par_iter()
        .filter_map(|cluster| {
            let findings = ooxml_check::check_package(&std::fs::read(&cluster.deck).unwrap())
                .unwrap_or_else(|error| panic!("{error}"));
            (!findings.is_empty()).then(|| {
                let listed: Vec<String> = findings.iter().map(ToString::to_string).collect();
                format!("{}:\n{}", cluster.deck.display(), listed.join("\n"))
            })
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn python_pptx_and_openpyxl_read_the_published_figures_in_every_chart() {
    let list = tempfile::NamedTempFile::new().unwrap();
    let decks: Vec<serde_json::Value> = clusters()
        .iter()
        .map(|cluster| {
            serde_json::json!({
                "path": cluster.deck,
                "specialty": cluster.specialty,
                "cluster": cluster.index,
            })
        })
        .collect();
    std::fs::write(list.path(), serde_json::to_vec(&decks).unwrap()).unwrap();
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("checks/pptx_check.py");
    let figures = publication().join("2025/data/figures.json");
    let texts = fixture().join("tekster.toml");
    let (ok, output) = run(
        "python3",
        &[
            script.to_str().unwrap(),
            figures.to_str().unwrap(),
            texts.to_str().unwrap(),
            list.path().to_str().unwrap(),
        ],
    );
    assert!(
        ok,
        "pptx_check.py failed (python-pptx and openpyxl installed?):\n{output}"
    );
    let read: serde_json::Value =
        serde_json::from_str(&output).unwrap_or_else(|error| panic!("{error}: {output}"));
    let problems: Vec<&str> = read["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|problem| problem.as_str().unwrap())
        .collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert_eq!(read["decks"], 98);
    // Six charts in every deck, shown and suppressed alike, each with its workbook.
    assert_eq!(read["charts"], 98 * 6);
    assert_eq!(read["workbooks"], 98 * 6);
    for slides in read["slides"].as_object().unwrap().values() {
        assert_eq!(slides.as_array().unwrap().len(), 10, "{slides}");
    }
}

#[test]
fn the_slides_say_what_the_figures_say() {
    let shown = slide_texts(&cluster("Derma – Hovedstad – Kbh").deck);
    for (slide, sentence) in [
        (
            0,
            "Derma – Hovedstad – Kbh Dermatologi Klyngens resultater fra spørgeskemaundersøgelsen 2025 eKVIS · Marts 2026",
        ),
        (
            1,
            "12 af klyngens 18 inviterede har besvaret spørgeskemaet. Det giver en svarprocent på 66,7 pct.",
        ),
        (1, "Dermatologi 110 74 67,3 pct."),
        (1, "Hele landet 1.056 709 67,1 pct."),
        (
            3,
            "58 pct. i klyngen vurderer, at klyngearbejdet i høj eller meget høj grad kan understøtte kvalitetsarbejdet. Andelen er lavere end i Dermatologi som helhed (71 pct.); på landsplan er den 65,7 pct.",
        ),
        (
            6,
            "50 pct. i klyngen har indført forbedringer i egen klinik på baggrund af et klyngemøde. Andelen er lavere end i Dermatologi som helhed (51 pct.); på landsplan er den 48 pct.",
        ),
        // Below its specialty on support: questions on what would make the meetings more valuable.
        (
            8,
            "Hvad skal der til, for at du går fra et møde med noget, du kan bruge i din klinik?",
        ),
        (
            8,
            "klyngen er sammenlignet med Dermatologi som helhed på understøttelse af kvalitetsarbejdet (58 pct. mod 71 pct.) og indførte forbedringer (50 pct. mod 51 pct.).",
        ),
    ] {
        assert!(
            shown[slide].contains(sentence),
            "slide {} lacks «{sentence}»:\n{}",
            slide + 1,
            shown[slide]
        );
    }
    let suppressed = slide_texts(&cluster(SUPPRESSED).deck);
    for (slide, sentence) in [
        (
            1,
            "3 af klyngens 6 inviterede har besvaret spørgeskemaet. Det er for få til at vise klyngens egne tal: der skal mindst 5 svar til.",
        ),
        (
            3,
            "I Neurologi som helhed vurderer 67 pct., at klyngearbejdet i høj eller meget høj grad kan understøtte kvalitetsarbejdet; på landsplan er andelen 65,7 pct.",
        ),
        (
            8,
            "for få i klyngen har svaret til at sammenligne klyngen med Neurologi",
        ),
    ] {
        assert!(
            suppressed[slide].contains(sentence),
            "slide {} lacks «{sentence}»:\n{}",
            slide + 1,
            suppressed[slide]
        );
    }
    // Its name stands on the title, the survey slide and in the footers; no share of its own on
    // the six slides of results.
    for text in &suppressed[2..8] {
        assert!(
            !text.contains("i klyngen vurderer") && !text.contains("i klyngen har"),
            "{text}"
        );
    }
}

#[test]
fn libreoffice_converts_a_sample_of_decks_with_every_slide() {
    let sample: Vec<&Cluster> = clusters()
        .iter()
        .enumerate()
        .filter(|(index, cluster)| index % 40 == 0 || cluster.name == SUPPRESSED)
        .map(|(_, cluster)| cluster)
        .collect();
    assert!(sample.iter().any(|cluster| cluster.name == SUPPRESSED));
    let out = tempfile::tempdir().unwrap();
    let profile = tempfile::tempdir().unwrap();
    let installation = format!("-env:UserInstallation=file://{}", profile.path().display());
    for cluster in sample {
        // Every deck is called praesentation.pptx: one conversion at a time into its own folder.
        let target = out
            .path()
            .join(format!("{}-{}", cluster.specialty, cluster.index));
        let (ok, output) = run(
            "soffice",
            &[
                &installation,
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                target.to_str().unwrap(),
                cluster.deck.to_str().unwrap(),
            ],
        );
        assert!(ok, "soffice {}: {output}", cluster.name);
        let pdf = target.join("praesentation.pdf");
        assert!(
            pdf.is_file(),
            "soffice wrote no PDF for {}: {output}",
            cluster.name
        );
        let (ok, info) = run("pdfinfo", &[pdf.to_str().unwrap()]);
        assert!(ok, "{info}");
        assert!(
            info.contains("Pages:           10"),
            "{}: {info}",
            cluster.name
        );
        let (ok, text) = run("pdftotext", &[pdf.to_str().unwrap(), "-"]);
        assert!(
            ok && text.contains(&cluster.name),
            "{}: {text}",
            cluster.name
        );
    }
}

/// A name as it stands in XML text.
fn escaped(name: &str) -> String {
    name.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;")
}

#[test]
fn no_part_of_a_deck_names_another_cluster() {
    let failures: Vec<String> = clusters()
        .par_iter()
        .flat_map(|cluster| {
            let parts = parts(&std::fs::read(&cluster.deck).unwrap(), "");
            let xml: Vec<(String, String)> = parts
                .into_iter()
                .filter(|(name, _)| name.ends_with(".xml") || name.ends_with(".rels"))
                .map(|(name, data)| (name, String::from_utf8(data).unwrap()))
                .collect();
            assert!(
                xml.iter()
                    .any(|(_, text)| text.contains(&escaped(&cluster.name))),
                "{}: the deck does not name its own cluster",
                cluster.name
            );
            let mut found = Vec::new();
            for other in clusters() {
                if other.name == cluster.name || cluster.name.contains(&other.name) {
                    continue;
                }
                for (part, text) in &xml {
                    if text.contains(&escaped(&other.name)) {
                        found.push(format!("{}: {part} names {}", cluster.name, other.name));
                    }
                }
            }
            found
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn decks_are_byte_identical_across_runs_and_thread_counts() {
    let reference: BTreeMap<PathBuf, Vec<u8>> = tests::files(&publication().join("2025"));
    assert!(reference.keys().any(|path| path.ends_with(DECK)));
    for threads in [1, 2] {
        let (again, _) = publish_with(&fixture().join("indstillinger.toml"), threads);
        let files = tests::files(&again.path().join("2025"));
        assert_eq!(
            files.keys().collect::<Vec<_>>(),
            reference.keys().collect::<Vec<_>>()
        );
        for (path, bytes) in &reference {
            assert!(
                files[path] == *bytes,
                "{} differs with {threads} thread(s)",
                path.display()
            );
        }
    }
}

#[test]
fn slides_whose_roles_the_definition_lacks_are_left_out_with_one_warning_each() {
    // A copy of the fixture whose definition names no question for support or motivation.
    let copy = tempfile::tempdir().unwrap();
    copy_folder(&fixture(), copy.path());
    let definition = copy.path().join("spoergeskema.toml");
    let text = std::fs::read_to_string(&definition).unwrap();
    let without: String = text
        .lines()
        .filter(|line| !line.starts_with("support =") && !line.starts_with("motivation ="))
        .collect::<Vec<_>>()
        .join("\n");
    assert_eq!(text.lines().count() - 2, without.lines().count());
    std::fs::write(&definition, without).unwrap();

    let (folder, report) = publish_with(&copy.path().join("indstillinger.toml"), 2);
    let deck_warnings: Vec<&String> = report
        .warnings
        .iter()
        .filter(|warning| warning.starts_with("deck:"))
        .collect();
    assert_eq!(
        deck_warnings,
        [
            "deck: the slide \"Klyngearbejdet og kvalitetsarbejdet\" is left out of every cluster's presentation: the survey definition names no question for the role 'support'",
            "deck: the slide \"Det motiverer til forbedringer\" is left out of every cluster's presentation: the survey definition names no question for the role 'motivation'",
        ]
    );
    let relative = cluster("Derma – Hovedstad – Kbh")
        .deck
        .strip_prefix(publication())
        .unwrap();
    let slides = slide_texts(&folder.path().join(relative));
    assert_eq!(slides.len(), 8);
    assert!(
        slides
            .iter()
            .all(|text| !text.contains("Klyngearbejdet og kvalitetsarbejdet"))
    );
    assert!(
        slides
            .iter()
            .all(|text| !text.contains("Det motiverer til forbedringer"))
    );
}

fn copy_folder(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_folder(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}
