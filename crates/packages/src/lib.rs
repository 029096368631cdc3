//! The coordinators' packages: a second phase that runs after every document is written.
//!
//! Per cluster, `pakker/<cluster-slug>.zip` holds what the coordinator receives: the cluster's own
//! documents (whatever the formats it reads wrote for the cluster: the deck, the annual plan, the
//! guide in Word and PDF) and its specialty's fact sheet, byte for byte as the formats wrote them,
//! read back through [`Written`]; nothing is rendered again. `udsendelse.csv` at the publication's
//! root has one row per cluster (coordinator, cluster, specialty, package) for a mail merge.
//!
//! A package's path is built from the cluster's slug, which is ASCII letters, digits and dashes and
//! unique in the publication ([`format_api::cluster_slugs`]), so it stays inside the publication
//! whatever a cluster is called. The zip files are deterministic: entries in a fixed order, the
//! publication date as every entry's time, fixed permissions.

mod archive;
mod mailing;

use format_api::{Assembly, OutputFile, Publication, Rendered, Unit, Written};

pub use mailing::COLUMNS;

/// The folder of the packages in the publication.
pub const FOLDER: &str = "pakker";

/// The mail-merge list at the publication's root.
pub const MAILING_LIST: &str = "udsendelse.csv";

/// The formats whose documents go into the packages, in the order their files are packed: the
/// cluster's documents ("deck", "plan", "guide") before the specialty's fact sheet ("pdf").
pub const READS: &[&str] = &["deck", "plan", "guide", "pdf"];

/// The packages assembly.
pub struct Packages;

impl Assembly for Packages {
    fn name(&self) -> &'static str {
        "packages"
    }

    fn description(&self) -> &'static str {
        "pakker/<klynge>.zip: per cluster its documents and its specialty's fact sheet; \
         udsendelse.csv for a mail merge"
    }

    fn reads(&self) -> &'static [&'static str] {
        READS
    }

    fn assemble(&self, publication: &Publication, written: &Written) -> Result<Rendered, String> {
        let modified = archive::timestamp(publication.date())?;
        let specialty_entries = (0..publication.figures.specialties.len())
            .map(|specialty| entries(written, Unit::Specialty(specialty), None))
            .collect::<Result<Vec<_>, String>>()?;
        let clusters: Vec<(usize, usize)> = publication
            .figures
            .specialties
            .iter()
            .enumerate()
            .flat_map(|(specialty, figures)| {
                (0..figures.clusters.len()).map(move |cluster| (specialty, cluster))
            })
            .collect();
        let mut files = clusters
            .iter()
            .map(|&(specialty, cluster)| {
                let slug = publication.cluster_slug(specialty, cluster);
                let unit = Unit::Cluster { specialty, cluster };
                let own = entries(written, unit, Some(&format!("klynger/{slug}/")))?;
                let bytes = archive::zip(own.iter().chain(&specialty_entries[specialty]), modified)
                    .map_err(|message| format!("{}: {message}", publication.unit_name(unit)))?;
                Ok(OutputFile {
                    path: package_path(slug),
                    bytes,
                })
            })
            .collect::<Result<Vec<_>, String>>()?;

        let rows: Vec<mailing::Row> = clusters
            .iter()
            .zip(&files)
            .map(|(&(specialty, cluster), package)| {
                let figures = publication.cluster(specialty, cluster);
                mailing::Row {
                    coordinator: &figures.coordinator,
                    cluster: &figures.name,
                    specialty: &publication.specialty(specialty).name,
                    package: &package.path,
                }
            })
            .collect();
        let list = OutputFile {
            path: MAILING_LIST.to_owned(),
            bytes: mailing::list(&rows)?,
        };
        files.push(list);

        let warnings = READS
            .iter()
            .filter(|format| !written.files().iter().any(|file| file.format == **format))
            .map(|format| {
                format!("packages: no documents of format '{format}' in this run; the packages are without them")
            })
            .collect();
        Ok(Rendered { files, warnings })
    }
}

/// A cluster's package: `pakker/<cluster-slug>.zip`.
pub fn package_path(cluster_slug: &str) -> String {
    format!("{FOLDER}/{cluster_slug}.zip")
}

/// The files the read formats wrote for one unit, in [`READS`] order and by path within a format,
/// as package entries. A file in `own_folder` is named by its path within that folder
/// (`klynger/<slug>/aarsplan.docx` → `aarsplan.docx`), any other by its path with slashes as
/// dashes (`faktaark/dermatologi.pdf` → `faktaark-dermatologi.pdf`). Written paths are relative
/// and ASCII (publish refuses any other), so the names are too.
fn entries(
    written: &Written,
    unit: Unit,
    own_folder: Option<&str>,
) -> Result<Vec<archive::Entry>, String> {
    READS
        .iter()
        .flat_map(|format| written.of(format, unit))
        .map(|file| {
            let bytes = written
                .read(&file.path)
                .map_err(|error| format!("cannot read {}: {error}", file.path))?;
            Ok(archive::Entry {
                name: entry_name(&file.path, own_folder),
                bytes,
            })
        })
        .collect()
}

fn entry_name(path: &str, own_folder: Option<&str>) -> String {
    match own_folder.and_then(|folder| path.strip_prefix(folder)) {
        Some(within) => within.to_owned(),
        None => path.replace('/', "-"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_are_named_within_the_cluster_folder_or_flattened() {
        let own = Some("klynger/derma-nord/");
        assert_eq!(
            entry_name("klynger/derma-nord/aarsplan.docx", own),
            "aarsplan.docx"
        );
        assert_eq!(
            entry_name("faktaark/dermatologi.pdf", None),
            "faktaark-dermatologi.pdf"
        );
        assert_eq!(
            entry_name("klynger/derma-nord-2/aarsplan.docx", own),
            "klynger-derma-nord-2-aarsplan.docx"
        );
    }
}
