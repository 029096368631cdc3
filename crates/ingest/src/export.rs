//! The survey export: one row per invited person, answers as labels or as numeric codes.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use model::definition::ValueLabelSheet;
use model::{Invitee, Scale, SurveyDefinition};

use crate::text::{clean, normalize};
use crate::workbook::{Cell, NOT_A_FORMULA, Sheet};
use model::problem::{CellRef, Location, Problem, quote};

/// The value-label sheet of a coded export: per variable (column header), its codes and labels in
/// the sheet's order.
pub(crate) struct ValueLabels {
    pub(crate) sheet: String,
    labels: BTreeMap<String, Vec<(i64, String)>>,
}

/// A cell that must hold a value: a formula is a problem whatever its cached result.
fn formula_problem(sheet: &Sheet, row: u32, column: u32, cell: &Cell<'_>) -> Option<Problem> {
    matches!(cell, Cell::Formula { .. }).then(|| {
        Problem::found(
            &sheet.file,
            sheet.at(row, column),
            cell.describe(),
            NOT_A_FORMULA,
        )
    })
}

impl ValueLabels {
    /// Reads a value-label sheet with the given headers. A code listed twice for one variable is
    /// a problem naming both rows, and so is a formula anywhere in the three columns.
    pub(crate) fn read(
        sheet: &Sheet,
        names: &ValueLabelSheet,
    ) -> Result<ValueLabels, Vec<Problem>> {
        let header = sheet.header(&[&names.variable, &names.value, &names.label])?;
        let column = |name: &str| {
            header
                .column(name)
                .expect("the header holds every required column")
        };
        let (variable_column, value_column, label_column) = (
            column(&names.variable),
            column(&names.value),
            column(&names.label),
        );
        let mut labels: BTreeMap<String, Vec<(i64, String)>> = BTreeMap::new();
        let mut first_rows: BTreeMap<(String, i64), u32> = BTreeMap::new();
        let mut problems = Vec::new();
        for cells in sheet.filled_rows(header.row + 1) {
            let row = cells.row;
            let (variable, value, label) = (
                cells.cell(variable_column),
                cells.cell(value_column),
                cells.cell(label_column),
            );
            if [&variable, &value, &label]
                .iter()
                .all(|cell| **cell == Cell::Blank)
            {
                continue;
            }
            let formulas: Vec<Problem> = [
                (variable_column, &variable),
                (value_column, &value),
                (label_column, &label),
            ]
            .into_iter()
            .filter_map(|(column, cell)| formula_problem(sheet, row, column, cell))
            .collect();
            if !formulas.is_empty() {
                problems.extend(formulas);
                continue;
            }
            let Cell::Text(variable) = variable else {
                problems.push(Problem::found(
                    &sheet.file,
                    sheet.at(row, variable_column),
                    variable.describe(),
                    "a column header of the export",
                ));
                continue;
            };
            let Some(code) = value.integer() else {
                problems.push(Problem::found(
                    &sheet.file,
                    sheet.at(row, value_column),
                    value.describe(),
                    "a whole-number code",
                ));
                continue;
            };
            let Cell::Text(label) = label else {
                problems.push(Problem::found(
                    &sheet.file,
                    sheet.at(row, label_column),
                    label.describe(),
                    "the code's label",
                ));
                continue;
            };
            let codes = labels.entry(normalize(variable)).or_default();
            if let Some((_, first_label)) = codes.iter().find(|(known, _)| *known == code) {
                let first_row = first_rows[&(normalize(variable), code)];
                problems.push(Problem::found(
                    &sheet.file,
                    sheet.at(row, value_column),
                    format!(
                        "the code {code} for {} labelled again, {} in row {} and {} in row {}",
                        quote(variable),
                        quote(first_label),
                        first_row + 1,
                        quote(&clean(label)),
                        row + 1
                    ),
                    "each code labelled once per variable (a second label would change the \
                     meaning of every answer with that code)",
                ));
                continue;
            }
            first_rows.insert((normalize(variable), code), row);
            codes.push((code, clean(label)));
        }
        if problems.is_empty() {
            Ok(ValueLabels {
                sheet: sheet.name.clone(),
                labels,
            })
        } else {
            Err(problems)
        }
    }

    /// The codes and labels the sheet lists for an export column, in the sheet's order.
    pub(crate) fn for_column(&self, column: &str) -> Option<&[(i64, String)]> {
        self.labels.get(&normalize(column)).map(Vec::as_slice)
    }
}

/// The values one coded-or-labelled column accepts: a scale's answers, the statuses or the
/// roster's clusters. A label is matched ignoring case and surrounding white space; a code is
/// looked up in the value-label sheet under the column's header, else in the definition's codes.
struct Accepted<'a> {
    header: &'a str,
    /// Normalized label → index.
    labels: BTreeMap<String, usize>,
    /// Each label as written → its index in `labels`: most cells hold a label exactly as the
    /// definition or the roster writes it, and are matched without being normalized.
    exact: HashMap<String, usize>,
    /// The definition's code → index, used when the value-label sheet does not list the column.
    codes: BTreeMap<i64, usize>,
    /// The codes the value-label sheet lists for the column, looked up once.
    listed: Option<ListedCodes<'a>>,
    /// What the column holds, as a sentence fragment: `one of the answers "Ja", "Nej"`.
    expected: String,
    /// What a labelled export writes here: "an answer label".
    label_noun: &'static str,
}

/// The codes a value-label sheet lists for one column (a coded cluster column lists thousands).
struct ListedCodes<'a> {
    /// Codes and labels in the sheet's order.
    codes: &'a [(i64, String)],
    /// Code → its place in `codes` and the index of its label among the accepted ones (`None`:
    /// a label the column does not accept).
    places: HashMap<i64, (usize, Option<usize>)>,
}

impl<'a> Accepted<'a> {
    fn new<'l>(
        header: &'a str,
        labels: impl IntoIterator<Item = (&'l str, Option<i64>)>,
        expected: String,
        label_noun: &'static str,
    ) -> Accepted<'a> {
        let mut accepted = Accepted {
            header,
            labels: BTreeMap::new(),
            exact: HashMap::new(),
            codes: BTreeMap::new(),
            listed: None,
            expected,
            label_noun,
        };
        for (index, (label, code)) in labels.into_iter().enumerate() {
            let index = *accepted.labels.entry(normalize(label)).or_insert(index);
            accepted.exact.entry(label.to_owned()).or_insert(index);
            if let Some(code) = code {
                accepted.codes.entry(code).or_insert(index);
            }
        }
        accepted
    }

    /// The same, with the codes that the value-label sheet (if any) lists for the column.
    fn listed_in(mut self, value_labels: Option<&'a ValueLabels>) -> Accepted<'a> {
        let codes = value_labels.and_then(|labels| labels.for_column(self.header));
        self.listed = codes.map(|codes| {
            let mut places = HashMap::new();
            for (place, (code, label)) in codes.iter().enumerate() {
                places
                    .entry(*code)
                    .or_insert_with(|| (place, self.labels.get(&normalize(label)).copied()));
            }
            ListedCodes { codes, places }
        });
        self
    }

    /// The index of the label a text matches (ignoring case, surrounding white space and
    /// invisible differences).
    fn label(&self, text: &str) -> Option<usize> {
        match self.exact.get(text) {
            Some(index) => Some(*index),
            None => self.labels.get(&normalize(text)).copied(),
        }
    }

    /// A scale's answers. Its codes are not a fallback: a coded answer column that the
    /// value-label sheet does not list is a problem, since the export's codes may differ.
    fn scale(header: &'a str, scale: &'a Scale) -> Accepted<'a> {
        Accepted::new(
            header,
            scale
                .answers
                .iter()
                .map(|answer| (answer.label.as_str(), None)),
            format!(
                "one of the answers {}",
                quoted_list(scale.answers.iter().map(|answer| answer.label.as_str()))
            ),
            "an answer label",
        )
    }

    fn status(definition: &'a SurveyDefinition) -> Accepted<'a> {
        let status = &definition.status;
        Accepted::new(
            &definition.columns.status,
            status.labels().map(|label| (label, status.code(label))),
            format!("one of the statuses {}", quoted_list(status.labels())),
            "a status label",
        )
    }

    fn clusters(header: &'a str, names: &'a [String], roster: &str) -> Accepted<'a> {
        Accepted::new(
            header,
            names.iter().map(|name| (name.as_str(), None)),
            format!("a cluster listed in the roster {roster}"),
            "a cluster name",
        )
    }

    /// Resolves a cell to an index; `Ok(None)` for a blank; `Err((found, expected))`.
    fn resolve(
        &self,
        cell: &Cell<'_>,
        value_labels: Option<&ValueLabels>,
    ) -> Result<Option<usize>, (String, String)> {
        match cell {
            Cell::Blank => return Ok(None),
            Cell::Text(text) => {
                if let Some(index) = self.label(text) {
                    return Ok(Some(index));
                }
                if value_labels.is_none() || cell.integer().is_none() {
                    return Err((cell.describe(), self.expected.clone()));
                }
            }
            Cell::Number(_) => {}
            Cell::Formula { .. } => return Err((cell.describe(), NOT_A_FORMULA.to_owned())),
            Cell::Date(_) | Cell::Other(_) => {
                return Err((cell.describe(), self.expected.clone()));
            }
        }
        let (Some(value_labels), Some(code)) = (value_labels, cell.integer()) else {
            return Err((
                cell.describe(),
                format!("{} ({})", self.label_noun, self.expected),
            ));
        };
        match &self.listed {
            Some(listed) => match listed.places.get(&code) {
                Some((place, label_index)) => match label_index {
                    Some(index) => Ok(Some(*index)),
                    None => Err((
                        format!(
                            "the code {code}, labelled {} in the sheet \"{}\"",
                            quote(&listed.codes[*place].1),
                            value_labels.sheet
                        ),
                        self.expected.clone(),
                    )),
                },
                None => Err((
                    format!("the code {code}"),
                    format!(
                        "a code that the sheet \"{}\" lists for {} ({})",
                        value_labels.sheet,
                        quote(self.header),
                        code_list(listed.codes.iter().map(|(code, _)| *code))
                    ),
                )),
            },
            None if self.codes.is_empty() => Err((
                format!("the code {code}"),
                format!(
                    "{}, or a code that the sheet \"{}\" lists for {}",
                    self.label_noun,
                    value_labels.sheet,
                    quote(self.header)
                ),
            )),
            None => match self.codes.get(&code) {
                Some(index) => Ok(Some(*index)),
                None => Err((
                    format!("the code {code}"),
                    format!(
                        "a code of the definition for {} ({})",
                        quote(self.header),
                        code_list(self.codes.keys().copied())
                    ),
                )),
            },
        }
    }
}

/// Codes comma separated, the first [`CODES_LISTED`] of them.
fn code_list(codes: impl ExactSizeIterator<Item = i64>) -> String {
    let count = codes.len();
    let mut list: Vec<String> = codes
        .take(CODES_LISTED)
        .map(|code| code.to_string())
        .collect();
    if count > CODES_LISTED {
        list.push("…".to_owned());
    }
    list.join(", ")
}

/// How many codes a message lists.
const CODES_LISTED: usize = 10;

/// Labels quoted and comma separated, in the order given.
fn quoted_list<'l>(labels: impl Iterator<Item = &'l str>) -> String {
    labels.map(quote).collect::<Vec<_>>().join(", ")
}

/// The roster's cluster names, and the roster's file name for messages.
pub(crate) struct RosterNames<'a> {
    /// Cluster names in roster order.
    pub(crate) names: &'a [String],
    /// The roster's file name, e.g. "klynger.xlsx".
    pub(crate) file: String,
    /// Whether the roster was read: without it the cluster column is not checked (its problems
    /// are the roster's, already reported).
    pub(crate) read: bool,
}

/// The value-label sheet of a coded export, when the workbook has one, and what a message about
/// a missing one names.
pub(crate) struct LabelSheet<'a> {
    /// The sheet, read.
    pub(crate) read: Option<&'a ValueLabels>,
    /// The sheet's name in the definition.
    pub(crate) name: &'a str,
    /// The workbook's sheets, for a message saying which exist.
    pub(crate) sheets: Vec<String>,
}

/// Reads every row of the export, collecting every problem. `merged_in_row` gives the merged
/// regions that touch a row of the sheet ("K3:Q3"); it is asked only when the header row lacks a
/// column, since reading them means reading the sheet again.
pub(crate) fn read_export(
    sheet: &Sheet,
    definition: &SurveyDefinition,
    label_sheet: &LabelSheet<'_>,
    roster: RosterNames<'_>,
    merged_in_row: impl FnOnce(u32) -> Vec<String>,
) -> Result<Vec<Invitee>, Vec<Problem>> {
    if let Some(problem) = sheet.bounds_problem() {
        return Err(vec![problem]);
    }
    let value_labels = label_sheet.read;
    let identity = &definition.columns;
    let header = sheet.header(&[&identity.respondent_id, &identity.cluster, &identity.status])?;
    let mut missing = Vec::new();
    let mut column = |name: &str| {
        let found = header.column(name);
        if found.is_none() {
            missing.push(quote(name));
        }
        found
    };
    let id_column = column(&identity.respondent_id);
    let cluster_column = column(&identity.cluster);
    let status_column = column(&identity.status);
    let variables = definition.variables();
    let answer_columns: Vec<Option<u32>> = variables
        .iter()
        .map(|variable| column(&variable.column))
        .collect();
    for free_text in definition.free_text_columns() {
        column(free_text);
    }
    let (Some(id_column), Some(cluster_column), Some(status_column)) =
        (id_column, cluster_column, status_column)
    else {
        unreachable!("the header row was found by these columns");
    };
    if !missing.is_empty() {
        let merged = merged_in_row(header.row);
        let merged_note = if merged.is_empty() {
            String::new()
        } else {
            format!(
                "; the header row has merged cells ({}), and a merged cell gives its text to its \
                 first column only: unmerge them and give each column its own header",
                merged.join(", ")
            )
        };
        return Err(missing
            .into_iter()
            .map(|name| {
                Problem::new(
                    &sheet.file,
                    Location::Row {
                        sheet: sheet.name.clone(),
                        row: header.row,
                    },
                    format!("a column headed {name} in the header row{merged_note}"),
                )
            })
            .collect());
    }
    let mut problems = Vec::new();
    let answer_columns: Vec<u32> = answer_columns.into_iter().flatten().collect();

    let scales: Vec<Accepted<'_>> = variables
        .iter()
        .map(|variable| {
            let scale = definition
                .scale(&variable.scale)
                .expect("a valid definition names known scales");
            Accepted::scale(&variable.column, scale).listed_in(value_labels)
        })
        .collect();
    let respondent_statuses = definition.status.respondent.len();
    let status = Accepted::status(definition).listed_in(value_labels);
    let clusters =
        Accepted::clusters(&identity.cluster, roster.names, &roster.file).listed_in(value_labels);

    // Codes that no sheet labels: reported once per column (or once for the whole export when
    // its value-label sheet is missing), not once per cell.
    let coded: Vec<(&Accepted<'_>, u32)> = [(&clusters, cluster_column), (&status, status_column)]
        .into_iter()
        .chain(scales.iter().zip(answer_columns.iter().copied()))
        .collect();
    let unlabelled = unlabelled_codes(sheet, header.row, &coded, label_sheet);
    problems.extend(unlabelled.problems);
    let unlabelled_columns = unlabelled.columns;

    let mut invitees = Vec::new();
    let mut ids: BTreeMap<String, CellRef> = BTreeMap::new();
    for cells in sheet.filled_rows(header.row + 1) {
        let row = cells.row;
        let identity_cells =
            [id_column, cluster_column, status_column].map(|column| cells.cell(column));
        if identity_cells.iter().all(|cell| *cell == Cell::Blank)
            && answer_columns
                .iter()
                .all(|column| cells.cell(*column) == Cell::Blank)
        {
            continue;
        }
        let [id, cluster, status_cell] = identity_cells;
        let mut row_ok = true;
        let mut report = |column: u32, found: String, expected: String| {
            problems.push(Problem::found(
                &sheet.file,
                sheet.at(row, column),
                found,
                expected,
            ));
        };

        let id = match &id {
            Cell::Text(text) => Some(clean(text)),
            Cell::Formula { .. } => {
                report(id_column, id.describe(), NOT_A_FORMULA.to_owned());
                None
            }
            Cell::Number(_) if id.integer().is_some() => {
                id.integer().map(|number| number.to_string())
            }
            other => {
                report(id_column, other.describe(), "a respondent id".to_owned());
                None
            }
        };
        if let Some(id) = &id {
            let cell = CellRef {
                row,
                column: id_column,
            };
            if let Some(first) = ids.insert(id.clone(), cell) {
                report(
                    id_column,
                    format!("{} again (first in cell {first})", quote(id)),
                    "a unique respondent id".to_owned(),
                );
                row_ok = false;
            }
        } else {
            row_ok = false;
        }

        let reported_once = |cell: &Cell<'_>, column: u32| {
            unlabelled_columns.contains(&column) && cell.integer().is_some()
        };
        let mut resolve_identity =
            |accepted: &Accepted<'_>, cell: &Cell<'_>, column: u32| match accepted
                .resolve(cell, value_labels)
            {
                Ok(Some(index)) => Some(index),
                Ok(None) => {
                    report(column, cell.describe(), accepted.expected.clone());
                    None
                }
                Err(_) if reported_once(cell, column) => None,
                Err((found, expected)) => {
                    report(column, found, expected);
                    None
                }
            };
        let cluster = if roster.read {
            resolve_identity(&clusters, &cluster, cluster_column)
        } else {
            None
        };
        let responded = resolve_identity(&status, &status_cell, status_column)
            .map(|index| index < respondent_statuses);

        let mut answers = Vec::with_capacity(scales.len());
        for (answers_of, column) in scales.iter().zip(&answer_columns) {
            let cell = cells.cell(*column);
            match answers_of.resolve(&cell, value_labels) {
                Ok(answer) => answers.push(answer.map(|index| index as u16)),
                Err(_) if reported_once(&cell, *column) => row_ok = false,
                Err((found, expected)) => {
                    report(*column, found, expected);
                    row_ok = false;
                }
            }
        }
        if let (true, Some(cluster), Some(responded)) = (row_ok, cluster, responded) {
            if !responded {
                answers.iter_mut().for_each(|answer| *answer = None);
            }
            invitees.push(Invitee {
                cluster,
                responded,
                answers,
            });
        }
    }
    if invitees.is_empty() && problems.is_empty() && roster.read {
        problems.push(Problem::new(
            &sheet.file,
            Location::Sheet(sheet.name.clone()),
            format!(
                "at least one invited person in the rows below the header (row {})",
                header.row + 1
            ),
        ));
    }
    if problems.is_empty() {
        Ok(invitees)
    } else {
        Err(problems)
    }
}

/// Problems of codes that no sheet labels, and the columns whose codes they cover.
struct Unlabelled {
    problems: Vec<Problem>,
    columns: BTreeSet<u32>,
}

/// Finds the columns holding codes that nothing labels: with the value-label sheet missing, one
/// problem for the whole export (when most filled cells of its coded columns are codes, so that
/// it is a coded export and not a labelled one with a stray number); with the sheet present, one
/// problem per column the sheet does not list (unless the definition codes it).
fn unlabelled_codes(
    sheet: &Sheet,
    header_row: u32,
    coded: &[(&Accepted<'_>, u32)],
    label_sheet: &LabelSheet<'_>,
) -> Unlabelled {
    struct CodedColumn<'c> {
        header: &'c str,
        column: u32,
        codes: usize,
        first_row: u32,
    }
    let mut filled = 0_usize;
    let mut with_codes = Vec::new();
    for (accepted, column) in coded {
        let mut found: Option<CodedColumn<'_>> = None;
        for cells in sheet.filled_rows(header_row + 1) {
            let (row, cell) = (cells.row, cells.cell(*column));
            if cell == Cell::Blank {
                continue;
            }
            filled += 1;
            let is_label = matches!(cell, Cell::Text(text) if accepted.label(text).is_some());
            if is_label || cell.integer().is_none() {
                continue;
            }
            found
                .get_or_insert(CodedColumn {
                    header: accepted.header,
                    column: *column,
                    codes: 0,
                    first_row: row,
                })
                .codes += 1;
        }
        if let Some(found) = found.filter(|_| {
            label_sheet.read.is_none_or(|labels| {
                labels.for_column(accepted.header).is_none() && accepted.codes.is_empty()
            })
        }) {
            with_codes.push(found);
        }
    }
    let cells = |column: &CodedColumn<'_>| {
        format!(
            "{} cell{}, the first {}",
            column.codes,
            if column.codes == 1 { "" } else { "s" },
            CellRef {
                row: column.first_row,
                column: column.column
            }
        )
    };
    let mut unlabelled = Unlabelled {
        problems: Vec::new(),
        columns: BTreeSet::new(),
    };
    match label_sheet.read {
        None => {
            let codes: usize = with_codes.iter().map(|column| column.codes).sum();
            if codes == 0 || codes * 2 <= filled {
                return unlabelled;
            }
            let shown: Vec<String> = with_codes
                .iter()
                .take(5)
                .map(|column| format!("{} ({})", quote(column.header), cells(column)))
                .collect();
            let more = with_codes.len().saturating_sub(shown.len());
            unlabelled.problems.push(Problem::found(
                &sheet.file,
                Location::File,
                format!(
                    "codes (numbers) in {} coded column{} of the sheet {}: {}{}, but no sheet {}; \
                     the workbook's sheets are {}",
                    with_codes.len(),
                    if with_codes.len() == 1 { "" } else { "s" },
                    quote(&sheet.name),
                    shown.join(", "),
                    if more > 0 {
                        format!(" and {more} more")
                    } else {
                        String::new()
                    },
                    quote(label_sheet.name),
                    label_sheet
                        .sheets
                        .iter()
                        .map(|name| quote(name))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                format!(
                    "the value-label sheet {} (headers \"variable\", \"value\", \"label\") that \
                     a coded export carries, or an export with labels instead of codes",
                    quote(label_sheet.name)
                ),
            ));
            unlabelled.columns = with_codes.iter().map(|column| column.column).collect();
        }
        Some(labels) => {
            for column in &with_codes {
                unlabelled.problems.push(Problem::found(
                    &sheet.file,
                    Location::Sheet(labels.sheet.clone()),
                    format!(
                        "no codes for the variable {}, whose column in the sheet {} holds codes ({})",
                        quote(column.header),
                        quote(&sheet.name),
                        cells(column)
                    ),
                    format!(
                        "a value-label sheet that lists the codes and labels of every coded \
                         column, {} included",
                        quote(column.header)
                    ),
                ));
                unlabelled.columns.insert(column.column);
            }
        }
    }
    unlabelled
}
