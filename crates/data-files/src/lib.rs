//! The analyst's data: `data/figures.json` (every count and base with its published form and
//! every rule's outcome), `data/figures.csv` (tidy long data: one row per unit × variable ×
//! answer) and `data/figures.xlsx` (a sheet per level for Excel). figures.json and figures.csv
//! are written to disk as they are serialized, never whole in memory (at 100 times the national
//! scale they are some 80 and 120 MB); the workbook is made in memory, as its zip needs.
//!
//! What the data files contain never depends on what a document needs: every question of the
//! survey definition is here, whatever roles the documents use.

mod csv;
mod json;
mod xlsx;

use format_api::{FileSink, Format, InMemory, Publication, Rendered, Unit, UnitKind};

pub use xlsx::{
    HEADER_ROWS as XLSX_HEADER_ROWS, SHEETS as XLSX_SHEETS, SUPPRESSED as XLSX_SUPPRESSED,
};

/// The data format.
pub struct DataFiles;

impl Format for DataFiles {
    fn name(&self) -> &'static str {
        "data"
    }

    fn description(&self) -> &'static str {
        "data/figures.json with every count and outcome, figures.csv (tidy) and figures.xlsx"
    }

    fn units(&self) -> UnitKind {
        UnitKind::Publication
    }

    fn render(&self, publication: &Publication, unit: Unit) -> Result<Rendered, String> {
        let files = InMemory::default();
        let warnings = self.render_into(publication, unit, &files)?;
        Ok(Rendered {
            files: files.into_files(),
            warnings,
        })
    }

    fn render_into(
        &self,
        publication: &Publication,
        _unit: Unit,
        files: &dyn FileSink,
    ) -> Result<Vec<String>, String> {
        files.write("data/figures.json", &mut |out| {
            json::write_figures_json(publication, out)
        })?;
        files.write("data/figures.csv", &mut |out| {
            csv::write_figures_csv(&publication.figures, out).map_err(std::io::Error::other)
        })?;
        let workbook = xlsx::figures_xlsx(publication)?;
        files.write("data/figures.xlsx", &mut |out| out.write_all(&workbook))?;
        Ok(Vec::new())
    }
}

#[cfg(test)]
mod tests;
