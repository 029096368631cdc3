//! The renderer interface: an output format declares what it renders and writes files from the
//! prepared publication. It never computes a statistic.

use std::fmt;

use crate::prepare::Publication;

/// What one rendering of a format covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// One rendering for the whole publication.
    Publication,
    /// One rendering per specialty.
    Specialty,
}

/// A file a format produced: a path relative to the publication folder (forward slashes, ASCII
/// slugs) and its bytes.
#[derive(Debug, Clone)]
pub struct OutputFile {
    /// Relative path, e.g. "faktaark/dermatologi.pdf".
    pub path: String,
    /// The content.
    pub bytes: Vec<u8>,
}

/// What one rendering produced.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    /// The files.
    pub files: Vec<OutputFile>,
    /// Things the analyst should know (a fact sheet that ran onto a third page).
    pub warnings: Vec<String>,
}

/// A rendering that failed.
#[derive(Debug, Clone)]
pub struct RenderError {
    /// The format.
    pub format: &'static str,
    /// The unit (specialty name, or "publication").
    pub unit: String,
    /// What went wrong.
    pub message: String,
}

impl fmt::Display for RenderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "format '{}' failed for {}: {}",
            self.format, self.unit, self.message
        )
    }
}

impl std::error::Error for RenderError {}

/// An output format.
pub trait Format: Sync {
    /// Short name used on the command line, e.g. "pdf".
    fn name(&self) -> &'static str;
    /// One line for `klyngepakke formats`.
    fn description(&self) -> &'static str;
    /// What one rendering covers.
    fn scope(&self) -> Scope;
    /// Renders unit `unit` of the scope (the specialty's index; 0 for the publication).
    fn render(&self, publication: &Publication, unit: usize) -> Result<Rendered, String>;
}
