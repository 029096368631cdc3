//! The status page composed from the prepared 2025 fixture, changed the way a new year's inputs
//! might be: a role missing from the definition, a specialty without valid answers, names that
//! need escaping.

use std::path::PathBuf;

use document::{Block, Cell, Document};
use format_api::{Format, Publication, Role, Unit};
use status_page::{StatusPage, compose, unanswered};

fn prepared() -> Publication {
    let settings =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/2025/indstillinger.toml");
    let selection = publish::Selection::new(&["status".to_owned()]).unwrap();
    publish::prepare(&settings, &selection.requirements).unwrap_or_else(|error| panic!("{error}"))
}

fn page(publication: &Publication) -> String {
    let rendered = StatusPage.render(publication, Unit::Publication).unwrap();
    assert_eq!(rendered.files.len(), 1);
    assert_eq!(rendered.files[0].path, "status.html");
    String::from_utf8(rendered.files[0].bytes.clone()).unwrap()
}

fn headings(document: &Document, level: u8) -> Vec<&str> {
    document
        .blocks
        .iter()
        .filter_map(|block| match block {
            Block::Heading { level: found, text } if *found == level => Some(text.as_str()),
            _ => None,
        })
        .collect()
}

fn overview(document: &Document) -> &document::Table {
    document
        .blocks
        .iter()
        .find_map(|block| match block {
            Block::Table(table) => Some(table),
            _ => None,
        })
        .expect("the overview table")
}

fn charts(document: &Document) -> usize {
    document
        .blocks
        .iter()
        .filter(|block| matches!(block, Block::Chart(_)))
        .count()
}

#[test]
fn the_page_has_one_title_an_overview_row_per_specialty_and_a_section_each() {
    let publication = prepared();
    let document = compose(&publication);
    let specialties = publication.figures.specialties.len();
    assert_eq!(headings(&document, 1), ["Status på klyngearbejdet 2025"]);
    assert_eq!(headings(&document, 2).len(), specialties + 1);
    assert_eq!(document.meta.language, "da");
    let table = overview(&document);
    assert_eq!(table.columns.len(), 8);
    assert!(table.row_headers);
    assert_eq!(table.rows.len(), specialties + 1, "the nation last");
    let nation: Vec<String> = table.rows[specialties]
        .cells
        .iter()
        .map(Cell::shown)
        .collect();
    assert_eq!(
        nation,
        [
            "Alle specialer",
            "1.056",
            "709",
            "67,1 pct.",
            "65,7 pct.",
            "",
            "48 pct.",
            ""
        ]
    );
    assert_eq!(charts(&document), 2 * specialties);
    assert!(StatusPage.warnings(&publication).is_empty());
    assert!(unanswered(&publication).is_empty());
}

#[test]
fn a_missing_role_leaves_out_its_columns_and_sections_with_one_warning() {
    let mut publication = prepared();
    publication.figures.roles.questions.remove(&Role::Support);
    let document = compose(&publication);
    let table = overview(&document);
    let headers: Vec<&str> = table
        .columns
        .iter()
        .map(|column| column.header.as_str())
        .collect();
    assert_eq!(
        headers,
        [
            "Speciale",
            "Inviterede",
            "Svar",
            "Svarprocent",
            "Har indført forbedringer",
            "Forbedringer mod landsplan"
        ]
    );
    assert!(table.rows.iter().all(|row| row.cells.len() == 6));
    let subsections = headings(&document, 3);
    assert!(!subsections.contains(&"Understøtter klyngearbejdet kvalitetsarbejdet?"));
    assert!(subsections.contains(&"Forbedringer i klinikken"));
    assert_eq!(charts(&document), publication.figures.specialties.len());
    let warnings = StatusPage.warnings(&publication);
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].contains("support role"), "{warnings:?}");
    assert!(!page(&publication).contains("understøtte kvalitetsarbejdet i praksis"));
}

#[test]
fn a_specialty_without_valid_answers_says_so_in_the_table_and_leaves_out_that_part() {
    let mut publication = prepared();
    let support = publication.figures.role(Role::Support).unwrap();
    let variable = &mut publication.figures.specialties[2].totals.variables[support];
    variable.top = None;
    variable.top_against_nation = None;
    let document = compose(&publication);
    let row: Vec<String> = overview(&document).rows[2]
        .cells
        .iter()
        .map(Cell::shown)
        .collect();
    assert_eq!(row[0], "Neurologi");
    assert_eq!(row[4..6], ["ingen svar", ""]);
    assert_eq!(
        charts(&document),
        2 * publication.figures.specialties.len() - 1
    );
    let warnings = unanswered(&publication);
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0].starts_with("status.html: Neurologi has no valid answers for the support role")
    );
    let rendered = StatusPage.render(&publication, Unit::Publication).unwrap();
    assert_eq!(rendered.warnings, warnings);
}

#[test]
fn names_are_escaped_everywhere_they_appear() {
    let mut publication = prepared();
    let name = "Ø&N <\"Syd\"> 'x'";
    publication.figures.specialties[0].name = name.to_owned();
    let html = page(&publication);
    assert!(!html.contains(name));
    assert!(!html.contains("<\"Syd\">"));
    let escaped = "Ø&amp;N &lt;&quot;Syd&quot;&gt; &#x27;x&#x27;";
    // The overview's row header, the section heading, the chart rows and their text alternatives,
    // the chart notes and the fact sheet link.
    assert!(
        html.matches(escaped).count() >= 8,
        "{}",
        html.matches(escaped).count()
    );
    assert!(
        html.contains("<a href=\"#oe-n-syd-x\">Ø&amp;N &lt;&quot;Syd&quot;&gt; &#x27;x&#x27;</a>")
    );
    assert!(html.contains("<h2 id=\"oe-n-syd-x\">"));
    assert!(html.contains("<a href=\"faktaark/oe-n-syd-x.pdf\">"));
}

#[test]
fn the_page_names_no_cluster() {
    let publication = prepared();
    let html = page(&publication);
    for specialty in &publication.figures.specialties {
        for cluster in &specialty.clusters {
            assert!(!html.contains(&cluster.name), "{}", cluster.name);
        }
    }
}
