//! Roles: what a document needs from the questionnaire, mapped to questions by the definition.
//!
//! Documents declare the roles each section needs ([`Role`]) and never name a question id, an
//! item id or an answer position. The survey definition's `[roles]` table says which question
//! plays which role, and pairs importance items with experience items.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::definition::{QuestionKind, SurveyDefinition};

/// What a question means to the documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Meeting attendance (top box: all or most meetings).
    Attendance,
    /// The respondent's own engagement (top box: high or very high).
    Engagement,
    /// What respondents do at the meetings (top box: always or often).
    Activity,
    /// Whether the cluster work supports quality work (top box; its middle answer).
    Support,
    /// How important each element of a meeting is (top box).
    Importance,
    /// How often each element is experienced (top box; low box: rarely or never).
    Experience,
    /// Whether the cluster has used data (top box: yes).
    DataUsed,
    /// The wish for more data (top box: yes).
    DataMore,
    /// Improvements made after a meeting (top box: yes).
    Improvements,
    /// What motivates improvements (top box; ranked).
    Motivation,
}

impl Role {
    /// Every role, in the order documents use them.
    pub const ALL: [Role; 10] = [
        Role::Attendance,
        Role::Engagement,
        Role::Activity,
        Role::Support,
        Role::Importance,
        Role::Experience,
        Role::DataUsed,
        Role::DataMore,
        Role::Improvements,
        Role::Motivation,
    ];

    /// The kind of question that can play the role: single choice or matrix.
    pub fn kind(self) -> QuestionKind {
        match self {
            Role::Activity | Role::Importance | Role::Experience | Role::Motivation => {
                QuestionKind::Matrix
            }
            Role::Attendance
            | Role::Engagement
            | Role::Support
            | Role::DataUsed
            | Role::DataMore
            | Role::Improvements => QuestionKind::Single,
        }
    }

    /// The key in the definition's `[roles]` table, e.g. "data_used".
    pub fn key(self) -> &'static str {
        match self {
            Role::Attendance => "attendance",
            Role::Engagement => "engagement",
            Role::Activity => "activity",
            Role::Support => "support",
            Role::Importance => "importance",
            Role::Experience => "experience",
            Role::DataUsed => "data_used",
            Role::DataMore => "data_more",
            Role::Improvements => "improvements",
            Role::Motivation => "motivation",
        }
    }

    /// One line on what the role means, for documentation and warnings.
    pub fn describe(self) -> &'static str {
        match self {
            Role::Attendance => {
                "meeting attendance (single choice; top box = all or most meetings)"
            }
            Role::Engagement => {
                "own engagement in the cluster work (single choice; top box = high)"
            }
            Role::Activity => {
                "what respondents do at the meetings (matrix; top box = always or often)"
            }
            Role::Support => {
                "whether the cluster work supports quality work (single choice; top box and middle answer)"
            }
            Role::Importance => "how important each meeting element is (matrix; top box)",
            Role::Experience => {
                "how often each meeting element is experienced (matrix; top box and low box)"
            }
            Role::DataUsed => "whether the cluster has used data (single choice; top box = yes)",
            Role::DataMore => {
                "the wish for more data in the cluster (single choice; top box = yes)"
            }
            Role::Improvements => {
                "improvements made after a meeting (single choice; top box = yes)"
            }
            Role::Motivation => "what motivates improvements (matrix; top box, ranked)",
        }
    }
}

/// The definition's `[roles]` table: which question plays each role, and the expectation pairs.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct Roles {
    /// Role → question id (the role keys of the table).
    #[serde(flatten)]
    pub questions: BTreeMap<Role, String>,
    /// Importance item ↔ experience item, side by side in the expectations chart.
    #[serde(default)]
    pub expectation_pairs: Vec<ExpectationPair>,
}

/// An importance item and the experience item it is shown against (item ids of the two
/// questions that play [`Role::Importance`] and [`Role::Experience`]).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExpectationPair {
    /// Item id of the importance question.
    pub importance: String,
    /// Item id of the experience question.
    pub experience: String,
}

impl Roles {
    /// The question id that plays `role`, if the definition names one.
    pub fn question(&self, role: Role) -> Option<&str> {
        self.questions.get(&role).map(String::as_str)
    }
}

impl SurveyDefinition {
    /// Index into [`SurveyDefinition::questions`] of the question that plays `role`; `None` when
    /// the definition names none (or, before [`SurveyDefinition::problems`], an unknown one).
    pub fn role_question(&self, role: Role) -> Option<usize> {
        let id = self.roles.question(role)?;
        self.questions.iter().position(|question| question.id == id)
    }

    /// Problems of the `[roles]` table: unknown questions, questions of the wrong kind, pairs
    /// naming unknown items or an item twice.
    pub(crate) fn role_problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        for (&role, id) in &self.roles.questions {
            let Some(question) = self.question(id) else {
                problems.push(format!(
                    "role '{}' names the question '{id}', which the definition lacks",
                    role.key()
                ));
                continue;
            };
            if question.kind != role.kind() {
                problems.push(format!(
                    "role '{}' needs a {} question; '{id}' is {}",
                    role.key(),
                    kind_name(role.kind()),
                    kind_name(question.kind)
                ));
            }
        }
        let pairs = &self.roles.expectation_pairs;
        if pairs.is_empty() {
            return problems;
        }
        for (role, side) in [
            (Role::Importance, "importance"),
            (Role::Experience, "experience"),
        ] {
            let Some(id) = self.roles.question(role) else {
                problems.push(format!(
                    "expectation_pairs name {side} items, but no question has the role '{side}'"
                ));
                continue;
            };
            let Some(question) = self.question(id) else {
                continue;
            };
            let mut paired = BTreeSet::new();
            for pair in pairs {
                let item = match role {
                    Role::Importance => &pair.importance,
                    _ => &pair.experience,
                };
                if !question.items.iter().any(|known| &known.id == item) {
                    problems.push(format!(
                        "expectation_pairs name the {side} item '{item}', which question '{id}' lacks"
                    ));
                }
                if !paired.insert(item.as_str()) {
                    problems.push(format!(
                        "expectation_pairs pair the {side} item '{item}' more than once"
                    ));
                }
            }
        }
        problems
    }
}

fn kind_name(kind: QuestionKind) -> &'static str {
    match kind {
        QuestionKind::Single => "single-choice",
        QuestionKind::Matrix => "matrix",
        QuestionKind::FreeText => "free-text",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DEFINITION: &str = r#"
        [columns]
        respondent_id = "id"
        cluster = "klynge"
        status = "status"
        [status]
        respondent = ["Gennemført"]
        non_respondent = ["Ikke besvaret"]
        [scales.janej]
        answers = [{ code = 1, label = "Ja", top = true }, { code = 2, label = "Nej" }]
        [[questions]]
        id = "hjaelp"
        text = "Hjælper det?"
        kind = "single"
        column = "Q1"
        scale = "janej"
        [[questions]]
        id = "vigtigt"
        text = "Hvad er vigtigt?"
        kind = "matrix"
        scale = "janej"
        items = [{ id = "a", text = "A", column = "Q2_1" }, { id = "b", text = "B", column = "Q2_2" }]
        [[questions]]
        id = "oplevet"
        text = "Hvad oplever du?"
        kind = "matrix"
        scale = "janej"
        items = [{ id = "x", text = "A", column = "Q3_1" }, { id = "y", text = "B", column = "Q3_2" }]
        [[questions]]
        id = "fri"
        text = "Kommentarer"
        kind = "free_text"
        column = "Q4"
    "#;

    fn definition(roles: &str) -> SurveyDefinition {
        toml::from_str(&format!("{DEFINITION}\n[roles]\n{roles}")).unwrap()
    }

    #[test]
    fn roles_map_to_questions_and_pairs_to_items() {
        let definition = definition(
            r#"
            support = "hjaelp"
            importance = "vigtigt"
            experience = "oplevet"
            expectation_pairs = [
              { importance = "a", experience = "y" },
              { importance = "b", experience = "x" },
            ]
            "#,
        );
        assert_eq!(definition.problems(), Vec::<String>::new());
        assert_eq!(definition.role_question(Role::Support), Some(0));
        assert_eq!(definition.role_question(Role::Experience), Some(2));
        assert_eq!(definition.role_question(Role::Motivation), None);
        assert_eq!(definition.roles.expectation_pairs[0].experience, "y");
    }

    #[test]
    fn a_definition_without_roles_loads() {
        let definition: SurveyDefinition = toml::from_str(DEFINITION).unwrap();
        assert_eq!(definition.roles, Roles::default());
        assert_eq!(definition.problems(), Vec::<String>::new());
    }

    #[test]
    fn an_unknown_role_is_refused_when_read() {
        let error = toml::from_str::<SurveyDefinition>(&format!(
            "{DEFINITION}\n[roles]\nsupprt = \"hjaelp\""
        ))
        .unwrap_err();
        assert!(error.to_string().contains("supprt"), "{error}");
    }

    #[test]
    fn role_problems_name_the_role_and_the_question() {
        // (roles table, expected problems)
        let cases: &[(&str, &[&str])] = &[
            (
                r#"support = "hjaelpe""#,
                &["role 'support' names the question 'hjaelpe', which the definition lacks"],
            ),
            (
                r#"motivation = "hjaelp""#,
                &["role 'motivation' needs a matrix question; 'hjaelp' is single-choice"],
            ),
            (
                r#"support = "fri""#,
                &["role 'support' needs a single-choice question; 'fri' is free-text"],
            ),
            (
                r#"
                importance = "vigtigt"
                experience = "oplevet"
                expectation_pairs = [{ importance = "c", experience = "x" }]
                "#,
                &["expectation_pairs name the importance item 'c', which question 'vigtigt' lacks"],
            ),
            (
                r#"
                importance = "vigtigt"
                experience = "oplevet"
                expectation_pairs = [
                  { importance = "a", experience = "x" },
                  { importance = "b", experience = "x" },
                ]
                "#,
                &["expectation_pairs pair the experience item 'x' more than once"],
            ),
            (
                r#"
                importance = "vigtigt"
                expectation_pairs = [{ importance = "a", experience = "x" }]
                "#,
                &[
                    "expectation_pairs name experience items, but no question has the role 'experience'",
                ],
            ),
        ];
        for (roles, expected) in cases {
            assert_eq!(definition(roles).problems(), *expected, "{roles}");
        }
    }

    #[test]
    fn every_role_has_a_key_matching_its_serde_name_and_a_description() {
        for role in Role::ALL {
            let parsed: BTreeMap<Role, u8> =
                toml::from_str(&format!("{} = 1", role.key())).unwrap();
            assert_eq!(parsed.keys().copied().collect::<Vec<_>>(), [role]);
            assert!(!role.describe().is_empty());
        }
    }
}
