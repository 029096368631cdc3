//! The package around the parts (ECMA-376 Part 2): zip entries, content types and relationships.

use std::io::{Cursor, Read};

use quick_xml::XmlVersion;
use quick_xml::events::{BytesStart, Event};
use quick_xml::reader::Reader;

use crate::Finding;

/// One zip entry.
pub(crate) struct Part {
    pub name: String,
    pub data: Vec<u8>,
}

/// The zip entries in stored order.
pub(crate) fn read_zip(bytes: &[u8]) -> Result<Vec<Part>, String> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|error| format!("not a zip file: {error}"))?;
    let mut parts = Vec::with_capacity(archive.len());
    for index in 0..archive.len() {
        let mut file = archive.by_index(index).map_err(|error| error.to_string())?;
        if file.is_dir() {
            continue;
        }
        let name = file.name().map_err(|error| error.to_string())?.into_owned();
        let mut data = Vec::new();
        file.read_to_end(&mut data)
            .map_err(|error| format!("{name}: {error}"))?;
        parts.push(Part { name, data });
    }
    Ok(parts)
}

/// `[Content_Types].xml`: defaults by extension and overrides by part name.
#[derive(Default)]
pub(crate) struct ContentTypes {
    defaults: Vec<(String, String)>,
    overrides: Vec<(String, String)>,
}

impl ContentTypes {
    pub(crate) fn parse(xml: &[u8]) -> Result<ContentTypes, String> {
        let mut content_types = ContentTypes {
            defaults: Vec::new(),
            overrides: Vec::new(),
        };
        for element in elements(xml)? {
            let content_type = attribute(&element, "ContentType")?.unwrap_or_default();
            match element.local_name().as_ref() {
                "Default" => content_types.defaults.push((
                    attribute(&element, "Extension")?.unwrap_or_default(),
                    content_type,
                )),
                "Override" => content_types.overrides.push((
                    attribute(&element, "PartName")?.unwrap_or_default(),
                    content_type,
                )),
                _ => {}
            }
        }
        Ok(content_types)
    }

    /// The content type of a part (named without the leading slash), if declared.
    pub(crate) fn of(&self, name: &str) -> Option<&str> {
        let overridden = self.overrides.iter().find(|(part_name, _)| {
            part_name
                .strip_prefix('/')
                .is_some_and(|n| n.eq_ignore_ascii_case(name))
        });
        let extension = name
            .rsplit('/')
            .next()
            .and_then(|file| file.rsplit_once('.'))
            .map(|(_, e)| e);
        let by_default = || {
            self.defaults.iter().find(|(known, _)| {
                extension.is_some_and(|extension| known.eq_ignore_ascii_case(extension))
            })
        };
        overridden
            .or_else(by_default)
            .map(|(_, content_type)| content_type.as_str())
    }
}

/// Checks that every part has a content type, every override names a part, every relationship
/// targets a part, ids are unique per relationships part, and no two parts differ only in case.
pub(crate) fn check(
    prefix: &str,
    parts: &[Part],
    content_types: &ContentTypes,
    findings: &mut Vec<Finding>,
) {
    let exists = |name: &str| {
        parts
            .iter()
            .any(|part| part.name.eq_ignore_ascii_case(name))
    };
    let mut finding =
        |part: &str, message: String| findings.push(Finding::new(prefix, part, message));
    for (index, part) in parts.iter().enumerate() {
        if parts[..index]
            .iter()
            .any(|earlier| earlier.name.eq_ignore_ascii_case(&part.name))
        {
            finding(
                &part.name,
                "a second part with this name (names are case-insensitive)".to_owned(),
            );
        }
        if part.name != CONTENT_TYPES && content_types.of(&part.name).is_none() {
            finding(
                &part.name,
                "no content type: neither an Override nor a Default for its extension".to_owned(),
            );
        }
    }
    for (name, _) in &content_types.overrides {
        if !name.strip_prefix('/').is_some_and(exists) {
            finding(
                CONTENT_TYPES,
                format!("Override for \"{name}\", which is not in the package"),
            );
        }
    }
    if !exists("_rels/.rels") {
        finding(
            "_rels/.rels",
            "the package has no relationships part".to_owned(),
        );
    }
    for part in parts {
        let Some(source) = relationships_source(&part.name) else {
            continue;
        };
        if !source.is_empty() && !exists(&source) {
            finding(
                &part.name,
                format!("relationships of \"{source}\", which is not in the package"),
            );
        }
        let relationships = match elements(&part.data) {
            Ok(elements) => elements,
            Err(message) => {
                finding(&part.name, message);
                continue;
            }
        };
        let mut ids: Vec<String> = Vec::new();
        for relationship in relationships
            .iter()
            .filter(|e| e.local_name().as_ref() == "Relationship")
        {
            let read = |name| {
                attribute(relationship, name)
                    .ok()
                    .flatten()
                    .unwrap_or_default()
            };
            let (id, target) = (read("Id"), read("Target"));
            if ids.contains(&id) {
                finding(
                    &part.name,
                    format!("relationship id \"{id}\" is used twice"),
                );
            }
            ids.push(id.clone());
            if read("TargetMode") != "External" {
                match resolve_target(&source, &target) {
                    Some(resolved) if exists(&resolved) => {}
                    _ => finding(
                        &part.name,
                        format!("{id} targets \"{target}\", which is not in the package"),
                    ),
                }
            }
        }
    }
}

/// The name of `[Content_Types].xml`.
pub(crate) const CONTENT_TYPES: &str = "[Content_Types].xml";

/// `ppt/slides/_rels/slide1.xml.rels` → `ppt/slides/slide1.xml`; `_rels/.rels` → `` (the
/// package); `None` for parts that hold no relationships.
fn relationships_source(name: &str) -> Option<String> {
    let (folder, file) = name.rsplit_once('/')?;
    let file = file.strip_suffix(".rels")?;
    let folder = match folder.rsplit_once('/') {
        Some((parent, "_rels")) => format!("{parent}/"),
        None if folder == "_rels" => String::new(),
        _ => return None,
    };
    Some(format!("{folder}{file}"))
}

/// The part a relationship target names, resolved against its source's folder.
fn resolve_target(source: &str, target: &str) -> Option<String> {
    let mut segments: Vec<&str> = match target.strip_prefix('/') {
        Some(_) => Vec::new(),
        None => source
            .split('/')
            .collect::<Vec<_>>()
            .split_last()
            .map_or(Vec::new(), |(_, folder)| folder.to_vec()),
    };
    for segment in target.trim_start_matches('/').split('/') {
        match segment {
            "." | "" => {}
            ".." => {
                segments.pop()?;
            }
            segment => segments.push(segment),
        }
    }
    Some(segments.join("/"))
}

/// The start and empty elements of a small part, in order.
fn elements(xml: &[u8]) -> Result<Vec<BytesStart<'static>>, String> {
    let mut reader = Reader::from_reader(xml);
    let mut buffer = Vec::new();
    let mut elements = Vec::new();
    loop {
        match reader.read_event_into(&mut buffer) {
            Ok(Event::Start(element) | Event::Empty(element)) => {
                elements.push(element.into_owned())
            }
            Ok(Event::Eof) => return Ok(elements),
            Ok(_) => {}
            Err(error) => return Err(format!("not well-formed XML: {error}")),
        }
        buffer.clear();
    }
}

fn attribute(element: &BytesStart<'_>, name: &str) -> Result<Option<String>, String> {
    match element.try_get_attribute(name) {
        Ok(Some(attribute)) => attribute
            .normalized_value(XmlVersion::Explicit1_0)
            .map(|value| Some(value.into_owned()))
            .map_err(|error| error.to_string()),
        Ok(None) => Ok(None),
        Err(error) => Err(error.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_source_of_a_relationships_part() {
        for (name, source) in [
            ("_rels/.rels", Some("")),
            (
                "ppt/_rels/presentation.xml.rels",
                Some("ppt/presentation.xml"),
            ),
            (
                "ppt/slides/_rels/slide1.xml.rels",
                Some("ppt/slides/slide1.xml"),
            ),
            ("ppt/slides/slide1.xml", None),
            ("ppt/notes.rels", None),
        ] {
            assert_eq!(relationships_source(name).as_deref(), source, "{name}");
        }
    }

    #[test]
    fn resolves_targets_against_the_source_folder() {
        for (source, target, resolved) in [
            ("", "ppt/presentation.xml", Some("ppt/presentation.xml")),
            (
                "ppt/slides/slide1.xml",
                "../slideLayouts/slideLayout1.xml",
                Some("ppt/slideLayouts/slideLayout1.xml"),
            ),
            (
                "ppt/slides/slide1.xml",
                "/ppt/media/image1.png",
                Some("ppt/media/image1.png"),
            ),
            ("word/document.xml", "./styles.xml", Some("word/styles.xml")),
            ("word/document.xml", "../../outside.xml", None),
        ] {
            assert_eq!(
                resolve_target(source, target).as_deref(),
                resolved,
                "{source} → {target}"
            );
        }
    }

    #[test]
    fn looks_up_content_types_by_override_then_extension() {
        let content_types = ContentTypes::parse(
            br#"<Types xmlns="urn:t"><Default Extension="XML" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/><Override PartName="/ppt/presentation.xml" ContentType="main+xml"/></Types>"#,
        )
        .unwrap();
        assert_eq!(content_types.of("ppt/presentation.xml"), Some("main+xml"));
        assert_eq!(content_types.of("PPT/Presentation.xml"), Some("main+xml"));
        assert_eq!(
            content_types.of("ppt/slides/slide1.xml"),
            Some("application/xml")
        );
        assert_eq!(content_types.of("ppt/media/image1.png"), Some("image/png"));
        assert_eq!(content_types.of("ppt/media/image1.jpeg"), None);
        assert_eq!(content_types.of("README"), None);
    }
}
