//! `klyngepakke init`: drafts a survey definition (TOML) from an export, so that a changed
//! questionnaire needs a new definition and no code.
//!
//! From a coded export the draft comes from its variable sheet (`variable`, `label`: one row per
//! export column, a matrix item labelled "question - item") and its value-label sheet
//! (`variable`, `value`, `label`); from a labelled export, from the header and the distinct
//! values of each column. Every guess a person must check carries a `# CHECK:` comment.

mod guess;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;

use model::definition::ValueLabelSheet;
use model::problem::{Location, Problem, Problems, quote};
use model::settings::RosterColumns;

use crate::export::ValueLabels;
use crate::roster::read_roster;
use crate::text::normalize;
use crate::workbook::{Cell, Sheet, Workbook};
use guess::{DraftQuestion, DraftScale, Variable, group_questions, guess_roles, share_scales};

/// The headers of a variable sheet (one row per export column).
const VARIABLE_HEADERS: [&str; 2] = ["variable", "label"];
/// Rows searched for the export's header row.
const HEADER_SEARCH_ROWS: u32 = 20;
/// A labelled column with more distinct values than this is free text, not a closed question.
const MAX_ANSWERS: usize = 12;
/// Words in a header that mark the identity columns.
const ID_WORDS: &[&str] = &["id", "respondent", "respondentid", "respondent_id"];
const CLUSTER_WORDS: &[&str] = &["klynge", "cluster"];
const STATUS_WORDS: &[&str] = &["status"];
/// Status labels that mark a status column when its header does not.
const COMPLETED_WORDS: &[&str] = &["gennemført", "completed", "besvaret"];

/// Drafts a survey definition from an export, optionally checking the cluster column against a
/// roster (read with the default roster headers). The draft is TOML in the format of
/// docs/inputs.md, with `# CHECK:` comments on every guess.
pub fn draft_definition(export: &Path, roster: Option<&Path>) -> Result<String, Problems> {
    let roster_names = roster.map(read_roster_names).transpose()?;
    let inputs = read_export_for_draft(export)?;
    let draft = Draft::guess(&inputs, roster_names.as_deref());
    Ok(draft.write(&inputs, roster))
}

/// What the draft is made from.
struct DraftInputs {
    /// The export's file name, for comments.
    file: String,
    /// The data sheet's name.
    sheet: String,
    /// The header row (zero-based).
    header_row: u32,
    /// The value-label sheet, if the export has one.
    value_labels: Option<ValueLabels>,
    /// The variable sheet's name and labels (normalized variable → label).
    variables: Option<(String, BTreeMap<String, String>)>,
    /// The data sheet's columns, in sheet order.
    columns: Vec<ColumnValues>,
}

/// One column of the data sheet and what its cells hold.
#[derive(Default)]
struct ColumnValues {
    header: String,
    rows: usize,
    blank: usize,
    numbers: usize,
    dates: usize,
    emails: usize,
    /// Distinct text values in order of first appearance, each as most often written (trimmed).
    values: Vec<String>,
    /// Per distinct text value (normalized): how often each way of writing it occurs.
    written: BTreeMap<String, BTreeMap<String, usize>>,
    /// Every distinct non-blank value, normalized, to tell whether they are unique.
    distinct: BTreeSet<String>,
}

impl ColumnValues {
    fn filled(&self) -> usize {
        self.rows - self.blank
    }

    fn texts(&self) -> usize {
        self.filled() - self.numbers - self.dates
    }

    fn unique(&self) -> bool {
        self.filled() > 0 && self.distinct.len() == self.filled()
    }
}

fn read_export_for_draft(path: &Path) -> Result<DraftInputs, Problems> {
    let mut workbook = Workbook::open(path)?;
    let mut value_labels = None;
    let mut variables = None;
    let mut data = None;
    for name in workbook.sheet_names() {
        let sheet = workbook.sheet(Some(&name))?;
        if let Some(problem) = sheet.bounds_problem() {
            return Err(problem.into());
        }
        let names = ValueLabelSheet {
            sheet: name.clone(),
            ..ValueLabelSheet::default()
        };
        if value_labels.is_none()
            && sheet
                .header(&[&names.variable, &names.value, &names.label])
                .is_ok()
        {
            value_labels = Some(ValueLabels::read(&sheet, &names).map_err(Problems)?);
        } else if variables.is_none() && sheet.header(&VARIABLE_HEADERS).is_ok() {
            variables = Some((name, read_variable_labels(&sheet)?));
        } else if data.is_none() {
            data = Some(sheet);
        }
    }
    let Some(sheet) = data else {
        return Err(Problem::new(
            path,
            Location::File,
            "a sheet of answers besides the value-label and variable sheets",
        )
        .into());
    };
    let known: BTreeSet<&String> = variables
        .as_ref()
        .map(|(_, labels)| labels.keys().collect())
        .unwrap_or_default();
    let header_row = find_header_row(&sheet, &known).ok_or_else(|| {
        Problem::new(
            path,
            Location::Sheet(sheet.name.clone()),
            format!(
                "a header row within the first {HEADER_SEARCH_ROWS} rows (a row with a header \
                 in at least half of the used columns)"
            ),
        )
    })?;
    let columns = (0..sheet.end_column())
        .filter_map(|column| match sheet.cell(header_row, column) {
            Cell::Text(header) => Some(column_values(&sheet, header_row, column, header.trim())),
            _ => None,
        })
        .collect();
    Ok(DraftInputs {
        file: path.file_name().map_or_else(
            || path.display().to_string(),
            |name| name.to_string_lossy().into_owned(),
        ),
        sheet: sheet.name.clone(),
        header_row,
        value_labels,
        variables,
        columns,
    })
}

fn read_variable_labels(sheet: &Sheet) -> Result<BTreeMap<String, String>, Problems> {
    let header = sheet.header(&VARIABLE_HEADERS).map_err(Problems)?;
    let [variable, label] = VARIABLE_HEADERS.map(|name| {
        header
            .column(name)
            .expect("the header holds every required column")
    });
    let mut labels = BTreeMap::new();
    for row in header.row + 1..sheet.end_row() {
        if let (Cell::Text(name), Cell::Text(text)) =
            (sheet.cell(row, variable), sheet.cell(row, label))
        {
            labels.insert(normalize(name), text.trim().to_owned());
        }
    }
    Ok(labels)
}

/// The header row: with variable labels, the row naming most variables; without, the first row
/// with text in at least half of the used columns (a title line above it has one).
fn find_header_row(sheet: &Sheet, known: &BTreeSet<&String>) -> Option<u32> {
    let rows = 0..sheet.end_row().min(HEADER_SEARCH_ROWS);
    let texts = |row: u32| -> Vec<String> {
        (0..sheet.end_column())
            .filter_map(|column| match sheet.cell(row, column) {
                Cell::Text(text) => Some(normalize(text)),
                _ => None,
            })
            .collect()
    };
    if known.is_empty() {
        let wanted = (sheet.end_column() as usize).div_ceil(2).max(2);
        rows.into_iter().find(|&row| texts(row).len() >= wanted)
    } else {
        rows.into_iter()
            .map(|row| {
                (
                    texts(row)
                        .iter()
                        .filter(|text| known.contains(text))
                        .count(),
                    row,
                )
            })
            .filter(|(count, _)| *count > 0)
            .max_by_key(|(count, row)| (*count, std::cmp::Reverse(*row)))
            .map(|(_, row)| row)
    }
}

fn column_values(sheet: &Sheet, header_row: u32, column: u32, header: &str) -> ColumnValues {
    let mut values = ColumnValues {
        header: header.to_owned(),
        ..ColumnValues::default()
    };
    for row in header_row + 1..sheet.end_row() {
        values.rows += 1;
        let cell = sheet.cell(row, column);
        match &cell {
            Cell::Blank => {
                values.blank += 1;
                continue;
            }
            Cell::Number(_) => values.numbers += 1,
            Cell::Date(_) => values.dates += 1,
            Cell::Text(text) => {
                let text = text.trim();
                if text.contains('@') && !text.contains(' ') {
                    values.emails += 1;
                }
                let forms = values.written.entry(normalize(text)).or_default();
                if forms.is_empty() {
                    values.values.push(normalize(text));
                }
                *forms.entry(text.to_owned()).or_default() += 1;
            }
            Cell::Other(_) | Cell::Formula { .. } => {}
        }
        values.distinct.insert(match &cell {
            Cell::Text(text) => normalize(text),
            other => other.describe(),
        });
    }
    // Each value as most often written (the first of equally common ways).
    for value in &mut values.values {
        if let Some(forms) = values.written.get(value.as_str()) {
            let most = forms.values().copied().max().unwrap_or(0);
            if let Some((form, _)) = forms.iter().find(|(_, count)| **count == most) {
                value.clone_from(form);
            }
        }
    }
    values
}

/// Reads a roster's cluster names from the first sheet that reads as a roster.
fn read_roster_names(path: &Path) -> Result<Vec<String>, Problems> {
    let mut workbook = Workbook::open(path)?;
    let mut first_problems = None;
    for name in workbook.sheet_names() {
        let sheet = workbook.sheet(Some(&name))?;
        match read_roster(&sheet, &RosterColumns::default()) {
            Ok(roster) => {
                return Ok(roster
                    .clusters
                    .into_iter()
                    .map(|cluster| cluster.name)
                    .collect());
            }
            Err(problems) => {
                first_problems.get_or_insert(problems);
            }
        }
    }
    Err(Problems(first_problems.unwrap_or_else(|| {
        vec![Problem::new(path, Location::File, "at least one sheet")]
    })))
}

/// What a column of the export is taken to be.
#[derive(Debug, Clone, PartialEq)]
enum Use {
    RespondentId,
    Cluster,
    Status,
    /// A closed question (every column starts as one until a guess says otherwise).
    Question,
    FreeText,
    /// Left out, with the reason.
    Left(&'static str),
}

/// The guesses, before they are written.
struct Draft {
    uses: Vec<Use>,
    questions: Vec<DraftQuestion>,
    scales: Vec<DraftScale>,
    scale_of: Vec<usize>,
    /// Status labels (respondent?, label).
    statuses: Vec<(bool, String)>,
    /// With a roster: cluster labels of the export matching a roster name, the labels not
    /// matching, and roster clusters not found in the export.
    roster_check: Option<(usize, Vec<String>, Vec<String>)>,
}

impl Draft {
    fn guess(inputs: &DraftInputs, roster: Option<&[String]>) -> Draft {
        let labels_of = |column: &ColumnValues| -> Option<Vec<(i64, String)>> {
            inputs
                .value_labels
                .as_ref()
                .and_then(|labels| labels.for_column(&column.header))
                .map(<[_]>::to_vec)
        };
        // The labels a column's values stand for: value labels, or the values themselves.
        let shown = |column: &ColumnValues| -> Vec<String> {
            labels_of(column).map_or_else(
                || column.values.clone(),
                |labels| labels.into_iter().map(|(_, label)| label).collect(),
            )
        };
        let mut uses: Vec<Use> = vec![Use::Question; inputs.columns.len()];
        let header_has = |column: &ColumnValues, words: &[&str]| {
            let header = normalize(&column.header);
            header
                .split(|c: char| !c.is_alphanumeric() && c != '_')
                .any(|word| words.contains(&word))
                || words
                    .iter()
                    .any(|word| word.len() > 2 && header.contains(word))
        };
        let pick = |uses: &mut Vec<Use>, role: Use, test: &dyn Fn(&ColumnValues) -> bool| {
            let found = (0..inputs.columns.len())
                .find(|&index| uses[index] == Use::Question && test(&inputs.columns[index]));
            if let Some(index) = found {
                uses[index] = role;
            }
            found
        };
        let status = pick(&mut uses, Use::Status, &|column| {
            header_has(column, STATUS_WORDS)
        })
        .or_else(|| {
            pick(&mut uses, Use::Status, &|column| {
                shown(column).iter().any(|label| {
                    COMPLETED_WORDS
                        .iter()
                        .any(|word| normalize(label).contains(word))
                })
            })
        });
        let roster_matches = |column: &ColumnValues| -> usize {
            roster.map_or(0, |names| {
                let names: BTreeSet<String> = names.iter().map(|name| normalize(name)).collect();
                shown(column)
                    .iter()
                    .filter(|label| names.contains(&normalize(label)))
                    .count()
            })
        };
        let cluster = pick(&mut uses, Use::Cluster, &|column| {
            header_has(column, CLUSTER_WORDS)
        })
        .or_else(|| {
            let best = (0..inputs.columns.len())
                .filter(|&index| uses[index] == Use::Question)
                .max_by_key(|&index| {
                    (
                        roster_matches(&inputs.columns[index]),
                        std::cmp::Reverse(index),
                    )
                })
                .filter(|&index| roster_matches(&inputs.columns[index]) > 0);
            if let Some(index) = best {
                uses[index] = Use::Cluster;
            }
            best
        });
        pick(&mut uses, Use::RespondentId, &|column| {
            header_has(column, ID_WORDS) && column.unique()
        })
        .or_else(|| {
            pick(&mut uses, Use::RespondentId, &|column| {
                column.unique() && column.blank == 0 && labels_of(column).is_none()
            })
        });

        let mut variables = Vec::new();
        for (index, column) in inputs.columns.iter().enumerate() {
            if uses[index] != Use::Question {
                continue;
            }
            let label = inputs
                .variables
                .as_ref()
                .and_then(|(_, labels)| labels.get(&normalize(&column.header)).cloned());
            let (answers, from_values) = match labels_of(column) {
                Some(answers) => (answers, false),
                None => {
                    uses[index] = if column.filled() == 0 {
                        Use::Left("no values")
                    } else if column.dates > 0 && column.dates == column.filled() {
                        Use::Left("dates")
                    } else if column.emails > 0 {
                        Use::Left("e-mail addresses")
                    } else if column.numbers > 0 && column.texts() == 0 {
                        Use::Left("numbers without value labels")
                    } else if inputs.value_labels.is_some() || column.values.len() > MAX_ANSWERS {
                        Use::FreeText
                    } else {
                        Use::Question
                    };
                    if uses[index] != Use::Question {
                        continue;
                    }
                    let answers = column
                        .values
                        .iter()
                        .enumerate()
                        .map(|(at, value)| (at as i64 + 1, value.clone()))
                        .collect();
                    (answers, true)
                }
            };
            variables.push(Variable {
                column: column.header.clone(),
                label,
                answers,
                from_values,
            });
        }
        let questions = group_questions(&variables);
        let (scales, scale_of) = share_scales(&questions);

        let statuses = status
            .map(|index| {
                shown(&inputs.columns[index])
                    .into_iter()
                    .map(|label| (!guess::is_non_respondent(&label), label))
                    .collect()
            })
            .unwrap_or_default();
        let roster_check = cluster.zip(roster).map(|(index, names)| {
            let labels = shown(&inputs.columns[index]);
            let normalized: BTreeSet<String> = names.iter().map(|name| normalize(name)).collect();
            let found: BTreeSet<String> = labels.iter().map(|label| normalize(label)).collect();
            let (matching, other): (Vec<String>, Vec<String>) = labels
                .into_iter()
                .partition(|label| normalized.contains(&normalize(label)));
            let missing = names
                .iter()
                .filter(|name| !found.contains(&normalize(name)))
                .cloned()
                .collect();
            (matching.len(), other, missing)
        });
        Draft {
            uses,
            questions,
            scales,
            scale_of,
            statuses,
            roster_check,
        }
    }

    fn column_with(&self, inputs: &DraftInputs, role: &Use) -> Option<String> {
        self.uses
            .iter()
            .position(|used| used == role)
            .map(|index| inputs.columns[index].header.clone())
    }

    fn write(&self, inputs: &DraftInputs, roster: Option<&Path>) -> String {
        let mut out = String::new();
        self.write_head(&mut out, inputs);
        self.write_columns(&mut out, inputs, roster);
        self.write_status(&mut out, inputs);
        if let Some(labels) = &inputs.value_labels {
            let names = ValueLabelSheet {
                sheet: labels.sheet.clone(),
                ..ValueLabelSheet::default()
            };
            out.push_str("\n[value_labels]\n");
            for (key, value) in [
                ("sheet", &names.sheet),
                ("variable", &names.variable),
                ("value", &names.value),
                ("label", &names.label),
            ] {
                let _ = writeln!(out, "{key} = {}", string(value));
            }
        }
        self.write_scales(&mut out);
        self.write_questions(&mut out, inputs);
        self.write_roles(&mut out);
        out
    }

    fn write_head(&self, out: &mut String, inputs: &DraftInputs) {
        let _ = writeln!(
            out,
            "# Survey definition drafted by `klyngepakke init` from {} (sheet {}, header in row {}).",
            quote(&inputs.file),
            quote(&inputs.sheet),
            inputs.header_row + 1
        );
        match (&inputs.value_labels, &inputs.variables) {
            (Some(labels), Some((variables, _))) => {
                let _ = writeln!(
                    out,
                    "# Codes and answers from the sheet {}, question texts from the sheet {}.",
                    quote(&labels.sheet),
                    quote(variables)
                );
            }
            (Some(labels), None) => {
                let _ = writeln!(
                    out,
                    "# Codes and answers from the sheet {}; no variable sheet, so question texts are the\n\
                     # column headers. CHECK: write each question's text.",
                    quote(&labels.sheet)
                );
            }
            (None, _) => out.push_str(
                "# A labelled export: answers are the distinct values found in each column, in order of\n\
                 # first appearance, with codes 1, 2, …\n\
                 # CHECK: put every scale's answers in the questionnaire's order and give the codes a coded\n\
                 # export would use; question texts are the column headers: write each question's text.\n",
            ),
        }
        out.push_str(
            "# Every guess a person must check is marked CHECK; docs/inputs.md (\"After init: what to\n\
             # check\") lists the review. The format is documented in docs/inputs.md.\n",
        );
        let left: Vec<String> = self
            .uses
            .iter()
            .zip(&inputs.columns)
            .filter_map(|(used, column)| match used {
                Use::Left(reason) => Some(format!("{} ({reason})", string(&column.header))),
                _ => None,
            })
            .collect();
        if !left.is_empty() {
            let _ = writeln!(
                out,
                "#\n# Columns left out: {}.\n# CHECK: add any of them that is a question.",
                left.join(", ")
            );
        }
    }

    fn write_columns(&self, out: &mut String, inputs: &DraftInputs, roster: Option<&Path>) {
        out.push_str("\n[columns]\n");
        let guessed = [
            (
                "respondent_id",
                Use::RespondentId,
                "the header and its unique values",
            ),
            (
                "cluster",
                Use::Cluster,
                "the header (or the roster's names)",
            ),
            ("status", Use::Status, "the header (or its labels)"),
        ];
        for (key, role, from) in guessed {
            match self.column_with(inputs, &role) {
                Some(header) => {
                    let _ = writeln!(
                        out,
                        "{key} = {}  # CHECK: guessed from {from}",
                        string(&header)
                    );
                }
                None => {
                    let _ = writeln!(
                        out,
                        "{key} = \"\"  # CHECK: not found; write the column's header"
                    );
                }
            }
        }
        if let (Some((matching, other, missing)), Some(roster)) = (&self.roster_check, roster) {
            let roster_name = roster.file_name().map_or_else(
                || roster.display().to_string(),
                |name| name.to_string_lossy().into_owned(),
            );
            let _ = writeln!(
                out,
                "# Roster {}: {matching} of {} cluster {} in the export name a cluster of the roster.",
                quote(&roster_name),
                matching + other.len(),
                if inputs.value_labels.is_some() {
                    "labels"
                } else {
                    "values"
                }
            );
            if !other.is_empty() {
                let _ = writeln!(out, "# CHECK: not in the roster: {}.", quoted(other));
            }
            if !missing.is_empty() {
                let _ = writeln!(
                    out,
                    "# CHECK: roster clusters not in the export: {}.",
                    quoted(missing)
                );
            }
        }
    }

    fn write_status(&self, out: &mut String, inputs: &DraftInputs) {
        out.push_str("\n[status]\n");
        let kind = if inputs.value_labels.is_some() {
            "labels"
        } else {
            "values"
        };
        let _ = writeln!(
            out,
            "# CHECK: which statuses count as a response (guessed from the status {kind}: a status\n\
             # reading \"ikke …\", \"not …\" or \"opted out\" does not)."
        );
        let list = |respondent: bool| -> String {
            let labels: Vec<String> = self
                .statuses
                .iter()
                .filter(|(counts, _)| *counts == respondent)
                .map(|(_, label)| string(label))
                .collect();
            format!("[{}]", labels.join(", "))
        };
        let _ = writeln!(out, "respondent = {}", list(true));
        let _ = writeln!(out, "non_respondent = {}", list(false));
    }

    fn write_scales(&self, out: &mut String) {
        for scale in &self.scales {
            let _ = writeln!(out, "\n[scales.{}]", scale.name);
            let _ = writeln!(out, "# Used by {}.", scale.questions.join(", "));
            if scale.from_values {
                out.push_str(
                    "# CHECK: values found in the export, in order of first appearance: put them in the\n\
                     # questionnaire's order, give each the code a coded export uses, and mark the\n\
                     # top box (top = true) and the low box (low = true).\n",
                );
            }
            if scale.answers.iter().any(|answer| answer.top || answer.low) {
                out.push_str(
                    "# CHECK: top and low boxes proposed from the order (the first answers are the top\n\
                     # box): check that the scale runs from the most to the least positive answer.\n",
                );
            }
            out.push_str("answers = [\n");
            for answer in &scale.answers {
                let mut fields =
                    format!("code = {}, label = {}", answer.code, string(&answer.label));
                let mut note = "";
                if answer.outside_base {
                    fields.push_str(", outside_base = true");
                    note = "  # CHECK: reads like \"Ved ikke\": outside the base";
                }
                if answer.top {
                    fields.push_str(", top = true");
                }
                if answer.low {
                    fields.push_str(", low = true");
                }
                let _ = writeln!(out, "  {{ {fields} }},{note}");
            }
            out.push_str("]\n");
        }
    }

    fn write_questions(&self, out: &mut String, inputs: &DraftInputs) {
        let mut free_text = self
            .uses
            .iter()
            .zip(&inputs.columns)
            .filter(|(used, _)| **used == Use::FreeText)
            .map(|(_, column)| column)
            .peekable();
        let mut questions = self.questions.iter().zip(&self.scale_of).peekable();
        // Questions in column order: free-text questions stand where their column stands.
        let position = |header: &str| {
            inputs
                .columns
                .iter()
                .position(|column| column.header == header)
                .unwrap_or(usize::MAX)
        };
        let mut ids: BTreeSet<String> = self.questions.iter().map(|q| q.id.clone()).collect();
        loop {
            let next_question = questions
                .peek()
                .map(|(question, _)| position(&question.items[0].column));
            let next_free = free_text.peek().map(|column| position(&column.header));
            match (next_question, next_free) {
                (Some(question), Some(free)) if free < question => {
                    let column = free_text.next().expect("peeked");
                    self.write_free_text(out, inputs, column, &mut ids);
                }
                (Some(_), _) => {
                    let (question, scale) = questions.next().expect("peeked");
                    self.write_question(out, question, &self.scales[*scale]);
                }
                (None, Some(_)) => {
                    let column = free_text.next().expect("peeked");
                    self.write_free_text(out, inputs, column, &mut ids);
                }
                (None, None) => break,
            }
        }
    }

    fn write_question(&self, out: &mut String, question: &DraftQuestion, scale: &DraftScale) {
        out.push_str("\n[[questions]]\n");
        let _ = writeln!(out, "id = {}", string(&question.id));
        let note = if question.text_is_name {
            "  # CHECK: the variable name; write the question's text"
        } else {
            ""
        };
        let _ = writeln!(out, "text = {}{note}", string(&question.text));
        if question.matrix {
            let _ = writeln!(
                out,
                "kind = \"matrix\"  # CHECK: {} consecutive items{}",
                question.items.len(),
                if question.text_is_name {
                    " named alike"
                } else {
                    " labelled \"question - item\""
                }
            );
            let _ = writeln!(out, "scale = {}", string(&scale.name));
            out.push_str("items = [\n");
            for item in &question.items {
                let _ = writeln!(
                    out,
                    "  {{ id = {}, text = {}, column = {} }},",
                    string(&item.id),
                    string(&item.text),
                    string(&item.column)
                );
            }
            out.push_str("]\n");
        } else {
            out.push_str("kind = \"single\"\n");
            let _ = writeln!(out, "column = {}", string(&question.items[0].column));
            let _ = writeln!(out, "scale = {}", string(&scale.name));
        }
    }

    fn write_free_text(
        &self,
        out: &mut String,
        inputs: &DraftInputs,
        column: &ColumnValues,
        ids: &mut BTreeSet<String>,
    ) {
        let mut id = guess::derive_id(&column.header);
        let base = id.clone();
        let mut number = 2;
        while !ids.insert(id.clone()) {
            id = format!("{base}_{number}");
            number += 1;
        }
        let text = inputs
            .variables
            .as_ref()
            .and_then(|(_, labels)| labels.get(&normalize(&column.header)).cloned());
        out.push_str("\n[[questions]]\n");
        let _ = writeln!(out, "id = {}", string(&id));
        match &text {
            Some(text) => {
                let _ = writeln!(out, "text = {}", string(text));
            }
            None => {
                let _ = writeln!(
                    out,
                    "text = {}  # CHECK: the variable name; write the question's text",
                    string(&column.header)
                );
            }
        }
        let why = if inputs.value_labels.is_some() {
            "text answers without value labels"
        } else {
            "many different text answers"
        };
        let _ = writeln!(
            out,
            "kind = \"free_text\"  # CHECK: {why}; never read, never published"
        );
        let _ = writeln!(out, "column = {}", string(&column.header));
    }

    fn write_roles(&self, out: &mut String) {
        out.push_str(
            "\n# Roles: which question each part of the documents reads (docs/inputs.md).\n\
             # CHECK: every role below, then remove the leading \"# \" of the lines to keep.\n\
             # [roles]\n",
        );
        let roles = guess_roles(&self.questions);
        let width = guess::ROLES
            .iter()
            .map(|(role, _, _)| role.len())
            .max()
            .unwrap_or(0);
        for (role, id) in &roles {
            match id.and_then(|id| self.questions.iter().find(|q| q.id == id)) {
                Some(question) => {
                    let _ = writeln!(
                        out,
                        "# {role:<width$} = {}  # CHECK: {}",
                        string(&question.id),
                        quote(&question.text)
                    );
                }
                None => {
                    let _ = writeln!(
                        out,
                        "# {role:<width$} = \"\"  # CHECK: no likely question found"
                    );
                }
            }
        }
        let matrix = |role: &str| {
            roles
                .iter()
                .find(|(name, _)| *name == role)
                .and_then(|(_, id)| *id)
                .and_then(|id| self.questions.iter().find(|q| q.id == id))
        };
        if let (Some(importance), Some(experience)) = (matrix("importance"), matrix("experience")) {
            out.push_str("# expectation_pairs = [  # CHECK: items paired by equal item texts\n");
            for item in &importance.items {
                if let Some(other) = experience
                    .items
                    .iter()
                    .find(|other| normalize(&other.text) == normalize(&item.text))
                {
                    let _ = writeln!(
                        out,
                        "#   {{ importance = {}, experience = {} }},",
                        string(&item.id),
                        string(&other.id)
                    );
                }
            }
            out.push_str("# ]\n");
        }
    }
}

/// A TOML string, quoted and escaped.
fn string(text: &str) -> String {
    toml::Value::String(text.to_owned()).to_string()
}

/// Values quoted and comma separated, at most `LISTED` of them.
fn quoted(values: &[String]) -> String {
    const LISTED: usize = 10;
    let mut list = values
        .iter()
        .take(LISTED)
        .map(|value| string(value))
        .collect::<Vec<_>>()
        .join(", ");
    if values.len() > LISTED {
        let _ = write!(list, " and {} more", values.len() - LISTED);
    }
    list
}
