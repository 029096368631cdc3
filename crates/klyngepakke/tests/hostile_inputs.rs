//! The hostile-input corpus (`tests/hostile/cases.toml`) through the real binary.
//!
//! A good publication of the 2025 fixture is published first; then each case copies the fixture
//! into a folder of its own, applies its edits (workbooks are rewritten with rust_xlsxwriter; a
//! zip bomb is generated here, never committed), and runs `validate` and `publish` into the same
//! output folder. Each run must exit with 2, print the case's messages, take under
//! [`MAX_SECONDS`] and [`MAX_MEMORY_KB`] (peak resident memory, measured with `/usr/bin/time`
//! where it exists), and leave the publication byte for byte as it was.
//!
//! `HOSTILE_CASES=<part of a name>` runs only the matching cases. The test lives beside the binary (not in `tests/`) so that Cargo builds the binary for it.

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use calamine::{Data, Reader, open_workbook_auto};
use rust_xlsxwriter::{Format, Formula, Workbook};
use serde::Deserialize;

/// Longest a run may take, debug build included.
const MAX_SECONDS: f64 = 2.0;
/// Most peak resident memory a run may use, in KiB (200 MB).
const MAX_MEMORY_KB: u64 = 200_000;
/// Excel's last row, 1-based.
const EXCEL_LAST_ROW: u32 = 1_048_576;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Corpus {
    case: Vec<Case>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    fault: String,
    #[serde(default)]
    export: Option<String>,
    edits: Vec<Edit>,
    expect: Vec<String>,
    #[serde(default)]
    reject: Vec<String>,
    #[serde(default)]
    max_lines: Option<usize>,
}

/// One edit of a case; which fields are set says what it does (see the corpus's head).
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct Edit {
    #[serde(rename = "in")]
    target: Option<String>,
    sheet: Option<String>,
    cell: Option<String>,
    text: Option<String>,
    number: Option<f64>,
    formula: Option<String>,
    result: Option<String>,
    error: Option<String>,
    date: Option<String>,
    boolean: Option<bool>,
    blank: Option<bool>,
    merge: Option<String>,
    rename: Option<[String; 2]>,
    clear_from_row: Option<u32>,
    fill_down: Option<String>,
    drop_sheet: Option<String>,
    truncate: Option<f64>,
    corrupt: Option<f64>,
    replace: Option<String>,
    generate: Option<String>,
    settings: Option<[String; 2]>,
    definition: Option<[String; 2]>,
}

/// A cell value as the test writes it.
#[derive(Clone, Debug)]
enum Value {
    Text(String),
    Number(f64),
    Date(f64),
    Boolean(bool),
    Formula(String, String),
    Error(String),
}

/// A sheet's cells by zero-based (row, column).
type Cells = BTreeMap<(u32, u16), Value>;

/// A merged range: sheet, (first row, first column, last row, last column), text.
type Merge = (String, (u32, u16, u32, u16), String);

/// A workbook in memory: sheets in order, cells by (row, column), merged ranges.
#[derive(Clone, Default)]
struct Book {
    sheets: Vec<(String, Cells)>,
    merges: Vec<Merge>,
    fill_downs: Vec<(String, u16, String)>,
}

fn fixture(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures")
        .join(path)
}

fn read_book(path: &Path) -> Book {
    let mut workbook = open_workbook_auto(path).unwrap();
    let mut book = Book::default();
    for name in workbook.sheet_names() {
        let range = workbook.worksheet_range(&name).unwrap();
        let start = range.start().unwrap_or((0, 0));
        let mut cells = BTreeMap::new();
        for (row, column, data) in range.used_cells() {
            let at = (start.0 + row as u32, (start.1 + column as u32) as u16);
            let value = match data {
                Data::String(text) => Value::Text(text.clone()),
                Data::Float(number) => Value::Number(*number),
                Data::Int(number) => Value::Number(*number as f64),
                Data::Bool(value) => Value::Boolean(*value),
                Data::DateTime(date) => Value::Date(date.as_f64()),
                other => panic!("{}: unexpected cell {other:?}", path.display()),
            };
            cells.insert(at, value);
        }
        book.sheets.push((name, cells));
    }
    book
}

/// A cell address ("K5", "XFD1048576") as zero-based (row, column).
fn cell(address: &str) -> (u32, u16) {
    let letters: String = address
        .chars()
        .take_while(char::is_ascii_alphabetic)
        .collect();
    let row: u32 = address[letters.len()..].parse().unwrap();
    let column = letters.chars().fold(0_u32, |column, letter| {
        column * 26 + u32::from(letter as u8 - b'A' + 1)
    });
    (row - 1, (column - 1) as u16)
}

/// A marker number written where an error value belongs, patched into `t="e"` afterwards.
const ERROR_MARKER: &str = "424242.4242";

fn write_book(book: &Book, path: &Path) {
    let mut workbook = Workbook::new();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let mut errors: Vec<(String, (u32, u16), String)> = Vec::new();
    for (index, (name, cells)) in book.sheets.iter().enumerate() {
        let sheet = workbook.add_worksheet();
        sheet.set_name(name).unwrap();
        for ((row, column), value) in cells {
            let (row, column) = (*row, *column);
            match value {
                Value::Text(text) => sheet.write_string(row, column, text).map(|_| ()),
                Value::Number(number) => sheet.write_number(row, column, *number).map(|_| ()),
                Value::Date(serial) => sheet
                    .write_number_with_format(row, column, *serial, &date)
                    .map(|_| ()),
                Value::Boolean(value) => sheet.write_boolean(row, column, *value).map(|_| ()),
                Value::Formula(formula, result) => sheet
                    .write_formula(row, column, Formula::new(formula).set_result(result))
                    .map(|_| ()),
                Value::Error(error) => {
                    errors.push((
                        format!("xl/worksheets/sheet{}.xml", index + 1),
                        (row, column),
                        error.clone(),
                    ));
                    sheet
                        .write_number(row, column, ERROR_MARKER.parse::<f64>().unwrap())
                        .map(|_| ())
                }
            }
            .unwrap();
        }
        for (merge_sheet, (first_row, first_column, last_row, last_column), text) in &book.merges {
            if merge_sheet == name {
                sheet
                    .merge_range(
                        *first_row,
                        *first_column,
                        *last_row,
                        *last_column,
                        text,
                        &Format::new(),
                    )
                    .unwrap();
            }
        }
        for (fill_sheet, column, text) in &book.fill_downs {
            if fill_sheet == name {
                // From the fixture's first data row (row 4) to Excel's last row.
                for row in 3..EXCEL_LAST_ROW {
                    sheet.write_string(row, *column, text).unwrap();
                }
            }
        }
    }
    workbook.save(path).unwrap();
    if !errors.is_empty() {
        patch_error_cells(path, &errors);
    }
}

/// Turns the marker numbers into error values (`<c … t="e"><v>#N/A</v></c>`), which
/// rust_xlsxwriter cannot write.
fn patch_error_cells(path: &Path, errors: &[(String, (u32, u16), String)]) {
    let mut archive = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut parts = Vec::new();
    for index in 0..archive.len() {
        let mut part = archive.by_index(index).unwrap();
        let mut bytes = Vec::new();
        part.read_to_end(&mut bytes).unwrap();
        parts.push((part.name().unwrap().into_owned(), bytes));
    }
    for (part_name, (row, column), error) in errors {
        let (_, bytes) = parts
            .iter_mut()
            .find(|(name, _)| name == part_name)
            .unwrap();
        let mut xml = String::from_utf8(std::mem::take(bytes)).unwrap();
        let letters = column_letters(u32::from(*column));
        let start_tag = format!("<c r=\"{letters}{}\"", row + 1);
        let at = xml.find(&start_tag).unwrap();
        let end = at + xml[at..].find("</c>").unwrap() + "</c>".len();
        let attributes_end = at + xml[at..].find('>').unwrap();
        let attributes = xml[at + 2..attributes_end].to_owned();
        xml.replace_range(
            at..end,
            &format!("<c{attributes} t=\"e\"><v>{error}</v></c>"),
        );
        *bytes = xml.into_bytes();
    }
    let mut writer = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    for (name, bytes) in parts {
        writer
            .start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        writer.write_all(&bytes).unwrap();
    }
    writer.finish().unwrap();
}

fn column_letters(column: u32) -> String {
    let mut letters = Vec::new();
    let mut rest = column + 1;
    while rest > 0 {
        letters.push(char::from(b'A' + ((rest - 1) % 26) as u8));
        rest = (rest - 1) / 26;
    }
    letters.iter().rev().collect()
}

/// The xlsx zip bomb: a real workbook whose sheet part is ~900 MB of rows deflated to ~1 MB.
/// The rows are compressed once (1 MiB, flushed so that the blocks stand alone) and the blocks
/// repeated, so making it costs milliseconds. `declared` overrides the size its headers state.
fn zip_bomb(path: &Path, declared: Option<u32>) {
    use flate2::{Compress, Compression, FlushCompress};
    let small = tempfile::NamedTempFile::new().unwrap();
    let mut workbook = Workbook::new();
    workbook.add_worksheet().set_name("Besvarelser").unwrap();
    workbook.save(small.path()).unwrap();
    let mut archive = zip::ZipArchive::new(std::fs::File::open(small.path()).unwrap()).unwrap();

    let head = b"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<worksheet \
                 xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>";
    // One cell whose text is 900 MiB of one letter: deflate's best case, about 1000 to 1.
    let head = [head.as_slice(), b"<row><c t=\"inlineStr\"><is><t>"].concat();
    let head = head.as_slice();
    let chunk: Vec<u8> = vec![b'x'; 1 << 20];
    let tail = b"</t></is></c></row></sheetData></worksheet>";
    let repeats = 900_u32;

    let mut compress = Compress::new(Compression::best(), false);
    let mut deflate = |input: &[u8], flush: FlushCompress| {
        let mut output = Vec::with_capacity(input.len() + 1024);
        let before = compress.total_in();
        loop {
            let consumed = (compress.total_in() - before) as usize;
            if output.capacity() - output.len() < 1024 {
                output.reserve(64 * 1024);
            }
            let status = compress
                .compress_vec(&input[consumed..], &mut output, flush)
                .unwrap();
            let consumed = (compress.total_in() - before) as usize;
            if consumed == input.len()
                && (output.capacity() > output.len() || status == flate2::Status::StreamEnd)
            {
                break output;
            }
        }
    };
    let mut data = deflate(head, FlushCompress::Full);
    let block = deflate(&chunk, FlushCompress::Full);
    for _ in 0..repeats {
        data.extend_from_slice(&block);
    }
    data.extend(deflate(tail, FlushCompress::Finish));

    let mut crc = crc32fast::Hasher::new();
    crc.update(head);
    let mut chunk_crc = crc32fast::Hasher::new();
    chunk_crc.update(&chunk);
    for _ in 0..repeats {
        crc.combine(&chunk_crc);
    }
    crc.update(tail);
    let inflated = head.len() + chunk.len() * repeats as usize + tail.len();

    let mut entries: Vec<ZipEntry> = Vec::new();
    for index in 0..archive.len() {
        let mut part = archive.by_index(index).unwrap();
        let name = part.name().unwrap().into_owned();
        if name == "xl/worksheets/sheet1.xml" {
            entries.push(ZipEntry {
                name,
                deflated: true,
                crc: crc.clone().finalize(),
                size: declared.unwrap_or(u32::try_from(inflated).unwrap()),
                data: std::mem::take(&mut data),
            });
        } else {
            let mut bytes = Vec::new();
            part.read_to_end(&mut bytes).unwrap();
            entries.push(ZipEntry {
                name,
                deflated: false,
                crc: crc32fast::hash(&bytes),
                size: u32::try_from(bytes.len()).unwrap(),
                data: bytes,
            });
        }
    }
    std::fs::write(path, zip_archive(&entries)).unwrap();
}

/// An OpenDocument spreadsheet of a few hundred bytes whose one row, repeated a million times,
/// holds a value repeated in a thousand columns: a billion cells once expanded.
fn ods_bomb(path: &Path) {
    let content = r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="Besvarelser"><table:table-row table:number-rows-repeated="1000000"><table:table-cell table:number-columns-repeated="1000" office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"#;
    let manifest = r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;
    let mut writer = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    writer.start_file("mimetype", stored).unwrap();
    writer
        .write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .unwrap();
    for (name, text) in [
        ("META-INF/manifest.xml", manifest),
        ("content.xml", content),
    ] {
        writer
            .start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        writer.write_all(text.as_bytes()).unwrap();
    }
    writer.finish().unwrap();
}

struct ZipEntry {
    name: String,
    deflated: bool,
    crc: u32,
    size: u32,
    data: Vec<u8>,
}

/// A zip archive written field by field (the zip crate cannot take data deflated elsewhere).
fn zip_archive(entries: &[ZipEntry]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for entry in entries {
        let offset = u32::try_from(out.len()).unwrap();
        let method: u16 = if entry.deflated { 8 } else { 0 };
        let compressed = u32::try_from(entry.data.len()).unwrap();
        let name = entry.name.as_bytes();
        let common = |bytes: &mut Vec<u8>| {
            bytes.extend(20_u16.to_le_bytes());
            bytes.extend(0_u16.to_le_bytes());
            bytes.extend(method.to_le_bytes());
            bytes.extend(0_u16.to_le_bytes());
            bytes.extend(0x21_u16.to_le_bytes());
            bytes.extend(entry.crc.to_le_bytes());
            bytes.extend(compressed.to_le_bytes());
            bytes.extend(entry.size.to_le_bytes());
            bytes.extend(u16::try_from(name.len()).unwrap().to_le_bytes());
            bytes.extend(0_u16.to_le_bytes());
        };
        out.extend(0x0403_4b50_u32.to_le_bytes());
        common(&mut out);
        out.extend(name);
        out.extend(&entry.data);
        central.extend(0x0201_4b50_u32.to_le_bytes());
        central.extend(20_u16.to_le_bytes());
        common(&mut central);
        // Comment length, disk number, internal and external attributes.
        central.extend([0_u8; 10]);
        central.extend(offset.to_le_bytes());
        central.extend(name);
    }
    let central_offset = u32::try_from(out.len()).unwrap();
    let count = u16::try_from(entries.len()).unwrap();
    out.extend(&central);
    out.extend(0x0605_4b50_u32.to_le_bytes());
    out.extend([0_u8; 4]);
    out.extend(count.to_le_bytes());
    out.extend(count.to_le_bytes());
    out.extend(u32::try_from(central.len()).unwrap().to_le_bytes());
    out.extend(central_offset.to_le_bytes());
    out.extend(0_u16.to_le_bytes());
    out
}

/// Copies the 2025 fixture's inputs into `folder`.
fn copy_fixture(folder: &Path) {
    let source = fixture("2025");
    for entry in std::fs::read_dir(&source).unwrap() {
        let path = entry.unwrap().path();
        let target = folder.join(path.file_name().unwrap());
        if path.is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            for file in std::fs::read_dir(&path).unwrap() {
                let file = file.unwrap().path();
                std::fs::copy(&file, target.join(file.file_name().unwrap())).unwrap();
            }
        } else {
            std::fs::copy(&path, &target).unwrap();
        }
    }
}

/// Serial day number of a `YYYY-MM-DD` date (1900 system).
fn serial(date: &str) -> f64 {
    let parts: Vec<i64> = date.split('-').map(|part| part.parse().unwrap()).collect();
    let (year, month, day) = (parts[0], parts[1], parts[2]);
    // Days from 1899-12-30 by the civil-from-days algorithm.
    let days = |y: i64, m: i64, d: i64| {
        let y = if m <= 2 { y - 1 } else { y };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe
    };
    (days(year, month, day) - days(1899, 12, 30)) as f64
}

/// Applies a case's edits inside its folder, returning the settings path.
fn prepare_case(case: &Case, folder: &Path, books: &BTreeMap<&str, Book>) -> PathBuf {
    copy_fixture(folder);
    let settings = folder.join("indstillinger.toml");
    let export_name = case.export.as_deref().unwrap_or("eksport.xlsx");
    if export_name != "eksport.xlsx" {
        replace_in(
            &settings,
            "export = \"eksport.xlsx\"",
            &format!("export = \"{export_name}\""),
        );
    }
    let file_of = |target: &str| match target {
        "export" => export_name,
        "roster" => "klynger.xlsx",
        other => panic!("{}: unknown target {other}", case.name),
    };
    let mut edited: BTreeMap<&str, Book> = BTreeMap::new();
    for edit in &case.edits {
        if let Some([old, new]) = &edit.settings {
            replace_in(&settings, old, new);
            continue;
        }
        if let Some([old, new]) = &edit.definition {
            replace_in(&folder.join("spoergeskema.toml"), old, new);
            continue;
        }
        let file = file_of(edit.target.as_deref().expect("an edit names its workbook"));
        let path = folder.join(file);
        if let Some(fraction) = edit.truncate {
            let bytes = std::fs::read(&path).unwrap();
            std::fs::write(&path, &bytes[..(bytes.len() as f64 * fraction) as usize]).unwrap();
            continue;
        }
        if let Some(fraction) = edit.corrupt {
            let mut bytes = std::fs::read(&path).unwrap();
            let at = (bytes.len() as f64 * fraction) as usize;
            for (offset, byte) in bytes[at..at + 256].iter_mut().enumerate() {
                *byte = (offset as u8).wrapping_mul(37) ^ 0x5a;
            }
            std::fs::write(&path, bytes).unwrap();
            continue;
        }
        if let Some(text) = &edit.replace {
            std::fs::write(&path, text).unwrap();
            continue;
        }
        if let Some(kind) = &edit.generate {
            match kind.as_str() {
                "zip-bomb" => zip_bomb(&path, None),
                "zip-bomb-lying" => zip_bomb(&path, Some(4096)),
                "ods-bomb" => ods_bomb(&path),
                other => panic!("{}: unknown generator {other}", case.name),
            }
            println!(
                "{}: generated {} bytes",
                case.name,
                std::fs::metadata(&path).unwrap().len()
            );
            continue;
        }
        let book = edited.entry(file).or_insert_with(|| books[file].clone());
        if let Some(name) = &edit.drop_sheet {
            book.sheets.retain(|(sheet, _)| sheet != name);
            continue;
        }
        let sheet_name = edit
            .sheet
            .clone()
            .unwrap_or_else(|| book.sheets[0].0.clone());
        let sheet = &mut book
            .sheets
            .iter_mut()
            .find(|(name, _)| *name == sheet_name)
            .unwrap_or_else(|| panic!("{}: no sheet {sheet_name}", case.name))
            .1;
        if let Some(range) = &edit.merge {
            let (first, last) = range.split_once(':').unwrap();
            let ((first_row, first_column), (last_row, last_column)) = (cell(first), cell(last));
            for column in first_column..=last_column {
                sheet.remove(&(first_row, column));
            }
            let text = edit.text.clone().unwrap_or_default();
            book.merges.push((
                sheet_name,
                (first_row, first_column, last_row, last_column),
                text,
            ));
            continue;
        }
        if let Some([old, new]) = &edit.rename {
            for value in sheet.values_mut() {
                if matches!(value, Value::Text(text) if text == old) {
                    *value = Value::Text(new.clone());
                }
            }
            continue;
        }
        if let Some(row) = edit.clear_from_row {
            sheet.retain(|(at, _), _| *at + 1 < row);
            continue;
        }
        if let Some(column) = &edit.fill_down {
            let (_, column) = cell(&format!("{column}1"));
            let text = edit.text.clone().unwrap_or_default();
            book.fill_downs.push((sheet_name, column, text));
            continue;
        }
        let at = cell(edit.cell.as_deref().expect("a cell edit names its cell"));
        let value = if let Some(text) = &edit.text {
            Some(Value::Text(text.clone()))
        } else if let Some(number) = edit.number {
            Some(Value::Number(number))
        } else if let Some(formula) = &edit.formula {
            Some(Value::Formula(
                formula.clone(),
                edit.result.clone().unwrap_or_default(),
            ))
        } else if let Some(error) = &edit.error {
            Some(Value::Error(error.clone()))
        } else if let Some(date) = &edit.date {
            Some(Value::Date(serial(date)))
        } else if let Some(value) = edit.boolean {
            Some(Value::Boolean(value))
        } else if edit.blank == Some(true) {
            None
        } else {
            panic!("{}: an edit that does nothing", case.name)
        };
        match value {
            Some(value) => sheet.insert(at, value),
            None => sheet.remove(&at),
        };
    }
    for (file, book) in &edited {
        write_book(book, &folder.join(file));
    }
    settings
}

fn replace_in(path: &Path, old: &str, new: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(old), "{} lacks {old:?}", path.display());
    std::fs::write(path, text.replacen(old, new, 1)).unwrap();
}

/// A run of the binary: its output, how long it took, and its peak resident memory in KiB.
struct Run {
    output: Output,
    time: Duration,
    memory_kb: Option<u64>,
}

impl Run {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.output.stdout).into_owned()
            + &String::from_utf8_lossy(&self.output.stderr)
    }
}

fn klyngepakke(args: &[&str], scratch: &Path) -> Run {
    let binary = env!("CARGO_BIN_EXE_klyngepakke");
    let time_tool = Path::new("/usr/bin/time");
    let memory_file = scratch.join("memory.txt");
    let mut command = if time_tool.exists() {
        let mut command = Command::new(time_tool);
        command
            .args(["-f", "%M", "-o"])
            .arg(&memory_file)
            .arg(binary);
        command
    } else {
        Command::new(binary)
    };
    command.args(args);
    let started = Instant::now();
    let output = command.output().expect("the binary runs");
    let time = started.elapsed();
    let memory_kb = std::fs::read_to_string(&memory_file)
        .ok()
        .and_then(|text| text.lines().last()?.trim().parse().ok());
    let _ = std::fs::remove_file(&memory_file);
    Run {
        output,
        time,
        memory_kb,
    }
}

#[test]
fn every_hostile_input_is_refused_with_its_message_in_bounded_time_and_memory() {
    let corpus: Corpus = toml::from_str(
        &std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/hostile/cases.toml"),
        )
        .unwrap(),
    )
    .unwrap();
    assert!(corpus.case.len() >= 40, "{} cases", corpus.case.len());

    let books: BTreeMap<&str, Book> = ["eksport.xlsx", "eksport-koder.xlsx", "klynger.xlsx"]
        .into_iter()
        .map(|name| (name, read_book(&fixture(&format!("2025/{name}")))))
        .collect();

    let root = tempfile::tempdir().unwrap();
    let out = root.path().join("publication");
    let out_arg = out.display().to_string();
    let good = fixture("2025/indstillinger.toml").display().to_string();
    let published = klyngepakke(&["publish", &good, "--out", &out_arg], root.path());
    assert!(published.output.status.success(), "{}", published.text());
    let before = tests::files(&out);
    assert!(!before.is_empty());

    // `HOSTILE_CASES=bomb cargo test …` runs the cases whose names contain "bomb".
    let only = std::env::var("HOSTILE_CASES").unwrap_or_default();
    let mut failures = Vec::new();
    let mut report = Vec::new();
    for case in corpus.case.iter().filter(|case| case.name.contains(&only)) {
        let folder = root.path().join("cases").join(&case.name);
        std::fs::create_dir_all(&folder).unwrap();
        let settings = prepare_case(case, &folder, &books);
        let settings = settings.display().to_string();
        let mut problems = Vec::new();
        for args in [
            vec!["validate", settings.as_str()],
            vec!["publish", settings.as_str(), "--out", out_arg.as_str()],
        ] {
            let run = klyngepakke(&args, &folder);
            let text = run.text();
            let command = args[0];
            if run.output.status.code() != Some(2) {
                problems.push(format!(
                    "{command} exited with {:?}",
                    run.output.status.code()
                ));
            }
            for expected in &case.expect {
                if !text.contains(expected.as_str()) {
                    problems.push(format!("{command} does not say «{expected}»"));
                }
            }
            for rejected in &case.reject {
                if text.contains(rejected.as_str()) {
                    problems.push(format!("{command} says «{rejected}»"));
                }
            }
            if let Some(max_lines) = case.max_lines
                && command == "validate"
                && text.lines().count() > max_lines
            {
                problems.push(format!(
                    "validate prints {} lines, more than {max_lines}",
                    text.lines().count()
                ));
            }
            if run.time.as_secs_f64() > MAX_SECONDS {
                problems.push(format!("{command} took {:.2} s", run.time.as_secs_f64()));
            }
            if let Some(memory) = run.memory_kb.filter(|memory| *memory > MAX_MEMORY_KB) {
                problems.push(format!("{command} peaked at {} MB", memory / 1000));
            }
            if command == "validate" {
                report.push(format!(
                    "{:<48} {:>6.0} ms {:>6} KB  {}",
                    case.name,
                    run.time.as_secs_f64() * 1000.0,
                    run.memory_kb
                        .map_or("?".to_owned(), |memory| memory.to_string()),
                    text.lines().next().unwrap_or("")
                ));
            }
            if !problems.is_empty() && !text.is_empty() && command == "validate" {
                problems.push(format!("validate printed:\n{text}"));
            }
        }
        if tests::files(&out) != before {
            problems.push("the previous publication changed".to_owned());
        }
        if !problems.is_empty() {
            failures.push(format!(
                "{} ({}):\n  {}",
                case.name,
                case.fault,
                problems.join("\n  ")
            ));
        }
    }
    println!("{}", report.join("\n"));
    let leftovers: Vec<String> = std::fs::read_dir(root.path())
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with(".klyngepakke"))
        .collect();
    assert!(leftovers.is_empty(), "staging folders left: {leftovers:?}");
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        corpus.case.len(),
        failures.join("\n")
    );
}
