//! Calendar files (`.ics`, iCalendar, RFC 5545) for meetings, so that the
//! people who come to a partnership's meetings have them in their own
//! calendar (Outlook, Google, Apple, Thunderbird) without typing them in:
//! one meeting, all of a partnership's coming meetings, or the cancellation
//! of a meeting that is about to be deleted. Samlär publishes and sends
//! nothing: the file is saved like any export and opened in the calendar
//! program, which adds, updates or removes the event.
//!
//! Each meeting's event has a UID made from the meeting's record UUID
//! (`records`, which never changes), so a second export updates the event
//! a calendar already has instead of adding another; its SEQUENCE is
//! `meetings.calendar_sequence`, which a trigger raises when the date or
//! the times change, so that calendars take the new time. DTSTAMP is the
//! workspace clock's time.
//!
//! A digital or hybrid meeting's link is the event's URL and a line of its
//! DESCRIPTION (Samlär writes it; it never fetches it). The LOCATION is the
//! venue's name and address; a digital meeting has no street address, so
//! its LOCATION is the link (or none), as is that of a meeting with a link
//! and no venue. The DESCRIPTION says how the meeting is held when it is
//! stated.
//!
//! The lines are written here rather than with the `icalendar` crate
//! (0.17): it has no public way to build a VTIMEZONE (its `Other`
//! component is hidden and cannot be made), and it writes a DTSTAMP from
//! the computer's clock and a random UID into every component it prints,
//! which a VTIMEZONE may not have and which would break the stable UID and
//! the workspace clock. What matters is short: TEXT values escaped (RFC 5545
//! §3.3.11: `\`, `;`, `,` and line breaks), content lines folded at 75
//! octets without splitting a UTF-8 character (§3.1), and CRLF line ends.

use crate::documents::export::{self, ExportFile};
use crate::documents::messages::{fill, label, text};
use crate::kernel::validate;
use crate::kernel::values::{ById, MeetingId, MeetingMode, PartnershipId};
use crate::meetings::meeting::{self, Meeting};
use crate::store::settings::{self, Language};
use crate::{Result, Workspace};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Which calendar file to make.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(tag = "calendar", rename_all = "snake_case", deny_unknown_fields)]
pub enum CalendarDocument {
    /// One meeting, to add to a calendar (or update it there).
    #[serde(rename_all = "camelCase")]
    Meeting { meeting_id: MeetingId },
    /// Every meeting of a partnership from today on.
    #[serde(rename_all = "camelCase")]
    ComingMeetings { partnership_id: PartnershipId },
    /// The cancellation of one meeting, which removes it from calendars.
    #[serde(rename_all = "camelCase")]
    Cancellation { meeting_id: MeetingId },
}

/// What the window asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CalendarRequest {
    pub calendar: CalendarDocument,
    /// Open the saved file in the computer's calendar program.
    pub open: bool,
}

/// A calendar file ready to save, and how many events it has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarFile {
    pub file: ExportFile,
    pub events: u32,
}

/// Where the calendar file was saved, and how many events it has.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SavedCalendar {
    pub path: String,
    pub events: u32,
}

/// The product that wrote the file (RFC 5545 §3.7.3).
const PRODID: &str = "-//Samlär//Samlär 0.1//SV";

/// The one time zone Samlär's times are in.
const TZID: &str = "Europe/Stockholm";

/// Europe/Stockholm since 1996: CET (+01:00), and CEST (+02:00) from the
/// last Sunday of March at 02:00 to the last Sunday of October at 03:00.
const VTIMEZONE: [&str; 18] = [
    "BEGIN:VTIMEZONE",
    "TZID:Europe/Stockholm",
    "X-LIC-LOCATION:Europe/Stockholm",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "TZNAME:CEST",
    "DTSTART:19700329T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "TZNAME:CET",
    "DTSTART:19701025T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
];

/// What an event is made of, besides the meeting's own record.
struct EventData {
    meeting: Meeting,
    uuid: String,
    sequence: i64,
    partnership: String,
}

/// The calendar's method (RFC 5546): an event to add, or one to remove.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Method {
    Publish,
    Cancel,
}

/// A TEXT value escaped (RFC 5545 §3.3.11). A line break of any kind
/// becomes `\n`; other control characters are not allowed in TEXT and are
/// left out.
pub fn escape_text(value: &str) -> String {
    let value = value.replace("\r\n", "\n").replace('\r', "\n");
    let mut out = String::with_capacity(value.len() + 8);
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}

/// One content line folded at 75 octets (RFC 5545 §3.1): each further line
/// starts with a space, and no UTF-8 character is split. Ends in CRLF.
pub fn fold(line: &str, out: &mut String) {
    let mut width = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
}

/// `20270511T130000`: a local date and time, or `20270511T110000Z` in UTC.
fn local_time(date: NaiveDate, time: &str) -> String {
    format!("{}T{}00", date.format("%Y%m%d"), time.replace(':', ""))
}

fn utc_time(at: DateTime<Utc>) -> String {
    at.format("%Y%m%dT%H%M%SZ").to_string()
}

/// The meeting's name as its page shows it: "Lärandeträff 2", or with the
/// meeting's own title after it.
pub fn meeting_name(l: Language, m: &Meeting) -> String {
    super::messages::meeting_label(l, m.kind, m.number, &m.title)
}

/// The lines of one VEVENT.
fn event(l: Language, e: &EventData, method: Method, stamp: &str) -> Vec<String> {
    let m = &e.meeting;
    let mut lines = vec!["BEGIN:VEVENT".to_owned(), format!("UID:{}@samlar", e.uuid)];
    let sequence = if method == Method::Cancel { e.sequence + 1 } else { e.sequence };
    lines.push(format!("SEQUENCE:{sequence}"));
    lines.push(format!("DTSTAMP:{stamp}"));
    match m.start_time.as_deref() {
        Some(start) => {
            lines.push(format!("DTSTART;TZID={TZID}:{}", local_time(m.date, start)));
            if let Some(end) = m.end_time.as_deref() {
                lines.push(format!("DTEND;TZID={TZID}:{}", local_time(m.date, end)));
            }
        }
        None => {
            lines.push(format!("DTSTART;VALUE=DATE:{}", m.date.format("%Y%m%d")));
            let next = m.date.succ_opt().unwrap_or(m.date);
            lines.push(format!("DTEND;VALUE=DATE:{}", next.format("%Y%m%d")));
        }
    }
    lines.push(format!("SUMMARY:{}", escape_text(&meeting_name(l, m))));
    // A digital meeting is held nowhere: no street address.
    let place: Vec<&str> = [m.venue_name.trim(), m.venue_address.trim()]
        .into_iter()
        .filter(|s| !s.is_empty() && m.mode != Some(MeetingMode::Digital))
        .collect();
    // Checked again: a link that came in an exchange package has not passed
    // the meeting's rules, and a URI is written as it is (a line break in it
    // would start a property of its own). One that fails is left out.
    let link = validate::web_link(&m.online_link, "onlineLink").unwrap_or_default();
    let link = link.as_str();
    if !place.is_empty() {
        lines.push(format!("LOCATION:{}", escape_text(&place.join(", "))));
    } else if !link.is_empty() {
        lines.push(format!("LOCATION:{}", escape_text(link)));
    }
    let mut description = fill(text(l, "calendar.description"), &[("partnership", &e.partnership)]);
    if let Some(mode) = m.mode {
        description.push('\n');
        description
            .push_str(&fill(text(l, "calendar.mode"), &[("mode", label(l, "meetingMode", mode))]));
    }
    if !link.is_empty() {
        description.push('\n');
        description.push_str(&fill(text(l, "calendar.onlineLink"), &[("link", link)]));
        // A URI value (§3.8.4.6, §3.3.13), not TEXT: written as it is.
        lines.push(format!("URL:{link}"));
    }
    lines.push(format!("DESCRIPTION:{}", escape_text(&description)));
    if method == Method::Cancel {
        lines.push("STATUS:CANCELLED".to_owned());
    } else {
        lines.push("STATUS:CONFIRMED".to_owned());
    }
    lines.push("END:VEVENT".to_owned());
    lines
}

/// A whole VCALENDAR, folded, with CRLF line ends.
fn calendar(l: Language, events: &[EventData], method: Method, now: DateTime<Utc>) -> Vec<u8> {
    let stamp = utc_time(now);
    let mut lines = vec![
        "BEGIN:VCALENDAR".to_owned(),
        "VERSION:2.0".to_owned(),
        format!("PRODID:{PRODID}"),
        "CALSCALE:GREGORIAN".to_owned(),
        format!("METHOD:{}", if method == Method::Cancel { "CANCEL" } else { "PUBLISH" }),
    ];
    lines.extend(VTIMEZONE.iter().map(|s| (*s).to_owned()));
    for e in events {
        lines.extend(event(l, e, method, &stamp));
    }
    lines.push("END:VCALENDAR".to_owned());
    let mut out = String::with_capacity(lines.iter().map(|s| s.len() + 4).sum());
    for line in &lines {
        fold(line, &mut out);
    }
    out.into_bytes()
}

/// A meeting's record UUID and calendar sequence, and its partnership's name.
const EVENT_DATA: &str = "SELECT r.uuid, m.calendar_sequence, p.name FROM meetings m \
     JOIN records r ON r.kind = 'meeting' AND r.local_id = m.id \
     JOIN partnerships p ON p.id = m.partnership_id WHERE m.id = ?";

impl Workspace {
    async fn event_data(&self, m: Meeting) -> Result<EventData> {
        let (uuid, sequence, partnership): (String, i64, String) =
            sqlx::query_as(EVENT_DATA).bind(m.id).fetch_one(self.pool()).await?;
        Ok(EventData { meeting: m, uuid, sequence, partnership })
    }

    /// One meeting as a calendar event to add (or to update one added before).
    pub async fn meeting_calendar(&self, input: ById<MeetingId>) -> Result<CalendarFile> {
        self.one_meeting(input.id, Method::Publish, "calendar.file").await
    }

    /// The cancellation of one meeting: the same event, cancelled, with a
    /// SEQUENCE one above the one last published. Made before the meeting
    /// is deleted.
    pub async fn meeting_cancellation(&self, input: ById<MeetingId>) -> Result<CalendarFile> {
        self.one_meeting(input.id, Method::Cancel, "calendar.fileCancellation").await
    }

    async fn one_meeting(&self, id: MeetingId, method: Method, file: &str) -> Result<CalendarFile> {
        let l: Language = settings::load(self.pool()).await?.language;
        let m = meeting::get(self.pool(), id).await?;
        let date = m.date.to_string();
        let name = meeting_name(l, &m);
        let e = self.event_data(m).await?;
        let bytes = calendar(l, std::slice::from_ref(&e), method, self.clock().now());
        let params = [("title", name.as_str()), ("date", date.as_str())];
        Ok(CalendarFile {
            file: ExportFile {
                file_name: export::file_name(&fill(text(l, file), &params), "ics"),
                bytes,
            },
            events: 1,
        })
    }

    /// Every meeting of a partnership on or after today, in date order, in
    /// one calendar. None is an error (`no_coming_meetings`): an empty file
    /// would add nothing.
    pub async fn coming_meetings_calendar(
        &self,
        input: ById<PartnershipId>,
    ) -> Result<CalendarFile> {
        let l: Language = settings::load(self.pool()).await?.language;
        let partnership: String = sqlx::query_scalar("SELECT name FROM partnerships WHERE id = ?")
            .bind(input.id)
            .fetch_one(self.pool())
            .await?;
        let today = self.clock().today();
        let ids: Vec<MeetingId> = sqlx::query_scalar(
            "SELECT id FROM meetings WHERE partnership_id = ? AND date >= ? \
             ORDER BY date, start_time, id",
        )
        .bind(input.id)
        .bind(today)
        .fetch_all(self.pool())
        .await?;
        if ids.is_empty() {
            return Err(crate::Error::new(
                crate::ErrorCode::NoComingMeetings,
                "the partnership has no meetings from today on",
            ));
        }
        let mut events = Vec::with_capacity(ids.len());
        for id in ids {
            let m = meeting::get(self.pool(), id).await?;
            events.push(self.event_data(m).await?);
        }
        let bytes = calendar(l, &events, Method::Publish, self.clock().now());
        let date = today.to_string();
        let params = [("partnership", partnership.as_str()), ("date", date.as_str())];
        Ok(CalendarFile {
            file: ExportFile {
                file_name: export::file_name(&fill(text(l, "calendar.fileComing"), &params), "ics"),
                bytes,
            },
            events: u32::try_from(events.len()).unwrap_or(u32::MAX),
        })
    }

    /// The calendar file a request asks for.
    pub async fn calendar_file(&self, document: CalendarDocument) -> Result<CalendarFile> {
        match document {
            CalendarDocument::Meeting { meeting_id } => {
                self.meeting_calendar(ById { id: meeting_id }).await
            }
            CalendarDocument::ComingMeetings { partnership_id } => {
                self.coming_meetings_calendar(ById { id: partnership_id }).await
            }
            CalendarDocument::Cancellation { meeting_id } => {
                self.meeting_cancellation(ById { id: meeting_id }).await
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{escape_text, fold};

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape_text("a,b;c\\d\r\ne\nf\rg"), "a\\,b\\;c\\\\d\\ne\\nf\\ng");
    }

    #[test]
    fn long_lines_fold_at_75_octets_between_characters() {
        let line = format!("SUMMARY:{}", "å".repeat(60));
        let mut out = String::new();
        fold(&line, &mut out);
        assert!(out.ends_with("\r\n"));
        let parts: Vec<&str> = out.trim_end_matches("\r\n").split("\r\n").collect();
        assert!(parts.len() > 1);
        assert!(parts.iter().all(|p| p.len() <= 75), "{parts:?}");
        assert!(parts[1..].iter().all(|p| p.starts_with(' ')));
        let unfolded: String =
            parts.iter().enumerate().map(|(i, p)| if i == 0 { *p } else { &p[1..] }).collect();
        assert_eq!(unfolded, line);
    }
}
