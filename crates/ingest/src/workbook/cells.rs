//! The compact store behind a [`Sheet`](super::Sheet): each filled cell is a 12-byte record (row,
//! column, value), and each distinct value is kept once.
//!
//! A labelled export repeats the same few answer labels millions of times and a coded one the
//! same few codes, so at 100 times the national scale (2.5 million filled cells) a sheet costs
//! some 30 MB here instead of a text allocation and a row map per cell (docs/performance.md).

use std::collections::HashMap;

use crate::text::is_blank;

/// A stored cell value. Numbers are kept as their bits, so that equal values are one value.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(super) enum Value {
    Text(Box<str>),
    /// A number, as [`f64::to_bits`].
    Number(u64),
    Bool(bool),
    /// A date, as `YYYY-MM-DD` (or the ISO text a workbook wrote).
    Date(Box<str>),
    Duration,
    Error(Box<str>),
}

/// A cell value as a reader yields it: text borrowed from the workbook, anything else owned.
pub(super) enum Incoming<'a> {
    Text(&'a str),
    Other(Value),
}

/// The value of a cell that holds a formula but no result, and that blank text is read as.
pub(super) const EMPTY: u32 = 0;

/// One filled cell: where it is and which of the sheet's distinct values it holds.
#[derive(Debug, Clone, Copy)]
pub(super) struct Record {
    row: u32,
    /// Zero-based column.
    pub(super) column: u32,
    /// Index into the store's values.
    pub(super) value: u32,
}

/// The cells of a sheet being read, in the order they come.
pub(super) struct CellsBuilder {
    records: Vec<Record>,
    /// Whether every record so far came after the one before it (row, then column).
    in_order: bool,
    /// Texts as written → value; blank text (only white space and invisible characters) →
    /// [`EMPTY`], so that each distinct text is cleaned once.
    texts: HashMap<Box<str>, u32>,
    /// Any other value → value.
    others: HashMap<Value, u32>,
    /// Distinct values so far, [`EMPTY`] included.
    values: u32,
}

impl CellsBuilder {
    pub(super) fn new() -> CellsBuilder {
        CellsBuilder {
            records: Vec::new(),
            in_order: true,
            texts: HashMap::new(),
            others: HashMap::new(),
            values: EMPTY + 1,
        }
    }

    /// The value's index, [`EMPTY`] for blank text.
    pub(super) fn intern(&mut self, value: Incoming<'_>) -> u32 {
        match value {
            Incoming::Text(text) => {
                if let Some(known) = self.texts.get(text) {
                    return *known;
                }
                let index = if is_blank(text) { EMPTY } else { self.next() };
                self.texts.insert(text.into(), index);
                index
            }
            Incoming::Other(value) => {
                if let Some(known) = self.others.get(&value) {
                    return *known;
                }
                let index = self.next();
                self.others.insert(value, index);
                index
            }
        }
    }

    fn next(&mut self) -> u32 {
        let index = self.values;
        self.values += 1;
        index
    }

    /// Keeps a cell. A cell stored again replaces the earlier value.
    pub(super) fn push(&mut self, row: u32, column: u32, value: u32) {
        if let Some(last) = self.records.last() {
            self.in_order &= (last.row, last.column) < (row, column);
        }
        self.records.push(Record { row, column, value });
    }

    /// Sorts the cells (when they came out of order), keeps the last of a cell stored twice, and
    /// indexes the rows.
    pub(super) fn finish(self) -> Cells {
        let CellsBuilder {
            mut records,
            in_order,
            texts,
            others,
            values: count,
        } = self;
        if !in_order {
            records.sort_by_key(|record| (record.row, record.column));
            records.dedup_by(|later, earlier| {
                let same = (later.row, later.column) == (earlier.row, earlier.column);
                if same {
                    earlier.value = later.value;
                }
                same
            });
        }
        records.shrink_to_fit();
        let mut rows: Vec<(u32, u32)> = Vec::new();
        for (index, record) in records.iter().enumerate() {
            if rows.last().is_none_or(|(row, _)| *row != record.row) {
                rows.push((record.row, index as u32));
            }
        }
        let mut values = vec![Value::Duration; count as usize];
        values[EMPTY as usize] = Value::Text("".into());
        for (text, index) in texts {
            if index != EMPTY {
                values[index as usize] = Value::Text(text);
            }
        }
        for (value, index) in others {
            values[index as usize] = value;
        }
        Cells {
            records,
            rows,
            values,
        }
    }
}

/// A sheet's filled cells in row, then column order.
pub(super) struct Cells {
    records: Vec<Record>,
    /// Each filled row and the index of its first record.
    rows: Vec<(u32, u32)>,
    values: Vec<Value>,
}

impl Cells {
    /// The records of a row, in column order (none for an empty row).
    pub(super) fn row(&self, row: u32) -> &[Record] {
        self.rows
            .binary_search_by_key(&row, |(known, _)| *known)
            .map_or(&[], |at| self.records_of(at))
    }

    /// The filled rows at or below `first`, each with its records.
    pub(super) fn rows_from(&self, first: u32) -> impl Iterator<Item = (u32, &[Record])> {
        let start = self.rows.partition_point(|(row, _)| *row < first);
        (start..self.rows.len()).map(|at| (self.rows[at].0, self.records_of(at)))
    }

    fn records_of(&self, at: usize) -> &[Record] {
        let start = self.rows[at].1 as usize;
        let end = self
            .rows
            .get(at + 1)
            .map_or(self.records.len(), |(_, next)| *next as usize);
        &self.records[start..end]
    }

    /// The first filled row.
    pub(super) fn first_row(&self) -> Option<u32> {
        self.rows.first().map(|(row, _)| *row)
    }

    /// The last filled row.
    pub(super) fn last_row(&self) -> Option<u32> {
        self.rows.last().map(|(row, _)| *row)
    }

    /// A value by its index.
    pub(super) fn value(&self, index: u32) -> &Value {
        &self.values[index as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(cells: &Cells, row: u32, column: u32) -> Option<&Value> {
        let records = cells.row(row);
        records
            .binary_search_by_key(&column, |record| record.column)
            .ok()
            .map(|at| cells.value(records[at].value))
    }

    #[test]
    fn each_distinct_value_is_kept_once_and_blank_text_is_empty() {
        let mut builder = CellsBuilder::new();
        let ja = builder.intern(Incoming::Text("Ja"));
        assert_eq!(builder.intern(Incoming::Text("Ja")), ja);
        assert_ne!(builder.intern(Incoming::Text("ja")), ja);
        assert_eq!(builder.intern(Incoming::Text("\u{feff} \u{a0}")), EMPTY);
        let one = builder.intern(Incoming::Other(Value::Number(1.0_f64.to_bits())));
        assert_eq!(
            builder.intern(Incoming::Other(Value::Number(1.0_f64.to_bits()))),
            one
        );
        assert_ne!(
            builder.intern(Incoming::Other(Value::Number((-0.0_f64).to_bits()))),
            builder.intern(Incoming::Other(Value::Number(0.0_f64.to_bits())))
        );
        builder.push(0, 0, ja);
        builder.push(0, 1, one);
        let cells = builder.finish();
        assert_eq!(text(&cells, 0, 0), Some(&Value::Text("Ja".into())));
        assert_eq!(text(&cells, 0, 1), Some(&Value::Number(1.0_f64.to_bits())));
        assert_eq!(cells.value(EMPTY), &Value::Text("".into()));
    }

    #[test]
    fn cells_out_of_order_are_sorted_and_the_last_of_a_cell_stored_twice_is_kept() {
        let mut builder = CellsBuilder::new();
        let [a, b, c] = ["a", "b", "c"].map(|value| builder.intern(Incoming::Text(value)));
        builder.push(5, 2, a);
        builder.push(1, 7, b);
        builder.push(5, 2, c);
        builder.push(5, 0, b);
        let cells = builder.finish();
        assert_eq!(
            cells
                .rows_from(0)
                .map(|(row, records)| (
                    row,
                    records
                        .iter()
                        .map(|record| (record.column, record.value))
                        .collect::<Vec<_>>()
                ))
                .collect::<Vec<_>>(),
            [(1, vec![(7, b)]), (5, vec![(0, b), (2, c)])]
        );
        assert_eq!(cells.rows_from(2).count(), 1);
        assert_eq!((cells.first_row(), cells.last_row()), (Some(1), Some(5)));
        assert!(cells.row(3).is_empty());
    }
}
