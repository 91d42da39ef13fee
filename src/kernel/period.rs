//! A reporting period: the dates a report, a statistics page or a list to
//! Excel covers. Both ends are inclusive and either may be open, so a
//! meeting on the first or the last day is inside. One type, checked in one
//! place, so that every report and list agrees on what "in the period" means.

use crate::kernel::validate;
use crate::{Error, ErrorCode, Result};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A checked period: `to` is never before `from`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Period {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

impl Period {
    /// Everything ever recorded.
    pub const ALL: Period = Period { from: None, to: None };

    /// Checks the ends as a person typed them: each a date or empty (errors
    /// on `from` and `to`), and `to` not before `from` (`end_before_start` on
    /// `to`).
    pub fn check(from: Option<&str>, to: Option<&str>) -> Result<Period> {
        let from = validate::date(from, "from")?;
        let to = validate::date(to, "to")?;
        if let (Some(from), Some(to)) = (from, to)
            && to < from
        {
            return Err(Error::at(ErrorCode::EndBeforeStart, "to", "period ends before it starts"));
        }
        Ok(Period { from, to })
    }

    pub fn contains(&self, date: NaiveDate) -> bool {
        self.from.is_none_or(|f| date >= f) && self.to.is_none_or(|t| date <= t)
    }

    pub fn is_all(&self) -> bool {
        self.from.is_none() && self.to.is_none()
    }
}

/// The SQL condition that `$column` (an ISO date) is in the period bound as
/// the parameters `?$from` and `?$to` (bind `period.from` and `period.to`).
#[macro_export]
macro_rules! in_period {
    ($column:literal, $from:literal, $to:literal) => {
        concat!(
            "(?",
            $from,
            " IS NULL OR ",
            $column,
            " >= ?",
            $from,
            ") AND (?",
            $to,
            " IS NULL OR ",
            $column,
            " <= ?",
            $to,
            ")"
        )
    };
}
