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

/// The coordinator's round: Umeå mentors Vännäs; a passed learning meeting
/// with Vännäs's open action, a coming one, and a first mentor session.
pub(crate) struct Round {
    pub(crate) round: PartnershipId,
    pub(crate) pairing: PairingId,
    pub(crate) session: MeetingId,
    pub(crate) lena: PersonId,
}

pub(crate) fn session_draft(pairing: PairingId, date: &str, notes: &str) -> MeetingDraft {
    MeetingDraft {
        pairing_id: Some(pairing),
        notes: notes.to_owned(),
        ..MeetingDraft::new(MeetingKind::MentorSession, date)
    }
}

pub(crate) async fn coordinators_round(t: &TestWorkspace) -> Round {
    let d = PartnershipDraft {
        start_date: Some("2026-09-01".into()),
        mandate_notes: "Internt: kommunchefen tveksam".into(),
        granted: "4 100 000".into(),
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

pub(crate) async fn local_id(t: &TestWorkspace, uuid: &str) -> i64 {
    sqlx::query_scalar("SELECT local_id FROM records WHERE uuid = ?")
        .bind(uuid)
        .fetch_one(t.ws.pool())
        .await
        .unwrap()
}

pub(crate) async fn uuid_of(t: &TestWorkspace, kind: Kind, id: i64) -> String {
    let mut conn = t.ws.pool().acquire().await.unwrap();
    record::uuid_of_row(&mut conn, kind, id).await.unwrap()
}

pub(crate) async fn read(t: &TestWorkspace, kind: Kind, uuid: &str) -> record::Record {
    let id = local_id(t, uuid).await;
    let mut conn = t.ws.pool().acquire().await.unwrap();
    record::read(&mut conn, kind, id).await.unwrap()
}

pub(crate) async fn pairing_package(t: &TestWorkspace, pairing: i64) -> Vec<u8> {
    let input =
        MakePackage { scope: Scope::Pairing { id: PairingId(pairing) }, include_sensitive: false };
    t.ws.make_package(input).await.unwrap().bytes
}

/// Everything in `records` and the domain tables, to show nothing changed.
pub(crate) async fn fingerprint(t: &TestWorkspace) -> Vec<(String, Option<i64>, String)> {
    sqlx::query_as("SELECT uuid, local_id, version FROM records ORDER BY uuid")
        .fetch_all(t.ws.pool())
        .await
        .unwrap()
}

pub(crate) async fn notes_of(t: &TestWorkspace, id: i64) -> String {
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
        updated.contains(&(Kind::Meeting, vec!["notes".into(), "attendance".into()])),
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
    assert_eq!(round.partnership.granted_sek, Some(4_100_000), "granted support travels");
    let before = fingerprint(&to).await;
    to.ws.open_package(&out, &[]).await.unwrap();
    assert_eq!(fingerprint(&to).await, before, "twice changes nothing");
}
