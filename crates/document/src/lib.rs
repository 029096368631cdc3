//! A format-neutral document model: what a document says, not how a file format writes it.
//!
//! Composers (the fact sheet, the deck, the annual plan, the guide, the status page) build a
//! [`Document`] (flowing pages) or a [`Deck`] (slides) from figures and texts; renderers (`pdf`,
//! `pptx`, `docx`, `html`) write them. Everything a renderer prints is already here as text:
//! numbers are formatted, alternative texts are written, colours come from one [`Palette`].
//! A renderer never computes a statistic: a chart value carries both its exact share (to size a
//! bar) and its published, rounded value (to print and to store in a chart's data).

mod palette;

pub use danish::{Rounded, Share};
pub use palette::{GRAPHIC_CONTRAST, Palette, Rgb, contrast, mix};

/// Facts about a document that every file format records in its metadata.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Meta {
    /// Title for the metadata (and the outline's root).
    pub title: String,
    /// A one-line subject, e.g. "Klyngens resultater 2025".
    pub subject: String,
    /// BCP 47 language tag, "da-DK".
    pub language: String,
    /// Author and creator, e.g. "eKVIS".
    pub author: String,
    /// Document date (the publication date), so output is reproducible.
    pub date: Date,
}

/// A document of flowing pages: a fact sheet, a guide, an annual plan, a status page.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// Metadata.
    pub meta: Meta,
    /// Page orientation (a wide table may want landscape).
    pub orientation: Orientation,
    /// Running footer text shown on every page beside the page number.
    pub footer: String,
    /// Colours.
    pub palette: Palette,
    /// The content, in reading order.
    pub blocks: Vec<Block>,
}

/// A slide deck.
#[derive(Debug, Clone, PartialEq)]
pub struct Deck {
    /// Metadata.
    pub meta: Meta,
    /// A short footer on every content slide (publisher, unit, year).
    pub footer: String,
    /// Colours.
    pub palette: Palette,
    /// The slides, in order.
    pub slides: Vec<Slide>,
}

/// One slide.
#[derive(Debug, Clone, PartialEq)]
pub struct Slide {
    /// The slide's layout.
    pub layout: SlideLayout,
    /// The slide title.
    pub title: String,
    /// The content below the title: paragraphs, lists, notes, at most one chart or table.
    pub blocks: Vec<Block>,
    /// Speaker notes for the presenter, one paragraph each.
    pub notes: Vec<String>,
}

/// How a slide is laid out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SlideLayout {
    /// The opening slide: title and a subtitle.
    Title {
        /// Lines under the title (unit, specialty, year).
        subtitle: Vec<String>,
    },
    /// A title and content.
    Content,
}

/// Page orientation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Orientation {
    /// Taller than wide (the default).
    Portrait,
    /// Wider than tall.
    Landscape,
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
    /// A small, muted line such as a dateline or a source note.
    Note(String),
    /// A bulleted or numbered list.
    List(List),
    /// A chart with its data and a text alternative.
    Chart(Chart),
    /// A table with header cells.
    Table(Table),
}

/// A run of text within a paragraph, list item or table cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inline {
    /// The text.
    pub text: String,
    /// Bold.
    pub strong: bool,
    /// A link target (a relative path within the publication, or a web address).
    pub link: Option<String>,
}

impl Inline {
    /// Plain text.
    pub fn plain(text: impl Into<String>) -> Inline {
        Inline {
            text: text.into(),
            strong: false,
            link: None,
        }
    }

    /// Bold text.
    pub fn strong(text: impl Into<String>) -> Inline {
        Inline {
            strong: true,
            ..Inline::plain(text)
        }
    }

    /// Linked text.
    pub fn link(text: impl Into<String>, target: impl Into<String>) -> Inline {
        Inline {
            link: Some(target.into()),
            ..Inline::plain(text)
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

/// A horizontal bar chart of percentages.
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
    /// The unit of every value, as printed after a number in running text ("pct.").
    pub unit: String,
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
    /// One value per series; `None` where the unit has no base for it (nothing is drawn).
    pub values: Vec<Option<ChartValue>>,
}

impl ChartRow {
    /// The row in words, for a chart's alternative text: each value the row has, worded by
    /// `value` from its series and its published share ("I høj grad 27 pct."), listed the
    /// Danish way ("a, b og c") and worded with the row's label by `row`.
    pub fn in_words(
        &self,
        series: &[String],
        value: impl Fn(&str, String) -> String,
        row: impl FnOnce(&str, String) -> String,
    ) -> String {
        let values: Vec<String> = series
            .iter()
            .zip(&self.values)
            .filter_map(|(serie, chart_value)| Some((serie, chart_value.as_ref()?)))
            .map(|(serie, chart_value)| value(serie, chart_value.published.pct()))
            .collect();
        row(&self.label, danish::join_list(&values))
    }
}

/// One value of a chart: the exact share and the value as published.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChartValue {
    /// The exact fraction, for sizing a bar.
    pub exact: Share,
    /// The value as published (rounded), for printing and for a chart's stored data.
    pub published: Rounded,
}

impl ChartValue {
    /// The exact percentage as a float, for sizing bars only; never printed or compared.
    pub fn percent(&self) -> f64 {
        self.exact.part as f64 * 100.0 / self.exact.whole as f64
    }

    /// The published number without unit: "71", "65,7".
    pub fn label(&self) -> String {
        self.published.number()
    }
}

/// A table: column headers, rows whose first cell may be a row header, and a caption.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Caption (a title for the table), if any.
    pub caption: Option<String>,
    /// Column headers, one per column.
    pub columns: Vec<Column>,
    /// The body rows.
    pub rows: Vec<TableRow>,
    /// The first cell of each row is a header for its row.
    pub row_headers: bool,
    /// Repeat the header row on every page a long table runs onto.
    pub repeat_header: bool,
}

/// A column of a table.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    /// The header text.
    pub header: String,
    /// Relative width (the widths of all columns are shared out in proportion).
    pub width: u16,
    /// Numbers are right-aligned; text left-aligned.
    pub numeric: bool,
}

/// A row of a table: one cell per column.
#[derive(Debug, Clone, PartialEq)]
pub struct TableRow {
    /// The cells.
    pub cells: Vec<Cell>,
}

/// A table cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Text.
    Text(Vec<Inline>),
    /// A field for the reader to fill in (a content control in Word): the prompt shown while it is
    /// empty, or the value it is pre-filled with.
    Field {
        /// Placeholder text, e.g. "Skriv mødets tema".
        prompt: String,
        /// A known value the field starts with.
        value: Option<String>,
    },
}

impl Cell {
    /// A plain text cell.
    pub fn text(text: impl Into<String>) -> Cell {
        Cell::Text(vec![Inline::plain(text)])
    }

    /// The cell's text as shown: its runs, a field's value, or an empty field's prompt.
    pub fn shown(&self) -> String {
        match self {
            Cell::Text(runs) => runs.iter().map(|run| run.text.as_str()).collect(),
            Cell::Field { prompt, value } => value.clone().unwrap_or_else(|| prompt.clone()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(part: u64, whole: u64) -> ChartValue {
        let exact = Share::new(part, whole).unwrap();
        ChartValue {
            exact,
            published: exact.percent(1),
        }
    }

    #[test]
    fn a_row_in_words_lists_the_values_it_has_in_series_order() {
        let series = ["I høj grad", "I nogen grad", "Slet ikke"].map(String::from);
        let row = ChartRow {
            label: "Dermatologi".to_owned(),
            values: vec![Some(value(1, 4)), None, Some(value(2, 3))],
        };
        let words = row.in_words(
            &series,
            |serie, share| format!("{serie} {share}"),
            |label, values| format!("{label}: {values}"),
        );
        assert_eq!(
            words,
            "Dermatologi: I høj grad 25 pct. og Slet ikke 66,7 pct."
        );
    }
}
