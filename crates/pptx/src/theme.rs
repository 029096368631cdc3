//! The theme: the palette as the twelve theme colours, one font, and the minimal format scheme
//! (three entries in each style list, which PowerPoint requires).

use document::{Palette, Rgb, mix};
use ooxml::XmlWriter;
use ooxml::vocabulary::namespace;

/// The typeface of headings and body text. Office ships it; other programs substitute a
/// metric-compatible face (Carlito).
pub(crate) const TYPEFACE: &str = "Calibri";

/// The theme part for `palette`.
pub(crate) fn theme_xml(palette: &Palette) -> Vec<u8> {
    let mut xml = XmlWriter::new();
    xml.start(
        "a:theme",
        &[("xmlns:a", namespace::DRAWINGML), ("name", "klyngepakke")],
    );
    xml.start("a:themeElements", &[]);

    xml.start("a:clrScheme", &[("name", "klyngepakke")]);
    let colours: [(&str, Rgb); 12] = [
        ("a:dk1", palette.text),
        ("a:lt1", Rgb::WHITE),
        ("a:dk2", palette.primary),
        ("a:lt2", palette.grid),
        ("a:accent1", palette.primary),
        ("a:accent2", palette.secondary),
        ("a:accent3", palette.neutral),
        ("a:accent4", mix(palette.primary, Rgb::WHITE, 0.6)),
        ("a:accent5", mix(palette.secondary, Rgb::WHITE, 0.5)),
        ("a:accent6", palette.muted),
        ("a:hlink", palette.primary),
        ("a:folHlink", palette.muted),
    ];
    for (element, colour) in colours {
        xml.start(element, &[])
            .empty("a:srgbClr", &[("val", &colour.hex().to_uppercase())])
            .end();
    }
    xml.end();

    xml.start("a:fontScheme", &[("name", "klyngepakke")]);
    for element in ["a:majorFont", "a:minorFont"] {
        xml.start(element, &[])
            .empty("a:latin", &[("typeface", TYPEFACE)])
            .empty("a:ea", &[("typeface", "")])
            .empty("a:cs", &[("typeface", "")])
            .end();
    }
    xml.end();

    xml.start("a:fmtScheme", &[("name", "klyngepakke")]);
    let placeholder_fill = |xml: &mut XmlWriter| {
        xml.start("a:solidFill", &[])
            .empty("a:schemeClr", &[("val", "phClr")])
            .end();
    };
    xml.start("a:fillStyleLst", &[]);
    for _ in 0..3 {
        placeholder_fill(&mut xml);
    }
    xml.end();
    xml.start("a:lnStyleLst", &[]);
    for width in ["6350", "12700", "19050"] {
        xml.start("a:ln", &[("w", width)]);
        placeholder_fill(&mut xml);
        xml.end();
    }
    xml.end();
    xml.start("a:effectStyleLst", &[]);
    for _ in 0..3 {
        xml.start("a:effectStyle", &[])
            .empty("a:effectLst", &[])
            .end();
    }
    xml.end();
    xml.start("a:bgFillStyleLst", &[]);
    for _ in 0..3 {
        placeholder_fill(&mut xml);
    }
    xml.end();
    xml.end(); // fmtScheme

    xml.end(); // themeElements
    xml.end(); // theme
    xml.finish()
}
