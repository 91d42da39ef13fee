//! A table of contents in the flow: each heading after the `Block::Contents`, with the page
//! it starts on at the right margin.
//!
//! The page of a heading is known only when everything before it is laid out, the contents
//! included, so a document with contents is laid out twice: the first pass records the page
//! of every heading and leaves the numbers out, the second prints them. An entry's lines do
//! not depend on its number (the number has a column of its own, as wide as any page number
//! of the document can be), so the second pass places every block where the first did and
//! the numbers it prints are true. The layout stays a pure function of the blocks.
//!
//! A part of the flow layout kept apart for its size; it may use the flow's geometry and
//! page bookkeeping and the fonts, like the rest of the flow.

use super::super::fonts::Fonts;
use super::{BODY, Block, CONTENT_W, LABEL, Layout, MARGIN, PARAGRAPH_AFTER};
use std::collections::BTreeMap;

/// The page (from 1) each title and heading starts on, by the index of its block.
pub(super) type HeadingPages = BTreeMap<usize, usize>;

/// How far a subheading's entry is indented.
const INDENT: f32 = 14.0;
/// The column of the page numbers: room for five digits, and a gap before them.
const NUMBER_W: f32 = 40.0;
/// Space above a heading's entry when subheadings are listed under it.
const GROUP_GAP: f32 = 4.0;

/// Lays out the blocks; twice when they have contents, the second time with the pages the
/// first found.
pub(super) fn lay_out<'f>(fonts: &'f Fonts, blocks: &[Block]) -> Layout<'f> {
    let pass = |known_pages: HeadingPages| {
        let mut layout = Layout {
            fonts,
            pages: vec![Vec::new()],
            y: super::MARGIN,
            heading_pages: HeadingPages::new(),
            known_pages,
        };
        for (i, block) in blocks.iter().enumerate() {
            layout.block(i, block, &blocks[i + 1..]);
        }
        layout
    };
    let first = pass(HeadingPages::new());
    if !blocks.iter().any(|b| matches!(b, Block::Contents { .. })) {
        return first;
    }
    let second = pass(first.heading_pages);
    debug_assert_eq!(second.heading_pages, second.known_pages, "contents moved a heading");
    second
}

impl Layout<'_> {
    /// The entries of the headings in `rest` (the blocks after the contents, the first of them
    /// at index `at + 1`).
    pub(super) fn contents(&mut self, at: usize, rest: &[Block], subheadings: bool) {
        for (i, block) in rest.iter().enumerate() {
            let index = at + 1 + i;
            let (text, indent, style) = match block {
                Block::Heading(text) => (text, 0.0, LABEL),
                Block::Subheading(text) if subheadings => (text, INDENT, BODY),
                _ => continue,
            };
            if subheadings && indent == 0.0 {
                self.gap(GROUP_GAP);
            }
            let page = self.known_pages.get(&index).map(usize::to_string).unwrap_or_default();
            let lines = self.fonts.lines(text, style, CONTENT_W - indent - NUMBER_W);
            let last = lines.len().saturating_sub(1);
            for (n, line) in lines.into_iter().enumerate() {
                self.ensure(style.leading);
                self.text(MARGIN + indent, self.y, style, line);
                if n == last {
                    let x = MARGIN + CONTENT_W - self.fonts.width(&page, style);
                    self.text(x, self.y, style, page.clone());
                }
                self.y += style.leading;
            }
        }
        self.y += PARAGRAPH_AFTER;
    }
}
