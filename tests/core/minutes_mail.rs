//! The minutes e-mail draft, read back by a second, independent parser
//! (`mail-parser`): who it is addressed to, the decoded subject and body, the
//! attached PDF (read back with `pdftotext`) and the header that makes mail
//! programs open it as a draft.

use crate::common::{TestWorkspace, draft, municipality};
use mail_parser::{Message, MessageParser, MimeHeaders};
use samlar::documents::minutes_mail::{MinutesEmail, RecipientCounts};
use samlar::documents::pdf::{PdfDocument, PdfRequest};
use samlar::kernel::values::{ById, Gender, MeetingId, MeetingKind, PersonId, Role};
use samlar::meetings::attendance::{AttendanceEntry, AttendanceStatus, SetAttendance};
use samlar::meetings::draft::MeetingDraft;
use samlar::meetings::meeting::CreateMeeting;
use samlar::registry::membership::MembershipDraft;
use samlar::registry::partnership::PartnershipDraft;
use samlar::registry::person::PersonDraft;
use samlar::store::settings::{Language, SetLanguage};
use samlar::{ErrorCode, Workspace};
use std::path::Path;
use std::process::Command;

/// A meeting Åsa and Örjan (with addresses) and Bo (without) attended and
/// Lena (with) missed; the partnership's contact person Märta (with) also
/// attended, so she is named twice. And a meeting of another partnership
/// that only Nils attended, whose contact person is Bo; neither has an
/// address.
struct Setup {
    meeting: MeetingId,
    empty: MeetingId,
}

async fn person(
    ws: &Workspace,
    name: &str,
    email: &str,
    o: samlar::kernel::values::OrganisationId,
) -> PersonId {
    let p = PersonDraft {
        email: email.into(),
        gender: Gender::Woman,
        ..PersonDraft::new(name, Some(o))
    };
    ws.create_person(p).await.unwrap().summary.id
}

async fn setup(t: &TestWorkspace) -> Setup {
    let ws = &t.ws;
    let vannas = ws.create_organisation(municipality("Vännäs kommun", "2460")).await.unwrap().id;
    let asa = person(ws, "Åsa Öberg", "asa.oberg@vannas.se", vannas).await;
    let orjan = person(ws, "Örjan Ärlig", "orjan@vannas.se", vannas).await;
    let bo = person(ws, "Bo Utanadress", "", vannas).await;
    let lena = person(ws, "Lena Borta", "lena@vannas.se", vannas).await;
    let marta = person(ws, "Märta Kontakt", "marta@skr.se", vannas).await;
    let nils = person(ws, "Nils Utan", "", vannas).await;
    let d = PartnershipDraft {
        contact_person_id: Some(marta),
        ..draft("Modellkommuner – omgång 2027")
    };
    let partnership = ws.create_partnership(d).await.unwrap().id;
    ws.add_membership(MembershipDraft::new(partnership, vannas, Role::Participant)).await.unwrap();
    let meeting = MeetingDraft {
        title: "Nulägesanalys på Åsele".into(),
        ..MeetingDraft::new(MeetingKind::Learning, "2027-03-15")
    };
    let meeting = ws
        .create_meeting(CreateMeeting { partnership_id: partnership, draft: meeting })
        .await
        .unwrap()
        .id;
    let entries = [
        (asa, AttendanceStatus::Attended),
        (orjan, AttendanceStatus::Attended),
        (bo, AttendanceStatus::Attended),
        (lena, AttendanceStatus::Absent),
        (marta, AttendanceStatus::Attended),
    ]
    .map(|(person_id, status)| AttendanceEntry { person_id, status })
    .to_vec();
    ws.set_attendance(SetAttendance { meeting_id: meeting, entries }).await.unwrap();

    // A partnership whose contact has no address, and a meeting only Nils attended.
    let d = PartnershipDraft { contact_person_id: Some(bo), ..draft("Utan adresser") };
    let other = ws.create_partnership(d).await.unwrap().id;
    let empty = ws
        .create_meeting(CreateMeeting {
            partnership_id: other,
            draft: MeetingDraft::new(MeetingKind::Learning, "2027-04-01"),
        })
        .await
        .unwrap()
        .id;
    let entries = vec![AttendanceEntry { person_id: nils, status: AttendanceStatus::Attended }];
    ws.set_attendance(SetAttendance { meeting_id: empty, entries }).await.unwrap();
    Setup { meeting, empty }
}

fn parse(mail: &MinutesEmail) -> Message<'_> {
    MessageParser::default().parse(&mail.file.bytes).expect("a MIME message")
}

fn to(message: &Message<'_>) -> Vec<(String, String)> {
    let Some(to) = message.to() else { return Vec::new() };
    to.iter()
        .map(|a| (a.name().unwrap_or_default().to_owned(), a.address().unwrap().to_owned()))
        .collect()
}

/// The attachment's text as `pdftotext` reads it.
fn pdf_text(label: &str, bytes: &[u8]) -> String {
    let path = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("minutes-{label}.pdf"));
    std::fs::write(&path, bytes).unwrap();
    let out = Command::new("pdftotext")
        .args(["-enc", "UTF-8", path.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext is needed for the PDF tests (scripts/setup --test)");
    assert!(out.status.success(), "pdftotext failed");
    String::from_utf8(out.stdout).unwrap()
}

#[tokio::test]
async fn the_draft_goes_to_everyone_with_an_address_with_the_summary_attached() {
    let t = TestWorkspace::new().await;
    let s = setup(&t).await;
    let mail = t.ws.minutes_email(ById { id: s.meeting }).await.unwrap();
    assert_eq!(mail.file.file_name, "Sammanfattning Nulägesanalys på Åsele 2027-03-15.eml");
    assert_eq!(mail.counts, RecipientCounts { recipients: 3, without_address: 1 });

    let raw = String::from_utf8(mail.file.bytes.clone()).expect("the draft is ASCII");
    assert!(raw.is_ascii(), "every header and part is encoded for transport");
    assert!(raw.contains("\r\nX-Unsent: 1\r\n"), "{raw}");
    assert!(
        !raw.contains("\r\nFrom:") && !raw.starts_with("From:"),
        "no From: the mail program fills it in"
    );
    assert!(raw.contains("Subject: =?utf-8?"), "RFC 2047 subject: {raw}");
    assert!(raw.contains("filename*0*=UTF-8''"), "RFC 2231 file name: {raw}");

    let m = parse(&mail);
    assert_eq!(m.header_raw("X-Unsent").map(str::trim), Some("1"));
    assert_eq!(
        to(&m),
        vec![
            ("Märta Kontakt".to_owned(), "marta@skr.se".to_owned()),
            ("Åsa Öberg".to_owned(), "asa.oberg@vannas.se".to_owned()),
            ("Örjan Ärlig".to_owned(), "orjan@vannas.se".to_owned()),
        ],
        "the attendees and the contact person with an address, once each; not the absent"
    );
    assert_eq!(m.subject(), Some("Sammanfattning: Nulägesanalys på Åsele, 2027-03-15"));
    let body = m.body_text(0).unwrap();
    assert!(body.contains("sammanfattningen av Nulägesanalys på Åsele den 2027-03-15"), "{body}");
    assert_eq!(m.date().map(|d| d.to_rfc3339()), Some("2026-11-23T09:00:00Z".to_owned()));

    let pdf = m.attachment(0).expect("the PDF");
    assert_eq!(pdf.content_type().map(|c| c.ctype()), Some("application"));
    assert_eq!(pdf.content_type().and_then(|c| c.subtype()), Some("pdf"));
    let request = PdfRequest {
        document: PdfDocument::SessionSummary { meeting_id: s.meeting },
        archival: false,
        open: false,
    };
    let expected = t.ws.pdf(request).await.unwrap().file_name;
    assert!(!expected.is_ascii(), "the file name has å, ä or ö: {expected}");
    assert_eq!(pdf.attachment_name(), Some(expected.as_str()));
    assert!(pdf.contents().starts_with(b"%PDF-"));
    let text = pdf_text("sv", pdf.contents());
    assert!(text.contains("Nulägesanalys på Åsele"), "{text}");
    assert!(text.contains("Modellkommuner – omgång 2027"), "{text}");
}

#[tokio::test]
async fn the_draft_is_in_english_when_the_interface_is() {
    let t = TestWorkspace::new().await;
    let s = setup(&t).await;
    t.ws.set_language(SetLanguage { language: Language::En }).await.unwrap();
    let mail = t.ws.minutes_email(ById { id: s.meeting }).await.unwrap();
    assert_eq!(mail.file.file_name, "Summary Nulägesanalys på Åsele 2027-03-15.eml");
    let m = parse(&mail);
    assert_eq!(m.subject(), Some("Summary: Nulägesanalys på Åsele, 2027-03-15"));
    let body = m.body_text(0).unwrap();
    assert!(body.contains("summary of Nulägesanalys på Åsele on 2027-03-15"), "{body}");
    assert!(m.attachment(0).unwrap().contents().starts_with(b"%PDF-"));
}

#[tokio::test]
async fn a_meeting_nobody_with_an_address_attended_makes_a_draft_without_recipients() {
    let t = TestWorkspace::new().await;
    let s = setup(&t).await;
    let mail = t.ws.minutes_email(ById { id: s.empty }).await.unwrap();
    assert_eq!(mail.counts, RecipientCounts { recipients: 0, without_address: 2 });
    let m = parse(&mail);
    assert!(to(&m).is_empty());
    assert_eq!(m.subject(), Some("Sammanfattning: Lärandeträff 1, 2027-04-01"));
    assert_eq!(m.header_raw("X-Unsent").map(str::trim), Some("1"));
    assert!(m.attachment(0).unwrap().contents().starts_with(b"%PDF-"));
}

#[tokio::test]
async fn a_missing_meeting_is_refused() {
    let t = TestWorkspace::new().await;
    let err = t.ws.minutes_email(ById { id: MeetingId(999) }).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::NotFound);
}
