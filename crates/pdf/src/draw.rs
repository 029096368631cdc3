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
