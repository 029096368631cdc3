//! One palette for every renderer: the house colours and the series colours derived from them.

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// White.
    pub const WHITE: Rgb = Rgb(255, 255, 255);

    /// The colour as six hex digits without '#': "1b4f72" (the form OOXML and CSS take).
    pub fn hex(self) -> String {
        format!("{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }
}

/// The colours of a publication. Every renderer draws with these, so a deck's chart and a fact
/// sheet's chart of the same figures look alike.
#[derive(Debug, Clone, PartialEq)]
pub struct Palette {
    /// Headings, rules, the unit's own bars.
    pub primary: Rgb,
    /// The comparison series (the nation).
    pub secondary: Rgb,
    /// Body text.
    pub text: Rgb,
    /// Notes, footers, secondary text (at least 4.5:1 on white).
    pub muted: Rgb,
    /// Gridlines and rules that carry no meaning.
    pub grid: Rgb,
    /// A neutral series colour (a third comparison).
    pub neutral: Rgb,
}

impl Palette {
    /// The palette from the three house colours of the settings. A series colour that would
    /// read below [`GRAPHIC_CONTRAST`] on white (a light orange) is darkened until it reaches it.
    pub fn new(primary: Rgb, secondary: Rgb, text: Rgb) -> Palette {
        Palette {
            primary,
            secondary: at_least(secondary, GRAPHIC_CONTRAST),
            text,
            muted: Rgb(0x5e, 0x62, 0x66),
            grid: Rgb(0xd4, 0xd7, 0xdb),
            neutral: Rgb(0x6f, 0x75, 0x7c),
        }
    }

    /// Colours of a stacked bar's `n` segments, darkest first: shades of the primary whose
    /// contrast against white falls in equal ratios from about 13:1 to [`GRAPHIC_CONTRAST`] plus
    /// a margin. Every segment stands out from the white separators between segments and from
    /// the page by at least 3:1, and neighbours differ in lightness by equal steps (greyscale
    /// and colour-blind safe).
    pub fn stacked(&self, n: usize) -> Vec<Rgb> {
        const DARKEST: f32 = 13.0;
        const LIGHTEST: f32 = GRAPHIC_CONTRAST + 0.15;
        (0..n)
            .map(|i| {
                let t = if n <= 1 {
                    0.0
                } else {
                    i as f32 / (n - 1) as f32
                };
                let target = DARKEST * (LIGHTEST / DARKEST).powf(t);
                shade_with_contrast(self.primary, target)
            })
            .collect()
    }

    /// Colours of `n` grouped series: primary, secondary, neutral, then a dark primary; each at
    /// least [`GRAPHIC_CONTRAST`] against white.
    pub fn grouped(&self, n: usize) -> Vec<Rgb> {
        (0..n)
            .map(|i| match i {
                0 => at_least(self.primary, GRAPHIC_CONTRAST),
                1 => self.secondary,
                2 => self.neutral,
                _ => mix(self.primary, Rgb(0, 0, 0), 0.5),
            })
            .collect()
    }

    /// Text colour (white or the body colour) with the better contrast on a fill.
    pub fn label_on(&self, fill: Rgb) -> Rgb {
        if contrast(Rgb::WHITE, fill) >= contrast(self.text, fill) {
            Rgb::WHITE
        } else {
            self.text
        }
    }
}

/// Contrast a graphical object that carries meaning needs against its neighbours (WCAG 1.4.11).
pub const GRAPHIC_CONTRAST: f32 = 3.0;

/// `color`, darkened towards black just enough to reach `ratio` against white.
fn at_least(color: Rgb, ratio: f32) -> Rgb {
    if contrast(color, Rgb::WHITE) >= ratio {
        return color;
    }
    let (mut low, mut high) = (0.0_f32, 1.0_f32);
    for _ in 0..24 {
        let middle = (low + high) / 2.0;
        if contrast(mix(color, Rgb(0, 0, 0), middle), Rgb::WHITE) >= ratio {
            high = middle;
        } else {
            low = middle;
        }
    }
    mix(color, Rgb(0, 0, 0), high)
}

/// A tint or shade of `color` (mixed with white or black) whose contrast against white is about
/// `target`, and never below it when `target` is within reach.
fn shade_with_contrast(color: Rgb, target: f32) -> Rgb {
    // t from -1 (black) through 0 (the colour) to 1 (white); contrast falls as t grows.
    let at = |t: f32| {
        if t < 0.0 {
            mix(color, Rgb(0, 0, 0), -t)
        } else {
            mix(color, Rgb::WHITE, t)
        }
    };
    let (mut low, mut high) = (-1.0_f32, 1.0_f32);
    for _ in 0..30 {
        let middle = (low + high) / 2.0;
        if contrast(at(middle), Rgb::WHITE) >= target {
            low = middle;
        } else {
            high = middle;
        }
    }
    at(low)
}

/// Mixes `a` towards `b` by `t` (0 = a, 1 = b).
pub fn mix(a: Rgb, b: Rgb, t: f32) -> Rgb {
    let m = |x: u8, y: u8| {
        (x as f32 + (y as f32 - x as f32) * t)
            .round()
            .clamp(0.0, 255.0) as u8
    };
    Rgb(m(a.0, b.0), m(a.1, b.1), m(a.2, b.2))
}

/// WCAG relative luminance.
fn luminance(c: Rgb) -> f32 {
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

/// WCAG contrast ratio between two colours (1 to 21).
pub fn contrast(a: Rgb, b: Rgb) -> f32 {
    let (la, lb) = (luminance(a), luminance(b));
    let (hi, lo) = if la > lb { (la, lb) } else { (lb, la) };
    (hi + 0.05) / (lo + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contrast_spans_one_to_twenty_one() {
        assert!((contrast(Rgb(0, 0, 0), Rgb::WHITE) - 21.0).abs() < 0.01);
        assert!((contrast(Rgb::WHITE, Rgb::WHITE) - 1.0).abs() < 0.01);
    }

    fn house() -> Palette {
        Palette::new(
            Rgb(0x1b, 0x4f, 0x72),
            Rgb(0xd9, 0x82, 0x2b),
            Rgb(0x22, 0x22, 0x22),
        )
    }

    #[test]
    fn every_series_colour_stands_out_from_white_and_from_its_neighbours() {
        for palette in [
            house(),
            Palette::new(Rgb(0x00, 0x66, 0x99), Rgb(0xff, 0xc0, 0x00), Rgb(0, 0, 0)),
            Palette::new(
                Rgb(0x8a, 0xb4, 0xf8),
                Rgb(0xf4, 0xb4, 0x00),
                Rgb(0x22, 0x22, 0x22),
            ),
        ] {
            for n in 1..=7 {
                let colours = palette.stacked(n);
                assert_eq!(colours.len(), n);
                for colour in &colours {
                    // The white separators between segments and the page around the bar.
                    let ratio = contrast(*colour, Rgb::WHITE);
                    assert!(
                        ratio >= GRAPHIC_CONTRAST,
                        "{colour:?} of {n}: {ratio:.2}:1 on white"
                    );
                }
                for pair in colours.windows(2) {
                    let ratio = contrast(pair[0], pair[1]);
                    let needed = if n <= 5 { 1.4 } else { 1.25 };
                    assert!(
                        ratio >= needed,
                        "neighbours {:?} and {:?} of {n}: {ratio:.2}:1",
                        pair[0],
                        pair[1]
                    );
                }
            }
            for colour in palette.grouped(4) {
                let ratio = contrast(colour, Rgb::WHITE);
                assert!(
                    ratio >= GRAPHIC_CONTRAST,
                    "{colour:?}: {ratio:.2}:1 on white"
                );
            }
            // A value printed on a segment reads at 4.5:1.
            for fill in palette.stacked(5).into_iter().chain(palette.grouped(3)) {
                assert!(contrast(palette.label_on(fill), fill) >= 4.5, "{fill:?}");
            }
        }
    }

    #[test]
    fn text_colours_read_on_white() {
        let palette = house();
        assert!(contrast(palette.muted, Rgb::WHITE) >= 4.5);
        assert!(contrast(palette.text, Rgb::WHITE) >= 4.5);
        assert_eq!(palette.stacked(5).len(), 5);
        assert_eq!(Rgb(0x1b, 0x4f, 0x72).hex(), "1b4f72");
    }
}
