//! `data/figures.json`: every count and base with its published form, compact and written in one
//! pass.
//!
//! The file is a view of [`Figures`]: what a reader cannot recompute (counts, bases, the published
//! values, the rules' outcomes) is written once; what is a copy of a value given elsewhere (an
//! answer's "pct." text beside its number, the blank answers beside the respondents and the
//! answer counts, the low box and the middle answer's share beside the answer counts, a ranked
//! item's share beside the unit's top box, the values behind a reflection outcome beside the
//! cluster's and the specialty's top boxes) is left out. A published value without decimals is
//! an integer (`71`, not `71.0`).

use std::collections::BTreeMap;

use aggregate::{
    AnswerFigures, ClusterFigures, ClusterResults, Comparison, Figures, NotAssessed, Outcomes,
    Percent, Reflection, ReflectionInput, SpecialtyFigures, UnitFigures, VariableFigures, Warning,
};
use danish::Rounded;
use format_api::{Publication, Role};
use serde::{Serialize, Serializer};

/// The whole file.
#[derive(Serialize)]
struct FiguresFile<'a> {
    year: u16,
    publication_date: String,
    publisher: &'a str,
    min_respondents: u32,
    rules: &'a aggregate::RuleConstants,
    roles: &'a aggregate::ResolvedRoles,
    variables: &'a [aggregate::VariableInfo],
    national: UnitView<'a>,
    national_outcomes: OutcomesView<'a>,
    specialties: Vec<SpecialtyView<'a>>,
    warnings: &'a [Warning],
}

#[derive(Serialize)]
struct UnitView<'a> {
    invited: u32,
    respondents: u32,
    response_rate: Option<PercentView>,
    variables: Vec<VariableView<'a>>,
}

#[derive(Serialize)]
struct VariableView<'a> {
    key: &'a str,
    answers: Vec<AnswerView>,
    base: u32,
    top: Option<PercentView>,
    /// Per answer, its cumulatively rounded segment of a stacked bar (docs/figures.md).
    stacked: Vec<Option<Published>>,
    top_against_nation: Option<Comparison>,
    top_against_specialty: Option<Comparison>,
}

/// An answer's count and its share of the variable's base as published (a number).
#[derive(Serialize)]
struct AnswerView {
    count: u32,
    percent: Option<Published>,
}

/// A published value as a JSON number: an integer at no decimals ("71"), else with its decimals
/// ("65.7").
#[derive(Clone, Copy)]
struct Published(Rounded);

impl Serialize for Published {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.0.decimals == 0 {
            serializer.serialize_u64(self.0.scaled)
        } else {
            serializer.serialize_f64(self.0.value())
        }
    }
}

/// A share: the exact fraction (`count`, `base`) with the published value as a number and as
/// printed.
#[derive(Serialize)]
struct PercentView {
    count: u64,
    base: u64,
    percent: Published,
    published: String,
}

impl From<Percent> for PercentView {
    fn from(percent: Percent) -> PercentView {
        PercentView {
            count: percent.share.part,
            base: percent.share.whole,
            percent: Published(percent.rounded()),
            published: percent.pct(),
        }
    }
}

fn view(percent: Option<Percent>) -> Option<PercentView> {
    percent.map(PercentView::from)
}

#[derive(Serialize)]
struct RangeView<'a> {
    key: &'a str,
    clusters_with_results: u32,
    range: Option<LowHigh>,
}

#[derive(Serialize)]
struct LowHigh {
    lowest: PercentView,
    highest: PercentView,
}

#[derive(Serialize)]
struct ShareView<'a> {
    key: &'a str,
    share: PercentView,
}

#[derive(Serialize)]
struct SpecialtyView<'a> {
    name: &'a str,
    roster_members: u32,
    totals: UnitView<'a>,
    clusters: Vec<ClusterView<'a>>,
    ranges: Vec<RangeView<'a>>,
    outcomes: OutcomesView<'a>,
}

#[derive(Serialize)]
struct ClusterView<'a> {
    name: &'a str,
    members: u32,
    coordinator: &'a str,
    invited: u32,
    respondents: u32,
    response_rate: Option<PercentView>,
    results: ResultsView<'a>,
    outcomes: Option<OutcomesView<'a>>,
    reflection: ReflectionView<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "snake_case", tag = "status")]
enum ResultsView<'a> {
    Shown { variables: Vec<VariableView<'a>> },
    Suppressed,
}

#[derive(Serialize)]
struct OutcomesView<'a> {
    /// The low box is given here, once, for the items that reach the threshold.
    rarely_experienced: Option<Vec<ShareView<'a>>>,
    /// The items in order; their shares are the unit's top boxes.
    rankings: BTreeMap<Role, Vec<KeyView<'a>>>,
}

#[derive(Serialize)]
struct KeyView<'a> {
    key: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "snake_case", tag = "outcome")]
enum ReflectionView<'a> {
    Positive { basis: Vec<BasisView<'a>> },
    Develop { basis: Vec<BasisView<'a>> },
    NotAssessed { reason: NotAssessed },
}

/// One comparison behind a reflection outcome; both values are the units' top boxes.
#[derive(Serialize)]
struct BasisView<'a> {
    role: Role,
    key: &'a str,
    comparison: Comparison,
}

/// figures.json, compact, with a final newline.
pub fn figures_json(publication: &Publication) -> Result<Vec<u8>, String> {
    let settings = &publication.settings.settings;
    let figures: &Figures = &publication.figures;
    let file = FiguresFile {
        year: settings.year,
        publication_date: settings.publication_date.to_string(),
        publisher: &settings.publisher,
        min_respondents: figures.min_respondents,
        rules: &figures.rules,
        roles: &figures.roles,
        variables: &figures.variables,
        national: unit(&figures.national),
        national_outcomes: outcomes(&figures.national_outcomes),
        specialties: figures.specialties.iter().map(specialty).collect(),
        warnings: &publication.warnings,
    };
    // About 300 bytes per variable and unit: a close first guess saves most reallocations.
    let units = 1 + figures
        .specialties
        .iter()
        .map(|specialty| 1 + specialty.clusters.len())
        .sum::<usize>();
    let mut json = Vec::with_capacity(units * figures.variables.len() * 320);
    serde_json::to_writer(&mut json, &file).map_err(|error| error.to_string())?;
    json.push(b'\n');
    Ok(json)
}

fn unit(figures: &UnitFigures) -> UnitView<'_> {
    UnitView {
        invited: figures.invited,
        respondents: figures.respondents,
        response_rate: view(figures.response_rate),
        variables: variables(&figures.variables),
    }
}

fn variables(variables: &[VariableFigures]) -> Vec<VariableView<'_>> {
    variables
        .iter()
        .map(|variable| VariableView {
            key: &variable.key,
            answers: variable.answers.iter().map(answer).collect(),
            base: variable.base,
            top: view(variable.top),
            stacked: variable
                .stacked
                .iter()
                .map(|segment| segment.map(Published))
                .collect(),
            top_against_nation: variable.top_against_nation,
            top_against_specialty: variable.top_against_specialty,
        })
        .collect()
}

fn answer(answer: &AnswerFigures) -> AnswerView {
    AnswerView {
        count: answer.count,
        percent: answer.share.map(|share| Published(share.rounded())),
    }
}

fn specialty(specialty: &SpecialtyFigures) -> SpecialtyView<'_> {
    SpecialtyView {
        name: &specialty.name,
        roster_members: specialty.roster_members,
        totals: unit(&specialty.totals),
        clusters: specialty.clusters.iter().map(cluster).collect(),
        ranges: specialty
            .ranges
            .iter()
            .map(|range| RangeView {
                key: &range.key,
                clusters_with_results: range.clusters_with_results,
                range: range.range.map(|range| LowHigh {
                    lowest: range.lowest.into(),
                    highest: range.highest.into(),
                }),
            })
            .collect(),
        outcomes: outcomes(&specialty.outcomes),
    }
}

fn cluster(cluster: &ClusterFigures) -> ClusterView<'_> {
    ClusterView {
        name: &cluster.name,
        members: cluster.members,
        coordinator: &cluster.coordinator,
        invited: cluster.invited,
        respondents: cluster.respondents,
        response_rate: view(cluster.response_rate),
        results: match &cluster.results {
            ClusterResults::Shown { variables: shown } => ResultsView::Shown {
                variables: variables(shown),
            },
            ClusterResults::Suppressed => ResultsView::Suppressed,
        },
        outcomes: cluster.outcomes.as_ref().map(outcomes),
        reflection: reflection(&cluster.reflection),
    }
}

fn outcomes(outcomes: &Outcomes) -> OutcomesView<'_> {
    OutcomesView {
        rarely_experienced: outcomes.rarely_experienced.as_ref().map(|items| {
            items
                .iter()
                .map(|item| ShareView {
                    key: &item.key,
                    share: item.share.into(),
                })
                .collect()
        }),
        rankings: outcomes
            .rankings
            .iter()
            .map(|(role, items)| {
                let keys = items
                    .iter()
                    .map(|item| KeyView { key: &item.key })
                    .collect();
                (*role, keys)
            })
            .collect(),
    }
}

fn reflection(reflection: &Reflection) -> ReflectionView<'_> {
    match reflection {
        Reflection::Positive { basis: inputs } => ReflectionView::Positive {
            basis: basis(inputs),
        },
        Reflection::Develop { basis: inputs } => ReflectionView::Develop {
            basis: basis(inputs),
        },
        Reflection::NotAssessed { reason } => ReflectionView::NotAssessed { reason: *reason },
    }
}

fn basis(inputs: &[ReflectionInput]) -> Vec<BasisView<'_>> {
    inputs
        .iter()
        .map(|input| BasisView {
            role: input.role,
            key: &input.key,
            comparison: input.comparison,
        })
        .collect()
}
