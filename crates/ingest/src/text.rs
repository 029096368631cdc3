//! Text as typed into a workbook: normalised before matching, checked before it becomes a name.
//!
//! Exports carry invisible differences: a byte-order mark before a header, zero-width characters,
//! non-breaking spaces, and letters composed in another Unicode normal form (`å` as `a` plus a
//! combining ring). None of them may change which header, label or cluster a cell matches.

pub(crate) use model::printable::print_fault;
use unicode_normalization::UnicodeNormalization;

/// Characters that show nothing and carry no meaning in a header, label or name: dropped.
fn is_invisible(character: char) -> bool {
    matches!(
        character,
        '\u{feff}' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{00ad}'
    )
}

/// Spaces that look like a space: read as one.
fn is_space_like(character: char) -> bool {
    matches!(
        character,
        '\u{00a0}' | '\u{2007}' | '\u{202f}' | '\u{2000}'..='\u{200a}' | '\u{205f}' | '\u{3000}'
    )
}

/// The text as it is meant: NFC, invisible characters dropped, space-like characters as spaces,
/// surrounding white space removed. Names are kept in this form.
pub(crate) fn clean(text: &str) -> String {
    let visible: String = text
        .chars()
        .filter(|character| !is_invisible(*character))
        .map(|character| {
            if is_space_like(character) {
                ' '
            } else {
                character
            }
        })
        .collect();
    visible.nfc().collect::<String>().trim().to_owned()
}

/// Whether the text is empty once [`clean`]: only white space, space-like and invisible
/// characters (no canonical composition makes or removes any of them), decided without building
/// the cleaned text.
pub(crate) fn is_blank(text: &str) -> bool {
    text.chars().all(|character| {
        is_invisible(character) || is_space_like(character) || character.is_whitespace()
    })
}

/// The form in which headers and labels are matched: [`clean`], then lower case.
pub(crate) fn normalize(text: &str) -> String {
    clean(text).to_lowercase()
}

/// Longest name (cluster, specialty, coordinator, publisher) accepted, in characters.
pub const MAX_NAME_CHARS: usize = 200;

/// Why a (cleaned) name cannot be used, as the expectation of a problem; `None` when it can.
/// Names are printed in every document and become file names, so control characters, absurd
/// lengths and path-like text are refused where they are read, not where a renderer trips.
pub(crate) fn name_fault(name: &str) -> Option<String> {
    if name.chars().any(char::is_control) {
        return Some("a name without control characters (tabs, line breaks, escape codes)".into());
    }
    if let Some(fault) = print_fault(name) {
        return Some(format!(
            "a name in {}",
            fault.trim_start_matches("text in ")
        ));
    }
    let length = name.chars().count();
    if length > MAX_NAME_CHARS {
        return Some(format!(
            "a name of at most {MAX_NAME_CHARS} characters (this one has {length})"
        ));
    }
    let path_like = name.starts_with(['/', '\\'])
        || name
            .split(['/', '\\'])
            .any(|segment| segment.trim() == ".." || segment.trim() == ".");
    if path_like {
        return Some(
            "a name, not a file path (no \"..\" or \".\" between slashes, no leading slash)".into(),
        );
    }
    None
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use model::printable::is_printable;

    #[test]
    fn invisible_differences_do_not_change_a_match() {
        assert_eq!(normalize("\u{feff}Respondent-ID"), "respondent-id");
        assert_eq!(normalize("I\u{00a0}høj grad "), "i høj grad");
        assert_eq!(normalize("Gennemf\u{200b}ørt"), "gennemført");
        // "å" decomposed (a + combining ring above) matches the composed letter.
        assert_eq!(normalize("Sa\u{030a}dan"), normalize("Sådan"));
        assert_eq!(
            clean("\u{feff} Derma\u{202f}– Nord\u{200d}"),
            "Derma – Nord"
        );
    }

    #[test]
    fn blank_is_what_cleans_to_nothing() {
        for character in (0..=0x10ffff_u32).filter_map(char::from_u32) {
            let text = character.to_string();
            assert_eq!(
                is_blank(&text),
                clean(&text).is_empty(),
                "U+{:04X}",
                u32::from(character)
            );
        }
        for text in [
            "",
            " \u{feff}\u{a0}\u{3000}\t\n",
            " \u{301}",
            "\u{2000}\u{2001}\u{200b}",
            "a\u{200b}",
            "\u{00ad}\u{2060} x ",
        ] {
            assert_eq!(is_blank(text), clean(text).is_empty(), "{text:?}");
        }
    }

    #[test]
    fn names_that_would_break_a_document_or_a_path_are_refused() {
        assert_eq!(name_fault("Derma – Nord"), None);
        assert_eq!(name_fault("Øre-næse-hals/Syd"), None);
        assert!(name_fault("Derma\u{1b}[31m").unwrap().contains("control"));
        assert!(name_fault("Derma\tNord").unwrap().contains("control"));
        assert!(name_fault(&"x".repeat(201)).unwrap().contains("has 201"));
        assert!(name_fault(&"x".repeat(300)).unwrap().contains("has 300"));
        assert_eq!(name_fault(&"x".repeat(200)), None);
        assert!(
            name_fault("../../etc/passwd")
                .unwrap()
                .contains("file path")
        );
        assert!(name_fault("/etc").unwrap().contains("file path"));
        assert!(name_fault("a\\..\\b").unwrap().contains("file path"));
        assert!(
            name_fault("Derma 🦀")
                .unwrap()
                .contains("it has no glyph for \"🦀\" (U+1F980)")
        );
        assert_eq!(
            name_fault("Øre-næse-hals – Ærø ‘Syd’ … Ελλάδα Москва"),
            None
        );
    }

    #[test]
    fn every_printable_character_has_a_glyph_in_both_embedded_fonts() {
        let fonts = ["Lato-Regular.ttf", "Lato-Bold.ttf"].map(|name| {
            std::fs::read(
                Path::new(env!("CARGO_MANIFEST_DIR"))
                    .join("../pdf/fonts")
                    .join(name),
            )
            .unwrap()
        });
        let faces = fonts
            .iter()
            .map(|data| rustybuzz::ttf_parser::Face::parse(data, 0).unwrap())
            .collect::<Vec<_>>();
        let printable = (0..=0x10ffff_u32)
            .filter_map(char::from_u32)
            .filter(|character| is_printable(*character));
        let mut count = 0;
        for character in printable {
            count += 1;
            for face in &faces {
                assert!(
                    face.glyph_index(character).is_some(),
                    "no glyph for U+{:04X}",
                    u32::from(character)
                );
            }
        }
        assert!(count > 1000, "{count}");
    }
}
