use std::path::PathBuf;
use std::sync::OnceLock;

use aggregate::ClusterResults;
use document::{Block, Cell, Orientation, Table};
use format_api::{Publication, Role};

use super::*;

/// The 2025 fixture, prepared for this format.
fn publication() -> &'static Publication {
    static PUBLICATION: OnceLock<Publication> = OnceLock::new();
    PUBLICATION.get_or_init(|| {
        let settings = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../../fixtures/2025/indstillinger.toml");
        let selection = publish::Selection::new(&["plan".to_owned()]).unwrap();
        publish::prepare(&settings, &selection.requirements)
            .unwrap_or_else(|error| panic!("{error}"))
    })
}

/// The first cluster whose answers are shown, or suppressed.
fn cluster(suppressed: bool) -> (usize, usize) {
    let publication = publication();
    publication
        .units(format_api::UnitKind::Cluster)
        .into_iter()
        .find_map(|unit| match unit {
            format_api::Unit::Cluster { specialty, cluster } => {
                let results = &publication.cluster(specialty, cluster).results;
                (matches!(results, ClusterResults::Suppressed) == suppressed)
                    .then_some((specialty, cluster))
            }
            _ => None,
        })
        .expect("the fixture has shown and suppressed clusters")
}

fn tables(document: &Document) -> Vec<&Table> {
    document
        .blocks
        .iter()
        .filter_map(|block| match block {
            Block::Table(table) => Some(table),
            _ => None,
        })
        .collect()
}

fn all_text(document: &Document) -> String {
    let mut text = String::new();
    for block in &document.blocks {
        match block {
            Block::Heading { text: heading, .. } | Block::Note(heading) => text += heading,
            Block::Paragraph(runs) => runs.iter().for_each(|run| text += &run.text),
            Block::List(list) => list
                .items
                .iter()
                .for_each(|item| item.content.iter().for_each(|run| text += &run.text)),
            Block::Table(table) => {
                table
                    .columns
                    .iter()
                    .for_each(|column| text += &column.header);
                for row in &table.rows {
                    row.cells.iter().for_each(|cell| text += &cell.shown());
                }
            }
            Block::Chart(chart) => text += &chart.caption,
        }
        text.push('\n');
    }
    text
}

#[test]
fn the_plan_has_a_prefilled_header_a_meeting_table_and_room_for_follow_ups() {
    let publication = publication();
    let (specialty, index) = cluster(false);
    let figures = publication.cluster(specialty, index);
    let document = compose(publication, specialty, index);
    assert_eq!(document.orientation, Orientation::Landscape);
    assert_eq!(
        document.blocks[0],
        Block::Heading {
            level: 1,
            text: format!("Årsplan for klyngemøder {}", publication.year() + 1)
        }
    );
    let tables = tables(&document);
    assert_eq!(tables.len(), 3, "header block, meetings, follow-ups");
    let header = &tables[0].rows[0].cells;
    assert_eq!(
        header[0],
        Cell::Field {
            prompt: "Skriv klyngens navn".to_owned(),
            value: Some(figures.name.clone())
        }
    );
    assert_eq!(header[4].shown(), (publication.year() + 1).to_string());
    let meetings = tables[1];
    let headers: Vec<&str> = meetings.columns.iter().map(|c| c.header.as_str()).collect();
    assert_eq!(
        headers,
        [
            "Dato",
            "Tema",
            "Mødets mål",
            "Forberedelse og data",
            "Ansvarlig",
            "Opfølgning fra sidste møde"
        ]
    );
    assert!(meetings.repeat_header);
    assert!(meetings.rows.len() >= 4);
    assert!(
        meetings
            .rows
            .iter()
            .flat_map(|row| &row.cells)
            .all(|cell| matches!(cell, Cell::Field { value: None, .. }))
    );
    assert!(tables[2].repeat_header);
    assert!(document.blocks.contains(&Block::Heading {
        level: 2,
        text: "Input fra drøftelsen af spørgeskemaundersøgelsen".to_owned()
    }));
}

#[test]
fn a_shown_cluster_gets_its_own_strongest_motivation_elements() {
    let publication = publication();
    let (specialty, index) = cluster(false);
    let (elements, of_specialty) = motivation(publication, specialty, index);
    assert!(!of_specialty);
    let ranking = publication
        .cluster(specialty, index)
        .outcomes
        .as_ref()
        .unwrap()
        .ranking(Role::Motivation);
    assert_eq!(elements.len(), MOTIVATION_ELEMENTS.min(ranking.len()));
    let first = &publication.figures.variables[ranking[0].variable];
    assert_eq!(
        elements[0],
        format!(
            "{} ({})",
            first.item_text.as_deref().unwrap(),
            ranking[0].share.pct()
        )
    );
    let text = all_text(&compose(publication, specialty, index));
    assert!(text.contains("Det motiverer flest i klyngen"), "{text}");
    assert!(text.contains(&elements[0]));
}

#[test]
fn a_suppressed_cluster_gets_the_specialtys_elements_and_says_so() {
    let publication = publication();
    let (specialty, index) = cluster(true);
    let (elements, of_specialty) = motivation(publication, specialty, index);
    assert!(of_specialty);
    let ranking = publication
        .specialty(specialty)
        .outcomes
        .ranking(Role::Motivation);
    assert!(elements[0].ends_with(&format!("({})", ranking[0].share.pct())));
    let text = all_text(&compose(publication, specialty, index));
    let name = &publication.specialty(specialty).name;
    assert!(
        text.contains(&format!("For få i klyngen svarede til, at klyngens egne svar kan vises. Her er det, der motiverer flest i {name} som helhed")),
        "{text}"
    );
}

#[test]
fn the_advice_headings_are_the_top_level_items_of_good_advice() {
    let publication = publication();
    let dermatology = publication
        .figures
        .specialties
        .iter()
        .position(|specialty| specialty.name == "Dermatologi")
        .unwrap();
    let headings = advice_headings(publication, dermatology);
    assert!(!headings.is_empty());
    let document = compose(publication, dermatology, 0);
    let text = all_text(&document);
    for heading in &headings {
        assert!(text.contains(heading.as_str()), "{heading}");
    }
}

#[test]
fn a_plan_names_no_other_cluster() {
    let publication = publication();
    for unit in publication.units(format_api::UnitKind::Cluster) {
        let format_api::Unit::Cluster { specialty, cluster } = unit else {
            unreachable!()
        };
        let own = &publication.cluster(specialty, cluster).name;
        let text = all_text(&compose(publication, specialty, cluster));
        for other in publication
            .figures
            .specialties
            .iter()
            .flat_map(|s| &s.clusters)
        {
            if &other.name != own && !own.contains(other.name.as_str()) {
                assert!(
                    !text.contains(other.name.as_str()),
                    "{own} names {}",
                    other.name
                );
            }
        }
    }
}
