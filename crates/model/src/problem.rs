//! Problems with the inputs, each naming the file, the place in it, what was found and what was
//! expected.

use std::collections::{BTreeMap, BTreeSet};
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
            Location::Sheet(sheet) => write!(f, ", sheet {}", quote(sheet))?,
            Location::Row { sheet, row } => write!(f, ", sheet {}, row {}", quote(sheet), row + 1)?,
            Location::Cell { sheet, cell } => write!(f, ", sheet {}, cell {cell}", quote(sheet))?,
            Location::Line { line, column } => write!(f, ", line {line}, column {column}")?,
        }
        f.write_str(": ")?;
        if let Some(found) = &self.found {
            write!(f, "found {found}; ")?;
        }
        write!(f, "expected {}", self.expected)
    }
}

/// How many characters of a value [`quote`] shows: the start and the end of a longer value.
const QUOTE_CHARS: usize = 80;

/// A value as shown in a message: quoted, with control and invisible characters made visible
/// (`\u{feff}`, `\u{a0}`) and a long value shortened in the middle, so that two long values that
/// differ only at the end still read differently.
pub fn quote(value: &str) -> String {
    let characters: Vec<char> = value.chars().collect();
    let shown = if characters.len() > QUOTE_CHARS {
        let head = QUOTE_CHARS * 2 / 3;
        let tail = QUOTE_CHARS - head;
        let mut shown = escaped(&characters[..head]);
        shown.push('…');
        shown.push_str(&escaped(&characters[characters.len() - tail..]));
        shown
    } else {
        escaped(&characters)
    };
    format!("\"{shown}\"")
}

fn escaped(characters: &[char]) -> String {
    characters
        .iter()
        .flat_map(|character| {
            let invisible = matches!(
                character,
                '\u{a0}' | '\u{ad}' | '\u{2000}'..='\u{200f}' | '\u{2028}'..='\u{202f}'
                    | '\u{205f}'..='\u{206f}' | '\u{3000}' | '\u{feff}'
            );
            if invisible {
                character.escape_unicode().collect::<Vec<_>>()
            } else {
                character.escape_debug().collect()
            }
        })
        .collect()
}

/// Every problem of a run, in the order found.
///
/// Printed (`Display`) grouped and capped: problems of one kind in one column print as one line
/// ([`ProblemGroup`]), and at most [`MAX_LINES`] lines are shown; [`Problems::every_problem`]
/// lists every problem on its own line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Problems(pub Vec<Problem>);

/// Most lines [`Problems`] prints before a summary line says how many were left out.
pub const MAX_LINES: usize = 100;

/// How many cells a group names before "… and N more".
const CELLS_SHOWN: usize = 3;

/// Problems of one kind in one column: the same file, sheet, column and expectation. A problem
/// that is not in a cell is a group of its own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProblemGroup<'a> {
    /// The problems, in the order found; never empty.
    pub problems: Vec<&'a Problem>,
}

/// What makes two problems one kind: file, sheet, column and expectation.
type GroupKey<'a> = (&'a Path, &'a str, u32, &'a str);

fn group_key(problem: &Problem) -> Option<GroupKey<'_>> {
    match &problem.location {
        Location::Cell { sheet, cell } => Some((
            problem.file.as_path(),
            sheet.as_str(),
            cell.column,
            problem.expected.as_str(),
        )),
        _ => None,
    }
}

impl Problems {
    /// The problems grouped by kind and column, in the order each group's first problem was found.
    pub fn groups(&self) -> Vec<ProblemGroup<'_>> {
        let mut groups: Vec<ProblemGroup<'_>> = Vec::new();
        let mut index_of: BTreeMap<GroupKey<'_>, usize> = BTreeMap::new();
        for problem in &self.0 {
            let existing = group_key(problem).and_then(|key| match index_of.get(&key) {
                Some(index) => Some(*index),
                None => {
                    index_of.insert(key, groups.len());
                    None
                }
            });
            match existing {
                Some(index) => groups[index].problems.push(problem),
                None => groups.push(ProblemGroup {
                    problems: vec![problem],
                }),
            }
        }
        groups
    }

    /// Every problem on its own line, with the count last (for `validate --all`).
    pub fn every_problem(&self) -> String {
        let mut text = String::new();
        for problem in &self.0 {
            text.push_str(&format!("error: {problem}\n"));
        }
        text.push_str(&self.count_line());
        text
    }

    /// One line per group, at most `max_lines` of them, then a line saying how many were left
    /// out, then the count.
    pub fn grouped(&self, max_lines: usize) -> String {
        let groups = self.groups();
        let mut text = String::new();
        for group in groups.iter().take(max_lines) {
            text.push_str(&format!("error: {group}\n"));
        }
        if groups.len() > max_lines {
            let hidden = &groups[max_lines..];
            let problems: usize = hidden.iter().map(|group| group.problems.len()).sum();
            text.push_str(&format!(
                "… {} more line{} not shown ({problems} problem{}); `validate --all` lists every problem\n",
                hidden.len(),
                plural(hidden.len()),
                plural(problems),
            ));
        }
        text.push_str(&self.count_line());
        text
    }

    fn count_line(&self) -> String {
        let count = self.0.len();
        format!("{count} problem{} found in the inputs", plural(count))
    }
}

fn plural(count: usize) -> &'static str {
    if count == 1 { "" } else { "s" }
}

impl fmt::Display for ProblemGroup<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let first = self.problems[0];
        let (Location::Cell { sheet, .. }, true) = (&first.location, self.problems.len() > 1)
        else {
            return write!(f, "{first}");
        };
        write!(
            f,
            "{}, sheet {}, cells ",
            first.file.display(),
            quote(sheet)
        )?;
        let cells: Vec<String> = self
            .problems
            .iter()
            .filter_map(|problem| match &problem.location {
                Location::Cell { cell, .. } => Some(cell.to_string()),
                _ => None,
            })
            .collect();
        if cells.len() <= CELLS_SHOWN + 1 {
            f.write_str(&cells.join(", "))?;
        } else {
            write!(
                f,
                "{} … and {} more",
                cells[..CELLS_SHOWN].join(", "),
                cells.len() - CELLS_SHOWN
            )?;
        }
        f.write_str(": ")?;
        let found: Vec<&str> = self
            .problems
            .iter()
            .filter_map(|problem| problem.found.as_deref())
            .collect();
        if let Some(value) = found.first() {
            write!(f, "found {value}")?;
            match found.iter().collect::<BTreeSet<_>>().len() {
                1 => {}
                2 => f.write_str(" (and 1 other value)")?,
                count => write!(f, " (and {} other values)", count - 1)?,
            }
            f.write_str("; ")?;
        }
        write!(f, "expected {}", first.expected)
    }
}

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.grouped(MAX_LINES))
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

/// The line and column (one-based) of a byte offset into a text.
pub fn line_of(text: &str, offset: usize) -> Location {
    let mut end = offset.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let before = &text[..end];
    let line = before.matches('\n').count() + 1;
    let column = before
        .rsplit('\n')
        .next()
        .map_or(0, |line| line.chars().count())
        + 1;
    Location::Line { line, column }
}

/// Reads a TOML file into `T`, or a problem with the line and column of the first error.
pub fn read_toml<T: DeserializeOwned>(path: &Path) -> Result<T, Problem> {
    let text = read_text(path)?;
    toml::from_str(&text).map_err(|error| {
        let location = match error.span() {
            Some(span) => line_of(&text, span.start),
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
    fn quoted_values_show_invisible_characters_and_both_ends() {
        assert_eq!(
            quote("\u{feff}ID\u{a0}\u{1b}"),
            "\"\\u{feff}ID\\u{a0}\\u{1b}\""
        );
        let long = format!(
            "{} - Faglige drøftelser",
            "Hvor vigtigt er det for dig? ".repeat(4)
        );
        let shown = quote(&long);
        assert!(shown.starts_with("\"Hvor vigtigt"), "{shown}");
        assert!(shown.ends_with("- Faglige drøftelser\""), "{shown}");
        assert!(shown.contains('…'));
        assert_eq!(quote(&"x".repeat(80)).len(), 82);
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

    fn cell_problem(row: u32, column: u32, found: &str, expected: &str) -> Problem {
        Problem::found(
            Path::new("eksport.xlsx"),
            Location::Cell {
                sheet: "Besvarelser".into(),
                cell: CellRef { row, column },
            },
            found,
            expected,
        )
    }

    #[test]
    fn problems_of_one_kind_in_one_column_print_as_one_line() {
        let mut problems: Vec<Problem> = (1..=898)
            .map(|row| {
                cell_problem(
                    row,
                    4,
                    if row < 3 {
                        "the number 57"
                    } else {
                        "the number 12"
                    },
                    "a cluster listed in the roster",
                )
            })
            .collect();
        problems.insert(2, cell_problem(3, 2, "\"Afbrudt\"", "one of the statuses"));
        problems.push(Problem::new(
            Path::new("klynger.xlsx"),
            Location::File,
            "an existing file",
        ));
        let problems = Problems(problems);
        let groups = problems.groups();
        assert_eq!(
            groups
                .iter()
                .map(|group| group.problems.len())
                .collect::<Vec<_>>(),
            [898, 1, 1]
        );
        assert_eq!(
            problems.to_string(),
            "error: eksport.xlsx, sheet \"Besvarelser\", cells E2, E3, E4 … and 895 more: found the number 57 (and 1 other value); expected a cluster listed in the roster\n\
             error: eksport.xlsx, sheet \"Besvarelser\", cell C4: found \"Afbrudt\"; expected one of the statuses\n\
             error: klynger.xlsx: expected an existing file\n\
             900 problems found in the inputs"
        );
        assert_eq!(problems.every_problem().lines().count(), 901);
    }

    #[test]
    fn a_few_cells_are_all_named_and_other_expectations_stay_apart() {
        let problems = Problems(vec![
            cell_problem(1, 3, "\"Nja\"", "one of the answers"),
            cell_problem(2, 3, "\"Nja\"", "one of the answers"),
            cell_problem(3, 3, "the code 7", "a code that the sheet lists"),
            cell_problem(4, 3, "\"Nja\"", "one of the answers"),
        ]);
        let lines: Vec<String> = problems.groups().iter().map(ToString::to_string).collect();
        assert_eq!(
            lines,
            [
                "eksport.xlsx, sheet \"Besvarelser\", cells D2, D3, D5: found \"Nja\"; expected one of the answers",
                "eksport.xlsx, sheet \"Besvarelser\", cell D4: found the code 7; expected a code that the sheet lists",
            ]
        );
    }

    #[test]
    fn output_is_capped_with_a_line_saying_what_was_left_out() {
        let problems = Problems(
            (0..5)
                .map(|column| cell_problem(1, column, "\"x\"", "y"))
                .chain((0..3).map(|row| cell_problem(row + 1, 9, "\"x\"", "y")))
                .collect(),
        );
        let text = problems.grouped(2);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 4);
        assert_eq!(
            lines[2],
            "… 4 more lines not shown (6 problems); `validate --all` lists every problem"
        );
        assert_eq!(lines[3], "8 problems found in the inputs");
    }
}
