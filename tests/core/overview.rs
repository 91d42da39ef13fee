//! The statistics across partnerships (`Workspace::statistics_overview`)
//! against figures counted by hand from a small record: two partnerships of
//! different kinds, a third archived, a fourth without meetings; meetings on
//! both boundary days of the period and on the days just outside it; walk-ins;
//! a person in two partnerships; actions whose status changed by follow-ups.
//!
//! The record (period 2027-01-01 – 2027-06-30):
//!
//! ```text
//! Alfa (benchlearning; members Umeå, Luleå, Skellefteå)
//!   2026-12-31 learning   Anna, Bo attended; 5 walk-in women     (outside)
//!   2027-01-01 startup    Anna, Cia attended, Bo absent; 2 men   action 1 → ongoing
//!   2027-03-15 learning   Anna, Bo, Dan; 1 woman, 1 not stated   action 2 planned,
//!                                                                action 3 → done
//!   2027-06-30 learning   Cia attended, Anna only invited
//!   2027-07-01 workshop   Bo attended                            (outside)
//!   (action 4, planned, at 2026-12-31: outside)
//! Beta (model-municipality round; members Umeå, Piteå)
//!   2027-02-01 startup    Anna, Eva attended                     action 5 → dropped
//!   2027-06-30 workshop   Anna attended; 1 walk-in, other gender
//! Cirkel (model-municipality round, archived; member Piteå)
//!   2027-04-01 learning   Eva, Bo attended                       action 6 planned
//! Delta (community of practice; member Luleå), no meetings
//!
//! Anna woman, Umeå; Bo man, Luleå; Cia other, Skellefteå; Dan not stated,
//! no organisation; Eva woman, Piteå.
//! ```

use crate::common::{TestWorkspace, municipality};
use samlar::ErrorCode;
use samlar::kernel::values::{
    ActionId, Gender, MeetingId, MeetingKind, OrganisationId, PartnershipId, PersonId, Role,
};
use samlar::meetings::action::{ActionDraft, ActionStatus, CreateAction};
use samlar::meetings::attendance::{AttendanceEntry, AttendanceStatus, SetAttendance};
use samlar::meetings::draft::MeetingDraft;
use samlar::meetings::follow_up::RecordFollowUp;
use samlar::meetings::meeting::CreateMeeting;
use samlar::meetings::overview::{
    ActionCounts, KindCount, Overview, OverviewFigures, OverviewScope,
};
use samlar::meetings::statistics::GenderCounts;
use samlar::registry::membership::MembershipDraft;
use samlar::registry::partnership::{PartnershipDraft, PartnershipKind, SetArchived};
use samlar::registry::person::PersonDraft;

struct Record {
    t: TestWorkspace,
    alfa: PartnershipId,
    beta: PartnershipId,
    cirkel: PartnershipId,
    delta: PartnershipId,
}

const A: AttendanceStatus = AttendanceStatus::Attended;

async fn meeting(
    t: &TestWorkspace,
    partnership_id: PartnershipId,
    kind: MeetingKind,
    date: &str,
    walk_ins: [i64; 4],
    attendance: &[(PersonId, AttendanceStatus)],
) -> MeetingId {
    let [w, m, o, n] = walk_ins;
    let draft = MeetingDraft {
        extra_women: w,
        extra_men: m,
        extra_other: o,
        extra_not_stated: n,
        ..MeetingDraft::new(kind, date)
    };
    let id = t.ws.create_meeting(CreateMeeting { partnership_id, draft }).await.unwrap().id;
    let entries = attendance
        .iter()
        .map(|&(person_id, status)| AttendanceEntry { person_id, status })
        .collect();
    t.ws.set_attendance(SetAttendance { meeting_id: id, entries }).await.unwrap();
    id
}

async fn action(t: &TestWorkspace, at: MeetingId, org: OrganisationId) -> ActionId {
    let draft = ActionDraft::new("Förbättra introduktionen", Some(org));
    t.ws.create_action(CreateAction { meeting_id: at, draft }).await.unwrap().id
}

async fn follow_up(t: &TestWorkspace, action_id: ActionId, at: MeetingId, status: ActionStatus) {
    let input = RecordFollowUp { action_id, meeting_id: at, status, note: String::new() };
    t.ws.record_follow_up(input).await.unwrap();
}

async fn record() -> Record {
    let t = TestWorkspace::new().await;
    let ws = &t.ws;
    let partnership = |name: &str, kind| {
        let draft = PartnershipDraft::new(name, kind);
        async move { ws.create_partnership(draft).await.unwrap().id }
    };
    let alfa = partnership("Alfa", PartnershipKind::Benchlearning).await;
    let beta = partnership("Beta", PartnershipKind::ModelMunicipalityRound).await;
    let cirkel = partnership("Cirkel", PartnershipKind::ModelMunicipalityRound).await;
    let delta = partnership("Delta", PartnershipKind::CommunityOfPractice).await;
    let org = |name: &str, code: &str| {
        let draft = municipality(name, code);
        async move { ws.create_organisation(draft).await.unwrap().id }
    };
    let ume = org("Umeå kommun", "2480").await;
    let lul = org("Luleå kommun", "2580").await;
    let ske = org("Skellefteå kommun", "2482").await;
    let pit = org("Piteå kommun", "2581").await;
    let members = [
        (alfa, ume),
        (alfa, lul),
        (alfa, ske),
        (beta, ume),
        (beta, pit),
        (cirkel, pit),
        (delta, lul),
    ];
    for (p, o) in members {
        ws.add_membership(MembershipDraft::new(p, o, Role::Participant)).await.unwrap();
    }
    // Skellefteå also as Alfa's mentor: a second role, one member organisation.
    ws.add_membership(MembershipDraft::new(alfa, ske, Role::Mentor)).await.unwrap();
    let person = |name: &str, org: Option<OrganisationId>, gender| {
        let draft = PersonDraft { gender, ..PersonDraft::new(name, org) };
        async move { ws.create_person(draft).await.unwrap().summary.id }
    };
    let anna = person("Anna", Some(ume), Gender::Woman).await;
    let bo = person("Bo", Some(lul), Gender::Man).await;
    let cia = person("Cia", Some(ske), Gender::Other).await;
    let dan = person("Dan", None, Gender::NotStated).await;
    let eva = person("Eva", Some(pit), Gender::Woman).await;

    use MeetingKind::{Learning, Startup, Workshop};
    let a1 = meeting(&t, alfa, Learning, "2026-12-31", [5, 0, 0, 0], &[(anna, A), (bo, A)]).await;
    let absent = AttendanceStatus::Absent;
    let a2 = meeting(
        &t,
        alfa,
        Startup,
        "2027-01-01",
        [0, 2, 0, 0],
        &[(anna, A), (bo, absent), (cia, A)],
    )
    .await;
    let a3 =
        meeting(&t, alfa, Learning, "2027-03-15", [1, 0, 0, 1], &[(anna, A), (bo, A), (dan, A)])
            .await;
    let invited = AttendanceStatus::Invited;
    let a4 = meeting(&t, alfa, Learning, "2027-06-30", [0; 4], &[(anna, invited), (cia, A)]).await;
    meeting(&t, alfa, Workshop, "2027-07-01", [0; 4], &[(bo, A)]).await;
    let b1 = meeting(&t, beta, Startup, "2027-02-01", [0; 4], &[(anna, A), (eva, A)]).await;
    let b2 = meeting(&t, beta, Workshop, "2027-06-30", [0, 0, 1, 0], &[(anna, A)]).await;
    let c1 = meeting(&t, cirkel, Learning, "2027-04-01", [0; 4], &[(eva, A), (bo, A)]).await;

    let act1 = action(&t, a2, ume).await;
    follow_up(&t, act1, a3, ActionStatus::Ongoing).await;
    action(&t, a3, lul).await;
    let act3 = action(&t, a3, ske).await;
    follow_up(&t, act3, a4, ActionStatus::Done).await;
    action(&t, a1, ume).await;
    let act5 = action(&t, b1, pit).await;
    follow_up(&t, act5, b2, ActionStatus::Dropped).await;
    action(&t, c1, pit).await;

    ws.set_partnership_archived(SetArchived { id: cirkel, archived: true }).await.unwrap();
    Record { t, alfa, beta, cirkel, delta }
}

fn gender(women: i64, men: i64, other: i64, not_stated: i64) -> GenderCounts {
    GenderCounts { women, men, other, not_stated, total: women + men + other + not_stated }
}

fn actions(planned: i64, ongoing: i64, done: i64, dropped: i64) -> ActionCounts {
    ActionCounts { planned, ongoing, done, dropped, total: planned + ongoing + done + dropped }
}

fn kind(kind: MeetingKind, meetings: i64, participants: i64) -> KindCount {
    KindCount { kind, meetings, participants }
}

fn first_half(kind: Option<PartnershipKind>, include_archived: bool) -> OverviewScope {
    OverviewScope {
        kind,
        from: Some("2027-01-01".into()),
        to: Some("2027-06-30".into()),
        include_archived,
    }
}

fn row(overview: &Overview, id: PartnershipId) -> &OverviewFigures {
    &overview.partnerships.iter().find(|p| p.partnership_id == id).expect("row").figures
}

fn alfa_first_half() -> OverviewFigures {
    OverviewFigures {
        activities: 3,
        by_kind: vec![kind(MeetingKind::Startup, 1, 4), kind(MeetingKind::Learning, 2, 6)],
        participants: gender(3, 3, 2, 2),
        people: gender(1, 1, 1, 1),
        organisations: 3,
        member_organisations: 3,
        actions: actions(1, 1, 1, 0),
    }
}

fn beta_first_half() -> OverviewFigures {
    OverviewFigures {
        activities: 2,
        by_kind: vec![kind(MeetingKind::Startup, 1, 2), kind(MeetingKind::Workshop, 1, 2)],
        participants: gender(3, 0, 1, 0),
        people: gender(2, 0, 0, 0),
        organisations: 2,
        member_organisations: 2,
        actions: actions(0, 0, 0, 1),
    }
}

fn cirkel_first_half() -> OverviewFigures {
    OverviewFigures {
        activities: 1,
        by_kind: vec![kind(MeetingKind::Learning, 1, 2)],
        participants: gender(1, 1, 0, 0),
        people: gender(1, 1, 0, 0),
        organisations: 2,
        member_organisations: 1,
        actions: actions(1, 0, 0, 0),
    }
}

#[tokio::test]
async fn every_kind_in_a_period_counts_the_boundary_days_and_each_person_once_in_the_total() {
    let r = record().await;
    let o = r.t.ws.statistics_overview(first_half(None, false)).await.unwrap();
    let names: Vec<&str> = o.partnerships.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["Alfa", "Beta", "Delta"], "by name, the archived Cirkel left out");
    assert!(o.partnerships.iter().all(|p| !p.archived));
    assert_eq!(o.partnerships[0].kind, PartnershipKind::Benchlearning);
    assert_eq!(row(&o, r.alfa), &alfa_first_half());
    assert_eq!(row(&o, r.beta), &beta_first_half());
    let delta = OverviewFigures { member_organisations: 1, ..OverviewFigures::default() };
    assert_eq!(row(&o, r.delta), &delta, "a partnership without meetings has a row of zeros");
    assert_eq!(
        o.total,
        OverviewFigures {
            activities: 5,
            by_kind: vec![
                kind(MeetingKind::Startup, 2, 6),
                kind(MeetingKind::Learning, 2, 6),
                kind(MeetingKind::Workshop, 1, 2),
            ],
            participants: gender(6, 3, 3, 2),
            // Anna attended in Alfa and Beta: 4 + 2 people in the rows, 5 in all
            people: gender(2, 1, 1, 1),
            // Umeå in both: 3 + 2 organisations in the rows, 4 in all
            organisations: 4,
            // Umeå in Alfa and Beta, Luleå in Alfa and Delta: 3 + 2 + 1, 4 in all
            member_organisations: 4,
            actions: actions(1, 1, 1, 1),
        }
    );
    assert_eq!(o.period.from, chrono::NaiveDate::from_ymd_opt(2027, 1, 1));
}

#[tokio::test]
async fn archived_partnerships_count_when_asked_for() {
    let r = record().await;
    let o = r.t.ws.statistics_overview(first_half(None, true)).await.unwrap();
    let names: Vec<&str> = o.partnerships.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["Alfa", "Beta", "Cirkel", "Delta"]);
    let cirkel = o.partnerships.iter().find(|p| p.partnership_id == r.cirkel).unwrap();
    assert!(cirkel.archived);
    assert_eq!(cirkel.figures, cirkel_first_half());
    assert_eq!(row(&o, r.alfa), &alfa_first_half(), "the other rows do not change");
    assert_eq!(o.total.activities, 6);
    assert_eq!(o.total.participants, gender(7, 4, 3, 2));
    assert_eq!(o.total.people, gender(2, 1, 1, 1), "Eva and Bo were counted already");
    assert_eq!((o.total.organisations, o.total.member_organisations), (4, 4));
    assert_eq!(o.total.actions, actions(2, 1, 1, 1));
    assert_eq!(o.total.by_kind[1], kind(MeetingKind::Learning, 3, 8));
}

#[tokio::test]
async fn one_kind_counts_only_its_partnerships() {
    let r = record().await;
    let round = Some(PartnershipKind::ModelMunicipalityRound);
    let o = r.t.ws.statistics_overview(first_half(round, false)).await.unwrap();
    assert_eq!(o.partnerships.len(), 1);
    assert_eq!(o.partnerships[0].partnership_id, r.beta);
    assert_eq!(o.total, beta_first_half(), "one partnership: its row is the total");

    let o = r.t.ws.statistics_overview(first_half(round, true)).await.unwrap();
    assert_eq!(o.partnerships.len(), 2);
    assert_eq!(o.total.activities, 3);
    assert_eq!(o.total.people, gender(2, 1, 0, 0), "Anna, Eva and Bo");
    assert_eq!((o.total.organisations, o.total.member_organisations), (3, 2));
    assert_eq!(o.total.actions, actions(1, 0, 0, 1));
}

#[tokio::test]
async fn without_a_period_everything_counts_and_the_days_outside_are_in() {
    let r = record().await;
    let o = r.t.ws.statistics_overview(OverviewScope::default()).await.unwrap();
    assert!(o.period.is_all());
    let alfa = row(&o, r.alfa);
    assert_eq!(alfa.activities, 5);
    // the first half's 10, and 2026-12-31's Anna, Bo and 5 women, 2027-07-01's Bo
    assert_eq!(alfa.participants, gender(9, 5, 2, 2));
    assert_eq!(alfa.actions, actions(2, 1, 1, 0), "the action of 2026-12-31 too");
    assert_eq!(
        alfa.by_kind,
        vec![
            kind(MeetingKind::Startup, 1, 4),
            kind(MeetingKind::Learning, 3, 13),
            kind(MeetingKind::Workshop, 1, 1),
        ]
    );

    // one open end: from 2027-07-01 on, only Alfa's workshop
    let later = OverviewScope { from: Some("2027-07-01".into()), ..OverviewScope::default() };
    let o = r.t.ws.statistics_overview(later).await.unwrap();
    assert_eq!(o.total.activities, 1);
    assert_eq!(o.total.people, gender(0, 1, 0, 0));
    assert_eq!(row(&o, r.beta), &OverviewFigures { member_organisations: 2, ..Default::default() });
}

#[tokio::test]
async fn a_bad_period_is_refused_at_its_field() {
    let r = record().await;
    let backwards = OverviewScope {
        from: Some("2027-07-01".into()),
        to: Some("2027-06-30".into()),
        ..OverviewScope::default()
    };
    let err = r.t.ws.statistics_overview(backwards).await.unwrap_err();
    assert_eq!((err.code, err.field.as_deref()), (ErrorCode::EndBeforeStart, Some("to")));
    let bad = OverviewScope { from: Some("2027-02-30".into()), ..OverviewScope::default() };
    let err = r.t.ws.statistics_overview(bad).await.unwrap_err();
    assert_eq!(err.field.as_deref(), Some("from"));
}

#[tokio::test]
async fn an_empty_installation_has_no_rows_and_zeros() {
    let t = TestWorkspace::new().await;
    let o = t.ws.statistics_overview(OverviewScope::default()).await.unwrap();
    assert!(o.partnerships.is_empty());
    assert_eq!(o.total, OverviewFigures::default());
}
