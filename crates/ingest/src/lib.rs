//! Ingest: reads a publication's settings, survey definition, cluster roster and survey export,
//! and returns the validated [`model::Survey`] — or every problem found, each naming the file,
//! sheet, cell (A1), the value found and what was expected.
//!
//! The export may be labelled (answers as label text, matched ignoring case and surrounding white
//! space) or coded (numeric codes resolved through a value-label sheet in the same workbook; only
//! the status may fall back on the definition's codes). The header row may stand
//! below a title; columns may come in any order; unknown columns are ignored. Free-text columns
//! must exist, but their content is never read.
//!
//! Input is distrusted: workbooks are bounded in size before they are read ([`limits`]), headers,
//! labels and names are normalised (byte-order marks, zero-width and non-breaking spaces, Unicode
//! normal forms) before matching, formulas are refused where a value is read, and names that no
//! document could print or no file could carry are refused here, so that `validate` finds
//! everything `publish` could refuse.

mod draft;
mod export;
mod roster;
mod text;
mod workbook;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use model::problem::{line_of, quote, read_text};
use model::{Settings, Survey, SurveyDefinition};

pub use draft::draft_definition;
pub use model::problem::{CellRef, Location, Problem, Problems, read_toml};
pub use text::MAX_NAME_CHARS;
pub use workbook::limits;

use crate::export::{LabelSheet, RosterNames, ValueLabels, read_export};
use crate::roster::read_roster;
use crate::text::{name_fault, print_fault};
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

/// Reads the settings file, and checks that every input it names exists and that the publisher's
/// name can be printed. A missing input is named with the settings line that names it.
pub fn load_settings(path: &Path) -> Result<LoadedSettings, Problems> {
    let settings: Settings = read_toml(path)?;
    let loaded = LoadedSettings {
        settings,
        path: path.to_path_buf(),
    };
    let text = read_text(path)?;
    let spans: SettingsSpans = toml::from_str(&text).unwrap_or_default();
    let at = |span: Option<std::ops::Range<usize>>| {
        span.map_or(Location::File, |span| line_of(&text, span.start))
    };
    let mut problems = Vec::new();
    if let Some(expected) = name_fault(&loaded.settings.publisher) {
        problems.push(Problem::found(
            path,
            at(spans.publisher.map(|publisher| publisher.span())),
            quote(&loaded.settings.publisher),
            format!("the publisher's name: {expected}"),
        ));
    }
    let inputs = &loaded.settings.inputs;
    let named: [(&str, &Path, &str, bool); 5] = [
        (
            "definition",
            &inputs.definition,
            "the survey definition",
            false,
        ),
        ("export", &inputs.export, "the survey export", false),
        ("roster", &inputs.roster, "the cluster roster", false),
        ("texts", &inputs.texts, "the sentence templates", false),
        (
            "editorial",
            &inputs.editorial,
            "the folder of editorial text",
            true,
        ),
    ];
    for (key, relative, what, folder) in named {
        let resolved = loaded.resolve(relative);
        let exists = if folder {
            resolved.is_dir()
        } else {
            resolved.is_file()
        };
        if !exists {
            let span = spans
                .inputs
                .as_ref()
                .and_then(|inputs| inputs.get(key))
                .map(toml::Spanned::span);
            problems.push(Problem::found(
                path,
                at(span),
                format!(
                    "{key} = {}, but {} {} not exist",
                    quote(&relative.display().to_string()),
                    resolved.display(),
                    if resolved.exists() {
                        "is not a file or folder of that kind: it does"
                    } else {
                        "does"
                    }
                ),
                format!(
                    "{what} as an existing {} (paths are relative to the settings file's folder)",
                    if folder { "folder" } else { "file" }
                ),
            ));
        }
    }
    if problems.is_empty() {
        Ok(loaded)
    } else {
        Err(Problems(problems))
    }
}

/// Where in the settings file each checked value stands.
#[derive(Default, serde::Deserialize)]
struct SettingsSpans {
    publisher: Option<toml::Spanned<String>>,
    inputs: Option<BTreeMap<String, toml::Spanned<toml::Value>>>,
}

/// Reads and checks the survey definition: its consistency, and that every text a document
/// prints from it (question and item texts, answer and status labels) is printable: no control
/// characters, nothing the documents' font lacks.
pub fn load_definition(path: &Path) -> Result<SurveyDefinition, Problems> {
    let definition: SurveyDefinition = read_toml(path)?;
    let mut problems: Vec<Problem> = definition
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
    let mut texts: Vec<(String, &str)> = Vec::new();
    for question in &definition.questions {
        texts.push((
            format!("the text of question {}", quote(&question.id)),
            &question.text,
        ));
        for item in &question.items {
            texts.push((format!("the text of item {}", quote(&item.id)), &item.text));
        }
    }
    for (name, scale) in &definition.scales {
        for answer in &scale.answers {
            texts.push((
                format!("an answer label of scale {}", quote(name)),
                &answer.label,
            ));
        }
    }
    for label in definition.status.labels() {
        texts.push(("a status label".to_owned(), label));
    }
    for (what, text) in texts {
        if let Some(expected) = print_fault(text) {
            problems.push(Problem::found(
                path,
                Location::File,
                format!("{what} {}", quote(text)),
                format!("{expected}: the documents print it"),
            ));
        }
    }
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
    let roster_path = loaded.resolve(&inputs.roster);
    let roster_names = RosterNames {
        read: roster.is_some(),
        names: &cluster_names,
        file: roster_path.file_name().map_or_else(
            || roster_path.display().to_string(),
            |name| name.to_string_lossy().into_owned(),
        ),
    };
    let invitees = read_export_workbook(
        &export_path,
        inputs.export_sheet.as_deref(),
        &definition,
        roster_names,
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
    roster: RosterNames<'_>,
) -> Result<Vec<model::Invitee>, Vec<Problem>> {
    let mut workbook = Workbook::open(path).map_err(|problem| vec![problem])?;
    let value_labels = match workbook.find_sheet(&definition.value_labels.sheet) {
        Some(name) => {
            let sheet = workbook
                .sheet(Some(&name))
                .map_err(|problem| vec![problem])?;
            if let Some(problem) = sheet.bounds_problem() {
                return Err(vec![problem]);
            }
            Some(ValueLabels::read(&sheet, &definition.value_labels)?)
        }
        None => None,
    };
    let sheet = workbook
        .sheet(sheet_name)
        .map_err(|problem| vec![problem])?;
    let label_sheet = LabelSheet {
        read: value_labels.as_ref(),
        name: &definition.value_labels.sheet,
        sheets: workbook.sheet_names(),
    };
    read_export(&sheet, definition, &label_sheet, roster, |row| {
        workbook.merged_in_row(&sheet.name, row)
    })
}
