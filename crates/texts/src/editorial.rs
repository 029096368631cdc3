//! Editorial text in a Markdown subset, split into named slots.
//!
//! A file is a sequence of slots, each opened by a level-1 heading naming it (`# Gode råd`).
//! Within a slot: `##` and `###` headings, paragraphs (consecutive lines), bullet lists (`- ` or
//! `* `), numbered lists (`1. `), lists nested under an item by indenting two spaces or more, and
//! `**bold**`. Anything else is plain text; no HTML is interpreted.

use std::collections::BTreeMap;
use std::path::Path;

use document::{Block, Inline, List, ListItem};
use model::printable::print_fault;
use model::problem::{Location, Problem, Problems, read_text};

/// Editorial blocks by slot name.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Editorial {
    slots: BTreeMap<String, Vec<Block>>,
}

impl Editorial {
    /// Reads a file whose `#` headings must each name one of `slots`.
    pub fn load(path: &Path, slots: &[&str]) -> Result<Editorial, Problems> {
        let text = read_text(path)?;
        Editorial::parse(&text, slots).map_err(|problems| {
            Problems(
                problems
                    .into_iter()
                    .map(|(line, message)| {
                        Problem::new(path, Location::Line { line, column: 1 }, message)
                    })
                    .collect(),
            )
        })
    }

    /// Parses editorial text; problems are `(line, expected…)`.
    pub fn parse(text: &str, slots: &[&str]) -> Result<Editorial, Vec<(usize, String)>> {
        let mut sections: Vec<(String, usize, String)> = Vec::new();
        let mut problems = Vec::new();
        for (index, line) in text.lines().enumerate() {
            if let Some(expected) = print_fault(line.trim_end_matches('\r')) {
                problems.push((index + 1, expected));
            }
            if let Some(name) = line.strip_prefix("# ") {
                let name = name.trim();
                if !slots.contains(&name) {
                    problems.push((
                        index + 1,
                        format!(
                            "a heading naming one of the slots {} (found '{name}')",
                            slots.join(", ")
                        ),
                    ));
                } else if sections.iter().any(|(known, _, _)| known == name) {
                    problems.push((index + 1, format!("each slot once (found '{name}' again)")));
                }
                sections.push((name.to_owned(), index + 1, String::new()));
            } else if let Some((_, _, body)) = sections.last_mut() {
                body.push_str(line);
                body.push('\n');
            } else if !line.trim().is_empty() {
                problems.push((index + 1, "a '# slot' heading before any text".to_owned()));
            }
        }
        let mut editorial = Editorial::default();
        for (name, first_line, body) in sections {
            match parse_markdown(&body) {
                Ok(blocks) => {
                    editorial.slots.insert(name, blocks);
                }
                Err((line, message)) => problems.push((first_line + line, message)),
            }
        }
        if problems.is_empty() {
            Ok(editorial)
        } else {
            Err(problems)
        }
    }

    /// The blocks of a slot (none when the file does not fill it).
    pub fn slot(&self, name: &str) -> &[Block] {
        self.slots.get(name).map_or(&[], Vec::as_slice)
    }
}

/// Parses the Markdown subset into blocks; an error is `(line, expected…)`, lines from 1.
pub fn parse_markdown(text: &str) -> Result<Vec<Block>, (usize, String)> {
    let mut blocks = Vec::new();
    let mut paragraph: Vec<&str> = Vec::new();
    let mut list: Option<List> = None;
    let flush = |paragraph: &mut Vec<&str>,
                 list: &mut Option<List>,
                 blocks: &mut Vec<Block>,
                 line: usize| {
        if !paragraph.is_empty() {
            blocks.push(Block::Paragraph(inlines(&paragraph.join(" "), line)?));
            paragraph.clear();
        }
        if let Some(list) = list.take() {
            blocks.push(Block::List(list));
        }
        Ok::<(), (usize, String)>(())
    };
    for (index, raw) in text.lines().enumerate() {
        let number = index + 1;
        let indent = raw.len() - raw.trim_start().len();
        let line = raw.trim();
        if line.is_empty() {
            flush(&mut paragraph, &mut list, &mut blocks, number)?;
            continue;
        }
        if let Some((level, heading)) = heading(line) {
            flush(&mut paragraph, &mut list, &mut blocks, number)?;
            if !(2..=3).contains(&level) {
                return Err((
                    number,
                    format!(
                        "a '##' or '###' heading inside a slot (found {} '#')",
                        level
                    ),
                ));
            }
            blocks.push(Block::Heading {
                level,
                text: heading.to_owned(),
            });
            continue;
        }
        if let Some((ordered, item)) = list_item(line) {
            if !paragraph.is_empty() {
                flush(&mut paragraph, &mut list, &mut blocks, number)?;
            }
            let item = ListItem {
                content: inlines(item, number)?,
                children: None,
            };
            match list.as_mut() {
                Some(outer) if indent >= 2 => {
                    let parent = outer.items.last_mut().expect("a list has items");
                    parent
                        .children
                        .get_or_insert_with(|| List {
                            ordered,
                            items: Vec::new(),
                        })
                        .items
                        .push(item);
                }
                Some(outer) if outer.ordered == ordered => outer.items.push(item),
                _ => {
                    flush(&mut paragraph, &mut list, &mut blocks, number)?;
                    list = Some(List {
                        ordered,
                        items: vec![item],
                    });
                }
            }
            continue;
        }
        match list.as_mut() {
            // An indented line continues the last list item.
            Some(outer) if indent >= 2 => {
                let parent = outer.items.last_mut().expect("a list has items");
                let target = match parent
                    .children
                    .as_mut()
                    .and_then(|children| children.items.last_mut())
                {
                    Some(child) => child,
                    None => parent,
                };
                target.content.push(Inline::plain(" "));
                target.content.extend(inlines(line, number)?);
            }
            _ => {
                if list.is_some() {
                    flush(&mut paragraph, &mut list, &mut blocks, number)?;
                }
                paragraph.push(line);
            }
        }
    }
    flush(&mut paragraph, &mut list, &mut blocks, text.lines().count())?;
    Ok(blocks)
}

fn heading(line: &str) -> Option<(u8, &str)> {
    let hashes = line.chars().take_while(|&c| c == '#').count();
    let rest = line[hashes..].strip_prefix(' ')?;
    (hashes > 0).then_some((hashes as u8, rest.trim()))
}

fn list_item(line: &str) -> Option<(bool, &str)> {
    if let Some(rest) = line.strip_prefix("- ").or_else(|| line.strip_prefix("* ")) {
        return Some((false, rest.trim()));
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    let rest = line[digits..].strip_prefix(". ")?;
    (digits > 0).then_some((true, rest.trim()))
}

/// Splits text into plain and `**bold**` runs.
fn inlines(text: &str, line: usize) -> Result<Vec<Inline>, (usize, String)> {
    let parts: Vec<&str> = text.split("**").collect();
    if parts.len().is_multiple_of(2) {
        return Err((line, "every '**' closed by another '**'".to_owned()));
    }
    Ok(parts
        .iter()
        .enumerate()
        .filter(|(_, part)| !part.is_empty())
        .map(|(index, part)| {
            if index % 2 == 1 {
                Inline::strong(*part)
            } else {
                Inline::plain(*part)
            }
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(text: &str) -> ListItem {
        ListItem {
            content: vec![Inline::plain(text)],
            children: None,
        }
    }

    #[test]
    fn the_subset_parses_to_blocks() {
        let text = "## Råd\nEn første linje\nog en anden med **fed** tekst.\n\n1. **Faglighed**\n   - Oplæg\n   - Cases\n2. Struktur\n- løs punkt\n";
        let blocks = parse_markdown(text).unwrap();
        assert_eq!(
            blocks,
            [
                Block::Heading {
                    level: 2,
                    text: "Råd".into()
                },
                Block::Paragraph(vec![
                    Inline::plain("En første linje og en anden med "),
                    Inline::strong("fed"),
                    Inline::plain(" tekst."),
                ]),
                Block::List(List {
                    ordered: true,
                    items: vec![
                        ListItem {
                            content: vec![Inline::strong("Faglighed")],
                            children: Some(List {
                                ordered: false,
                                items: vec![item("Oplæg"), item("Cases")]
                            }),
                        },
                        item("Struktur"),
                    ],
                }),
                Block::List(List {
                    ordered: false,
                    items: vec![item("løs punkt")]
                }),
            ]
        );
    }

    #[test]
    fn slots_split_the_file_and_problems_name_the_line() {
        let editorial = Editorial::parse(
            "# Data\nTekst om data.\n\n# Råd\n- Et råd\n",
            &["Data", "Råd"],
        )
        .unwrap();
        assert_eq!(
            editorial.slot("Data"),
            [Block::Paragraph(vec![Inline::plain("Tekst om data.")])]
        );
        assert_eq!(editorial.slot("Kommentarer"), []);

        let problems = Editorial::parse(
            "Løs tekst\n# Dta\nx\n# Råd\nEn **ufærdig\n",
            &["Data", "Råd"],
        )
        .unwrap_err();
        assert_eq!(
            problems,
            [
                (1, "a '# slot' heading before any text".to_owned()),
                (
                    2,
                    "a heading naming one of the slots Data, Råd (found 'Dta')".to_owned()
                ),
                (5, "every '**' closed by another '**'".to_owned()),
            ]
        );
    }

    #[test]
    fn a_line_the_pdf_font_cannot_print_is_refused_with_its_number() {
        let problems =
            Editorial::parse("# Gode råd\nGod stemning 🎉 hjælper.\n", &["Gode råd"]).unwrap_err();
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].0, 2);
        assert!(problems[0].1.contains("no glyph for"), "{problems:?}");
    }
}
