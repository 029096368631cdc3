//! `data/figures.csv`: tidy long data, one row per unit × variable × answer.
//!
//! Semicolon-separated, UTF-8 with a byte-order mark and CRLF line ends: what Danish Excel opens
//! directly. A row holds what identifies it and what was counted and published: the question
//! texts are not repeated on every row (figures.json and figures.xlsx hold them; a row names its
//! variable by key), the exact share is not spelled out beside its count and base, and a
//! suppressed cluster, which has nothing to count, is one row saying so.

use std::borrow::Cow;

use aggregate::{ClusterResults, Figures, Percent, VariableFigures};

/// Column headers.
const HEADER: [&str; 9] = [
    "niveau",
    "speciale",
    "klynge",
    "variabel",
    "svar",
    "antal",
    "basis",
    "procent",
    "bemaerkning",
];

/// Where a row belongs: its level and its names, neutralised once for all its rows.
struct Place<'a> {
    level: &'static str,
    specialty: Cow<'a, str>,
    cluster: Cow<'a, str>,
}

impl<'a> Place<'a> {
    fn new(level: &'static str, specialty: &'a str, cluster: &'a str) -> Place<'a> {
        Place {
            level,
            specialty: neutral(specialty),
            cluster: neutral(cluster),
        }
    }
}

/// Writes figures.csv to `out`, row by row.
pub fn write_figures_csv(figures: &Figures, out: &mut dyn std::io::Write) -> csv::Result<()> {
    out.write_all("\u{feff}".as_bytes())?;
    let mut writer = csv::WriterBuilder::new()
        .delimiter(b';')
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    writer.write_record(HEADER)?;
    let national = Place::new("national", "", "");
    unit_rows(&mut writer, figures, &national, &figures.national.variables)?;
    let suppressed = format!("undertrykt: færre end {} svar", figures.min_respondents);
    for specialty in &figures.specialties {
        let place = Place::new("speciale", &specialty.name, "");
        unit_rows(&mut writer, figures, &place, &specialty.totals.variables)?;
        for cluster in &specialty.clusters {
            let place = Place::new("klynge", &specialty.name, &cluster.name);
            match &cluster.results {
                ClusterResults::Shown { variables } => {
                    unit_rows(&mut writer, figures, &place, variables)?;
                }
                ClusterResults::Suppressed => writer.write_record([
                    place.level,
                    &place.specialty,
                    &place.cluster,
                    "",
                    "",
                    "",
                    "",
                    "",
                    &suppressed,
                ])?,
            }
        }
    }
    writer.flush()?;
    Ok(())
}

/// A unit's rows: per variable, per answer of its scale.
fn unit_rows<W: std::io::Write>(
    writer: &mut csv::Writer<W>,
    figures: &Figures,
    place: &Place,
    variables: &[VariableFigures],
) -> csv::Result<()> {
    for (info, variable) in figures.variables.iter().zip(variables) {
        let base = variable.base.to_string();
        for (answer, counted) in info.answers.iter().zip(&variable.answers) {
            writer.write_record([
                place.level,
                &place.specialty,
                &place.cluster,
                &info.key,
                &neutral(&answer.label),
                &counted.count.to_string(),
                if answer.outside_base { "" } else { &base },
                &counted.share.map(Percent::number).unwrap_or_default(),
                if answer.outside_base {
                    "uden for basis"
                } else {
                    ""
                },
            ])?;
        }
    }
    Ok(())
}

/// A cell that a spreadsheet would read as a formula gets a leading apostrophe (names and labels
/// are the only cells that could begin so).
fn neutral(value: &str) -> Cow<'_, str> {
    if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{value}"))
    } else {
        Cow::Borrowed(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(value: &str) -> String {
        let mut writer = csv::WriterBuilder::new()
            .delimiter(b';')
            .terminator(csv::Terminator::CRLF)
            .from_writer(Vec::new());
        writer.write_record([neutral(value).as_ref()]).unwrap();
        let bytes = writer.into_inner().unwrap();
        String::from_utf8(bytes)
            .unwrap()
            .trim_end_matches("\r\n")
            .to_owned()
    }

    #[test]
    fn cells_that_look_like_formulas_are_neutralised() {
        let cases = [
            ("Derma – Nord", "Derma – Nord"),
            ("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\""),
            ("+45 1234", "'+45 1234"),
            ("-1", "'-1"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("a;b", "\"a;b\""),
            ("to\nlinjer", "\"to\nlinjer\""),
        ];
        for (value, expected) in cases {
            assert_eq!(cell(value), expected);
        }
    }
}
