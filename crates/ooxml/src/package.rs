//! The package: parts, the relationships between them, their content types, and the zip file.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;
use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use crate::properties::core_properties_xml;
use crate::recurring::{self, Recurrence};
use crate::vocabulary::{content_type, namespace, relationship_type};
use crate::xml::XmlWriter;

/// An Office Open XML package under construction.
///
/// Parts are written to the zip in the order they were added, each followed by its relationships
/// part, after `[Content_Types].xml` and `_rels/.rels`; every zip entry carries the same fixed
/// timestamp and permissions. The same calls therefore give the same bytes, on any thread, any
/// day.
pub struct Package {
    parts: Vec<Part>,
    package_relationships: Vec<Relationship>,
    part_relationships: BTreeMap<String, Vec<Relationship>>,
}

struct Part {
    name: String,
    content_type: String,
    data: Vec<u8>,
    compression: Compression,
}

/// How a part is written into the zip.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Compression {
    Deflated,
    Stored,
}

struct Relationship {
    id: String,
    relationship_type: String,
    target: String,
}

/// Why a package could not be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PackageError {
    /// A part name that OPC does not allow (empty segment, `.` segment, leading or trailing `/`,
    /// a character outside printable ASCII, or a name reserved for the package itself).
    InvalidPartName(String),
    /// Two parts whose names differ at most in letter case.
    DuplicatePart(String),
    /// A relationship whose source or target part was never added.
    MissingPart {
        /// The relationship's source (`/` for the package).
        source: String,
        /// The part that is missing.
        missing: String,
    },
    /// The zip writer failed.
    Zip(String),
}

impl fmt::Display for PackageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PackageError::InvalidPartName(name) => write!(f, "invalid part name \"{name}\""),
            PackageError::DuplicatePart(name) => write!(f, "part \"{name}\" is added twice"),
            PackageError::MissingPart { source, missing } => {
                write!(
                    f,
                    "a relationship from \"{source}\" needs part \"{missing}\", which was never added"
                )
            }
            PackageError::Zip(message) => write!(f, "writing the zip file failed: {message}"),
        }
    }
}

impl std::error::Error for PackageError {}

impl Package {
    /// A package holding its core properties (`docProps/core.xml`, from `meta`) and extended
    /// properties (`docProps/app.xml`, naming klyngepakke as the application), both related from
    /// the package.
    pub fn new(meta: &document::Meta) -> Self {
        let mut package = Package {
            parts: Vec::new(),
            package_relationships: Vec::new(),
            part_relationships: BTreeMap::new(),
        };
        for (name, content_type, relationship_type, data) in [
            (
                "docProps/core.xml",
                content_type::CORE_PROPERTIES,
                relationship_type::CORE_PROPERTIES,
                core_properties_xml(meta),
            ),
            (
                "docProps/app.xml",
                content_type::EXTENDED_PROPERTIES,
                relationship_type::EXTENDED_PROPERTIES,
                extended_properties_xml(),
            ),
        ] {
            package
                .add_part(name, content_type, data)
                .expect("the property part names are valid and new");
            package.relate_package(relationship_type, name);
        }
        package
    }

    /// Adds a part, named without a leading slash (`ppt/slides/slide1.xml`). XML is deflated in
    /// the zip; a part whose format is compressed already (an image, a package written by
    /// something else) is stored as it is.
    pub fn add_part(
        &mut self,
        name: &str,
        content_type: &str,
        data: Vec<u8>,
    ) -> Result<(), PackageError> {
        let compression = if is_compressed_already(name) {
            Compression::Stored
        } else {
            Compression::Deflated
        };
        self.push_part(name, content_type, data, compression)
    }

    /// Adds `embedded`, finished, as a part (a chart's workbook). Its entries are stored and the
    /// part is deflated in this package's zip: one deflate stream for the whole embedded package
    /// rather than one per part of it, which is both faster and smaller for a few small parts.
    pub fn add_embedded_package(
        &mut self,
        name: &str,
        content_type: &str,
        embedded: &Package,
    ) -> Result<(), PackageError> {
        let data = embedded.write(Compression::Stored)?;
        self.push_part(name, content_type, data, Compression::Deflated)
    }

    fn push_part(
        &mut self,
        name: &str,
        content_type: &str,
        data: Vec<u8>,
        compression: Compression,
    ) -> Result<(), PackageError> {
        check_part_name(name)?;
        if self.part(name).is_some() {
            return Err(PackageError::DuplicatePart(name.to_owned()));
        }
        self.parts.push(Part {
            name: name.to_owned(),
            content_type: content_type.to_owned(),
            data,
            compression,
        });
        Ok(())
    }

    /// Relates the package to `target` (a part name), e.g. the main document; returns the
    /// relationship id (`rId1`, `rId2`, … in call order).
    pub fn relate_package(&mut self, relationship_type: &str, target: &str) -> String {
        push_relationship(&mut self.package_relationships, relationship_type, target)
    }

    /// Relates part `source` to part `target` (both part names, spelled as added); returns the
    /// relationship id (`rId1`, `rId2`, … per source, in call order) to write into the source's
    /// XML. The parts may be added before or after.
    pub fn relate(&mut self, source: &str, relationship_type: &str, target: &str) -> String {
        let relationships = self
            .part_relationships
            .entry(source.to_owned())
            .or_default();
        push_relationship(relationships, relationship_type, target)
    }

    /// The finished package as zip bytes: XML parts and embedded packages deflated, parts that
    /// are compressed already (images, packages written by something else) stored as they are.
    pub fn finish(&self) -> Result<Vec<u8>, PackageError> {
        self.write(Compression::Deflated)
    }

    /// The zip. `compressing` says whether the parts to be deflated are (stored in a package
    /// that is embedded in another). The deflated entry of a part that recurs from package to
    /// package is copied from [`recurring`] rather than deflated again.
    fn write(&self, compressing: Compression) -> Result<Vec<u8>, PackageError> {
        self.check_relationships()?;
        let deflated = SimpleFileOptions::default()
            .compression_method(CompressionMethod::Deflated)
            .compression_level(Some(DEFLATE_LEVEL))
            .last_modified_time(DateTime::default())
            .unix_permissions(0o644);
        let stored = deflated
            .compression_method(CompressionMethod::Stored)
            .compression_level(None);
        let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
        let entries = self.entries();
        let mut came_again: Vec<(&str, &[u8])> = Vec::new();
        for (name, data, compression) in &entries {
            let (name, data) = (name.as_ref(), data.as_ref());
            if *compression == Compression::Stored || compressing == Compression::Stored {
                zip.start_file(name, stored).map_err(zip_error)?;
            } else {
                match recurring::recurrence(name, data) {
                    Recurrence::Deflated(entry) => {
                        entry.copy_into(&mut zip, name).map_err(zip_error)?;
                        continue;
                    }
                    Recurrence::Again => came_again.push((name, data)),
                    Recurrence::New => {}
                }
                zip.start_file(name, deflated).map_err(zip_error)?;
            }
            zip.write_all(data).map_err(zip_error)?;
        }
        let bytes = zip.finish().map_err(zip_error)?.into_inner();
        if !came_again.is_empty() {
            recurring::remember(&bytes, &came_again).map_err(zip_error)?;
        }
        Ok(bytes)
    }

    /// The zip's entries in order, each with its bytes and how it is written:
    /// `[Content_Types].xml`, the package's relationships, then each part followed by its
    /// relationships.
    fn entries(&self) -> Vec<(Cow<'_, str>, Cow<'_, [u8]>, Compression)> {
        let mut entries = vec![
            (
                Cow::Borrowed("[Content_Types].xml"),
                Cow::Owned(self.content_types_xml()),
                Compression::Deflated,
            ),
            (
                Cow::Borrowed("_rels/.rels"),
                Cow::Owned(relationships_xml("", &self.package_relationships)),
                Compression::Deflated,
            ),
        ];
        for part in &self.parts {
            entries.push((
                Cow::Borrowed(part.name.as_str()),
                Cow::Borrowed(part.data.as_slice()),
                part.compression,
            ));
            if let Some(relationships) = self.part_relationships.get(&part.name) {
                entries.push((
                    Cow::Owned(relationships_part_name(&part.name)),
                    Cow::Owned(relationships_xml(&part.name, relationships)),
                    Compression::Deflated,
                ));
            }
        }
        entries
    }

    fn part(&self, name: &str) -> Option<&Part> {
        self.parts
            .iter()
            .find(|part| part.name.eq_ignore_ascii_case(name))
    }

    fn check_relationships(&self) -> Result<(), PackageError> {
        let package = self
            .package_relationships
            .iter()
            .map(|relationship| ("/", relationship));
        let parts = self
            .part_relationships
            .iter()
            .flat_map(|(source, relationships)| {
                relationships.iter().map(move |r| (source.as_str(), r))
            });
        for (source, relationship) in package.chain(parts) {
            for needed in [source, relationship.target.as_str()] {
                if needed != "/" && !self.parts.iter().any(|part| part.name == needed) {
                    return Err(PackageError::MissingPart {
                        source: source.to_owned(),
                        missing: needed.to_owned(),
                    });
                }
            }
        }
        Ok(())
    }

    /// `[Content_Types].xml`: defaults for `rels` and `xml`, and for every other extension the
    /// content type of its first part; an override for each part whose type differs.
    fn content_types_xml(&self) -> Vec<u8> {
        let mut defaults: Vec<(&str, &str)> = vec![
            ("rels", content_type::RELATIONSHIPS),
            ("xml", content_type::XML),
        ];
        for part in &self.parts {
            let extension = extension(&part.name);
            if !extension.is_empty()
                && !defaults
                    .iter()
                    .any(|(known, _)| known.eq_ignore_ascii_case(extension))
            {
                defaults.push((extension, &part.content_type));
            }
        }
        let mut xml = XmlWriter::new();
        xml.start("Types", &[("xmlns", namespace::CONTENT_TYPES)]);
        for (extension, content_type) in &defaults {
            xml.empty(
                "Default",
                &[("Extension", extension), ("ContentType", content_type)],
            );
        }
        for part in &self.parts {
            let extension = extension(&part.name);
            let default = defaults
                .iter()
                .find(|(known, _)| known.eq_ignore_ascii_case(extension))
                .map(|(_, content_type)| *content_type);
            if default != Some(part.content_type.as_str()) {
                let name = format!("/{}", part.name);
                xml.empty(
                    "Override",
                    &[("PartName", &name), ("ContentType", &part.content_type)],
                );
            }
        }
        xml.end();
        xml.finish()
    }
}

fn push_relationship(
    relationships: &mut Vec<Relationship>,
    relationship_type: &str,
    target: &str,
) -> String {
    let id = format!("rId{}", relationships.len() + 1);
    relationships.push(Relationship {
        id: id.clone(),
        relationship_type: relationship_type.to_owned(),
        target: target.to_owned(),
    });
    id
}

fn relationships_xml(source: &str, relationships: &[Relationship]) -> Vec<u8> {
    let mut xml = XmlWriter::new();
    xml.start("Relationships", &[("xmlns", namespace::RELATIONSHIPS)]);
    for relationship in relationships {
        let target = relative_target(source, &relationship.target);
        xml.empty(
            "Relationship",
            &[
                ("Id", &relationship.id),
                ("Type", &relationship.relationship_type),
                ("Target", &target),
            ],
        );
    }
    xml.end();
    xml.finish()
}

/// `ppt/slides/slide1.xml` → `ppt/slides/_rels/slide1.xml.rels`.
fn relationships_part_name(source: &str) -> String {
    match source.rsplit_once('/') {
        Some((folder, file)) => format!("{folder}/_rels/{file}.rels"),
        None => format!("_rels/{source}.rels"),
    }
}

/// The target as written in the source's relationships part: relative to the source's folder
/// (`../slideLayouts/slideLayout1.xml`); from the package (`source` empty), the part name itself.
fn relative_target(source: &str, target: &str) -> String {
    let source_folder: Vec<&str> = source.split('/').collect();
    let source_folder = &source_folder[..source_folder.len() - 1];
    let target_segments: Vec<&str> = target.split('/').collect();
    let shared = source_folder
        .iter()
        .zip(&target_segments)
        .take_while(|(a, b)| a == b)
        .count()
        .min(target_segments.len() - 1);
    let mut relative: Vec<&str> = vec![".."; source_folder.len() - shared];
    relative.extend(&target_segments[shared..]);
    relative.join("/")
}

fn extension(name: &str) -> &str {
    let file = name.rsplit('/').next().unwrap_or(name);
    file.rsplit_once('.').map_or("", |(_, extension)| extension)
}

fn check_part_name(name: &str) -> Result<(), PackageError> {
    let invalid_segment =
        |segment: &str| segment.is_empty() || segment.ends_with('.') || segment == "_rels";
    let reserved = name.eq_ignore_ascii_case("[Content_Types].xml") || name.ends_with(".rels");
    let valid = !reserved
        && name
            .bytes()
            .all(|byte| byte.is_ascii_graphic() && byte != b'\\')
        && !name.split('/').any(invalid_segment);
    if valid {
        Ok(())
    } else {
        Err(PackageError::InvalidPartName(name.to_owned()))
    }
}

fn extended_properties_xml() -> Vec<u8> {
    let mut xml = XmlWriter::new();
    xml.start("Properties", &[("xmlns", namespace::EXTENDED_PROPERTIES)])
        .text_element("Application", &[], "klyngepakke")
        .end();
    xml.finish()
}

fn zip_error(error: impl fmt::Display) -> PackageError {
    PackageError::Zip(error.to_string())
}

/// Deflate level for XML parts: level 1 gives nearly the size of level 6 on markup at a fraction
/// of the time (a deck's 60 parts: measured in docs/performance.md).
const DEFLATE_LEVEL: i64 = 1;

/// Parts whose format is a compressed container or image: deflating them again costs time and
/// saves nothing.
fn is_compressed_already(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    [
        ".xlsx", ".xlsm", ".docx", ".pptx", ".zip", ".png", ".jpg", ".jpeg",
    ]
    .iter()
    .any(|extension| lower.ends_with(extension))
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::*;

    fn meta() -> document::Meta {
        document::Meta {
            title: "Klyngearbejdet i Neurologi".to_owned(),
            subject: "Resultater 2025".to_owned(),
            language: "da-DK".to_owned(),
            author: "eKVIS".to_owned(),
            date: document::Date {
                year: 2026,
                month: 3,
                day: 15,
            },
        }
    }

    fn small_package() -> Package {
        let mut package = Package::new(&meta());
        package
            .add_part(
                "xl/workbook.xml",
                content_type::XML,
                b"<workbook/>".to_vec(),
            )
            .unwrap();
        package
            .add_part(
                "xl/media/image1.png",
                "image/png",
                vec![0x89, b'P', b'N', b'G'],
            )
            .unwrap();
        package
            .add_part(
                "xl/worksheets/sheet1.xml",
                "application/x-sheet+xml",
                b"<sheet/>".to_vec(),
            )
            .unwrap();
        assert_eq!(
            package.relate_package(relationship_type::OFFICE_DOCUMENT, "xl/workbook.xml"),
            "rId3"
        );
        assert_eq!(
            package.relate("xl/workbook.xml", "urn:sheet", "xl/worksheets/sheet1.xml"),
            "rId1"
        );
        assert_eq!(
            package.relate("xl/workbook.xml", "urn:image", "xl/media/image1.png"),
            "rId2"
        );
        package
    }

    fn entries(bytes: &[u8]) -> Vec<(String, String, DateTime)> {
        let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        (0..archive.len())
            .map(|index| {
                let mut file = archive.by_index(index).unwrap();
                let name = file.name().unwrap().into_owned();
                let mut text = String::new();
                if !name.ends_with(".png") {
                    file.read_to_string(&mut text).unwrap();
                }
                (name, text, file.last_modified().unwrap())
            })
            .collect()
    }

    #[test]
    fn writes_parts_in_a_fixed_order_with_a_fixed_timestamp() {
        let bytes = small_package().finish().unwrap();
        let entries = entries(&bytes);
        let names: Vec<&str> = entries.iter().map(|(name, ..)| name.as_str()).collect();
        assert_eq!(
            names,
            [
                "[Content_Types].xml",
                "_rels/.rels",
                "docProps/core.xml",
                "docProps/app.xml",
                "xl/workbook.xml",
                "xl/_rels/workbook.xml.rels",
                "xl/media/image1.png",
                "xl/worksheets/sheet1.xml",
            ]
        );
        assert!(
            entries
                .iter()
                .all(|(.., time)| *time == DateTime::default())
        );
    }

    #[test]
    fn same_calls_give_the_same_bytes() {
        let first = small_package().finish().unwrap();
        let on_another_thread = std::thread::spawn(|| small_package().finish().unwrap())
            .join()
            .unwrap();
        assert_eq!(first, on_another_thread);
    }

    #[test]
    fn a_part_that_recurs_is_copied_as_the_same_bytes() {
        // A part no other test writes: the first and second packages deflate it (the second
        // keeps the entry), the third copies it.
        let package = || {
            let mut package = small_package();
            package
                .add_part(
                    "xl/recurring/copied.xml",
                    content_type::XML,
                    b"<recurring>the same bytes in every package</recurring>".repeat(20),
                )
                .unwrap();
            package.finish().unwrap()
        };
        let written = package();
        assert_eq!(package(), written);
        assert_eq!(package(), written);
        let entries = entries(&written);
        assert!(
            entries
                .iter()
                .any(|(name, text, _)| name == "xl/recurring/copied.xml"
                    && text.starts_with("<recurring>the same bytes"))
        );
    }

    #[test]
    fn an_embedded_package_is_stored_inside_and_deflated_as_one_part() {
        let mut outer = Package::new(&meta());
        outer
            .add_embedded_package(
                "ppt/embeddings/data1.xlsx",
                content_type::XML,
                &small_package(),
            )
            .unwrap();
        let bytes = outer.finish().unwrap();
        let mut archive = zip::ZipArchive::new(Cursor::new(&bytes)).unwrap();
        let mut embedded = Vec::new();
        let mut part = archive.by_name("ppt/embeddings/data1.xlsx").unwrap();
        assert_eq!(part.compression(), CompressionMethod::Deflated);
        part.read_to_end(&mut embedded).unwrap();
        let mut inner = zip::ZipArchive::new(Cursor::new(&embedded)).unwrap();
        for index in 0..inner.len() {
            assert_eq!(
                inner.by_index(index).unwrap().compression(),
                CompressionMethod::Stored
            );
        }
        assert_eq!(
            entries(&embedded),
            entries(&small_package().finish().unwrap())
        );
    }

    #[test]
    fn declares_defaults_and_overrides() {
        let bytes = small_package().finish().unwrap();
        let content_types = &entries(&bytes)[0].1;
        for expected in [
            r#"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#,
            r#"<Default Extension="xml" ContentType="application/xml"/>"#,
            r#"<Default Extension="png" ContentType="image/png"/>"#,
            r#"<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>"#,
            r#"<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/x-sheet+xml"/>"#,
        ] {
            assert!(
                content_types.contains(expected),
                "{expected} missing from {content_types}"
            );
        }
        assert!(
            !content_types.contains("/xl/workbook.xml"),
            "{content_types}"
        );
        assert!(!content_types.contains("image1"), "{content_types}");
    }

    #[test]
    fn writes_targets_relative_to_the_source() {
        let bytes = small_package().finish().unwrap();
        let entries = entries(&bytes);
        let package_rels = &entries[1].1;
        assert!(package_rels.contains(r#"<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>"#), "{package_rels}");
        let workbook_rels = &entries[5].1;
        assert!(
            workbook_rels.contains(r#"Id="rId1" Type="urn:sheet" Target="worksheets/sheet1.xml""#),
            "{workbook_rels}"
        );
        assert!(
            workbook_rels.contains(r#"Id="rId2" Type="urn:image" Target="media/image1.png""#),
            "{workbook_rels}"
        );
    }

    #[test]
    fn relative_targets() {
        for (source, target, expected) in [
            ("", "ppt/presentation.xml", "ppt/presentation.xml"),
            (
                "ppt/presentation.xml",
                "ppt/slides/slide1.xml",
                "slides/slide1.xml",
            ),
            (
                "ppt/slides/slide1.xml",
                "ppt/slideLayouts/slideLayout1.xml",
                "../slideLayouts/slideLayout1.xml",
            ),
            (
                "ppt/charts/chart1.xml",
                "ppt/embeddings/data1.xlsx",
                "../embeddings/data1.xlsx",
            ),
            ("word/document.xml", "word/styles.xml", "styles.xml"),
            ("a/b/c.xml", "d.xml", "../../d.xml"),
            ("a/b.xml", "a/b/c.xml", "b/c.xml"),
        ] {
            assert_eq!(
                relative_target(source, target),
                expected,
                "{source} → {target}"
            );
        }
    }

    #[test]
    fn rejects_bad_and_duplicate_part_names() {
        let mut package = Package::new(&meta());
        for bad in [
            "",
            "/word/document.xml",
            "word//document.xml",
            "word/",
            "word/./a.xml",
            "word/æ.xml",
            "[Content_Types].xml",
            "word/_rels/document.xml.rels",
            "a b.xml",
        ] {
            assert_eq!(
                package.add_part(bad, content_type::XML, Vec::new()),
                Err(PackageError::InvalidPartName(bad.to_owned())),
                "{bad:?}"
            );
        }
        assert_eq!(
            package.add_part("DOCPROPS/Core.xml", content_type::XML, Vec::new()),
            Err(PackageError::DuplicatePart("DOCPROPS/Core.xml".to_owned()))
        );
    }

    #[test]
    fn refuses_relationships_to_parts_never_added() {
        let mut package = Package::new(&meta());
        package.relate_package(relationship_type::OFFICE_DOCUMENT, "word/document.xml");
        assert_eq!(
            package.finish(),
            Err(PackageError::MissingPart {
                source: "/".to_owned(),
                missing: "word/document.xml".to_owned()
            })
        );
        let mut package = Package::new(&meta());
        package.relate("word/document.xml", "urn:x", "docProps/app.xml");
        assert!(
            matches!(package.finish(), Err(PackageError::MissingPart { missing, .. }) if missing == "word/document.xml")
        );
    }
}
