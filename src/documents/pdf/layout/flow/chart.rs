//! Bar charts in the flow: a caption, a legend, and per group one horizontal bar for each
//! series with its value, in colours told apart with the common colour-vision deficiencies.
//! A group stays on one page when it fits on one.
//!
//! A part of the flow layout kept apart for its size; it may use the flow's geometry and
//! page bookkeeping and the fonts, like the rest of the flow.

use super::super::fonts::{BLACK, Colour, Face, Style, style};
use super::{BODY_H, CONTENT_W, HEADER_RULE, Layout, MARGIN, PARAGRAPH_AFTER};

const BAR_ROW: f32 = 12.0;
const BAR_H: f32 = 9.0;
const SWATCH: f32 = 8.0;

const CAPTION: Style = style(Face::Bold, 10.0, 13.5, BLACK);
const CHART_TEXT: Style = style(Face::Regular, 9.0, BAR_ROW, BLACK);

/// Okabe–Ito colours: distinguishable with the common colour-vision deficiencies.
const SERIES: [Colour; 6] = [
    Colour(0.0, 0.447, 0.698),
    Colour(0.902, 0.624, 0.0),
    Colour(0.0, 0.620, 0.451),
    Colour(0.835, 0.369, 0.0),
    Colour(0.800, 0.475, 0.655),
    Colour(0.337, 0.706, 0.914),
];

/// Scale and geometry shared by the groups of one bar chart.
pub(super) struct Chart {
    series: usize,
    max: f32,
    label_w: f32,
    bars_x: f32,
    bars_w: f32,
}

impl Layout<'_> {
    pub(super) fn chart(&self, series: &[String], groups: &[(String, Vec<u32>)]) -> Chart {
        let max = groups.iter().flat_map(|(_, values)| values).copied().max().unwrap_or(0);
        let value_room = self.fonts.width(&max.to_string(), CHART_TEXT) + 8.0;
        let label_w = CONTENT_W * 0.3;
        let bars_x = MARGIN + label_w + 6.0;
        Chart {
            series: groups.iter().map(|(_, values)| values.len()).fold(series.len(), usize::max),
            max: max.max(1) as f32,
            label_w,
            bars_x,
            bars_w: (MARGIN + CONTENT_W - bars_x - value_room).max(0.0),
        }
    }

    /// Height of the caption, the legend and the first group, which a page break does not
    /// separate.
    pub(super) fn chart_start(
        &self,
        chart: &Chart,
        caption: &str,
        series: &[String],
        groups: &[(String, Vec<u32>)],
    ) -> f32 {
        let caption = self.fonts.lines(caption, CAPTION, CONTENT_W).len() as f32 * CAPTION.leading;
        let first = groups
            .first()
            .map_or(0.0, |(label, _)| self.group_rows(chart, label).len() as f32 * BAR_ROW);
        caption + self.legend(series).len() as f32 * BAR_ROW + 4.0 + first
    }

    /// Legend entries laid out in rows: (x, colour, name).
    fn legend(&self, series: &[String]) -> Vec<Vec<(f32, Colour, String)>> {
        let mut rows: Vec<Vec<(f32, Colour, String)>> = Vec::new();
        let mut x = MARGIN + CONTENT_W;
        for (i, name) in series.iter().enumerate() {
            let name = self.fonts.one_line(name, CHART_TEXT, CONTENT_W - SWATCH - 4.0);
            let w = SWATCH + 4.0 + self.fonts.width(&name, CHART_TEXT);
            if x + w > MARGIN + CONTENT_W {
                rows.push(Vec::new());
                x = MARGIN;
            }
            if let Some(row) = rows.last_mut() {
                row.push((x, SERIES[i % SERIES.len()], name));
            }
            x += w + 14.0;
        }
        rows
    }

    /// Label lines of a group, padded to one row per series.
    fn group_rows(&self, chart: &Chart, label: &str) -> Vec<String> {
        let mut rows = self.fonts.lines(label, CHART_TEXT, chart.label_w);
        rows.resize(rows.len().max(chart.series).max(1), String::new());
        rows
    }

    pub(super) fn bar_chart(
        &mut self,
        caption: &str,
        series: &[String],
        groups: &[(String, Vec<u32>)],
    ) {
        let chart = self.chart(series, groups);
        self.ensure(self.chart_start(&chart, caption, series, groups).min(BODY_H));
        let caption = self.fonts.lines(caption, CAPTION, CONTENT_W);
        self.flow_lines(MARGIN, caption, CAPTION);
        for row in self.legend(series) {
            self.ensure(BAR_ROW);
            for (x, colour, name) in row {
                self.fill(x, self.y + (BAR_ROW - SWATCH) / 2.0, SWATCH, SWATCH, colour);
                self.text(x + SWATCH + 4.0, self.y, CHART_TEXT, name);
            }
            self.y += BAR_ROW;
        }
        self.y += 4.0;
        for (label, values) in groups {
            self.bar_group(&chart, label, values);
        }
        self.y += PARAGRAPH_AFTER;
    }

    /// One row per series (or per label line, if the label is longer); a group stays on one
    /// page when it fits on one.
    fn bar_group(&mut self, chart: &Chart, label: &str, values: &[u32]) {
        let rows = self.group_rows(chart, label);
        self.ensure((rows.len() as f32 * BAR_ROW).min(BODY_H));
        for (i, line) in rows.into_iter().enumerate() {
            self.ensure(BAR_ROW);
            self.text(MARGIN, self.y, CHART_TEXT, line);
            self.fill(chart.bars_x - 0.75, self.y, 0.75, BAR_ROW, HEADER_RULE);
            if let Some(&value) = values.get(i) {
                let w = value as f32 / chart.max * chart.bars_w;
                self.fill(
                    chart.bars_x,
                    self.y + (BAR_ROW - BAR_H) / 2.0,
                    w,
                    BAR_H,
                    SERIES[i % SERIES.len()],
                );
                self.text(chart.bars_x + w + 3.0, self.y, CHART_TEXT, value.to_string());
            }
            self.y += BAR_ROW;
        }
        self.y += 6.0;
    }
}
