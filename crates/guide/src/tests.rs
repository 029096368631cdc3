use std::path::PathBuf;
use std::sync::OnceLock;

use aggregate::{REFLECTION_ROLES, Reflection};
use document::{Block, Orientation};
use format_api::{Publication, Unit, UnitKind};

use super::*;

/// The 2025 fixture, prepared for this format.
fn publication() -> &'static Publication {
    static PUBLICATION: OnceLock<Publication> = OnceLock::new();
    PUBLICATION.get_or_init(|| {
        let settings = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../../fixtures/2025/indstillinger.toml");
        let selection = publish::Selection::new(&["guide".to_owned()]).unwrap();
        publish::prepare(&settings, &selection.requirements)
            .unwrap_or_else(|error| panic!("{error}"))
    })
}

/// The first cluster whose reflection outcome matches.
fn cluster_with(wanted: impl Fn(&Reflection) -> bool) -> (usize, usize) {
    let publication = publication();
    publication
        .units(UnitKind::Cluster)
        .into_iter()
        .find_map(|unit| match unit {
            Unit::Cluster { specialty, cluster } => {
                wanted(&publication.cluster(specialty, cluster).reflection)
                    .then_some((specialty, cluster))
            }
            _ => None,
        })
        .expect("the fixture has a cluster with this outcome")
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

fn paragraphs(document: &Document) -> String {
    document
        .blocks
        .iter()
        .filter_map(|block| match block {
            Block::Paragraph(runs) => {
                Some(runs.iter().map(|run| run.text.as_str()).collect::<String>())
            }
            _ => None,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn every_role_a_reflection_rests_on_has_a_topic() {
    for role in REFLECTION_ROLES {
        assert!(TOPICS.contains(&role.key()), "{role:?}");
    }
}

#[test]
fn the_guide_follows_the_reference_structure_and_holds_no_table() {
    let publication = publication();
    let (specialty, cluster) = cluster_with(|_| true);
    let document = compose(publication, specialty, cluster);
    assert_eq!(document.orientation, Orientation::Portrait);
    assert_eq!(
        headings(&document, 1),
        ["Vejledning til klyngekoordinatoren"]
    );
    assert_eq!(
        headings(&document, 2),
        [
            "Introduktion",
            "Sådan forbereder du mødet",
            "På klyngemødet",
            "Punkter til drøftelsen",
            "Næste skridt"
        ]
    );
    assert!(
        !document
            .blocks
            .iter()
            .any(|block| matches!(block, Block::Table(_)))
    );
    let text = paragraphs(&document);
    let name = &publication.cluster(specialty, cluster).name;
    assert!(text.contains(&format!("koordinator for {name}.")), "{text}");
    assert!(text.contains("aarsplan.docx"), "{text}");
    assert!(document.meta.title.ends_with(name.as_str()));
}

/// An outcome, the expected order of the two sets, the expected start of the choice sentence.
type Case<'a> = (fn(&Reflection) -> bool, [&'a str; 2], &'a str);

#[test]
fn the_set_that_fits_the_cluster_comes_first() {
    let publication = publication();
    let positive = [
        "Når resultaterne er gode",
        "Når der er plads til forbedring",
    ];
    let develop = [
        "Når der er plads til forbedring",
        "Når resultaterne er gode",
    ];
    // (outcome, expected order of the sets, expected start of the choice sentence)
    let cases: [Case<'_>; 3] = [
        (
            |reflection| matches!(reflection, Reflection::Positive { .. }),
            positive,
            "I jeres klynge ligger svarene på højde med eller over specialet som helhed, når det gælder klyngearbejdets betydning",
        ),
        (
            |reflection| matches!(reflection, Reflection::Develop { .. }),
            develop,
            "I jeres klynge ligger svarene under specialet som helhed, når det gælder",
        ),
        (
            |reflection| matches!(reflection, Reflection::NotAssessed { .. }),
            positive,
            "For få i ",
        ),
    ];
    for (wanted, order, sentence) in cases {
        let (specialty, cluster) = cluster_with(wanted);
        let document = compose(publication, specialty, cluster);
        assert_eq!(headings(&document, 3), order, "{sentence}");
        assert!(paragraphs(&document).contains(sentence), "{sentence}");
    }
}

#[test]
fn a_develop_outcome_names_only_the_roles_below_the_specialty() {
    let publication = publication();
    let (specialty, cluster) =
        cluster_with(|reflection| matches!(reflection, Reflection::Develop { .. }));
    let reflection = &publication.cluster(specialty, cluster).reflection;
    let Reflection::Develop { basis } = reflection else {
        unreachable!()
    };
    let (first, variant, roles) = first_set(reflection);
    assert_eq!((first, variant), (FirstSet::Develop, "udvikling"));
    let under: Vec<Role> = basis
        .iter()
        .filter(|input| input.comparison == Comparison::Under)
        .map(|input| input.role)
        .collect();
    assert_eq!(roles, under);
}
