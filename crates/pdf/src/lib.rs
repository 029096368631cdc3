//! Renders a [`document::Document`] as a tagged, accessible PDF (PDF/UA-1) with krilla.
//!
//! The renderer lays the format-neutral document out on A4 pages: it breaks lines on measured
//! glyph advances (Lato, shaped with rustybuzz), flows blocks over pages without stranding
//! headings or splitting charts, draws bar charts as vectors, and writes a structure tree
//! (headings, paragraphs, lists, figures with alternative text), an outline and metadata.
//! krilla's PDF/UA-1 validator runs on every document; its findings become a [`PdfError`].
//! The renderer never computes statistics: every number it prints is given in the document.

mod chart;
mod draw;
mod fonts;
mod paginate;
mod wrap;

use std::fmt;
use std::num::NonZeroU16;

use document::{Block, Document, Inline, List, Orientation, Rgb};
use krilla::SerializeSettings;
use krilla::configure::{Accessibility, ConfigurationBuilder, ValidationError};
use krilla::destination::XyzDestination;
use krilla::error::KrillaError;
use krilla::geom::{Point, Rect};
use krilla::metadata::{DateTime, Metadata};
use krilla::outline::{Outline, OutlineNode};
use krilla::page::PageSettings;
use krilla::tagging::{
    ArtifactType, BBox, Identifier, ListNumbering, Node, Tag, TagGroup, TagTree,
};

use crate::chart::ChartLayout;
use crate::draw::{Painter, baseline};
use crate::fonts::{Fonts, Style};
use crate::paginate::{FlowBlock, page_count, paginate};
use crate::wrap::{Line, wrap};

const PAGE_W: f32 = 595.276;
const PAGE_H: f32 = 841.89;
const MARGIN_X: f32 = 50.0;
const CONTENT_TOP: f32 = 44.0;
const CONTENT_BOTTOM: f32 = PAGE_H - 50.0;
const CONTENT_W: f32 = PAGE_W - 2.0 * MARGIN_X;
const BODY_SIZE: f32 = 9.0;
const BODY_LEADING: f32 = 11.6;
const NOTE_SIZE: f32 = 8.0;
const NOTE_LEADING: f32 = 10.8;
const FOOTER_SIZE: f32 = 7.5;

/// Renders documents to PDF; holds the parsed fonts and can be shared between threads.
pub struct PdfRenderer {
    fonts: Fonts,
}

/// A rendered PDF file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderedPdf {
    /// The file's bytes.
    pub bytes: Vec<u8>,
    /// Number of pages.
    pub pages: usize,
}

/// Why a document could not be rendered (including PDF/UA-1 validation findings).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PdfError(String);

impl fmt::Display for PdfError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for PdfError {}

impl From<KrillaError> for PdfError {
    fn from(error: KrillaError) -> PdfError {
        match error {
            KrillaError::Validation(findings) => {
                let list: Vec<String> = findings.iter().map(|(e, _)| describe(e)).collect();
                PdfError(format!("PDF/UA-1 validation failed: {}", list.join("; ")))
            }
            other => PdfError(format!("PDF export failed: {other}")),
        }
    }
}

/// A validator finding in words.
fn describe(error: &ValidationError) -> String {
    match error {
        ValidationError::ContainsNotDefGlyph(_, _, text) => {
            format!("the font has no glyph for {text:?}")
        }
        ValidationError::NoDocumentLanguage => "the document has no language".to_string(),
        ValidationError::NoDocumentTitle => "the document has no title".to_string(),
        ValidationError::MissingAltText(_) => "a figure has no alternative text".to_string(),
        ValidationError::MissingHeadingTitle => "a heading has no title".to_string(),
        ValidationError::MissingDocumentOutline => "the document has no outline".to_string(),
        ValidationError::InvalidCodepointMapping(_, _, c, _) => {
            format!("invalid character {c:?} in text")
        }
        ValidationError::TooLongString => "a text is longer than 32767 bytes".to_string(),
        other => format!("{other:?}"),
    }
}

impl Default for PdfRenderer {
    fn default() -> PdfRenderer {
        PdfRenderer::new()
    }
}

/// A block measured for the page, with what the paginator needs to know about it.
struct Laid<'d> {
    kind: Kind<'d>,
    flow: FlowBlock,
}

enum Kind<'d> {
    Heading {
        level: u8,
        text: &'d str,
        lines: Vec<Line>,
        size: f32,
        leading: f32,
    },
    Text {
        lines: Vec<Line>,
        size: f32,
        leading: f32,
        color: Rgb,
    },
    List {
        rows: Vec<ListRow>,
        list: &'d List,
    },
    Chart(ChartLayout<'d>),
}

/// One line of a list: the item it belongs to, its label on the item's first line.
struct ListRow {
    path: Vec<usize>,
    label: Option<(String, Style, f32)>,
    text_x: f32,
    line: Line,
    pad: f32,
}

/// Structure collected while drawing, per block.
enum Tags {
    Heading(Vec<Identifier>),
    Paragraph(Vec<Identifier>),
    List(ListTags),
    Chart {
        caption: Vec<Identifier>,
        figure: Vec<Identifier>,
        note: Vec<Identifier>,
        bbox: Option<BBox>,
    },
}

struct ListTags {
    ordered: bool,
    items: Vec<ItemTags>,
}

struct ItemTags {
    label: Vec<Identifier>,
    body: Vec<Identifier>,
    children: Option<ListTags>,
}

impl ListTags {
    fn new(list: &List) -> ListTags {
        ListTags {
            ordered: list.ordered,
            items: list
                .items
                .iter()
                .map(|item| ItemTags {
                    label: Vec::new(),
                    body: Vec::new(),
                    children: item.children.as_ref().map(ListTags::new),
                })
                .collect(),
        }
    }

    fn item(&mut self, path: &[usize]) -> Option<&mut ItemTags> {
        let (first, rest) = path.split_first()?;
        let item = self.items.get_mut(*first)?;
        if rest.is_empty() {
            Some(item)
        } else {
            item.children.as_mut()?.item(rest)
        }
    }

    fn into_group(self) -> TagGroup {
        let numbering = if self.ordered {
            ListNumbering::Decimal
        } else {
            ListNumbering::Disc
        };
        let mut list = TagGroup::new(Tag::L(numbering));
        for item in self.items {
            let mut li = TagGroup::new(Tag::LI);
            li.push(TagGroup::with_children(Tag::Lbl, leaves(item.label)));
            let mut body = TagGroup::with_children(Tag::LBody, leaves(item.body));
            if let Some(children) = item.children {
                body.push(children.into_group());
            }
            li.push(body);
            list.push(li);
        }
        list
    }
}

fn leaves(ids: Vec<Identifier>) -> Vec<Node> {
    ids.into_iter().map(Node::from).collect()
}

fn runs(inlines: &[Inline]) -> Vec<(Style, &str)> {
    inlines
        .iter()
        .map(|i| {
            (
                if i.strong {
                    Style::Bold
                } else {
                    Style::Regular
                },
                i.text.as_str(),
            )
        })
        .collect()
}

fn layout_list(
    fonts: &Fonts,
    list: &List,
    path: &mut Vec<usize>,
    x0: f32,
    depth: usize,
    rows: &mut Vec<ListRow>,
) {
    for (i, item) in list.items.iter().enumerate() {
        let (label, style, label_box) = if list.ordered {
            let strong = item.content.first().is_some_and(|r| r.strong);
            (
                format!("{}.", i + 1),
                if strong { Style::Bold } else { Style::Regular },
                16.0,
            )
        } else {
            ("•".to_string(), Style::Regular, 11.0)
        };
        let text_x = x0 + label_box;
        let label_x = if list.ordered {
            // Numbers align right against the text, so "9." and "10." line up.
            text_x - 4.0 - fonts.width(&label, style, BODY_SIZE)
        } else {
            x0 + 2.0
        };
        let mut lines = wrap(fonts, &runs(&item.content), BODY_SIZE, CONTENT_W - text_x);
        if lines.is_empty() {
            lines.push(Line::default());
        }
        let pad = match (i, depth) {
            (0, 0) => 0.0,
            (0, _) => 1.0,
            (_, 0) => 3.5,
            _ => 0.5,
        };
        path.push(i);
        let mut label = Some((label, style, label_x));
        for (n, line) in lines.into_iter().enumerate() {
            rows.push(ListRow {
                path: path.clone(),
                label: label.take(),
                text_x,
                line,
                pad: if n == 0 { pad } else { 0.0 },
            });
        }
        if let Some(children) = &item.children {
            layout_list(fonts, children, path, text_x, depth + 1, rows);
        }
        path.pop();
    }
}

impl PdfRenderer {
    /// Parses the embedded fonts once; share the renderer (`&self`) between threads.
    pub fn new() -> PdfRenderer {
        PdfRenderer {
            fonts: Fonts::new(),
        }
    }

    fn layout<'d>(&self, document: &'d Document) -> Vec<Laid<'d>> {
        let fonts = &self.fonts;
        let mut out: Vec<Laid<'d>> = Vec::with_capacity(document.blocks.len());
        for block in &document.blocks {
            let after_heading = matches!(
                out.last(),
                Some(Laid {
                    kind: Kind::Heading { .. },
                    ..
                })
            );
            let laid = match block {
                Block::Heading { level, text } => {
                    let level = (*level).clamp(1, 6);
                    let (size, leading, space) = match level {
                        1 => (19.0, 23.0, 0.0),
                        2 => (12.0, 15.0, 12.0),
                        _ => (10.0, 13.0, 10.0),
                    };
                    let lines = wrap(fonts, &[(Style::Bold, text)], size, CONTENT_W);
                    let rows =
                        vec![lines.len() as f32 * leading + if level == 1 { 2.0 } else { 1.0 }];
                    Laid {
                        flow: FlowBlock {
                            space_before: if after_heading { 4.0 } else { space },
                            rows,
                            splittable: false,
                            keep_with_next: true,
                        },
                        kind: Kind::Heading {
                            level,
                            text,
                            lines,
                            size,
                            leading,
                        },
                    }
                }
                Block::Paragraph(inlines) => {
                    let lines = wrap(fonts, &runs(inlines), BODY_SIZE, CONTENT_W);
                    Laid {
                        flow: FlowBlock {
                            space_before: if after_heading { 2.0 } else { 6.0 },
                            rows: vec![BODY_LEADING; lines.len()],
                            splittable: true,
                            keep_with_next: false,
                        },
                        kind: Kind::Text {
                            lines,
                            size: BODY_SIZE,
                            leading: BODY_LEADING,
                            color: document.palette.text,
                        },
                    }
                }
                Block::Note(text) => {
                    let lines = wrap(fonts, &[(Style::Regular, text)], NOTE_SIZE, CONTENT_W);
                    Laid {
                        flow: FlowBlock {
                            space_before: if after_heading { 1.0 } else { 4.0 },
                            rows: vec![NOTE_LEADING; lines.len()],
                            splittable: true,
                            keep_with_next: false,
                        },
                        kind: Kind::Text {
                            lines,
                            size: NOTE_SIZE,
                            leading: NOTE_LEADING,
                            color: document.palette.muted,
                        },
                    }
                }
                Block::List(list) => {
                    let mut rows = Vec::new();
                    layout_list(fonts, list, &mut Vec::new(), 0.0, 0, &mut rows);
                    Laid {
                        flow: FlowBlock {
                            space_before: if after_heading { 2.0 } else { 5.0 },
                            rows: rows.iter().map(|r| BODY_LEADING + r.pad).collect(),
                            splittable: true,
                            keep_with_next: false,
                        },
                        kind: Kind::List { rows, list },
                    }
                }
                Block::Table(_) => unreachable!("tables are refused by render"),
                Block::Chart(chart) => {
                    let layout = ChartLayout::new(fonts, chart, &document.palette, CONTENT_W);
                    Laid {
                        flow: FlowBlock {
                            space_before: if after_heading { 4.0 } else { 11.0 },
                            rows: vec![layout.height],
                            splittable: false,
                            keep_with_next: false,
                        },
                        kind: Kind::Chart(layout),
                    }
                }
            };
            out.push(laid);
        }
        out
    }

    /// Renders a document; fails with the validator's findings if it is not valid PDF/UA-1.
    pub fn render(&self, document: &Document) -> Result<RenderedPdf, PdfError> {
        if document.orientation != Orientation::Portrait {
            return Err(PdfError("the PDF renderer lays out portrait A4 pages only".into()));
        }
        if document.blocks.iter().any(|block| matches!(block, Block::Table(_))) {
            return Err(PdfError("the PDF renderer does not lay out tables".into()));
        }
        let laid = self.layout(document);
        let flow: Vec<FlowBlock> = laid.iter().map(|l| l.flow.clone()).collect();
        let placements = paginate(&flow, CONTENT_BOTTOM - CONTENT_TOP);
        let pages = page_count(&placements);

        let configuration = ConfigurationBuilder::new()
            .with_accessibility_validator(Accessibility::UA1)
            .finish()
            .map_err(|e| PdfError(format!("PDF configuration: {e:?}")))?;
        let settings = SerializeSettings {
            configuration,
            enable_tagging: true,
            ..SerializeSettings::default()
        };
        let mut pdf = krilla::Document::new_with(settings);

        let mut tags: Vec<Tags> = laid
            .iter()
            .map(|l| match &l.kind {
                Kind::Heading { .. } => Tags::Heading(Vec::new()),
                Kind::Text { .. } => Tags::Paragraph(Vec::new()),
                Kind::List { list, .. } => Tags::List(ListTags::new(list)),
                Kind::Chart(_) => Tags::Chart {
                    caption: Vec::new(),
                    figure: Vec::new(),
                    note: Vec::new(),
                    bbox: None,
                },
            })
            .collect();
        let mut outline_entries: Vec<(u8, String, XyzDestination)> = Vec::new();
        let palette = &document.palette;

        let mut next = 0;
        for page_index in 0..pages {
            let settings = PageSettings::from_wh(PAGE_W, PAGE_H)
                .ok_or_else(|| PdfError("invalid page size".to_string()))?;
            let mut page = pdf.start_page_with(settings);
            let mut surface = page.surface();
            let mut p = Painter {
                surface: &mut surface,
                fonts: &self.fonts,
            };
            p.artifact(ArtifactType::Layout, |p| {
                p.rect(0.0, 0.0, PAGE_W, 5.0, palette.primary)
            });

            while let Some(placement) = placements.get(next).filter(|pl| pl.page == page_index) {
                next += 1;
                let block = &laid[placement.block];
                let mut y = CONTENT_TOP + placement.top;
                let tag = &mut tags[placement.block];
                match (&block.kind, tag) {
                    (
                        Kind::Heading {
                            level,
                            text,
                            lines,
                            size,
                            leading,
                        },
                        Tags::Heading(ids),
                    ) => {
                        outline_entries.push((
                            *level,
                            (*text).to_string(),
                            XyzDestination::new(
                                page_index,
                                Point::from_xy(MARGIN_X, (y - 6.0).max(0.0)),
                            ),
                        ));
                        for line in lines {
                            ids.extend(p.tagged_line(
                                line,
                                MARGIN_X,
                                y + baseline(*size, *leading),
                                *size,
                                palette.primary,
                            ));
                            y += leading;
                        }
                    }
                    (
                        Kind::Text {
                            lines,
                            size,
                            leading,
                            color,
                        },
                        Tags::Paragraph(ids),
                    ) => {
                        for line in &lines[placement.rows.clone()] {
                            ids.extend(p.tagged_line(
                                line,
                                MARGIN_X,
                                y + baseline(*size, *leading),
                                *size,
                                *color,
                            ));
                            y += leading;
                        }
                    }
                    (Kind::List { rows, .. }, Tags::List(list_tags)) => {
                        for row in &rows[placement.rows.clone()] {
                            y += row.pad;
                            let b = y + baseline(BODY_SIZE, BODY_LEADING);
                            if let Some(item) = list_tags.item(&row.path) {
                                if let Some((label, style, x)) = &row.label {
                                    let line = wrap(
                                        &self.fonts,
                                        &[(*style, label)],
                                        BODY_SIZE,
                                        f32::INFINITY,
                                    );
                                    for l in &line {
                                        item.label.extend(p.tagged_line(
                                            l,
                                            MARGIN_X + x,
                                            b,
                                            BODY_SIZE,
                                            palette.text,
                                        ));
                                    }
                                }
                                item.body.extend(p.tagged_line(
                                    &row.line,
                                    MARGIN_X + row.text_x,
                                    b,
                                    BODY_SIZE,
                                    palette.text,
                                ));
                            }
                            y += BODY_LEADING;
                        }
                    }
                    (
                        Kind::Chart(chart),
                        Tags::Chart {
                            caption,
                            figure,
                            note,
                            bbox,
                        },
                    ) => {
                        let ids = chart.draw(&mut p, palette, MARGIN_X, y);
                        let (top, bottom) = chart.figure_span();
                        *bbox = Rect::from_xywh(MARGIN_X, y + top, CONTENT_W, bottom - top)
                            .map(|r| BBox::new(page_index, r));
                        caption.extend(ids.caption);
                        figure.extend(ids.figure);
                        note.extend(ids.note);
                    }
                    _ => unreachable!("tags are built from the same layout"),
                }
            }

            let footer_b = PAGE_H - 30.0;
            p.artifact(ArtifactType::Footer, |p| {
                p.rect(MARGIN_X, PAGE_H - 42.0, CONTENT_W, 0.5, palette.grid);
                p.label(
                    &document.footer,
                    Style::Regular,
                    FOOTER_SIZE,
                    MARGIN_X,
                    footer_b,
                    palette.muted,
                );
                let number = format!("Side {} af {}", page_index + 1, pages);
                let w = p.fonts.width(&number, Style::Regular, FOOTER_SIZE);
                p.label(
                    &number,
                    Style::Regular,
                    FOOTER_SIZE,
                    PAGE_W - MARGIN_X - w,
                    footer_b,
                    palette.muted,
                );
            });
            surface.finish();
            page.finish();
        }

        let mut tree = TagTree::new().with_lang(Some(document.meta.language.clone()));
        for (tag, block) in tags.into_iter().zip(&laid) {
            match (tag, &block.kind) {
                (Tags::Heading(ids), Kind::Heading { level, text, .. }) => {
                    let level = NonZeroU16::MIN.saturating_add(u16::from(*level) - 1);
                    tree.push(TagGroup::with_children(
                        Tag::Hn(level, Some((*text).to_string())),
                        leaves(ids),
                    ));
                }
                (Tags::Paragraph(ids), _) if !ids.is_empty() => {
                    tree.push(TagGroup::with_children(Tag::P, leaves(ids)))
                }
                (Tags::List(list), _) => tree.push(list.into_group()),
                (
                    Tags::Chart {
                        caption,
                        figure,
                        note,
                        bbox,
                    },
                    Kind::Chart(chart),
                ) => {
                    if !caption.is_empty() {
                        tree.push(TagGroup::with_children(Tag::P, leaves(caption)));
                    }
                    let figure_tag = Tag::Figure(Some(chart.alt().to_string())).with_bbox(bbox);
                    tree.push(TagGroup::with_children(figure_tag, leaves(figure)));
                    if !note.is_empty() {
                        tree.push(TagGroup::with_children(Tag::P, leaves(note)));
                    }
                }
                _ => {}
            }
        }
        pdf.set_tag_tree(tree);

        let mut outline = Outline::new();
        let mut i = 0;
        for node in outline_nodes(&outline_entries, &mut i, 1) {
            outline.push_child(node);
        }
        pdf.set_outline(outline);

        let meta = &document.meta;
        let date = meta.date;
        let metadata = Metadata::new()
            .title(meta.title.clone())
            .description(meta.subject.clone())
            .language(meta.language.clone())
            .authors(vec![meta.author.clone()])
            .creator(meta.author.clone())
            .creation_date(DateTime::new(date.year).month(date.month).day(date.day));
        pdf.set_metadata(metadata);

        let bytes = pdf.finish()?;
        Ok(RenderedPdf { bytes, pages })
    }
}

/// Builds the outline from headings: each heading holds the deeper headings that follow it.
fn outline_nodes(
    entries: &[(u8, String, XyzDestination)],
    i: &mut usize,
    min_level: u8,
) -> Vec<OutlineNode> {
    let mut nodes = Vec::new();
    while let Some((level, text, dest)) = entries.get(*i).filter(|e| e.0 >= min_level) {
        *i += 1;
        let mut node = OutlineNode::new(text.clone(), dest.clone());
        for child in outline_nodes(entries, i, level + 1) {
            node.push_child(child);
        }
        nodes.push(node);
    }
    nodes
}
