//! `udsendelse.csv`: one row per cluster for a mail merge, in the form a Danish Excel opens
//! directly (UTF-8 with a byte-order mark, `;` between cells, CRLF line ends), with every cell that
//! a spreadsheet would take for a formula neutralised.

use std::borrow::Cow;

/// The column headers: coordinator, cluster, specialty, the package's path in the publication.
pub const COLUMNS: [&str; 4] = ["koordinator", "klynge", "speciale", "pakke"];

/// UTF-8's byte-order mark, which tells Excel the file's encoding.
const BYTE_ORDER_MARK: &[u8] = "\u{feff}".as_bytes();

/// One cluster's row.
pub struct Row<'a> {
    /// The coordinator's name.
    pub coordinator: &'a str,
    /// The cluster's name.
    pub cluster: &'a str,
    /// The specialty's name.
    pub specialty: &'a str,
    /// The package's path relative to the publication, e.g. "pakker/derma-nord.zip".
    pub package: &'a str,
}

/// The list's bytes: the header and one line per row, in the order given.
pub fn list(rows: &[Row]) -> Result<Vec<u8>, String> {
    let mut writer = csv::WriterBuilder::new()
        .delimiter(b';')
        .terminator(csv::Terminator::CRLF)
        .quote_style(csv::QuoteStyle::Necessary)
        .from_writer(BYTE_ORDER_MARK.to_vec());
    let error = |error: csv::Error| format!("writing udsendelse.csv failed: {error}");
    writer.write_record(COLUMNS).map_err(error)?;
    for row in rows {
        let cells = [row.coordinator, row.cluster, row.specialty, row.package];
        writer
            .write_record(cells.map(neutralise).iter().map(|cell| cell.as_bytes()))
            .map_err(error)?;
    }
    writer
        .into_inner()
        .map_err(|error| format!("writing udsendelse.csv failed: {}", error.error()))
}

/// A cell a spreadsheet would read as a formula (it starts with `=`, `+`, `-`, `@`, a tab or a
/// carriage return) gets a leading apostrophe, so it is shown as the text it is.
fn neutralise(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_that_look_like_formulas_are_neutralised() {
        let cases = [
            ("Derma – Nord", "Derma – Nord"),
            ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
            ("+45 1234 5678", "'+45 1234 5678"),
            ("-2+3", "'-2+3"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tTab", "'\tTab"),
            ("\rCR", "'\rCR"),
            ("Anne-Marie Ø. Jensen", "Anne-Marie Ø. Jensen"),
            ("", ""),
        ];
        for (cell, expected) in cases {
            assert_eq!(neutralise(cell), expected, "{cell:?}");
        }
    }

    #[test]
    fn the_list_opens_in_a_danish_excel_and_quotes_what_needs_it() {
        let rows = [
            Row {
                coordinator: "=1+1",
                cluster: "Nord; Syd",
                specialty: "Øre-, næse- og halssygdomme",
                package: "pakker/nord-syd.zip",
            },
            Row {
                coordinator: "Hans \"Hansi\" Hansen",
                cluster: "Kbh's Vest",
                specialty: "Dermatologi",
                package: "pakker/kbh-s-vest.zip",
            },
        ];
        let bytes = list(&rows).unwrap();
        let text = String::from_utf8(bytes).unwrap();
        assert_eq!(
            text,
            "\u{feff}koordinator;klynge;speciale;pakke\r\n\
             '=1+1;\"Nord; Syd\";Øre-, næse- og halssygdomme;pakker/nord-syd.zip\r\n\
             \"Hans \"\"Hansi\"\" Hansen\";Kbh's Vest;Dermatologi;pakker/kbh-s-vest.zip\r\n"
        );
    }
}
