//! Preparation: everything a format reads, loaded and checked before anything is written.

use std::path::Path;

use aggregate::{Warning, aggregate, warnings};
use format_api::{Needs, Publication, SHARED_EDITORIAL, TemplateSpec, cluster_slugs};
use ingest::{Problem, Problems, load_settings, read_survey};
use texts::{Editorial, Templates};

/// What the selected formats need, against what every registered format could use.
pub struct Requirements {
    /// Needs of the selected formats and assemblies: their templates must be present.
    pub selected: Vec<Needs>,
    /// Needs of every registered format and assembly: a template or slot none of them knows is a
    /// mistake in the texts.
    pub known: Vec<Needs>,
}

impl Requirements {
    fn known_templates(&self) -> Vec<TemplateSpec> {
        self.known
            .iter()
            .flat_map(|needs| needs.templates.iter().copied())
            .collect()
    }

    fn required_templates(&self) -> Vec<&'static str> {
        self.selected
            .iter()
            .flat_map(|needs| needs.templates.iter().map(|spec| spec.name))
            .collect()
    }

    fn slots(&self, of: impl Fn(&Needs) -> &'static [&'static str]) -> Vec<&'static str> {
        let mut slots: Vec<&'static str> = self.known.iter().flat_map(of).copied().collect();
        slots.sort_unstable();
        slots.dedup();
        slots
    }
}

/// Loads and checks every input; returns every problem found, in all inputs, together.
pub fn prepare(settings_path: &Path, requirements: &Requirements) -> Result<Publication, Problems> {
    let settings = load_settings(settings_path)?;
    let inputs = &settings.settings.inputs;
    let mut problems = Vec::new();
    let mut warnings_found = Vec::new();

    let templates = collect(
        Templates::load(
            &settings.resolve(&inputs.texts),
            &requirements.known_templates(),
            &requirements.required_templates(),
        ),
        &mut problems,
    );
    let editorial_folder = settings.resolve(&inputs.editorial);
    let shared = collect(
        Editorial::load(
            &editorial_folder.join(SHARED_EDITORIAL),
            &requirements.slots(|needs| needs.shared_slots),
        ),
        &mut problems,
    );
    let survey = collect(read_survey(&settings), &mut problems);

    let Some(survey) = survey else {
        return Err(Problems(problems));
    };
    let figures = aggregate(&survey, settings.settings.min_respondents);
    let specialty_slots = requirements.slots(|needs| needs.specialty_slots);
    let specialty_editorial: Vec<Editorial> = figures
        .specialties
        .iter()
        .map(|specialty| {
            let path = editorial_folder.join(format!("{}.md", danish::slug(&specialty.name)));
            if path.exists() {
                collect(Editorial::load(&path, &specialty_slots), &mut problems).unwrap_or_default()
            } else {
                warnings_found.push(Warning(format!(
                    "{}: no editorial text ({} is missing); its documents have computed text only",
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
                cluster_slugs: cluster_slugs(&figures),
                figures,
            })
        }
        _ => Err(Problems(problems)),
    }
}

fn collect<T>(result: Result<T, Problems>, problems: &mut Vec<Problem>) -> Option<T> {
    result.map_err(|found| problems.extend(found.0)).ok()
}
