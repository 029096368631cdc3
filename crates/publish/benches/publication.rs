//! Times the default publication: `cargo xtask bench` (release build).
//!
//! Prints a table and writes `target/bench/publication.json`: preparation (ingest, aggregation,
//! texts), each fact sheet on one thread, and the whole `publish` at one thread and at the
//! machine's default thread count.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use factsheet::FactSheets;
use publish::format_api::{Format, Unit};
use publish::{Silent, publish, validate};

const ROUNDS: u32 = 20;

fn settings() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/2025/indstillinger.toml")
}

fn average(rounds: u32, mut work: impl FnMut()) -> Duration {
    work(); // warm up
    let started = Instant::now();
    for _ in 0..rounds {
        work();
    }
    started.elapsed() / rounds
}

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}

fn publish_on(threads: usize) -> Duration {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("a thread pool");
    let folder = tempfile::tempdir().expect("a temporary folder");
    let out = folder.path().join("2025");
    average(5, || {
        pool.install(|| publish(&settings(), &out, &[], &Silent))
            .expect("the fixture publishes");
    })
}

fn main() {
    let settings = settings();
    let prepare_time = average(ROUNDS, || {
        validate(&settings).expect("the fixture is valid");
    });
    let publication = validate(&settings).expect("the fixture is valid");
    let sheets = publication.figures.specialties.len();
    let format = FactSheets::new();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("a thread pool");
    let per_sheet = pool.install(|| {
        average(ROUNDS, || {
            for unit in 0..sheets {
                format
                    .render(&publication, Unit::Specialty(unit))
                    .expect("a fact sheet renders");
            }
        })
    }) / sheets as u32;
    let one_thread = publish_on(1);
    let threads = rayon::current_num_threads();
    let all_threads = publish_on(threads);

    let rows = [
        ("prepare (ingest, aggregate, texts)", ms(prepare_time)),
        ("fact sheet, compose + PDF, 1 thread", ms(per_sheet)),
        ("publish all, 1 thread", ms(one_thread)),
        ("publish all, default threads", ms(all_threads)),
    ];
    println!(
        "klyngepakke benchmark: {sheets} fact sheets, {} invited, {threads} threads",
        publication.figures.national.invited
    );
    for (name, value) in rows {
        println!("  {name:<38} {value:>8.2} ms");
    }
    let documents_per_second = (sheets + 2) as f64 / all_threads.as_secs_f64();
    println!(
        "  {:<38} {documents_per_second:>8.0}",
        "documents per second (publish all)"
    );

    let json = format!(
        "{{\n  \"fact_sheets\": {sheets},\n  \"threads\": {threads},\n  \"prepare_ms\": {:.3},\n  \"fact_sheet_ms\": {:.3},\n  \"publish_one_thread_ms\": {:.3},\n  \"publish_ms\": {:.3},\n  \"documents_per_second\": {documents_per_second:.1}\n}}\n",
        ms(prepare_time),
        ms(per_sheet),
        ms(one_thread),
        ms(all_threads)
    );
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/bench");
    std::fs::create_dir_all(&folder).expect("target/bench can be created");
    std::fs::write(folder.join("publication.json"), json).expect("the result can be written");
}
