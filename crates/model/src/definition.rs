//! The questionnaire as data: next year's changed survey needs a new definition, not new code.

use std::collections::{BTreeMap, BTreeSet};

use serde::Deserialize;

use crate::roles::Roles;

/// A survey definition, as read from its TOML file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SurveyDefinition {
    /// Columns that identify each row of the export.
    pub columns: IdentityColumns,
    /// Which status values exist and which of them count as a response.
    pub status: StatusRule,
    /// Where a coded export keeps its value labels.
    #[serde(default)]
    pub value_labels: ValueLabelSheet,
    /// Answer scales by name.
    pub scales: BTreeMap<String, Scale>,
    /// The questions, in questionnaire order.
    pub questions: Vec<Question>,
    /// Which question plays which role in the documents (optional: documents leave out what
    /// has no role).
    #[serde(default)]
    pub roles: Roles,
}

/// Column headers of the export that are not answers.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IdentityColumns {
    /// Unique respondent id.
    pub respondent_id: String,
    /// Cluster name as in the roster.
    pub cluster: String,
    /// Response status.
    pub status: String,
}

/// The status labels and which of them make a person a respondent.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatusRule {
    /// Statuses that count as a response, e.g. "Gennemført" and "Delvist besvaret".
    pub respondent: Vec<String>,
    /// Statuses that do not, e.g. "Ikke besvaret".
    pub non_respondent: Vec<String>,
    /// Optional codes a coded export uses for the statuses (status label → code), for an export
    /// whose value-label sheet does not list the status column.
    #[serde(default)]
    pub codes: BTreeMap<String, i64>,
}

impl StatusRule {
    /// Every status, respondent statuses first.
    pub fn labels(&self) -> impl Iterator<Item = &str> {
        self.respondent
            .iter()
            .chain(&self.non_respondent)
            .map(String::as_str)
    }

    /// The code of a status label, if the definition gives one.
    pub fn code(&self, label: &str) -> Option<i64> {
        self.codes.get(label).copied()
    }
}

/// The sheet of a coded export that maps codes to labels, with its three column headers.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ValueLabelSheet {
    /// Sheet name.
    pub sheet: String,
    /// Header of the column naming the variable (an export column header).
    pub variable: String,
    /// Header of the column holding the numeric code.
    pub value: String,
    /// Header of the column holding the label.
    pub label: String,
}

impl Default for ValueLabelSheet {
    fn default() -> Self {
        ValueLabelSheet {
            sheet: "Værdier".to_owned(),
            variable: "variable".to_owned(),
            value: "value".to_owned(),
            label: "label".to_owned(),
        }
    }
}

/// An ordered answer scale.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scale {
    /// The answers in the order they are shown.
    pub answers: Vec<ScaleAnswer>,
}

/// One answer of a scale.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScaleAnswer {
    /// The code a coded export uses when it has no value-label sheet.
    pub code: i64,
    /// The label as shown (and as a labelled export writes it).
    pub label: String,
    /// Outside the percentage base, such as "Ved ikke".
    #[serde(default)]
    pub outside_base: bool,
    /// Part of the top-2 box ("I høj grad", "I meget høj grad").
    #[serde(default)]
    pub top: bool,
    /// Part of the bottom box ("Sjældent", "Aldrig").
    #[serde(default)]
    pub low: bool,
}

/// What kind of question, and so how its columns are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuestionKind {
    /// One answer from a scale, in one column.
    Single,
    /// One answer from a scale per item, one column per item.
    Matrix,
    /// Free text: its column must exist, its content is never read into the model.
    FreeText,
}

/// A question of the survey.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    /// Stable id, e.g. "understoetter".
    pub id: String,
    /// The Danish question text shown in documents.
    pub text: String,
    /// How the question is answered.
    pub kind: QuestionKind,
    /// Scale name (single and matrix).
    #[serde(default)]
    pub scale: Option<String>,
    /// Export column (single and free text).
    #[serde(default)]
    pub column: Option<String>,
    /// Items (matrix only).
    #[serde(default)]
    pub items: Vec<Item>,
}

/// One item of a matrix question.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    /// Stable id within the question, e.g. "faglige_droeftelser".
    pub id: String,
    /// The item as shown, e.g. "Faglige drøftelser".
    pub text: String,
    /// Export column.
    pub column: String,
}

/// One answered cell per invited person: a single question, or one item of a matrix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variable {
    /// `question` or `question.item`, e.g. "prioritet.faglige_droeftelser".
    pub key: String,
    /// Index into [`SurveyDefinition::questions`].
    pub question: usize,
    /// Index into the question's items, for a matrix.
    pub item: Option<usize>,
    /// Export column header.
    pub column: String,
    /// Scale name.
    pub scale: String,
}

impl SurveyDefinition {
    /// Every answered variable in questionnaire order (free text excluded).
    pub fn variables(&self) -> Vec<Variable> {
        let mut variables = Vec::new();
        for (index, question) in self.questions.iter().enumerate() {
            let scale = question.scale.clone().unwrap_or_default();
            match question.kind {
                QuestionKind::Single => variables.push(Variable {
                    key: question.id.clone(),
                    question: index,
                    item: None,
                    column: question.column.clone().unwrap_or_default(),
                    scale,
                }),
                QuestionKind::Matrix => {
                    for (item_index, item) in question.items.iter().enumerate() {
                        variables.push(Variable {
                            key: format!("{}.{}", question.id, item.id),
                            question: index,
                            item: Some(item_index),
                            column: item.column.clone(),
                            scale: scale.clone(),
                        });
                    }
                }
                QuestionKind::FreeText => {}
            }
        }
        variables
    }

    /// Export columns of the free-text questions.
    pub fn free_text_columns(&self) -> Vec<&str> {
        self.questions
            .iter()
            .filter(|question| question.kind == QuestionKind::FreeText)
            .filter_map(|question| question.column.as_deref())
            .collect()
    }

    /// The question with this id.
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|question| question.id == id)
    }

    /// The scale a variable uses; `None` only for a definition that failed [`Self::problems`].
    pub fn scale(&self, name: &str) -> Option<&Scale> {
        self.scales.get(name)
    }

    /// Everything wrong with the definition, as sentences naming the question or scale.
    pub fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        for (name, scale) in &self.scales {
            if scale.answers.is_empty() {
                problems.push(format!("scale '{name}' has no answers"));
            }
            let mut labels = BTreeSet::new();
            let mut codes = BTreeSet::new();
            for answer in &scale.answers {
                if !labels.insert(answer.label.trim().to_lowercase()) {
                    problems.push(format!("scale '{name}' lists '{}' twice", answer.label));
                }
                if !codes.insert(answer.code) {
                    problems.push(format!("scale '{name}' uses code {} twice", answer.code));
                }
                if answer.outside_base && (answer.top || answer.low) {
                    problems.push(format!(
                        "scale '{name}': '{}' is outside the base and cannot be in the top or low box",
                        answer.label
                    ));
                }
            }
        }
        let mut status_codes = BTreeSet::new();
        for (label, code) in &self.status.codes {
            if !self.status.labels().any(|status| status == label) {
                problems.push(format!(
                    "status code {code} is given for '{label}', which is not a status"
                ));
            }
            if !status_codes.insert(code) {
                problems.push(format!("status code {code} is used twice"));
            }
        }
        let mut ids = BTreeSet::new();
        let mut columns: BTreeMap<&str, &str> = BTreeMap::new();
        let identity = [
            &self.columns.respondent_id,
            &self.columns.cluster,
            &self.columns.status,
        ];
        for column in identity {
            columns.insert(column, "the identity columns");
        }
        for question in &self.questions {
            if !ids.insert(question.id.as_str()) {
                problems.push(format!("question id '{}' is used twice", question.id));
            }
            let needs_scale = question.kind != QuestionKind::FreeText;
            match (&question.scale, needs_scale) {
                (Some(scale), true) if !self.scales.contains_key(scale) => problems.push(format!(
                    "question '{}' uses the unknown scale '{scale}' (known: {})",
                    question.id,
                    self.scales.keys().cloned().collect::<Vec<_>>().join(", ")
                )),
                (None, true) => problems.push(format!("question '{}' needs a scale", question.id)),
                (Some(_), false) => problems.push(format!(
                    "free-text question '{}' cannot have a scale",
                    question.id
                )),
                _ => {}
            }
            let mut question_columns: Vec<&str> = Vec::new();
            match question.kind {
                QuestionKind::Single | QuestionKind::FreeText => {
                    match question.column.as_deref() {
                        Some(column) => question_columns.push(column),
                        None => problems.push(format!("question '{}' needs a column", question.id)),
                    }
                    if !question.items.is_empty() {
                        problems.push(format!(
                            "only a matrix question has items ('{}')",
                            question.id
                        ));
                    }
                }
                QuestionKind::Matrix => {
                    if question.items.is_empty() {
                        problems.push(format!("matrix question '{}' has no items", question.id));
                    }
                    if question.column.is_some() {
                        problems.push(format!(
                            "matrix question '{}' takes a column per item, not one column",
                            question.id
                        ));
                    }
                    let mut item_ids = BTreeSet::new();
                    for item in &question.items {
                        if !item_ids.insert(item.id.as_str()) {
                            problems.push(format!(
                                "question '{}' lists item '{}' twice",
                                question.id, item.id
                            ));
                        }
                        question_columns.push(&item.column);
                    }
                }
            }
            for column in question_columns {
                if let Some(owner) = columns.insert(column, &question.id) {
                    problems.push(format!(
                        "column '{column}' is used by both {owner} and question '{}'",
                        question.id
                    ));
                }
            }
        }
        problems.extend(self.role_problems());
        problems
    }
}

impl Scale {
    /// The index of the answer with this label, ignoring case and surrounding white space.
    pub fn find_label(&self, label: &str) -> Option<usize> {
        let wanted = label.trim().to_lowercase();
        self.answers
            .iter()
            .position(|answer| answer.label.trim().to_lowercase() == wanted)
    }

    /// The index of the answer with this code.
    pub fn find_code(&self, code: i64) -> Option<usize> {
        self.answers.iter().position(|answer| answer.code == code)
    }

    /// The labels, comma separated, for error messages.
    pub fn labels(&self) -> String {
        let labels: Vec<&str> = self
            .answers
            .iter()
            .map(|answer| answer.label.as_str())
            .collect();
        labels.join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> SurveyDefinition {
        toml::from_str(text).unwrap()
    }

    const BASE: &str = r#"
        [columns]
        respondent_id = "id"
        cluster = "klynge"
        status = "status"
        [status]
        respondent = ["Gennemført"]
        non_respondent = ["Ikke besvaret"]
        [scales.janej]
        answers = [
          { code = 1, label = "Ja", top = true },
          { code = 2, label = "Nej" },
          { code = 9, label = "Ved ikke", outside_base = true },
        ]
    "#;

    #[test]
    fn a_matrix_gives_one_variable_per_item() {
        let definition = parse(&format!(
            r#"{BASE}
            [[questions]]
            id = "a"
            text = "A?"
            kind = "single"
            column = "Q1"
            scale = "janej"
            [[questions]]
            id = "m"
            text = "M?"
            kind = "matrix"
            scale = "janej"
            items = [{{ id = "x", text = "X", column = "Q2_1" }}, {{ id = "y", text = "Y", column = "Q2_2" }}]
            [[questions]]
            id = "fri"
            text = "Fri?"
            kind = "free_text"
            column = "Q3"
            "#
        ));
        assert_eq!(definition.problems(), Vec::<String>::new());
        let keys: Vec<String> = definition.variables().into_iter().map(|v| v.key).collect();
        assert_eq!(keys, ["a", "m.x", "m.y"]);
        assert_eq!(definition.free_text_columns(), ["Q3"]);
    }

    #[test]
    fn problems_name_the_question() {
        let definition = parse(&format!(
            r#"{BASE}
            [[questions]]
            id = "a"
            text = "A?"
            kind = "single"
            column = "Q1"
            scale = "jaenj"
            [[questions]]
            id = "b"
            text = "B?"
            kind = "single"
            column = "Q1"
            scale = "janej"
            "#
        ));
        assert_eq!(
            definition.problems(),
            [
                "question 'a' uses the unknown scale 'jaenj' (known: janej)",
                "column 'Q1' is used by both a and question 'b'",
            ]
        );
    }

    #[test]
    fn labels_match_ignoring_case_and_white_space() {
        let definition = parse(&format!("questions = []\n{BASE}"));
        let scale = definition.scale("janej").unwrap();
        assert_eq!(scale.find_label("  ved IKKE "), Some(2));
        assert_eq!(scale.find_label("Måske"), None);
        assert_eq!(scale.find_code(9), Some(2));
    }

    #[test]
    fn status_codes_name_known_statuses_once() {
        let base = BASE.replace(
            "non_respondent = [\"Ikke besvaret\"]",
            "non_respondent = [\"Ikke besvaret\"]\ncodes = { \"Gennemført\" = 1, \"Afbrudt\" = 1 }",
        );
        let definition = parse(&format!("questions = []\n{base}"));
        assert_eq!(definition.status.code("Gennemført"), Some(1));
        assert_eq!(
            definition.problems(),
            [
                "status code 1 is given for 'Afbrudt', which is not a status",
                "status code 1 is used twice",
            ]
        );
    }
}
