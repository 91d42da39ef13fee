//! The database file itself: migrations, pragmas, durability across reopening,
//! constraint violations as typed errors, and all-or-nothing writes.

use crate::common::{TestWorkspace, draft};
use samlar::kernel::values::ById;
use samlar::registry::partnership::{self, PartnershipQuery};
use samlar::store::settings::{Language, SetLanguage};
use samlar::{ErrorCode, store::db};

#[tokio::test]
async fn migrations_apply_to_an_empty_database() {
    let t = TestWorkspace::new().await;
    let applied: i64 = sqlx::query_scalar("SELECT count(*) FROM _sqlx_migrations WHERE success")
        .fetch_one(t.ws.pool())
        .await
        .unwrap();
    assert_eq!(applied as usize, db::MIGRATOR.iter().count());
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE '\\_%' ESCAPE '\\' \
         ORDER BY name",
    )
    .fetch_all(t.ws.pool())
    .await
    .unwrap();
    for table in [
        "partnerships",
        "partnership_goals",
        "organisations",
        "memberships",
        "people",
        "person_competences",
        "meetings",
        "meeting_visitors",
        "agenda_items",
        "attendance",
        "attendance_tally",
        "attendance_tally_meeting",
        "attendance_tally_partnership",
        "decisions",
        "good_examples",
        "actions",
        "action_followups",
        "search_index",
        "settings",
    ] {
        assert!(tables.iter().any(|t| t == table), "{table} missing from {tables:?}");
    }
}

#[tokio::test]
async fn connections_use_wal_full_sync_foreign_keys_and_a_busy_timeout() {
    let t = TestWorkspace::new().await;
    let mut conn = t.ws.pool().acquire().await.unwrap();
    let journal: String =
        sqlx::query_scalar("PRAGMA journal_mode").fetch_one(&mut *conn).await.unwrap();
    let sync: i64 = sqlx::query_scalar("PRAGMA synchronous").fetch_one(&mut *conn).await.unwrap();
    let fk: i64 = sqlx::query_scalar("PRAGMA foreign_keys").fetch_one(&mut *conn).await.unwrap();
    let busy: i64 = sqlx::query_scalar("PRAGMA busy_timeout").fetch_one(&mut *conn).await.unwrap();
    assert_eq!(journal, "wal");
    assert_eq!(sync, 2, "synchronous = FULL");
    assert_eq!(fk, 1);
    assert!(busy >= 1000, "busy timeout {busy} ms");
}

#[tokio::test]
async fn data_survives_closing_and_reopening() {
    let t = TestWorkspace::new().await;
    let mut d = draft("CLN – Competence Learning Network");
    d.purpose = "Nätverk för HR-specialister i Norrbotten och Västerbotten.".into();
    d.start_date = Some("2010-10-01".into());
    d.end_date = Some("2012-09-30".into());
    let created = t.ws.create_partnership(d).await.unwrap();
    t.ws.set_language(SetLanguage { language: Language::En }).await.unwrap();
    let t = t.reopen().await;
    let list = t.ws.partnerships(PartnershipQuery::all()).await.unwrap();
    assert_eq!(list.len(), 1);
    let stored = t.ws.partnership(ById { id: list[0].id }).await.unwrap();
    assert_eq!(stored.partnership, created);
    assert_eq!(t.ws.settings().await.unwrap().language, Language::En);
}

#[tokio::test]
async fn opening_creates_missing_folders() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ny").join("mapp").join("samlar.sqlite3");
    let clock = std::sync::Arc::new(samlar::SystemClock);
    let ws = samlar::Workspace::open(&path, clock).await.unwrap();
    assert!(path.exists());
    ws.close().await;
}

#[tokio::test]
async fn language_is_swedish_until_changed() {
    let t = TestWorkspace::new().await;
    assert_eq!(t.ws.settings().await.unwrap().language, Language::Sv);
    let s = t.ws.set_language(SetLanguage { language: Language::En }).await.unwrap();
    assert_eq!(s.language, Language::En);
    let s = t.ws.set_language(SetLanguage { language: Language::Sv }).await.unwrap();
    assert_eq!(s.language, Language::Sv);
}

#[tokio::test]
async fn constraint_violations_come_back_as_typed_errors() {
    let t = TestWorkspace::new().await;
    let insert = "INSERT INTO partnerships (name, name_key, kind, created_at, updated_at) \
                  VALUES (?, ?, ?, '2026-01-01', '2026-01-01')";
    // A kind the schema does not know, written past the core's types.
    let err: samlar::Error = sqlx::query(insert)
        .bind("X")
        .bind("x")
        .bind("guild")
        .execute(t.ws.pool())
        .await
        .unwrap_err()
        .into();
    assert_eq!(err.code, ErrorCode::InvalidInput);
    sqlx::query(insert).bind("Y").bind("y").bind("other").execute(t.ws.pool()).await.unwrap();
    let err: samlar::Error = sqlx::query(insert)
        .bind("Y")
        .bind("y")
        .bind("other")
        .execute(t.ws.pool())
        .await
        .unwrap_err()
        .into();
    assert_eq!((err.code, err.field.as_deref()), (ErrorCode::NameTaken, Some("name")));
    // The end-before-start rule holds in the schema too.
    let err: samlar::Error =
        sqlx::query("UPDATE partnerships SET start_date = '2027-02-01', end_date = '2027-01-01'")
            .execute(t.ws.pool())
            .await
            .unwrap_err()
            .into();
    assert_eq!(err.code, ErrorCode::InvalidInput);
}

#[tokio::test]
async fn a_write_of_several_steps_is_all_or_nothing() {
    let t = TestWorkspace::new().await;
    let now = "2026-11-23T09:00:00.000Z";
    let mut tx = db::begin_write(t.ws.pool()).await.unwrap();
    partnership::insert(&mut tx, draft("Första"), now).await.unwrap();
    let err = partnership::insert(&mut tx, draft("FÖRSTA"), now).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::NameTaken);
    drop(tx); // rolled back: the first insert must be gone too
    let q = PartnershipQuery::all();
    assert!(t.ws.partnerships(q.clone()).await.unwrap().is_empty());

    let mut tx = db::begin_write(t.ws.pool()).await.unwrap();
    partnership::insert(&mut tx, draft("Första"), now).await.unwrap();
    partnership::insert(&mut tx, draft("Andra"), now).await.unwrap();
    tx.commit().await.unwrap();
    assert_eq!(t.ws.partnerships(q).await.unwrap().len(), 2);
}

#[tokio::test]
async fn a_second_writer_waits_for_the_first_instead_of_failing() {
    let t = TestWorkspace::new().await;
    let now = "2026-11-23T09:00:00.000Z";
    let mut first = db::begin_write(t.ws.pool()).await.unwrap();
    partnership::insert(&mut first, draft("Ett"), now).await.unwrap();
    let pool = t.ws.pool().clone();
    let second = tokio::spawn(async move {
        let mut tx = db::begin_write(&pool).await?;
        partnership::insert(&mut tx, draft("Två"), now).await?;
        tx.commit().await?;
        Ok::<_, samlar::Error>(())
    });
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    assert!(!second.is_finished(), "the second writer must wait for the lock");
    first.commit().await.unwrap();
    second.await.unwrap().unwrap();
    let q = PartnershipQuery::all();
    assert_eq!(t.ws.partnerships(q).await.unwrap().len(), 2);
}

/// A file made before migration 0005 keeps its search entries, and the first
/// edit of a meeting afterwards replaces its entries instead of adding to them.
#[tokio::test]
async fn the_search_index_survives_migration_0005_and_reindexes_by_rowid() {
    use samlar::kernel::values::{MeetingId, MeetingKind};
    use samlar::meetings::draft::MeetingDraft;
    use samlar::meetings::meeting::UpdateMeeting;
    use samlar::search::SearchQuery;
    let dir = tempfile::tempdir().unwrap();
    // The schema as it was after 0004, with a meeting indexed the old way.
    let (pool, path) = crate::common::database_before(dir.path(), "0005").await;
    let now = "2026-11-01T09:00:00.000Z";
    sqlx::query(
        "INSERT INTO partnerships (id, name, name_key, kind, created_at, updated_at) \
         VALUES (1, 'Nätverket', 'nätverket', 'benchlearning', ?1, ?1)",
    )
    .bind(now)
    .execute(&pool)
    .await
    .unwrap();
    sqlx::query(
        "INSERT INTO meetings (id, partnership_id, kind, date, notes, created_at, updated_at) \
         VALUES (7, 1, 'workshop', '2026-10-01', 'Vi pratade om hemtjänsten.', ?1, ?1)",
    )
    .bind(now)
    .execute(&pool)
    .await
    .unwrap();
    sqlx::query(
        "INSERT INTO search_index (text, meeting_id, source) \
         VALUES ('Vi pratade om hemtjänsten.', 7, 'notes')",
    )
    .execute(&pool)
    .await
    .unwrap();
    pool.close().await;

    let clock =
        std::sync::Arc::new(samlar::FixedClock::new("2026-11-23T09:00:00Z".parse().unwrap()));
    let ws = samlar::Workspace::open(&path, clock).await.unwrap();
    let found = |text: &str| SearchQuery { text: text.to_owned(), partnership_id: None };
    assert_eq!(ws.search(found("hemtjänsten")).await.unwrap().len(), 1, "kept by 0005");
    let mut draft = MeetingDraft::new(MeetingKind::Workshop, "2026-10-01");
    draft.notes = "Nu handlade det om skolan.".into();
    ws.update_meeting(UpdateMeeting { id: MeetingId(7), draft }).await.unwrap();
    assert!(ws.search(found("hemtjänsten")).await.unwrap().is_empty(), "old entry replaced");
    assert_eq!(ws.search(found("skolan")).await.unwrap().len(), 1);
    ws.delete_meeting(ById { id: MeetingId(7) }).await.unwrap();
    assert!(ws.search(found("skolan")).await.unwrap().is_empty(), "removed with its meeting");
}

/// A file made before migration 0008 gets the digital meeting link as an
/// empty column on its meetings, and the column refuses more than 2000
/// characters even from a write that bypasses the core's rules.
#[tokio::test]
async fn migration_0008_gives_existing_meetings_an_empty_link() {
    use samlar::kernel::values::MeetingId;
    let dir = tempfile::tempdir().unwrap();
    let (pool, path) = crate::common::database_before(dir.path(), "0008").await;
    let now = "2026-11-01T09:00:00.000Z";
    sqlx::query(
        "INSERT INTO partnerships (id, name, name_key, kind, created_at, updated_at) \
         VALUES (1, 'Nätverket', 'nätverket', 'benchlearning', ?1, ?1)",
    )
    .bind(now)
    .execute(&pool)
    .await
    .unwrap();
    sqlx::query(
        "INSERT INTO meetings (id, partnership_id, kind, date, venue_name, created_at, updated_at) \
         VALUES (7, 1, 'workshop', '2026-10-01', 'Folkets hus', ?1, ?1)",
    )
    .bind(now)
    .execute(&pool)
    .await
    .unwrap();
    pool.close().await;

    let clock =
        std::sync::Arc::new(samlar::FixedClock::new("2026-11-23T09:00:00Z".parse().unwrap()));
    let ws = samlar::Workspace::open(&path, clock).await.unwrap();
    let m = ws.meeting(ById { id: MeetingId(7) }).await.unwrap().meeting;
    assert_eq!((m.venue_name.as_str(), m.online_link.as_str()), ("Folkets hus", ""));
    let long = format!("https://meet.example.se/{}", "a".repeat(2000));
    let err = sqlx::query("UPDATE meetings SET online_link = ? WHERE id = 7")
        .bind(long)
        .execute(ws.pool())
        .await
        .unwrap_err();
    assert_eq!(samlar::Error::from(err).code, ErrorCode::InvalidInput, "the CHECK");
}

/// A row of `records`: uuid, kind, local id, version, deleted at.
type RecordRow = (String, String, Option<i64>, String, Option<String>);

/// Migration 0010 copies `records` to widen its kinds (venues, groups): a
/// database made before keeps every record's identity and version, a
/// deleted record stays a tombstone, and the triggers of the older tables
/// still count changes in the copied table.
#[tokio::test]
async fn migration_0010_keeps_every_record_identity_and_its_triggers() {
    let dir = tempfile::tempdir().unwrap();
    let (pool, path) = crate::common::database_before(dir.path(), "0010").await;
    let now = "2026-11-01T09:00:00.000Z";
    for sql in [
        "INSERT INTO partnerships (id, name, name_key, kind, created_at, updated_at) \
         VALUES (1, 'Nätverket', 'nätverket', 'benchlearning', ?1, ?1)",
        "INSERT INTO meetings (id, partnership_id, kind, date, created_at, updated_at) \
         VALUES (7, 1, 'workshop', '2026-10-01', ?1, ?1)",
        "INSERT INTO meetings (id, partnership_id, kind, date, created_at, updated_at) \
         VALUES (8, 1, 'workshop', '2026-10-02', ?1, ?1)",
        "DELETE FROM meetings WHERE id = 8",
    ] {
        sqlx::query(sql).bind(now).execute(&pool).await.unwrap();
    }
    let before: Vec<RecordRow> = sqlx::query_as(
        "SELECT uuid, kind, local_id, version, deleted_at FROM records ORDER BY uuid",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    assert_eq!(before.len(), 3, "a partnership, a meeting and a tombstone");
    pool.close().await;

    let clock =
        std::sync::Arc::new(samlar::FixedClock::new("2026-11-23T09:00:00Z".parse().unwrap()));
    let ws = samlar::Workspace::open(&path, clock).await.unwrap();
    let after: Vec<RecordRow> = sqlx::query_as(
        "SELECT uuid, kind, local_id, version, deleted_at FROM records ORDER BY uuid",
    )
    .fetch_all(ws.pool())
    .await
    .unwrap();
    assert_eq!(after, before);

    sqlx::query("UPDATE meetings SET notes = 'Efter migreringen' WHERE id = 7")
        .execute(ws.pool())
        .await
        .unwrap();
    let (version, installation): (String, String) = sqlx::query_as(
        "SELECT r.version, i.id FROM records r, installation i \
         WHERE r.kind = 'meeting' AND r.local_id = 7",
    )
    .fetch_one(ws.pool())
    .await
    .unwrap();
    let version: serde_json::Value = serde_json::from_str(&version).unwrap();
    assert_eq!(version[&installation], 2, "the update trigger counted the change");

    sqlx::query(
        "INSERT INTO venues (id, name, created_at, updated_at) VALUES (3, 'Stadshotellet', ?1, ?1)",
    )
    .bind(now)
    .execute(ws.pool())
    .await
    .unwrap();
    let kind: String =
        sqlx::query_scalar("SELECT kind FROM records WHERE local_id = 3 AND kind = 'venue'")
            .fetch_one(ws.pool())
            .await
            .unwrap();
    assert_eq!(kind, "venue", "the widened table takes the new kinds");
    let unique: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM pragma_index_list('records') WHERE name = 'records_local'",
    )
    .fetch_one(ws.pool())
    .await
    .unwrap();
    assert_eq!(unique, 1, "the index of local ids is back");
}
