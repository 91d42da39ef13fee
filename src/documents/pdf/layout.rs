//! Page layout for Samlär's printed documents (A4, DejaVu Sans, Swedish or English text).
//!
//! printpdf 0.12 draws what it is told where it is told; its HTML mode neither repeats table
//! headers, keeps headings with what follows, nor knows "Sida n av N". This module is a small
//! flow layout over a list of [`Block`]s: it wraps text by the fonts' real glyph advances,
//! breaks pages, and only then emits the pages, so every footer can carry the page count.
//!
//! [`render`] is a pure function of its input. printpdf's random resource names, document ID
//! and XMP instance ID are replaced by fixed names and an ID hashed from the input, and the
//! only timestamp is the one the caller passes in [`DocumentSpec::created`].

use std::fmt::{self, Write as _};
use std::sync::OnceLock;

use printpdf::{
    Color, DictItem, ExternalStream, FontId, Mm, Op, PaintMode, ParsedFont, PdfDocument, PdfFont,
    PdfFontHandle, PdfPage, PdfSaveOptions, Pt, Rect, Rgb, TextItem, TextMatrix,
};

/// What the whole document is: metadata and the text of every page's footer.
#[derive(Debug, Clone, PartialEq)]
pub struct DocumentSpec {
    /// Document title metadata (shown on a page only if a block shows it).
    pub title: String,
    /// BCP 47 language tag such as "sv" or "en"; written as the catalog's /Lang.
    pub language: String,
    /// May be empty.
    pub author: String,
    /// Left part of every page's footer, e.g. the partnership's name.
    pub footer: String,
    /// Right part of the footer, e.g. "Utskrivet 2026-11-23" (formatted by the caller).
    pub printed: String,
    /// Centre of the footer; `{page}` and `{pages}` are replaced, e.g. "Sida {page} av {pages}".
    pub page_label: String,
    /// Claim PDF/A-2b: XMP identification, metadata and an RGB output intent.
    pub archival: bool,
    /// ISO 8601 date-time of creation, e.g. "2026-11-23T14:05:00+01:00"; given by the caller
    /// because the app's clock is settable. Left out of the metadata if it does not parse.
    pub created: String,
}

/// One piece of the document's flow, laid out top to bottom.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// Big first heading.
    Title(String),
    /// Section heading; never left alone at the bottom of a page.
    Heading(String),
    Subheading(String),
    /// Body text; '\n' breaks the line, words wider than the line are broken.
    Paragraph(String),
    /// Smaller grey text, e.g. "Inga anteckningar.".
    Muted(String),
    /// Label: value pairs, label bold, value wrapping in its own column.
    Fields(Vec<(String, String)>),
    Bullets(Vec<String>),
    /// Cells wrap; the bold header row is repeated on every page the table continues on.
    Table {
        columns: Vec<Column>,
        rows: Vec<Vec<String>>,
    },
    /// Horizontal grouped bars, one bar per series in each group, with values and a legend.
    BarChart {
        caption: String,
        series: Vec<String>,
        groups: Vec<(String, Vec<u32>)>,
    },
    Spacer,
    PageBreak,
}

/// A table column: its header, relative width and alignment.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub title: String,
    /// Relative weight; the columns share the text width in proportion.
    pub width: f32,
    pub align_right: bool,
}

/// Lays out `blocks` on A4 pages and returns the PDF file.
pub fn render(spec: &DocumentSpec, blocks: &[Block]) -> Vec<u8> {
    let fonts = Fonts::get();
    let pages = Layout::run(fonts, blocks);
    let document = build_document(fonts, spec, pages);
    serialize(&document, spec, fingerprint(spec, blocks))
}

// ---------------------------------------------------------------------------------------------
// Geometry and styles. Lengths are PDF points; layout y runs downwards from the page's top edge.

const PT_PER_MM: f32 = 72.0 / 25.4;
const PAGE_W_MM: f32 = 210.0;
const PAGE_H_MM: f32 = 297.0;
const PAGE_H: f32 = PAGE_H_MM * PT_PER_MM;
const MARGIN: f32 = 20.0 * PT_PER_MM;
const CONTENT_W: f32 = PAGE_W_MM * PT_PER_MM - 2.0 * MARGIN;
const BODY_BOTTOM: f32 = PAGE_H - MARGIN;
const BODY_H: f32 = BODY_BOTTOM - MARGIN;
const FOOTER_RULE_TOP: f32 = PAGE_H - 15.0 * PT_PER_MM;
const FOOTER_BASELINE: f32 = PAGE_H - 11.0 * PT_PER_MM;

const PARAGRAPH_AFTER: f32 = 6.0;
const SPACER: f32 = 12.0;
const BULLET_INDENT: f32 = 14.0;
const FIELD_GAP: f32 = 2.0;
const CELL_PAD_X: f32 = 4.0;
const CELL_PAD_Y: f32 = 3.0;
const BAR_ROW: f32 = 12.0;
const BAR_H: f32 = 9.0;
const SWATCH: f32 = 8.0;

#[derive(Clone, Copy, PartialEq)]
struct Colour(f32, f32, f32);

const BLACK: Colour = Colour(0.0, 0.0, 0.0);
/// #555555, the lightest grey allowed for text: contrast 7.5:1 on white.
const GREY: Colour = Colour(0.333, 0.333, 0.333);
const RULE: Colour = Colour(0.75, 0.75, 0.75);
const HEADER_RULE: Colour = Colour(0.45, 0.45, 0.45);
const HEADER_FILL: Colour = Colour(0.91, 0.91, 0.91);
/// Okabe–Ito colours: distinguishable with the common colour-vision deficiencies.
const SERIES: [Colour; 6] = [
    Colour(0.0, 0.447, 0.698),
    Colour(0.902, 0.624, 0.0),
    Colour(0.0, 0.620, 0.451),
    Colour(0.835, 0.369, 0.0),
    Colour(0.800, 0.475, 0.655),
    Colour(0.337, 0.706, 0.914),
];

#[derive(Clone, Copy, PartialEq)]
enum Face {
    Regular,
    Bold,
}

#[derive(Clone, Copy)]
struct Style {
    face: Face,
    size: f32,
    leading: f32,
    colour: Colour,
}

const fn style(face: Face, size: f32, leading: f32, colour: Colour) -> Style {
    Style { face, size, leading, colour }
}

const BODY: Style = style(Face::Regular, 10.0, 13.5, BLACK);
const LABEL: Style = style(Face::Bold, 10.0, 13.5, BLACK);
const MUTED: Style = style(Face::Regular, 9.0, 12.0, GREY);
const CELL: Style = style(Face::Regular, 9.5, 12.5, BLACK);
const HEADER_CELL: Style = style(Face::Bold, 9.5, 12.5, BLACK);
const CAPTION: Style = style(Face::Bold, 10.0, 13.5, BLACK);
const CHART_TEXT: Style = style(Face::Regular, 9.0, BAR_ROW, BLACK);
const FOOTER: Style = style(Face::Regular, 8.0, 10.0, GREY);

/// A heading's text style and the space above and below it.
#[derive(Clone, Copy)]
struct HeadingKind {
    style: Style,
    before: f32,
    after: f32,
}

const TITLE: HeadingKind =
    HeadingKind { style: style(Face::Bold, 20.0, 25.0, BLACK), before: 0.0, after: 10.0 };
const HEADING: HeadingKind =
    HeadingKind { style: style(Face::Bold, 14.0, 18.0, BLACK), before: 14.0, after: 5.0 };
const SUBHEADING: HeadingKind =
    HeadingKind { style: style(Face::Bold, 11.5, 15.0, BLACK), before: 10.0, after: 3.0 };

// ---------------------------------------------------------------------------------------------
// Fonts: DejaVu Sans from the `dejavu` crate, parsed once, measured glyph by glyph.

const REGULAR_ID: &str = "SAMREG";
const BOLD_ID: &str = "SAMBLD";

struct Fonts {
    regular: ParsedFont,
    bold: ParsedFont,
    units_per_em: f32,
    /// Ascender and descender as fractions of the font size.
    ascent: f32,
    descent: f32,
    /// Stands in for characters the fonts lack.
    replacement: char,
}

impl Fonts {
    fn get() -> &'static Fonts {
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

    fn width(&self, text: &str, style: Style) -> f32 {
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

    /// Makes any string printable: line breaks become '\n', tabs spaces, other control and
    /// invisible format characters go, and characters without a glyph become the replacement.
    fn clean(&self, text: &str) -> String {
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
                    let c_w = self.width(c.encode_utf8(&mut [0; 4]), style);
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

    fn lines(&self, text: &str, style: Style, width: f32) -> Vec<String> {
        self.wrap(&self.clean(text), style, width)
    }

    /// One line, shortened with an ellipsis if it is wider than `width`.
    fn one_line(&self, text: &str, style: Style, width: f32) -> String {
        let line = self.clean(text).replace('\n', " ");
        if self.width(&line, style) <= width {
            return line;
        }
        let room = width - self.width("…", style);
        let mut used = 0.0;
        let mut short: String = line
            .chars()
            .take_while(|c| {
                used += self.width(c.encode_utf8(&mut [0; 4]), style);
                used <= room
            })
            .collect();
        short.push('…');
        short
    }

    /// Baseline of a line whose box of height `style.leading` starts at `top`.
    fn baseline(&self, top: f32, style: Style) -> f32 {
        top + (style.leading + (self.ascent - self.descent) * style.size) / 2.0
    }
}

// ---------------------------------------------------------------------------------------------
// Layout: blocks to positioned items, page by page.

/// Something placed on a page; `baseline` and `top` are measured from the page's top edge.
enum Item {
    Text { x: f32, baseline: f32, style: Style, text: String },
    Fill { x: f32, top: f32, w: f32, h: f32, colour: Colour },
}

struct Layout<'f> {
    fonts: &'f Fonts,
    pages: Vec<Vec<Item>>,
    /// Top of the next thing to place.
    y: f32,
}

/// Column positions and the wrapped header of one table.
struct TableGeometry {
    xs: Vec<f32>,
    widths: Vec<f32>,
    align_right: Vec<bool>,
    header: Vec<Vec<String>>,
    /// False for a header too tall to repeat (absurd titles); it is then shown once.
    repeat_header: bool,
}

/// Scale and geometry shared by the groups of one bar chart.
struct Chart {
    series: usize,
    max: f32,
    label_w: f32,
    bars_x: f32,
    bars_w: f32,
}

impl<'f> Layout<'f> {
    fn run(fonts: &'f Fonts, blocks: &[Block]) -> Vec<Vec<Item>> {
        let mut layout = Layout { fonts, pages: vec![Vec::new()], y: MARGIN };
        for (i, block) in blocks.iter().enumerate() {
            layout.block(block, &blocks[i + 1..]);
        }
        layout.pages
    }

    fn block(&mut self, block: &Block, rest: &[Block]) {
        match block {
            Block::Title(text) => self.heading(text, TITLE, rest),
            Block::Heading(text) => self.heading(text, HEADING, rest),
            Block::Subheading(text) => self.heading(text, SUBHEADING, rest),
            Block::Paragraph(text) => self.paragraph(text, BODY),
            Block::Muted(text) => self.paragraph(text, MUTED),
            Block::Fields(fields) => self.fields(fields),
            Block::Bullets(items) => self.bullets(items),
            Block::Table { columns, rows } => self.table(columns, rows),
            Block::BarChart { caption, series, groups } => self.bar_chart(caption, series, groups),
            Block::Spacer => self.gap(SPACER),
            Block::PageBreak => {
                if !self.page().is_empty() {
                    self.new_page();
                }
            }
        }
    }

    // --- page bookkeeping

    fn page(&mut self) -> &mut Vec<Item> {
        self.pages.last_mut().expect("layout always has a page")
    }

    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = MARGIN;
    }

    fn at_top(&self) -> bool {
        self.y <= MARGIN
    }

    fn room(&self) -> f32 {
        BODY_BOTTOM - self.y
    }

    /// Starts a new page unless `h` fits here. At the top of a page nothing is gained by
    /// breaking, so taller units are the caller's to split.
    fn ensure(&mut self, h: f32) {
        if h > self.room() + 0.01 && !self.at_top() {
            self.new_page();
        }
    }

    /// Vertical space that disappears at the top of a page.
    fn gap(&mut self, h: f32) {
        if !self.at_top() {
            self.y += h;
        }
    }

    fn text(&mut self, x: f32, top: f32, style: Style, text: String) {
        if !text.is_empty() {
            let baseline = self.fonts.baseline(top, style);
            self.page().push(Item::Text { x, baseline, style, text });
        }
    }

    fn fill(&mut self, x: f32, top: f32, w: f32, h: f32, colour: Colour) {
        self.page().push(Item::Fill { x, top, w, h, colour });
    }

    /// Places lines one by one, breaking pages between any two of them.
    fn flow_lines(&mut self, x: f32, lines: Vec<String>, style: Style) {
        for line in lines {
            self.ensure(style.leading);
            self.text(x, self.y, style, line);
            self.y += style.leading;
        }
    }

    // --- blocks

    fn heading(&mut self, text: &str, kind: HeadingKind, rest: &[Block]) {
        let lines = self.fonts.lines(text, kind.style, CONTENT_W);
        self.gap(kind.before);
        self.ensure(lines.len() as f32 * kind.style.leading + kind.after + self.lead(rest));
        self.flow_lines(MARGIN, lines, kind.style);
        self.y += kind.after;
    }

    fn heading_height(&self, text: &str, kind: HeadingKind) -> f32 {
        let lines = self.fonts.lines(text, kind.style, CONTENT_W).len() as f32;
        kind.before + lines * kind.style.leading + kind.after
    }

    /// Height of what must stay with a heading placed just before `rest`: the first line,
    /// row or group of the next block, and all of any headings on the way to it.
    fn lead(&self, rest: &[Block]) -> f32 {
        let Some(next) = rest.first() else { return 0.0 };
        let lead = match next {
            Block::Title(text) => self.heading_height(text, TITLE) + self.lead(&rest[1..]),
            Block::Heading(text) => self.heading_height(text, HEADING) + self.lead(&rest[1..]),
            Block::Subheading(text) => {
                self.heading_height(text, SUBHEADING) + self.lead(&rest[1..])
            }
            Block::Paragraph(text) => {
                self.paragraph_start(&self.fonts.lines(text, BODY, CONTENT_W), BODY)
            }
            Block::Muted(text) => {
                self.paragraph_start(&self.fonts.lines(text, MUTED, CONTENT_W), MUTED)
            }
            Block::Bullets(_) => BODY.leading,
            Block::Fields(fields) => fields.first().map_or(0.0, |f| self.field_height(fields, f)),
            Block::Table { columns, rows } => {
                let table = self.table_geometry(columns, rows);
                let first = rows
                    .first()
                    .map_or(0.0, |row| row_height(&self.cells(&table, row, CELL), CELL));
                row_height(&table.header, HEADER_CELL) + first
            }
            Block::BarChart { caption, series, groups } => {
                let chart = self.chart(series, groups);
                let first = groups.first().map_or(0.0, |(label, _)| {
                    self.group_rows(&chart, label).len() as f32 * BAR_ROW
                });
                self.chart_head_height(caption, series) + first
            }
            Block::Spacer => SPACER + self.lead(&rest[1..]),
            Block::PageBreak => 0.0,
        };
        lead.min(BODY_H)
    }

    fn paragraph(&mut self, text: &str, style: Style) {
        let lines = self.fonts.lines(text, style, CONTENT_W);
        self.ensure(self.paragraph_start(&lines, style));
        self.flow_lines(MARGIN, lines, style);
        self.y += PARAGRAPH_AFTER;
    }

    /// Two lines at least, so a paragraph does not start with a lone line at the bottom.
    fn paragraph_start(&self, lines: &[String], style: Style) -> f32 {
        lines.len().min(2) as f32 * style.leading
    }

    fn label_width(&self, fields: &[(String, String)]) -> f32 {
        let widest = fields
            .iter()
            .map(|(label, _)| self.fonts.width(&self.fonts.clean(label), LABEL))
            .fold(0.0, f32::max);
        (widest + 12.0).clamp(CONTENT_W * 0.2, CONTENT_W * 0.4)
    }

    fn field_lines(&self, label_w: f32, (label, value): &(String, String)) -> [Vec<String>; 2] {
        [
            self.fonts.lines(label, LABEL, label_w - 12.0),
            self.fonts.lines(value, BODY, CONTENT_W - label_w),
        ]
    }

    fn field_height(&self, fields: &[(String, String)], field: &(String, String)) -> f32 {
        let [label, value] = self.field_lines(self.label_width(fields), field);
        label.len().max(value.len()) as f32 * BODY.leading
    }

    fn fields(&mut self, fields: &[(String, String)]) {
        let label_w = self.label_width(fields);
        for field in fields {
            let [label, value] = self.field_lines(label_w, field);
            let rows = label.len().max(value.len());
            self.ensure((rows as f32 * BODY.leading).min(BODY_H));
            let mut label = label.into_iter();
            let mut value = value.into_iter();
            for _ in 0..rows {
                self.ensure(BODY.leading);
                if let Some(line) = label.next() {
                    self.text(MARGIN, self.y, LABEL, line);
                }
                if let Some(line) = value.next() {
                    self.text(MARGIN + label_w, self.y, BODY, line);
                }
                self.y += BODY.leading;
            }
            self.y += FIELD_GAP;
        }
        self.y += PARAGRAPH_AFTER - FIELD_GAP;
    }

    fn bullets(&mut self, items: &[String]) {
        for item in items {
            let lines = self.fonts.lines(item, BODY, CONTENT_W - BULLET_INDENT);
            self.ensure(BODY.leading);
            self.text(MARGIN + 3.0, self.y, BODY, "•".to_string());
            self.flow_lines(MARGIN + BULLET_INDENT, lines, BODY);
            self.y += FIELD_GAP;
        }
        self.y += PARAGRAPH_AFTER - FIELD_GAP;
    }

    // --- tables

    fn table_geometry(&self, columns: &[Column], rows: &[Vec<String>]) -> TableGeometry {
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
        let mut table =
            TableGeometry { xs, widths, align_right, header: Vec::new(), repeat_header: true };
        let titles: Vec<String> = columns.iter().map(|c| c.title.clone()).collect();
        if titles.iter().any(|t| !t.trim().is_empty()) {
            table.header = self.cells(&table, &titles, HEADER_CELL);
            table.repeat_header = row_height(&table.header, HEADER_CELL) <= BODY_H / 4.0;
        }
        table
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

    fn table(&mut self, columns: &[Column], rows: &[Vec<String>]) {
        let table = self.table_geometry(columns, rows);
        if table.widths.is_empty() {
            return;
        }
        let first =
            rows.first().map_or(0.0, |row| row_height(&self.cells(&table, row, CELL), CELL));
        self.ensure((row_height(&table.header, HEADER_CELL) + first).min(BODY_H));
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
        let total = cells.iter().map(Vec::len).max().unwrap_or(0).max(1);
        let header_h = if header || !table.repeat_header {
            0.0
        } else {
            row_height(&table.header, HEADER_CELL)
        };
        let fits_fresh_page = row_height(cells, style) <= BODY_H - header_h;
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
        self.y += h;
        let (rule, weight) = if header { (HEADER_RULE, 0.8) } else { (RULE, 0.5) };
        self.fill(MARGIN, self.y - weight, CONTENT_W, weight, rule);
    }

    // --- bar charts

    fn chart(&self, series: &[String], groups: &[(String, Vec<u32>)]) -> Chart {
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

    fn chart_head_height(&self, caption: &str, series: &[String]) -> f32 {
        let caption = self.fonts.lines(caption, CAPTION, CONTENT_W).len() as f32 * CAPTION.leading;
        caption + self.legend(series).len() as f32 * BAR_ROW + 4.0
    }

    /// Label lines of a group, padded to one row per series.
    fn group_rows(&self, chart: &Chart, label: &str) -> Vec<String> {
        let mut rows = self.fonts.lines(label, CHART_TEXT, chart.label_w);
        rows.resize(rows.len().max(chart.series).max(1), String::new());
        rows
    }

    fn bar_chart(&mut self, caption: &str, series: &[String], groups: &[(String, Vec<u32>)]) {
        let chart = self.chart(series, groups);
        let first = groups
            .first()
            .map_or(0.0, |(label, _)| self.group_rows(&chart, label).len() as f32 * BAR_ROW);
        self.ensure((self.chart_head_height(caption, series) + first).min(BODY_H));
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

fn row_height(cells: &[Vec<String>], style: Style) -> f32 {
    if cells.is_empty() {
        return 0.0;
    }
    cells.iter().map(Vec::len).max().unwrap_or(0).max(1) as f32 * style.leading + 2.0 * CELL_PAD_Y
}

// ---------------------------------------------------------------------------------------------
// Emission: items to printpdf operations, with each page's footer.

fn build_document(fonts: &Fonts, spec: &DocumentSpec, pages: Vec<Vec<Item>>) -> PdfDocument {
    let mut document = PdfDocument::new(&spec.title);
    for (id, font) in [(REGULAR_ID, &fonts.regular), (BOLD_ID, &fonts.bold)] {
        document.resources.fonts.map.insert(FontId(id.to_string()), PdfFont::new(font.clone()));
    }
    let total = pages.len();
    document.pages = pages
        .into_iter()
        .enumerate()
        .map(|(i, mut items)| {
            items.extend(footer(fonts, spec, i + 1, total));
            PdfPage::new(Mm(PAGE_W_MM), Mm(PAGE_H_MM), page_ops(&items))
        })
        .collect();
    document
}

fn footer(fonts: &Fonts, spec: &DocumentSpec, page: usize, total: usize) -> Vec<Item> {
    let label =
        spec.page_label.replace("{page}", &page.to_string()).replace("{pages}", &total.to_string());
    let centre = fonts.one_line(&label, FOOTER, CONTENT_W);
    let centre_w = fonts.width(&centre, FOOTER);
    let side = ((CONTENT_W - centre_w) / 2.0 - 8.0).max(0.0);
    let left = fonts.one_line(&spec.footer, FOOTER, side);
    let right = fonts.one_line(&spec.printed, FOOTER, side);
    let right_x = MARGIN + CONTENT_W - fonts.width(&right, FOOTER);
    let text =
        |x: f32, text: String| Item::Text { x, baseline: FOOTER_BASELINE, style: FOOTER, text };
    vec![
        Item::Fill { x: MARGIN, top: FOOTER_RULE_TOP, w: CONTENT_W, h: 0.5, colour: RULE },
        text(MARGIN, left),
        text(MARGIN + (CONTENT_W - centre_w) / 2.0, centre),
        text(right_x, right),
    ]
}

/// Fills first, then all text in one text object, so backgrounds never cover text.
fn page_ops(items: &[Item]) -> Vec<Op> {
    let mut ops = Vec::new();
    let mut colour = None;
    let mut set_colour = |ops: &mut Vec<Op>, c: Colour| {
        if colour != Some(c) {
            colour = Some(c);
            ops.push(Op::SetFillColor {
                col: Color::Rgb(Rgb { r: c.0, g: c.1, b: c.2, icc_profile: None }),
            });
        }
    };
    for item in items {
        if let Item::Fill { x, top, w, h, colour } = *item {
            set_colour(&mut ops, colour);
            let rectangle = Rect {
                x: Pt(x),
                y: Pt(PAGE_H - top - h),
                width: Pt(w),
                height: Pt(h),
                mode: Some(PaintMode::Fill),
                winding_order: None,
            };
            ops.push(Op::DrawRectangle { rectangle });
        }
    }
    ops.push(Op::StartTextSection);
    let mut font = None;
    for item in items {
        if let Item::Text { x, baseline, style, text } = item {
            if text.is_empty() {
                continue;
            }
            if font != Some((style.face, style.size)) {
                font = Some((style.face, style.size));
                let id = if style.face == Face::Bold { BOLD_ID } else { REGULAR_ID };
                ops.push(Op::SetFont {
                    font: PdfFontHandle::External(FontId(id.to_string())),
                    size: Pt(style.size),
                });
            }
            set_colour(&mut ops, style.colour);
            ops.push(Op::SetTextMatrix {
                matrix: TextMatrix::Translate(Pt(*x), Pt(PAGE_H - baseline)),
            });
            ops.push(Op::ShowText { items: vec![TextItem::Text(text.clone())] });
        }
    }
    ops.push(Op::EndTextSection);
    ops
}

// ---------------------------------------------------------------------------------------------
// Serialization and metadata. printpdf writes no /Lang, a random /ID, and PDF/X-style metadata
// (no pdfaid, a CMYK press profile); those parts are rewritten on its lopdf document, using
// printpdf's DictItem to build the objects.

const CREATOR: &str = "Samlär";
const PRODUCER: &str = "printpdf 0.12";

fn serialize(document: &PdfDocument, spec: &DocumentSpec, id: [u8; 16]) -> Vec<u8> {
    let mut pdf = document.to_lopdf_document(&PdfSaveOptions::default(), &mut Vec::new());
    let created = Timestamp::parse(&spec.created);
    let language = language_tag(&spec.language);

    if let Ok(info) = pdf.trailer.get(b"Info").and_then(|info| info.as_reference()) {
        pdf.objects.insert(info, info_dict(spec, created.as_ref()).to_lopdf());
    }
    let xmp = pdf.add_object(xmp_stream(spec, &language, created.as_ref()).to_lopdf());
    let intent = spec.archival.then(|| {
        let profile = pdf.add_object(icc_stream().to_lopdf());
        output_intent(profile).to_lopdf()
    });
    if let Ok(catalog) = pdf.catalog_mut() {
        catalog.set("Metadata", xmp);
        if !language.is_empty() {
            catalog.set(
                "Lang",
                DictItem::String { data: language.into_bytes(), literal: true }.to_lopdf(),
            );
        }
        if let Some(intent) = intent {
            catalog.set("OutputIntents", vec![intent]);
        }
    }
    let id = DictItem::Bytes(id.to_vec());
    pdf.trailer.set("ID", DictItem::Array(vec![id.clone(), id]).to_lopdf());

    // printpdf declares 1.3; /Lang, XMP metadata and output intents are PDF 1.4, PDF/A-2 is 1.7.
    pdf.version = "1.7".to_string();
    pdf.compress();
    let mut bytes = Vec::new();
    // Writing to a Vec cannot fail.
    let _ = pdf.save_to(&mut bytes);
    bytes
}

fn dict<'a>(entries: impl IntoIterator<Item = (&'a str, DictItem)>) -> DictItem {
    DictItem::Dict { map: entries.into_iter().map(|(k, v)| (k.to_string(), v)).collect() }
}

fn name(name: &str) -> DictItem {
    DictItem::Name(name.as_bytes().to_vec())
}

/// A PDF text string in UTF-16BE, which holds any character.
fn text_string(text: &str) -> DictItem {
    let data =
        [0xFE, 0xFF].into_iter().chain(text.encode_utf16().flat_map(u16::to_be_bytes)).collect();
    DictItem::String { data, literal: false }
}

fn ascii_string(text: &str) -> DictItem {
    DictItem::String { data: text.as_bytes().to_vec(), literal: true }
}

/// Without control characters and the non-characters XML cannot carry.
fn metadata_text(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() || matches!(c, '\u{FFFE}' | '\u{FFFF}') { ' ' } else { c })
        .collect()
}

fn language_tag(language: &str) -> String {
    language.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-').take(35).collect()
}

/// Only the entries that the XMP repeats, so the two agree as PDF/A requires.
fn info_dict(spec: &DocumentSpec, created: Option<&Timestamp>) -> DictItem {
    let mut entries = vec![
        ("Title", text_string(&metadata_text(&spec.title))),
        ("Creator", text_string(CREATOR)),
        ("Producer", text_string(PRODUCER)),
    ];
    if !spec.author.trim().is_empty() {
        entries.push(("Author", text_string(&metadata_text(&spec.author))));
    }
    if let Some(created) = created {
        entries.push(("CreationDate", ascii_string(&created.pdf())));
        entries.push(("ModDate", ascii_string(&created.pdf())));
    }
    dict(entries)
}

fn xml_escape(text: &str) -> String {
    metadata_text(text).replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

fn xmp_stream(spec: &DocumentSpec, language: &str, created: Option<&Timestamp>) -> DictItem {
    let mut properties = format!(
        "<dc:format>application/pdf</dc:format>\n\
         <dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">{}</rdf:li></rdf:Alt></dc:title>\n\
         <xmp:CreatorTool>{CREATOR}</xmp:CreatorTool>\n<pdf:Producer>{PRODUCER}</pdf:Producer>\n",
        xml_escape(&spec.title)
    );
    if !spec.author.trim().is_empty() {
        let author = xml_escape(&spec.author);
        let _ = writeln!(
            properties,
            "<dc:creator><rdf:Seq><rdf:li>{author}</rdf:li></rdf:Seq></dc:creator>"
        );
    }
    if !language.is_empty() {
        let _ = writeln!(
            properties,
            "<dc:language><rdf:Bag><rdf:li>{language}</rdf:li></rdf:Bag></dc:language>"
        );
    }
    if let Some(created) = created {
        let date = created.xmp();
        let _ = writeln!(
            properties,
            "<xmp:CreateDate>{date}</xmp:CreateDate>\n<xmp:ModifyDate>{date}</xmp:ModifyDate>\n\
             <xmp:MetadataDate>{date}</xmp:MetadataDate>"
        );
    }
    if spec.archival {
        properties
            .push_str("<pdfaid:part>2</pdfaid:part>\n<pdfaid:conformance>B</pdfaid:conformance>\n");
    }
    let packet = format!(
        "<?xpacket begin=\"\u{FEFF}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n\
         <x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n\
         <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n\
         <rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" \
         xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\" \
         xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\">\n\
         {properties}</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>"
    );
    // PDF/A forbids filters on the metadata stream, so it stays uncompressed.
    DictItem::Stream {
        stream: ExternalStream {
            dict: [("Type".to_string(), name("Metadata")), ("Subtype".to_string(), name("XML"))]
                .into(),
            content: packet.into_bytes(),
            compress: false,
        },
    }
}

fn output_intent((object, generation): (u32, u16)) -> DictItem {
    dict([
        ("Type", name("OutputIntent")),
        ("S", name("GTS_PDFA1")),
        ("OutputConditionIdentifier", ascii_string("Custom")),
        ("Info", ascii_string(ICC_DESCRIPTION)),
        ("DestOutputProfile", DictItem::Ref { obj: object, r#gen: generation }),
    ])
}

fn icc_stream() -> DictItem {
    DictItem::Stream {
        stream: ExternalStream {
            dict: [("N".to_string(), DictItem::Int(3))].into(),
            content: rgb_icc_profile(),
            compress: true,
        },
    }
}

const ICC_DESCRIPTION: &str = "RGB display, sRGB primaries, gamma 2.2";

/// A minimal ICC v2 display profile for the PDF/A output intent, so that DeviceRGB is allowed.
/// printpdf's only bundled profile is a 650 KB CMYK press profile (Coated FOGRA39) that would
/// more than double a typical file. Colorants are sRGB's, adapted to D50; the tone curve is a
/// pure gamma 2.2 approximation of sRGB's.
fn rgb_icc_profile() -> Vec<u8> {
    fn s15(v: f64) -> [u8; 4] {
        ((v * 65536.0).round() as i32).to_be_bytes()
    }
    fn xyz([x, y, z]: [f64; 3]) -> Vec<u8> {
        [b"XYZ \0\0\0\0".as_slice(), &s15(x), &s15(y), &s15(z)].concat()
    }
    const D50: [f64; 3] = [0.9642, 1.0, 0.8249];
    let desc = {
        let ascii = [ICC_DESCRIPTION.as_bytes(), b"\0"].concat();
        let count = (ascii.len() as u32).to_be_bytes();
        // textDescriptionType: ASCII part, empty Unicode and ScriptCode parts.
        [b"desc\0\0\0\0".as_slice(), &count, &ascii, &[0; 8], &[0; 3], &[0; 67]].concat()
    };
    let copyright = b"text\0\0\0\0No copyright, use freely\0".to_vec();
    let gamma = [b"curv\0\0\0\0".as_slice(), &1u32.to_be_bytes(), &[0x02, 0x33]].concat();
    let tags: [(&[u8; 4], Vec<u8>); 9] = [
        (b"desc", desc),
        (b"cprt", copyright),
        (b"wtpt", xyz(D50)),
        (b"rXYZ", xyz([0.4361, 0.2225, 0.0139])),
        (b"gXYZ", xyz([0.3851, 0.7169, 0.0971])),
        (b"bXYZ", xyz([0.1431, 0.0606, 0.7141])),
        (b"rTRC", gamma.clone()),
        (b"gTRC", gamma.clone()),
        (b"bTRC", gamma),
    ];
    let mut table = (tags.len() as u32).to_be_bytes().to_vec();
    let mut data = Vec::new();
    let data_start = 128 + 4 + 12 * tags.len();
    for (signature, content) in &tags {
        table.extend_from_slice(*signature);
        table.extend_from_slice(&((data_start + data.len()) as u32).to_be_bytes());
        table.extend_from_slice(&(content.len() as u32).to_be_bytes());
        data.extend_from_slice(content);
        data.resize(data.len().next_multiple_of(4), 0);
    }
    let size = (data_start + data.len()) as u32;
    let header = [
        size.to_be_bytes().as_slice(),
        &[0; 4],             // preferred CMM
        &[0x02, 0x10, 0, 0], // version 2.1
        b"mntr",
        b"RGB ",
        b"XYZ ",
        &[0x07, 0xEA, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0], // 2026-01-01 00:00:00
        b"acsp",
        &[0; 24], // platform, flags, manufacturer, model, attributes
        &[0; 4],  // perceptual intent
        &xyz(D50)[8..],
        &[0; 4 + 16 + 28], // creator, profile ID, reserved
    ]
    .concat();
    [header, table, data].concat()
}

/// The caller's creation time, kept in the caller's own time zone.
struct Timestamp {
    fields: [u32; 6],
    /// Minutes east of UTC; None when the input named no zone.
    offset: Option<i32>,
}

impl Timestamp {
    /// Accepts "YYYY-MM-DD", optionally followed by "THH:MM[:SS[.fff]]" (or a space instead of
    /// 'T') and "Z" or "±HH[:MM]".
    fn parse(text: &str) -> Option<Timestamp> {
        let text = text.trim();
        if !text.is_ascii() || text.len() < 10 {
            return None;
        }
        let number = |s: &str| {
            if s.bytes().all(|b| b.is_ascii_digit()) { s.parse::<u32>().ok() } else { None }
        };
        let (date, rest) = text.split_at(10);
        let [year, month, day] = [&date[0..4], &date[5..7], &date[8..10]].map(number);
        let mut fields = [year?, month?, day?, 0, 0, 0];
        if &date[4..5] != "-" || &date[7..8] != "-" {
            return None;
        }
        let (time, zone) = match rest.find(['Z', '+', '-']) {
            Some(at) => rest.split_at(at),
            None => (rest, ""),
        };
        if !time.is_empty() {
            let time = time.strip_prefix(['T', ' '])?;
            let time = time.split('.').next().unwrap_or_default();
            let parts: Vec<&str> = time.split(':').collect();
            if !(2..=3).contains(&parts.len()) || parts.iter().any(|p| p.len() != 2) {
                return None;
            }
            for (field, part) in fields[3..].iter_mut().zip(parts) {
                *field = number(part)?;
            }
        }
        let offset = match zone {
            "" => None,
            "Z" => Some(0),
            _ => Some(parse_offset(zone)?),
        };
        let [_, month, day, hour, minute, second] = fields;
        let valid = (1..=12).contains(&month)
            && (1..=31).contains(&day)
            && hour <= 23
            && minute <= 59
            && second <= 59;
        valid.then_some(Timestamp { fields, offset })
    }

    fn pdf(&self) -> String {
        let [y, mo, d, h, mi, s] = self.fields;
        let zone = self.offset.map_or(String::new(), |o| {
            format!("{}{:02}'{:02}'", if o < 0 { '-' } else { '+' }, o.abs() / 60, o.abs() % 60)
        });
        format!("D:{y:04}{mo:02}{d:02}{h:02}{mi:02}{s:02}{zone}")
    }

    fn xmp(&self) -> String {
        let [y, mo, d, h, mi, s] = self.fields;
        let zone = match self.offset {
            None => String::new(),
            Some(0) => "Z".to_string(),
            Some(o) => {
                format!("{}{:02}:{:02}", if o < 0 { '-' } else { '+' }, o.abs() / 60, o.abs() % 60)
            }
        };
        format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}{zone}")
    }
}

/// "+01:00", "-0530" or "+02" as minutes east of UTC.
fn parse_offset(zone: &str) -> Option<i32> {
    let sign = if zone.starts_with('-') { -1 } else { 1 };
    let digits = zone.get(1..)?.replace(':', "");
    if !matches!(digits.len(), 2 | 4) || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let hours: i32 = digits[..2].parse().ok()?;
    let minutes: i32 = digits[2..].parse().unwrap_or(0);
    (hours <= 23 && minutes <= 59).then_some(sign * (hours * 60 + minutes))
}

/// 128-bit FNV-1a style hash of the whole input, for the trailer /ID: the same input gives the
/// same file, different documents get different IDs.
fn fingerprint(spec: &DocumentSpec, blocks: &[Block]) -> [u8; 16] {
    struct Fnv([u64; 2]);
    impl fmt::Write for Fnv {
        fn write_str(&mut self, s: &str) -> fmt::Result {
            for byte in s.bytes() {
                for h in &mut self.0 {
                    *h = (*h ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01B3);
                }
            }
            Ok(())
        }
    }
    let mut hash = Fnv([0xCBF2_9CE4_8422_2325, 0x8422_2325_CBF2_9CE4]);
    let _ = write!(hash, "{spec:?}{blocks:?}");
    let [a, b] = hash.0;
    let mut id = [0; 16];
    id[..8].copy_from_slice(&a.to_be_bytes());
    id[8..].copy_from_slice(&b.to_be_bytes());
    id
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn timestamps() {
        let t = Timestamp::parse("2026-11-23T14:05:09+01:00").unwrap();
        assert_eq!(
            (t.pdf(), t.xmp()),
            ("D:20261123140509+01'00'".into(), "2026-11-23T14:05:09+01:00".into())
        );
        let t = Timestamp::parse("2026-11-23 14:05Z").unwrap();
        assert_eq!(
            (t.pdf(), t.xmp()),
            ("D:20261123140500+00'00'".into(), "2026-11-23T14:05:00Z".into())
        );
        assert_eq!(Timestamp::parse("2026-11-23").unwrap().xmp(), "2026-11-23T00:00:00");
        assert_eq!(
            Timestamp::parse("2026-01-02T03:04:05.678-05:30").unwrap().pdf(),
            "D:20260102030405-05'30'"
        );
        for bad in
            ["", "igår", "2026-13-01", "2026-11-23T25:00", "2026-11-23T10:00+5", "2026-11-23X"]
        {
            assert!(Timestamp::parse(bad).is_none(), "{bad}");
        }
    }
}
