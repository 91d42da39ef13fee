//! What the meeting form sends, and the rules it must pass before the record
//! is saved: a date, times as `HH:MM` with the end after the start, text
//! within its limits, a digital meeting's link a web address and no link on
//! a meeting held on site, headcounts in range, a number only for a learning
//! meeting, a host and visitors that exist (any organisation: a hotel or a
//! university hosts without becoming a member), a venue from the register,
//! and a pairing for a mentor session and only for one. Kept apart
//! from the stored record (`meeting`) so that each file reads as one thing:
//! this one the input, that one the row.
//!
//! Uses the kernel (validation rules), the registry and the pairings (what a
//! draft refers to must exist); nothing else in this room.
//!
//! # Choosing a venue
//!
//! A meeting that names a venue of the register (`venue_id`) gets a copy of
//! the venue's name, address, accessibility checklist and accessibility
//! notes when the venue is chosen (`fill_from_venue`): the meeting keeps
//! what was true of the place that day, so a venue edited or archived later
//! does not rewrite the history of meetings held there. The copy can be
//! adjusted on the meeting (a room number) while it keeps naming the venue.
//! Editing the venue in the register updates the copy of coming meetings
//! only (`meetings::venues`). An archived venue cannot be chosen anew, but a
//! meeting that chose it keeps it.
//!
//! # The mode
//!
//! `mode` says how the meeting is held: on site, digital or hybrid; none
//! means not stated (meetings made before it was kept). A new meeting
//! without one gets one (`default_mode`): digital when it has only a link,
//! hybrid when it has a link and a place, on site otherwise. Saving a
//! meeting with a draft that states none keeps the mode it has. Samlär keeps
//! the link as text and shows it as a link; it never fetches it.

use crate::kernel::limits;
use crate::kernel::validate::{self, TEXT_MAX_CHARS};
use crate::kernel::values::{
    MeetingKind, MeetingMode, OrganisationId, PairingId, PartnershipId, VenueId,
};
use crate::{Error, ErrorCode, Result};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;
use ts_rs::TS;

/// The fields of a meeting's record as the form sends them. Times are
/// `HH:MM`; empty text means none.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MeetingDraft {
    pub kind: MeetingKind,
    /// For a learning meeting; none gives it the next free number.
    #[ts(type = "number | null")]
    pub number: Option<i64>,
    pub title: String,
    pub date: String,
    pub start_time: String,
    pub end_time: String,
    pub venue_name: String,
    pub venue_address: String,
    /// The link of a digital or hybrid meeting (Teams, Zoom): an `https://`
    /// or `http://` address, or empty. Missing in older callers' drafts.
    #[serde(default)]
    pub online_link: String,
    pub step_free_entrance: Option<bool>,
    pub no_thresholds: Option<bool>,
    pub lift: Option<bool>,
    pub accessible_toilet: Option<bool>,
    pub hearing_loop: Option<bool>,
    pub accessible_seating: Option<bool>,
    pub accessibility_notes: String,
    pub host_organisation_id: Option<OrganisationId>,
    /// Organisations visiting on a study visit.
    pub visitor_ids: Vec<OrganisationId>,
    pub studied: String,
    pub learned: String,
    pub notes: String,
    pub reflection_best: String,
    pub reflection_learn: String,
    pub reflection_develop: String,
    #[ts(type = "number")]
    pub extra_women: i64,
    #[ts(type = "number")]
    pub extra_men: i64,
    #[ts(type = "number")]
    pub extra_other: i64,
    #[ts(type = "number")]
    pub extra_not_stated: i64,
    /// Required for a mentor session, and only for one.
    #[serde(default)]
    pub pairing_id: Option<PairingId>,
    /// The venue of the register the meeting is held at; choosing one
    /// copies its details into the meeting (see the module's notes).
    #[serde(default)]
    pub venue_id: Option<VenueId>,
    /// How the meeting is held; none: not stated.
    #[serde(default)]
    pub mode: Option<MeetingMode>,
}

impl MeetingDraft {
    pub fn new(kind: MeetingKind, date: &str) -> Self {
        Self {
            kind,
            number: None,
            title: String::new(),
            date: date.to_owned(),
            start_time: String::new(),
            end_time: String::new(),
            venue_name: String::new(),
            venue_address: String::new(),
            online_link: String::new(),
            step_free_entrance: None,
            no_thresholds: None,
            lift: None,
            accessible_toilet: None,
            hearing_loop: None,
            accessible_seating: None,
            accessibility_notes: String::new(),
            host_organisation_id: None,
            visitor_ids: Vec::new(),
            studied: String::new(),
            learned: String::new(),
            notes: String::new(),
            reflection_best: String::new(),
            reflection_learn: String::new(),
            reflection_develop: String::new(),
            extra_women: 0,
            extra_men: 0,
            extra_other: 0,
            extra_not_stated: 0,
            pairing_id: None,
            venue_id: None,
            mode: None,
        }
    }
}

/// A draft that passed every rule. It derefs to the draft, and its own
/// fields stand in for the draft's text forms of the same name: `v.date` is
/// the parsed date, `v.start_time` the normalised time or none. So every
/// column of the record is a field `v.<column>`, which is how
/// `meeting::bind_record` binds them.
pub(crate) struct Valid {
    pub(crate) d: MeetingDraft,
    pub(crate) date: NaiveDate,
    pub(crate) start_time: Option<String>,
    pub(crate) end_time: Option<String>,
}

impl std::ops::Deref for Valid {
    type Target = MeetingDraft;

    fn deref(&self) -> &MeetingDraft {
        &self.d
    }
}

/// `9:30`, `09:30` and `0930` all mean half past nine.
fn time(text: &str, field: &str) -> Result<Option<String>> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let digits: String = text.chars().filter(|c| c.is_ascii_digit()).collect();
    let shaped = text.chars().all(|c| c.is_ascii_digit() || c == ':' || c == '.');
    let (h, m) = match digits.len() {
        3 | 4 if shaped => digits.split_at(digits.len() - 2),
        _ => return Err(Error::at(ErrorCode::InvalidTime, field, "time is not HH:MM")),
    };
    match (h.parse::<u32>(), m.parse::<u32>()) {
        (Ok(h), Ok(m)) if h < 24 && m < 60 => Ok(Some(format!("{h:02}:{m:02}"))),
        _ => Err(Error::at(ErrorCode::InvalidTime, field, "time is not HH:MM")),
    }
}

/// Checks and normalises what can be checked without the database.
pub(crate) fn validate(mut d: MeetingDraft) -> Result<Valid> {
    let date = validate::date(Some(&d.date), "date")?
        .ok_or_else(|| Error::at(ErrorCode::DateRequired, "date", "no date"))?;
    let start_time = time(&d.start_time, "startTime")?;
    let end_time = time(&d.end_time, "endTime")?;
    if let (Some(s), Some(e)) = (&start_time, &end_time)
        && e < s
    {
        return Err(Error::at(ErrorCode::EndBeforeStart, "endTime", "ends before it starts"));
    }
    if d.kind != MeetingKind::Learning {
        d.number = None;
    }
    if d.number.is_some_and(|n| !(1..=limits::MEETING_NUMBER_MAX).contains(&n)) {
        return Err(Error::at(ErrorCode::InvalidNumber, "number", "number out of range"));
    }
    limits::count(d.visitor_ids.len(), "visitorIds", limits::MAX_VISITORS)?;
    d.title = validate::short_text(&d.title, "title")?;
    d.venue_name = validate::short_text(&d.venue_name, "venueName")?;
    d.venue_address = validate::short_text(&d.venue_address, "venueAddress")?;
    d.online_link = validate::web_link(&d.online_link, "onlineLink")?;
    if d.mode == Some(MeetingMode::OnSite) && !d.online_link.is_empty() {
        return Err(Error::at(ErrorCode::LinkOnSite, "onlineLink", "a link on an on-site meeting"));
    }
    for (text, field) in [
        (&mut d.accessibility_notes, "accessibilityNotes"),
        (&mut d.studied, "studied"),
        (&mut d.learned, "learned"),
        (&mut d.notes, "notes"),
        (&mut d.reflection_best, "reflectionBest"),
        (&mut d.reflection_learn, "reflectionLearn"),
        (&mut d.reflection_develop, "reflectionDevelop"),
    ] {
        *text = validate::text(std::mem::take(text), field, TEXT_MAX_CHARS)?;
    }
    for (n, field) in [
        (d.extra_women, "extraWomen"),
        (d.extra_men, "extraMen"),
        (d.extra_other, "extraOther"),
        (d.extra_not_stated, "extraNotStated"),
    ] {
        if !(0..=limits::HEADCOUNT_MAX).contains(&n) {
            return Err(Error::at(ErrorCode::InvalidNumber, field, "headcount out of range"));
        }
    }
    d.visitor_ids.sort_unstable();
    d.visitor_ids.dedup();
    Ok(Valid { d, date, start_time, end_time })
}

/// Copies the chosen venue's name, address and checklist into the draft
/// when the venue is newly chosen (`before` is the venue the meeting had);
/// call inside the write transaction. Refuses a venue not in the register,
/// or an archived one, with `unknown_venue` on `venueId`.
pub(crate) async fn fill_from_venue(
    conn: &mut SqliteConnection,
    d: &mut MeetingDraft,
    before: Option<VenueId>,
) -> Result<()> {
    let Some(id) = d.venue_id.filter(|&id| Some(id) != before) else {
        return Ok(());
    };
    let venue = match crate::registry::venue::get(&mut *conn, id).await {
        Ok(v) if !v.archived => v,
        Ok(_) | Err(Error { code: ErrorCode::NotFound, .. }) => {
            return Err(Error::at(ErrorCode::UnknownVenue, "venueId", "no such venue"));
        }
        Err(e) => return Err(e),
    };
    d.venue_name = venue.name;
    d.venue_address = venue.address;
    d.step_free_entrance = venue.step_free_entrance;
    d.no_thresholds = venue.no_thresholds;
    d.lift = venue.lift;
    d.accessible_toilet = venue.accessible_toilet;
    d.hearing_loop = venue.hearing_loop;
    d.accessible_seating = venue.accessible_seating;
    d.accessibility_notes = venue.accessibility_notes;
    Ok(())
}

/// The mode of a new meeting that states none: digital with only a link,
/// hybrid with a link and a place, on site otherwise.
pub(crate) fn default_mode(d: &MeetingDraft) -> MeetingMode {
    let place = d.venue_id.is_some()
        || !d.venue_name.trim().is_empty()
        || !d.venue_address.trim().is_empty();
    match (d.online_link.is_empty(), place) {
        (true, _) => MeetingMode::OnSite,
        (false, false) => MeetingMode::Digital,
        (false, true) => MeetingMode::Hybrid,
    }
}

async fn check_organisations(conn: &mut SqliteConnection, d: &MeetingDraft) -> Result<()> {
    let ids = d.host_organisation_id.iter().chain(&d.visitor_ids);
    for (i, &id) in ids.enumerate() {
        if !crate::registry::organisation::exists(&mut *conn, id).await? {
            let field = if i == 0 && d.host_organisation_id.is_some() {
                "hostOrganisationId"
            } else {
                "visitorIds"
            };
            return Err(Error::at(ErrorCode::UnknownOrganisation, field, "no such organisation"));
        }
    }
    Ok(())
}

/// A mentor session belongs to a pairing of its own partnership; no other
/// kind of meeting belongs to one.
async fn check_pairing(
    conn: &mut SqliteConnection,
    d: &MeetingDraft,
    partnership_id: PartnershipId,
) -> Result<()> {
    match (d.kind, d.pairing_id) {
        (MeetingKind::MentorSession, None) => Err(Error::at(
            ErrorCode::PairingRequired,
            "pairingId",
            "mentor session without pairing",
        )),
        (MeetingKind::MentorSession, Some(p)) => {
            if crate::pairings::pairing::partnership_of(&mut *conn, p).await?
                == Some(partnership_id)
            {
                Ok(())
            } else {
                Err(Error::at(
                    ErrorCode::UnknownPairing,
                    "pairingId",
                    "no such pairing in the round",
                ))
            }
        }
        (_, Some(_)) => {
            Err(Error::at(ErrorCode::NotMentorSession, "pairingId", "only mentor sessions"))
        }
        (_, None) => Ok(()),
    }
}

/// The organisations and the pairing a draft names exist, and the pairing
/// fits the meeting (see `check_pairing`); call inside the write transaction.
pub(crate) async fn check_references(
    conn: &mut SqliteConnection,
    d: &MeetingDraft,
    partnership_id: PartnershipId,
) -> Result<()> {
    check_organisations(conn, d).await?;
    check_pairing(conn, d, partnership_id).await
}
