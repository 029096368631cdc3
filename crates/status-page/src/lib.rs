//! The national status page, "Status på klyngearbejdet" and the survey year, composed as a
//! format-neutral [`Document`] and written by the `html` renderer as `status.html` (the format
//! "status").
//!
//! The page shows the specialties and the nation, never a cluster's figures: an overview table
//! (invited, respondents, response rate, and the top boxes of the support and improvements roles,
//! each with its comparison with the nation as published), then a section per specialty with its
//! figures in sentences, its charts and a link to its fact sheet. A role the survey definition
//! lacks leaves out its columns and subsections, with one warning
//! ([`StatusPage::warnings`](format_api::Format::warnings)).
//!
//! Like every composer it only chooses wording; every number and every comparison comes from
//! [`aggregate::Figures`].

mod format;

use aggregate::{Comparison, Percent, SpecialtyFigures, UnitFigures, VariableFigures};
use danish::{Gender, count_in_words, join_list};
use document::{
    Block, Cell, Chart, ChartKind, ChartRow, ChartValue, Column, Document, Inline, Meta,
    Orientation, Table, TableRow,
};
use format_api::{Publication, Role, TemplateSpec};

pub use format::{FILE, StatusPage};

/// The roles the page reports, in the order of the table's columns and a section's subsections.
pub const ROLES: &[Role] = &[Role::Support, Role::Improvements];

/// The language the page declares (`lang`): Danish, without a region.
pub const LANGUAGE: &str = "da";

/// The templates the page uses (the `[status]` table of the texts file; see docs/texts.md).
pub const TEMPLATES: &[TemplateSpec] = &[
    TemplateSpec {
        name: "status.titel",
        variants: &[],
        placeholders: &["aar"],
    },
    TemplateSpec {
        name: "status.emne",
        variants: &[],
        placeholders: &["aar"],
    },
    TemplateSpec {
        name: "status.sidefod",
        variants: &[],
        placeholders: &["udgiver", "aar"],
    },
    TemplateSpec {
        name: "status.indledning",
        variants: &[],
        placeholders: &[
            "aar",
            "antal_specialer",
            "antal_klynger",
            "respondenter",
            "inviterede",
            "svarprocent",
        ],
    },
    TemplateSpec {
        name: "status.klynger",
        variants: &[],
        placeholders: &["mindst"],
    },
    TemplateSpec {
        name: "status.overskrift",
        variants: &["overblik", "support", "improvements"],
        placeholders: &[],
    },
    TemplateSpec {
        name: "status.tabel.titel",
        variants: &[],
        placeholders: &["aar"],
    },
    TemplateSpec {
        name: "status.tabel.kolonne",
        variants: &[
            "speciale",
            "inviterede",
            "respondenter",
            "svarprocent",
            "support",
            "support_landet",
            "improvements",
            "improvements_landet",
        ],
        placeholders: &[],
    },
    TemplateSpec {
        name: "status.tabel.alle_specialer",
        variants: &[],
        placeholders: &[],
    },
    TemplateSpec {
        name: "status.tabel.ingen_svar",
        variants: &[],
        placeholders: &[],
    },
    TemplateSpec {
        name: "status.tabel.sammenligning",
        variants: &["over", "under", "lig"],
        placeholders: &[],
    },
    TemplateSpec {
        name: "status.tabel.forklaring",
        variants: &["support", "improvements", "afrunding"],
        placeholders: &[],
    },
    TemplateSpec {
        name: "status.speciale.deltagelse",
        variants: &[],
        placeholders: &[
            "speciale",
            "respondenter",
            "inviterede",
            "svarprocent",
            "svarprocent_landet",
        ],
    },
    TemplateSpec {
        name: "status.speciale.klynger",
        variants: &["en", "flere"],
        placeholders: &["antal"],
    },
    TemplateSpec {
        name: "status.speciale.support",
        variants: &["over", "under", "lig"],
        placeholders: &["andel", "landet"],
    },
    TemplateSpec {
        name: "status.speciale.improvements",
        variants: &["over", "under", "lig"],
        placeholders: &["andel", "landet"],
    },
    TemplateSpec {
        name: "status.speciale.faktaark",
        variants: &[],
        placeholders: &["speciale"],
    },
    TemplateSpec {
        name: "status.diagram.alle_specialer",
        variants: &[],
        placeholders: &[],
    },
    TemplateSpec {
        name: "status.diagram.antal_svar",
        variants: &[],
        placeholders: &["enheder"],
    },
    TemplateSpec {
        name: "status.diagram.enhed_svar",
        variants: &[],
        placeholders: &["enhed", "antal"],
    },
    TemplateSpec {
        name: "status.diagram.alt",
        variants: &[],
        placeholders: &["spoergsmaal", "raekker"],
    },
    TemplateSpec {
        name: "status.diagram.alt_raekke",
        variants: &[],
        placeholders: &["raekke", "vaerdier"],
    },
    TemplateSpec {
        name: "status.diagram.alt_vaerdi",
        variants: &[],
        placeholders: &["serie", "andel"],
    },
];

/// The fact sheet of a specialty, relative to the publication root (where `status.html` is).
pub fn fact_sheet_link(specialty: &str) -> String {
    format!("faktaark/{}.pdf", danish::slug(specialty))
}

/// The roles of [`ROLES`] the survey definition names, each with its variable's index.
pub fn present_roles(publication: &Publication) -> Vec<(Role, usize)> {
    ROLES
        .iter()
        .filter_map(|&role| Some((role, publication.figures.role(role)?)))
        .collect()
}

/// Composes the status page.
pub fn compose(publication: &Publication) -> Document {
    Page {
        publication,
        roles: present_roles(publication),
    }
    .document()
}

/// Sections of specialties left without a role's part because nobody in the specialty answered
/// its question validly: one sentence each, for the run's warnings.
pub fn unanswered(publication: &Publication) -> Vec<String> {
    let mut found = Vec::new();
    for specialty in &publication.figures.specialties {
        for (role, index) in present_roles(publication) {
            if specialty.totals.variables[index].top.is_none() {
                found.push(format!(
                    "{FILE}: {} has no valid answers for the {} role ({}); its section leaves that part out",
                    specialty.name,
                    role.key(),
                    publication.figures.variables[index].key
                ));
            }
        }
    }
    found
}

struct Page<'a> {
    publication: &'a Publication,
    roles: Vec<(Role, usize)>,
}

/// The template variant of a comparison.
fn variant(comparison: Comparison) -> &'static str {
    match comparison {
        Comparison::Over => "over",
        Comparison::Under => "under",
        Comparison::Equal => "lig",
    }
}

fn integer(value: u32) -> String {
    danish::format_integer(u64::from(value))
}

fn paragraph(text: String) -> Block {
    Block::Paragraph(vec![Inline::plain(text)])
}

fn numeric(header: String, width: u16) -> Column {
    Column {
        header,
        width,
        numeric: true,
    }
}

impl Page<'_> {
    fn text(&self, name: &str, variant: Option<&str>, values: &[(&str, String)]) -> String {
        self.publication.templates.fill(name, variant, values)
    }

    fn year(&self) -> String {
        self.publication.year().to_string()
    }

    /// A share as printed, or the words for "no answers".
    fn share(&self, percent: Option<Percent>) -> String {
        percent.map_or_else(
            || self.text("status.tabel.ingen_svar", None, &[]),
            Percent::pct,
        )
    }

    fn document(&self) -> Document {
        let figures = &self.publication.figures;
        let national = &figures.national;
        let year = self.year();
        let title = self.text("status.titel", None, &[("aar", year.clone())]);
        let mut blocks = vec![
            Block::Note(self.publication.dateline()),
            Block::Heading {
                level: 1,
                text: title.clone(),
            },
            paragraph(self.text(
                "status.indledning",
                None,
                &[
                    ("aar", year.clone()),
                    (
                        "antal_specialer",
                        count_in_words(figures.specialties.len() as u64, Gender::Neuter),
                    ),
                    (
                        "antal_klynger",
                        count_in_words(self.publication.cluster_count() as u64, Gender::Common),
                    ),
                    ("respondenter", integer(national.respondents)),
                    ("inviterede", integer(national.invited)),
                    ("svarprocent", self.share(national.response_rate)),
                ],
            )),
            paragraph(self.text(
                "status.klynger",
                None,
                &[("mindst", integer(figures.min_respondents))],
            )),
            Block::Heading {
                level: 2,
                text: self.text("status.overskrift", Some("overblik"), &[]),
            },
            Block::Table(self.overview()),
        ];
        let mut explanations: Vec<String> = self
            .roles
            .iter()
            .map(|(role, _)| self.text("status.tabel.forklaring", Some(role.key()), &[]))
            .collect();
        explanations.push(self.text("status.tabel.forklaring", Some("afrunding"), &[]));
        blocks.push(Block::Note(explanations.join(" ")));
        for specialty in &figures.specialties {
            blocks.extend(self.section(specialty));
        }
        let meta = self.publication.meta(
            title,
            self.text("status.emne", None, &[("aar", year.clone())]),
        );
        Document {
            meta: Meta {
                language: LANGUAGE.to_owned(),
                ..meta
            },
            orientation: Orientation::Portrait,
            footer: self.text(
                "status.sidefod",
                None,
                &[
                    ("udgiver", self.publication.publisher().to_owned()),
                    ("aar", year),
                ],
            ),
            palette: self.publication.palette(),
            blocks,
        }
    }

    /// The overview: one row per specialty (its name linking to its section), then the nation.
    fn overview(&self) -> Table {
        let column = |key: &str| self.text("status.tabel.kolonne", Some(key), &[]);
        let mut columns = vec![
            Column {
                header: column("speciale"),
                width: 5,
                numeric: false,
            },
            numeric(column("inviterede"), 2),
            numeric(column("respondenter"), 2),
            numeric(column("svarprocent"), 2),
        ];
        for (role, _) in &self.roles {
            columns.push(numeric(column(role.key()), 3));
            columns.push(Column {
                header: column(&format!("{}_landet", role.key())),
                width: 3,
                numeric: false,
            });
        }
        let mut rows: Vec<TableRow> = self
            .publication
            .figures
            .specialties
            .iter()
            .map(|specialty| {
                let name = &specialty.name;
                let header = Cell::Text(vec![Inline::link(
                    name.clone(),
                    format!("#{}", danish::slug(name)),
                )]);
                self.row(header, &specialty.totals, true)
            })
            .collect();
        let nation = Cell::Text(vec![Inline::strong(self.text(
            "status.tabel.alle_specialer",
            None,
            &[],
        ))]);
        rows.push(self.row(nation, &self.publication.figures.national, false));
        Table {
            caption: Some(self.text("status.tabel.titel", None, &[("aar", self.year())])),
            columns,
            rows,
            row_headers: true,
            repeat_header: true,
        }
    }

    /// A row of the overview; the nation has no comparison with itself.
    fn row(&self, header: Cell, unit: &UnitFigures, compared: bool) -> TableRow {
        let mut cells = vec![
            header,
            Cell::text(integer(unit.invited)),
            Cell::text(integer(unit.respondents)),
            Cell::text(self.share(unit.response_rate)),
        ];
        for &(_, index) in &self.roles {
            let figures = &unit.variables[index];
            cells.push(Cell::text(self.share(figures.top)));
            let comparison = match figures.top_against_nation {
                Some(comparison) if compared => {
                    self.text("status.tabel.sammenligning", Some(variant(comparison)), &[])
                }
                _ => String::new(),
            };
            cells.push(Cell::text(comparison));
        }
        TableRow { cells }
    }

    /// A specialty's section: participation, a subsection per role with answers, the fact sheet.
    fn section(&self, specialty: &SpecialtyFigures) -> Vec<Block> {
        let figures = &self.publication.figures;
        let name = &specialty.name;
        let totals = &specialty.totals;
        let clusters = specialty.clusters.len() as u64;
        let participation = self.text(
            "status.speciale.deltagelse",
            None,
            &[
                ("speciale", name.clone()),
                ("respondenter", integer(totals.respondents)),
                ("inviterede", integer(totals.invited)),
                ("svarprocent", self.share(totals.response_rate)),
                (
                    "svarprocent_landet",
                    self.share(figures.national.response_rate),
                ),
            ],
        );
        let cluster_text = self.text(
            "status.speciale.klynger",
            Some(if clusters == 1 { "en" } else { "flere" }),
            &[("antal", count_in_words(clusters, Gender::Common))],
        );
        let mut blocks = vec![
            Block::Heading {
                level: 2,
                text: name.clone(),
            },
            paragraph(format!("{participation} {cluster_text}")),
        ];
        for &(role, index) in &self.roles {
            let own = &totals.variables[index];
            let (Some(top), Some(comparison)) = (own.top, own.top_against_nation) else {
                continue;
            };
            blocks.push(Block::Heading {
                level: 3,
                text: self.text("status.overskrift", Some(role.key()), &[]),
            });
            blocks.push(paragraph(self.text(
                &format!("status.speciale.{}", role.key()),
                Some(variant(comparison)),
                &[
                    ("andel", top.pct()),
                    ("landet", self.share(figures.national.variables[index].top)),
                ],
            )));
            blocks.push(Block::Chart(self.distribution(specialty, index)));
        }
        blocks.push(Block::Paragraph(vec![Inline::link(
            self.text(
                "status.speciale.faktaark",
                None,
                &[("speciale", name.clone())],
            ),
            fact_sheet_link(name),
        )]));
        blocks
    }

    /// The specialty against all specialties: one stacked bar each over the answers in the base.
    fn distribution(&self, specialty: &SpecialtyFigures, index: usize) -> Chart {
        let figures = &self.publication.figures;
        let info = &figures.variables[index];
        let in_base: Vec<usize> = (0..info.answers.len())
            .filter(|&answer| !info.answers[answer].outside_base)
            .collect();
        let series: Vec<String> = in_base
            .iter()
            .map(|&answer| info.answers[answer].label.clone())
            .collect();
        let units: [(String, &VariableFigures); 2] = [
            (specialty.name.clone(), &specialty.totals.variables[index]),
            (
                self.text("status.diagram.alle_specialer", None, &[]),
                &figures.national.variables[index],
            ),
        ];
        let rows: Vec<ChartRow> = units
            .iter()
            .map(|(label, unit)| ChartRow {
                label: label.clone(),
                values: in_base
                    .iter()
                    .map(|&answer| {
                        let (exact, published) = unit.segment(answer)?;
                        Some(ChartValue { exact, published })
                    })
                    .collect(),
            })
            .collect();
        let counts: Vec<String> = units
            .iter()
            .map(|(label, unit)| {
                self.text(
                    "status.diagram.enhed_svar",
                    None,
                    &[("enhed", label.clone()), ("antal", integer(unit.base))],
                )
            })
            .collect();
        let row_texts: Vec<String> = rows.iter().map(|row| self.alt_row(&series, row)).collect();
        Chart {
            caption: info.question_text.clone(),
            alt: self.text(
                "status.diagram.alt",
                None,
                &[
                    ("spoergsmaal", info.question_text.clone()),
                    ("raekker", row_texts.join(" ")),
                ],
            ),
            kind: ChartKind::Stacked,
            series,
            rows,
            unit: "pct.".to_owned(),
            note: Some(self.text(
                "status.diagram.antal_svar",
                None,
                &[("enheder", join_list(&counts))],
            )),
        }
    }

    /// One bar of a chart in words: "Dermatologi: I meget høj grad 27 pct., … og Slet ikke 1 pct."
    fn alt_row(&self, series: &[String], row: &ChartRow) -> String {
        row.in_words(
            series,
            |serie, andel| {
                let values = [("serie", serie.to_owned()), ("andel", andel)];
                self.text("status.diagram.alt_vaerdi", None, &values)
            },
            |raekke, vaerdier| {
                let values = [("raekke", raekke.to_owned()), ("vaerdier", vaerdier)];
                self.text("status.diagram.alt_raekke", None, &values)
            },
        )
    }
}
