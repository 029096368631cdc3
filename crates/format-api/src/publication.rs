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
    /// Per specialty, per cluster: the cluster's file-name slug, unique in the publication
    /// (see [`cluster_slugs`]).
    pub cluster_slugs: Vec<Vec<String>>,
}

/// Longest slug used in a file name; longer names are cut (and made unique as any other).
pub const MAX_SLUG: usize = 60;

/// Every cluster's file-name slug, in roster order: ASCII (æ → ae, ø → oe, å → aa), at most
/// [`MAX_SLUG`] characters, and unique: when two names slug alike, the later ones get "-2",
/// "-3", …. A slug is letters, digits and dashes only, so a path built from it stays inside the
/// publication whatever a cluster is called.
pub fn cluster_slugs(figures: &Figures) -> Vec<Vec<String>> {
    let names = figures.specialties.iter().flat_map(|specialty| {
        specialty
            .clusters
            .iter()
            .map(|cluster| cluster.name.as_str())
    });
    let mut slugs = unique_slugs(names).into_iter();
    figures
        .specialties
        .iter()
        .map(|specialty| slugs.by_ref().take(specialty.clusters.len()).collect())
        .collect()
}

/// Slugs of names, in order, unique among themselves.
fn unique_slugs<'a>(names: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut taken = std::collections::BTreeSet::new();
    names
        .map(|name| {
            let mut base = danish::slug(name);
            base.truncate(MAX_SLUG);
            let base = base.trim_end_matches('-').to_owned();
            let mut slug = base.clone();
            let mut number = 2;
            while !taken.insert(slug.clone()) {
                slug = format!("{base}-{number}");
                number += 1;
            }
            slug
        })
        .collect()
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
                    (0..figures.clusters.len())
                        .map(move |cluster| Unit::Cluster { specialty, cluster })
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

    /// A cluster's unique file-name slug.
    pub fn cluster_slug(&self, specialty: usize, cluster: usize) -> &str {
        &self.cluster_slugs[specialty][cluster]
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

#[cfg(test)]
mod tests {
    #[test]
    fn slugs_are_ascii_short_and_unique() {
        let long = "x".repeat(300);
        let names = [
            "ØNH – Kbh's Nord & Omegn",
            "ønh kbh-s nord omegn",
            "../../etc",
            &long,
        ];
        let slugs = super::unique_slugs(names.into_iter());
        assert_eq!(slugs[0], "oenh-kbh-s-nord-omegn");
        assert_eq!(slugs[1], "oenh-kbh-s-nord-omegn-2");
        assert_eq!(slugs[2], "etc");
        assert_eq!(slugs[3].len(), super::MAX_SLUG);
    }
}

#[cfg(test)]
mod properties {
    use proptest::prelude::*;

    use super::{MAX_SLUG, unique_slugs};

    /// Names that often slug alike: few letters, Danish ones, punctuation, and long ones.
    fn names() -> impl Strategy<Value = Vec<String>> {
        let name = prop_oneof![
            "[aAæøå -]{0,4}",
            "[a-zæøåÆØÅ0-9 .,'/&()–-]{0,80}",
            "\\PC{0,20}",
            "[ab]{55,70}",
        ];
        proptest::collection::vec(name, 0..40)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(500))]

        #[test]
        fn slugs_are_short_ascii_file_names_unique_in_their_set(names in names()) {
            let slugs = unique_slugs(names.iter().map(String::as_str));
            prop_assert_eq!(slugs.len(), names.len());
            // The longest possible "-n" suffix for this many names.
            let suffix = 1 + (names.len() + 1).to_string().len();
            let mut seen = std::collections::BTreeSet::new();
            for (name, slug) in names.iter().zip(&slugs) {
                prop_assert!(!slug.is_empty(), "{:?} gave an empty slug", name);
                prop_assert!(
                    slug.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                    "{:?} gave {:?}", name, slug
                );
                prop_assert!(!slug.starts_with('-') && !slug.ends_with('-'), "{:?} gave {:?}", name, slug);
                prop_assert!(slug.len() <= MAX_SLUG + suffix, "{:?} gave {:?}", name, slug);
                prop_assert!(seen.insert(slug.clone()), "{:?} given twice", slug);
            }
        }

        #[test]
        fn a_name_keeps_its_own_slug_where_it_is_free(names in names()) {
            let slugs = unique_slugs(names.iter().map(String::as_str));
            let mut given = std::collections::BTreeSet::new();
            for (name, slug) in names.iter().zip(&slugs) {
                let mut own = danish::slug(name);
                own.truncate(MAX_SLUG);
                let own = own.trim_end_matches('-');
                if given.contains(own) {
                    prop_assert!(slug.starts_with(&format!("{own}-")), "{:?} gave {:?}", name, slug);
                } else {
                    prop_assert_eq!(slug, own, "{:?} was free", own);
                }
                given.insert(slug.clone());
            }
        }
    }
}
