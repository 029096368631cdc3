//! The coordinators' packages as a coordinator and a mail merge see them: each zip holds exactly
//! its own cluster's documents and its specialty's fact sheet, byte for byte as published;
//! `udsendelse.csv` has one row per cluster; the packages are identical at any thread count and
//! listed in manifest.json; hostile cluster names can neither escape the publication nor mix two
//! clusters' packages.

use std::collections::BTreeMap;
use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use publish::format_api::{self, Assembly, Publication, Unit, Written, WrittenFile};
use sha2::{Digest, Sha256};

fn fixture_settings() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../fixtures/2025/indstillinger.toml")
}

/// Publishes the fixture with these formats (all when empty) on a pool of `threads` threads.
fn publish_with(threads: usize, formats: &[String]) -> (tempfile::TempDir, publish::Report) {
    let folder = tempfile::tempdir().unwrap();
    let out = folder.path().join("2025");
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap();
    let report = pool
        .install(|| publish::publish(&fixture_settings(), &out, formats, &publish::Silent))
        .unwrap_or_else(|error| panic!("{error}"));
    (folder, report)
}

/// The publication with every format, built once for this test binary.
fn published() -> &'static (tempfile::TempDir, publish::Report) {
    static PUBLISHED: OnceLock<(tempfile::TempDir, publish::Report)> = OnceLock::new();
    PUBLISHED.get_or_init(|| publish_with(2, &[]))
}

fn out() -> PathBuf {
    published().0.path().join("2025")
}

/// The prepared fixture: cluster names, coordinators and slugs.
fn prepared() -> &'static Publication {
    static PREPARED: OnceLock<Publication> = OnceLock::new();
    PREPARED.get_or_init(|| publish::validate(&fixture_settings()).unwrap())
}

/// Every cluster as (specialty index, cluster index), in roster order.
fn clusters(publication: &Publication) -> Vec<(usize, usize)> {
    publication
        .figures
        .specialties
        .iter()
        .enumerate()
        .flat_map(|(specialty, figures)| {
            (0..figures.clusters.len()).map(move |cluster| (specialty, cluster))
        })
        .collect()
}

struct ZipEntry {
    name: String,
    bytes: Vec<u8>,
    date: (u16, u8, u8, u8, u8, u8),
    mode: Option<u32>,
}

fn unzip(bytes: &[u8]) -> Vec<ZipEntry> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("a readable zip file");
    (0..archive.len())
        .map(|index| {
            let mut file = archive.by_index(index).unwrap();
            let time = file.last_modified().expect("a modification time");
            let mut bytes = Vec::new();
            file.read_to_end(&mut bytes).unwrap();
            ZipEntry {
                name: file.name().unwrap().to_string(),
                bytes,
                date: (
                    time.year(),
                    time.month(),
                    time.day(),
                    time.hour(),
                    time.minute(),
                    time.second(),
                ),
                mode: file.unix_mode(),
            }
        })
        .collect()
}

fn sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

/// The names of the registered formats.
fn registered_formats() -> Vec<&'static str> {
    publish::Selection::new(&[])
        .unwrap()
        .formats
        .iter()
        .map(|format| format.name())
        .collect()
}

#[test]
fn each_package_holds_its_own_documents_and_its_fact_sheet() {
    let publication = prepared();
    let out = out();
    let files = tests::files(&out);
    let date = publication.date();
    let clusters = clusters(publication);
    assert_eq!(clusters.len(), 98);

    let packages: Vec<&PathBuf> = files
        .keys()
        .filter(|path| path.starts_with(packages::FOLDER))
        .collect();
    assert_eq!(packages.len(), clusters.len(), "one package per cluster");

    for &(specialty, cluster) in &clusters {
        let slug = publication.cluster_slug(specialty, cluster);
        let package = &files[&PathBuf::from(packages::package_path(slug))];
        let entries = unzip(package);

        // What the formats wrote for the cluster, and the specialty's fact sheet.
        let folder = Path::new("klynger").join(slug);
        let mut expected: BTreeMap<String, &[u8]> = files
            .iter()
            .filter_map(|(path, bytes)| {
                let within = path.strip_prefix(&folder).ok()?;
                Some((within.to_str().unwrap().to_owned(), bytes.as_slice()))
            })
            .collect();
        let sheet_slug = danish::slug(&publication.specialty(specialty).name);
        let sheet_name = format!("faktaark-{sheet_slug}.pdf");
        let sheet = &files[&PathBuf::from(format!("faktaark/{sheet_slug}.pdf"))];
        expected.insert(sheet_name.clone(), sheet);

        let listed: BTreeMap<String, &[u8]> = entries
            .iter()
            .map(|entry| (entry.name.clone(), entry.bytes.as_slice()))
            .collect();
        assert_eq!(listed.len(), entries.len(), "{slug}: a name twice");
        assert_eq!(
            listed.keys().collect::<Vec<_>>(),
            expected.keys().collect::<Vec<_>>(),
            "{slug}: entries"
        );
        for (name, bytes) in &expected {
            assert!(
                listed[name] == *bytes,
                "{slug}: {name} differs from the published file"
            );
        }
        assert_eq!(
            entries.last().unwrap().name,
            sheet_name,
            "{slug}: the fact sheet comes last"
        );
        for entry in &entries {
            assert_eq!(
                entry.date,
                (date.year, date.month, date.day, 0, 0, 0),
                "{slug}: {} is dated the publication date",
                entry.name
            );
            assert_eq!(
                entry.mode.map(|mode| mode & 0o777),
                Some(0o644),
                "{}",
                entry.name
            );
        }
    }

    // Formats not in this build leave their documents out, and the run says so once.
    let registered = registered_formats();
    let warnings = &published().1.warnings;
    for format in packages::READS {
        let warned = warnings
            .iter()
            .any(|warning| warning.contains(&format!("format '{format}'")));
        assert_eq!(
            warned,
            !registered.contains(format),
            "warning about {format}: {warnings:?}"
        );
    }
}

#[test]
fn the_mailing_list_has_one_row_per_cluster() {
    let publication = prepared();
    let out = out();
    let bytes = std::fs::read(out.join(packages::MAILING_LIST)).unwrap();
    let text = std::str::from_utf8(&bytes).expect("UTF-8");
    let text = text
        .strip_prefix('\u{feff}')
        .expect("a byte-order mark first");
    assert!(text.ends_with("\r\n"));
    assert!(
        !text.replace("\r\n", "").contains('\n'),
        "every line ends in CRLF"
    );

    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(header, packages::COLUMNS);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let clusters = clusters(publication);
    assert_eq!(rows.len(), clusters.len());
    for (row, &(specialty, cluster)) in rows.iter().zip(&clusters) {
        let figures = publication.cluster(specialty, cluster);
        let expected = [
            figures.coordinator.as_str(),
            figures.name.as_str(),
            publication.specialty(specialty).name.as_str(),
            &packages::package_path(publication.cluster_slug(specialty, cluster)),
        ];
        assert_eq!(row.iter().collect::<Vec<_>>(), expected);
        assert!(out.join(&row[3]).is_file(), "{} exists", &row[3]);
    }
}

/// The files of the second phase: the packages and the mailing list.
fn assembled(folder: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    tests::files(folder)
        .into_iter()
        .filter(|(path, _)| {
            path.starts_with(packages::FOLDER) || path == Path::new(packages::MAILING_LIST)
        })
        .collect()
}

#[test]
fn packages_are_identical_across_runs_and_thread_counts() {
    let two_threads = assembled(&out());
    let (folder, _) = publish_with(1, &["packages".to_owned()]);
    let one_thread = assembled(&folder.path().join("2025"));
    assert_eq!(two_threads.len(), prepared().cluster_count() + 1);
    assert_eq!(
        one_thread.keys().collect::<Vec<_>>(),
        two_threads.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &two_threads {
        assert!(one_thread[path] == *bytes, "{} differs", path.display());
    }
}

#[test]
fn the_manifest_lists_the_packages_with_their_digests() {
    let out = out();
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("manifest.json")).unwrap()).unwrap();
    let listed: BTreeMap<&str, &serde_json::Value> = manifest["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|entry| (entry["path"].as_str().unwrap(), entry))
        .collect();
    let assembled = assembled(&out);
    assert_eq!(assembled.len(), prepared().cluster_count() + 1);
    for (path, bytes) in &assembled {
        let path = path.to_str().unwrap();
        let entry = listed
            .get(path)
            .unwrap_or_else(|| panic!("{path} is not in the manifest"));
        assert_eq!(entry["format"], "packages", "{path}");
        assert_eq!(entry["size"], bytes.len() as u64, "{path}");
        assert_eq!(entry["sha256"], sha256(bytes), "{path}");
    }
}

/// The files phase one wrote, as the assembly saw them: format from the manifest, unit from the
/// path (`klynger/<cluster-slug>/…`, `faktaark/<specialty-slug>.pdf`, else the publication).
fn written_by_formats(publication: &Publication, out: &Path) -> Written {
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("manifest.json")).unwrap()).unwrap();
    let mut units = BTreeMap::new();
    for (specialty, cluster) in clusters(publication) {
        let slug = publication.cluster_slug(specialty, cluster);
        units.insert(
            format!("klynger/{slug}"),
            Unit::Cluster { specialty, cluster },
        );
    }
    for (index, specialty) in publication.figures.specialties.iter().enumerate() {
        let path = format!("faktaark/{}.pdf", danish::slug(&specialty.name));
        units.insert(path, Unit::Specialty(index));
    }
    let formats = publish::Selection::new(&[]).unwrap().names();
    let files = manifest["files"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|entry| entry["format"] != "packages")
        .map(|entry| {
            let path = entry["path"].as_str().unwrap().to_owned();
            let format = *formats
                .iter()
                .find(|name| entry["format"] == **name)
                .unwrap_or_else(|| panic!("{path}: an unknown format"));
            let unit = units
                .get(&path)
                .or_else(|| units.get(path.rsplit_once('/').map_or("", |(folder, _)| folder)))
                .copied()
                .unwrap_or(Unit::Publication);
            let hex = entry["sha256"].as_str().unwrap();
            let sha256 =
                std::array::from_fn(|at| u8::from_str_radix(&hex[2 * at..2 * at + 2], 16).unwrap());
            WrittenFile {
                size: entry["size"].as_u64().unwrap(),
                sha256,
                path,
                format,
                unit,
            }
        })
        .collect();
    Written::new(out, files)
}

/// Every unit the packages assembly covers, assembled in its order (as `publish` does, on one
/// thread): the clusters' packages, then the mailing list.
fn assemble_all(publication: &Publication, written: &Written) -> Vec<format_api::OutputFile> {
    let assembly = packages::Packages;
    assembly
        .units()
        .iter()
        .flat_map(|&kind| publication.units(kind))
        .flat_map(|unit| {
            assembly
                .assemble(publication, unit, written)
                .unwrap_or_else(|error| panic!("{error}"))
                .files
        })
        .collect()
}

#[test]
fn assembling_again_from_the_published_files_gives_the_same_bytes() {
    let publication = prepared();
    let out = out();
    let written = written_by_formats(publication, &out);
    let started = std::time::Instant::now();
    let again = assemble_all(publication, &written);
    eprintln!(
        "packaging {} clusters took {} ms",
        publication.cluster_count(),
        started.elapsed().as_millis()
    );
    let published = assembled(&out);
    assert_eq!(again.len(), published.len());
    for file in &again {
        assert!(
            published[Path::new(&file.path)] == file.bytes,
            "{} differs",
            file.path
        );
    }
}

#[test]
fn hostile_cluster_names_stay_inside_the_publication_and_apart() {
    let mut publication = publish::validate(&fixture_settings()).unwrap();
    let hostile: [(&str, &str); 10] = [
        (
            "../../../etc/passwd",
            "=HYPERLINK(\"http://example.invalid\")",
        ),
        ("Øst & Vest", "+45 1234 5678"),
        ("Kbh's Nord", "@SUM(A1)"),
        ("Nord-Øst", "-1"),
        ("nord øst", "\tTab"),
        ("/", "Anne-Marie Ørsted"),
        ("..", "Bo; \"Bob\" Berg"),
        ("C:\\Windows\\System32", "Line\r\nbreak"),
        ("", "Ida"),
        ("=cmd|' /C calc'!A0", "Per"),
    ];
    let clusters = clusters(&publication);
    for (&(specialty, cluster), (name, coordinator)) in clusters.iter().zip(hostile) {
        let figures = &mut publication.figures.specialties[specialty].clusters[cluster];
        figures.name = name.to_owned();
        figures.coordinator = coordinator.to_owned();
    }
    publication.cluster_slugs = format_api::cluster_slugs(&publication.figures);

    // What phase one would have written: a plan per cluster (its name as content), a fact sheet
    // per specialty, and the data files, which no package carries.
    let staging = tempfile::tempdir().unwrap();
    let mut written = Vec::new();
    let mut write = |path: String, bytes: &[u8], format: &'static str, unit: Unit| {
        let target = staging.path().join(&path);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::write(target, bytes).unwrap();
        written.push(WrittenFile {
            path,
            size: bytes.len() as u64,
            sha256: Sha256::digest(bytes).into(),
            format,
            unit,
        });
    };
    for &(specialty, cluster) in &clusters {
        let slug = publication.cluster_slug(specialty, cluster);
        let name = &publication.cluster(specialty, cluster).name;
        let unit = Unit::Cluster { specialty, cluster };
        write(
            format!("klynger/{slug}/aarsplan.docx"),
            name.as_bytes(),
            "plan",
            unit,
        );
    }
    for (index, specialty) in publication.figures.specialties.iter().enumerate() {
        let path = format!("faktaark/{}.pdf", danish::slug(&specialty.name));
        write(
            path,
            specialty.name.as_bytes(),
            "pdf",
            Unit::Specialty(index),
        );
    }
    write(
        "data/figures.csv".to_owned(),
        b"data",
        "data",
        Unit::Publication,
    );
    let written = Written::new(staging.path(), written);

    let assembled = assemble_all(&publication, &written);
    assert_eq!(assembled.len(), clusters.len() + 1);
    let (mailing_list, zips) = assembled.split_last().unwrap();
    assert_eq!(mailing_list.path, packages::MAILING_LIST);

    let mut paths = std::collections::BTreeSet::new();
    for (file, &(specialty, cluster)) in zips.iter().zip(&clusters) {
        let slug = file
            .path
            .strip_prefix("pakker/")
            .and_then(|rest| rest.strip_suffix(".zip"))
            .unwrap_or_else(|| panic!("{} is not a package path", file.path));
        assert!(
            !slug.is_empty()
                && slug
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
            "{}",
            file.path
        );
        assert!(paths.insert(file.path.clone()), "{} twice", file.path);
        let name = &publication.cluster(specialty, cluster).name;
        let entries = unzip(&file.bytes);
        let names: Vec<&str> = entries.iter().map(|entry| entry.name.as_str()).collect();
        let sheet = format!(
            "faktaark-{}.pdf",
            danish::slug(&publication.specialty(specialty).name)
        );
        assert_eq!(names, ["aarsplan.docx", sheet.as_str()], "{name:?}");
        assert_eq!(
            entries[0].bytes,
            name.as_bytes(),
            "{name:?} got another cluster's plan"
        );
    }
    // The two names that slug alike got two packages, each with its own plan.
    assert!(paths.contains("pakker/nord-oest.zip") && paths.contains("pakker/nord-oest-2.zip"));

    let text = std::str::from_utf8(&mailing_list.bytes).unwrap();
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), clusters.len());
    let shown = |value: &str| {
        if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
            format!("'{value}")
        } else {
            value.to_owned()
        }
    };
    for ((row, (name, coordinator)), file) in rows.iter().zip(hostile).zip(zips) {
        assert_eq!(row[0], shown(coordinator));
        assert_eq!(row[1], shown(name));
        assert_eq!(row[3], file.path);
    }
}
