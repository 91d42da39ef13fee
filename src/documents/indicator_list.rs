//! The values of a partnership's indicators, to Excel, for a reporting
//! period: one row per measured value in the period, with its indicator's
//! goal, name, unit, baseline, target, source and Kolada id repeated on
//! every row, so that a filter or a pivot table in Excel needs nothing else.
//! The rules are those of every list (`export`, `export_lists`): `;`, a
//! byte-order mark, ISO dates, headers in the interface language, formulas
//! neutralised. Numbers are written with the language's decimal sign ("12,5"
//! in Swedish, as Swedish Excel reads it; "12.5" in English), without
//! grouping. Indicators are in the order of the partnership page (by goal,
//! then name), values by date.

use super::export_lists::PeriodList;
use super::messages::text;
use super::sheet::Sheet;
use crate::kernel::period::Period;
use crate::registry::indicators;
use crate::store::settings::Language;
use crate::{Result, Workspace};

/// A number as `language` writes it: "12,5" or "12.5", "-3", "1000000".
/// With `grouped`, the whole part is grouped by threes with no-break spaces
/// ("1 000 000,25"), as the PDF prints it; Excel wants it without.
pub fn decimal(language: Language, value: f64, grouped: bool) -> String {
    // Display writes the shortest text that reads back as the same number,
    // never in exponent form.
    let shown = if value == 0.0 { "0".to_owned() } else { value.to_string() };
    let (sign, digits) = match shown.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", shown.as_str()),
    };
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let mut out = String::from(sign);
    // Values are at most `INDICATOR_VALUE_MAX` (10^12): the whole part is an i64.
    match whole.parse::<i64>() {
        Ok(n) if grouped => out.push_str(&super::messages::group_digits(n)),
        _ => out.push_str(whole),
    }
    if !fraction.is_empty() {
        out.push(match language {
            Language::Sv => ',',
            Language::En => '.',
        });
        out.push_str(fraction);
    }
    out
}

/// The list of values; see the module's text.
pub(super) async fn values(ws: &Workspace, l: Language, list: PeriodList) -> Result<Vec<u8>> {
    let period = Period::check(list.from.as_deref(), list.to.as_deref())?;
    let mut conn = ws.pool().acquire().await?;
    crate::registry::partnership::get(&mut *conn, list.partnership_id).await?;
    let h = |key: &str| text(l, &format!("csv.indicator.{key}"));
    let mut sheet = Sheet::new(&[
        h("goal"),
        h("indicator"),
        h("unit"),
        h("date"),
        h("value"),
        h("women"),
        h("men"),
        h("baseline"),
        h("target"),
        h("source"),
        h("koladaId"),
        h("note"),
    ])?;
    let number = |v: Option<f64>| v.map(|v| decimal(l, v, false)).unwrap_or_default();
    for i in indicators::of_partnership(&mut conn, list.partnership_id).await? {
        let goal = i.goal.clone().unwrap_or_else(|| text(l, "csv.indicator.whole").to_owned());
        for v in i.values.iter().filter(|v| period.contains(v.measured_on)) {
            sheet.row([
                goal.clone(),
                i.name.clone(),
                i.unit.clone(),
                v.measured_on.to_string(),
                decimal(l, v.value, false),
                number(v.women),
                number(v.men),
                number(i.baseline),
                number(i.target),
                i.source.clone(),
                i.kolada_id.clone().unwrap_or_default(),
                v.note.clone(),
            ])?;
        }
    }
    sheet.finish()
}

#[cfg(test)]
mod tests {
    use super::decimal;
    use crate::store::settings::Language::{En, Sv};

    #[test]
    fn numbers_are_written_as_the_language_writes_them() {
        assert_eq!(decimal(Sv, 12.5, false), "12,5");
        assert_eq!(decimal(En, 12.5, false), "12.5");
        assert_eq!(decimal(Sv, -0.0, false), "0");
        assert_eq!(decimal(Sv, -3.0, false), "-3");
        assert_eq!(decimal(Sv, 1_000_000.25, true), "1\u{a0}000\u{a0}000,25");
        assert_eq!(decimal(Sv, -1234.0, true), "-1\u{a0}234");
        assert_eq!(decimal(Sv, 1e12, false), "1000000000000");
        assert_eq!(decimal(Sv, 0.1, false), "0,1");
    }
}
