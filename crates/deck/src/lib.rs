//! The slide deck of one cluster, composed as a format-neutral [`Deck`]: the presentation the
//! coordinator goes through at the cluster meeting, with the cluster's results against its
//! specialty as a whole and the nation, reflection questions chosen by the outcome `aggregate`
//! computed, the next steps, and speaker notes on every slide.
//!
//! Reads figures (never survey rows) and sentence templates; computes nothing but choices of
//! wording and what goes on which slide. A suppressed cluster's answers appear nowhere: its deck
//! says plainly that too few answered and shows the specialty and the nation. Other clusters are
//! never named. A slide whose roles the survey definition lacks is left out ([`Section`]); `pptx`
//! writes the file.

mod format;
mod templates;
#[cfg(test)]
mod tests;

use aggregate::{
    ClusterFigures, Comparison, Figures, NotAssessed, Percent, RARELY_EXPERIENCED_FROM, RankedItem,
    Reflection, SpecialtyFigures, VariableFigures,
};
use danish::{Rounded, format_integer, join_list};
use document::{
    Block, Cell, Chart, ChartKind, ChartRow, ChartValue, Column, Deck, Inline, List, ListItem,
    Slide, SlideLayout, Table, TableRow,
};
use format_api::{Publication, Role};

pub use format::Decks;
pub use templates::TEMPLATES;

/// How many elements a sentence names at most (the first of a ranking or list).
const NAMED_ELEMENTS: usize = 3;

/// A slide that shows answers to questions with roles; left out when the survey definition
/// names none of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    /// Attendance, own engagement and activity at the meetings.
    Participation,
    /// Whether the cluster work supports quality work: the answer distribution.
    Support,
    /// Importance against experience for every element of the pair.
    Expectations,
    /// Data used, and the wish for more.
    Data,
    /// Improvements made: the answer distribution.
    Improvements,
    /// What motivates improvements, ranked.
    Motivation,
}

impl Section {
    /// The sections in slide order.
    pub const ALL: [Section; 6] = [
        Section::Participation,
        Section::Support,
        Section::Expectations,
        Section::Data,
        Section::Improvements,
        Section::Motivation,
    ];

    /// The roles the section's slide uses.
    pub fn roles(self) -> &'static [Role] {
        match self {
            Section::Participation => &[Role::Attendance, Role::Engagement, Role::Activity],
            Section::Support => &[Role::Support],
            Section::Expectations => &[Role::Importance, Role::Experience],
            Section::Data => &[Role::DataUsed, Role::DataMore],
            Section::Improvements => &[Role::Improvements],
            Section::Motivation => &[Role::Motivation],
        }
    }

    /// The variant of `deck.overskrift` that titles the slide.
    pub fn heading(self) -> &'static str {
        match self {
            Section::Participation => "deltagelse",
            Section::Support => "understoettelse",
            Section::Expectations => "forventninger",
            Section::Data => "data",
            Section::Improvements => "forbedringer",
            Section::Motivation => "motivation",
        }
    }

    /// Why the slide is left out of every deck, or `None` when the definition has what it needs:
    /// at least one of its roles (the expectations slide: both roles and at least one pair).
    pub fn left_out(self, figures: &Figures) -> Option<String> {
        let missing: Vec<Role> = self
            .roles()
            .iter()
            .copied()
            .filter(|&role| figures.role_items(role).is_empty())
            .collect();
        let roles = |roles: &[Role]| {
            let keys: Vec<String> = roles
                .iter()
                .map(|role| format!("'{}'", role.key()))
                .collect();
            join_english(&keys)
        };
        match self {
            Section::Expectations if !missing.is_empty() => Some(format!(
                "the survey definition names no question for the role {}",
                roles(&missing)
            )),
            Section::Expectations if figures.expectation_pairs().is_empty() => Some(
                "the survey definition pairs no importance item with an experience item (expectation_pairs)"
                    .to_owned(),
            ),
            _ if missing.len() == self.roles().len() => Some(format!(
                "the survey definition names no question for the role {}",
                roles(&missing).replace(" and ", " or ")
            )),
            _ => None,
        }
    }
}

fn join_english(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// A deck and what its unit's reader should know (slides left out for lack of answers).
pub struct Composed {
    /// The deck.
    pub deck: Deck,
    /// Warnings for this cluster.
    pub warnings: Vec<String>,
}

/// Composes the deck of the cluster at (`specialty`, `cluster`) in the figures.
pub fn compose(publication: &Publication, specialty: usize, cluster: usize) -> Composed {
    let specialty_figures = publication.specialty(specialty);
    let cluster_figures = publication.cluster(specialty, cluster);
    let composer = Composer {
        publication,
        figures: &publication.figures,
        specialty: specialty_figures,
        cluster: cluster_figures,
        shown: cluster_figures.results.shown(),
        nation_label: publication.templates.fill("deck.hele_landet", None, &[]),
    };
    composer.compose()
}

/// A unit whose figures a chart or sentence shows: the cluster, its specialty or the nation.
#[derive(Clone, Copy)]
struct UnitView<'a> {
    label: &'a str,
    variables: &'a [VariableFigures],
    /// The rules' outcomes for the unit (rankings, the rarely experienced elements).
    outcomes: Option<&'a aggregate::Outcomes>,
}

struct Composer<'a> {
    publication: &'a Publication,
    figures: &'a Figures,
    specialty: &'a SpecialtyFigures,
    cluster: &'a ClusterFigures,
    /// The cluster's answers; `None` when suppressed.
    shown: Option<&'a [VariableFigures]>,
    nation_label: String,
}

/// A share as a chart value: exact for the bar, published for the label and the data.
fn chart_value(share: Option<Percent>) -> Option<ChartValue> {
    share.map(|share| ChartValue {
        exact: share.share,
        published: share.rounded(),
    })
}

fn paragraph(text: String) -> Block {
    Block::Paragraph(vec![Inline::plain(text)])
}

impl<'a> Composer<'a> {
    /// Fills a template; the cluster, specialty, year, publisher, date and minimum are always
    /// at hand, `values` add to them.
    fn text(&self, name: &str, variant: Option<&str>, values: &[(&str, String)]) -> String {
        let publication = self.publication;
        let mut all: Vec<(&str, String)> = values.to_vec();
        all.extend([
            ("klynge", self.cluster.name.clone()),
            ("speciale", self.specialty.name.clone()),
            ("aar", publication.year().to_string()),
            ("udgiver", publication.publisher().to_owned()),
            ("dato", publication.dateline()),
            (
                "minimum",
                format_integer(u64::from(self.figures.min_respondents)),
            ),
        ]);
        publication.templates.fill(name, variant, &all)
    }

    /// Every variant of a template, in the spec's order (notes of a slide, questions).
    fn all_variants(&self, name: &str) -> Vec<String> {
        templates::variants(name)
            .iter()
            .map(|variant| self.text(name, Some(variant), &[]))
            .collect()
    }

    fn heading(&self, key: &str) -> String {
        self.text("deck.overskrift", Some(key), &[])
    }

    fn cluster_view(&self) -> Option<UnitView<'_>> {
        Some(UnitView {
            label: &self.cluster.name,
            variables: self.shown?,
            outcomes: self.cluster.outcomes.as_ref(),
        })
    }

    fn specialty_view(&self) -> UnitView<'_> {
        UnitView {
            label: &self.specialty.name,
            variables: &self.specialty.totals.variables,
            outcomes: Some(&self.specialty.outcomes),
        }
    }

    fn nation_view(&self) -> UnitView<'_> {
        UnitView {
            label: &self.nation_label,
            variables: &self.figures.national.variables,
            outcomes: Some(&self.figures.national_outcomes),
        }
    }

    /// The units shown side by side: the cluster (unless suppressed), its specialty, the nation.
    fn units(&self) -> Vec<UnitView<'_>> {
        self.cluster_view()
            .into_iter()
            .chain([self.specialty_view(), self.nation_view()])
            .collect()
    }

    /// The unit whose own results a slide is about (the cluster, or its specialty when the
    /// cluster is suppressed) and the unit it is set against (the specialty, or the nation).
    fn own_and_reference(&self) -> (UnitView<'_>, UnitView<'_>) {
        match self.cluster_view() {
            Some(cluster) => (cluster, self.specialty_view()),
            None => (self.specialty_view(), self.nation_view()),
        }
    }

    fn compose(self) -> Composed {
        let mut warnings = Vec::new();
        let mut slides = vec![self.title_slide(), self.about_slide()];
        for section in Section::ALL {
            if section.left_out(self.figures).is_some() {
                continue;
            }
            match self.section_slide(section) {
                Some(slide) => slides.push(slide),
                None => warnings.push(format!(
                    "{} ({}): the slide \"{}\" is left out of the deck: nobody in the {} gave a valid answer to its questions",
                    self.cluster.name,
                    self.specialty.name,
                    self.heading(section.heading()),
                    if self.shown.is_some() { "cluster" } else { "specialty" },
                )),
            }
        }
        slides.push(self.reflection_slide());
        slides.push(self.next_steps_slide());
        let publication = self.publication;
        let deck = Deck {
            meta: publication.meta(
                self.text("deck.dokumenttitel", None, &[]),
                self.text("deck.emne", None, &[]),
            ),
            footer: self.text("deck.sidefod", None, &[]),
            palette: publication.palette(),
            slides,
        };
        Composed { deck, warnings }
    }

    fn content_slide(&self, key: &str, blocks: Vec<Block>, notes: Vec<String>) -> Slide {
        Slide {
            layout: SlideLayout::Content,
            title: self.heading(key),
            blocks,
            notes,
        }
    }

    fn title_slide(&self) -> Slide {
        Slide {
            layout: SlideLayout::Title {
                subtitle: ["speciale", "undersoegelse", "udgivet"]
                    .iter()
                    .map(|line| self.text("deck.undertitel", Some(line), &[]))
                    .collect(),
            },
            title: self.text("deck.titel", None, &[]),
            blocks: Vec::new(),
            notes: self.all_variants("deck.noter.titel"),
        }
    }

    /// Respondents of invited and the response rate: the cluster (in a sentence and the table),
    /// its specialty and the nation (in the table). Shown for a suppressed cluster too: these
    /// are counts of who answered, not answers.
    fn about_slide(&self) -> Slide {
        let cluster = self.cluster;
        let variant = if self.shown.is_some() {
            "vist"
        } else {
            "for_faa"
        };
        let sentence = self.text(
            "deck.om",
            Some(variant),
            &[
                (
                    "respondenter",
                    format_integer(u64::from(cluster.respondents)),
                ),
                ("inviterede", format_integer(u64::from(cluster.invited))),
                (
                    "svarprocent",
                    cluster.response_rate.map(Percent::pct).unwrap_or_default(),
                ),
            ],
        );
        let header = |key: &str| self.text("deck.tabel", Some(key), &[]);
        let column = |key: &str, width: u16, numeric: bool| Column {
            header: header(key),
            width,
            numeric,
        };
        let row = |label: &str, invited: u32, respondents: u32, rate: Option<Percent>| TableRow {
            cells: vec![
                Cell::text(label),
                Cell::text(format_integer(u64::from(invited))),
                Cell::text(format_integer(u64::from(respondents))),
                Cell::text(rate.map(Percent::pct).unwrap_or_default()),
            ],
        };
        let totals = &self.specialty.totals;
        let national = &self.figures.national;
        let table = Table {
            caption: Some(header("titel")),
            columns: vec![
                column("enhed", 2, false),
                column("inviterede", 1, true),
                column("besvarelser", 1, true),
                column("svarprocent", 1, true),
            ],
            rows: vec![
                row(
                    &cluster.name,
                    cluster.invited,
                    cluster.respondents,
                    cluster.response_rate,
                ),
                row(
                    &self.specialty.name,
                    totals.invited,
                    totals.respondents,
                    totals.response_rate,
                ),
                row(
                    &self.nation_label,
                    national.invited,
                    national.respondents,
                    national.response_rate,
                ),
            ],
            row_headers: true,
            repeat_header: false,
        };
        self.content_slide(
            "om",
            vec![paragraph(sentence), Block::Table(table)],
            vec![self.text("deck.noter.om", Some(variant), &[])],
        )
    }

    /// A section's slide, or `None` when the unit it is about has no valid answers to it.
    fn section_slide(&self, section: Section) -> Option<Slide> {
        let (blocks, notes) = match section {
            Section::Participation => (
                self.participation()?,
                self.all_variants("deck.noter.deltagelse"),
            ),
            Section::Support => (
                self.distribution(Role::Support, "deck.understoettelse")?,
                self.all_variants("deck.noter.understoettelse"),
            ),
            Section::Expectations => (
                self.expectations()?,
                self.all_variants("deck.noter.forventninger"),
            ),
            Section::Data => (self.data()?, self.all_variants("deck.noter.data")),
            Section::Improvements => (
                self.distribution(Role::Improvements, "deck.forbedringer")?,
                self.all_variants("deck.noter.forbedringer"),
            ),
            Section::Motivation => {
                let variant = if self.shown.is_some() {
                    "klynge"
                } else {
                    "for_faa"
                };
                (
                    self.motivation()?,
                    vec![self.text("deck.noter.motivation", Some(variant), &[])],
                )
            }
        };
        Some(self.content_slide(section.heading(), blocks, notes))
    }

    /// The cluster against its specialty (as published) on a single-choice role's top box, or
    /// the specialty and the nation when the cluster is suppressed.
    fn comparison_sentence(&self, template: &str, variable: usize) -> Option<String> {
        let specialty = self.specialty.totals.variables[variable].top?;
        let nation = self.figures.national.variables[variable].top?;
        let (variant, own) = match self.shown {
            Some(cluster) => {
                let own = &cluster[variable];
                let variant = match own.top_against_specialty? {
                    Comparison::Over => "over",
                    Comparison::Under => "under",
                    Comparison::Equal => "lig",
                };
                (variant, own.top?.pct())
            }
            None => ("for_faa", String::new()),
        };
        Some(self.text(
            template,
            Some(variant),
            &[
                ("andel", own),
                ("andel_speciale", specialty.pct()),
                ("andel_land", nation.pct()),
            ],
        ))
    }

    /// A sentence on the cluster's share (or its specialty's) with both references in brackets.
    fn share_sentence(&self, template: &str, variable: usize) -> Option<String> {
        let specialty = self.specialty.totals.variables[variable].top?;
        let nation = self.figures.national.variables[variable].top?;
        let (variant, own) = match self.shown {
            Some(cluster) => ("klynge", cluster[variable].top?.pct()),
            None => ("for_faa", String::new()),
        };
        Some(self.text(
            template,
            Some(variant),
            &[
                ("andel", own),
                ("andel_speciale", specialty.pct()),
                ("andel_land", nation.pct()),
            ],
        ))
    }

    /// Attendance, engagement and each activity: the top box of every unit.
    fn participation(&self) -> Option<Vec<Block>> {
        let figures = self.figures;
        let mut rows: Vec<(String, usize)> = Vec::new();
        for (role, key) in [
            (Role::Attendance, "moeder"),
            (Role::Engagement, "engagement"),
        ] {
            if let Some(variable) = figures.role(role) {
                rows.push((self.text("deck.diagram.raekke", Some(key), &[]), variable));
            }
        }
        for variable in figures.role_items(Role::Activity) {
            let element = figures.variables[variable].item_text.clone()?;
            rows.push((
                self.text("deck.diagram.aktivitet", None, &[("element", element)]),
                variable,
            ));
        }
        let chart = self.units_chart(
            &rows,
            self.text("deck.diagram.titel", Some("deltagelse"), &[]),
        )?;
        let mut blocks: Vec<Block> = figures
            .role(Role::Attendance)
            .and_then(|variable| self.comparison_sentence("deck.deltagelse", variable))
            .map(paragraph)
            .into_iter()
            .collect();
        blocks.push(Block::Chart(chart));
        Some(blocks)
    }

    /// The share that data was used and the wish for more, for every unit.
    fn data(&self) -> Option<Vec<Block>> {
        let figures = self.figures;
        let roles = [
            (Role::DataUsed, "brugt", "deck.data.brugt"),
            (Role::DataMore, "mere", "deck.data.mere"),
        ];
        let rows: Vec<(String, usize)> = roles
            .iter()
            .filter_map(|&(role, key, _)| {
                Some((
                    self.text("deck.diagram.raekke", Some(key), &[]),
                    figures.role(role)?,
                ))
            })
            .collect();
        let chart = self.units_chart(&rows, self.text("deck.diagram.titel", Some("data"), &[]))?;
        let mut blocks: Vec<Block> = roles
            .iter()
            .filter_map(|&(role, _, template)| self.share_sentence(template, figures.role(role)?))
            .map(paragraph)
            .collect();
        blocks.push(Block::Chart(chart));
        Some(blocks)
    }

    /// A grouped chart with one row per (label, variable) and one series per unit, of top boxes;
    /// `None` when the first unit (the one the slide is about) has no value in any row.
    fn units_chart(&self, rows: &[(String, usize)], caption: String) -> Option<Chart> {
        let units = self.units();
        let chart_rows: Vec<ChartRow> = rows
            .iter()
            .map(|(label, variable)| ChartRow {
                label: label.clone(),
                values: units
                    .iter()
                    .map(|unit| chart_value(unit.variables[*variable].top))
                    .collect(),
            })
            .collect();
        let series = units.iter().map(|unit| unit.label.to_owned()).collect();
        self.grouped_chart(caption, series, chart_rows)
    }

    /// A grouped chart, or `None` when its first series has no value.
    fn grouped_chart(
        &self,
        caption: String,
        series: Vec<String>,
        rows: Vec<ChartRow>,
    ) -> Option<Chart> {
        if !rows
            .iter()
            .any(|row| row.values.first().is_some_and(Option::is_some))
        {
            return None;
        }
        Some(Chart {
            caption,
            alt: self.alt(&series, &rows),
            kind: ChartKind::Grouped,
            series,
            rows,
            unit: "pct.".to_owned(),
            note: None,
        })
    }

    /// A single-choice role's answer distribution, one 100 % bar per unit (the in-base answers),
    /// with the comparison sentence above; `None` when the first unit has no valid answers.
    fn distribution(&self, role: Role, template: &str) -> Option<Vec<Block>> {
        let variable = self.figures.role(role)?;
        let info = &self.figures.variables[variable];
        let in_base: Vec<usize> = (0..info.answers.len())
            .filter(|&answer| !info.answers[answer].outside_base)
            .collect();
        let series: Vec<String> = in_base
            .iter()
            .map(|&answer| info.answers[answer].label.clone())
            .collect();
        let units = self.units();
        if units[0].variables[variable].base == 0 {
            return None;
        }
        let rows: Vec<ChartRow> = units
            .iter()
            .map(|unit| ChartRow {
                label: unit.label.to_owned(),
                values: in_base
                    .iter()
                    .map(|&answer| {
                        let (exact, published) = unit.variables[variable].segment(answer)?;
                        Some(ChartValue { exact, published })
                    })
                    .collect(),
            })
            .collect();
        let bases: Vec<String> = units
            .iter()
            .map(|unit| {
                self.text(
                    "deck.diagram.enhed_svar",
                    None,
                    &[
                        ("enhed", unit.label.to_owned()),
                        (
                            "antal",
                            format_integer(u64::from(unit.variables[variable].base)),
                        ),
                    ],
                )
            })
            .collect();
        let chart = Chart {
            caption: self.text(
                "deck.diagram.titel",
                Some("fordeling"),
                &[("spoergsmaal", info.question_text.clone())],
            ),
            alt: self.alt(&series, &rows),
            kind: ChartKind::Stacked,
            series,
            rows,
            unit: "pct.".to_owned(),
            note: Some(self.text(
                "deck.diagram.antal_svar",
                None,
                &[("enheder", bases.join(", "))],
            )),
        };
        let mut blocks: Vec<Block> = self
            .comparison_sentence(template, variable)
            .map(paragraph)
            .into_iter()
            .collect();
        blocks.push(Block::Chart(chart));
        Some(blocks)
    }

    /// The item texts of ranked items, lower-case, the first few, as a list in words.
    fn named(&self, items: &[RankedItem]) -> String {
        let names: Vec<String> = items
            .iter()
            .take(NAMED_ELEMENTS)
            .filter_map(|item| self.figures.variables[item.variable].item_text.as_deref())
            .map(str::to_lowercase)
            .collect();
        join_list(&names)
    }

    /// Importance against experience for each pair, of the cluster (or its specialty).
    fn expectations(&self) -> Option<Vec<Block>> {
        let figures = self.figures;
        let (own, _) = self.own_and_reference();
        let series = vec![
            self.text("deck.diagram.serie", Some("vigtigt"), &[]),
            self.text("deck.diagram.serie", Some("oplever"), &[]),
        ];
        let rows: Vec<ChartRow> = figures
            .expectation_pairs()
            .into_iter()
            .map(|(importance, experience)| ChartRow {
                label: figures.variables[importance]
                    .item_text
                    .clone()
                    .unwrap_or_default(),
                values: vec![
                    chart_value(own.variables[importance].top),
                    chart_value(own.variables[experience].top),
                ],
            })
            .collect();
        let caption = if self.shown.is_some() {
            self.text("deck.diagram.titel", Some("forventninger"), &[])
        } else {
            self.text("deck.diagram.titel", Some("forventninger_speciale"), &[])
        };
        let chart = self.grouped_chart(caption, series, rows)?;
        let mut blocks = Vec::new();
        if let Some(rarely) = own
            .outcomes
            .and_then(|outcomes| outcomes.rarely_experienced.as_deref())
        {
            let variant = match (self.shown.is_some(), rarely.is_empty()) {
                (true, false) => "nogle",
                (true, true) => "ingen",
                (false, false) => "for_faa_nogle",
                (false, true) => "for_faa_ingen",
            };
            let threshold = Rounded {
                scaled: RARELY_EXPERIENCED_FROM,
                decimals: 0,
            };
            blocks.push(paragraph(self.text(
                "deck.forventninger",
                Some(variant),
                &[
                    ("elementer", self.named(rarely)),
                    ("taerskel", threshold.pct()),
                ],
            )));
        }
        blocks.push(Block::Chart(chart));
        Some(blocks)
    }

    /// The motivation items in the order of the cluster's ranking (or its specialty's), the
    /// cluster against its specialty (or the specialty against the nation).
    fn motivation(&self) -> Option<Vec<Block>> {
        let (own, reference) = self.own_and_reference();
        let ranking = own.outcomes?.ranking(Role::Motivation);
        let rows: Vec<ChartRow> = ranking
            .iter()
            .map(|item| ChartRow {
                label: self.figures.variables[item.variable]
                    .item_text
                    .clone()
                    .unwrap_or_default(),
                values: vec![
                    chart_value(own.variables[item.variable].top),
                    chart_value(reference.variables[item.variable].top),
                ],
            })
            .collect();
        let series = vec![own.label.to_owned(), reference.label.to_owned()];
        let caption = self.text("deck.diagram.titel", Some("motivation"), &[]);
        let chart = self.grouped_chart(caption, series, rows)?;
        let variant = if self.shown.is_some() {
            "klynge"
        } else {
            "for_faa"
        };
        Some(vec![
            paragraph(self.text(
                "deck.motivation",
                Some(variant),
                &[("elementer", self.named(ranking))],
            )),
            Block::Chart(chart),
        ])
    }

    /// Reflection questions by the cluster's outcome: on keeping what works when it is positive,
    /// otherwise on what would make the meetings more valuable; the rule stated under them.
    fn reflection_slide(&self) -> Slide {
        let (questions, rule) = match &self.cluster.reflection {
            Reflection::Positive { basis } => ("fastholde", ("positiv", basis.as_slice())),
            Reflection::Develop { basis } => ("udvikle", ("udvikling", basis.as_slice())),
            Reflection::NotAssessed {
                reason: NotAssessed::Suppressed,
            } => ("udvikle", ("for_faa", &[][..])),
            Reflection::NotAssessed { .. } => ("udvikle", ("ikke_vurderet", &[][..])),
        };
        let (rule_variant, basis) = rule;
        let grounds: Vec<String> = basis
            .iter()
            .filter_map(|input| {
                let key = match input.role {
                    Role::Support => "understoettelse",
                    Role::Improvements => "forbedringer",
                    _ => return None,
                };
                Some(self.text(
                    "deck.grundlag",
                    Some(key),
                    &[
                        ("andel", input.cluster.pct()),
                        ("andel_speciale", input.specialty.pct()),
                    ],
                ))
            })
            .collect();
        let list = List {
            ordered: false,
            items: self
                .all_variants(&format!("deck.spoergsmaal.{questions}"))
                .into_iter()
                .map(|question| ListItem {
                    content: vec![Inline::plain(question)],
                    children: None,
                })
                .collect(),
        };
        let blocks = vec![
            paragraph(self.text("deck.refleksion", Some(questions), &[])),
            Block::List(list),
            Block::Note(self.text(
                "deck.refleksion.regel",
                Some(rule_variant),
                &[("grundlag", join_list(&grounds))],
            )),
        ];
        self.content_slide(
            "refleksion",
            blocks,
            self.all_variants("deck.noter.refleksion"),
        )
    }

    /// The next steps: a joint summing-up into the annual plan.
    fn next_steps_slide(&self) -> Slide {
        let steps = self.all_variants("deck.naeste_skridt");
        let (intro, items) = steps.split_first().expect("the template has variants");
        let list = List {
            ordered: true,
            items: items
                .iter()
                .map(|step| ListItem {
                    content: vec![Inline::plain(step.as_str())],
                    children: None,
                })
                .collect(),
        };
        self.content_slide(
            "naeste_skridt",
            vec![paragraph(intro.clone()), Block::List(list)],
            self.all_variants("deck.noter.naeste_skridt"),
        )
    }

    /// The chart's alternative text: every row with every value.
    fn alt(&self, series: &[String], rows: &[ChartRow]) -> String {
        let rows: Vec<String> = rows
            .iter()
            .map(|row| {
                row.in_words(
                    series,
                    |serie, andel| {
                        let values = [("serie", serie.to_owned()), ("andel", andel)];
                        self.text("deck.diagram.alt_vaerdi", None, &values)
                    },
                    |raekke, vaerdier| {
                        let values = [("raekke", raekke.to_owned()), ("vaerdier", vaerdier)];
                        self.text("deck.diagram.alt_raekke", None, &values)
                    },
                )
            })
            .collect();
        self.text("deck.diagram.alt", None, &[("raekker", rows.join(" "))])
    }
}
