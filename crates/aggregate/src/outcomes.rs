//! The rules behind the computed sentences: roles resolved to variables, rankings, the elements
//! rarely experienced, and the reflection outcome per cluster. Composers only choose wording from
//! these outcomes (see `docs/figures.md`).

use std::collections::BTreeMap;

use danish::Rounded;
use model::{Role, SurveyDefinition};
use serde::Serialize;

use crate::{Comparison, Percent, VariableFigures, VariableInfo};

/// An experience item is "rarely experienced" in a unit when its low box, as published, is at
/// least this many percent.
pub const RARELY_EXPERIENCED_FROM: u64 = 10;

/// The matrix roles whose items are ranked by top box per unit ("the three highest").
pub const RANKED_ROLES: [Role; 3] = [Role::Importance, Role::Experience, Role::Motivation];

/// The roles whose comparison with the specialty decides a cluster's reflection outcome.
pub const REFLECTION_ROLES: [Role; 2] = [Role::Support, Role::Improvements];

/// The constants of the rules, written into figures.json beside the outcomes they decide.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct RuleConstants {
    /// [`RARELY_EXPERIENCED_FROM`], in whole percent.
    pub rarely_experienced_from: u64,
    /// [`crate::MIN_CLUSTERS_FOR_RANGE`].
    pub min_clusters_for_range: usize,
    /// [`RANKED_ROLES`].
    pub ranked_roles: [Role; 3],
    /// [`REFLECTION_ROLES`].
    pub reflection_roles: [Role; 2],
}

impl RuleConstants {
    /// The constants this build applies.
    pub const CURRENT: RuleConstants = RuleConstants {
        rarely_experienced_from: RARELY_EXPERIENCED_FROM,
        min_clusters_for_range: crate::MIN_CLUSTERS_FOR_RANGE,
        ranked_roles: RANKED_ROLES,
        reflection_roles: REFLECTION_ROLES,
    };
}

/// The roles of the definition, resolved to the variables of the figures.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ResolvedRoles {
    /// Per role the definition names: its question and variables.
    pub questions: BTreeMap<Role, ResolvedRole>,
    /// Importance ↔ experience variables, in the definition's order.
    pub expectation_pairs: Vec<ResolvedPair>,
}

/// The question that plays a role and its variables.
#[derive(Debug, Clone, Serialize)]
pub struct ResolvedRole {
    /// The question's id.
    pub question: String,
    /// Its variables' keys (one for a single-choice question, one per item for a matrix).
    pub variables: Vec<String>,
    /// Its variables, as indices into [`crate::Figures::variables`].
    #[serde(skip)]
    pub indices: Vec<usize>,
}

/// An importance variable and the experience variable shown beside it.
#[derive(Debug, Clone, Serialize)]
pub struct ResolvedPair {
    /// Key of the importance variable.
    pub importance: String,
    /// Key of the experience variable.
    pub experience: String,
    /// The two variables, as indices into [`crate::Figures::variables`].
    #[serde(skip)]
    pub indices: (usize, usize),
}

impl ResolvedRoles {
    /// Resolves the definition's roles against the variables (in [`SurveyDefinition::variables`]
    /// order). A role or pair naming something the definition lacks resolves to nothing; a
    /// validated definition has no such role.
    pub(crate) fn resolve(definition: &SurveyDefinition, variables: &[VariableInfo]) -> Self {
        let mut questions = BTreeMap::new();
        for role in Role::ALL {
            let Some(question) = definition.role_question(role) else {
                continue;
            };
            let question = &definition.questions[question];
            if question.kind != role.kind() {
                continue;
            }
            let indices: Vec<usize> = (0..variables.len())
                .filter(|&index| variables[index].question == question.id)
                .collect();
            questions.insert(
                role,
                ResolvedRole {
                    question: question.id.clone(),
                    variables: indices
                        .iter()
                        .map(|&index| variables[index].key.clone())
                        .collect(),
                    indices,
                },
            );
        }
        let item = |role: Role, item: &str| -> Option<usize> {
            let resolved: &ResolvedRole = questions.get(&role)?;
            resolved
                .indices
                .iter()
                .copied()
                .find(|&index| variables[index].item.as_deref() == Some(item))
        };
        let expectation_pairs = definition
            .roles
            .expectation_pairs
            .iter()
            .filter_map(|pair| {
                let importance = item(Role::Importance, &pair.importance)?;
                let experience = item(Role::Experience, &pair.experience)?;
                Some(ResolvedPair {
                    importance: variables[importance].key.clone(),
                    experience: variables[experience].key.clone(),
                    indices: (importance, experience),
                })
            })
            .collect();
        ResolvedRoles {
            questions,
            expectation_pairs,
        }
    }
}

/// An item of a ranking or list, with the share that placed it.
#[derive(Debug, Clone)]
pub struct RankedItem {
    /// The variable's key.
    pub key: String,
    /// The variable, as an index into [`crate::Figures::variables`].
    pub variable: usize,
    /// The share it was ranked by (top box for a ranking, low box for the rarely experienced).
    pub share: Percent,
}

/// The outcomes of the rules for one unit (the nation, a specialty or a shown cluster).
#[derive(Debug, Clone)]
pub struct Outcomes {
    /// The experience items whose low box as published is at least [`RARELY_EXPERIENCED_FROM`],
    /// highest exact share first (ties in questionnaire order); `None` when the definition has no
    /// experience role or nobody in the unit answered any of its items.
    pub rarely_experienced: Option<Vec<RankedItem>>,
    /// Per role of [`RANKED_ROLES`] the definition names: its items by exact top box, highest
    /// first (ties in questionnaire order); items without valid answers are left out.
    pub rankings: BTreeMap<Role, Vec<RankedItem>>,
}

impl Outcomes {
    /// The unit's outcomes from its variables.
    pub(crate) fn of(roles: &ResolvedRoles, variables: &[VariableFigures]) -> Outcomes {
        let rankings = RANKED_ROLES
            .iter()
            .filter_map(|role| {
                let resolved = roles.questions.get(role)?;
                Some((*role, ranked(&resolved.indices, variables, |v| v.top)))
            })
            .collect();
        Outcomes {
            rarely_experienced: roles
                .questions
                .get(&Role::Experience)
                .map(|resolved| ranked(&resolved.indices, variables, |v| v.low))
                .filter(|items| !items.is_empty())
                .map(|items| {
                    let threshold = Rounded {
                        scaled: RARELY_EXPERIENCED_FROM,
                        decimals: 0,
                    };
                    items
                        .into_iter()
                        .filter(|item| item.share.rounded() >= threshold)
                        .collect()
                }),
            rankings,
        }
    }

    /// The ranking of a role's items; empty when the role is missing, not ranked, or nobody
    /// answered.
    pub fn ranking(&self, role: Role) -> &[RankedItem] {
        self.rankings.get(&role).map_or(&[], Vec::as_slice)
    }
}

/// The items with a share, highest exact share first; the sort is stable, so ties keep the
/// questionnaire order.
fn ranked(
    indices: &[usize],
    variables: &[VariableFigures],
    share: impl Fn(&VariableFigures) -> Option<Percent>,
) -> Vec<RankedItem> {
    let mut items: Vec<RankedItem> = indices
        .iter()
        .filter_map(|&index| {
            Some(RankedItem {
                key: variables[index].key.clone(),
                variable: index,
                share: share(&variables[index])?,
            })
        })
        .collect();
    items.sort_by(|a, b| b.share.share.cmp_exact(a.share.share));
    items
}

/// Which discussion questions suit a cluster: the rule of `docs/figures.md`, "Reflection".
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reflection {
    /// At or above its specialty (as published) on every role compared.
    Positive {
        /// The comparisons the outcome rests on.
        basis: Vec<ReflectionInput>,
    },
    /// Below its specialty on at least one role compared.
    Develop {
        /// The comparisons the outcome rests on.
        basis: Vec<ReflectionInput>,
    },
    /// The rule could not be applied.
    NotAssessed {
        /// Why.
        reason: NotAssessed,
    },
}

/// One comparison behind a reflection outcome.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReflectionInput {
    /// The role compared.
    pub role: Role,
    /// The variable's key.
    pub key: String,
    /// The cluster's top box.
    pub cluster: Percent,
    /// The specialty's top box.
    pub specialty: Percent,
    /// The cluster against the specialty, as published.
    pub comparison: Comparison,
}

/// Why a cluster's reflection outcome could not be assessed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NotAssessed {
    /// Fewer respondents than the minimum: its answers are not published.
    Suppressed,
    /// The definition names none of [`REFLECTION_ROLES`].
    NoRoles,
    /// Nobody in the cluster (or its specialty) gave a valid answer to the roles' questions.
    NoAnswers,
}

impl Reflection {
    /// The outcome for a shown cluster, from its variables and its specialty's.
    pub(crate) fn of(
        roles: &ResolvedRoles,
        cluster: &[VariableFigures],
        specialty: &[VariableFigures],
    ) -> Reflection {
        let present: Vec<(Role, usize)> = REFLECTION_ROLES
            .iter()
            .filter_map(|role| Some((*role, *roles.questions.get(role)?.indices.first()?)))
            .collect();
        if present.is_empty() {
            return Reflection::NotAssessed {
                reason: NotAssessed::NoRoles,
            };
        }
        let basis: Vec<ReflectionInput> = present
            .into_iter()
            .filter_map(|(role, index)| {
                let (own, theirs) = (cluster[index].top?, specialty[index].top?);
                Some(ReflectionInput {
                    role,
                    key: cluster[index].key.clone(),
                    cluster: own,
                    specialty: theirs,
                    comparison: Comparison::of(own, theirs),
                })
            })
            .collect();
        if basis.is_empty() {
            Reflection::NotAssessed {
                reason: NotAssessed::NoAnswers,
            }
        } else if basis
            .iter()
            .all(|input| input.comparison != Comparison::Under)
        {
            Reflection::Positive { basis }
        } else {
            Reflection::Develop { basis }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ClusterResults, Figures, aggregate};
    use model::{Cluster, Invitee, Specialty, Survey};

    /// Answer indices of the scale `grad`: 0 and 1 top, 2 middle, 3 low, 4 outside the base.
    const QUESTIONS: &str = r#"
        [columns]
        respondent_id = "id"
        cluster = "klynge"
        status = "status"
        [status]
        respondent = ["Gennemført"]
        non_respondent = ["Ikke besvaret"]
        [scales.grad]
        answers = [
          { code = 1, label = "Meget", top = true },
          { code = 2, label = "Høj", top = true },
          { code = 3, label = "Nogen" },
          { code = 4, label = "Lav", low = true },
          { code = 9, label = "Ved ikke", outside_base = true },
        ]
        [scales.janej]
        answers = [
          { code = 1, label = "Ja", top = true },
          { code = 2, label = "Nej" },
          { code = 9, label = "Ved ikke", outside_base = true },
        ]
        [[questions]]
        id = "stoette"
        text = "Støtter det?"
        kind = "single"
        column = "Q1"
        scale = "grad"
        [[questions]]
        id = "bedre"
        text = "Forbedringer?"
        kind = "single"
        column = "Q2"
        scale = "janej"
        [[questions]]
        id = "oplevet"
        text = "Oplever du?"
        kind = "matrix"
        scale = "grad"
        items = [
          { id = "a", text = "A", column = "Q3_1" },
          { id = "b", text = "B", column = "Q3_2" },
          { id = "c", text = "C", column = "Q3_3" },
        ]
        [[questions]]
        id = "motiv"
        text = "Motiverer?"
        kind = "matrix"
        scale = "grad"
        items = [
          { id = "x", text = "X", column = "Q4_1" },
          { id = "y", text = "Y", column = "Q4_2" },
          { id = "z", text = "Z", column = "Q4_3" },
        ]
        [[questions]]
        id = "ny"
        text = "Et nyt spørgsmål?"
        kind = "single"
        column = "Q5"
        scale = "janej"
    "#;

    const ALL_ROLES: &str = r#"
        [roles]
        support = "stoette"
        improvements = "bedre"
        experience = "oplevet"
        motivation = "motiv"
    "#;

    /// Answers of one cluster: per variable key, the count of each answer index; a cluster has as
    /// many respondents as its longest variable, the others left blank.
    type ClusterAnswers<'a> = (usize, &'a [(&'a str, &'a [u32])]);

    fn survey(roles: &str, clusters: &[ClusterAnswers<'_>]) -> Survey {
        let definition: SurveyDefinition =
            toml::from_str(&format!("{QUESTIONS}\n{roles}")).unwrap();
        assert_eq!(definition.problems(), Vec::<String>::new());
        let keys: Vec<String> = definition.variables().into_iter().map(|v| v.key).collect();
        let mut invitees = Vec::new();
        for (cluster, (_, answers)) in clusters.iter().enumerate() {
            let columns: Vec<Vec<Option<u16>>> = keys
                .iter()
                .map(|key| {
                    let counts = answers
                        .iter()
                        .find(|(wanted, _)| wanted == key)
                        .map_or(&[][..], |(_, counts)| *counts);
                    let mut column = Vec::new();
                    for (answer, &count) in counts.iter().enumerate() {
                        column.extend((0..count).map(|_| Some(answer as u16)));
                    }
                    column
                })
                .collect();
            let respondents = columns.iter().map(Vec::len).max().unwrap_or(0);
            for row in 0..respondents {
                invitees.push(Invitee {
                    cluster,
                    responded: true,
                    answers: columns
                        .iter()
                        .map(|column| column.get(row).copied().flatten())
                        .collect(),
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
                .map(|(index, (specialty, _))| Cluster {
                    name: format!("K{index}"),
                    specialty: *specialty,
                    members: 1,
                    coordinator: String::new(),
                })
                .collect(),
            invitees,
        }
    }

    fn keys(items: &[RankedItem]) -> Vec<&str> {
        items.iter().map(|item| item.key.as_str()).collect()
    }

    #[test]
    fn the_middle_answer_is_the_single_in_base_answer_outside_both_boxes() {
        // (scale answers as (outside_base, top, low), expected middle answer)
        type Flags = (bool, bool, bool);
        let cases: &[(&[Flags], Option<usize>)] = &[
            (
                &[
                    (false, true, false),
                    (false, true, false),
                    (false, false, false),
                    (false, false, true),
                    (true, false, false),
                ],
                Some(2),
            ),
            (
                &[
                    (false, true, false),
                    (false, false, false),
                    (true, false, false),
                ],
                Some(1),
            ),
            (
                &[
                    (false, true, false),
                    (false, false, true),
                    (true, false, false),
                ],
                None,
            ),
            (
                &[
                    (false, true, false),
                    (false, false, false),
                    (false, false, false),
                    (false, false, true),
                ],
                None,
            ),
        ];
        for (answers, expected) in cases {
            let scale = model::Scale {
                answers: answers
                    .iter()
                    .enumerate()
                    .map(|(code, &(outside_base, top, low))| model::ScaleAnswer {
                        code: code as i64,
                        label: format!("svar {code}"),
                        outside_base,
                        top,
                        low,
                    })
                    .collect(),
            };
            assert_eq!(crate::middle_answer(&scale), *expected, "{answers:?}");
        }
        // Its share: 3 of 8 in the base ("Ved ikke" is not), and "Nej" is the middle of yes/no.
        let figures = aggregate(
            &survey(
                ALL_ROLES,
                &[(0, &[("stoette", &[2, 2, 3, 1, 4]), ("bedre", &[1, 3])])],
            ),
            1,
        );
        let unit = &figures.specialties[0].totals.variables;
        assert_eq!(unit[0].middle.unwrap().pct(), "38 pct.");
        assert_eq!(unit[1].middle.unwrap().pct(), "75 pct.");
        let matrix = figures.variable_index("motiv.x").unwrap();
        assert_eq!(figures.variables[matrix].middle_answer, Some(2));
        assert!(unit[matrix].middle.is_none(), "nobody answered");
    }

    #[test]
    fn rarely_experienced_items_are_at_or_above_the_threshold_as_published() {
        // (case, answer counts of oplevet.a/b/c, expected for the specialty, for the nation)
        type Case<'a> = (
            &'a str,
            [&'a [u32]; 3],
            Option<&'a [&'a str]>,
            Option<&'a [&'a str]>,
        );
        let cases: &[Case<'_>] = &[
            (
                "exactly at the threshold: 1 of 10",
                [&[9, 0, 0, 1], &[10], &[0, 0, 10]],
                Some(&["oplevet.a"]),
                Some(&["oplevet.a"]),
            ),
            (
                "19 of 200 = 9,5: published 10 for the specialty, 9,5 for the nation",
                [&[0, 181, 0, 19], &[0, 182, 0, 18], &[]],
                Some(&["oplevet.a"]),
                Some(&[]),
            ),
            (
                "below: 1 of 11 = 9 pct.",
                [&[10, 0, 0, 1], &[], &[]],
                Some(&[]),
                Some(&[]),
            ),
            (
                "ordered by exact share: 30 > 13,3 > 12,5 (the last two both published 13)",
                [&[7, 0, 0, 1], &[13, 0, 0, 2], &[7, 0, 0, 3]],
                Some(&["oplevet.c", "oplevet.b", "oplevet.a"]),
                Some(&["oplevet.c", "oplevet.b", "oplevet.a"]),
            ),
            (
                "ties keep the questionnaire order; Ved ikke is outside the base",
                [&[4, 0, 0, 1], &[8, 0, 0, 2, 5], &[0, 4, 0, 1]],
                Some(&["oplevet.a", "oplevet.b", "oplevet.c"]),
                Some(&["oplevet.a", "oplevet.b", "oplevet.c"]),
            ),
            ("nobody answered", [&[], &[], &[]], None, None),
        ];
        for (case, [a, b, c], specialty, nation) in cases {
            let answers = [
                ("oplevet.a", *a),
                ("oplevet.b", *b),
                ("oplevet.c", *c),
                ("ny", &[1][..]),
            ];
            let figures = aggregate(&survey(ALL_ROLES, &[(0, &answers)]), 1);
            fn found(outcomes: &Outcomes) -> Option<Vec<&str>> {
                outcomes.rarely_experienced.as_deref().map(keys)
            }
            assert_eq!(
                found(&figures.specialties[0].outcomes).as_deref(),
                *specialty,
                "{case}: specialty"
            );
            assert_eq!(
                found(&figures.national_outcomes).as_deref(),
                *nation,
                "{case}: nation"
            );
        }
        // Without the experience role the rule cannot be applied.
        let roles = ALL_ROLES.replace("experience = \"oplevet\"", "");
        let figures = aggregate(&survey(&roles, &[(0, &[("oplevet.a", &[0, 0, 0, 5])])]), 1);
        assert!(figures.specialties[0].outcomes.rarely_experienced.is_none());
    }

    #[test]
    fn rankings_order_a_matrix_roles_items_by_exact_top_box() {
        // (case, answer counts of motiv.x/y/z, expected ranking with published shares)
        type Case<'a> = (&'a str, [&'a [u32]; 3], &'a [(&'a str, &'a str)]);
        let cases: &[Case<'_>] = &[
            (
                "highest first",
                [&[3, 0, 1], &[2, 2], &[0, 1, 3]],
                &[
                    ("motiv.y", "100 pct."),
                    ("motiv.x", "75 pct."),
                    ("motiv.z", "25 pct."),
                ],
            ),
            (
                "an exact tie keeps the questionnaire order",
                [&[1, 1, 2], &[1, 0, 0, 1], &[3, 0, 1]],
                &[
                    ("motiv.z", "75 pct."),
                    ("motiv.x", "50 pct."),
                    ("motiv.y", "50 pct."),
                ],
            ),
            (
                "published 67 both, 67 of 100 above 2 of 3; no answers: left out",
                [&[2, 0, 1], &[60, 7, 33], &[0, 0, 0, 0, 4]],
                &[("motiv.y", "67 pct."), ("motiv.x", "67 pct.")],
            ),
        ];
        for (case, [x, y, z], expected) in cases {
            let answers = [("motiv.x", *x), ("motiv.y", *y), ("motiv.z", *z)];
            let figures = aggregate(&survey(ALL_ROLES, &[(0, &answers)]), 1);
            let ranking: Vec<(&str, String)> = figures.specialties[0]
                .outcomes
                .ranking(Role::Motivation)
                .iter()
                .map(|item| (item.key.as_str(), item.share.pct()))
                .collect();
            let expected: Vec<(&str, String)> = expected
                .iter()
                .map(|(key, share)| (*key, (*share).to_owned()))
                .collect();
            assert_eq!(ranking, expected, "{case}");
            let ranked = &figures.specialties[0].outcomes.ranking(Role::Motivation)[0];
            assert_eq!(figures.variables[ranked.variable].key, ranked.key);
        }
    }

    #[test]
    fn clusters_are_compared_with_their_specialty_and_the_nation_as_published() {
        // (case, per cluster (specialty, top and not-top answers of stoette), expected per cluster
        // (against its specialty, against the nation); None for a suppressed cluster)
        type Case<'a> = (
            &'a str,
            &'a [(usize, [u32; 2])],
            &'a [Option<(Comparison, Comparison)>],
        );
        use Comparison::{Equal, Over, Under};
        let cases: &[Case<'_>] = &[
            (
                "67 and 60 against the specialty's 63 (5 of 8) and the nation's 62,5",
                &[(0, [2, 1]), (0, [3, 2])],
                &[Some((Over, Over)), Some((Under, Under))],
            ),
            (
                "2 of 3 and 65 of 97 are published 67, as are the specialty's and nation's 67 of 100",
                &[(0, [2, 1]), (0, [65, 32])],
                &[Some((Equal, Equal)), Some((Equal, Equal))],
            ),
            (
                "48 against the nation's 48,0",
                &[(0, [12, 13]), (1, [12, 13])],
                &[Some((Equal, Equal)), Some((Equal, Equal))],
            ),
            (
                "a suppressed cluster (2 answers) counts in the specialty's 70 but is not compared",
                &[(0, [2, 1]), (0, [3, 2]), (0, [2, 0])],
                &[Some((Under, Under)), Some((Under, Under)), None],
            ),
        ];
        for (case, clusters, expected) in cases {
            let answers: Vec<Vec<(&str, Vec<u32>)>> = clusters
                .iter()
                .map(|(_, [top, rest])| vec![("stoette", vec![*top, 0, *rest])])
                .collect();
            let borrowed: Vec<Vec<(&str, &[u32])>> = answers
                .iter()
                .map(|cluster| {
                    cluster
                        .iter()
                        .map(|(key, counts)| (*key, &counts[..]))
                        .collect()
                })
                .collect();
            let clusters: Vec<ClusterAnswers<'_>> = clusters
                .iter()
                .zip(&borrowed)
                .map(|((specialty, _), answers)| (*specialty, &answers[..]))
                .collect();
            let figures = aggregate(&survey(ALL_ROLES, &clusters), 3);
            let found: Vec<Option<(Comparison, Comparison)>> = all_clusters(&figures)
                .map(|cluster| {
                    let stoette = &cluster.results.shown()?[0];
                    Some((stoette.top_against_specialty?, stoette.top_against_nation?))
                })
                .collect();
            assert_eq!(found, *expected, "{case}");
        }
    }

    fn all_clusters(figures: &Figures) -> impl Iterator<Item = &crate::ClusterFigures> {
        figures
            .specialties
            .iter()
            .flat_map(|specialty| &specialty.clusters)
    }

    #[test]
    fn the_reflection_outcome_compares_support_and_improvements_with_the_specialty() {
        let positive = |basis: &[(Role, Comparison)]| (Some("positive"), basis.to_vec());
        let develop = |basis: &[(Role, Comparison)]| (Some("develop"), basis.to_vec());
        use Comparison::{Equal, Over, Under};
        use Role::{Improvements, Support};
        // (case, roles, answers of K0 and K1 (in one specialty), expected outcome of K0)
        type Case<'a> = (
            &'a str,
            &'a str,
            [&'a [(&'a str, &'a [u32])]; 2],
            Result<(Option<&'a str>, Vec<(Role, Comparison)>), NotAssessed>,
        );
        let cases: Vec<Case<'_>> = vec![
            (
                "above on both",
                ALL_ROLES,
                [
                    &[("stoette", &[4, 0, 1]), ("bedre", &[4, 1])],
                    &[("stoette", &[2, 0, 3]), ("bedre", &[2, 3])],
                ],
                Ok(positive(&[(Support, Over), (Improvements, Over)])),
            ),
            (
                "equal as published on support (4 of 6 against 67 of 100), above on improvements",
                ALL_ROLES,
                [
                    &[("stoette", &[4, 0, 2]), ("bedre", &[6])],
                    &[("stoette", &[63, 0, 31]), ("bedre", &[1, 1])],
                ],
                Ok(positive(&[(Support, Equal), (Improvements, Over)])),
            ),
            (
                "above on support, below on improvements",
                ALL_ROLES,
                [
                    &[("stoette", &[4, 0, 1]), ("bedre", &[1, 4])],
                    &[("stoette", &[2, 0, 3]), ("bedre", &[4, 1])],
                ],
                Ok(develop(&[(Support, Over), (Improvements, Under)])),
            ),
            (
                "only the support role: that one decides",
                "[roles]\nsupport = \"stoette\"",
                [
                    &[("stoette", &[4, 0, 1]), ("bedre", &[1, 4])],
                    &[("stoette", &[2, 0, 3]), ("bedre", &[4, 1])],
                ],
                Ok(positive(&[(Support, Over)])),
            ),
            (
                "no valid answers to support: improvements decides",
                ALL_ROLES,
                [
                    &[("stoette", &[0, 0, 0, 0, 5]), ("bedre", &[1, 4])],
                    &[("stoette", &[2, 0, 3]), ("bedre", &[4, 1])],
                ],
                Ok(develop(&[(Improvements, Under)])),
            ),
            (
                "no valid answers to either",
                ALL_ROLES,
                [
                    &[("stoette", &[0, 0, 0, 0, 5]), ("bedre", &[0, 0, 5])],
                    &[("stoette", &[2, 0, 3]), ("bedre", &[4, 1])],
                ],
                Err(NotAssessed::NoAnswers),
            ),
            (
                "neither role in the definition",
                "[roles]\nmotivation = \"motiv\"",
                [&[("stoette", &[5])], &[("stoette", &[5])]],
                Err(NotAssessed::NoRoles),
            ),
            (
                "suppressed: 4 respondents",
                ALL_ROLES,
                [
                    &[("stoette", &[4]), ("bedre", &[4])],
                    &[("stoette", &[0, 0, 5]), ("bedre", &[0, 5])],
                ],
                Err(NotAssessed::Suppressed),
            ),
        ];
        for (case, roles, [first, second], expected) in cases {
            let figures = aggregate(&survey(roles, &[(0, first), (0, second)]), 5);
            let cluster = &figures.specialties[0].clusters[0];
            let assessed = |outcome: &str, basis: &[ReflectionInput]| {
                let basis = basis
                    .iter()
                    .map(|input| (input.role, input.comparison))
                    .collect();
                Ok((Some(outcome.to_owned()), basis))
            };
            let found = match &cluster.reflection {
                Reflection::NotAssessed { reason } => Err(*reason),
                Reflection::Positive { basis } => assessed("positive", basis),
                Reflection::Develop { basis } => assessed("develop", basis),
            };
            let expected = expected.map(|(outcome, basis)| (outcome.map(str::to_owned), basis));
            assert_eq!(found, expected, "{case}");
            if matches!(cluster.results, ClusterResults::Suppressed) {
                assert!(cluster.outcomes.is_none(), "{case}");
            }
        }
    }

    #[test]
    fn roles_resolve_to_variables_and_are_written_with_their_keys() {
        let roles = format!(
            "{ALL_ROLES}\nimportance = \"motiv\"\nexpectation_pairs = [{{ importance = \"x\", experience = \"c\" }}]"
        );
        let figures = aggregate(&survey(&roles, &[(0, &[("stoette", &[1])])]), 1);
        assert_eq!(figures.role(Role::Support), Some(0));
        assert_eq!(figures.role(Role::Improvements), Some(1));
        assert_eq!(figures.role(Role::Motivation), None, "a matrix role");
        assert_eq!(
            figures.role(Role::Engagement),
            None,
            "not in the definition"
        );
        assert_eq!(figures.role_items(Role::Motivation), [5, 6, 7]);
        assert_eq!(figures.role_items(Role::Attendance), Vec::<usize>::new());
        assert_eq!(figures.expectation_pairs(), [(5, 4)]);
        assert_eq!(
            figures.role_question_text(Role::Experience),
            Some("Oplever du?")
        );
        assert_eq!(figures.questions_without_role(), [vec![8]]);
        let roles = serde_json::to_value(&figures.roles).unwrap();
        assert_eq!(
            roles["questions"]["motivation"],
            serde_json::json!({
                "question": "motiv",
                "variables": ["motiv.x", "motiv.y", "motiv.z"],
            })
        );
        assert_eq!(
            roles["expectation_pairs"],
            serde_json::json!([{ "importance": "motiv.x", "experience": "oplevet.c" }])
        );
        let rules = serde_json::to_value(figures.rules).unwrap();
        assert_eq!(rules["rarely_experienced_from"], 10);
    }
}
