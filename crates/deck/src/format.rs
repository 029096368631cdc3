//! The `deck` format: one presentation per cluster, composed here and written by `pptx`.

use format_api::{Format, Needs, OutputFile, Publication, Rendered, Role, Unit, UnitKind};

use crate::{Section, TEMPLATES, compose};

/// The file name of a cluster's deck in its folder.
pub const FILE_NAME: &str = "praesentation.pptx";

/// The slide deck format.
pub struct Decks;

impl Format for Decks {
    fn name(&self) -> &'static str {
        "deck"
    }

    fn description(&self) -> &'static str {
        "klynger/<klynge>/praesentation.pptx: the cluster's slide deck (PowerPoint, native editable charts, speaker notes)"
    }

    fn units(&self) -> UnitKind {
        UnitKind::Cluster
    }

    fn needs(&self) -> Needs {
        Needs {
            templates: TEMPLATES,
            shared_slots: &[],
            specialty_slots: &[],
            roles: &Role::ALL,
        }
    }

    /// One warning per slide left out of every deck because the survey definition lacks its
    /// roles.
    fn warnings(&self, publication: &Publication) -> Vec<String> {
        Section::ALL
            .iter()
            .filter_map(|section| {
                let reason = section.left_out(&publication.figures)?;
                let heading =
                    publication
                        .templates
                        .fill("deck.overskrift", Some(section.heading()), &[]);
                Some(format!(
                    "deck: the slide \"{heading}\" is left out of every cluster's presentation: {reason}"
                ))
            })
            .collect()
    }

    fn render(&self, publication: &Publication, unit: Unit) -> Result<Rendered, String> {
        let Unit::Cluster { specialty, cluster } = unit else {
            return Err(format!("a deck is per cluster, not {unit:?}"));
        };
        let composed = compose(publication, specialty, cluster);
        let bytes = pptx::render(&composed.deck).map_err(|error| error.to_string())?;
        Ok(Rendered {
            files: vec![OutputFile {
                path: format!(
                    "klynger/{}/{FILE_NAME}",
                    publication.cluster_slug(specialty, cluster)
                ),
                bytes,
            }],
            warnings: composed.warnings,
        })
    }
}
