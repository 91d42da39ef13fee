//! The partnership report and the statistics for a reporting period, against
//! a hand-counted half year: meetings on both boundary days are inside, those
//! a day before and a day after are not; an action agreed before the period
//! is in it by its follow-up; the PDF, parsed back with `pdftotext`, shows the
//! period on every page and the lessons meeting by meeting; the statistics
//! per activity to Excel, parsed back with the `csv` crate.

use crate::common::{TestWorkspace, draft, municipality};
use samlar::ErrorCode;
use samlar::documents::export::ExportRequest;
use samlar::documents::pdf::{PdfDocument, PdfRequest};
use samlar::kernel::period::Period;
use samlar::kernel::values::{Gender, MeetingId, MeetingKind, OrganisationId, PartnershipId, Role};
use samlar::meetings::action::{self, ActionDraft, ActionStatus, CreateAction};
use samlar::meetings::attendance::{AttendanceEntry, AttendanceStatus, SetAttendance};
use samlar::meetings::draft::MeetingDraft;
use samlar::meetings::follow_up::RecordFollowUp;
use samlar::meetings::group_reflection::SetGroupReflection;
use samlar::meetings::meeting::CreateMeeting;
use samlar::meetings::sections::{GoodExample, SetGoodExamples};
use samlar::meetings::statistics::{Statistics, StatisticsScope};
use samlar::registry::groups::{CreateGroup, GroupDraft, GroupKind};
use samlar::registry::membership::MembershipDraft;
use samlar::registry::person::PersonDraft;
use std::path::Path;
use std::process::Command;

const FROM: &str = "2026-01-01";
const TO: &str = "2026-06-30";
const PERIOD: &str = "Rapportperiod 2026-01-01 – 2026-06-30";

struct HalfYear {
    partnership: PartnershipId,
    vannas: OrganisationId,
    first: MeetingId,
}

/// A startup the day before the period (2025-12-31), learning meeting 1 on
/// its first day, a study visit and a workshop inside it, learning meeting 2
/// on its last day and learning meeting 3 the day after (2026-07-01).
async fn half_year(t: &TestWorkspace) -> HalfYear {
    let ws = &t.ws;
    let partnership = ws.create_partnership(draft("Modellkommuner 2026")).await.unwrap().id;
    let umea = ws.create_organisation(municipality("Umeå kommun", "2480")).await.unwrap().id;
    let vannas = ws.create_organisation(municipality("Vännäs kommun", "2460")).await.unwrap().id;
    for o in [umea, vannas] {
        ws.add_membership(MembershipDraft::new(partnership, o, Role::Participant)).await.unwrap();
    }
    let mut people = Vec::new();
    for (name, o, gender) in [
        ("Anna Exempel", vannas, Gender::Woman),
        ("Bertil Exempel", vannas, Gender::Man),
        ("Cecilia Exempel", umea, Gender::Woman),
    ] {
        let p = PersonDraft { gender, ..PersonDraft::new(name, Some(o)) };
        people.push(ws.create_person(p).await.unwrap().summary.id);
    }
    let (anna, bertil, cecilia) = (people[0], people[1], people[2]);
    let meeting = |draft: MeetingDraft| async move {
        let create = CreateMeeting { partnership_id: partnership, draft };
        t.ws.create_meeting(create).await.unwrap().id
    };
    let before = meeting(MeetingDraft {
        reflection_learn: "Före perioden: en lärdom".into(),
        ..MeetingDraft::new(MeetingKind::Startup, "2025-12-31")
    })
    .await;
    let first = meeting(MeetingDraft {
        title: "Budget".into(),
        extra_men: 2,
        reflection_best: "Vi lyssnar på varandra".into(),
        reflection_learn: "Statistik öppnar samtal".into(),
        reflection_develop: "Dela mallarna".into(),
        ..MeetingDraft::new(MeetingKind::Learning, FROM)
    })
    .await;
    let visit = meeting(MeetingDraft {
        studied: "Umeås jämställdhetsbudget".into(),
        learned: "Börja med en nämnd".into(),
        ..MeetingDraft::new(MeetingKind::StudyVisit, "2026-03-10")
    })
    .await;
    meeting(MeetingDraft::new(MeetingKind::Workshop, "2026-04-01")).await;
    let last = meeting(MeetingDraft {
        reflection_learn: "Uppföljning kräver tid".into(),
        ..MeetingDraft::new(MeetingKind::Learning, TO)
    })
    .await;
    let after = meeting(MeetingDraft {
        reflection_learn: "Efter perioden: en lärdom".into(),
        ..MeetingDraft::new(MeetingKind::Learning, "2026-07-01")
    })
    .await;

    let attend = |meeting_id, entries: Vec<(_, AttendanceStatus)>| {
        let entries = entries
            .into_iter()
            .map(|(person_id, status)| AttendanceEntry { person_id, status })
            .collect();
        ws.set_attendance(SetAttendance { meeting_id, entries })
    };
    use AttendanceStatus::{Absent, Attended, Invited};
    attend(before, vec![(anna, Attended), (bertil, Attended)]).await.unwrap();
    attend(first, vec![(cecilia, Attended), (anna, Attended), (bertil, Absent)]).await.unwrap();
    attend(visit, vec![(bertil, Invited)]).await.unwrap();
    attend(last, vec![(bertil, Attended)]).await.unwrap();
    attend(after, vec![(cecilia, Attended)]).await.unwrap();

    let group = GroupDraft {
        kind: GroupKind::ReflectionGroup,
        name: "Grupp Norr".into(),
        purpose: String::new(),
    };
    let group = ws.create_group(CreateGroup { partnership_id: partnership, draft: group });
    let group = group.await.unwrap().id;
    let answers = SetGroupReflection {
        meeting_id: first,
        group_id: group,
        reflection_best: String::new(),
        reflection_learn: "Gruppen lär av Umeå".into(),
        reflection_develop: String::new(),
    };
    ws.set_group_reflection(answers).await.unwrap();

    let example = |title: &str| GoodExample {
        title: title.into(),
        description: "Beskrivning.".into(),
        organisation_id: Some(umea),
        tags: Vec::new(),
    };
    let examples = vec![example("Jämställd budget")];
    ws.set_good_examples(SetGoodExamples { meeting_id: first, examples }).await.unwrap();
    let examples = vec![example("Exempel efter perioden")];
    ws.set_good_examples(SetGoodExamples { meeting_id: after, examples }).await.unwrap();

    let action = |meeting_id, text: &str| {
        let draft = ActionDraft::new(text, Some(vannas));
        ws.create_action(CreateAction { meeting_id, draft })
    };
    let followed = action(before, "Följd upp i perioden").await.unwrap().id;
    action(before, "Bortglömd före perioden").await.unwrap();
    action(first, "Beslutad i perioden").await.unwrap();
    action(after, "Beslutad efter perioden").await.unwrap();
    let follow_up = RecordFollowUp {
        action_id: followed,
        meeting_id: last,
        status: ActionStatus::Done,
        note: String::new(),
    };
    ws.record_follow_up(follow_up).await.unwrap();
    HalfYear { partnership, vannas, first }
}

fn scope(p: PartnershipId, from: &str, to: &str) -> StatisticsScope {
    let end = |d: &str| (!d.is_empty()).then(|| d.to_owned());
    StatisticsScope { from: end(from), to: end(to), ..StatisticsScope::partnership(p) }
}

fn report(p: PartnershipId, from: &str, to: &str) -> PdfRequest {
    let end = |d: &str| (!d.is_empty()).then(|| d.to_owned());
    let document =
        PdfDocument::PartnershipReport { partnership_id: p, from: end(from), to: end(to) };
    PdfRequest { document, archival: false, open: false }
}

fn dates(stats: &Statistics) -> Vec<String> {
    stats.activities.iter().map(|a| a.date.to_string()).collect()
}

#[tokio::test]
async fn statistics_of_the_period_match_a_hand_count() {
    let t = TestWorkspace::new().await;
    let h = half_year(&t).await;
    let stats = t.ws.statistics(scope(h.partnership, FROM, TO)).await.unwrap();
    assert_eq!(
        dates(&stats),
        [FROM, "2026-03-10", "2026-04-01", TO],
        "both boundary days, no more"
    );
    let per: Vec<_> = stats
        .activities
        .iter()
        .map(|a| (a.attended.women, a.attended.men, a.attended.total))
        .collect();
    // Cecilia and Anna and two men by headcount; nobody; nobody; Bertil.
    assert_eq!(per, [(2, 2, 4), (0, 0, 0), (0, 0, 0), (0, 1, 1)]);
    let t_ = &stats.total;
    assert_eq!((t_.women, t_.men, t_.other, t_.not_stated, t_.total), (2, 3, 0, 0, 5));
    let orgs: Vec<_> = stats
        .organisations
        .iter()
        .map(|o| {
            let name = o.organisation_name.clone().unwrap();
            (name, o.invited, o.attended, o.absent, o.meetings_attended)
        })
        .collect();
    // Umeå: Cecilia at meeting 1. Vännäs: Anna at 1, Bertil absent at 1,
    // invited to the visit, present at 2.
    assert_eq!(
        orgs,
        [("Umeå kommun".to_owned(), 0, 1, 0, 1), ("Vännäs kommun".to_owned(), 1, 2, 1, 2)]
    );

    // One end open: everything from the first day on, everything up to the last.
    let since = t.ws.statistics(scope(h.partnership, FROM, "")).await.unwrap();
    assert_eq!(dates(&since).last().map(String::as_str), Some("2026-07-01"));
    assert_eq!(since.activities.len(), 5);
    let until = t.ws.statistics(scope(h.partnership, "", TO)).await.unwrap();
    assert_eq!(dates(&until).first().map(String::as_str), Some("2025-12-31"));
    assert_eq!(until.activities.len(), 5);

    // A period covering everything adds up the per-meeting tallies to what
    // the partnership's own tally says.
    let all = t.ws.statistics(StatisticsScope::partnership(h.partnership)).await.unwrap();
    let wide = t.ws.statistics(scope(h.partnership, "2000-01-01", "2099-12-31")).await.unwrap();
    assert_eq!(all, wide);
    assert_eq!(all.activities.len(), 6);
    assert_eq!((all.organisations[1].attended, all.organisations[1].meetings_attended), (4, 3));

    // One meeting inside the period, or outside it.
    let one = StatisticsScope { meeting_id: Some(h.first), ..scope(h.partnership, FROM, TO) };
    assert_eq!(t.ws.statistics(one).await.unwrap().total.total, 4);
    let outside =
        StatisticsScope { meeting_id: Some(h.first), ..scope(h.partnership, "2026-01-02", "") };
    let outside = t.ws.statistics(outside).await.unwrap();
    assert!(outside.activities.is_empty() && outside.organisations.is_empty());

    let err = t.ws.statistics(scope(h.partnership, TO, FROM)).await.unwrap_err();
    assert_eq!((err.code, err.field.as_deref()), (ErrorCode::EndBeforeStart, Some("to")));
    let err = t.ws.statistics(scope(h.partnership, "2026-1-1", "")).await.unwrap_err();
    assert_eq!((err.code, err.field.as_deref()), (ErrorCode::InvalidDate, Some("from")));
}

#[tokio::test]
async fn an_action_agreed_before_the_period_is_in_it_by_its_follow_up() {
    let t = TestWorkspace::new().await;
    let h = half_year(&t).await;
    let period = Period::check(Some(FROM), Some(TO)).unwrap();
    let actions = action::of_partnership(t.ws.pool(), h.partnership, period).await.unwrap();
    let texts: Vec<&str> = actions.iter().map(|a| a.description.as_str()).collect();
    assert_eq!(texts, ["Följd upp i perioden", "Beslutad i perioden"]);
    assert!(actions.iter().all(|a| a.organisation_id == Some(h.vannas)));
    let all = action::of_partnership(t.ws.pool(), h.partnership, Period::ALL).await.unwrap();
    assert_eq!(all.len(), 4);
}

fn run(tool: &str, args: &[&str]) -> String {
    let out = Command::new(tool).args(args).output().unwrap_or_else(|e| {
        panic!("{tool} is needed for the PDF tests (scripts/setup --test): {e}")
    });
    assert!(out.status.success(), "{tool} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("utf-8")
}

/// The PDF written where it can be looked at after the run, checked with
/// `qpdf`; its page count and each page's text.
fn pages(label: &str, bytes: &[u8]) -> Vec<String> {
    let path = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("period-{label}.pdf"));
    std::fs::write(&path, bytes).unwrap();
    let p = path.to_str().unwrap();
    run("qpdf", &["--check", p]);
    let info = run("pdfinfo", &[p]);
    let count: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .map(|n| n.trim().parse().unwrap())
        .expect("page count");
    (1..=count)
        .map(|n| {
            let n = n.to_string();
            let text = run("pdftotext", &["-enc", "UTF-8", "-f", &n, "-l", &n, p, "-"]);
            text.split_whitespace().collect::<Vec<_>>().join(" ")
        })
        .collect()
}

/// Each text appears after the one before it.
fn assert_in_order(text: &str, expected: &[&str]) {
    let mut from = 0;
    for e in expected {
        match text[from..].find(e) {
            Some(at) => from += at + e.len(),
            None => panic!("{e:?} not found after position {from} in:\n{text}"),
        }
    }
}

#[tokio::test]
async fn the_report_of_a_period_shows_it_on_every_page_with_the_lessons_in_order() {
    let t = TestWorkspace::new().await;
    let h = half_year(&t).await;
    // Enough actions in the period for the report to run over several pages.
    for i in 0..150 {
        let d =
            ActionDraft::new(&format!("Åtgärd nummer {i} om jämställd styrning"), Some(h.vannas));
        t.ws.create_action(CreateAction { meeting_id: h.first, draft: d }).await.unwrap();
    }
    let file = t.ws.pdf(report(h.partnership, FROM, TO)).await.unwrap();
    let pages = pages("half-year", &file.bytes);
    assert!(pages.len() >= 4, "{} pages", pages.len());
    for (i, page) in pages.iter().enumerate() {
        assert!(page.contains(PERIOD), "page {} lacks the period:\n{page}", i + 1);
        let label = format!("Sida {} av {}", i + 1, pages.len());
        assert!(page.contains(&label), "page {} is not {label:?}:\n{page}", i + 1);
    }
    let text = pages.join(" ");
    // Under the title as well as in the footers.
    assert_in_order(&text, &["Modellkommuner 2026", "Rapport om partnerskapet", PERIOD, "Typ"]);
    assert_in_order(
        &text,
        &[
            "Möten",
            "2026-01-01",
            "2026-06-30",
            "Kvinnor och män per aktivitet",
            "Närvaro per organisation",
            "Umeå kommun 0 1 0 1",
            "Vännäs kommun 1 2 1 2",
            "Förbättringsarbetet",
            "Följd upp i perioden",
            "Åtgärd nummer 149 om jämställd styrning",
            "Goda exempel",
            "Jämställd budget",
        ],
    );
    let (_, lessons) = text.split_once("Lärdomar").expect("a lessons section");
    assert_in_order(
        lessons,
        &[
            "2026-01-01 Lärandeträff 1: Budget",
            "Vi lyssnar på varandra",
            "Statistik öppnar samtal",
            "Dela mallarna",
            "Grupp Norr (reflektionsgrupp)",
            "Gruppen lär av Umeå",
            "2026-03-10 Studiebesök",
            "Umeås jämställdhetsbudget",
            "Börja med en nämnd",
            "2026-06-30 Lärandeträff 2",
            "Uppföljning kräver tid",
        ],
    );
    // The workshop wrote nothing down; the meetings outside are outside.
    assert!(!lessons.contains("2026-04-01"), "{lessons}");
    // The day before is printed once: where the action followed up in the
    // period was agreed; not among the meetings, statistics or lessons.
    assert_eq!(text.matches("2025-12-31").count(), 1, "{text}");
    for outside in [
        "2026-07-01",
        "Före perioden: en lärdom",
        "Efter perioden: en lärdom",
        "Bortglömd före perioden",
        "Beslutad efter perioden",
        "Exempel efter perioden",
    ] {
        assert!(!text.contains(outside), "{outside:?} is outside the period");
    }
}

#[tokio::test]
async fn the_report_of_everything_and_of_an_empty_period() {
    let t = TestWorkspace::new().await;
    let h = half_year(&t).await;
    let file = t.ws.pdf(report(h.partnership, "", "")).await.unwrap();
    let all = pages("everything", &file.bytes).join(" ");
    assert!(!all.contains("Rapportperiod"), "no period, as before");
    assert_in_order(&all, &["Bortglömd före perioden", "Lärdomar", "2025-12-31 Uppstartsmöte"]);
    assert!(all.contains("Efter perioden: en lärdom") && all.contains("Exempel efter perioden"));

    let file = t.ws.pdf(report(h.partnership, "2030-01-01", "")).await.unwrap();
    let empty = pages("empty", &file.bytes);
    for page in &empty {
        assert!(page.contains("Rapportperiod 2030-01-01 –"), "{page}");
    }
    let empty = empty.join(" ");
    assert_in_order(
        &empty,
        &["Möten", "Inga möten.", "Inga förbättringsåtgärder.", "Inga goda exempel.", "Lärdomar"],
    );
    assert!(empty.contains("Inga reflektioner eller lärdomar antecknade."), "{empty}");

    for (from, to, code, field) in [
        (TO, FROM, ErrorCode::EndBeforeStart, "to"),
        ("2026-13-01", "", ErrorCode::InvalidDate, "from"),
        ("", "30/6", ErrorCode::InvalidDate, "to"),
    ] {
        let err = t.ws.pdf(report(h.partnership, from, to)).await.unwrap_err();
        assert_eq!((err.code, err.field.as_deref()), (code, Some(field)));
    }
    let old =
        serde_json::json!({ "document": "partnership_report", "partnershipId": h.partnership });
    let old: PdfDocument = serde_json::from_value(old).unwrap();
    assert_eq!(
        old,
        PdfDocument::PartnershipReport { partnership_id: h.partnership, from: None, to: None }
    );
}

/// The rows of a CSV file as the export wrote it.
fn parse(bytes: &[u8]) -> Vec<Vec<String>> {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").expect("starts with a byte-order mark");
    let mut reader = csv::ReaderBuilder::new().delimiter(b';').has_headers(false).from_reader(body);
    reader.records().map(|r| r.unwrap().iter().map(str::to_owned).collect()).collect()
}

#[tokio::test]
async fn statistics_per_activity_to_excel_for_the_period() {
    let t = TestWorkspace::new().await;
    let h = half_year(&t).await;
    let list = |from: &str, to: &str| {
        let json = serde_json::json!({
            "list": "activity_statistics",
            "partnershipId": h.partnership,
            "from": (!from.is_empty()).then_some(from),
            "to": (!to.is_empty()).then_some(to),
        });
        serde_json::from_value::<ExportRequest>(json).unwrap()
    };
    let file = t.ws.export_csv(list(FROM, TO)).await.unwrap();
    assert_eq!(file.file_name, "statistik-per-aktivitet-2026-11-23.csv");
    let expected: Vec<Vec<String>> = [
        [
            "Datum",
            "Typ",
            "Nummer",
            "Titel",
            "Kvinnor",
            "Män",
            "Annat kön",
            "Kön ej angivet",
            "Totalt",
        ],
        [FROM, "Lärandeträff", "1", "Budget", "2", "2", "0", "0", "4"],
        ["2026-03-10", "Studiebesök", "", "", "0", "0", "0", "0", "0"],
        ["2026-04-01", "Workshop eller seminarium", "", "", "0", "0", "0", "0", "0"],
        [TO, "Lärandeträff", "2", "", "0", "1", "0", "0", "1"],
        ["Totalt", "", "", "", "2", "3", "0", "0", "5"],
    ]
    .iter()
    .map(|r| r.iter().map(|c| c.to_string()).collect())
    .collect();
    assert_eq!(parse(&file.bytes), expected);

    let everything = parse(&t.ws.export_csv(list("", "")).await.unwrap().bytes);
    assert_eq!(everything.len(), 1 + 6 + 1);
    assert_eq!(everything.last().unwrap()[..2], ["Totalt".to_owned(), String::new()]);
    assert_eq!(everything.last().unwrap()[8], "8");

    let err = t.ws.export_csv(list(TO, FROM)).await.unwrap_err();
    assert_eq!((err.code, err.field.as_deref()), (ErrorCode::EndBeforeStart, Some("to")));
    let missing = ExportRequest::ActivityStatistics {
        partnership_id: PartnershipId(999),
        from: None,
        to: None,
    };
    assert_eq!(t.ws.export_csv(missing).await.unwrap_err().code, ErrorCode::NotFound);
}
