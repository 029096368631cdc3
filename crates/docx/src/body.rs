//! `word/document.xml` from the blocks, and what the blocks need elsewhere: the numbering of
//! their lists and the placeholders of their fill-in fields.

use document::{Block, Cell, Chart, Column, Document, Inline, List, Palette, Rgb, Table, TableRow};
use ooxml::XmlWriter;
use ooxml::vocabulary::namespace;

use crate::Page;
use crate::parts::{PLACEHOLDER_STYLE, placeholder_name};

/// A row holding an empty field is at least this tall (1,5 cm), so there is room to write.
const FIELD_ROW_HEIGHT: &str = "850";

/// What writing the body produced.
pub(crate) struct Body {
    /// `word/document.xml`.
    pub document: Vec<u8>,
    /// Per list (numbering instance), whether each nesting level is numbered.
    pub lists: Vec<Vec<bool>>,
    /// The prompts of empty fields, each once, in order of first use.
    pub prompts: Vec<String>,
}

/// Writes the document's body; `footer_id` is the relationship id of its footer.
pub(crate) fn write(document: &Document, page: Page, footer_id: &str) -> Body {
    let mut writer = Writer {
        xml: XmlWriter::new(),
        language: &document.meta.language,
        palette: &document.palette,
        page,
        lists: Vec::new(),
        prompts: Vec::new(),
        controls: 0,
    };
    writer.xml.start(
        "w:document",
        &[
            ("xmlns:w", namespace::WORDPROCESSINGML),
            ("xmlns:r", namespace::OFFICE_RELATIONSHIPS),
        ],
    );
    writer.xml.start("w:body", &[]);
    for block in &document.blocks {
        writer.block(block);
    }
    writer.section(footer_id);
    writer.xml.end().end();
    Body {
        document: writer.xml.finish(),
        lists: writer.lists,
        prompts: writer.prompts,
    }
}

/// How a run looks.
#[derive(Clone, Copy, Default)]
struct RunStyle<'a> {
    character_style: Option<&'a str>,
    bold: bool,
    color: Option<Rgb>,
}

/// Paragraph properties.
#[derive(Clone, Copy, Default)]
struct ParagraphStyle<'a> {
    style: Option<&'a str>,
    keep_next: bool,
    /// Numbering instance and level.
    numbering: Option<(usize, usize)>,
    right_aligned: bool,
}

struct Writer<'d> {
    xml: XmlWriter,
    language: &'d str,
    palette: &'d Palette,
    page: Page,
    lists: Vec<Vec<bool>>,
    prompts: Vec<String>,
    controls: u32,
}

impl Writer<'_> {
    fn block(&mut self, block: &Block) {
        match block {
            Block::Heading { level, text } => {
                let style = match level {
                    0 | 1 => "Heading1",
                    2 => "Heading2",
                    _ => "Heading3",
                };
                let properties = ParagraphStyle {
                    style: Some(style),
                    ..ParagraphStyle::default()
                };
                self.paragraph(properties, &[Inline::plain(text.as_str())]);
            }
            Block::Paragraph(inlines) => self.paragraph(ParagraphStyle::default(), inlines),
            Block::Note(text) => self.note(text),
            Block::List(list) => {
                self.lists.push(Vec::new());
                let instance = self.lists.len() - 1;
                self.list(list, instance, 0);
            }
            Block::Chart(chart) => self.chart(chart),
            Block::Table(table) => self.table(table, None),
        }
    }

    fn note(&mut self, text: &str) {
        let properties = ParagraphStyle {
            style: Some("Note"),
            ..ParagraphStyle::default()
        };
        self.paragraph(properties, &[Inline::plain(text)]);
    }

    fn list(&mut self, list: &List, instance: usize, level: usize) {
        let levels = &mut self.lists[instance];
        if levels.len() == level {
            levels.push(list.ordered);
        }
        for item in &list.items {
            let properties = ParagraphStyle {
                style: Some("ListParagraph"),
                numbering: Some((instance, level)),
                ..ParagraphStyle::default()
            };
            self.paragraph(properties, &item.content);
            if let Some(children) = &item.children {
                self.list(children, instance, level + 1);
            }
        }
    }

    /// A chart as its caption, a table of its published values and its note.
    fn chart(&mut self, chart: &Chart) {
        let mut columns = vec![Column {
            header: String::new(),
            width: 3,
            numeric: false,
        }];
        columns.extend(chart.series.iter().map(|series| Column {
            header: series.clone(),
            width: 1,
            numeric: true,
        }));
        let rows = chart
            .rows
            .iter()
            .map(|row| {
                let mut cells = vec![Cell::text(row.label.as_str())];
                cells.extend(row.values.iter().map(|value| match value {
                    Some(value) => Cell::text(format!("{} {}", value.label(), chart.unit)),
                    None => Cell::Text(Vec::new()),
                }));
                TableRow { cells }
            })
            .collect();
        let table = Table {
            caption: Some(chart.caption.clone()),
            columns,
            rows,
            row_headers: true,
            repeat_header: true,
        };
        self.table(&table, Some(&chart.alt));
        if let Some(note) = &chart.note {
            self.note(note);
        }
    }

    fn table(&mut self, table: &Table, description: Option<&str>) {
        if let Some(caption) = &table.caption {
            let properties = ParagraphStyle {
                style: Some("Caption"),
                keep_next: true,
                ..ParagraphStyle::default()
            };
            self.paragraph(properties, &[Inline::plain(caption.as_str())]);
        }
        let widths = column_widths(&table.columns, self.page.text_width());
        let total = self.page.text_width().to_string();
        let grid = self.palette.grid.hex();
        let xml = &mut self.xml;
        xml.start("w:tbl", &[]).start("w:tblPr", &[]);
        xml.empty("w:tblW", &[("w:w", &total), ("w:type", "dxa")]);
        xml.start("w:tblBorders", &[]);
        for side in ["top", "left", "bottom", "right", "insideH", "insideV"] {
            xml.empty(
                &format!("w:{side}"),
                &[
                    ("w:val", "single"),
                    ("w:sz", "4"),
                    ("w:space", "0"),
                    ("w:color", &grid),
                ],
            );
        }
        xml.end();
        xml.empty("w:tblLayout", &[("w:type", "fixed")]);
        xml.start("w:tblCellMar", &[]);
        for (side, width) in [
            ("top", "57"),
            ("left", "85"),
            ("bottom", "57"),
            ("right", "85"),
        ] {
            xml.empty(&format!("w:{side}"), &[("w:w", width), ("w:type", "dxa")]);
        }
        xml.end();
        let first_column = if table.row_headers { "1" } else { "0" };
        xml.empty(
            "w:tblLook",
            &[
                ("w:firstRow", "1"),
                ("w:lastRow", "0"),
                ("w:firstColumn", first_column),
                ("w:lastColumn", "0"),
                ("w:noHBand", "1"),
                ("w:noVBand", "1"),
            ],
        );
        if let Some(caption) = &table.caption {
            xml.empty("w:tblCaption", &[("w:val", caption)]);
        }
        if let Some(description) = description {
            xml.empty("w:tblDescription", &[("w:val", description)]);
        }
        xml.end();
        xml.start("w:tblGrid", &[]);
        for width in &widths {
            xml.empty("w:gridCol", &[("w:w", &width.to_string())]);
        }
        xml.end();

        // The header row.
        xml.start("w:tr", &[]).start("w:trPr", &[]);
        xml.empty("w:cantSplit", &[]);
        if table.repeat_header {
            xml.empty("w:tblHeader", &[]);
        }
        xml.end();
        let fill = self.palette.primary;
        let label = self.palette.label_on(fill);
        for (column, width) in table.columns.iter().zip(&widths) {
            self.cell_start(*width, Some(fill));
            let properties = ParagraphStyle {
                style: Some("TableText"),
                right_aligned: column.numeric,
                ..ParagraphStyle::default()
            };
            let style = RunStyle {
                bold: true,
                color: Some(label),
                ..RunStyle::default()
            };
            self.paragraph_with(properties, |writer| writer.runs(&column.header, style));
            self.xml.end();
        }
        self.xml.end();

        for row in &table.rows {
            self.row(table, row, &widths);
        }
        self.xml.end();
        // An empty paragraph keeps a following table apart (Word would join them) and gives
        // the space below.
        self.xml.empty("w:p", &[]);
    }

    fn row(&mut self, table: &Table, row: &TableRow, widths: &[u32]) {
        let has_empty_field = row
            .cells
            .iter()
            .any(|cell| matches!(cell, Cell::Field { value: None, .. }));
        self.xml.start("w:tr", &[]).start("w:trPr", &[]);
        self.xml.empty("w:cantSplit", &[]);
        if has_empty_field {
            self.xml.empty(
                "w:trHeight",
                &[("w:val", FIELD_ROW_HEIGHT), ("w:hRule", "atLeast")],
            );
        }
        self.xml.end();
        for (index, (cell, column)) in row.cells.iter().zip(&table.columns).enumerate() {
            self.cell_start(widths[index], None);
            let properties = ParagraphStyle {
                style: Some("TableText"),
                right_aligned: column.numeric,
                ..ParagraphStyle::default()
            };
            let row_header = table.row_headers && index == 0;
            match cell {
                Cell::Text(inlines) if row_header => {
                    let bold: Vec<Inline> = inlines
                        .iter()
                        .map(|inline| Inline {
                            strong: true,
                            ..inline.clone()
                        })
                        .collect();
                    self.paragraph(properties, &bold);
                }
                Cell::Text(inlines) => self.paragraph(properties, inlines),
                Cell::Field { prompt, value } => self.paragraph_with(properties, |writer| {
                    writer.field(&column.header, prompt, value.as_deref())
                }),
            }
            self.xml.end();
        }
        self.xml.end();
    }

    fn cell_start(&mut self, width: u32, fill: Option<Rgb>) {
        self.xml.start("w:tc", &[]).start("w:tcPr", &[]);
        self.xml
            .empty("w:tcW", &[("w:w", &width.to_string()), ("w:type", "dxa")]);
        if let Some(fill) = fill {
            self.xml.empty(
                "w:shd",
                &[
                    ("w:val", "clear"),
                    ("w:color", "auto"),
                    ("w:fill", &fill.hex()),
                ],
            );
        }
        self.xml.end();
    }

    /// A plain-text content control: titled with its column, showing `value` or, while empty,
    /// `prompt` in the Placeholder Text style (the placeholder Word restores when it is cleared).
    fn field(&mut self, title: &str, prompt: &str, value: Option<&str>) {
        self.controls += 1;
        let id = self.controls.to_string();
        self.xml.start("w:sdt", &[]).start("w:sdtPr", &[]);
        if !title.is_empty() {
            self.xml.empty("w:alias", &[("w:val", title)]);
            self.xml.empty("w:tag", &[("w:val", title)]);
        }
        self.xml.empty("w:id", &[("w:val", &id)]);
        let position = match self.prompts.iter().position(|known| known == prompt) {
            Some(position) => position,
            None => {
                self.prompts.push(prompt.to_owned());
                self.prompts.len() - 1
            }
        };
        self.xml.start("w:placeholder", &[]);
        self.xml
            .empty("w:docPart", &[("w:val", &placeholder_name(position))]);
        self.xml.end();
        if value.is_none() {
            self.xml.empty("w:showingPlcHdr", &[]);
        }
        self.xml.empty("w:text", &[("w:multiLine", "1")]);
        self.xml.end().start("w:sdtContent", &[]);
        match value {
            Some(value) => self.runs(value, RunStyle::default()),
            None => self.runs(
                prompt,
                RunStyle {
                    character_style: Some(PLACEHOLDER_STYLE),
                    ..RunStyle::default()
                },
            ),
        }
        self.xml.end().end();
    }

    fn paragraph(&mut self, properties: ParagraphStyle<'_>, inlines: &[Inline]) {
        self.paragraph_with(properties, |writer| {
            for inline in inlines {
                writer.inline(inline);
            }
        });
    }

    fn paragraph_with(&mut self, properties: ParagraphStyle<'_>, content: impl FnOnce(&mut Self)) {
        self.xml.start("w:p", &[]);
        let ParagraphStyle {
            style,
            keep_next,
            numbering,
            right_aligned,
        } = properties;
        if style.is_some() || keep_next || numbering.is_some() || right_aligned {
            self.xml.start("w:pPr", &[]);
            if let Some(style) = style {
                self.xml.empty("w:pStyle", &[("w:val", style)]);
            }
            if keep_next {
                self.xml.empty("w:keepNext", &[]);
            }
            if let Some((instance, level)) = numbering {
                self.xml.start("w:numPr", &[]);
                self.xml.empty("w:ilvl", &[("w:val", &level.to_string())]);
                self.xml
                    .empty("w:numId", &[("w:val", &(instance + 1).to_string())]);
                self.xml.end();
            }
            if right_aligned {
                self.xml.empty("w:jc", &[("w:val", "right")]);
            }
            self.xml.end();
        }
        content(self);
        self.xml.end();
    }

    fn inline(&mut self, inline: &Inline) {
        let style = RunStyle {
            bold: inline.strong,
            ..RunStyle::default()
        };
        match &inline.link {
            None => self.runs(&inline.text, style),
            // A HYPERLINK field: works for relative paths and web addresses alike without an
            // external relationship.
            Some(target) => {
                let target: String = target.chars().filter(|&c| c != '"').collect();
                self.field_char("begin");
                self.xml.start("w:r", &[]);
                self.run_properties(RunStyle::default());
                self.xml
                    .text_element(
                        "w:instrText",
                        &[("xml:space", "preserve")],
                        &format!(" HYPERLINK \"{target}\" "),
                    )
                    .end();
                self.field_char("separate");
                self.runs(
                    &inline.text,
                    RunStyle {
                        character_style: Some("Hyperlink"),
                        ..style
                    },
                );
                self.field_char("end");
            }
        }
    }

    fn field_char(&mut self, kind: &str) {
        self.xml.start("w:r", &[]);
        self.run_properties(RunStyle::default());
        self.xml.empty("w:fldChar", &[("w:fldCharType", kind)]);
        self.xml.end();
    }

    /// One run of text; a line feed becomes a line break and a tab a tab.
    fn runs(&mut self, text: &str, style: RunStyle<'_>) {
        self.xml.start("w:r", &[]);
        self.run_properties(style);
        let mut lines = text.split('\n').peekable();
        while let Some(line) = lines.next() {
            let mut pieces = line.split('\t').peekable();
            while let Some(piece) = pieces.next() {
                if !piece.is_empty() {
                    self.xml
                        .text_element("w:t", &[("xml:space", "preserve")], piece);
                }
                if pieces.peek().is_some() {
                    self.xml.empty("w:tab", &[]);
                }
            }
            if lines.peek().is_some() {
                self.xml.empty("w:br", &[]);
            }
        }
        self.xml.end();
    }

    fn run_properties(&mut self, style: RunStyle<'_>) {
        self.xml.start("w:rPr", &[]);
        if let Some(character_style) = style.character_style {
            self.xml.empty("w:rStyle", &[("w:val", character_style)]);
        }
        if style.bold {
            self.xml.empty("w:b", &[]);
        }
        if let Some(color) = style.color {
            self.xml.empty("w:color", &[("w:val", &color.hex())]);
        }
        self.xml.empty("w:lang", &[("w:val", self.language)]);
        self.xml.end();
    }

    fn section(&mut self, footer_id: &str) {
        let page = self.page;
        let margin = Page::MARGIN.to_string();
        let xml = &mut self.xml;
        xml.start("w:sectPr", &[]);
        xml.empty(
            "w:footerReference",
            &[("w:type", "default"), ("r:id", footer_id)],
        );
        let (width, height) = (page.width.to_string(), page.height.to_string());
        let mut size = vec![("w:w", width.as_str()), ("w:h", height.as_str())];
        if page.landscape {
            size.push(("w:orient", "landscape"));
        }
        xml.empty("w:pgSz", &size);
        xml.empty(
            "w:pgMar",
            &[
                ("w:top", &margin),
                ("w:right", &margin),
                ("w:bottom", &margin),
                ("w:left", &margin),
                ("w:header", &Page::FOOTER.to_string()),
                ("w:footer", &Page::FOOTER.to_string()),
                ("w:gutter", "0"),
            ],
        );
        xml.end();
    }
}

/// Column widths in twentieths of a point, in proportion to the columns' relative widths and
/// adding up to `total` exactly.
fn column_widths(columns: &[Column], total: u32) -> Vec<u32> {
    let sum: u32 = columns
        .iter()
        .map(|column| u32::from(column.width.max(1)))
        .sum();
    let mut widths: Vec<u32> = columns
        .iter()
        .map(|column| total * u32::from(column.width.max(1)) / sum.max(1))
        .collect();
    let given: u32 = widths.iter().sum();
    if let Some(last) = widths.last_mut() {
        *last += total - given;
    }
    widths
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_widths_share_the_text_width_in_proportion() {
        let column = |width| Column {
            header: String::new(),
            width,
            numeric: false,
        };
        let widths = column_widths(&[column(1), column(2), column(0)], 1000);
        assert_eq!(widths, [250, 500, 250]);
        assert_eq!(
            column_widths(&[column(1), column(1), column(1)], 1000),
            [333, 333, 334]
        );
    }
}
