//! The PDF fact sheet per specialty: composed by `factsheet`, laid out by `pdf`.

use document::{Date, Rgb, Theme};
use factsheet::Context;
use pdf::PdfRenderer;

use crate::format::{Format, OutputFile, Rendered, Scope};
use crate::prepare::Publication;

/// Pages a fact sheet is designed for; more is reported as a warning.
pub const FACT_SHEET_PAGES: usize = 2;

/// The fact sheet format.
pub struct FactSheets {
    renderer: PdfRenderer,
}

impl FactSheets {
    /// Parses the fonts once for every fact sheet of the run.
    pub fn new() -> FactSheets {
        FactSheets {
            renderer: PdfRenderer::new(),
        }
    }
}

impl Default for FactSheets {
    fn default() -> Self {
        FactSheets::new()
    }
}

fn rgb(colour: model::Colour) -> Rgb {
    let [red, green, blue] = colour.0;
    Rgb(red, green, blue)
}

impl Format for FactSheets {
    fn name(&self) -> &'static str {
        "pdf"
    }

    fn description(&self) -> &'static str {
        "faktaark/<speciale>.pdf: a tagged (PDF/UA-1) fact sheet per specialty"
    }

    fn scope(&self) -> Scope {
        Scope::Specialty
    }

    fn render(&self, publication: &Publication, unit: usize) -> Result<Rendered, String> {
        let settings = &publication.settings.settings;
        let date = settings.publication_date;
        let context = Context {
            figures: &publication.figures,
            templates: &publication.templates,
            shared: &publication.shared_editorial,
            publisher: &settings.publisher,
            year: settings.year,
            date: Date {
                year: date.year,
                month: date.month,
                day: date.day,
            },
            dateline: date.month_and_year(),
            theme: Theme {
                primary: rgb(settings.theme.primary),
                secondary: rgb(settings.theme.secondary),
                text: rgb(settings.theme.text),
            },
        };
        let document = factsheet::compose(&context, unit, &publication.specialty_editorial[unit]);
        let rendered = self
            .renderer
            .render(&document)
            .map_err(|error| error.to_string())?;
        let name = &publication.figures.specialties[unit].name;
        let mut warnings = Vec::new();
        if rendered.pages > FACT_SHEET_PAGES {
            warnings.push(format!(
                "{name}: the fact sheet runs to {} pages (designed for {FACT_SHEET_PAGES}); nothing was cut",
                rendered.pages
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
