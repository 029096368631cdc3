//! `cargo xtask new-format <name>`: scaffolds an output-format crate on the format API and
//! registers it, so a maintainer starts from a crate that builds, is tested and is listed by
//! `klyngepakke formats`. The walk-through is docs/adding-a-format.md.

use std::fs;
use std::path::Path;

use anyhow::{Context, Result, bail};

/// The registry's source, where the format's line goes.
const REGISTRY: &str = "crates/registry/src/lib.rs";
/// The registry's manifest, where the format's dependency goes.
const REGISTRY_MANIFEST: &str = "crates/registry/Cargo.toml";
/// The marker in the registry's `formats()` list before which a new format is added.
const FORMATS_END: &str = "    ]\n}\n\n/// Every second-phase assembly";

/// Creates `crates/<name>` and registers it. The name is the crate's name and the format's name.
pub fn run(root: &Path, name: &str) -> Result<()> {
    let valid = !name.is_empty()
        && name.starts_with(|c: char| c.is_ascii_lowercase())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if !valid {
        bail!(
            "a format name is lower-case ASCII letters, digits and dashes, starting with a letter (found '{name}')"
        );
    }
    let folder = root.join("crates").join(name);
    if folder.exists() {
        bail!("{} exists already", folder.display());
    }
    let module = name.replace('-', "_");
    let type_name = type_name(name);

    fs::create_dir_all(folder.join("src"))?;
    fs::write(folder.join("Cargo.toml"), manifest(name))?;
    fs::write(folder.join("src/lib.rs"), source(name, &type_name))?;

    edit(&root.join("Cargo.toml"), |text| {
        let anchor = "# External crates.";
        let line = format!("{name} = {{ path = \"crates/{name}\" }}\n\n");
        let at = text
            .find(anchor)
            .context("the root manifest has its '# External crates.' section")?;
        let before = text[..at].trim_end_matches('\n');
        Ok(format!("{before}\n{line}{}", &text[at..]))
    })?;
    edit(&root.join(REGISTRY_MANIFEST), |text| {
        let anchor = "[dependencies]\n";
        let at = text
            .find(anchor)
            .context("the registry's manifest has [dependencies]")?
            + anchor.len();
        Ok(format!(
            "{}{name}.workspace = true\n{}",
            &text[..at],
            &text[at..]
        ))
    })?;
    edit(&root.join(REGISTRY), |text| {
        let at = text
            .find(FORMATS_END)
            .context("the registry's formats() list ends as expected")?;
        Ok(format!(
            "{}        Box::new({module}::{type_name}),\n{}",
            &text[..at],
            &text[at..]
        ))
    })?;
    println!(
        "Created crates/{name} (format '{name}') and registered it in {REGISTRY}.\n\
         Next: cargo test -p {name}; cargo run -p klyngepakke -- formats; see docs/adding-a-format.md."
    );
    Ok(())
}

fn edit(path: &Path, change: impl FnOnce(&str) -> Result<String>) -> Result<()> {
    let text = fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    fs::write(path, change(&text)?).with_context(|| format!("writing {}", path.display()))
}

/// "status-page" → "StatusPage".
fn type_name(name: &str) -> String {
    name.split('-')
        .map(|part| {
            let mut chars = part.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_ascii_uppercase().to_string() + chars.as_str()
            })
        })
        .collect()
}

fn manifest(name: &str) -> String {
    format!(
        r#"[package]
name = "{name}"
description = "Output format '{name}': response rates per specialty as a plain-text overview."
version.workspace = true
edition.workspace = true
rust-version.workspace = true
license.workspace = true
publish.workspace = true

[dependencies]
aggregate.workspace = true
format-api.workspace = true

[lints]
workspace = true
"#
    )
}

fn source(name: &str, type_name: &str) -> String {
    format!(
        r#"//! Output format `{name}`: `{name}/oversigt.txt`, one line per specialty with its response
//! rate. A starting point made by `cargo xtask new-format`; see docs/adding-a-format.md.

use aggregate::Percent;
use format_api::{{Format, OutputFile, Publication, Rendered, Unit, UnitKind}};

/// The `{name}` format.
pub struct {type_name};

impl Format for {type_name} {{
    fn name(&self) -> &'static str {{
        "{name}"
    }}

    fn description(&self) -> &'static str {{
        "{name}/oversigt.txt: response rate per specialty"
    }}

    fn units(&self) -> UnitKind {{
        UnitKind::Publication
    }}

    fn render(&self, publication: &Publication, _unit: Unit) -> Result<Rendered, String> {{
        let rows = publication.figures.specialties.iter().map(|specialty| {{
            let totals = &specialty.totals;
            line(&specialty.name, totals.respondents, totals.invited, totals.response_rate)
        }});
        let text: String = rows.collect();
        Ok(Rendered {{
            files: vec![OutputFile {{
                path: "{name}/oversigt.txt".to_owned(),
                bytes: text.into_bytes(),
            }}],
            warnings: Vec::new(),
        }})
    }}
}}

/// One line of the overview: "Dermatologi: 74 af 110 (67,3 pct.)".
fn line(name: &str, respondents: u32, invited: u32, rate: Option<Percent>) -> String {{
    let rate = rate.map_or_else(|| "ingen inviterede".to_owned(), Percent::pct);
    format!("{{name}}: {{respondents}} af {{invited}} ({{rate}})\n")
}}

#[cfg(test)]
mod tests {{
    use super::*;

    #[test]
    fn a_line_states_respondents_of_invited_with_the_published_rate() {{
        let rate = Percent::new(74, 110, 1);
        assert_eq!(line("Dermatologi", 74, 110, rate), "Dermatologi: 74 af 110 (67,3 pct.)\n");
        assert_eq!(line("Tom", 0, 0, None), "Tom: 0 af 0 (ingen inviterede)\n");
    }}
}}
"#
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_names_are_camel_case() {
        assert_eq!(type_name("status-page"), "StatusPage");
        assert_eq!(type_name("oversigt"), "Oversigt");
    }
}
