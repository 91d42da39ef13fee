//! The CSV writer of every export (`export`, `export_lists`): `;` between
//! cells, UTF-8 with a byte-order mark, every cell neutralised so that Excel
//! never runs it as a formula.

use crate::{Error, ErrorCode, Result};

const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A cell Excel will show as text, never run as a formula. A plain negative
/// number ("-3,5", an indicator's change) is no formula and stays a number.
pub fn neutralise(cell: &str) -> String {
    if cell.starts_with(FORMULA_STARTS) && !is_negative_number(cell) {
        format!("'{cell}")
    } else {
        cell.to_owned()
    }
}

/// "-12", "-3,5", "-0.25": a minus, digits, and at most one decimal mark
/// followed by digits; nothing else.
fn is_negative_number(cell: &str) -> bool {
    let Some(rest) = cell.strip_prefix('-') else { return false };
    let (whole, fraction) = match rest.split_once([',', '.']) {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (rest, None),
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    digits(whole) && fraction.is_none_or(digits)
}

/// A CSV file being written by the rules above.
pub(crate) struct Sheet {
    writer: csv::Writer<Vec<u8>>,
}

impl Sheet {
    pub(crate) fn new(headers: &[&str]) -> Result<Sheet> {
        let mut bytes = Vec::from(*b"\xEF\xBB\xBF");
        bytes.reserve(64 * 1024);
        let writer = csv::WriterBuilder::new().delimiter(b';').from_writer(bytes);
        let mut sheet = Sheet { writer };
        sheet.row(headers.iter().map(|h| h.to_string()))?;
        Ok(sheet)
    }

    pub(crate) fn row(&mut self, cells: impl IntoIterator<Item = String>) -> Result<()> {
        let cells: Vec<String> = cells.into_iter().map(|c| neutralise(&c)).collect();
        self.writer.write_record(&cells).map_err(csv_error)
    }

    pub(crate) fn finish(self) -> Result<Vec<u8>> {
        self.writer.into_inner().map_err(|e| Error::new(ErrorCode::Storage, e.to_string()))
    }
}

fn csv_error(err: csv::Error) -> Error {
    Error::new(ErrorCode::Storage, format!("csv: {err}"))
}
