//! The register of venues: the places where meetings are held, kept once
//! and chosen on a meeting instead of typed again. A venue has a name
//! (unique in the register), an address, the organisation that runs it, the
//! accessibility checklist of a meeting (the same six questions: yes, no or
//! not checked) with notes, and notes of its own. The organisation may be any
//! organisation in the register, a hotel or a university as well as a
//! member; naming it here makes it a member of nothing. A venue no longer
//! used is archived, not deleted: the meetings held there keep their copy
//! of its details either way.
//!
//! What a venue means for a meeting is in the meetings room: choosing one
//! copies its details into the meeting (`meetings::draft`), and editing one
//! updates the coming meetings that use it (`meetings::venues`, which holds
//! `Workspace::update_venue` for that reason). This file holds the row, its
//! rules, its reads and the writes that touch no meeting.
//!
//! Uses the kernel, the store and, in this room, `organisation`.

use crate::kernel::validate::{self, TEXT_MAX_CHARS};
use crate::kernel::values::{ById, OrganisationId, VenueId};
use crate::{Error, ErrorCode, Result, Workspace, store::db};
use serde::{Deserialize, Serialize};
use sqlx::{SqliteConnection, SqliteExecutor};
use ts_rs::TS;

/// A venue in the register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, sqlx::FromRow)]
#[serde(rename_all = "camelCase")]
pub struct Venue {
    pub id: VenueId,
    pub name: String,
    pub address: String,
    /// Who runs the place, member of a partnership or not.
    pub organisation_id: Option<OrganisationId>,
    pub organisation_name: Option<String>,
    pub step_free_entrance: Option<bool>,
    pub no_thresholds: Option<bool>,
    pub lift: Option<bool>,
    pub accessible_toilet: Option<bool>,
    pub hearing_loop: Option<bool>,
    pub accessible_seating: Option<bool>,
    pub accessibility_notes: String,
    pub notes: String,
    pub archived: bool,
    pub created_at: String,
    pub updated_at: String,
}

/// What the venue form sends; empty text means none.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct VenueDraft {
    pub name: String,
    pub address: String,
    pub organisation_id: Option<OrganisationId>,
    pub step_free_entrance: Option<bool>,
    pub no_thresholds: Option<bool>,
    pub lift: Option<bool>,
    pub accessible_toilet: Option<bool>,
    pub hearing_loop: Option<bool>,
    pub accessible_seating: Option<bool>,
    pub accessibility_notes: String,
    pub notes: String,
}

impl VenueDraft {
    pub fn new(name: &str) -> Self {
        Self {
            name: name.to_owned(),
            address: String::new(),
            organisation_id: None,
            step_free_entrance: None,
            no_thresholds: None,
            lift: None,
            accessible_toilet: None,
            hearing_loop: None,
            accessible_seating: None,
            accessibility_notes: String::new(),
            notes: String::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct UpdateVenue {
    pub id: VenueId,
    pub draft: VenueDraft,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SetVenueArchived {
    pub id: VenueId,
    pub archived: bool,
}

/// Which venues to list: the archived ones only when asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct VenueQuery {
    pub include_archived: bool,
}

/// Checks and trims a draft; the organisation is checked in the write.
pub fn validate(mut d: VenueDraft) -> Result<VenueDraft> {
    d.name = validate::name(&d.name, "name")?;
    d.address = validate::short_text(&d.address, "address")?;
    d.accessibility_notes = validate::text(
        std::mem::take(&mut d.accessibility_notes),
        "accessibilityNotes",
        TEXT_MAX_CHARS,
    )?;
    d.notes = validate::text(std::mem::take(&mut d.notes), "notes", TEXT_MAX_CHARS)?;
    Ok(d)
}

macro_rules! columns {
    () => {
        "v.id, v.name, v.address, v.organisation_id, o.name AS organisation_name, \
         v.step_free_entrance, v.no_thresholds, v.lift, v.accessible_toilet, v.hearing_loop, \
         v.accessible_seating, v.accessibility_notes, v.notes, \
         v.archived_at IS NOT NULL AS archived, \
         v.created_at, v.updated_at \
         FROM venues v LEFT JOIN organisations o ON o.id = v.organisation_id"
    };
}

pub async fn get<'e>(ex: impl SqliteExecutor<'e>, id: VenueId) -> Result<Venue> {
    let sql = concat!("SELECT ", columns!(), " WHERE v.id = ?");
    let row = sqlx::query_as(sql).bind(id).fetch_optional(ex).await?;
    row.ok_or_else(|| not_found(id))
}

/// The register by name; the archived venues only when asked for.
pub async fn list<'e>(ex: impl SqliteExecutor<'e>, include_archived: bool) -> Result<Vec<Venue>> {
    let sql = concat!(
        "SELECT ",
        columns!(),
        " WHERE ? OR v.archived_at IS NULL ORDER BY v.name COLLATE NOCASE, v.id"
    );
    Ok(sqlx::query_as(sql).bind(include_archived).fetch_all(ex).await?)
}

/// `name_taken` on `name` when another venue has the name (case and
/// surrounding spaces aside), so the form shows it next to the field
/// rather than as the index's own refusal.
async fn check_name(
    conn: &mut SqliteConnection,
    name: &str,
    except: Option<VenueId>,
) -> Result<()> {
    let taken: Option<i64> = sqlx::query_scalar(
        "SELECT 1 FROM venues WHERE lower(name) = lower(?) AND (? IS NULL OR id <> ?)",
    )
    .bind(name)
    .bind(except)
    .bind(except)
    .fetch_optional(&mut *conn)
    .await?;
    if taken.is_some() {
        return Err(Error::at(ErrorCode::NameTaken, "name", "a venue has that name"));
    }
    Ok(())
}

/// The organisation a draft names exists (any organisation: being the
/// venue's makes it a member of nothing).
async fn check_organisation(conn: &mut SqliteConnection, d: &VenueDraft) -> Result<()> {
    if let Some(id) = d.organisation_id
        && !crate::registry::organisation::exists(&mut *conn, id).await?
    {
        return Err(Error::at(
            ErrorCode::UnknownOrganisation,
            "organisationId",
            "no such organisation",
        ));
    }
    Ok(())
}

/// Writes a valid draft over a venue's row; call inside a write
/// transaction. The meetings using it are the caller's (see
/// `meetings::venues`).
pub async fn update_valid(
    conn: &mut SqliteConnection,
    id: VenueId,
    d: &VenueDraft,
    now: &str,
) -> Result<()> {
    get(&mut *conn, id).await?;
    check_name(conn, &d.name, Some(id)).await?;
    check_organisation(conn, d).await?;
    sqlx::query(
        "UPDATE venues SET name = ?, address = ?, organisation_id = ?, step_free_entrance = ?, \
         no_thresholds = ?, lift = ?, accessible_toilet = ?, hearing_loop = ?, \
         accessible_seating = ?, accessibility_notes = ?, notes = ?, updated_at = ? WHERE id = ?",
    )
    .bind(&d.name)
    .bind(&d.address)
    .bind(d.organisation_id)
    .bind(d.step_free_entrance)
    .bind(d.no_thresholds)
    .bind(d.lift)
    .bind(d.accessible_toilet)
    .bind(d.hearing_loop)
    .bind(d.accessible_seating)
    .bind(&d.accessibility_notes)
    .bind(&d.notes)
    .bind(now)
    .bind(id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

fn not_found(id: VenueId) -> Error {
    Error::new(ErrorCode::NotFound, format!("venue {id} does not exist"))
}

/// What a coordinator can do with the register of venues (editing one is in
/// `meetings::venues`, since it reaches the meetings that use it).
impl Workspace {
    pub async fn create_venue(&self, draft: VenueDraft) -> Result<Venue> {
        let d = validate(draft)?;
        let now = self.clock().timestamp();
        let mut tx = db::begin_write(self.pool()).await?;
        check_name(&mut tx, &d.name, None).await?;
        check_organisation(&mut tx, &d).await?;
        let id: VenueId = sqlx::query_scalar(
            "INSERT INTO venues (name, address, organisation_id, step_free_entrance, \
             no_thresholds, lift, accessible_toilet, hearing_loop, accessible_seating, \
             accessibility_notes, notes, created_at, updated_at) \
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        )
        .bind(&d.name)
        .bind(&d.address)
        .bind(d.organisation_id)
        .bind(d.step_free_entrance)
        .bind(d.no_thresholds)
        .bind(d.lift)
        .bind(d.accessible_toilet)
        .bind(d.hearing_loop)
        .bind(d.accessible_seating)
        .bind(&d.accessibility_notes)
        .bind(&d.notes)
        .bind(&now)
        .bind(&now)
        .fetch_one(&mut *tx)
        .await?;
        let venue = get(&mut *tx, id).await?;
        tx.commit().await?;
        Ok(venue)
    }

    pub async fn venue(&self, input: ById<VenueId>) -> Result<Venue> {
        get(self.pool(), input.id).await
    }

    pub async fn venues(&self, input: VenueQuery) -> Result<Vec<Venue>> {
        list(self.pool(), input.include_archived).await
    }

    /// Archives a venue (it is no longer offered on a meeting) or brings it
    /// back. The meetings that chose it keep it and their copy of it.
    pub async fn set_venue_archived(&self, input: SetVenueArchived) -> Result<Venue> {
        let mut tx = db::begin_write(self.pool()).await?;
        get(&mut *tx, input.id).await?;
        sqlx::query(
            "UPDATE venues SET archived_at = CASE WHEN ?1 THEN coalesce(archived_at, ?2) END, \
             updated_at = ?2 WHERE id = ?3",
        )
        .bind(input.archived)
        .bind(self.clock().timestamp())
        .bind(input.id)
        .execute(&mut *tx)
        .await?;
        let venue = get(&mut *tx, input.id).await?;
        tx.commit().await?;
        Ok(venue)
    }
}
