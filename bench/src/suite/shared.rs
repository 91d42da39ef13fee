//! The shared workspace (issue #20) on the national dataset, through a
//! throw-away PostgreSQL server on this computer (the tests' harness,
//! `tests/support/postgres.rs`): the administrator's first push of the
//! whole dataset, the first sync of an empty computer (everything pulled),
//! one edited meeting reaching another computer (the editor's sync, then
//! the other's), and the background sync every five seconds when nothing
//! changed. Each computer is a database file of its own; the server is on
//! the same two cores, so its work is in the figures too.

#[path = "../../../tests/support/postgres.rs"]
mod postgres;

use super::report::{Row, Target, percentiles};
use super::subjects::Subjects;
use super::timing::Bench;
use crate::generate::{self, BoxError};
use postgres::{ADMIN, ADMIN_PASSWORD, TestServer};
use samlar::Workspace;
use samlar::kernel::values::{ById, MeetingId};
use samlar::meetings::approval::{self, UnlockMeeting};
use samlar::meetings::meeting::UpdateMeeting;
use samlar::shared::join::{JoinSharedWorkspace, JoinStart};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The goals: an empty computer has the national dataset within
/// 30 s; an edited meeting is on another computer within 2 s.
pub const FIRST_SYNC_MS: f64 = 30_000.0;
pub const EDIT_REACHES_MS: f64 = 2_000.0;

const PUSH: (&str, &str) = ("shared: push national dataset", "administrator's first push");
const FIRST: (&str, &str) =
    ("shared: first sync into an empty client", "national, as the administrator: sees all");
const EDIT: (&str, &str) = (
    "shared: one edited meeting reaches another client",
    "notes of the richest meeting: A's sync, then B's",
);
const IDLE: (&str, &str) = ("shared: idle sync", "nothing changed, the 5-second background sync");

/// Whether PostgreSQL's server binaries are here, where the harness looks.
fn postgres_installed() -> bool {
    let packaged = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .any(|entry| entry.path().join("bin/initdb").is_file());
    packaged
        || std::env::var_os("PATH").is_some_and(|paths| {
            std::env::split_paths(&paths).any(|dir| dir.join("initdb").is_file())
        })
}

fn join(server: &TestServer, start: JoinStart) -> JoinSharedWorkspace {
    JoinSharedWorkspace {
        server: server.settings(ADMIN),
        password: ADMIN_PASSWORD.to_owned(),
        start,
        name: Some("Mätning av Samlär".into()),
    }
}

fn row(command: (&str, &str), times: &[Duration], target: Target, note: String) -> Row {
    let (median, p95) = percentiles(times);
    Row {
        command: command.0.to_owned(),
        subject: command.1.to_owned(),
        median_ms: Some(median),
        p95_ms: Some(p95),
        kb: None,
        target,
        note,
    }
}

/// A computer of its own: a folder with its database file.
async fn computer(dir: &Path, name: &str, from: Option<&Path>) -> Result<Workspace, BoxError> {
    let folder = dir.join(name);
    let _ = std::fs::remove_dir_all(&folder);
    std::fs::create_dir_all(&folder)?;
    let path = folder.join("samlar.sqlite3");
    if let Some(from) = from {
        std::fs::copy(from, &path)?;
    }
    Ok(Workspace::open(&path, generate::clock()).await?)
}

async fn gone(ws: Workspace) {
    let folder: PathBuf = ws.data_dir().to_owned();
    ws.close().await;
    let _ = std::fs::remove_dir_all(folder);
}

async fn records(ws: &Workspace) -> Result<i64, BoxError> {
    Ok(sqlx::query_scalar("SELECT count(*) FROM records WHERE local_id IS NOT NULL")
        .fetch_one(ws.pool())
        .await?)
}

async fn notes_of(ws: &Workspace, uuid: &str) -> Result<Option<String>, BoxError> {
    Ok(sqlx::query_scalar(
        "SELECT m.notes FROM records r JOIN meetings m ON m.id = r.local_id \
         WHERE r.kind = 'meeting' AND r.uuid = ?",
    )
    .bind(uuid)
    .fetch_optional(ws.pool())
    .await?)
}

/// The shared workspace's rows; returns notes for under the table.
pub(super) async fn shared(
    b: &mut Bench<'_>,
    ws: &Workspace,
    s: &Subjects,
    dir: &Path,
) -> Result<Vec<String>, BoxError> {
    let wanted = |b: &Bench<'_>, r: (&str, &str)| b.wanted(r.0, r.1);
    if !b.opts.shared || ![PUSH, FIRST, EDIT, IDLE].iter().any(|r| wanted(b, *r)) {
        return Ok(Vec::new());
    }
    if !postgres_installed() {
        return Ok(vec![
            "Shared workspace: not measured, PostgreSQL is not installed (scripts/setup --test)."
                .to_owned(),
        ]);
    }
    let mut notes = Vec::new();
    let long_runs = b.opts.shared_runs.max(1);
    let short_runs = b.opts.runs.clamp(1, 20);
    let base = dir.join("shared-base.sqlite3");
    ws.back_up_to(&base).await?;
    let in_base = records(ws).await?;

    // The administrator's first push, each run to a new server.
    let push_runs = if wanted(b, PUSH) { long_runs } else { 1 };
    let mut times = Vec::new();
    let mut a: Option<(TestServer, Workspace)> = None;
    let mut sent = 0;
    for _ in 0..push_runs {
        if let Some((server, old)) = a.take() {
            gone(old).await;
            drop(server);
        }
        let server = TestServer::start();
        let pushing = computer(dir, "shared-a", Some(&base)).await?;
        let started = Instant::now();
        let report =
            pushing.join_shared_workspace(join(&server, JoinStart::PushThisDatabase)).await?;
        times.push(started.elapsed());
        sent = report.sent;
        a = Some((server, pushing));
    }
    let _ = std::fs::remove_file(&base);
    let Some((server, a)) = a else { return Ok(notes) };
    if wanted(b, PUSH) {
        b.push(row(PUSH, &times, Target::None, format!("{sent} records")));
    }
    notes.push(format!(
        "Shared workspace: the push sent {sent} of the {in_base} records; a new PostgreSQL \
         server {} per push run (fsync off), on this computer.",
        server_version(&server)
    ));

    // An empty computer joins and pulls everything; the last one stays as B.
    let first_runs = if wanted(b, FIRST) { long_runs } else { 1 };
    let mut times = Vec::new();
    let mut other: Option<Workspace> = None;
    let mut received = 0;
    for run in 0..first_runs {
        if let Some(old) = other.take() {
            gone(old).await;
        }
        let empty = computer(dir, &format!("shared-b{run}"), None).await?;
        let started = Instant::now();
        let report = empty.join_shared_workspace(join(&server, JoinStart::StartFromShared)).await?;
        times.push(started.elapsed());
        received = report.received;
        other = Some(empty);
    }
    let Some(other) = other else { return Ok(notes) };
    let in_b = records(&other).await?;
    if wanted(b, FIRST) {
        b.push(row(FIRST, &times, Target::Median(FIRST_SYNC_MS), String::new()));
        notes.push(format!(
            "Shared workspace: the first sync received {received} records; the empty client \
             then has {in_b} of the {in_base}."
        ));
    }

    // One meeting edited on A reaches B: A's sync sends it, B's brings it.
    let meeting = MeetingId(s.autosave_meeting);
    let uuid: String =
        sqlx::query_scalar("SELECT uuid FROM records WHERE kind = 'meeting' AND local_id = ?")
            .bind(meeting.0)
            .fetch_one(a.pool())
            .await?;
    if approval::is_approved(a.pool(), meeting).await? {
        let reason = "Mätning av Samlär".to_owned();
        a.unlock_meeting(UnlockMeeting { meeting_id: meeting, person_id: None, reason }).await?;
    }
    for _ in 0..2 {
        a.sync_now(ADMIN_PASSWORD).await?;
        other.sync_now(ADMIN_PASSWORD).await?;
    }
    if wanted(b, EDIT) {
        let detail = a.meeting(ById { id: meeting }).await?;
        let mut draft = super::commands::draft_of(&detail);
        let (mut total, mut sending, mut bringing) = (Vec::new(), Vec::new(), Vec::new());
        for run in 0..short_runs {
            draft.notes.push_str(&format!(" ändring {run}"));
            a.update_meeting(UpdateMeeting { id: meeting, draft: draft.clone() }).await?;
            let started = Instant::now();
            let sent = a.sync_now(ADMIN_PASSWORD).await?;
            let between = Instant::now();
            let brought = other.sync_now(ADMIN_PASSWORD).await?;
            let ended = Instant::now();
            if sent.sent == 0 || brought.received == 0 {
                return Err(format!("the edit did not travel: {sent:?}, {brought:?}").into());
            }
            if notes_of(&other, &uuid).await?.as_deref() != Some(draft.notes.as_str()) {
                return Err("the other client does not have the edited notes".into());
            }
            total.push(ended - started);
            sending.push(between - started);
            bringing.push(ended - between);
        }
        b.push(row(EDIT, &total, Target::P95(EDIT_REACHES_MS), String::new()));
        let (send_median, send_p95) = percentiles(&sending);
        let (bring_median, bring_p95) = percentiles(&bringing);
        notes.push(format!(
            "Shared workspace, one edited meeting: A's sync (pull, then push of the edit) median \
             {send_median:.0} ms, p95 {send_p95:.0} ms; B's sync (pull of it) median \
             {bring_median:.0} ms, p95 {bring_p95:.0} ms; {short_runs} runs."
        ));
    }

    // The background sync when nothing changed anywhere.
    if wanted(b, IDLE) {
        let mut times = Vec::new();
        for _ in 0..short_runs {
            let started = Instant::now();
            let report = other.sync_now(ADMIN_PASSWORD).await?;
            times.push(started.elapsed());
            if report.received + report.sent > 0 {
                return Err(format!("an idle sync moved records: {report:?}").into());
            }
        }
        b.push(row(IDLE, &times, Target::None, String::new()));
    }
    gone(other).await;
    gone(a).await;
    drop(server);
    Ok(notes)
}

/// The server's version, as `psql` reports it.
fn server_version(server: &TestServer) -> String {
    server.superuser_sql("SHOW server_version")
}
