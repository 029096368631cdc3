use std::path::PathBuf;
use std::sync::OnceLock;

use aggregate::{ClusterResults, Comparison, Reflection};
use document::{Block, Chart, Slide};
use format_api::{Format, Publication, Role, Unit, UnitKind};

use super::*;

/// The 2025 fixture, prepared for this format.
fn publication() -> &'static Publication {
    static PUBLICATION: OnceLock<Publication> = OnceLock::new();
    PUBLICATION.get_or_init(|| {
        let settings = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../../fixtures/2025/indstillinger.toml");
        let selection = publish::Selection::new(&["deck".to_owned()]).unwrap();
        publish::prepare(&settings, &selection.requirements)
            .unwrap_or_else(|error| panic!("{error}"))
    })
}

/// Every cluster as (specialty, cluster).
fn clusters() -> Vec<(usize, usize)> {
    publication()
        .units(UnitKind::Cluster)
        .into_iter()
        .filter_map(|unit| match unit {
            Unit::Cluster { specialty, cluster } => Some((specialty, cluster)),
            _ => None,
        })
        .collect()
}

/// The first cluster for which `wanted` holds.
fn first(wanted: impl Fn(&ClusterFigures) -> bool) -> (usize, usize) {
    clusters()
        .into_iter()
        .find(|&(specialty, cluster)| wanted(publication().cluster(specialty, cluster)))
        .expect("the fixture has such a cluster")
}

fn suppressed() -> (usize, usize) {
    first(|cluster| matches!(cluster.results, ClusterResults::Suppressed))
}

fn text(name: &str, variant: Option<&str>) -> String {
    publication().templates.fill(name, variant, &[])
}

fn slide<'a>(deck: &'a Deck, heading: &str) -> &'a Slide {
    let title = text("deck.overskrift", Some(heading));
    deck.slides
        .iter()
        .find(|slide| slide.title == title)
        .unwrap_or_else(|| panic!("no slide {title}"))
}

fn chart(slide: &Slide) -> &Chart {
    slide
        .blocks
        .iter()
        .find_map(|block| match block {
            Block::Chart(chart) => Some(chart),
            _ => None,
        })
        .expect("a chart")
}

fn words(slide: &Slide) -> String {
    let mut text = String::new();
    for block in &slide.blocks {
        match block {
            Block::Paragraph(runs) => runs.iter().for_each(|run| text += &run.text),
            Block::Note(note) => text += note,
            Block::List(list) => list
                .items
                .iter()
                .for_each(|item| item.content.iter().for_each(|run| text += &run.text)),
            _ => {}
        }
        text.push('\n');
    }
    text
}

#[test]
fn a_deck_has_every_slide_in_order_each_with_speaker_notes() {
    for (specialty, cluster) in [clusters()[0], suppressed()] {
        let composed = compose(publication(), specialty, cluster);
        assert!(composed.warnings.is_empty(), "{:?}", composed.warnings);
        let deck = composed.deck;
        let titles: Vec<&str> = deck
            .slides
            .iter()
            .map(|slide| slide.title.as_str())
            .collect();
        let mut expected = vec![publication().cluster(specialty, cluster).name.clone()];
        expected.extend(
            [
                "om",
                "deltagelse",
                "understoettelse",
                "forventninger",
                "data",
                "forbedringer",
                "motivation",
                "refleksion",
                "naeste_skridt",
            ]
            .map(|key| text("deck.overskrift", Some(key))),
        );
        assert_eq!(titles, expected);
        for slide in &deck.slides {
            assert!(!slide.notes.is_empty() && slide.notes.iter().all(|note| !note.is_empty()));
        }
        assert_eq!(deck.meta.language, "da-DK");
    }
}

#[test]
fn the_support_chart_sets_the_cluster_against_its_specialty_and_the_nation() {
    let (specialty, cluster) = clusters()[0];
    let publication = publication();
    let deck = compose(publication, specialty, cluster).deck;
    let support = chart(slide(&deck, "understoettelse"));
    let figures = &publication.figures;
    let variable = figures.role(Role::Support).unwrap();
    let labels: Vec<&str> = support.rows.iter().map(|row| row.label.as_str()).collect();
    assert_eq!(
        labels,
        [
            publication.cluster(specialty, cluster).name.as_str(),
            publication.specialty(specialty).name.as_str(),
            text("deck.hele_landet", None).as_str(),
        ]
    );
    // The answers in the base ("Ved ikke" is not), as published: the cluster's row.
    let info = &figures.variables[variable];
    let in_base: Vec<&str> = info
        .answers
        .iter()
        .filter(|answer| !answer.outside_base)
        .map(|answer| answer.label.as_str())
        .collect();
    assert_eq!(support.series, in_base);
    let own = &publication
        .cluster(specialty, cluster)
        .results
        .shown()
        .unwrap()[variable];
    let published: Vec<Option<Rounded>> = support.rows[0]
        .values
        .iter()
        .map(|value| value.map(|value| value.published))
        .collect();
    // The segments as aggregate rounds them, cumulatively: they sum to 100.
    let expected: Vec<Option<Rounded>> = info
        .answers
        .iter()
        .enumerate()
        .filter(|(_, answer)| !answer.outside_base)
        .map(|(index, _)| own.segment(index).map(|(_, published)| published))
        .collect();
    assert_eq!(published, expected);
    let total: u64 = published.iter().flatten().map(|value| value.scaled).sum();
    assert_eq!(total, 100);
    assert!(
        support
            .note
            .as_deref()
            .unwrap()
            .contains(&own.base.to_string())
    );
}

#[test]
fn lead_sentences_follow_the_comparison_aggregate_computed() {
    let variable = publication().figures.role(Role::Support).unwrap();
    let mut found = Vec::new();
    for (comparison, words) in [
        (Comparison::Over, "højere end"),
        (Comparison::Under, "lavere end"),
        (Comparison::Equal, "svarer til"),
    ] {
        let Some((specialty, cluster)) = clusters().into_iter().find(|&(specialty, cluster)| {
            publication()
                .cluster(specialty, cluster)
                .results
                .shown()
                .is_some_and(|shown| shown[variable].top_against_specialty == Some(comparison))
        }) else {
            continue;
        };
        let deck = compose(publication(), specialty, cluster).deck;
        let lead = words_of_first_paragraph(slide(&deck, "understoettelse"));
        assert!(lead.contains(words), "{comparison:?}: {lead}");
        found.push(comparison);
    }
    assert_eq!(
        found,
        [Comparison::Over, Comparison::Under, Comparison::Equal]
    );
}

fn words_of_first_paragraph(slide: &Slide) -> String {
    match &slide.blocks[0] {
        Block::Paragraph(runs) => runs.iter().map(|run| run.text.as_str()).collect(),
        other => panic!("{other:?}"),
    }
}

#[test]
fn reflection_questions_follow_the_clusters_outcome_and_state_the_rule() {
    let cases = [
        (
            first(|cluster| matches!(cluster.reflection, Reflection::Positive { .. })),
            "fastholde",
            "positiv",
        ),
        (
            first(|cluster| matches!(cluster.reflection, Reflection::Develop { .. })),
            "udvikle",
            "udvikling",
        ),
        (suppressed(), "udvikle", "for_faa"),
    ];
    for ((specialty, cluster), questions, rule) in cases {
        let deck = compose(publication(), specialty, cluster).deck;
        let reflection = words(slide(&deck, "refleksion"));
        for variant in templates::variants(&format!("deck.spoergsmaal.{questions}")) {
            let question = text(&format!("deck.spoergsmaal.{questions}"), Some(variant));
            assert!(reflection.contains(&question), "{questions}: {reflection}");
        }
        let opening = publication().templates.fill(
            "deck.refleksion.regel",
            Some(rule),
            &[
                ("grundlag", "\u{0}".to_owned()),
                ("speciale", "\u{0}".to_owned()),
                ("klynge", "\u{0}".to_owned()),
            ],
        );
        let opening = opening.split('\u{0}').next().unwrap();
        assert!(reflection.contains(opening), "{rule}: {reflection}");
    }
}

#[test]
fn a_suppressed_clusters_deck_shows_none_of_its_answers() {
    let (specialty, cluster) = suppressed();
    let name = &publication().cluster(specialty, cluster).name;
    let deck = compose(publication(), specialty, cluster).deck;
    let about = words(slide(&deck, "om"));
    let minimum = publication().figures.min_respondents.to_string();
    assert!(about.contains(&format!("mindst {minimum} svar")), "{about}");
    for slide in &deck.slides {
        for block in &slide.blocks {
            if let Block::Chart(chart) = block {
                assert!(!chart.series.contains(name), "{}", slide.title);
                assert!(
                    chart.rows.iter().all(|row| &row.label != name),
                    "{}",
                    slide.title
                );
            }
        }
    }
}

#[test]
fn a_section_is_left_out_when_the_definition_lacks_all_its_roles() {
    let mut figures = publication().figures.clone();
    assert!(
        Section::ALL
            .iter()
            .all(|section| section.left_out(&figures).is_none())
    );
    figures.roles.questions.remove(&Role::Attendance);
    figures.roles.questions.remove(&Role::Engagement);
    figures.roles.questions.remove(&Role::DataMore);
    assert_eq!(
        Section::Participation.left_out(&figures),
        None,
        "activity is left"
    );
    assert_eq!(Section::Data.left_out(&figures), None, "data used is left");
    figures.roles.questions.remove(&Role::Activity);
    assert_eq!(
        Section::Participation.left_out(&figures).as_deref(),
        Some(
            "the survey definition names no question for the role 'attendance', 'engagement' or 'activity'"
        )
    );
    figures.roles.expectation_pairs.clear();
    assert_eq!(
        Section::Expectations.left_out(&figures).as_deref(),
        Some(
            "the survey definition pairs no importance item with an experience item (expectation_pairs)"
        )
    );
    figures.roles.questions.remove(&Role::Experience);
    assert_eq!(
        Section::Expectations.left_out(&figures).as_deref(),
        Some("the survey definition names no question for the role 'experience'")
    );
}

#[test]
fn the_format_writes_one_deck_per_cluster_into_its_folder() {
    let publication = publication();
    assert!(Decks.warnings(publication).is_empty());
    let (specialty, cluster) = clusters()[0];
    let rendered = Decks
        .render(publication, Unit::Cluster { specialty, cluster })
        .unwrap();
    assert_eq!(rendered.files.len(), 1);
    assert_eq!(
        rendered.files[0].path,
        format!(
            "klynger/{}/praesentation.pptx",
            publication.cluster_slug(specialty, cluster)
        )
    );
    assert!(rendered.files[0].bytes.starts_with(b"PK"));
    assert!(Decks.render(publication, Unit::Specialty(0)).is_err());
}
