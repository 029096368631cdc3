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
    /// The palette from the three house colours of the settings.
    pub fn new(primary: Rgb, secondary: Rgb, text: Rgb) -> Palette {
        Palette {
            primary,
            secondary,
            text,
            muted: Rgb(0x5e, 0x62, 0x66),
            grid: Rgb(0xd4, 0xd7, 0xdb),
            neutral: Rgb(0x7a, 0x80, 0x87),
        }
    }

    /// Colours of a stacked bar's `n` segments: a ramp from a darkened primary to a pale tint, so
    /// neighbouring segments differ in lightness (greyscale and colour-blind safe).
    pub fn stacked(&self, n: usize) -> Vec<Rgb> {
        (0..n)
            .map(|i| {
                let t = if n <= 1 {
                    0.0
                } else {
                    i as f32 / (n - 1) as f32
                };
                let f = -0.3 + t * 1.08;
                if f < 0.0 {
                    mix(self.primary, Rgb(0, 0, 0), -f)
                } else {
                    mix(self.primary, Rgb::WHITE, f)
                }
            })
            .collect()
    }

    /// Colours of `n` grouped series: primary, secondary, neutral, then a pale primary.
    pub fn grouped(&self, n: usize) -> Vec<Rgb> {
        (0..n)
            .map(|i| match i {
                0 => self.primary,
                1 => self.secondary,
                2 => self.neutral,
                _ => mix(self.primary, Rgb::WHITE, 0.6),
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

    #[test]
    fn text_colours_read_on_white() {
        let palette = Palette::new(Rgb(0x1b, 0x4f, 0x72), Rgb(0xd9, 0x82, 0x2b), Rgb(0x22, 0x22, 0x22));
        assert!(contrast(palette.muted, Rgb::WHITE) >= 4.5);
        assert!(contrast(palette.text, Rgb::WHITE) >= 4.5);
        assert_eq!(palette.stacked(5).len(), 5);
        assert_eq!(Rgb(0x1b, 0x4f, 0x72).hex(), "1b4f72");
    }
}
