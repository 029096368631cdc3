//! The status page as a reader's browser shows it: the fixture is published with the formats
//! "status" and "data", then `checks/status_browser.py` parses `status.html` strictly (html5lib)
//! and opens it in headless Chromium through chromedriver (Selenium) at 375 × 812 and 1280 × 900.
//! This test compares every cell of the overview table with `data/figures.json` and checks the
//! language, the headings, the text alternatives, that the page made no request but for itself
//! and refers to nothing outside the publication, that a phone never scrolls sideways, and that
//! the page is byte-identical at one and two threads. Screenshots go to `target/review/`.
//!
//! Needs chromium and chromedriver (Debian: `apt-get install chromium chromium-driver`) and
//! python3 with selenium and html5lib (`python3 -m pip install selenium html5lib`); `.ci/run`
//! installs them. Without them the test fails and says so.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;
use std::time::Duration;

use serde_json::Value;

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
const INSTALL: &str = "install them with `apt-get install chromium chromium-driver` and \
                       `python3 -m pip install selenium html5lib` (.ci/run does)";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn fixture_settings() -> PathBuf {
    root().join("fixtures/2025/indstillinger.toml")
}

/// Publishes the fixture with these formats on a pool of `threads` threads.
fn publish_with(threads: usize, formats: &[&str]) -> (tempfile::TempDir, publish::Report) {
    let folder = tempfile::tempdir().unwrap();
    let out = folder.path().join("2025");
    let formats: Vec<String> = formats.iter().map(|name| (*name).to_owned()).collect();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap();
    let report = pool
        .install(|| publish::publish(&fixture_settings(), &out, &formats, &publish::Silent))
        .unwrap_or_else(|error| panic!("{error}"));
    (folder, report)
}

/// The page and the figures, published once for this test binary.
fn published() -> &'static (tempfile::TempDir, publish::Report) {
    static PUBLISHED: OnceLock<(tempfile::TempDir, publish::Report)> = OnceLock::new();
    PUBLISHED.get_or_init(|| publish_with(2, &["status", "data"]))
}

fn out() -> PathBuf {
    published().0.path().join("2025")
}

fn figures() -> &'static Value {
    static FIGURES: OnceLock<Value> = OnceLock::new();
    FIGURES.get_or_init(|| {
        let text = std::fs::read_to_string(out().join("data/figures.json")).unwrap();
        serde_json::from_str(&text).unwrap()
    })
}

/// The `[status]` table of the texts file.
fn texts() -> &'static toml::Table {
    static TEXTS: OnceLock<toml::Table> = OnceLock::new();
    TEXTS.get_or_init(|| {
        let text = std::fs::read_to_string(root().join("fixtures/2025/tekster.toml")).unwrap();
        let table: toml::Table = toml::from_str(&text).unwrap();
        table["status"].as_table().unwrap().clone()
    })
}

/// A template of the `[status]` table by its dotted path below it, e.g. "tabel.kolonne.svar".
fn text(path: &str) -> String {
    let mut value = toml::Value::Table(texts().clone());
    for key in path.split('.') {
        value = value[key].clone();
    }
    value.as_str().unwrap().to_owned()
}

fn review_folder() -> PathBuf {
    root().join("target/review")
}

/// What the browser check saw, run once.
fn browser() -> &'static Value {
    static BROWSER: OnceLock<Value> = OnceLock::new();
    BROWSER.get_or_init(|| {
        let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| CHROMIUM.to_owned());
        let driver = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| CHROMEDRIVER.to_owned());
        for program in [&chromium, &driver] {
            assert!(
                Path::new(program).exists(),
                "{program} is missing: the status page test needs a real browser; {INSTALL}"
            );
        }
        let modules = Command::new("python3")
            .args(["-c", "import selenium, html5lib"])
            .output()
            .unwrap_or_else(|error| panic!("cannot run python3 ({error}); {INSTALL}"));
        assert!(
            modules.status.success(),
            "python3 lacks selenium or html5lib ({}); {INSTALL}",
            String::from_utf8_lossy(&modules.stderr).trim()
        );
        let output = Command::new("python3")
            .arg(root().join("tests/checks/status_browser.py"))
            .arg(out().join("status.html"))
            .arg(review_folder())
            .env("CHROMIUM", &chromium)
            .env("CHROMEDRIVER", &driver)
            .output()
            .expect("python3 runs");
        assert!(
            output.status.success(),
            "the browser check failed:\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
        serde_json::from_slice(&output.stdout).expect("the browser check prints JSON")
    })
}

fn strings(value: &Value) -> Vec<String> {
    value
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item.as_str().unwrap().to_owned())
        .collect()
}

/// An integer as the page prints it: "1.056".
fn integer(value: &Value) -> String {
    danish::format_integer(value.as_u64().unwrap())
}

/// A published share as the page prints it ("67,3 pct.", "48 pct.", "71 pct."), from its value
/// in figures.json (`67.3`, `48.0`, `71`: the decimals as written), or the page's words for
/// none.
fn published_share(value: &Value) -> String {
    if value.is_null() {
        return text("tabel.ingen_svar");
    }
    let written = value.to_string();
    let (whole, decimals) = written.split_once('.').unwrap_or((&written, ""));
    let rounded = danish::Rounded {
        scaled: format!("{whole}{decimals}").parse().unwrap(),
        decimals: decimals.len() as u8,
    };
    rounded.pct()
}

/// The variable index of a role's question in figures.json.
fn role_index(role: &str) -> usize {
    let figures = figures();
    let key = figures["roles"]["questions"][role]["variables"][0]
        .as_str()
        .unwrap();
    figures["variables"]
        .as_array()
        .unwrap()
        .iter()
        .position(|variable| variable["key"] == key)
        .unwrap()
}

/// The overview row a unit should have: name, invited, respondents, response rate, then per
/// role its top box and its comparison with the nation (none for the nation itself).
fn expected_row(name: &str, unit: &Value, compared: bool) -> Vec<String> {
    let mut row = vec![
        name.to_owned(),
        integer(&unit["invited"]),
        integer(&unit["respondents"]),
        published_share(&unit["response_rate"]),
    ];
    for role in ["support", "improvements"] {
        let variable = &unit["variables"][role_index(role)];
        row.push(published_share(&variable["top"]["percent"]));
        row.push(match variable["top"]["against_nation"].as_str() {
            Some(outcome) if compared => {
                let variant = match outcome {
                    "over" => "over",
                    "under" => "under",
                    "equal" => "lig",
                    other => panic!("unknown comparison {other}"),
                };
                text(&format!("tabel.sammenligning.{variant}"))
            }
            _ => String::new(),
        });
    }
    row
}

#[test]
fn every_overview_cell_shows_the_published_figure() {
    let page = &browser()["page"];
    let figures = figures();
    let headers: Vec<(String, String)> = page["column_headers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|header| {
            (
                header["text"].as_str().unwrap().to_owned(),
                header["scope"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    let expected_headers: Vec<(String, String)> = [
        "speciale",
        "inviterede",
        "respondenter",
        "svarprocent",
        "support",
        "support_landet",
        "improvements",
        "improvements_landet",
    ]
    .iter()
    .map(|key| (text(&format!("tabel.kolonne.{key}")), "col".to_owned()))
    .collect();
    assert_eq!(headers, expected_headers);
    assert_eq!(
        page["caption"],
        text("tabel.titel").replace("{aar}", "2025")
    );

    let specialties = figures["specialties"].as_array().unwrap();
    let mut expected: Vec<Vec<String>> = specialties
        .iter()
        .map(|specialty| {
            expected_row(
                specialty["name"].as_str().unwrap(),
                &specialty["totals"],
                true,
            )
        })
        .collect();
    expected.push(expected_row(
        &text("tabel.alle_specialer"),
        &figures["national"],
        false,
    ));
    let rows = page["rows"].as_array().unwrap();
    assert_eq!(
        rows.len(),
        expected.len(),
        "a row per specialty and the nation"
    );
    for (row, expected) in rows.iter().zip(&expected) {
        let cells = row.as_array().unwrap();
        let shown: Vec<String> = cells
            .iter()
            .map(|cell| cell["text"].as_str().unwrap().to_owned())
            .collect();
        assert_eq!(&shown, expected);
        assert_eq!(cells[0]["tag"], "th", "{shown:?}");
        assert_eq!(cells[0]["scope"], "row", "{shown:?}");
        assert!(cells[1..].iter().all(|cell| cell["tag"] == "td"));
    }
    // The fixture's first row, as the fact sheet prints it too.
    assert_eq!(
        expected[0][..5],
        ["Dermatologi", "110", "74", "67,3 pct.", "71 pct."]
    );
}

#[test]
fn the_page_is_danish_with_one_title_and_a_section_per_specialty() {
    let page = &browser()["page"];
    assert_eq!(page["lang"], "da");
    let title = text("titel").replace("{aar}", "2025");
    assert_eq!(page["title"], title);
    assert_eq!(strings(&page["h1"]), [title]);
    let h2 = strings(&page["h2"]);
    for specialty in figures()["specialties"].as_array().unwrap() {
        let name = specialty["name"].as_str().unwrap();
        assert!(
            h2.iter().any(|heading| heading == name),
            "no section {name}"
        );
        let link = format!("faktaark/{}.pdf", danish::slug(name));
        assert!(strings(&page["links"]).contains(&link), "no link to {link}");
    }
    for link in page["fragment_links"].as_array().unwrap() {
        assert_eq!(link["found"], true, "{link}: no such section");
    }
}

#[test]
fn every_chart_states_its_numbers_in_words() {
    let page = &browser()["page"];
    let charts = page["charts"].as_array().unwrap();
    let specialties = figures()["specialties"].as_array().unwrap();
    assert_eq!(
        charts.len(),
        2 * specialties.len(),
        "support and improvements per specialty"
    );
    for (index, chart) in charts.iter().enumerate() {
        assert_eq!(chart["role"], "img");
        let name = chart["name"].as_str().unwrap();
        let specialty = specialties[index / 2]["name"].as_str().unwrap();
        assert!(
            name.contains(&format!("{specialty}: ")) && name.contains(" pct."),
            "chart {index}: {name}"
        );
    }
}

#[test]
fn the_page_is_well_formed_self_contained_and_quiet() {
    let result = browser();
    let html = &result["html"];
    assert_eq!(
        html["parse_error"],
        Value::Null,
        "html5lib (strict) found an error"
    );
    assert_eq!(html["loading_elements"], serde_json::json!([]));
    assert_eq!(html["css_imports"], 0);
    let sheets: Vec<String> = figures()["specialties"]
        .as_array()
        .unwrap()
        .iter()
        .map(|specialty| {
            format!(
                "faktaark/{}.pdf",
                danish::slug(specialty["name"].as_str().unwrap())
            )
        })
        .collect();
    for reference in strings(&html["references"]) {
        assert!(
            reference.starts_with('#') || sheets.contains(&reference),
            "the page refers to {reference}, outside the publication"
        );
    }
    assert_eq!(
        strings(&result["requests"]),
        [result["page_url"].as_str().unwrap()],
        "the page made a request but for itself"
    );
    assert_eq!(result["page"]["resources"], serde_json::json!([]));
    assert_eq!(result["page"]["scripts"], 0);
    let complaints: Vec<&Value> = result["console"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|entry| entry["level"] != "INFO")
        .collect();
    assert!(complaints.is_empty(), "the console says {complaints:?}");
}

#[test]
fn a_phone_never_scrolls_sideways_and_the_table_scrolls_in_its_wrapper() {
    let result = browser();
    for (device, width) in [("phone", 375), ("desktop", 1280)] {
        let widths = &result[device];
        assert_eq!(widths["client_width"], width, "{device}: {widths}");
        assert!(
            widths["scroll_width"].as_u64().unwrap() <= width,
            "{device}: the page is wider than the screen: {widths}"
        );
        assert_eq!(widths["scrolled_x"], 0, "{device}: {widths}");
        assert_eq!(widths["body_font_px"], 16, "{device}: {widths}");
        assert_eq!(widths["table_wrap"]["overflow_x"], "auto", "{device}");
    }
    let wrap = &result["phone"]["table_wrap"];
    assert!(
        wrap["scroll"].as_u64() > wrap["client"].as_u64(),
        "on a phone the table scrolls inside its wrapper: {wrap}"
    );
    for (name, width, height) in [
        ("status-375x812.png", 375, 812),
        ("status-1280x900.png", 1280, 900),
    ] {
        let png = std::fs::read(review_folder().join(name)).unwrap();
        let size = |at: usize| u32::from_be_bytes(png[at..at + 4].try_into().unwrap());
        assert_eq!(&png[1..4], b"PNG", "{name}");
        assert_eq!((size(16), size(20)), (width, height), "{name}");
    }
}

#[test]
fn no_cluster_is_named_on_the_page() {
    let page = std::fs::read_to_string(out().join("status.html")).unwrap();
    for specialty in figures()["specialties"].as_array().unwrap() {
        for cluster in specialty["clusters"].as_array().unwrap() {
            let name = cluster["name"].as_str().unwrap();
            assert!(!page.contains(name), "the page names the cluster {name}");
        }
    }
}

#[test]
fn the_page_is_the_same_bytes_at_one_and_two_threads() {
    let (alone, report) = publish_with(1, &["status"]);
    let render = report
        .timings
        .iter()
        .find(|(stage, _)| *stage == "render")
        .map_or(Duration::ZERO, |(_, time)| *time);
    eprintln!("status page rendered in {} ms", render.as_millis());
    let one = std::fs::read(alone.path().join("2025/status.html")).unwrap();
    let two = std::fs::read(out().join("status.html")).unwrap();
    assert!(
        one == two,
        "status.html differs between one and two threads"
    );
    assert_eq!(
        report
            .files
            .iter()
            .map(|(path, _)| path.as_str())
            .collect::<Vec<_>>(),
        ["manifest.json", "status.html"]
    );
}
