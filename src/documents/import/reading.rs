//! Reading the file: the bytes from base64, the text from whichever
//! encoding Excel saved (UTF-8 with or without byte-order mark, UTF-16,
//! Windows-1252), the separator from the header line, and the rows with the
//! csv crate, an export's guard against formulas undone. Knows nothing of
//! columns or records. Uses the import's `types`.

use super::types::{Encoding, Separator};
use crate::{Error, ErrorCode, Result};
use base64::Engine;

/// The largest import file (`kernel::limits`).
pub const MAX_FILE_BYTES: usize = crate::kernel::limits::IMPORT_MAX_BYTES;

/// The file as text rows.
pub(super) struct Table {
    pub(super) encoding: Encoding,
    pub(super) separator: Separator,
    pub(super) headers: Vec<String>,
    /// (row number, cells)
    pub(super) rows: Vec<(u64, Vec<String>)>,
}

/// The table in a request's base64-encoded file. Its size is checked on the
/// base64 text, before anything is decoded: four characters carry three bytes.
pub(super) fn read(content_base64: &str) -> Result<Table> {
    let content = content_base64.trim();
    if content.len() / 4 * 3 > MAX_FILE_BYTES + 2 {
        return Err(too_large());
    }
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(content)
        .map_err(|_| Error::new(ErrorCode::InvalidInput, "content is not base64"))?;
    read_table(&bytes)
}

fn too_large() -> Error {
    Error::at(ErrorCode::FileTooLarge, "contentBase64", "file over 20 MB")
}

fn file_error(message: &str) -> Error {
    Error::new(ErrorCode::InvalidFile, message)
}

fn decode(bytes: &[u8]) -> (String, Encoding) {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return (String::from_utf8_lossy(rest).into_owned(), Encoding::Utf8Bom);
    }
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        let (text, _, _) = encoding_rs::UTF_16LE.decode(bytes); // the BOM picks LE or BE
        return (text.into_owned(), Encoding::Utf16);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_owned(), Encoding::Utf8),
        Err(_) => {
            let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
            (text.into_owned(), Encoding::Windows1252)
        }
    }
}

/// The separator that splits the header line into the most cells, counted
/// outside quotes; a semicolon wins a tie, as in Swedish Excel.
fn detect_separator(text: &str) -> Separator {
    let header = text.lines().next().unwrap_or_default();
    let (mut quoted, mut counts) = (false, [0usize; 3]);
    for c in header.chars() {
        match c {
            '"' => quoted = !quoted,
            ';' if !quoted => counts[0] += 1,
            ',' if !quoted => counts[1] += 1,
            '\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let best = counts.iter().copied().max().unwrap_or(0);
    if counts[0] == best {
        Separator::Semicolon
    } else if counts[2] == best {
        Separator::Tab
    } else {
        Separator::Comma
    }
}

/// Undoes an export's guard against formulas: `'=x` was `=x`.
fn unneutralise(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@']) => rest,
        _ => cell,
    }
}

fn read_table(bytes: &[u8]) -> Result<Table> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(too_large());
    }
    let (text, encoding) = decode(bytes);
    let separator = detect_separator(&text);
    let delimiter = match separator {
        Separator::Semicolon => b';',
        Separator::Comma => b',',
        Separator::Tab => b'\t',
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let headers: Vec<String> = match records.next() {
        Some(Ok(r)) => r.iter().map(|h| h.trim().to_owned()).collect(),
        Some(Err(e)) => return Err(file_error(&e.to_string())),
        None => return Err(file_error("empty file")),
    };
    if headers.iter().all(String::is_empty) {
        return Err(file_error("no header row"));
    }
    let mut rows = Vec::new();
    // Excel shows one row per record, even one with line breaks inside a
    // cell; the header is row 1.
    for (line, record) in (2..).zip(records) {
        let record = record.map_err(|e| file_error(&e.to_string()))?;
        let cells: Vec<String> = record.iter().map(|c| unneutralise(c.trim()).to_owned()).collect();
        if cells.iter().any(|c| !c.is_empty()) {
            rows.push((line, cells));
        }
    }
    Ok(Table { encoding, separator, headers, rows })
}
