//! The core properties every package carries, from the document's [`document::Meta`].

use document::Meta;

use crate::vocabulary::namespace;
use crate::xml::XmlWriter;

/// The `docProps/core.xml` part: title, subject, author, language and the publication date (as
/// creation and modification date, midnight UTC; never the clock, so output is reproducible).
/// Office shows the title in its title bar and screen readers announce it.
pub(crate) fn core_properties_xml(meta: &Meta) -> Vec<u8> {
    let document::Date { year, month, day } = meta.date;
    let timestamp = format!("{year:04}-{month:02}-{day:02}T00:00:00Z");
    let w3cdtf = [("xsi:type", "dcterms:W3CDTF")];
    let mut xml = XmlWriter::new();
    xml.start(
        "cp:coreProperties",
        &[
            ("xmlns:cp", namespace::CORE_PROPERTIES),
            ("xmlns:dc", namespace::DUBLIN_CORE),
            ("xmlns:dcterms", namespace::DUBLIN_CORE_TERMS),
            ("xmlns:xsi", namespace::XML_SCHEMA_INSTANCE),
        ],
    )
    .text_element("dc:title", &[], &meta.title)
    .text_element("dc:subject", &[], &meta.subject)
    .text_element("dc:creator", &[], &meta.author)
    .text_element("cp:lastModifiedBy", &[], &meta.author)
    .text_element("dc:language", &[], &meta.language)
    .text_element("dcterms:created", &w3cdtf, &timestamp)
    .text_element("dcterms:modified", &w3cdtf, &timestamp)
    .end();
    xml.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_title_language_and_the_fixed_date() {
        let meta = Meta {
            title: "Skabelon til årsplan & mødeplan".to_owned(),
            subject: "Klyngemøder 2026".to_owned(),
            language: "da-DK".to_owned(),
            author: "eKVIS".to_owned(),
            date: document::Date {
                year: 2026,
                month: 3,
                day: 5,
            },
        };
        let xml = String::from_utf8(core_properties_xml(&meta)).unwrap();
        for expected in [
            "<dc:title>Skabelon til årsplan &amp; mødeplan</dc:title>",
            "<dc:subject>Klyngemøder 2026</dc:subject>",
            "<dc:creator>eKVIS</dc:creator>",
            "<dc:language>da-DK</dc:language>",
            r#"<dcterms:created xsi:type="dcterms:W3CDTF">2026-03-05T00:00:00Z</dcterms:created>"#,
            r#"<dcterms:modified xsi:type="dcterms:W3CDTF">2026-03-05T00:00:00Z</dcterms:modified>"#,
        ] {
            assert!(xml.contains(expected), "{expected} missing from {xml}");
        }
    }
}
