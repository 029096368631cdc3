//! The annual-plan template of one cluster: "Årsplan for klyngemøder `<next year>`", an editable
//! Word document the coordinator fills in with the cluster.
//!
//! What it holds, in order: a header block of fill-in fields (cluster, specialty, coordinator,
//! members, year), pre-filled from the roster where known; the year's meetings as a table of
//! empty fields ([`MEETINGS`] rows) whose header row repeats on every page; "Input fra drøftelsen
//! af spørgeskemaundersøgelsen" with the cluster's strongest motivation elements (the ranking
//! `aggregate` computed; the specialty's when the cluster's answers are suppressed, which the
//! text says) and the headings of the specialty's good advice as starting points; and a table
//! for the follow-ups the cluster agrees on. Landscape, so the six columns have room.
//!
//! Every word comes from the `aarsplan` templates of the texts file; nothing here computes a
//! figure.

mod format;

use aggregate::{ClusterResults, RankedItem};
use document::{
    Block, Cell, Column, Document, Inline, List, ListItem, Orientation, Table, TableRow,
};
use format_api::{Publication, Role, TemplateSpec};

pub use format::AnnualPlan;

/// The file name in the cluster's folder.
pub const FILE_NAME: &str = "aarsplan.docx";

/// Rows of the meetings table: one meeting a quarter.
pub const MEETINGS: usize = 4;

/// Rows of the follow-up table.
pub const FOLLOW_UPS: usize = 5;

/// How many motivation elements the plan names at most (the strongest first).
pub const MOTIVATION_ELEMENTS: usize = 3;

/// The slot of a specialty's editorial file whose top-level list items are advice headings.
pub const ADVICE_SLOT: &str = "Gode råd";

/// The fields of the header block, in order (variants of `aarsplan.felt` and
/// `aarsplan.felt_hjaelp`).
const HEADER_FIELDS: [&str; 5] = ["klynge", "speciale", "koordinator", "medlemmer", "aar"];

/// The meeting table's columns with their relative widths (variants of
/// `aarsplan.moeder.kolonne` and `aarsplan.moeder.hjaelp`).
const MEETING_COLUMNS: [(&str, u16); 6] = [
    ("dato", 2),
    ("tema", 3),
    ("maal", 4),
    ("forberedelse", 4),
    ("ansvarlig", 2),
    ("opfoelgning", 4),
];

/// The follow-up table's columns with their relative widths (variants of
/// `aarsplan.opfoelgning.kolonne` and `aarsplan.opfoelgning.hjaelp`).
const FOLLOW_UP_COLUMNS: [(&str, u16); 3] = [("aftale", 6), ("ansvarlig", 2), ("frist", 2)];

/// The templates the plan uses, checked when the texts file is loaded.
pub const TEMPLATES: &[TemplateSpec] = &[
    TemplateSpec {
        name: "aarsplan.titel",
        variants: &[],
        placeholders: &["aar"],
    },
    TemplateSpec {
        name: "aarsplan.emne",
        variants: &[],
        placeholders: &["klynge", "speciale"],
    },
    TemplateSpec {
        name: "aarsplan.sidefod",
        variants: &[],
        placeholders: &["udgiver", "klynge", "aar"],
    },
    TemplateSpec {
        name: "aarsplan.indledning",
        variants: &[],
        placeholders: &["klynge", "aar"],
    },
    TemplateSpec {
        name: "aarsplan.felt",
        variants: &HEADER_FIELDS,
        placeholders: &[],
    },
    TemplateSpec {
        name: "aarsplan.felt_hjaelp",
        variants: &HEADER_FIELDS,
        placeholders: &[],
    },
    TemplateSpec {
        name: "aarsplan.medlemmer",
        variants: &[],
        placeholders: &["antal"],
    },
    TemplateSpec {
        name: "aarsplan.overskrift",
        variants: &["moeder", "input", "opfoelgning"],
        placeholders: &[],
    },
    TemplateSpec {
        name: "aarsplan.moeder.tekst",
        variants: &[],
        placeholders: &["antal"],
    },
    TemplateSpec {
        name: "aarsplan.moeder.tabel",
        variants: &[],
        placeholders: &["aar"],
    },
    TemplateSpec {
        name: "aarsplan.moeder.kolonne",
        variants: &[
            "dato",
            "tema",
            "maal",
            "forberedelse",
            "ansvarlig",
            "opfoelgning",
        ],
        placeholders: &[],
    },
    TemplateSpec {
        name: "aarsplan.moeder.hjaelp",
        variants: &[
            "dato",
            "tema",
            "maal",
            "forberedelse",
            "ansvarlig",
            "opfoelgning",
        ],
        placeholders: &[],
    },
    TemplateSpec {
        name: "aarsplan.input.tekst",
        variants: &[],
        placeholders: &[],
    },
    TemplateSpec {
        name: "aarsplan.input.motivation",
        variants: &["klynge", "speciale"],
        placeholders: &["speciale"],
    },
    TemplateSpec {
        name: "aarsplan.input.element",
        variants: &[],
        placeholders: &["element", "andel"],
    },
    TemplateSpec {
        name: "aarsplan.input.raad",
        variants: &[],
        placeholders: &["speciale"],
    },
    TemplateSpec {
        name: "aarsplan.opfoelgning.tekst",
        variants: &[],
        placeholders: &[],
    },
    TemplateSpec {
        name: "aarsplan.opfoelgning.tabel",
        variants: &[],
        placeholders: &[],
    },
    TemplateSpec {
        name: "aarsplan.opfoelgning.kolonne",
        variants: &["aftale", "ansvarlig", "frist"],
        placeholders: &[],
    },
    TemplateSpec {
        name: "aarsplan.opfoelgning.hjaelp",
        variants: &["aftale", "ansvarlig", "frist"],
        placeholders: &[],
    },
];

/// The year the plan is for: the year after the survey.
pub fn plan_year(publication: &Publication) -> u16 {
    publication.year() + 1
}

/// The cluster's strongest motivation elements as "element (share)", and whether they are the
/// specialty's (the cluster's answers are suppressed). Empty when the definition has no
/// motivation role or nobody in the unit answered it.
pub fn motivation(
    publication: &Publication,
    specialty: usize,
    cluster: usize,
) -> (Vec<String>, bool) {
    let figures = publication.cluster(specialty, cluster);
    let (ranking, of_specialty): (&[RankedItem], bool) = match (&figures.results, &figures.outcomes)
    {
        (ClusterResults::Shown { .. }, Some(outcomes)) => {
            (outcomes.ranking(Role::Motivation), false)
        }
        _ => (
            publication
                .specialty(specialty)
                .outcomes
                .ranking(Role::Motivation),
            true,
        ),
    };
    let elements = ranking
        .iter()
        .take(MOTIVATION_ELEMENTS)
        .map(|item| {
            let variable = &publication.figures.variables[item.variable];
            let element = variable
                .item_text
                .clone()
                .unwrap_or_else(|| variable.question_text.clone());
            publication.templates.fill(
                "aarsplan.input.element",
                None,
                &[("element", element), ("andel", item.share.pct())],
            )
        })
        .collect();
    (elements, of_specialty)
}

/// The headings of a specialty's good advice: the text of the top-level items of the first list
/// in its "Gode råd" slot.
pub fn advice_headings(publication: &Publication, specialty: usize) -> Vec<String> {
    publication.specialty_editorial[specialty]
        .slot(ADVICE_SLOT)
        .iter()
        .find_map(|block| match block {
            Block::List(list) => Some(list),
            _ => None,
        })
        .map(|list| {
            list.items
                .iter()
                .map(|item| item.content.iter().map(|run| run.text.as_str()).collect())
                .collect()
        })
        .unwrap_or_default()
}

/// Composes the annual plan of a cluster.
pub fn compose(publication: &Publication, specialty: usize, cluster: usize) -> Document {
    let text = |name: &str, variant: Option<&str>, values: &[(&str, String)]| {
        publication.templates.fill(name, variant, values)
    };
    let plain = |name: &str, variant: &str| text(name, Some(variant), &[]);
    let figures = publication.cluster(specialty, cluster);
    let specialty_name = publication.specialty(specialty).name.clone();
    let year = plan_year(publication).to_string();
    let title = text("aarsplan.titel", None, &[("aar", year.clone())]);

    let mut blocks = vec![
        Block::Heading {
            level: 1,
            text: title.clone(),
        },
        Block::Paragraph(vec![Inline::plain(text(
            "aarsplan.indledning",
            None,
            &[("klynge", figures.name.clone()), ("aar", year.clone())],
        ))]),
    ];

    // The header block: one row of fields under their labels.
    let members = (figures.members > 0).then(|| {
        text(
            "aarsplan.medlemmer",
            None,
            &[("antal", danish::format_integer(u64::from(figures.members)))],
        )
    });
    let coordinator = Some(figures.coordinator.trim())
        .filter(|name| !name.is_empty())
        .map(str::to_owned);
    let known = [
        Some(figures.name.clone()),
        Some(specialty_name.clone()),
        coordinator,
        members,
        Some(year.clone()),
    ];
    blocks.push(Block::Table(Table {
        caption: None,
        columns: HEADER_FIELDS
            .iter()
            .map(|field| Column {
                header: plain("aarsplan.felt", field),
                width: if *field == "aar" { 1 } else { 2 },
                numeric: false,
            })
            .collect(),
        rows: vec![TableRow {
            cells: HEADER_FIELDS
                .iter()
                .zip(known)
                .map(|(field, value)| Cell::Field {
                    prompt: plain("aarsplan.felt_hjaelp", field),
                    value,
                })
                .collect(),
        }],
        row_headers: false,
        repeat_header: false,
    }));

    // The year's meetings.
    blocks.push(Block::Heading {
        level: 2,
        text: plain("aarsplan.overskrift", "moeder"),
    });
    blocks.push(Block::Paragraph(vec![Inline::plain(text(
        "aarsplan.moeder.tekst",
        None,
        &[(
            "antal",
            danish::count_in_words(MEETINGS as u64, danish::Gender::Neuter),
        )],
    ))]));
    blocks.push(Block::Table(field_table(
        publication,
        "aarsplan.moeder",
        Some(text(
            "aarsplan.moeder.tabel",
            None,
            &[("aar", year.clone())],
        )),
        &MEETING_COLUMNS,
        MEETINGS,
    )));

    // Input from the discussion of the survey.
    blocks.push(Block::Heading {
        level: 2,
        text: plain("aarsplan.overskrift", "input"),
    });
    blocks.push(Block::Paragraph(vec![Inline::plain(text(
        "aarsplan.input.tekst",
        None,
        &[],
    ))]));
    let (elements, of_specialty) = motivation(publication, specialty, cluster);
    if !elements.is_empty() {
        let variant = if of_specialty { "speciale" } else { "klynge" };
        blocks.push(Block::Paragraph(vec![Inline::strong(text(
            "aarsplan.input.motivation",
            Some(variant),
            &[("speciale", specialty_name.clone())],
        ))]));
        blocks.push(bullets(elements));
    }
    let advice = advice_headings(publication, specialty);
    if !advice.is_empty() {
        blocks.push(Block::Paragraph(vec![Inline::strong(text(
            "aarsplan.input.raad",
            None,
            &[("speciale", specialty_name.clone())],
        ))]));
        blocks.push(bullets(advice));
    }

    // Agreed follow-ups.
    blocks.push(Block::Heading {
        level: 2,
        text: plain("aarsplan.overskrift", "opfoelgning"),
    });
    blocks.push(Block::Paragraph(vec![Inline::plain(text(
        "aarsplan.opfoelgning.tekst",
        None,
        &[],
    ))]));
    blocks.push(Block::Table(field_table(
        publication,
        "aarsplan.opfoelgning",
        Some(text("aarsplan.opfoelgning.tabel", None, &[])),
        &FOLLOW_UP_COLUMNS,
        FOLLOW_UPS,
    )));

    Document {
        meta: publication.meta(
            title,
            text(
                "aarsplan.emne",
                None,
                &[
                    ("klynge", figures.name.clone()),
                    ("speciale", specialty_name),
                ],
            ),
        ),
        orientation: Orientation::Landscape,
        footer: text(
            "aarsplan.sidefod",
            None,
            &[
                ("udgiver", publication.publisher().to_owned()),
                ("klynge", figures.name.clone()),
                ("aar", year),
            ],
        ),
        palette: publication.palette(),
        blocks,
    }
}

/// A table of empty fields: `rows` rows under the columns of `prefix.kolonne`, each field
/// prompting with `prefix.hjaelp`; the header row repeats on every page.
fn field_table(
    publication: &Publication,
    prefix: &str,
    caption: Option<String>,
    columns: &[(&str, u16)],
    rows: usize,
) -> Table {
    let fill = |name: &str, variant: &str| {
        publication
            .templates
            .fill(&format!("{prefix}.{name}"), Some(variant), &[])
    };
    Table {
        caption,
        columns: columns
            .iter()
            .map(|(column, width)| Column {
                header: fill("kolonne", column),
                width: *width,
                numeric: false,
            })
            .collect(),
        rows: (0..rows)
            .map(|_| TableRow {
                cells: columns
                    .iter()
                    .map(|(column, _)| Cell::Field {
                        prompt: fill("hjaelp", column),
                        value: None,
                    })
                    .collect(),
            })
            .collect(),
        row_headers: false,
        repeat_header: true,
    }
}

fn bullets(items: Vec<String>) -> Block {
    Block::List(List {
        ordered: false,
        items: items
            .into_iter()
            .map(|item| ListItem {
                content: vec![Inline::plain(item)],
                children: None,
            })
            .collect(),
    })
}

#[cfg(test)]
mod tests;
