//! Writing an XML part: the standard declaration, escaped text and attribute values, and no
//! character that XML 1.0 forbids.

use std::borrow::Cow;

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};

/// Builds one XML part in memory. Elements are written in call order; text and attribute values
/// are cleaned with [`xml_safe`] and escaped, so any string from the inputs can be passed.
///
/// Element order is the caller's responsibility: nearly every OOXML type is an `xsd:sequence`.
pub struct XmlWriter {
    writer: Writer<Vec<u8>>,
    open: Vec<String>,
}

impl XmlWriter {
    /// Starts a part with `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`.
    pub fn new() -> Self {
        let mut writer = Writer::new(Vec::new());
        writer
            .write_event(Event::Decl(BytesDecl::new(
                "1.0",
                Some("UTF-8"),
                Some("yes"),
            )))
            .expect("writing to a Vec cannot fail");
        writer.get_mut().extend_from_slice(b"\r\n");
        XmlWriter {
            writer,
            open: Vec::new(),
        }
    }

    /// Opens `<name attributes…>`; close it with [`XmlWriter::end`].
    pub fn start(&mut self, name: &str, attributes: &[(&str, &str)]) -> &mut Self {
        let element = element(name, attributes);
        self.write(Event::Start(element));
        self.open.push(name.to_owned());
        self
    }

    /// Writes `<name attributes…/>`.
    pub fn empty(&mut self, name: &str, attributes: &[(&str, &str)]) -> &mut Self {
        self.write(Event::Empty(element(name, attributes)));
        self
    }

    /// Writes `<name attributes…>text</name>`.
    pub fn text_element(
        &mut self,
        name: &str,
        attributes: &[(&str, &str)],
        text: &str,
    ) -> &mut Self {
        self.start(name, attributes).text(text).end()
    }

    /// Writes escaped character data inside the open element.
    pub fn text(&mut self, text: &str) -> &mut Self {
        self.write(Event::Text(BytesText::new(&xml_safe(text))));
        self
    }

    /// Closes the innermost open element.
    ///
    /// # Panics
    /// When no element is open: a bug in the caller.
    pub fn end(&mut self) -> &mut Self {
        let name = self.open.pop().expect("end() without an open element");
        self.write(Event::End(BytesEnd::new(name)));
        self
    }

    /// The finished part.
    ///
    /// # Panics
    /// When an element is still open: a bug in the caller.
    pub fn finish(self) -> Vec<u8> {
        assert!(
            self.open.is_empty(),
            "unclosed elements at the end of an XML part: {:?}",
            self.open
        );
        self.writer.into_inner()
    }

    fn write(&mut self, event: Event<'_>) {
        self.writer
            .write_event(event)
            .expect("writing to a Vec cannot fail");
    }
}

impl Default for XmlWriter {
    fn default() -> Self {
        XmlWriter::new()
    }
}

fn element<'a>(name: &'a str, attributes: &[(&str, &str)]) -> BytesStart<'a> {
    let mut element = BytesStart::new(name);
    for &(key, value) in attributes {
        element.push_attribute((key, xml_safe(value).as_ref()));
    }
    element
}

/// `text` without the characters XML 1.0 cannot carry: controls below U+0020 other than tab,
/// line feed and carriage return, and U+FFFE, U+FFFF. One such character in survey text would
/// make the whole file unreadable. Tab and line feed stay; turning them into the vocabulary's
/// `<w:tab/>`, `<w:br/>` or `<a:br/>` is the caller's choice.
pub fn xml_safe(text: &str) -> Cow<'_, str> {
    let forbidden = |c: char| {
        (c < '\u{20}' && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{FFFE}' | '\u{FFFF}')
    };
    if text.contains(forbidden) {
        Cow::Owned(text.chars().filter(|&c| !forbidden(c)).collect())
    } else {
        Cow::Borrowed(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_forbidden_characters() {
        let mut xml = XmlWriter::new();
        xml.start("a:p", &[("title", "\"Vi\" & 'de' <3\u{1}")])
            .text("Æbler & pærer < 5 > 2\u{0}\u{b}\u{FFFF}\tslut")
            .end();
        assert_eq!(
            String::from_utf8(xml.finish()).unwrap(),
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n\
             <a:p title=\"&quot;Vi&quot; &amp; &apos;de&apos; &lt;3\">\
             Æbler &amp; pærer &lt; 5 &gt; 2\tslut</a:p>"
        );
    }

    #[test]
    fn writes_nested_and_empty_elements_in_call_order() {
        let mut xml = XmlWriter::new();
        xml.start("r", &[("xmlns", "urn:x")])
            .empty("b", &[("val", "0")])
            .text_element("c", &[], "tekst")
            .end();
        let text = String::from_utf8(xml.finish()).unwrap();
        assert!(
            text.ends_with("<r xmlns=\"urn:x\"><b val=\"0\"/><c>tekst</c></r>"),
            "{text}"
        );
    }

    #[test]
    fn keeps_clean_text_borrowed() {
        assert!(matches!(xml_safe("Ortopædkirurgi"), Cow::Borrowed(_)));
        assert_eq!(xml_safe("a\u{7}b\nc"), "ab\nc");
    }

    #[test]
    #[should_panic(expected = "unclosed elements")]
    fn refuses_to_finish_with_open_elements() {
        let mut xml = XmlWriter::new();
        xml.start("a", &[]);
        xml.finish();
    }
}
