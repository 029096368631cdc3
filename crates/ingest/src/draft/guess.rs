//! The guesses behind a drafted definition, on plain data: matrix questions from "question -
//! item" texts, scales shared between questions, "Ved ikke"-like answers, top and low boxes,
//! statuses that count as a response, and roles.

/// The separator a survey tool writes between a matrix question's text and an item's text.
const ITEM_SEPARATOR: &str = " - ";

/// Labels of answers that are proposed outside the base, matched as parts of a label (lower case).
const DONT_KNOW: &[&str] = &[
    "ved ikke",
    "ikke relevant",
    "kan ikke svare",
    "ønsker ikke at svare",
    "don't know",
    "dont know",
    "do not know",
    "not applicable",
];

/// Parts of a status label (lower case) that make it a non-respondent status.
const NON_RESPONDENT: &[&str] = &[
    "ikke",
    "afmeld",
    "frameld",
    "fravalg",
    "not ",
    "no response",
    "opted out",
    "declined",
];

/// An export column holding the answers to a closed question.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Variable {
    /// The column header (the variable name).
    pub(crate) column: String,
    /// The variable's label from the variable sheet, or `None`.
    pub(crate) label: Option<String>,
    /// Codes and labels: from the value-label sheet, or the distinct values of a labelled export
    /// (numbered 1.. in order of first appearance).
    pub(crate) answers: Vec<(i64, String)>,
    /// Whether `answers` are distinct values found in the data (order and codes unknown).
    pub(crate) from_values: bool,
}

/// A drafted single or matrix question.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct DraftQuestion {
    /// Derived from the variable name(s).
    pub(crate) id: String,
    /// The question's text (the header when the export has no variable labels).
    pub(crate) text: String,
    /// Whether the text is only the variable name.
    pub(crate) text_is_name: bool,
    /// For a single question one item (its column); for a matrix one per item.
    pub(crate) items: Vec<DraftItem>,
    /// Whether this is a matrix question.
    pub(crate) matrix: bool,
    /// The answers (for a matrix of a labelled export: every value of any item).
    pub(crate) answers: Vec<(i64, String)>,
    /// Whether the answers are values found in the data, not a value-label list.
    pub(crate) from_values: bool,
}

/// One item (export column) of a drafted question.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct DraftItem {
    /// Derived from the variable name.
    pub(crate) id: String,
    /// The item's text (after "question - ").
    pub(crate) text: String,
    /// The export column.
    pub(crate) column: String,
}

/// An id from a variable name: ASCII, lower case, `_` between words ("Q5_1" → "q5_1").
pub(crate) fn derive_id(name: &str) -> String {
    danish::slug(name).replace('-', "_")
}

/// The longest question text `p` such that both labels read "p - …" with something after it.
fn shared_question_text<'a>(first: &'a str, second: &str) -> Option<&'a str> {
    first
        .match_indices(ITEM_SEPARATOR)
        .map(|(at, _)| &first[..at])
        .filter(|text| !text.trim().is_empty())
        .filter(|text| item_text(second, text).is_some() && item_text(first, text).is_some())
        .last()
}

/// The item text of a label "question - item", given the question text.
fn item_text<'a>(label: &'a str, question: &str) -> Option<&'a str> {
    label
        .strip_prefix(question)
        .and_then(|rest| rest.strip_prefix(ITEM_SEPARATOR))
        .map(str::trim)
        .filter(|item| !item.is_empty())
}

/// The variable name without a trailing item number after a separator: "Q5_1" → "Q5"; "Q5" and
/// "Q5b" have none.
fn name_stem(name: &str) -> Option<&str> {
    let stem = name.trim_end_matches(|c: char| c.is_ascii_digit());
    if stem.len() == name.len() {
        return None;
    }
    stem.strip_suffix(['_', '.', '-'])
        .filter(|stem| !stem.is_empty())
}

/// Whether two variables may be items of one matrix: the same codes and labels (values found in
/// a labelled export may differ between items: they are merged).
fn same_scale(first: &Variable, second: &Variable) -> bool {
    if first.from_values || second.from_values {
        return true;
    }
    first.answers == second.answers
}

/// Groups consecutive variables into questions. Variables whose labels read "question - item"
/// with the same question text and whose answers are the same form a matrix; without labels,
/// consecutive variables named `<stem>_<n>` with the same stem do.
pub(crate) fn group_questions(variables: &[Variable]) -> Vec<DraftQuestion> {
    let mut questions = Vec::new();
    let mut index = 0;
    while index < variables.len() {
        let first = &variables[index];
        let next = variables.get(index + 1);
        let by_text = next.and_then(|next| match (&first.label, &next.label) {
            (Some(a), Some(b)) if same_scale(first, next) => shared_question_text(a, b),
            _ => None,
        });
        let by_name = next.and_then(|next| match (&first.label, &next.label) {
            (None, None) if same_scale(first, next) => {
                name_stem(&first.column).filter(|stem| name_stem(&next.column) == Some(stem))
            }
            _ => None,
        });
        let mut end = index + 1;
        if let Some(question) = by_text {
            while let Some(next) = variables.get(end) {
                let fits = next
                    .label
                    .as_deref()
                    .is_some_and(|label| item_text(label, question).is_some());
                if !fits || !same_scale(first, next) {
                    break;
                }
                end += 1;
            }
        } else if let Some(stem) = by_name {
            while let Some(next) = variables.get(end) {
                if next.label.is_some()
                    || name_stem(&next.column) != Some(stem)
                    || !same_scale(first, next)
                {
                    break;
                }
                end += 1;
            }
        }
        let members = &variables[index..end];
        questions.push(if members.len() == 1 {
            single(first)
        } else {
            matrix(members, by_text)
        });
        index = end;
    }
    unique_ids(&mut questions);
    questions
}

fn single(variable: &Variable) -> DraftQuestion {
    DraftQuestion {
        id: derive_id(&variable.column),
        text: variable
            .label
            .clone()
            .unwrap_or_else(|| variable.column.clone()),
        text_is_name: variable.label.is_none(),
        items: vec![DraftItem {
            id: derive_id(&variable.column),
            text: String::new(),
            column: variable.column.clone(),
        }],
        matrix: false,
        answers: variable.answers.clone(),
        from_values: variable.from_values,
    }
}

fn matrix(members: &[Variable], question_text: Option<&str>) -> DraftQuestion {
    let columns: Vec<&str> = members.iter().map(|v| v.column.as_str()).collect();
    let prefix = common_prefix(&columns).trim_end_matches(['_', '.', '-', ' ']);
    let id = if prefix.is_empty() {
        format!("{}_matrix", derive_id(columns[0]))
    } else {
        derive_id(prefix)
    };
    let items = members
        .iter()
        .map(|variable| DraftItem {
            id: derive_id(&variable.column),
            text: match (question_text, &variable.label) {
                (Some(question), Some(label)) => {
                    item_text(label, question).unwrap_or(label).to_owned()
                }
                _ => variable.column.clone(),
            },
            column: variable.column.clone(),
        })
        .collect();
    let mut answers: Vec<(i64, String)> = Vec::new();
    let from_values = members.iter().any(|variable| variable.from_values);
    for variable in members {
        for (_, label) in &variable.answers {
            if !answers.iter().any(|(_, known)| known == label) {
                answers.push((answers.len() as i64 + 1, label.clone()));
            }
        }
    }
    if !from_values {
        answers = members[0].answers.clone();
    }
    DraftQuestion {
        id,
        text: question_text.map_or_else(|| prefix.to_owned(), str::to_owned),
        text_is_name: question_text.is_none(),
        items,
        matrix: true,
        answers,
        from_values,
    }
}

fn common_prefix<'a>(names: &[&'a str]) -> &'a str {
    let first = names[0];
    let mut length = first.len();
    for name in &names[1..] {
        length = first
            .char_indices()
            .zip(name.chars())
            .take_while(|((_, a), b)| a == b)
            .last()
            .map_or(0, |((at, a), _)| at + a.len_utf8())
            .min(length);
    }
    &first[..length]
}

/// Makes question ids unique by numbering repeats ("q5", "q5_2").
fn unique_ids(questions: &mut [DraftQuestion]) {
    let mut seen: Vec<String> = Vec::new();
    for question in questions.iter_mut() {
        let mut id = question.id.clone();
        let mut number = 2;
        while seen.contains(&id) {
            id = format!("{}_{number}", question.id);
            number += 1;
        }
        question.id.clone_from(&id);
        seen.push(id);
    }
}

/// A scale shared by questions whose answers are the same, named after its first question.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct DraftScale {
    /// The name: the first question's id.
    pub(crate) name: String,
    /// The answers with their proposed flags.
    pub(crate) answers: Vec<ProposedAnswer>,
    /// Ids of the questions using it.
    pub(crate) questions: Vec<String>,
    /// Whether the answers are values found in a labelled export (order to be checked).
    pub(crate) from_values: bool,
}

/// Groups the questions' answer lists into shared scales; returns the scales and, per question,
/// the index of its scale. Lists are the same when their codes and labels are (for values of a
/// labelled export: the same labels in any order).
pub(crate) fn share_scales(questions: &[DraftQuestion]) -> (Vec<DraftScale>, Vec<usize>) {
    let mut scales: Vec<(DraftScale, Vec<(i64, String)>)> = Vec::new();
    let mut chosen = Vec::new();
    for question in questions {
        let found = scales.iter().position(|(scale, answers)| {
            if question.from_values || scale.from_values {
                sorted_labels(answers) == sorted_labels(&question.answers)
            } else {
                *answers == question.answers
            }
        });
        let index = match found {
            Some(index) => index,
            None => {
                let mut answers = propose(&question.answers);
                if question.from_values {
                    // Values in order of appearance: no order to propose boxes from.
                    for answer in &mut answers {
                        (answer.top, answer.low) = (false, false);
                    }
                }
                scales.push((
                    DraftScale {
                        name: question.id.clone(),
                        answers,
                        questions: Vec::new(),
                        from_values: question.from_values,
                    },
                    question.answers.clone(),
                ));
                scales.len() - 1
            }
        };
        scales[index].0.questions.push(question.id.clone());
        chosen.push(index);
    }
    (scales.into_iter().map(|(scale, _)| scale).collect(), chosen)
}

fn sorted_labels(answers: &[(i64, String)]) -> Vec<String> {
    let mut labels: Vec<String> = answers
        .iter()
        .map(|(_, label)| label.trim().to_lowercase())
        .collect();
    labels.sort();
    labels
}

/// An answer with the proposed flags.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ProposedAnswer {
    /// The code.
    pub(crate) code: i64,
    /// The label.
    pub(crate) label: String,
    /// Proposed outside the base ("Ved ikke"-like).
    pub(crate) outside_base: bool,
    /// Proposed in the top box.
    pub(crate) top: bool,
    /// Proposed in the low box.
    pub(crate) low: bool,
}

/// Whether an answer reads like "Ved ikke" (don't know, not relevant).
pub(crate) fn is_dont_know(label: &str) -> bool {
    let label = label.trim().to_lowercase().replace('’', "'");
    DONT_KNOW.iter().any(|part| label.contains(part))
}

/// Proposes flags from the order: "Ved ikke"-like answers outside the base; of the answers in
/// the base, the first two are the top box and the last two the low box (4 or more answers), the
/// first and the last (3), or the first alone (2, such as Ja/Nej).
pub(crate) fn propose(answers: &[(i64, String)]) -> Vec<ProposedAnswer> {
    let in_base: Vec<usize> = (0..answers.len())
        .filter(|&index| !is_dont_know(&answers[index].1))
        .collect();
    let (top, low) = match in_base.len() {
        0 | 1 => (0, 0),
        2 => (1, 0),
        3 => (1, 1),
        _ => (2, 2),
    };
    answers
        .iter()
        .enumerate()
        .map(|(index, (code, label))| {
            let position = in_base.iter().position(|&at| at == index);
            ProposedAnswer {
                code: *code,
                label: label.clone(),
                outside_base: position.is_none(),
                top: position.is_some_and(|at| at < top),
                low: position.is_some_and(|at| at + low >= in_base.len()),
            }
        })
        .collect()
}

/// Whether a status label reads like a non-respondent status ("Ikke besvaret", "Frameldt").
pub(crate) fn is_non_respondent(label: &str) -> bool {
    let label = format!("{} ", label.trim().to_lowercase());
    NON_RESPONDENT.iter().any(|part| label.contains(part))
}

/// The roles the documents read, in the order a definition lists them, with the words in a
/// question's text (lower case) that make the role likely and whether it is a matrix question.
pub(crate) const ROLES: &[(&str, &[&str], bool)] = &[
    ("attendance", &["deltaget", "deltagelse", "attend"], false),
    ("engagement", &["engagement"], false),
    ("activity", &["gør du følgende", "activit"], true),
    ("support", &["understøtte", "support"], false),
    ("importance", &["vigtig", "important"], true),
    ("experience", &["oplever", "experience"], true),
    ("data_used", &["brugt data", "used data"], false),
    ("data_more", &["mere data", "more data"], false),
    ("improvements", &["forbedring", "improvement"], false),
    ("motivation", &["motivation"], true),
];

/// Per role, the id of the likely question (each question used at most once).
pub(crate) fn guess_roles(questions: &[DraftQuestion]) -> Vec<(&'static str, Option<&str>)> {
    let mut taken: Vec<&str> = Vec::new();
    ROLES
        .iter()
        .map(|(role, words, matrix)| {
            let found = questions.iter().find(|question| {
                let text = question.text.to_lowercase();
                question.matrix == *matrix
                    && !taken.contains(&question.id.as_str())
                    && words.iter().any(|word| text.contains(word))
            });
            let id = found.map(|question| question.id.as_str());
            taken.extend(id);
            (*role, id)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn coded(column: &str, label: &str, answers: &[&str]) -> Variable {
        Variable {
            column: column.to_owned(),
            label: Some(label.to_owned()),
            answers: answers
                .iter()
                .enumerate()
                .map(|(index, label)| (index as i64 + 1, (*label).to_owned()))
                .collect(),
            from_values: false,
        }
    }

    const JA_NEJ: &[&str] = &["Ja", "Nej", "Ved ikke"];
    const OFTE: &[&str] = &["Altid", "Ofte", "Nogle gange", "Sjældent", "Aldrig"];

    #[test]
    fn consecutive_question_item_labels_with_the_same_answers_form_a_matrix() {
        let variables = [
            coded("Q1", "Har du deltaget?", JA_NEJ),
            coded("Q3_1", "Hvor ofte gør du følgende? - Deler data", OFTE),
            coded(
                "Q3_2",
                "Hvor ofte gør du følgende? - Foreslår emner - også nye",
                OFTE,
            ),
            coded("Q4_1", "Hvor ofte oplever du følgende? - Deler data", OFTE),
            coded("Q4_2", "Hvor ofte oplever du følgende? - Ro", JA_NEJ),
            coded("Q5", "Fag - og andet", JA_NEJ),
        ];
        let questions = group_questions(&variables);
        let summary: Vec<(&str, bool, Vec<&str>, &str)> = questions
            .iter()
            .map(|question| {
                (
                    question.id.as_str(),
                    question.matrix,
                    question
                        .items
                        .iter()
                        .map(|item| item.text.as_str())
                        .collect(),
                    question.text.as_str(),
                )
            })
            .collect();
        assert_eq!(
            summary,
            [
                ("q1", false, vec![""], "Har du deltaget?"),
                (
                    "q3",
                    true,
                    vec!["Deler data", "Foreslår emner - også nye"],
                    "Hvor ofte gør du følgende?"
                ),
                // Different answers: not one matrix.
                (
                    "q4_1",
                    false,
                    vec![""],
                    "Hvor ofte oplever du følgende? - Deler data"
                ),
                (
                    "q4_2",
                    false,
                    vec![""],
                    "Hvor ofte oplever du følgende? - Ro"
                ),
                // A single question whose text holds the separator stays single.
                ("q5", false, vec![""], "Fag - og andet"),
            ]
        );
        assert_eq!(questions[1].items[1].id, "q3_2");
        assert_eq!(questions[1].items[1].column, "Q3_2");
    }

    #[test]
    fn without_labels_variables_named_stem_and_number_form_a_matrix() {
        let unlabelled = |column: &str| Variable {
            column: column.to_owned(),
            label: None,
            answers: vec![(1, "Ja".to_owned())],
            from_values: true,
        };
        let variables = ["Q1", "Q2_1", "Q2_2", "Q3_1"].map(unlabelled);
        let questions = group_questions(&variables);
        let ids: Vec<(&str, usize)> = questions
            .iter()
            .map(|question| (question.id.as_str(), question.items.len()))
            .collect();
        assert_eq!(ids, [("q1", 1), ("q2", 2), ("q3_1", 1)]);
        assert!(questions[1].text_is_name);
    }

    #[test]
    fn questions_with_the_same_codes_and_labels_share_a_scale_named_after_the_first() {
        let variables = [
            coded("Q7", "Har klyngen brugt data?", JA_NEJ),
            coded("Q8", "Vil du have mere data?", JA_NEJ),
            coded("Q9", "Har du ændret noget?", &["Ja", "Nej"]),
            coded("Q10", "Har du fået noget ud af det?", JA_NEJ),
        ];
        let questions = group_questions(&variables);
        let (scales, chosen) = share_scales(&questions);
        let names: Vec<(&str, Vec<&str>)> = scales
            .iter()
            .map(|scale| {
                (
                    scale.name.as_str(),
                    scale.questions.iter().map(String::as_str).collect(),
                )
            })
            .collect();
        assert_eq!(names, [("q7", vec!["q7", "q8", "q10"]), ("q9", vec!["q9"])]);
        assert_eq!(chosen, [0, 0, 1, 0]);
    }

    #[test]
    fn dont_know_like_answers_are_proposed_outside_the_base() {
        for label in [
            "Ved ikke",
            " VED IKKE ",
            "Ikke relevant",
            "Kan ikke svare",
            "Don’t know",
        ] {
            assert!(is_dont_know(label), "{label}");
        }
        for label in ["Ja", "Ikke vigtigt", "Slet ikke", "Nej"] {
            assert!(!is_dont_know(label), "{label}");
        }
    }

    #[test]
    fn boxes_are_proposed_from_the_order_of_the_answers_in_the_base() {
        let flags = |labels: &[&str]| -> Vec<(bool, bool, bool)> {
            let answers: Vec<(i64, String)> = labels
                .iter()
                .enumerate()
                .map(|(index, label)| (index as i64 + 1, (*label).to_owned()))
                .collect();
            propose(&answers)
                .into_iter()
                .map(|answer| (answer.top, answer.low, answer.outside_base))
                .collect()
        };
        let (t, l, o, n) = (
            (true, false, false),
            (false, true, false),
            (false, false, true),
            (false, false, false),
        );
        assert_eq!(
            flags(&["Meget", "Højt", "Middel", "Lavt", "Meget lavt", "Ved ikke"]),
            [t, t, n, l, l, o]
        );
        assert_eq!(
            flags(&["Meget vigtigt", "Vigtigt", "Mindre", "Ikke"]),
            [t, t, l, l]
        );
        assert_eq!(flags(&["Ja", "Nej", "Ved ikke"]), [t, n, o]);
        assert_eq!(flags(&["God", "Middel", "Dårlig"]), [t, n, l]);
    }

    #[test]
    fn statuses_reading_not_answered_or_opted_out_are_non_respondent() {
        assert!(is_non_respondent("Ikke besvaret"));
        assert!(is_non_respondent("Frameldt"));
        assert!(!is_non_respondent("Gennemført"));
        assert!(!is_non_respondent("Delvist besvaret"));
    }

    #[test]
    fn roles_are_guessed_from_question_texts_once_each() {
        let variables = [
            coded(
                "Q4",
                "I hvor høj grad kan klyngen understøtte kvalitetsarbejdet?",
                JA_NEJ,
            ),
            coded("Q9", "Har du indført forbedringer?", JA_NEJ),
            coded(
                "Q11_1",
                "Hvad betyder for din motivation til forbedringer? - Data",
                OFTE,
            ),
            coded(
                "Q11_2",
                "Hvad betyder for din motivation til forbedringer? - Cases",
                OFTE,
            ),
        ];
        let questions = group_questions(&variables);
        let roles = guess_roles(&questions);
        let found: Vec<(&str, &str)> = roles
            .iter()
            .filter_map(|(role, id)| id.map(|id| (*role, id)))
            .collect();
        assert_eq!(
            found,
            [
                ("support", "q4"),
                ("improvements", "q9"),
                ("motivation", "q11")
            ]
        );
    }
}
