//! The prepared publication: settings, figures, texts. Formats read only this.

use aggregate::{ClusterFigures, Figures, SpecialtyFigures, Warning};
use document::{Date, Meta, Palette, Rgb};
use ingest::LoadedSettings;
use texts::{Editorial, Templates};

use crate::{Unit, UnitKind};

/// The shared editorial file in the editorial folder.
pub const SHARED_EDITORIAL: &str = "faelles.md";

/// A publication ready to render: everything loaded and checked before anything is written.
pub struct Publication {
    /// Settings with resolved paths.
    pub settings: LoadedSettings,
    /// Every figure and every rule's outcome.
    pub figures: Figures,
    /// Facts about the inputs that did not stop the run.
    pub warnings: Vec<Warning>,
    /// Sentence templates (checked against the selected formats' needs).
    pub templates: Templates,
    /// Editorial text shared by all specialties.
    pub shared_editorial: Editorial,
    /// Editorial text per specialty, in figures order.
    pub specialty_editorial: Vec<Editorial>,
}

impl Publication {
    /// The house palette from the settings' theme.
    pub fn palette(&self) -> Palette {
        let theme = &self.settings.settings.theme;
        let rgb = |colour: model::Colour| {
            let [red, green, blue] = colour.0;
            Rgb(red, green, blue)
        };
        Palette::new(rgb(theme.primary), rgb(theme.secondary), rgb(theme.text))
    }

    /// The publication date, written into every document.
    pub fn date(&self) -> Date {
        let date = self.settings.settings.publication_date;
        Date {
            year: date.year,
            month: date.month,
            day: date.day,
        }
    }

    /// The dateline: "Marts 2026".
    pub fn dateline(&self) -> String {
        self.settings.settings.publication_date.month_and_year()
    }

    /// The survey year.
    pub fn year(&self) -> u16 {
        self.settings.settings.year
    }

    /// The publisher, e.g. "eKVIS".
    pub fn publisher(&self) -> &str {
        &self.settings.settings.publisher
    }

    /// Document metadata with this title and subject, in Danish, by the publisher, dated.
    pub fn meta(&self, title: String, subject: String) -> Meta {
        Meta {
            title,
            subject,
            language: "da-DK".to_owned(),
            author: self.publisher().to_owned(),
            date: self.date(),
        }
    }

    /// Every unit of a kind, in roster order.
    pub fn units(&self, kind: UnitKind) -> Vec<Unit> {
        let specialties = &self.figures.specialties;
        match kind {
            UnitKind::Publication => vec![Unit::Publication],
            UnitKind::Specialty => (0..specialties.len()).map(Unit::Specialty).collect(),
            UnitKind::Cluster => specialties
                .iter()
                .enumerate()
                .flat_map(|(specialty, figures)| {
                    (0..figures.clusters.len()).map(move |cluster| Unit::Cluster {
                        specialty,
                        cluster,
                    })
                })
                .collect(),
        }
    }

    /// A specialty's figures.
    pub fn specialty(&self, index: usize) -> &SpecialtyFigures {
        &self.figures.specialties[index]
    }

    /// A cluster's figures.
    pub fn cluster(&self, specialty: usize, cluster: usize) -> &ClusterFigures {
        &self.figures.specialties[specialty].clusters[cluster]
    }

    /// The unit named for a reader: "the publication", "Dermatologi", "Derma – Nord (Dermatologi)".
    pub fn unit_name(&self, unit: Unit) -> String {
        match unit {
            Unit::Publication => "the publication".to_owned(),
            Unit::Specialty(index) => self.specialty(index).name.clone(),
            Unit::Cluster { specialty, cluster } => format!(
                "{} ({})",
                self.cluster(specialty, cluster).name,
                self.specialty(specialty).name
            ),
        }
    }

    /// Clusters in the roster.
    pub fn cluster_count(&self) -> usize {
        self.figures
            .specialties
            .iter()
            .map(|specialty| specialty.clusters.len())
            .sum()
    }
}
