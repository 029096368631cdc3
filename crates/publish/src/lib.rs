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

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::fmt;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use format_api::{
    Assembly, FileSink, Format, OutputFile, Publication, RenderError, Unit, Written, WrittenFile,
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
            let files = StagedFiles::new(&staging, format.name(), unit);
            let warnings = format
                .render_into(&publication, unit, &files)
                .map_err(|message| files.error(&publication, message))?;
            progress.advance();
            Ok((files.written(), warnings, began.elapsed()))
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
                let files = StagedFiles::new(&staging, assembly.name(), unit);
                files
                    .write_all(&assembled.files)
                    .map_err(|message| files.error(&publication, message))?;
                Ok((files.written(), assembled.warnings, began.elapsed()))
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
    let manifest_file = StagedFiles::new(&staging, "manifest", Unit::Publication);
    manifest_file
        .write_all(std::slice::from_ref(&manifest))
        .map_err(|message| manifest_file.error(&publication, message))?;
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

/// The files one job (a format's or an assembly's unit) writes into the staging folder, each
/// hashed as it is written.
struct StagedFiles<'a> {
    staging: &'a swap::Staging,
    format: &'static str,
    unit: Unit,
    written: RefCell<Vec<WrittenFile>>,
    /// The first write that failed, reported as itself rather than as the format's failure.
    failed: RefCell<Option<PublishError>>,
}

impl<'a> StagedFiles<'a> {
    fn new(staging: &'a swap::Staging, format: &'static str, unit: Unit) -> Self {
        StagedFiles {
            staging,
            format,
            unit,
            written: RefCell::new(Vec::new()),
            failed: RefCell::new(None),
        }
    }

    /// Writes files made in memory.
    fn write_all(&self, files: &[OutputFile]) -> Result<(), String> {
        files.iter().try_for_each(|file| {
            self.write(&file.path, &mut |out: &mut dyn Write| {
                out.write_all(&file.bytes)
            })
        })
    }

    /// What the job wrote.
    fn written(self) -> Vec<WrittenFile> {
        self.written.into_inner()
    }

    /// The error of a failed job: the failed write if there was one, else the format's message.
    fn error(&self, publication: &Publication, message: String) -> PublishError {
        self.failed
            .borrow_mut()
            .take()
            .unwrap_or_else(|| render_error(publication, self.format, self.unit, message))
    }
}

impl FileSink for StagedFiles<'_> {
    fn write(
        &self,
        path: &str,
        content: &mut dyn FnMut(&mut dyn Write) -> std::io::Result<()>,
    ) -> Result<(), String> {
        let relative = Path::new(path);
        let inside = relative
            .components()
            .all(|part| matches!(part, std::path::Component::Normal(_)));
        let result = if inside {
            self.staging.write(relative, |file| {
                let mut out = Hashing::new(std::io::BufWriter::new(file));
                content(&mut out)?;
                out.finish()
            })
        } else {
            Err(PublishError::Io(
                self.staging.path().join(relative),
                std::io::Error::other("an output path must stay inside the publication"),
            ))
        };
        match result {
            Ok((size, sha256)) => {
                self.written.borrow_mut().push(WrittenFile {
                    path: path.to_owned(),
                    size,
                    sha256,
                    format: self.format,
                    unit: self.unit,
                });
                Ok(())
            }
            Err(error) => {
                let message = error.to_string();
                self.failed.borrow_mut().get_or_insert(error);
                Err(message)
            }
        }
    }
}

/// A writer that counts and hashes (SHA-256) what passes through it.
struct Hashing<W: Write> {
    inner: W,
    hasher: Sha256,
    size: u64,
}

impl<W: Write> Hashing<W> {
    fn new(inner: W) -> Self {
        Hashing {
            inner,
            hasher: Sha256::new(),
            size: 0,
        }
    }

    /// Flushes; the size and SHA-256 of everything written.
    fn finish(mut self) -> std::io::Result<(u64, [u8; 32])> {
        self.inner.flush()?;
        Ok((self.size, self.hasher.finalize().into()))
    }
}

impl<W: Write> Write for Hashing<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let written = self.inner.write(buf)?;
        self.hasher.update(&buf[..written]);
        self.size += written as u64;
        Ok(written)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}
