//! Deterministic Office Open XML packages (ECMA-376 Part 2, OPC) for the Word and PowerPoint
//! renderers.
//!
//! A [`Package`] collects parts, the relationships between them and their content types, and
//! writes the zip file: `[Content_Types].xml` and the relationships parts are generated, every
//! entry has the same fixed timestamp, and entries come in call order, so the same calls always
//! give the same bytes. A package can embed another (a chart's workbook in a deck), written
//! stored and deflated as one part. Parts that recur from package to package (masters, themes,
//! styles, most relationships) are deflated once per process and their entries copied, which
//! never changes a byte of the output. [`XmlWriter`] writes one XML part with escaped text and
//! without the control characters that would make Office refuse the file. [`vocabulary`] spells
//! the namespaces, content types and relationship types once.
//!
//! The crate knows nothing of surveys and nothing of slides or paragraphs: what a part says is
//! its caller's business. `ooxml-check` validates what comes out against the standard's schemas.

mod package;
mod properties;
mod recurring;
pub mod vocabulary;
mod xml;

pub use package::{Package, PackageError};
pub use xml::{XmlWriter, xml_safe};
