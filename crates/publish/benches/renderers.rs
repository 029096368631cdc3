//! Criterion benchmarks per renderer: one unit of every registered format, composed and rendered
//! on one thread from the prepared 2025 fixture (a fact sheet, a deck, a Word plan, a guide, the
//! status page, the data files). `cargo xtask bench` runs them after the whole-publication
//! timings; `cargo bench -p publish --bench renderers` alone.

use std::path::Path;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use publish::format_api::Publication;
use publish::{Selection, prepare};

fn prepared() -> Publication {
    let settings =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/2025/indstillinger.toml");
    let selection = Selection::new(&[]).expect("no names, nothing unknown");
    prepare(&settings, &selection.requirements).expect("the 2025 fixture is valid")
}

fn renderers(criterion: &mut Criterion) {
    let publication = prepared();
    let selection = Selection::new(&[]).expect("no names, nothing unknown");
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("a thread pool");
    let mut group = criterion.benchmark_group("render one unit");
    for format in &selection.formats {
        let unit = publication
            .units(format.units())
            .into_iter()
            .next()
            .expect("every format has a unit");
        let name = format!("{} ({})", format.name(), publication.unit_name(unit));
        group.bench_function(name, |bencher| {
            bencher.iter(|| {
                pool.install(|| format.render(&publication, unit))
                    .expect("the unit renders")
            });
        });
    }
    group.finish();
    criterion.bench_function("prepare (ingest, aggregate, texts)", |bencher| {
        bencher.iter(prepared);
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    targets = renderers
}
criterion_main!(benches);
