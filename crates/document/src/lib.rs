//! A format-neutral document: what a page says, not how it is laid out.
//!
//! Composers (such as the fact sheet) build a [`Document`] from figures and texts; renderers (such
//! as the PDF renderer) lay it out. Everything a renderer prints is already here as text: numbers
//! are formatted, alternative texts are written. A renderer never computes a statistic; chart
//! values are given as published percentages, used only to size bars.

/// A whole document.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// Title for the metadata (and the outline's root).
    pub title: String,
    /// BCP 47 language tag, "da-DK".
    pub language: String,
    /// Author and creator, e.g. "eKVIS".
    pub author: String,
    /// Document date (the publication date), so output is reproducible.
    pub date: Date,
    /// Running footer text shown on every page beside the page number.
    pub footer: String,
    /// Colours.
    pub theme: Theme,
    /// The content, in reading order.
    pub blocks: Vec<Block>,
}

/// A calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Date {
    /// Year.
    pub year: u16,
    /// Month, 1 to 12.
    pub month: u8,
    /// Day, 1 to 31.
    pub day: u8,
}

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

/// Colours of the house style.
#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    /// Headings, rules, the unit's own bars.
    pub primary: Rgb,
    /// Comparison bars (the nation).
    pub secondary: Rgb,
    /// Body text.
    pub text: Rgb,
}

/// A block of content.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A heading; level 1 is the document title, level 2 a section, level 3 a subsection.
    Heading {
        /// 1 to 3.
        level: u8,
        /// The heading text.
        text: String,
    },
    /// A paragraph of running text.
    Paragraph(Vec<Inline>),
    /// A small, muted line such as a dateline or a chart's source note.
    Note(String),
    /// A bulleted or numbered list.
    List(List),
    /// A chart with its data and a text alternative.
    Chart(Chart),
}

/// A run of text within a paragraph or list item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inline {
    /// The text.
    pub text: String,
    /// Bold.
    pub strong: bool,
}

impl Inline {
    /// Plain text.
    pub fn plain(text: impl Into<String>) -> Inline {
        Inline {
            text: text.into(),
            strong: false,
        }
    }

    /// Bold text.
    pub fn strong(text: impl Into<String>) -> Inline {
        Inline {
            text: text.into(),
            strong: true,
        }
    }
}

/// A list.
#[derive(Debug, Clone, PartialEq)]
pub struct List {
    /// Numbered (1., 2., …) rather than bulleted.
    pub ordered: bool,
    /// The items.
    pub items: Vec<ListItem>,
}

/// One list item: its text and an optional nested list.
#[derive(Debug, Clone, PartialEq)]
pub struct ListItem {
    /// The item's text.
    pub content: Vec<Inline>,
    /// A nested list (bullets under a numbered advice heading).
    pub children: Option<List>,
}

/// A horizontal bar chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    /// Caption shown above the chart (usually the question).
    pub caption: String,
    /// Text alternative stating the chart's numbers in words.
    pub alt: String,
    /// How the bars are arranged.
    pub kind: ChartKind,
    /// Legend entries: one per series (grouped) or per segment (stacked), in order.
    pub series: Vec<String>,
    /// One row per bar (stacked) or per group of bars (grouped).
    pub rows: Vec<ChartRow>,
    /// A source line under the chart, e.g. the bases ("Dermatologi: 73 svar").
    pub note: Option<String>,
}

/// How a chart's rows are drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChartKind {
    /// Each row is one 100 % bar split into segments, one per series.
    Stacked,
    /// Each row is a group of bars, one per series, from a common zero (also ranked bars).
    Grouped,
}

/// One row of a chart.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartRow {
    /// The row's label, e.g. "Dermatologi" or "Faglige drøftelser".
    pub label: String,
    /// One value per series, as published percentages (0 to 100).
    pub values: Vec<f64>,
    /// One printed label per value, already formatted ("71"); empty to print none.
    pub value_labels: Vec<String>,
}
