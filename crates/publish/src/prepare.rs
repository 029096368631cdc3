//! Preparation: everything a renderer reads, loaded and checked before anything is written.

use std::path::Path;

use aggregate::{Figures, Warning, aggregate, warnings};
use ingest::{LoadedSettings, Location, Problem, Problems, load_settings, read_survey};
use texts::{Editorial, Templates};

/// The shared editorial file in the editorial folder.
pub const SHARED_EDITORIAL: &str = "faelles.md";

/// A publication ready to render: settings, figures, texts. Renderers read only this.
pub struct Publication {
    /// Settings with resolved paths.
    pub settings: LoadedSettings,
    /// Every figure.
    pub figures: Figures,
    /// Facts about the inputs that did not stop the run.
    pub warnings: Vec<Warning>,
    /// Sentence templates.
    pub templates: Templates,
    /// Editorial text shared by all specialties.
    pub shared_editorial: Editorial,
    /// Editorial text per specialty, in figures order.
    pub specialty_editorial: Vec<Editorial>,
    /// Clusters in the roster.
    pub clusters: usize,
}

/// Loads and checks every input; returns every problem found, in all inputs, together.
pub fn prepare(settings_path: &Path) -> Result<Publication, Problems> {
    let settings = load_settings(settings_path)?;
    let inputs = &settings.settings.inputs;
    let mut problems = Vec::new();
    let mut warnings_found = Vec::new();

    let templates = collect(
        Templates::load(&settings.resolve(&inputs.texts), factsheet::TEMPLATES),
        &mut problems,
    );
    let editorial_folder = settings.resolve(&inputs.editorial);
    let shared = collect(
        Editorial::load(
            &editorial_folder.join(SHARED_EDITORIAL),
            factsheet::SHARED_SLOTS,
        ),
        &mut problems,
    );
    let survey = collect(read_survey(&settings), &mut problems);

    let Some(survey) = survey else {
        return Err(Problems(problems));
    };
    let figures = aggregate(&survey, settings.settings.min_respondents);
    let definition_path = settings.resolve(&inputs.definition);
    for message in factsheet::check(&figures) {
        problems.push(Problem::new(&definition_path, Location::File, message));
    }
    let specialty_editorial: Vec<Editorial> = figures
        .specialties
        .iter()
        .map(|specialty| {
            let path = editorial_folder.join(format!("{}.md", danish::slug(&specialty.name)));
            if path.exists() {
                collect(
                    Editorial::load(&path, factsheet::SPECIALTY_SLOTS),
                    &mut problems,
                )
                .unwrap_or_default()
            } else {
                warnings_found.push(Warning(format!(
                    "{}: no editorial text ({} is missing); the fact sheet has computed text only",
                    specialty.name,
                    path.display()
                )));
                Editorial::default()
            }
        })
        .collect();

    match (templates, shared) {
        (Some(templates), Some(shared_editorial)) if problems.is_empty() => {
            let mut all_warnings = warnings(&figures);
            all_warnings.extend(warnings_found);
            Ok(Publication {
                settings,
                warnings: all_warnings,
                templates,
                shared_editorial,
                specialty_editorial,
                clusters: survey.clusters.len(),
                figures,
            })
        }
        _ => Err(Problems(problems)),
    }
}

fn collect<T>(result: Result<T, Problems>, problems: &mut Vec<Problem>) -> Option<T> {
    result.map_err(|found| problems.extend(found.0)).ok()
}
