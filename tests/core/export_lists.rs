//! The lists of a partnership's work for a period, to Excel: each CSV parsed
//! back with the `csv` crate and checked against a hand-counted round of four
//! meetings, two of them on the period's boundary dates.

use crate::common::{TestWorkspace, draft, municipality};
use samlar::ErrorCode;
use samlar::documents::export::ExportRequest;
use samlar::kernel::values::{
    Gender, MeetingKind, MeetingMode, OrganisationLevel, PartnershipId, Role,
};
use samlar::meetings::action::{ActionDraft, ActionStatus, CreateAction};
use samlar::meetings::attendance::{AttendanceEntry, AttendanceStatus, SetAttendance};
use samlar::meetings::draft::MeetingDraft;
use samlar::meetings::follow_up::RecordFollowUp;
use samlar::meetings::meeting::CreateMeeting;
use samlar::meetings::sections::{GoodExample, SetGoodExamples};
use samlar::registry::membership::MembershipDraft;
use samlar::registry::person::PersonDraft;
use samlar::store::settings::{Language, SetLanguage};

const FROM: &str = "2027-02-01";
const TO: &str = "2027-03-15";

/// The rows of a CSV file as the export wrote it: a byte-order mark, then
/// `;`-separated records, the header first.
fn parse(bytes: &[u8]) -> Vec<Vec<String>> {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").expect("starts with a byte-order mark");
    let mut reader = csv::ReaderBuilder::new().delimiter(b';').has_headers(false).from_reader(body);
    reader.records().map(|r| r.unwrap().iter().map(str::to_owned).collect()).collect()
}

fn rows(rows: &[&[&str]]) -> Vec<Vec<String>> {
    rows.iter().map(|r| r.iter().map(|c| c.to_string()).collect()).collect()
}

/// A startup meeting before the period (2027-01-10), learning meetings 1 and
/// 2 on its first and last day, and learning meeting 3 after it.
async fn recorded_round(t: &TestWorkspace) -> PartnershipId {
    let ws = &t.ws;
    let partnership = ws.create_partnership(draft("Modellkommuner 2027")).await.unwrap().id;
    let umea = ws.create_organisation(municipality("Umeå kommun", "2480")).await.unwrap().id;
    let vannas = ws.create_organisation(municipality("Vännäs kommun", "2460")).await.unwrap().id;
    for o in [umea, vannas] {
        ws.add_membership(MembershipDraft::new(partnership, o, Role::Participant)).await.unwrap();
    }
    let mut people = Vec::new();
    for (name, o, gender, level) in [
        ("Anna Exempel", vannas, Gender::Woman, Some(OrganisationLevel::Strategist)),
        ("Bertil Exempel", vannas, Gender::Man, None),
        ("Cecilia Exempel", umea, Gender::Woman, Some(OrganisationLevel::Politician)),
    ] {
        let p = PersonDraft { gender, level, ..PersonDraft::new(name, Some(o)) };
        people.push(ws.create_person(p).await.unwrap().summary.id);
    }
    let (anna, bertil, cecilia) = (people[0], people[1], people[2]);
    let meeting = |draft: MeetingDraft| async move {
        let create = CreateMeeting { partnership_id: partnership, draft };
        t.ws.create_meeting(create).await.unwrap().id
    };
    let startup = meeting(MeetingDraft::new(MeetingKind::Startup, "2027-01-10")).await;
    let first = meeting(MeetingDraft {
        title: "=SUMMA(A1)".into(),
        start_time: "09:30".into(),
        end_time: "15:00".into(),
        venue_name: "Folkets hus".into(),
        host_organisation_id: Some(umea),
        extra_men: 1,
        ..MeetingDraft::new(MeetingKind::Learning, FROM)
    })
    .await;
    let second = meeting(MeetingDraft {
        online_link: "https://meet.example.se/2".into(),
        mode: Some(MeetingMode::Digital),
        ..MeetingDraft::new(MeetingKind::Learning, TO)
    })
    .await;
    let third = meeting(MeetingDraft::new(MeetingKind::Learning, "2027-04-20")).await;

    let attend = |meeting_id, entries: Vec<(_, AttendanceStatus)>| {
        let entries = entries
            .into_iter()
            .map(|(person_id, status)| AttendanceEntry { person_id, status })
            .collect();
        ws.set_attendance(SetAttendance { meeting_id, entries })
    };
    attend(startup, vec![(anna, AttendanceStatus::Attended)]).await.unwrap();
    let at_first = vec![
        (cecilia, AttendanceStatus::Attended),
        (anna, AttendanceStatus::Attended),
        (bertil, AttendanceStatus::Absent),
    ];
    attend(first, at_first).await.unwrap();
    attend(second, vec![(bertil, AttendanceStatus::Attended)]).await.unwrap();
    attend(third, vec![(cecilia, AttendanceStatus::Attended)]).await.unwrap();

    let example = |title: &str, tags: &[&str]| GoodExample {
        title: title.into(),
        description: "Umeå fördelar föreningsbidrag efter kön och ålder.".into(),
        organisation_id: Some(umea),
        tags: tags.iter().map(|t| t.to_string()).collect(),
    };
    let examples = vec![example("Jämställd resursfördelning", &["budget", "styrning"])];
    ws.set_good_examples(SetGoodExamples { meeting_id: first, examples }).await.unwrap();
    let examples = vec![example("Efter perioden", &[])];
    ws.set_good_examples(SetGoodExamples { meeting_id: third, examples }).await.unwrap();

    let action = |meeting_id, draft| ws.create_action(CreateAction { meeting_id, draft });
    let old = action(startup, ActionDraft::new("Gammal åtgärd", Some(vannas))).await.unwrap().id;
    let statistics = ActionDraft {
        responsible_person_id: Some(anna),
        due_date: "2027-05-31".into(),
        ..ActionDraft::new("Könsuppdelad statistik", Some(vannas))
    };
    let statistics = action(first, statistics).await.unwrap().id;
    action(third, ActionDraft::new("Efter perioden", None)).await.unwrap();
    let follow = |action_id, meeting_id, status, note: &str| {
        ws.record_follow_up(RecordFollowUp { action_id, meeting_id, status, note: note.into() })
    };
    follow(old, second, ActionStatus::Done, "Klar i tid").await.unwrap();
    follow(statistics, second, ActionStatus::Ongoing, "-två av fem nämnder").await.unwrap();
    follow(statistics, third, ActionStatus::Done, "Alla nämnder").await.unwrap();
    partnership
}

fn period(list: &str, partnership_id: PartnershipId, from: &str, to: &str) -> ExportRequest {
    let json = serde_json::json!({
        "list": list,
        "partnershipId": partnership_id,
        "from": (!from.is_empty()).then_some(from),
        "to": (!to.is_empty()).then_some(to),
    });
    serde_json::from_value(json).unwrap()
}

#[tokio::test]
async fn meetings_of_the_period_include_both_boundary_days() {
    let t = TestWorkspace::new().await;
    let p = recorded_round(&t).await;
    let file = t.ws.export_csv(period("meetings", p, FROM, TO)).await.unwrap();
    assert_eq!(file.file_name, "möten-2026-11-23.csv");
    assert_eq!(
        parse(&file.bytes),
        rows(&[
            &[
                "Datum",
                "Starttid",
                "Sluttid",
                "Typ",
                "Nummer",
                "Titel",
                "Plats",
                "Form",
                "Värdorganisation",
                "Kvinnor närvarande",
                "Män närvarande",
                "Annat kön närvarande",
                "Kön ej angivet närvarande",
            ],
            &[
                "2027-02-01",
                "09:30",
                "15:00",
                "Lärandeträff",
                "1",
                "'=SUMMA(A1)",
                "Folkets hus",
                "På plats",
                "Umeå kommun",
                "2",
                "1",
                "0",
                "0",
            ],
            &[
                "2027-03-15",
                "",
                "",
                "Lärandeträff",
                "2",
                "",
                "",
                "Digitalt",
                "",
                "0",
                "1",
                "0",
                "0",
            ],
        ])
    );
    let everything = t.ws.export_csv(period("meetings", p, "", "")).await.unwrap();
    assert_eq!(parse(&everything.bytes).len(), 1 + 4);
    let until = t.ws.export_csv(period("meetings", p, "", FROM)).await.unwrap();
    let dates: Vec<String> =
        parse(&until.bytes).into_iter().skip(1).map(|r| r[0].clone()).collect();
    assert_eq!(dates, ["2027-01-10", "2027-02-01"]);
}

#[tokio::test]
async fn attendance_is_one_row_per_person_and_meeting() {
    let t = TestWorkspace::new().await;
    let p = recorded_round(&t).await;
    let file = t.ws.export_csv(period("attendance", p, FROM, TO)).await.unwrap();
    assert_eq!(file.file_name, "närvaro-2026-11-23.csv");
    let first = "Lärandeträff 1 – =SUMMA(A1)";
    assert_eq!(
        parse(&file.bytes),
        rows(&[
            &["Mötesdatum", "Möte", "Namn", "Organisation", "Nivå", "Kön", "Närvaro"],
            &[
                FROM,
                first,
                "Anna Exempel",
                "Vännäs kommun",
                "Strateg eller nyckelperson",
                "Kvinna",
                "Närvarande",
            ],
            &[FROM, first, "Bertil Exempel", "Vännäs kommun", "", "Man", "Frånvarande"],
            &[FROM, first, "Cecilia Exempel", "Umeå kommun", "Politiker", "Kvinna", "Närvarande"],
            &[TO, "Lärandeträff 2", "Bertil Exempel", "Vännäs kommun", "", "Man", "Närvarande"],
        ])
    );
}

#[tokio::test]
async fn actions_come_with_their_follow_ups_of_the_period() {
    let t = TestWorkspace::new().await;
    let p = recorded_round(&t).await;
    let file = t.ws.export_csv(period("actions", p, FROM, TO)).await.unwrap();
    assert_eq!(file.file_name, "åtgärder-2026-11-23.csv");
    let (old, stats) = ("Gammal åtgärd", "Könsuppdelad statistik");
    let v = "Vännäs kommun";
    // The startup's action is in the period by its follow-up at meeting 2; the
    // follow-up at meeting 3 and the action agreed there are after it.
    assert_eq!(
        parse(&file.bytes),
        rows(&[
            &[
                "Rad",
                "Åtgärd nr",
                "Mötesdatum",
                "Möte",
                "Organisation",
                "Åtgärd",
                "Ansvarig",
                "Klart senast",
                "Status",
                "Status i dag",
                "Kommentar",
            ],
            &["Åtgärd", "1", "2027-01-10", "Uppstartsmöte", v, old, "", "", "Planerad", "Klar", ""],
            &["Uppföljning", "1", TO, "Lärandeträff 2", v, old, "", "", "Klar", "", "Klar i tid",],
            &[
                "Åtgärd",
                "2",
                FROM,
                "Lärandeträff 1 – =SUMMA(A1)",
                v,
                stats,
                "Anna Exempel",
                "2027-05-31",
                "Planerad",
                "Klar",
                "",
            ],
            &[
                "Uppföljning",
                "2",
                TO,
                "Lärandeträff 2",
                v,
                stats,
                "",
                "",
                "Pågår",
                "",
                "'-två av fem nämnder",
            ],
        ])
    );
}

#[tokio::test]
async fn good_examples_of_the_period_in_english() {
    let t = TestWorkspace::new().await;
    let p = recorded_round(&t).await;
    t.ws.set_language(SetLanguage { language: Language::En }).await.unwrap();
    let file = t.ws.export_csv(period("good_examples", p, FROM, TO)).await.unwrap();
    assert_eq!(file.file_name, "good-examples-2026-11-23.csv");
    assert_eq!(
        parse(&file.bytes),
        rows(&[
            &["Meeting date", "Meeting", "Title", "Description", "Organisation", "Tags"],
            &[
                FROM,
                "Learning meeting 1 – =SUMMA(A1)",
                "Jämställd resursfördelning",
                "Umeå fördelar föreningsbidrag efter kön och ålder.",
                "Umeå kommun",
                "budget, styrning",
            ],
        ])
    );
}

#[tokio::test]
async fn a_period_that_ends_before_it_starts_is_refused_on_its_end() {
    let t = TestWorkspace::new().await;
    let p = recorded_round(&t).await;
    for list in ["meetings", "attendance", "actions", "good_examples"] {
        let err = t.ws.export_csv(period(list, p, TO, FROM)).await.unwrap_err();
        assert_eq!((err.code, err.field.as_deref()), (ErrorCode::EndBeforeStart, Some("to")));
    }
    let err = t.ws.export_csv(period("meetings", p, "2027-2-1", "")).await.unwrap_err();
    assert_eq!((err.code, err.field.as_deref()), (ErrorCode::InvalidDate, Some("from")));
    let one_day = t.ws.export_csv(period("meetings", p, TO, TO)).await.unwrap();
    assert_eq!(parse(&one_day.bytes).len(), 2);
    let missing = t.ws.export_csv(period("meetings", PartnershipId(999), "", "")).await;
    assert_eq!(missing.unwrap_err().code, ErrorCode::NotFound);
    let unknown = serde_json::json!({ "list": "meetings", "partnershipId": p, "until": TO });
    assert!(serde_json::from_value::<ExportRequest>(unknown).is_err());
}
