//! Page layout for Samlär's printed documents (A4, DejaVu Sans, Swedish or English text).
//!
//! printpdf 0.12 draws what it is told where it is told; its HTML mode neither repeats table
//! headers, keeps headings with what follows, nor knows "Sida n av N". This module is a small
//! flow layout over a list of [`Block`]s: it wraps text by the fonts' real glyph advances,
//! breaks pages, and only then emits the pages, so every footer can carry the page count.
//! [`render`] is a pure function of its input: the same input gives the same bytes.
//!
//! In layers, each file using only those above it:
//!
//! - `fonts`: DejaVu Sans, text styles, and measuring, cleaning and wrapping text;
//! - `flow`: the public [`DocumentSpec`], [`Block`] and [`Column`], the blocks placed on pages,
//!   page breaks and footers with page numbers (tables and bar charts in `flow/table.rs` and
//!   `flow/chart.rs`);
//! - `writing`: pages to PDF operations, the metadata, PDF/A, the creation time, the file ID.

mod flow;
mod fonts;
mod writing;

pub use flow::{Block, Column, DocumentSpec, Logo};

/// Lays out `blocks` on A4 pages and returns the PDF file.
pub fn render(spec: &DocumentSpec, blocks: &[Block]) -> Vec<u8> {
    let fonts = fonts::Fonts::get();
    let pages = flow::pages(fonts, spec, blocks);
    writing::pdf(fonts, spec, blocks, &pages)
}
