//! The `guide` format: the coordinator's guide per cluster, composed once and written as Word
//! (`docx`) and as tagged PDF (`pdf`).

use aggregate::{NotAssessed, Reflection};
use format_api::{Format, Needs, OutputFile, Publication, Rendered, Role, Unit, UnitKind};
use pdf::PdfRenderer;

use crate::{PDF_FILE, TEMPLATES, WORD_FILE, compose};

/// The guide format.
pub struct Guide {
    renderer: PdfRenderer,
}

impl Guide {
    /// Parses the PDF fonts once for every guide of the run.
    pub fn new() -> Guide {
        Guide {
            renderer: PdfRenderer::new(),
        }
    }
}

impl Default for Guide {
    fn default() -> Self {
        Guide::new()
    }
}

impl Format for Guide {
    fn name(&self) -> &'static str {
        "guide"
    }

    fn description(&self) -> &'static str {
        "klynger/<klynge>/vejledning.docx and .pdf: the coordinator's guide per cluster (Word and PDF/UA-1)"
    }

    fn units(&self) -> UnitKind {
        UnitKind::Cluster
    }

    fn needs(&self) -> Needs {
        Needs {
            templates: TEMPLATES,
            shared_slots: &[],
            specialty_slots: &[],
            roles: &[Role::Support, Role::Improvements],
        }
    }

    fn warnings(&self, publication: &Publication) -> Vec<String> {
        let no_roles = publication
            .figures
            .specialties
            .iter()
            .flat_map(|specialty| &specialty.clusters)
            .any(|cluster| {
                cluster.reflection
                    == Reflection::NotAssessed {
                        reason: NotAssessed::NoRoles,
                    }
            });
        if no_roles {
            vec![format!(
                "the guides cannot put the discussion points that fit a cluster first: the survey definition names no question for the roles '{}' and '{}'",
                Role::Support.key(),
                Role::Improvements.key()
            )]
        } else {
            Vec::new()
        }
    }

    fn render(&self, publication: &Publication, unit: Unit) -> Result<Rendered, String> {
        let Unit::Cluster { specialty, cluster } = unit else {
            return Err(format!("a guide is per cluster, not {unit:?}"));
        };
        let document = compose(publication, specialty, cluster);
        let word = docx::render(&document).map_err(|error| error.to_string())?;
        let pdf = self
            .renderer
            .render(&document)
            .map_err(|error| error.to_string())?;
        let folder = format!("klynger/{}", publication.cluster_slug(specialty, cluster));
        let mut warnings = Vec::new();
        if publication.cluster(specialty, cluster).reflection
            == (Reflection::NotAssessed {
                reason: NotAssessed::NoAnswers,
            })
        {
            warnings.push(format!(
                "{}: nobody in the cluster answered the questions the discussion points are chosen by; the guide keeps the usual order",
                publication.unit_name(unit)
            ));
        }
        Ok(Rendered {
            files: vec![
                OutputFile {
                    path: format!("{folder}/{WORD_FILE}"),
                    bytes: word,
                },
                OutputFile {
                    path: format!("{folder}/{PDF_FILE}"),
                    bytes: pdf.bytes,
                },
            ],
            warnings,
        })
    }
}
