//! Test harness for the Office files klyngepakke writes: is a `.docx`, `.pptx` or `.xlsx` one that
//! Word, PowerPoint and Excel open without a repair prompt, as far as a machine can tell?
//!
//! [`check_package`] unpacks the zip and reports every [`Finding`] together:
//! - the package (ECMA-376 Part 2): a content type for every part, overrides and relationship
//!   targets that exist, unique relationship ids, part names unique regardless of case;
//! - every XML part against the transitional schemas of ISO/IEC 29500-4 (`schemas/`), after
//!   markup compatibility processing as Office does it (ignorable namespaces dropped,
//!   `mc:AlternateContent` replaced by its fallback), with `xmllint` from libxml2-utils;
//! - core properties by hand (known properties, each once, W3CDTF dates), since their schema
//!   imports Dublin Core by web address;
//! - embedded packages (a chart's workbook) the same way, their parts named
//!   `ppt/embeddings/data1.xlsx!/xl/workbook.xml`.
//!
//! Schema validity is the closest check available here to "opens in Office": Office refuses or
//! repairs files that break element order, required children or value ranges, even where
//! LibreOffice opens them.

mod core_properties;
mod markup_compatibility;
mod schema;
mod structure;

use std::fmt;

use schema::XmlPart;
use structure::{CONTENT_TYPES, ContentTypes};

/// One problem, located.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The part (`ppt/slides/slide1.xml`), empty for the package as a whole.
    pub part: String,
    /// The element at fault, where the validator names one: `/p:sld/p:cSld/p:spTree/p:sp[2]`
    /// (the second `p:sp` in its parent; prefixes as the part spells them).
    pub element: Option<String>,
    /// What is wrong, with namespaces shortened to their usual prefixes (`p:sldSz`).
    pub message: String,
}

impl Finding {
    fn new(prefix: &str, part: &str, message: String) -> Finding {
        Finding {
            part: joined(prefix, part),
            element: None,
            message,
        }
    }
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let part = if self.part.is_empty() {
            "(package)"
        } else {
            &self.part
        };
        match &self.element {
            Some(element) => write!(f, "{part} at {element}: {}", self.message),
            None => write!(f, "{part}: {}", self.message),
        }
    }
}

/// Why the check itself could not run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CheckError {
    /// `xmllint` is not installed.
    XmllintMissing,
    /// `xmllint` failed in a way that says nothing about the parts.
    Xmllint(String),
}

impl fmt::Display for CheckError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CheckError::XmllintMissing => {
                write!(
                    f,
                    "xmllint is not installed (Debian: apt-get install libxml2-utils; or run `cargo xtask deps`)"
                )
            }
            CheckError::Xmllint(message) => write!(f, "xmllint failed: {message}"),
        }
    }
}

impl std::error::Error for CheckError {}

/// Every finding in a package's bytes; empty when it passes.
pub fn check_package(bytes: &[u8]) -> Result<Vec<Finding>, CheckError> {
    let mut findings = Vec::new();
    let mut xml_parts = Vec::new();
    inspect("", bytes, &mut findings, &mut xml_parts);
    findings.extend(schema::validate(&xml_parts)?);
    Ok(findings)
}

/// For tests: panics listing every finding, one a line, unless the package passes.
pub fn assert_valid_package(bytes: &[u8]) {
    let findings = check_package(bytes).unwrap_or_else(|error| panic!("{error}"));
    let listed: Vec<String> = findings.iter().map(Finding::to_string).collect();
    assert!(
        findings.is_empty(),
        "{} findings:\n{}",
        findings.len(),
        listed.join("\n")
    );
}

// Content types spelled here independently of `ooxml::vocabulary`, so that a misspelling there is
// caught rather than shared.
const CORE_PROPERTIES: &str = "application/vnd.openxmlformats-package.core-properties+xml";
const PACKAGES: [&str; 3] = [
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
];

/// Checks the package structure and core properties, and collects the XML parts (of this and of
/// embedded packages) for one schema run.
fn inspect(prefix: &str, bytes: &[u8], findings: &mut Vec<Finding>, xml_parts: &mut Vec<XmlPart>) {
    let parts = match structure::read_zip(bytes) {
        Ok(parts) => parts,
        Err(message) => return findings.push(Finding::new(prefix, "", message)),
    };
    let content_types = match parts.iter().find(|part| part.name == CONTENT_TYPES) {
        Some(part) => ContentTypes::parse(&part.data).unwrap_or_else(|message| {
            findings.push(Finding::new(prefix, CONTENT_TYPES, message));
            ContentTypes::default()
        }),
        None => {
            findings.push(Finding::new(prefix, CONTENT_TYPES, "missing".to_owned()));
            ContentTypes::default()
        }
    };
    structure::check(prefix, &parts, &content_types, findings);
    for part in &parts {
        let name = joined(prefix, &part.name);
        let content_type = match part.name.as_str() {
            CONTENT_TYPES => "application/xml",
            other => content_types.of(other).unwrap_or_default(),
        };
        if content_type == CORE_PROPERTIES {
            let problems = core_properties::problems(&part.data);
            findings.extend(
                problems
                    .into_iter()
                    .map(|message| Finding::new(prefix, &part.name, message)),
            );
        } else if PACKAGES.contains(&content_type) {
            inspect(&name, &part.data, findings, xml_parts);
        } else if content_type.ends_with("+xml")
            || content_type == "application/xml"
            || part.name.ends_with(".xml")
        {
            match markup_compatibility::preprocess(&part.data) {
                Ok(processed) => xml_parts.push(XmlPart { name, processed }),
                Err(message) => findings.push(Finding::new(prefix, &part.name, message)),
            }
        }
    }
}

/// A part's name in findings: `ppt/embeddings/data1.xlsx!/xl/workbook.xml` inside an embedded
/// package.
fn joined(prefix: &str, part: &str) -> String {
    if prefix.is_empty() || part.is_empty() {
        format!("{prefix}{part}")
    } else {
        format!("{prefix}!/{part}")
    }
}
