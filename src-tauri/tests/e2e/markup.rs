//! Markup is text, everywhere: script and markup payloads written into every
//! text field of every kind of record through the core, then read back from
//! every PDF, CSV and `.ics` made of them (literally, and no formula, no
//! extra event). `markup_screens.rs` shows them on every screen.

use samlar::documents::calendar::CalendarDocument;
use samlar::documents::export::ExportRequest;
use samlar::documents::pdf::{PdfDocument, PdfRequest};
use samlar::kernel::values::{MeetingId, MeetingKind, OrganisationKind, PartnershipId, Role};
use samlar::meetings::action::{ActionDraft, ActionStatus, CreateAction};
use samlar::meetings::draft::MeetingDraft;
use samlar::meetings::follow_up::RecordFollowUp;
use samlar::meetings::meeting::{CreateMeeting, UpdateMeeting};
use samlar::meetings::sections::{
    AgendaItem, GoodExample, SetAgenda, SetDecisions, SetGoodExamples,
};
use samlar::pairings::pairing::PairingDraft;
use samlar::registry::membership::MembershipDraft;
use samlar::registry::organisation::{OrganisationDraft, OrganisationQuery};
use samlar::registry::partnership::{Goal, PartnershipDraft, PartnershipKind, PartnershipQuery};
use samlar::registry::person::{PersonDraft, PersonQuery};
use samlar::{ErrorCode, SystemClock, Workspace};
use std::path::Path;
use std::process::Command;
use std::sync::Arc;

/// What a page would run if it took text for markup: each sets `window.__pwned`.
pub(crate) const MARKUP: &str = r#"<img src=x onerror="window.__pwned=1"> <script>window.__pwned=1</script> "><svg onload=window.__pwned=1> {@html x}"#;

/// A one-line value for the field `tag`: an Excel formula first (a CSV cell
/// that starts so would run), then the markup.
pub(crate) fn line(tag: &str) -> String {
    format!("=cmd|' /C calc'!A0 {tag} {MARKUP}")
}

/// A text of several lines for the field `tag`: the one-line value, then a
/// line break of each kind trying to end the calendar event and start another.
fn lines(tag: &str) -> String {
    format!("{}\r\nEND:VEVENT\r\nBEGIN:VEVENT\nSUMMARY:x\rX-I:1", line(tag))
}

/// Whitespace of any kind as one space: how PDF text and a window's text compare.
pub(crate) fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What the core was given, by the names the checks use.
pub(crate) struct Seeded {
    pub(crate) partnership: PartnershipId,
    pub(crate) round: PartnershipId,
    pub(crate) meeting: MeetingId,
    /// The meeting that follows the action up.
    pub(crate) second: MeetingId,
    pub(crate) session: MeetingId,
    /// Every value written, one-line and multi-line.
    pub(crate) values: Vec<String>,
}

/// A database at `path` with markup in every text field of every kind of
/// record: partnership (charter and goals), organisation, membership,
/// person, meeting (venue, notes, reflections), agenda, decisions, good
/// examples, action, follow-up, pairing and mentor session.
pub(crate) async fn seed(path: &Path) -> (Workspace, Seeded) {
    let ws = Workspace::open(path, Arc::new(SystemClock)).await.unwrap();
    let mut values = Vec::new();
    let mut one = |tag: &str| {
        values.push(line(tag));
        line(tag)
    };
    let partnership = PartnershipDraft {
        purpose: one("purpose"),
        shared_problem: one("problem"),
        delimitation: one("delimitation"),
        funding_source: one("funding"),
        region: one("region"),
        mandate_notes: one("mandate"),
        power_balance_notes: one("power"),
        missing_partners_notes: one("missing"),
        carry_home_notes: one("carryhome"),
        goals: vec![Goal { goal: one("goal"), expected_effect: one("effect") }],
        start_date: Some("2027-01-18".into()),
        ..PartnershipDraft::new(&one("partnership"), PartnershipKind::DevelopmentPartnership)
    };
    let round = PartnershipDraft {
        start_date: Some("2027-01-18".into()),
        ..PartnershipDraft::new(&one("round"), PartnershipKind::ModelMunicipalityRound)
    };
    let org = |tag: &str, code: &str| OrganisationDraft {
        code: code.into(),
        county: line(&format!("{tag}county")),
        ..OrganisationDraft::new(&line(tag), OrganisationKind::Municipality)
    };
    let (a, b) = (org("orga", "2460"), org("orgb", "2480"));
    values.extend([a.name.clone(), a.county.clone(), b.name.clone(), b.county.clone()]);
    let partnership = ws.create_partnership(partnership).await.unwrap().id;
    let round = ws.create_partnership(round).await.unwrap().id;
    let a = ws.create_organisation(a).await.unwrap().id;
    let b = ws.create_organisation(b).await.unwrap().id;
    for (p, o, role) in [
        (partnership, a, Role::Participant),
        (partnership, b, Role::Participant),
        (round, a, Role::Participant),
        (round, b, Role::Mentor),
    ] {
        ws.add_membership(MembershipDraft::new(p, o, role)).await.unwrap();
    }
    let person = PersonDraft {
        title: line("title"),
        phone: line("phone"),
        accessibility_needs: lines("needs"),
        ..PersonDraft::new(&line("person"), Some(a))
    };
    values.extend([
        person.name.clone(),
        person.title.clone(),
        person.phone.clone(),
        person.accessibility_needs.clone(),
    ]);
    ws.create_person(person).await.unwrap();

    let meeting_draft = |date: &str| MeetingDraft {
        title: line("meetingtitle"),
        venue_name: line("venue"),
        venue_address: lines("address"),
        accessibility_notes: lines("access"),
        start_time: "09:00".into(),
        end_time: "12:00".into(),
        studied: lines("studied"),
        learned: lines("learned"),
        notes: lines("notes"),
        reflection_best: lines("best"),
        reflection_learn: lines("learn"),
        reflection_develop: lines("develop"),
        ..MeetingDraft::new(MeetingKind::Learning, date)
    };
    let first = meeting_draft("2027-03-15");
    values.extend([
        first.title.clone(),
        first.venue_name.clone(),
        first.venue_address.clone(),
        first.accessibility_notes.clone(),
        first.studied.clone(),
        first.learned.clone(),
        first.notes.clone(),
        first.reflection_best.clone(),
        first.reflection_learn.clone(),
        first.reflection_develop.clone(),
    ]);
    let create = CreateMeeting { partnership_id: partnership, draft: first.clone() };
    let meeting = ws.create_meeting(create).await.unwrap().id;
    // A link that would run script is refused, and nothing else is changed.
    let bad_link =
        MeetingDraft { online_link: "javascript:window.__pwned=1".into(), ..first.clone() };
    let refused = ws.update_meeting(UpdateMeeting { id: meeting, draft: bad_link }).await;
    let refused = refused.expect_err("a javascript: link is refused");
    assert_eq!(refused.code, ErrorCode::InvalidLink);
    assert_eq!(refused.field.as_deref(), Some("onlineLink"));

    let agenda = AgendaItem {
        title: line("agendatitle"),
        presenter_organisation_id: Some(a),
        presenter_person_id: None,
        notes: lines("agendanotes"),
    };
    values.extend([agenda.title.clone(), agenda.notes.clone()]);
    ws.set_agenda(SetAgenda { meeting_id: meeting, items: vec![agenda] }).await.unwrap();
    let decision = lines("decision");
    values.push(decision.clone());
    ws.set_decisions(SetDecisions { meeting_id: meeting, decisions: vec![decision] })
        .await
        .unwrap();
    let example = GoodExample {
        title: line("exampletitle"),
        description: lines("example"),
        organisation_id: Some(b),
        // a tag is at most 100 characters (kernel::limits)
        tags: vec![r#"=1+1 tag <img src=x onerror="window.__pwned=1"> {@html x}"#.into()],
    };
    values.extend([example.title.clone(), example.description.clone(), example.tags[0].clone()]);
    ws.set_good_examples(SetGoodExamples { meeting_id: meeting, examples: vec![example] })
        .await
        .unwrap();
    let action = ActionDraft {
        status: ActionStatus::Ongoing,
        ..ActionDraft::new(&lines("action"), Some(a))
    };
    values.push(action.description.clone());
    let action =
        ws.create_action(CreateAction { meeting_id: meeting, draft: action }).await.unwrap().id;
    let second = ws
        .create_meeting(CreateMeeting {
            partnership_id: partnership,
            draft: meeting_draft("2027-04-15"),
        })
        .await
        .unwrap()
        .id;
    let note = lines("followup");
    values.push(note.clone());
    ws.record_follow_up(RecordFollowUp {
        action_id: action,
        meeting_id: second,
        status: ActionStatus::Ongoing,
        note,
    })
    .await
    .unwrap();

    let pairing = PairingDraft {
        notes: lines("pairingnotes"),
        start_date: "2027-01-18".into(),
        ..PairingDraft::new(round, b, &[a])
    };
    values.push(pairing.notes.clone());
    let pairing = ws.create_pairing(pairing).await.unwrap().id;
    let session = MeetingDraft {
        pairing_id: Some(pairing),
        notes: lines("sessionnotes"),
        ..MeetingDraft::new(MeetingKind::MentorSession, "2027-02-09")
    };
    values.push(session.notes.clone());
    let session = ws
        .create_meeting(CreateMeeting { partnership_id: round, draft: session })
        .await
        .unwrap()
        .id;
    (ws, Seeded { partnership, round, meeting, second, session, values })
}

pub(crate) fn pdf_text(dir: &Path, name: &str, bytes: &[u8]) -> String {
    assert!(bytes.starts_with(b"%PDF"), "{name} is a PDF");
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    let out = Command::new("pdftotext").args(["-enc", "UTF-8"]).arg(&path).arg("-").output();
    flat(&String::from_utf8(out.expect("pdftotext (scripts/setup --test)").stdout).unwrap())
}

/// The cells of a CSV file as Excel reads it: no cell starts a formula.
pub(crate) fn csv_cells(name: &str, bytes: &[u8]) -> Vec<String> {
    let text = std::str::from_utf8(bytes).unwrap().trim_start_matches('\u{feff}');
    let mut reader =
        csv::ReaderBuilder::new().delimiter(b';').has_headers(false).from_reader(text.as_bytes());
    let cells: Vec<String> = reader
        .records()
        .flat_map(|r| r.unwrap().iter().map(str::to_owned).collect::<Vec<_>>())
        .collect();
    for cell in &cells {
        assert!(!cell.starts_with(['=', '+', '-', '@']), "{name}: a formula cell {cell:?}");
    }
    cells
}

/// An .ics file read by Python's `icalendar`: its events' texts, unescaped.
pub(crate) fn ics_events(dir: &Path, name: &str, bytes: &[u8]) -> Vec<serde_json::Value> {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    let read = r#"
import json, sys
from icalendar import Calendar
cal = Calendar.from_ical(open(sys.argv[1], 'rb').read())
print(json.dumps([{k: str(e.get(k, '')) for k in ('SUMMARY', 'LOCATION', 'DESCRIPTION', 'URL')}
                  | {'keys': sorted(e.keys())} for e in cal.walk('VEVENT')]))
"#;
    let python =
        if Path::new("/usr/bin/python3").exists() { "/usr/bin/python3" } else { "python3" };
    let out = Command::new(python).args(["-c", read]).arg(&path).output().unwrap();
    assert!(out.status.success(), "{name}: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn pdf_csv_and_ics_made_of_markup_show_it_literally() {
    let dir = tempfile::tempdir().unwrap();
    let (ws, s) = seed(&dir.path().join("samlar.sqlite3")).await;

    // PDF: every value, whole, in the summary, the mentor session summary or the report.
    let mut all_pdf = String::new();
    for (name, document) in [
        ("summary.pdf", PdfDocument::SessionSummary { meeting_id: s.meeting }),
        ("follow-up.pdf", PdfDocument::SessionSummary { meeting_id: s.second }),
        ("session.pdf", PdfDocument::SessionSummary { meeting_id: s.session }),
        (
            "report.pdf",
            PdfDocument::PartnershipReport { partnership_id: s.partnership, from: None, to: None },
        ),
        (
            "round.pdf",
            PdfDocument::PartnershipReport { partnership_id: s.round, from: None, to: None },
        ),
    ] {
        let file = ws.pdf(PdfRequest { document, archival: false, open: false }).await.unwrap();
        all_pdf.push_str(&pdf_text(dir.path(), name, &file.bytes));
    }
    // Not printed in any of them: an organisation's county, a person, tags,
    // a meeting's accessibility notes and study-visit texts, pairing notes.
    let unprinted = ["orgacounty", "orgbcounty", "person", "title", "phone", "needs", "tag"];
    let unprinted = [&unprinted[..], &["access", "studied", "learned", "pairingnotes"]].concat();
    // The first line of each: table cells and page breaks may split the rest.
    let compact = |t: &str| t.split_whitespace().collect::<String>();
    let all_pdf = compact(&all_pdf);
    let shown_nowhere: Vec<&String> = s
        .values
        .iter()
        .filter(|v| !unprinted.iter().any(|u| v.contains(&format!(" {u} <img"))))
        .filter(|v| !all_pdf.contains(&compact(v.lines().next().unwrap())))
        .collect();
    assert!(shown_nowhere.is_empty(), "not in any PDF literally: {shown_nowhere:#?}\n{all_pdf}");

    // CSV: the cells hold the values (Excel's text mark first), never a formula.
    let mut all_cells = Vec::new();
    for (name, request) in [
        ("partnerships.csv", ExportRequest::Partnerships { query: PartnershipQuery::all() }),
        ("organisations.csv", ExportRequest::Organisations { query: OrganisationQuery::all() }),
        (
            "people.csv",
            ExportRequest::People { query: PersonQuery::all(), include_sensitive: true },
        ),
        ("members.csv", ExportRequest::Members { partnership_id: s.partnership }),
    ] {
        let file = ws.export_csv(request).await.unwrap();
        all_cells.extend(csv_cells(name, &file.bytes));
    }
    for value in s.values.iter().filter(|v| {
        ["partnership", "round", "orga", "orgb", "person", "title", "phone", "needs", "region"]
            .iter()
            .any(|tag| v.starts_with(&format!("=cmd|' /C calc'!A0 {tag} ")))
    }) {
        let cell = format!("'{value}");
        assert!(all_cells.contains(&cell), "no cell {cell:?} in {all_cells:#?}");
    }

    // .ics: one event per meeting, whatever the line breaks in the texts;
    // its texts read back as written (line breaks as \n).
    for (name, document, count) in [
        ("meeting.ics", CalendarDocument::Meeting { meeting_id: s.meeting }, 1),
        ("coming.ics", CalendarDocument::ComingMeetings { partnership_id: s.partnership }, 2),
    ] {
        let file = ws.calendar_file(document).await.unwrap();
        let events = ics_events(dir.path(), name, &file.file.bytes);
        assert_eq!(events.len(), count, "{name}: {events:#?}");
        for event in &events {
            let keys = event["keys"].to_string();
            assert!(!keys.contains("X-"), "{name}: a property from a text: {keys}");
            let location = event["LOCATION"].as_str().unwrap();
            assert!(location.contains(&line("venue")), "{name}: {location}");
            let text = event.to_string();
            assert!(!text.contains("SUMMARY:injected") || text.contains("\\nSUMMARY:injected"));
        }
        let raw = String::from_utf8(file.file.bytes.clone()).unwrap();
        let begins = raw.split("\r\n").filter(|l| *l == "BEGIN:VEVENT").count();
        assert_eq!(begins, count, "{name}: {raw}");
    }
    ws.close().await;
}
