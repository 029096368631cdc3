//! The `pdf` format: the fact sheet per specialty, composed here and laid out by `pdf`.

use format_api::{Format, Needs, OutputFile, Publication, Rendered, Unit, UnitKind};
use pdf::PdfRenderer;

use crate::{ROLES, SHARED_SLOTS, SPECIALTY_SLOTS, TEMPLATES, compose, left_out};

/// Pages a fact sheet is designed for; more is reported as a warning.
pub const FACT_SHEET_PAGES: usize = 2;

/// The fact sheet format.
pub struct FactSheets {
    renderer: PdfRenderer,
}

impl FactSheets {
    /// Parses the fonts once for every fact sheet of the run; sheets are set in two columns
    /// and fitted to [`FACT_SHEET_PAGES`] pages.
    pub fn new() -> FactSheets {
        FactSheets {
            renderer: PdfRenderer::fitted(2, FACT_SHEET_PAGES),
        }
    }
}

impl Default for FactSheets {
    fn default() -> Self {
        FactSheets::new()
    }
}

impl Format for FactSheets {
    fn name(&self) -> &'static str {
        "pdf"
    }

    fn description(&self) -> &'static str {
        "faktaark/<speciale>.pdf: a tagged (PDF/UA-1) two-page fact sheet per specialty"
    }

    fn units(&self) -> UnitKind {
        UnitKind::Specialty
    }

    fn needs(&self) -> Needs {
        Needs {
            templates: TEMPLATES,
            shared_slots: SHARED_SLOTS,
            specialty_slots: SPECIALTY_SLOTS,
            roles: ROLES,
        }
    }

    fn warnings(&self, publication: &Publication) -> Vec<String> {
        left_out(&publication.figures)
    }

    fn render(&self, publication: &Publication, unit: Unit) -> Result<Rendered, String> {
        let Unit::Specialty(index) = unit else {
            return Err(format!("a fact sheet is per specialty, not {unit:?}"));
        };
        let sheet = compose(publication, index);
        let rendered = self
            .renderer
            .render(&sheet.document)
            .map_err(|error| error.to_string())?;
        let name = &publication.specialty(index).name;
        let mut warnings = sheet.left_out;
        if rendered.pages > FACT_SHEET_PAGES {
            warnings.push(format!(
                "{name}: the fact sheet runs to {} pages (designed for {FACT_SHEET_PAGES}); nothing was cut",
                rendered.pages
            ));
        }
        if rendered.largest_hole > pdf::MAX_HOLE {
            warnings.push(format!(
                "{name}: the fact sheet leaves {:.0} mm empty at the foot of a column (at most a fifth of a page is designed for)",
                rendered.largest_hole * 25.4 / 72.0
            ));
        }
        Ok(Rendered {
            files: vec![OutputFile {
                path: format!("faktaark/{}.pdf", danish::slug(name)),
                bytes: rendered.bytes,
            }],
            warnings,
        })
    }
}
