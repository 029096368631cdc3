//! The workbook embedded in a chart: what PowerPoint's "Edit Data" opens. One sheet: series
//! names across row 1 from column B, category labels down column A from row 2, the published
//! values in between. The chart's formulas point at these cells.

use document::{Chart, Meta, Rounded};
use ooxml::vocabulary::{content_type, namespace, relationship_type};
use ooxml::{Package, PackageError, XmlWriter};

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

/// Column widths in characters, as Excel stores them (the width asked for plus the padding Excel
/// adds): the labels' column wide, the values' columns narrow.
const LABEL_WIDTH: &str = "45.7109375";
const VALUE_WIDTH: &str = "14.7109375";

const WORKBOOK: &str = "xl/workbook.xml";
const WORKSHEET: &str = "xl/worksheets/sheet1.xml";
const STYLES: &str = "xl/styles.xml";

/// The chart's data as a workbook to embed in the deck: the workbook part, its one sheet and
/// the default cell style, with the chart's caption as title and the document's date, so that
/// the bytes never change. Strings are inline (no shared-strings part), as Excel's own
/// streaming writers do.
pub(crate) fn workbook(chart: &Chart, meta: &Meta) -> Result<Package, PackageError> {
    let meta = Meta {
        title: chart.caption.clone(),
        ..meta.clone()
    };
    let mut package = Package::new(&meta);
    package.relate_package(relationship_type::OFFICE_DOCUMENT, WORKBOOK);
    let sheet = package.relate(WORKBOOK, relationship_type::WORKSHEET, WORKSHEET);
    package.relate(WORKBOOK, relationship_type::STYLES, STYLES);
    package.add_part(WORKBOOK, content_type::WORKBOOK, workbook_xml(&sheet))?;
    package.add_part(WORKSHEET, content_type::WORKSHEET, worksheet_xml(chart))?;
    package.add_part(STYLES, content_type::WORKBOOK_STYLES, styles_xml())?;
    Ok(package)
}

/// `xl/workbook.xml`: one sheet, [`SHEET`], related as `sheet`.
fn workbook_xml(sheet: &str) -> Vec<u8> {
    let mut xml = XmlWriter::new();
    xml.start(
        "workbook",
        &[
            ("xmlns", namespace::SPREADSHEETML),
            ("xmlns:r", namespace::OFFICE_RELATIONSHIPS),
        ],
    )
    .start("bookViews", &[])
    .empty("workbookView", &[])
    .end()
    .start("sheets", &[])
    .empty(
        "sheet",
        &[("name", SHEET), ("sheetId", "1"), ("r:id", sheet)],
    )
    .end()
    .end();
    xml.finish()
}

/// The sheet: series names across row 1 from column B, category labels down column A, the
/// published values in between (a value without a base is an empty cell).
fn worksheet_xml(chart: &Chart) -> Vec<u8> {
    let last_column = column_letters(chart.series.len());
    let mut xml = XmlWriter::new();
    xml.start("worksheet", &[("xmlns", namespace::SPREADSHEETML)])
        .empty(
            "dimension",
            &[("ref", &format!("A1:{last_column}{}", chart.rows.len() + 1))],
        )
        .start("sheetViews", &[])
        .empty(
            "sheetView",
            &[("tabSelected", "1"), ("workbookViewId", "0")],
        )
        .end()
        .start("cols", &[])
        .empty(
            "col",
            &[
                ("min", "1"),
                ("max", "1"),
                ("width", LABEL_WIDTH),
                ("customWidth", "1"),
            ],
        );
    if !chart.series.is_empty() {
        xml.empty(
            "col",
            &[
                ("min", "2"),
                ("max", &(chart.series.len() + 1).to_string()),
                ("width", VALUE_WIDTH),
                ("customWidth", "1"),
            ],
        );
    }
    xml.end().start("sheetData", &[]);
    xml.start("row", &[("r", "1")]);
    for (index, name) in chart.series.iter().enumerate() {
        text_cell(&mut xml, &format!("{}1", column_letters(index + 1)), name);
    }
    xml.end();
    for (index, row) in chart.rows.iter().enumerate() {
        let line = (index + 2).to_string();
        xml.start("row", &[("r", &line)]);
        text_cell(&mut xml, &format!("A{line}"), &row.label);
        for (series, value) in row.values.iter().enumerate() {
            if let Some(value) = value {
                let reference = format!("{}{line}", column_letters(series + 1));
                xml.start("c", &[("r", &reference)])
                    .text_element("v", &[], &number_text(value.published))
                    .end();
            }
        }
        xml.end();
    }
    xml.end().end();
    xml.finish()
}

/// A cell holding `text` as an inline string; spaces at either end are kept.
fn text_cell(xml: &mut XmlWriter, reference: &str, text: &str) {
    let padded = text.starts_with(char::is_whitespace) || text.ends_with(char::is_whitespace);
    let space: &[(&str, &str)] = if padded {
        &[("xml:space", "preserve")]
    } else {
        &[]
    };
    xml.start("c", &[("r", reference), ("t", "inlineStr")])
        .start("is", &[])
        .text_element("t", space, text)
        .end()
        .end();
}

/// `xl/styles.xml`: the one font, the two fills and the border every workbook has, and the
/// "Normal" cell style every cell uses.
fn styles_xml() -> Vec<u8> {
    let mut xml = XmlWriter::new();
    xml.start("styleSheet", &[("xmlns", namespace::SPREADSHEETML)])
        .start("fonts", &[("count", "1")])
        .start("font", &[])
        .empty("sz", &[("val", "11")])
        .empty("name", &[("val", "Calibri")])
        .empty("family", &[("val", "2")])
        .end()
        .end()
        .start("fills", &[("count", "2")]);
    for pattern in ["none", "gray125"] {
        xml.start("fill", &[])
            .empty("patternFill", &[("patternType", pattern)])
            .end();
    }
    xml.end()
        .start("borders", &[("count", "1")])
        .start("border", &[]);
    for side in ["left", "right", "top", "bottom", "diagonal"] {
        xml.empty(side, &[]);
    }
    let format = [
        ("numFmtId", "0"),
        ("fontId", "0"),
        ("fillId", "0"),
        ("borderId", "0"),
    ];
    xml.end()
        .end()
        .start("cellStyleXfs", &[("count", "1")])
        .empty("xf", &format)
        .end()
        .start("cellXfs", &[("count", "1")])
        .empty("xf", &[format.as_slice(), &[("xfId", "0")]].concat())
        .end()
        .start("cellStyles", &[("count", "1")])
        .empty(
            "cellStyle",
            &[("name", "Normal"), ("xfId", "0"), ("builtinId", "0")],
        )
        .end()
        .end();
    xml.finish()
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
