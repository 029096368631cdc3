//! The fact sheet of one specialty, composed as a format-neutral [`Document`].
//!
//! Reads figures (never survey rows), sentence templates and editorial text; computes nothing
//! but choices of wording: which variant of a sentence applies, which elements to name. Every
//! rule behind a sentence (rankings, the elements rarely experienced, comparisons, the middle
//! answer) is an outcome in [`Figures`]. The PDF renderer lays the document out.
//!
//! The sheet binds to the survey definition's roles, never to question ids: each computed part
//! ([`PARTS`]) declares the roles it needs. A part whose role the definition lacks is left out of
//! every sheet with one warning for the run ([`left_out`]); a part for which nobody in the
//! specialty gave a valid answer is left out of that sheet with one warning
//! ([`FactSheet::left_out`]). Questions no role names are shown under "further results".

mod format;

use std::cell::RefCell;

use aggregate::{ClusterFigures, Comparison, Figures, Percent, SpecialtyFigures, VariableFigures};
use danish::{Gender, Rounded, count_in_words, join_list};
use document::{Block, Chart, ChartKind, ChartRow, ChartValue, Document, Inline, Orientation};
use format_api::{Publication, Role};
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

/// How many elements a sentence names at most (the first of a ranking).
const NAMED_ELEMENTS: usize = 3;

/// A computed part of the fact sheet and the roles it needs (all of them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Part {
    /// What the part is, as a warning names it.
    pub name: &'static str,
    /// The roles it needs.
    pub roles: &'static [Role],
    /// Whether it also needs the definition's expectation pairs.
    pub pairs: bool,
}

const fn part(name: &'static str, roles: &'static [Role]) -> Part {
    Part {
        name,
        roles,
        pairs: false,
    }
}

/// The attendance figure of the participation section.
pub const ATTENDANCE: Part = part(
    "the attendance figure (participation section)",
    &[Role::Attendance],
);
/// The engagement figure of the participation section.
pub const ENGAGEMENT: Part = part(
    "the engagement figure (participation section)",
    &[Role::Engagement],
);
/// The sentence on what respondents do at the meetings.
pub const ACTIVITY: Part = part(
    "the sentence on what respondents do at the meetings (participation section)",
    &[Role::Activity],
);
/// The section on support for quality work: sentence and chart.
pub const SUPPORT: Part = part("the section on support for quality work", &[Role::Support]);
/// The expectations section: the elements rarely experienced and importance against experience.
pub const EXPECTATIONS: Part = Part {
    name: "the expectations section",
    roles: &[Role::Importance, Role::Experience],
    pairs: true,
};
/// The data-use figure of the data section.
pub const DATA_USED: Part = part("the data-use figure (data section)", &[Role::DataUsed]);
/// The wish for more data, in the data section.
pub const DATA_MORE: Part = part(
    "the figure on wanting more data (data section)",
    &[Role::DataMore],
);
/// The improvements section: sentence and chart.
pub const IMPROVEMENTS: Part = part("the improvements section", &[Role::Improvements]);
/// The motivation sentence and chart of the focus section.
pub const MOTIVATION: Part = part(
    "the motivation sentence and chart (focus section)",
    &[Role::Motivation],
);

/// Every computed part bound to roles, in the order of the sheet.
pub const PARTS: [Part; 9] = [
    ATTENDANCE,
    ENGAGEMENT,
    ACTIVITY,
    SUPPORT,
    EXPECTATIONS,
    DATA_USED,
    DATA_MORE,
    IMPROVEMENTS,
    MOTIVATION,
];

/// Every role some part of the sheet reads.
pub const ROLES: &[Role] = &Role::ALL;

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
        variants: &["moeder_og_engagement", "moeder", "engagement"],
        placeholders: &["andel_moeder", "andel_engagement"],
    },
    TemplateSpec {
        name: "faktaark.aktivitet",
        variants: &[],
        placeholders: &["elementer"],
    },
    TemplateSpec {
        name: "faktaark.aktivitet_element",
        variants: &[],
        placeholders: &["element", "andel"],
    },
    TemplateSpec {
        name: "faktaark.nogen_grad",
        variants: &[],
        placeholders: &["andel_nogen", "speciale_lille"],
    },
    TemplateSpec {
        name: "faktaark.data",
        variants: &["begge", "brugt", "mere"],
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
            "oevrige",
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

/// The parts every fact sheet of the run leaves out because the survey definition lacks what
/// they need, one warning each.
pub fn left_out(figures: &Figures) -> Vec<String> {
    let mut warnings = Vec::new();
    for part in PARTS {
        let missing: Vec<String> = part
            .roles
            .iter()
            .filter(|role| figures.role_items(**role).is_empty())
            .map(|role| format!("'{}', {}", role.key(), role.describe()))
            .collect();
        if !missing.is_empty() {
            warnings.push(format!(
                "fact sheets leave out {}: the survey definition names no question for the role {}",
                part.name,
                missing.join(", nor for the role ")
            ));
        } else if part.pairs && figures.expectation_pairs().is_empty() {
            warnings.push(format!(
                "fact sheets leave out {}: the survey definition's [roles] table has no expectation_pairs",
                part.name
            ));
        }
    }
    if let Some(support) = figures.role(Role::Support)
        && figures.variables[support].middle_answer.is_none()
    {
        warnings.push(
            "fact sheets leave out the sentence on the middle answer (support section): the support question's scale has no single answer in the base that is neither top nor low"
                .to_owned(),
        );
    }
    warnings
}

/// A composed fact sheet.
#[derive(Debug, Clone)]
pub struct FactSheet {
    /// The document.
    pub document: Document,
    /// One warning per part left out because nobody in the specialty answered what it needs.
    pub left_out: Vec<String>,
}

/// Composes the fact sheet of the specialty at `index` in the figures.
pub fn compose(publication: &Publication, index: usize) -> FactSheet {
    let sheet = Sheet {
        context: publication,
        figures: &publication.figures,
        specialty: &publication.figures.specialties[index],
        editorial: &publication.specialty_editorial[index],
        left_out: RefCell::new(Vec::new()),
    };
    let document = sheet.document();
    FactSheet {
        document,
        left_out: sheet.left_out.into_inner(),
    }
}

struct Sheet<'a> {
    context: &'a Publication,
    figures: &'a Figures,
    specialty: &'a SpecialtyFigures,
    editorial: &'a Editorial,
    left_out: RefCell<Vec<String>>,
}

/// Why a part cannot be composed for this sheet.
enum Gap {
    /// The definition lacks a role ([`left_out`] warns once for the run).
    Definition,
    /// Nobody in the specialty gave a valid answer to this variable.
    NoAnswers(usize),
}

fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// An item text as it reads inside a sentence: "Deler egne data" → "deler egne data".
fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_lowercase().chain(chars).collect()
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

    /// The part's value, or `None` after noting for this sheet why it is left out.
    fn part<T>(&self, name: &str, result: Result<T, Gap>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(Gap::Definition) => None,
            Err(Gap::NoAnswers(index)) => {
                let variable = &self.figures.variables[index];
                self.left_out.borrow_mut().push(format!(
                    "{}: the fact sheet leaves out {name}: nobody in the specialty gave a valid answer to '{}'",
                    self.specialty.name, variable.key
                ));
                None
            }
        }
    }

    fn own(&self, index: usize) -> &VariableFigures {
        &self.specialty.totals.variables[index]
    }

    fn national(&self, index: usize) -> &VariableFigures {
        &self.figures.national.variables[index]
    }

    /// The variable of a single-choice role and the specialty's top box on it.
    fn top(&self, role: Role) -> Result<(usize, Percent), Gap> {
        let index = self.figures.role(role).ok_or(Gap::Definition)?;
        let top = self.own(index).top.ok_or(Gap::NoAnswers(index))?;
        Ok((index, top))
    }

    /// The items of a matrix role, or why there are none to show.
    fn items(&self, role: Role) -> Result<Vec<usize>, Gap> {
        let items = self.figures.role_items(role);
        match items.first() {
            None => Err(Gap::Definition),
            Some(&first) if items.iter().all(|&index| self.own(index).top.is_none()) => {
                Err(Gap::NoAnswers(first))
            }
            Some(_) => Ok(items),
        }
    }

    fn item_text(&self, index: usize) -> String {
        let variable = &self.figures.variables[index];
        variable
            .item_text
            .clone()
            .unwrap_or_else(|| variable.question_text.clone())
    }

    fn all_specialties(&self) -> String {
        self.text("faktaark.diagram", Some("alle_specialer"), &[])
    }

    /// A section: its heading, then its blocks, or nothing at all when it has none.
    fn section(blocks: &mut Vec<Block>, heading: Block, content: Vec<Block>) {
        if !content.is_empty() {
            blocks.push(heading);
            blocks.extend(content);
        }
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

        let mut content: Vec<Block> = self
            .participation()
            .map(Sheet::paragraph)
            .into_iter()
            .collect();
        let sentences: Vec<String> = [self.engagement(), self.activity()]
            .into_iter()
            .flatten()
            .collect();
        if !sentences.is_empty() {
            content.push(Sheet::paragraph(sentences.join(" ")));
        }
        content.extend_from_slice(self.editorial.slot("Deltagelse"));
        Sheet::section(&mut blocks, self.heading("deltagelse"), content);

        let content = self.part(SUPPORT.name, self.support()).unwrap_or_default();
        Sheet::section(&mut blocks, self.heading("understoettelse"), content);

        let (sentence, chart) = self.part(EXPECTATIONS.name, self.expectations()).unzip();
        let mut content: Vec<Block> = sentence.map(Sheet::paragraph).into_iter().collect();
        content.extend_from_slice(self.editorial.slot("Forventninger"));
        content.extend(chart.map(Block::Chart));
        Sheet::section(&mut blocks, self.heading("forventninger"), content);

        let mut content: Vec<Block> = self.data().map(Sheet::paragraph).into_iter().collect();
        content.extend_from_slice(self.editorial.slot("Data"));
        Sheet::section(&mut blocks, self.heading("data"), content);

        let (sentence, chart) = self.part(IMPROVEMENTS.name, self.improvements()).unzip();
        let mut content: Vec<Block> = sentence.map(Sheet::paragraph).into_iter().collect();
        content.extend_from_slice(self.editorial.slot("Forbedringer"));
        content.extend(chart.map(Block::Chart));
        Sheet::section(&mut blocks, self.heading("forbedringer"), content);

        let (sentence, chart) = self.part(MOTIVATION.name, self.motivation()).unzip();
        let mut content: Vec<Block> = sentence.map(Sheet::paragraph).into_iter().collect();
        content.extend(chart.map(Block::Chart));
        content.extend_from_slice(self.editorial.slot("Fokus"));
        content.extend_from_slice(self.editorial.slot("Kommentarer"));
        Sheet::section(&mut blocks, self.heading("fokus"), content);

        Sheet::section(&mut blocks, self.heading("oevrige"), self.further_results());

        let advice = self.editorial.slot("Gode råd");
        Sheet::section(&mut blocks, self.heading("raad"), advice.to_vec());

        let title = self.text("faktaark.titel", None, &[("speciale", name.clone())]);
        Document {
            meta: self
                .context
                .meta(title, format!("Faktaark {}", self.context.year())),
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
                        ("navn", unbreakable_name(&cluster.name)),
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

    /// Respondents of invited; left out (with a warning) for a specialty without invited rows.
    fn participation(&self) -> Option<String> {
        let totals = &self.specialty.totals;
        let Some(rate) = totals.response_rate else {
            self.left_out.borrow_mut().push(format!(
                "{}: the fact sheet leaves out the response rate: the export has no invited rows for the specialty",
                self.specialty.name
            ));
            return None;
        };
        Some(self.text(
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
                ("svarprocent", rate.pct()),
            ],
        ))
    }

    /// Attendance and engagement in one sentence, or whichever of the two the sheet has.
    fn engagement(&self) -> Option<String> {
        let attendance = self.part(ATTENDANCE.name, self.top(Role::Attendance));
        let engagement = self.part(ENGAGEMENT.name, self.top(Role::Engagement));
        let variant = match (attendance, engagement) {
            (Some(_), Some(_)) => "moeder_og_engagement",
            (Some(_), None) => "moeder",
            (None, Some(_)) => "engagement",
            (None, None) => return None,
        };
        let share = |top: Option<(usize, Percent)>| {
            top.map_or_else(String::new, |(_, top)| capitalize(&top.pct()))
        };
        Some(self.text(
            "faktaark.engagement",
            Some(variant),
            &[
                ("andel_moeder", share(attendance)),
                ("andel_engagement", share(engagement)),
            ],
        ))
    }

    /// Every activity item with its top box, in questionnaire order.
    fn activity(&self) -> Option<String> {
        let items = self.part(ACTIVITY.name, self.items(Role::Activity))?;
        let elements: Vec<String> = items
            .into_iter()
            .filter_map(|index| {
                let top = self.own(index).top?;
                Some(self.text(
                    "faktaark.aktivitet_element",
                    None,
                    &[
                        ("element", lower_first(&self.item_text(index))),
                        ("andel", top.pct()),
                    ],
                ))
            })
            .collect();
        Some(self.text(
            "faktaark.aktivitet",
            None,
            &[("elementer", join_list(&elements))],
        ))
    }

    /// The support sentence (with the middle answer's, when the scale has one) and its chart.
    fn support(&self) -> Result<Vec<Block>, Gap> {
        let (index, top) = self.top(Role::Support)?;
        let own = self.own(index);
        let national = self.national(index).top.ok_or(Gap::NoAnswers(index))?;
        let (variant, lowest, highest) = match self.specialty.ranges[index].range {
            Some(range) => ("med_spaend", range.lowest.number(), range.highest.pct()),
            None => ("uden_spaend", String::new(), String::new()),
        };
        let values = [
            ("andel", top.pct()),
            ("landsgennemsnit", national.pct()),
            ("laveste", lowest),
            ("hoejeste", highest),
        ];
        let mut text = self.text("faktaark.understoettelse", Some(variant), &values);
        if let Some(middle) = own.middle {
            text.push(' ');
            text.push_str(&self.text(
                "faktaark.nogen_grad",
                None,
                &[
                    ("andel_nogen", middle.pct()),
                    ("speciale_lille", self.specialty.name.to_lowercase()),
                ],
            ));
        }
        Ok(vec![
            Sheet::paragraph(text),
            Block::Chart(self.distribution_chart(&[index])),
        ])
    }

    /// The elements rarely experienced, and importance against experience per pair.
    fn expectations(&self) -> Result<(String, Chart), Gap> {
        let experience = self.items(Role::Experience)?;
        self.items(Role::Importance)?;
        let pairs = self.figures.expectation_pairs();
        if pairs.is_empty() {
            return Err(Gap::Definition);
        }
        let rarely = self.specialty.outcomes.rarely_experienced.as_ref();
        let rarely = rarely.ok_or(Gap::NoAnswers(experience[0]))?;
        let names: Vec<String> = rarely
            .iter()
            .take(NAMED_ELEMENTS)
            .map(|item| lower_first(&self.item_text(item.variable)))
            .collect();
        let threshold = Rounded {
            scaled: self.figures.rules.rarely_experienced_from,
            decimals: 0,
        };
        let variant = if names.is_empty() { "ingen" } else { "nogle" };
        let sentence = self.text(
            "faktaark.forventninger",
            Some(variant),
            &[
                ("elementer", join_list(&names)),
                ("taerskel", threshold.pct()),
            ],
        );
        let series = vec![
            self.text("faktaark.diagram", Some("vigtigt"), &[]),
            self.text("faktaark.diagram", Some("oplever"), &[]),
        ];
        let rows: Vec<ChartRow> = pairs
            .into_iter()
            .map(|(importance, experience)| {
                let shares = [self.own(importance).top, self.own(experience).top];
                chart_row(self.item_text(importance), &shares)
            })
            .collect();
        let captions: Vec<&str> = [Role::Importance, Role::Experience]
            .into_iter()
            .filter_map(|role| self.figures.role_question_text(role))
            .collect();
        let chart = Chart {
            caption: captions.join(" / "),
            alt: self.comparison_alt(&series, &rows),
            kind: ChartKind::Grouped,
            series,
            rows,
            unit: "pct.".to_owned(),
            note: None,
        };
        Ok((sentence, chart))
    }

    /// Data used and the wish for more data, in one sentence or whichever the sheet has.
    fn data(&self) -> Option<String> {
        let used = self.part(DATA_USED.name, self.top(Role::DataUsed));
        let more = self.part(DATA_MORE.name, self.top(Role::DataMore));
        let variant = match (used, more) {
            (Some(_), Some(_)) => "begge",
            (Some(_), None) => "brugt",
            (None, Some(_)) => "mere",
            (None, None) => return None,
        };
        let share = |top: Option<(usize, Percent)>| {
            top.map_or_else(String::new, |(_, top)| capitalize(&top.pct()))
        };
        Some(self.text(
            "faktaark.data",
            Some(variant),
            &[
                ("andel_brugt", share(used)),
                ("andel_mere", share(more)),
                ("speciale_lille", self.specialty.name.to_lowercase()),
            ],
        ))
    }

    /// Improvements against the nation, and their distribution.
    fn improvements(&self) -> Result<(String, Chart), Gap> {
        let (index, top) = self.top(Role::Improvements)?;
        let national = self.national(index).top.ok_or(Gap::NoAnswers(index))?;
        let variant = match self.own(index).top_against_nation {
            Some(Comparison::Over) => "over",
            Some(Comparison::Under) => "under",
            Some(Comparison::Equal) => "lig",
            None => return Err(Gap::NoAnswers(index)),
        };
        let sentence = self.text(
            "faktaark.forbedringer",
            Some(variant),
            &[("andel", top.pct()), ("landsgennemsnit", national.pct())],
        );
        Ok((sentence, self.distribution_chart(&[index])))
    }

    /// The motivation items as ranked in the figures: the first named, all charted.
    fn motivation(&self) -> Result<(String, Chart), Gap> {
        let items = self.items(Role::Motivation)?;
        let ranked = self.specialty.outcomes.ranking(Role::Motivation);
        let named: Vec<String> = ranked
            .iter()
            .take(NAMED_ELEMENTS)
            .map(|item| lower_first(&self.item_text(item.variable)))
            .collect();
        let text = self.text(
            "faktaark.motivation",
            None,
            &[("elementer", join_list(&named))],
        );
        let series = vec![self.text("faktaark.diagram", Some("betydning"), &[])];
        let rows: Vec<ChartRow> = ranked
            .iter()
            .map(|item| chart_row(self.item_text(item.variable), &[Some(item.share)]))
            .collect();
        let chart = Chart {
            caption: self.figures.variables[items[0]].question_text.clone(),
            alt: self.comparison_alt(&series, &rows),
            kind: ChartKind::Grouped,
            series,
            rows,
            unit: "pct.".to_owned(),
            note: None,
        };
        Ok((text, chart))
    }

    /// A distribution chart for every question no role names (a new question); a matrix
    /// question's items are left out where nobody in the specialty answered them.
    fn further_results(&self) -> Vec<Block> {
        let mut blocks = Vec::new();
        for question in self.figures.questions_without_role() {
            let answered: Vec<usize> = question
                .iter()
                .copied()
                .filter(|&index| self.own(index).base > 0)
                .collect();
            let variable = &self.figures.variables[question[0]];
            let name = format!("the chart of '{}' (further results)", variable.question);
            let chart = if answered.is_empty() {
                Err(Gap::NoAnswers(question[0]))
            } else {
                Ok(self.distribution_chart(&answered))
            };
            blocks.extend(self.part(&name, chart).map(Block::Chart));
        }
        blocks
    }

    /// The specialty against all specialties, one stacked bar each per variable, over the
    /// in-base answers, captioned with the question text; the variables are one question's (its
    /// only variable, or items of a matrix sharing its scale).
    fn distribution_chart(&self, variables: &[usize]) -> Chart {
        let info = &self.figures.variables[variables[0]];
        let caption = info.question_text.clone();
        let in_base: Vec<usize> = (0..info.answers.len())
            .filter(|&answer| !info.answers[answer].outside_base)
            .collect();
        let series: Vec<String> = in_base
            .iter()
            .map(|&answer| info.answers[answer].label.clone())
            .collect();
        let mut units: Vec<(String, &VariableFigures)> = Vec::new();
        for &index in variables {
            let label =
                |unit: String| match (&self.figures.variables[index].item_text, variables.len()) {
                    (Some(item), 2..) => format!("{item}: {unit}"),
                    _ => unit,
                };
            units.push((label(self.specialty.name.clone()), self.own(index)));
            units.push((label(self.all_specialties()), self.national(index)));
        }
        let rows: Vec<ChartRow> = units
            .iter()
            .map(|(label, figures)| stacked_row(label.clone(), figures, &in_base))
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
            alt: self.text(
                "faktaark.diagram.alt_fordeling",
                None,
                &[
                    ("spoergsmaal", caption.clone()),
                    ("raekker", row_texts.join(" ")),
                ],
            ),
            caption,
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

/// A cluster's name with no-break spaces around its dashes, so that "Gyn – Midt og Nord" never
/// breaks beside the dash.
fn unbreakable_name(name: &str) -> String {
    name.replace(" – ", "\u{a0}–\u{a0}")
        .replace(" - ", "\u{a0}-\u{a0}")
}

/// A stacked bar's row: exact shares size the segments; each segment is labelled with its
/// cumulatively rounded value from the figures ([`aggregate::stacked_segments`]), so the leading
/// segments sum to the share printed in the sentence and the bar to 100.
fn stacked_row(label: String, figures: &VariableFigures, in_base: &[usize]) -> ChartRow {
    ChartRow {
        label,
        values: in_base
            .iter()
            .map(|&answer| {
                let (exact, published) = figures.segment(answer)?;
                Some(ChartValue { exact, published })
            })
            .collect(),
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

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use danish::Share;
    use model::{Role, Survey};
    use texts::Templates;

    use super::*;

    fn fixture(name: &str) -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../../fixtures/2025")
            .join(name)
    }

    /// The 2025 fixture, changed by `change` before aggregation, with the fact sheet's templates
    /// and no editorial text (so every sentence checked is a computed one).
    fn publication(change: impl Fn(&mut Survey)) -> Publication {
        publication_of("2025", change)
    }

    /// A year's fixture (with 2025's templates, which 2026 also uses), changed by `change`.
    fn publication_of(year: &str, change: impl Fn(&mut Survey)) -> Publication {
        let settings_path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../../fixtures")
            .join(year)
            .join("indstillinger.toml");
        let settings = ingest::load_settings(&settings_path).unwrap();
        let mut survey = ingest::read_survey(&settings).unwrap();
        change(&mut survey);
        let figures = aggregate::aggregate(&survey, settings.settings.min_respondents);
        let text = std::fs::read_to_string(fixture("tekster.toml")).unwrap();
        let mut table: toml::Table = toml::from_str(&text).unwrap();
        table.retain(|key, _| key == "faktaark");
        let names: Vec<&str> = TEMPLATES.iter().map(|spec| spec.name).collect();
        let templates = Templates::from_table(&table, TEMPLATES, &names).unwrap();
        Publication {
            specialty_editorial: vec![Editorial::default(); figures.specialties.len()],
            cluster_slugs: format_api::cluster_slugs(&figures),
            settings,
            figures,
            warnings: Vec::new(),
            templates,
            shared_editorial: Editorial::default(),
        }
    }

    /// Drops the questions playing these roles from the definition and the answers.
    fn without(survey: &mut Survey, roles: &[Role]) {
        let before: Vec<String> = survey
            .definition
            .variables()
            .into_iter()
            .map(|v| v.key)
            .collect();
        for role in roles {
            let id = survey.definition.roles.question(*role).unwrap().to_owned();
            survey
                .definition
                .questions
                .retain(|question| question.id != id);
            survey.definition.roles.questions.remove(role);
        }
        assert_eq!(survey.definition.problems(), Vec::<String>::new());
        let after: Vec<usize> = survey
            .definition
            .variables()
            .iter()
            .map(|variable| before.iter().position(|key| *key == variable.key).unwrap())
            .collect();
        for invitee in &mut survey.invitees {
            invitee.answers = after.iter().map(|&index| invitee.answers[index]).collect();
        }
    }

    /// Headings, paragraphs and chart captions of a document, in order.
    fn texts(document: &Document) -> Vec<String> {
        document
            .blocks
            .iter()
            .filter_map(|block| match block {
                Block::Heading { text, .. } => Some(text.clone()),
                Block::Paragraph(inlines) => {
                    Some(inlines.iter().map(|inline| inline.text.as_str()).collect())
                }
                Block::Chart(chart) => Some(format!("[{}]", chart.caption)),
                _ => None,
            })
            .collect()
    }

    /// Composes every sheet and checks that no sentence holds a placeholder for a missing value:
    /// no brace, and no dash once the cluster names (which contain dashes) are taken out.
    fn every_sheet(publication: &Publication) -> Vec<(Vec<String>, Vec<String>)> {
        (0..publication.figures.specialties.len())
            .map(|index| {
                let sheet = compose(publication, index);
                let texts = texts(&sheet.document);
                for text in &texts {
                    let mut bare = text.clone();
                    for cluster in &publication.figures.specialties[index].clusters {
                        bare = bare.replace(&unbreakable_name(&cluster.name), "");
                    }
                    assert!(!bare.contains(['{', '}', '–']), "placeholder in «{text}»");
                }
                (texts, sheet.left_out)
            })
            .collect()
    }

    fn any(texts: &[String], part: &str) -> bool {
        texts.iter().any(|text| text.contains(part))
    }

    #[test]
    fn the_2025_sheets_have_every_part_and_no_warning() {
        let publication = publication(|_| {});
        assert_eq!(left_out(&publication.figures), Vec::<String>::new());
        for (texts, warnings) in every_sheet(&publication) {
            assert_eq!(warnings, Vec::<String>::new());
            assert!(any(&texts, "vurderer deres eget engagement"), "{texts:#?}");
            assert!(any(
                &texts,
                "altid eller ofte gør følgende på møderne: deler egne erfaringer ("
            ));
            assert!(any(&texts, "ønsker, at klyngen inddrager mere data"));
            assert!(!any(&texts, "Øvrige resultater"));
        }
    }

    /// Every stacked row of every chart of every sheet of both fixtures: one number format, a
    /// bar that sums to 100, and leading segments that sum to the rounded share of those answers
    /// together (so the support chart's top two segments are the sentence's figure).
    #[test]
    fn stacked_bars_are_rounded_cumulatively_in_every_chart_of_both_fixtures() {
        let mut rows = 0;
        for year in ["2025", "2026"] {
            let publication = publication_of(year, |_| {});
            let support = publication.figures.role(Role::Support).unwrap();
            let support_caption = &publication.figures.variables[support].question_text;
            for (index, specialty) in publication.figures.specialties.iter().enumerate() {
                let sheet = compose(&publication, index).document;
                for block in &sheet.blocks {
                    let Block::Chart(chart) = block else { continue };
                    let values: Vec<&ChartValue> = chart
                        .rows
                        .iter()
                        .flat_map(|row| row.values.iter().flatten())
                        .collect();
                    assert!(
                        values.iter().all(|value| value.published.decimals == 0),
                        "{year} {}: one number format in «{}»",
                        specialty.name,
                        chart.caption
                    );
                    if chart.kind != ChartKind::Stacked {
                        continue;
                    }
                    for row in &chart.rows {
                        rows += 1;
                        let values: Vec<ChartValue> =
                            row.values.iter().flatten().copied().collect();
                        assert_eq!(
                            values.len(),
                            row.values.len(),
                            "{year}: a value per segment"
                        );
                        let mut part = 0;
                        let mut leading = 0;
                        for value in &values {
                            part += value.exact.part;
                            leading += value.published.scaled;
                            let together = Share::new(part, value.exact.whole).unwrap();
                            assert_eq!(
                                leading,
                                together.percent(0).scaled,
                                "{year} {} «{}» {}",
                                specialty.name,
                                chart.caption,
                                row.label
                            );
                        }
                        assert_eq!(leading, 100, "{year} {} {}", specialty.name, row.label);
                    }
                    if chart.caption == *support_caption {
                        let own = &chart.rows[0].values;
                        let top =
                            own[0].unwrap().published.scaled + own[1].unwrap().published.scaled;
                        let sentence = format!("{top} pct. af respondenterne vurderer");
                        assert!(
                            texts(&sheet).iter().any(|text| text.starts_with(&sentence)),
                            "{year} {}: «{sentence}»",
                            specialty.name
                        );
                    }
                }
            }
        }
        // Two stacked charts (support, improvements) of two rows on each of the 20 sheets.
        assert!(rows >= 20 * 2 * 2, "{rows} stacked rows checked");
    }

    #[test]
    fn cluster_names_keep_their_dash_with_no_break_spaces() {
        assert_eq!(
            unbreakable_name("Gyn – Midt og Nord"),
            "Gyn\u{a0}–\u{a0}Midt og Nord"
        );
        let publication = publication(|_| {});
        let sheet = compose(&publication, 0).document;
        assert!(texts(&sheet).iter().any(|text| {
            text.contains("Derma\u{a0}–\u{a0}Hovedstad\u{a0}–\u{a0}Kbh (18 medlemmer)")
        }));
    }

    #[test]
    fn a_definition_without_engagement_and_data_more_leaves_both_out_with_a_warning_each() {
        let publication =
            publication(|survey| without(survey, &[Role::Engagement, Role::DataMore]));
        let warnings = left_out(&publication.figures);
        assert_eq!(warnings.len(), 2, "{warnings:#?}");
        assert!(warnings[0].starts_with("fact sheets leave out the engagement figure"));
        assert!(warnings[0].contains("'engagement'"));
        assert!(warnings[1].starts_with("fact sheets leave out the figure on wanting more data"));
        assert!(warnings[1].contains("'data_more'"));
        for (texts, unit_warnings) in every_sheet(&publication) {
            assert_eq!(unit_warnings, Vec::<String>::new());
            assert!(!any(&texts, "engagement som"), "{texts:#?}");
            assert!(any(
                &texts,
                "deltaget i alle eller de fleste af klyngens møder."
            ));
            assert!(!any(&texts, "inddrager mere data"));
            assert!(any(&texts, "har brugt data i klyngearbejdet."));
            assert!(
                !any(&texts, "Øvrige resultater"),
                "no question lost its role"
            );
        }
    }

    #[test]
    fn a_question_without_a_role_is_shown_under_further_results() {
        let publication = publication(|survey| {
            survey.definition.roles.questions.remove(&Role::Motivation);
        });
        let warnings = left_out(&publication.figures);
        assert_eq!(warnings.len(), 1, "{warnings:#?}");
        assert!(warnings[0].contains("motivation sentence and chart"));
        let question = publication
            .figures
            .question_variables("motivation")
            .first()
            .map(|&index| publication.figures.variables[index].question_text.clone())
            .unwrap();
        for (texts, _) in every_sheet(&publication) {
            let heading = texts
                .iter()
                .position(|text| text == "Øvrige resultater")
                .unwrap();
            assert_eq!(
                texts[heading + 1..],
                [format!("[{question}]")],
                "one chart with the question text"
            );
            assert!(!any(&texts, "størst betydning for motivationen"));
        }
    }

    #[test]
    fn a_specialty_with_no_valid_answers_to_a_role_leaves_its_section_out() {
        let publication = publication(|survey| {
            let support = survey
                .definition
                .variables()
                .iter()
                .position(|variable| variable.key == "understoetter")
                .unwrap();
            let dermatology = survey
                .clusters
                .iter()
                .position(|cluster| survey.specialties[cluster.specialty].name == "Dermatologi")
                .map(|cluster| survey.clusters[cluster].specialty)
                .unwrap();
            for invitee in &mut survey.invitees {
                if survey.clusters[invitee.cluster].specialty == dermatology {
                    invitee.answers[support] = None;
                }
            }
        });
        assert_eq!(left_out(&publication.figures), Vec::<String>::new());
        let sheets = every_sheet(&publication);
        let (texts, warnings) = &sheets[0];
        assert_eq!(
            warnings,
            &[
                "Dermatologi: the fact sheet leaves out the section on support for quality work: nobody in the specialty gave a valid answer to 'understoetter'"
            ]
        );
        assert!(!any(texts, "Klyngernes betydning for kvalitetsarbejdet"));
        assert!(any(
            &sheets[1].0,
            "Klyngernes betydning for kvalitetsarbejdet"
        ));
    }
}
