//! `data/figures.json`: every count and base with its published form, compact and serialized in
//! one pass straight from [`aggregate::Figures`].
//!
//! Each value is written once. A variable's answers are parallel arrays (`counts`, `percents`,
//! `stacked`) beside one `base`; a share whose base is given in the same object (the top box
//! beside its variable's base, the response rate beside the invited and the respondents) gives
//! only its count and its published value; no value is spelled twice (no "pct." text beside a
//! number). What a reader can total from the counts and the scale's flags (the blank answers,
//! the low box, the middle answer's share), a ranked item's share (the unit's top box) and the
//! values behind a reflection outcome (the cluster's and the specialty's top boxes) are left out.
//! The top box carries its comparisons; one that does not apply at a level (the nation against
//! itself, a specialty against its specialty) is absent, so `null` always means "one side has no
//! valid answers". A published value without decimals is an integer (`71`, not `71.0`).
//!
//! Nothing is collected before it is written: each view borrows the figures and serializes its
//! sequences from iterators, so the only allocation of any size is the output itself.

use aggregate::{
    ClusterFigures, ClusterResults, Comparison, Outcomes, Percent, Reflection, SpecialtyFigures,
    TopRange, UnitFigures, VariableFigures,
};
use danish::Rounded;
use format_api::{Publication, Role};
use serde::Serialize;
use serde::ser::{SerializeStruct, Serializer};

/// Writes figures.json to `out`, compact, with a final newline, as it is serialized.
pub fn write_figures_json(
    publication: &Publication,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    serde_json::to_writer(&mut *out, &FiguresFile(publication))?;
    out.write_all(b"\n")
}

/// A sequence serialized from a fresh iterator, item by item, without collecting it.
struct Seq<F>(F);

impl<F, I> Serialize for Seq<F>
where
    F: Fn() -> I,
    I: IntoIterator,
    I::Item: Serialize,
{
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq((self.0)())
    }
}

/// A map serialized from a fresh iterator of pairs, entry by entry.
struct Map<F>(F);

impl<F, I, K, V> Serialize for Map<F>
where
    F: Fn() -> I,
    I: IntoIterator<Item = (K, V)>,
    K: Serialize,
    V: Serialize,
{
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map((self.0)())
    }
}

/// A published value as a JSON number: an integer at no decimals ("71"), else with its decimals
/// ("65.7", "48.0").
#[derive(Clone, Copy)]
struct Published(Rounded);

impl Published {
    fn of(percent: Percent) -> Published {
        Published(percent.rounded())
    }
}

impl Serialize for Published {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.0.decimals == 0 {
            serializer.serialize_u64(self.0.scaled)
        } else {
            serializer.serialize_f64(self.0.value())
        }
    }
}

/// A share whose base is not given beside it: the exact fraction and the published value.
#[derive(Serialize)]
struct PercentView {
    count: u64,
    base: u64,
    percent: Published,
}

impl From<Percent> for PercentView {
    fn from(percent: Percent) -> PercentView {
        PercentView {
            count: percent.share.part,
            base: percent.share.whole,
            percent: Published::of(percent),
        }
    }
}

/// Which comparisons a unit's variables carry.
#[derive(Clone, Copy)]
enum Level {
    /// None: the nation is what the others are compared with.
    Nation,
    /// Against the nation.
    Specialty,
    /// Against the nation and against its specialty.
    Cluster,
}

/// The whole file.
struct FiguresFile<'a>(&'a Publication);

impl Serialize for FiguresFile<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let settings = &self.0.settings.settings;
        let figures = &self.0.figures;
        let mut file = serializer.serialize_struct("FiguresFile", 11)?;
        file.serialize_field("year", &settings.year)?;
        file.serialize_field("publication_date", &settings.publication_date.to_string())?;
        file.serialize_field("publisher", &settings.publisher)?;
        file.serialize_field("min_respondents", &figures.min_respondents)?;
        file.serialize_field("rules", &figures.rules)?;
        file.serialize_field("roles", &figures.roles)?;
        file.serialize_field("variables", &figures.variables)?;
        file.serialize_field("national", &UnitView(&figures.national, Level::Nation))?;
        file.serialize_field(
            "national_outcomes",
            &OutcomesView(&figures.national_outcomes),
        )?;
        file.serialize_field(
            "specialties",
            &Seq(|| figures.specialties.iter().map(SpecialtyView)),
        )?;
        file.serialize_field("warnings", &self.0.warnings)?;
        file.end()
    }
}

/// The nation or a specialty: participation and every variable.
struct UnitView<'a>(&'a UnitFigures, Level);

impl Serialize for UnitView<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let UnitView(unit, level) = *self;
        let mut view = serializer.serialize_struct("Unit", 4)?;
        view.serialize_field("invited", &unit.invited)?;
        view.serialize_field("respondents", &unit.respondents)?;
        view.serialize_field("response_rate", &unit.response_rate.map(Published::of))?;
        view.serialize_field("variables", &VariablesView(&unit.variables, level))?;
        view.end()
    }
}

/// A unit's variables, in the order of the file's `variables`.
struct VariablesView<'a>(&'a [VariableFigures], Level);

impl Serialize for VariablesView<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let VariablesView(variables, level) = *self;
        serializer.collect_seq(
            variables
                .iter()
                .map(|variable| VariableView(variable, level)),
        )
    }
}

/// One variable of one unit: the base, its answers as parallel arrays (`counts`, `percents`,
/// `stacked`, in the scale's order) and the top box.
struct VariableView<'a>(&'a VariableFigures, Level);

impl Serialize for VariableView<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let VariableView(variable, level) = *self;
        let answers = &variable.answers;
        let mut view = serializer.serialize_struct("Variable", 8)?;
        view.serialize_field("key", &variable.key)?;
        view.serialize_field("base", &variable.base)?;
        view.serialize_field("counts", &Seq(|| answers.iter().map(|answer| answer.count)))?;
        view.serialize_field(
            "percents",
            &Seq(|| answers.iter().map(|answer| answer.share.map(Published::of))),
        )?;
        // Padded with nulls to the answers' length when the base is empty.
        view.serialize_field(
            "stacked",
            &Seq(|| {
                (0..answers.len()).map(|answer| {
                    variable
                        .stacked
                        .get(answer)
                        .copied()
                        .flatten()
                        .map(Published)
                })
            }),
        )?;
        view.serialize_field(
            "top",
            &variable.top.map(|top| TopView(top, variable, level)),
        )?;
        view.end()
    }
}

/// A variable's top box: its count, its published value (the base is the variable's) and its
/// comparisons as published, those that apply at the unit's level.
struct TopView<'a>(Percent, &'a VariableFigures, Level);

impl Serialize for TopView<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let TopView(top, variable, level) = *self;
        let mut view = serializer.serialize_struct("Top", 4)?;
        view.serialize_field("count", &top.share.part)?;
        view.serialize_field("percent", &Published::of(top))?;
        match level {
            Level::Nation => view.skip_field("against_nation")?,
            Level::Specialty | Level::Cluster => {
                view.serialize_field("against_nation", &variable.top_against_nation)?
            }
        }
        match level {
            Level::Nation | Level::Specialty => view.skip_field("against_specialty")?,
            Level::Cluster => {
                view.serialize_field("against_specialty", &variable.top_against_specialty)?
            }
        }
        view.end()
    }
}

/// A specialty: its totals, its clusters, the ranges across them and its outcomes.
struct SpecialtyView<'a>(&'a SpecialtyFigures);

impl Serialize for SpecialtyView<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let specialty = self.0;
        let mut view = serializer.serialize_struct("Specialty", 6)?;
        view.serialize_field("name", &specialty.name)?;
        view.serialize_field("roster_members", &specialty.roster_members)?;
        view.serialize_field("totals", &UnitView(&specialty.totals, Level::Specialty))?;
        view.serialize_field(
            "clusters",
            &Seq(|| specialty.clusters.iter().map(ClusterView)),
        )?;
        view.serialize_field("ranges", &Seq(|| specialty.ranges.iter().map(RangeView)))?;
        view.serialize_field("outcomes", &OutcomesView(&specialty.outcomes))?;
        view.end()
    }
}

/// The lowest and highest cluster top box of one variable, or `null` with too few clusters.
struct RangeView<'a>(&'a TopRange);

impl Serialize for RangeView<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct LowHigh {
            lowest: PercentView,
            highest: PercentView,
        }
        let range = self.0;
        let mut view = serializer.serialize_struct("Range", 3)?;
        view.serialize_field("key", &range.key)?;
        view.serialize_field("clusters_with_results", &range.clusters_with_results)?;
        view.serialize_field(
            "range",
            &range.range.map(|range| LowHigh {
                lowest: range.lowest.into(),
                highest: range.highest.into(),
            }),
        )?;
        view.end()
    }
}

/// A cluster: roster facts, participation, its results unless suppressed, its outcomes and its
/// reflection outcome.
struct ClusterView<'a>(&'a ClusterFigures);

impl Serialize for ClusterView<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let cluster = self.0;
        let mut view = serializer.serialize_struct("Cluster", 9)?;
        view.serialize_field("name", &cluster.name)?;
        view.serialize_field("members", &cluster.members)?;
        view.serialize_field("coordinator", &cluster.coordinator)?;
        view.serialize_field("invited", &cluster.invited)?;
        view.serialize_field("respondents", &cluster.respondents)?;
        view.serialize_field("response_rate", &cluster.response_rate.map(Published::of))?;
        view.serialize_field("results", &ResultsView(&cluster.results))?;
        view.serialize_field("outcomes", &cluster.outcomes.as_ref().map(OutcomesView))?;
        view.serialize_field("reflection", &ReflectionView(&cluster.reflection))?;
        view.end()
    }
}

/// `{"status": "shown", "variables": […]}` or `{"status": "suppressed"}`.
struct ResultsView<'a>(&'a ClusterResults);

impl Serialize for ResultsView<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut view = serializer.serialize_struct("Results", 2)?;
        match self.0 {
            ClusterResults::Shown { variables: shown } => {
                view.serialize_field("status", "shown")?;
                view.serialize_field("variables", &VariablesView(shown, Level::Cluster))?;
            }
            ClusterResults::Suppressed => view.serialize_field("status", "suppressed")?,
        }
        view.end()
    }
}

/// The rules' outcomes for one unit.
struct OutcomesView<'a>(&'a Outcomes);

impl Serialize for OutcomesView<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        /// An item whose low box reaches the threshold, with that low box (given only here).
        #[derive(Serialize)]
        struct Rare<'a> {
            key: &'a str,
            share: PercentView,
        }
        let outcomes = self.0;
        let mut view = serializer.serialize_struct("Outcomes", 2)?;
        view.serialize_field(
            "rarely_experienced",
            &outcomes.rarely_experienced.as_ref().map(|items| {
                Seq(move || {
                    items.iter().map(|item| Rare {
                        key: &item.key,
                        share: item.share.into(),
                    })
                })
            }),
        )?;
        // Per role, the items' keys in order: their shares are the unit's top boxes.
        view.serialize_field(
            "rankings",
            &Map(|| {
                outcomes.rankings.iter().map(|(role, items)| {
                    (
                        role,
                        Seq(move || items.iter().map(|item| item.key.as_str())),
                    )
                })
            }),
        )?;
        view.end()
    }
}

/// `{"outcome": "positive" | "develop", "basis": […]}` or
/// `{"outcome": "not_assessed", "reason": …}`.
struct ReflectionView<'a>(&'a Reflection);

impl Serialize for ReflectionView<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        /// One comparison behind an outcome; both values are the units' top boxes.
        #[derive(Serialize)]
        struct Basis<'a> {
            role: Role,
            key: &'a str,
            comparison: Comparison,
        }
        let mut view = serializer.serialize_struct("Reflection", 2)?;
        let (outcome, basis) = match self.0 {
            Reflection::Positive { basis } => ("positive", basis),
            Reflection::Develop { basis } => ("develop", basis),
            Reflection::NotAssessed { reason } => {
                view.serialize_field("outcome", "not_assessed")?;
                view.serialize_field("reason", reason)?;
                return view.end();
            }
        };
        view.serialize_field("outcome", outcome)?;
        view.serialize_field(
            "basis",
            &Seq(|| {
                basis.iter().map(|input| Basis {
                    role: input.role,
                    key: &input.key,
                    comparison: input.comparison,
                })
            }),
        )?;
        view.end()
    }
}

#[cfg(test)]
mod tests {
    use aggregate::AnswerFigures;

    use super::*;

    #[test]
    fn a_variable_nobody_answered_keeps_its_arrays_parallel_to_the_answers() {
        let variable = VariableFigures {
            key: "understoetter".to_owned(),
            answers: vec![
                AnswerFigures {
                    count: 0,
                    share: None,
                };
                3
            ],
            blank: 4,
            base: 0,
            top: None,
            low: None,
            middle: None,
            stacked: Vec::new(),
            top_against_nation: None,
            top_against_specialty: None,
        };
        let written = serde_json::to_value(VariableView(&variable, Level::Cluster));
        assert_eq!(
            written.unwrap(),
            serde_json::json!({
                "key": "understoetter",
                "base": 0,
                "counts": [0, 0, 0],
                "percents": [null, null, null],
                "stacked": [null, null, null],
                "top": null,
            })
        );
    }
}
