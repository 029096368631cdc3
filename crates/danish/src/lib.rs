//! Exact shares and Danish number formatting.
//!
//! A [`Share`] keeps its exact integer fraction until it is published. Publishing rounds half away
//! from zero on the fraction itself (never on a binary float), so 7/8 = 87,5 pct. becomes 88 and
//! 257/400 = 64,25 pct. becomes 64,3 at one decimal. [`Rounded`] is the published value; it prints
//! with a decimal comma and drops a zero decimal ("60 pct.", not "60,0 pct.").

use std::cmp::Ordering;
use std::fmt;

use serde::{Deserialize, Serialize};

/// An exact fraction `part / whole` of a count, such as 52 of 73 valid answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Share {
    /// The counted part (numerator).
    pub part: u64,
    /// The base (denominator); never zero.
    pub whole: u64,
}

impl Share {
    /// The share `part / whole`, or `None` when the base is empty.
    pub fn new(part: u64, whole: u64) -> Option<Share> {
        (whole > 0 && part <= whole).then_some(Share { part, whole })
    }

    /// Compares the exact values of two shares (1/2 equals 2/4).
    pub fn cmp_exact(self, other: Share) -> Ordering {
        let left = u128::from(self.part) * u128::from(other.whole);
        let right = u128::from(other.part) * u128::from(self.whole);
        left.cmp(&right)
    }

    /// The percentage rounded half away from zero to `decimals` decimals (0 to 3).
    pub fn percent(self, decimals: u8) -> Rounded {
        assert!(decimals <= 3, "at most three decimals are published");
        let scale = 10u128.pow(u32::from(decimals));
        // percent × 10^decimals = part × 100 × scale / whole; round half up (all values ≥ 0).
        let numerator = u128::from(self.part) * 100 * scale;
        let whole = u128::from(self.whole);
        let scaled = (2 * numerator + whole) / (2 * whole);
        Rounded {
            scaled: scaled as u64,
            decimals,
        }
    }
}

/// A published percentage: `scaled / 10^decimals`, already rounded.
///
/// Equality and order compare the values, so `48` equals `48,0`.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub struct Rounded {
    /// The value times `10^decimals`.
    pub scaled: u64,
    /// How many decimals the value was rounded to.
    pub decimals: u8,
}

impl Rounded {
    /// The value as a float, for charts and JSON readers; never used for comparisons.
    pub fn value(self) -> f64 {
        self.scaled as f64 / 10f64.powi(i32::from(self.decimals))
    }

    /// The number in Danish notation without unit: `67,3`, `60`, `88`.
    pub fn number(self) -> String {
        let scale = 10u64.pow(u32::from(self.decimals));
        let whole = self.scaled / scale;
        let fraction = self.scaled % scale;
        if fraction == 0 {
            return format_integer(whole);
        }
        let digits = format!("{fraction:0width$}", width = usize::from(self.decimals));
        format!("{},{}", format_integer(whole), digits.trim_end_matches('0'))
    }

    /// The percentage as published in running text: `67,3 pct.`.
    pub fn pct(self) -> String {
        format!("{} pct.", self.number())
    }
}

impl fmt::Display for Rounded {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.pct())
    }
}

impl PartialEq for Rounded {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Rounded {}

impl PartialOrd for Rounded {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Rounded {
    /// Compares the published values exactly, whatever their numbers of decimals.
    fn cmp(&self, other: &Self) -> Ordering {
        let left = u128::from(self.scaled) * 10u128.pow(u32::from(other.decimals));
        let right = u128::from(other.scaled) * 10u128.pow(u32::from(self.decimals));
        left.cmp(&right)
    }
}

/// An integer with Danish thousands separators: `1.234`, `130.000`.
pub fn format_integer(value: u64) -> String {
    let digits = value.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            out.push('.');
        }
        out.push(digit);
    }
    out
}

/// Grammatical gender of the noun a number word counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gender {
    /// "en klynge" → "én klynge".
    Common,
    /// "et speciale" → "ét speciale".
    Neuter,
}

/// A count as running text writes it: words for one to twelve ("syv"), digits above.
pub fn count_in_words(count: u64, gender: Gender) -> String {
    const WORDS: [&str; 11] = [
        "to", "tre", "fire", "fem", "seks", "syv", "otte", "ni", "ti", "elleve", "tolv",
    ];
    match count {
        1 => match gender {
            Gender::Common => "én".to_owned(),
            Gender::Neuter => "ét".to_owned(),
        },
        2..=12 => WORDS[(count - 2) as usize].to_owned(),
        _ => format_integer(count),
    }
}

/// Joins items as Danish running text: "a", "a og b", "a, b og c".
pub fn join_list<S: AsRef<str>>(items: &[S]) -> String {
    match items {
        [] => String::new(),
        [only] => only.as_ref().to_owned(),
        [init @ .., last] => {
            let head: Vec<&str> = init.iter().map(AsRef::as_ref).collect();
            format!("{} og {}", head.join(", "), last.as_ref())
        }
    }
}

/// An ASCII file-name slug: "Øre-næse-halskirurgi" → "oere-naese-halskirurgi". Letters and
/// digits are kept (æ → ae, ø → oe, å → aa, accents dropped), everything else becomes a single
/// hyphen; the result is never empty and never contains a path separator or a dot.
pub fn slug(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for character in name.chars().flat_map(char::to_lowercase) {
        let replacement = match character {
            'æ' => "ae",
            'ø' => "oe",
            'å' => "aa",
            'é' | 'è' | 'ê' | 'ë' => "e",
            'á' | 'à' | 'â' | 'ä' => "a",
            'ó' | 'ò' | 'ô' | 'ö' => "o",
            'ú' | 'ù' | 'û' | 'ü' => "u",
            'í' | 'ì' | 'î' | 'ï' => "i",
            character if character.is_ascii_alphanumeric() => {
                out.push(character);
                continue;
            }
            _ => "-",
        };
        if replacement == "-" && (out.is_empty() || out.ends_with('-')) {
            continue;
        }
        out.push_str(replacement);
    }
    let trimmed = out.trim_end_matches('-');
    if trimmed.is_empty() {
        "x".to_owned()
    } else {
        trimmed.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pct(part: u64, whole: u64, decimals: u8) -> String {
        Share::new(part, whole).unwrap().percent(decimals).pct()
    }

    #[test]
    fn rounds_half_away_from_zero_on_the_exact_fraction() {
        let cases = [
            (7, 8, 0, "88 pct."),       // 87,5 → 88
            (257, 400, 1, "64,3 pct."), // 64,25 → 64,3
            (74, 110, 1, "67,3 pct."),  // 67,27…
            (62, 89, 1, "69,7 pct."),   // 69,66…
            (24, 40, 1, "60 pct."),     // zero decimal dropped
            (17, 29, 1, "58,6 pct."),   // 58,62…
            (52, 73, 0, "71 pct."),     // 71,23…
            (1, 6, 0, "17 pct."),       // 16,67
            (1, 8, 0, "13 pct."),       // 12,5 → 13
            (1, 3, 2, "33,33 pct."),
            (0, 5, 1, "0 pct."),
            (5, 5, 1, "100 pct."),
            (1, 200, 0, "1 pct."),       // 0,5 → 1
            (1, 2000, 1, "0,1 pct."),    // 0,05 → 0,1
            (101, 1000, 2, "10,1 pct."), // trailing zero of two decimals dropped
        ];
        for (part, whole, decimals, expected) in cases {
            assert_eq!(
                pct(part, whole, decimals),
                expected,
                "{part}/{whole} at {decimals}"
            );
        }
    }

    #[test]
    fn a_float_would_round_these_wrongly() {
        // 0.645 * 100 is 64.49999… as a binary float; the fraction 129/200 is exactly 64,5.
        assert_eq!(pct(129, 200, 0), "65 pct.");
        assert_eq!(pct(1_000_001, 2_000_000, 0), "50 pct.");
    }

    #[test]
    fn shares_compare_exactly() {
        let share = |p, w| Share::new(p, w).unwrap();
        assert_eq!(share(1, 2).cmp_exact(share(2, 4)), Ordering::Equal);
        assert_eq!(share(2, 3).cmp_exact(share(66, 100)), Ordering::Greater);
    }

    #[test]
    fn an_empty_base_has_no_share() {
        assert_eq!(Share::new(0, 0), None);
        assert_eq!(Share::new(3, 2), None);
    }

    #[test]
    fn published_values_compare_across_precisions() {
        let whole = |p, w| Share::new(p, w).unwrap().percent(0);
        let one = |p, w| Share::new(p, w).unwrap().percent(1);
        assert!(whole(52, 73) > one(705, 1073)); // 71 > 65,7
        assert!(whole(9, 14) < one(705, 1073)); // 64 < 65,7
        assert_eq!(whole(12, 25), one(48, 100)); // 48 = 48,0
    }

    #[test]
    fn integers_get_thousands_separators() {
        assert_eq!(format_integer(0), "0");
        assert_eq!(format_integer(999), "999");
        assert_eq!(format_integer(1234), "1.234");
        assert_eq!(format_integer(130_000), "130.000");
    }

    #[test]
    fn counts_in_running_text() {
        assert_eq!(count_in_words(1, Gender::Common), "én");
        assert_eq!(count_in_words(1, Gender::Neuter), "ét");
        assert_eq!(count_in_words(2, Gender::Common), "to");
        assert_eq!(count_in_words(4, Gender::Common), "fire");
        assert_eq!(count_in_words(7, Gender::Common), "syv");
        assert_eq!(count_in_words(12, Gender::Common), "tolv");
        assert_eq!(count_in_words(13, Gender::Common), "13");
    }

    #[test]
    fn slugs_are_ascii_and_safe() {
        let cases = [
            ("Dermatologi", "dermatologi"),
            ("Øre-næse-halskirurgi", "oere-naese-halskirurgi"),
            ("Derma – Hovedstad – Kbh", "derma-hovedstad-kbh"),
            ("Gyn – Midt og Nord", "gyn-midt-og-nord"),
            ("../../etc/passwd", "etc-passwd"),
            ("Pædiatri & <Børn>", "paediatri-boern"),
            ("…", "x"),
        ];
        for (name, expected) in cases {
            assert_eq!(slug(name), expected);
        }
    }

    #[test]
    fn lists_join_with_og() {
        assert_eq!(join_list::<&str>(&[]), "");
        assert_eq!(join_list(&["a"]), "a");
        assert_eq!(join_list(&["a", "b"]), "a og b");
        assert_eq!(join_list(&["a", "b", "c"]), "a, b og c");
    }
}
