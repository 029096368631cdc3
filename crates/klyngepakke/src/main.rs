//! `klyngepakke`: the command line. Thin glue over the `publish` crate.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use clap::{Parser, Subcommand};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use publish::{PublishError, Report, default_output, publish, validate};

/// mimalloc rather than the system allocator: rendering allocates and frees many small buffers
/// on every thread, and at 100 times the national scale glibc's arenas kept some 190 MB more
/// resident (docs/performance.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Exit code for problems in the inputs.
const EXIT_INPUT: u8 = 2;
/// Exit code for any other failure.
const EXIT_FAILURE: u8 = 1;

#[derive(Parser)]
#[command(
    name = "klyngepakke",
    version,
    about = "Publishes the cluster survey: fact sheets per specialty and the figures behind them.",
    long_about = "Publishes the cluster survey (klyngeundersøgelsen): reads one survey export, the \
                  cluster roster, the survey definition and the publication settings, computes \
                  every figure exactly, and writes the documents.\n\n\
                  Exit codes: 0 success, 2 problems in the inputs (each named with file, sheet \
                  and cell; nothing is written), 1 any other failure (the previous publication \
                  is left untouched)."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the publication into a folder, replacing the previous one only when all succeeded.
    Publish {
        /// The publication settings (TOML), e.g. fixtures/2025/indstillinger.toml.
        settings: PathBuf,
        /// Output folder [default: publication/YEAR, the survey year].
        #[arg(long, short)]
        out: Option<PathBuf>,
        /// Formats to build, comma separated [default: all]; see `klyngepakke formats`.
        #[arg(long, value_delimiter = ',')]
        formats: Vec<String>,
    },
    /// Check export and roster against the survey definition; list every problem, write nothing.
    Validate {
        /// The publication settings (TOML).
        settings: PathBuf,
        /// List every problem on its own line, instead of one line per kind and column.
        #[arg(long)]
        all: bool,
    },
    /// Draft a survey definition (TOML) from an export; every guess to check is marked CHECK.
    Init {
        /// The survey export (.xlsx, .xls or .ods), coded with value-label and variable sheets,
        /// or labelled.
        export: PathBuf,
        /// The cluster roster, to check the cluster column's names against.
        #[arg(long)]
        roster: Option<PathBuf>,
        /// Write the draft to this file [default: standard output].
        #[arg(long, short)]
        out: Option<PathBuf>,
        /// Overwrite the --out file if it exists.
        #[arg(long)]
        force: bool,
    },
    /// List the output formats.
    Formats,
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Publish {
            settings,
            out,
            formats,
        } => run_publish(settings, out, &formats),
        Command::Validate { settings, all } => run_validate(settings, all),
        Command::Init {
            export,
            roster,
            out,
            force,
        } => run_init(&export, roster.as_deref(), out.as_deref(), force),
        Command::Formats => {
            for format in registry::formats() {
                println!("{:<9} {}", format.name(), format.description());
            }
            for assembly in registry::assemblies() {
                println!("{:<9} {}", assembly.name(), assembly.description());
            }
            ExitCode::SUCCESS
        }
    }
}

/// A progress bar on a terminal, shown only once rendering takes longer than a moment.
struct Bar(ProgressBar);

impl publish::Progress for Bar {
    fn start(&self, total: u64) {
        self.0.set_length(total);
    }

    fn advance(&self) {
        self.0.inc(1);
        if self.0.elapsed() > Duration::from_millis(300) && self.0.is_hidden() {
            self.0.set_draw_target(ProgressDrawTarget::stderr());
        }
    }
}

fn run_publish(settings: PathBuf, out: Option<PathBuf>, format_names: &[String]) -> ExitCode {
    let out = match out.map_or_else(|| default_output(&settings), Ok) {
        Ok(out) => out,
        Err(problems) => return input_problems(&problems.to_string()),
    };
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
    bar.set_style(
        ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len} dokumenter")
            .expect("the template is valid")
            .progress_chars("=> "),
    );
    bar.set_message("Skriver");
    let progress = Bar(bar);
    match publish(&settings, &out, format_names, &progress) {
        Ok(report) => {
            progress.0.finish_and_clear();
            print_report(&report, &out);
            ExitCode::SUCCESS
        }
        Err(PublishError::Inputs(problems)) => input_problems(&problems.to_string()),
        Err(error @ PublishError::UnknownFormat(_)) => {
            eprintln!("error: {error}");
            ExitCode::from(EXIT_INPUT)
        }
        Err(error) => {
            progress.0.finish_and_clear();
            eprintln!("error: {error}");
            eprintln!(
                "The previous publication in {} is untouched.",
                out.display()
            );
            ExitCode::from(EXIT_FAILURE)
        }
    }
}

fn input_problems(problems: &str) -> ExitCode {
    write_once(
        &mut std::io::stderr(),
        &format!("{problems}\nNothing was written.\n"),
    );
    ExitCode::from(EXIT_INPUT)
}

/// Writes a whole text in one write (problem lists can be long).
fn write_once(stream: &mut impl Write, text: &str) {
    // Nothing sensible is left to do when the terminal is gone.
    let _ = stream
        .write_all(text.as_bytes())
        .and_then(|()| stream.flush());
}

fn print_report(report: &Report, out: &Path) {
    let bytes: u64 = report.files.iter().map(|(_, size)| size).sum();
    println!(
        "Published {} specialties, {} clusters: {} invited, {} respondents.",
        report.specialties, report.clusters, report.invited, report.respondents
    );
    println!(
        "Wrote {} files ({} kB) to {}.",
        report.files.len(),
        bytes.div_ceil(1024),
        out.display()
    );
    if report.stale_staging_removed > 0 {
        println!(
            "Removed {} staging folder{} left beside it by interrupted runs.",
            report.stale_staging_removed,
            if report.stale_staging_removed == 1 {
                ""
            } else {
                "s"
            }
        );
    }
    let timings: Vec<String> = report
        .timings
        .iter()
        .map(|(stage, time)| format!("{stage} {:.0} ms", time.as_secs_f64() * 1000.0))
        .collect();
    println!("Time: {}.", timings.join(", "));
    let by_format: Vec<String> = report
        .format_timings
        .iter()
        .map(|(format, time)| format!("{format} {:.0} ms", time.as_secs_f64() * 1000.0))
        .collect();
    println!(
        "Time by format, summed over threads: {}.",
        by_format.join(", ")
    );
    if !report.warnings.is_empty() {
        println!(
            "{} warning{}:",
            report.warnings.len(),
            if report.warnings.len() == 1 { "" } else { "s" }
        );
        for warning in &report.warnings {
            println!("  warning: {warning}");
        }
    }
}

fn run_validate(settings: PathBuf, all: bool) -> ExitCode {
    match validate(&settings) {
        Ok(publication) => {
            let national = &publication.figures.national;
            println!(
                "No problems: {} specialties, {} clusters, {} invited, {} respondents.",
                publication.figures.specialties.len(),
                publication.cluster_count(),
                national.invited,
                national.respondents
            );
            for warning in &publication.warnings {
                println!("  warning: {}", warning.0);
            }
            ExitCode::SUCCESS
        }
        Err(problems) => {
            let text = if all {
                problems.every_problem()
            } else {
                problems.to_string()
            };
            write_once(&mut std::io::stderr(), &format!("{text}\n"));
            ExitCode::from(EXIT_INPUT)
        }
    }
}

fn run_init(export: &Path, roster: Option<&Path>, out: Option<&Path>, force: bool) -> ExitCode {
    if let Some(out) = out
        && out.exists()
        && !force
    {
        eprintln!(
            "error: {} exists; give --force to overwrite it",
            out.display()
        );
        return ExitCode::from(EXIT_FAILURE);
    }
    let draft = match ingest::draft_definition(export, roster) {
        Ok(draft) => draft,
        Err(problems) => return input_problems(&problems.to_string()),
    };
    match out {
        None => write_once(&mut std::io::stdout(), &draft),
        Some(out) => {
            if let Err(error) = std::fs::write(out, &draft) {
                eprintln!("error: {}: {error}", out.display());
                return ExitCode::from(EXIT_FAILURE);
            }
            eprintln!(
                "Wrote a draft survey definition to {}: check every line marked CHECK \
                 (docs/inputs.md, \"After init: what to check\").",
                out.display()
            );
        }
    }
    ExitCode::SUCCESS
}
