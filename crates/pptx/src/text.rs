//! Text: paragraphs, runs and lists of DrawingML (`a:p`), shared by slides, tables and notes.

use document::{Block, Inline, List, Palette, Rgb};
use ooxml::XmlWriter;

/// What every text writer needs: the colours and the language of the runs.
#[derive(Clone, Copy)]
pub(crate) struct Context<'a> {
    pub palette: &'a Palette,
    /// BCP 47 tag written on every run (`lang="da-DK"`), so spelling and hyphenation are Danish.
    pub language: &'a str,
}

/// How a paragraph's runs look where they differ from the placeholder's style.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct RunStyle {
    /// Size in hundredths of a point.
    pub size: Option<u32>,
    pub colour: Option<Rgb>,
    pub bold: bool,
    /// A theme font reference (`+mn-lt`) where the placeholder's style may not reach (footers).
    pub typeface: Option<&'static str>,
}

/// How a paragraph is set.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct ParagraphStyle {
    /// 0 for the first level of a list.
    pub level: u8,
    pub marker: Marker,
    pub align_right: bool,
    pub run: RunStyle,
}

/// A paragraph's list marker.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) enum Marker {
    /// Running text, no marker.
    #[default]
    None,
    /// A bullet character.
    Bullet,
    /// 1., 2., 3.
    Number,
}

/// Indentation of one list level.
const LIST_INDENT: u32 = 342_900;

/// Text sizes in hundredths of a point.
pub(crate) const HEADING_SIZE: u32 = 2000;
pub(crate) const NOTE_SIZE: u32 = 1200;

/// Writes the text blocks (headings, paragraphs, notes, lists) as paragraphs; charts and tables
/// are the caller's.
pub(crate) fn blocks(xml: &mut XmlWriter, blocks: &[&Block], context: Context<'_>) {
    for block in blocks {
        match block {
            Block::Heading { text, .. } => paragraph(
                xml,
                ParagraphStyle {
                    run: RunStyle {
                        size: Some(HEADING_SIZE),
                        colour: Some(context.palette.primary),
                        bold: true,
                        typeface: None,
                    },
                    ..ParagraphStyle::default()
                },
                &[Inline::plain(text.as_str())],
                context,
            ),
            Block::Paragraph(runs) => paragraph(xml, ParagraphStyle::default(), runs, context),
            Block::Note(text) => paragraph(
                xml,
                ParagraphStyle {
                    run: note_style(context.palette),
                    ..ParagraphStyle::default()
                },
                &[Inline::plain(text.as_str())],
                context,
            ),
            Block::List(list) => list_items(xml, list, 0, context),
            Block::Chart(_) | Block::Table(_) => {}
        }
    }
}

/// The style of a small, muted line (a note, a chart's bases).
pub(crate) fn note_style(palette: &Palette) -> RunStyle {
    RunStyle {
        size: Some(NOTE_SIZE),
        colour: Some(palette.muted),
        ..RunStyle::default()
    }
}

fn list_items(xml: &mut XmlWriter, list: &List, level: u8, context: Context<'_>) {
    let marker = if list.ordered {
        Marker::Number
    } else {
        Marker::Bullet
    };
    for item in &list.items {
        let style = ParagraphStyle {
            level,
            marker,
            ..ParagraphStyle::default()
        };
        paragraph(xml, style, &item.content, context);
        if let Some(children) = &item.children {
            list_items(xml, children, level + 1, context);
        }
    }
}

/// Writes one `a:p`. Line feeds in the text become line breaks; links keep their text only (a
/// slide links nowhere).
pub(crate) fn paragraph(
    xml: &mut XmlWriter,
    style: ParagraphStyle,
    runs: &[Inline],
    context: Context<'_>,
) {
    xml.start("a:p", &[]);
    paragraph_properties(xml, style);
    for inline in runs {
        let run_style = RunStyle {
            bold: style.run.bold || inline.strong,
            ..style.run
        };
        for (index, line) in inline.text.split('\n').enumerate() {
            if index > 0 {
                xml.start("a:br", &[]);
                run_properties(xml, "a:rPr", run_style, context);
                xml.end();
            }
            if !line.is_empty() {
                xml.start("a:r", &[]);
                run_properties(xml, "a:rPr", run_style, context);
                xml.text_element("a:t", &[], line).end();
            }
        }
    }
    run_properties(xml, "a:endParaRPr", style.run, context);
    xml.end();
}

fn paragraph_properties(xml: &mut XmlWriter, style: ParagraphStyle) {
    let level = style.level.to_string();
    let margin = (LIST_INDENT * (u32::from(style.level) + 1)).to_string();
    let indent = format!("-{LIST_INDENT}");
    let mut attributes: Vec<(&str, &str)> = Vec::new();
    if style.marker != Marker::None {
        attributes.extend([("marL", margin.as_str()), ("indent", indent.as_str())]);
    }
    if style.level > 0 {
        attributes.push(("lvl", &level));
    }
    if style.align_right {
        attributes.push(("algn", "r"));
    }
    if attributes.is_empty() {
        return;
    }
    xml.start("a:pPr", &attributes);
    match style.marker {
        Marker::None => {}
        Marker::Bullet => {
            xml.empty("a:buFont", &[("typeface", "Arial")])
                .empty("a:buChar", &[("char", "•")]);
        }
        Marker::Number => {
            xml.empty("a:buFont", &[("typeface", "+mj-lt")])
                .empty("a:buAutoNum", &[("type", "arabicPeriod")]);
        }
    }
    xml.end();
}

/// Writes `a:rPr` or `a:endParaRPr`: the language always, size, weight and colour when set.
pub(crate) fn run_properties(
    xml: &mut XmlWriter,
    element: &str,
    style: RunStyle,
    context: Context<'_>,
) {
    let size = style.size.map(|size| size.to_string());
    let mut attributes = vec![("lang", context.language)];
    if let Some(size) = &size {
        attributes.push(("sz", size));
    }
    if style.bold {
        attributes.push(("b", "1"));
    }
    attributes.push(("dirty", "0"));
    if style.colour.is_none() && style.typeface.is_none() {
        xml.empty(element, &attributes);
        return;
    }
    xml.start(element, &attributes);
    if let Some(colour) = style.colour {
        solid_fill(xml, colour);
    }
    if let Some(typeface) = style.typeface {
        xml.empty("a:latin", &[("typeface", typeface)]);
    }
    xml.end();
}

/// `<a:solidFill><a:srgbClr val="1B4F72"/></a:solidFill>`.
pub(crate) fn solid_fill(xml: &mut XmlWriter, colour: Rgb) {
    xml.start("a:solidFill", &[])
        .empty("a:srgbClr", &[("val", &colour.hex().to_uppercase())])
        .end();
}

#[cfg(test)]
mod tests {
    use super::*;
    use document::ListItem;

    fn written(write: impl FnOnce(&mut XmlWriter, Context<'_>)) -> String {
        let palette = Palette::new(
            Rgb(0x1b, 0x4f, 0x72),
            Rgb(0xd9, 0x82, 0x2b),
            Rgb(0x22, 0x22, 0x22),
        );
        let context = Context {
            palette: &palette,
            language: "da-DK",
        };
        let mut xml = XmlWriter::new();
        xml.start("root", &[]);
        write(&mut xml, context);
        xml.end();
        let text = String::from_utf8(xml.finish()).unwrap();
        text[text.find("<root>").unwrap() + 6..text.len() - 7].to_owned()
    }

    #[test]
    fn runs_carry_the_language_bold_and_line_breaks() {
        let text = written(|xml, context| {
            let runs = [
                Inline::plain("Første linje\nanden & sidste"),
                Inline::strong(" fed"),
            ];
            paragraph(xml, ParagraphStyle::default(), &runs, context);
        });
        assert_eq!(
            text,
            "<a:p><a:r><a:rPr lang=\"da-DK\" dirty=\"0\"/><a:t>Første linje</a:t></a:r>\
             <a:br><a:rPr lang=\"da-DK\" dirty=\"0\"/></a:br>\
             <a:r><a:rPr lang=\"da-DK\" dirty=\"0\"/><a:t>anden &amp; sidste</a:t></a:r>\
             <a:r><a:rPr lang=\"da-DK\" b=\"1\" dirty=\"0\"/><a:t> fed</a:t></a:r>\
             <a:endParaRPr lang=\"da-DK\" dirty=\"0\"/></a:p>"
        );
    }

    #[test]
    fn lists_are_indented_per_level_with_bullets_or_numbers() {
        let item = |text: &str, children: Option<List>| ListItem {
            content: vec![Inline::plain(text)],
            children,
        };
        let list = List {
            ordered: true,
            items: vec![item(
                "Et",
                Some(List {
                    ordered: false,
                    items: vec![item("Under", None)],
                }),
            )],
        };
        let text = written(|xml, context| blocks(xml, &[&Block::List(list)], context));
        assert!(
            text.contains("<a:pPr marL=\"342900\" indent=\"-342900\"><a:buFont typeface=\"+mj-lt\"/><a:buAutoNum type=\"arabicPeriod\"/></a:pPr>"),
            "{text}"
        );
        assert!(
            text.contains("<a:pPr marL=\"685800\" indent=\"-342900\" lvl=\"1\"><a:buFont typeface=\"Arial\"/><a:buChar char=\"•\"/></a:pPr>"),
            "{text}"
        );
    }

    #[test]
    fn notes_are_small_and_muted() {
        let text = written(|xml, context| blocks(xml, &[&Block::Note("Kilde".into())], context));
        assert!(text.contains("<a:rPr lang=\"da-DK\" sz=\"1200\" dirty=\"0\"><a:solidFill><a:srgbClr val=\"5E6266\"/></a:solidFill></a:rPr><a:t>Kilde</a:t>"), "{text}");
    }
}
