//! A survey definition (TOML) → the definition and its consistency problems, and what the
//! pipeline derives from a consistent one.

#![no_main]

use libfuzzer_sys::fuzz_target;
use model::SurveyDefinition;

fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    let Ok(definition) = toml::from_str::<SurveyDefinition>(text) else {
        return;
    };
    if definition.problems().is_empty() {
        let _ = definition.variables();
        let _ = definition.free_text_columns();
    }
});
