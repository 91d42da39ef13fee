//! The sign-in sheet (närvarolista) of one meeting, printed before it and
//! signed at the door: the partnership, the meeting, when and where (or that
//! it is digital), then the invited people, everyone with an attendance row
//! whatever its status, under their organisation's name (people without one
//! last), each with a box to sign, and blank rows for people who come
//! without being on the list.

use super::layout::{Block, Column};
use super::{Draft, Words};
use crate::Result;
use crate::kernel::values::{MeetingId, MeetingMode};
use crate::meetings::meeting::{self, Meeting};
use crate::registry::partnership;
use sqlx::SqliteConnection;

/// How many empty rows the sheet has for people not on the list.
pub const WALK_IN_ROWS: usize = 10;

/// An invited person as the sheet prints them.
#[derive(sqlx::FromRow)]
struct Invited {
    name: String,
    title: String,
    organisation_name: Option<String>,
}

/// Everyone with an attendance row at the meeting, by organisation name
/// (people without one last), then by name.
async fn invited(conn: &mut SqliteConnection, id: MeetingId) -> Result<Vec<Invited>> {
    Ok(sqlx::query_as(
        "SELECT p.name, p.title, o.name AS organisation_name FROM attendance a \
         JOIN people p ON p.id = a.person_id \
         LEFT JOIN organisations o ON o.id = p.organisation_id \
         WHERE a.meeting_id = ? \
         ORDER BY o.name_key IS NULL, o.name_key, o.id, p.name_key, p.id",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?)
}

/// Partnership, meeting, date, time, mode, and venue and address unless
/// the meeting is digital (then its link, if it has one).
fn header(w: Words, m: &Meeting, partnership: String) -> Vec<(String, String)> {
    let time = match (&m.start_time, &m.end_time) {
        (Some(s), Some(e)) => format!("{s}–{e}"),
        (Some(s), None) => s.clone(),
        _ => w.t("pdf.none"),
    };
    let or_none = |s: &str| if s.trim().is_empty() { w.t("pdf.none") } else { s.trim().to_owned() };
    let mut fields = vec![
        (w.t("pdf.partnership"), partnership),
        (w.t("pdf.meeting"), w.meeting_name(m.kind, m.number, &m.title)),
        (w.t("pdf.date"), m.date.to_string()),
        (w.t("pdf.time"), time),
    ];
    if let Some(mode) = m.mode {
        fields.push((w.t("pdf.mode"), w.label("meetingMode", mode)));
    }
    if m.mode == Some(MeetingMode::Digital) {
        if !m.online_link.trim().is_empty() {
            fields.push((w.t("pdf.onlineLink"), m.online_link.trim().to_owned()));
        }
    } else {
        fields.push((w.t("pdf.venue"), or_none(&m.venue_name)));
        fields.push((w.t("pdf.address"), or_none(&m.venue_address)));
    }
    fields
}

fn column(w: Words, key: &str, width: f32) -> Column {
    Column { title: w.t(key), width, align_right: false }
}

/// One subheading and form table per organisation, in the list's order.
fn groups(w: Words, people: &[Invited]) -> Vec<Block> {
    let columns = || {
        vec![
            column(w, "pdf.name", 3.0),
            column(w, "pdf.signIn.personTitle", 2.6),
            column(w, "pdf.signIn.signature", 3.4),
        ]
    };
    let mut blocks = Vec::new();
    for group in people.chunk_by(|a, b| a.organisation_name == b.organisation_name) {
        let organisation = group[0].organisation_name.clone();
        blocks.push(Block::Subheading(organisation.unwrap_or_else(|| w.t("pdf.noOrganisation"))));
        let rows = group.iter().map(|p| vec![p.name.clone(), p.title.clone(), String::new()]);
        blocks.push(Block::FormTable { columns: columns(), rows: rows.collect() });
    }
    blocks
}

pub(super) async fn sheet(
    conn: &mut SqliteConnection,
    w: Words,
    meeting_id: MeetingId,
) -> Result<Draft> {
    let m = meeting::get(&mut *conn, meeting_id).await?;
    let partnership = partnership::get(&mut *conn, m.partnership_id).await?.name;
    let people = invited(conn, meeting_id).await?;
    let name = w.meeting_name(m.kind, m.number, &m.title);
    let mut blocks = vec![
        Block::Title(w.t("pdf.signIn.title")),
        Block::Fields(header(w, &m, partnership.clone())),
        Block::Heading(w.t("pdf.signIn.invited")),
    ];
    if people.is_empty() {
        blocks.push(Block::Muted(w.t("pdf.signIn.noInvited")));
    }
    blocks.extend(groups(w, &people));
    blocks.push(Block::Heading(w.t("pdf.signIn.walkIns")));
    blocks.push(Block::FormTable {
        columns: vec![
            column(w, "pdf.name", 3.0),
            column(w, "pdf.organisation", 2.6),
            column(w, "pdf.signIn.signature", 3.4),
        ],
        rows: vec![vec![String::new(); 3]; WALK_IN_ROWS],
    });
    Ok(Draft {
        title: format!("{} – {name} {} – {partnership}", w.t("pdf.signIn.title"), m.date),
        file_stem: format!("{} {name}", w.t("pdf.file.signIn")),
        footer: partnership,
        blocks,
    })
}
