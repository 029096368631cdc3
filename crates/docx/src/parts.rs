//! The parts around the body: styles, numbering, settings, the footer, and the glossary that
//! holds the fields' placeholders.

use document::{Document, Rgb};
use ooxml::XmlWriter;
use ooxml::vocabulary::namespace;

use crate::Page;

/// Content type of the glossary document (ECMA-376 Part 1, §11.3.8); not in `ooxml`'s vocabulary.
pub(crate) const GLOSSARY_CONTENT_TYPE: &str =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.glossary+xml";
/// Main document → glossary document.
pub(crate) const GLOSSARY_RELATIONSHIP: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/glossaryDocument";

/// The character style of a field's prompt.
pub(crate) const PLACEHOLDER_STYLE: &str = "PlaceholderText";

/// The font of every style.
const FONT: &str = "Calibri";

/// The glossary entry name of the `index`th prompt.
pub(crate) fn placeholder_name(index: usize) -> String {
    format!("Udfyldningsfelt{}", index + 1)
}

/// `word/styles.xml`: document defaults (font, size, language) and the named styles the body
/// uses. Heading names are Word's built-in ones ("heading 1"), so Word shows them as Heading 1
/// in any interface language and the navigation pane lists them.
pub(crate) fn styles_xml(document: &Document) -> Vec<u8> {
    let palette = &document.palette;
    let mut xml = XmlWriter::new();
    xml.start("w:styles", &[("xmlns:w", namespace::WORDPROCESSINGML)]);
    xml.start("w:docDefaults", &[])
        .start("w:rPrDefault", &[])
        .start("w:rPr", &[]);
    xml.empty(
        "w:rFonts",
        &[
            ("w:ascii", FONT),
            ("w:hAnsi", FONT),
            ("w:eastAsia", FONT),
            ("w:cs", FONT),
        ],
    );
    xml.empty("w:sz", &[("w:val", "22")])
        .empty("w:szCs", &[("w:val", "22")]);
    xml.empty(
        "w:lang",
        &[
            ("w:val", &document.meta.language),
            ("w:eastAsia", &document.meta.language),
        ],
    );
    xml.end().end();
    xml.start("w:pPrDefault", &[]).start("w:pPr", &[]);
    xml.empty(
        "w:spacing",
        &[
            ("w:after", "120"),
            ("w:line", "264"),
            ("w:lineRule", "auto"),
        ],
    );
    xml.end().end().end();

    let style = |xml: &mut XmlWriter, spec: &StyleSpec<'_>| spec.write(xml);
    style(
        &mut xml,
        &StyleSpec {
            kind: "paragraph",
            id: "Normal",
            name: "Normal",
            default: true,
            color: Some(palette.text),
            ..StyleSpec::default()
        },
    );
    for (level, size, before) in [(1, "36", "0"), (2, "28", "280"), (3, "24", "200")] {
        let id = format!("Heading{level}");
        let name = format!("heading {level}");
        let outline = (level - 1).to_string();
        style(
            &mut xml,
            &StyleSpec {
                kind: "paragraph",
                id: &id,
                name: &name,
                based_on: Some("Normal"),
                next: Some("Normal"),
                priority: Some("9"),
                keep_next: true,
                spacing: Some((before, "120")),
                outline_level: Some(&outline),
                bold: true,
                color: Some(palette.primary),
                size: Some(size),
                ..StyleSpec::default()
            },
        );
    }
    style(
        &mut xml,
        &StyleSpec {
            kind: "paragraph",
            id: "Note",
            name: "Note",
            based_on: Some("Normal"),
            color: Some(palette.muted),
            size: Some("18"),
            ..StyleSpec::default()
        },
    );
    style(
        &mut xml,
        &StyleSpec {
            kind: "paragraph",
            id: "Caption",
            name: "caption",
            based_on: Some("Normal"),
            next: Some("Normal"),
            priority: Some("35"),
            spacing: Some(("120", "60")),
            bold: true,
            color: Some(palette.text),
            size: Some("20"),
            ..StyleSpec::default()
        },
    );
    style(
        &mut xml,
        &StyleSpec {
            kind: "paragraph",
            id: "ListParagraph",
            name: "List Paragraph",
            based_on: Some("Normal"),
            priority: Some("34"),
            spacing: Some(("0", "120")),
            contextual_spacing: true,
            ..StyleSpec::default()
        },
    );
    style(
        &mut xml,
        &StyleSpec {
            kind: "paragraph",
            id: "TableText",
            name: "Table Text",
            based_on: Some("Normal"),
            spacing: Some(("0", "0")),
            size: Some("20"),
            ..StyleSpec::default()
        },
    );
    style(
        &mut xml,
        &StyleSpec {
            kind: "paragraph",
            id: "Footer",
            name: "footer",
            based_on: Some("Normal"),
            priority: Some("99"),
            spacing: Some(("0", "0")),
            color: Some(palette.muted),
            size: Some("18"),
            ..StyleSpec::default()
        },
    );
    style(
        &mut xml,
        &StyleSpec {
            kind: "character",
            id: "Hyperlink",
            name: "Hyperlink",
            priority: Some("99"),
            color: Some(palette.primary),
            underline: true,
            ..StyleSpec::default()
        },
    );
    style(
        &mut xml,
        &StyleSpec {
            kind: "character",
            id: PLACEHOLDER_STYLE,
            name: "Placeholder Text",
            priority: Some("99"),
            color: Some(palette.muted),
            italic: true,
            ..StyleSpec::default()
        },
    );
    xml.end();
    xml.finish()
}

/// One style's properties.
#[derive(Default)]
struct StyleSpec<'a> {
    kind: &'a str,
    id: &'a str,
    name: &'a str,
    default: bool,
    based_on: Option<&'a str>,
    next: Option<&'a str>,
    priority: Option<&'a str>,
    keep_next: bool,
    /// No space between paragraphs of this style (a list's items), only around them.
    contextual_spacing: bool,
    /// Before and after, in twentieths of a point.
    spacing: Option<(&'a str, &'a str)>,
    outline_level: Option<&'a str>,
    bold: bool,
    italic: bool,
    underline: bool,
    color: Option<Rgb>,
    /// In half-points.
    size: Option<&'a str>,
}

impl StyleSpec<'_> {
    /// Writes the style with its children in schema order.
    fn write(&self, xml: &mut XmlWriter) {
        let mut attributes = vec![("w:type", self.kind), ("w:styleId", self.id)];
        if self.default {
            attributes.push(("w:default", "1"));
        }
        xml.start("w:style", &attributes);
        xml.empty("w:name", &[("w:val", self.name)]);
        if let Some(based_on) = self.based_on {
            xml.empty("w:basedOn", &[("w:val", based_on)]);
        }
        if let Some(next) = self.next {
            xml.empty("w:next", &[("w:val", next)]);
        }
        if let Some(priority) = self.priority {
            xml.empty("w:uiPriority", &[("w:val", priority)]);
        }
        if self.default || self.outline_level.is_some() || self.id == "Caption" {
            xml.empty("w:qFormat", &[]);
        }
        if self.keep_next
            || self.spacing.is_some()
            || self.contextual_spacing
            || self.outline_level.is_some()
        {
            xml.start("w:pPr", &[]);
            if self.keep_next {
                xml.empty("w:keepNext", &[]).empty("w:keepLines", &[]);
            }
            if let Some((before, after)) = self.spacing {
                xml.empty("w:spacing", &[("w:before", before), ("w:after", after)]);
            }
            if self.contextual_spacing {
                xml.empty("w:contextualSpacing", &[]);
            }
            if let Some(level) = self.outline_level {
                xml.empty("w:outlineLvl", &[("w:val", level)]);
            }
            xml.end();
        }
        xml.start("w:rPr", &[]);
        if self.bold {
            xml.empty("w:b", &[]).empty("w:bCs", &[]);
        }
        if self.italic {
            xml.empty("w:i", &[]).empty("w:iCs", &[]);
        }
        if let Some(color) = self.color {
            xml.empty("w:color", &[("w:val", &color.hex())]);
        }
        if let Some(size) = self.size {
            xml.empty("w:sz", &[("w:val", size)])
                .empty("w:szCs", &[("w:val", size)]);
        }
        if self.underline {
            xml.empty("w:u", &[("w:val", "single")]);
        }
        xml.end();
        xml.end();
    }
}

/// `word/numbering.xml`: per list of the body, an abstract numbering whose levels are numbered
/// ("1.", "a)", "i.") or bulleted as that list's levels are, and a numbering instance of it, so
/// every list counts from 1.
pub(crate) fn numbering_xml(lists: &[Vec<bool>]) -> Vec<u8> {
    const LEVELS: usize = 9;
    let mut xml = XmlWriter::new();
    xml.start("w:numbering", &[("xmlns:w", namespace::WORDPROCESSINGML)]);
    for (index, ordered) in lists.iter().enumerate() {
        let id = index.to_string();
        xml.start("w:abstractNum", &[("w:abstractNumId", &id)]);
        xml.empty(
            "w:nsid",
            &[("w:val", &format!("{:08X}", 0x4B50_0000 + index))],
        );
        xml.empty("w:multiLevelType", &[("w:val", "multilevel")]);
        for level in 0..LEVELS {
            let numbered = ordered.get(level).copied().unwrap_or(false);
            let (format, text) = match (numbered, level % 3) {
                (true, 0) => ("decimal", format!("%{}.", level + 1)),
                (true, 1) => ("lowerLetter", format!("%{})", level + 1)),
                (true, _) => ("lowerRoman", format!("%{}.", level + 1)),
                (false, 0) => ("bullet", "•".to_owned()),
                (false, 1) => ("bullet", "–".to_owned()),
                (false, _) => ("bullet", "▪".to_owned()),
            };
            let indent = (360 * (level + 1)).to_string();
            xml.start("w:lvl", &[("w:ilvl", &level.to_string())]);
            xml.empty("w:start", &[("w:val", "1")]);
            xml.empty("w:numFmt", &[("w:val", format)]);
            xml.empty("w:lvlText", &[("w:val", &text)]);
            xml.empty("w:lvlJc", &[("w:val", "left")]);
            xml.start("w:pPr", &[]);
            xml.empty("w:ind", &[("w:left", &indent), ("w:hanging", "360")]);
            xml.end();
            xml.end();
        }
        xml.end();
    }
    for index in 0..lists.len() {
        xml.start("w:num", &[("w:numId", &(index + 1).to_string())]);
        xml.empty("w:abstractNumId", &[("w:val", &index.to_string())]);
        xml.end();
    }
    xml.end();
    xml.finish()
}

/// `word/settings.xml`: 100 % zoom, the tab stop, and Word 2013+ layout (compatibility mode 15)
/// so Word does not open the document in compatibility mode.
pub(crate) fn settings_xml() -> Vec<u8> {
    let mut xml = XmlWriter::new();
    xml.start("w:settings", &[("xmlns:w", namespace::WORDPROCESSINGML)]);
    xml.empty("w:zoom", &[("w:percent", "100")]);
    xml.empty("w:defaultTabStop", &[("w:val", "709")]);
    xml.empty("w:characterSpacingControl", &[("w:val", "doNotCompress")]);
    xml.start("w:compat", &[]);
    xml.empty(
        "w:compatSetting",
        &[
            ("w:name", "compatibilityMode"),
            ("w:uri", "http://schemas.microsoft.com/office/word"),
            ("w:val", "15"),
        ],
    );
    xml.end();
    xml.end();
    xml.finish()
}

/// `word/footer1.xml`: the footer text, and the page number (a `PAGE` field) at the right
/// margin.
pub(crate) fn footer_xml(document: &Document, page: Page) -> Vec<u8> {
    let language = document.meta.language.as_str();
    let run = |xml: &mut XmlWriter, text: Option<&str>| {
        xml.start("w:r", &[]).start("w:rPr", &[]);
        xml.empty("w:lang", &[("w:val", language)]);
        xml.end();
        match text {
            Some(text) => xml.text_element("w:t", &[("xml:space", "preserve")], text),
            None => xml.empty("w:tab", &[]),
        };
        xml.end();
    };
    let mut xml = XmlWriter::new();
    xml.start("w:ftr", &[("xmlns:w", namespace::WORDPROCESSINGML)]);
    xml.start("w:p", &[]).start("w:pPr", &[]);
    xml.empty("w:pStyle", &[("w:val", "Footer")]);
    xml.start("w:tabs", &[]);
    xml.empty(
        "w:tab",
        &[
            ("w:val", "right"),
            ("w:pos", &page.text_width().to_string()),
        ],
    );
    xml.end().end();
    run(&mut xml, Some(&document.footer));
    run(&mut xml, None);
    xml.start("w:fldSimple", &[("w:instr", " PAGE ")]);
    run(&mut xml, Some("1"));
    xml.end();
    xml.end().end();
    xml.finish()
}

/// `word/glossary/document.xml`: one placeholder entry per prompt, which Word shows in an empty
/// field and restores when a field is cleared.
pub(crate) fn glossary_xml(prompts: &[String], language: &str) -> Vec<u8> {
    let mut xml = XmlWriter::new();
    xml.start(
        "w:glossaryDocument",
        &[("xmlns:w", namespace::WORDPROCESSINGML)],
    );
    xml.start("w:docParts", &[]);
    for (index, prompt) in prompts.iter().enumerate() {
        xml.start("w:docPart", &[]).start("w:docPartPr", &[]);
        xml.empty("w:name", &[("w:val", &placeholder_name(index))]);
        xml.start("w:category", &[]);
        xml.empty("w:name", &[("w:val", "General")]);
        xml.empty("w:gallery", &[("w:val", "placeholder")]);
        xml.end();
        xml.start("w:types", &[]);
        xml.empty("w:type", &[("w:val", "bbPlcHdr")]);
        xml.end();
        xml.start("w:behaviors", &[]);
        xml.empty("w:behavior", &[("w:val", "content")]);
        xml.end();
        let guid = format!("{{4B500000-0000-4000-8000-{:012X}}}", index + 1);
        xml.empty("w:guid", &[("w:val", &guid)]);
        xml.end();
        xml.start("w:docPartBody", &[])
            .start("w:p", &[])
            .start("w:r", &[]);
        xml.start("w:rPr", &[]);
        xml.empty("w:rStyle", &[("w:val", PLACEHOLDER_STYLE)]);
        xml.empty("w:lang", &[("w:val", language)]);
        xml.end();
        xml.text_element("w:t", &[("xml:space", "preserve")], prompt);
        xml.end().end().end().end();
    }
    xml.end().end();
    xml.finish()
}
