//! The cluster roster: cluster, specialty, members, coordinator.

use std::collections::BTreeMap;

use model::settings::RosterColumns;
use model::{Cluster, Specialty};

use crate::text::{clean, name_fault, normalize};
use crate::workbook::{Cell, NOT_A_FORMULA, Sheet};
use model::problem::{Location, Problem, quote};

/// Specialties (in order of first appearance) and clusters (in roster order).
pub(crate) struct Roster {
    pub(crate) specialties: Vec<Specialty>,
    pub(crate) clusters: Vec<Cluster>,
}

/// Reads the roster sheet, collecting every problem.
pub(crate) fn read_roster(sheet: &Sheet, columns: &RosterColumns) -> Result<Roster, Vec<Problem>> {
    if let Some(problem) = sheet.bounds_problem() {
        return Err(vec![problem]);
    }
    let header = sheet.header(&[
        &columns.cluster,
        &columns.specialty,
        &columns.members,
        &columns.coordinator,
    ])?;
    let column = |name: &str| {
        header
            .column(name)
            .expect("the header holds every required column")
    };
    let (cluster_column, specialty_column) = (column(&columns.cluster), column(&columns.specialty));
    let (members_column, coordinator_column) =
        (column(&columns.members), column(&columns.coordinator));

    let mut problems = Vec::new();
    let mut roster = Roster {
        specialties: Vec::new(),
        clusters: Vec::new(),
    };
    let mut seen: BTreeMap<String, u32> = BTreeMap::new();
    for row_cells in sheet.filled_rows(header.row + 1) {
        let row = row_cells.row;
        let cells = [
            cluster_column,
            specialty_column,
            members_column,
            coordinator_column,
        ]
        .map(|column| row_cells.cell(column));
        if cells.iter().all(|cell| *cell == Cell::Blank) {
            continue;
        }
        let [cluster, specialty, members, coordinator] = cells;
        let text =
            |cell: &Cell<'_>, column: u32, what: &str, problems: &mut Vec<Problem>| match cell {
                Cell::Text(text) => {
                    let name = clean(text);
                    match name_fault(&name) {
                        None => Some(name),
                        Some(expected) => {
                            problems.push(Problem::found(
                                &sheet.file,
                                sheet.at(row, column),
                                quote(text),
                                format!("{what}: {expected}"),
                            ));
                            None
                        }
                    }
                }
                Cell::Formula { .. } => {
                    problems.push(Problem::found(
                        &sheet.file,
                        sheet.at(row, column),
                        cell.describe(),
                        NOT_A_FORMULA,
                    ));
                    None
                }
                other => {
                    problems.push(Problem::found(
                        &sheet.file,
                        sheet.at(row, column),
                        other.describe(),
                        what,
                    ));
                    None
                }
            };
        let name = text(
            &cluster,
            cluster_column,
            "the cluster's name",
            &mut problems,
        );
        let specialty_name = text(
            &specialty,
            specialty_column,
            "the specialty's name",
            &mut problems,
        );
        let coordinator = match coordinator {
            Cell::Blank => String::new(),
            other => text(
                &other,
                coordinator_column,
                "the coordinator's name",
                &mut problems,
            )
            .unwrap_or_default(),
        };
        let members = match members.integer() {
            Some(count) if (1..=10_000).contains(&count) => Some(count as u32),
            _ => {
                problems.push(Problem::found(
                    &sheet.file,
                    sheet.at(row, members_column),
                    members.describe(),
                    "the number of members, a whole number of at least 1",
                ));
                None
            }
        };
        let (Some(name), Some(specialty_name), Some(members)) = (name, specialty_name, members)
        else {
            continue;
        };
        if let Some(first_row) = seen.insert(normalize(&name), row) {
            problems.push(Problem::found(
                &sheet.file,
                sheet.at(row, cluster_column),
                format!("{} again (first in row {})", quote(&name), first_row + 1),
                "each cluster once",
            ));
            continue;
        }
        let specialty = match roster
            .specialties
            .iter()
            .position(|known| known.name == specialty_name)
        {
            Some(index) => index,
            None => {
                roster.specialties.push(Specialty {
                    name: specialty_name,
                });
                roster.specialties.len() - 1
            }
        };
        roster.clusters.push(Cluster {
            name,
            specialty,
            members,
            coordinator,
        });
    }
    if roster.clusters.is_empty() && problems.is_empty() {
        problems.push(Problem::new(
            &sheet.file,
            Location::Sheet(sheet.name.clone()),
            "at least one cluster below the header row",
        ));
    }
    if problems.is_empty() {
        Ok(roster)
    } else {
        Err(problems)
    }
}
