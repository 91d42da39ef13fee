//! Rules for the values people type, shared by every form and by the import:
//! names, bounded texts, dates, whole numbers, e-mail addresses, web links
//! and municipality codes. Each failure names the field it belongs to.

use crate::{Error, ErrorCode, Result};
use chrono::NaiveDate;

use super::limits::{COUNT_MAX, EMAIL_MAX_BYTES};
pub use super::limits::{LINK_MAX_CHARS, NAME_MAX_CHARS, SHORT_TEXT_MAX_CHARS, TEXT_MAX_CHARS};

/// A required name: trimmed, not empty, at most 200 characters.
pub fn name(text: &str, field: &str) -> Result<String> {
    let name = text.trim();
    if name.is_empty() {
        return Err(Error::at(ErrorCode::NameRequired, field, "name is empty"));
    }
    if name.chars().count() > NAME_MAX_CHARS {
        return Err(Error::at(ErrorCode::NameTooLong, field, "name is over 200 characters"));
    }
    Ok(name.to_owned())
}

/// Free text of at most `max` characters, kept as typed.
pub fn text(text: String, field: &str, max: usize) -> Result<String> {
    if text.len() > max && text.chars().nth(max).is_some() {
        return Err(Error::at(ErrorCode::TextTooLong, field, format!("over {max} characters")));
    }
    Ok(text)
}

/// A short one-line text (title, county, country…), trimmed.
pub fn short_text(value: &str, field: &str) -> Result<String> {
    text(value.trim().to_owned(), field, SHORT_TEXT_MAX_CHARS)
}

/// A date as Swedes write it: `2027-03-14`, nothing else. Empty means none.
pub fn date(text: Option<&str>, field: &str) -> Result<Option<NaiveDate>> {
    let text = text.map(str::trim).unwrap_or_default();
    if text.is_empty() {
        return Ok(None);
    }
    let shaped = text.len() == 10
        && text.bytes().enumerate().all(|(i, b)| match i {
            4 | 7 => b == b'-',
            _ => b.is_ascii_digit(),
        });
    match NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        Ok(date) if shaped => Ok(Some(date)),
        _ => Err(Error::at(ErrorCode::InvalidDate, field, "date is not YYYY-MM-DD")),
    }
}

/// A whole number of at least zero and at most `COUNT_MAX`, as typed:
/// `5 466 314`, `5466314 kr` and `41 400` all count. Empty means none.
pub fn count(text: &str, field: &str) -> Result<Option<i64>> {
    let digits: String = text
        .trim()
        .trim_end_matches("kr")
        .trim_end_matches("SEK")
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    if digits.is_empty() {
        return Ok(None);
    }
    match digits.parse::<i64>() {
        Ok(n) if (0..=COUNT_MAX).contains(&n) && digits.bytes().all(|b| b.is_ascii_digit()) => {
            Ok(Some(n))
        }
        _ => Err(Error::at(ErrorCode::InvalidNumber, field, "not a whole number 0 … COUNT_MAX")),
    }
}

/// An e-mail address, lower-cased for matching; empty means none. The check
/// is deliberately loose: one `@`, something on both sides, a dot after it.
pub fn email(text: &str, field: &str) -> Result<Option<String>> {
    let email = text.trim();
    if email.is_empty() {
        return Ok(None);
    }
    let valid = match email.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !domain.contains('@')
                && !email.chars().any(char::is_whitespace)
                && email.len() <= EMAIL_MAX_BYTES
        }
        None => false,
    };
    if !valid {
        return Err(Error::at(ErrorCode::InvalidEmail, field, "not an e-mail address"));
    }
    Ok(Some(email.to_owned()))
}

/// A web address to open (a digital meeting's link), trimmed; empty means
/// none. It must be absolute, `https://` or `http://` followed by a host,
/// without spaces or control characters, at most 2000 characters: so that
/// `javascript:…`, `ftp://…` and a bare "teams möte" are refused.
pub fn web_link(text: &str, field: &str) -> Result<String> {
    let link = text.trim();
    if link.is_empty() {
        return Ok(String::new());
    }
    let lower = link.get(..8).unwrap_or(link).to_ascii_lowercase();
    let rest = if lower.starts_with("https://") {
        &link[8..]
    } else if lower.starts_with("http://") {
        &link[7..]
    } else {
        ""
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let valid = !host.is_empty()
        && !host.starts_with(['.', ':', '@'])
        && !link.chars().any(|c| c.is_whitespace() || c.is_control())
        && link.chars().count() <= LINK_MAX_CHARS;
    if !valid {
        return Err(Error::at(ErrorCode::InvalidLink, field, "not an http(s) web address"));
    }
    Ok(link.to_owned())
}

/// Counties by their two-digit SCB code (01 Stockholm … 25 Norrbotten).
const COUNTY_CODES: [&str; 21] = [
    "01", "03", "04", "05", "06", "07", "08", "09", "10", "12", "13", "14", "17", "18", "19", "20",
    "21", "22", "23", "24", "25",
];

/// The official four-digit code of a municipality (`2482`, its first two
/// digits the county) or of a region (`0025`, as Kolada writes them).
/// Empty means none.
pub fn municipality_code(text: &str, field: &str) -> Result<Option<String>> {
    let code = text.trim();
    if code.is_empty() {
        return Ok(None);
    }
    let four_digits = code.len() == 4 && code.bytes().all(|b| b.is_ascii_digit());
    let county = if code.starts_with("00") { code.get(2..4) } else { code.get(0..2) };
    let valid = four_digits
        && county.is_some_and(|c| COUNTY_CODES.contains(&c))
        && (code.starts_with("00") || &code[2..] != "00");
    if !valid {
        return Err(Error::at(ErrorCode::InvalidCode, field, "not a municipality or region code"));
    }
    Ok(Some(code.to_owned()))
}

/// What was typed into a search box, at most `SEARCH_MAX_CHARS` long.
pub fn search_text<'t>(text: &'t str, field: &str) -> Result<&'t str> {
    let max = super::limits::SEARCH_MAX_CHARS;
    if text.chars().nth(max).is_some() {
        return Err(Error::at(ErrorCode::TextTooLong, field, format!("over {max} characters")));
    }
    Ok(text)
}

/// Lower-cased for search and matching; Rust folds å, ä and ö, SQLite would not.
pub fn search_key(text: &str) -> String {
    text.trim().to_lowercase()
}

/// `%text%` for LIKE, with LIKE's own wildcards taken literally (ESCAPE '\'),
/// of what was typed into a list's search box (the field `search`).
pub fn like_pattern(search: &str) -> Result<String> {
    let mut out = String::from("%");
    for c in search_key(search_text(search, "search")?).chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('%');
    Ok(out)
}
