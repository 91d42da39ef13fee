//! The demo data: the seeds' partnerships in one click, and only once, with a
//! recorded cycle that fills the first report, statistics and sign-in sheet.

use crate::common::{TestWorkspace, all_meetings, all_organisations, all_people};
use chrono::Datelike;
use samlar::documents::pdf::{PdfDocument, PdfRequest};
use samlar::kernel::values::{ById, MeetingKind, OrganisationKind, PartnershipId, Role};
use samlar::meetings::statistics::StatisticsScope;
use samlar::registry::membership::NetworkLevel;
use samlar::registry::organisation::OrganisationQuery;
use samlar::registry::partnership::PartnershipQuery;
use samlar::registry::person::PersonQuery;
use serde_json::json;
use std::path::Path;
use std::process::Command;

#[tokio::test]
async fn demo_data_loads_the_seed_partnerships_once() {
    let t = TestWorkspace::new().await;
    assert_eq!(t.ws.load_demo_data().await.unwrap().partnerships, 5);
    let list = t.ws.partnerships(PartnershipQuery::all()).await.unwrap();
    let cln = list.iter().find(|p| p.name.starts_with("CLN")).expect("CLN");
    let detail = t.ws.partnership(ById { id: cln.id }).await.unwrap();
    assert_eq!(detail.partnership.budget_sek, Some(5_466_314));
    let municipalities: Vec<_> = detail
        .memberships
        .iter()
        .filter(|m| m.role == Role::Participant && m.organisation_code.is_some())
        .collect();
    assert_eq!(municipalities.len(), 30);
    let ske = municipalities.iter().find(|m| m.organisation_name == "Skellefteå kommun").unwrap();
    assert_eq!(ske.organisation_code.as_deref(), Some("2482"));
    assert_eq!((ske.network_level, ske.cluster.as_str()), (NetworkLevel::Cluster, "Västerbotten"));
    assert!(detail.memberships.iter().any(|m| m.role == Role::CooperationPartner));
    assert!(detail.goals.len() >= 2);

    let round = list.iter().find(|p| p.name.ends_with("omgång 2027")).unwrap();
    let detail = t.ws.partnership(ById { id: round.id }).await.unwrap();
    let mentors: Vec<_> = detail
        .memberships
        .iter()
        .filter(|m| m.role == Role::Mentor)
        .map(|m| m.organisation_name.as_str())
        .collect();
    assert_eq!(mentors, ["Malmö stad", "Umeå kommun"]);
    let pairings = t.ws.round_pairings(ById { id: round.id }).await.unwrap().pairings;
    let pairs: Vec<_> = pairings
        .iter()
        .map(|p| (p.mentor.name.as_str(), p.participants[0].name.as_str()))
        .collect();
    assert_eq!(pairs, [("Malmö stad", "Kristianstads kommun"), ("Umeå kommun", "Vännäs kommun")]);

    let people = all_people(&t.ws, PersonQuery::all()).await;
    assert!(people.iter().all(|p| p.name.contains("Exempel")), "only obvious examples");
    assert!(people.iter().all(|p| p.email.as_deref().is_none_or(|e| e.ends_with("@example.com"))));

    let organisations = all_organisations(&t.ws, OrganisationQuery::all()).await.len();
    assert_eq!(t.ws.load_demo_data().await.unwrap().partnerships, 0, "only once");
    assert_eq!(t.ws.partnerships(PartnershipQuery::all()).await.unwrap().len(), 5);
    assert_eq!(all_organisations(&t.ws, OrganisationQuery::all()).await.len(), organisations);
    let municipalities_total = all_organisations(
        &t.ws,
        OrganisationQuery {
            kind: Some(OrganisationKind::Municipality),
            ..OrganisationQuery::all()
        },
    )
    .await
    .len();
    assert!(municipalities_total >= 36);
}

const EXAMPLE_ROUND: &str = "Modellkommuner och modellregioner – exempelomgång";
const EQUAL: &str = "Effektivare utvecklingspartnerskap med benchlearning (Equal)";

fn run(tool: &str, args: &[&str]) -> String {
    let out = Command::new(tool).args(args).output().unwrap_or_else(|e| {
        panic!("{tool} is needed for the PDF tests (scripts/setup --test): {e}")
    });
    assert!(out.status.success(), "{tool} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("utf-8")
}

/// The PDF's text (`pdftotext -layout`, a table row on one line), after
/// `qpdf --check` has passed; kept as `target/tmp/demo-<label>.pdf`.
async fn pdf_text(t: &TestWorkspace, document: serde_json::Value, label: &str) -> String {
    let document: PdfDocument = serde_json::from_value(document).unwrap();
    let file = t.ws.pdf(PdfRequest { document, archival: false, open: false }).await.unwrap();
    let path = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("demo-{label}.pdf"));
    std::fs::write(&path, &file.bytes).unwrap();
    let p = path.to_str().unwrap();
    run("qpdf", &["--check", p]);
    run("pdftotext", &["-layout", "-enc", "UTF-8", p, "-"])
}

/// Whitespace runs as one space, so that wrapped text can be found.
fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A line of the text holding all of `parts`, in order, each a word of its own.
fn line_with(text: &str, parts: &[&str]) -> bool {
    text.lines().any(|line| {
        let words: Vec<&str> = line.split("  ").map(str::trim).filter(|w| !w.is_empty()).collect();
        let mut at = 0;
        parts.iter().all(|p| match words[at..].iter().position(|w| w == p) {
            Some(i) => {
                at += i + 1;
                true
            }
            None => false,
        })
    })
}

async fn id_of(t: &TestWorkspace, name: &str) -> PartnershipId {
    let list = t.ws.partnerships(PartnershipQuery::all()).await.unwrap();
    list.iter().find(|p| p.name == name).unwrap_or_else(|| panic!("{name}")).id
}

async fn scalar(t: &TestWorkspace, sql: &'static str, id: PartnershipId) -> i64 {
    sqlx::query_scalar(sql).bind(id).fetch_one(t.ws.pool()).await.unwrap()
}

#[tokio::test]
async fn the_demo_round_carries_a_recorded_cycle_around_today() {
    let t = TestWorkspace::new().await;
    t.ws.load_demo_data().await.unwrap();
    let today = t.ws.clock().today();
    let round = id_of(&t, EXAMPLE_ROUND).await;

    // A year of recorded meetings, and the next ones planned: startup, three
    // learning meetings, a study visit and mentor sessions, then the
    // results conference; every one within the charter's period.
    let meetings = all_meetings(&t.ws, round).await;
    let kinds: Vec<_> = meetings.iter().map(|m| m.kind).collect();
    assert_eq!(kinds.first(), Some(&MeetingKind::Startup));
    assert_eq!(kinds.last(), Some(&MeetingKind::ResultsConference));
    let learning: Vec<_> =
        meetings.iter().filter(|m| m.kind == MeetingKind::Learning).map(|m| m.number).collect();
    assert_eq!(learning, [Some(1), Some(2), Some(3)]);
    assert!(kinds.contains(&MeetingKind::StudyVisit));
    let first = meetings.first().unwrap().date;
    assert!(today - first > chrono::Duration::days(300), "recorded over the last year");
    let planned: Vec<_> = meetings.iter().filter(|m| m.date > today).collect();
    assert_eq!(planned.len(), 2, "a mentor session and the results conference ahead");
    assert!(planned.iter().all(|m| m.attended == 0));
    assert!(meetings.iter().filter(|m| m.date < today).all(|m| m.attended > 0));
    let charter = t.ws.partnership(ById { id: round }).await.unwrap().partnership;
    assert!(charter.start_date.unwrap() <= first);
    assert!(charter.end_date.unwrap() >= meetings.last().unwrap().date);

    // Mentor sessions in both of the round's pairings.
    let sessions = scalar(
        &t,
        "SELECT count(DISTINCT m.pairing_id) FROM meetings m JOIN pairings p \
         ON p.id = m.pairing_id AND p.partnership_id = m.partnership_id \
         WHERE m.partnership_id = ? AND m.kind = 'mentor_session'",
        round,
    )
    .await;
    assert_eq!(sessions, 2);

    // Women and men came, from several organisational levels.
    let stats = t.ws.statistics(StatisticsScope::partnership(round)).await.unwrap();
    assert!(stats.total.women > 0 && stats.total.men > 0, "{:?}", stats.total);
    let levels = scalar(
        &t,
        "SELECT count(DISTINCT p.level) FROM attendance a JOIN people p ON p.id = a.person_id \
         JOIN meetings m ON m.id = a.meeting_id \
         WHERE m.partnership_id = ? AND a.status = 'attended'",
        round,
    )
    .await;
    assert!(levels >= 3, "politicians, senior managers and strategists came");

    // Actions in every status, set by follow-ups at later meetings.
    let statuses: Vec<String> = sqlx::query_scalar(
        "SELECT DISTINCT status FROM actions WHERE partnership_id = ? ORDER BY status",
    )
    .bind(round)
    .fetch_all(t.ws.pool())
    .await
    .unwrap();
    assert_eq!(statuses, ["done", "dropped", "ongoing", "planned"]);
    let follow_ups = scalar(
        &t,
        "SELECT count(*) FROM action_followups f JOIN actions a ON a.id = f.action_id \
         WHERE a.partnership_id = ?",
        round,
    )
    .await;
    assert!(follow_ups >= 8);

    // Indicators with a baseline, a target and values; the expected levels
    // of a delegation left at the kind's default.
    let values = scalar(
        &t,
        "SELECT count(*) FROM indicator_values v JOIN indicators i ON i.id = v.indicator_id \
         WHERE i.partnership_id = ? AND i.baseline IS NOT NULL AND i.target IS NOT NULL",
        round,
    )
    .await;
    assert!(values >= 3);
    let default_levels =
        scalar(&t, "SELECT expected_levels IS NULL FROM partnerships WHERE id = ?", round).await;
    assert_eq!(default_levels, 1);

    // The demo obeys the rules of derived data like a user's own.
    crate::derived::check_tallies(t.ws.pool(), "demo").await;
    assert!(crate::derived::check_search_index(&t.ws, "demo").await > 0);

    // The Equal network has its cycle too; the 2027 round is left to plan.
    let equal = id_of(&t, EQUAL).await;
    let equal_meetings = all_meetings(&t.ws, equal).await;
    assert!(equal_meetings.iter().any(|m| m.kind == MeetingKind::StudyVisit));
    assert!(equal_meetings.iter().any(|m| m.date > today));
    let next_round = id_of(&t, "Modellkommuner och modellregioner – omgång 2027").await;
    assert!(all_meetings(&t.ws, next_round).await.is_empty());

    // Loading again adds nothing.
    let before = scalar(&t, "SELECT count(*) FROM meetings WHERE ? IS NOT NULL", round).await;
    assert_eq!(t.ws.load_demo_data().await.unwrap().partnerships, 0);
    let after = scalar(&t, "SELECT count(*) FROM meetings WHERE ? IS NOT NULL", round).await;
    assert_eq!(before, after);
}

#[tokio::test]
async fn the_demo_rounds_report_and_sign_in_sheet_are_filled() {
    let t = TestWorkspace::new().await;
    t.ws.load_demo_data().await.unwrap();
    let round = id_of(&t, EXAMPLE_ROUND).await;

    let report = pdf_text(
        &t,
        json!({"document": "partnership_report", "partnershipId": round}),
        "round-report",
    )
    .await;
    let text = flat(&report);
    // Attendance by women and men, per activity and in total.
    assert!(text.contains("Kvinnor och män per aktivitet"), "{text}");
    let stats = t.ws.statistics(StatisticsScope::partnership(round)).await.unwrap();
    let (women, men) = (stats.total.women.to_string(), stats.total.men.to_string());
    assert!(line_with(&report, &["Totalt", &women, &men]), "women and men in total:\n{report}");
    // A reflection, among the lessons.
    assert!(text.contains("Vi är bäst när politiker, chefer och strateger"), "{text}");
    // Actions whose follow-ups moved them: Kristianstad has one planned,
    // none ongoing, two done and one dropped.
    assert!(line_with(&report, &["Kristianstads kommun", "1", "0", "2", "1"]), "{report}");
    // A good example.
    assert!(text.contains("Mall för jämställdhetsanalys i beslutsunderlag"), "{text}");

    // The sign-in sheet of the planned results conference lists the invited.
    let meetings = all_meetings(&t.ws, round).await;
    let conference = meetings.iter().find(|m| m.kind == MeetingKind::ResultsConference).unwrap();
    assert!(conference.date > t.ws.clock().today());
    let sheet =
        pdf_text(&t, json!({"document": "sign_in_sheet", "meetingId": conference.id}), "sign-in")
            .await;
    let sheet = flat(&sheet);
    for expected in ["Resultatkonferens", "Kristianstads kommun", "Eva Exempel", "Anna Exempel"] {
        assert!(sheet.contains(expected), "{expected:?} on the sheet: {sheet}");
    }
}

#[tokio::test]
async fn the_demo_loads_on_any_day_past_meetings_behind_and_planned_ones_ahead() {
    // Around midsummer and July, Christmas, Easter and a leap day: every
    // date moves to a working day outside July and the order holds.
    for (y, m, d) in [(2027, 7, 20), (2027, 12, 27), (2027, 3, 29), (2028, 2, 29), (2026, 8, 20)] {
        let t = TestWorkspace::new().await;
        t.clock.set(chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, y, m, d, 9, 0, 0).unwrap());
        let today = t.ws.clock().today();
        t.ws.load_demo_data().await.unwrap_or_else(|e| panic!("{today}: {e:?}"));
        for name in [EXAMPLE_ROUND, EQUAL] {
            let meetings = all_meetings(&t.ws, id_of(&t, name).await).await;
            assert!(meetings.iter().all(|m| m.date != today && m.date.month() != 7), "{today}");
            let recorded = meetings.iter().filter(|m| m.attended > 0).count();
            let past = meetings.iter().filter(|m| m.date < today).count();
            assert_eq!(recorded, past, "{today} {name}: what is recorded lies behind");
            assert!(meetings.iter().any(|m| m.date > today), "{today} {name}: some ahead");
        }
    }
}
