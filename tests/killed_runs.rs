//! Runs of `publish` killed with SIGKILL at seeded random moments of the whole run (prepare,
//! rendering, fsync and swap) leave the output folder byte for byte the old or the new
//! publication, never missing or mixed; the next complete run removes every staging folder the
//! killed ones left.
//!
//! The test binary runs without the libtest harness and starts itself as the publishing process
//! (`KILLED_RUNS_CHILD` set): it calls `publish::publish`, the function the `klyngepakke` binary
//! is a thin shell around, and a SIGKILL ends it just as it would end the command line. (Cargo
//! builds a package's binary only for that package's own tests, so this package cannot start
//! `klyngepakke` itself without building it by hand.)

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Instant;

/// Tells the test binary to publish (settings path, output path) instead of testing.
const CHILD: &str = "KILLED_RUNS_CHILD";
/// How many runs are killed.
const KILLS: usize = 20;
/// The seed of the kill moments.
const SEED: u64 = 17;

type Snapshot = BTreeMap<PathBuf, Vec<u8>>;

fn main() {
    if let Ok(paths) = std::env::var(CHILD) {
        let (settings, output) = paths.split_once('\n').expect("settings and output");
        let report = publish::publish(
            Path::new(settings),
            Path::new(output),
            &[],
            &publish::Silent,
        )
        .unwrap_or_else(|error| panic!("publish failed: {error}"));
        println!("removed {}", report.stale_staging_removed);
        return;
    }
    killed_runs_leave_the_old_or_the_new_publication();
    println!("test killed_runs_leave_the_old_or_the_new_publication ... ok");
}

/// Where a kill landed, seen from what it left.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Moment {
    /// Before the staging folder existed: reading and checking the inputs.
    Prepare,
    /// The staging folder existed without its manifest: rendering and assembling.
    Render,
    /// The manifest was written, the old publication still in place: fsync, before the swap.
    BeforeSwap,
    /// The new publication was in place, the process not yet finished.
    AfterSwap,
    /// The run finished before the kill.
    Finished,
}

fn killed_runs_leave_the_old_or_the_new_publication() {
    let started = Instant::now();
    let work = tempfile::tempdir().expect("a temporary folder");
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/2025");
    // Two publications that differ in every dated document: the old and the new one.
    let settings = [
        settings_copy(&fixture, work.path(), "old", "2026-03-16"),
        settings_copy(&fixture, work.path(), "new", "2026-03-17"),
    ];
    let parent = work.path().join("publication");
    let output = parent.join("2025");

    let old_run = Instant::now();
    assert!(publish(&settings[0], &output).wait().unwrap().success());
    let run_time = old_run.elapsed();
    let reference_new = work.path().join("reference");
    assert!(
        publish(&settings[1], &reference_new)
            .wait()
            .unwrap()
            .success()
    );
    let references: [Snapshot; 2] = [tests::files(&output), tests::files(&reference_new)];
    assert_ne!(references[0], references[1], "old and new must differ");

    // One kill in each twentieth of the run (and a little beyond), at a random point of it, in
    // random order; the last one mid-run, so that the last run has a staging folder to remove.
    let mut random = fastrand::Rng::with_seed(SEED);
    let mut slices: Vec<usize> = (0..KILLS).filter(|slice| *slice != KILLS / 2).collect();
    random.shuffle(&mut slices);
    slices.push(KILLS / 2);
    let mut current = 0;
    let mut moments = BTreeMap::new();
    for (kill, slice) in slices.into_iter().enumerate() {
        let next = 1 - current;
        let before = staging_folders(&parent);
        let delay = run_time.mul_f64(1.1 * (slice as f64 + random.f64()) / KILLS as f64);
        let mut child = publish(&settings[next], &output);
        std::thread::sleep(delay);
        let finished = child.try_wait().unwrap().is_some();
        child.kill().unwrap();
        let run = child.wait_with_output().unwrap();
        assert!(
            !finished || run.status.success(),
            "kill {kill}: the run failed on its own: {}",
            String::from_utf8_lossy(&run.stderr)
        );

        assert!(
            output.is_dir(),
            "kill {kill} after {delay:?}: the output is missing"
        );
        let now = tests::files(&output);
        let found = references
            .iter()
            .position(|reference| *reference == now)
            .unwrap_or_else(|| {
                panic!(
                    "kill {kill} after {delay:?}: the output is neither the old nor the new \
                     publication ({} files)",
                    now.len()
                )
            });
        let staged_manifest = staging_folders(&parent)
            .difference(&before)
            .map(|folder| folder.join("publication/manifest.json"))
            .find(|manifest| manifest.exists());
        let moment = match (finished, found == next) {
            (true, _) => Moment::Finished,
            (false, true) => Moment::AfterSwap,
            (false, false) if staged_manifest.is_some() => Moment::BeforeSwap,
            (false, false) if staging_folders(&parent).difference(&before).count() > 0 => {
                Moment::Render
            }
            (false, false) => Moment::Prepare,
        };
        *moments.entry(moment).or_insert(0) += 1;
        current = found;
    }

    let left = staging_folders(&parent).len();
    let next = 1 - current;
    let last = publish(&settings[next], &output)
        .wait_with_output()
        .expect("the last run");
    assert!(last.status.success());
    assert_eq!(tests::files(&output), references[next]);
    assert_eq!(
        String::from_utf8_lossy(&last.stdout).trim(),
        format!("removed {left}")
    );
    assert_eq!(staging_folders(&parent).len(), 0, "staging folders left");
    let entries: Vec<_> = std::fs::read_dir(&parent).unwrap().collect();
    assert_eq!(entries.len(), 1, "only the publication beside itself");

    let interrupted = KILLS - moments.get(&Moment::Finished).copied().unwrap_or(0);
    eprintln!(
        "{KILLS} kills over runs of {run_time:?}: {moments:?}; {left} staging folders left \
         before the last run; {:?} in all",
        started.elapsed()
    );
    assert!(interrupted >= KILLS / 2, "too few kills interrupted a run");
    assert!(left > 0, "no kill left a staging folder to clean up");
}

/// Starts a publishing process of this binary.
fn publish(settings: &Path, output: &Path) -> Child {
    Command::new(std::env::current_exe().expect("this test binary"))
        .env(
            CHILD,
            format!("{}\n{}", settings.display(), output.display()),
        )
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the publishing process starts")
}

/// Writes a copy of the fixture's settings into `folder` with another publication date and the
/// inputs named by absolute path.
fn settings_copy(fixture: &Path, folder: &Path, name: &str, date: &str) -> PathBuf {
    let text = std::fs::read_to_string(fixture.join("indstillinger.toml")).unwrap();
    let mut settings: toml::Table = toml::from_str(&text).unwrap();
    settings.insert("publication_date".into(), date.into());
    let inputs = settings["inputs"].as_table().unwrap().clone();
    let inputs: toml::Table = inputs
        .into_iter()
        .map(|(key, value)| match value.as_str() {
            Some(relative) if fixture.join(relative).exists() => {
                let path = fixture.join(relative).canonicalize().unwrap();
                (key, path.display().to_string().into())
            }
            _ => (key, value),
        })
        .collect();
    settings.insert("inputs".into(), inputs.into());
    let path = folder.join(format!("{name}.toml"));
    std::fs::write(&path, toml::to_string(&settings).unwrap()).unwrap();
    path
}

/// The staging folders beside the output.
fn staging_folders(parent: &Path) -> std::collections::BTreeSet<PathBuf> {
    std::fs::read_dir(parent)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| {
            path.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with(".klyngepakke-")
        })
        .collect()
}
