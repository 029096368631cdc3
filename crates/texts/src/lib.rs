//! Text as data, so the publisher can change wording without a rebuild.
//!
//! - [`templates`]: computed sentences, kept in a TOML file as templates with named placeholders
//!   (`{andel}`) and variants (`over` / `under` / `lig`). Each composer declares the templates it
//!   uses as [`TemplateSpec`]s; loading checks the file against them, so an unknown placeholder, a
//!   missing variant or a stray template is a load-time problem naming the template.
//! - [`editorial`]: hand-written text per specialty in a Markdown subset (headings, paragraphs,
//!   bullet and numbered lists, bold), split into named slots by `#` headings.

pub mod editorial;
pub mod templates;

pub use editorial::{Editorial, parse_markdown};
pub use templates::{TemplateSpec, Templates};
