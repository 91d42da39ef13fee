//! The sign-in sheet (närvarolista) of a meeting, parsed back: `pdftotext
//! -layout` must find the header, the organisations in order with their
//! people under them and the blank rows for walk-ins; a long list must run
//! over the right number of pages with the table header on each; `qpdf
//! --check` must pass (tools from `scripts/setup --test`).

use crate::common::{TestWorkspace, draft, municipality};
use samlar::documents::pdf::{PdfDocument, PdfRequest, WALK_IN_ROWS};
use samlar::kernel::values::{MeetingId, MeetingKind, MeetingMode, OrganisationId, Role};
use samlar::meetings::attendance::{AttendanceEntry, AttendanceStatus, SetAttendance};
use samlar::meetings::draft::MeetingDraft;
use samlar::meetings::meeting::CreateMeeting;
use samlar::registry::membership::MembershipDraft;
use samlar::registry::person::PersonDraft;
use samlar::store::settings::{Language, SetLanguage};
use std::path::Path;
use std::process::Command;

fn run(tool: &str, args: &[&str]) -> String {
    let out = Command::new(tool).args(args).output().unwrap_or_else(|e| {
        panic!("{tool} is needed for the PDF tests (scripts/setup --test): {e}")
    });
    assert!(out.status.success(), "{tool} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("utf-8")
}

/// The sheet's text page by page (`pdftotext -layout`, which keeps a row's
/// cells on one line), after `qpdf --check` has passed; the file is kept as
/// `target/tmp/sign-in-<label>.pdf`.
async fn sheet(t: &TestWorkspace, meeting_id: MeetingId, label: &str) -> (String, Vec<String>) {
    let document = PdfDocument::SignInSheet { meeting_id };
    let file = t.ws.pdf(PdfRequest { document, archival: false, open: false }).await.unwrap();
    let path = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("sign-in-{label}.pdf"));
    std::fs::write(&path, &file.bytes).unwrap();
    let p = path.to_str().unwrap();
    run("qpdf", &["--check", p]);
    let text = run("pdftotext", &["-layout", "-enc", "UTF-8", p, "-"]);
    let pages = text.split('\x0c').filter(|page| !page.trim().is_empty()).map(str::to_owned);
    (file.file_name, pages.collect())
}

/// Each text appears after the one before it, whitespace runs counting as one space.
fn assert_in_order(text: &str, expected: &[&str]) {
    let flat = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let text = flat(text);
    let mut from = 0;
    for e in expected.iter().map(|e| flat(e)) {
        match text[from..].find(&e) {
            Some(at) => from += at + e.len(),
            None => panic!("{e:?} not found after position {from} in:\n{text}"),
        }
    }
}

/// A line of the text holding all of `parts`, in order.
fn line_with(text: &str, parts: &[&str]) -> bool {
    text.lines().any(|line| {
        let mut from = 0;
        parts.iter().all(|p| match line[from..].find(p) {
            Some(at) => {
                from += at + p.len();
                true
            }
            None => false,
        })
    })
}

async fn member(
    t: &TestWorkspace,
    partnership: samlar::kernel::values::PartnershipId,
    name: &str,
    code: &str,
) -> OrganisationId {
    let o = t.ws.create_organisation(municipality(name, code)).await.unwrap().id;
    t.ws.add_membership(MembershipDraft::new(partnership, o, Role::Participant)).await.unwrap();
    o
}

async fn person(
    t: &TestWorkspace,
    name: &str,
    title: &str,
    o: Option<OrganisationId>,
) -> samlar::kernel::values::PersonId {
    let d = PersonDraft { title: title.into(), ..PersonDraft::new(name, o) };
    t.ws.create_person(d).await.unwrap().summary.id
}

#[tokio::test]
async fn the_sheet_lists_the_invited_by_organisation_with_rows_for_walk_ins() {
    let t = TestWorkspace::new().await;
    let partnership =
        t.ws.create_partnership(draft("Modellkommuner – omgång 2027")).await.unwrap().id;
    let vannas = member(&t, partnership, "Vännäs kommun", "2460").await;
    let umea = member(&t, partnership, "Umeå kommun", "2480").await;
    let invited = [
        (person(&t, "Örjan Exempel", "Socialchef", Some(vannas)).await, AttendanceStatus::Invited),
        (
            person(&t, "Åsa Exempel", "Utvecklingsledare", Some(vannas)).await,
            AttendanceStatus::Attended,
        ),
        (person(&t, "Lena Exempel", "Strateg", Some(umea)).await, AttendanceStatus::Absent),
        (person(&t, "Nils Fristående", "Konsult", None).await, AttendanceStatus::Invited),
    ];
    // In a member organisation but not invited: not on the sheet.
    person(&t, "Ulf Oinbjuden", "Kommunchef", Some(umea)).await;
    let d = MeetingDraft {
        title: "Jämställd styrning".into(),
        start_time: "09:30".into(),
        end_time: "15:00".into(),
        mode: Some(MeetingMode::OnSite),
        venue_name: "Folkets hus".into(),
        venue_address: "Storgatan 1, Vännäs".into(),
        ..MeetingDraft::new(MeetingKind::Learning, "2027-03-15")
    };
    let meeting =
        t.ws.create_meeting(CreateMeeting { partnership_id: partnership, draft: d })
            .await
            .unwrap()
            .id;
    let entries =
        invited.iter().map(|&(person_id, status)| AttendanceEntry { person_id, status }).collect();
    t.ws.set_attendance(SetAttendance { meeting_id: meeting, entries }).await.unwrap();

    let (name, pages) = sheet(&t, meeting, "small").await;
    assert!(name.starts_with("Närvarolista Lärandeträff"), "{name}");
    // The ten blank rows do not all fit under the list: the last go on a second page.
    assert_eq!(pages.len(), 2, "{pages:#?}");
    let text = &pages.join("\n");
    assert_in_order(
        text,
        &[
            "Närvarolista",
            "Partnerskap Modellkommuner – omgång 2027",
            "Möte Lärandeträff",
            "Jämställd styrning",
            "Datum 2027-03-15",
            "Tid 09:30–15:00",
            "Mötesform På plats",
            "Lokal Folkets hus",
            "Adress Storgatan 1, Vännäs",
            "Inbjudna",
            "Umeå kommun",
            "Namn Titel Namnteckning",
            "Lena Exempel Strateg",
            "Vännäs kommun",
            "Namn Titel Namnteckning",
            "Åsa Exempel Utvecklingsledare",
            "Örjan Exempel Socialchef",
            "Utan organisation",
            "Nils Fristående Konsult",
            "Ej anmälda",
            "Namn Organisation Namnteckning",
            "Sida 1 av 2",
            "Namn Organisation Namnteckning",
            "Sida 2 av 2",
        ],
    );
    assert!(line_with(text, &["Åsa Exempel", "Utvecklingsledare"]), "name and title on one row");
    assert!(!text.contains("Ulf Oinbjuden"), "only the invited are listed");
    // The walk-in rows are empty: nothing is printed after their heading but
    // the table header and the footer of each page.
    let walk_ins = &text[text.find("Ej anmälda").unwrap()..];
    let printed: Vec<&str> = walk_ins.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    assert_eq!(printed.len(), 5, "heading, headers and footers only: {printed:?}");
    assert_eq!(WALK_IN_ROWS, 10);
}

#[tokio::test]
async fn a_digital_meeting_says_so_and_has_no_address_and_english_follows_the_setting() {
    let t = TestWorkspace::new().await;
    t.ws.set_language(SetLanguage { language: Language::En }).await.unwrap();
    let partnership = t.ws.create_partnership(draft("Dropin")).await.unwrap().id;
    let d = MeetingDraft {
        mode: Some(MeetingMode::Digital),
        online_link: "https://meet.example.se/dropin".into(),
        ..MeetingDraft::new(MeetingKind::Learning, "2027-05-11")
    };
    let meeting =
        t.ws.create_meeting(CreateMeeting { partnership_id: partnership, draft: d })
            .await
            .unwrap()
            .id;
    let (name, pages) = sheet(&t, meeting, "digital").await;
    assert!(name.starts_with("Sign-in sheet"), "{name}");
    let text = &pages[0];
    assert_in_order(
        text,
        &[
            "Sign-in sheet",
            "Partnership Dropin",
            "Date 2027-05-11",
            "Digital",
            "https://meet.example.se/dropin",
            "No invited people are recorded for the meeting.",
            "Not registered",
            "Name Organisation Signature",
        ],
    );
    assert!(!text.contains("Address") && !text.contains("Venue"), "{text}");
}

#[tokio::test]
async fn a_long_list_runs_over_pages_with_the_header_on_each() {
    let t = TestWorkspace::new().await;
    let partnership = t.ws.create_partnership(draft("Stora nätverket")).await.unwrap().id;
    let umea = member(&t, partnership, "Umeå kommun", "2480").await;
    let mut entries = Vec::new();
    for i in 1..=120 {
        let person_id = person(&t, &format!("Deltagare {i:03}"), "Handläggare", Some(umea)).await;
        entries.push(AttendanceEntry { person_id, status: AttendanceStatus::Invited });
    }
    let d = MeetingDraft {
        mode: Some(MeetingMode::OnSite),
        venue_name: "Aula".into(),
        ..MeetingDraft::new(MeetingKind::Learning, "2027-09-01")
    };
    let meeting =
        t.ws.create_meeting(CreateMeeting { partnership_id: partnership, draft: d })
            .await
            .unwrap()
            .id;
    t.ws.set_attendance(SetAttendance { meeting_id: meeting, entries }).await.unwrap();

    let (_, pages) = sheet(&t, meeting, "long").await;
    // A row is two lines tall: 16 rows fit under the header fields on the
    // first page and 22 on each next, so the 120 take six pages; the walk-in
    // heading and four blank rows end the sixth and six rows go on a seventh.
    assert_eq!(pages.len(), 7, "pages");
    for (i, page) in pages.iter().enumerate() {
        assert!(page.contains("Namnteckning"), "the table header on page {}", i + 1);
        assert!(page.contains(&format!("Sida {} av 7", i + 1)), "page number on page {}", i + 1);
    }
    let all = pages.join("\n");
    let names: Vec<String> = (1..=120).map(|i| format!("Deltagare {i:03}")).collect();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    assert_in_order(&all, &names);
    assert!(pages[0].contains("Deltagare 016") && !pages[0].contains("Deltagare 017"));
    assert!(pages[5].contains("Deltagare 120") && pages[5].contains("Ej anmälda"));
    assert!(line_with(&pages[6], &["Namn", "Organisation", "Namnteckning"]), "{}", pages[6]);
}
