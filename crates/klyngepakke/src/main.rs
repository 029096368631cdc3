//! `klyngepakke`: the command line. Thin glue over the `publish` crate.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::{Parser, Subcommand};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use publish::{PublishError, Report, default_output, publish, validate};

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
        /// Output folder [default: publication/<year>].
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
        Command::Validate { settings } => run_validate(settings),
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
    eprintln!("{problems}");
    eprintln!("Nothing was written.");
    ExitCode::from(EXIT_INPUT)
}

fn print_report(report: &Report, out: &std::path::Path) {
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
    let timings: Vec<String> = report
        .timings
        .iter()
        .map(|(stage, time)| format!("{stage} {:.0} ms", time.as_secs_f64() * 1000.0))
        .collect();
    println!("Time: {}.", timings.join(", "));
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

fn run_validate(settings: PathBuf) -> ExitCode {
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
            eprintln!("{problems}");
            ExitCode::from(EXIT_INPUT)
        }
    }
}
