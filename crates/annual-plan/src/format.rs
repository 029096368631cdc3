//! The `plan` format: the annual-plan template per cluster, composed here and written by `docx`.

use format_api::{Format, Needs, OutputFile, Publication, Rendered, Role, Unit, UnitKind};

use crate::{ADVICE_SLOT, FILE_NAME, TEMPLATES, compose};

/// The annual-plan format.
pub struct AnnualPlan;

impl Format for AnnualPlan {
    fn name(&self) -> &'static str {
        "plan"
    }

    fn description(&self) -> &'static str {
        "klynger/<klynge>/aarsplan.docx: the annual-plan template per cluster (Word, fill-in fields)"
    }

    fn units(&self) -> UnitKind {
        UnitKind::Cluster
    }

    fn needs(&self) -> Needs {
        Needs {
            templates: TEMPLATES,
            shared_slots: &[],
            specialty_slots: &[ADVICE_SLOT],
            roles: &[Role::Motivation],
        }
    }

    fn warnings(&self, publication: &Publication) -> Vec<String> {
        let mut warnings = Vec::new();
        if publication.figures.role_items(Role::Motivation).is_empty() {
            warnings.push(format!(
                "the annual plans leave out the strongest motivation elements: the survey definition names no question for the role '{}' ({})",
                Role::Motivation.key(),
                Role::Motivation.describe()
            ));
        }
        for (index, specialty) in publication.figures.specialties.iter().enumerate() {
            if crate::advice_headings(publication, index).is_empty() {
                warnings.push(format!(
                    "{}: the annual plans leave out the advice headings: the editorial file has no list in '# {ADVICE_SLOT}'",
                    specialty.name
                ));
            }
        }
        warnings
    }

    fn render(&self, publication: &Publication, unit: Unit) -> Result<Rendered, String> {
        let Unit::Cluster { specialty, cluster } = unit else {
            return Err(format!("an annual plan is per cluster, not {unit:?}"));
        };
        let document = compose(publication, specialty, cluster);
        let bytes = docx::render(&document).map_err(|error| error.to_string())?;
        let mut warnings = Vec::new();
        let has_role = !publication.figures.role_items(Role::Motivation).is_empty();
        if has_role
            && crate::motivation(publication, specialty, cluster)
                .0
                .is_empty()
        {
            warnings.push(format!(
                "{}: nobody answered the motivation question; the annual plan leaves out the strongest motivation elements",
                publication.unit_name(unit)
            ));
        }
        Ok(Rendered {
            files: vec![OutputFile {
                path: format!(
                    "klynger/{}/{FILE_NAME}",
                    publication.cluster_slug(specialty, cluster)
                ),
                bytes,
            }],
            warnings,
        })
    }
}
