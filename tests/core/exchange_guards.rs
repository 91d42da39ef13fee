//! Across computers, what must not get in: hostile packages refused with
//! nothing written, the identities migration 0007 gives existing records,
//! a new installation id for a copied or restored database, and the package
//! as a file crossing IPC. The journeys are in `exchange`.

use crate::common::TestWorkspace;
use crate::exchange::{coordinators_round, fingerprint, pairing_package};
use samlar::ErrorCode;
use samlar::exchange::installation::SetInstallationName;
use samlar::exchange::package::{self, MakePackage};
use samlar::exchange::record::Kind;
use samlar::exchange::scope::Scope;
use samlar::kernel::values::{ById, MeetingId};
use serde_json::Value;
use std::io::Write;

/// A zip with the given entries, as a hostile sender would make it.
fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in entries {
        zip.start_file(*name, options).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

fn entries_of(bytes: &[u8]) -> (Value, Vec<u8>) {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut read = |name: &str| {
        let mut out = Vec::new();
        std::io::Read::read_to_end(&mut archive.by_name(name).unwrap(), &mut out).unwrap();
        out
    };
    let manifest = serde_json::from_slice(&read("manifest.json")).unwrap();
    (manifest, read("records.json"))
}

#[tokio::test]
async fn hostile_packages_are_refused_and_nothing_is_written() {
    let coordinator = TestWorkspace::new().await;
    let mentor = TestWorkspace::new().await;
    let c = coordinators_round(&coordinator).await;
    let good = pairing_package(&coordinator, c.pairing.0).await;
    let (manifest, records) = entries_of(&good);
    let manifest_bytes = serde_json::to_vec(&manifest).unwrap();

    let mut newer = manifest.clone();
    newer["formatVersion"] = Value::from(samlar::exchange::package::FORMAT_VERSION + 1);
    let mut altered = records.clone();
    let at = altered.iter().position(|b| *b == b'V').unwrap();
    altered[at] = b'W';
    let mut bomb_manifest = manifest.clone();
    bomb_manifest["recordsBytes"] = Value::from(records.len());
    let mut bomb = records.clone();
    bomb.extend(std::iter::repeat_n(b' ', 64 * 1024 * 1024));
    let cases: Vec<(&str, Vec<u8>, ErrorCode)> = vec![
        ("truncated", good[..good.len() / 2].to_vec(), ErrorCode::DamagedPackage),
        (
            "a text file",
            b"Hej, det h\xc3\xa4r \xc3\xa4r inget paket".to_vec(),
            ErrorCode::NotAPackage,
        ),
        ("another zip", zip_of(&[("dokument.txt", b"text")]), ErrorCode::NotAPackage),
        (
            "wrong checksum",
            zip_of(&[("manifest.json", &manifest_bytes), ("records.json", &altered)]),
            ErrorCode::DamagedPackage,
        ),
        (
            "newer format",
            zip_of(&[
                ("manifest.json", &serde_json::to_vec(&newer).unwrap()),
                ("records.json", &records),
            ]),
            ErrorCode::NewerPackage,
        ),
        (
            "a zip bomb",
            zip_of(&[
                ("manifest.json", &serde_json::to_vec(&bomb_manifest).unwrap()),
                ("records.json", &bomb),
            ]),
            ErrorCode::DamagedPackage,
        ),
        (
            "a path out of the folder",
            zip_of(&[
                ("manifest.json", &manifest_bytes),
                ("records.json", &records),
                ("../x", b"x"),
            ]),
            ErrorCode::NotAPackage,
        ),
    ];
    let before = fingerprint(&mentor).await;
    for (what, bytes, code) in cases {
        let preview = mentor.ws.preview_package(&bytes).await;
        let Err(err) = preview else { panic!("{what}: previewed") };
        assert_eq!(err.code, code, "{what}: {}", err.message);
        assert_eq!(err.field.as_deref(), Some("file"), "{what}");
        let Err(err) = mentor.ws.open_package(&bytes, &[]).await else { panic!("{what}: opened") };
        assert_eq!(err.code, code, "{what}");
        assert_eq!(fingerprint(&mentor).await, before, "{what}: nothing written");
    }
    assert!(!mentor.dir.path().parent().unwrap().join("x").exists());
    // Well made, but a meeting of a partnership that is neither here nor in it.
    let mut without_round = package::read(&good).unwrap();
    without_round.contents.records.retain(|r| r.kind != Kind::Partnership);
    let m = without_round.manifest;
    let bytes = package::write(m.sender, m.scope, m.created_at, &without_round.contents).unwrap();
    let Err(err) = mentor.ws.open_package(&bytes, &[]).await else { panic!("opened") };
    assert_eq!((err.code, err.field.as_deref()), (ErrorCode::DamagedPackage, Some("file")));
    assert_eq!(fingerprint(&mentor).await, before, "nothing half-written");
    assert!(zip_of(&[("records.json", &bomb)]).len() < 1024 * 1024, "the bomb is small packed");
    // The good one still opens.
    mentor.ws.open_package(&good, &[]).await.unwrap();
}

#[tokio::test]
async fn migration_0007_gives_every_existing_record_an_identity() {
    let dir = tempfile::tempdir().unwrap();
    let (pool, path) = crate::common::database_before(dir.path(), "0007").await;
    let now = "2026-11-01T09:00:00.000Z";
    for sql in [
        "INSERT INTO partnerships (id, name, name_key, kind, created_at, updated_at) VALUES \
         (1, 'Nätverket', 'nätverket', 'benchlearning', ?1, ?1)",
        "INSERT INTO organisations (id, name, name_key, kind, created_at, updated_at) VALUES \
         (1, 'Umeå kommun', 'umeå kommun', 'municipality', ?1, ?1), (2, 'Vännäs', 'vännäs', 'municipality', ?1, ?1)",
        "INSERT INTO meetings (id, partnership_id, kind, date, created_at, updated_at) \
         VALUES (7, 1, 'workshop', '2026-10-01', ?1, ?1), (8, 1, 'workshop', '2026-11-01', ?1, ?1)",
        "INSERT INTO actions (id, partnership_id, meeting_id, organisation_id, description, agreed_status, status, created_at, updated_at) \
         VALUES (1, 1, 7, 2, 'Gör något', 'planned', 'planned', ?1, ?1)",
        "INSERT INTO action_followups (action_id, meeting_id, status, note, recorded_at) VALUES (1, 8, 'done', 'Klart', ?1)",
    ] {
        sqlx::query(sql).bind(now).execute(&pool).await.unwrap();
    }
    pool.close().await;

    let clock =
        std::sync::Arc::new(samlar::FixedClock::new("2026-11-23T09:00:00Z".parse().unwrap()));
    let ws = samlar::Workspace::open(&path, clock).await.unwrap();
    let rows: Vec<(String, String, i64)> =
        sqlx::query_as("SELECT uuid, kind, local_id FROM records ORDER BY kind, local_id")
            .fetch_all(ws.pool())
            .await
            .unwrap();
    let kinds: Vec<(&str, i64)> = rows.iter().map(|(_, k, id)| (k.as_str(), *id)).collect();
    assert_eq!(
        kinds,
        [
            ("action", 1),
            ("follow_up", 1),
            ("meeting", 7),
            ("meeting", 8),
            ("organisation", 1),
            ("organisation", 2),
            ("partnership", 1)
        ]
    );
    let distinct: std::collections::BTreeSet<&str> =
        rows.iter().map(|(u, ..)| u.as_str()).collect();
    assert_eq!(distinct.len(), rows.len(), "each its own");
    for (uuid, ..) in &rows {
        let parsed = uuid::Uuid::parse_str(uuid).unwrap();
        assert_eq!(parsed.get_version_num(), 4, "{uuid}");
    }
    let follow_up = ws.meeting(ById { id: MeetingId(8) }).await.unwrap().follow_ups;
    assert_eq!(follow_up.len(), 1, "the follow-up kept through the table's rebuild");
    let installation = ws.installation().await.unwrap();
    assert!(uuid::Uuid::parse_str(&installation.id).is_ok());
}

#[tokio::test]
async fn the_package_file_is_named_for_people_and_crosses_ipc_as_base64() {
    use base64::Engine;
    use samlar::documents::package_file::{OpenPackage, PackageFile};
    let coordinator = TestWorkspace::new().await;
    let mentor = TestWorkspace::new().await;
    let c = coordinators_round(&coordinator).await;
    let input = MakePackage { scope: Scope::Pairing { id: c.pairing }, include_sensitive: false };
    let file = coordinator.ws.package_file(input).await.unwrap();
    assert_eq!(file.file_name, "Mentorpaket Umeå kommun → Vännäs kommun 2026-11-23.samlar");
    let content_base64 = base64::engine::general_purpose::STANDARD.encode(&file.bytes);
    let preview =
        mentor.ws.preview_package_file(PackageFile { content_base64: content_base64.clone() });
    assert_eq!(preview.await.unwrap().created.len(), 12);
    let open = OpenPackage { content_base64, choices: Vec::new() };
    assert_eq!(mentor.ws.open_package_file(open).await.unwrap().created, 12);

    // Refused on its length, before a byte is decoded.
    let huge = "A".repeat(70 * 1024 * 1024);
    let Err(err) = mentor.ws.preview_package_file(PackageFile { content_base64: huge }).await
    else {
        panic!("a 52 MB package was read")
    };
    assert_eq!((err.code, err.field.as_deref()), (ErrorCode::FileTooLarge, Some("file")));
    let Err(err) =
        mentor.ws.preview_package_file(PackageFile { content_base64: "%%".into() }).await
    else {
        panic!("not base64, yet read")
    };
    assert_eq!(err.code, ErrorCode::NotAPackage);
}

#[tokio::test]
async fn a_copied_or_restored_database_counts_its_changes_under_a_new_installation_id() {
    let t = TestWorkspace::new().await;
    let name = SetInstallationName { name: "Malmö stad – Eva".into() };
    let first = t.ws.set_installation_name(name).await.unwrap();
    t.ws.back_up_to(&t.dir.path().join("kopia.sqlite3")).await.unwrap();
    let t = t.reopen().await;
    assert_eq!(t.ws.installation().await.unwrap(), first, "the same file keeps its id");

    // A copy of the data folder, opened on "another computer".
    let other = tempfile::tempdir().unwrap();
    std::fs::copy(t.dir.path().join("kopia.sqlite3"), other.path().join("samlar.sqlite3")).unwrap();
    let clock = t.clock.clone();
    let copy = samlar::Workspace::open(&other.path().join("samlar.sqlite3"), clock).await.unwrap();
    let copied = copy.installation().await.unwrap();
    assert_ne!(copied.id, first.id);
    assert_eq!(copied.name, first.name, "the name goes along");
    copy.close().await;

    // A restored backup: a step back in time, so a new id too.
    let prepared = t.ws.prepare_restore(&t.dir.path().join("kopia.sqlite3")).await.unwrap();
    let (restored, _) = t.ws.replace(prepared).await.unwrap();
    let after = restored.installation().await.unwrap();
    assert_ne!(after.id, first.id);
    assert_ne!(after.id, copied.id);
    restored.close().await;
    let again = samlar::Workspace::open(&t.db_path(), t.clock.clone()).await.unwrap();
    assert_eq!(again.installation().await.unwrap().id, after.id, "and keeps it from then on");
}
