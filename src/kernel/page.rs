//! Lists that send what is shown: the people, organisation and meeting lists
//! come a page at a time, by keyset pagination. The window asks for the
//! first page (`after: null`), then for the page after the last row it has
//! (`after: next`), as the user scrolls towards rows it has not got yet. A
//! page says how many rows the whole list has (`total`), so the window can
//! size its scroll area and say "N personer" before it has them all.
//!
//! A cursor is the sort key of the last row sent and its id, not a row
//! number: a row saved or deleted between two pages moves no other row into
//! or out of the next one. Every list sorts by (`rank`, `group`, `key`, `id`),
//! all ascending, and fills the three keys from its sort (a level's rank, an
//! organisation's name, a date …); the query of the next page asks for the
//! rows whose keys come after the cursor's, in SQL, and sorting and
//! searching stay in the database. Ties in every key (two people of the
//! same name) are told apart by the id, so every row comes exactly once.

use super::error::{Error, ErrorCode, Result};
use super::limits::{CURSOR_TEXT_MAX_CHARS, PAGE_MAX_ROWS};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A page of a list: `{ query, after, limit }` on the wire.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PageRequest<Q, C> {
    /// The filters, search and sort: the same for every page of a list.
    pub query: Q,
    /// The `next` of the page before; none for the first page.
    pub after: Option<C>,
    /// How many rows at most: 1 … `PAGE_MAX_ROWS`.
    pub limit: u32,
}

/// Where a page ended: the sort key of its last row, and the row's id.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Cursor<I> {
    #[ts(type = "number")]
    pub rank: i64,
    pub group: String,
    pub key: String,
    pub id: I,
}

/// Rows of a list, how many the whole list has, and where the next page
/// starts (none after the last page).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Page<T, C> {
    pub rows: Vec<T>,
    #[ts(type = "number")]
    pub total: i64,
    pub next: Option<C>,
}

/// A list's ids and names, in the list's order, as two arrays of the same
/// length: the compact form for a form's choices (`{ ids, names }` is about
/// half the bytes of a list of `{ id, name }`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Names<I> {
    pub ids: Vec<I>,
    pub names: Vec<String>,
}

impl<I> FromIterator<(I, String)> for Names<I> {
    fn from_iter<It: IntoIterator<Item = (I, String)>>(iter: It) -> Self {
        let (ids, names) = iter.into_iter().unzip();
        Names { ids, names }
    }
}

/// The checked limit and cursor of a page request: the SQL's `LIMIT` (one
/// row more than the page, which tells whether there is a next page) and
/// the cursor's keys, or none.
pub struct Bounds<'a, I> {
    pub fetch: i64,
    pub limit: usize,
    pub after: Option<&'a Cursor<I>>,
}

impl<Q, C> PageRequest<Q, C> {
    pub fn first(query: Q, limit: u32) -> Self {
        PageRequest { query, after: None, limit }
    }
}

impl<Q, I> PageRequest<Q, Cursor<I>> {
    /// `invalid_number` at `limit` outside 1 … `PAGE_MAX_ROWS`;
    /// `text_too_long` at `after.group` or `after.key` for a cursor text no sort key can be.
    pub fn bounds(&self) -> Result<Bounds<'_, I>> {
        let limit = self.limit as usize;
        if !(1..=PAGE_MAX_ROWS).contains(&limit) {
            let message = format!("a page has 1 to {PAGE_MAX_ROWS} rows");
            return Err(Error::at(ErrorCode::InvalidNumber, "limit", message));
        }
        if let Some(c) = &self.after {
            for (field, text) in [("after.group", &c.group), ("after.key", &c.key)] {
                if text.chars().count() > CURSOR_TEXT_MAX_CHARS {
                    let message = "longer than any sort key";
                    return Err(Error::at(ErrorCode::TextTooLong, field, message));
                }
            }
        }
        Ok(Bounds { fetch: limit as i64 + 1, limit, after: self.after.as_ref() })
    }
}

impl<I> Bounds<'_, I> {
    /// The page made of the rows fetched (up to `limit + 1`, each with its
    /// cursor): the first `limit`, and the cursor of the last of them when
    /// one more came.
    pub fn page<T>(&self, rows: Vec<(T, Cursor<I>)>, total: i64) -> Page<T, Cursor<I>> {
        let more = rows.len() > self.limit;
        let mut next = None;
        let mut kept = Vec::with_capacity(rows.len().min(self.limit));
        for (row, cursor) in rows.into_iter().take(self.limit) {
            kept.push(row);
            next = Some(cursor);
        }
        Page { rows: kept, total, next: if more { next } else { None } }
    }
}
