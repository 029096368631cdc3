//! Reading workbooks (.xlsx, .xls, .ods) through calamine, with cell addresses kept absolute.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::BufReader;
use std::path::{Path, PathBuf};

use calamine::{Data, Range, Reader, Sheets, open_workbook_auto};

use model::problem::{CellRef, Location, Problem, quote};

/// How many rows from the top are searched for the header row (a title may stand above it).
const HEADER_SEARCH_ROWS: u32 = 20;

/// An open workbook.
pub(crate) struct Workbook {
    file: PathBuf,
    sheets: Sheets<BufReader<File>>,
}

impl Workbook {
    /// Opens a workbook, or says that the file is not one.
    pub(crate) fn open(file: &Path) -> Result<Workbook, Problem> {
        if !file.is_file() {
            return Err(Problem::new(file, Location::File, "an existing file"));
        }
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

    /// Whether the workbook has a sheet with this name.
    pub(crate) fn has_sheet(&self, name: &str) -> bool {
        self.sheets.sheet_names().iter().any(|sheet| sheet == name)
    }

    /// A sheet by name, or the first sheet.
    pub(crate) fn sheet(&mut self, name: Option<&str>) -> Result<Sheet, Problem> {
        let names = self.sheets.sheet_names();
        let name = match name {
            Some(name) if names.iter().any(|sheet| sheet == name) => name.to_owned(),
            Some(name) => {
                return Err(Problem::found(
                    &self.file,
                    Location::File,
                    format!("no sheet named \"{name}\""),
                    format!("one of the sheets: {}", names.join(", ")),
                ));
            }
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
        match self.sheets.worksheet_range(&name) {
            Ok(range) => Ok(Sheet {
                file: self.file.clone(),
                name,
                range,
            }),
            Err(error) => Err(Problem::found(
                &self.file,
                Location::Sheet(name),
                format!("a sheet that cannot be read ({error})"),
                "a readable worksheet",
            )),
        }
    }
}

/// A cell's content, reduced to what ingest distinguishes.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Cell<'a> {
    /// Empty, or only white space.
    Blank,
    /// Text (not trimmed).
    Text(&'a str),
    /// A number.
    Number(f64),
    /// Anything else (a date, a boolean, an error value), described for messages.
    Other(String),
}

impl Cell<'_> {
    /// The cell as shown in a message.
    pub(crate) fn describe(&self) -> String {
        match self {
            Cell::Blank => "an empty cell".to_owned(),
            Cell::Text(text) => quote(text),
            Cell::Number(number) => format!("the number {number}"),
            Cell::Other(description) => description.clone(),
        }
    }

    /// A whole number, if the cell holds one.
    pub(crate) fn integer(&self) -> Option<i64> {
        match self {
            Cell::Number(number) if number.fract() == 0.0 && number.abs() < 1e15 => {
                Some(*number as i64)
            }
            Cell::Text(text) => text.trim().parse().ok(),
            _ => None,
        }
    }
}

/// One sheet's cells, addressed absolutely (row 0 is the sheet's first row, whatever is used).
pub(crate) struct Sheet {
    /// The workbook's path.
    pub(crate) file: PathBuf,
    /// The sheet's name.
    pub(crate) name: String,
    range: Range<Data>,
}

/// The header row: where it is and which column each header is in.
pub(crate) struct Header {
    /// Zero-based row of the header.
    pub(crate) row: u32,
    columns: BTreeMap<String, u32>,
}

impl Header {
    /// The column of a header, matched ignoring case and surrounding white space.
    pub(crate) fn column(&self, name: &str) -> Option<u32> {
        self.columns.get(&normalize(name)).copied()
    }
}

/// Header and label matching ignores case and surrounding white space.
pub(crate) fn normalize(text: &str) -> String {
    text.trim().to_lowercase()
}

impl Sheet {
    /// The cell at an absolute address.
    pub(crate) fn cell(&self, row: u32, column: u32) -> Cell<'_> {
        match self.range.get_value((row, column)) {
            None | Some(Data::Empty) => Cell::Blank,
            Some(Data::String(text)) if text.trim().is_empty() => Cell::Blank,
            Some(Data::String(text)) => Cell::Text(text),
            Some(Data::Float(number)) => Cell::Number(*number),
            Some(Data::Int(number)) => Cell::Number(*number as f64),
            Some(Data::Bool(value)) => Cell::Other(format!("the logical value {value}")),
            Some(Data::DateTime(_) | Data::DateTimeIso(_)) => Cell::Other("a date".to_owned()),
            Some(Data::DurationIso(_)) => Cell::Other("a duration".to_owned()),
            Some(Data::Error(error)) => Cell::Other(format!("the error value {error}")),
        }
    }

    /// One past the last used row.
    pub(crate) fn end_row(&self) -> u32 {
        self.range.end().map_or(0, |(row, _)| row + 1)
    }

    /// One past the last used column.
    fn end_column(&self) -> u32 {
        self.range.end().map_or(0, |(_, column)| column + 1)
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
        let first = self.range.start().map_or(0, |(row, _)| row);
        let last = self.end_row().min(first + HEADER_SEARCH_ROWS);
        for row in first..last {
            let mut columns = BTreeMap::new();
            let mut duplicates = Vec::new();
            for column in 0..self.end_column() {
                if let Cell::Text(text) = self.cell(row, column)
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
