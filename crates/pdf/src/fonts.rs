//! The two Lato faces: parsed once, used for measuring (rustybuzz) and drawing (krilla).

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

/// One face: the krilla font for drawing, the rustybuzz face and a reusable shape plan.
struct FaceSet {
    font: Font,
    face: Face<'static>,
    plan: ShapePlan,
    units_per_em: f32,
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

    /// Shapes a piece of left-to-right Latin text.
    pub fn shape(&self, text: &str, style: Style) -> Shaped {
        let set = self.set(style);
        let mut buffer = UnicodeBuffer::new();
        buffer.push_str(text);
        buffer.set_direction(Direction::LeftToRight);
        buffer.set_script(script::LATIN);
        let output = rustybuzz::shape_with_plan(&set.face, &set.plan, buffer);
        let upem = set.units_per_em;
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

    /// Width of a text in points at a size.
    pub fn width(&self, text: &str, style: Style, size: f32) -> f32 {
        self.shape(text, style).advance_em * size
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
