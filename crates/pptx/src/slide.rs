//! A slide (title and subtitle, or title, text and at most one chart or table) and its notes page.

use document::{Block, Cell, Chart, Inline, Slide, SlideLayout, Table};
use ooxml::XmlWriter;
use ooxml::vocabulary::namespace;

use crate::geometry::{
    BODY, CAPTION_HEIGHT, FIGURE_COLUMN, FIGURE_NOTE_HEIGHT, Frame, TABLE_ROW_HEIGHT, TEXT_COLUMN,
};
use crate::masters::{SmallText, small_text_body};
use crate::shapes::{
    Anchor, Placeholder, end_shape_tree, start_placeholder, start_shape_tree, start_text_body,
    start_text_box, transform,
};
use crate::text::{self, Context, ParagraphStyle, RunStyle, note_style, paragraph, solid_fill};

/// DrawingML's graphic data kinds.
const CHART_GRAPHIC: &str = "http://schemas.openxmlformats.org/drawingml/2006/chart";
const TABLE_GRAPHIC: &str = "http://schemas.openxmlformats.org/drawingml/2006/table";

/// Caption text size in hundredths of a point.
const CAPTION_SIZE: u32 = 1400;
/// Table text size in hundredths of a point.
const TABLE_SIZE: u32 = 1300;

fn namespaces() -> [(&'static str, &'static str); 3] {
    [
        ("xmlns:a", namespace::DRAWINGML),
        ("xmlns:r", namespace::OFFICE_RELATIONSHIPS),
        ("xmlns:p", namespace::PRESENTATIONML),
    ]
}

/// A slide's one chart or table.
enum Figure<'a> {
    Chart(&'a Chart),
    Table(&'a Table),
}

/// Splits a slide's blocks into its text and its figure; more than one figure is refused.
fn split(blocks: &[Block]) -> Result<(Vec<&Block>, Option<Figure<'_>>), String> {
    let mut texts = Vec::new();
    let mut figure = None;
    for block in blocks {
        let found = match block {
            Block::Chart(chart) => Figure::Chart(chart),
            Block::Table(table) => Figure::Table(table),
            _ => {
                texts.push(block);
                continue;
            }
        };
        if figure.replace(found).is_some() {
            return Err("a slide holds at most one chart or table".to_owned());
        }
    }
    Ok((texts, figure))
}

/// Whether a slide has a chart (and so needs a chart part).
pub(crate) fn chart_of(slide: &Slide) -> Option<&Chart> {
    slide.blocks.iter().find_map(|block| match block {
        Block::Chart(chart) => Some(chart),
        _ => None,
    })
}

/// Shape ids within one slide, from 2 (1 is the shape tree).
struct Ids(u32);

impl Ids {
    fn next(&mut self) -> u32 {
        self.0 += 1;
        self.0
    }
}

/// The slide part. `chart` is the relationship id of the slide's chart part, if it has a chart.
pub(crate) fn slide_xml(
    slide: &Slide,
    number: usize,
    footer: &str,
    context: Context<'_>,
    chart: Option<&str>,
) -> Result<Vec<u8>, String> {
    let mut xml = XmlWriter::new();
    xml.start("p:sld", &namespaces());
    start_shape_tree(&mut xml, None, None);
    let mut ids = Ids(1);
    match &slide.layout {
        SlideLayout::Title { subtitle } => {
            if !slide.blocks.is_empty() {
                return Err("a title slide holds its title and subtitle only".to_owned());
            }
            text_placeholder(
                &mut xml,
                ids.next(),
                "Titel",
                Placeholder::CENTRE_TITLE,
                &[slide.title.as_str()],
                context,
            );
            let lines: Vec<&str> = subtitle.iter().map(String::as_str).collect();
            text_placeholder(
                &mut xml,
                ids.next(),
                "Undertitel",
                Placeholder::SUBTITLE,
                &lines,
                context,
            );
        }
        SlideLayout::Content => {
            text_placeholder(
                &mut xml,
                ids.next(),
                "Titel",
                Placeholder::TITLE,
                &[slide.title.as_str()],
                context,
            );
            let (texts, figure) = split(&slide.blocks)?;
            let figure_frame = if texts.is_empty() {
                BODY
            } else {
                let frame = figure.is_some().then_some(TEXT_COLUMN);
                start_placeholder(&mut xml, ids.next(), "Indhold", Placeholder::CONTENT, frame);
                start_text_body(&mut xml, "p:txBody", Anchor::Top, true);
                text::blocks(&mut xml, &texts, context);
                xml.end().end();
                FIGURE_COLUMN
            };
            match figure {
                Some(Figure::Chart(figure)) => {
                    let relationship =
                        chart.ok_or("the slide's chart has no chart part".to_owned())?;
                    chart_frame(
                        &mut xml,
                        &mut ids,
                        figure,
                        figure_frame,
                        relationship,
                        context,
                    );
                }
                Some(Figure::Table(table)) => {
                    table_frame(&mut xml, &mut ids, table, figure_frame, context);
                }
                None => {}
            }
            start_placeholder(&mut xml, ids.next(), "Sidefod", Placeholder::FOOTER, None);
            small_text_body(&mut xml, SmallText::Footer(footer), context);
            xml.end();
            start_placeholder(
                &mut xml,
                ids.next(),
                "Slidenummer",
                Placeholder::SLIDE_NUMBER,
                None,
            );
            small_text_body(
                &mut xml,
                SmallText::SlideNumber(&number.to_string()),
                context,
            );
            xml.end();
        }
    }
    end_shape_tree(&mut xml);
    xml.start("p:clrMapOvr", &[])
        .empty("a:masterClrMapping", &[])
        .end();
    xml.end();
    Ok(xml.finish())
}

/// A placeholder holding lines of plain text, one paragraph each, in the layout's position.
fn text_placeholder(
    xml: &mut XmlWriter,
    id: u32,
    name: &str,
    placeholder: Placeholder,
    lines: &[&str],
    context: Context<'_>,
) {
    start_placeholder(xml, id, name, placeholder, None);
    xml.start("p:txBody", &[])
        .empty("a:bodyPr", &[])
        .empty("a:lstStyle", &[]);
    for line in lines {
        paragraph(
            xml,
            ParagraphStyle::default(),
            &[Inline::plain(*line)],
            context,
        );
    }
    if lines.is_empty() {
        paragraph(xml, ParagraphStyle::default(), &[], context);
    }
    xml.end().end();
}

/// How a text box's one paragraph looks and sits.
#[derive(Clone, Copy)]
struct BoxStyle {
    run: RunStyle,
    anchor: Anchor,
}

/// A text box with one paragraph.
fn text_box(
    xml: &mut XmlWriter,
    id: u32,
    name: &str,
    frame: Frame,
    text: &str,
    style: BoxStyle,
    context: Context<'_>,
) {
    start_text_box(xml, id, name, frame);
    start_text_body(xml, "p:txBody", style.anchor, false);
    let paragraph_style = ParagraphStyle {
        run: style.run,
        ..ParagraphStyle::default()
    };
    paragraph(xml, paragraph_style, &[Inline::plain(text)], context);
    xml.end().end();
}

fn caption_style(context: Context<'_>) -> RunStyle {
    RunStyle {
        size: Some(CAPTION_SIZE),
        colour: Some(context.palette.text),
        bold: true,
        typeface: None,
    }
}

/// The chart with its caption above and its note below, in `frame`.
fn chart_frame(
    xml: &mut XmlWriter,
    ids: &mut Ids,
    chart: &Chart,
    frame: Frame,
    relationship: &str,
    context: Context<'_>,
) {
    let (caption, rest) = frame.split_top(CAPTION_HEIGHT);
    text_box(
        xml,
        ids.next(),
        "Diagramtitel",
        caption,
        &chart.caption,
        BoxStyle {
            run: caption_style(context),
            anchor: Anchor::Bottom,
        },
        context,
    );
    let plot = match &chart.note {
        Some(note) => {
            let (plot, below) = rest.split_bottom(FIGURE_NOTE_HEIGHT);
            text_box(
                xml,
                ids.next(),
                "Diagramnote",
                below,
                note,
                BoxStyle {
                    run: note_style(context.palette),
                    anchor: Anchor::Top,
                },
                context,
            );
            plot
        }
        None => rest,
    };
    start_graphic_frame(xml, ids.next(), "Diagram", Some(&chart.alt), plot);
    xml.start("a:graphic", &[])
        .start("a:graphicData", &[("uri", CHART_GRAPHIC)])
        .empty(
            "c:chart",
            &[("xmlns:c", namespace::CHART), ("r:id", relationship)],
        )
        .end()
        .end();
    xml.end();
}

fn start_graphic_frame(
    xml: &mut XmlWriter,
    id: u32,
    name: &str,
    description: Option<&str>,
    frame: Frame,
) {
    let id = id.to_string();
    let mut attributes = vec![("id", id.as_str()), ("name", name)];
    if let Some(description) = description {
        attributes.push(("descr", description));
    }
    xml.start("p:graphicFrame", &[])
        .start("p:nvGraphicFramePr", &[])
        .empty("p:cNvPr", &attributes)
        .start("p:cNvGraphicFramePr", &[])
        .empty("a:graphicFrameLocks", &[("noGrp", "1")])
        .end()
        .empty("p:nvPr", &[])
        .end();
    transform(xml, "p:xfrm", frame);
}

/// A native table: the header row in the primary colour, rows ruled below, numbers right-aligned.
fn table_frame(
    xml: &mut XmlWriter,
    ids: &mut Ids,
    table: &Table,
    frame: Frame,
    context: Context<'_>,
) {
    let frame = match &table.caption {
        Some(caption) => {
            let (top, rest) = frame.split_top(CAPTION_HEIGHT);
            text_box(
                xml,
                ids.next(),
                "Tabeltitel",
                top,
                caption,
                BoxStyle {
                    run: caption_style(context),
                    anchor: Anchor::Bottom,
                },
                context,
            );
            rest
        }
        None => frame,
    };
    let height = TABLE_ROW_HEIGHT * (table.rows.len() as i64 + 1);
    let frame = Frame {
        height: height.min(frame.height),
        ..frame
    };
    start_graphic_frame(xml, ids.next(), "Tabel", table.caption.as_deref(), frame);
    let palette = context.palette;
    let mut table_attributes = vec![("firstRow", "1")];
    if table.row_headers {
        table_attributes.push(("firstCol", "1"));
    }
    xml.start("a:graphic", &[])
        .start("a:graphicData", &[("uri", TABLE_GRAPHIC)])
        .start("a:tbl", &[])
        .empty("a:tblPr", &table_attributes)
        .start("a:tblGrid", &[]);
    for width in column_widths(table, frame.width) {
        xml.empty("a:gridCol", &[("w", &width.to_string())]);
    }
    xml.end();
    let row_height = TABLE_ROW_HEIGHT.to_string();
    xml.start("a:tr", &[("h", &row_height)]);
    for column in &table.columns {
        let style = ParagraphStyle {
            align_right: column.numeric,
            run: RunStyle {
                size: Some(TABLE_SIZE),
                colour: Some(palette.label_on(palette.primary)),
                bold: true,
                typeface: None,
            },
            ..ParagraphStyle::default()
        };
        table_cell(
            xml,
            &[Inline::plain(column.header.as_str())],
            style,
            Some(palette.primary),
            context,
        );
    }
    xml.end();
    for row in &table.rows {
        xml.start("a:tr", &[("h", &row_height)]);
        for (index, (cell, column)) in row.cells.iter().zip(&table.columns).enumerate() {
            let style = ParagraphStyle {
                align_right: column.numeric,
                run: RunStyle {
                    size: Some(TABLE_SIZE),
                    colour: Some(palette.text),
                    bold: table.row_headers && index == 0,
                    typeface: None,
                },
                ..ParagraphStyle::default()
            };
            let runs = match cell {
                Cell::Text(runs) => runs.clone(),
                Cell::Field { .. } => vec![Inline::plain(cell.shown())],
            };
            table_cell(xml, &runs, style, None, context);
        }
        xml.end();
    }
    xml.end().end().end(); // tbl, graphicData, graphic
    xml.end(); // graphicFrame
}

/// The columns' widths in EMU, shared out in proportion and summing to `total`.
fn column_widths(table: &Table, total: i64) -> Vec<i64> {
    let weight = |column: &document::Column| i64::from(column.width.max(1));
    let weights: i64 = table.columns.iter().map(weight).sum();
    let mut widths: Vec<i64> = table
        .columns
        .iter()
        .map(|column| total * weight(column) / weights)
        .collect();
    let assigned: i64 = widths.iter().sum();
    if let Some(last) = widths.last_mut() {
        *last += total - assigned;
    }
    widths
}

fn table_cell(
    xml: &mut XmlWriter,
    runs: &[Inline],
    style: ParagraphStyle,
    fill: Option<document::Rgb>,
    context: Context<'_>,
) {
    xml.start("a:tc", &[]);
    start_text_body(xml, "a:txBody", Anchor::Middle, false);
    paragraph(xml, style, runs, context);
    xml.end();
    xml.start("a:tcPr", &[("anchor", "ctr")]);
    xml.start("a:lnB", &[("w", "9525")]);
    solid_fill(xml, context.palette.grid);
    xml.end();
    match fill {
        Some(colour) => solid_fill(xml, colour),
        None => {
            xml.empty("a:noFill", &[]);
        }
    }
    xml.end();
    xml.end();
}

/// The notes page of a slide: the slide's image and the speaker notes, one paragraph each.
pub(crate) fn notes_slide_xml(notes: &[String], context: Context<'_>) -> Vec<u8> {
    let mut xml = XmlWriter::new();
    xml.start("p:notes", &namespaces());
    start_shape_tree(&mut xml, None, None);
    start_placeholder(&mut xml, 2, "Slidebillede", Placeholder::NOTES_IMAGE, None);
    xml.end();
    start_placeholder(&mut xml, 3, "Noter", Placeholder::NOTES_BODY, None);
    xml.start("p:txBody", &[])
        .empty("a:bodyPr", &[])
        .empty("a:lstStyle", &[]);
    for note in notes {
        paragraph(
            &mut xml,
            ParagraphStyle::default(),
            &[Inline::plain(note.as_str())],
            context,
        );
    }
    if notes.is_empty() {
        paragraph(&mut xml, ParagraphStyle::default(), &[], context);
    }
    xml.end().end();
    end_shape_tree(&mut xml);
    xml.start("p:clrMapOvr", &[])
        .empty("a:masterClrMapping", &[])
        .end();
    xml.end();
    xml.finish()
}
