//! The fact sheet of one specialty, composed as a format-neutral [`Document`].
//!
//! Reads figures (never survey rows), sentence templates and editorial text; computes nothing
//! but choices of wording: which variant of a sentence applies, which elements to name. The PDF
//! renderer lays the document out.
//!
//! The sheet refers to questions of the survey definition by id ([`REQUIRED_VARIABLES`]); a
//! definition without them is reported by [`check`] before anything is rendered.

mod format;

use aggregate::{ClusterFigures, Comparison, Figures, Percent, SpecialtyFigures, VariableFigures};
use danish::{Gender, count_in_words, join_list};
use document::{Block, Chart, ChartKind, ChartRow, ChartValue, Document, Inline, Orientation};
use format_api::Publication;
use texts::{Editorial, TemplateSpec};

pub use format::{FACT_SHEET_PAGES, FactSheets};

/// Slots of the shared editorial file.
pub const SHARED_SLOTS: &[&str] = &["Baggrund"];

/// Slots of a specialty's editorial file, in the order they appear on the sheet.
pub const SPECIALTY_SLOTS: &[&str] = &[
    "Deltagelse",
    "Forventninger",
    "Data",
    "Forbedringer",
    "Fokus",
    "Kommentarer",
    "Gode råd",
];

/// An element experienced rarely or never by at least this published share is named.
pub const RARELY_EXPERIENCED_FROM: u64 = 10;

/// How many elements a sentence names at most (the highest first).
const NAMED_ELEMENTS: usize = 3;

/// Variables (or matrix questions, by question id) the sheet reads.
pub const REQUIRED_VARIABLES: &[&str] = &[
    "deltagelse",
    "engagement",
    "aktivitet.erfaringer",
    "aktivitet.data",
    "aktivitet.emner",
    "understoetter",
    "prioritet",
    "oplevet",
    "data_brugt",
    "data_mere",
    "forbedringer",
    "motivation",
];

/// The templates the fact sheet uses, checked when the template file is loaded.
pub const TEMPLATES: &[TemplateSpec] = &[
    TemplateSpec {
        name: "faktaark.titel",
        variants: &[],
        placeholders: &["speciale"],
    },
    TemplateSpec {
        name: "faktaark.sidefod",
        variants: &[],
        placeholders: &["udgiver", "speciale", "aar"],
    },
    TemplateSpec {
        name: "faktaark.deltagelse",
        variants: &[],
        placeholders: &["speciale", "respondenter", "inviterede", "svarprocent"],
    },
    TemplateSpec {
        name: "faktaark.engagement",
        variants: &[],
        placeholders: &[
            "andel_moeder",
            "andel_engagement",
            "andel_erfaringer",
            "andel_data",
            "andel_emner",
        ],
    },
    TemplateSpec {
        name: "faktaark.nogen_grad",
        variants: &[],
        placeholders: &["andel_nogen", "speciale_lille"],
    },
    TemplateSpec {
        name: "faktaark.data",
        variants: &[],
        placeholders: &["andel_brugt", "andel_mere", "speciale_lille"],
    },
    TemplateSpec {
        name: "faktaark.motivation",
        variants: &[],
        placeholders: &["elementer"],
    },
    TemplateSpec {
        name: "faktaark.klynge",
        variants: &[],
        placeholders: &["navn", "medlemmer"],
    },
    TemplateSpec {
        name: "faktaark.klynger",
        variants: &["en", "flere"],
        placeholders: &["speciale_lille", "antal_klynger", "klyngeliste"],
    },
    TemplateSpec {
        name: "faktaark.understoettelse",
        variants: &["med_spaend", "uden_spaend"],
        placeholders: &["andel", "laveste", "hoejeste", "landsgennemsnit"],
    },
    TemplateSpec {
        name: "faktaark.forventninger",
        variants: &["nogle", "ingen"],
        placeholders: &["elementer", "taerskel"],
    },
    TemplateSpec {
        name: "faktaark.forbedringer",
        variants: &["over", "under", "lig"],
        placeholders: &["andel", "landsgennemsnit"],
    },
    TemplateSpec {
        name: "faktaark.overskrift",
        variants: &[
            "baggrund",
            "deltagelse",
            "understoettelse",
            "forventninger",
            "data",
            "forbedringer",
            "fokus",
            "raad",
        ],
        placeholders: &[],
    },
    TemplateSpec {
        name: "faktaark.diagram",
        variants: &["alle_specialer", "vigtigt", "oplever", "betydning"],
        placeholders: &[],
    },
    TemplateSpec {
        name: "faktaark.diagram.antal_svar",
        variants: &[],
        placeholders: &["enheder"],
    },
    TemplateSpec {
        name: "faktaark.diagram.enhed_svar",
        variants: &[],
        placeholders: &["enhed", "antal"],
    },
    TemplateSpec {
        name: "faktaark.diagram.alt_fordeling",
        variants: &[],
        placeholders: &["spoergsmaal", "raekker"],
    },
    TemplateSpec {
        name: "faktaark.diagram.alt_sammenligning",
        variants: &[],
        placeholders: &["raekker"],
    },
    TemplateSpec {
        name: "faktaark.diagram.alt_raekke",
        variants: &[],
        placeholders: &["raekke", "vaerdier"],
    },
    TemplateSpec {
        name: "faktaark.diagram.alt_vaerdi",
        variants: &[],
        placeholders: &["serie", "andel"],
    },
];

/// The definition's variables the sheet needs but cannot find, as sentences.
pub fn check(figures: &Figures) -> Vec<String> {
    REQUIRED_VARIABLES
        .iter()
        .filter(|key| {
            figures.variable_index(key).is_none() && figures.question_variables(key).is_empty()
        })
        .map(|key| format!("the fact sheet reads '{key}', which the survey definition lacks"))
        .collect()
}

/// Composes the fact sheet of the specialty at `index` in the figures.
pub fn compose(publication: &Publication, index: usize) -> Document {
    Sheet {
        context: publication,
        figures: &publication.figures,
        specialty: &publication.figures.specialties[index],
        editorial: &publication.specialty_editorial[index],
    }
    .document()
}

struct Sheet<'a> {
    context: &'a Publication,
    figures: &'a Figures,
    specialty: &'a SpecialtyFigures,
    editorial: &'a Editorial,
}

/// A share as printed, or a dash when nobody answered.
fn pct(percent: Option<Percent>) -> String {
    percent.map_or_else(|| "–".to_owned(), Percent::pct)
}

fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

impl Sheet<'_> {
    fn text(&self, name: &str, variant: Option<&str>, values: &[(&str, String)]) -> String {
        self.context.templates.fill(name, variant, values)
    }

    fn heading(&self, key: &str) -> Block {
        Block::Heading {
            level: 2,
            text: self.text("faktaark.overskrift", Some(key), &[]),
        }
    }

    fn paragraph(text: String) -> Block {
        Block::Paragraph(vec![Inline::plain(text)])
    }

    fn index(&self, key: &str) -> usize {
        self.context
            .figures
            .variable_index(key)
            .expect("checked by factsheet::check")
    }

    fn own(&self, key: &str) -> &VariableFigures {
        &self.specialty.totals.variables[self.index(key)]
    }

    fn national(&self, key: &str) -> &VariableFigures {
        &self.figures.national.variables[self.index(key)]
    }

    fn all_specialties(&self) -> String {
        self.text("faktaark.diagram", Some("alle_specialer"), &[])
    }

    fn document(&self) -> Document {
        let name = &self.specialty.name;
        let mut blocks = vec![
            Block::Note(self.context.dateline()),
            Block::Heading {
                level: 1,
                text: self.text("faktaark.titel", None, &[("speciale", name.clone())]),
            },
            self.heading("baggrund"),
        ];
        blocks.extend_from_slice(self.context.shared_editorial.slot("Baggrund"));
        blocks.push(Sheet::paragraph(self.clusters()));

        blocks.push(self.heading("deltagelse"));
        blocks.push(Sheet::paragraph(self.participation()));
        blocks.push(Sheet::paragraph(self.engagement()));
        blocks.extend_from_slice(self.editorial.slot("Deltagelse"));

        blocks.push(self.heading("understoettelse"));
        blocks.push(Sheet::paragraph(self.support()));
        blocks.push(Block::Chart(self.distribution_chart("understoetter")));

        blocks.push(self.heading("forventninger"));
        blocks.push(Sheet::paragraph(self.expectations()));
        blocks.extend_from_slice(self.editorial.slot("Forventninger"));
        blocks.push(Block::Chart(self.expectations_chart()));

        blocks.push(self.heading("data"));
        blocks.push(Sheet::paragraph(self.data()));
        blocks.extend_from_slice(self.editorial.slot("Data"));

        blocks.push(self.heading("forbedringer"));
        blocks.extend(self.improvements().map(Sheet::paragraph));
        blocks.extend_from_slice(self.editorial.slot("Forbedringer"));
        blocks.push(Block::Chart(self.distribution_chart("forbedringer")));

        blocks.push(self.heading("fokus"));
        let (motivation_text, motivation_chart) = self.motivation();
        blocks.push(Sheet::paragraph(motivation_text));
        blocks.push(Block::Chart(motivation_chart));
        blocks.extend_from_slice(self.editorial.slot("Fokus"));
        blocks.extend_from_slice(self.editorial.slot("Kommentarer"));

        let advice = self.editorial.slot("Gode råd");
        if !advice.is_empty() {
            blocks.push(self.heading("raad"));
            blocks.extend_from_slice(advice);
        }

        let title = self.text("faktaark.titel", None, &[("speciale", name.clone())]);
        Document {
            meta: self.context.meta(title, format!("Faktaark {}", self.context.year())),
            orientation: Orientation::Portrait,
            footer: self.text(
                "faktaark.sidefod",
                None,
                &[
                    ("udgiver", self.context.publisher().to_owned()),
                    ("speciale", name.clone()),
                    ("aar", self.context.year().to_string()),
                ],
            ),
            palette: self.context.palette(),
            blocks,
        }
    }

    fn clusters(&self) -> String {
        let clusters = &self.specialty.clusters;
        let list: Vec<String> = clusters
            .iter()
            .map(|cluster: &ClusterFigures| {
                self.text(
                    "faktaark.klynge",
                    None,
                    &[
                        ("navn", cluster.name.clone()),
                        ("medlemmer", cluster.members.to_string()),
                    ],
                )
            })
            .collect();
        let variant = if clusters.len() == 1 { "en" } else { "flere" };
        self.text(
            "faktaark.klynger",
            Some(variant),
            &[
                ("speciale_lille", self.specialty.name.to_lowercase()),
                (
                    "antal_klynger",
                    count_in_words(clusters.len() as u64, Gender::Common),
                ),
                ("klyngeliste", join_list(&list)),
            ],
        )
    }

    fn participation(&self) -> String {
        let totals = &self.specialty.totals;
        self.text(
            "faktaark.deltagelse",
            None,
            &[
                ("speciale", self.specialty.name.clone()),
                (
                    "respondenter",
                    danish::format_integer(u64::from(totals.respondents)),
                ),
                (
                    "inviterede",
                    danish::format_integer(u64::from(totals.invited)),
                ),
                ("svarprocent", pct(totals.response_rate)),
            ],
        )
    }

    fn engagement(&self) -> String {
        let top = |key: &str| pct(self.own(key).top);
        self.text(
            "faktaark.engagement",
            None,
            &[
                ("andel_moeder", capitalize(&top("deltagelse"))),
                ("andel_engagement", top("engagement")),
                ("andel_erfaringer", top("aktivitet.erfaringer")),
                ("andel_data", top("aktivitet.data")),
                ("andel_emner", top("aktivitet.emner")),
            ],
        )
    }

    fn support(&self) -> String {
        let own = self.own("understoetter");
        let range = self.specialty.ranges[self.index("understoetter")].range;
        let (variant, lowest, highest) = match range {
            Some(range) => ("med_spaend", range.lowest.number(), range.highest.pct()),
            None => ("uden_spaend", String::new(), String::new()),
        };
        let values = [
            ("andel", pct(own.top)),
            ("landsgennemsnit", pct(self.national("understoetter").top)),
            ("laveste", lowest),
            ("hoejeste", highest),
        ];
        let mut text = self.text("faktaark.understoettelse", Some(variant), &values);
        // The share answering the middle answer ("I nogen grad"): the first in-base answer that is
        // neither top nor low.
        let info = &self.figures.variables[self.index("understoetter")];
        if let Some(middle) = info
            .answers
            .iter()
            .position(|answer| !answer.top && !answer.low && !answer.outside_base)
        {
            text.push(' ');
            text.push_str(&self.text(
                "faktaark.nogen_grad",
                None,
                &[
                    ("andel_nogen", pct(own.answers[middle].share)),
                    ("speciale_lille", self.specialty.name.to_lowercase()),
                ],
            ));
        }
        text
    }

    fn expectations(&self) -> String {
        let experienced = self.figures.question_variables("oplevet");
        let threshold = danish::Rounded {
            scaled: RARELY_EXPERIENCED_FROM,
            decimals: 0,
        };
        let mut rarely: Vec<(Percent, &str)> = experienced
            .iter()
            .filter_map(|&index| {
                let low = self.specialty.totals.variables[index].low?;
                let text = self.figures.variables[index].item_text.as_deref()?;
                (low.rounded() >= threshold).then_some((low, text))
            })
            .collect();
        rarely.sort_by(|a, b| b.0.share.cmp_exact(a.0.share));
        let names: Vec<String> = rarely
            .iter()
            .take(NAMED_ELEMENTS)
            .map(|(_, text)| text.to_lowercase())
            .collect();
        let threshold = format!("{RARELY_EXPERIENCED_FROM} pct.");
        let variant = if names.is_empty() { "ingen" } else { "nogle" };
        self.text(
            "faktaark.forventninger",
            Some(variant),
            &[("elementer", join_list(&names)), ("taerskel", threshold)],
        )
    }

    fn data(&self) -> String {
        self.text(
            "faktaark.data",
            None,
            &[
                ("andel_brugt", capitalize(&pct(self.own("data_brugt").top))),
                ("andel_mere", pct(self.own("data_mere").top)),
                ("speciale_lille", self.specialty.name.to_lowercase()),
            ],
        )
    }

    fn improvements(&self) -> Option<String> {
        let own = self.own("forbedringer");
        let variant = match own.top_against_nation? {
            Comparison::Over => "over",
            Comparison::Under => "under",
            Comparison::Equal => "lig",
        };
        Some(self.text(
            "faktaark.forbedringer",
            Some(variant),
            &[
                ("andel", pct(own.top)),
                ("landsgennemsnit", pct(self.national("forbedringer").top)),
            ],
        ))
    }

    /// Motivation elements ranked by their top box, highest first (ties in questionnaire order).
    fn motivation(&self) -> (String, Chart) {
        let mut ranked: Vec<(usize, Percent)> = self
            .context
            .figures
            .question_variables("motivation")
            .into_iter()
            .filter_map(|index| Some((index, self.specialty.totals.variables[index].top?)))
            .collect();
        ranked.sort_by(|a, b| b.1.share.cmp_exact(a.1.share));
        let item = |index: usize| {
            self.figures.variables[index]
                .item_text
                .clone()
                .unwrap_or_default()
        };
        let named: Vec<String> = ranked
            .iter()
            .take(NAMED_ELEMENTS)
            .map(|&(index, _)| item(index).to_lowercase())
            .collect();
        let text = self.text(
            "faktaark.motivation",
            None,
            &[("elementer", join_list(&named))],
        );
        let series = vec![self.text("faktaark.diagram", Some("betydning"), &[])];
        let rows: Vec<ChartRow> = ranked
            .iter()
            .map(|&(index, top)| chart_row(item(index), &[Some(top)]))
            .collect();
        let question =
            &self.figures.variables[ranked.first().map_or(0, |&(index, _)| index)];
        let chart = Chart {
            caption: question.question_text.clone(),
            alt: self.comparison_alt(&series, &rows),
            kind: ChartKind::Grouped,
            series,
            rows,
            unit: "pct.".to_owned(),
            note: None,
        };
        (text, chart)
    }

    /// The specialty against all specialties, one stacked bar each, over the in-base answers.
    fn distribution_chart(&self, key: &str) -> Chart {
        let index = self.index(key);
        let info = &self.figures.variables[index];
        let in_base: Vec<usize> = (0..info.answers.len())
            .filter(|&answer| !info.answers[answer].outside_base)
            .collect();
        let series: Vec<String> = in_base
            .iter()
            .map(|&answer| info.answers[answer].label.clone())
            .collect();
        let units = [
            (self.specialty.name.clone(), self.own(key)),
            (self.all_specialties(), self.national(key)),
        ];
        let rows: Vec<ChartRow> = units
            .iter()
            .map(|(label, figures)| {
                let shares: Vec<Option<Percent>> = in_base
                    .iter()
                    .map(|&answer| figures.answers[answer].share)
                    .collect();
                chart_row(label.clone(), &shares)
            })
            .collect();
        let counts: Vec<String> = units
            .iter()
            .map(|(label, figures)| {
                self.text(
                    "faktaark.diagram.enhed_svar",
                    None,
                    &[
                        ("enhed", label.clone()),
                        ("antal", danish::format_integer(u64::from(figures.base))),
                    ],
                )
            })
            .collect();
        let row_texts: Vec<String> = rows.iter().map(|row| self.alt_row(&series, row)).collect();
        Chart {
            caption: info.question_text.clone(),
            alt: self.text(
                "faktaark.diagram.alt_fordeling",
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
                "faktaark.diagram.antal_svar",
                None,
                &[("enheder", counts.join(", "))],
            )),
        }
    }

    /// Importance against experience for each meeting element, matched by item id.
    fn expectations_chart(&self) -> Chart {
        let figures = self.figures;
        let series = vec![
            self.text("faktaark.diagram", Some("vigtigt"), &[]),
            self.text("faktaark.diagram", Some("oplever"), &[]),
        ];
        let rows: Vec<ChartRow> = figures
            .question_variables("prioritet")
            .into_iter()
            .filter_map(|important| {
                let info = &figures.variables[important];
                let experienced =
                    figures.variable_index(&format!("oplevet.{}", info.item.as_deref()?))?;
                let shares = [
                    self.specialty.totals.variables[important].top,
                    self.specialty.totals.variables[experienced].top,
                ];
                Some(chart_row(info.item_text.clone()?, &shares))
            })
            .collect();
        Chart {
            caption: question_texts(figures, &["prioritet", "oplevet"]),
            alt: self.comparison_alt(&series, &rows),
            kind: ChartKind::Grouped,
            series,
            rows,
            unit: "pct.".to_owned(),
            note: None,
        }
    }

    fn alt_row(&self, series: &[String], row: &ChartRow) -> String {
        let values: Vec<String> = series
            .iter()
            .zip(&row.values)
            .filter_map(|(serie, value)| Some((serie, value.as_ref()?.label())))
            .map(|(serie, label)| {
                self.text(
                    "faktaark.diagram.alt_vaerdi",
                    None,
                    &[("serie", serie.clone()), ("andel", format!("{label} pct."))],
                )
            })
            .collect();
        self.text(
            "faktaark.diagram.alt_raekke",
            None,
            &[
                ("raekke", row.label.clone()),
                ("vaerdier", join_list(&values)),
            ],
        )
    }

    fn comparison_alt(&self, series: &[String], rows: &[ChartRow]) -> String {
        let rows: Vec<String> = rows.iter().map(|row| self.alt_row(series, row)).collect();
        self.text(
            "faktaark.diagram.alt_sammenligning",
            None,
            &[("raekker", rows.join(" "))],
        )
    }
}

/// A chart row of shares: exact values size the bars, published values label them (a share
/// with no base draws nothing and prints nothing).
fn chart_row(label: String, shares: &[Option<Percent>]) -> ChartRow {
    ChartRow {
        label,
        values: shares
            .iter()
            .map(|share| {
                share.map(|share| ChartValue {
                    exact: share.share,
                    published: share.rounded(),
                })
            })
            .collect(),
    }
}

/// Question texts joined for a chart caption that pairs two questions.
fn question_texts(figures: &Figures, ids: &[&str]) -> String {
    let texts: Vec<&str> = ids
        .iter()
        .filter_map(|id| {
            figures
                .variables
                .iter()
                .find(|variable| variable.question == *id)
        })
        .map(|variable| variable.question_text.as_str())
        .collect();
    texts.join(" / ")
}
