//! Every XML part against the transitional OOXML schemas, with `xmllint` (libxml2).

use std::io::ErrorKind;
use std::path::Path;
use std::process::Command;

use crate::markup_compatibility::Processed;
use crate::{CheckError, Finding};

/// The schema that imports every vocabulary the project writes (`schemas/ooxml.xsd`).
const SCHEMA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/schemas/ooxml.xsd");

/// Namespaces shortened to their usual prefixes in messages.
const PREFIXES: [(&str, &str); 12] = [
    (
        "http://schemas.openxmlformats.org/presentationml/2006/main",
        "p",
    ),
    (
        "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
        "w",
    ),
    (
        "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
        "x",
    ),
    ("http://schemas.openxmlformats.org/drawingml/2006/main", "a"),
    (
        "http://schemas.openxmlformats.org/drawingml/2006/chart",
        "c",
    ),
    (
        "http://schemas.openxmlformats.org/drawingml/2006/chartDrawing",
        "cdr",
    ),
    (
        "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing",
        "xdr",
    ),
    (
        "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
        "wp",
    ),
    (
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
        "r",
    ),
    (
        "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
        "ep",
    ),
    (
        "http://schemas.openxmlformats.org/package/2006/content-types",
        "ct",
    ),
    (
        "http://schemas.openxmlformats.org/package/2006/relationships",
        "pr",
    ),
];

/// One XML part, after markup compatibility processing.
pub(crate) struct XmlPart {
    /// Its name in findings.
    pub name: String,
    /// What the validator reads, and where each element is.
    pub processed: Processed,
}

/// Validates all parts in one `xmllint` run; a finding per error, naming part and element.
pub(crate) fn validate(parts: &[XmlPart]) -> Result<Vec<Finding>, CheckError> {
    if parts.is_empty() {
        return Ok(Vec::new());
    }
    let folder = tempfile::tempdir().map_err(|error| CheckError::Xmllint(error.to_string()))?;
    let mut files = Vec::with_capacity(parts.len());
    for (index, part) in parts.iter().enumerate() {
        let file = folder.path().join(format!("{index:04}.xml"));
        std::fs::write(&file, &part.processed.xml)
            .map_err(|error| CheckError::Xmllint(error.to_string()))?;
        files.push(file);
    }
    let output = match Command::new("xmllint")
        .args(["--noout", "--nonet", "--schema", SCHEMA])
        .args(&files)
        .output()
    {
        Ok(output) => output,
        Err(error) if error.kind() == ErrorKind::NotFound => {
            return Err(CheckError::XmllintMissing);
        }
        Err(error) => return Err(CheckError::Xmllint(error.to_string())),
    };
    let stderr = String::from_utf8_lossy(&output.stderr);
    let findings: Vec<Finding> = stderr
        .lines()
        .filter_map(|line| finding(line, &files, parts))
        .collect();
    // 0: all valid; 3: validation errors; 1: errors in a part (namespace, parsing).
    let understood = matches!(output.status.code(), Some(0))
        || (matches!(output.status.code(), Some(1 | 3)) && !findings.is_empty());
    if understood {
        Ok(findings)
    } else {
        Err(CheckError::Xmllint(format!("{}: {stderr}", output.status)))
    }
}

/// A finding from one line of xmllint's output (`FILE:LINE: … error : MESSAGE`), if it is one.
fn finding(line: &str, files: &[impl AsRef<Path>], parts: &[XmlPart]) -> Option<Finding> {
    let (index, rest) = files.iter().enumerate().find_map(|(index, file)| {
        let rest = line
            .strip_prefix(file.as_ref().to_str()?)?
            .strip_prefix(':')?;
        Some((index, rest))
    })?;
    let (line_number, rest) = rest.split_once(": ")?;
    let message = rest
        .split_once(" error : ")
        .map_or(rest, |(_, message)| message);
    let message = PREFIXES
        .iter()
        .fold(message.to_owned(), |message, (namespace, prefix)| {
            message.replace(&format!("{{{namespace}}}"), &format!("{prefix}:"))
        });
    let part = &parts[index];
    let element = line_number
        .parse()
        .ok()
        .and_then(|line| part.processed.element_at(line));
    Some(Finding {
        part: part.name.clone(),
        element: element.map(str::to_owned),
        message,
    })
}
