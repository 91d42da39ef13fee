//! Value charts in the flow: decimal values as horizontal bars from a zero line (left of it
//! when negative), one row per value with its label at the left and the value as written at
//! the right, and reference lines (an indicator's baseline and target) across every row: the
//! first dashed, the others solid, told apart in the legend by shape as well as colour. A page
//! break may fall between any two rows; the lines continue on the next page.
//!
//! A part of the flow layout kept apart for its size; it may use the flow's geometry and
//! page bookkeeping and the fonts, like the rest of the flow.

use super::super::fonts::{BLACK, Colour, Face, Style, style};
use super::{CONTENT_W, HEADER_RULE, Layout, MARGIN, PARAGRAPH_AFTER};

const ROW: f32 = 13.0;
const BAR_H: f32 = 9.0;
const LINE_W: f32 = 1.2;
const DASH: f32 = 3.0;
const SAMPLE_W: f32 = 16.0;

const CAPTION: Style = style(Face::Bold, 10.0, 13.5, BLACK);
const TEXT: Style = style(Face::Regular, 9.0, ROW, BLACK);

/// The bars' colour (Okabe–Ito blue), and the marks' (vermillion, then black).
const BAR: Colour = Colour(0.0, 0.447, 0.698);
const MARKS: [Colour; 2] = [Colour(0.835, 0.369, 0.0), BLACK];

/// Scale and geometry shared by the rows of one chart.
struct Scale {
    low: f64,
    high: f64,
    label_w: f32,
    bars_x: f32,
    bars_w: f32,
}

impl Scale {
    fn x(&self, value: f64) -> f32 {
        self.bars_x + ((value - self.low) / (self.high - self.low)) as f32 * self.bars_w
    }
}

impl Layout<'_> {
    fn value_scale(&self, bars: &[(String, f64, String)], marks: &[(String, f64)]) -> Scale {
        let values = bars.iter().map(|b| b.1).chain(marks.iter().map(|m| m.1));
        let (low, high) = values
            .filter(|v| v.is_finite())
            .fold((0.0_f64, 0.0_f64), |(lo, hi), v| (lo.min(v), hi.max(v)));
        let high = if high > low { high } else { low + 1.0 };
        let shown_w = bars
            .iter()
            .map(|b| self.fonts.width(&self.fonts.clean(&b.2), TEXT))
            .fold(0.0, f32::max);
        let label_w = CONTENT_W * 0.2;
        let bars_x = MARGIN + label_w + 6.0;
        let bars_w = (MARGIN + CONTENT_W - bars_x - shown_w - 10.0).max(0.0);
        Scale { low, high, label_w, bars_x, bars_w }
    }

    /// Height of the caption, the legend and the first row, which a page break does not
    /// separate.
    pub(super) fn value_chart_start(&self, caption: &str, marks: &[(String, f64)]) -> f32 {
        let caption = self.fonts.lines(caption, CAPTION, CONTENT_W).len() as f32 * CAPTION.leading;
        caption + marks.len() as f32 * ROW + 4.0 + ROW
    }

    /// A mark's line over one row: dashed for the first mark, solid for the others.
    fn mark_line(&mut self, i: usize, x: f32, top: f32, h: f32) {
        let colour = MARKS[i.min(MARKS.len() - 1)];
        if i == 0 {
            let mut y = top;
            while y < top + h {
                let dash = DASH.min(top + h - y);
                self.fill(x - LINE_W / 2.0, y, LINE_W, dash, colour);
                y += DASH * 2.0;
            }
        } else {
            self.fill(x - LINE_W / 2.0, top, LINE_W, h, colour);
        }
    }

    pub(super) fn value_chart(
        &mut self,
        caption: &str,
        bars: &[(String, f64, String)],
        marks: &[(String, f64)],
    ) {
        let scale = self.value_scale(bars, marks);
        self.ensure(self.value_chart_start(caption, marks));
        let caption = self.fonts.lines(caption, CAPTION, CONTENT_W);
        self.flow_lines(MARGIN, caption, CAPTION);
        for (i, (name, _)) in marks.iter().enumerate() {
            self.ensure(ROW);
            self.mark_line(i, MARGIN + SAMPLE_W / 2.0, self.y + 1.0, ROW - 2.0);
            let name = self.fonts.one_line(name, TEXT, CONTENT_W - SAMPLE_W - 4.0);
            self.text(MARGIN + SAMPLE_W + 4.0, self.y, TEXT, name);
            self.y += ROW;
        }
        self.y += 4.0;
        let zero = scale.x(0.0);
        for (label, value, shown) in bars {
            self.ensure(ROW);
            let label = self.fonts.one_line(label, TEXT, scale.label_w);
            self.text(MARGIN, self.y, TEXT, label);
            self.fill(zero - 0.375, self.y, 0.75, ROW, HEADER_RULE);
            if value.is_finite() {
                let end = scale.x(*value);
                let top = self.y + (ROW - BAR_H) / 2.0;
                self.fill(zero.min(end), top, (end - zero).abs(), BAR_H, BAR);
            }
            let shown = self.fonts.clean(shown);
            let x = MARGIN + CONTENT_W - self.fonts.width(&shown, TEXT);
            self.text(x, self.y, TEXT, shown);
            for (i, (_, mark)) in marks.iter().enumerate() {
                if mark.is_finite() {
                    self.mark_line(i, scale.x(*mark), self.y, ROW);
                }
            }
            self.y += ROW;
        }
        self.y += PARAGRAPH_AFTER;
    }
}
