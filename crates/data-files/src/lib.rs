//! The analyst's data: `data/figures.json` (every count and base with its published form and
//! every rule's outcome), `data/figures.csv` (tidy long data: one row per unit × variable ×
//! answer) and `data/figures.xlsx` (a sheet per level for Excel). The three are written in
//! parallel.
//!
//! What the data files contain never depends on what a document needs: every question of the
//! survey definition is here, whatever roles the documents use.

mod csv;
mod json;
mod xlsx;

use format_api::{Format, OutputFile, Publication, Rendered, Unit, UnitKind};

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

    fn render(&self, publication: &Publication, _unit: Unit) -> Result<Rendered, String> {
        let ((json, csv), xlsx) = rayon::join(
            || {
                rayon::join(
                    || json::figures_json(publication),
                    || csv::figures_csv(&publication.figures),
                )
            },
            || xlsx::figures_xlsx(publication),
        );
        Ok(Rendered {
            files: vec![
                OutputFile {
                    path: "data/figures.json".to_owned(),
                    bytes: json?,
                },
                OutputFile {
                    path: "data/figures.csv".to_owned(),
                    bytes: csv?,
                },
                OutputFile {
                    path: "data/figures.xlsx".to_owned(),
                    bytes: xlsx?,
                },
            ],
            warnings: Vec::new(),
        })
    }
}

#[cfg(test)]
mod tests;
