//! What the documents can print: the characters the fonts embedded in the PDFs have glyphs
//! for. Ingest checks names and definition texts against it, `texts` the templates and the
//! editorial text, so that `validate` finds what a renderer would refuse.

use crate::problem::quote;

/// Whether the documents can print a character: the letters and punctuation that the fonts
/// embedded in the PDFs (Lato, `crates/pdf/fonts`) have glyphs for, Latin, Greek and Cyrillic
/// (a test checks each against both fonts). Other formats print whatever the PDF can.
pub fn is_printable(character: char) -> bool {
    matches!(
        character,
        ' '..='~'
            | '\u{a0}'..='\u{36f}'
            | '\u{384}'..='\u{38a}'
            | '\u{38c}'
            | '\u{38e}'..='\u{3a1}'
            | '\u{3a3}'..='\u{3ce}'
            | '\u{400}'..='\u{45f}'
            | '\u{1e00}'..='\u{1e9b}'
            | '\u{1ea0}'..='\u{1ef9}'
            | '\u{2012}'..='\u{2022}'
            | '\u{2026}'
            | '\u{2030}'
            | '\u{2039}'
            | '\u{203a}'
            | '\u{20ac}'
            | '\u{2122}'
    )
}

/// Why a text printed in the documents cannot be, as an expectation; `None` when it can.
pub fn print_fault(text: &str) -> Option<String> {
    if text.chars().any(char::is_control) {
        return Some("text without control characters (tabs, line breaks, escape codes)".into());
    }
    let unprintable: Vec<String> = text
        .chars()
        .filter(|character| !is_printable(*character))
        .map(|character| {
            format!(
                "{} (U+{:04X})",
                quote(&character.to_string()),
                u32::from(character)
            )
        })
        .collect();
    if unprintable.is_empty() {
        None
    } else {
        Some(format!(
            "text in letters and punctuation the documents' font can print (Latin, Greek, \
             Cyrillic); it has no glyph for {}",
            unprintable.join(", ")
        ))
    }
}
