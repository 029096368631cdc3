//! The `status` format: the status page composed here and written by `html`.

use format_api::{Format, Needs, OutputFile, Publication, Rendered, Unit, UnitKind};

use crate::{ROLES, TEMPLATES, compose, present_roles, unanswered};

/// The page's path within the publication.
pub const FILE: &str = "status.html";

/// The status page format.
pub struct StatusPage;

impl Format for StatusPage {
    fn name(&self) -> &'static str {
        "status"
    }

    fn description(&self) -> &'static str {
        "status.html: the national status page, one self-contained accessible HTML file"
    }

    fn units(&self) -> UnitKind {
        UnitKind::Publication
    }

    fn needs(&self) -> Needs {
        Needs {
            templates: TEMPLATES,
            shared_slots: &[],
            specialty_slots: &[],
            roles: ROLES,
        }
    }

    fn warnings(&self, publication: &Publication) -> Vec<String> {
        let present = present_roles(publication);
        ROLES
            .iter()
            .filter(|role| !present.iter().any(|(found, _)| found == *role))
            .map(|role| {
                format!(
                    "{FILE}: the survey definition names no question for the {} role ({}); the page leaves out its columns and sections",
                    role.key(),
                    role.describe()
                )
            })
            .collect()
    }

    fn render(&self, publication: &Publication, unit: Unit) -> Result<Rendered, String> {
        if unit != Unit::Publication {
            return Err(format!(
                "the status page covers the publication, not {unit:?}"
            ));
        }
        let document = compose(publication);
        Ok(Rendered {
            files: vec![OutputFile {
                path: FILE.to_owned(),
                bytes: html::render(&document).into_bytes(),
            }],
            warnings: unanswered(publication),
        })
    }
}
