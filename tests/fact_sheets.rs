//! The fact sheets as readers and checkers see them: text extraction, PDF syntax, embedded
//! fonts, PDF/UA, page count, and byte-identical output at any thread count.
//!
//! Needs poppler-utils, qpdf and the PyPI package pdfua (`.ci/run` installs them).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

fn fixture_settings() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../fixtures/2025/indstillinger.toml")
}

/// The 2026 fixture's fact sheets (a changed questionnaire, another year's data), built once.
fn sheets_2026() -> &'static (tempfile::TempDir, publish::Report) {
    static SHEETS: OnceLock<(tempfile::TempDir, publish::Report)> = OnceLock::new();
    SHEETS.get_or_init(|| {
        let folder = tempfile::tempdir().unwrap();
        let settings =
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../fixtures/2026/indstillinger.toml");
        let report = publish::publish(
            &settings,
            &folder.path().join("2026"),
            &["pdf".to_owned()],
            &publish::Silent,
        )
        .unwrap_or_else(|error| panic!("{error}"));
        (folder, report)
    })
}

fn pdfs_in(folder: &Path) -> Vec<PathBuf> {
    let mut sheets: Vec<PathBuf> = std::fs::read_dir(folder)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .collect();
    sheets.sort();
    sheets
}

/// Both fixtures' fact sheets.
fn sheets_of_both_years() -> Vec<PathBuf> {
    let mut sheets = all_fact_sheets();
    sheets.extend(pdfs_in(&sheets_2026().0.path().join("2026/faktaark")));
    sheets
}

/// Publishes the fixture into a fresh folder on a pool of `threads` threads.
fn publish_with(threads: usize) -> (tempfile::TempDir, publish::Report) {
    let folder = tempfile::tempdir().unwrap();
    let out = folder.path().join("2025");
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap();
    let report = pool
        .install(|| publish::publish(&fixture_settings(), &out, &[], &publish::Silent))
        .unwrap_or_else(|error| panic!("{error}"));
    (folder, report)
}

/// The default publication, built once for this test binary.
fn publication() -> &'static (tempfile::TempDir, publish::Report) {
    static PUBLICATION: OnceLock<(tempfile::TempDir, publish::Report)> = OnceLock::new();
    PUBLICATION.get_or_init(|| publish_with(2))
}

fn fact_sheet(slug: &str) -> PathBuf {
    publication()
        .0
        .path()
        .join("2025/faktaark")
        .join(format!("{slug}.pdf"))
}

fn all_fact_sheets() -> Vec<PathBuf> {
    pdfs_in(&publication().0.path().join("2025/faktaark"))
}

/// Runs an external checker; a missing tool fails the test with the way to install it.
fn run(program: &str, args: &[&str], file: &Path) -> (bool, String) {
    let output = Command::new(program).args(args).arg(file).output().unwrap_or_else(|error| {
        panic!("cannot run {program} ({error}); install the checkers with `cargo xtask deps` (see .ci/run)")
    });
    let text = String::from_utf8_lossy(&output.stdout).into_owned()
        + &String::from_utf8_lossy(&output.stderr);
    (output.status.success(), text)
}

/// The text as `pdftotext` extracts it, white space folded to single spaces.
fn text_of(pdf: &Path) -> String {
    let output = Command::new("pdftotext")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    assert!(output.status.success());
    String::from_utf8(output.stdout)
        .unwrap()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn the_published_figures_stand_in_their_sentences() {
    let cases: &[(&str, &[&str])] = &[
        (
            "dermatologi",
            &[
                "Klyngearbejdet i Dermatologi: Resultater fra spørgeskemaundersøgelse blandt speciallæger",
                "Marts 2026",
                "organiseret i syv klynger: Derma – Hovedstad – Kbh (18 medlemmer), Derma – Hovedstad – Nord (15 medlemmer),",
                "og Derma – Nord (9 medlemmer).",
                "Inden for Dermatologi har 74 ud af 110 besvaret spørgeskemaet, hvilket giver en svarprocent på 67,3 pct.",
                "71 pct. af respondenterne vurderer, at klyngearbejdet i høj eller meget høj grad understøtter kvalitetsarbejdet",
                "varierer mellem klyngerne fra 58 til 88 pct.",
                "Landsgennemsnittet på tværs af alle specialer er 65,7 pct.",
                "23 pct. af respondenterne i dermatologi vurderer, at klyngearbejdet i nogen grad",
                "51 pct. af respondenterne har indført konkrete forbedringer",
                "Det er over landsgennemsnittet på tværs af alle specialer, som er 48 pct.",
            ],
        ),
        (
            "gynaekologi",
            &[
                "organiseret i syv klynger",
                "62 ud af 89 besvaret spørgeskemaet, hvilket giver en svarprocent på 69,7 pct.",
                "50 pct. af respondenterne vurderer",
                "fra 17 til 85 pct.",
                "42 pct. af respondenterne har indført konkrete forbedringer",
                "Det er under landsgennemsnittet på tværs af alle specialer, som er 48 pct.",
            ],
        ),
        (
            "neurologi",
            &[
                "organiseret i fire klynger: Neurologi – Hovedstad (15 medlemmer), Neurologi – Sjælland (6 medlemmer)",
                "24 ud af 40 besvaret spørgeskemaet, hvilket giver en svarprocent på 60 pct.",
                "67 pct. af respondenterne vurderer",
                "fra 40 til 100 pct.",
                "21 pct. af respondenterne i neurologi vurderer, at klyngearbejdet i nogen grad",
                "58 pct. af respondenterne har indført konkrete forbedringer",
                "Det er over landsgennemsnittet",
            ],
        ),
        (
            "ortopaedkirurgi",
            &[
                "organiseret i to klynger: Ortopæd – Østdanmark (17 medlemmer) og Ortopæd – Vestdanmark (12 medlemmer).",
                "17 ud af 29 besvaret spørgeskemaet, hvilket giver en svarprocent på 58,6 pct.",
                "64 pct. af respondenterne vurderer, at klyngearbejdet i høj eller meget høj grad understøtter kvalitetsarbejdet i speciallægepraksis. Landsgennemsnittet",
                "14 pct. af respondenterne i ortopædkirurgi vurderer, at klyngearbejdet i nogen grad",
                "29 pct. af respondenterne har indført konkrete forbedringer",
                "Det er under landsgennemsnittet",
            ],
        ),
    ];
    for (slug, sentences) in cases {
        let text = text_of(&fact_sheet(slug));
        for sentence in *sentences {
            assert!(
                text.contains(sentence),
                "{slug}.pdf lacks «{sentence}»\n--- extracted text ---\n{text}"
            );
        }
    }
    // Two clusters would reveal each other's figure: no range for Ortopædkirurgi.
    assert!(!text_of(&fact_sheet("ortopaedkirurgi")).contains("varierer mellem klyngerne"));
}

#[test]
fn every_fact_sheet_of_both_years_passes_the_checkers_on_two_pages() {
    let sheets = sheets_of_both_years();
    assert_eq!(
        sheets.len(),
        14 + 6,
        "one fact sheet per specialty: {sheets:?}"
    );
    for sheet in &sheets {
        let (ok, output) = run("qpdf", &["--check"], sheet);
        assert!(ok, "qpdf --check {}:\n{output}", sheet.display());

        let (ok, output) = run("pdffonts", &[], sheet);
        assert!(ok, "{output}");
        let fonts: Vec<&str> = output.lines().skip(2).collect();
        assert!(!fonts.is_empty(), "{}: no fonts", sheet.display());
        for font in fonts {
            let columns: Vec<&str> = font.split_whitespace().collect();
            // name type encoding emb sub uni object ID
            let (embedded, subset) = (columns[columns.len() - 5], columns[columns.len() - 4]);
            assert!(
                columns[0].contains('+') && embedded == "yes" && subset == "yes",
                "{}: {font}",
                sheet.display()
            );
        }

        let (ok, output) = run("pdfua", &["check"], sheet);
        assert!(ok, "pdfua check {}:\n{output}", sheet.display());

        let (ok, output) = run("pdfinfo", &[], sheet);
        assert!(ok, "{output}");
        let field = |name: &str| {
            output
                .lines()
                .find_map(|line| line.strip_prefix(name))
                .map(str::trim)
                .unwrap_or_default()
                .to_owned()
        };
        assert_eq!(field("Pages:"), "2", "{} is not two pages", sheet.display());
        assert_eq!(field("Tagged:"), "yes", "{} is not tagged", sheet.display());
    }
}

#[test]
fn no_fact_sheet_of_either_year_ran_over_or_left_a_hole() {
    for report in [&publication().1, &sheets_2026().1] {
        let overflow: Vec<&String> = report
            .warnings
            .iter()
            .filter(|warning| warning.contains("pages") || warning.contains("empty at the foot"))
            .collect();
        assert!(overflow.is_empty(), "{overflow:#?}");
    }
}

/// A table as `pdfinfo -struct-text` reads it from the structure tree.
#[derive(Debug, Default)]
struct TaggedTable {
    caption: String,
    /// Rows of (tag with scope, text) cells: "TH /Column", "TH /Row", "TD".
    rows: Vec<Vec<(String, String)>>,
}

/// Every table of a PDF's structure tree, with its caption and cells.
fn tagged_tables(pdf: &Path) -> Vec<TaggedTable> {
    let output = Command::new("pdfinfo")
        .arg("-struct-text")
        .arg(pdf)
        .output()
        .expect("pdfinfo (poppler-utils) is installed");
    let text = String::from_utf8_lossy(&output.stdout);
    let mut tables: Vec<TaggedTable> = Vec::new();
    let mut table_indent = None;
    let mut in_caption = false;
    for line in text.lines() {
        let indent = line.len() - line.trim_start().len();
        let item = line.trim();
        if item.starts_with("Table") {
            tables.push(TaggedTable::default());
            table_indent = Some(indent);
            continue;
        }
        let (Some(table), Some(top)) = (tables.last_mut(), table_indent) else {
            continue;
        };
        if indent <= top {
            table_indent = None;
            continue;
        }
        let quoted = item
            .strip_prefix('"')
            .and_then(|rest| rest.strip_suffix('"'));
        match (item, quoted) {
            ("Caption", _) => in_caption = true,
            ("TR", _) => {
                in_caption = false;
                table.rows.push(Vec::new());
            }
            ("TH:" | "TH" | "TD" | "TD:", _) => {
                let tag = item.trim_end_matches(':').to_owned();
                table.rows.last_mut().unwrap().push((tag, String::new()));
            }
            (_, Some(text)) if in_caption => table.caption.push_str(text),
            (_, Some(text)) => {
                if let Some(cell) = table.rows.last_mut().and_then(|row| row.last_mut()) {
                    cell.1.push_str(text);
                }
            }
            _ if item.starts_with("/Scope") => {
                let cell = table.rows.last_mut().unwrap().last_mut().unwrap();
                cell.0 = format!("TH {}", item.trim_start_matches("/Scope").trim());
            }
            _ => {}
        }
    }
    tables
}

#[test]
fn every_chart_is_tagged_as_the_table_of_its_values() {
    for sheet in sheets_of_both_years() {
        let tables = tagged_tables(&sheet);
        assert!(
            tables.len() >= 4,
            "{}: {} tables",
            sheet.display(),
            tables.len()
        );
        for table in &tables {
            let name = format!("{} «{}»", sheet.display(), table.caption);
            assert!(!table.caption.trim().is_empty(), "{name}: a caption");
            let (header, body) = table.rows.split_first().expect("a header row");
            assert_eq!(
                header[0].0, "TH /Both",
                "{name}: the unit heads the row headers"
            );
            assert_eq!(header[0].1.trim(), "pct.", "{name}");
            assert!(
                header[1..].iter().all(|cell| cell.0 == "TH /Column"),
                "{name}: {header:?}"
            );
            assert!(!body.is_empty(), "{name}: rows");
            for row in body {
                assert_eq!(row[0].0, "TH /Row", "{name}: {row:?}");
                assert_eq!(
                    row.len(),
                    header.len(),
                    "{name}: a cell per column: {row:?}"
                );
                for (tag, value) in &row[1..] {
                    assert_eq!(tag, "TD", "{name}");
                    // Whole percent in every cell, the nation's included.
                    value
                        .trim()
                        .parse::<u32>()
                        .unwrap_or_else(|_| panic!("{name}: «{value}»"));
                }
            }
        }
    }
    // The support chart of Ortopædkirurgi: its top two segments are the sentence's 64, the bar
    // sums to 100, and its smallest segment keeps its value.
    let sheet = fact_sheet("ortopaedkirurgi");
    let support = tagged_tables(&sheet)
        .into_iter()
        .find(|table| {
            table
                .caption
                .contains("kvalitetsarbejdet i speciallægepraksis")
        })
        .expect("the support chart's table");
    for row in &support.rows[1..] {
        let values: Vec<u32> = row[1..]
            .iter()
            .map(|cell| cell.1.trim().parse().unwrap())
            .collect();
        assert_eq!(values.iter().sum::<u32>(), 100, "{row:?}");
        if row[0].1.trim() == "Ortopædkirurgi" {
            assert_eq!(values[0] + values[1], 64, "{row:?}");
        }
    }
    assert!(text_of(&sheet).contains("64 pct. af respondenterne vurderer"));
}

#[test]
fn output_is_byte_identical_across_runs_and_thread_counts() {
    let reference = tests::files(&publication().0.path().join("2025"));
    assert!(reference.keys().any(|path| path.ends_with("figures.json")));
    for threads in [1, 2] {
        let (folder, _) = publish_with(threads);
        let again = tests::files(&folder.path().join("2025"));
        assert_eq!(
            again.keys().collect::<Vec<_>>(),
            reference.keys().collect::<Vec<_>>()
        );
        for (path, bytes) in &reference {
            assert!(
                again[path] == *bytes,
                "{} differs with {threads} thread(s)",
                path.display()
            );
        }
    }
}

#[test]
fn no_free_text_answer_appears_in_any_output() {
    #[derive(serde::Deserialize)]
    struct FreeText {
        forbedringer_tekst: Vec<String>,
        kommentar: Vec<String>,
    }
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../fixtures/2025/fixture-fritekst.toml");
    let answers: FreeText = toml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let answers: Vec<String> = answers
        .forbedringer_tekst
        .into_iter()
        .chain(answers.kommentar)
        .collect();
    assert!(answers.len() >= 40);
    let folder = publication().0.path().join("2025");
    let mut texts: Vec<(String, String)> = vec![
        (
            "figures.json".into(),
            std::fs::read_to_string(folder.join("data/figures.json")).unwrap(),
        ),
        (
            "figures.csv".into(),
            std::fs::read_to_string(folder.join("data/figures.csv")).unwrap(),
        ),
    ];
    for sheet in all_fact_sheets() {
        texts.push((sheet.display().to_string(), text_of(&sheet)));
    }
    for answer in &answers {
        // The first line, white space folded as in the extracted text.
        let needle: String = answer
            .lines()
            .next()
            .unwrap()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        for (name, text) in &texts {
            assert!(
                !text.contains(&needle),
                "{name} contains the free-text answer «{needle}»"
            );
        }
    }
}
