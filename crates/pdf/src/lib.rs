//! Renders a [`document::Document`] as a tagged, accessible PDF (PDF/UA-1) with krilla.
//!
//! The renderer lays the format-neutral document out on A4 pages, in one column or two: it breaks
//! lines on measured glyph advances (Lato, shaped with rustybuzz), flows blocks over columns
//! without stranding headings or splitting charts, draws bar charts as vectors, and writes a
//! structure tree (headings, paragraphs, lists, tables, and charts tagged as the tables of their
//! values), an outline and metadata. A renderer made with [`PdfRenderer::fitted`] tries layouts
//! from the most generous to the tightest ([`DENSITIES`]) and keeps the first that holds the
//! document on its pages with no column foot left emptier than a fifth of a page.
//! krilla's PDF/UA-1 validator runs on every document; its findings become a [`PdfError`].
//! The renderer never computes statistics: every number it prints is given in the document.

mod chart;
mod draw;
mod fonts;
mod paginate;
mod table;
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
use crate::paginate::{FlowBlock, Placement, column_count, largest_hole, paginate};
use crate::table::TableLayout;
use crate::wrap::{Line, wrap, wrap_paragraph};

const PAGE_W: f32 = 595.276;
const PAGE_H: f32 = 841.89;
const MARGIN_X: f32 = 50.0;
const CONTENT_TOP: f32 = 44.0;
const CONTENT_BOTTOM: f32 = PAGE_H - 50.0;
const CONTENT_W: f32 = PAGE_W - 2.0 * MARGIN_X;
/// Space between two columns.
const COLUMN_GAP: f32 = 18.0;
/// The most a column's foot may stay empty (but the last column's): a fifth of a page.
pub const MAX_HOLE: f32 = PAGE_H / 5.0;
const BODY_SIZE: f32 = 9.0;
const NOTE_SIZE: f32 = 8.0;
const NOTE_LEADING: f32 = 10.8;
const FOOTER_SIZE: f32 = 7.5;

/// Renders documents to PDF; holds the parsed fonts and can be shared between threads.
pub struct PdfRenderer {
    fonts: Fonts,
    columns: usize,
    pages: Option<usize>,
}

/// How tightly a document is set: body leading, the spacing between blocks and the height of
/// chart bars, as factors of the most generous layout.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Density {
    /// Leading of body text in points (at 9 pt).
    pub leading: f32,
    /// Space above blocks, as a factor.
    pub space: f32,
    /// Bar heights and gaps of charts, as a factor.
    pub chart: f32,
}

/// The layouts a fitted renderer tries, most generous first.
pub const DENSITIES: [Density; 6] = [
    Density {
        leading: 11.8,
        space: 1.0,
        chart: 1.0,
    },
    Density {
        leading: 11.6,
        space: 0.9,
        chart: 0.92,
    },
    Density {
        leading: 11.4,
        space: 0.8,
        chart: 0.85,
    },
    Density {
        leading: 11.2,
        space: 0.7,
        chart: 0.78,
    },
    Density {
        leading: 11.0,
        space: 0.6,
        chart: 0.72,
    },
    Density {
        leading: 10.8,
        space: 0.5,
        chart: 0.66,
    },
];

/// A rendered PDF file.
#[derive(Debug, Clone, PartialEq)]
pub struct RenderedPdf {
    /// The file's bytes.
    pub bytes: Vec<u8>,
    /// Number of pages.
    pub pages: usize,
    /// The largest empty space at a column's foot (but the last column's), in points.
    pub largest_hole: f32,
    /// The density the document was set at: an index into [`DENSITIES`].
    pub density: usize,
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
    Table(TableLayout<'d>),
}

/// One line of a list: the item it belongs to, its label on the item's first line.
struct ListRow {
    path: Vec<usize>,
    label: Option<(String, Style, f32)>,
    text_x: f32,
    line: Line,
    pad: f32,
    /// The item's last line before its nested list: it stays with the list's first line.
    glued: bool,
}

/// Structure collected while drawing, per block.
enum Tags {
    Heading(Vec<Identifier>),
    Paragraph(Vec<Identifier>),
    List(ListTags),
    Chart(Option<(chart::ChartIds, Option<BBox>)>),
    Table(table::TableIds),
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

pub(crate) fn leaves(ids: Vec<Identifier>) -> Vec<Node> {
    ids.into_iter().map(Node::from).collect()
}

pub(crate) fn runs(inlines: &[Inline]) -> Vec<(Style, &str)> {
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
    (x0, width): (f32, f32),
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
        let mut lines = wrap_paragraph(fonts, &runs(&item.content), BODY_SIZE, width - text_x);
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
        let count = lines.len();
        for (n, line) in lines.into_iter().enumerate() {
            rows.push(ListRow {
                path: path.clone(),
                label: label.take(),
                text_x,
                line,
                pad: if n == 0 { pad } else { 0.0 },
                glued: n + 1 == count && item.children.is_some(),
            });
        }
        if let Some(children) = &item.children {
            layout_list(fonts, children, path, (text_x, width), depth + 1, rows);
        }
        path.pop();
    }
}

/// Is this block part of the masthead that spans both columns on the first page (the dateline
/// and the title before the first section)?
fn masthead_len(document: &Document) -> usize {
    document
        .blocks
        .iter()
        .position(|block| !matches!(block, Block::Note(_) | Block::Heading { level: 1, .. }))
        .unwrap_or(document.blocks.len())
}

/// A paragraph that ends in a colon introduces what follows and stays with it.
fn introduces(inlines: &[Inline]) -> bool {
    inlines
        .last()
        .is_some_and(|inline| inline.text.trim_end().ends_with(':'))
}

/// The document laid out at one density: its blocks, where they go, and how that came out.
struct Setting<'d> {
    density: usize,
    laid: Vec<Laid<'d>>,
    placements: Vec<Placement>,
    masthead: usize,
    masthead_h: f32,
    pages: usize,
    hole: f32,
}

impl PdfRenderer {
    /// Parses the embedded fonts once; share the renderer (`&self`) between threads. Lays out one
    /// column at the most generous density.
    pub fn new() -> PdfRenderer {
        PdfRenderer {
            fonts: Fonts::new(),
            columns: 1,
            pages: None,
        }
    }

    /// A renderer for documents designed for `pages` pages of `columns` columns (1 or 2): it
    /// tries [`DENSITIES`] in order and keeps the first layout that fits those pages with no
    /// column foot emptier than [`MAX_HOLE`]; if none does, the one with the fewest pages and
    /// then the smallest hole. The first blocks before any section (dateline and title) span
    /// the columns.
    pub fn fitted(columns: usize, pages: usize) -> PdfRenderer {
        PdfRenderer {
            fonts: Fonts::new(),
            columns: columns.clamp(1, 2),
            pages: Some(pages),
        }
    }

    fn column_width(&self) -> f32 {
        if self.columns == 2 {
            (CONTENT_W - COLUMN_GAP) / 2.0
        } else {
            CONTENT_W
        }
    }

    fn column_x(&self, column: usize) -> f32 {
        MARGIN_X + (column % self.columns) as f32 * (self.column_width() + COLUMN_GAP)
    }

    fn layout<'d>(
        &self,
        document: &'d Document,
        density: Density,
        masthead: usize,
    ) -> Vec<Laid<'d>> {
        let fonts = &self.fonts;
        let leading = density.leading;
        let space = |points: f32| points * density.space;
        let mut out: Vec<Laid<'d>> = Vec::with_capacity(document.blocks.len());
        for (index, block) in document.blocks.iter().enumerate() {
            let width = if index < masthead {
                CONTENT_W
            } else {
                self.column_width()
            };
            let after_heading = matches!(
                out.last(),
                Some(Laid {
                    kind: Kind::Heading { .. },
                    ..
                })
            );
            let keep_with_list = matches!(document.blocks.get(index + 1), Some(Block::List(_)));
            let laid = match block {
                Block::Heading { level, text } => {
                    let level = (*level).clamp(1, 6);
                    let (size, heading_leading, before) = match level {
                        1 => (19.0, 23.0, 0.0),
                        2 => (12.0, 15.0, 12.0),
                        _ => (10.0, 13.0, 10.0),
                    };
                    let lines = wrap_paragraph(fonts, &[(Style::Bold, text)], size, width);
                    let rows = vec![
                        lines.len() as f32 * heading_leading + if level == 1 { 2.0 } else { 1.0 },
                    ];
                    Laid {
                        flow: FlowBlock {
                            space_before: if after_heading { 4.0 } else { space(before) },
                            rows,
                            splittable: false,
                            keep_with_next: true,
                            glued: Vec::new(),
                        },
                        kind: Kind::Heading {
                            level,
                            text,
                            lines,
                            size,
                            leading: heading_leading,
                        },
                    }
                }
                Block::Paragraph(inlines) => {
                    let lines = wrap_paragraph(fonts, &runs(inlines), BODY_SIZE, width);
                    Laid {
                        flow: FlowBlock {
                            space_before: if after_heading { 2.0 } else { space(6.0) },
                            rows: vec![leading; lines.len()],
                            splittable: true,
                            keep_with_next: keep_with_list && introduces(inlines),
                            glued: Vec::new(),
                        },
                        kind: Kind::Text {
                            lines,
                            size: BODY_SIZE,
                            leading,
                            color: document.palette.text,
                        },
                    }
                }
                Block::Note(text) => {
                    let lines = wrap_paragraph(fonts, &[(Style::Regular, text)], NOTE_SIZE, width);
                    Laid {
                        flow: FlowBlock {
                            space_before: if after_heading { 1.0 } else { space(4.0) },
                            rows: vec![NOTE_LEADING; lines.len()],
                            splittable: true,
                            keep_with_next: false,
                            glued: Vec::new(),
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
                    layout_list(fonts, list, &mut Vec::new(), (0.0, width), 0, &mut rows);
                    Laid {
                        flow: FlowBlock {
                            space_before: if after_heading { 2.0 } else { space(5.0) },
                            rows: rows.iter().map(|r| leading + r.pad).collect(),
                            splittable: true,
                            keep_with_next: false,
                            glued: rows.iter().map(|r| r.glued).collect(),
                        },
                        kind: Kind::List { rows, list },
                    }
                }
                Block::Table(table) => {
                    let layout = TableLayout::new(fonts, table, width);
                    Laid {
                        flow: FlowBlock {
                            space_before: if after_heading { 4.0 } else { space(9.0) },
                            rows: layout.row_heights(),
                            splittable: true,
                            keep_with_next: false,
                            glued: Vec::new(),
                        },
                        kind: Kind::Table(layout),
                    }
                }
                Block::Chart(chart) => {
                    let layout =
                        ChartLayout::new(fonts, chart, &document.palette, width, density.chart);
                    Laid {
                        flow: FlowBlock {
                            space_before: if after_heading { 4.0 } else { space(10.0) },
                            rows: vec![layout.height],
                            splittable: false,
                            keep_with_next: false,
                            glued: Vec::new(),
                        },
                        kind: Kind::Chart(layout),
                    }
                }
            };
            out.push(laid);
        }
        out
    }

    /// Lays the document out at one density and paginates it.
    fn set<'d>(&self, document: &'d Document, level: usize) -> Setting<'d> {
        let density = DENSITIES[level];
        let masthead = if self.columns > 1 {
            masthead_len(document)
        } else {
            0
        };
        let laid = self.layout(document, density, masthead);
        let masthead_h: f32 = laid[..masthead]
            .iter()
            .enumerate()
            .map(|(i, l)| {
                l.flow.rows.iter().sum::<f32>() + if i > 0 { l.flow.space_before } else { 0.0 }
            })
            .sum::<f32>()
            + if masthead > 0 { 6.0 } else { 0.0 };
        let columns = self.columns;
        let heights = move |column: usize| {
            let full = CONTENT_BOTTOM - CONTENT_TOP;
            if column < columns {
                full - masthead_h
            } else {
                full
            }
        };
        let flow: Vec<FlowBlock> = laid[masthead..].iter().map(|l| l.flow.clone()).collect();
        let mut placements = paginate(&flow, &heights);
        let hole = largest_hole(&flow, &placements, &heights);
        for placement in &mut placements {
            placement.block += masthead;
        }
        let pages = column_count(&placements).div_ceil(self.columns);
        Setting {
            density: level,
            laid,
            placements,
            masthead,
            masthead_h,
            pages,
            hole,
        }
    }

    /// The layout to draw: the first density that fits, or the best of them.
    fn fit<'d>(&self, document: &'d Document) -> Setting<'d> {
        let Some(pages) = self.pages else {
            return self.set(document, 0);
        };
        let mut best: Option<Setting<'d>> = None;
        for level in 0..DENSITIES.len() {
            let setting = self.set(document, level);
            if setting.pages <= pages && setting.hole <= MAX_HOLE {
                return setting;
            }
            let better = best.as_ref().is_none_or(|best| {
                (setting.pages.max(pages), setting.hole) < (best.pages.max(pages), best.hole)
            });
            if better {
                best = Some(setting);
            }
        }
        best.expect("at least one density")
    }

    /// Renders a document; fails with the validator's findings if it is not valid PDF/UA-1.
    pub fn render(&self, document: &Document) -> Result<RenderedPdf, PdfError> {
        if document.orientation != Orientation::Portrait {
            return Err(PdfError(
                "the PDF renderer lays out portrait A4 pages only".into(),
            ));
        }
        let Setting {
            density,
            laid,
            placements,
            masthead,
            masthead_h,
            pages,
            hole,
        } = self.fit(document);

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
                Kind::Chart(_) => Tags::Chart(None),
                Kind::Table(table) => Tags::Table(table.ids()),
            })
            .collect();
        let mut outline_entries: Vec<(u8, String, XyzDestination)> = Vec::new();
        let palette = &document.palette;

        // The masthead's blocks sit above both columns of the first page.
        let mut masthead_y = CONTENT_TOP;
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

            if page_index == 0 {
                for (index, block) in laid[..masthead].iter().enumerate() {
                    if index > 0 {
                        masthead_y += block.flow.space_before;
                    }
                    let placement = Placement {
                        block: index,
                        rows: 0..block.flow.rows.len(),
                        column: 0,
                        top: 0.0,
                    };
                    let origin = (MARGIN_X, masthead_y, page_index);
                    self.draw_block(
                        &mut p,
                        palette,
                        block,
                        &placement,
                        &mut tags[index],
                        origin,
                        &mut outline_entries,
                    );
                    masthead_y += block.flow.rows.iter().sum::<f32>();
                }
            }

            while let Some(placement) = placements
                .get(next)
                .filter(|pl| pl.column / self.columns == page_index)
            {
                next += 1;
                let block = &laid[placement.block];
                let top = CONTENT_TOP
                    + placement.top
                    + if placement.column < self.columns {
                        masthead_h
                    } else {
                        0.0
                    };
                let origin = (self.column_x(placement.column), top, page_index);
                self.draw_block(
                    &mut p,
                    palette,
                    block,
                    placement,
                    &mut tags[placement.block],
                    origin,
                    &mut outline_entries,
                );
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
                (Tags::Chart(Some((mut ids, bbox))), Kind::Chart(chart)) => {
                    let note = std::mem::take(&mut ids.note);
                    tree.push(ids.table(chart.alt(), bbox));
                    if !note.is_empty() {
                        tree.push(TagGroup::with_children(Tag::P, leaves(note)));
                    }
                }
                (Tags::Table(ids), _) => tree.push(ids.into_group()),
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
        Ok(RenderedPdf {
            bytes,
            pages,
            largest_hole: hole,
            density,
        })
    }

    /// Draws the rows of one placement of a block with its top-left corner at `origin`
    /// (x, y, page), collecting its tags.
    #[allow(clippy::too_many_arguments)]
    fn draw_block(
        &self,
        p: &mut Painter,
        palette: &document::Palette,
        block: &Laid,
        placement: &Placement,
        tag: &mut Tags,
        (x, mut y, page_index): (f32, f32, usize),
        outline_entries: &mut Vec<(u8, String, XyzDestination)>,
    ) {
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
                    XyzDestination::new(page_index, Point::from_xy(x, (y - 6.0).max(0.0))),
                ));
                for line in lines {
                    ids.extend(p.tagged_line(
                        line,
                        x,
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
                        x,
                        y + baseline(*size, *leading),
                        *size,
                        *color,
                    ));
                    y += leading;
                }
            }
            (Kind::List { rows, .. }, Tags::List(list_tags)) => {
                let heights = &block.flow.rows[placement.rows.clone()];
                for (row, height) in rows[placement.rows.clone()].iter().zip(heights) {
                    y += row.pad;
                    let leading = height - row.pad;
                    let b = y + baseline(BODY_SIZE, leading);
                    if let Some(item) = list_tags.item(&row.path) {
                        if let Some((label, style, label_x)) = &row.label {
                            let line =
                                wrap(&self.fonts, &[(*style, label)], BODY_SIZE, f32::INFINITY);
                            for l in &line {
                                item.label.extend(p.tagged_line(
                                    l,
                                    x + label_x,
                                    b,
                                    BODY_SIZE,
                                    palette.text,
                                ));
                            }
                        }
                        item.body.extend(p.tagged_line(
                            &row.line,
                            x + row.text_x,
                            b,
                            BODY_SIZE,
                            palette.text,
                        ));
                    }
                    y += leading;
                }
            }
            (Kind::Chart(chart), Tags::Chart(slot)) => {
                let ids = chart.draw(p, palette, x, y);
                let bbox = Rect::from_xywh(x, y, self.column_width(), chart.figure_bottom())
                    .map(|r| BBox::new(page_index, r));
                *slot = Some((ids, bbox));
            }
            (Kind::Table(table), Tags::Table(ids)) => {
                table.draw(p, palette, placement.rows.clone(), x, y, ids);
            }
            _ => unreachable!("tags are built from the same layout"),
        }
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
