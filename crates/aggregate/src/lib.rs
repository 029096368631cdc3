//! Aggregation: every figure the publication prints, computed from the validated survey.
//!
//! Pure and exact: no I/O, no floats in any decision. Counts are integers, shares are exact
//! fractions ([`Percent`]), rounding happens once, half away from zero, when a value is published.
//!
//! Rules (see `docs/figures.md`):
//! - invited = export rows of the unit; respondents = rows whose status counts as a response;
//! - a share's base excludes answers outside the base ("Ved ikke") and blanks;
//! - the top box (top-2) and the low box are the answers the definition marks `top` and `low`;
//! - a cluster with fewer respondents than the minimum is [`ClusterResults::Suppressed`];
//! - the range of cluster shares is given only when at least [`MIN_CLUSTERS_FOR_RANGE`] clusters
//!   of the specialty have results for that variable;
//! - comparisons use the values as published (each at its own precision): "71" against "65,7";
//! - the rules behind the computed sentences (middle answer, rankings, the elements rarely
//!   experienced, the reflection outcome) are computed here once, from the definition's roles
//!   ([`Outcomes`], [`Reflection`], [`ResolvedRoles`]).

mod outcomes;
mod percent;

use std::cmp::Ordering;

use danish::{Rounded, Share};
use model::{QuestionKind, Role, Survey};
use serde::Serialize;

pub use outcomes::{
    NotAssessed, Outcomes, RANKED_ROLES, RARELY_EXPERIENCED_FROM, REFLECTION_ROLES, RankedItem,
    Reflection, ReflectionInput, ResolvedPair, ResolvedRole, ResolvedRoles, RuleConstants,
};
pub use percent::{NATIONAL_DECIMALS, Percent, RESPONSE_RATE_DECIMALS, UNIT_DECIMALS};

/// Fewest clusters with results for which a range across clusters is published: with two, the
/// range would reveal each cluster's own figure.
pub const MIN_CLUSTERS_FOR_RANGE: usize = 3;

/// Every figure of a publication.
#[derive(Debug, Clone)]
pub struct Figures {
    /// Below this many respondents a cluster's answers are suppressed.
    pub min_respondents: u32,
    /// The constants of the rules behind the outcomes.
    pub rules: RuleConstants,
    /// The definition's roles, resolved to variables.
    pub roles: ResolvedRoles,
    /// The answered variables, in questionnaire order; every unit's `variables` follow this order.
    pub variables: Vec<VariableInfo>,
    /// All specialties pooled.
    pub national: UnitFigures,
    /// The rules' outcomes for the nation.
    pub national_outcomes: Outcomes,
    /// Per specialty, in roster order.
    pub specialties: Vec<SpecialtyFigures>,
}

/// What a variable asks and which answers it has.
#[derive(Debug, Clone, Serialize)]
pub struct VariableInfo {
    /// `question` or `question.item`.
    pub key: String,
    /// The question's id.
    pub question: String,
    /// The question's text.
    pub question_text: String,
    /// The item's id, for a matrix item.
    pub item: Option<String>,
    /// The item's text, for a matrix item.
    pub item_text: Option<String>,
    /// The answers in scale order.
    pub answers: Vec<AnswerInfo>,
    /// The middle answer ("I nogen grad"): the one answer in the base that is neither top nor
    /// low; `None` when the scale has no such answer or several.
    pub middle_answer: Option<usize>,
}

/// One answer of a variable's scale.
#[derive(Debug, Clone, Serialize)]
pub struct AnswerInfo {
    /// The label.
    pub label: String,
    /// Outside the percentage base ("Ved ikke").
    pub outside_base: bool,
    /// In the top box.
    pub top: bool,
    /// In the low box.
    pub low: bool,
}

/// Participation and answers of one unit: the nation, a specialty or a cluster.
#[derive(Debug, Clone)]
pub struct UnitFigures {
    /// Rows of the export.
    pub invited: u32,
    /// Rows whose status counts as a response.
    pub respondents: u32,
    /// Respondents of invited, at one decimal.
    pub response_rate: Option<Percent>,
    /// One entry per [`Figures::variables`] entry.
    pub variables: Vec<VariableFigures>,
}

/// The answers to one variable within one unit.
#[derive(Debug, Clone)]
pub struct VariableFigures {
    /// The variable's key.
    pub key: String,
    /// Per answer of the scale: count and share of the base (no share outside the base).
    pub answers: Vec<AnswerFigures>,
    /// Respondents who left the question blank.
    pub blank: u32,
    /// The percentage base: answers inside the base.
    pub base: u32,
    /// Share of the base in the top box.
    pub top: Option<Percent>,
    /// Share of the base in the low box.
    pub low: Option<Percent>,
    /// Share of the base giving the middle answer ([`VariableInfo::middle_answer`]).
    pub middle: Option<Percent>,
    /// Per answer, its segment of a 100 % bar at [`CHART_DECIMALS`], rounded cumulatively
    /// ([`stacked_segments`]); `None` outside the base, empty when the base is empty.
    pub stacked: Vec<Option<Rounded>>,
    /// The top box against the nation's, as published (not for the nation itself).
    pub top_against_nation: Option<Comparison>,
    /// The top box against the specialty's, as published (clusters only).
    pub top_against_specialty: Option<Comparison>,
}

impl VariableFigures {
    /// An answer's segment of a stacked bar: its exact share (to size the segment) and its
    /// cumulatively rounded value (to print); `None` outside the base or with an empty base.
    pub fn segment(&self, answer: usize) -> Option<(Share, Rounded)> {
        let exact = self.answers.get(answer)?.share?.share;
        let published = self.stacked.get(answer).copied().flatten()?;
        Some((exact, published))
    }
}

/// One answer's count and share (the base is the variable's).
#[derive(Debug, Clone)]
pub struct AnswerFigures {
    /// Respondents who gave this answer.
    pub count: u32,
    /// Share of the base; `None` for an answer outside the base.
    pub share: Option<Percent>,
}

/// A specialty: its pooled figures, its clusters and the ranges across them.
#[derive(Debug, Clone)]
pub struct SpecialtyFigures {
    /// The specialty's name.
    pub name: String,
    /// Members of all its clusters according to the roster.
    pub roster_members: u32,
    /// All respondents of the specialty.
    pub totals: UnitFigures,
    /// Its clusters in roster order.
    pub clusters: Vec<ClusterFigures>,
    /// Per variable, the range of the top box across clusters with results.
    pub ranges: Vec<TopRange>,
    /// The rules' outcomes for the specialty.
    pub outcomes: Outcomes,
}

/// The lowest and highest cluster share of a variable's top box.
#[derive(Debug, Clone)]
pub struct TopRange {
    /// The variable's key.
    pub key: String,
    /// Clusters of the specialty that have results for this variable.
    pub clusters_with_results: u32,
    /// The range, or `None` when fewer than [`MIN_CLUSTERS_FOR_RANGE`] clusters have results.
    pub range: Option<Range>,
}

/// A range of published shares.
#[derive(Debug, Clone, Copy)]
pub struct Range {
    /// The lowest cluster share.
    pub lowest: Percent,
    /// The highest cluster share.
    pub highest: Percent,
}

/// A cluster: roster facts, participation, and its answers unless suppressed.
#[derive(Debug, Clone)]
pub struct ClusterFigures {
    /// The cluster's name.
    pub name: String,
    /// Members according to the roster.
    pub members: u32,
    /// The coordinator's name.
    pub coordinator: String,
    /// Rows of the export.
    pub invited: u32,
    /// Rows whose status counts as a response.
    pub respondents: u32,
    /// Respondents of invited.
    pub response_rate: Option<Percent>,
    /// The cluster's answers, or the fact that they are suppressed.
    pub results: ClusterResults,
    /// The rules' outcomes for the cluster; `None` when suppressed.
    pub outcomes: Option<Outcomes>,
    /// Which discussion questions suit the cluster.
    pub reflection: Reflection,
}

/// A cluster's answers, or their suppression.
#[derive(Debug, Clone)]
pub enum ClusterResults {
    /// Enough respondents: the cluster's figures per variable.
    Shown {
        /// One entry per [`Figures::variables`] entry.
        variables: Vec<VariableFigures>,
    },
    /// Fewer respondents than the minimum: nothing of the answers is published.
    Suppressed,
}

impl ClusterResults {
    /// The variables, when shown.
    pub fn shown(&self) -> Option<&[VariableFigures]> {
        match self {
            ClusterResults::Shown { variables } => Some(variables),
            ClusterResults::Suppressed => None,
        }
    }
}

/// A published value against another, compared as printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Comparison {
    /// Higher than the other.
    Over,
    /// Lower than the other.
    Under,
    /// Printed the same.
    Equal,
}

impl Comparison {
    /// Compares two published values.
    pub fn of(value: Percent, other: Percent) -> Comparison {
        match value.rounded().cmp(&other.rounded()) {
            Ordering::Greater => Comparison::Over,
            Ordering::Less => Comparison::Under,
            Ordering::Equal => Comparison::Equal,
        }
    }
}

/// A fact about the inputs worth telling the analyst, which does not stop the run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Warning(pub String);

impl Figures {
    /// The index of a variable by key.
    pub fn variable_index(&self, key: &str) -> Option<usize> {
        self.variables
            .iter()
            .position(|variable| variable.key == key)
    }

    /// The variables of one question, in item order.
    pub fn question_variables(&self, question: &str) -> Vec<usize> {
        (0..self.variables.len())
            .filter(|&index| self.variables[index].question == question)
            .collect()
    }

    /// The variable of a single-choice role; `None` when the definition names no question for it
    /// (or for a matrix role: see [`Figures::role_items`]).
    pub fn role(&self, role: Role) -> Option<usize> {
        match self.role_items(role).as_slice() {
            [index] if role.kind() == QuestionKind::Single => Some(*index),
            _ => None,
        }
    }

    /// The variables of a role's question in item order; empty when the definition names none.
    pub fn role_items(&self, role: Role) -> Vec<usize> {
        self.roles
            .questions
            .get(&role)
            .map_or_else(Vec::new, |resolved| resolved.indices.clone())
    }

    /// The text of a role's question.
    pub fn role_question_text(&self, role: Role) -> Option<&str> {
        let first = *self.roles.questions.get(&role)?.indices.first()?;
        Some(&self.variables[first].question_text)
    }

    /// Importance ↔ experience variables as the definition pairs them.
    pub fn expectation_pairs(&self) -> Vec<(usize, usize)> {
        self.roles
            .expectation_pairs
            .iter()
            .map(|pair| pair.indices)
            .collect()
    }

    /// The questions no role names, in questionnaire order, each with its variables.
    pub fn questions_without_role(&self) -> Vec<Vec<usize>> {
        let mut questions: Vec<Vec<usize>> = Vec::new();
        for (index, variable) in self.variables.iter().enumerate() {
            let has_role = self
                .roles
                .questions
                .values()
                .any(|resolved| resolved.question == variable.question);
            if has_role {
                continue;
            }
            match questions.last_mut() {
                Some(last) if self.variables[last[0]].question == variable.question => {
                    last.push(index);
                }
                _ => questions.push(vec![index]),
            }
        }
        questions
    }
}

/// Answer counts of one unit: per variable, per answer, plus blanks.
#[derive(Clone)]
struct Tally {
    invited: u32,
    respondents: u32,
    counts: Vec<Vec<u32>>,
    blanks: Vec<u32>,
}

impl Tally {
    fn new(answer_counts: &[usize]) -> Tally {
        Tally {
            invited: 0,
            respondents: 0,
            counts: answer_counts.iter().map(|&count| vec![0; count]).collect(),
            blanks: vec![0; answer_counts.len()],
        }
    }

    fn add(&mut self, other: &Tally) {
        self.invited += other.invited;
        self.respondents += other.respondents;
        for (mine, theirs) in self.counts.iter_mut().zip(&other.counts) {
            mine.iter_mut().zip(theirs).for_each(|(a, b)| *a += b);
        }
        self.blanks
            .iter_mut()
            .zip(&other.blanks)
            .for_each(|(a, b)| *a += b);
    }

    fn figures(
        &self,
        variables: &[VariableInfo],
        decimals: u8,
        nation: Option<&UnitFigures>,
        specialty: Option<&UnitFigures>,
    ) -> UnitFigures {
        let variables = variables
            .iter()
            .enumerate()
            .map(|(index, info)| {
                let counts = &self.counts[index];
                let sum = |keep: &dyn Fn(&AnswerInfo) -> bool| -> u32 {
                    info.answers
                        .iter()
                        .zip(counts)
                        .filter(|(answer, _)| keep(answer))
                        .map(|(_, count)| count)
                        .sum()
                };
                let base = sum(&|answer| !answer.outside_base);
                let share = |count: u32| Percent::new(u64::from(count), u64::from(base), decimals);
                // A box only exists where the scale marks answers for it: a question with no top
                // answers (a choice of meeting form) has no top box, not one of 0 pct.
                let boxed = |in_box: &dyn Fn(&AnswerInfo) -> bool| {
                    info.answers
                        .iter()
                        .any(in_box)
                        .then(|| share(sum(in_box)))
                        .flatten()
                };
                let top = boxed(&|answer| answer.top);
                let against = |unit: Option<&UnitFigures>| {
                    let theirs = unit?.variables[index].top?;
                    Some(Comparison::of(top?, theirs))
                };
                VariableFigures {
                    key: info.key.clone(),
                    answers: info
                        .answers
                        .iter()
                        .zip(counts)
                        .map(|(answer, &count)| AnswerFigures {
                            count,
                            share: if answer.outside_base {
                                None
                            } else {
                                share(count)
                            },
                        })
                        .collect(),
                    blank: self.blanks[index],
                    base,
                    top,
                    low: boxed(&|answer| answer.low),
                    middle: info.middle_answer.and_then(|middle| share(counts[middle])),
                    stacked: stacked_segments(info, counts, CHART_DECIMALS),
                    top_against_nation: against(nation),
                    top_against_specialty: against(specialty),
                }
            })
            .collect();
        UnitFigures {
            invited: self.invited,
            respondents: self.respondents,
            response_rate: Percent::new(
                u64::from(self.respondents),
                u64::from(self.invited),
                RESPONSE_RATE_DECIMALS,
            ),
            variables,
        }
    }
}

/// Decimals of a chart's values: one format for every row of a chart, the nation's included
/// ("23", never "22,8" beside "21").
pub const CHART_DECIMALS: u8 = 0;

/// The segments of a 100 % bar of one variable's in-base answers, rounded cumulatively: each
/// boundary is the rounded cumulative share, and a segment is the difference of its boundaries.
/// So the leading segments always sum to the published share of those answers together (the
/// top box, "I meget høj grad" + "I høj grad", sums to the top box as published at `decimals`),
/// and every bar sums to exactly 100. Answers outside the base get `None`; an empty base gives no
/// segments.
pub fn stacked_segments(info: &VariableInfo, counts: &[u32], decimals: u8) -> Vec<Option<Rounded>> {
    let base: u64 = info
        .answers
        .iter()
        .zip(counts)
        .filter(|(answer, _)| !answer.outside_base)
        .map(|(_, &count)| u64::from(count))
        .sum();
    if base == 0 {
        return Vec::new();
    }
    let mut cumulative = 0;
    let mut boundary = 0;
    info.answers
        .iter()
        .zip(counts)
        .map(|(answer, &count)| {
            if answer.outside_base {
                return None;
            }
            cumulative += u64::from(count);
            let next = Share::new(cumulative, base)?.percent(decimals).scaled;
            let segment = Rounded {
                scaled: next - boundary,
                decimals,
            };
            boundary = next;
            Some(segment)
        })
        .collect()
}

/// The variables of the survey with their question texts and answers.
fn variable_infos(survey: &Survey) -> Vec<VariableInfo> {
    let definition = &survey.definition;
    definition
        .variables()
        .into_iter()
        .map(|variable| {
            let question = &definition.questions[variable.question];
            let item = variable.item.map(|index| &question.items[index]);
            debug_assert!(question.kind != QuestionKind::FreeText);
            let scale = definition
                .scale(&variable.scale)
                .expect("a validated definition names known scales");
            VariableInfo {
                key: variable.key,
                question: question.id.clone(),
                question_text: question.text.clone(),
                item: item.map(|item| item.id.clone()),
                item_text: item.map(|item| item.text.clone()),
                answers: scale
                    .answers
                    .iter()
                    .map(|answer| AnswerInfo {
                        label: answer.label.clone(),
                        outside_base: answer.outside_base,
                        top: answer.top,
                        low: answer.low,
                    })
                    .collect(),
                middle_answer: middle_answer(scale),
            }
        })
        .collect()
}

/// The one answer in the base that is neither top nor low, if the scale has exactly one.
fn middle_answer(scale: &model::Scale) -> Option<usize> {
    let mut middle = (0..scale.answers.len()).filter(|&index| {
        let answer = &scale.answers[index];
        !answer.outside_base && !answer.top && !answer.low
    });
    match (middle.next(), middle.next()) {
        (Some(index), None) => Some(index),
        _ => None,
    }
}

/// Computes every figure of the publication.
pub fn aggregate(survey: &Survey, min_respondents: u32) -> Figures {
    let variables = variable_infos(survey);
    let answer_counts: Vec<usize> = variables
        .iter()
        .map(|variable| variable.answers.len())
        .collect();

    let mut clusters = vec![Tally::new(&answer_counts); survey.clusters.len()];
    for invitee in &survey.invitees {
        let tally = &mut clusters[invitee.cluster];
        tally.invited += 1;
        if !invitee.responded {
            continue;
        }
        tally.respondents += 1;
        for (index, answer) in invitee.answers.iter().enumerate() {
            match answer {
                Some(answer) => tally.counts[index][usize::from(*answer)] += 1,
                None => tally.blanks[index] += 1,
            }
        }
    }

    let mut specialties = vec![Tally::new(&answer_counts); survey.specialties.len()];
    let mut nation = Tally::new(&answer_counts);
    for (cluster, tally) in survey.clusters.iter().zip(&clusters) {
        specialties[cluster.specialty].add(tally);
        nation.add(tally);
    }
    let roles = ResolvedRoles::resolve(&survey.definition, &variables);
    let national = nation.figures(&variables, NATIONAL_DECIMALS, None, None);

    let specialties = survey
        .specialties
        .iter()
        .enumerate()
        .map(|(index, specialty)| {
            let totals =
                specialties[index].figures(&variables, UNIT_DECIMALS, Some(&national), None);
            let members = survey
                .clusters
                .iter()
                .zip(&clusters)
                .filter(|(cluster, _)| cluster.specialty == index);
            let cluster_figures: Vec<ClusterFigures> = members
                .clone()
                .map(|(cluster, tally)| {
                    let shown = (tally.respondents >= min_respondents).then(|| {
                        tally
                            .figures(&variables, UNIT_DECIMALS, Some(&national), Some(&totals))
                            .variables
                    });
                    ClusterFigures {
                        name: cluster.name.clone(),
                        members: cluster.members,
                        coordinator: cluster.coordinator.clone(),
                        invited: tally.invited,
                        respondents: tally.respondents,
                        response_rate: Percent::new(
                            u64::from(tally.respondents),
                            u64::from(tally.invited),
                            RESPONSE_RATE_DECIMALS,
                        ),
                        outcomes: shown.as_deref().map(|shown| Outcomes::of(&roles, shown)),
                        reflection: match &shown {
                            Some(shown) => Reflection::of(&roles, shown, &totals.variables),
                            None => Reflection::NotAssessed {
                                reason: NotAssessed::Suppressed,
                            },
                        },
                        results: match shown {
                            Some(variables) => ClusterResults::Shown { variables },
                            None => ClusterResults::Suppressed,
                        },
                    }
                })
                .collect();
            SpecialtyFigures {
                name: specialty.name.clone(),
                roster_members: members.map(|(cluster, _)| cluster.members).sum(),
                outcomes: Outcomes::of(&roles, &totals.variables),
                totals,
                ranges: ranges(&variables, &cluster_figures),
                clusters: cluster_figures,
            }
        })
        .collect();

    Figures {
        min_respondents,
        rules: RuleConstants::CURRENT,
        national_outcomes: Outcomes::of(&roles, &national.variables),
        roles,
        variables,
        national,
        specialties,
    }
}

/// The range of top-box shares across the clusters with results, per variable.
fn ranges(variables: &[VariableInfo], clusters: &[ClusterFigures]) -> Vec<TopRange> {
    variables
        .iter()
        .enumerate()
        .map(|(index, info)| {
            let shares: Vec<Percent> = clusters
                .iter()
                .filter_map(|cluster| cluster.results.shown())
                .filter_map(|variables| variables[index].top)
                .collect();
            let lowest = shares
                .iter()
                .copied()
                .min_by(|a, b| a.rounded().cmp(&b.rounded()));
            let highest = shares
                .iter()
                .copied()
                .max_by(|a, b| a.rounded().cmp(&b.rounded()));
            TopRange {
                key: info.key.clone(),
                clusters_with_results: shares.len() as u32,
                range: match (lowest, highest) {
                    (Some(lowest), Some(highest)) if shares.len() >= MIN_CLUSTERS_FOR_RANGE => {
                        Some(Range { lowest, highest })
                    }
                    _ => None,
                },
            }
        })
        .collect()
}

/// Facts about the inputs that do not stop the run: roster members that differ from the invited
/// rows, and roster clusters with no invited rows.
pub fn warnings(figures: &Figures) -> Vec<Warning> {
    let mut warnings = Vec::new();
    for specialty in &figures.specialties {
        for cluster in &specialty.clusters {
            if cluster.invited == 0 {
                warnings.push(Warning(format!(
                    "{} ({}): the roster lists the cluster, but the export has no invited rows for it",
                    cluster.name, specialty.name
                )));
            } else if cluster.invited != cluster.members {
                warnings.push(Warning(format!(
                    "{} ({}): the roster lists {} members, the export has {} invited rows; response rates use the invited rows",
                    cluster.name, specialty.name, cluster.members, cluster.invited
                )));
            }
        }
    }
    warnings
}

#[cfg(test)]
mod tests {
    use super::*;
    use model::{Cluster, Invitee, Specialty, SurveyDefinition};

    const DEFINITION: &str = r#"
        [columns]
        respondent_id = "id"
        cluster = "klynge"
        status = "status"
        [status]
        respondent = ["Gennemført"]
        non_respondent = ["Ikke besvaret"]
        [scales.grad]
        answers = [
          { code = 1, label = "Høj", top = true },
          { code = 2, label = "Nogen" },
          { code = 3, label = "Lav", low = true },
          { code = 9, label = "Ved ikke", outside_base = true },
        ]
        [[questions]]
        id = "q"
        text = "Q?"
        kind = "single"
        column = "Q1"
        scale = "grad"
    "#;

    /// A survey from per-cluster answer lists: `(specialty, members, answers)`, where an answer is
    /// `Some(index)`, `None` for blank, and the string "-" marks a non-respondent.
    fn survey(clusters: &[(usize, u32, &str)]) -> Survey {
        let definition: SurveyDefinition = toml::from_str(DEFINITION).unwrap();
        let mut invitees = Vec::new();
        for (index, (_, _, answers)) in clusters.iter().enumerate() {
            for answer in answers.chars() {
                let (responded, answer) = match answer {
                    '-' => (false, None),
                    '.' => (true, None),
                    digit => (true, Some(digit.to_digit(10).unwrap() as u16)),
                };
                invitees.push(Invitee {
                    cluster: index,
                    responded,
                    answers: vec![answer],
                });
            }
        }
        Survey {
            definition,
            specialties: vec![
                Specialty { name: "A".into() },
                Specialty { name: "B".into() },
            ],
            clusters: clusters
                .iter()
                .enumerate()
                .map(|(index, (specialty, members, _))| Cluster {
                    name: format!("K{index}"),
                    specialty: *specialty,
                    members: *members,
                    coordinator: String::new(),
                })
                .collect(),
            invitees,
        }
    }

    #[test]
    fn a_scale_without_top_answers_has_no_top_box() {
        let mut survey = survey(&[(0, 5, "00011")]);
        survey.definition = toml::from_str(&DEFINITION.replace(", top = true", "")).unwrap();
        let figures = aggregate(&survey, 5);
        let variable = &figures.specialties[0].totals.variables[0];
        assert_eq!(variable.top, None);
        assert_eq!(variable.top_against_nation, None);
        assert!(variable.low.is_some(), "the low box is still marked");
    }

    #[test]
    fn the_base_excludes_ved_ikke_and_blanks() {
        // 0 = Høj (top), 1 = Nogen, 2 = Lav (low), 3 = Ved ikke, . = blank, - = no response.
        let figures = aggregate(&survey(&[(0, 9, "0001123.-")]), 5);
        let unit = &figures.specialties[0].totals;
        assert_eq!((unit.invited, unit.respondents), (9, 8));
        assert_eq!(unit.response_rate.unwrap().pct(), "88,9 pct.");
        let q = &unit.variables[0];
        assert_eq!((q.base, q.blank), (6, 1));
        assert_eq!(
            q.answers.iter().map(|a| a.count).collect::<Vec<_>>(),
            [3, 2, 1, 1]
        );
        assert_eq!(q.top.unwrap().pct(), "50 pct.");
        assert_eq!(q.answers[1].share.unwrap().pct(), "33 pct.");
        assert_eq!(q.low.unwrap().pct(), "17 pct.");
        assert!(q.answers[3].share.is_none());
    }

    #[test]
    fn small_clusters_are_suppressed_and_left_out_of_the_range() {
        let figures = aggregate(
            &survey(&[
                (0, 5, "00011"),
                (0, 5, "00111"),
                (0, 4, "0000"),
                (0, 6, "011111"),
                (1, 5, "00000"),
            ]),
            5,
        );
        let specialty = &figures.specialties[0];
        assert!(matches!(
            specialty.clusters[2].results,
            ClusterResults::Suppressed
        ));
        assert_eq!(specialty.clusters[2].respondents, 4);
        let range = specialty.ranges[0].range.unwrap();
        assert_eq!(specialty.ranges[0].clusters_with_results, 3);
        assert_eq!(
            (range.lowest.pct(), range.highest.pct()),
            ("17 pct.".into(), "60 pct.".into())
        );
        // Suppressed answers still count for the specialty and the nation.
        assert_eq!(specialty.totals.variables[0].base, 20);
    }

    #[test]
    fn no_range_with_fewer_than_three_clusters_with_results() {
        let figures = aggregate(
            &survey(&[(0, 5, "00011"), (0, 5, "00111"), (0, 3, "000")]),
            5,
        );
        assert_eq!(figures.specialties[0].ranges[0].clusters_with_results, 2);
        assert!(figures.specialties[0].ranges[0].range.is_none());
    }

    #[test]
    fn comparisons_use_the_published_values() {
        // Nation: 12 of 25 = 48,0 pct.; specialty A: 12 of 25 = 48 pct. → equal.
        let figures = aggregate(
            &survey(&[(0, 25, "0000000000001111111111111"), (1, 1, "")]),
            5,
        );
        assert_eq!(figures.national.variables[0].top.unwrap().pct(), "48 pct.");
        assert_eq!(
            figures.specialties[0].totals.variables[0].top_against_nation,
            Some(Comparison::Equal)
        );
        // A: 2 of 3 = 67 against nation 5 of 8 = 62,5 → over; B: 3 of 5 = 60 → under.
        let figures = aggregate(&survey(&[(0, 3, "001"), (1, 5, "00011")]), 5);
        assert_eq!(
            figures.national.variables[0].top.unwrap().pct(),
            "62,5 pct."
        );
        assert_eq!(
            figures.specialties[0].totals.variables[0].top_against_nation,
            Some(Comparison::Over)
        );
        assert_eq!(
            figures.specialties[1].totals.variables[0].top_against_nation,
            Some(Comparison::Under)
        );
    }

    #[test]
    fn stacked_segments_are_rounded_cumulatively() {
        let answer = |label: &str, top: bool, outside_base: bool| AnswerInfo {
            label: label.into(),
            outside_base,
            top,
            low: false,
        };
        let info = VariableInfo {
            key: "q".into(),
            question: "q".into(),
            question_text: "Q?".into(),
            item: None,
            item_text: None,
            answers: vec![
                answer("I meget høj grad", true, false),
                answer("I høj grad", true, false),
                answer("I nogen grad", false, false),
                answer("Slet ikke", false, false),
                answer("Ved ikke", false, true),
            ],
            middle_answer: Some(2),
        };
        // 57 and 71 of 200 are 28,5 and 35,5: rounded one by one 29 + 36 = 65, but together
        // 128 of 200 = 64. Cumulatively: 29, then 64 - 29 = 35; the bar sums to 100.
        let segments = stacked_segments(&info, &[57, 71, 40, 32, 9], 0);
        let numbers: Vec<Option<String>> = segments
            .iter()
            .map(|segment| segment.map(Rounded::number))
            .collect();
        let expected = [Some("29"), Some("35"), Some("20"), Some("16"), None];
        assert_eq!(numbers, expected.map(|n| n.map(str::to_owned)));
        let total: u64 = segments
            .iter()
            .flatten()
            .map(|segment| segment.scaled)
            .sum();
        assert_eq!(total, 100);
        assert!(stacked_segments(&info, &[0, 0, 0, 0, 3], 0).is_empty());
        // Every bar of three to seven answers over small bases sums to 100 and its leading
        // segments to the rounded cumulative share.
        for base in 1..40u32 {
            for first in 0..=base {
                let counts = [
                    first,
                    (base - first) / 2,
                    base - first - (base - first) / 2,
                    0,
                    1,
                ];
                let segments = stacked_segments(&info, &counts, 0);
                let sum: u64 = segments
                    .iter()
                    .flatten()
                    .map(|segment| segment.scaled)
                    .sum();
                assert_eq!(sum, 100, "{counts:?}");
                let top = Share::new(u64::from(counts[0] + counts[1]), u64::from(base)).unwrap();
                let leading = segments[0].unwrap().scaled + segments[1].unwrap().scaled;
                assert_eq!(leading, top.percent(0).scaled, "{counts:?}");
            }
        }
    }

    #[test]
    fn roster_mismatches_are_warnings() {
        let figures = aggregate(&survey(&[(0, 6, "00011"), (0, 5, "00111"), (1, 4, "")]), 5);
        let warnings: Vec<String> = warnings(&figures)
            .into_iter()
            .map(|warning| warning.0)
            .collect();
        assert_eq!(
            warnings,
            [
                "K0 (A): the roster lists 6 members, the export has 5 invited rows; response rates use the invited rows",
                "K2 (B): the roster lists the cluster, but the export has no invited rows for it",
            ]
        );
    }
}
