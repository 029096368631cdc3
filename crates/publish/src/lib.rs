//! Publishing: prepare the inputs, render every selected format, run the second phase, write the
//! manifest, and swap the finished publication folder in atomically.
//!
//! A run either replaces the publication folder with a complete new one or leaves the previous
//! one untouched: problems in the inputs are found before anything is written ([`prepare`]), and
//! documents are written into a temporary folder beside the target, which is renamed into place
//! only when every document was written.

mod manifest;
mod prepare;
mod swap;

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use format_api::{
    Assembly, Format, OutputFile, Publication, RenderError, Unit, Written, WrittenFile,
};
use rayon::prelude::*;
use sha2::{Digest, Sha256};

pub use format_api;
pub use ingest::Problems;
pub use prepare::{Requirements, prepare};

/// The formats and assemblies of one run, chosen by name from the registry.
pub struct Selection {
    /// Selected formats, in registry order.
    pub formats: Vec<Box<dyn Format>>,
    /// Selected assemblies, in registry order.
    pub assemblies: Vec<Box<dyn Assembly>>,
    /// What the selected and all registered formats need, for `prepare`.
    pub requirements: Requirements,
}

impl Selection {
    /// Selects formats and assemblies by name (all when `names` is empty). An assembly brings the
    /// formats it reads.
    pub fn new(names: &[String]) -> Result<Selection, PublishError> {
        let formats = registry::formats();
        let assemblies = registry::assemblies();
        for name in names {
            let known = formats.iter().any(|format| format.name() == name)
                || assemblies.iter().any(|assembly| assembly.name() == name);
            if !known {
                return Err(PublishError::UnknownFormat(name.clone()));
            }
        }
        let wanted = |name: &str| names.is_empty() || names.iter().any(|wanted| wanted == name);
        let assemblies: Vec<Box<dyn Assembly>> = assemblies
            .into_iter()
            .filter(|assembly| wanted(assembly.name()))
            .collect();
        let read_by_assembly = |name: &str| {
            assemblies
                .iter()
                .any(|assembly| assembly.reads().contains(&name))
        };
        let known = formats
            .iter()
            .map(|format| format.needs())
            .chain(
                registry::assemblies()
                    .iter()
                    .map(|assembly| assembly.needs()),
            )
            .collect();
        let formats: Vec<Box<dyn Format>> = formats
            .into_iter()
            .filter(|format| wanted(format.name()) || read_by_assembly(format.name()))
            .collect();
        let selected = formats
            .iter()
            .map(|format| format.needs())
            .chain(assemblies.iter().map(|assembly| assembly.needs()))
            .collect();
        Ok(Selection {
            formats,
            assemblies,
            requirements: Requirements { selected, known },
        })
    }

    /// The names of the selected formats and assemblies.
    pub fn names(&self) -> Vec<&'static str> {
        self.formats
            .iter()
            .map(|format| format.name())
            .chain(self.assemblies.iter().map(|assembly| assembly.name()))
            .collect()
    }
}

/// Told about progress while documents are rendered (a progress bar, or nothing).
pub trait Progress: Sync {
    /// Rendering starts; `total` documents will be rendered.
    fn start(&self, total: u64);
    /// One more rendering finished.
    fn advance(&self);
}

/// No progress reporting.
pub struct Silent;

impl Progress for Silent {
    fn start(&self, _total: u64) {}
    fn advance(&self) {}
}

/// What a successful run did.
#[derive(Debug, Clone)]
pub struct Report {
    /// Specialties published.
    pub specialties: usize,
    /// Clusters in the roster.
    pub clusters: usize,
    /// Invited persons (rows of the export).
    pub invited: u32,
    /// Respondents.
    pub respondents: u32,
    /// Files written, relative to the output folder, with their sizes, sorted.
    pub files: Vec<(String, u64)>,
    /// Warnings from the inputs and the formats.
    pub warnings: Vec<String>,
    /// Staging folders that killed runs had left beside the output, removed by this run.
    pub stale_staging_removed: usize,
    /// Time per stage.
    pub timings: Vec<(&'static str, Duration)>,
    /// Time per format and assembly, in run order: a format's renderings summed over the threads
    /// that ran them.
    pub format_timings: Vec<(&'static str, Duration)>,
}

/// Why a run failed.
#[derive(Debug)]
pub enum PublishError {
    /// The inputs have problems; nothing was written.
    Inputs(Problems),
    /// An unknown format was asked for.
    UnknownFormat(String),
    /// A format failed; the previous publication is untouched.
    Render(RenderError),
    /// Writing the output failed; the previous publication is untouched.
    Io(PathBuf, std::io::Error),
}

impl fmt::Display for PublishError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PublishError::Inputs(problems) => write!(f, "{problems}"),
            PublishError::UnknownFormat(name) => {
                let known: Vec<&str> = registry::formats()
                    .iter()
                    .map(|format| format.name())
                    .chain(
                        registry::assemblies()
                            .iter()
                            .map(|assembly| assembly.name()),
                    )
                    .collect();
                write!(f, "unknown format '{name}' (known: {})", known.join(", "))
            }
            PublishError::Render(error) => write!(f, "{error}"),
            PublishError::Io(path, error) => write!(f, "{}: {error}", path.display()),
        }
    }
}

impl std::error::Error for PublishError {}

/// The default output folder for a settings file: `publication/<year>`. Reads only the settings.
pub fn default_output(settings_path: &Path) -> Result<PathBuf, Problems> {
    let loaded = ingest::load_settings(settings_path)?;
    Ok(PathBuf::from("publication").join(loaded.settings.year.to_string()))
}

/// Loads and checks every input against what every registered format needs, writing nothing:
/// what `klyngepakke validate` runs.
pub fn validate(settings_path: &Path) -> Result<Publication, Problems> {
    let selection = Selection::new(&[]).expect("no names, nothing unknown");
    prepare(settings_path, &selection.requirements)
}

/// Publishes into `output`, with the named formats (all when empty).
pub fn publish(
    settings_path: &Path,
    output: &Path,
    format_names: &[String],
    progress: &dyn Progress,
) -> Result<Report, PublishError> {
    let started = Instant::now();
    let selection = Selection::new(format_names)?;
    let publication =
        prepare(settings_path, &selection.requirements).map_err(PublishError::Inputs)?;
    let prepared = Instant::now();

    let jobs: Vec<(&dyn Format, Unit)> = selection
        .formats
        .iter()
        .flat_map(|format| {
            publication
                .units(format.units())
                .into_iter()
                .map(move |unit| (format.as_ref(), unit))
        })
        .collect();

    let (staging, stale_staging_removed) = swap::Staging::create(output, started)?;

    progress.start(jobs.len() as u64);
    // Each job writes its files and keeps only their paths and sizes: the bytes are on disk.
    type Written1 = (Vec<WrittenFile>, Vec<String>, Duration);
    let results: Vec<Result<Written1, PublishError>> = jobs
        .par_iter()
        .map(|&(format, unit)| {
            let began = Instant::now();
            let rendered = format
                .render(&publication, unit)
                .map_err(|message| render_error(&publication, format.name(), unit, message))?;
            let written = write_files(&staging, &rendered.files, format.name(), unit)?;
            progress.advance();
            Ok((written, rendered.warnings, began.elapsed()))
        })
        .collect();
    let rendered_at = Instant::now();

    let mut warnings: Vec<String> = publication
        .warnings
        .iter()
        .map(|warning| warning.0.clone())
        .collect();
    for format in &selection.formats {
        warnings.extend(format.warnings(&publication));
    }
    let mut format_timings: Vec<(&'static str, Duration)> = selection
        .formats
        .iter()
        .map(|format| (format.name(), Duration::ZERO))
        .collect();
    let mut written = Vec::new();
    for ((format, _), result) in jobs.iter().zip(results) {
        let (files, job_warnings, took) = result?;
        if let Some((_, total)) = format_timings
            .iter_mut()
            .find(|(name, _)| *name == format.name())
        {
            *total += took;
        }
        warnings.extend(job_warnings);
        written.extend(files);
    }
    for assembly in &selection.assemblies {
        let so_far = Written::new(staging.path(), written.clone());
        warnings.extend(assembly.warnings(&publication, &so_far));
        let units: Vec<Unit> = assembly
            .units()
            .iter()
            .flat_map(|&kind| publication.units(kind))
            .collect();
        // Like the formats: units in parallel, each unit's files written as soon as they are made.
        let results: Vec<Result<Written1, PublishError>> = units
            .par_iter()
            .map(|&unit| {
                let began = Instant::now();
                let assembled =
                    assembly
                        .assemble(&publication, unit, &so_far)
                        .map_err(|message| {
                            render_error(&publication, assembly.name(), unit, message)
                        })?;
                let files = write_files(&staging, &assembled.files, assembly.name(), unit)?;
                Ok((files, assembled.warnings, began.elapsed()))
            })
            .collect();
        let mut took = Duration::ZERO;
        for result in results {
            let (files, unit_warnings, unit_took) = result?;
            warnings.extend(unit_warnings);
            written.extend(files);
            took += unit_took;
        }
        format_timings.push((assembly.name(), took));
    }
    let mut files = BTreeMap::new();
    for file in &written {
        if files.insert(file.path.clone(), file.size).is_some() {
            return Err(PublishError::Io(
                output.join(&file.path),
                std::io::Error::other("two documents were given the same path"),
            ));
        }
    }
    let manifest = manifest::write(
        &publication,
        &selection.names(),
        &Written::new(staging.path(), written),
    )
    .map_err(|error| PublishError::Io(staging.path().join(manifest::PATH), error))?;
    files.insert(manifest.path.clone(), manifest.bytes.len() as u64);
    write_files(
        &staging,
        std::slice::from_ref(&manifest),
        "manifest",
        Unit::Publication,
    )?;
    let assembled_at = Instant::now();
    let files: Vec<(String, u64)> = files.into_iter().collect();
    staging.swap_into_place(output)?;

    let national = &publication.figures.national;
    Ok(Report {
        specialties: publication.figures.specialties.len(),
        clusters: publication.cluster_count(),
        invited: national.invited,
        respondents: national.respondents,
        files,
        warnings,
        stale_staging_removed,
        timings: vec![
            ("ingest and aggregate", prepared - started),
            ("render", rendered_at - prepared),
            ("assemble and manifest", assembled_at - rendered_at),
            ("swap into place", assembled_at.elapsed()),
        ],
        format_timings,
    })
}

fn render_error(
    publication: &Publication,
    format: &'static str,
    unit: Unit,
    message: String,
) -> PublishError {
    PublishError::Render(RenderError {
        format,
        unit: publication.unit_name(unit),
        message,
    })
}

/// Writes a rendering's files below the staging folder and says what was written, with each
/// file's SHA-256 taken from the bytes in hand.
fn write_files(
    staging: &swap::Staging,
    files: &[OutputFile],
    format: &'static str,
    unit: Unit,
) -> Result<Vec<WrittenFile>, PublishError> {
    files
        .iter()
        .map(|file| {
            write_file(staging, file)?;
            Ok(WrittenFile {
                path: file.path.clone(),
                size: file.bytes.len() as u64,
                sha256: Sha256::digest(&file.bytes).into(),
                format,
                unit,
            })
        })
        .collect()
}

/// Writes one output file below the staging folder; the path must stay inside it.
fn write_file(staging: &swap::Staging, file: &OutputFile) -> Result<(), PublishError> {
    let relative = Path::new(&file.path);
    let safe = relative
        .components()
        .all(|part| matches!(part, std::path::Component::Normal(_)));
    if !safe {
        return Err(PublishError::Io(
            staging.path().join(relative),
            std::io::Error::other("an output path must stay inside the publication"),
        ));
    }
    staging.write(relative, &file.bytes)
}
