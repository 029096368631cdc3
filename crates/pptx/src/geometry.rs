//! Where things go on a 16:9 slide, in EMU (914 400 per inch), measured in hundredths of an inch.

/// A rectangle on a slide.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Frame {
    pub x: i64,
    pub y: i64,
    pub width: i64,
    pub height: i64,
}

/// EMU per hundredth of an inch.
const EMU: i64 = 9_144;

/// A frame given in hundredths of an inch.
const fn frame(x: i64, y: i64, width: i64, height: i64) -> Frame {
    Frame {
        x: x * EMU,
        y: y * EMU,
        width: width * EMU,
        height: height * EMU,
    }
}

impl Frame {
    /// The frame's top `height` (EMU), the rest below it.
    pub fn split_top(self, height: i64) -> (Frame, Frame) {
        let top = Frame { height, ..self };
        let rest = Frame {
            y: self.y + height,
            height: self.height - height,
            ..self
        };
        (top, rest)
    }

    /// The frame's bottom `height` (EMU), the rest above it.
    pub fn split_bottom(self, height: i64) -> (Frame, Frame) {
        let bottom = Frame {
            y: self.y + self.height - height,
            height,
            ..self
        };
        let rest = Frame {
            height: self.height - height,
            ..self
        };
        (rest, bottom)
    }
}

/// The slide: 13,33 × 7,5 inches (PowerPoint's widescreen).
pub(crate) const SLIDE_WIDTH: i64 = 12_192_000;
/// See [`SLIDE_WIDTH`].
pub(crate) const SLIDE_HEIGHT: i64 = 6_858_000;
/// The notes page: portrait A4-like 7,5 × 10 inches.
pub(crate) const NOTES_WIDTH: i64 = 6_858_000;
/// See [`NOTES_WIDTH`].
pub(crate) const NOTES_HEIGHT: i64 = 9_144_000;

/// The title of a content slide.
pub(crate) const TITLE: Frame = frame(50, 30, 1233, 95);
/// The coloured rule under the title.
pub(crate) const TITLE_RULE: Frame = frame(50, 130, 1233, 4);
/// The content area below the title.
pub(crate) const BODY: Frame = frame(50, 150, 1233, 530);
/// The footer text.
pub(crate) const FOOTER: Frame = frame(50, 700, 950, 35);
/// The slide number.
pub(crate) const SLIDE_NUMBER: Frame = frame(1083, 700, 200, 35);

/// The text column beside a chart or table.
pub(crate) const TEXT_COLUMN: Frame = frame(50, 150, 440, 530);
/// The chart or table column beside text.
pub(crate) const FIGURE_COLUMN: Frame = frame(520, 150, 763, 530);

/// The coloured band along the title slide's left edge.
pub(crate) const TITLE_BAND: Frame = frame(0, 0, 30, 750);
/// The title of the title slide.
pub(crate) const CENTRE_TITLE: Frame = frame(90, 190, 1150, 190);
/// The subtitle lines of the title slide.
pub(crate) const SUBTITLE: Frame = frame(90, 400, 1150, 200);

/// A chart's or table's caption above it.
pub(crate) const CAPTION_HEIGHT: i64 = 60 * EMU;
/// A chart's note (its bases) below it.
pub(crate) const FIGURE_NOTE_HEIGHT: i64 = 55 * EMU;
/// A table row.
pub(crate) const TABLE_ROW_HEIGHT: i64 = 48 * EMU;

/// The slide image on a notes page.
pub(crate) const NOTES_SLIDE_IMAGE: Frame = frame(75, 75, 600, 338);
/// The speaker notes on a notes page.
pub(crate) const NOTES_BODY: Frame = frame(75, 450, 600, 475);

// The text column ends before the figure column, and the content before the footer.
const _: () = assert!(TEXT_COLUMN.x + TEXT_COLUMN.width < FIGURE_COLUMN.x);
const _: () = assert!(BODY.y + BODY.height <= FOOTER.y);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_stay_on_the_slide_and_split_into_parts() {
        for frame in [
            TITLE,
            TITLE_RULE,
            BODY,
            FOOTER,
            SLIDE_NUMBER,
            TEXT_COLUMN,
            FIGURE_COLUMN,
            TITLE_BAND,
            CENTRE_TITLE,
            SUBTITLE,
        ] {
            assert!(
                frame.x >= 0 && frame.x + frame.width <= SLIDE_WIDTH,
                "{frame:?}"
            );
            assert!(
                frame.y >= 0 && frame.y + frame.height <= SLIDE_HEIGHT,
                "{frame:?}"
            );
        }
        let (top, rest) = BODY.split_top(CAPTION_HEIGHT);
        assert_eq!(top.height + rest.height, BODY.height);
        assert_eq!(rest.y, BODY.y + CAPTION_HEIGHT);
        let (rest, bottom) = BODY.split_bottom(FIGURE_NOTE_HEIGHT);
        assert_eq!(bottom.y + bottom.height, BODY.y + BODY.height);
        assert_eq!(rest.height, BODY.height - FIGURE_NOTE_HEIGHT);
    }
}
