//! What a package holds. A mentor package is a pairing and what its mentor
//! needs around it: the round's name and dates, both sides' organisations
//! and contact people, the pairing's mentor sessions, the participants'
//! open improvement actions and the round's coming meetings, with the
//! venues of those meetings and the people who approved the sessions'
//! minutes. A partnership package is the whole partnership, for a hand-over
//! between coordinators: its roles, groups and venues too.
//!
//! Records that only give context (the round itself in a mentor package,
//! the meeting an action was agreed at, the coming meetings, a group a
//! session's reflection names) travel with some of their fields: what is
//! left out stays as it is on the other side. A mentor package never
//! carries the round's roles or a group's members.

use super::record::{self, Kind, Record, SENSITIVE};
use crate::Result;
use crate::kernel::values::{PairingId, PartnershipId};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;
use std::collections::BTreeSet;
use ts_rs::TS;

/// What a package is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum Scope {
    /// A pairing, for (or back from) its mentor.
    Pairing { id: PairingId },
    /// A whole partnership.
    Partnership { id: PartnershipId },
}

/// A partnership seen from a mentor package: its name and dates.
const ROUND_FIELDS: &[&str] =
    &["name", "kind", "purpose", "start_date", "end_date", "phase", "archived_at", "created_at"];

/// A meeting seen as context: when and where, not what was said.
const MEETING_CONTEXT_FIELDS: &[&str] = &[
    "kind",
    "number",
    "title",
    "date",
    "start_time",
    "end_time",
    "venue_name",
    "venue_address",
    "online_link",
    "mode",
    "step_free_entrance",
    "no_thresholds",
    "lift",
    "accessible_toilet",
    "hearing_loop",
    "accessible_seating",
    "accessibility_notes",
    "created_at",
    "calendar_sequence",
    "partnership_id",
    "host_organisation_id",
    "venue_id",
];

/// A group seen as context (a mentor session's group answers name it): its
/// name, not who is in it.
const GROUP_CONTEXT_FIELDS: &[&str] = &["kind", "name", "purpose", "created_at", "partnership_id"];

/// The venues of the meetings `meetings` selects (SQL with ?1).
fn venues_of(meetings: &str) -> String {
    format!("SELECT venue_id FROM meetings WHERE id IN ({meetings}) AND venue_id IS NOT NULL")
}

/// The organisations that run the venues `venues` selects.
fn venue_organisations(venues: &str) -> String {
    format!(
        "SELECT organisation_id FROM venues WHERE id IN ({venues}) AND organisation_id IS NOT NULL"
    )
}

/// The people named by the approvals of the meetings `meetings` selects.
fn approvers_of(meetings: &str) -> String {
    format!(
        "SELECT person_id FROM meeting_approvals WHERE meeting_id IN ({meetings}) \
           AND person_id IS NOT NULL \
         UNION SELECT second_person_id FROM meeting_approvals WHERE meeting_id IN ({meetings}) \
           AND second_person_id IS NOT NULL"
    )
}

/// Rows of one kind, all fields or some.
pub(crate) struct Selection {
    pub(crate) kind: Kind,
    pub(crate) ids: BTreeSet<i64>,
    pub(crate) only: Option<&'static [&'static str]>,
}

/// The records of `scope`, parents before children. Sensitive fields (a
/// person's accessibility needs) are left out unless `sensitive`.
pub async fn records(
    conn: &mut SqliteConnection,
    scope: Scope,
    today: NaiveDate,
    sensitive: bool,
) -> Result<Vec<Record>> {
    let selections = match scope {
        Scope::Pairing { id } => pairing(conn, id, today).await?,
        Scope::Partnership { id } => partnership(conn, id).await?,
    };
    let mut out = Vec::new();
    for kind in Kind::ALL {
        for selection in selections.iter().filter(|s| s.kind == kind) {
            for id in &selection.ids {
                if out_has(&selections, kind, *id, selection) {
                    continue;
                }
                let mut record = record::read(conn, kind, *id).await?;
                if let Some(only) = selection.only {
                    record.fields.retain(|name, _| only.contains(&name.as_str()));
                }
                if !sensitive {
                    for (k, field) in SENSITIVE {
                        if *k == kind {
                            record.fields.remove(*field);
                        }
                    }
                }
                out.push(record);
            }
        }
    }
    Ok(out)
}

/// Whether a fuller selection of the same row comes first: a row selected
/// both whole and as context travels whole, once.
fn out_has(selections: &[Selection], kind: Kind, id: i64, this: &Selection) -> bool {
    let this_at = selections.iter().position(|s| std::ptr::eq(s, this)).unwrap_or(0);
    selections.iter().enumerate().any(|(i, s)| {
        s.kind == kind
            && s.ids.contains(&id)
            && i != this_at
            && (s.only.is_none() && this.only.is_some() || (s.only == this.only && i < this_at))
    })
}

async fn ids(conn: &mut SqliteConnection, sql: &str, id: i64) -> Result<BTreeSet<i64>> {
    // The SQL is this module's own text (with a `NaiveDate`, always
    // YYYY-MM-DD); the id is bound.
    let sql = sqlx::AssertSqlSafe(sql.to_owned());
    let rows: Vec<i64> = sqlx::query_scalar(sql).bind(id).fetch_all(&mut *conn).await?;
    Ok(rows.into_iter().collect())
}

pub(crate) async fn pairing(
    conn: &mut SqliteConnection,
    id: PairingId,
    today: NaiveDate,
) -> Result<Vec<Selection>> {
    let id = id.0;
    let partnership: i64 = sqlx::query_scalar("SELECT partnership_id FROM pairings WHERE id = ?")
        .bind(id)
        .fetch_one(&mut *conn)
        .await?;
    // The pairing's organisations: its mentor and participants.
    let organisations = "SELECT mentor_organisation_id FROM pairings WHERE id = ?1 \
         UNION SELECT organisation_id FROM pairing_participants WHERE pairing_id = ?1";
    let sessions = "SELECT id FROM meetings WHERE pairing_id = ?1";
    let actions = format!(
        "SELECT a.id FROM actions a WHERE a.partnership_id = \
         (SELECT partnership_id FROM pairings WHERE id = ?1) \
         AND a.organisation_id IN ({organisations}) \
         AND (a.status IN ('planned', 'ongoing') OR a.meeting_id IN ({sessions}))"
    );
    let followups = format!(
        "SELECT f.id FROM action_followups f WHERE f.action_id IN ({actions}) \
         AND f.meeting_id IN ({sessions})"
    );
    let context_meetings = format!(
        "SELECT meeting_id FROM actions WHERE id IN ({actions}) \
         UNION SELECT id FROM meetings WHERE partnership_id = \
           (SELECT partnership_id FROM pairings WHERE id = ?1) AND date >= '{today}'"
    );
    let all_meetings = format!("{sessions} UNION {context_meetings}");
    let venues = venues_of(&all_meetings);
    let groups = format!("SELECT group_id FROM group_reflections WHERE meeting_id IN ({sessions})");
    let people = format!(
        "SELECT person_id FROM pairing_contacts WHERE pairing_id = ?1 \
         UNION SELECT a.person_id FROM attendance a WHERE a.meeting_id IN ({sessions}) \
         UNION SELECT responsible_person_id FROM actions \
           WHERE id IN ({actions}) AND responsible_person_id IS NOT NULL \
         UNION {approvers}",
        approvers = approvers_of(sessions)
    );
    let memberships = format!(
        "SELECT id FROM memberships WHERE partnership_id = \
         (SELECT partnership_id FROM pairings WHERE id = ?1) AND organisation_id IN ({organisations})"
    );
    let people_ids = ids(conn, &people, id).await?;
    let mut organisation_ids = ids(conn, organisations, id).await?;
    organisation_ids.extend(referenced_organisations(conn, &people_ids).await?);
    organisation_ids.extend(ids(conn, &venue_organisations(&venues), id).await?);
    Ok(vec![
        Selection { kind: Kind::Organisation, ids: organisation_ids, only: None },
        Selection { kind: Kind::Person, ids: people_ids, only: None },
        Selection { kind: Kind::Venue, ids: ids(conn, &venues, id).await?, only: None },
        Selection {
            kind: Kind::Partnership,
            ids: BTreeSet::from([partnership]),
            only: Some(ROUND_FIELDS),
        },
        Selection {
            kind: Kind::Group,
            ids: ids(conn, &groups, id).await?,
            only: Some(GROUP_CONTEXT_FIELDS),
        },
        Selection { kind: Kind::Membership, ids: ids(conn, &memberships, id).await?, only: None },
        Selection { kind: Kind::Pairing, ids: BTreeSet::from([id]), only: None },
        Selection { kind: Kind::Meeting, ids: ids(conn, sessions, id).await?, only: None },
        Selection {
            kind: Kind::Meeting,
            ids: ids(conn, &context_meetings, id).await?,
            only: Some(MEETING_CONTEXT_FIELDS),
        },
        Selection { kind: Kind::Action, ids: ids(conn, &actions, id).await?, only: None },
        Selection { kind: Kind::FollowUp, ids: ids(conn, &followups, id).await?, only: None },
    ])
}

/// The organisations of `people`, so that a person arrives with theirs.
async fn referenced_organisations(
    conn: &mut SqliteConnection,
    people: &BTreeSet<i64>,
) -> Result<BTreeSet<i64>> {
    let list = serde_json::to_string(people).expect("numbers serialise");
    let rows: Vec<i64> = sqlx::query_scalar(
        "SELECT DISTINCT organisation_id FROM people \
         WHERE id IN (SELECT value FROM json_each(?)) AND organisation_id IS NOT NULL",
    )
    .bind(list)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows.into_iter().collect())
}

pub(crate) async fn partnership(
    conn: &mut SqliteConnection,
    id: PartnershipId,
) -> Result<Vec<Selection>> {
    let id = id.0;
    let meetings = "SELECT id FROM meetings WHERE partnership_id = ?1";
    let organisations = format!(
        "SELECT organisation_id FROM memberships WHERE partnership_id = ?1 \
         UNION SELECT project_owner_id FROM partnerships WHERE id = ?1 AND project_owner_id IS NOT NULL \
         UNION SELECT mentor_organisation_id FROM pairings WHERE partnership_id = ?1 \
         UNION SELECT host_organisation_id FROM meetings WHERE partnership_id = ?1 \
           AND host_organisation_id IS NOT NULL \
         UNION SELECT organisation_id FROM meeting_visitors WHERE meeting_id IN ({meetings}) \
         UNION SELECT organisation_id FROM actions WHERE partnership_id = ?1 \
           AND organisation_id IS NOT NULL"
    );
    let groups = "SELECT id FROM partnership_groups WHERE partnership_id = ?1";
    let venues = venues_of(meetings);
    let people = format!(
        "SELECT id FROM people WHERE organisation_id IN ({organisations}) \
         UNION SELECT contact_person_id FROM partnerships WHERE id = ?1 \
           AND contact_person_id IS NOT NULL \
         UNION SELECT person_id FROM attendance WHERE meeting_id IN ({meetings}) \
         UNION SELECT responsible_person_id FROM actions WHERE partnership_id = ?1 \
           AND responsible_person_id IS NOT NULL \
         UNION SELECT person_id FROM partnership_roles WHERE partnership_id = ?1 \
         UNION SELECT person_id FROM group_members WHERE group_id IN ({groups}) \
         UNION {approvers}",
        approvers = approvers_of(meetings)
    );
    let people_ids = ids(conn, &people, id).await?;
    let mut organisation_ids = ids(conn, &organisations, id).await?;
    organisation_ids.extend(referenced_organisations(conn, &people_ids).await?);
    organisation_ids.extend(ids(conn, &venue_organisations(&venues), id).await?);
    let followups = "SELECT f.id FROM action_followups f JOIN actions a ON a.id = f.action_id \
                     WHERE a.partnership_id = ?1";
    Ok(vec![
        Selection { kind: Kind::Organisation, ids: organisation_ids, only: None },
        Selection { kind: Kind::Person, ids: people_ids, only: None },
        Selection { kind: Kind::Venue, ids: ids(conn, &venues, id).await?, only: None },
        Selection { kind: Kind::Partnership, ids: BTreeSet::from([id]), only: None },
        Selection { kind: Kind::Group, ids: ids(conn, groups, id).await?, only: None },
        Selection {
            kind: Kind::Indicator,
            ids: ids(conn, "SELECT id FROM indicators WHERE partnership_id = ?1", id).await?,
            only: None,
        },
        Selection {
            kind: Kind::Membership,
            ids: ids(conn, "SELECT id FROM memberships WHERE partnership_id = ?1", id).await?,
            only: None,
        },
        Selection {
            kind: Kind::Pairing,
            ids: ids(conn, "SELECT id FROM pairings WHERE partnership_id = ?1", id).await?,
            only: None,
        },
        Selection { kind: Kind::Meeting, ids: ids(conn, meetings, id).await?, only: None },
        Selection {
            kind: Kind::Action,
            ids: ids(conn, "SELECT id FROM actions WHERE partnership_id = ?1", id).await?,
            only: None,
        },
        Selection { kind: Kind::FollowUp, ids: ids(conn, followups, id).await?, only: None },
    ])
}
