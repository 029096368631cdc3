//! `cargo xtask bench`: the whole publication timed at one, ten and a hundred times the national
//! scale, and the per-renderer criterion suite (see docs/performance.md).
//!
//! The scaled inputs are generated deterministically from the 2025 fixture (`fixtures::scale`)
//! into `target/bench/x<scale>/`, labelled and coded exports both, and reused while their spec,
//! definition and settings are unchanged. ×1 is the committed fixture itself. Each run is the
//! release command line under `/usr/bin/time -v` (for the peak memory), publishing every format
//! into an empty place (a first publication) with a cold page cache; its own report gives the
//! time per stage and per format. The results are printed as a table
//! and written to `target/bench/report.json`.

use std::collections::hash_map::DefaultHasher;
use std::fmt::Write as _;
use std::fs;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use anyhow::{Context, Result, bail, ensure};
use serde::Serialize;

use crate::fixtures;

/// The fixture that is scaled, relative to the workspace root.
const SPEC: &str = "fixtures/2025/fixture-spec.toml";
/// Where inputs, publications and the report go, relative to the workspace root.
const FOLDER: &str = "target/bench";
/// The release command line, relative to the workspace root.
const CLI: &str = "target/release/klyngepakke";
/// Writing `1` here drops the clean page cache (root only).
const DROP_CACHES: &str = "/proc/sys/vm/drop_caches";
/// The tool that reports a child's peak memory.
const TIME: &str = "/usr/bin/time";
/// Bump when the scaled inputs' layout changes, so stale ones are regenerated.
const INPUTS_VERSION: u32 = 1;

/// One timed run of `publish`.
#[derive(Debug, Serialize)]
struct Run {
    scale: u32,
    export: &'static str,
    specialties: u64,
    clusters: u64,
    invited: u64,
    respondents: u64,
    /// The fastest of the rounds.
    wall_ms: f64,
    /// Processor time of that run (user and system, all threads).
    cpu_ms: f64,
    rounds: u32,
    /// Whether every round began with the page cache dropped (see [`start_cold`]).
    cold: bool,
    /// Files written (documents, data files, packages, the manifest).
    documents: u64,
    documents_per_second: f64,
    output_bytes: u64,
    data_bytes: Vec<(String, u64)>,
    peak_memory_mib: f64,
    stages_ms: Vec<(String, f64)>,
    formats_ms: Vec<(String, f64)>,
}

/// The whole report.
#[derive(Debug, Serialize)]
struct Report {
    threads: usize,
    runs: Vec<Run>,
    /// `wall ∝ scale^exponent`, fitted over the labelled runs (1 is linear).
    exponent: Option<f64>,
    /// Runs that failed, with the reason.
    failed: Vec<String>,
}

/// The export forms a scale can be published from.
pub const EXPORTS: [&str; 2] = ["labelled", "coded"];

/// Runs the benchmark at the given scales with the given export forms, then the criterion suite
/// unless `criterion` is false.
pub fn run(root: &Path, scales: &[u32], exports: &[String], criterion: bool) -> Result<()> {
    ensure!(!scales.is_empty(), "give at least one scale");
    for export in exports {
        ensure!(
            EXPORTS.contains(&export.as_str()),
            "unknown export form '{export}' (known: {})",
            EXPORTS.join(", ")
        );
    }
    ensure!(
        Path::new(TIME).exists(),
        "{TIME} is needed for the peak memory (apt-get install time)"
    );
    let folder = root.join(FOLDER);
    let mut inputs = Vec::new();
    for &scale in scales {
        ensure!(scale >= 1, "a scale is at least 1");
        inputs.push((scale, prepare_inputs(root, &folder, scale)?));
    }
    crate::cargo(
        root,
        &["build", "--release", "--quiet", "-p", "klyngepakke"],
    )?;
    let mut runs = Vec::new();
    let mut failed = Vec::new();
    for (scale, settings) in &inputs {
        for (export, settings) in settings {
            if !exports.iter().any(|wanted| wanted == export) {
                continue;
            }
            let rounds = match scale {
                1 => 5,
                2..=10 => 3,
                _ => 1,
            };
            let out = folder
                .join(format!("x{scale}"))
                .join(format!("publication-{export}"));
            // A scale the pipeline refuses (an input limit) is reported, and the others run.
            match time_publish(root, *scale, export, settings, &out, rounds) {
                Ok(run) => {
                    eprintln!(
                        "×{scale} {export}: {:.0} ms, {} files, {:.0} MiB peak",
                        run.wall_ms, run.documents, run.peak_memory_mib
                    );
                    runs.push(run);
                }
                Err(error) => {
                    eprintln!("×{scale} {export}: {error:#}");
                    failed.push(format!("×{scale} {export}: {error:#}"));
                }
            }
        }
    }
    let report = Report {
        threads: std::thread::available_parallelism().map_or(1, usize::from),
        exponent: exponent(&runs),
        runs,
        failed,
    };
    print!("{}", table(&report));
    let json = folder.join("report.json");
    fs::write(&json, serde_json::to_string_pretty(&report)? + "\n")
        .with_context(|| format!("writing {}", json.display()))?;
    println!("Written to {}.", json.display());
    if criterion {
        crate::cargo(root, &["bench", "-p", "publish", "--bench", "renderers"])?;
    }
    Ok(())
}

/// The settings files of one scale, labelled and coded export: the committed fixture at ×1,
/// generated inputs (reused while unchanged) above.
fn prepare_inputs(root: &Path, folder: &Path, scale: u32) -> Result<Vec<(&'static str, PathBuf)>> {
    let spec = root.join(SPEC);
    let fixture = spec
        .parent()
        .context("the spec lies in a folder")?
        .to_path_buf();
    let settings_text = fs::read_to_string(fixture.join("indstillinger.toml"))?;
    let mut settings: toml::Table = settings_text.parse()?;
    let dir = folder.join(format!("x{scale}"));
    fs::create_dir_all(&dir)?;
    let dir = dir.canonicalize()?;
    let fixture = fixture.canonicalize()?;
    let inputs = settings
        .get_mut("inputs")
        .and_then(toml::Value::as_table_mut)
        .context("the settings have [inputs]")?;
    let text = |key: &str| {
        inputs
            .get(key)
            .and_then(toml::Value::as_str)
            .map(str::to_owned)
    };
    let (definition, texts, editorial, export, roster) = (
        text("definition").context("inputs.definition")?,
        text("texts").context("inputs.texts")?,
        text("editorial").context("inputs.editorial")?,
        text("export").context("inputs.export")?,
        text("roster").context("inputs.roster")?,
    );
    let spec_text = fs::read_to_string(&spec)?;
    let spec_table: toml::Table = spec_text.parse()?;
    let coded_export = spec_table
        .get("export")
        .and_then(|export| export.get("coded"))
        .and_then(toml::Value::as_str)
        .context("the spec names its coded export")?
        .to_owned();
    let absolute = |path: PathBuf| toml::Value::String(path.display().to_string());
    inputs.insert("definition".into(), absolute(fixture.join(&definition)));
    inputs.insert("texts".into(), absolute(fixture.join(&texts)));

    let data = if scale == 1 {
        inputs.insert("editorial".into(), absolute(fixture.join(&editorial)));
        inputs.insert("roster".into(), absolute(fixture.join(&roster)));
        fixture.clone()
    } else {
        let mut hasher = DefaultHasher::new();
        (INPUTS_VERSION, scale, &spec_text, &settings_text).hash(&mut hasher);
        fs::read_to_string(fixture.join(&definition))?.hash(&mut hasher);
        let mut sources: Vec<PathBuf> = fs::read_dir(fixture.join(&editorial))?
            .map(|entry| entry.map(|entry| entry.path()))
            .collect::<std::io::Result<_>>()?;
        sources.sort();
        // The free texts are drawn into the exports too.
        sources.extend(
            spec_table
                .get("free_text")
                .and_then(toml::Value::as_str)
                .map(|file| fixture.join(file)),
        );
        for path in sources {
            (
                path.file_name().map(|name| name.to_owned()),
                fs::read(&path)?,
            )
                .hash(&mut hasher);
        }
        let stamp = format!("{:016x}\n", hasher.finish());
        let stamp_file = dir.join("inputs.stamp");
        if fs::read_to_string(&stamp_file).ok().as_deref() != Some(stamp.as_str()) {
            let began = Instant::now();
            let (outputs, names) = fixtures::generate_scaled(&spec, scale)?;
            fixtures::write(&outputs, &dir)?;
            copy_editorial(&fixture.join(&editorial), &dir.join(&editorial), &names)?;
            fs::write(&stamp_file, stamp)?;
            eprintln!(
                "generated the ×{scale} inputs in {:.1} s",
                began.elapsed().as_secs_f64()
            );
        }
        inputs.insert("editorial".into(), absolute(dir.join(&editorial)));
        inputs.insert("roster".into(), absolute(dir.join(&roster)));
        dir.clone()
    };
    let mut written = Vec::new();
    for (form, file) in [("labelled", &export), ("coded", &coded_export)] {
        let inputs = settings
            .get_mut("inputs")
            .and_then(toml::Value::as_table_mut)
            .context("the settings have [inputs]")?;
        inputs.insert("export".into(), absolute(data.join(file)));
        let path = dir.join(format!("indstillinger-{form}.toml"));
        fs::write(&path, toml::to_string(&settings)?)?;
        written.push((form, path));
    }
    Ok(written)
}

/// Copies each specialty's editorial text to the scaled copies ("Dermatologi 7" gets
/// Dermatologi's), and the shared texts as they are.
fn copy_editorial(from: &Path, to: &Path, names: &[String]) -> Result<()> {
    if to.exists() {
        fs::remove_dir_all(to)?;
    }
    fs::create_dir_all(to)?;
    for name in names {
        let original = name
            .rsplit_once(' ')
            .filter(|(_, copy)| copy.parse::<u32>().is_ok())
            .map_or(name.as_str(), |(original, _)| original);
        let source = from.join(format!("{}.md", danish::slug(original)));
        if source.exists() {
            fs::copy(&source, to.join(format!("{}.md", danish::slug(name))))?;
        }
    }
    for entry in fs::read_dir(from)? {
        let path = entry?.path();
        let target = to.join(path.file_name().context("a file name")?);
        if !target.exists() {
            fs::copy(&path, target)?;
        }
    }
    Ok(())
}

/// Publishes `rounds` times into `out` and keeps the fastest run.
fn time_publish(
    root: &Path,
    scale: u32,
    export: &'static str,
    settings: &Path,
    out: &Path,
    rounds: u32,
) -> Result<Run> {
    let mut best: Option<Run> = None;
    let mut cold = true;
    for _ in 0..rounds {
        // Every round is a first publication. Replacing one also removes the old publication
        // after the swap, which costs what the disk takes to unlink (and here discard) its
        // files: measured apart, in docs/performance.md.
        if out.exists() {
            fs::remove_dir_all(out).with_context(|| format!("cannot remove {}", out.display()))?;
        }
        cold &= start_cold()?;
        let began = Instant::now();
        let output = Command::new(TIME)
            .arg("-v")
            .arg(root.join(CLI))
            .arg("publish")
            .arg(settings)
            .arg("--out")
            .arg(out)
            .current_dir(root)
            .output()
            .with_context(|| format!("cannot start {TIME}"))?;
        let wall = began.elapsed();
        let stdout = String::from_utf8_lossy(&output.stdout);
        let stderr = String::from_utf8_lossy(&output.stderr);
        if !output.status.success() {
            // What the command line said, without the report of `time -v` (indented lines).
            let said: Vec<&str> = stderr
                .lines()
                .filter(|line| !line.starts_with('\t') && !line.starts_with("Command exited"))
                .filter(|line| !line.trim().is_empty())
                .collect();
            bail!("publish failed ({}): {}", output.status, said.join(" "));
        }
        let run = parse_run(scale, export, &stdout, &stderr, wall.as_secs_f64(), out)?;
        if best.as_ref().is_none_or(|best| run.wall_ms < best.wall_ms) {
            best = Some(run);
        }
    }
    let mut best = best.context("at least one round")?;
    best.rounds = rounds;
    best.cold = cold;
    Ok(best)
}

/// Lets the disk finish the removal (and any other pending writes), then drops the clean page
/// cache where allowed, so that a round starts cold, as the yearly run does. Without the drop
/// ext4 without a journal (this machine's) charges a round for the files removed before it: it
/// will not reuse an inode deleted in the last minute while its inode-table block is cached, and
/// scans past every such inode for each file it creates (a third of all samples at ×10).
/// Returns whether the cache was dropped.
fn start_cold() -> Result<bool> {
    Command::new("sync").status().context("cannot run sync")?;
    let dropped = fs::write(DROP_CACHES, "1");
    if let Err(error) = &dropped {
        static WARNED: std::sync::Once = std::sync::Once::new();
        WARNED.call_once(|| {
            eprintln!(
                "cannot drop the page cache ({DROP_CACHES}: {error}); rounds start warm, and on ext4 \
                 without a journal they also pay for the files removed before them"
            );
        });
    }
    Ok(dropped.is_ok())
}

/// Reads what a run printed (its report, and `time -v`'s) and what it wrote.
fn parse_run(
    scale: u32,
    export: &'static str,
    stdout: &str,
    stderr: &str,
    wall_seconds: f64,
    out: &Path,
) -> Result<Run> {
    let line = |prefix: &str| {
        stdout
            .lines()
            .find_map(|line| line.strip_prefix(prefix))
            .with_context(|| format!("no '{prefix}' line in:\n{stdout}"))
    };
    let numbers = |text: &str| -> Vec<u64> {
        text.split(|c: char| !c.is_ascii_digit())
            .filter_map(|part| part.parse().ok())
            .collect()
    };
    let published = numbers(line("Published ")?);
    ensure!(published.len() == 4, "cannot read the run's counts");
    let documents = numbers(line("Wrote ")?)[0];
    let timings = |text: &str| -> Vec<(String, f64)> {
        text.trim_end_matches('.')
            .split(", ")
            .filter_map(|part| {
                let part = part.strip_suffix(" ms")?;
                let (name, value) = part.rsplit_once(' ')?;
                Some((name.to_owned(), value.parse().ok()?))
            })
            .collect()
    };
    let measured = |name: &str| -> Result<f64> {
        let value = stderr
            .lines()
            .find_map(|line| line.trim().strip_prefix(name))
            .with_context(|| format!("no '{name}' from time -v"))?;
        Ok(value.trim().parse()?)
    };
    let peak_kb = measured("Maximum resident set size (kbytes): ")?;
    let cpu_seconds = measured("User time (seconds): ")? + measured("System time (seconds): ")?;
    let (output_bytes, data_bytes) = sizes(out)?;
    let wall_ms = wall_seconds * 1000.0;
    Ok(Run {
        scale,
        export,
        specialties: published[0],
        clusters: published[1],
        invited: published[2],
        respondents: published[3],
        wall_ms,
        cpu_ms: cpu_seconds * 1000.0,
        rounds: 1,
        cold: false,
        documents,
        documents_per_second: documents as f64 / wall_seconds,
        output_bytes,
        data_bytes,
        peak_memory_mib: peak_kb / 1024.0,
        stages_ms: timings(line("Time: ")?),
        formats_ms: timings(line("Time by format, summed over threads: ")?),
    })
}

/// The publication's total size, and the data files' sizes.
fn sizes(out: &Path) -> Result<(u64, Vec<(String, u64)>)> {
    let mut total = 0;
    let mut pending = vec![out.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in fs::read_dir(&dir)? {
            let entry = entry?;
            if entry.file_type()?.is_dir() {
                pending.push(entry.path());
            } else {
                total += entry.metadata()?.len();
            }
        }
    }
    let mut data = Vec::new();
    if let Ok(entries) = fs::read_dir(out.join("data")) {
        for entry in entries {
            let entry = entry?;
            data.push((
                entry.file_name().to_string_lossy().into_owned(),
                entry.metadata()?.len(),
            ));
        }
    }
    data.sort();
    Ok((total, data))
}

/// The exponent `b` of `wall = a · scale^b`, least squares on the logarithms of the labelled
/// runs; `None` with fewer than two scales.
fn exponent(runs: &[Run]) -> Option<f64> {
    let points: Vec<(f64, f64)> = runs
        .iter()
        .filter(|run| run.export == "labelled")
        .map(|run| (f64::from(run.scale).ln(), run.wall_ms.ln()))
        .collect();
    if points.len() < 2 {
        return None;
    }
    let n = points.len() as f64;
    let mean_x = points.iter().map(|p| p.0).sum::<f64>() / n;
    let mean_y = points.iter().map(|p| p.1).sum::<f64>() / n;
    let covariance: f64 = points.iter().map(|p| (p.0 - mean_x) * (p.1 - mean_y)).sum();
    let variance: f64 = points.iter().map(|p| (p.0 - mean_x).powi(2)).sum();
    (variance > 0.0).then(|| covariance / variance)
}

fn mib(bytes: u64) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}

/// The report as a terminal table: one column per run.
fn table(report: &Report) -> String {
    let runs = &report.runs;
    let mut rows: Vec<(String, Vec<String>)> = vec![
        (
            "run".into(),
            runs.iter()
                .map(|r| format!("×{} {}", r.scale, r.export))
                .collect(),
        ),
        (
            "specialties / clusters".into(),
            runs.iter()
                .map(|r| format!("{} / {}", r.specialties, r.clusters))
                .collect(),
        ),
        (
            "invited / respondents".into(),
            runs.iter()
                .map(|r| format!("{} / {}", r.invited, r.respondents))
                .collect(),
        ),
        (
            "wall (fastest of rounds)".into(),
            runs.iter()
                .map(|r| format!("{:.0} ms ({})", r.wall_ms, r.rounds))
                .collect(),
        ),
        (
            "processor time (user + system)".into(),
            runs.iter().map(|r| format!("{:.0} ms", r.cpu_ms)).collect(),
        ),
        (
            "files written".into(),
            runs.iter().map(|r| r.documents.to_string()).collect(),
        ),
        (
            "documents per second".into(),
            runs.iter()
                .map(|r| format!("{:.0}", r.documents_per_second))
                .collect(),
        ),
        (
            "peak memory".into(),
            runs.iter()
                .map(|r| format!("{:.0} MiB", r.peak_memory_mib))
                .collect(),
        ),
        (
            "output".into(),
            runs.iter()
                .map(|r| format!("{:.1} MiB", mib(r.output_bytes)))
                .collect(),
        ),
    ];
    let mut named = |label: &str, pick: &dyn Fn(&Run) -> Vec<(String, String)>| {
        let mut names: Vec<String> = Vec::new();
        for run in runs {
            for (name, _) in pick(run) {
                if !names.contains(&name) {
                    names.push(name);
                }
            }
        }
        for name in names {
            let values = runs
                .iter()
                .map(|run| {
                    pick(run)
                        .into_iter()
                        .find(|(other, _)| *other == name)
                        .map(|(_, value)| value)
                        .unwrap_or_default()
                })
                .collect();
            rows.push((format!("{label}{name}"), values));
        }
    };
    let ms = |values: &[(String, f64)]| -> Vec<(String, String)> {
        values
            .iter()
            .map(|(name, value)| (name.clone(), format!("{value:.0} ms")))
            .collect()
    };
    named("stage: ", &|run| ms(&run.stages_ms));
    named("format (thread time): ", &|run| ms(&run.formats_ms));
    named("size: ", &|run| {
        run.data_bytes
            .iter()
            .map(|(name, bytes)| (name.clone(), format!("{:.1} MiB", mib(*bytes))))
            .collect()
    });
    let label_width = rows
        .iter()
        .map(|(label, _)| label.chars().count())
        .max()
        .unwrap_or(0);
    let widths: Vec<usize> = (0..runs.len())
        .map(|column| {
            rows.iter()
                .map(|(_, values)| values[column].chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let start = if report.runs.iter().all(|run| run.cold) {
        "every round from a cold page cache"
    } else {
        "rounds from a warm page cache"
    };
    let mut text = format!(
        "\nklyngepakke publish, {} threads, {start}\n",
        report.threads
    );
    for (label, values) in &rows {
        let _ = write!(text, "  {label:<label_width$}");
        for (value, width) in values.iter().zip(&widths) {
            let _ = write!(text, "  {value:>width$}");
        }
        text.push('\n');
    }
    for failure in &report.failed {
        let _ = writeln!(text, "  failed: {failure}");
    }
    if let Some(exponent) = report.exponent {
        let _ = writeln!(
            text,
            "  wall time grows as scale^{exponent:.2} (1.00 is linear; labelled runs)"
        );
    }
    text
}
