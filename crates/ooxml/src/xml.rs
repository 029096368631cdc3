//! Writing an XML part: the standard declaration, escaped text and attribute values, and no
//! character that XML 1.0 forbids.

use std::borrow::Cow;

use quick_xml::escape::escape;
use quick_xml::events::attributes::Attribute;

/// The XML declaration every part starts with.
const DECLARATION: &[u8] = b"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n";

/// What a part's buffer starts with: most parts are a few kilobytes, so a few doublings at most.
const INITIAL_CAPACITY: usize = 4096;

/// Builds one XML part in memory. Elements are written in call order; text and attribute values
/// are cleaned with [`xml_safe`] and escaped (quick-xml's escaping), so any string from the inputs
/// can be passed.
///
/// Element order is the caller's responsibility: nearly every OOXML type is an `xsd:sequence`.
pub struct XmlWriter {
    buffer: Vec<u8>,
    /// The names of the open elements, one after another; `open` holds where each begins.
    open_names: String,
    open: Vec<usize>,
}

impl XmlWriter {
    /// Starts a part with `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`.
    pub fn new() -> Self {
        let mut buffer = Vec::with_capacity(INITIAL_CAPACITY);
        buffer.extend_from_slice(DECLARATION);
        XmlWriter {
            buffer,
            open_names: String::new(),
            open: Vec::new(),
        }
    }

    /// Opens `<name attributes…>`; close it with [`XmlWriter::end`].
    pub fn start(&mut self, name: &str, attributes: &[(&str, &str)]) -> &mut Self {
        self.tag(name, attributes);
        self.buffer.push(b'>');
        self.open.push(self.open_names.len());
        self.open_names.push_str(name);
        self
    }

    /// Writes `<name attributes…/>`.
    pub fn empty(&mut self, name: &str, attributes: &[(&str, &str)]) -> &mut Self {
        self.tag(name, attributes);
        self.buffer.extend_from_slice(b"/>");
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
        if is_plain(text) {
            self.buffer.extend_from_slice(text.as_bytes());
        } else {
            self.buffer
                .extend_from_slice(escape(xml_safe(text)).as_bytes());
        }
        self
    }

    /// Closes the innermost open element.
    ///
    /// # Panics
    /// When no element is open: a bug in the caller.
    pub fn end(&mut self) -> &mut Self {
        let begins = self.open.pop().expect("end() without an open element");
        self.buffer.extend_from_slice(b"</");
        self.buffer
            .extend_from_slice(&self.open_names.as_bytes()[begins..]);
        self.buffer.push(b'>');
        self.open_names.truncate(begins);
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
            self.open_names
        );
        self.buffer
    }

    /// `<name key="value"…` without the closing bracket.
    fn tag(&mut self, name: &str, attributes: &[(&str, &str)]) {
        self.buffer.push(b'<');
        self.buffer.extend_from_slice(name.as_bytes());
        for &(key, value) in attributes {
            self.buffer.push(b' ');
            self.buffer.extend_from_slice(key.as_bytes());
            self.buffer.extend_from_slice(b"=\"");
            if is_plain(value) {
                self.buffer.extend_from_slice(value.as_bytes());
            } else {
                let value = xml_safe(value);
                let attribute = Attribute::from((key, value.as_ref()));
                self.buffer.extend_from_slice(attribute.value.as_bytes());
            }
            self.buffer.push(b'"');
        }
    }
}

/// Whether `text` goes into an attribute value or character data as it is: no markup
/// character, no control character (tab and line breaks included: attribute values escape
/// them), nothing from U+F000 (lead byte 0xEF, which covers U+FFFE and U+FFFF). Most text is
/// plain; the rest takes the careful way.
fn is_plain(text: &str) -> bool {
    text.bytes()
        .all(|byte| byte >= 0x20 && !matches!(byte, b'<' | b'>' | b'&' | b'\'' | b'"' | 0xEF))
}

impl Default for XmlWriter {
    fn default() -> Self {
        XmlWriter::new()
    }
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
    fn plain_text_is_what_escaping_leaves_unchanged() {
        for (text, plain) in [
            ("Ortopædkirurgi 67,3 pct.", true),
            ("ppt/slides/slide1.xml", true),
            ("", true),
            ("a & b", false),
            ("\"citat\"", false),
            ("l'eau", false),
            ("<", false),
            ("linje\nlinje", false),
            ("tab\t", false),
            ("\u{FFFF}", false),
            ("\u{FFFD}", false),
        ] {
            assert_eq!(is_plain(text), plain, "{text:?}");
            if plain {
                assert_eq!(escape(xml_safe(text)), text);
                assert_eq!(Attribute::from(("k", text)).value, text);
            }
        }
        let mut xml = XmlWriter::new();
        xml.text_element("a", &[("v", "linje\nlinje")], "linje\nlinje\r");
        assert!(
            String::from_utf8(xml.finish())
                .unwrap()
                .ends_with("<a v=\"linje&#10;linje\">linje\nlinje&#13;</a>")
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
