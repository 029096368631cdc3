//! Writes a [`document::Deck`] as a PowerPoint presentation (.pptx, 16:9) whose charts are native
//! PowerPoint charts: each has its data in an embedded workbook, so a reader can restyle it or
//! open "Edit Data" and see the numbers the slide prints.
//!
//! The presentation is built from one slide master with two layouts (title slide; title and
//! content), a theme made of the document's [`document::Palette`], and a notes master; every slide
//! has a notes page with the deck's speaker notes. Text carries the document's language. A
//! content slide holds its text in the content placeholder and at most one chart or table beside
//! it (or across the slide when there is no text).
//!
//! The renderer knows nothing of surveys: every word and number is already in the deck. Output
//! is deterministic: the same deck gives the same bytes, on any thread and any day (dates come
//! from [`document::Meta::date`]).

mod chart;
mod geometry;
mod masters;
mod presentation;
mod shapes;
mod slide;
mod text;
mod theme;
mod workbook;

use std::fmt;

use document::{Deck, SlideLayout};
use ooxml::vocabulary::{content_type, relationship_type};
use ooxml::{Package, PackageError};

use crate::masters::Layout;
use crate::presentation::PresentationRelationships;
use crate::text::Context;

/// Content types and relationship types of notes, which the shared vocabulary does not spell.
mod notes_vocabulary {
    /// A notes master.
    pub const NOTES_MASTER_CONTENT: &str =
        "application/vnd.openxmlformats-officedocument.presentationml.notesMaster+xml";
    /// A notes slide.
    pub const NOTES_SLIDE_CONTENT: &str =
        "application/vnd.openxmlformats-officedocument.presentationml.notesSlide+xml";
    /// Presentation or notes slide → notes master.
    pub const NOTES_MASTER: &str =
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/notesMaster";
    /// Slide → its notes slide.
    pub const NOTES_SLIDE: &str =
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/notesSlide";
}
use notes_vocabulary::{NOTES_MASTER, NOTES_MASTER_CONTENT, NOTES_SLIDE, NOTES_SLIDE_CONTENT};

const PRESENTATION: &str = "ppt/presentation.xml";
const MASTER: &str = "ppt/slideMasters/slideMaster1.xml";
const THEME: &str = "ppt/theme/theme1.xml";
const NOTES_MASTER_PART: &str = "ppt/notesMasters/notesMaster1.xml";
const NOTES_THEME: &str = "ppt/theme/theme2.xml";
const PRESENTATION_PROPERTIES: &str = "ppt/presProps.xml";
const VIEW_PROPERTIES: &str = "ppt/viewProps.xml";
const TABLE_STYLES: &str = "ppt/tableStyles.xml";

/// Why a deck could not be written.
#[derive(Debug)]
pub enum RenderError {
    /// A slide the layouts cannot hold (e.g. two charts on one slide).
    Slide {
        /// The slide's number, from 1.
        number: usize,
        /// Its title.
        title: String,
        /// What is wrong.
        message: String,
    },
    /// The package could not be assembled.
    Package(PackageError),
}

impl fmt::Display for RenderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RenderError::Slide {
                number,
                title,
                message,
            } => write!(f, "slide {number} (\"{title}\"): {message}"),
            RenderError::Package(error) => write!(f, "{error}"),
        }
    }
}

impl std::error::Error for RenderError {}

impl From<PackageError> for RenderError {
    fn from(error: PackageError) -> Self {
        RenderError::Package(error)
    }
}

/// The deck as .pptx bytes.
pub fn render(deck: &Deck) -> Result<Vec<u8>, RenderError> {
    let context = Context {
        palette: &deck.palette,
        language: &deck.meta.language,
    };
    let mut package = Package::new(&deck.meta);
    package.relate_package(relationship_type::OFFICE_DOCUMENT, PRESENTATION);

    let slide_part = |number: usize| format!("ppt/slides/slide{number}.xml");
    let relationships = PresentationRelationships {
        master: package.relate(PRESENTATION, relationship_type::SLIDE_MASTER, MASTER),
        notes_master: package.relate(PRESENTATION, NOTES_MASTER, NOTES_MASTER_PART),
        slides: (1..=deck.slides.len())
            .map(|number| {
                package.relate(PRESENTATION, relationship_type::SLIDE, &slide_part(number))
            })
            .collect(),
    };
    for (relationship_type, target) in [
        (
            relationship_type::PRESENTATION_PROPERTIES,
            PRESENTATION_PROPERTIES,
        ),
        (relationship_type::VIEW_PROPERTIES, VIEW_PROPERTIES),
        (relationship_type::THEME, THEME),
        (relationship_type::TABLE_STYLES, TABLE_STYLES),
    ] {
        package.relate(PRESENTATION, relationship_type, target);
    }
    package.add_part(
        PRESENTATION,
        content_type::PRESENTATION,
        presentation::presentation_xml(&relationships, context.language),
    )?;

    let layouts: Vec<String> = Layout::ALL
        .iter()
        .map(|layout| package.relate(MASTER, relationship_type::SLIDE_LAYOUT, layout.part()))
        .collect();
    package.relate(MASTER, relationship_type::THEME, THEME);
    package.add_part(
        MASTER,
        content_type::SLIDE_MASTER,
        masters::master_xml(&deck.palette, &layouts, context),
    )?;
    for layout in Layout::ALL {
        package.relate(layout.part(), relationship_type::SLIDE_MASTER, MASTER);
        package.add_part(
            layout.part(),
            content_type::SLIDE_LAYOUT,
            masters::layout_xml(layout, &deck.palette),
        )?;
    }
    let theme = theme::theme_xml(&deck.palette);
    package.add_part(THEME, content_type::THEME, theme.clone())?;
    // The notes master has a theme of its own (PowerPoint expects one per master); the same one.
    package.relate(NOTES_MASTER_PART, relationship_type::THEME, NOTES_THEME);
    package.add_part(
        NOTES_MASTER_PART,
        NOTES_MASTER_CONTENT,
        masters::notes_master_xml(context),
    )?;
    package.add_part(NOTES_THEME, content_type::THEME, theme)?;
    package.add_part(
        PRESENTATION_PROPERTIES,
        content_type::PRESENTATION_PROPERTIES,
        presentation::presentation_properties_xml(),
    )?;
    package.add_part(
        VIEW_PROPERTIES,
        content_type::VIEW_PROPERTIES,
        presentation::view_properties_xml(),
    )?;
    package.add_part(
        TABLE_STYLES,
        content_type::TABLE_STYLES,
        presentation::table_styles_xml(),
    )?;

    let mut charts = 0;
    for (index, slide) in deck.slides.iter().enumerate() {
        let number = index + 1;
        let part = slide_part(number);
        let layout = match slide.layout {
            SlideLayout::Title { .. } => Layout::Title,
            SlideLayout::Content => Layout::Content,
        };
        package.relate(&part, relationship_type::SLIDE_LAYOUT, layout.part());
        let chart = slide::chart_of(slide);
        let chart_part = chart.map(|_| {
            charts += 1;
            format!("ppt/charts/chart{charts}.xml")
        });
        let chart_relationship = chart_part
            .as_deref()
            .map(|chart_part| package.relate(&part, relationship_type::CHART, chart_part));
        let notes_part = format!("ppt/notesSlides/notesSlide{number}.xml");
        package.relate(&part, NOTES_SLIDE, &notes_part);
        let slide_error = |message: String| RenderError::Slide {
            number,
            title: slide.title.clone(),
            message,
        };
        let xml = slide::slide_xml(
            slide,
            number,
            &deck.footer,
            context,
            chart_relationship.as_deref(),
        )
        .map_err(slide_error)?;
        package.add_part(&part, content_type::SLIDE, xml)?;

        package.relate(&notes_part, NOTES_MASTER, NOTES_MASTER_PART);
        package.relate(&notes_part, relationship_type::SLIDE, &part);
        package.add_part(
            &notes_part,
            NOTES_SLIDE_CONTENT,
            slide::notes_slide_xml(&slide.notes, context),
        )?;

        if let (Some(chart), Some(chart_part)) = (chart, chart_part) {
            let workbook_part = format!("ppt/embeddings/Microsoft_Excel_Worksheet{charts}.xlsx");
            let workbook_relationship =
                package.relate(&chart_part, relationship_type::PACKAGE, &workbook_part);
            package.add_part(
                &chart_part,
                content_type::CHART,
                chart::chart_xml(chart, context, &workbook_relationship),
            )?;
            package.add_embedded_package(
                &workbook_part,
                content_type::XLSX,
                &workbook::workbook(chart, &deck.meta)?,
            )?;
        }
    }
    Ok(package.finish()?)
}
