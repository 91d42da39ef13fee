//! Planning a partnership's learning cycle: a startup meeting, three learning
//! meetings and a results conference over about thirteen months, each on a
//! working day. The coordinator adjusts the proposal before saving it.
//!
//! Pure calendar arithmetic: uses only the kernel's value types, and nothing
//! in this room, so that everything else here may use it.

use crate::kernel::values::MeetingKind;
use chrono::{Datelike, Duration, Months, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PlannedMeeting {
    pub kind: MeetingKind,
    /// The learning meeting's number; none for other kinds.
    #[ts(type = "number | null")]
    pub number: Option<i64>,
    /// `YYYY-MM-DD`
    pub date: String,
}

/// When each meeting comes, in months after the start.
const CYCLE: [(MeetingKind, Option<i64>, u32); 5] = [
    (MeetingKind::Startup, None, 0),
    (MeetingKind::Learning, Some(1), 3),
    (MeetingKind::Learning, Some(2), 6),
    (MeetingKind::Learning, Some(3), 10),
    (MeetingKind::ResultsConference, None, 13),
];

/// The proposed cycle from `start`. Every date is a working day in Sweden;
/// one that falls in July, when most of Sweden is on holiday, moves to August.
pub fn propose(start: NaiveDate) -> Vec<PlannedMeeting> {
    let mut previous: Option<NaiveDate> = None;
    CYCLE
        .iter()
        .map(|&(kind, number, months)| {
            let mut date = start.checked_add_months(Months::new(months)).unwrap_or(start);
            if date.month() == 7 {
                date = NaiveDate::from_ymd_opt(date.year(), 8, 1).unwrap_or(date);
            }
            date = working_day_from(date);
            if let Some(p) = previous
                && date <= p
            {
                date = working_day_from(p + Duration::days(1));
            }
            previous = Some(date);
            PlannedMeeting { kind, number, date: date.to_string() }
        })
        .collect()
}

/// The first day from `date` on that is neither a weekend nor a holiday.
pub fn working_day_from(mut date: NaiveDate) -> NaiveDate {
    while matches!(date.weekday(), Weekday::Sat | Weekday::Sun) || is_holiday(date) {
        date += Duration::days(1);
    }
    date
}

/// Swedish public holidays on weekdays, and the eves most workplaces close
/// (midsummer, Christmas and New Year's Eve).
pub fn is_holiday(date: NaiveDate) -> bool {
    let (m, d) = (date.month(), date.day());
    let fixed = matches!(
        (m, d),
        (1, 1) | (1, 6) | (5, 1) | (6, 6) | (12, 24) | (12, 25) | (12, 26) | (12, 31)
    );
    let midsummer_eve = m == 6 && (19..=25).contains(&d) && date.weekday() == Weekday::Fri;
    let easter = easter_sunday(date.year());
    let from_easter = (date - easter).num_days();
    // Good Friday, Easter Monday, Ascension Day
    fixed || midsummer_eve || matches!(from_easter, -2 | 1 | 39)
}

/// Easter Sunday in the Gregorian calendar (the anonymous algorithm).
pub fn easter_sunday(year: i32) -> NaiveDate {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, month as u32, day as u32).expect("valid Easter date")
}
