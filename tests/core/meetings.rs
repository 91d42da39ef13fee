//! Meetings and the learning cycle: planning, the record, attendance,
//! improvement actions carried forward to later meetings, statistics and
//! full-text search.

use crate::common::{TestWorkspace, all_meetings, draft, municipality};
use chrono::{Datelike, NaiveDate, Weekday};
use samlar::ErrorCode;
use samlar::kernel::values::{
    ById, Gender, MeetingId, MeetingKind, OrganisationId, PartnershipId, PersonId, Role,
};
use samlar::meetings::action::{ActionDraft, ActionStatus, CreateAction};
use samlar::meetings::attendance::{AttendanceEntry, AttendanceStatus, SetAttendance};
use samlar::meetings::cycle::{easter_sunday, is_holiday, propose, working_day_from};
use samlar::meetings::draft::MeetingDraft;
use samlar::meetings::follow_up::RecordFollowUp;
use samlar::meetings::meeting::{CreateMeeting, ProposeCycle, SaveCycle, UpdateMeeting};
use samlar::meetings::sections::{
    AgendaItem, GoodExample, SetAgenda, SetDecisions, SetGoodExamples,
};
use samlar::meetings::statistics::StatisticsScope;
use samlar::registry::membership::MembershipDraft;
use samlar::registry::person::PersonDraft;
use samlar::search::{SearchQuery, SearchSource, fts_query};

fn date(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

async fn meeting(
    t: &TestWorkspace,
    partnership_id: PartnershipId,
    kind: MeetingKind,
    on: &str,
) -> MeetingId {
    let input = CreateMeeting { partnership_id, draft: MeetingDraft::new(kind, on) };
    t.ws.create_meeting(input).await.unwrap().id
}

#[test]
fn swedish_holidays_are_known() {
    assert_eq!(easter_sunday(2027), date("2027-03-28"));
    assert_eq!(easter_sunday(2028), date("2028-04-16"));
    for holiday in
        ["2027-01-06", "2027-03-26", "2027-03-29", "2027-05-06", "2027-06-25", "2027-12-24"]
    {
        assert!(is_holiday(date(holiday)), "{holiday}");
    }
    assert!(!is_holiday(date("2027-03-25")));
    assert_eq!(working_day_from(date("2027-03-26")), date("2027-03-30"), "Easter weekend");
}

#[test]
fn the_cycle_is_five_meetings_on_working_days_over_about_thirteen_months() {
    for start in ["2027-01-18", "2026-08-15", "2027-02-26", "2027-03-26"] {
        let plan = propose(date(start));
        let kinds: Vec<_> = plan.iter().map(|p| (p.kind, p.number)).collect();
        assert_eq!(
            kinds,
            [
                (MeetingKind::Startup, None),
                (MeetingKind::Learning, Some(1)),
                (MeetingKind::Learning, Some(2)),
                (MeetingKind::Learning, Some(3)),
                (MeetingKind::ResultsConference, None),
            ]
        );
        let dates: Vec<NaiveDate> = plan.iter().map(|p| date(&p.date)).collect();
        for d in &dates {
            assert!(!matches!(d.weekday(), Weekday::Sat | Weekday::Sun), "{start}: {d}");
            assert!(!is_holiday(*d) && d.month() != 7, "{start}: {d}");
        }
        assert!(dates.windows(2).all(|w| w[0] < w[1]), "{start}: in order");
        let span = (dates[4] - dates[0]).num_days();
        assert!((380..=420).contains(&span), "{start}: {span} days");
    }
}

#[tokio::test]
async fn a_planned_cycle_is_saved_in_one_go_and_numbers_continue() {
    let t = TestWorkspace::new().await;
    let p = t.ws.create_partnership(draft("Modellkommun 2027")).await.unwrap();
    let mut plan =
        t.ws.propose_cycle(ProposeCycle { partnership_id: p.id, start_date: "2027-01-18".into() })
            .await
            .unwrap();
    plan[1].date = "2027-04-20".into(); // the coordinator moves learning meeting 1
    let saved = t.ws.save_cycle(SaveCycle { partnership_id: p.id, meetings: plan }).await.unwrap();
    assert_eq!(saved.len(), 5);
    assert_eq!(saved[1].date, date("2027-04-20"));
    let again =
        t.ws.propose_cycle(ProposeCycle { partnership_id: p.id, start_date: "2028-03-01".into() })
            .await
            .unwrap();
    assert_eq!(again[1].number, Some(4));

    let mut bad = again.clone();
    bad[2].date = "2028-02-30".into();
    let err = t.ws.save_cycle(SaveCycle { partnership_id: p.id, meetings: bad }).await.unwrap_err();
    assert_eq!((err.code, err.field.as_deref()), (ErrorCode::InvalidDate, Some("meetings.2.date")));
    assert_eq!(all_meetings(&t.ws, p.id).await.len(), 5);
}

#[tokio::test]
async fn the_meeting_record_checks_date_times_and_numbers_learning_meetings() {
    let t = TestWorkspace::new().await;
    let p = t.ws.create_partnership(draft("Dropin")).await.unwrap();
    let mut d = MeetingDraft::new(MeetingKind::Learning, "2027-04-20");
    d.start_time = "9.30".into();
    d.end_time = "1600".into();
    d.venue_name = "Stadshuset".into();
    d.step_free_entrance = Some(true);
    d.hearing_loop = Some(false);
    let m =
        t.ws.create_meeting(CreateMeeting { partnership_id: p.id, draft: d.clone() })
            .await
            .unwrap();
    assert_eq!(
        (m.number, m.start_time.as_deref(), m.end_time.as_deref()),
        (Some(1), Some("09:30"), Some("16:00"))
    );
    assert_eq!((m.step_free_entrance, m.hearing_loop, m.lift), (Some(true), Some(false), None));
    let second =
        t.ws.create_meeting(CreateMeeting { partnership_id: p.id, draft: d.clone() })
            .await
            .unwrap();
    assert_eq!(second.number, Some(2));

    for (change, code, field) in [
        (("date", ""), ErrorCode::DateRequired, "date"),
        (("start", "25:00"), ErrorCode::InvalidTime, "startTime"),
        (("end", "halv fyra"), ErrorCode::InvalidTime, "endTime"),
        (("end", "08:00"), ErrorCode::EndBeforeStart, "endTime"),
    ] {
        let mut bad = d.clone();
        match change.0 {
            "date" => bad.date = change.1.into(),
            "start" => bad.start_time = change.1.into(),
            _ => bad.end_time = change.1.into(),
        }
        let err = t.ws.update_meeting(UpdateMeeting { id: m.id, draft: bad }).await.unwrap_err();
        assert_eq!((err.code, err.field.as_deref()), (code, Some(field)));
    }
    let mut taken = d.clone();
    taken.number = Some(2);
    let err = t.ws.update_meeting(UpdateMeeting { id: m.id, draft: taken }).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::Conflict, "learning meeting 2 exists");
}

/// The record's columns are listed once and bound in that order for both
/// INSERT and UPDATE: every field of a draft, each with a value of its own,
/// comes back as written from both, and from a fresh read.
#[tokio::test]
async fn every_field_of_the_record_is_saved_as_written() {
    let t = TestWorkspace::new().await;
    let p = t.ws.create_partnership(draft("Nätverket")).await.unwrap();
    let ske = t.ws.create_organisation(municipality("Skellefteå kommun", "2482")).await.unwrap();
    let ume = t.ws.create_organisation(municipality("Umeå kommun", "2480")).await.unwrap();
    let filled = |n: i64, host: OrganisationId, flags: [Option<bool>; 6]| {
        let mut d = MeetingDraft::new(MeetingKind::Learning, &format!("2027-04-2{n}"));
        d.number = Some(n + 1);
        (d.start_time, d.end_time) = (format!("0{n}:15"), format!("1{n}:45"));
        let texts = [
            &mut d.title,
            &mut d.venue_name,
            &mut d.venue_address,
            &mut d.accessibility_notes,
            &mut d.studied,
            &mut d.learned,
            &mut d.notes,
            &mut d.reflection_best,
            &mut d.reflection_learn,
            &mut d.reflection_develop,
        ];
        for (i, text) in texts.into_iter().enumerate() {
            *text = format!("text {n}.{i}");
        }
        [d.step_free_entrance, d.no_thresholds, d.lift] = [flags[0], flags[1], flags[2]];
        [d.accessible_toilet, d.hearing_loop, d.accessible_seating] =
            [flags[3], flags[4], flags[5]];
        d.host_organisation_id = Some(host);
        d.online_link = format!("https://meet.example.se/dropin-{n}");
        use samlar::kernel::values::MeetingMode::{Digital, Hybrid};
        d.mode = Some(if n == 1 { Hybrid } else { Digital });
        (d.extra_women, d.extra_men, d.extra_other, d.extra_not_stated) =
            (n, n + 10, n + 20, n + 30);
        d
    };
    let same = |m: &samlar::meetings::meeting::Meeting, d: &MeetingDraft, context: &str| {
        let (got, want) = (serde_json::to_value(m).unwrap(), serde_json::to_value(d).unwrap());
        for (field, value) in want.as_object().unwrap() {
            if field != "visitorIds" {
                assert_eq!(&got[field], value, "{context}: {field}");
            }
        }
    };
    let (yes, no) = (Some(true), Some(false));
    let first = filled(1, ske.id, [yes, no, None, yes, no, None]);
    let m = t.ws.create_meeting(CreateMeeting { partnership_id: p.id, draft: first.clone() });
    let m = m.await.unwrap();
    same(&m, &first, "created");
    let second = filled(2, ume.id, [None, yes, no, no, None, yes]);
    let updated = t.ws.update_meeting(UpdateMeeting { id: m.id, draft: second.clone() });
    same(&updated.await.unwrap(), &second, "updated");
    same(&t.ws.meeting(ById { id: m.id }).await.unwrap().meeting, &second, "read back");
}

/// A digital meeting's link is saved trimmed and read back; one that is not
/// an `https://` or `http://` web address is refused on its field, and
/// nothing of that draft is saved.
#[tokio::test]
async fn a_digital_meetings_link_is_a_web_address_or_nothing() {
    let t = TestWorkspace::new().await;
    let p = t.ws.create_partnership(draft("Nätverket")).await.unwrap();
    let link = "https://meet.example.se/dropin-3?pwd=a1b2";
    let with = |link: &str, date: &str| MeetingDraft {
        online_link: link.into(),
        notes: format!("Sparad {date}."),
        ..MeetingDraft::new(MeetingKind::Workshop, date)
    };
    let create =
        CreateMeeting { partnership_id: p.id, draft: with(&format!(" {link}\t"), "2027-04-20") };
    let m = t.ws.create_meeting(create).await.unwrap();
    assert_eq!(m.online_link, link, "trimmed");
    assert_eq!(t.ws.meeting(ById { id: m.id }).await.unwrap().meeting.online_link, link);

    let too_long = format!("https://meet.example.se/{}", "a".repeat(2000));
    let bad = ["teams möte", "javascript:alert(1)", "ftp://x", "https://", "meet.example.se/x"];
    let spaced = ["https:// meet.example.se", "https://meet.example.se/ett rum", "https://x/\u{7}"];
    for bad in bad.into_iter().chain(spaced).chain([too_long.as_str()]) {
        let update = UpdateMeeting { id: m.id, draft: with(bad, "2027-04-21") };
        let create = CreateMeeting { partnership_id: p.id, draft: with(bad, "2027-04-21") };
        for err in [t.ws.update_meeting(update).await, t.ws.create_meeting(create).await] {
            let err = err.unwrap_err();
            let refused = (err.code, err.field.as_deref());
            assert_eq!(refused, (ErrorCode::InvalidLink, Some("onlineLink")), "{bad}");
        }
    }
    let kept = t.ws.meeting(ById { id: m.id }).await.unwrap().meeting;
    assert_eq!((kept.online_link.as_str(), kept.notes.as_str()), (link, "Sparad 2027-04-20."));
    assert_eq!(all_meetings(&t.ws, p.id).await.len(), 1, "none created");
    let plain = UpdateMeeting { id: m.id, draft: with("http://meet.example.se/rum", "2027-04-20") };
    assert_eq!(t.ws.update_meeting(plain).await.unwrap().online_link, "http://meet.example.se/rum");
}

#[tokio::test]
async fn agenda_decisions_examples_and_attendance_are_kept_in_order() {
    let t = TestWorkspace::new().await;
    let p = t.ws.create_partnership(draft("CLN")).await.unwrap();
    let ske = t.ws.create_organisation(municipality("Skellefteå kommun", "2482")).await.unwrap();
    t.ws.add_membership(MembershipDraft::new(p.id, ske.id, Role::Participant)).await.unwrap();
    let anna =
        t.ws.create_person(PersonDraft {
            gender: Gender::Woman,
            ..PersonDraft::new("Anna", Some(ske.id))
        })
        .await
        .unwrap();
    let bo = t
        .ws
        .create_person(PersonDraft { gender: Gender::Man, ..PersonDraft::new("Bo", Some(ske.id)) })
        .await
        .unwrap();
    let m = meeting(&t, p.id, MeetingKind::Learning, "2027-04-20").await;

    let item = |title: &str| AgendaItem {
        title: title.into(),
        presenter_organisation_id: Some(ske.id),
        presenter_person_id: None,
        notes: String::new(),
    };
    let agenda = vec![item("Välkommen"), item(" "), item("Skellefteå berättar")];
    t.ws.set_agenda(SetAgenda { meeting_id: m, items: agenda }).await.unwrap();
    t.ws.set_decisions(SetDecisions {
        meeting_id: m,
        decisions: vec!["Nästa träff i Umeå".into(), "".into()],
    })
    .await
    .unwrap();
    let example = GoodExample {
        title: "Jämställd budget".into(),
        description: "Så gjorde vi.".into(),
        organisation_id: Some(ske.id),
        tags: vec!["budget, styrning".into()],
    };
    t.ws.set_good_examples(SetGoodExamples { meeting_id: m, examples: vec![example] })
        .await
        .unwrap();
    let entries = vec![
        AttendanceEntry { person_id: anna.summary.id, status: AttendanceStatus::Attended },
        AttendanceEntry { person_id: bo.summary.id, status: AttendanceStatus::Absent },
    ];
    t.ws.set_attendance(SetAttendance { meeting_id: m, entries }).await.unwrap();

    let detail = t.ws.meeting(ById { id: m }).await.unwrap();
    let titles: Vec<_> = detail.agenda.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(titles, ["Välkommen", "Skellefteå berättar"]);
    assert_eq!(detail.decisions, ["Nästa träff i Umeå"]);
    assert_eq!(detail.good_examples[0].tags, ["budget", "styrning"]);
    let statuses: Vec<_> = detail.attendance.iter().map(|a| (a.name.as_str(), a.status)).collect();
    assert_eq!(
        statuses,
        [("Anna", Some(AttendanceStatus::Attended)), ("Bo", Some(AttendanceStatus::Absent))]
    );

    // Erasing a person removes their attendance too.
    t.ws.delete_person(ById { id: bo.summary.id }).await.unwrap();
    let detail = t.ws.meeting(ById { id: m }).await.unwrap();
    assert_eq!(detail.attendance.len(), 1);
}

#[tokio::test]
async fn open_actions_come_back_at_every_later_meeting_until_closed() {
    let t = TestWorkspace::new().await;
    let p = t.ws.create_partnership(draft("Modellkommun 2027")).await.unwrap();
    let vannas = t.ws.create_organisation(municipality("Vännäs kommun", "2460")).await.unwrap();
    let m1 = meeting(&t, p.id, MeetingKind::Learning, "2027-04-20").await;
    let m2 = meeting(&t, p.id, MeetingKind::Learning, "2027-08-24").await;
    let m3 = meeting(&t, p.id, MeetingKind::Learning, "2027-11-23").await;
    let create = |description: &str, status| CreateAction {
        meeting_id: m1,
        draft: ActionDraft {
            status,
            due_date: "2027-08-01".into(),
            ..ActionDraft::new(description, Some(vannas.id))
        },
    };
    let budget =
        t.ws.create_action(create("Könsuppdelad statistik i budgeten", ActionStatus::Planned))
            .await
            .unwrap();
    let training =
        t.ws.create_action(create("Utbilda nämnderna", ActionStatus::Ongoing)).await.unwrap();
    t.ws.create_action(create("Redan klart", ActionStatus::Done)).await.unwrap();

    let at = |m: MeetingId| {
        let ws = &t.ws;
        async move {
            let d = ws.meeting(ById { id: m }).await.unwrap();
            d.follow_ups
                .into_iter()
                .map(|f| (f.action.description, f.status_before, f.here.map(|h| h.status)))
                .collect::<Vec<_>>()
        }
    };
    assert!(at(m1).await.is_empty(), "nothing to follow up at the first meeting");
    assert_eq!(
        at(m2).await,
        [
            ("Könsuppdelad statistik i budgeten".to_string(), ActionStatus::Planned, None),
            ("Utbilda nämnderna".to_string(), ActionStatus::Ongoing, None),
        ]
    );
    let follow = |action_id, meeting_id, status| RecordFollowUp {
        action_id,
        meeting_id,
        status,
        note: "Följts upp".into(),
    };
    t.ws.record_follow_up(follow(budget.id, m2, ActionStatus::Done)).await.unwrap();
    t.ws.record_follow_up(follow(training.id, m2, ActionStatus::Ongoing)).await.unwrap();
    assert_eq!(at(m2).await[0].2, Some(ActionStatus::Done), "still shown where it was closed");
    let third = at(m3).await;
    assert_eq!(third, [("Utbilda nämnderna".to_string(), ActionStatus::Ongoing, None)]);
    let detail = t.ws.meeting(ById { id: m3 }).await.unwrap();
    assert_eq!(detail.follow_ups[0].history.len(), 1, "the follow-up at meeting 2");

    let err = t.ws.record_follow_up(follow(training.id, m1, ActionStatus::Done)).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::NotLaterMeeting);

    let history = t.ws.organisation_actions(ById { id: vannas.id }).await.unwrap();
    assert_eq!(history.len(), 3);
    let budget_now = history.iter().find(|a| a.action.id == budget.id).unwrap();
    assert_eq!((budget_now.action.status, budget_now.history.len()), (ActionStatus::Done, 1));

    // Deleting meeting 2 takes its follow-ups with it: the budget action is open again.
    t.ws.delete_meeting(ById { id: m2 }).await.unwrap();
    let third = at(m3).await;
    assert_eq!(third.len(), 2);
    t.ws.delete_action(ById { id: training.id }).await.unwrap();
    assert_eq!(at(m3).await.len(), 1);
}

#[tokio::test]
async fn statistics_count_women_and_men_per_activity_and_attendance_per_organisation() {
    let t = TestWorkspace::new().await;
    let p = t.ws.create_partnership(draft("CLN")).await.unwrap();
    let ske = t.ws.create_organisation(municipality("Skellefteå kommun", "2482")).await.unwrap();
    let ume = t.ws.create_organisation(municipality("Umeå kommun", "2480")).await.unwrap();
    let person =
        |name: &str, gender, org| PersonDraft { gender, ..PersonDraft::new(name, Some(org)) };
    let a = t.ws.create_person(person("A", Gender::Woman, ske.id)).await.unwrap().summary.id;
    let b = t.ws.create_person(person("B", Gender::Man, ske.id)).await.unwrap().summary.id;
    let c = t.ws.create_person(person("C", Gender::Woman, ume.id)).await.unwrap().summary.id;
    let m1 = meeting(&t, p.id, MeetingKind::Startup, "2027-01-18").await;
    let m2 = meeting(&t, p.id, MeetingKind::Learning, "2027-04-20").await;
    let set = |m, entries: Vec<(PersonId, AttendanceStatus)>| SetAttendance {
        meeting_id: m,
        entries: entries
            .into_iter()
            .map(|(person_id, status)| AttendanceEntry { person_id, status })
            .collect(),
    };
    use AttendanceStatus::*;
    t.ws.set_attendance(set(m1, vec![(a, Attended), (b, Attended), (c, Absent)])).await.unwrap();
    t.ws.set_attendance(set(m2, vec![(a, Attended), (c, Attended), (b, Invited)])).await.unwrap();
    let mut d = MeetingDraft::new(MeetingKind::Learning, "2027-04-20");
    d.extra_women = 2;
    d.extra_not_stated = 1;
    t.ws.update_meeting(UpdateMeeting { id: m2, draft: d }).await.unwrap();

    let stats = t.ws.statistics(StatisticsScope::partnership(p.id)).await.unwrap();
    let per: Vec<_> = stats
        .activities
        .iter()
        .map(|a| (a.attended.women, a.attended.men, a.attended.not_stated, a.attended.total))
        .collect();
    assert_eq!(per, [(1, 1, 0, 2), (4, 0, 1, 5)]);
    assert_eq!((stats.total.women, stats.total.men, stats.total.total), (5, 1, 7));
    let orgs: Vec<_> = stats
        .organisations
        .iter()
        .map(|o| {
            (
                o.organisation_name.clone().unwrap(),
                o.attended,
                o.absent,
                o.invited,
                o.meetings_attended,
            )
        })
        .collect();
    assert_eq!(
        orgs,
        [("Skellefteå kommun".into(), 3, 0, 1, 2), ("Umeå kommun".into(), 1, 1, 0, 1)]
    );
    let one = t
        .ws
        .statistics(StatisticsScope { meeting_id: Some(m1), ..StatisticsScope::partnership(p.id) })
        .await
        .unwrap();
    assert_eq!(one.activities.len(), 1);
    assert_eq!(one.total.total, 2);
}

#[tokio::test]
async fn search_finds_prefixes_ranks_hits_and_keeps_swedish_letters_apart() {
    let t = TestWorkspace::new().await;
    let p = t.ws.create_partnership(draft("Modellkommun 2027")).await.unwrap();
    let other = t.ws.create_partnership(draft("Dropin")).await.unwrap();
    let m1 = meeting(&t, p.id, MeetingKind::Learning, "2027-04-20").await;
    let m2 = meeting(&t, other.id, MeetingKind::Workshop, "2027-05-11").await;
    let mut d = MeetingDraft::new(MeetingKind::Learning, "2027-04-20");
    d.reflection_best = "Vi får bättre rutiner när alla förbereder sig.".into();
    t.ws.update_meeting(UpdateMeeting { id: m1, draft: d }).await.unwrap();
    let decisions = vec!["Far och mor bjuds in. Rutiner ses över, rutiner igen.".into()];
    t.ws.set_decisions(SetDecisions { meeting_id: m2, decisions }).await.unwrap();
    t.ws.create_action(CreateAction {
        meeting_id: m1,
        draft: ActionDraft::new("Ta fram jämställdhetsrutiner", None),
    })
    .await
    .unwrap();

    let search = |text: &str, partnership_id: Option<PartnershipId>| {
        let ws = &t.ws;
        let query = SearchQuery { text: text.into(), partnership_id };
        async move { ws.search(query).await.unwrap() }
    };
    let hits = search("får", None).await;
    assert_eq!(hits.len(), 1);
    assert_eq!((hits[0].meeting_id, hits[0].source), (m1, SearchSource::Reflection));
    assert!(hits[0].snippet.contains("\u{2}får\u{3}"), "{}", hits[0].snippet);
    let far: Vec<_> = search("far", None).await.iter().map(|h| h.meeting_id).collect();
    assert_eq!(far, [m2], "far is not får");
    let rutin: Vec<_> =
        search("RUTIN", None).await.iter().map(|h| (h.meeting_id, h.source)).collect();
    assert_eq!(rutin[0], (m2, SearchSource::Decision), "two hits in one passage rank first");
    assert_eq!(rutin.len(), 2, "prefix, but not inside a word: {rutin:?}");
    assert_eq!(search("rutin", Some(p.id)).await.len(), 1);
    assert_eq!(search("jämställdhetsrut", None).await[0].source, SearchSource::Action);
    for odd in ["\"", "NEAR(", "a OR", "*", "får\"); DROP TABLE meetings; --"] {
        search(odd, None).await; // never a syntax error
    }
    assert!(search("  ", None).await.is_empty());
    t.ws.set_decisions(SetDecisions { meeting_id: m2, decisions: vec![] }).await.unwrap();
    assert!(search("far", None).await.is_empty(), "the index follows edits");
    t.ws.delete_meeting(ById { id: m1 }).await.unwrap();
    assert!(search("får", None).await.is_empty());
}

#[test]
fn typed_queries_become_quoted_prefixes() {
    assert_eq!(fts_query("får rutin").as_deref(), Some("\"får\"* \"rutin\"*"));
    assert_eq!(fts_query("\"NEAR(x\"").as_deref(), Some("\"NEAR\"* \"x\"*"));
    assert_eq!(fts_query(" - "), None);
}
