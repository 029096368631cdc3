//! Markup Compatibility (ECMA-376 Part 3) as Office applies it when it reads a part: what a
//! plain XSD validator must be given instead of the part itself.
//!
//! - Attributes and elements in a namespace that `mc:Ignorable` lists are dropped (with the
//!   subtree), as is every `mc:` attribute.
//! - `mc:AlternateContent` is replaced by the content of its `mc:Fallback` (nothing when it has
//!   none); `mc:Choice` branches are dropped.

use std::collections::BTreeMap;

use quick_xml::Writer;
use quick_xml::XmlVersion;
use quick_xml::events::attributes::Attribute;
use quick_xml::events::{BytesEnd, BytesStart, Event};
use quick_xml::name::{QName, ResolveResult};
use quick_xml::reader::NsReader;

const MARKUP_COMPATIBILITY: &str = "http://schemas.openxmlformats.org/markup-compatibility/2006";

/// An element on the path from the root, as far as the output is concerned.
struct Frame {
    /// How the element appears in the output.
    role: Role,
    /// Namespaces ignorable here (inherited, plus its own `mc:Ignorable`).
    ignorable: Vec<String>,
    /// `xmlns` declarations of an element that is not written, to be repeated on its first
    /// written descendants so their prefixes stay bound.
    lost_declarations: Vec<(String, String)>,
}

#[derive(PartialEq)]
enum Role {
    Written,
    AlternateContent,
    Unwrapped,
}

/// A part as the validator reads it.
pub(crate) struct Processed {
    /// The XML, each element starting a line of its own.
    pub xml: Vec<u8>,
    /// `(line, path)` of every element, in order: `/p:sld/p:cSld/p:spTree/p:sp[2]`.
    pub elements: Vec<(usize, String)>,
}

impl Processed {
    /// The path of the element that starts on `line`.
    pub(crate) fn element_at(&self, line: usize) -> Option<&str> {
        self.elements
            .binary_search_by_key(&line, |(start, _)| *start)
            .ok()
            .map(|index| self.elements[index].1.as_str())
    }
}

/// The part as Office interprets it, or why it is not well-formed XML.
pub(crate) fn preprocess(xml: &[u8]) -> Result<Processed, String> {
    let text = std::str::from_utf8(xml).map_err(|error| format!("not UTF-8: {error}"))?;
    let mut reader = NsReader::from_str(text);
    reader.config_mut().check_end_names = true;
    let mut output = Output::default();
    let mut frames: Vec<Frame> = Vec::new();
    let mut skip_depth = 0usize;
    loop {
        let event = reader.read_event().map_err(|error| {
            format!(
                "not well-formed XML at byte {}: {error}",
                reader.error_position()
            )
        })?;
        if skip_depth > 0 {
            match event {
                Event::Start(_) => skip_depth += 1,
                Event::End(_) => skip_depth -= 1,
                Event::Eof => return Err("unexpected end of the part".to_owned()),
                _ => {}
            }
            continue;
        }
        match event {
            Event::Start(element) => match open(&reader, &frames, &element)? {
                Some(frame) => {
                    if frame.role == Role::Written {
                        output.start(written(&reader, &frames, &frame, &element)?);
                    }
                    frames.push(frame);
                }
                None => skip_depth = 1,
            },
            Event::Empty(element) => {
                if let Some(frame) = open(&reader, &frames, &element)?
                    && frame.role == Role::Written
                {
                    output.empty(written(&reader, &frames, &frame, &element)?);
                }
            }
            Event::End(end) => {
                let frame = frames.pop().ok_or("an end tag without a start")?;
                if frame.role == Role::Written {
                    output.end(end.name().as_ref());
                }
            }
            Event::Eof if frames.is_empty() => break,
            Event::Eof => return Err("unexpected end of the part".to_owned()),
            other => {
                let inside_alternate_content = frames
                    .last()
                    .is_some_and(|frame| frame.role == Role::AlternateContent);
                if !inside_alternate_content {
                    output.write(other);
                }
            }
        }
    }
    Ok(Processed {
        xml: output.writer.into_inner(),
        elements: output.elements,
    })
}

/// The processed part being written: every element on a new line (whitespace between elements
/// means nothing to the schema), its path recorded with its line, so that a validator's line
/// number names the element.
struct Output {
    writer: Writer<Vec<u8>>,
    /// Bytes of output already searched for line breaks, and the line at that point.
    scanned: usize,
    line: usize,
    /// The open elements' path segments, each with how many children of each name it has had;
    /// the first entry stands for the document.
    open: Vec<(String, BTreeMap<String, usize>)>,
    elements: Vec<(usize, String)>,
}

impl Default for Output {
    fn default() -> Self {
        Output {
            writer: Writer::new(Vec::new()),
            scanned: 0,
            line: 1,
            open: vec![(String::new(), BTreeMap::new())],
            elements: Vec::new(),
        }
    }
}

impl Output {
    fn start(&mut self, element: BytesStart<'_>) {
        let segment = self.record(&element);
        self.write(Event::Start(element));
        self.open.push((segment, BTreeMap::new()));
    }

    fn empty(&mut self, element: BytesStart<'_>) {
        self.record(&element);
        self.write(Event::Empty(element));
    }

    fn end(&mut self, name: &str) {
        self.open.pop();
        self.write(Event::End(BytesEnd::new(name)));
    }

    /// Starts a line for the element and records its path; returns its path segment.
    fn record(&mut self, element: &BytesStart<'_>) -> String {
        self.writer.get_mut().push(b'\n');
        let name = element.name().as_ref().to_owned();
        let (_, siblings) = self.open.last_mut().expect("the document entry stays");
        let count = siblings.entry(name.clone()).or_default();
        *count += 1;
        let segment = if *count > 1 {
            format!("{name}[{count}]")
        } else {
            name
        };
        let mut path: String = self.open[1..]
            .iter()
            .map(|(parent, _)| format!("/{parent}"))
            .collect();
        path.push('/');
        path.push_str(&segment);
        let written = self.writer.get_ref();
        self.line += written[self.scanned..]
            .iter()
            .filter(|&&byte| byte == b'\n')
            .count();
        self.scanned = written.len();
        self.elements.push((self.line, path));
        segment
    }

    fn write(&mut self, event: Event<'_>) {
        self.writer
            .write_event(event)
            .expect("writing to a Vec cannot fail");
    }
}

/// The frame for an element just read, or `None` when its subtree is dropped.
fn open(
    reader: &NsReader<&[u8]>,
    frames: &[Frame],
    element: &BytesStart<'_>,
) -> Result<Option<Frame>, String> {
    let resolver = reader.resolver();
    let mut ignorable = frames
        .last()
        .map(|frame| frame.ignorable.clone())
        .unwrap_or_default();
    let mut declarations = Vec::new();
    for attribute in element.attributes() {
        let attribute = attribute.map_err(|error| error.to_string())?;
        let key = attribute.key.as_ref();
        if key == "xmlns" || key.starts_with("xmlns:") {
            declarations.push((key.to_owned(), value(&attribute)?));
            continue;
        }
        let (namespace, local) = resolver.resolve_attribute(attribute.key);
        if is_markup_compatibility(&namespace) && local.as_ref() == "Ignorable" {
            for prefix in value(&attribute)?.split_whitespace() {
                let probe = format!("{prefix}:probe");
                match resolver.resolve_attribute(QName(&probe)).0 {
                    ResolveResult::Bound(namespace) => {
                        ignorable.push(namespace.as_ref().to_owned())
                    }
                    _ => {
                        return Err(format!(
                            "mc:Ignorable names the undeclared prefix \"{prefix}\""
                        ));
                    }
                }
            }
        }
    }
    let (namespace, local) = resolver.resolve_element(element.name());
    let parent_role = frames.last().map(|frame| &frame.role);
    let role = if parent_role == Some(&Role::AlternateContent) {
        if is_markup_compatibility(&namespace) && local.as_ref() == "Fallback" {
            Role::Unwrapped
        } else {
            return Ok(None);
        }
    } else if is_markup_compatibility(&namespace) {
        if local.as_ref() == "AlternateContent" {
            Role::AlternateContent
        } else {
            return Ok(None);
        }
    } else if let ResolveResult::Bound(namespace) = &namespace
        && ignorable
            .iter()
            .any(|ignored| ignored == namespace.as_ref())
    {
        return Ok(None);
    } else {
        Role::Written
    };
    let lost_declarations = if role == Role::Written {
        Vec::new()
    } else {
        declarations
    };
    Ok(Some(Frame {
        role,
        ignorable,
        lost_declarations,
    }))
}

/// The element as written: without `mc:` attributes and attributes in ignorable namespaces, and
/// with the declarations of unwritten ancestors it may rely on.
fn written<'a>(
    reader: &NsReader<&[u8]>,
    frames: &[Frame],
    frame: &Frame,
    element: &'a BytesStart<'a>,
) -> Result<BytesStart<'a>, String> {
    let mut output = BytesStart::new(element.name().as_ref().to_owned());
    let mut own_declarations = Vec::new();
    for attribute in element.attributes() {
        let attribute = attribute.map_err(|error| error.to_string())?;
        let (namespace, _) = reader.resolver().resolve_attribute(attribute.key);
        let ignored = match &namespace {
            ResolveResult::Bound(namespace) => {
                namespace.as_ref() == MARKUP_COMPATIBILITY
                    || frame
                        .ignorable
                        .iter()
                        .any(|ignored| ignored == namespace.as_ref())
            }
            _ => false,
        };
        let key = attribute.key.as_ref();
        if key.starts_with("xmlns") {
            own_declarations.push(key.to_owned());
        }
        if !ignored {
            output.push_attribute(attribute);
        }
    }
    let unwritten_ancestors = frames
        .iter()
        .rev()
        .take_while(|frame| frame.role != Role::Written);
    for ancestor in unwritten_ancestors {
        for (key, value) in &ancestor.lost_declarations {
            if !own_declarations.contains(key) {
                own_declarations.push(key.clone());
                output.push_attribute(Attribute::from((key.as_str(), value.as_str())));
            }
        }
    }
    Ok(output)
}

fn is_markup_compatibility(namespace: &ResolveResult<'_>) -> bool {
    matches!(namespace, ResolveResult::Bound(namespace) if namespace.as_ref() == MARKUP_COMPATIBILITY)
}

fn value(attribute: &Attribute<'_>) -> Result<String, String> {
    attribute
        .normalized_value(XmlVersion::Explicit1_0)
        .map(|value| value.into_owned())
        .map_err(|error| error.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The processed XML, with the line breaks before elements taken out again.
    fn processed(xml: &str) -> String {
        let processed = String::from_utf8(preprocess(xml.as_bytes()).unwrap().xml).unwrap();
        processed.replace("\n<", "<")
    }

    #[test]
    fn drops_ignorable_attributes_and_elements() {
        let xml = r#"<w:document xmlns:w="urn:w" xmlns:w14="urn:w14" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="w14"><w:p w14:paraId="1A2B" w:rsidR="00"><w14:extra><w:x/></w14:extra><w:r>a &amp; b</w:r></w:p></w:document>"#;
        assert_eq!(
            processed(xml),
            r#"<w:document xmlns:w="urn:w" xmlns:w14="urn:w14" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:p w:rsidR="00"><w:r>a &amp; b</w:r></w:p></w:document>"#
        );
    }

    #[test]
    fn unwraps_alternate_content_to_its_fallback() {
        let xml = r#"<p:sld xmlns:p="urn:p"><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:v="urn:v">
  <mc:Choice Requires="p14"><p:new/></mc:Choice>
  <mc:Fallback><v:old a="1"/><p:older/></mc:Fallback>
</mc:AlternateContent><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><mc:Choice Requires="x"><p:only/></mc:Choice></mc:AlternateContent></p:sld>"#;
        assert_eq!(
            processed(xml),
            r#"<p:sld xmlns:p="urn:p"><v:old a="1" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:v="urn:v"/><p:older xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:v="urn:v"/></p:sld>"#
        );
    }

    #[test]
    fn puts_each_element_on_a_line_named_by_its_path() {
        let xml = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<p:sld xmlns:p=\"urn:p\" xmlns:a=\"urn:a\"><p:cSld><p:spTree><p:sp/><p:sp><a:t>Øst\nVest</a:t></p:sp></p:spTree></p:cSld></p:sld>";
        let processed = preprocess(xml.as_bytes()).unwrap();
        assert_eq!(
            String::from_utf8(processed.xml.clone()).unwrap(),
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n\n<p:sld xmlns:p=\"urn:p\" xmlns:a=\"urn:a\">\n<p:cSld>\n<p:spTree>\n<p:sp/>\n<p:sp>\n<a:t>Øst\nVest</a:t></p:sp></p:spTree></p:cSld></p:sld>"
        );
        for (line, path) in [
            (3, Some("/p:sld")),
            (4, Some("/p:sld/p:cSld")),
            (6, Some("/p:sld/p:cSld/p:spTree/p:sp")),
            (7, Some("/p:sld/p:cSld/p:spTree/p:sp[2]")),
            (8, Some("/p:sld/p:cSld/p:spTree/p:sp[2]/a:t")),
            (9, None),
        ] {
            assert_eq!(processed.element_at(line), path, "line {line}");
        }
    }

    #[test]
    fn reports_parts_that_are_not_well_formed() {
        for broken in [
            "<a><b></a>",
            "<a x=\"1\" x=\"2\"/>",
            "<a>",
            "<a mc:Ignorable=\"q\" xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\"/>",
        ] {
            assert!(preprocess(broken.as_bytes()).is_err(), "{broken}");
        }
    }
}
