//! Problems with the inputs, each naming the file, the place in it, what was found and what was
//! expected.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;

/// A cell address, printed in A1 notation (`F17`). Rows and columns count from zero.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct CellRef {
    /// Zero-based row.
    pub row: u32,
    /// Zero-based column.
    pub column: u32,
}

impl CellRef {
    /// The column's letters: 0 → `A`, 25 → `Z`, 26 → `AA`.
    pub fn column_letters(column: u32) -> String {
        let mut letters = Vec::new();
        let mut rest = u64::from(column) + 1;
        while rest > 0 {
            let remainder = ((rest - 1) % 26) as u8;
            letters.push(char::from(b'A' + remainder));
            rest = (rest - 1) / 26;
        }
        letters.iter().rev().collect()
    }
}

impl fmt::Display for CellRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}{}",
            CellRef::column_letters(self.column),
            u64::from(self.row) + 1
        )
    }
}

/// Where in a file a problem is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// The file as a whole.
    File,
    /// A sheet of a workbook.
    Sheet(String),
    /// A row of a sheet (such as its header row).
    Row {
        /// Sheet name.
        sheet: String,
        /// Zero-based row.
        row: u32,
    },
    /// A cell of a sheet.
    Cell {
        /// Sheet name.
        sheet: String,
        /// The cell.
        cell: CellRef,
    },
    /// A line and column of a text file (one-based).
    Line {
        /// Line, from 1.
        line: usize,
        /// Column, from 1.
        column: usize,
    },
}

/// One thing wrong with the inputs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The file.
    pub file: PathBuf,
    /// Where in the file.
    pub location: Location,
    /// The value found, described for a reader (text quoted), if there was one.
    pub found: Option<String>,
    /// What was expected, as a sentence fragment.
    pub expected: String,
}

impl Problem {
    /// A problem with no particular value found.
    pub fn new(file: &Path, location: Location, expected: impl Into<String>) -> Problem {
        Problem {
            file: file.to_path_buf(),
            location,
            found: None,
            expected: expected.into(),
        }
    }

    /// A problem with the value that was found.
    pub fn found(
        file: &Path,
        location: Location,
        found: impl Into<String>,
        expected: impl Into<String>,
    ) -> Problem {
        Problem {
            file: file.to_path_buf(),
            location,
            found: Some(found.into()),
            expected: expected.into(),
        }
    }

    /// The sheet and cell, for sorting and tests: `Besvarelser!F17`.
    pub fn cell_address(&self) -> Option<String> {
        match &self.location {
            Location::Cell { sheet, cell } => Some(format!("{sheet}!{cell}")),
            _ => None,
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        match &self.location {
            Location::File => {}
            Location::Sheet(sheet) => write!(f, ", sheet \"{sheet}\"")?,
            Location::Row { sheet, row } => write!(f, ", sheet \"{sheet}\", row {}", row + 1)?,
            Location::Cell { sheet, cell } => write!(f, ", sheet \"{sheet}\", cell {cell}")?,
            Location::Line { line, column } => write!(f, ", line {line}, column {column}")?,
        }
        f.write_str(": ")?;
        if let Some(found) = &self.found {
            write!(f, "found {found}; ")?;
        }
        write!(f, "expected {}", self.expected)
    }
}

/// A value as shown in a message: quoted, with control characters made visible and long values cut.
pub fn quote(value: &str) -> String {
    let mut shown: String = value
        .chars()
        .take(60)
        .flat_map(char::escape_debug)
        .collect();
    if value.chars().count() > 60 {
        shown.push('…');
    }
    format!("\"{shown}\"")
}

/// Every problem of a run, in the order found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Problems(pub Vec<Problem>);

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for problem in &self.0 {
            writeln!(f, "error: {problem}")?;
        }
        let count = self.0.len();
        write!(
            f,
            "{count} problem{} found in the inputs",
            if count == 1 { "" } else { "s" }
        )
    }
}

impl std::error::Error for Problems {}

impl From<Problem> for Problems {
    fn from(problem: Problem) -> Problems {
        Problems(vec![problem])
    }
}

/// Reads a UTF-8 text file, or a problem naming it.
pub fn read_text(path: &Path) -> Result<String, Problem> {
    std::fs::read_to_string(path).map_err(|error| {
        Problem::found(
            path,
            Location::File,
            error.to_string(),
            "a readable UTF-8 text file",
        )
    })
}

/// Reads a TOML file into `T`, or a problem with the line and column of the first error.
pub fn read_toml<T: DeserializeOwned>(path: &Path) -> Result<T, Problem> {
    let text = read_text(path)?;
    toml::from_str(&text).map_err(|error| {
        let location = match error.span() {
            Some(span) => {
                let before = &text[..span.start.min(text.len())];
                let line = before.matches('\n').count() + 1;
                let column = before
                    .rsplit('\n')
                    .next()
                    .map_or(0, |line| line.chars().count())
                    + 1;
                Location::Line { line, column }
            }
            None => Location::File,
        };
        Problem::new(
            path,
            location,
            format!("valid TOML for this file ({})", error.message().trim()),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_print_in_a1_notation() {
        let cases = [
            (0, 0, "A1"),
            (16, 5, "F17"),
            (0, 25, "Z1"),
            (9, 26, "AA10"),
            (0, 701, "ZZ1"),
            (0, 702, "AAA1"),
        ];
        for (row, column, expected) in cases {
            assert_eq!(CellRef { row, column }.to_string(), expected);
        }
    }

    #[test]
    fn a_problem_reads_as_one_sentence() {
        let problem = Problem::found(
            Path::new("eksport.xlsx"),
            Location::Cell {
                sheet: "Besvarelser".into(),
                cell: CellRef { row: 16, column: 5 },
            },
            quote("Måske\n"),
            "one of: Ja, Nej, Ved ikke",
        );
        assert_eq!(
            problem.to_string(),
            "eksport.xlsx, sheet \"Besvarelser\", cell F17: found \"Måske\\n\"; expected one of: Ja, Nej, Ved ikke"
        );
    }
}
