//! Word documents from the document model: a [`document::Document`] written as a `.docx` file.
//!
//! WordprocessingML is written directly on the shared `ooxml` package writer (why not docx-rs:
//! `docs/design.md`, "Word documents"). What a reader gets is real Word structure:
//! - headings in the built-in styles Heading 1 to 3 with outline levels (the navigation pane
//!   and a table of contents work), body text, notes and captions in named paragraph styles;
//! - bulleted and numbered lists in `numbering.xml`, each list numbered from 1, nested lists a
//!   level deeper;
//! - tables with a header row that repeats on every page (`w:tblHeader`) when the model asks, and
//!   [`document::Cell::Field`]s as plain-text content controls that show their prompt in the
//!   Placeholder Text style until filled (or start with their value);
//! - a chart as its caption and a table of its published values (Word cannot draw the model's
//!   chart without a chart part; the numbers are all there);
//! - the document language on the style defaults and on every run, title, subject and creator in
//!   the core properties, the publication date as the document date;
//! - the footer text and the page number (a `PAGE` field) on every page; portrait or landscape
//!   A4.
//!
//! The same document always gives the same bytes: ids are numbered in document order and the
//! package has fixed timestamps.

mod body;
mod parts;

use std::fmt;

use document::{Document, Orientation};
use ooxml::Package;
use ooxml::vocabulary::{content_type, relationship_type};

/// Why a document could not be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocxError(String);

impl fmt::Display for DocxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for DocxError {}

const MAIN: &str = "word/document.xml";
const FOOTER: &str = "word/footer1.xml";

/// Writes `document` as the bytes of a `.docx` file.
pub fn render(document: &Document) -> Result<Vec<u8>, DocxError> {
    let page = Page::of(document.orientation);
    let mut package = Package::new(&document.meta);
    package.relate_package(relationship_type::OFFICE_DOCUMENT, MAIN);
    let footer_id = package.relate(MAIN, relationship_type::FOOTER, FOOTER);
    let body = body::write(document, page, &footer_id);
    let language = &document.meta.language;
    let parts = [
        (MAIN, content_type::WORD_DOCUMENT, None, body.document),
        (
            "word/styles.xml",
            content_type::WORD_STYLES,
            Some(relationship_type::STYLES),
            parts::styles_xml(document),
        ),
        (
            "word/numbering.xml",
            content_type::WORD_NUMBERING,
            Some(relationship_type::NUMBERING),
            parts::numbering_xml(&body.lists),
        ),
        (
            "word/settings.xml",
            content_type::WORD_SETTINGS,
            Some(relationship_type::SETTINGS),
            parts::settings_xml(),
        ),
        (
            FOOTER,
            content_type::WORD_FOOTER,
            None,
            parts::footer_xml(document, page),
        ),
    ];
    for (name, content_type, relationship, data) in parts {
        add(&mut package, name, content_type, data)?;
        if let Some(relationship) = relationship {
            package.relate(MAIN, relationship, name);
        }
    }
    if !body.prompts.is_empty() {
        // The fields' placeholders, with the styles they are shown in.
        let glossary = "word/glossary/document.xml";
        let glossary_styles = "word/glossary/styles.xml";
        let glossary_xml = parts::glossary_xml(&body.prompts, language);
        add(
            &mut package,
            glossary,
            parts::GLOSSARY_CONTENT_TYPE,
            glossary_xml,
        )?;
        package.relate(MAIN, parts::GLOSSARY_RELATIONSHIP, glossary);
        let styles = parts::styles_xml(document);
        add(
            &mut package,
            glossary_styles,
            content_type::WORD_STYLES,
            styles,
        )?;
        package.relate(glossary, relationship_type::STYLES, glossary_styles);
    }
    package
        .finish()
        .map_err(|error| DocxError(error.to_string()))
}

fn add(
    package: &mut Package,
    name: &str,
    content_type: &str,
    data: Vec<u8>,
) -> Result<(), DocxError> {
    package
        .add_part(name, content_type, data)
        .map_err(|error| DocxError(error.to_string()))
}

/// A4 page geometry in twentieths of a point.
#[derive(Debug, Clone, Copy)]
struct Page {
    width: u32,
    height: u32,
    landscape: bool,
}

impl Page {
    /// Left, right, top and bottom margin (2 cm).
    const MARGIN: u32 = 1134;
    /// From the page edge to the footer (1 cm).
    const FOOTER: u32 = 567;

    fn of(orientation: Orientation) -> Page {
        let (short, long) = (11906, 16838);
        match orientation {
            Orientation::Portrait => Page {
                width: short,
                height: long,
                landscape: false,
            },
            Orientation::Landscape => Page {
                width: long,
                height: short,
                landscape: true,
            },
        }
    }

    /// The width between the margins.
    fn text_width(self) -> u32 {
        self.width - 2 * Page::MARGIN
    }
}

#[cfg(test)]
mod tests;
