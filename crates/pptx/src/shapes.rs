//! Shapes shared by masters, layouts, slides and notes: the shape tree, placeholders, text boxes,
//! rectangles and text bodies.

use document::Rgb;
use ooxml::XmlWriter;

use crate::geometry::Frame;
use crate::text::solid_fill;

/// A placeholder's identity: its type (`title`, `body`, `ftr`, …) and index, as the master,
/// layout and slide agree on them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Placeholder {
    pub kind: Option<&'static str>,
    pub index: Option<u32>,
}

impl Placeholder {
    pub const TITLE: Placeholder = Placeholder {
        kind: Some("title"),
        index: None,
    };
    pub const CENTRE_TITLE: Placeholder = Placeholder {
        kind: Some("ctrTitle"),
        index: None,
    };
    pub const SUBTITLE: Placeholder = Placeholder {
        kind: Some("subTitle"),
        index: Some(1),
    };
    /// The body in the master (typed) …
    pub const MASTER_BODY: Placeholder = Placeholder {
        kind: Some("body"),
        index: Some(1),
    };
    /// … and the content placeholder of the layout and its slides, which inherits from it.
    pub const CONTENT: Placeholder = Placeholder {
        kind: None,
        index: Some(1),
    };
    pub const FOOTER: Placeholder = Placeholder {
        kind: Some("ftr"),
        index: Some(11),
    };
    pub const SLIDE_NUMBER: Placeholder = Placeholder {
        kind: Some("sldNum"),
        index: Some(12),
    };
    pub const NOTES_IMAGE: Placeholder = Placeholder {
        kind: Some("sldImg"),
        index: None,
    };
    pub const NOTES_BODY: Placeholder = Placeholder {
        kind: Some("body"),
        index: Some(1),
    };
}

/// The fixed id of the slide-number field (a GUID, the same in every file).
pub(crate) const SLIDE_NUMBER_FIELD: &str = "{7C2F3A1E-5B4D-4E8A-9C61-2D0B3F4A5E6C}";

/// Opens `p:cSld` (named, for a layout) with its background and its shape tree with the group's
/// own properties; close both with [`end_shape_tree`].
pub(crate) fn start_shape_tree(xml: &mut XmlWriter, name: Option<&str>, background: Option<Rgb>) {
    match name {
        Some(name) => xml.start("p:cSld", &[("name", name)]),
        None => xml.start("p:cSld", &[]),
    };
    if let Some(colour) = background {
        xml.start("p:bg", &[]).start("p:bgPr", &[]);
        solid_fill(xml, colour);
        xml.empty("a:effectLst", &[]).end().end();
    }
    xml.start("p:spTree", &[])
        .start("p:nvGrpSpPr", &[])
        .empty("p:cNvPr", &[("id", "1"), ("name", "")])
        .empty("p:cNvGrpSpPr", &[])
        .empty("p:nvPr", &[])
        .end()
        .start("p:grpSpPr", &[])
        .start("a:xfrm", &[])
        .empty("a:off", &[("x", "0"), ("y", "0")])
        .empty("a:ext", &[("cx", "0"), ("cy", "0")])
        .empty("a:chOff", &[("x", "0"), ("y", "0")])
        .empty("a:chExt", &[("cx", "0"), ("cy", "0")])
        .end()
        .end();
}

/// Closes the shape tree and `p:cSld`.
pub(crate) fn end_shape_tree(xml: &mut XmlWriter) {
    xml.end().end();
}

/// `<{element}><a:off/><a:ext/></{element}>` for a frame.
pub(crate) fn transform(xml: &mut XmlWriter, element: &str, frame: Frame) {
    xml.start(element, &[])
        .empty(
            "a:off",
            &[("x", &frame.x.to_string()), ("y", &frame.y.to_string())],
        )
        .empty(
            "a:ext",
            &[
                ("cx", &frame.width.to_string()),
                ("cy", &frame.height.to_string()),
            ],
        )
        .end();
}

/// Opens a placeholder shape (`p:sp`), positioned at `frame` or where its layout puts it; the
/// caller writes the text body (or none) and closes the shape.
pub(crate) fn start_placeholder(
    xml: &mut XmlWriter,
    id: u32,
    name: &str,
    placeholder: Placeholder,
    frame: Option<Frame>,
) {
    let index = placeholder.index.map(|index| index.to_string());
    let mut attributes: Vec<(&str, &str)> = Vec::new();
    if let Some(kind) = placeholder.kind {
        attributes.push(("type", kind));
    }
    if matches!(placeholder.kind, Some("ftr" | "sldNum")) {
        attributes.push(("sz", "quarter"));
    }
    if let Some(index) = &index {
        attributes.push(("idx", index));
    }
    let locks: &[(&str, &str)] = if placeholder == Placeholder::NOTES_IMAGE {
        &[("noGrp", "1"), ("noRot", "1"), ("noChangeAspect", "1")]
    } else {
        &[("noGrp", "1")]
    };
    xml.start("p:sp", &[])
        .start("p:nvSpPr", &[])
        .empty("p:cNvPr", &[("id", &id.to_string()), ("name", name)])
        .start("p:cNvSpPr", &[])
        .empty("a:spLocks", locks)
        .end()
        .start("p:nvPr", &[])
        .empty("p:ph", &attributes)
        .end()
        .end();
    match frame {
        Some(frame) => {
            xml.start("p:spPr", &[]);
            transform(xml, "a:xfrm", frame);
            xml.end();
        }
        None => {
            xml.empty("p:spPr", &[]);
        }
    }
}

/// Opens a text box (`p:sp` with `txBox`) at `frame`; the caller writes the text body and closes
/// the shape.
pub(crate) fn start_text_box(xml: &mut XmlWriter, id: u32, name: &str, frame: Frame) {
    xml.start("p:sp", &[])
        .start("p:nvSpPr", &[])
        .empty("p:cNvPr", &[("id", &id.to_string()), ("name", name)])
        .empty("p:cNvSpPr", &[("txBox", "1")])
        .empty("p:nvPr", &[])
        .end()
        .start("p:spPr", &[]);
    transform(xml, "a:xfrm", frame);
    xml.start("a:prstGeom", &[("prst", "rect")])
        .empty("a:avLst", &[])
        .end()
        .empty("a:noFill", &[])
        .end();
}

/// A filled rectangle without outline (decoration on masters and layouts).
pub(crate) fn rectangle(xml: &mut XmlWriter, id: u32, name: &str, frame: Frame, colour: Rgb) {
    xml.start("p:sp", &[])
        .start("p:nvSpPr", &[])
        .empty("p:cNvPr", &[("id", &id.to_string()), ("name", name)])
        .empty("p:cNvSpPr", &[])
        .empty("p:nvPr", &[("userDrawn", "1")])
        .end()
        .start("p:spPr", &[]);
    transform(xml, "a:xfrm", frame);
    xml.start("a:prstGeom", &[("prst", "rect")])
        .empty("a:avLst", &[])
        .end();
    solid_fill(xml, colour);
    xml.start("a:ln", &[]).empty("a:noFill", &[]).end();
    xml.end(); // spPr
    xml.end(); // sp
}

/// How a text body sits in its shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Anchor {
    Top,
    Middle,
    Bottom,
}

/// Opens a text body (`p:txBody` in a shape, `a:txBody` in a table cell) with wrapping, the
/// anchor, and shrink-to-fit when `shrink` (PowerPoint then scales long text into the frame).
pub(crate) fn start_text_body(xml: &mut XmlWriter, element: &str, anchor: Anchor, shrink: bool) {
    let anchor = match anchor {
        Anchor::Top => "t",
        Anchor::Middle => "ctr",
        Anchor::Bottom => "b",
    };
    if shrink {
        xml.start(element, &[])
            .start("a:bodyPr", &[("wrap", "square"), ("anchor", anchor)])
            .empty("a:normAutofit", &[])
            .end();
    } else {
        xml.start(element, &[])
            .empty("a:bodyPr", &[("wrap", "square"), ("anchor", anchor)]);
    }
    xml.empty("a:lstStyle", &[]);
}
