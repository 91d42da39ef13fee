//! Tables in the flow: columns sharing the text width by weight, cells wrapping in their
//! column, the bold header row repeated on every page a table continues on, and a row moved
//! to the next page whole unless it is taller than a page. A form table (filled in by hand)
//! boxes every cell and gives every row room to write in.
//!
//! A part of the flow layout kept apart for its size; it may use the flow's geometry and
//! page bookkeeping and the fonts, like the rest of the flow.

use super::super::fonts::{BLACK, Colour, Face, Style, style};
use super::{BODY_H, CONTENT_W, Column, HEADER_RULE, Layout, MARGIN, PARAGRAPH_AFTER, RULE};

const CELL_PAD_X: f32 = 4.0;
const CELL_PAD_Y: f32 = 3.0;
const HEADER_FILL: Colour = Colour(0.91, 0.91, 0.91);

const CELL: Style = style(Face::Regular, 9.5, 12.5, BLACK);
/// Lines of height a form table's row has at least: room for a signature.
const FORM_ROW_LINES: usize = 2;
const HEADER_CELL: Style = style(Face::Bold, 9.5, 12.5, BLACK);

/// Column positions and the wrapped header of one table.
pub(super) struct TableGeometry {
    xs: Vec<f32>,
    widths: Vec<f32>,
    align_right: Vec<bool>,
    header: Vec<Vec<String>>,
    /// False for a header too tall to repeat (absurd titles); it is then shown once.
    repeat_header: bool,
    /// A form to fill in by hand: cells boxed, rows at least `FORM_ROW_LINES` tall.
    form: bool,
}

impl TableGeometry {
    /// Lines of height a body row has at least.
    fn min_lines(&self) -> usize {
        if self.form { FORM_ROW_LINES } else { 1 }
    }
}

impl Layout<'_> {
    pub(super) fn table_geometry(
        &self,
        columns: &[Column],
        rows: &[Vec<String>],
        form: bool,
    ) -> TableGeometry {
        let count = rows.iter().map(Vec::len).fold(columns.len(), usize::max);
        // Missing, zero or invalid weights count as 1, so every column gets some width.
        let weight = |i: usize| {
            columns
                .get(i)
                .map_or(1.0, |c| if c.width.is_finite() && c.width > 0.0 { c.width } else { 1.0 })
        };
        let total: f32 = (0..count).map(weight).sum();
        let widths: Vec<f32> = (0..count).map(|i| CONTENT_W * weight(i) / total).collect();
        let xs = widths
            .iter()
            .scan(MARGIN, |x, w| {
                let left = *x;
                *x += w;
                Some(left)
            })
            .collect();
        let align_right =
            (0..count).map(|i| columns.get(i).is_some_and(|c| c.align_right)).collect();
        let mut table = TableGeometry {
            xs,
            widths,
            align_right,
            header: Vec::new(),
            repeat_header: true,
            form,
        };
        let titles: Vec<String> = columns.iter().map(|c| c.title.clone()).collect();
        if titles.iter().any(|t| !t.trim().is_empty()) {
            table.header = self.cells(&table, &titles, HEADER_CELL);
            table.repeat_header = row_height(&table.header, HEADER_CELL, 1) <= BODY_H / 4.0;
        }
        table
    }

    /// Height of the header and the first row, which a page break does not separate.
    pub(super) fn table_start(&self, table: &TableGeometry, rows: &[Vec<String>]) -> f32 {
        let first = rows
            .first()
            .map_or(0.0, |row| row_height(&self.cells(table, row, CELL), CELL, table.min_lines()));
        row_height(&table.header, HEADER_CELL, 1) + first
    }

    fn cells(&self, table: &TableGeometry, row: &[String], style: Style) -> Vec<Vec<String>> {
        table
            .widths
            .iter()
            .enumerate()
            .map(|(i, w)| {
                row.get(i).map_or_else(Vec::new, |cell| {
                    self.fonts.lines(cell, style, w - 2.0 * CELL_PAD_X)
                })
            })
            .collect()
    }

    pub(super) fn table(&mut self, columns: &[Column], rows: &[Vec<String>], form: bool) {
        let table = self.table_geometry(columns, rows, form);
        if table.widths.is_empty() {
            return;
        }
        self.ensure(self.table_start(&table, rows).min(BODY_H));
        if !table.header.is_empty() {
            self.table_row(&table, &table.header, true);
        }
        for row in rows {
            let cells = self.cells(&table, row, CELL);
            self.table_row(&table, &cells, false);
        }
        self.y += PARAGRAPH_AFTER + 4.0;
    }

    /// A row moves to the next page whole if it fits there; only a row taller than a page is
    /// split, line by line, with the header repeated above each part.
    fn table_row(&mut self, table: &TableGeometry, cells: &[Vec<String>], header: bool) {
        let style = if header { HEADER_CELL } else { CELL };
        let min_lines = if header { 1 } else { table.min_lines() };
        let total = cells.iter().map(Vec::len).max().unwrap_or(0).max(min_lines);
        let header_h = if header || !table.repeat_header {
            0.0
        } else {
            row_height(&table.header, HEADER_CELL, 1)
        };
        let fits_fresh_page = row_height(cells, style, min_lines) <= BODY_H - header_h;
        let mut start = 0;
        while start < total {
            let room = ((self.room() - 2.0 * CELL_PAD_Y) / style.leading).floor().max(0.0) as usize;
            let left = total - start;
            if room < left && !self.at_top() && (room == 0 || (start == 0 && fits_fresh_page)) {
                self.new_page();
                if !header && table.repeat_header && !table.header.is_empty() {
                    self.table_row(table, &table.header, true);
                }
                continue;
            }
            let take = left.min(room.max(1));
            self.table_slice(table, cells, style, start..start + take, header);
            start += take;
        }
    }

    fn table_slice(
        &mut self,
        table: &TableGeometry,
        cells: &[Vec<String>],
        style: Style,
        lines: std::ops::Range<usize>,
        header: bool,
    ) {
        let h = lines.len() as f32 * style.leading + 2.0 * CELL_PAD_Y;
        if header {
            self.fill(MARGIN, self.y, CONTENT_W, h, HEADER_FILL);
        }
        for (i, cell) in cells.iter().enumerate() {
            for (k, line) in cell.iter().enumerate().take(lines.end).skip(lines.start) {
                let top = self.y + CELL_PAD_Y + (k - lines.start) as f32 * style.leading;
                let x = if table.align_right[i] {
                    table.xs[i] + table.widths[i] - CELL_PAD_X - self.fonts.width(line, style)
                } else {
                    table.xs[i] + CELL_PAD_X
                };
                self.text(x, top, style, line.clone());
            }
        }
        if table.form {
            // A box around every cell: a rule on top where a page starts the table or a
            // part of it, and one on the left of each cell and on the right edge.
            if header || self.at_top() {
                self.fill(MARGIN, self.y, CONTENT_W, 0.5, HEADER_RULE);
            }
            let right = MARGIN + CONTENT_W - 0.5;
            for x in table.xs.iter().copied().chain([right]) {
                self.fill(x, self.y, 0.5, h, HEADER_RULE);
            }
        }
        self.y += h;
        let (rule, weight) = match (header, table.form) {
            (true, _) => (HEADER_RULE, 0.8),
            (false, true) => (HEADER_RULE, 0.5),
            (false, false) => (RULE, 0.5),
        };
        self.fill(MARGIN, self.y - weight, CONTENT_W, weight, rule);
    }
}

/// The height of a row of `cells`, at least `min_lines` lines of `style`.
fn row_height(cells: &[Vec<String>], style: Style, min_lines: usize) -> f32 {
    if cells.is_empty() {
        return 0.0;
    }
    let lines = cells.iter().map(Vec::len).max().unwrap_or(0).max(min_lines);
    lines as f32 * style.leading + 2.0 * CELL_PAD_Y
}
