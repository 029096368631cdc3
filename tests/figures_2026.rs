//! The changed questionnaire of `fixtures/2026`, published by the real pipeline with no code of
//! its own: every participation and top-box figure of the two pinned questions, per cluster,
//! specialty and nation, against values computed here from the fixture's spec (its pinned
//! counts) with integer arithmetic, independently of `aggregate`; and the fact sheets, which
//! show the new question and leave out the dropped one.
//!
//! The fact-sheet test needs pdftotext (poppler-utils; `cargo xtask deps`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use serde::Deserialize;
use serde_json::Value;

fn fixture_folder() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../fixtures/2026")
}

fn read_toml<T: serde::de::DeserializeOwned>(path: &Path) -> T {
    let text =
        std::fs::read_to_string(path).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
    toml::from_str(&text).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

// ---------------------------------------------------------------------------------------------
// The fixture's own files, read as plain TOML (only the fields this test needs).

#[derive(Deserialize)]
struct Spec {
    specialties: Vec<SpecialtySpec>,
}

#[derive(Deserialize)]
struct SpecialtySpec {
    name: String,
    clusters: Vec<ClusterSpec>,
}

#[derive(Deserialize)]
struct ClusterSpec {
    name: String,
    members: u32,
    invited: Option<u32>,
    completed: u32,
    partial: u32,
    #[serde(default)]
    opted_out: u32,
    pins: BTreeMap<String, Vec<u32>>,
}

impl ClusterSpec {
    fn invited(&self) -> u32 {
        self.invited.unwrap_or(self.members)
    }

    fn respondents(&self) -> u32 {
        self.completed + self.partial
    }
}

#[derive(Deserialize)]
struct Definition {
    roles: BTreeMap<String, toml::Value>,
    scales: BTreeMap<String, Scale>,
    questions: Vec<Question>,
}

#[derive(Deserialize)]
struct Scale {
    answers: Vec<Answer>,
}

#[derive(Deserialize)]
struct Answer {
    #[serde(default)]
    top: bool,
    #[serde(default)]
    outside_base: bool,
}

#[derive(Deserialize)]
struct Question {
    id: String,
    text: String,
    #[serde(default)]
    scale: Option<String>,
}

#[derive(Deserialize)]
struct Settings {
    min_respondents: u32,
    inputs: Inputs,
}

#[derive(Deserialize)]
struct Inputs {
    definition: PathBuf,
    export: PathBuf,
    texts: PathBuf,
    editorial: PathBuf,
}

/// What the test knows from the fixture's files alone.
struct Fixture {
    spec: Spec,
    definition: Definition,
    min_respondents: u32,
    /// The question ids of the support and improvements roles.
    support: String,
    improvements: String,
}

fn load_fixture() -> Fixture {
    let settings: Settings = read_toml(&fixture_folder().join("indstillinger.toml"));
    let definition: Definition = read_toml(&fixture_folder().join(&settings.inputs.definition));
    let role = |name: &str| -> String {
        definition.roles[name]
            .as_str()
            .unwrap_or_else(|| panic!("the role {name} names a question"))
            .to_owned()
    };
    let (support, improvements) = (role("support"), role("improvements"));
    Fixture {
        spec: read_toml(&fixture_folder().join("fixture-spec.toml")),
        min_respondents: settings.min_respondents,
        support,
        improvements,
        definition,
    }
}

/// The fixture, read once for this test binary.
fn loaded() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(load_fixture)
}

impl Fixture {
    /// (top box, base) of a pinned single question's counts.
    fn top_and_base(&self, question: &str, counts: &[u32]) -> (u32, u32) {
        let scale = self
            .definition
            .questions
            .iter()
            .find(|q| q.id == question)
            .and_then(|q| q.scale.as_ref())
            .map(|name| &self.definition.scales[name])
            .unwrap_or_else(|| panic!("no scaled question {question}"));
        assert_eq!(
            scale.answers.len(),
            counts.len(),
            "{question}: one count per answer"
        );
        let mut top_and_base = (0, 0);
        for (answer, &count) in scale.answers.iter().zip(counts) {
            if answer.top {
                top_and_base.0 += count;
            }
            if !answer.outside_base {
                top_and_base.1 += count;
            }
        }
        top_and_base
    }

    /// The one answered question that no role names: the questionnaire's new question.
    fn new_question(&self) -> &Question {
        let named_by_roles: Vec<&str> = self
            .definition
            .roles
            .values()
            .filter_map(toml::Value::as_str)
            .collect();
        let new: Vec<&Question> = self
            .definition
            .questions
            .iter()
            .filter(|question| {
                question.scale.is_some() && !named_by_roles.contains(&question.id.as_str())
            })
            .collect();
        assert_eq!(new.len(), 1, "one answered question no role names");
        new[0]
    }

    /// (top box, base) of a pinned question summed over clusters.
    fn pooled<'a>(
        &self,
        question: &str,
        clusters: impl IntoIterator<Item = &'a ClusterSpec>,
    ) -> (u32, u32) {
        clusters.into_iter().fold((0, 0), |(top, base), cluster| {
            let (t, b) = self.top_and_base(question, &cluster.pins[question]);
            (top + t, base + b)
        })
    }
}

// ---------------------------------------------------------------------------------------------
// Exact rounding and Danish notation, with integers only.

/// `part / whole` in percent with `decimals` decimals, as an integer (64,25 at one decimal is
/// 643), rounded half away from zero: floor((2·part·100·10^d + whole) / (2·whole)).
fn rounded(part: u32, whole: u32, decimals: u32) -> u64 {
    assert!(whole > 0, "an empty base has no percentage");
    let scale = 100 * 10u64.pow(decimals);
    (2 * u64::from(part) * scale + u64::from(whole)) / (2 * u64::from(whole))
}

/// The percentage as published: "67,3 pct.", "48 pct." (a zero decimal is dropped), "71 pct.".
fn published(part: u32, whole: u32, decimals: u32) -> String {
    let value = rounded(part, whole, decimals);
    let unit = 10u64.pow(decimals);
    match value % unit {
        0 => format!("{} pct.", value / unit),
        fraction => format!(
            "{},{fraction:0width$} pct.",
            value / unit,
            width = decimals as usize
        ),
    }
}

#[test]
fn rounding_is_half_away_from_zero_on_the_exact_fraction() {
    assert_eq!(published(7, 8, 0), "88 pct.");
    assert_eq!(published(257, 400, 1), "64,3 pct.");
    assert_eq!(published(74, 110, 1), "67,3 pct.");
    assert_eq!(published(324, 675, 1), "48 pct.");
    assert_eq!(published(1, 3, 0), "33 pct.");
    assert_eq!(published(1, 8, 0), "13 pct.");
    assert_eq!(published(0, 5, 1), "0 pct.");
}

// ---------------------------------------------------------------------------------------------
// The publication: figures.json from the labelled and the coded export.

/// The committed settings with the export replaced, written into `folder` with absolute paths.
fn settings_with_export(folder: &Path, export: &str) -> PathBuf {
    let base = fixture_folder().canonicalize().unwrap();
    let mut settings: toml::Table = read_toml(&base.join("indstillinger.toml"));
    let inputs = settings["inputs"].as_table_mut().unwrap();
    for key in ["definition", "roster", "texts", "editorial"] {
        let relative = inputs[key].as_str().unwrap().to_owned();
        inputs.insert(
            key.to_owned(),
            base.join(relative).display().to_string().into(),
        );
    }
    inputs.insert(
        "export".to_owned(),
        base.join(export).display().to_string().into(),
    );
    let path = folder.join(format!("{export}.toml"));
    std::fs::write(&path, toml::to_string(&settings).unwrap()).unwrap();
    path
}

/// figures.json and figures.csv of one run with `--formats data`.
fn publish_data(settings: &Path, out: &Path) -> (Vec<u8>, Vec<u8>) {
    publish::publish(settings, out, &["data".to_owned()], &publish::Silent)
        .unwrap_or_else(|error| panic!("{}: {error}", settings.display()));
    (
        std::fs::read(out.join("data/figures.json")).unwrap(),
        std::fs::read(out.join("data/figures.csv")).unwrap(),
    )
}

struct Published {
    /// figures.json and figures.csv from the committed settings (labelled export).
    labelled: (Vec<u8>, Vec<u8>),
    /// The same from the coded export.
    coded: (Vec<u8>, Vec<u8>),
}

/// Both forms published once for this test binary.
fn publication() -> &'static Published {
    static PUBLISHED: OnceLock<Published> = OnceLock::new();
    PUBLISHED.get_or_init(|| {
        let folder = tempfile::tempdir().unwrap();
        let labelled = publish_data(
            &fixture_folder().join("indstillinger.toml"),
            &folder.path().join("labelled"),
        );
        let coded = publish_data(
            &settings_with_export(folder.path(), "eksport-koder.xlsx"),
            &folder.path().join("coded"),
        );
        Published { labelled, coded }
    })
}

fn figures() -> Value {
    serde_json::from_slice(&publication().labelled.0).unwrap()
}

/// The unit's variable with this key (`"variables": [{"key": …}, …]`).
fn variable<'a>(unit: &'a Value, key: &str) -> &'a Value {
    unit["variables"]
        .as_array()
        .unwrap_or_else(|| panic!("no variables in {unit:#}"))
        .iter()
        .find(|variable| variable["key"] == key)
        .unwrap_or_else(|| panic!("no variable {key}"))
}

/// A published value as figures.json writes it: an integer without decimals ("71"), else with
/// every decimal ("65.7", "48.0").
fn json_number(part: u32, whole: u32, decimals: u32) -> String {
    let value = rounded(part, whole, decimals);
    let unit = 10u64.pow(decimals);
    match decimals {
        0 => value.to_string(),
        _ => format!(
            "{}.{:0width$}",
            value / unit,
            value % unit,
            width = decimals as usize
        ),
    }
}

/// Checks a published value in figures.json against the exact fraction.
fn assert_published(value: &Value, part: u32, whole: u32, decimals: u32, what: &str) {
    assert_eq!(
        value.to_string(),
        json_number(part, whole, decimals),
        "{what}: {part}/{whole} is published as {}",
        published(part, whole, decimals)
    );
}

/// Checks a range end (`{"count", "base", "percent"}`) against the exact fraction.
fn assert_percent(percent: &Value, part: u32, whole: u32, decimals: u32, what: &str) {
    assert_eq!(
        (percent["count"].as_u64(), percent["base"].as_u64()),
        (Some(u64::from(part)), Some(u64::from(whole))),
        "{what}: count and base"
    );
    assert_published(&percent["percent"], part, whole, decimals, what);
}

/// Checks a variable's top box (`"top": {"count", "percent", …}` beside the variable's
/// `"base"`) against the exact fraction.
fn assert_top(variable: &Value, part: u32, whole: u32, decimals: u32, what: &str) {
    assert_eq!(
        (variable["top"]["count"].as_u64(), variable["base"].as_u64()),
        (Some(u64::from(part)), Some(u64::from(whole))),
        "{what}: top box and base"
    );
    assert_published(&variable["top"]["percent"], part, whole, decimals, what);
}

/// Checks participation (invited, respondents, response rate at one decimal).
fn assert_participation(unit: &Value, invited: u32, respondents: u32, what: &str) {
    assert_eq!(
        unit["invited"].as_u64(),
        Some(u64::from(invited)),
        "{what}: invited"
    );
    assert_eq!(
        unit["respondents"].as_u64(),
        Some(u64::from(respondents)),
        "{what}: respondents"
    );
    assert_published(
        &unit["response_rate"],
        respondents,
        invited,
        1,
        &format!("{what}: response rate"),
    );
}

#[test]
fn labelled_and_coded_exports_give_identical_figures() {
    let published = publication();
    assert!(published.labelled.0.len() > 10_000);
    assert!(
        published.labelled.0 == published.coded.0,
        "figures.json differs between the labelled and the coded export"
    );
    assert!(
        published.labelled.1 == published.coded.1,
        "figures.csv differs between the labelled and the coded export"
    );
}

#[test]
fn every_cluster_comes_out_as_its_pins() {
    let fixture = loaded();
    let figures = figures();
    let specialties = figures["specialties"].as_array().unwrap();
    assert_eq!(specialties.len(), fixture.spec.specialties.len());
    let mut suppressed = 0;
    for (specialty, spec) in specialties.iter().zip(&fixture.spec.specialties) {
        assert_eq!(specialty["name"], spec.name.as_str());
        let clusters = specialty["clusters"].as_array().unwrap();
        assert_eq!(clusters.len(), spec.clusters.len(), "{}", spec.name);
        for (cluster, spec) in clusters.iter().zip(&spec.clusters) {
            let name = spec.name.as_str();
            assert_eq!(cluster["name"], name);
            assert_eq!(
                cluster["members"].as_u64(),
                Some(u64::from(spec.members)),
                "{name}"
            );
            assert_participation(cluster, spec.invited(), spec.respondents(), name);
            let results = &cluster["results"];
            if spec.respondents() < fixture.min_respondents {
                suppressed += 1;
                assert_eq!(results["status"], "suppressed", "{name}");
                assert!(
                    results.get("variables").is_none(),
                    "{name}: answers published"
                );
                continue;
            }
            assert_eq!(results["status"], "shown", "{name}");
            for question in [&fixture.support, &fixture.improvements] {
                let (top, base) = fixture.top_and_base(question, &spec.pins[question]);
                assert_top(
                    variable(results, question),
                    top,
                    base,
                    0,
                    &format!("{name}: {question}"),
                );
            }
        }
    }
    assert!(suppressed > 0, "the fixture has a suppressed cluster");
}

#[test]
fn every_specialty_comes_out_as_its_clusters_pooled() {
    let fixture = loaded();
    let figures = figures();
    let specialties = figures["specialties"].as_array().unwrap();
    let mut without_range = 0;
    for (specialty, spec) in specialties.iter().zip(&fixture.spec.specialties) {
        let name = spec.name.as_str();
        assert_eq!(specialty["name"], name);
        let totals = &specialty["totals"];
        let invited = spec.clusters.iter().map(ClusterSpec::invited).sum();
        let respondents = spec.clusters.iter().map(ClusterSpec::respondents).sum();
        assert_participation(totals, invited, respondents, name);
        for question in [&fixture.support, &fixture.improvements] {
            let (top, base) = fixture.pooled(question, &spec.clusters);
            assert_top(
                variable(totals, question),
                top,
                base,
                0,
                &format!("{name}: {question}"),
            );
        }

        // The support range: the clusters with results, and a range only from three on.
        let shown: Vec<(u32, u32)> = spec
            .clusters
            .iter()
            .filter(|cluster| cluster.respondents() >= fixture.min_respondents)
            .map(|cluster| fixture.top_and_base(&fixture.support, &cluster.pins[&fixture.support]))
            .filter(|&(_, base)| base > 0)
            .collect();
        let range = specialty["ranges"]
            .as_array()
            .unwrap()
            .iter()
            .find(|range| range["key"] == fixture.support.as_str())
            .unwrap_or_else(|| panic!("{name}: no range of {}", fixture.support));
        assert_eq!(
            range["clusters_with_results"].as_u64(),
            Some(shown.len() as u64),
            "{name}: clusters with results"
        );
        if shown.len() < 3 {
            without_range += 1;
            assert!(
                range["range"].is_null(),
                "{name}: a range of {} clusters",
                shown.len()
            );
        } else {
            // Each end is a shown cluster's top box whose published value is the lowest
            // (highest) published; clusters that tie as published are equally good.
            let published = |&(top, base): &(u32, u32)| rounded(top, base, 0);
            let lowest = shown.iter().map(published).min().unwrap();
            let highest = shown.iter().map(published).max().unwrap();
            for (end, value) in [("lowest", lowest), ("highest", highest)] {
                let percent = &range["range"][end];
                let (top, base) = shown
                    .iter()
                    .copied()
                    .find(|&(top, base)| {
                        percent["count"].as_u64() == Some(u64::from(top))
                            && percent["base"].as_u64() == Some(u64::from(base))
                    })
                    .unwrap_or_else(|| panic!("{name}: the {end} end {percent} is no cluster's"));
                assert_eq!(rounded(top, base, 0), value, "{name}: the {end} end");
                assert_percent(percent, top, base, 0, &format!("{name}: the {end} end"));
            }
        }
    }
    assert!(
        fixture
            .spec
            .specialties
            .iter()
            .any(|s| s.clusters.len() == 2),
        "the fixture has a specialty of two clusters"
    );
    assert!(without_range > 0, "a specialty without a range");
}

#[test]
fn the_nation_pools_every_respondent() {
    let fixture = loaded();
    let figures = figures();
    let clusters: Vec<&ClusterSpec> = fixture
        .spec
        .specialties
        .iter()
        .flat_map(|specialty| &specialty.clusters)
        .collect();
    let national = &figures["national"];
    let invited = clusters.iter().map(|cluster| cluster.invited()).sum();
    let respondents = clusters.iter().map(|cluster| cluster.respondents()).sum();
    assert_participation(national, invited, respondents, "nation");
    for question in [&fixture.support, &fixture.improvements] {
        let (top, base) = fixture.pooled(question, clusters.iter().copied());
        assert_top(
            variable(national, question),
            top,
            base,
            1,
            &format!("nation: {question}"),
        );
    }
    // Opted-out rows are invited but never respondents.
    let opted_out: u32 = clusters.iter().map(|cluster| cluster.opted_out).sum();
    assert!(opted_out > 0, "the fixture has opted-out rows");
}

/// The fixture's free-text answers: none may appear in any output.
fn free_texts() -> Vec<String> {
    let texts: BTreeMap<String, Vec<String>> =
        read_toml(&fixture_folder().join("fixture-fritekst.toml"));
    let texts: Vec<String> = texts.into_values().flatten().collect();
    assert!(texts.len() >= 10);
    texts
}

/// The longest stretch of a text with no character an output escapes or breaks (quotes,
/// `& < >`, line breaks): what a search for the text in an output looks for.
fn probe(text: &str) -> &str {
    text.split(['"', '\'', '&', '<', '>', '\n'])
        .max_by_key(|part| part.len())
        .unwrap_or(text)
}

/// Every string of a JSON value, one per line.
fn strings_of(value: &Value, into: &mut String) {
    match value {
        Value::String(text) => {
            into.push_str(text);
            into.push('\n');
        }
        Value::Array(items) => items.iter().for_each(|item| strings_of(item, into)),
        Value::Object(fields) => fields.values().for_each(|field| strings_of(field, into)),
        Value::Null | Value::Bool(_) | Value::Number(_) => {}
    }
}

#[test]
fn no_free_text_reaches_the_data_files() {
    let mut json = String::new();
    strings_of(&figures(), &mut json);
    let csv = String::from_utf8(publication().labelled.1.clone()).unwrap();
    for text in free_texts() {
        let probe = probe(&text);
        assert!(probe.len() >= 15, "{text:?}");
        assert!(!json.contains(probe), "figures.json holds «{probe}»");
        assert!(!csv.contains(probe), "figures.csv holds «{probe}»");
    }
}

#[test]
fn the_new_question_is_in_the_data() {
    let fixture = loaded();
    let figures = figures();
    let question = fixture.new_question();
    let described = figures["variables"]
        .as_array()
        .unwrap()
        .iter()
        .find(|variable| variable["key"] == question.id.as_str())
        .unwrap_or_else(|| panic!("figures.json lacks {}", question.id));
    assert_eq!(described["question_text"], question.text.as_str());
    let national = variable(&figures["national"], &question.id);
    assert!(
        national["base"].as_u64().unwrap() > 0,
        "{}: answered",
        question.id
    );
    for specialty in figures["specialties"].as_array().unwrap() {
        variable(&specialty["totals"], &question.id);
    }
}

#[test]
fn only_data_definition_and_settings_are_new() {
    let settings: Settings = read_toml(&fixture_folder().join("indstillinger.toml"));
    let resolve = |path: &Path| fixture_folder().join(path).canonicalize().unwrap();
    let year_2025 = fixture_folder().join("../2025").canonicalize().unwrap();
    assert_eq!(
        resolve(&settings.inputs.texts),
        year_2025.join("tekster.toml")
    );
    assert_eq!(
        resolve(&settings.inputs.editorial),
        year_2025.join("redaktionelt")
    );
    assert!(
        resolve(&settings.inputs.definition).starts_with(fixture_folder().canonicalize().unwrap())
    );
    assert!(resolve(&settings.inputs.export).starts_with(fixture_folder().canonicalize().unwrap()));
}

/// The text as `pdftotext` extracts it, white space folded to single spaces.
fn text_of(pdf: &Path) -> String {
    let output = Command::new("pdftotext")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed: see `cargo xtask deps`");
    assert!(output.status.success(), "pdftotext {}", pdf.display());
    String::from_utf8(output.stdout)
        .unwrap()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn the_fact_sheets_show_the_new_question_and_the_pinned_figures() {
    let fixture = loaded();
    let folder = tempfile::tempdir().unwrap();
    let out = folder.path().join("2026");
    publish::publish(
        &fixture_folder().join("indstillinger.toml"),
        &out,
        &["pdf".to_owned()],
        &publish::Silent,
    )
    .unwrap_or_else(|error| panic!("{error}"));
    let mut sheets: Vec<PathBuf> = std::fs::read_dir(out.join("faktaark"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|extension| extension == "pdf"))
        .collect();
    sheets.sort();
    assert_eq!(sheets.len(), fixture.spec.specialties.len());

    let free_texts = free_texts();
    let new_question = &fixture.new_question().text;
    for spec in &fixture.spec.specialties {
        let name = spec.name.as_str();
        let text = sheets
            .iter()
            .map(|sheet| text_of(sheet))
            .find(|text| text.contains(&format!("Klyngearbejdet i {name}:")))
            .unwrap_or_else(|| panic!("no fact sheet for {name}"));
        let invited: u32 = spec.clusters.iter().map(ClusterSpec::invited).sum();
        let respondents: u32 = spec.clusters.iter().map(ClusterSpec::respondents).sum();
        let (top, base) = fixture.pooled(&fixture.support, &spec.clusters);
        for expected in [
            new_question.clone(),
            format!(
                "{respondents} ud af {invited} besvaret spørgeskemaet, hvilket giver en svarprocent på {}",
                published(respondents, invited, 1)
            ),
            format!("{} af respondenterne vurderer", published(top, base, 0)),
        ] {
            assert!(
                text.contains(&expected),
                "{name}: lacks «{expected}»\n--- extracted text ---\n{text}"
            );
        }
        // The dropped question's half of the data sentence is left out, with no placeholder.
        assert!(!text.contains("inddrager mere data"), "{name}: {text}");
        for text_answer in &free_texts {
            let probe = probe(text_answer)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            assert!(
                !text.contains(&probe),
                "{name}: the fact sheet holds «{probe}»"
            );
        }
    }
    // The cluster name with an apostrophe and an ampersand, as written in the roster.
    let odd = fixture
        .spec
        .specialties
        .iter()
        .flat_map(|specialty| &specialty.clusters)
        .find(|cluster| cluster.name.contains('\'') && cluster.name.contains('&'))
        .expect("a cluster name with an apostrophe and an ampersand");
    let listed = format!("{} ({} medlemmer)", odd.name, odd.members);
    assert!(
        sheets.iter().any(|sheet| text_of(sheet).contains(&listed)),
        "no fact sheet lists «{listed}»"
    );
}
