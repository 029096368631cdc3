//! Publishing: prepare the inputs, render every selected format, and swap the finished
//! publication folder in atomically.
//!
//! A run either replaces the publication folder with a complete new one or leaves the previous
//! one untouched: problems in the inputs are found before anything is written ([`prepare`]), and
//! documents are written into a temporary folder beside the target, which is renamed into place
//! only when every document was written.

mod data_files;
mod factsheets;
mod format;
mod prepare;

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;

pub use data_files::DataFiles;
pub use factsheets::{FACT_SHEET_PAGES, FactSheets};
pub use format::{Format, OutputFile, RenderError, Rendered, Scope};
pub use ingest::Problems;
pub use prepare::{Publication, SHARED_EDITORIAL, prepare};

/// Every format this build knows, in the order they run.
pub fn formats() -> Vec<Box<dyn Format>> {
    vec![Box::new(DataFiles), Box::new(FactSheets::new())]
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
    /// Warnings from the inputs and the renderers.
    pub warnings: Vec<String>,
    /// Time per stage.
    pub timings: Vec<(&'static str, Duration)>,
}

/// Why a run failed.
#[derive(Debug)]
pub enum PublishError {
    /// The inputs have problems; nothing was written.
    Inputs(Problems),
    /// An unknown format was asked for.
    UnknownFormat(String),
    /// A renderer failed; the previous publication is untouched.
    Render(RenderError),
    /// Writing the output failed; the previous publication is untouched.
    Io(PathBuf, std::io::Error),
}

impl fmt::Display for PublishError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PublishError::Inputs(problems) => write!(f, "{problems}"),
            PublishError::UnknownFormat(name) => {
                let known: Vec<&str> = formats().iter().map(|format| format.name()).collect();
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

/// Publishes into `output`, with the named formats (all when empty).
pub fn publish(
    settings_path: &Path,
    output: &Path,
    format_names: &[String],
    progress: &dyn Progress,
) -> Result<Report, PublishError> {
    let started = Instant::now();
    let publication = prepare(settings_path).map_err(PublishError::Inputs)?;
    let prepared = Instant::now();

    let all = formats();
    for name in format_names {
        if !all.iter().any(|format| format.name() == name) {
            return Err(PublishError::UnknownFormat(name.clone()));
        }
    }
    let selected: Vec<&dyn Format> = all
        .iter()
        .map(Box::as_ref)
        .filter(|format| {
            format_names.is_empty() || format_names.iter().any(|name| name == format.name())
        })
        .collect();
    let jobs: Vec<(&dyn Format, usize)> = selected
        .iter()
        .flat_map(|&format| {
            let units = match format.scope() {
                Scope::Publication => 1,
                Scope::Specialty => publication.figures.specialties.len(),
            };
            (0..units).map(move |unit| (format, unit))
        })
        .collect();

    let parent = output
        .parent()
        .filter(|parent| !parent.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent)
        .map_err(|error| PublishError::Io(parent.to_path_buf(), error))?;
    let staging = tempfile::Builder::new()
        .prefix(".klyngepakke-")
        .tempdir_in(parent)
        .map_err(|error| PublishError::Io(parent.to_path_buf(), error))?;

    progress.start(jobs.len() as u64);
    // Each job writes its files and keeps only their paths and sizes: the bytes are on disk.
    type Written = (Vec<(String, u64)>, Vec<String>);
    let results: Vec<Result<Written, PublishError>> = jobs
        .par_iter()
        .map(|&(format, unit)| {
            let rendered = format.render(&publication, unit).map_err(|message| {
                PublishError::Render(RenderError {
                    format: format.name(),
                    unit: match format.scope() {
                        Scope::Publication => "the publication".to_owned(),
                        Scope::Specialty => publication.figures.specialties[unit].name.clone(),
                    },
                    message,
                })
            })?;
            let mut written = Vec::with_capacity(rendered.files.len());
            for file in rendered.files {
                write_file(staging.path(), &file)?;
                written.push((file.path, file.bytes.len() as u64));
            }
            progress.advance();
            Ok((written, rendered.warnings))
        })
        .collect();
    let rendered_at = Instant::now();

    let mut warnings: Vec<String> = publication
        .warnings
        .iter()
        .map(|warning| warning.0.clone())
        .collect();
    let mut files = BTreeMap::new();
    for result in results {
        let (written, job_warnings) = result?;
        warnings.extend(job_warnings);
        for (path, size) in written {
            if files.insert(path.clone(), size).is_some() {
                return Err(PublishError::Io(
                    output.join(&path),
                    std::io::Error::other("two documents were given the same path"),
                ));
            }
        }
    }
    let files: Vec<(String, u64)> = files.into_iter().collect();
    swap_into_place(staging, output)?;

    let national = &publication.figures.national;
    Ok(Report {
        specialties: publication.figures.specialties.len(),
        clusters: publication.clusters,
        invited: national.invited,
        respondents: national.respondents,
        files,
        warnings,
        timings: vec![
            ("ingest and aggregate", prepared - started),
            ("render", rendered_at - prepared),
            ("swap into place", rendered_at.elapsed()),
        ],
    })
}

/// Writes one output file below the staging folder; the path must stay inside it.
fn write_file(root: &Path, file: &OutputFile) -> Result<(), PublishError> {
    let relative = Path::new(&file.path);
    let safe = relative
        .components()
        .all(|part| matches!(part, std::path::Component::Normal(_)));
    let target = root.join(relative);
    if !safe {
        return Err(PublishError::Io(
            target,
            std::io::Error::other("an output path must stay inside the publication"),
        ));
    }
    if let Some(folder) = target.parent() {
        std::fs::create_dir_all(folder)
            .map_err(|error| PublishError::Io(folder.to_path_buf(), error))?;
    }
    std::fs::write(&target, &file.bytes).map_err(|error| PublishError::Io(target, error))
}

/// Replaces `output` with the staged folder: the old publication is moved aside, the new one
/// renamed into place, the old one removed. If the rename fails the old one is put back.
fn swap_into_place(staging: tempfile::TempDir, output: &Path) -> Result<(), PublishError> {
    let parent = output
        .parent()
        .filter(|parent| !parent.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |error| PublishError::Io(path, error)
    };
    let staged = staging.keep();
    if !output.exists() {
        return std::fs::rename(&staged, output).map_err(io(output));
    }
    let previous = tempfile::Builder::new()
        .prefix(".klyngepakke-old-")
        .tempdir_in(parent)
        .map_err(io(parent))?;
    let aside = previous.path().join("publication");
    std::fs::rename(output, &aside).map_err(io(output))?;
    if let Err(error) = std::fs::rename(&staged, output) {
        std::fs::rename(&aside, output).map_err(io(output))?;
        let _ = std::fs::remove_dir_all(&staged);
        return Err(PublishError::Io(output.to_path_buf(), error));
    }
    drop(previous);
    Ok(())
}
