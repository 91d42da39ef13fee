//! The flow layout: the document's blocks placed top to bottom on A4 pages, with page breaks
//! where they must fall (a heading is kept with what follows it, a paragraph does not start
//! with a lone line, a table row or chart group moves whole when it can) and a footer with
//! "page n of N" on every page, added once the page count is known.
//!
//! It turns [`Block`]s into positioned [`Item`]s and draws nothing itself. It may use the
//! fonts (to measure and wrap) and nothing else of the layout; tables and bar charts are in
//! its child modules, the writing turns its items into PDF.

mod chart;
mod contents;
mod table;
mod value_chart;

use super::fonts::{BLACK, Colour, Face, Fonts, GREY, Style, style};

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
    /// Printed in the top margin of every page, at the right.
    pub logo: Option<Logo>,
}

/// A PNG or JPEG file's bytes, checked to decode when the user chose it. A file that no
/// longer decodes is left out of the page rather than failing the document.
#[derive(Clone, PartialEq)]
pub struct Logo(pub std::sync::Arc<Vec<u8>>);

/// Short, but telling different logos apart: the file's fingerprint hashes this.
impl std::fmt::Debug for Logo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let hash = self.0.iter().fold(0xCBF2_9CE4_8422_2325_u64, |h, b| {
            (h ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01B3)
        });
        write!(f, "Logo({} bytes, {hash:016x})", self.0.len())
    }
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
    /// A table filled in by hand on paper, e.g. a sign-in sheet: like a `Table`, but every
    /// cell is boxed and every row is at least two lines tall, room for a signature.
    FormTable {
        columns: Vec<Column>,
        rows: Vec<Vec<String>>,
    },
    /// Horizontal grouped bars, one bar per series in each group, with values and a legend.
    BarChart {
        caption: String,
        series: Vec<String>,
        groups: Vec<(String, Vec<u32>)>,
    },
    /// Horizontal bars of decimal values, e.g. an indicator's values by date: per bar its
    /// label, value and the value as written ("12,5"); lines across every bar mark the
    /// `marks` (a baseline, a target), each named in the legend. See `flow/value_chart.rs`.
    ValueChart {
        caption: String,
        bars: Vec<(String, f64, String)>,
        marks: Vec<(String, f64)>,
    },
    /// A table of contents: every `Heading` after it (with `subheadings`, every `Subheading`
    /// too, indented), each with the page it starts on. The pages are known only once the
    /// document is laid out, so a document with contents is laid out twice (`flow/contents.rs`).
    Contents {
        subheadings: bool,
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

// ---------------------------------------------------------------------------------------------
// Geometry and styles. Lengths are PDF points; layout y runs downwards from the page's top edge.

pub(super) const PT_PER_MM: f32 = 72.0 / 25.4;
pub(super) const PAGE_W_MM: f32 = 210.0;
pub(super) const PAGE_H_MM: f32 = 297.0;
pub(super) const PAGE_H: f32 = PAGE_H_MM * PT_PER_MM;
pub(super) const MARGIN: f32 = 20.0 * PT_PER_MM;
const CONTENT_W: f32 = PAGE_W_MM * PT_PER_MM - 2.0 * MARGIN;
const BODY_BOTTOM: f32 = PAGE_H - MARGIN;
const BODY_H: f32 = BODY_BOTTOM - MARGIN;
const FOOTER_RULE_TOP: f32 = PAGE_H - 15.0 * PT_PER_MM;
const FOOTER_BASELINE: f32 = PAGE_H - 11.0 * PT_PER_MM;

const PARAGRAPH_AFTER: f32 = 6.0;
const SPACER: f32 = 12.0;
const BULLET_INDENT: f32 = 14.0;
const FIELD_GAP: f32 = 2.0;

const RULE: Colour = Colour(0.75, 0.75, 0.75);
const HEADER_RULE: Colour = Colour(0.45, 0.45, 0.45);

const BODY: Style = style(Face::Regular, 10.0, 13.5, BLACK);
const LABEL: Style = style(Face::Bold, 10.0, 13.5, BLACK);
const MUTED: Style = style(Face::Regular, 9.0, 12.0, GREY);
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
// Layout: blocks to positioned items, page by page.

/// Something placed on a page; `baseline` and `top` are measured from the page's top edge.
pub(super) enum Item {
    Text { x: f32, baseline: f32, style: Style, text: String },
    Fill { x: f32, top: f32, w: f32, h: f32, colour: Colour },
}

struct Layout<'f> {
    fonts: &'f Fonts,
    pages: Vec<Vec<Item>>,
    /// Top of the next thing to place.
    y: f32,
    /// The page (from 1) each title and heading started on, by its block's index.
    heading_pages: contents::HeadingPages,
    /// The same, of an earlier pass: what a `Block::Contents` prints (empty in the first).
    known_pages: contents::HeadingPages,
}

/// Lays out `blocks` and returns the items of every page, each page ending with its footer.
pub(super) fn pages(fonts: &Fonts, spec: &DocumentSpec, blocks: &[Block]) -> Vec<Vec<Item>> {
    let mut layout = contents::lay_out(fonts, blocks);
    let total = layout.pages.len();
    for (i, items) in layout.pages.iter_mut().enumerate() {
        items.extend(footer(fonts, spec, i + 1, total));
    }
    layout.pages
}

impl Layout<'_> {
    fn block(&mut self, at: usize, block: &Block, rest: &[Block]) {
        match block {
            Block::Title(text) => self.heading(at, text, TITLE, rest),
            Block::Heading(text) => self.heading(at, text, HEADING, rest),
            Block::Subheading(text) => self.heading(at, text, SUBHEADING, rest),
            Block::Paragraph(text) => self.paragraph(text, BODY),
            Block::Muted(text) => self.paragraph(text, MUTED),
            Block::Fields(fields) => self.fields(fields),
            Block::Bullets(items) => self.bullets(items),
            Block::Table { columns, rows } => self.table(columns, rows, false),
            Block::FormTable { columns, rows } => self.table(columns, rows, true),
            Block::BarChart { caption, series, groups } => self.bar_chart(caption, series, groups),
            Block::ValueChart { caption, bars, marks } => self.value_chart(caption, bars, marks),
            Block::Contents { subheadings } => self.contents(at, rest, *subheadings),
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

    // --- text blocks

    fn heading(&mut self, at: usize, text: &str, kind: HeadingKind, rest: &[Block]) {
        let lines = self.fonts.lines(text, kind.style, CONTENT_W);
        self.gap(kind.before);
        self.ensure(lines.len() as f32 * kind.style.leading + kind.after + self.lead(rest));
        self.heading_pages.insert(at, self.pages.len());
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
                self.table_start(&self.table_geometry(columns, rows, false), rows)
            }
            Block::FormTable { columns, rows } => {
                self.table_start(&self.table_geometry(columns, rows, true), rows)
            }
            Block::BarChart { caption, series, groups } => {
                self.chart_start(&self.chart(series, groups), caption, series, groups)
            }
            Block::ValueChart { caption, marks, .. } => self.value_chart_start(caption, marks),
            Block::Contents { .. } => BODY.leading,
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
}

/// The rule and the three parts of one page's footer.
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
