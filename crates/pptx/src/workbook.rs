//! The workbook embedded in a chart: what PowerPoint's "Edit Data" opens. One sheet: series
//! names across row 1 from column B, category labels down column A from row 2, the published
//! values in between. The chart's formulas point at these cells.

use document::{Chart, Meta, Rounded};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Workbook, XlsxError};

/// The sheet's name (Danish Excel's first sheet).
pub(crate) const SHEET: &str = "Ark1";

/// Column letters of a zero-based column index: 0 → A, 25 → Z, 26 → AA.
pub(crate) fn column_letters(mut index: usize) -> String {
    let mut letters = Vec::new();
    loop {
        letters.push(b'A' + (index % 26) as u8);
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    letters.reverse();
    String::from_utf8(letters).expect("ASCII letters")
}

/// The sheet name as a formula spells it: quoted when it holds anything but letters and digits.
fn sheet_in_formula(sheet: &str) -> String {
    if sheet.chars().all(|c| c.is_ascii_alphanumeric()) {
        sheet.to_owned()
    } else {
        format!("'{}'", sheet.replace('\'', "''"))
    }
}

/// The cell holding series `series`'s name: `Ark1!$B$1`.
pub(crate) fn series_name_cell(series: usize) -> String {
    format!(
        "{}!${}$1",
        sheet_in_formula(SHEET),
        column_letters(series + 1)
    )
}

/// The category labels of `rows` rows: `Ark1!$A$2:$A$4`.
pub(crate) fn categories_range(rows: usize) -> String {
    format!("{}!$A$2:$A${}", sheet_in_formula(SHEET), rows + 1)
}

/// The values of series `series` over `rows` rows: `Ark1!$B$2:$B$4`.
pub(crate) fn values_range(series: usize, rows: usize) -> String {
    let column = column_letters(series + 1);
    format!(
        "{}!${column}$2:${column}${}",
        sheet_in_formula(SHEET),
        rows + 1
    )
}

/// A published value as a number in XML: `71`, `65.7`, exact from the rounded integer (never
/// through a float), equal to what the float prints.
pub(crate) fn number_text(value: Rounded) -> String {
    let scale = 10u64.pow(u32::from(value.decimals));
    let whole = value.scaled / scale;
    let fraction = value.scaled % scale;
    if fraction == 0 {
        return whole.to_string();
    }
    let digits = format!("{fraction:0width$}", width = usize::from(value.decimals));
    format!("{whole}.{}", digits.trim_end_matches('0'))
}

/// The chart's data as an .xlsx file, dated with the document's date so that the bytes never
/// change.
pub(crate) fn workbook_xlsx(chart: &Chart, meta: &Meta) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    // The fastest deflate: compressing its parts is most of a workbook's cost (level 1 measured
    // about 30 % faster than the default 6, for a kilobyte more), and the deck's zip deflates it
    // again anyway.
    workbook.set_zip_compression_level(1);
    let date = ExcelDateTime::from_ymd(meta.date.year, meta.date.month, meta.date.day)?;
    workbook.set_properties(
        &DocProperties::new()
            .set_title(&chart.caption)
            .set_author(&meta.author)
            .set_creation_datetime(&date),
    );
    let sheet = workbook.add_worksheet();
    sheet.set_name(SHEET)?;
    sheet.set_column_width(0, 45)?;
    for (index, name) in chart.series.iter().enumerate() {
        let column = u16::try_from(index + 1).map_err(|_| XlsxError::RowColumnLimitError)?;
        sheet.write_string(0, column, name)?;
        sheet.set_column_width(column, 14)?;
    }
    for (index, row) in chart.rows.iter().enumerate() {
        let line = u32::try_from(index + 1).map_err(|_| XlsxError::RowColumnLimitError)?;
        sheet.write_string(line, 0, &row.label)?;
        for (series, value) in row.values.iter().enumerate() {
            if let Some(value) = value {
                let column =
                    u16::try_from(series + 1).map_err(|_| XlsxError::RowColumnLimitError)?;
                sheet.write_number(line, column, value.published.value())?;
            }
        }
    }
    workbook.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_and_ranges_are_spelled_as_excel_does() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(27), "AB");
        assert_eq!(column_letters(701), "ZZ");
        assert_eq!(column_letters(702), "AAA");
        assert_eq!(series_name_cell(0), "Ark1!$B$1");
        assert_eq!(categories_range(3), "Ark1!$A$2:$A$4");
        assert_eq!(values_range(2, 7), "Ark1!$D$2:$D$8");
        assert_eq!(sheet_in_formula("Mit ark's"), "'Mit ark''s'");
    }

    #[test]
    fn numbers_are_exact_and_print_as_the_float_does() {
        for (scaled, decimals, expected) in [
            (71, 0, "71"),
            (657, 1, "65.7"),
            (480, 1, "48"),
            (5, 1, "0.5"),
            (1000, 1, "100"),
            (12345, 3, "12.345"),
        ] {
            let value = Rounded { scaled, decimals };
            assert_eq!(number_text(value), expected);
            assert_eq!(value.value().to_string(), expected);
        }
    }
}
