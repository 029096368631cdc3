//! The staging folder and the swap that puts a finished publication in place.
//!
//! A run writes into `.klyngepakke-<random>/publication` beside the output. The staging folder
//! holds an `owner` file that the run keeps exclusively locked (`flock`) while it lives: the
//! kernel releases the lock when the process ends, however it ends, so a later run tells the
//! folder of a killed run (unlocked) from that of a concurrent one (locked), whichever output
//! the concurrent run publishes to. Names beginning with `.klyngepakke-` beside an output are
//! reserved for these folders.
//!
//! Every staged file is written through [`Staging::write`], which has the kernel start writing it
//! to disk at once, so the disk works while the processors render; just before the swap one
//! `syncfs` waits until all of it is durable (elsewhere every file and folder is fsynced). On
//! Linux an existing publication is
//! swapped with the staged one by one `renameat2(RENAME_EXCHANGE)`: at every moment the output
//! path names either the complete old or the complete new publication. The old one is then
//! removed with the staging folder; a run killed before that removal leaves an unlocked folder
//! that the next run removes.
//!
//! Where the file system (or the system) cannot exchange, the swap falls back to two renames:
//! the old publication is moved into the staging folder (`previous/<name>`), the new one renamed
//! into place. Readers never see a mixed publication, but between the renames the output path is
//! missing; a run killed in that moment leaves the old publication in its staging folder, and the
//! next run puts it back before removing the folder.

use std::ffi::OsStr;
use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{Instant, SystemTime};

use crate::PublishError;

/// The beginning of every staging folder's name.
const PREFIX: &str = ".klyngepakke-";
/// The file in a staging folder that its run keeps locked.
const OWNER: &str = "owner";
/// The staged publication in a staging folder.
const STAGED: &str = "publication";
/// Where the fallback swap parks the previous publication in a staging folder.
const PREVIOUS: &str = "previous";

/// A run's staging folder beside the output, locked for as long as it exists.
pub(crate) struct Staging {
    /// Removed when dropped (fields drop in order: the folder before its lock).
    folder: tempfile::TempDir,
    staged: PathBuf,
    /// Keeps the `owner` file open and locked.
    _owner: File,
}

impl Staging {
    /// Removes the staging folders that killed runs left beside `output` (those not locked and,
    /// when they have no `owner` file yet, older than this run, which began at `started`), then
    /// creates this run's. Returns the staging folder and how many stale ones were removed.
    pub(crate) fn create(
        output: &Path,
        started: Instant,
    ) -> Result<(Staging, usize), PublishError> {
        let parent = parent_of(output);
        std::fs::create_dir_all(parent).map_err(io_at(parent))?;
        let run_began = SystemTime::now()
            .checked_sub(started.elapsed())
            .unwrap_or(SystemTime::UNIX_EPOCH);
        let removed = remove_stale(parent, run_began)?;
        let folder = tempfile::Builder::new()
            .prefix(PREFIX)
            .tempdir_in(parent)
            .map_err(io_at(parent))?;
        let owner = lock_owner(folder.path(), output).map_err(io_at(folder.path()))?;
        let staged = folder.path().join(STAGED);
        std::fs::create_dir(&staged).map_err(io_at(&staged))?;
        let staging = Staging {
            folder,
            staged,
            _owner: owner,
        };
        Ok((staging, removed))
    }

    /// The folder that the publication is written into.
    pub(crate) fn path(&self) -> &Path {
        &self.staged
    }

    /// Writes a file into the staged publication (its folder created as needed) through
    /// `content`, then has the kernel start writing it to disk; returns what `content` returned.
    pub(crate) fn write<T>(
        &self,
        relative: &Path,
        content: impl FnOnce(&mut File) -> io::Result<T>,
    ) -> Result<T, PublishError> {
        let target = self.staged.join(relative);
        if let Some(folder) = target.parent() {
            std::fs::create_dir_all(folder).map_err(io_at(folder))?;
        }
        let mut file = File::create(&target).map_err(io_at(&target))?;
        let made = content(&mut file).map_err(io_at(&target))?;
        start_writeback(&file);
        Ok(made)
    }

    /// Makes the staged publication durable and swaps it into place at `output`; the previous
    /// publication, if any, is removed with the staging folder afterwards.
    pub(crate) fn swap_into_place(self, output: &Path) -> Result<(), PublishError> {
        make_durable(&self.staged).map_err(io_at(&self.staged))?;
        let parent = parent_of(output);
        if output.symlink_metadata().is_err() {
            std::fs::rename(&self.staged, output).map_err(io_at(output))?;
        } else if !exchange(&self.staged, output).map_err(io_at(output))? {
            self.rename_twice(output)?;
        }
        sync_folder(parent).map_err(io_at(parent))?;
        // The old publication goes with the staging folder when `self` is dropped. Should that
        // fail, the folder is unlocked once this process ends and the next run removes it.
        Ok(())
    }

    /// The fallback swap: the old publication aside into the staging folder, the new one into
    /// place; if the second rename fails the old one is put back.
    fn rename_twice(&self, output: &Path) -> Result<(), PublishError> {
        let previous = self.folder.path().join(PREVIOUS);
        std::fs::create_dir(&previous).map_err(io_at(&previous))?;
        let aside = previous.join(output.file_name().unwrap_or(OsStr::new(STAGED)));
        std::fs::rename(output, &aside).map_err(io_at(output))?;
        if let Err(error) = std::fs::rename(&self.staged, output) {
            std::fs::rename(&aside, output).map_err(io_at(output))?;
            return Err(PublishError::Io(output.to_path_buf(), error));
        }
        Ok(())
    }
}

/// Exchanges two paths atomically. `Ok(false)`: this file system or kernel cannot.
#[cfg(target_os = "linux")]
fn exchange(staged: &Path, output: &Path) -> io::Result<bool> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    use rustix::io::Errno;
    match renameat_with(CWD, staged, CWD, output, RenameFlags::EXCHANGE) {
        Ok(()) => Ok(true),
        Err(Errno::INVAL | Errno::NOSYS | Errno::OPNOTSUPP) => Ok(false),
        Err(error) => Err(error.into()),
    }
}

/// Exchanges two paths atomically. `Ok(false)`: this system cannot.
#[cfg(not(target_os = "linux"))]
fn exchange(_staged: &Path, _output: &Path) -> io::Result<bool> {
    Ok(false)
}

/// Creates the `owner` file locked: it is written and locked under another name and then renamed,
/// so no other run ever sees it unlocked while this one lives.
fn lock_owner(folder: &Path, output: &Path) -> io::Result<File> {
    let unnamed = folder.join(format!("{OWNER}.new"));
    let mut owner = File::create_new(&unnamed)?;
    owner.lock()?;
    writeln!(
        owner,
        "Staging folder of klyngepakke process {}, publishing to {}.",
        std::process::id(),
        output.display()
    )?;
    std::fs::rename(&unnamed, folder.join(OWNER))?;
    Ok(owner)
}

/// Removes the staging folders of runs that are gone; returns how many.
fn remove_stale(parent: &Path, run_began: SystemTime) -> Result<usize, PublishError> {
    let mut removed = 0;
    for entry in std::fs::read_dir(parent).map_err(io_at(parent))? {
        let entry = entry.map_err(io_at(parent))?;
        let ours = entry.file_name().to_string_lossy().starts_with(PREFIX);
        let folder = entry.path();
        let is_folder = entry.file_type().is_ok_and(|kind| kind.is_dir());
        if !ours || !is_folder || !is_stale(&folder, run_began) {
            continue;
        }
        restore_previous(&folder, parent).map_err(io_at(&folder))?;
        match std::fs::remove_dir_all(&folder) {
            Ok(()) => removed += 1,
            // Another run removed it first.
            Err(error) if error.kind() == io::ErrorKind::NotFound => {}
            Err(error) => return Err(PublishError::Io(folder, error)),
        }
    }
    Ok(removed)
}

/// A staging folder is stale when no live run holds its `owner` lock, or, without an `owner`
/// file (a run killed while creating it), when it was last changed before this run began.
fn is_stale(folder: &Path, run_began: SystemTime) -> bool {
    match File::open(folder.join(OWNER)) {
        Ok(owner) => matches!(owner.try_lock(), Ok(())),
        Err(error) if error.kind() == io::ErrorKind::NotFound => folder
            .symlink_metadata()
            .and_then(|metadata| metadata.modified())
            .is_ok_and(|modified| modified < run_began),
        Err(_) => false,
    }
}

/// Puts back a previous publication that a fallback swap had moved aside, if its place is empty.
fn restore_previous(folder: &Path, parent: &Path) -> io::Result<()> {
    let previous = folder.join(PREVIOUS);
    let Ok(entries) = std::fs::read_dir(&previous) else {
        return Ok(());
    };
    for entry in entries {
        let entry = entry?;
        let place = parent.join(entry.file_name());
        if place.symlink_metadata().is_err() {
            std::fs::rename(entry.path(), place)?;
            sync_folder(parent)?;
        }
    }
    Ok(())
}

/// Starts writing a file's pages to disk without waiting for them (`POSIX_FADV_DONTNEED` starts
/// writeback on Linux, as PostgreSQL uses it where `sync_file_range` is missing); by the swap
/// most of the publication is on disk already. Only a hint: a failure changes nothing.
#[cfg(target_os = "linux")]
fn start_writeback(file: &File) {
    let _ = rustix::fs::fadvise(file, 0, None, rustix::fs::Advice::DontNeed);
}

/// Starts writing a file's pages to disk: nothing to do where there is no such hint.
#[cfg(not(target_os = "linux"))]
fn start_writeback(_file: &File) {}

/// Waits until everything written below `root` is on disk: one `syncfs` of its file system,
/// which also covers the folders (and whatever else is being written there).
#[cfg(target_os = "linux")]
fn make_durable(root: &Path) -> io::Result<()> {
    rustix::fs::syncfs(File::open(root)?)?;
    Ok(())
}

/// Waits until everything written below `root` is on disk: every file, then every folder
/// (deepest first) and `root` itself, fsynced.
#[cfg(not(target_os = "linux"))]
fn make_durable(root: &Path) -> io::Result<()> {
    let mut files = Vec::new();
    let mut folders = vec![root.to_path_buf()];
    let mut pending = vec![root.to_path_buf()];
    while let Some(folder) = pending.pop() {
        for entry in std::fs::read_dir(&folder)? {
            let entry = entry?;
            if entry.file_type()?.is_dir() {
                pending.push(entry.path());
                folders.push(entry.path());
            } else {
                files.push(entry.path());
            }
        }
    }
    files
        .iter()
        .try_for_each(|file| File::open(file)?.sync_all())?;
    folders
        .iter()
        .rev()
        .try_for_each(|folder| sync_folder(folder))
}

/// Fsyncs a folder, making the names in it durable.
fn sync_folder(folder: &Path) -> io::Result<()> {
    File::open(folder)?.sync_all()
}

/// The folder that holds `output` (the current folder for a bare name).
fn parent_of(output: &Path) -> &Path {
    output
        .parent()
        .filter(|parent| !parent.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

fn io_at(path: &Path) -> impl FnOnce(io::Error) -> PublishError {
    let path = path.to_path_buf();
    move |error| PublishError::Io(path, error)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(path: &Path, text: &str) {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    fn staging_folders(parent: &Path) -> Vec<PathBuf> {
        let mut folders: Vec<PathBuf> = std::fs::read_dir(parent)
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .filter(|path| {
                path.file_name()
                    .unwrap()
                    .to_string_lossy()
                    .starts_with(PREFIX)
            })
            .collect();
        folders.sort();
        folders
    }

    #[test]
    fn a_swap_replaces_the_whole_publication_and_leaves_nothing_beside_it() {
        let parent = tempfile::tempdir().unwrap();
        let output = parent.path().join("2025");
        write(&output.join("old-only.txt"), "old");
        write(&output.join("shared/file.txt"), "old");

        let (staging, removed) = Staging::create(&output, Instant::now()).unwrap();
        assert_eq!(removed, 0);
        staging
            .write(Path::new("shared/file.txt"), |file| file.write_all(b"new"))
            .unwrap();
        let many = 300;
        for number in 0..many {
            let name = format!("many/{number}.txt");
            staging
                .write(Path::new(&name), |file| file.write_all(name.as_bytes()))
                .unwrap();
        }
        staging.swap_into_place(&output).unwrap();

        assert!(!output.join("old-only.txt").exists());
        assert_eq!(
            std::fs::read_to_string(output.join("shared/file.txt")).unwrap(),
            "new"
        );
        assert_eq!(
            std::fs::read_dir(output.join("many")).unwrap().count(),
            many
        );
        assert_eq!(
            std::fs::read_to_string(output.join("many/7.txt")).unwrap(),
            "many/7.txt"
        );
        assert_eq!(staging_folders(parent.path()), Vec::<PathBuf>::new());
    }

    #[test]
    fn the_fallback_swap_also_replaces_the_publication() {
        let parent = tempfile::tempdir().unwrap();
        let output = parent.path().join("2025");
        write(&output.join("old-only.txt"), "old");
        let (staging, _) = Staging::create(&output, Instant::now()).unwrap();
        write(&staging.path().join("new-only.txt"), "new");
        staging.rename_twice(&output).unwrap();
        drop(staging);

        assert!(!output.join("old-only.txt").exists());
        assert!(output.join("new-only.txt").exists());
        assert_eq!(staging_folders(parent.path()), Vec::<PathBuf>::new());
    }

    #[test]
    fn stale_folders_are_removed_and_live_ones_kept() {
        let parent = tempfile::tempdir().unwrap();
        let output = parent.path().join("2025");
        // A live run publishing to another output in the same folder.
        let (other, _) = Staging::create(&parent.path().join("2026"), Instant::now()).unwrap();
        // A killed run: its owner file exists but nobody holds the lock.
        let killed = parent.path().join(".klyngepakke-killed");
        write(&killed.join(OWNER), "process 1");
        write(&killed.join("publication/manifest.json"), "{}");
        // A run killed before it wrote its owner file, before this run began.
        let unowned = parent.path().join(".klyngepakke-unowned");
        write(&unowned.join("publication/data.csv"), "");
        // Not a staging folder.
        write(&parent.path().join("klyngepakke-notes/a.txt"), "");

        let (staging, removed) = Staging::create(&output, Instant::now()).unwrap();

        assert_eq!(removed, 2);
        let mut expected = vec![
            other.folder.path().to_path_buf(),
            staging.folder.path().to_path_buf(),
        ];
        expected.sort();
        assert_eq!(staging_folders(parent.path()), expected);
        assert!(parent.path().join("klyngepakke-notes/a.txt").exists());
    }

    #[test]
    fn an_unowned_folder_newer_than_the_run_is_kept() {
        let parent = tempfile::tempdir().unwrap();
        let began = Instant::now();
        std::thread::sleep(std::time::Duration::from_millis(20));
        let creating = parent.path().join(".klyngepakke-creating");
        std::fs::create_dir(&creating).unwrap();

        let (_staging, removed) = Staging::create(&parent.path().join("2025"), began).unwrap();

        assert_eq!(removed, 0);
        assert!(creating.exists());
    }

    #[test]
    fn a_publication_moved_aside_by_a_killed_fallback_swap_is_put_back() {
        let parent = tempfile::tempdir().unwrap();
        let output = parent.path().join("2025");
        let killed = parent.path().join(".klyngepakke-killed");
        write(&killed.join(OWNER), "process 1");
        write(&killed.join("previous/2025/manifest.json"), "old");
        write(&killed.join("publication/manifest.json"), "new");

        let (_staging, removed) = Staging::create(&output, Instant::now()).unwrap();

        assert_eq!(removed, 1);
        assert_eq!(
            std::fs::read_to_string(output.join("manifest.json")).unwrap(),
            "old"
        );
    }
}
