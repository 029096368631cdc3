//! Renders a [`Document`] as one self-contained HTML5 file: inline CSS, charts as inline SVG, no
//! scripts and no external requests (a Content-Security-Policy in the file forbids them), the
//! system's own fonts.
//!
//! Every block of the document model has its HTML form: headings (`h1`–`h3`, each with an `id`,
//! see below), paragraphs with bold runs and links, notes, nested lists, charts (a `figure` with
//! its caption, a legend, the bars as SVG with `role="img"` and the chart's text alternative as
//! its `title`, and the note) and tables (`caption`, `th scope="col"`, `th scope="row"` when the
//! table has row headers, inside a wrapper that scrolls sideways on a narrow screen, the caption and row headers staying
//! in view; short cells do not wrap; columns take
//! the width of their content, so a column's relative width, a hint for paged formats, is not
//! used). The colours are the document's palette; the page reads on a phone and prints.
//!
//! A heading's `id` is [`danish::slug`] of its text ("Øre-næse-halskirurgi" →
//! `oere-naese-halskirurgi`); a later heading with the same slug gets `-2`, `-3`, … So a document
//! may link to a section with `Inline::link(text, "#<slug>")`.
//!
//! A number keeps its unit on its line ("67,3 pct." is written with a no-break space). All text
//! and attribute values are escaped with `html-escape`. The renderer knows nothing of
//! surveys and computes nothing: it prints the document's text. Same document, same bytes.

mod chart;
mod style;

use std::collections::BTreeSet;

use document::{Block, Cell, Document, Inline, List, Table};

/// Renders a document as a complete HTML5 file.
pub fn render(document: &Document) -> String {
    let mut page = Page {
        out: String::with_capacity(32 * 1024),
        ids: BTreeSet::new(),
        charts: 0,
        tables: 0,
    };
    page.document(document);
    page.out
}

/// Escapes text for element content and for double- or single-quoted attribute values:
/// `& < > " '` become character references.
pub(crate) fn escape(text: &str) -> std::borrow::Cow<'_, str> {
    html_escape::encode_quoted_attribute(text)
}

/// A unit that Danish typesetting never puts at the start of a line: "67,3 pct." stays whole.
const UNIT_KEPT_WITH_NUMBER: &str = " pct.";

/// The text with a no-break space before every [`UNIT_KEPT_WITH_NUMBER`].
fn keep_units(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains(UNIT_KEPT_WITH_NUMBER) {
        text.replace(UNIT_KEPT_WITH_NUMBER, "\u{a0}pct.").into()
    } else {
        text.into()
    }
}

/// A text cell of at most this many characters is a label ("Over landsplan"), kept on one line;
/// longer text wraps.
const SHORT_CELL: usize = 24;

fn is_short(cell: &Cell) -> bool {
    cell.shown().chars().count() <= SHORT_CELL
}

/// The HTML being written and the ids handed out so far.
struct Page {
    out: String,
    ids: BTreeSet<String>,
    charts: usize,
    tables: usize,
}

impl Page {
    /// An id not yet used on the page, from `base`.
    fn unique_id(&mut self, base: String) -> String {
        let mut id = base.clone();
        let mut number = 2;
        while !self.ids.insert(id.clone()) {
            id = format!("{base}-{number}");
            number += 1;
        }
        id
    }

    fn push(&mut self, text: &str) {
        self.out.push_str(text);
    }

    /// Escaped text, a number kept on the line of its unit.
    fn text(&mut self, text: &str) {
        let kept = keep_units(text);
        let escaped = escape(&kept);
        self.out.push_str(&escaped);
    }

    fn document(&mut self, document: &Document) {
        let meta = &document.meta;
        let date = meta.date;
        self.push("<!DOCTYPE html>\n<html lang=\"");
        self.text(&meta.language);
        self.push("\">\n<head>\n<meta charset=\"utf-8\">\n");
        self.push("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        // Nothing may be fetched or run: the page is self-contained by construction.
        self.push(
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; \
             style-src 'unsafe-inline'\">\n",
        );
        self.push("<title>");
        self.text(&meta.title);
        self.push("</title>\n<meta name=\"description\" content=\"");
        self.text(&meta.subject);
        self.push("\">\n<meta name=\"author\" content=\"");
        self.text(&meta.author);
        self.push("\">\n");
        self.push(&format!(
            "<meta name=\"dcterms.date\" content=\"{:04}-{:02}-{:02}\">\n",
            date.year, date.month, date.day
        ));
        self.push("<style>\n");
        self.push(&style::sheet(&document.palette));
        self.push("</style>\n</head>\n<body>\n<main>\n");
        let mut in_section = false;
        for block in &document.blocks {
            if let Block::Heading { level: 2, .. } = block {
                if in_section {
                    self.push("</section>\n");
                }
                self.push("<section>\n");
                in_section = true;
            }
            self.block(block, &document.palette);
        }
        if in_section {
            self.push("</section>\n");
        }
        self.push("</main>\n");
        if !document.footer.is_empty() {
            self.push("<footer>\n<p>");
            self.text(&document.footer);
            self.push("</p>\n</footer>\n");
        }
        self.push("</body>\n</html>\n");
    }

    fn block(&mut self, block: &Block, palette: &document::Palette) {
        match block {
            Block::Heading { level, text } => {
                let level = (*level).clamp(1, 6);
                let id = self.unique_id(danish::slug(text));
                self.push(&format!("<h{level} id=\"{id}\">"));
                self.text(text);
                self.push(&format!("</h{level}>\n"));
            }
            Block::Paragraph(runs) => {
                self.push("<p>");
                self.inlines(runs);
                self.push("</p>\n");
            }
            Block::Note(text) => {
                self.push("<p class=\"note\">");
                self.text(text);
                self.push("</p>\n");
            }
            Block::List(list) => self.list(list),
            Block::Chart(chart) => {
                self.charts += 1;
                let id = self.unique_id(format!("figur-{}", self.charts));
                let figure = chart::figure(chart, palette, &id);
                self.push(&figure);
            }
            Block::Table(table) => self.table(table),
        }
    }

    fn inlines(&mut self, runs: &[Inline]) {
        for run in runs {
            if let Some(target) = &run.link {
                self.push("<a href=\"");
                self.text(target);
                self.push("\">");
            }
            if run.strong {
                self.push("<strong>");
            }
            self.text(&run.text);
            if run.strong {
                self.push("</strong>");
            }
            if run.link.is_some() {
                self.push("</a>");
            }
        }
    }

    fn list(&mut self, list: &List) {
        let tag = if list.ordered { "ol" } else { "ul" };
        self.push(&format!("<{tag}>\n"));
        for item in &list.items {
            self.push("<li>");
            self.inlines(&item.content);
            if let Some(children) = &item.children {
                self.push("\n");
                self.list(children);
            }
            self.push("</li>\n");
        }
        self.push(&format!("</{tag}>\n"));
    }

    fn table(&mut self, table: &Table) {
        self.tables += 1;
        let id = self.unique_id(format!("tabel-{}", self.tables));
        // The wrapper scrolls sideways on a narrow screen; as a focusable, named region a
        // keyboard can scroll it and a screen reader announces it.
        match &table.caption {
            Some(_) => self.push(&format!(
                "<div class=\"table-wrap\" role=\"region\" aria-labelledby=\"{id}-titel\" tabindex=\"0\">\n"
            )),
            None => self.push("<div class=\"table-wrap\" tabindex=\"0\">\n"),
        }
        self.push("<table>\n");
        if let Some(caption) = &table.caption {
            // The span stays in view while the table scrolls sideways under it.
            self.push(&format!("<caption id=\"{id}-titel\"><span>"));
            self.text(caption);
            self.push("</span></caption>\n");
        }
        self.push("<thead>\n<tr>");
        for column in &table.columns {
            self.push(if column.numeric {
                "<th scope=\"col\" class=\"num\">"
            } else {
                "<th scope=\"col\">"
            });
            self.text(&column.header);
            self.push("</th>");
        }
        self.push("</tr>\n</thead>\n<tbody>\n");
        for row in &table.rows {
            self.push("<tr>");
            for (index, cell) in row.cells.iter().enumerate() {
                let numeric = table
                    .columns
                    .get(index)
                    .is_some_and(|column| column.numeric);
                let header = table.row_headers && index == 0;
                let tag = if header { "th" } else { "td" };
                self.push("<");
                self.push(tag);
                if header {
                    self.push(" scope=\"row\"");
                }
                match (numeric, cell) {
                    (_, Cell::Field { value: None, .. }) => self.push(" class=\"field empty\""),
                    (_, Cell::Field { .. }) => self.push(" class=\"field\""),
                    (true, Cell::Text(_)) => self.push(" class=\"num\""),
                    (false, Cell::Text(_)) if !header && is_short(cell) => {
                        self.push(" class=\"short\"")
                    }
                    (false, Cell::Text(_)) => {}
                }
                self.push(">");
                match cell {
                    Cell::Text(runs) => self.inlines(runs),
                    Cell::Field { prompt, value } => {
                        self.text(value.as_deref().unwrap_or(prompt));
                    }
                }
                self.push("</");
                self.push(tag);
                self.push(">");
            }
            self.push("</tr>\n");
        }
        self.push("</tbody>\n</table>\n</div>\n");
    }
}

#[cfg(test)]
mod tests;
