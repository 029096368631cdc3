//! The registry: every output format and every second-phase assembly of this build, in the order
//! they run. Adding a format is a crate of its own plus one line here (and its dependency line in
//! this crate's Cargo.toml); see docs/adding-a-format.md.

use format_api::{Assembly, Format};

/// Every output format, in the order they run.
pub fn formats() -> Vec<Box<dyn Format>> {
    vec![
        Box::new(data_files::DataFiles),
        Box::new(factsheet::FactSheets::new()),
        Box::new(deck::Decks),
        Box::new(status_page::StatusPage),
        Box::new(annual_plan::AnnualPlan),
        Box::new(guide::Guide::new()),
    ]
}

/// Every second-phase assembly, in the order they run (after all formats).
pub fn assemblies() -> Vec<Box<dyn Assembly>> {
    vec![Box::new(packages::Packages)]
}
