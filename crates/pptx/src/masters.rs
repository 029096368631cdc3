//! The slide master, its two layouts (title slide; title and content) and the notes master.

use document::{Palette, Rgb};
use ooxml::XmlWriter;

use crate::geometry::{
    self, BODY, CENTRE_TITLE, FOOTER, SLIDE_NUMBER, SUBTITLE, TITLE, TITLE_BAND, TITLE_RULE,
};
use crate::shapes::{
    Anchor, Placeholder, SLIDE_NUMBER_FIELD, end_shape_tree, rectangle, start_placeholder,
    start_shape_tree, start_text_body,
};
use crate::text::{Context, RunStyle, run_properties};

/// Ids of the master and its layouts: at least 2^31, unique, the layouts after the master.
pub(crate) const MASTER_ID: u32 = 2_147_483_648;

/// The layouts, in the order of the master's layout list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Layout {
    Title,
    Content,
}

impl Layout {
    pub const ALL: [Layout; 2] = [Layout::Title, Layout::Content];

    /// The part name.
    pub fn part(self) -> &'static str {
        match self {
            Layout::Title => "ppt/slideLayouts/slideLayout1.xml",
            Layout::Content => "ppt/slideLayouts/slideLayout2.xml",
        }
    }

    fn id(self) -> u32 {
        match self {
            Layout::Title => MASTER_ID + 1,
            Layout::Content => MASTER_ID + 2,
        }
    }
}

/// The colour map every master uses: background light 1, text dark 1.
fn colour_map(xml: &mut XmlWriter, element: &str) {
    xml.empty(
        element,
        &[
            ("bg1", "lt1"),
            ("tx1", "dk1"),
            ("bg2", "lt2"),
            ("tx2", "dk2"),
            ("accent1", "accent1"),
            ("accent2", "accent2"),
            ("accent3", "accent3"),
            ("accent4", "accent4"),
            ("accent5", "accent5"),
            ("accent6", "accent6"),
            ("hlink", "hlink"),
            ("folHlink", "folHlink"),
        ],
    );
}

fn namespaces() -> [(&'static str, &'static str); 3] {
    use ooxml::vocabulary::namespace;
    [
        ("xmlns:a", namespace::DRAWINGML),
        ("xmlns:r", namespace::OFFICE_RELATIONSHIPS),
        ("xmlns:p", namespace::PRESENTATIONML),
    ]
}

/// An empty text body for a placeholder (its style comes from the master's text styles).
fn empty_body(xml: &mut XmlWriter, anchor: Anchor, context: Context<'_>) {
    start_text_body(xml, "p:txBody", anchor, true);
    xml.start("a:p", &[]);
    run_properties(xml, "a:endParaRPr", RunStyle::default(), context);
    xml.end().end();
}

/// The size of footer and slide-number text, in hundredths of a point.
pub(crate) const SMALL_SIZE: u32 = 1000;

/// What a small text body at the foot of a slide holds.
#[derive(Debug, Clone, Copy)]
pub(crate) enum SmallText<'a> {
    /// The footer's text (empty on the master).
    Footer(&'a str),
    /// The slide number: the field PowerPoint fills in, showing this until it does.
    SlideNumber(&'a str),
}

/// The text body of the footer or the slide number: small, muted, in the theme's body font, the
/// number right-aligned. The font is named on the runs too, as not every reader applies a
/// placeholder's list style.
pub(crate) fn small_text_body(xml: &mut XmlWriter, content: SmallText<'_>, context: Context<'_>) {
    let style = RunStyle {
        size: Some(SMALL_SIZE),
        colour: Some(context.palette.muted),
        bold: false,
        typeface: Some("+mn-lt"),
    };
    let align = match content {
        SmallText::Footer(_) => "l",
        SmallText::SlideNumber(_) => "r",
    };
    xml.start("p:txBody", &[])
        .empty("a:bodyPr", &[("wrap", "square"), ("anchor", "ctr")])
        .start("a:lstStyle", &[])
        .start("a:lvl1pPr", &[("algn", align)]);
    run_properties(xml, "a:defRPr", style, context);
    xml.end().end();
    xml.start("a:p", &[]).empty("a:pPr", &[("algn", align)]);
    match content {
        SmallText::Footer("") => {}
        SmallText::Footer(text) => {
            xml.start("a:r", &[]);
            run_properties(xml, "a:rPr", style, context);
            xml.text_element("a:t", &[], text).end();
        }
        SmallText::SlideNumber(number) => {
            xml.start("a:fld", &[("id", SLIDE_NUMBER_FIELD), ("type", "slidenum")]);
            run_properties(xml, "a:rPr", style, context);
            xml.text_element("a:t", &[], number).end();
        }
    }
    run_properties(xml, "a:endParaRPr", style, context);
    xml.end().end();
}

/// A text level's properties: space before, no bullet, size, colour and the theme font.
fn level(
    xml: &mut XmlWriter,
    element: &str,
    size: u32,
    colour: &str,
    bold: bool,
    space_before: Option<u32>,
) {
    xml.start(element, &[("marL", "0"), ("indent", "0"), ("algn", "l")]);
    if let Some(points) = space_before {
        xml.start("a:spcBef", &[])
            .empty("a:spcPts", &[("val", &points.to_string())])
            .end();
    }
    xml.empty("a:buNone", &[]);
    let size = size.to_string();
    let mut attributes = vec![("sz", size.as_str())];
    if bold {
        attributes.push(("b", "1"));
    }
    let font = if element == "a:lvl1pPr" && bold {
        "+mj"
    } else {
        "+mn"
    };
    xml.start("a:defRPr", &attributes)
        .start("a:solidFill", &[])
        .empty("a:schemeClr", &[("val", colour)])
        .end()
        .empty("a:latin", &[("typeface", &format!("{font}-lt"))])
        .empty("a:ea", &[("typeface", &format!("{font}-ea"))])
        .empty("a:cs", &[("typeface", &format!("{font}-cs"))])
        .end();
    xml.end();
}

/// The slide master: title, body, footer and slide number placeholders, a rule under the title,
/// and the text styles every slide inherits. `layouts` are the relationship ids of the layouts
/// in [`Layout::ALL`] order.
pub(crate) fn master_xml(palette: &Palette, layouts: &[String], context: Context<'_>) -> Vec<u8> {
    let mut xml = XmlWriter::new();
    xml.start("p:sldMaster", &namespaces());
    start_shape_tree(&mut xml, None, Some(Rgb::WHITE));
    start_placeholder(&mut xml, 2, "Titel", Placeholder::TITLE, Some(TITLE));
    empty_body(&mut xml, Anchor::Bottom, context);
    xml.end();
    start_placeholder(&mut xml, 3, "Indhold", Placeholder::MASTER_BODY, Some(BODY));
    empty_body(&mut xml, Anchor::Top, context);
    xml.end();
    start_placeholder(&mut xml, 4, "Sidefod", Placeholder::FOOTER, Some(FOOTER));
    small_text_body(&mut xml, SmallText::Footer(""), context);
    xml.end();
    start_placeholder(
        &mut xml,
        5,
        "Slidenummer",
        Placeholder::SLIDE_NUMBER,
        Some(SLIDE_NUMBER),
    );
    small_text_body(&mut xml, SmallText::SlideNumber("‹#›"), context);
    xml.end();
    rectangle(
        &mut xml,
        6,
        "Streg under titel",
        TITLE_RULE,
        palette.primary,
    );
    end_shape_tree(&mut xml);
    colour_map(&mut xml, "p:clrMap");
    xml.start("p:sldLayoutIdLst", &[]);
    for (layout, relationship) in Layout::ALL.iter().zip(layouts) {
        xml.empty(
            "p:sldLayoutId",
            &[("id", &layout.id().to_string()), ("r:id", relationship)],
        );
    }
    xml.end();
    xml.start("p:txStyles", &[]);
    xml.start("p:titleStyle", &[]);
    level(&mut xml, "a:lvl1pPr", 3000, "tx2", true, None);
    xml.end();
    xml.start("p:bodyStyle", &[]);
    level(&mut xml, "a:lvl1pPr", 1800, "tx1", false, Some(1000));
    level(&mut xml, "a:lvl2pPr", 1600, "tx1", false, Some(400));
    level(&mut xml, "a:lvl3pPr", 1400, "tx1", false, Some(300));
    xml.end();
    xml.start("p:otherStyle", &[]);
    level(&mut xml, "a:lvl1pPr", 1800, "tx1", false, None);
    xml.end();
    xml.end(); // txStyles
    xml.end();
    xml.finish()
}

/// A layout: the title slide (centred title, subtitle, a band in the primary colour, no master
/// decoration) or title and content (the master's placeholders).
pub(crate) fn layout_xml(layout: Layout, palette: &Palette) -> Vec<u8> {
    let mut xml = XmlWriter::new();
    let mut attributes = namespaces().to_vec();
    match layout {
        Layout::Title => attributes.extend([("type", "title"), ("showMasterSp", "0")]),
        Layout::Content => attributes.push(("type", "obj")),
    }
    attributes.push(("preserve", "1"));
    xml.start("p:sldLayout", &attributes);
    let name = match layout {
        Layout::Title => "Titelslide",
        Layout::Content => "Titel og indhold",
    };
    start_shape_tree(&mut xml, Some(name), None);
    match layout {
        Layout::Title => {
            rectangle(&mut xml, 2, "Farvebånd", TITLE_BAND, palette.primary);
            start_placeholder(
                &mut xml,
                3,
                "Titel",
                Placeholder::CENTRE_TITLE,
                Some(CENTRE_TITLE),
            );
            xml.start("p:txBody", &[])
                .empty("a:bodyPr", &[("anchor", "b")])
                .start("a:lstStyle", &[])
                .start("a:lvl1pPr", &[])
                .empty("a:defRPr", &[("sz", "4000")])
                .end()
                .end()
                .start("a:p", &[])
                .end()
                .end();
            xml.end();
            start_placeholder(
                &mut xml,
                4,
                "Undertitel",
                Placeholder::SUBTITLE,
                Some(SUBTITLE),
            );
            xml.start("p:txBody", &[])
                .empty("a:bodyPr", &[("anchor", "t")])
                .start("a:lstStyle", &[])
                .start("a:lvl1pPr", &[("marL", "0"), ("indent", "0")])
                .start("a:spcBef", &[])
                .empty("a:spcPts", &[("val", "600")])
                .end()
                .empty("a:buNone", &[])
                .empty("a:defRPr", &[("sz", "2000")])
                .end()
                .end()
                .start("a:p", &[])
                .end()
                .end();
            xml.end();
        }
        Layout::Content => {
            for (id, name, placeholder) in [
                (2, "Titel", Placeholder::TITLE),
                (3, "Indhold", Placeholder::CONTENT),
                (4, "Sidefod", Placeholder::FOOTER),
                (5, "Slidenummer", Placeholder::SLIDE_NUMBER),
            ] {
                start_placeholder(&mut xml, id, name, placeholder, None);
                xml.end();
            }
        }
    }
    end_shape_tree(&mut xml);
    xml.start("p:clrMapOvr", &[])
        .empty("a:masterClrMapping", &[])
        .end();
    xml.end();
    xml.finish()
}

/// The notes master: the slide image above the speaker notes, 12 pt text.
pub(crate) fn notes_master_xml(context: Context<'_>) -> Vec<u8> {
    let mut xml = XmlWriter::new();
    xml.start("p:notesMaster", &namespaces());
    start_shape_tree(&mut xml, None, Some(Rgb::WHITE));
    start_placeholder(
        &mut xml,
        2,
        "Slidebillede",
        Placeholder::NOTES_IMAGE,
        Some(geometry::NOTES_SLIDE_IMAGE),
    );
    xml.end();
    start_placeholder(
        &mut xml,
        3,
        "Noter",
        Placeholder::NOTES_BODY,
        Some(geometry::NOTES_BODY),
    );
    empty_body(&mut xml, Anchor::Top, context);
    xml.end();
    end_shape_tree(&mut xml);
    colour_map(&mut xml, "p:clrMap");
    xml.start("p:notesStyle", &[]);
    level(&mut xml, "a:lvl1pPr", 1200, "tx1", false, Some(600));
    xml.end();
    xml.end();
    xml.finish()
}
