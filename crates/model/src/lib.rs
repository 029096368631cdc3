//! The validated survey model that ingest produces and aggregation reads.
//!
//! - [`definition`]: the questionnaire as data (questions, scales, export columns), loaded from TOML.
//! - [`roles`]: what documents need from the questionnaire ([`Role`]), mapped to questions by the
//!   definition's `[roles]` table.
//! - [`settings`]: one publication's settings (year, dates, minimum respondents, theme, inputs).
//! - [`Survey`]: the roster and every invited person's answers, already checked against both.
//!
//! Free-text answers never enter this model: ingest checks that their columns exist and drops
//! their content, so no later stage can leak them.

pub mod definition;
pub mod printable;
pub mod problem;
pub mod roles;
pub mod settings;

pub use definition::{Question, QuestionKind, Scale, ScaleAnswer, SurveyDefinition, Variable};
pub use problem::{CellRef, Location, Problem, Problems};
pub use roles::{ExpectationPair, Role, Roles};
pub use settings::{Colour, Date, Settings};

/// A specialty ("speciale"): the unit of a fact sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Specialty {
    /// The specialty's name as written in documents, e.g. "Dermatologi".
    pub name: String,
}

/// A quality cluster ("klynge") from the roster.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cluster {
    /// The cluster's name, e.g. "Derma – Nord".
    pub name: String,
    /// Index into [`Survey::specialties`].
    pub specialty: usize,
    /// Members according to the roster (may differ from the invited rows of the export).
    pub members: u32,
    /// The coordinator's name.
    pub coordinator: String,
}

/// One invited person: a row of the export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invitee {
    /// Index into [`Survey::clusters`].
    pub cluster: usize,
    /// Whether the status counts as a response (completed or partial by default).
    pub responded: bool,
    /// One entry per [`Variable`] of the definition, in [`SurveyDefinition::variables`] order:
    /// the index of the answer in the variable's scale, or `None` for a blank cell.
    pub answers: Vec<Option<u16>>,
}

/// A survey export checked against its definition and roster.
#[derive(Debug, Clone)]
pub struct Survey {
    /// The questionnaire the answers follow.
    pub definition: SurveyDefinition,
    /// Specialties in roster order.
    pub specialties: Vec<Specialty>,
    /// Clusters in roster order.
    pub clusters: Vec<Cluster>,
    /// Every invited person, in export order.
    pub invitees: Vec<Invitee>,
}
