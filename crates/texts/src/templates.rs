//! Sentence templates with named placeholders and variants.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use model::printable::print_fault;
use model::problem::{Location, Problem, Problems, read_toml};

/// A template a composer uses: its name, its variants (none for a plain template) and the
/// placeholders it may use.
#[derive(Debug, Clone, Copy)]
pub struct TemplateSpec {
    /// Dotted name, e.g. "faktaark.forbedringer".
    pub name: &'static str,
    /// Variant keys, e.g. `["over", "under", "lig"]`; empty for a single template.
    pub variants: &'static [&'static str],
    /// Placeholder names the template may use.
    pub placeholders: &'static [&'static str],
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Segment {
    Text(String),
    Placeholder(String),
}

/// Loaded, checked templates.
#[derive(Debug, Clone)]
pub struct Templates {
    /// Keyed by "name" or "name.variant".
    templates: BTreeMap<String, Vec<Segment>>,
}

impl Templates {
    /// Reads and checks a template file: every template of a `required` spec must be present,
    /// and every template in the file must belong to one of the `known` specs (a typo is an
    /// error, not a silently unused sentence). Specs are matched by name.
    pub fn load(
        path: &Path,
        known: &[TemplateSpec],
        required: &[&str],
    ) -> Result<Templates, Problems> {
        let table: toml::Table = read_toml(path)?;
        Templates::from_table(&table, known, required).map_err(|messages| {
            Problems(
                messages
                    .into_iter()
                    .map(|message| Problem::new(path, Location::File, message))
                    .collect(),
            )
        })
    }

    /// Checks a parsed TOML table against the specs; problems are sentences naming the template.
    pub fn from_table(
        table: &toml::Table,
        known: &[TemplateSpec],
        required: &[&str],
    ) -> Result<Templates, Vec<String>> {
        let mut strings = BTreeMap::new();
        let mut problems = Vec::new();
        flatten("", table, &mut strings, &mut problems);

        let mut templates = BTreeMap::new();
        let mut expected = BTreeSet::new();
        let mut seen = BTreeSet::new();
        for spec in known {
            if !seen.insert(spec.name) {
                continue;
            }
            let keys: Vec<String> = if spec.variants.is_empty() {
                vec![spec.name.to_owned()]
            } else {
                spec.variants
                    .iter()
                    .map(|variant| format!("{}.{variant}", spec.name))
                    .collect()
            };
            let is_required = required.contains(&spec.name);
            for key in keys {
                expected.insert(key.clone());
                let Some(text) = strings.get(&key) else {
                    if !is_required {
                        continue;
                    }
                    problems.push(match spec.variants.is_empty() {
                        true => format!("a template '{key}' (it is missing)"),
                        false => format!(
                            "the variant '{}' of template '{}' (it is missing; the variants are {})",
                            &key[spec.name.len() + 1..],
                            spec.name,
                            spec.variants.join(", ")
                        ),
                    });
                    continue;
                };
                if let Some(expected) = print_fault(text) {
                    problems.push(format!("in template '{key}': {expected}"));
                }
                match parse(text) {
                    Ok(segments) => {
                        for segment in &segments {
                            if let Segment::Placeholder(name) = segment
                                && !spec.placeholders.contains(&name.as_str())
                            {
                                problems.push(format!(
                                        "only known placeholders in template '{key}' (found {{{name}}}; known: {})",
                                        spec.placeholders.iter().map(|p| format!("{{{p}}}")).collect::<Vec<_>>().join(", ")
                                    ));
                            }
                        }
                        templates.insert(key, segments);
                    }
                    Err(message) => {
                        problems.push(format!("a well-formed template '{key}' ({message})"))
                    }
                }
            }
        }
        for key in strings.keys() {
            if !expected.contains(key) {
                problems.push(format!(
                    "only templates a document uses (found '{key}', which none uses)"
                ));
            }
        }
        if problems.is_empty() {
            Ok(Templates { templates })
        } else {
            Err(problems)
        }
    }

    /// Fills a template (or one of its variants) with values for its placeholders. A value ending
    /// in a period ("48 pct.") followed by the sentence's full stop gives one period.
    ///
    /// # Panics
    /// When the template was not declared in the specs it was loaded with, or a value is missing:
    /// both are mistakes in the composer, not in the template file.
    pub fn fill(&self, name: &str, variant: Option<&str>, values: &[(&str, String)]) -> String {
        let key = match variant {
            Some(variant) => format!("{name}.{variant}"),
            None => name.to_owned(),
        };
        let segments = self
            .templates
            .get(&key)
            .unwrap_or_else(|| panic!("template '{key}' was not declared"));
        let mut out = String::new();
        for segment in segments {
            match segment {
                // "… 48 pct." + "." ends the sentence once: an abbreviation's period is the full stop.
                Segment::Text(text) if out.ends_with('.') && text.starts_with('.') => {
                    out.push_str(&text[1..])
                }
                Segment::Text(text) => out.push_str(text),
                Segment::Placeholder(name) => {
                    let value = values
                        .iter()
                        .find(|(known, _)| known == name)
                        .unwrap_or_else(|| panic!("template '{key}' needs a value for {{{name}}}"));
                    out.push_str(&value.1);
                }
            }
        }
        out
    }
}

fn flatten(
    prefix: &str,
    table: &toml::Table,
    out: &mut BTreeMap<String, String>,
    problems: &mut Vec<String>,
) {
    for (key, value) in table {
        let name = if prefix.is_empty() {
            key.clone()
        } else {
            format!("{prefix}.{key}")
        };
        match value {
            toml::Value::String(text) => {
                out.insert(name, text.clone());
            }
            toml::Value::Table(inner) => flatten(&name, inner, out, problems),
            other => problems.push(format!(
                "text for template '{name}' (found a {})",
                other.type_str()
            )),
        }
    }
}

/// Splits a template into text and `{placeholder}`s; `{{` and `}}` stand for braces.
fn parse(text: &str) -> Result<Vec<Segment>, String> {
    let mut segments = Vec::new();
    let mut literal = String::new();
    let mut chars = text.chars().peekable();
    while let Some(character) = chars.next() {
        match character {
            '{' if chars.peek() == Some(&'{') => {
                chars.next();
                literal.push('{');
            }
            '}' if chars.peek() == Some(&'}') => {
                chars.next();
                literal.push('}');
            }
            '{' => {
                let mut name = String::new();
                loop {
                    match chars.next() {
                        Some('}') => break,
                        Some(c) if c.is_alphanumeric() || c == '_' => name.push(c),
                        Some(c) => return Err(format!("'{c}' inside a placeholder")),
                        None => return Err("a '{' without its '}'".to_owned()),
                    }
                }
                if name.is_empty() {
                    return Err("an empty placeholder {}".to_owned());
                }
                if !literal.is_empty() {
                    segments.push(Segment::Text(std::mem::take(&mut literal)));
                }
                segments.push(Segment::Placeholder(name));
            }
            '}' => return Err("a '}' without its '{'".to_owned()),
            other => literal.push(other),
        }
    }
    if !literal.is_empty() {
        segments.push(Segment::Text(literal));
    }
    Ok(segments)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SPECS: &[TemplateSpec] = &[
        TemplateSpec {
            name: "titel",
            variants: &[],
            placeholders: &["speciale"],
        },
        TemplateSpec {
            name: "forbedringer",
            variants: &["over", "under", "lig"],
            placeholders: &["andel", "land"],
        },
    ];

    fn load(text: &str) -> Result<Templates, Vec<String>> {
        let required: Vec<&str> = SPECS.iter().map(|spec| spec.name).collect();
        Templates::from_table(&text.parse::<toml::Table>().unwrap(), SPECS, &required)
    }

    const GOOD: &str = r#"
        titel = "Klyngearbejdet i {speciale} {{2025}}"
        [forbedringer]
        over = "{andel}, over landsgennemsnittet på {land}."
        under = "{andel}, under landsgennemsnittet på {land}."
        lig = "{andel}, som landsgennemsnittet."
    "#;

    #[test]
    fn templates_fill_placeholders_and_variants() {
        let templates = load(GOOD).unwrap();
        assert_eq!(
            templates.fill("titel", None, &[("speciale", "Neurologi".into())]),
            "Klyngearbejdet i Neurologi {2025}"
        );
        let values = [
            ("andel", "51 pct.".to_owned()),
            ("land", "48 pct.".to_owned()),
        ];
        assert_eq!(
            templates.fill("forbedringer", Some("over"), &values),
            "51 pct., over landsgennemsnittet på 48 pct."
        );
    }

    #[test]
    fn load_time_problems_name_the_template() {
        let cases = [
            (
                GOOD.replace("{andel}, under", "{andl}, under"),
                "only known placeholders in template 'forbedringer.under' (found {andl}; known: {andel}, {land})",
            ),
            (
                GOOD.replace("lig = \"{andel}, som landsgennemsnittet.\"", ""),
                "the variant 'lig' of template 'forbedringer' (it is missing; the variants are over, under, lig)",
            ),
            (
                GOOD.replace("titel =", "tittel ="),
                "a template 'titel' (it is missing)",
            ),
            (
                GOOD.replace("{speciale} {{2025}}", "{speciale"),
                "a well-formed template 'titel' (a '{' without its '}')",
            ),
            (
                format!("{GOOD}\n[ekstra]\nx = \"y\""),
                "only templates a document uses (found 'ekstra.x', which none uses)",
            ),
        ];
        for (text, expected) in cases {
            let problems = load(&text).unwrap_err();
            assert!(
                problems.iter().any(|problem| problem == expected),
                "{problems:?} lacks {expected}"
            );
        }
    }

    #[test]
    fn only_the_selected_formats_templates_must_be_present() {
        let table: toml::Table = r#"titel = "Klyngearbejdet i {speciale}""#.parse().unwrap();
        // "forbedringer" is known (a registered format declares it) but not selected: it may be
        // missing, and the selected "titel" loads.
        let templates = Templates::from_table(&table, SPECS, &["titel"]).unwrap();
        assert_eq!(
            templates.fill("titel", None, &[("speciale", "Neurologi".into())]),
            "Klyngearbejdet i Neurologi"
        );
        // Selected, it must be there.
        let problems =
            Templates::from_table(&table, SPECS, &["titel", "forbedringer"]).unwrap_err();
        assert!(
            problems
                .iter()
                .any(|problem| problem.contains("'forbedringer'"))
        );
    }

    #[test]
    fn a_template_the_pdf_font_cannot_print_is_refused_when_loaded() {
        let problems = load(&GOOD.replace("Klyngearbejdet", "Klyngearbejdet 🦀")).unwrap_err();
        assert!(
            problems
                .iter()
                .any(|problem| problem.starts_with("in template 'titel': text in letters")),
            "{problems:?}"
        );
    }
}
