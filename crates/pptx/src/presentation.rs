//! `ppt/presentation.xml` and the small presentation-wide parts beside it.

use ooxml::XmlWriter;
use ooxml::vocabulary::namespace;

use crate::geometry::{NOTES_HEIGHT, NOTES_WIDTH, SLIDE_HEIGHT, SLIDE_WIDTH};
use crate::masters::MASTER_ID;

/// The first slide id; PowerPoint's range is 256 to 2^31 − 1.
const FIRST_SLIDE_ID: u32 = 256;

fn namespaces() -> [(&'static str, &'static str); 3] {
    [
        ("xmlns:a", namespace::DRAWINGML),
        ("xmlns:r", namespace::OFFICE_RELATIONSHIPS),
        ("xmlns:p", namespace::PRESENTATIONML),
    ]
}

/// The relationship ids the presentation part refers to.
pub(crate) struct PresentationRelationships {
    pub master: String,
    pub notes_master: String,
    pub slides: Vec<String>,
}

/// The presentation: its master, notes master, slides in order, 16:9 slide size, portrait notes
/// and the default text language.
pub(crate) fn presentation_xml(
    relationships: &PresentationRelationships,
    language: &str,
) -> Vec<u8> {
    let mut xml = XmlWriter::new();
    let mut attributes = namespaces().to_vec();
    attributes.push(("saveSubsetFonts", "1"));
    xml.start("p:presentation", &attributes);
    xml.start("p:sldMasterIdLst", &[])
        .empty(
            "p:sldMasterId",
            &[
                ("id", &MASTER_ID.to_string()),
                ("r:id", &relationships.master),
            ],
        )
        .end();
    xml.start("p:notesMasterIdLst", &[])
        .empty("p:notesMasterId", &[("r:id", &relationships.notes_master)])
        .end();
    xml.start("p:sldIdLst", &[]);
    for (id, relationship) in (FIRST_SLIDE_ID..).zip(&relationships.slides) {
        xml.empty(
            "p:sldId",
            &[("id", &id.to_string()), ("r:id", relationship)],
        );
    }
    xml.end();
    xml.empty(
        "p:sldSz",
        &[
            ("cx", &SLIDE_WIDTH.to_string()),
            ("cy", &SLIDE_HEIGHT.to_string()),
        ],
    );
    xml.empty(
        "p:notesSz",
        &[
            ("cx", &NOTES_WIDTH.to_string()),
            ("cy", &NOTES_HEIGHT.to_string()),
        ],
    );
    xml.start("p:defaultTextStyle", &[])
        .start("a:defPPr", &[])
        .empty("a:defRPr", &[("lang", language)])
        .end()
        .end();
    xml.end();
    xml.finish()
}

/// `ppt/presProps.xml`: nothing beyond the defaults.
pub(crate) fn presentation_properties_xml() -> Vec<u8> {
    let mut xml = XmlWriter::new();
    xml.empty("p:presentationPr", &namespaces());
    xml.finish()
}

/// `ppt/viewProps.xml`: open in the normal view with the notes pane.
pub(crate) fn view_properties_xml() -> Vec<u8> {
    let mut xml = XmlWriter::new();
    xml.start("p:viewPr", &namespaces())
        .start("p:normalViewPr", &[])
        .empty("p:restoredLeft", &[("sz", "15620")])
        .empty("p:restoredTop", &[("sz", "80000")])
        .end()
        .end();
    xml.finish()
}

/// PowerPoint's built-in "Medium Style 2 – Accent 1", named as the default table style; tables
/// here are formatted cell by cell, so the list itself is empty.
const DEFAULT_TABLE_STYLE: &str = "{5C22544A-7EE6-4342-B048-85BDC9FD1C3A}";

/// `ppt/tableStyles.xml`.
pub(crate) fn table_styles_xml() -> Vec<u8> {
    let mut xml = XmlWriter::new();
    xml.empty(
        "a:tblStyleLst",
        &[
            ("xmlns:a", namespace::DRAWINGML),
            ("def", DEFAULT_TABLE_STYLE),
        ],
    );
    xml.finish()
}
