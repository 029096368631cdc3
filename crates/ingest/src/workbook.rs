//! Reading workbooks (.xlsx, .xls, .ods) through calamine, with cell addresses kept absolute.
//!
//! Input is bounded before it is trusted: a zip-based workbook (.xlsx, .ods) has each part's
//! declared and actual inflated size checked against [`limits`] before calamine sees it, and a
//! sheet is read cell by cell (an .xlsx sheet as a stream, without calamine's dense range) into
//! a compact sparse store (`cells`) that stops at [`limits::MAX_CELLS`] filled cells (a sheet
//! whose recorded used range reaches Excel's last row is refused unread), so neither a zip bomb
//! nor a sheet filled down to Excel's last row costs more than a bounded amount of time and
//! memory.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};

use calamine::{Data, DataRef, Reader, Sheets, open_workbook_auto};

use crate::text::{clean, normalize};
use cells::{Cells, CellsBuilder, EMPTY, Incoming, Record, Value};
use model::problem::{CellRef, Location, Problem, quote};

mod cells;

/// How many rows from the top are searched for the header row (a title may stand above it).
pub(crate) const HEADER_SEARCH_ROWS: u32 = 20;

/// The documented limits on a workbook (docs/inputs.md, "Limits").
pub mod limits {
    /// Most bytes a sheet part of a zip-based workbook (`xl/worksheets/…`, an .ods
    /// `content.xml`) may inflate to: 256 MiB. Sheets are read as a stream, cell by cell, and a
    /// sheet filled down to Excel's last row is some 70 MiB, so that it can be reported as cut off.
    pub const MAX_SHEET_PART_BYTES: u64 = 256 * 1024 * 1024;
    /// Most bytes any other part (the shared strings, read whole; styles; relationships) may
    /// inflate to: 32 MiB, some 30 times what a large survey export needs.
    pub const MAX_PART_BYTES: u64 = 32 * 1024 * 1024;
    /// Most bytes all parts of a zip-based workbook may inflate to together: 320 MiB.
    pub const MAX_TOTAL_BYTES: u64 = 320 * 1024 * 1024;
    /// Most parts (files) in a zip-based workbook.
    pub const MAX_PARTS: usize = 10_000;
    /// Most filled cells read from one sheet: 4,000,000, room for an export 100 times the
    /// national scale (the 2025 export has some 40,000; 2.5 million at 100 times). A cell costs
    /// 12 bytes of memory, and each distinct value is kept once (some 100 bytes and its text
    /// at worst, when every cell holds a text of its own). Past it reading stops with a problem.
    pub const MAX_CELLS: usize = 4_000_000;
    /// Most cells an .ods sheet may span from its first to its last filled row and column
    /// (calamine builds it as one dense block, 32 bytes a cell): 4,000,000.
    pub const MAX_SPANNED_CELLS: u64 = 4_000_000;
    /// Excel's last row (1-based): a sheet with a filled cell there was probably cut off.
    pub const EXCEL_LAST_ROW: u32 = 1_048_576;

    /// The inflated-size limit of a part, by its name.
    pub fn part_limit(name: &str) -> u64 {
        if name.starts_with("xl/worksheets/") || name == "content.xml" {
            MAX_SHEET_PART_BYTES
        } else {
            MAX_PART_BYTES
        }
    }
}

/// An open workbook.
pub(crate) struct Workbook {
    file: PathBuf,
    sheets: Sheets<BufReader<File>>,
}

impl Workbook {
    /// Opens a workbook, or says that the file is not one, is damaged, or is too large inflated.
    pub(crate) fn open(file: &Path) -> Result<Workbook, Problem> {
        if !file.is_file() {
            return Err(Problem::new(file, Location::File, "an existing file"));
        }
        check_zip_parts(file)?;
        match open_workbook_auto(file) {
            Ok(sheets) => Ok(Workbook {
                file: file.to_path_buf(),
                sheets,
            }),
            Err(error) => Err(Problem::found(
                file,
                Location::File,
                format!("a file that cannot be read as a workbook ({error})"),
                "an Excel (.xlsx, .xls) or OpenDocument (.ods) workbook",
            )),
        }
    }

    /// The names of the sheets, in workbook order.
    pub(crate) fn sheet_names(&self) -> Vec<String> {
        self.sheets.sheet_names()
    }

    /// The name of the sheet whose name matches (ignoring case and invisible characters).
    pub(crate) fn find_sheet(&self, name: &str) -> Option<String> {
        let wanted = normalize(name);
        let names = self.sheets.sheet_names();
        names
            .iter()
            .find(|sheet| *sheet == name)
            .or_else(|| names.iter().find(|sheet| normalize(sheet) == wanted))
            .cloned()
    }

    /// A sheet by name, or the first sheet.
    pub(crate) fn sheet(&mut self, name: Option<&str>) -> Result<Sheet, Problem> {
        let names = self.sheets.sheet_names();
        let name = match name {
            Some(name) => match self.find_sheet(name) {
                Some(found) => found,
                None => {
                    return Err(Problem::found(
                        &self.file,
                        Location::File,
                        format!("no sheet named {}", quote(name)),
                        format!(
                            "one of the sheets: {}",
                            names
                                .iter()
                                .map(|name| quote(name))
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    ));
                }
            },
            None => match names.first() {
                Some(first) => first.clone(),
                None => {
                    return Err(Problem::new(
                        &self.file,
                        Location::File,
                        "at least one sheet",
                    ));
                }
            },
        };
        let unreadable = |error: String| {
            Problem::found(
                &self.file,
                Location::Sheet(name.clone()),
                format!("a sheet that cannot be read ({error})"),
                "a readable worksheet",
            )
        };
        let mut sheet = SheetBuilder::new(&self.file, &name);
        match &mut self.sheets {
            Sheets::Xlsx(xlsx) => {
                let mut reader = xlsx
                    .worksheet_cells_reader(&name)
                    .map_err(|error| unreadable(error.to_string()))?;
                // The used range Excel records: reaching the last row, the sheet is refused
                // without reading a million rows.
                let declared_end = reader.dimensions().end.0;
                if declared_end + 1 >= limits::EXCEL_LAST_ROW {
                    sheet.last_filled_row = Some(declared_end);
                    return Ok(sheet.finish());
                }
                while let Some(cell) = reader
                    .next_cell_with_formula()
                    .map_err(|error| unreadable(error.to_string()))?
                {
                    let (row, column) = cell.pos;
                    if !sheet.store(row, column, value_of_ref(&cell.value), cell.formula) {
                        break;
                    }
                }
                drop(reader);
                Ok(sheet.finish())
            }
            sheets => {
                let range = sheets
                    .worksheet_range(&name)
                    .map_err(|error| unreadable(error.to_string()))?;
                let formulas = sheets.worksheet_formula(&name).ok();
                let start = range.start().unwrap_or((0, 0));
                for (row, column, data) in range.used_cells() {
                    let (row, column) = (start.0 + row as u32, start.1 + column as u32);
                    let formula = formulas
                        .as_ref()
                        .and_then(|formulas| formulas.get_value((row, column)))
                        .filter(|formula| !formula.is_empty())
                        .cloned();
                    if !sheet.store(row, column, value_of_data(data), formula) {
                        break;
                    }
                }
                Ok(sheet.finish())
            }
        }
    }

    /// The merged regions of an .xlsx sheet that touch a row, in A1 notation ("K3:Q3"): none
    /// when they cannot be read, and none for other formats. This reads the sheet again.
    pub(crate) fn merged_in_row(&mut self, sheet: &str, row: u32) -> Vec<String> {
        let Sheets::Xlsx(xlsx) = &mut self.sheets else {
            return Vec::new();
        };
        let regions = xlsx.merge_cells_by_sheet_name(sheet).unwrap_or_default();
        regions
            .iter()
            .filter(|region| region.start.0 <= row && row <= region.end.0)
            .map(|region| {
                let [start, end] =
                    [region.start, region.end].map(|(row, column)| CellRef { row, column });
                format!("{start}:{end}")
            })
            .collect()
    }
}

/// Checks a zip-based workbook part by part: the number of parts, each part's declared inflated
/// size, then each part's actual inflated size while inflating it into nothing (a part may lie
/// about its size). Files that are not zip archives are left to calamine.
fn check_zip_parts(file: &Path) -> Result<(), Problem> {
    use limits::{MAX_PARTS, MAX_TOTAL_BYTES, part_limit};
    let damaged = |detail: String| {
        Problem::found(
            file,
            Location::File,
            format!("a damaged or truncated workbook ({detail})"),
            "a complete workbook: save or export it again",
        )
    };
    let mut opened = File::open(file).map_err(|error| damaged(error.to_string()))?;
    let mut magic = [0_u8; 4];
    let is_zip = opened.read_exact(&mut magic).is_ok() && magic[..2] == *b"PK";
    if !is_zip {
        return Ok(());
    }
    let mut archive = zip::ZipArchive::new(BufReader::new(opened))
        .map_err(|error| damaged(format!("the zip archive cannot be opened: {error}")))?;
    let too_large = |found: String, limit: String| {
        Problem::found(
            file,
            Location::File,
            found,
            format!(
                "a workbook within the size limits ({limit}; docs/inputs.md, \"Limits\"): a \
                 workbook that inflates this much is damaged or a zip bomb, not a survey export"
            ),
        )
    };
    if archive.len() > MAX_PARTS {
        return Err(too_large(
            format!("{} parts in the zip archive", archive.len()),
            format!("at most {MAX_PARTS} parts"),
        ));
    }
    let part_limit_text = |limit: u64| format!("this part at most {} inflated", size(limit));
    let total_limit = format!("all parts at most {} inflated", size(MAX_TOTAL_BYTES));
    let mut declared_total: u64 = 0;
    for index in 0..archive.len() {
        let part = archive
            .by_index_raw(index)
            .map_err(|error| damaged(error.to_string()))?;
        let limit = part_limit(&part_name(&part));
        if part.size() > limit {
            return Err(too_large(
                format!(
                    "the part {} declared to inflate to {} (from {} compressed)",
                    quote(&part_name(&part)),
                    size(part.size()),
                    size(part.compressed_size())
                ),
                part_limit_text(limit),
            ));
        }
        declared_total = declared_total.saturating_add(part.size());
    }
    if declared_total > MAX_TOTAL_BYTES {
        return Err(too_large(
            format!(
                "parts declared to inflate to {} together",
                size(declared_total)
            ),
            total_limit,
        ));
    }
    let mut actual_total: u64 = 0;
    for index in 0..archive.len() {
        let part = archive
            .by_index(index)
            .map_err(|error| damaged(error.to_string()))?;
        let name = part_name(&part);
        let limit = part_limit(&name);
        let inflated =
            std::io::copy(&mut part.take(limit + 1), &mut std::io::sink()).map_err(|error| {
                damaged(format!(
                    "the part {} cannot be inflated: {error}",
                    quote(&name)
                ))
            })?;
        if inflated > limit {
            return Err(too_large(
                format!(
                    "the part {} inflating to more than {}",
                    quote(&name),
                    size(limit)
                ),
                part_limit_text(limit),
            ));
        }
        actual_total += inflated;
        if actual_total > MAX_TOTAL_BYTES {
            return Err(too_large(
                format!(
                    "parts inflating to more than {} together",
                    size(MAX_TOTAL_BYTES)
                ),
                total_limit,
            ));
        }
    }
    if let Ok(content) = archive.by_name("content.xml") {
        check_ods_extent(BufReader::new(content)).map_err(|found| {
            too_large(
                found,
                format!(
                    "sheets of at most {} filled cells and {} cells from the first to the last \
                     filled row and column",
                    limits::MAX_CELLS,
                    limits::MAX_SPANNED_CELLS
                ),
            )
        })?;
    }
    Ok(())
}

/// Measures the sheets of an OpenDocument spreadsheet before calamine expands them: repeated
/// rows and columns (`number-rows-repeated`, `number-columns-repeated`) make a few bytes stand for
/// millions of cells, and calamine builds every sheet as one dense block. `Err` describes the
/// sheet that is too large; an XML error is left for calamine to report.
fn check_ods_extent(content: impl std::io::BufRead) -> Result<(), String> {
    use quick_xml::events::{BytesStart, Event};
    let repeats = |element: &BytesStart<'_>, name: &str| -> u64 {
        element
            .try_get_attribute(name)
            .ok()
            .flatten()
            .and_then(|attribute| attribute.value.trim().parse().ok())
            .unwrap_or(1)
            .max(1)
    };
    let too_large = |sheet: &str, filled: u64, last_row: Option<u64>, last_column: u64| {
        let rows = last_row.map_or(0, |last| last + 1);
        let spanned = rows.saturating_mul(last_column + 1);
        if rows >= u64::from(limits::EXCEL_LAST_ROW) {
            Some(format!(
                "the sheet {} filled down to row {rows}, Excel's last row or past it",
                quote(sheet)
            ))
        } else if filled > limits::MAX_CELLS as u64 || spanned > limits::MAX_SPANNED_CELLS {
            Some(format!(
                "the sheet {} with {filled} filled cells spanning {rows} rows and {} columns",
                quote(sheet),
                last_column + 1
            ))
        } else {
            None
        }
    };
    let mut reader = quick_xml::Reader::from_reader(content);
    let mut buffer = Vec::new();
    let mut sheet = String::new();
    let (mut row, mut column, mut row_repeats) = (0_u64, 0_u64, 1_u64);
    let (mut filled, mut last_row, mut last_column) = (0_u64, None::<u64>, 0_u64);
    loop {
        buffer.clear();
        let event = match reader.read_event_into(&mut buffer) {
            Ok(Event::Eof) | Err(_) => break,
            Ok(event) => event,
        };
        let (element, closed) = match &event {
            Event::Start(element) => (element, false),
            Event::Empty(element) => (element, true),
            Event::End(end) if end.name().as_ref() == "table:table-row" => {
                row = row.saturating_add(row_repeats);
                continue;
            }
            _ => continue,
        };
        match element.name().as_ref() {
            "table:table" => {
                if let Some(found) = too_large(&sheet, filled, last_row, last_column) {
                    return Err(found);
                }
                sheet = element
                    .try_get_attribute("table:name")
                    .ok()
                    .flatten()
                    .map(|name| name.value.into_owned())
                    .unwrap_or_default();
                (row, filled, last_row, last_column) = (0, 0, None, 0);
            }
            "table:table-row" => {
                row_repeats = repeats(element, "table:number-rows-repeated");
                column = 0;
                if closed {
                    row = row.saturating_add(row_repeats);
                }
            }
            "table:table-cell" | "table:covered-table-cell" => {
                let columns = repeats(element, "table:number-columns-repeated");
                let has_value = element
                    .try_get_attribute("office:value-type")
                    .ok()
                    .flatten()
                    .is_some();
                if has_value {
                    filled = filled.saturating_add(row_repeats.saturating_mul(columns));
                    let bottom = row.saturating_add(row_repeats - 1);
                    last_row = Some(last_row.map_or(bottom, |last| last.max(bottom)));
                    last_column = last_column.max(column.saturating_add(columns - 1));
                }
                column = column.saturating_add(columns);
            }
            _ => {}
        }
    }
    too_large(&sheet, filled, last_row, last_column).map_or(Ok(()), Err)
}

/// A part's name for a message.
fn part_name<R: Read>(part: &zip::read::ZipFile<'_, R>) -> String {
    part.name()
        .map_or_else(|_| "(unreadable name)".to_owned(), |name| name.into_owned())
}

/// A byte count for a message: "900.0 MiB", "12.3 KiB", "512 bytes".
fn size(bytes: u64) -> String {
    const KIB: f64 = 1024.0;
    let value = bytes as f64;
    if value >= KIB * KIB {
        format!("{:.1} MiB", value / (KIB * KIB))
    } else if value >= KIB {
        format!("{:.1} KiB", value / KIB)
    } else {
        format!("{bytes} bytes")
    }
}

fn value_of_ref<'a>(data: &'a DataRef<'_>) -> Option<Incoming<'a>> {
    Some(match data {
        DataRef::Empty => return None,
        DataRef::String(text) => Incoming::Text(text),
        DataRef::SharedString(text) => Incoming::Text(text),
        DataRef::Float(number) => Incoming::Other(Value::Number(number.to_bits())),
        DataRef::Int(number) => Incoming::Other(Value::Number((*number as f64).to_bits())),
        DataRef::Bool(value) => Incoming::Other(Value::Bool(*value)),
        DataRef::DateTime(date) => {
            let (year, month, day, ..) = date.to_ymd_hms_milli();
            Incoming::Other(Value::Date(format!("{year:04}-{month:02}-{day:02}").into()))
        }
        DataRef::DateTimeIso(text) => Incoming::Other(Value::Date(text.as_str().into())),
        DataRef::DurationIso(_) => Incoming::Other(Value::Duration),
        DataRef::Error(error) => Incoming::Other(Value::Error(error.to_string().into())),
    })
}

fn value_of_data(data: &Data) -> Option<Incoming<'_>> {
    Some(match data {
        Data::Empty => return None,
        Data::String(text) => Incoming::Text(text),
        Data::Float(number) => Incoming::Other(Value::Number(number.to_bits())),
        Data::Int(number) => Incoming::Other(Value::Number((*number as f64).to_bits())),
        Data::Bool(value) => Incoming::Other(Value::Bool(*value)),
        Data::DateTime(date) => {
            let (year, month, day, ..) = date.to_ymd_hms_milli();
            Incoming::Other(Value::Date(format!("{year:04}-{month:02}-{day:02}").into()))
        }
        Data::DateTimeIso(text) => Incoming::Other(Value::Date(text.as_str().into())),
        Data::DurationIso(_) => Incoming::Other(Value::Duration),
        Data::Error(error) => Incoming::Other(Value::Error(error.to_string().into())),
    })
}

/// A cell's content, reduced to what ingest distinguishes.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Cell<'a> {
    /// Empty, or only white space and invisible characters.
    Blank,
    /// Text (not trimmed).
    Text(&'a str),
    /// A number.
    Number(f64),
    /// A date, as `YYYY-MM-DD`.
    Date(&'a str),
    /// A formula, whatever its cached result: that result may be out of date.
    Formula {
        /// The formula as written, without the leading `=`.
        formula: &'a str,
        /// The cached result, described for messages.
        result: String,
    },
    /// Anything else (a boolean, a duration, an error value), described for messages.
    Other(String),
}

impl Cell<'_> {
    /// The cell as shown in a message.
    pub(crate) fn describe(&self) -> String {
        match self {
            Cell::Blank => "an empty cell".to_owned(),
            Cell::Text(text) => quote(text),
            Cell::Number(number) => format!("the number {number}"),
            Cell::Date(date) => format!("the date {date}"),
            Cell::Formula { formula, result } => {
                format!(
                    "the formula {} (showing {result})",
                    quote(&format!("={formula}"))
                )
            }
            Cell::Other(description) => description.clone(),
        }
    }

    /// A whole number, if the cell holds one.
    pub(crate) fn integer(&self) -> Option<i64> {
        match self {
            Cell::Number(number) if number.fract() == 0.0 && number.abs() < 1e15 => {
                Some(*number as i64)
            }
            Cell::Text(text) => clean(text).parse().ok(),
            _ => None,
        }
    }
}

/// What a message says a formula cell should hold instead.
pub(crate) const NOT_A_FORMULA: &str = "a value typed in, not a formula (a formula's result is \
                                        not read: it may be out of date or differ between programs)";

/// A sheet being read: its cells as they come, counted against [`limits::MAX_CELLS`].
struct SheetBuilder {
    file: PathBuf,
    name: String,
    cells: CellsBuilder,
    /// Formulas by cell (without the leading `=`); most sheets have none.
    formulas: BTreeMap<(u32, u32), Box<str>>,
    /// Filled cells stored (a cell stored twice counts twice).
    stored: usize,
    /// Whether the sheet has more filled cells than [`limits::MAX_CELLS`] (reading stopped).
    over_limit: bool,
    end_column: u32,
    /// The last row holding a filled cell, whether stored or past the cell limit (or the last
    /// row of the used range the sheet declares, when that reaches Excel's last row).
    last_filled_row: Option<u32>,
}

impl SheetBuilder {
    fn new(file: &Path, name: &str) -> SheetBuilder {
        SheetBuilder {
            file: file.to_path_buf(),
            name: name.to_owned(),
            cells: CellsBuilder::new(),
            formulas: BTreeMap::new(),
            stored: 0,
            over_limit: false,
            end_column: 0,
            last_filled_row: None,
        }
    }

    /// Keeps a cell; `false` once the sheet holds more filled cells than the limit (reading
    /// stops there).
    fn store(
        &mut self,
        row: u32,
        column: u32,
        value: Option<Incoming<'_>>,
        formula: Option<String>,
    ) -> bool {
        let value = value
            .map(|value| self.cells.intern(value))
            .filter(|value| *value != EMPTY);
        let formula = formula.filter(|formula| !formula.trim().is_empty());
        if value.is_none() && formula.is_none() {
            return true;
        }
        self.last_filled_row = Some(self.last_filled_row.map_or(row, |last| last.max(row)));
        if self.stored >= limits::MAX_CELLS {
            self.over_limit = true;
            return false;
        }
        self.stored += 1;
        self.end_column = self.end_column.max(column + 1);
        if let Some(formula) = formula {
            self.formulas.insert((row, column), formula.into());
        }
        self.cells.push(row, column, value.unwrap_or(EMPTY));
        true
    }

    /// The sheet as read.
    fn finish(self) -> Sheet {
        Sheet {
            file: self.file,
            name: self.name,
            cells: self.cells.finish(),
            formulas: self.formulas,
            over_limit: self.over_limit,
            end_column: self.end_column,
            last_filled_row: self.last_filled_row,
        }
    }
}

/// One sheet's cells, addressed absolutely (row 0 is the sheet's first row), stored sparsely.
pub(crate) struct Sheet {
    /// The workbook's path.
    pub(crate) file: PathBuf,
    /// The sheet's name.
    pub(crate) name: String,
    /// Filled cells in row, then column order.
    cells: Cells,
    /// Formulas by cell (without the leading `=`).
    formulas: BTreeMap<(u32, u32), Box<str>>,
    /// Whether the sheet has more filled cells than [`limits::MAX_CELLS`] (reading stopped).
    over_limit: bool,
    end_column: u32,
    /// The last row holding a filled cell, whether stored or past the cell limit (or the last
    /// row of the used range the sheet declares, when that reaches Excel's last row).
    last_filled_row: Option<u32>,
}

/// The header row: where it is and which column each header is in.
pub(crate) struct Header {
    /// Zero-based row of the header.
    pub(crate) row: u32,
    columns: BTreeMap<String, u32>,
}

impl Header {
    /// The column of a header, matched after [`normalize`].
    pub(crate) fn column(&self, name: &str) -> Option<u32> {
        self.columns.get(&normalize(name)).copied()
    }
}

/// One row of a sheet, for reading several of its cells.
#[derive(Clone, Copy)]
pub(crate) struct SheetRow<'s> {
    sheet: &'s Sheet,
    /// Zero-based row.
    pub(crate) row: u32,
    records: &'s [Record],
}

impl<'s> SheetRow<'s> {
    /// The cell in a column.
    pub(crate) fn cell(&self, column: u32) -> Cell<'s> {
        let value = self
            .records
            .binary_search_by_key(&column, |record| record.column)
            .ok()
            .map(|at| self.sheet.cells.value(self.records[at].value));
        let cell = match value {
            None => Cell::Blank,
            Some(Value::Text(text)) if text.is_empty() => Cell::Blank,
            Some(Value::Text(text)) => Cell::Text(text),
            Some(Value::Number(bits)) => Cell::Number(f64::from_bits(*bits)),
            Some(Value::Date(date)) => Cell::Date(date),
            Some(Value::Bool(value)) => Cell::Other(format!("the logical value {value}")),
            Some(Value::Duration) => Cell::Other("a duration".to_owned()),
            Some(Value::Error(error)) => Cell::Other(format!("the error value {error}")),
        };
        if self.sheet.formulas.is_empty() {
            return cell;
        }
        match self.sheet.formulas.get(&(self.row, column)) {
            Some(formula) => Cell::Formula {
                formula,
                result: match cell {
                    Cell::Blank => "no result".to_owned(),
                    other => other.describe(),
                },
            },
            None => cell,
        }
    }

    /// The columns of the row's filled cells, in order.
    fn columns(&self) -> impl Iterator<Item = u32> + 's {
        self.records.iter().map(|record| record.column)
    }
}

impl Sheet {
    /// Problems with the sheet as a whole that make reading its rows pointless: a filled cell in
    /// Excel's last row (the sheet was probably cut off) or more filled cells than the limit.
    pub(crate) fn bounds_problem(&self) -> Option<Problem> {
        use limits::{EXCEL_LAST_ROW, MAX_CELLS};
        if self
            .last_filled_row
            .is_some_and(|row| row + 1 >= EXCEL_LAST_ROW)
        {
            return Some(Problem::found(
                &self.file,
                Location::Sheet(self.name.clone()),
                format!(
                    "cells down to row {EXCEL_LAST_ROW}, Excel's last row: the sheet was probably \
                     cut off when it was saved (or cells were filled down or formatted to the end \
                     by mistake)"
                ),
                "a sheet whose rows end before Excel's row limit; export the survey in parts or \
                 as .ods if it has more rows, or clear the filled-down cells",
            ));
        }
        if self.over_limit {
            return Some(Problem::found(
                &self.file,
                Location::Sheet(self.name.clone()),
                format!("more than {MAX_CELLS} filled cells"),
                format!("a sheet of at most {MAX_CELLS} filled cells (docs/inputs.md, \"Limits\")"),
            ));
        }
        None
    }

    /// A row (empty when no cell of it is filled).
    pub(crate) fn row(&self, row: u32) -> SheetRow<'_> {
        SheetRow {
            sheet: self,
            row,
            records: self.cells.row(row),
        }
    }

    /// The cell at an absolute address.
    pub(crate) fn cell(&self, row: u32, column: u32) -> Cell<'_> {
        self.row(row).cell(column)
    }

    /// The rows at or below `first` that hold at least one filled cell, in order.
    pub(crate) fn filled_rows(&self, first: u32) -> impl Iterator<Item = SheetRow<'_>> {
        self.cells.rows_from(first).map(|(row, records)| SheetRow {
            sheet: self,
            row,
            records,
        })
    }

    /// One past the last used row.
    pub(crate) fn end_row(&self) -> u32 {
        self.cells.last_row().map_or(0, |row| row + 1)
    }

    /// One past the last used column.
    pub(crate) fn end_column(&self) -> u32 {
        self.end_column
    }

    /// The location of a cell, for problems.
    pub(crate) fn at(&self, row: u32, column: u32) -> Location {
        Location::Cell {
            sheet: self.name.clone(),
            cell: CellRef { row, column },
        }
    }

    /// Finds the header row: the first row among the top rows that holds every required header.
    /// Duplicate headers in that row are problems.
    pub(crate) fn header(&self, required: &[&str]) -> Result<Header, Vec<Problem>> {
        let wanted: Vec<String> = required.iter().map(|name| normalize(name)).collect();
        let first = self.cells.first_row().unwrap_or(0);
        let last = self.end_row().min(first + HEADER_SEARCH_ROWS);
        for row in first..last {
            let mut columns = BTreeMap::new();
            let mut duplicates = Vec::new();
            let cells = self.row(row);
            for column in cells.columns() {
                if let Cell::Text(text) = cells.cell(column)
                    && let Some(earlier) = columns.insert(normalize(text), column)
                {
                    duplicates.push((text.to_owned(), earlier, column));
                }
            }
            if !wanted.iter().all(|name| columns.contains_key(name)) {
                continue;
            }
            if duplicates.is_empty() {
                return Ok(Header { row, columns });
            }
            return Err(duplicates
                .into_iter()
                .map(|(text, earlier, column)| {
                    Problem::found(
                        &self.file,
                        self.at(row, column),
                        format!(
                            "the header {} again (first in column {})",
                            quote(&text),
                            CellRef::column_letters(earlier)
                        ),
                        "each column header once",
                    )
                })
                .collect());
        }
        Err(vec![Problem::new(
            &self.file,
            Location::Sheet(self.name.clone()),
            format!(
                "a header row with the columns {} within the first {HEADER_SEARCH_ROWS} rows",
                required
                    .iter()
                    .map(|name| quote(name))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        )])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn builder() -> SheetBuilder {
        SheetBuilder::new(Path::new("eksport.xlsx"), "Besvarelser")
    }

    fn number(value: f64) -> Option<Incoming<'static>> {
        Some(Incoming::Other(Value::Number(value.to_bits())))
    }

    #[test]
    fn reading_stops_at_the_cell_limit_with_one_problem() {
        let mut sheet = builder();
        let columns = 1_000;
        let mut stored = 0;
        'rows: for row in 0.. {
            for column in 0..columns {
                if !sheet.store(row, column, number(1.0), None) {
                    break 'rows;
                }
                stored += 1;
            }
        }
        assert_eq!(stored, limits::MAX_CELLS);
        let sheet = sheet.finish();
        let problem = sheet.bounds_problem().expect("over the limit").to_string();
        assert!(
            problem.contains(&format!(
                "found more than {} filled cells; expected a sheet of at most",
                limits::MAX_CELLS
            )),
            "{problem}"
        );
    }

    #[test]
    fn blank_text_is_not_stored_and_a_formula_shows_with_its_result() {
        let mut sheet = builder();
        sheet.store(0, 0, Some(Incoming::Text("\u{feff} \u{a0}")), None);
        sheet.store(
            1,
            2,
            Some(Incoming::Text("Ja")),
            Some("IF(A1,\"Ja\")".into()),
        );
        sheet.store(1, 3, None, Some("A1".into()));
        let sheet = sheet.finish();
        assert_eq!(sheet.cell(0, 0), Cell::Blank);
        assert_eq!(
            sheet.filled_rows(0).map(|row| row.row).collect::<Vec<_>>(),
            [1]
        );
        assert_eq!((sheet.end_row(), sheet.end_column()), (2, 4));
        assert_eq!(
            sheet.cell(1, 2).describe(),
            "the formula \"=IF(A1,\\\"Ja\\\")\" (showing \"Ja\")"
        );
        assert_eq!(
            sheet.cell(1, 3).describe(),
            "the formula \"=A1\" (showing no result)"
        );
        assert!(sheet.bounds_problem().is_none());

        let mut cut_off = builder();
        cut_off.store(limits::EXCEL_LAST_ROW - 1, 0, number(1.0), None);
        assert!(
            cut_off
                .finish()
                .bounds_problem()
                .unwrap()
                .to_string()
                .contains("cells down to row 1048576, Excel's last row")
        );
    }

    #[test]
    fn a_cell_stored_again_shows_its_last_value_and_keeps_its_formula() {
        let mut sheet = builder();
        sheet.store(4, 1, Some(Incoming::Text("Nej")), Some("B1".into()));
        sheet.store(2, 0, Some(Incoming::Text("Ja")), None);
        sheet.store(4, 1, number(2.0), None);
        sheet.store(4, 0, Some(Incoming::Text("  ")), None);
        let sheet = sheet.finish();
        assert_eq!(
            sheet.cell(4, 1).describe(),
            "the formula \"=B1\" (showing the number 2)"
        );
        assert_eq!(sheet.cell(2, 0), Cell::Text("Ja"));
        assert_eq!(sheet.cell(4, 0), Cell::Blank);
        assert_eq!(
            sheet.filled_rows(3).map(|row| row.row).collect::<Vec<_>>(),
            [4]
        );
    }

    #[test]
    fn sizes_read_in_binary_units() {
        assert_eq!(size(512), "512 bytes");
        assert_eq!(size(64 * 1024 * 1024), "64.0 MiB");
        assert_eq!(size(1536), "1.5 KiB");
    }
}
