//! The coordinator's guide of one cluster: how to prepare and lead the meeting on the survey's
//! results, written to this cluster's coordinator.
//!
//! One composition ([`compose`]) is written twice: as Word (`vejledning.docx`, for editing) and
//! as tagged PDF/UA-1 (`vejledning.pdf`, for coordinators without Word). The sections follow the
//! reference guide: introduction (with the files of the cluster's package), preparation, at the
//! meeting, the two sets of discussion points and the next steps. The set that fits the
//! cluster's results comes first: the reflection outcome `aggregate` computed for the cluster
//! (the same the deck uses); the text names the comparisons it rests on.
//!
//! Every word comes from the `vejledning` templates of the texts file. The guide holds no table
//! (the PDF renderer lays out none) and computes no figure.

mod format;

use aggregate::{Comparison, NotAssessed, Reflection, ReflectionInput};
use document::{Block, Document, Inline, List, ListItem, Orientation};
use format_api::{Publication, Role, TemplateSpec};

pub use format::Guide;

/// The Word file's name in the cluster's folder.
pub const WORD_FILE: &str = "vejledning.docx";
/// The PDF file's name in the cluster's folder.
pub const PDF_FILE: &str = "vejledning.pdf";
/// The deck's file name in the cluster's folder and package (written by the `deck` format).
pub const DECK_FILE: &str = "praesentation.pptx";

/// The steps of the preparation (variants of `vejledning.forberedelse.titel` and `.tekst`).
const PREPARATION_STEPS: [&str; 2] = ["meld_ud", "forbered"];
/// What the results are an occasion for (variants of `vejledning.moedet.anledning`).
const OCCASIONS: [&str; 5] = ["forankre", "planlaegge", "vaerdi", "sparring", "loefte"];
/// Discussion points when the results are good (variants of `vejledning.punkter.positiv`).
const POSITIVE_POINTS: [&str; 4] = ["fastholde", "elementer", "niveau", "engagement"];
/// Discussion points when there is room to improve (variants of `vejledning.punkter.udvikling`).
const DEVELOP_POINTS: [&str; 5] = ["forventninger", "indhold", "data", "alle", "forsoeg"];
/// The roles a reflection outcome can rest on, as variants of `vejledning.emne`.
const TOPICS: [&str; 2] = ["support", "improvements"];

/// The templates the guide uses, checked when the texts file is loaded.
pub const TEMPLATES: &[TemplateSpec] = &[
    TemplateSpec {
        name: "vejledning.titel",
        variants: &[],
        placeholders: &[],
    },
    TemplateSpec {
        name: "vejledning.dokumenttitel",
        variants: &[],
        placeholders: &["klynge"],
    },
    TemplateSpec {
        name: "vejledning.emne",
        variants: &TOPICS,
        placeholders: &[],
    },
    TemplateSpec {
        name: "vejledning.undertitel",
        variants: &[],
        placeholders: &["klynge", "speciale", "dato"],
    },
    TemplateSpec {
        name: "vejledning.metadata_emne",
        variants: &[],
        placeholders: &["klynge", "speciale", "aar"],
    },
    TemplateSpec {
        name: "vejledning.sidefod",
        variants: &[],
        placeholders: &["udgiver", "klynge"],
    },
    TemplateSpec {
        name: "vejledning.overskrift",
        variants: &[
            "introduktion",
            "forberedelse",
            "moedet",
            "punkter",
            "positiv",
            "udvikling",
            "naeste",
        ],
        placeholders: &[],
    },
    TemplateSpec {
        name: "vejledning.introduktion",
        variants: &["undersoegelse", "formaal", "klyngen", "pakken"],
        placeholders: &["aar", "udgiver", "klynge"],
    },
    TemplateSpec {
        name: "vejledning.fil",
        variants: &["praesentation", "aarsplan", "vejledning", "faktaark"],
        placeholders: &["fil", "speciale"],
    },
    TemplateSpec {
        name: "vejledning.forberedelse.titel",
        variants: &PREPARATION_STEPS,
        placeholders: &[],
    },
    TemplateSpec {
        name: "vejledning.forberedelse.tekst",
        variants: &PREPARATION_STEPS,
        placeholders: &["praesentation"],
    },
    TemplateSpec {
        name: "vejledning.forberedelse.faktaark",
        variants: &[],
        placeholders: &["speciale", "fil"],
    },
    TemplateSpec {
        name: "vejledning.moedet",
        variants: &["droeftelse", "rolle", "muligheder"],
        placeholders: &[],
    },
    TemplateSpec {
        name: "vejledning.moedet.anledning",
        variants: &OCCASIONS,
        placeholders: &[],
    },
    TemplateSpec {
        name: "vejledning.punkter.valg",
        variants: &["positiv", "udvikling", "undertrykt", "uden_grundlag"],
        placeholders: &["emner", "klynge", "speciale"],
    },
    TemplateSpec {
        name: "vejledning.punkter.indledning",
        variants: &["positiv", "udvikling"],
        placeholders: &[],
    },
    TemplateSpec {
        name: "vejledning.punkter.positiv",
        variants: &POSITIVE_POINTS,
        placeholders: &[],
    },
    TemplateSpec {
        name: "vejledning.punkter.udvikling",
        variants: &DEVELOP_POINTS,
        placeholders: &[],
    },
    TemplateSpec {
        name: "vejledning.naeste",
        variants: &["opsamling", "aarsplan", "kontakt"],
        placeholders: &["aarsplan", "udgiver"],
    },
];

/// The file name the specialty's fact sheet has in a coordinator's package (the `packages`
/// assembly names `faktaark/<slug>.pdf` so).
fn fact_sheet_file(specialty: &str) -> String {
    format!("faktaark-{}.pdf", danish::slug(specialty))
}

/// Which set of discussion points comes first, and the sentence that says why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FirstSet {
    /// The points for good results.
    Positive,
    /// The points for room to improve.
    Develop,
}

/// The set of discussion points that fits a cluster's reflection outcome, and the variant of
/// `vejledning.punkter.valg` with the roles it names. A cluster whose outcome could not be
/// assessed gets the points for good results first, as the reference guide orders them.
pub fn first_set(reflection: &Reflection) -> (FirstSet, &'static str, Vec<Role>) {
    let roles = |basis: &[ReflectionInput], only_under: bool| {
        basis
            .iter()
            .filter(|input| !only_under || input.comparison == Comparison::Under)
            .map(|input| input.role)
            .collect()
    };
    match reflection {
        Reflection::Positive { basis } => (FirstSet::Positive, "positiv", roles(basis, false)),
        Reflection::Develop { basis } => (FirstSet::Develop, "udvikling", roles(basis, true)),
        Reflection::NotAssessed {
            reason: NotAssessed::Suppressed,
        } => (FirstSet::Positive, "undertrykt", Vec::new()),
        Reflection::NotAssessed { .. } => (FirstSet::Positive, "uden_grundlag", Vec::new()),
    }
}

/// Composes the guide of a cluster.
pub fn compose(publication: &Publication, specialty: usize, cluster: usize) -> Document {
    let text = |name: &str, variant: Option<&str>, values: &[(&str, String)]| {
        publication.templates.fill(name, variant, values)
    };
    let plain = |name: &str, variant: &str| text(name, Some(variant), &[]);
    let heading = |level: u8, variant: &str| Block::Heading {
        level,
        text: plain("vejledning.overskrift", variant),
    };
    let paragraph = |content: String| Block::Paragraph(vec![Inline::plain(content)]);
    let figures = publication.cluster(specialty, cluster);
    let cluster_name = figures.name.clone();
    let specialty_name = publication.specialty(specialty).name.clone();
    let year = publication.year().to_string();
    let publisher = publication.publisher().to_owned();
    let plan_file = annual_plan::FILE_NAME.to_owned();
    let fact_sheet = fact_sheet_file(&specialty_name);

    let mut blocks = vec![
        Block::Heading {
            level: 1,
            text: text("vejledning.titel", None, &[]),
        },
        Block::Note(text(
            "vejledning.undertitel",
            None,
            &[
                ("klynge", cluster_name.clone()),
                ("speciale", specialty_name.clone()),
                ("dato", publication.dateline()),
            ],
        )),
    ];

    // Introduction, with the files of the package.
    blocks.push(heading(2, "introduktion"));
    let introduction = [
        ("aar", year.clone()),
        ("udgiver", publisher.clone()),
        ("klynge", cluster_name.clone()),
    ];
    for part in ["undersoegelse", "formaal", "klyngen", "pakken"] {
        blocks.push(paragraph(text(
            "vejledning.introduktion",
            Some(part),
            &introduction,
        )));
    }
    let files = [
        ("praesentation", DECK_FILE.to_owned()),
        ("aarsplan", plan_file.clone()),
        ("vejledning", PDF_FILE.to_owned()),
        ("faktaark", fact_sheet.clone()),
    ];
    blocks.push(list(
        false,
        files
            .into_iter()
            .map(|(variant, file)| {
                vec![Inline::plain(text(
                    "vejledning.fil",
                    Some(variant),
                    &[("fil", file), ("speciale", specialty_name.clone())],
                ))]
            })
            .collect(),
    ));

    // Preparation.
    blocks.push(heading(2, "forberedelse"));
    blocks.push(list(
        true,
        PREPARATION_STEPS
            .iter()
            .map(|step| {
                vec![
                    Inline::strong(plain("vejledning.forberedelse.titel", step)),
                    Inline::plain(format!(
                        " {}",
                        text(
                            "vejledning.forberedelse.tekst",
                            Some(step),
                            &[("praesentation", DECK_FILE.to_owned())],
                        )
                    )),
                ]
            })
            .collect(),
    ));
    blocks.push(paragraph(text(
        "vejledning.forberedelse.faktaark",
        None,
        &[("speciale", specialty_name.clone()), ("fil", fact_sheet)],
    )));

    // At the meeting.
    blocks.push(heading(2, "moedet"));
    blocks.push(paragraph(plain("vejledning.moedet", "droeftelse")));
    blocks.push(paragraph(plain("vejledning.moedet", "rolle")));
    blocks.push(paragraph(plain("vejledning.moedet", "muligheder")));
    blocks.push(items(
        publication,
        "vejledning.moedet.anledning",
        &OCCASIONS,
    ));

    // The discussion points, the fitting set first.
    blocks.push(heading(2, "punkter"));
    let (first, variant, roles) = first_set(&figures.reflection);
    let topics: Vec<String> = roles
        .iter()
        .map(|role| plain("vejledning.emne", role.key()))
        .collect();
    blocks.push(paragraph(text(
        "vejledning.punkter.valg",
        Some(variant),
        &[
            ("emner", danish::join_list(&topics)),
            ("klynge", cluster_name.clone()),
            ("speciale", specialty_name.clone()),
        ],
    )));
    let positive = [
        heading(3, "positiv"),
        paragraph(plain("vejledning.punkter.indledning", "positiv")),
        items(publication, "vejledning.punkter.positiv", &POSITIVE_POINTS),
    ];
    let develop = [
        heading(3, "udvikling"),
        paragraph(plain("vejledning.punkter.indledning", "udvikling")),
        items(publication, "vejledning.punkter.udvikling", &DEVELOP_POINTS),
    ];
    match first {
        FirstSet::Positive => blocks.extend(positive.into_iter().chain(develop)),
        FirstSet::Develop => blocks.extend(develop.into_iter().chain(positive)),
    }

    // Next steps.
    blocks.push(heading(2, "naeste"));
    for part in ["opsamling", "aarsplan", "kontakt"] {
        blocks.push(paragraph(text(
            "vejledning.naeste",
            Some(part),
            &[
                ("aarsplan", plan_file.clone()),
                ("udgiver", publisher.clone()),
            ],
        )));
    }

    Document {
        meta: publication.meta(
            text(
                "vejledning.dokumenttitel",
                None,
                &[("klynge", cluster_name.clone())],
            ),
            text(
                "vejledning.metadata_emne",
                None,
                &[
                    ("klynge", cluster_name.clone()),
                    ("speciale", specialty_name),
                    ("aar", year),
                ],
            ),
        ),
        orientation: Orientation::Portrait,
        footer: text(
            "vejledning.sidefod",
            None,
            &[("udgiver", publisher), ("klynge", cluster_name)],
        ),
        palette: publication.palette(),
        blocks,
    }
}

/// A bulleted list of a template's variants, in order.
fn items(publication: &Publication, name: &str, variants: &[&str]) -> Block {
    list(
        false,
        variants
            .iter()
            .map(|variant| {
                vec![Inline::plain(publication.templates.fill(
                    name,
                    Some(variant),
                    &[],
                ))]
            })
            .collect(),
    )
}

fn list(ordered: bool, items: Vec<Vec<Inline>>) -> Block {
    Block::List(List {
        ordered,
        items: items
            .into_iter()
            .map(|content| ListItem {
                content,
                children: None,
            })
            .collect(),
    })
}

#[cfg(test)]
mod tests;
