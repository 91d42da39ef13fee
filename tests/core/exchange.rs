//! Across computers: a coordinator's and a mentor's database in one test.
//! Identities made by the migration, a mentor package sent and opened,
//! sessions recorded on the mentor's side and sent back, conflicts shown
//! field by field and settled, a deletion, the same package twice, and
//! hostile packages refused with nothing written.

use crate::common::{TestWorkspace, draft, municipality};
use samlar::ErrorCode;
use samlar::exchange::installation::SetInstallationName;
use samlar::exchange::merge::{Choice, ConflictKind, Side};
use samlar::exchange::package::{self, MakePackage};
use samlar::exchange::record::{self, Kind};
use samlar::exchange::scope::Scope;
use samlar::kernel::values::{ById, MeetingId, MeetingKind, PairingId, PartnershipId, PersonId};
use samlar::meetings::action::{ActionDraft, ActionStatus, CreateAction};
use samlar::meetings::attendance::{AttendanceEntry, AttendanceStatus, SetAttendance};
use samlar::meetings::draft::MeetingDraft;
use samlar::meetings::follow_up::RecordFollowUp;
use samlar::meetings::meeting::{CreateMeeting, UpdateMeeting};
use samlar::pairings::pairing::PairingDraft;
use samlar::registry::partnership::PartnershipDraft;
use samlar::registry::person::PersonDraft;
use serde_json::Value;
use std::io::Write;

/// The coordinator's round: Umeå mentors Vännäs; a passed learning meeting
/// with Vännäs's open action, a coming one, and a first mentor session.
struct Round {
    round: PartnershipId,
    pairing: PairingId,
    session: MeetingId,
    lena: PersonId,
}

fn session_draft(pairing: PairingId, date: &str, notes: &str) -> MeetingDraft {
    MeetingDraft {
        pairing_id: Some(pairing),
        notes: notes.to_owned(),
        ..MeetingDraft::new(MeetingKind::MentorSession, date)
    }
}

async fn coordinators_round(t: &TestWorkspace) -> Round {
    let d = PartnershipDraft {
        start_date: Some("2026-09-01".into()),
        mandate_notes: "Internt: kommunchefen tveksam".into(),
        ..draft("Modellkommun 2027")
    };
    let round = t.ws.create_partnership(d).await.unwrap().id;
    let umea = t.ws.create_organisation(municipality("Umeå kommun", "2480")).await.unwrap().id;
    let vannas = t.ws.create_organisation(municipality("Vännäs kommun", "2460")).await.unwrap().id;
    let lena = PersonDraft {
        email: "lena@umea.example".into(),
        accessibility_needs: "Hörslinga".into(),
        ..PersonDraft::new("Lena Exempel", Some(umea))
    };
    let lena = t.ws.create_person(lena).await.unwrap().summary.id;
    let per =
        PersonDraft { email: "per@vannas.example".into(), ..PersonDraft::new("Per", Some(vannas)) };
    let per = t.ws.create_person(per).await.unwrap().summary.id;
    let pairing = PairingDraft {
        mentor_contact_ids: vec![lena],
        participant_contact_ids: vec![per],
        ..PairingDraft::new(round, umea, &[vannas])
    };
    let pairing = t.ws.create_pairing(pairing).await.unwrap().id;
    let mut learning = Vec::new();
    for on in ["2026-11-02", "2027-01-20"] {
        let d = MeetingDraft {
            notes: "Alla kommuner berättade.".into(),
            ..MeetingDraft::new(MeetingKind::Learning, on)
        };
        learning.push(
            t.ws.create_meeting(CreateMeeting { partnership_id: round, draft: d })
                .await
                .unwrap()
                .id,
        );
    }
    let action = ActionDraft::new("Könsuppdelad statistik i alla nämnder", Some(vannas));
    t.ws.create_action(CreateAction { meeting_id: learning[0], draft: action }).await.unwrap();
    let d = session_draft(pairing, "2026-12-02", "");
    let session =
        t.ws.create_meeting(CreateMeeting { partnership_id: round, draft: d }).await.unwrap().id;
    Round { round, pairing, session, lena }
}

async fn local_id(t: &TestWorkspace, uuid: &str) -> i64 {
    sqlx::query_scalar("SELECT local_id FROM records WHERE uuid = ?")
        .bind(uuid)
        .fetch_one(t.ws.pool())
        .await
        .unwrap()
}

async fn uuid_of(t: &TestWorkspace, kind: Kind, id: i64) -> String {
    let mut conn = t.ws.pool().acquire().await.unwrap();
    record::uuid_of_row(&mut conn, kind, id).await.unwrap()
}

async fn read(t: &TestWorkspace, kind: Kind, uuid: &str) -> record::Record {
    let id = local_id(t, uuid).await;
    let mut conn = t.ws.pool().acquire().await.unwrap();
    record::read(&mut conn, kind, id).await.unwrap()
}

async fn pairing_package(t: &TestWorkspace, pairing: i64) -> Vec<u8> {
    let input =
        MakePackage { scope: Scope::Pairing { id: PairingId(pairing) }, include_sensitive: false };
    t.ws.make_package(input).await.unwrap().bytes
}

/// Everything in `records` and the domain tables, to show nothing changed.
async fn fingerprint(t: &TestWorkspace) -> Vec<(String, Option<i64>, String)> {
    sqlx::query_as("SELECT uuid, local_id, version FROM records ORDER BY uuid")
        .fetch_all(t.ws.pool())
        .await
        .unwrap()
}

async fn notes_of(t: &TestWorkspace, id: i64) -> String {
    t.ws.meeting(ById { id: MeetingId(id) }).await.unwrap().meeting.notes
}

#[tokio::test]
async fn a_mentor_package_goes_out_and_comes_back_with_the_mentors_sessions() {
    let coordinator = TestWorkspace::new().await;
    let mentor = TestWorkspace::new().await;
    let name = SetInstallationName { name: "Umeå kommun – Lena".into() };
    mentor.ws.set_installation_name(name).await.unwrap();
    let name = SetInstallationName { name: "Länsstyrelsen – Eva".into() };
    coordinator.ws.set_installation_name(name).await.unwrap();
    let c = coordinators_round(&coordinator).await;

    // Out: what the mentor needs, without what is internal or sensitive.
    let out = pairing_package(&coordinator, c.pairing.0).await;
    let package = package::read(&out).unwrap();
    assert_eq!(package.manifest.sender.name, "Länsstyrelsen – Eva");
    assert_eq!(package.manifest.scope.kind, Kind::Pairing);
    let kinds = |k: Kind| package.contents.records.iter().filter(|r| r.kind == k).count();
    assert_eq!(
        [
            Kind::Organisation,
            Kind::Person,
            Kind::Partnership,
            Kind::Pairing,
            Kind::Meeting,
            Kind::Action
        ]
        .map(kinds),
        [2, 2, 1, 1, 3, 1],
        "both organisations, both contacts, the round, the pairing, the session, the \
         meeting the action was agreed at and the coming one, the open action"
    );
    let round = package.contents.records.iter().find(|r| r.kind == Kind::Partnership).unwrap();
    assert_eq!(round.fields["name"], "Modellkommun 2027");
    assert!(!round.fields.contains_key("mandate_notes"), "the round's internal notes stay home");
    for person in package.contents.records.iter().filter(|r| r.kind == Kind::Person) {
        assert!(!person.fields.contains_key("accessibility_needs"), "not unless chosen");
    }
    let learning: Vec<_> = package
        .contents
        .records
        .iter()
        .filter(|r| r.kind == Kind::Meeting && r.fields["kind"] == "learning")
        .collect();
    assert!(learning.iter().all(|m| !m.fields.contains_key("notes")), "context, not minutes");

    // The mentor sees what will come, then has it.
    let preview = mentor.ws.preview_package(&out).await.unwrap();
    assert_eq!((preview.created.len(), preview.updated.len(), preview.conflicts.len()), (12, 0, 0));
    assert_eq!(preview.sender.name, "Länsstyrelsen – Eva");
    let applied = mentor.ws.open_package(&out, &[]).await.unwrap();
    assert_eq!(applied.created, 12, "and the two memberships of the round");
    let pairing_uuid = package.manifest.scope.uuid.clone();
    let m_pairing = local_id(&mentor, &pairing_uuid).await;
    let page = mentor.ws.pairing(ById { id: PairingId(m_pairing) }).await.unwrap();
    assert_eq!(page.sessions.len(), 1);
    assert_eq!(page.open_actions.len(), 1);
    let lena_uuid = uuid_of(&coordinator, Kind::Person, c.lena.0).await;
    let m_lena = local_id(&mentor, &lena_uuid).await;
    let person = mentor.ws.person(ById { id: PersonId(m_lena) }).await.unwrap();
    assert_eq!(person.accessibility_needs, "", "left out, so empty on the mentor's side");

    // The same package again changes nothing.
    let before = fingerprint(&mentor).await;
    let again = mentor.ws.preview_package(&out).await.unwrap();
    assert_eq!((again.created.len(), again.updated.len(), again.conflicts.len()), (0, 0, 0));
    assert_eq!(mentor.ws.open_package(&out, &[]).await.unwrap(), Default::default());
    assert_eq!(fingerprint(&mentor).await, before);

    // The mentor records the session and a second one, with attendance and
    // a follow-up of the participant's action.
    let session_uuid = uuid_of(&coordinator, Kind::Meeting, c.session.0).await;
    let m_session = MeetingId(local_id(&mentor, &session_uuid).await);
    let notes = "Vännäs har börjat dela upp statistiken per kön.";
    let d = session_draft(PairingId(m_pairing), "2026-12-02", notes);
    mentor.ws.update_meeting(UpdateMeeting { id: m_session, draft: d }).await.unwrap();
    let entries =
        vec![AttendanceEntry { person_id: PersonId(m_lena), status: AttendanceStatus::Attended }];
    mentor.ws.set_attendance(SetAttendance { meeting_id: m_session, entries }).await.unwrap();
    let m_round = page.pairing.partnership_id;
    let d = session_draft(PairingId(m_pairing), "2027-02-03", "Andra träffen.");
    let second = mentor
        .ws
        .create_meeting(CreateMeeting { partnership_id: m_round, draft: d })
        .await
        .unwrap()
        .id;
    let action = page.open_actions[0].id;
    let follow = RecordFollowUp {
        action_id: action,
        meeting_id: m_session,
        status: ActionStatus::Ongoing,
        note: "På gång".into(),
    };
    mentor.ws.record_follow_up(follow).await.unwrap();

    // Back: the coordinator sees the sessions, the follow-up and nothing else.
    let back = pairing_package(&mentor, m_pairing).await;
    let preview = coordinator.ws.preview_package(&back).await.unwrap();
    assert!(preview.conflicts.is_empty(), "{:?}", preview.conflicts);
    let created: Vec<Kind> = preview.created.iter().map(|c| c.kind).collect();
    assert_eq!(created, [Kind::Meeting, Kind::FollowUp]);
    let updated: Vec<(Kind, Vec<String>)> =
        preview.updated.iter().map(|c| (c.kind, c.fields.clone())).collect();
    assert!(
        updated.contains(&(Kind::Meeting, vec!["attendance".into(), "notes".into()])),
        "{updated:?}"
    );
    assert!(updated.iter().any(|(k, f)| *k == Kind::Action && f == &["status"]), "{updated:?}");
    coordinator.ws.open_package(&back, &[]).await.unwrap();
    assert_eq!(notes_of(&coordinator, c.session.0).await, notes);
    let page = coordinator.ws.pairing(ById { id: c.pairing }).await.unwrap();
    assert_eq!(page.sessions.len(), 2);
    let lena = coordinator.ws.person(ById { id: c.lena }).await.unwrap();
    assert_eq!(lena.accessibility_needs, "Hörslinga", "a field that did not travel stays");
    let charter = coordinator.ws.partnership(ById { id: c.round }).await.unwrap();
    assert_eq!(charter.partnership.mandate_notes, "Internt: kommunchefen tveksam");
    let found = coordinator
        .ws
        .search(samlar::search::SearchQuery { text: "statistiken".into(), partnership_id: None })
        .await
        .unwrap();
    assert_eq!(found.len(), 1, "what came back is searchable");
    let second_uuid = uuid_of(&mentor, Kind::Meeting, second.0).await;

    // Both change the first session's notes: a conflict, field by field.
    let d = session_draft(c.pairing, "2026-12-02", "Samordnarens version");
    coordinator.ws.update_meeting(UpdateMeeting { id: c.session, draft: d }).await.unwrap();
    let d = session_draft(PairingId(m_pairing), "2026-12-02", "Mentorns version");
    mentor.ws.update_meeting(UpdateMeeting { id: m_session, draft: d }).await.unwrap();
    let back = pairing_package(&mentor, m_pairing).await;
    let preview = coordinator.ws.preview_package(&back).await.unwrap();
    assert_eq!(preview.conflicts.len(), 1);
    let conflict = &preview.conflicts[0];
    assert_eq!((conflict.kind, conflict.conflict), (Kind::Meeting, ConflictKind::Changed));
    let fields: Vec<(&str, &Value, &Value)> =
        conflict.fields.iter().map(|f| (f.field.as_str(), &f.here, &f.there)).collect();
    assert_eq!(
        fields,
        [("notes", &Value::from("Samordnarens version"), &Value::from("Mentorns version"))]
    );
    // Not without a choice, and then nothing is written.
    let before = fingerprint(&coordinator).await;
    let err = coordinator.ws.open_package(&back, &[]).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::ConflictsUnresolved);
    assert_eq!(fingerprint(&coordinator).await, before);
    assert_eq!(notes_of(&coordinator, c.session.0).await, "Samordnarens version");
    let choice =
        Choice { uuid: session_uuid.clone(), field: Some("notes".into()), take: Side::There };
    let applied = coordinator.ws.open_package(&back, &[choice]).await.unwrap();
    assert_eq!(applied.conflicts_settled, 1);
    assert_eq!(notes_of(&coordinator, c.session.0).await, "Mentorns version");
    // The settled record goes back, and both sides end with the same one.
    let out = pairing_package(&coordinator, c.pairing.0).await;
    let preview = mentor.ws.preview_package(&out).await.unwrap();
    assert!(preview.conflicts.is_empty());
    mentor.ws.open_package(&out, &[]).await.unwrap();
    let here = read(&coordinator, Kind::Meeting, &session_uuid).await;
    let there = read(&mentor, Kind::Meeting, &session_uuid).await;
    assert_eq!((here.version.clone(), here.fields.clone()), (there.version, there.fields));

    // A deletion travels as a tombstone.
    mentor.ws.delete_meeting(ById { id: second }).await.unwrap();
    let back = pairing_package(&mentor, m_pairing).await;
    let preview = coordinator.ws.preview_package(&back).await.unwrap();
    let deleted: Vec<&str> = preview.deleted.iter().map(|d| d.uuid.as_str()).collect();
    assert_eq!(deleted, [second_uuid.as_str()]);
    assert_eq!(coordinator.ws.open_package(&back, &[]).await.unwrap().deleted, 1);
    let page = coordinator.ws.pairing(ById { id: c.pairing }).await.unwrap();
    assert_eq!(page.sessions.len(), 1);
    let gone: Option<i64> = sqlx::query_scalar("SELECT local_id FROM records WHERE uuid = ?")
        .bind(&second_uuid)
        .fetch_one(coordinator.ws.pool())
        .await
        .unwrap();
    assert_eq!(gone, None, "a tombstone here too, to pass the deletion on");
}

#[tokio::test]
async fn a_record_deleted_on_one_side_and_changed_on_the_other_is_a_conflict() {
    let coordinator = TestWorkspace::new().await;
    let mentor = TestWorkspace::new().await;
    let c = coordinators_round(&coordinator).await;
    let out = pairing_package(&coordinator, c.pairing.0).await;
    mentor.ws.open_package(&out, &[]).await.unwrap();
    let session_uuid = uuid_of(&coordinator, Kind::Meeting, c.session.0).await;
    let m_session = MeetingId(local_id(&mentor, &session_uuid).await);
    let m_pairing =
        PairingId(local_id(&mentor, &package::read(&out).unwrap().manifest.scope.uuid).await);

    coordinator.ws.delete_meeting(ById { id: c.session }).await.unwrap();
    let d = session_draft(m_pairing, "2026-12-02", "Viktigt som inte får försvinna");
    mentor.ws.update_meeting(UpdateMeeting { id: m_session, draft: d }).await.unwrap();
    let back = pairing_package(&mentor, m_pairing.0).await;
    let preview = coordinator.ws.preview_package(&back).await.unwrap();
    assert_eq!(preview.conflicts.len(), 1);
    assert_eq!(preview.conflicts[0].conflict, ConflictKind::DeletedHere);
    let restore = Choice { uuid: session_uuid.clone(), field: None, take: Side::There };
    coordinator.ws.open_package(&back, &[restore]).await.unwrap();
    let id = local_id(&coordinator, &session_uuid).await;
    assert_eq!(notes_of(&coordinator, id).await, "Viktigt som inte får försvinna");

    // And the other way: deleted by the mentor, changed by the coordinator.
    let out = pairing_package(&coordinator, c.pairing.0).await;
    mentor.ws.open_package(&out, &[]).await.unwrap();
    mentor.ws.delete_meeting(ById { id: m_session }).await.unwrap();
    let d = session_draft(c.pairing, "2026-12-02", "Samordnarens tillägg");
    coordinator.ws.update_meeting(UpdateMeeting { id: MeetingId(id), draft: d }).await.unwrap();
    let back = pairing_package(&mentor, m_pairing.0).await;
    let preview = coordinator.ws.preview_package(&back).await.unwrap();
    assert_eq!(preview.conflicts.len(), 1);
    assert_eq!(preview.conflicts[0].conflict, ConflictKind::DeletedThere);
    let keep = Choice { uuid: session_uuid.clone(), field: None, take: Side::Here };
    coordinator.ws.open_package(&back, &[keep]).await.unwrap();
    assert_eq!(notes_of(&coordinator, id).await, "Samordnarens tillägg");
    // Kept here, the meeting goes back to the mentor as a restore, not a conflict.
    let out = pairing_package(&coordinator, c.pairing.0).await;
    let preview = mentor.ws.preview_package(&out).await.unwrap();
    assert!(preview.conflicts.is_empty(), "{:?}", preview.conflicts);
    assert!(preview.created.iter().any(|r| r.uuid == session_uuid));
}

#[tokio::test]
async fn a_whole_partnership_is_handed_over_and_matching_organisations_are_joined() {
    let from = TestWorkspace::new().await;
    let to = TestWorkspace::new().await;
    let c = coordinators_round(&from).await;
    // The receiver already has Umeå kommun (same code), made on its own.
    let umea_here =
        to.ws.create_organisation(municipality("Umeå kommun", "2480")).await.unwrap().id;
    let input = MakePackage { scope: Scope::Partnership { id: c.round }, include_sensitive: true };
    let out = from.ws.make_package(input).await.unwrap().bytes;
    let preview = to.ws.preview_package(&out).await.unwrap();
    assert!(preview.conflicts.is_empty(), "{:?}", preview.conflicts);
    let organisations: Vec<&str> = preview
        .created
        .iter()
        .filter(|r| r.kind == Kind::Organisation)
        .map(|r| r.label.as_str())
        .collect();
    assert_eq!(organisations, ["Vännäs kommun"], "Umeå joined, not created twice");
    to.ws.open_package(&out, &[]).await.unwrap();
    let umea_uuid: String =
        sqlx::query_scalar("SELECT uuid FROM records WHERE kind = 'organisation' AND local_id = ?")
            .bind(umea_here.0)
            .fetch_one(to.ws.pool())
            .await
            .unwrap();
    let sent = package::read(&out).unwrap();
    assert!(
        sent.contents.records.iter().any(|r| r.uuid == umea_uuid),
        "known by the sender's id now"
    );
    let lena_uuid = uuid_of(&from, Kind::Person, c.lena.0).await;
    let lena = to.ws.person(ById { id: PersonId(local_id(&to, &lena_uuid).await) }).await.unwrap();
    assert_eq!(lena.accessibility_needs, "Hörslinga", "chosen to travel");
    let round = to
        .ws
        .partnership(ById { id: PartnershipId(local_id(&to, &sent.manifest.scope.uuid).await) })
        .await
        .unwrap();
    assert_eq!(
        round.partnership.mandate_notes, "Internt: kommunchefen tveksam",
        "a hand-over carries it all"
    );
    let before = fingerprint(&to).await;
    to.ws.open_package(&out, &[]).await.unwrap();
    assert_eq!(fingerprint(&to).await, before, "twice changes nothing");
}

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
    newer["formatVersion"] = Value::from(2);
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
    let path = dir.path().join("samlar.sqlite3");
    let old = dir.path().join("migrations-0001-0006");
    std::fs::create_dir(&old).unwrap();
    let migrations = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations");
    for entry in std::fs::read_dir(&migrations).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        if name.as_str() < "0007" {
            std::fs::copy(migrations.join(&name), old.join(&name)).unwrap();
        }
    }
    let options = sqlx::sqlite::SqliteConnectOptions::new()
        .filename(&path)
        .create_if_missing(true)
        .foreign_keys(true);
    let pool = sqlx::SqlitePool::connect_with(options).await.unwrap();
    sqlx::migrate::Migrator::new(old.as_path()).await.unwrap().run(&pool).await.unwrap();
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
    assert_eq!(file.file_name, "Mentorpaket Umeå kommun 2026-11-23.samlar");
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
