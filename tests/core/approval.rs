//! Approved minutes (justerat protokoll): approving with one or two people,
//! every write of an approved meeting refused with `locked` and nothing
//! written, unlocking with a reason, the history in order, and the approval
//! counted as a change of the meeting's record for the exchange.

use crate::common::{TestWorkspace, draft, municipality};
use chrono::{NaiveDate, TimeZone, Utc};
use samlar::ErrorCode;
use samlar::documents::pdf::{PdfDocument, PdfRequest};
use samlar::kernel::limits::UNLOCK_REASON_MAX_CHARS;
use samlar::kernel::values::{ById, MeetingId, MeetingKind, OrganisationId, PersonId};
use samlar::meetings::action::{ActionDraft, ActionStatus, CreateAction, UpdateAction};
use samlar::meetings::approval::{
    ApprovalEventKind, ApproveMeeting, MeetingApproval, UnlockMeeting,
};
use samlar::meetings::attendance::{AttendanceEntry, AttendanceStatus, SetAttendance};
use samlar::meetings::draft::MeetingDraft;
use samlar::meetings::follow_up::RecordFollowUp;
use samlar::meetings::meeting::{CreateMeeting, UpdateMeeting};
use samlar::meetings::sections::{
    AgendaItem, GoodExample, SetAgenda, SetDecisions, SetGoodExamples,
};
use samlar::pages::meeting::MeetingDetail;
use samlar::privacy::mentions::TextPlace;
use samlar::registry::person::PersonDraft;

struct Setup {
    t: TestWorkspace,
    org: OrganisationId,
    anna: PersonId,
    bo: PersonId,
    /// An earlier meeting, a later one, both of the same partnership.
    earlier: MeetingId,
    later: MeetingId,
}

async fn setup() -> Setup {
    let t = TestWorkspace::new().await;
    let p = t.ws.create_partnership(draft("Modellkommun 2027")).await.unwrap();
    let org = t.ws.create_organisation(municipality("Skellefteå kommun", "2482")).await.unwrap().id;
    let anna =
        t.ws.create_person(PersonDraft::new("Anna Andersson", Some(org))).await.unwrap().summary.id;
    let bo = t.ws.create_person(PersonDraft::new("Bo Berg", Some(org))).await.unwrap().summary.id;
    let meeting = |on: &str| CreateMeeting {
        partnership_id: p.id,
        draft: MeetingDraft::new(MeetingKind::Learning, on),
    };
    let earlier = t.ws.create_meeting(meeting("2026-10-20")).await.unwrap().id;
    let later = t.ws.create_meeting(meeting("2026-11-20")).await.unwrap().id;
    Setup { t, org, anna, bo, earlier, later }
}

fn approve(meeting_id: MeetingId, approver_ids: Vec<PersonId>, on: Option<&str>) -> ApproveMeeting {
    ApproveMeeting { meeting_id, approver_ids, on_date: on.map(str::to_owned) }
}

fn unlock(meeting_id: MeetingId, person_id: Option<PersonId>, reason: &str) -> UnlockMeeting {
    UnlockMeeting { meeting_id, person_id, reason: reason.to_owned() }
}

async fn page(s: &Setup, id: MeetingId) -> MeetingDetail {
    s.t.ws.meeting(ById { id }).await.unwrap()
}

async fn version(s: &Setup, id: MeetingId) -> String {
    sqlx::query_scalar("SELECT version FROM records WHERE kind = 'meeting' AND local_id = ?")
        .bind(id)
        .fetch_one(s.t.ws.pool())
        .await
        .unwrap()
}

fn ok<T>(result: samlar::Result<T>) -> samlar::Result<()> {
    result.map(|_| ())
}

fn date(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

#[tokio::test]
async fn minutes_are_approved_by_one_or_two_people_on_a_date_that_defaults_to_today() {
    let s = setup().await;
    let two = s.t.ws.approve_meeting(approve(s.later, vec![s.anna, s.bo], Some("2026-11-22")));
    let MeetingApproval { approved, history } = two.await.unwrap();
    assert!(approved);
    let e = &history[0];
    assert_eq!(e.event, ApprovalEventKind::Approved);
    assert_eq!(
        (e.person_name.as_deref(), e.second_person_name.as_deref(), e.on_date),
        (Some("Anna Andersson"), Some("Bo Berg"), date("2026-11-22"))
    );
    assert_eq!(e.recorded_at, "2026-11-23T09:00:00.000Z");

    let one = s.t.ws.approve_meeting(approve(s.earlier, vec![s.bo], None)).await.unwrap();
    let e = &one.history[0];
    assert_eq!((e.person_id, e.second_person_id), (Some(s.bo), None));
    assert_eq!(e.on_date, date("2026-11-23"), "today from the workspace's clock");
    assert_eq!(page(&s, s.earlier).await.approval, one, "the meeting page shows it");
}

#[tokio::test]
async fn an_approval_needs_one_or_two_known_people_and_a_real_date() {
    let s = setup().await;
    let refused = async |input| s.t.ws.approve_meeting(input).await.unwrap_err();
    let cases = [
        (approve(s.later, vec![], None), ErrorCode::ApproverRequired, "approverIds"),
        (approve(s.later, vec![s.anna, s.bo, s.anna], None), ErrorCode::TooMany, "approverIds"),
        (approve(s.later, vec![s.anna, s.anna], None), ErrorCode::InvalidInput, "approverIds.1"),
        (
            approve(s.later, vec![s.anna, PersonId(999)], None),
            ErrorCode::UnknownPerson,
            "approverIds.1",
        ),
        (approve(s.later, vec![s.anna], Some("2026-02-30")), ErrorCode::InvalidDate, "onDate"),
    ];
    for (input, code, field) in cases {
        let err = refused(input).await;
        assert_eq!((err.code, err.field.as_deref()), (code, Some(field)));
    }
    let err = refused(approve(MeetingId(999), vec![s.anna], None)).await;
    assert_eq!(err.code, ErrorCode::NotFound);
    assert!(page(&s, s.later).await.approval.history.is_empty(), "nothing recorded");
}

#[tokio::test]
async fn approving_twice_and_unlocking_what_is_not_approved_are_refused() {
    let s = setup().await;
    let err = s.t.ws.unlock_meeting(unlock(s.later, None, "Fel datum")).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::NotApproved);
    s.t.ws.approve_meeting(approve(s.later, vec![s.anna], None)).await.unwrap();
    let err = s.t.ws.approve_meeting(approve(s.later, vec![s.bo], None)).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::Locked);
    assert_eq!(page(&s, s.later).await.approval.history.len(), 1);
}

#[tokio::test]
async fn an_unlocking_needs_a_reason_within_its_limit() {
    let s = setup().await;
    s.t.ws.approve_meeting(approve(s.later, vec![s.anna], None)).await.unwrap();
    for (reason, code) in [
        ("   ", ErrorCode::ReasonRequired),
        (&"x".repeat(UNLOCK_REASON_MAX_CHARS + 1)[..], ErrorCode::TextTooLong),
    ] {
        let err = s.t.ws.unlock_meeting(unlock(s.later, Some(s.bo), reason)).await.unwrap_err();
        assert_eq!((err.code, err.field.as_deref()), (code, Some("reason")));
    }
    let err = s.t.ws.unlock_meeting(unlock(s.later, Some(PersonId(999)), "Ja")).await.unwrap_err();
    assert_eq!((err.code, err.field.as_deref()), (ErrorCode::UnknownPerson, Some("personId")));
    assert!(page(&s, s.later).await.approval.approved, "still approved");
}

/// Every command that writes the later meeting's record or its parts
/// (`target`), after `with_actions`.
async fn every_write(s: &Setup, target: MeetingId) -> Vec<(&'static str, samlar::Result<()>)> {
    let ws = &s.t.ws;
    let action_at = |id| async move {
        let page = ws.meeting(ById { id }).await.unwrap();
        page.actions.first().map(|a| a.id)
    };
    let mut draft = MeetingDraft::new(MeetingKind::Learning, "2026-11-20");
    draft.notes = "Ändrat i efterhand".into();
    draft.visitor_ids = vec![s.org];
    let mut out = vec![
        ("update_meeting", ok(ws.update_meeting(UpdateMeeting { id: target, draft }).await)),
        (
            "set_attendance",
            ok(ws
                .set_attendance(SetAttendance {
                    meeting_id: target,
                    entries: vec![AttendanceEntry {
                        person_id: s.anna,
                        status: AttendanceStatus::Attended,
                    }],
                })
                .await),
        ),
        (
            "set_agenda",
            ok(ws
                .set_agenda(SetAgenda {
                    meeting_id: target,
                    items: vec![AgendaItem {
                        title: "Ny punkt".into(),
                        presenter_organisation_id: None,
                        presenter_person_id: None,
                        notes: String::new(),
                    }],
                })
                .await),
        ),
        (
            "set_decisions",
            ok(ws
                .set_decisions(SetDecisions { meeting_id: target, decisions: vec!["Nytt".into()] })
                .await),
        ),
        (
            "set_good_examples",
            ok(ws
                .set_good_examples(SetGoodExamples {
                    meeting_id: target,
                    examples: vec![GoodExample {
                        title: "Nytt exempel".into(),
                        description: String::new(),
                        organisation_id: None,
                        tags: vec![],
                    }],
                })
                .await),
        ),
        (
            "create_action",
            ok(ws
                .create_action(CreateAction {
                    meeting_id: target,
                    draft: ActionDraft::new("Ny åtgärd", Some(s.org)),
                })
                .await),
        ),
    ];
    if let Some(id) = action_at(target).await {
        let draft = ActionDraft::new("Ändrad åtgärd", Some(s.org));
        out.push(("update_action", ok(ws.update_action(UpdateAction { id, draft }).await)));
        out.push(("delete_action", ok(ws.delete_action(ById { id }).await)));
    }
    let action_id = action_at(s.earlier).await.expect("an action at the earlier meeting");
    let follow_up = RecordFollowUp {
        action_id,
        meeting_id: target,
        status: ActionStatus::Done,
        note: "Klart".into(),
    };
    out.push(("record_follow_up", ok(ws.record_follow_up(follow_up).await)));
    // Deleting the action agreed earlier takes its follow-up from this record.
    let deleted = ws.delete_action(ById { id: action_id }).await;
    out.push(("delete_action (followed up here)", ok(deleted)));
    out.push(("delete_meeting", ok(ws.delete_meeting(ById { id: target }).await)));
    out
}

/// The earlier meeting has an action, followed up at the later one, which
/// has an action of its own.
async fn with_actions(s: &Setup) {
    let ws = &s.t.ws;
    for (meeting_id, what) in [(s.earlier, "Tidig åtgärd"), (s.later, "Sen åtgärd")] {
        let draft = ActionDraft::new(what, Some(s.org));
        ws.create_action(CreateAction { meeting_id, draft }).await.unwrap();
    }
    let action_id = page(s, s.earlier).await.actions[0].id;
    let follow_up = RecordFollowUp {
        action_id,
        meeting_id: s.later,
        status: ActionStatus::Ongoing,
        note: "På gång".into(),
    };
    ws.record_follow_up(follow_up).await.unwrap();
}

#[tokio::test]
async fn every_write_of_an_approved_meeting_is_refused_with_locked_and_nothing_is_written() {
    let s = setup().await;
    with_actions(&s).await;
    s.t.ws.approve_meeting(approve(s.later, vec![s.anna, s.bo], None)).await.unwrap();
    let before = (page(&s, s.earlier).await, page(&s, s.later).await, version(&s, s.later).await);

    let writes = every_write(&s, s.later).await;
    assert_eq!(writes.len(), 11, "{:?}", writes.iter().map(|w| w.0).collect::<Vec<_>>());
    for (name, result) in writes {
        let err = result.expect_err(name);
        assert_eq!(
            (err.code, err.field.as_deref()),
            (ErrorCode::Locked, Some("meetingId")),
            "{name}"
        );
    }
    let after = (page(&s, s.earlier).await, page(&s, s.later).await, version(&s, s.later).await);
    assert_eq!(after, before, "nothing written");
}

#[tokio::test]
async fn an_approved_later_meeting_keeps_the_follow_ups_an_earlier_deletion_would_take() {
    let s = setup().await;
    with_actions(&s).await;
    s.t.ws.approve_meeting(approve(s.later, vec![s.anna], None)).await.unwrap();
    let err = s.t.ws.delete_meeting(ById { id: s.earlier }).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::Locked);
    assert_eq!(page(&s, s.later).await.follow_ups.len(), 1);
    // The earlier meeting itself is not approved: its own parts can change.
    let decisions = SetDecisions { meeting_id: s.earlier, decisions: vec!["Ja".into()] };
    s.t.ws.set_decisions(decisions).await.unwrap();
}

#[tokio::test]
async fn unlocked_with_a_reason_the_writes_work_again_and_the_history_is_kept_in_order() {
    let s = setup().await;
    with_actions(&s).await;
    let ws = &s.t.ws;
    ws.approve_meeting(approve(s.later, vec![s.anna, s.bo], Some("2026-11-21"))).await.unwrap();
    s.t.clock.set(Utc.with_ymd_and_hms(2026, 11, 30, 14, 0, 0).unwrap());
    let unlocked =
        ws.unlock_meeting(unlock(s.later, Some(s.bo), "  Fel namn på ett beslut  ")).await.unwrap();
    assert!(!unlocked.approved);
    ws.approve_meeting(approve(s.later, vec![s.anna], None)).await.unwrap();
    ws.unlock_meeting(unlock(s.later, None, "Komplettering")).await.unwrap();

    let history = page(&s, s.later).await.approval.history;
    let seen: Vec<_> = history
        .iter()
        .map(|e| (e.event, e.person_name.as_deref(), e.on_date.to_string(), e.reason.as_str()))
        .collect();
    use ApprovalEventKind::{Approved, Unlocked};
    assert_eq!(
        seen,
        [
            (Approved, Some("Anna Andersson"), "2026-11-21".into(), ""),
            (Unlocked, Some("Bo Berg"), "2026-11-30".into(), "Fel namn på ett beslut"),
            (Approved, Some("Anna Andersson"), "2026-11-30".into(), ""),
            (Unlocked, None, "2026-11-30".into(), "Komplettering"),
        ]
    );
    assert_eq!(history[1].recorded_at, "2026-11-30T14:00:00.000Z");

    for (name, result) in every_write(&s, s.later).await {
        result.unwrap_or_else(|e| panic!("{name}: {e}"));
    }
}

#[tokio::test]
async fn approving_and_unlocking_change_the_meetings_record_for_the_exchange() {
    let s = setup().await;
    let first = version(&s, s.later).await;
    s.t.ws.approve_meeting(approve(s.later, vec![s.anna], None)).await.unwrap();
    let approved = version(&s, s.later).await;
    assert_ne!(approved, first);
    s.t.ws.unlock_meeting(unlock(s.later, None, "Rättelse")).await.unwrap();
    assert_ne!(version(&s, s.later).await, approved);
}

#[tokio::test]
async fn a_persons_approvals_are_in_their_export_and_erasure_leaves_them_nameless() {
    let s = setup().await;
    let ws = &s.t.ws;
    ws.approve_meeting(approve(s.later, vec![s.anna, s.bo], Some("2026-11-21"))).await.unwrap();
    ws.unlock_meeting(unlock(s.later, Some(s.bo), "Bo Berg såg ett fel")).await.unwrap();
    let export = ws.person_export(ById { id: s.bo }).await.unwrap();
    let seen: Vec<_> =
        export.approvals.iter().map(|a| (a.meeting.id, a.event, a.reason.as_str())).collect();
    assert_eq!(
        seen,
        [
            (s.later, ApprovalEventKind::Approved, ""),
            (s.later, ApprovalEventKind::Unlocked, "Bo Berg såg ett fel")
        ]
    );

    let places: Vec<_> = export.mentions.iter().map(|m| m.place).collect();
    assert_eq!(places, [TextPlace::UnlockReason], "the reason names him");

    ws.approve_meeting(approve(s.later, vec![s.bo], None)).await.unwrap();
    ws.delete_person(ById { id: s.bo }).await.unwrap();
    let approval = page(&s, s.later).await.approval;
    assert!(approval.approved, "the minutes stay approved");
    let names: Vec<_> = approval
        .history
        .iter()
        .map(|e| (e.person_id, e.person_name.as_deref(), e.second_person_name.as_deref()))
        .collect();
    assert_eq!(
        names,
        [(Some(s.anna), Some("Anna Andersson"), None), (None, None, None), (None, None, None)]
    );
}

/// The text of the meeting's summary PDF, as `pdftotext` reads it back, on
/// one line.
async fn summary_text(s: &Setup, meeting_id: MeetingId) -> String {
    let document = PdfDocument::SessionSummary { meeting_id };
    let file = s.t.ws.pdf(PdfRequest { document, archival: false, open: false }).await.unwrap();
    let path = s.t.dir.path().join("summary.pdf");
    std::fs::write(&path, &file.bytes).unwrap();
    let out = std::process::Command::new("pdftotext")
        .args(["-enc", "UTF-8", path.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext (scripts/setup --test)");
    String::from_utf8(out.stdout).unwrap().split_whitespace().collect::<Vec<_>>().join(" ")
}

#[tokio::test]
async fn the_summary_pdf_says_who_approved_the_minutes_and_when_or_that_they_are_not() {
    let s = setup().await;
    let ws = &s.t.ws;
    assert!(summary_text(&s, s.later).await.contains("Justering Ej justerat"));
    ws.approve_meeting(approve(s.later, vec![s.anna, s.bo], Some("2026-11-30"))).await.unwrap();
    let text = summary_text(&s, s.later).await;
    assert!(text.contains("Justerat av Anna Andersson och Bo Berg (2026-11-30)"), "{text}");
    ws.unlock_meeting(unlock(s.later, None, "Rättelse")).await.unwrap();
    assert!(summary_text(&s, s.later).await.contains("Ej justerat"));
    ws.approve_meeting(approve(s.later, vec![s.bo], Some("2026-12-01"))).await.unwrap();
    let text = summary_text(&s, s.later).await;
    assert!(text.contains("Justerat av Bo Berg (2026-12-01)"), "{text}");
}
