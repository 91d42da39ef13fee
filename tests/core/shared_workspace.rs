//! The shared workspace through a real PostgreSQL server: an administrator
//! (the first coordinator) pushes a database, a second coordinator and a
//! mentor start from it; concurrent edits, a conflict settled field by
//! field, a deletion, a client offline and back, two pushes at once, the
//! server killed mid-push, and a mentor's role querying the server
//! directly for what it may not see.

use crate::common::{TestWorkspace, draft};
use crate::exchange::{coordinators_round, local_id, notes_of, session_draft, uuid_of};
use crate::postgres::{ADMIN, ADMIN_PASSWORD, TestServer};
use samlar::ErrorCode;
use samlar::exchange::merge::{Choice, ConflictKind, Side};
use samlar::exchange::record::Kind;
use samlar::kernel::values::{
    ActionId, ById, MeetingId, MeetingKind, OrganisationId, PairingId, PartnershipId, PersonId,
};
use samlar::meetings::action::{ActionDraft, UpdateAction};
use samlar::meetings::draft::MeetingDraft;
use samlar::meetings::meeting::{CreateMeeting, UpdateMeeting};
use samlar::shared::ServerSettings;
use samlar::shared::conflicts::ResolveSyncConflict;
use samlar::shared::join::{JoinSharedWorkspace, JoinStart};
use samlar::shared::members::{GrantScope, SetSharedMember};

pub(crate) const B: &str = "coordinator_b";
pub(crate) const B_PASSWORD: &str = "b's password";
const MENTOR: &str = "mentor_lena";
const MENTOR_PASSWORD: &str = "lena's password";

pub(crate) fn join(
    server: &ServerSettings,
    password: &str,
    start: JoinStart,
) -> JoinSharedWorkspace {
    JoinSharedWorkspace {
        server: server.clone(),
        password: password.to_owned(),
        start,
        name: Some("Modellkommunprogrammet".into()),
    }
}

/// The learning meetings of a partnership, by date.
async fn meeting_ids(t: &TestWorkspace, partnership: i64) -> Vec<i64> {
    sqlx::query_scalar(
        "SELECT id FROM meetings WHERE partnership_id = ? AND kind = 'learning' ORDER BY date, id",
    )
    .bind(partnership)
    .fetch_all(t.ws.pool())
    .await
    .unwrap()
}

pub(crate) async fn count(t: &TestWorkspace, sql: &str) -> i64 {
    sqlx::query_scalar(sqlx::AssertSqlSafe(sql.to_owned())).fetch_one(t.ws.pool()).await.unwrap()
}

fn learning(date: &str, notes: &str) -> MeetingDraft {
    MeetingDraft { notes: notes.to_owned(), ..MeetingDraft::new(MeetingKind::Learning, date) }
}

/// The administrator's database pushed; B and the mentor granted their
/// scopes and started from the workspace.
struct Three {
    server: TestServer,
    a: TestWorkspace,
    b: TestWorkspace,
    mentor: TestWorkspace,
    round: PartnershipId,
    secret_uuid: String,
    pairing_uuid: String,
    round_uuid: String,
}

async fn three() -> Three {
    let server = TestServer::start();
    server.create_member(B, B_PASSWORD);
    server.create_member(MENTOR, MENTOR_PASSWORD);
    let a = TestWorkspace::new().await;
    let c = coordinators_round(&a).await;
    let secret = a.ws.create_partnership(draft("Benchlearning Norr")).await.unwrap().id;
    let d = learning("2026-10-01", "Internt för Norr");
    a.ws.create_meeting(CreateMeeting { partnership_id: secret, draft: d }).await.unwrap();

    let pushed =
        a.ws.join_shared_workspace(join(
            &server.settings(ADMIN),
            ADMIN_PASSWORD,
            JoinStart::PushThisDatabase,
        ))
        .await
        .unwrap();
    assert!(pushed.sent > 10, "everything went: {pushed:?}");
    let round_uuid = uuid_of(&a, Kind::Partnership, c.round.0).await;
    let secret_uuid = uuid_of(&a, Kind::Partnership, secret.0).await;
    let pairing_uuid = uuid_of(&a, Kind::Pairing, c.pairing.0).await;
    a.ws.grant_scope(GrantScope { role: B.into(), scope: round_uuid.clone() }, ADMIN_PASSWORD)
        .await
        .unwrap();
    a.ws.grant_scope(
        GrantScope { role: MENTOR.into(), scope: pairing_uuid.clone() },
        ADMIN_PASSWORD,
    )
    .await
    .unwrap();

    let b = TestWorkspace::new().await;
    b.ws.join_shared_workspace(join(&server.settings(B), B_PASSWORD, JoinStart::StartFromShared))
        .await
        .unwrap();
    let mentor = TestWorkspace::new().await;
    mentor
        .ws
        .join_shared_workspace(join(
            &server.settings(MENTOR),
            MENTOR_PASSWORD,
            JoinStart::StartFromShared,
        ))
        .await
        .unwrap();
    Three { server, a, b, mentor, round: c.round, secret_uuid, pairing_uuid, round_uuid }
}

#[tokio::test]
async fn three_computers_share_one_record_and_each_sees_only_its_own() {
    let t = three().await;
    let (a, b, mentor) = (&t.a, &t.b, &t.mentor);

    // B has the round whole, and not the partnership it was not granted.
    let names: Vec<String> = sqlx::query_scalar("SELECT name FROM partnerships ORDER BY name")
        .fetch_all(b.ws.pool())
        .await
        .unwrap();
    assert_eq!(names, ["Modellkommun 2027"]);
    assert_eq!(count(b, "SELECT count(*) FROM meetings").await, 3);
    assert_eq!(count(b, "SELECT count(*) FROM actions").await, 1);
    // Nobody was granted accessibility needs: Lena's stayed with A.
    assert_eq!(count(b, "SELECT count(*) FROM people WHERE accessibility_needs <> ''").await, 0);
    assert_eq!(count(a, "SELECT count(*) FROM people WHERE accessibility_needs <> ''").await, 1);

    // The mentor has the pairing, its session, and the round only as context.
    assert_eq!(count(mentor, "SELECT count(*) FROM pairings").await, 1);
    let mentor_round: (String, String) =
        sqlx::query_as("SELECT name, mandate_notes FROM partnerships")
            .fetch_one(mentor.ws.pool())
            .await
            .unwrap();
    assert_eq!(mentor_round, ("Modellkommun 2027".to_owned(), String::new()));
    assert_eq!(
        count(mentor, "SELECT count(*) FROM meetings WHERE notes = 'Internt för Norr'").await,
        0
    );

    // Concurrent edits of different records: both land everywhere.
    let a_meetings = meeting_ids(a, t.round.0).await;
    let d = learning("2026-11-02", "A skrev om lärandemötet");
    a.ws.update_meeting(UpdateMeeting { id: MeetingId(a_meetings[0]), draft: d }).await.unwrap();
    let b_round = local_id(b, &t.round_uuid).await;
    let b_meetings = meeting_ids(b, b_round).await;
    let d = learning("2027-01-20", "B planerade nästa möte");
    b.ws.update_meeting(UpdateMeeting { id: MeetingId(b_meetings[1]), draft: d }).await.unwrap();
    assert_eq!(b.ws.sync_status().await.unwrap().waiting, 1);

    // Two pushes at once both land.
    let (ra, rb) = tokio::join!(a.ws.sync_now(ADMIN_PASSWORD), b.ws.sync_now(B_PASSWORD));
    ra.unwrap();
    rb.unwrap();
    a.ws.sync_now(ADMIN_PASSWORD).await.unwrap();
    b.ws.sync_now(B_PASSWORD).await.unwrap();
    assert_eq!(notes_of(b, b_meetings[0]).await, "A skrev om lärandemötet");
    let query = samlar::search::SearchQuery { text: "lärandemötet".into(), partnership_id: None };
    assert_eq!(b.ws.search(query).await.unwrap().len(), 1, "what arrived is searchable");
    // An action changed alone reaches the other computer's search too.
    let action: i64 = count(a, "SELECT id FROM actions").await;
    let vannas: i64 = count(a, "SELECT id FROM organisations WHERE name = 'Vännäs kommun'").await;
    let draft =
        ActionDraft::new("Jämställdhetsbudgetering i två nämnder", Some(OrganisationId(vannas)));
    a.ws.update_action(UpdateAction { id: ActionId(action), draft }).await.unwrap();
    a.ws.sync_now(ADMIN_PASSWORD).await.unwrap();
    b.ws.sync_now(B_PASSWORD).await.unwrap();
    let query = samlar::search::SearchQuery {
        text: "jämställdhetsbudgetering".into(),
        partnership_id: None,
    };
    assert_eq!(b.ws.search(query).await.unwrap().len(), 1, "an action arrived alone is searchable");
    assert_eq!(notes_of(a, a_meetings[1]).await, "B planerade nästa möte");
    assert_eq!(b.ws.sync_status().await.unwrap().waiting, 0);

    // The same meeting changed on both sides: a conflict, never overwritten.
    let d = learning("2026-11-02", "A:s version, Per var med");
    a.ws.update_meeting(UpdateMeeting { id: MeetingId(a_meetings[0]), draft: d }).await.unwrap();
    let d = learning("2026-11-02", "B:s version");
    b.ws.update_meeting(UpdateMeeting { id: MeetingId(b_meetings[0]), draft: d }).await.unwrap();
    a.ws.sync_now(ADMIN_PASSWORD).await.unwrap();
    let report = b.ws.sync_now(B_PASSWORD).await.unwrap();
    assert_eq!((report.new_conflicts, report.held_back), (1, 0), "{report:?}");
    assert_eq!(notes_of(b, b_meetings[0]).await, "B:s version", "kept until B chooses");
    let status = b.ws.sync_status().await.unwrap();
    assert_eq!((status.conflicts, status.waiting), (1, 1));
    let conflicts = b.ws.sync_conflicts().await.unwrap();
    assert_eq!(conflicts.len(), 1);
    assert_eq!(conflicts[0].conflict, ConflictKind::Changed);
    let notes = conflicts[0].fields.iter().find(|f| f.field == "notes").unwrap();
    assert_eq!(
        (notes.here.as_str(), notes.there.as_str()),
        (Some("B:s version"), Some("A:s version, Per var med"))
    );
    // While it waits, the person it names cannot be erased here.
    let per: i64 = count(b, "SELECT id FROM people WHERE name = 'Per'").await;
    let err = b.ws.delete_person(ById { id: PersonId(per) }).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::ConflictsUnresolved);
    let choices = conflicts[0]
        .fields
        .iter()
        .map(|f| Choice {
            uuid: conflicts[0].uuid.clone(),
            field: Some(f.field.clone()),
            take: Side::There,
        })
        .collect();
    b.ws.resolve_sync_conflict(ResolveSyncConflict { uuid: conflicts[0].uuid.clone(), choices })
        .await
        .unwrap();
    assert_eq!(notes_of(b, b_meetings[0]).await, "A:s version, Per var med");
    b.ws.sync_now(B_PASSWORD).await.unwrap();
    a.ws.sync_now(ADMIN_PASSWORD).await.unwrap();
    assert_eq!(notes_of(a, a_meetings[0]).await, "A:s version, Per var med");
    assert_eq!(b.ws.sync_status().await.unwrap().conflicts, 0);
    assert_eq!(a.ws.sync_status().await.unwrap().conflicts, 0, "the choice settled it for A too");

    // A deletion travels as a tombstone.
    b.ws.delete_meeting(ById { id: MeetingId(b_meetings[1]) }).await.unwrap();
    b.ws.sync_now(B_PASSWORD).await.unwrap();
    a.ws.sync_now(ADMIN_PASSWORD).await.unwrap();
    assert_eq!(meeting_ids(a, t.round.0).await.len(), a_meetings.len() - 1);

    // The mentor, offline for a while, writes the session's notes; back
    // online, they reach A.
    let wrong_port = ServerSettings { port: 1, ..t.server.settings(MENTOR) };
    sqlx::query("UPDATE shared_workspace SET port = ?")
        .bind(i64::from(wrong_port.port))
        .execute(mentor.ws.pool())
        .await
        .unwrap();
    let m_pairing = local_id(mentor, &t.pairing_uuid).await;
    let m_session: i64 =
        count(mentor, "SELECT id FROM meetings WHERE pairing_id IS NOT NULL").await;
    let d = session_draft(PairingId(m_pairing), "2026-12-02", "Vi gick igenom statistiken");
    mentor.ws.update_meeting(UpdateMeeting { id: MeetingId(m_session), draft: d }).await.unwrap();
    let err = mentor.ws.sync_now(MENTOR_PASSWORD).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::ServerUnreachable);
    let status = mentor.ws.sync_status().await.unwrap();
    assert!(status.offline_since.is_some());
    assert_eq!(status.waiting, 1);
    sqlx::query("UPDATE shared_workspace SET port = ?")
        .bind(i64::from(t.server.port()))
        .execute(mentor.ws.pool())
        .await
        .unwrap();
    mentor.ws.sync_now(MENTOR_PASSWORD).await.unwrap();
    assert_eq!(mentor.ws.sync_status().await.unwrap().offline_since, None);
    a.ws.sync_now(ADMIN_PASSWORD).await.unwrap();
    let c_session: i64 = count(a, "SELECT id FROM meetings WHERE pairing_id IS NOT NULL").await;
    assert_eq!(notes_of(a, c_session).await, "Vi gick igenom statistiken");

    // The mentor's role, querying the server itself, sees nothing of the
    // partnership it was not granted and can change nothing there.
    let mut pg = t.server.connect_as(MENTOR, MENTOR_PASSWORD).await;
    let seen: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM samlar.records WHERE uuid = $1::uuid OR body->>'label' LIKE '%Norr%'",
    )
    .bind(&t.secret_uuid)
    .fetch_one(&mut pg)
    .await
    .unwrap();
    assert_eq!(seen, 0);
    let scopes: i64 =
        sqlx::query_scalar("SELECT count(*) FROM samlar.scope_records WHERE scope = $1::uuid")
            .bind(&t.secret_uuid)
            .fetch_one(&mut pg)
            .await
            .unwrap();
    assert_eq!(scopes, 0);
    let changed = sqlx::query("UPDATE samlar.records SET body = '{}' WHERE uuid = $1::uuid")
        .bind(&t.secret_uuid)
        .execute(&mut pg)
        .await
        .unwrap();
    assert_eq!(changed.rows_affected(), 0);
    let granted =
        sqlx::query("INSERT INTO samlar.grants (role, scope, seq) VALUES ($1, $2::uuid, 0)")
            .bind(MENTOR)
            .bind(&t.secret_uuid)
            .execute(&mut pg)
            .await;
    assert!(granted.is_err(), "a mentor cannot grant itself a scope");
    let needs: i64 = sqlx::query_scalar("SELECT count(*) FROM samlar.sensitive_fields")
        .fetch_one(&mut pg)
        .await
        .unwrap();
    assert_eq!(needs, 0, "accessibility needs are not the mentor's to see");
    // Nor does the mentor see the round's own record whole.
    let whole: i64 =
        sqlx::query_scalar("SELECT count(*) FROM samlar.records WHERE uuid = $1::uuid")
            .bind(&t.round_uuid)
            .fetch_one(&mut pg)
            .await
            .unwrap();
    assert_eq!(whole, 0);

    // The members the administrator manages: the owner and the login roles
    // of samlar_member, not the server's superuser.
    let members = a.ws.shared_members(ADMIN_PASSWORD).await.unwrap();
    let roles: Vec<&str> = members.members.iter().map(|m| m.role.as_str()).collect();
    assert_eq!(roles, [B, MENTOR, ADMIN]);
    let err = b.ws.shared_members(B_PASSWORD).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::NotAdministrator);

    // Granted accessibility needs, B sees Lena's at its next pull, with
    // nothing of its own to send for it.
    let member = SetSharedMember { role: B.into(), administrator: false, sensitive: true };
    a.ws.set_shared_member(member, ADMIN_PASSWORD).await.unwrap();
    b.ws.sync_now(B_PASSWORD).await.unwrap();
    let needs: Vec<String> = sqlx::query_scalar(
        "SELECT accessibility_needs FROM people WHERE accessibility_needs <> ''",
    )
    .fetch_all(b.ws.pool())
    .await
    .unwrap();
    assert_eq!(needs, ["Hörslinga"]);
    assert_eq!(b.ws.sync_status().await.unwrap().waiting, 0);

    // A person erased on one computer is erased on the server too: her
    // record is a tombstone there, and her accessibility needs are gone.
    let lena: i64 = count(a, "SELECT id FROM people WHERE name = 'Lena Exempel'").await;
    a.ws.delete_person(ById { id: PersonId(lena) }).await.unwrap();
    a.ws.sync_now(ADMIN_PASSWORD).await.unwrap();
    let mut admin = t.server.connect_as(ADMIN, ADMIN_PASSWORD).await;
    let left: (i64, i64) = sqlx::query_as(
        "SELECT (SELECT count(*) FROM samlar.records WHERE body::text LIKE '%Lena%' \
                   OR body::text LIKE '%lena@%'), \
                (SELECT count(*) FROM samlar.sensitive_fields WHERE fields::text LIKE '%Hörslinga%')",
    )
    .fetch_one(&mut admin)
    .await
    .unwrap();
    assert_eq!(left, (0, 0), "nothing of Lena is left on the server");
    b.ws.sync_now(B_PASSWORD).await.unwrap();
    assert_eq!(count(b, "SELECT count(*) FROM people WHERE name = 'Lena Exempel'").await, 0);

    // A scope revoked: B's next pull brings nothing more of the round.
    let revoke = GrantScope { role: B.into(), scope: t.round_uuid.clone() };
    a.ws.revoke_scope(revoke, ADMIN_PASSWORD).await.unwrap();
    let d = learning("2026-11-02", "Efter att B togs bort");
    a.ws.update_meeting(UpdateMeeting { id: MeetingId(a_meetings[0]), draft: d }).await.unwrap();
    a.ws.sync_now(ADMIN_PASSWORD).await.unwrap();
    b.ws.sync_now(B_PASSWORD).await.unwrap();
    assert_eq!(notes_of(b, b_meetings[0]).await, "A:s version, Per var med");
}

#[tokio::test]
async fn a_server_killed_mid_push_loses_nothing_and_duplicates_nothing() {
    let mut t = three().await;
    // A large push: forty meetings.
    for day in 1..=40 {
        let d = learning(&format!("2027-03-{:02}", day.min(28)), &format!("Möte {day}"));
        t.a.ws.create_meeting(CreateMeeting { partnership_id: t.round, draft: d }).await.unwrap();
    }
    assert_eq!(t.a.ws.sync_status().await.unwrap().waiting, 40);
    // Mid-push for certain: the push's records are written when it waits
    // for a lock on the scopes' table, held by another session; then the
    // server is killed.
    let mut holder = t.server.connect_as(ADMIN, ADMIN_PASSWORD).await;
    sqlx::query("BEGIN").execute(&mut holder).await.unwrap();
    sqlx::query("LOCK TABLE samlar.scope_records IN EXCLUSIVE MODE")
        .execute(&mut holder)
        .await
        .unwrap();
    let mut watcher = t.server.connect_as(ADMIN, ADMIN_PASSWORD).await;
    let push = async { t.a.ws.sync_now(ADMIN_PASSWORD).await };
    let kill = async {
        let started = std::time::Instant::now();
        loop {
            assert!(started.elapsed().as_secs() < 60, "the push never reached the lock");
            let (waiting, written): (i64, i64) = sqlx::query_as(
                "SELECT (SELECT count(*) FROM pg_stat_activity \
                   WHERE wait_event_type = 'Lock' AND query LIKE '%scope_records%'), \
                  (SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted)",
            )
            .fetch_one(&mut watcher)
            .await
            .unwrap();
            if waiting > 0 && written > 0 {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(10)).await;
        }
        t.server.kill9();
    };
    let (pushed, ()) = tokio::join!(push, kill);
    let err = pushed.unwrap_err();
    assert_eq!(err.code, ErrorCode::ServerUnreachable, "{err:?}");
    assert_eq!(t.a.ws.sync_status().await.unwrap().waiting, 40, "nothing left the outbox");
    drop((holder, watcher));
    t.server.restart();
    let mut pg = t.server.connect_as(ADMIN, ADMIN_PASSWORD).await;
    let half: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM samlar.records WHERE body->'fields'->>'notes' LIKE 'Möte %'",
    )
    .fetch_one(&mut pg)
    .await
    .unwrap();
    assert_eq!(half, 0, "the push was one transaction: none of it stayed");
    t.a.ws.sync_now(ADMIN_PASSWORD).await.unwrap();
    assert_eq!(t.a.ws.sync_status().await.unwrap().waiting, 0);
    t.b.ws.sync_now(B_PASSWORD).await.unwrap();
    let b_round = local_id(&t.b, &t.round_uuid).await;
    let notes: Vec<String> = sqlx::query_scalar(
        "SELECT notes FROM meetings WHERE partnership_id = ? AND notes LIKE 'Möte %' ORDER BY notes",
    )
    .bind(b_round)
    .fetch_all(t.b.ws.pool())
    .await
    .unwrap();
    assert_eq!(notes.len(), 40, "each meeting once: {notes:?}");
    let on_server: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM samlar.records WHERE body->'fields'->>'notes' LIKE 'Möte %'",
    )
    .fetch_one(&mut pg)
    .await
    .unwrap();
    assert_eq!(on_server, 40);
}
