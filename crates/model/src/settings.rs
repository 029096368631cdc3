//! One publication's settings, as read from its TOML file.

use std::fmt;
use std::path::PathBuf;

use serde::{Deserialize, Deserializer};

/// Publication settings: what to read, and the fixed facts every document is dated and styled with.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// The survey year, e.g. 2025.
    pub year: u16,
    /// The publisher, e.g. "eKVIS"; written as author and creator.
    pub publisher: String,
    /// The publication date: every date written into a document, so output is reproducible.
    pub publication_date: Date,
    /// A cluster with fewer respondents than this has its own figures suppressed.
    #[serde(default = "default_min_respondents")]
    pub min_respondents: u32,
    /// Colours of the house style.
    #[serde(default)]
    pub theme: Theme,
    /// Input files, relative to the settings file.
    pub inputs: Inputs,
}

fn default_min_respondents() -> u32 {
    5
}

/// Paths of the inputs, relative to the settings file's folder.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Inputs {
    /// The survey definition (TOML).
    pub definition: PathBuf,
    /// The survey export (.xlsx, .xls or .ods).
    pub export: PathBuf,
    /// The export's sheet; the first sheet when absent.
    #[serde(default)]
    pub export_sheet: Option<String>,
    /// The cluster roster workbook (may be the export itself).
    pub roster: PathBuf,
    /// The roster's sheet; the first sheet when absent.
    #[serde(default)]
    pub roster_sheet: Option<String>,
    /// Column headers of the roster.
    #[serde(default)]
    pub roster_columns: RosterColumns,
    /// Sentence templates (TOML).
    pub texts: PathBuf,
    /// Folder of editorial text: `faelles.md` and one Markdown file per specialty.
    pub editorial: PathBuf,
}

/// Column headers of the cluster roster.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RosterColumns {
    /// Cluster name.
    pub cluster: String,
    /// Specialty name.
    pub specialty: String,
    /// Number of members.
    pub members: String,
    /// Coordinator's name.
    pub coordinator: String,
}

impl Default for RosterColumns {
    fn default() -> Self {
        RosterColumns {
            cluster: "Klynge".to_owned(),
            specialty: "Speciale".to_owned(),
            members: "Medlemmer".to_owned(),
            coordinator: "Koordinator".to_owned(),
        }
    }
}

/// The house style's colours.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Theme {
    /// Headings, rules and the specialty's bars.
    pub primary: Colour,
    /// The national comparison.
    pub secondary: Colour,
    /// Body text.
    pub text: Colour,
}

impl Default for Theme {
    fn default() -> Self {
        Theme {
            primary: Colour([0x1B, 0x4F, 0x72]),
            secondary: Colour([0xD9, 0x82, 0x2B]),
            text: Colour([0x22, 0x22, 0x22]),
        }
    }
}

/// An sRGB colour, written `"#1b4f72"` in TOML.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Colour(pub [u8; 3]);

impl<'de> Deserialize<'de> for Colour {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Colour::parse(&text).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "expected a colour like \"#1b4f72\", found \"{text}\""
            ))
        })
    }
}

impl Colour {
    /// Parses `#rrggbb`.
    pub fn parse(text: &str) -> Option<Colour> {
        let hex = text.strip_prefix('#')?;
        if hex.len() != 6 || !hex.is_ascii() {
            return None;
        }
        let channel = |at: usize| u8::from_str_radix(&hex[at..at + 2], 16).ok();
        Some(Colour([channel(0)?, channel(2)?, channel(4)?]))
    }
}

/// A calendar date, written `"2026-03-15"` in TOML.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    /// Year.
    pub year: u16,
    /// Month, 1 to 12.
    pub month: u8,
    /// Day of the month.
    pub day: u8,
}

impl Date {
    /// Parses `YYYY-MM-DD`.
    pub fn parse(text: &str) -> Option<Date> {
        let mut parts = text.split('-');
        let year: u16 = parts.next()?.parse().ok()?;
        let month: u8 = parts.next()?.parse().ok()?;
        let day: u8 = parts.next()?.parse().ok()?;
        let leap =
            year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400));
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        (parts.next().is_none() && (1..=days).contains(&day)).then_some(Date { year, month, day })
    }

    /// The month and year as a Danish dateline: "Marts 2026".
    pub fn month_and_year(self) -> String {
        const MONTHS: [&str; 12] = [
            "Januar",
            "Februar",
            "Marts",
            "April",
            "Maj",
            "Juni",
            "Juli",
            "August",
            "September",
            "Oktober",
            "November",
            "December",
        ];
        format!("{} {}", MONTHS[usize::from(self.month - 1)], self.year)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Date::parse(&text).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "expected a date like \"2026-03-15\", found \"{text}\""
            ))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_colours_parse_strictly() {
        assert_eq!(
            Date::parse("2026-03-15").unwrap().month_and_year(),
            "Marts 2026"
        );
        assert_eq!(Date::parse("2024-02-29").unwrap().to_string(), "2024-02-29");
        assert_eq!(Date::parse("2025-02-29"), None);
        assert_eq!(Date::parse("2026-13-01"), None);
        assert_eq!(Date::parse("15-03-2026"), None);
        assert_eq!(Colour::parse("#1b4f72"), Some(Colour([0x1b, 0x4f, 0x72])));
        assert_eq!(Colour::parse("1b4f72"), None);
        assert_eq!(Colour::parse("#1b4f7"), None);
    }
}
