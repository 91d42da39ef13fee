//! The PDFs, parsed back: `pdftotext` must find the texts in order, `pdfinfo`
//! the page count, title and fonts, and `qpdf --check` must pass. These
//! tools come from poppler-utils and qpdf (`scripts/setup --test`).

use crate::common::{TestWorkspace, draft, municipality};
use samlar::documents::pdf::{PdfDocument, PdfRequest};
use samlar::kernel::values::{Gender, MeetingId, MeetingKind, OrganisationId, PartnershipId, Role};
use samlar::meetings::action::ActionStatus;
use samlar::meetings::action::{ActionDraft, CreateAction};
use samlar::meetings::attendance::{AttendanceEntry, AttendanceStatus, SetAttendance};
use samlar::meetings::draft::MeetingDraft;
use samlar::meetings::follow_up::RecordFollowUp;
use samlar::meetings::meeting::CreateMeeting;
use samlar::meetings::sections::{
    AgendaItem, GoodExample, SetAgenda, SetDecisions, SetGoodExamples,
};
use samlar::pairings::pairing::PairingDraft;
use samlar::registry::membership::{MembershipDraft, NetworkLevel};
use samlar::registry::partnership::PartnershipDraft;
use samlar::registry::person::PersonDraft;
use samlar::store::settings::{Language, SetLanguage};
use std::path::{Path, PathBuf};
use std::process::Command;

struct Parsed {
    text: String,
    pages: usize,
    info: String,
    fonts: String,
}

fn run(tool: &str, args: &[&str]) -> String {
    let out = Command::new(tool).args(args).output().unwrap_or_else(|e| {
        panic!("{tool} is needed for the PDF tests (scripts/setup --test): {e}")
    });
    assert!(out.status.success(), "{tool} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("utf-8")
}

/// Writes the PDF where it can be looked at after the run
/// (`target/tmp/pdf-<label>.pdf`) and reads it back.
fn parse(label: &str, bytes: &[u8]) -> Parsed {
    let path: PathBuf = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("pdf-{label}.pdf"));
    std::fs::write(&path, bytes).unwrap();
    let p = path.to_str().unwrap();
    run("qpdf", &["--check", p]);
    let info = run("pdfinfo", &[p]);
    let pages = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .map(|n| n.trim().parse().unwrap())
        .expect("page count");
    Parsed {
        text: run("pdftotext", &["-enc", "UTF-8", p, "-"]),
        pages,
        info,
        fonts: run("pdffonts", &[p]),
    }
}

/// Each text appears after the one before it. Line breaks count as spaces,
/// since wrapping moves them.
fn assert_in_order(text: &str, expected: &[&str]) {
    let flat = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let text = flat(text);
    let mut from = 0;
    for e in expected.iter().map(|e| flat(e)) {
        let e = e.as_str();
        match text[from..].find(e) {
            Some(at) => from += at + e.len(),
            None => panic!("{e:?} not found after position {from} in:\n{text}"),
        }
    }
}

async fn pdf(t: &TestWorkspace, document: PdfDocument, archival: bool) -> (String, Vec<u8>) {
    let file = t.ws.pdf(PdfRequest { document, archival, open: false }).await.unwrap();
    (file.file_name, file.bytes)
}

struct Round {
    partnership: PartnershipId,
    umea: OrganisationId,
    vannas: OrganisationId,
    learning: MeetingId,
    later: MeetingId,
}

/// A round with a learning meeting fully recorded and a later one that
/// follows up its action.
async fn recorded_round(t: &TestWorkspace) -> Round {
    let d = PartnershipDraft {
        start_date: Some("2027-01-18".into()),
        ..draft("Modellkommuner – omgång 2027")
    };
    let partnership = t.ws.create_partnership(d).await.unwrap().id;
    let umea = t.ws.create_organisation(municipality("Umeå kommun", "2480")).await.unwrap().id;
    let vannas = t.ws.create_organisation(municipality("Vännäs kommun", "2460")).await.unwrap().id;
    for (o, role) in [(umea, Role::Mentor), (vannas, Role::Participant)] {
        let m = MembershipDraft {
            network_level: NetworkLevel::Cluster,
            cluster: "Grupp Västerbotten".into(),
            ..MembershipDraft::new(partnership, o, role)
        };
        t.ws.add_membership(m).await.unwrap();
    }
    let mut people = Vec::new();
    for (name, o, gender) in [
        ("Åsa Exempel", vannas, Gender::Woman),
        ("Örjan Exempel", vannas, Gender::Man),
        ("Lena Exempel", umea, Gender::Woman),
    ] {
        let p = PersonDraft { gender, ..PersonDraft::new(name, Some(o)) };
        people.push(t.ws.create_person(p).await.unwrap().summary.id);
    }
    let meeting = MeetingDraft {
        start_time: "09:30".into(),
        end_time: "15:00".into(),
        venue_name: "Folkets hus".into(),
        venue_address: "Storgatan 1, Vännäs".into(),
        online_link: "https://meet.example.se/dropin-3".into(),
        notes: "Vi gick igenom nulägesanalysen – och jämförde den med Umeås.".into(),
        reflection_best: "Vi är bäst på att ta fram könsuppdelad statistik.".into(),
        reflection_learn: "Vi kan lära av hur Umeå följer upp.".into(),
        reflection_develop: "Dialogen med nämnderna ska utvecklas.".into(),
        extra_women: 2,
        ..MeetingDraft::new(MeetingKind::Learning, "2027-03-15")
    };
    let learning =
        t.ws.create_meeting(CreateMeeting { partnership_id: partnership, draft: meeting })
            .await
            .unwrap()
            .id;
    let entries = people
        .iter()
        .map(|&person_id| AttendanceEntry { person_id, status: AttendanceStatus::Attended })
        .collect();
    t.ws.set_attendance(SetAttendance { meeting_id: learning, entries }).await.unwrap();
    let items = vec![AgendaItem {
        title: "Nulägesanalys".into(),
        presenter_organisation_id: Some(vannas),
        presenter_person_id: None,
        notes: "Vännäs presenterade sin analys.".into(),
    }];
    t.ws.set_agenda(SetAgenda { meeting_id: learning, items }).await.unwrap();
    let decisions = vec!["Nästa träff hålls i Umeå.".to_owned()];
    t.ws.set_decisions(SetDecisions { meeting_id: learning, decisions }).await.unwrap();
    let examples = vec![GoodExample {
        title: "Jämställd resursfördelning".into(),
        description: "Umeå fördelar föreningsbidrag efter kön och ålder.".into(),
        organisation_id: Some(umea),
        tags: vec![],
    }];
    t.ws.set_good_examples(SetGoodExamples { meeting_id: learning, examples }).await.unwrap();
    let action = ActionDraft {
        responsible_person_id: Some(people[0]),
        due_date: "2027-05-31".into(),
        ..ActionDraft::new("Ta fram könsuppdelad statistik för alla nämnder", Some(vannas))
    };
    let action_id =
        t.ws.create_action(CreateAction { meeting_id: learning, draft: action }).await.unwrap().id;
    let later = MeetingDraft::new(MeetingKind::Learning, "2027-06-14");
    let later =
        t.ws.create_meeting(CreateMeeting { partnership_id: partnership, draft: later })
            .await
            .unwrap()
            .id;
    let follow = RecordFollowUp {
        action_id,
        meeting_id: later,
        status: ActionStatus::Ongoing,
        note: "Statistiken finns för två av fem nämnder.".into(),
    };
    t.ws.record_follow_up(follow).await.unwrap();
    Round { partnership, umea, vannas, learning, later }
}

#[tokio::test]
async fn a_session_summary_holds_the_whole_meeting_in_order() {
    let t = TestWorkspace::new().await;
    let r = recorded_round(&t).await;
    let (name, bytes) =
        pdf(&t, PdfDocument::SessionSummary { meeting_id: r.learning }, false).await;
    assert_eq!(name, "Sammanfattning Lärandeträff 1 2026-11-23.pdf");
    let p = parse("summary", &bytes);
    assert_in_order(
        &p.text,
        &[
            "Sammanfattning: Lärandeträff 1",
            "Modellkommuner – omgång 2027",
            "2027-03-15",
            "09:30–15:00",
            "Folkets hus, Storgatan 1, Vännäs",
            "Digitalt möte",
            "https://meet.example.se/dropin-3",
            "Närvaro",
            "Umeå kommun",
            "Vännäs kommun",
            "Ej registrerade deltagare",
            "Totalt",
            "Dagordning",
            "1. Nulägesanalys",
            "Vännäs presenterade sin analys.",
            "Anteckningar",
            "nulägesanalysen – och jämförde den med Umeås.",
            "Beslut",
            "Nästa träff hålls i Umeå.",
            "Utvecklande reflektion",
            "Vad gör vi bäst när det här händer?",
            "könsuppdelad statistik.",
            "Vad kan vi lära?",
            "Vad ska vi ta vara på eller utveckla?",
            "Goda exempel",
            "Jämställd resursfördelning",
            "Nya förbättringsåtgärder",
            "Ta fram könsuppdelad statistik för alla nämnder",
            "Åsa Exempel",
            "2027-05-31",
            "Uppföljning av tidigare åtgärder",
            "Inga tidigare åtgärder att följa upp.",
        ],
    );
    let pages = p.pages;
    assert!(p.text.contains(&format!("Sida 1 av {pages}")), "{}", p.text);
    assert!(p.text.contains(&format!("Sida {pages} av {pages}")));
    assert!(p.text.contains("Skapad 2026-11-23"));
    assert!(p.info.contains("Title:") && p.info.contains("Lärandeträff 1"), "{}", p.info);
    // Fonts embedded and subset ("emb" and "sub" columns both yes).
    let fonts: Vec<&str> = p.fonts.lines().skip(2).collect();
    assert!(!fonts.is_empty());
    assert!(fonts.iter().all(|l| l.contains("yes yes")), "{}", p.fonts);
    // Women: Åsa and Lena registered plus two unregistered; men: Örjan.
    assert_in_order(&p.text, &["Kvinnor", "Män", "Totalt", "4", "1"]);

    // The later meeting follows up the action with its status and note.
    let (_, bytes) = pdf(&t, PdfDocument::SessionSummary { meeting_id: r.later }, false).await;
    let p = parse("summary-later", &bytes);
    assert_in_order(
        &p.text,
        &[
            "Lärandeträff 2",
            "Uppföljning av tidigare åtgärder",
            "Ta fram könsuppdelad statistik för alla nämnder",
            "Pågår",
            "Statistiken finns för två av fem nämnder.",
        ],
    );
    assert!(!p.text.contains("Digitalt möte"), "no link, no line: {}", p.text);
}

#[tokio::test]
async fn the_summary_follows_the_interface_language() {
    let t = TestWorkspace::new().await;
    let r = recorded_round(&t).await;
    t.ws.set_language(SetLanguage { language: Language::En }).await.unwrap();
    let (name, bytes) =
        pdf(&t, PdfDocument::SessionSummary { meeting_id: r.learning }, false).await;
    assert!(name.starts_with("Summary "), "{name}");
    let p = parse("summary-english", &bytes);
    assert_in_order(&p.text, &["Summary:", "Attendance", "Agenda", "Decisions", "Page 1 of"]);
}

#[tokio::test]
async fn an_empty_meeting_still_gives_a_valid_pdf_that_says_so() {
    let t = TestWorkspace::new().await;
    let p = t.ws.create_partnership(draft("Tomt nätverk")).await.unwrap().id;
    let d = MeetingDraft::new(MeetingKind::Workshop, "2027-02-02");
    let m = t.ws.create_meeting(CreateMeeting { partnership_id: p, draft: d }).await.unwrap().id;
    let (_, bytes) = pdf(&t, PdfDocument::SessionSummary { meeting_id: m }, false).await;
    let p = parse("empty", &bytes);
    assert_in_order(
        &p.text,
        &["Ingen närvaro registrerad.", "Ingen dagordning.", "Inga anteckningar.", "Inga beslut."],
    );
}

#[tokio::test]
async fn a_hundred_pages_of_text_flow_across_pages_without_losing_a_line() {
    let t = TestWorkspace::new().await;
    let p = t.ws.create_partnership(draft("Långa protokoll")).await.unwrap().id;
    let d = MeetingDraft {
        notes: "Tecken utanför typsnittet: 😀 漢字 \u{0007} ok.".into(),
        ..MeetingDraft::new(MeetingKind::Workshop, "2027-02-02")
    };
    let m = t.ws.create_meeting(CreateMeeting { partnership_id: p, draft: d }).await.unwrap().id;
    // 48 agenda items of about 9,500 characters: numbered words, so a lost
    // or clipped line shows as a missing number.
    let mut n = 0;
    let items = (0..48)
        .map(|i| {
            let mut notes = String::new();
            while notes.len() < 9_500 {
                notes.push_str(&format!("ord{n} "));
                n += 1;
            }
            AgendaItem {
                title: format!("Punkt {i}"),
                presenter_organisation_id: None,
                presenter_person_id: None,
                notes,
            }
        })
        .collect();
    t.ws.set_agenda(SetAgenda { meeting_id: m, items }).await.unwrap();
    let (_, bytes) = pdf(&t, PdfDocument::SessionSummary { meeting_id: m }, false).await;
    let parsed = parse("hundred-pages", &bytes);
    assert!(parsed.pages >= 100, "{} pages", parsed.pages);
    let last = format!("Sida {0} av {0}", parsed.pages);
    assert!(parsed.text.contains(&last), "no {last}");
    let words: Vec<&str> =
        parsed.text.split_whitespace().filter(|w| w.starts_with("ord")).collect();
    let expected: Vec<String> = (0..n).map(|i| format!("ord{i}")).collect();
    assert_eq!(words.len(), expected.len(), "every word once");
    assert!(words.iter().zip(&expected).all(|(a, b)| a == b), "in order");
    assert!(parsed.text.contains("Tecken utanför typsnittet:") && parsed.text.contains("ok."));
}

#[tokio::test]
async fn a_mentor_session_summary_names_the_pairing_and_its_open_work() {
    let t = TestWorkspace::new().await;
    let r = recorded_round(&t).await;
    let pairing =
        t.ws.create_pairing(PairingDraft::new(r.partnership, r.umea, &[r.vannas])).await.unwrap();
    let d = MeetingDraft {
        pairing_id: Some(pairing.id),
        notes: "Vi gick igenom statistiken.".into(),
        ..MeetingDraft::new(MeetingKind::MentorSession, "2027-04-20")
    };
    let s =
        t.ws.create_meeting(CreateMeeting { partnership_id: r.partnership, draft: d })
            .await
            .unwrap()
            .id;
    let steps = vec!["Vännäs bjuder in nämndordförandena.".to_owned()];
    t.ws.set_decisions(SetDecisions { meeting_id: s, decisions: steps }).await.unwrap();
    let (name, bytes) = pdf(&t, PdfDocument::SessionSummary { meeting_id: s }, false).await;
    assert!(name.starts_with("Mentorsträff Umeå kommun"), "{name}");
    let p = parse("mentor-session", &bytes);
    assert_in_order(
        &p.text,
        &[
            "Mentorsträff 2027-04-20",
            "Vännäs kommun med stöd av Umeå kommun",
            "Anteckningar",
            "Vi gick igenom statistiken.",
            "Överenskomna nästa steg",
            "Vännäs bjuder in nämndordförandena.",
            "Deltagarnas öppna åtgärder",
            "Ta fram könsuppdelad statistik för alla nämnder",
            "Nästa lärandeträff",
            "2027-06-14 Lärandeträff 2",
        ],
    );
}

#[tokio::test]
async fn the_partnership_report_repeats_table_headers_across_pages() {
    let t = TestWorkspace::new().await;
    let r = recorded_round(&t).await;
    // Enough actions for the action table to run over several pages.
    for i in 0..150 {
        let d =
            ActionDraft::new(&format!("Åtgärd nummer {i} om jämställd styrning"), Some(r.vannas));
        t.ws.create_action(CreateAction { meeting_id: r.learning, draft: d }).await.unwrap();
    }
    let (name, bytes) = pdf(
        &t,
        PdfDocument::PartnershipReport { partnership_id: r.partnership, from: None, to: None },
        false,
    )
    .await;
    assert!(name.starts_with("Rapport Modellkommuner – omgång 2027"), "{name}");
    let p = parse("report", &bytes);
    assert_in_order(
        &p.text,
        &[
            "Modellkommuner – omgång 2027",
            "Rapport om partnerskapet",
            "Överenskommelse",
            "Organisationer",
            "Grupp Västerbotten",
            "Möten",
            "Kvinnor och män per aktivitet",
            "Förbättringsarbetet",
            "Alla åtgärder",
            "Åtgärd nummer 149 om jämställd styrning",
            "Goda exempel",
            "Jämställd resursfördelning",
        ],
    );
    assert!(p.pages >= 3, "{} pages", p.pages);
    let headers = p.text.matches("Beslutad vid").count();
    assert!(headers >= 2, "the action table's header is repeated: {headers}");
}

#[tokio::test]
async fn the_archival_option_claims_pdf_a() {
    let t = TestWorkspace::new().await;
    let r = recorded_round(&t).await;
    let (_, bytes) = pdf(&t, PdfDocument::SessionSummary { meeting_id: r.learning }, true).await;
    let p = parse("archival", &bytes);
    assert!(p.text.contains("Sammanfattning: Lärandeträff 1"));
    let raw = String::from_utf8_lossy(&bytes);
    assert!(raw.contains("pdfaid:part"), "XMP metadata names the PDF/A part");
    let (_, plain) = pdf(&t, PdfDocument::SessionSummary { meeting_id: r.learning }, false).await;
    assert!(!String::from_utf8_lossy(&plain).contains("pdfaid:part"));
}
