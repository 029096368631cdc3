//! Editorial Markdown → slots of blocks (or located problems), and the subset parser on its own.

#![no_main]

use libfuzzer_sys::fuzz_target;
use texts::{Editorial, parse_markdown};

const SLOTS: &[&str] = &[
    "Baggrund",
    "Data",
    "Deltagelse",
    "Fokus",
    "Forbedringer",
    "Forventninger",
    "Gode råd",
    "Kommentarer",
];

fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    if let Err(problems) = Editorial::parse(text, SLOTS) {
        let lines = text.lines().count().max(1);
        for (line, _) in problems {
            assert!(line >= 1 && line <= lines, "line {line} of {lines}");
        }
    }
    let _ = parse_markdown(text);
});
