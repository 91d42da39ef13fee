//! Fonts and text: DejaVu Sans (regular and bold, from the `dejavu` crate) parsed once, the
//! text style a line is set in, and measuring, cleaning and wrapping text by the fonts' real
//! glyph advances.
//!
//! It exists so that the flow layout can ask "how wide is this, where does it break" without
//! knowing anything about fonts. It may use printpdf's font parsing and nothing else of the
//! layout: the flow and the writing use it, never the other way round.

use std::sync::OnceLock;

use printpdf::ParsedFont;

/// A fill colour: red, green and blue from 0 to 1.
#[derive(Clone, Copy, PartialEq)]
pub(super) struct Colour(pub f32, pub f32, pub f32);

pub(super) const BLACK: Colour = Colour(0.0, 0.0, 0.0);
/// #555555, the lightest grey allowed for text: contrast 7.5:1 on white.
pub(super) const GREY: Colour = Colour(0.333, 0.333, 0.333);

#[derive(Clone, Copy, PartialEq)]
pub(super) enum Face {
    Regular,
    Bold,
}

/// How a line of text is set. Lengths are PDF points.
#[derive(Clone, Copy)]
pub(super) struct Style {
    pub face: Face,
    pub size: f32,
    /// Height of one line.
    pub leading: f32,
    pub colour: Colour,
}

pub(super) const fn style(face: Face, size: f32, leading: f32, colour: Colour) -> Style {
    Style { face, size, leading, colour }
}

pub(super) struct Fonts {
    pub regular: ParsedFont,
    pub bold: ParsedFont,
    units_per_em: f32,
    /// Ascender and descender as fractions of the font size.
    ascent: f32,
    descent: f32,
    /// Stands in for characters the fonts lack.
    replacement: char,
}

impl Fonts {
    pub fn get() -> &'static Fonts {
        static FONTS: OnceLock<Fonts> = OnceLock::new();
        FONTS.get_or_init(Fonts::load)
    }

    fn load() -> Fonts {
        let parse = |bytes: &[u8]| {
            ParsedFont::from_bytes(bytes, 0, &mut Vec::new()).expect("bundled DejaVu Sans parses")
        };
        let regular = parse(dejavu::sans::regular());
        let bold = parse(dejavu::sans::bold());
        let metrics = &regular.pdf_font_metrics;
        let units_per_em = f32::from(metrics.units_per_em.max(1));
        let mut fonts = Fonts {
            ascent: f32::from(metrics.ascender) / units_per_em,
            descent: -f32::from(metrics.descender) / units_per_em,
            units_per_em,
            regular,
            bold,
            replacement: '?',
        };
        if fonts.has_glyph('\u{FFFD}') {
            fonts.replacement = '\u{FFFD}';
        }
        fonts
    }

    fn face(&self, face: Face) -> &ParsedFont {
        match face {
            Face::Regular => &self.regular,
            Face::Bold => &self.bold,
        }
    }

    /// Both faces have it, so a text can be set in either.
    fn has_glyph(&self, c: char) -> bool {
        [&self.regular, &self.bold]
            .iter()
            .all(|font| font.lookup_glyph_index(c as u32).is_some_and(|gid| gid != 0))
    }

    pub fn width(&self, text: &str, style: Style) -> f32 {
        let font = self.face(style.face);
        let units: u32 = text
            .chars()
            .map(|c| {
                let gid = font.lookup_glyph_index(c as u32).unwrap_or(0);
                u32::from(font.get_horizontal_advance(gid))
            })
            .sum();
        units as f32 * style.size / self.units_per_em
    }

    fn char_width(&self, c: char, style: Style) -> f32 {
        self.width(c.encode_utf8(&mut [0; 4]), style)
    }

    /// Makes any string printable: line breaks become '\n', tabs spaces, other control and
    /// invisible format characters go, and characters without a glyph become the replacement.
    pub fn clean(&self, text: &str) -> String {
        text.replace("\r\n", "\n")
            .chars()
            .filter_map(|c| match c {
                '\n' | '\r' | '\u{2028}' | '\u{2029}' => Some('\n'),
                '\t' => Some(' '),
                c if c.is_control() => None,
                c if self.has_glyph(c) => Some(c),
                '\u{200B}'..='\u{200F}'
                | '\u{2060}'..='\u{2064}'
                | '\u{FE00}'..='\u{FE0F}'
                | '\u{FEFF}'
                | '\u{E0000}'..='\u{E01EF}' => None,
                _ => Some(self.replacement),
            })
            .collect()
    }

    /// Greedy line filling of cleaned text; '\n' forces a break, a word wider than the line
    /// is broken between characters. Every line holds at least one character, so any width
    /// terminates.
    fn wrap(&self, text: &str, style: Style, width: f32) -> Vec<String> {
        let space = self.width(" ", style);
        let mut lines = Vec::new();
        for hard_line in text.split('\n') {
            let mut line = String::new();
            let mut line_w = 0.0;
            for word in hard_line.split(' ').filter(|w| !w.is_empty()) {
                let word_w = self.width(word, style);
                let gap = if line.is_empty() { 0.0 } else { space };
                if line_w + gap + word_w <= width {
                    if !line.is_empty() {
                        line.push(' ');
                    }
                    line.push_str(word);
                    line_w += gap + word_w;
                    continue;
                }
                if !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                    line_w = 0.0;
                }
                if word_w <= width {
                    line.push_str(word);
                    line_w = word_w;
                    continue;
                }
                for c in word.chars() {
                    let c_w = self.char_width(c, style);
                    if !line.is_empty() && line_w + c_w > width {
                        lines.push(std::mem::take(&mut line));
                        line_w = 0.0;
                    }
                    line.push(c);
                    line_w += c_w;
                }
            }
            lines.push(line);
        }
        lines
    }

    /// Any text as the lines it takes in `width`.
    pub fn lines(&self, text: &str, style: Style, width: f32) -> Vec<String> {
        self.wrap(&self.clean(text), style, width)
    }

    /// One line, shortened with an ellipsis if it is wider than `width`.
    pub fn one_line(&self, text: &str, style: Style, width: f32) -> String {
        let line = self.clean(text).replace('\n', " ");
        if self.width(&line, style) <= width {
            return line;
        }
        let room = width - self.width("…", style);
        let mut used = 0.0;
        let mut short: String = line
            .chars()
            .take_while(|&c| {
                used += self.char_width(c, style);
                used <= room
            })
            .collect();
        short.push('…');
        short
    }

    /// Baseline of a line whose box of height `style.leading` starts at `top`.
    pub fn baseline(&self, top: f32, style: Style) -> f32 {
        top + (style.leading + (self.ascent - self.descent) * style.size) / 2.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BODY: Style = style(Face::Regular, 10.0, 13.5, BLACK);

    #[test]
    fn wrap_keeps_every_character_and_breaks_long_words() {
        let fonts = Fonts::get();
        let text = format!("kort {} ord\n\nny rad", "å".repeat(400));
        let lines = fonts.wrap(&text, BODY, 100.0);
        assert!(lines.iter().all(|l| fonts.width(l, BODY) <= 100.0 || l.chars().count() == 1));
        assert_eq!(lines.concat().replace(' ', ""), text.replace([' ', '\n'], ""));
        assert!(lines.contains(&String::new()), "the empty line is kept");
    }

    #[test]
    fn an_amount_with_no_break_spaces_is_never_split_across_lines() {
        let fonts = Fonts::get();
        let amount = "5\u{a0}466\u{a0}314\u{a0}kr";
        assert_eq!(fonts.clean(amount), amount, "the font has the no-break space");
        let width = fonts.width(amount, BODY) + 1.0;
        let lines = fonts.wrap(&format!("Total budget {amount}"), BODY, width);
        assert_eq!(lines.last().map(String::as_str), Some(amount), "{lines:?}");
    }

    #[test]
    fn wrap_terminates_at_zero_width() {
        assert_eq!(Fonts::get().wrap("abc", BODY, 0.0), ["a", "b", "c"]);
    }

    #[test]
    fn clean_replaces_missing_glyphs_and_drops_controls() {
        let fonts = Fonts::get();
        let r = fonts.replacement;
        assert_eq!(fonts.clean("a\u{2}\u{3}b\tc\r\nd🦀漢"), format!("ab c\nd{r}{r}"));
        assert_eq!(fonts.clean("åäö ÅÄÖ é ü – — “ ”"), "åäö ÅÄÖ é ü – — “ ”");
    }
}
