//! The two Lato faces: parsed once, used for measuring (rustybuzz) and drawing (krilla).

use std::collections::HashMap;
use std::sync::RwLock;

use krilla::text::{Font, GlyphId, KrillaGlyph};
use rustybuzz::{Direction, Face, ShapePlan, UnicodeBuffer, script};

static REGULAR: &[u8] = include_bytes!("../fonts/Lato-Regular.ttf");
static BOLD: &[u8] = include_bytes!("../fonts/Lato-Bold.ttf");

/// Regular or bold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Style {
    Regular,
    Bold,
}

/// How many shaped pieces a face remembers before it starts over: several times the words the
/// documents share (a few thousand), while the names and numbers that occur once each only
/// cycle through it. At 100 times the national scale a limit of 65,536 held some 90 MB of
/// shaped names; this one holds at most about a quarter of that.
const SHAPED_CACHE_LIMIT: usize = 1 << 14;

/// One face: the krilla font for drawing, the rustybuzz face and a reusable shape plan, and the
/// pieces of text shaped so far.
///
/// Shaping is a pure function of the text and the face, so the cache changes no output; it
/// spares the fact sheets and guides of a run from shaping the same words again (a layout tries
/// several densities, and every document repeats the house phrases).
struct FaceSet {
    font: Font,
    face: Face<'static>,
    plan: ShapePlan,
    units_per_em: f32,
    shaped: RwLock<HashMap<Box<str>, Shaped>>,
}

impl FaceSet {
    fn new(data: &'static [u8]) -> FaceSet {
        // The fonts are compiled into the crate; failing to parse them is a build defect.
        let face = Face::from_slice(data, 0).expect("embedded Lato font parses");
        let font = Font::new(data.into(), 0).expect("embedded Lato font parses");
        let plan = ShapePlan::new(
            &face,
            Direction::LeftToRight,
            Some(script::LATIN),
            None,
            &[],
        );
        let units_per_em = face.units_per_em() as f32;
        FaceSet {
            font,
            face,
            plan,
            units_per_em,
            shaped: RwLock::new(HashMap::new()),
        }
    }

    fn shape(&self, text: &str) -> Shaped {
        // A poisoned lock only means another thread panicked mid-insert; the map is still valid.
        let cached = self
            .shaped
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .get(text)
            .cloned();
        if let Some(shaped) = cached {
            return shaped;
        }
        let shaped = self.shape_uncached(text);
        let mut cache = self
            .shaped
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if cache.len() >= SHAPED_CACHE_LIMIT {
            cache.clear();
        }
        cache.insert(text.into(), shaped.clone());
        shaped
    }

    fn shape_uncached(&self, text: &str) -> Shaped {
        let mut buffer = UnicodeBuffer::new();
        buffer.push_str(text);
        buffer.set_direction(Direction::LeftToRight);
        buffer.set_script(script::LATIN);
        let output = rustybuzz::shape_with_plan(&self.face, &self.plan, buffer);
        let upem = self.units_per_em;
        let infos = output.glyph_infos();
        let positions = output.glyph_positions();
        let mut glyphs = Vec::with_capacity(infos.len());
        let mut advance = 0.0;
        for (i, (info, pos)) in infos.iter().zip(positions).enumerate() {
            let start = info.cluster as usize;
            let end = infos[i + 1..]
                .iter()
                .find(|next| next.cluster != info.cluster)
                .map_or(text.len(), |next| next.cluster as usize);
            let x_advance = pos.x_advance as f32 / upem;
            advance += x_advance;
            glyphs.push(KrillaGlyph::new(
                GlyphId::new(info.glyph_id),
                x_advance,
                pos.x_offset as f32 / upem,
                pos.y_offset as f32 / upem,
                pos.y_advance as f32 / upem,
                start..end,
                None,
            ));
        }
        Shaped {
            glyphs,
            advance_em: advance,
        }
    }
}

/// Shaped text: glyphs with advances normalised to the em, and the total advance in em.
#[derive(Debug, Clone)]
pub(crate) struct Shaped {
    pub glyphs: Vec<KrillaGlyph>,
    pub advance_em: f32,
}

/// Both faces of the house font.
pub(crate) struct Fonts {
    regular: FaceSet,
    bold: FaceSet,
}

impl Fonts {
    /// Parses the embedded fonts.
    pub fn new() -> Fonts {
        Fonts {
            regular: FaceSet::new(REGULAR),
            bold: FaceSet::new(BOLD),
        }
    }

    fn set(&self, style: Style) -> &FaceSet {
        match style {
            Style::Regular => &self.regular,
            Style::Bold => &self.bold,
        }
    }

    /// The krilla font for a style.
    pub fn font(&self, style: Style) -> Font {
        self.set(style).font.clone()
    }

    /// Shapes a piece of left-to-right Latin text (remembered per face for the run).
    pub fn shape(&self, text: &str, style: Style) -> Shaped {
        self.set(style).shape(text)
    }

    /// Width of a text in points at a size.
    pub fn width(&self, text: &str, style: Style, size: f32) -> f32 {
        self.shape(text, style).advance_em * size
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_remembered_shape_is_the_shape() {
        let fonts = Fonts::new();
        for text in ["Klyngekoordinator ", "67,3 pct.", "Æblegrød"] {
            let first = fonts.shape(text, Style::Bold);
            let again = fonts.shape(text, Style::Bold);
            let fresh = fonts.bold.shape_uncached(text);
            assert_eq!(format!("{again:?}"), format!("{fresh:?}"));
            assert_eq!(format!("{first:?}"), format!("{fresh:?}"));
        }
        assert_eq!(fonts.bold.shaped.read().unwrap().len(), 3);
        assert!(fonts.regular.shaped.read().unwrap().is_empty());
    }

    #[test]
    fn bold_is_wider_and_width_scales_with_size() {
        let fonts = Fonts::new();
        let regular = fonts.width("Spørgeskemaundersøgelse", Style::Regular, 10.0);
        let bold = fonts.width("Spørgeskemaundersøgelse", Style::Bold, 10.0);
        assert!(regular > 50.0 && regular < 150.0, "{regular}");
        assert!(bold > regular);
        let double = fonts.width("Spørgeskemaundersøgelse", Style::Regular, 20.0);
        assert!((double - 2.0 * regular).abs() < 1e-3);
    }

    #[test]
    fn danish_letters_and_bullet_have_glyphs() {
        let fonts = Fonts::new();
        for style in [Style::Regular, Style::Bold] {
            let shaped = fonts.shape("æøåÆØÅ•–", style);
            assert!(shaped.glyphs.iter().all(|g| g.glyph_id.to_u32() != 0));
        }
    }
}
