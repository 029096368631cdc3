//! The format API: what an output format is, and the prepared publication every format reads.
//!
//! A format is a crate of its own that implements [`Format`] (documents rendered per unit) or
//! [`Assembly`] (a second phase that reads what the formats wrote, such as the coordinators'
//! packages). The `registry` crate lists them; `publish` prepares a [`Publication`], renders every
//! selected format's units in parallel, runs the assemblies and swaps the result into place.
//!
//! A format composes a document model from figures and texts (or uses a composer crate) and hands
//! it to a renderer crate; it never computes a statistic: every figure and every rule's outcome is
//! in [`Publication::figures`].

mod publication;

use std::collections::HashMap;
use std::fmt;
use std::io::Write;
use std::path::{Path, PathBuf};

pub use model::Role;
pub use publication::{MAX_SLUG, Publication, SHARED_EDITORIAL, cluster_slugs};
pub use texts::TemplateSpec;

/// What one rendering of a format covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Unit {
    /// The whole publication.
    Publication,
    /// A specialty, by index into `figures.specialties`.
    Specialty(usize),
    /// A cluster, by indices into `figures.specialties` and that specialty's `clusters`.
    Cluster {
        /// The specialty's index.
        specialty: usize,
        /// The cluster's index within its specialty.
        cluster: usize,
    },
}

/// Which units a format renders.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnitKind {
    /// One rendering for the whole publication.
    Publication,
    /// One rendering per specialty.
    Specialty,
    /// One rendering per cluster.
    Cluster,
}

/// What a format needs from the inputs; `prepare` checks it for the selected formats only.
#[derive(Debug, Clone, Copy, Default)]
pub struct Needs {
    /// Sentence templates the format fills (each must be in the texts file).
    pub templates: &'static [TemplateSpec],
    /// Slots of the shared editorial file the format may read.
    pub shared_slots: &'static [&'static str],
    /// Slots of a specialty's editorial file the format may read.
    pub specialty_slots: &'static [&'static str],
    /// Survey roles the format's sections use; a missing one leaves its section out.
    pub roles: &'static [Role],
}

/// An output format: renders documents per unit from the prepared publication.
pub trait Format: Sync {
    /// Short name used on the command line, e.g. "pdf".
    fn name(&self) -> &'static str;
    /// One line for `klyngepakke formats`.
    fn description(&self) -> &'static str;
    /// Which units it renders.
    fn units(&self) -> UnitKind;
    /// What it needs from the inputs.
    fn needs(&self) -> Needs {
        Needs::default()
    }
    /// Warnings about the whole run, given once (e.g. a section left out because the survey
    /// definition lacks its role).
    fn warnings(&self, _publication: &Publication) -> Vec<String> {
        Vec::new()
    }
    /// Renders one unit in memory.
    fn render(&self, publication: &Publication, unit: Unit) -> Result<Rendered, String>;
    /// Renders one unit into `files`; returns its warnings. `publish` calls this. The default
    /// renders in memory ([`Format::render`]) and writes each file whole; a format whose files
    /// are large (the data files) writes them piece by piece instead, so they are never in
    /// memory at once.
    fn render_into(
        &self,
        publication: &Publication,
        unit: Unit,
        files: &dyn FileSink,
    ) -> Result<Vec<String>, String> {
        let rendered = self.render(publication, unit)?;
        for file in &rendered.files {
            files.write(&file.path, &mut |out| out.write_all(&file.bytes))?;
        }
        Ok(rendered.warnings)
    }
}

/// Where a format's files go as they are made.
pub trait FileSink {
    /// Writes the file at `path` (relative to the publication folder, as [`OutputFile::path`])
    /// with `content`, which may write the bytes in as many pieces as it likes.
    fn write(
        &self,
        path: &str,
        content: &mut dyn FnMut(&mut dyn Write) -> std::io::Result<()>,
    ) -> Result<(), String>;
}

/// A [`FileSink`] that keeps the files in memory: [`Format::render`] of a format that streams.
#[derive(Debug, Default)]
pub struct InMemory {
    files: std::cell::RefCell<Vec<OutputFile>>,
}

impl InMemory {
    /// The files written, in the order they were written.
    pub fn into_files(self) -> Vec<OutputFile> {
        self.files.into_inner()
    }
}

impl FileSink for InMemory {
    fn write(
        &self,
        path: &str,
        content: &mut dyn FnMut(&mut dyn Write) -> std::io::Result<()>,
    ) -> Result<(), String> {
        let mut bytes = Vec::new();
        content(&mut bytes).map_err(|error| format!("writing {path} failed: {error}"))?;
        self.files.borrow_mut().push(OutputFile {
            path: path.to_owned(),
            bytes,
        });
        Ok(())
    }
}

/// A second-phase step: runs after every format has written its files and reads them.
///
/// Like a format it works per unit, so `publish` runs its units in parallel and writes each
/// unit's files as soon as they are made: a run never holds all of an assembly's output.
pub trait Assembly: Sync {
    /// Short name used on the command line, e.g. "packages".
    fn name(&self) -> &'static str;
    /// One line for `klyngepakke formats`.
    fn description(&self) -> &'static str;
    /// The formats whose files it reads (they are selected along with it).
    fn reads(&self) -> &'static [&'static str];
    /// What it needs from the inputs.
    fn needs(&self) -> Needs {
        Needs::default()
    }
    /// The kinds of unit it assembles, each unit once (e.g. every cluster, then the
    /// publication).
    fn units(&self) -> &'static [UnitKind];
    /// Warnings about the whole run, given once (e.g. a format it reads that wrote nothing).
    fn warnings(&self, _publication: &Publication, _written: &Written) -> Vec<String> {
        Vec::new()
    }
    /// Assembles one unit from the publication and the files the formats wrote.
    fn assemble(
        &self,
        publication: &Publication,
        unit: Unit,
        written: &Written,
    ) -> Result<Rendered, String>;
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

/// A file already written by a format, as an assembly sees it.
#[derive(Debug, Clone)]
pub struct WrittenFile {
    /// Relative path within the publication.
    pub path: String,
    /// Size in bytes.
    pub size: u64,
    /// SHA-256 of the content, taken as it was written (for the manifest).
    pub sha256: [u8; 32],
    /// The format that wrote it.
    pub format: &'static str,
    /// The unit it was rendered for.
    pub unit: Unit,
}

/// The files written in the first phase, readable from the staging folder.
#[derive(Debug)]
pub struct Written {
    root: PathBuf,
    files: Vec<WrittenFile>,
    /// Positions in `files` of each format's files for each unit, in path order.
    by_format_and_unit: HashMap<(&'static str, Unit), Vec<usize>>,
}

impl Written {
    /// The written files below `root`, sorted by path.
    pub fn new(root: &Path, mut files: Vec<WrittenFile>) -> Written {
        files.sort_by(|a, b| a.path.cmp(&b.path));
        let mut by_format_and_unit: HashMap<_, Vec<usize>> = HashMap::new();
        for (position, file) in files.iter().enumerate() {
            by_format_and_unit
                .entry((file.format, file.unit))
                .or_default()
                .push(position);
        }
        Written {
            root: root.to_path_buf(),
            files,
            by_format_and_unit,
        }
    }

    /// Every written file, sorted by path.
    pub fn files(&self) -> &[WrittenFile] {
        &self.files
    }

    /// Whether a format wrote any file.
    pub fn any_of(&self, format: &str) -> bool {
        self.files.iter().any(|file| file.format == format)
    }

    /// The files one format wrote for one unit, sorted by path.
    pub fn of<'a>(
        &'a self,
        format: &'static str,
        unit: Unit,
    ) -> impl Iterator<Item = &'a WrittenFile> + 'a {
        self.by_format_and_unit
            .get(&(format, unit))
            .into_iter()
            .flatten()
            .map(|&position| &self.files[position])
    }

    /// Reads a written file's bytes.
    pub fn read(&self, path: &str) -> std::io::Result<Vec<u8>> {
        std::fs::read(self.root.join(path))
    }
}

/// A rendering that failed.
#[derive(Debug, Clone)]
pub struct RenderError {
    /// The format.
    pub format: &'static str,
    /// The unit, named for a reader.
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
