//! Drawing helpers over a krilla surface: filled rectangles, glyph runs, tagged lines, colours.

use document::Rgb;
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::num::NormalizedF32;
use krilla::paint::{Fill, FillRule};
use krilla::surface::Surface;
use krilla::tagging::{Artifact, ArtifactType, ContentTag, Identifier, SpanTag};

use crate::fonts::{Fonts, Style};
use crate::wrap::{Line, Segment};

/// White.
pub(crate) const WHITE: Rgb = Rgb(255, 255, 255);
/// Muted grey for notes and the footer (contrast 5.9:1 on white).
pub(crate) const MUTED: Rgb = Rgb(0x5e, 0x62, 0x66);
/// Light grey for gridlines.
pub(crate) const GRID: Rgb = Rgb(0xd4, 0xd7, 0xdb);
/// Neutral grey, the third series colour.
pub(crate) const GREY: Rgb = Rgb(0xa3, 0xa8, 0xae);

/// Mixes `a` towards `b` by `t` (0 = a, 1 = b).
pub(crate) fn mix(a: Rgb, b: Rgb, t: f32) -> Rgb {
    let m = |x: u8, y: u8| {
        (x as f32 + (y as f32 - x as f32) * t)
            .round()
            .clamp(0.0, 255.0) as u8
    };
    Rgb(m(a.0, b.0), m(a.1, b.1), m(a.2, b.2))
}

/// WCAG relative luminance.
pub(crate) fn luminance(c: Rgb) -> f32 {
    let lin = |v: u8| {
        let s = v as f32 / 255.0;
        if s <= 0.04045 {
            s / 12.92
        } else {
            ((s + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * lin(c.0) + 0.7152 * lin(c.1) + 0.0722 * lin(c.2)
}

/// WCAG contrast ratio of two colours.
pub(crate) fn contrast(a: Rgb, b: Rgb) -> f32 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// Baseline offset of a line of `size` centred in a line box of `leading`.
pub(crate) fn baseline(size: f32, leading: f32) -> f32 {
    (leading - size) / 2.0 + 0.8 * size
}

/// A surface plus the fonts.
pub(crate) struct Painter<'s, 'a> {
    pub surface: &'s mut Surface<'a>,
    pub fonts: &'s Fonts,
}

impl Painter<'_, '_> {
    fn fill(&mut self, color: Rgb) {
        self.surface.set_fill(Some(Fill {
            paint: rgb::Color::new(color.0, color.1, color.2).into(),
            opacity: NormalizedF32::ONE,
            rule: FillRule::NonZero,
        }));
    }

    /// Fills a rectangle (ignored if degenerate).
    pub fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, color: Rgb) {
        let Some(rect) = Rect::from_xywh(x, y, w, h) else {
            return;
        };
        let mut pb = PathBuilder::new();
        pb.push_rect(rect);
        if let Some(path) = pb.finish() {
            self.fill(color);
            self.surface.draw_path(&path);
        }
    }

    /// Draws one shaped segment; returns its advance in points.
    pub fn segment(&mut self, seg: &Segment, x: f32, baseline: f32, size: f32, color: Rgb) -> f32 {
        self.fill(color);
        self.surface.draw_glyphs(
            Point::from_xy(x, baseline),
            &seg.glyphs,
            self.fonts.font(seg.style),
            &seg.text,
            size,
            false,
        );
        seg.glyphs.iter().map(|g| g.x_advance * size).sum()
    }

    /// Draws a line untagged (inside an enclosing tagged or artifact section).
    pub fn line(&mut self, line: &Line, x: f32, baseline: f32, size: f32, color: Rgb) {
        let mut x = x;
        for seg in &line.segments {
            x += self.segment(seg, x, baseline, size, color);
        }
    }

    /// Draws a line with each segment in its own tagged span; returns the span ids.
    pub fn tagged_line(
        &mut self,
        line: &Line,
        x: f32,
        baseline: f32,
        size: f32,
        color: Rgb,
    ) -> Vec<Identifier> {
        let mut x = x;
        let mut ids = Vec::with_capacity(line.segments.len());
        for seg in &line.segments {
            ids.push(
                self.surface
                    .start_tagged(ContentTag::Span(SpanTag::empty())),
            );
            x += self.segment(seg, x, baseline, size, color);
            self.surface.end_tagged();
        }
        ids
    }

    /// Shapes and draws a single-line label untagged; returns its width.
    pub fn label(
        &mut self,
        text: &str,
        style: Style,
        size: f32,
        x: f32,
        baseline: f32,
        color: Rgb,
    ) -> f32 {
        let shaped = self.fonts.shape(text, style);
        let seg = Segment {
            style,
            text: text.to_string(),
            glyphs: shaped.glyphs,
        };
        self.segment(&seg, x, baseline, size, color)
    }

    /// Runs `f` inside an artifact section.
    pub fn artifact(&mut self, kind: ArtifactType, f: impl FnOnce(&mut Self)) {
        self.surface
            .start_tagged(ContentTag::Artifact(Artifact::with_kind(kind)));
        f(self);
        self.surface.end_tagged();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contrast_of_black_on_white_is_21() {
        assert!((contrast(Rgb(0, 0, 0), WHITE) - 21.0).abs() < 0.01);
        assert!(contrast(MUTED, WHITE) >= 4.5);
    }
}
