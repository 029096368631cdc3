//! Greedy line breaking on measured glyph advances, across bold and plain runs.

use krilla::text::KrillaGlyph;

use crate::fonts::{Fonts, Style};

/// A stretch of one style on one line, shaped and ready to draw.
#[derive(Debug, Clone)]
pub(crate) struct Segment {
    pub style: Style,
    /// The text, including a trailing space where the line (or word) ends in one.
    pub text: String,
    /// Glyphs with em-normalised metrics; `text_range` indexes into `text`.
    pub glyphs: Vec<KrillaGlyph>,
}

/// One laid-out line.
#[derive(Debug, Clone, Default)]
pub(crate) struct Line {
    pub segments: Vec<Segment>,
    /// Visible width in points (a trailing space is not counted).
    pub width: f32,
}

impl Line {
    /// The line's text, trailing space included.
    #[cfg(test)]
    pub fn text(&self) -> String {
        self.segments.iter().map(|s| s.text.as_str()).collect()
    }

    fn push(&mut self, piece: Piece) {
        match self.segments.last_mut() {
            Some(last) if last.style == piece.style => {
                let offset = last.text.len();
                last.text.push_str(&piece.text);
                last.glyphs.extend(piece.glyphs.into_iter().map(|mut g| {
                    g.text_range = g.text_range.start + offset..g.text_range.end + offset;
                    g
                }));
            }
            _ => self.segments.push(Segment {
                style: piece.style,
                text: piece.text,
                glyphs: piece.glyphs,
            }),
        }
    }
}

/// A shaped piece of one style inside a word.
struct Piece {
    style: Style,
    text: String,
    glyphs: Vec<KrillaGlyph>,
}

/// An unbreakable word (possibly mixing styles) and its trailing space.
struct Word {
    pieces: Vec<Piece>,
    /// Width without the trailing space, in points.
    width: f32,
    /// Width of the trailing space, in points (0 if none).
    space: f32,
}

/// A word that is never put at the start of a line: it stays with the number before it.
const UNIT_KEPT_WITH_NUMBER: &str = "pct.";

/// White space a line may break at: any but the no-break spaces, which hold "Gyn – Midt" together.
fn breaks(c: char) -> bool {
    c.is_whitespace() && c != '\u{a0}' && c != '\u{202f}'
}

/// Splits styled runs into words; whitespace collapses to one space kept at the word's end.
fn split_words(runs: &[(Style, &str)]) -> Vec<Vec<(Style, String)>> {
    let mut words: Vec<Vec<(Style, String)>> = Vec::new();
    let mut current: Vec<(Style, String)> = Vec::new();
    for &(style, text) in runs {
        let mut rest = text;
        while !rest.is_empty() {
            let ws = rest.find(breaks).unwrap_or(rest.len());
            let (token, after) = rest.split_at(ws);
            if !token.is_empty() {
                // Danish typesetting keeps a number with its unit: "67,3 pct." never breaks.
                if current.is_empty() && token.starts_with(UNIT_KEPT_WITH_NUMBER) {
                    current = words.pop().unwrap_or_default();
                }
                match current.last_mut() {
                    Some((s, t)) if *s == style => t.push_str(token),
                    _ => current.push((style, token.to_string())),
                }
            }
            let non_ws = after.find(|c: char| !breaks(c)).unwrap_or(after.len());
            if non_ws > 0
                && let Some((_, last)) = current.last_mut()
            {
                last.push(' ');
                words.push(std::mem::take(&mut current));
            }
            rest = &after[non_ws..];
        }
    }
    if !current.is_empty() {
        words.push(current);
    }
    words
}

fn shape_word(fonts: &Fonts, pieces: Vec<(Style, String)>, size: f32) -> Word {
    let mut width = 0.0;
    let mut space = 0.0;
    let mut shaped = Vec::with_capacity(pieces.len());
    for (style, text) in pieces {
        let s = fonts.shape(&text, style);
        width += s.advance_em * size;
        if text.ends_with(' ') {
            space = s.glyphs.last().map_or(0.0, |g| g.x_advance * size);
        }
        shaped.push(Piece {
            style,
            text,
            glyphs: s.glyphs,
        });
    }
    Word {
        pieces: shaped,
        width: width - space,
        space,
    }
}

/// Breaks a word wider than the measure at character boundaries into words that fit.
fn split_long_word(fonts: &Fonts, word: Word, size: f32, max_width: f32) -> Vec<Word> {
    let chars: Vec<(Style, char)> = word
        .pieces
        .iter()
        .flat_map(|p| p.text.chars().map(move |c| (p.style, c)))
        .collect();
    let mut out = Vec::new();
    let mut chunk: Vec<(Style, String)> = Vec::new();
    let mut chunk_width = 0.0;
    for (style, c) in chars {
        let w = fonts.width(c.encode_utf8(&mut [0; 4]), style, size);
        if chunk_width + w > max_width && !chunk.is_empty() && !c.is_whitespace() {
            out.push(shape_word(fonts, std::mem::take(&mut chunk), size));
            chunk_width = 0.0;
        }
        chunk_width += w;
        match chunk.last_mut() {
            Some((s, t)) if *s == style => t.push(c),
            _ => chunk.push((style, c.to_string())),
        }
    }
    if !chunk.is_empty() {
        out.push(shape_word(fonts, chunk, size));
    }
    out
}

/// Lays out styled runs into lines no wider than `max_width` points (greedy, first fit).
pub(crate) fn wrap(fonts: &Fonts, runs: &[(Style, &str)], size: f32, max_width: f32) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut line = Line::default();
    // Width including the trailing space of the last word on the line.
    let mut advance = 0.0;
    for pieces in split_words(runs) {
        let word = shape_word(fonts, pieces, size);
        let words = if word.width > max_width {
            split_long_word(fonts, word, size, max_width)
        } else {
            vec![word]
        };
        for word in words {
            if !line.segments.is_empty() && advance + word.width > max_width {
                lines.push(std::mem::take(&mut line));
                advance = 0.0;
            }
            line.width = advance + word.width;
            advance += word.width + word.space;
            for piece in word.pieces {
                line.push(piece);
            }
        }
    }
    if !line.segments.is_empty() {
        lines.push(line);
    }
    lines
}

/// Like [`wrap`], but avoids a last line of a single word where a slightly narrower measure (at
/// most a tenth) re-breaks the text into as many lines with at least two words on the last.
pub(crate) fn wrap_paragraph(
    fonts: &Fonts,
    runs: &[(Style, &str)],
    size: f32,
    max_width: f32,
) -> Vec<Line> {
    let lines = wrap(fonts, runs, size, max_width);
    let lonely = |lines: &[Line]| {
        lines.len() > 1
            && lines.last().is_some_and(|line| {
                let text: String = line.segments.iter().map(|s| s.text.as_str()).collect();
                text.split(breaks).filter(|word| !word.is_empty()).count() < 2
            })
    };
    if !lonely(&lines) {
        return lines;
    }
    for step in 1..=10 {
        let narrower = wrap(fonts, runs, size, max_width * (1.0 - step as f32 / 100.0));
        if narrower.len() > lines.len() {
            break;
        }
        if !lonely(&narrower) {
            return narrower;
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "Klyngearbejdet i almen praksis og blandt speciallæger har til formål at styrke \
        kvaliteten gennem faglige drøftelser, fælles data og lokale aftaler. Undersøgelsen viser, \
        at de fleste oplever møderne som relevante, men at tid og datagrundlag ofte er en udfordring.";

    #[test]
    fn a_number_keeps_its_unit_on_the_same_line() {
        let fonts = Fonts::new();
        let text = "Flest svarer, at de sjældent oplever opfølgning (mindst 10 pct. af svarene), og 67,3 pct. deltog.";
        for width in (60..400).step_by(7) {
            let lines = wrap(&fonts, &[(Style::Regular, text)], 9.0, width as f32);
            for line in &lines {
                assert!(
                    !line.text().starts_with("pct."),
                    "a line starts with the unit at width {width}"
                );
            }
            let joined: String = lines.iter().map(Line::text).collect();
            assert_eq!(joined.trim_end(), text, "no text lost at width {width}");
        }
    }

    fn words(s: &str) -> Vec<String> {
        s.split_whitespace().map(str::to_string).collect()
    }

    #[test]
    fn lines_fit_the_measure_and_keep_every_word_in_order() {
        let fonts = Fonts::new();
        let runs = [
            (Style::Regular, TEXT),
            (Style::Bold, " Tid er den største barriere."),
            (Style::Regular, " Slut."),
        ];
        for measure in [80.0, 150.0, 300.0, 480.0] {
            let lines = wrap(&fonts, &runs, 9.5, measure);
            assert!(lines.len() > 1);
            for line in &lines {
                assert!(line.width <= measure + 1e-3, "{} > {measure}", line.width);
                let measured: f32 = line
                    .segments
                    .iter()
                    .map(|s| fonts.width(s.text.trim_end(), s.style, 9.5))
                    .sum();
                assert!(measured <= measure + 0.5, "{measured} > {measure}");
            }
            let joined: String = lines.iter().map(Line::text).collect();
            let all: String = runs.iter().map(|r| r.1).collect();
            assert_eq!(words(&joined), words(&all));
            // Every line but the last keeps its trailing space, so extracted words never glue.
            for line in &lines[..lines.len() - 1] {
                assert!(line.text().ends_with(' '), "{:?}", line.text());
            }
        }
    }

    #[test]
    fn bold_and_plain_inside_one_word_do_not_break() {
        let fonts = Fonts::new();
        let runs = [
            (Style::Bold, "71"),
            (Style::Regular, " %, og "),
            (Style::Bold, "fed"),
            (Style::Regular, "tekst"),
        ];
        let lines = wrap(&fonts, &runs, 9.5, 1000.0);
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0].text(), "71 %, og fedtekst");
        let styles: Vec<Style> = lines[0].segments.iter().map(|s| s.style).collect();
        assert_eq!(
            styles,
            [Style::Bold, Style::Regular, Style::Bold, Style::Regular]
        );
    }

    #[test]
    fn no_break_spaces_hold_a_cluster_name_together() {
        let fonts = Fonts::new();
        let text = "organiseret i to klynger: Gyn\u{a0}–\u{a0}Midt og Nord og Gyn\u{a0}–\u{a0}Syd.";
        for width in (40..300).step_by(5) {
            for line in wrap(&fonts, &[(Style::Regular, text)], 9.0, width as f32) {
                let text = line.text();
                assert!(!text.trim().starts_with('–'), "{text:?} at {width}");
                assert!(!text.trim_end().ends_with('–'), "{text:?} at {width}");
            }
        }
    }

    #[test]
    fn a_paragraph_avoids_a_single_word_last_line() {
        let fonts = Fonts::new();
        let runs = [(Style::Regular, TEXT)];
        let mut avoided = 0;
        for width in (150..400).step_by(3) {
            let greedy = wrap(&fonts, &runs, 9.0, width as f32);
            let balanced = wrap_paragraph(&fonts, &runs, 9.0, width as f32);
            assert_eq!(balanced.len(), greedy.len(), "never a line more");
            let last_words =
                |lines: &[Line]| lines.last().unwrap().text().split_whitespace().count();
            assert!(last_words(&balanced) >= last_words(&greedy).min(2));
            if last_words(&greedy) == 1 && last_words(&balanced) >= 2 {
                avoided += 1;
            }
        }
        assert!(
            avoided > 0,
            "some measure gives a single-word last line to avoid"
        );
    }

    #[test]
    fn overlong_word_is_split_to_fit() {
        let fonts = Fonts::new();
        let long = "Speciallægepraksisklyngekoordinatorfunktionsbeskrivelse";
        let lines = wrap(&fonts, &[(Style::Regular, long)], 9.5, 60.0);
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|l| l.width <= 60.0 + 1e-3));
        let joined: String = lines.iter().map(Line::text).collect();
        assert_eq!(joined, long);
    }

    #[test]
    fn glyph_ranges_index_the_segment_text() {
        let fonts = Fonts::new();
        let lines = wrap(
            &fonts,
            &[(Style::Regular, "æble og ørred på å")],
            9.5,
            1000.0,
        );
        let seg = &lines[0].segments[0];
        for g in &seg.glyphs {
            assert!(seg.text.get(g.text_range.clone()).is_some());
        }
        assert_eq!(
            seg.glyphs.last().map(|g| g.text_range.end),
            Some(seg.text.len())
        );
    }
}

#[cfg(test)]
mod properties {
    use proptest::prelude::*;
    use proptest::test_runner::{Config, TestRunner};

    use super::*;

    /// Styled runs of words, spaces, tabs and line breaks, with numbers and their units.
    fn runs() -> impl Strategy<Value = Vec<(Style, String)>> {
        let style = prop_oneof![Just(Style::Regular), Just(Style::Bold)];
        let text = prop_oneof![
            "([a-zæøåA-ZÆØÅ,.()]{0,14}[ \\t\\n]{0,2}){0,14}",
            "((([0-9]{1,3}(,[0-9])? pct\\.)|[a-zæøå]{1,9}|[A-Za-z]{20,60})( |, ){0,2}){0,8}",
        ];
        proptest::collection::vec((style, text), 1..5)
    }

    /// Words as a reader extracts them: split at white space.
    fn words(text: &str) -> Vec<&str> {
        text.split_whitespace().collect()
    }

    /// Units of a line that a break may not separate: words, with "pct." kept to its number.
    fn unbreakable(line: &str) -> usize {
        words(line)
            .iter()
            .filter(|word| !word.starts_with(UNIT_KEPT_WITH_NUMBER))
            .count()
            .max(1)
    }

    #[test]
    fn every_word_is_kept_in_order_on_lines_within_the_measure() {
        let fonts = Fonts::new();
        let mut runner = TestRunner::new(Config::with_cases(300));
        let cases = (runs(), 6.0f32..14.0, 8.0f32..500.0);
        runner
            .run(&cases, |(runs, size, measure)| {
                let borrowed: Vec<(Style, &str)> = runs
                    .iter()
                    .map(|(style, text)| (*style, text.as_str()))
                    .collect();
                let lines = wrap(&fonts, &borrowed, size, measure);
                let all: String = runs.iter().map(|(_, text)| text.as_str()).collect();
                let joined: String = lines.iter().map(Line::text).collect();
                // A word split because it is wider than the measure joins up again here.
                prop_assert_eq!(words(&joined), words(&all));
                let kept: Vec<String> = lines.iter().map(Line::text).collect();
                for (index, line) in kept.iter().enumerate() {
                    prop_assert!(
                        !line.trim().is_empty(),
                        "line {} of {:?} is empty",
                        index,
                        kept
                    );
                    let too_wide = lines[index].width > measure + 1e-3;
                    prop_assert!(
                        !too_wide || unbreakable(line) == 1,
                        "line {:?} is {} wide in a measure of {}",
                        line,
                        lines[index].width,
                        measure
                    );
                }
                Ok(())
            })
            .unwrap();
    }
}
