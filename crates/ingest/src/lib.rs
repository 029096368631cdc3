//! Ingest: reads a publication's settings, survey definition, cluster roster and survey export,
//! and returns the validated [`model::Survey`] — or every problem found, each naming the file,
//! sheet, cell (A1), the value found and what was expected.
//!
//! The export may be labelled (answers as label text, matched ignoring case and surrounding white
//! space) or coded (numeric codes resolved through a value-label sheet in the same workbook, or
//! through the definition's codes for columns that sheet does not list). The header row may stand
//! below a title; columns may come in any order; unknown columns are ignored. Free-text columns
//! must exist, but their content is never read.

mod export;
mod roster;
mod workbook;

use std::path::{Path, PathBuf};

use model::{Settings, Survey, SurveyDefinition};

pub use model::problem::{CellRef, Location, Problem, Problems, read_toml};

use crate::export::{ValueLabels, read_export};
use crate::roster::read_roster;
use crate::workbook::Workbook;

/// Settings with their input paths resolved against the settings file's folder.
#[derive(Debug, Clone)]
pub struct LoadedSettings {
    /// The settings as written.
    pub settings: Settings,
    /// The settings file.
    pub path: PathBuf,
}

impl LoadedSettings {
    /// An input path resolved against the settings file's folder.
    pub fn resolve(&self, relative: &Path) -> PathBuf {
        self.path.parent().unwrap_or(Path::new(".")).join(relative)
    }
}

/// Reads the settings file.
pub fn load_settings(path: &Path) -> Result<LoadedSettings, Problems> {
    let settings: Settings = read_toml(path)?;
    Ok(LoadedSettings {
        settings,
        path: path.to_path_buf(),
    })
}

/// Reads and checks the survey definition.
pub fn load_definition(path: &Path) -> Result<SurveyDefinition, Problems> {
    let definition: SurveyDefinition = read_toml(path)?;
    let problems: Vec<Problem> = definition
        .problems()
        .into_iter()
        .map(|problem| {
            Problem::new(
                path,
                Location::File,
                format!("a consistent definition: {problem}"),
            )
        })
        .collect();
    if problems.is_empty() {
        Ok(definition)
    } else {
        Err(Problems(problems))
    }
}

/// Reads the definition, roster and export named by the settings into a validated survey.
/// Every problem found in any of them is returned together.
pub fn read_survey(loaded: &LoadedSettings) -> Result<Survey, Problems> {
    let inputs = &loaded.settings.inputs;
    let definition = load_definition(&loaded.resolve(&inputs.definition))?;
    let mut problems = Vec::new();

    let roster = Workbook::open(&loaded.resolve(&inputs.roster))
        .and_then(|mut workbook| workbook.sheet(inputs.roster_sheet.as_deref()))
        .map_err(|problem| vec![problem])
        .and_then(|sheet| read_roster(&sheet, &inputs.roster_columns));
    let roster = match roster {
        Ok(roster) => Some(roster),
        Err(found) => {
            problems.extend(found);
            None
        }
    };

    let export_path = loaded.resolve(&inputs.export);
    let cluster_names: Vec<String> = roster
        .as_ref()
        .map(|roster| {
            roster
                .clusters
                .iter()
                .map(|cluster| cluster.name.clone())
                .collect()
        })
        .unwrap_or_default();
    let invitees = read_export_workbook(
        &export_path,
        inputs.export_sheet.as_deref(),
        &definition,
        &cluster_names,
    );
    let invitees = match invitees {
        Ok(invitees) => Some(invitees),
        Err(found) => {
            problems.extend(found);
            None
        }
    };

    match (roster, invitees) {
        (Some(roster), Some(invitees)) if problems.is_empty() => Ok(Survey {
            definition,
            specialties: roster.specialties,
            clusters: roster.clusters,
            invitees,
        }),
        _ => Err(Problems(problems)),
    }
}

fn read_export_workbook(
    path: &Path,
    sheet_name: Option<&str>,
    definition: &SurveyDefinition,
    cluster_names: &[String],
) -> Result<Vec<model::Invitee>, Vec<Problem>> {
    let mut workbook = Workbook::open(path).map_err(|problem| vec![problem])?;
    let value_labels = if workbook.has_sheet(&definition.value_labels.sheet) {
        let sheet = workbook
            .sheet(Some(&definition.value_labels.sheet))
            .map_err(|problem| vec![problem])?;
        Some(ValueLabels::read(&sheet, definition)?)
    } else {
        None
    };
    let sheet = workbook
        .sheet(sheet_name)
        .map_err(|problem| vec![problem])?;
    read_export(&sheet, definition, value_labels.as_ref(), cluster_names)
}
