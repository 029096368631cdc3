//! Sentence templates (TOML) → checked `Templates`, and every template filled.

#![no_main]

use libfuzzer_sys::fuzz_target;
use texts::{TemplateSpec, Templates};

const SPECS: &[TemplateSpec] = &[
    TemplateSpec {
        name: "titel",
        variants: &[],
        placeholders: &["speciale"],
    },
    TemplateSpec {
        name: "faktaark.forbedringer",
        variants: &["over", "under", "lig"],
        placeholders: &["andel", "land"],
    },
];

fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    let Ok(table) = text.parse::<toml::Table>() else {
        return;
    };
    let required: Vec<&str> = SPECS.iter().map(|spec| spec.name).collect();
    let Ok(templates) = Templates::from_table(&table, SPECS, &required) else {
        return;
    };
    for spec in SPECS {
        let values: Vec<(&str, String)> = spec
            .placeholders
            .iter()
            .map(|name| (*name, format!("{name} 48 pct.")))
            .collect();
        if spec.variants.is_empty() {
            let _ = templates.fill(spec.name, None, &values);
        }
        for variant in spec.variants {
            let _ = templates.fill(spec.name, Some(variant), &values);
        }
    }
});
