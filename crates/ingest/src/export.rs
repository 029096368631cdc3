//! The survey export: one row per invited person, answers as labels or as numeric codes.

use std::collections::BTreeMap;

use model::{Invitee, Scale, SurveyDefinition};

use crate::workbook::{Cell, Sheet, normalize};
use model::problem::{CellRef, Location, Problem, quote};

/// The value-label sheet of a coded export: per variable (column header), code → label.
pub(crate) struct ValueLabels {
    sheet: String,
    labels: BTreeMap<String, BTreeMap<i64, String>>,
}

impl ValueLabels {
    /// Reads the sheet named in the definition.
    pub(crate) fn read(
        sheet: &Sheet,
        definition: &SurveyDefinition,
    ) -> Result<ValueLabels, Vec<Problem>> {
        let names = &definition.value_labels;
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
        let mut labels: BTreeMap<String, BTreeMap<i64, String>> = BTreeMap::new();
        let mut problems = Vec::new();
        for row in header.row + 1..sheet.end_row() {
            let (variable, value, label) = (
                sheet.cell(row, variable_column),
                sheet.cell(row, value_column),
                sheet.cell(row, label_column),
            );
            if [&variable, &value, &label]
                .iter()
                .all(|cell| **cell == Cell::Blank)
            {
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
            labels
                .entry(normalize(variable))
                .or_default()
                .insert(code, label.trim().to_owned());
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

    fn for_column(&self, column: &str) -> Option<&BTreeMap<i64, String>> {
        self.labels.get(&normalize(column))
    }
}

/// The answers one column accepts: a scale, or the status labels.
struct Answers<'a> {
    header: &'a str,
    labels: Vec<&'a str>,
    /// The definition's codes, used when the value-label sheet does not list the column.
    codes: Vec<i64>,
}

impl<'a> Answers<'a> {
    fn scale(header: &'a str, scale: &'a Scale) -> Answers<'a> {
        Answers {
            header,
            labels: scale
                .answers
                .iter()
                .map(|answer| answer.label.as_str())
                .collect(),
            codes: scale.answers.iter().map(|answer| answer.code).collect(),
        }
    }

    fn find_label(&self, text: &str) -> Option<usize> {
        let wanted = normalize(text);
        self.labels
            .iter()
            .position(|label| normalize(label) == wanted)
    }

    fn expected(&self) -> String {
        format!(
            "one of the answers {}",
            self.labels
                .iter()
                .map(|label| quote(label))
                .collect::<Vec<_>>()
                .join(", ")
        )
    }

    /// Resolves a cell to an answer index; `Ok(None)` for a blank; `Err((found, expected))`.
    fn resolve(
        &self,
        cell: &Cell<'_>,
        value_labels: Option<&ValueLabels>,
    ) -> Result<Option<usize>, (String, String)> {
        match cell {
            Cell::Blank => return Ok(None),
            Cell::Text(text) => {
                if let Some(index) = self.find_label(text) {
                    return Ok(Some(index));
                }
                if value_labels.is_none() || cell.integer().is_none() {
                    return Err((cell.describe(), self.expected()));
                }
            }
            Cell::Number(_) => {}
            Cell::Other(_) => return Err((cell.describe(), self.expected())),
        }
        let (Some(value_labels), Some(code)) = (value_labels, cell.integer()) else {
            return Err((
                cell.describe(),
                format!("an answer label ({})", self.expected()),
            ));
        };
        match value_labels.for_column(self.header) {
            Some(codes) => match codes.get(&code) {
                Some(label) => match self.find_label(label) {
                    Some(index) => Ok(Some(index)),
                    None => Err((
                        format!(
                            "the code {code}, labelled {} in the sheet \"{}\"",
                            quote(label),
                            value_labels.sheet
                        ),
                        self.expected(),
                    )),
                },
                None => Err((
                    format!("the code {code}"),
                    format!(
                        "a code that the sheet \"{}\" lists for {} ({})",
                        value_labels.sheet,
                        quote(self.header),
                        codes
                            .keys()
                            .map(i64::to_string)
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                )),
            },
            None if self.codes.is_empty() => Err((
                format!("the code {code}"),
                format!(
                    "a label, or a code that the sheet \"{}\" lists for {}",
                    value_labels.sheet,
                    quote(self.header)
                ),
            )),
            None => match self.codes.iter().position(|known| *known == code) {
                Some(index) => Ok(Some(index)),
                None => Err((
                    format!("the code {code}"),
                    format!(
                        "a code of the definition for {} ({})",
                        quote(self.header),
                        self.codes
                            .iter()
                            .map(i64::to_string)
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                )),
            },
        }
    }
}

/// Reads every row of the export, collecting every problem.
pub(crate) fn read_export(
    sheet: &Sheet,
    definition: &SurveyDefinition,
    value_labels: Option<&ValueLabels>,
    cluster_names: &[String],
) -> Result<Vec<Invitee>, Vec<Problem>> {
    let identity = &definition.columns;
    let header = sheet.header(&[&identity.respondent_id, &identity.cluster, &identity.status])?;
    let mut problems = Vec::new();
    let mut column = |name: &str| {
        let found = header.column(name);
        if found.is_none() {
            problems.push(Problem::new(
                &sheet.file,
                Location::Row {
                    sheet: sheet.name.clone(),
                    row: header.row,
                },
                format!("a column headed {} in the header row", quote(name)),
            ));
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
    if !problems.is_empty() {
        return Err(problems);
    }
    let answer_columns: Vec<u32> = answer_columns.into_iter().flatten().collect();

    let scales: Vec<Answers<'_>> = variables
        .iter()
        .map(|variable| {
            let scale = definition
                .scale(&variable.scale)
                .expect("a valid definition names known scales");
            Answers::scale(&variable.column, scale)
        })
        .collect();
    let respondent_statuses = definition.status.respondent.len();
    let status = Answers {
        header: &identity.status,
        labels: definition
            .status
            .respondent
            .iter()
            .chain(&definition.status.non_respondent)
            .map(String::as_str)
            .collect(),
        codes: Vec::new(),
    };
    let clusters: BTreeMap<String, usize> = cluster_names
        .iter()
        .enumerate()
        .map(|(index, name)| (normalize(name), index))
        .collect();

    let mut invitees = Vec::new();
    let mut ids: BTreeMap<String, CellRef> = BTreeMap::new();
    for row in header.row + 1..sheet.end_row() {
        let identity_cells =
            [id_column, cluster_column, status_column].map(|column| sheet.cell(row, column));
        if identity_cells.iter().all(|cell| *cell == Cell::Blank)
            && answer_columns
                .iter()
                .all(|column| sheet.cell(row, *column) == Cell::Blank)
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
            Cell::Text(text) => Some(text.trim().to_owned()),
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

        let cluster = match &cluster {
            Cell::Text(text) => match clusters.get(&normalize(text)) {
                Some(index) => Some(*index),
                None => {
                    report(
                        cluster_column,
                        cluster.describe(),
                        "a cluster listed in the roster".to_owned(),
                    );
                    None
                }
            },
            other => {
                report(
                    cluster_column,
                    other.describe(),
                    "the name of a cluster in the roster".to_owned(),
                );
                None
            }
        };

        let responded = match status.resolve(&status_cell, value_labels) {
            Ok(Some(index)) => Some(index < respondent_statuses),
            Ok(None) => {
                report(
                    status_column,
                    status_cell.describe(),
                    status.expected().replace("answers", "statuses"),
                );
                None
            }
            Err((found, expected)) => {
                report(
                    status_column,
                    found,
                    expected.replace("answers", "statuses"),
                );
                None
            }
        };

        let mut answers = Vec::with_capacity(scales.len());
        for (answers_of, column) in scales.iter().zip(&answer_columns) {
            match answers_of.resolve(&sheet.cell(row, *column), value_labels) {
                Ok(answer) => answers.push(answer.map(|index| index as u16)),
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
    if invitees.is_empty() && problems.is_empty() {
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
