//! `data/figures.csv`: tidy long data, one row per unit × variable × answer.
//!
//! Semicolon-separated, UTF-8 with a byte-order mark and CRLF line ends: what Danish Excel opens
//! directly. The question texts are not repeated on every row (figures.json and figures.xlsx
//! hold them); a row names its variable by key.

use std::borrow::Cow;

use aggregate::{ClusterResults, Figures, Percent, UnitFigures};
use danish::Share;

/// Column headers.
const HEADER: [&str; 10] = [
    "niveau",
    "speciale",
    "klynge",
    "variabel",
    "svar",
    "antal",
    "basis",
    "andel",
    "procent",
    "bemaerkning",
];

/// Decimals of the `andel` column: the exact share, as a percentage, to three decimals.
const SHARE_DECIMALS: u8 = 3;

/// Where a row belongs.
struct Place<'a> {
    level: &'static str,
    specialty: &'a str,
    cluster: &'a str,
}

/// figures.csv.
pub fn figures_csv(figures: &Figures) -> Result<Vec<u8>, String> {
    let answers: usize = figures
        .variables
        .iter()
        .map(|variable| variable.answers.len())
        .sum();
    let units = 1 + figures
        .specialties
        .iter()
        .map(|specialty| 1 + specialty.clusters.len())
        .sum::<usize>();
    let mut bytes = Vec::with_capacity(units * answers * 64);
    bytes.extend_from_slice("\u{feff}".as_bytes());
    let mut writer = csv::WriterBuilder::new()
        .delimiter(b';')
        .terminator(csv::Terminator::CRLF)
        .from_writer(bytes);
    let error = |error: csv::Error| error.to_string();
    writer.write_record(HEADER).map_err(error)?;
    let national = Place {
        level: "national",
        specialty: "",
        cluster: "",
    };
    unit_rows(&mut writer, figures, &national, &figures.national).map_err(error)?;
    let suppressed = format!("undertrykt: færre end {} svar", figures.min_respondents);
    for specialty in &figures.specialties {
        let place = Place {
            level: "speciale",
            specialty: &specialty.name,
            cluster: "",
        };
        unit_rows(&mut writer, figures, &place, &specialty.totals).map_err(error)?;
        for cluster in &specialty.clusters {
            let place = Place {
                level: "klynge",
                specialty: &specialty.name,
                cluster: &cluster.name,
            };
            match &cluster.results {
                ClusterResults::Shown { variables } => {
                    for (info, variable) in figures.variables.iter().zip(variables) {
                        for (answer, counted) in info.answers.iter().zip(&variable.answers) {
                            answer_row(
                                &mut writer,
                                &place,
                                (&info.key, &answer.label),
                                counted.count,
                                (!answer.outside_base).then_some(variable.base),
                                counted.share,
                            )
                            .map_err(error)?;
                        }
                    }
                }
                ClusterResults::Suppressed => {
                    for info in &figures.variables {
                        for answer in &info.answers {
                            writer
                                .write_record([
                                    place.level,
                                    &neutral(place.specialty),
                                    &neutral(place.cluster),
                                    &info.key,
                                    &neutral(&answer.label),
                                    "",
                                    "",
                                    "",
                                    "",
                                    &suppressed,
                                ])
                                .map_err(error)?;
                        }
                    }
                }
            }
        }
    }
    writer
        .into_inner()
        .map_err(|error| error.error().to_string())
}

fn unit_rows<W: std::io::Write>(
    writer: &mut csv::Writer<W>,
    figures: &Figures,
    place: &Place,
    unit: &UnitFigures,
) -> csv::Result<()> {
    for (info, variable) in figures.variables.iter().zip(&unit.variables) {
        for (answer, counted) in info.answers.iter().zip(&variable.answers) {
            answer_row(
                writer,
                place,
                (&info.key, &answer.label),
                counted.count,
                (!answer.outside_base).then_some(variable.base),
                counted.share,
            )?;
        }
    }
    Ok(())
}

/// One answer's row; `base` is `None` for an answer outside the base.
fn answer_row<W: std::io::Write>(
    writer: &mut csv::Writer<W>,
    place: &Place,
    (key, label): (&str, &str),
    count: u32,
    base: Option<u32>,
    share: Option<Percent>,
) -> csv::Result<()> {
    let exact = share.map(|share| exact_share(share.share));
    writer.write_record([
        place.level,
        &neutral(place.specialty),
        &neutral(place.cluster),
        key,
        &neutral(label),
        &count.to_string(),
        &base.map(|base| base.to_string()).unwrap_or_default(),
        exact.as_deref().unwrap_or_default(),
        &share.map(Percent::number).unwrap_or_default(),
        if base.is_none() { "uden for basis" } else { "" },
    ])
}

/// The exact share as a percentage to [`SHARE_DECIMALS`] decimals, Danish notation, trailing
/// zeros kept so that the column lines up: "33,333", "50,000".
fn exact_share(share: Share) -> String {
    let rounded = share.percent(SHARE_DECIMALS);
    let scale = 10u64.pow(u32::from(SHARE_DECIMALS));
    format!("{},{:03}", rounded.scaled / scale, rounded.scaled % scale)
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

    #[test]
    fn the_exact_share_has_three_decimals() {
        assert_eq!(exact_share(Share::new(1, 3).unwrap()), "33,333");
        assert_eq!(exact_share(Share::new(2, 3).unwrap()), "66,667");
        assert_eq!(exact_share(Share::new(1, 2).unwrap()), "50,000");
        assert_eq!(exact_share(Share::new(3, 3).unwrap()), "100,000");
    }
}
