//! The coordinators' packages: a second phase that runs after every document is written.
//!
//! Per cluster, `pakker/<cluster-slug>.zip` holds what the coordinator receives: the cluster's own
//! documents (whatever the formats it reads wrote for the cluster: the deck, the annual plan, the
//! guide in Word and PDF) and its specialty's fact sheet, byte for byte as the formats wrote them,
//! read back through [`Written`]; nothing is rendered again. Each package is its own unit of the
//! assembly, so `publish` builds them in parallel and writes each as soon as it is made.
//! `udsendelse.csv` at the publication's root (the publication unit) has one row per cluster
//! (coordinator, cluster, specialty, package) for a mail merge.
//!
//! A package's path is built from the cluster's slug, which is ASCII letters, digits and dashes and
//! unique in the publication ([`format_api::cluster_slugs`]), so it stays inside the publication
//! whatever a cluster is called. The zip files are deterministic: entries in a fixed order, the
//! publication date as every entry's time, fixed permissions.

mod archive;
mod mailing;

use format_api::{Assembly, OutputFile, Publication, Rendered, Unit, UnitKind, Written};

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

    /// A package per cluster, then the mailing list for the publication.
    fn units(&self) -> &'static [UnitKind] {
        &[UnitKind::Cluster, UnitKind::Publication]
    }

    fn warnings(&self, _publication: &Publication, written: &Written) -> Vec<String> {
        READS
            .iter()
            .filter(|format| !written.any_of(format))
            .map(|format| {
                format!("packages: no documents of format '{format}' in this run; the packages are without them")
            })
            .collect()
    }

    fn assemble(
        &self,
        publication: &Publication,
        unit: Unit,
        written: &Written,
    ) -> Result<Rendered, String> {
        let file = match unit {
            Unit::Cluster { specialty, cluster } => {
                package(publication, specialty, cluster, written)
                    .map_err(|message| format!("{}: {message}", publication.unit_name(unit)))?
            }
            Unit::Publication => mailing_list(publication)?,
            Unit::Specialty(_) => return Ok(Rendered::default()),
        };
        Ok(Rendered {
            files: vec![file],
            warnings: Vec::new(),
        })
    }
}

/// One cluster's package: its own documents, then its specialty's fact sheet.
fn package(
    publication: &Publication,
    specialty: usize,
    cluster: usize,
    written: &Written,
) -> Result<OutputFile, String> {
    let modified = archive::timestamp(publication.date())?;
    let slug = publication.cluster_slug(specialty, cluster);
    let own = entries(
        written,
        Unit::Cluster { specialty, cluster },
        Some(&format!("klynger/{slug}/")),
    )?;
    let shared = entries(written, Unit::Specialty(specialty), None)?;
    Ok(OutputFile {
        path: package_path(slug),
        bytes: archive::zip(own.iter().chain(&shared), modified)?,
    })
}

/// `udsendelse.csv`: a row per cluster, in the publication's order, naming its package.
fn mailing_list(publication: &Publication) -> Result<OutputFile, String> {
    let packages: Vec<(usize, usize, String)> = publication
        .units(UnitKind::Cluster)
        .into_iter()
        .filter_map(|unit| match unit {
            Unit::Cluster { specialty, cluster } => Some((
                specialty,
                cluster,
                package_path(publication.cluster_slug(specialty, cluster)),
            )),
            Unit::Publication | Unit::Specialty(_) => None,
        })
        .collect();
    let rows: Vec<mailing::Row> = packages
        .iter()
        .map(|(specialty, cluster, package)| mailing::Row {
            coordinator: &publication.cluster(*specialty, *cluster).coordinator,
            cluster: &publication.cluster(*specialty, *cluster).name,
            specialty: &publication.specialty(*specialty).name,
            package,
        })
        .collect();
    Ok(OutputFile {
        path: MAILING_LIST.to_owned(),
        bytes: mailing::list(&rows)?,
    })
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
