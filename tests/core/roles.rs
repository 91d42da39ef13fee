//! People's roles in a partnership: several roles for one person, periods
//! that end, the page's sections per role, the report PDF (parsed back with
//! `pdftotext`) listing them and the groups, and the input refused.

use crate::common::{TestWorkspace, draft, municipality};
use samlar::ErrorCode;
use samlar::documents::pdf::{PdfDocument, PdfRequest};
use samlar::kernel::values::{ById, PartnershipId, PartnershipRoleId, PersonId};
use samlar::registry::groups::{CreateGroup, GroupDraft, GroupKind, SetGroupMembers};
use samlar::registry::person::PersonDraft;
use samlar::registry::roles::{EndRole, PersonRole, RoleDraft};
use std::path::Path;
use std::process::Command;

struct Setup {
    t: TestWorkspace,
    partnership: PartnershipId,
    anna: PersonId,
    bo: PersonId,
}

/// A partnership, Anna of Umeå kommun and Bo of no organisation.
async fn setup() -> Setup {
    let t = TestWorkspace::new().await;
    let partnership = t.ws.create_partnership(draft("CLN")).await.unwrap().id;
    let ume = t.ws.create_organisation(municipality("Umeå kommun", "2480")).await.unwrap().id;
    let anna = t.ws.create_person(PersonDraft::new("Anna Berg", Some(ume))).await.unwrap();
    let bo = t.ws.create_person(PersonDraft::new("Bo Ek", None)).await.unwrap();
    Setup { t, partnership, anna: anna.summary.id, bo: bo.summary.id }
}

fn role(s: &Setup, person: PersonId, role: PersonRole, start: &str, end: &str) -> RoleDraft {
    let date = |d: &str| (!d.is_empty()).then(|| d.to_owned());
    RoleDraft {
        partnership_id: s.partnership,
        person_id: person,
        role,
        start_date: date(start),
        end_date: date(end),
    }
}

#[tokio::test]
async fn a_person_holds_several_roles_with_periods_shown_per_role_on_the_page() {
    let s = setup().await;
    let ws = &s.t.ws;
    let leader =
        ws.add_role(role(&s, s.anna, PersonRole::ProjectLeader, "2027-01-01", "")).await.unwrap();
    assert_eq!(leader.person_name, "Anna Berg");
    assert_eq!(leader.organisation_name.as_deref(), Some("Umeå kommun"));
    ws.add_role(role(&s, s.anna, PersonRole::SteeringGroup, "", "")).await.unwrap();
    ws.add_role(role(&s, s.bo, PersonRole::ExternalEvaluator, "2027-02-01", "2027-12-31"))
        .await
        .unwrap();

    // Anna leaves as project leader; the same role again, later, is fine.
    let ended =
        ws.end_role(EndRole { id: leader.id, end_date: "2027-06-30".into() }).await.unwrap();
    assert_eq!(ended.end_date.map(|d| d.to_string()).as_deref(), Some("2027-06-30"));
    ws.add_role(role(&s, s.anna, PersonRole::ProjectLeader, "2027-09-01", "")).await.unwrap();

    let page = ws.partnership(ById { id: s.partnership }).await.unwrap();
    let order: Vec<PersonRole> = page.roles.iter().map(|r| r.role).collect();
    assert_eq!(order, PersonRole::ALL, "every role, in the page's order");
    let holders = |role: PersonRole| -> Vec<(String, String, String)> {
        let r = page.roles.iter().find(|r| r.role == role).unwrap();
        r.holders
            .iter()
            .map(|h| {
                let d = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
                (h.person_name.clone(), d(h.start_date), d(h.end_date))
            })
            .collect()
    };
    let row = |n: &str, s: &str, e: &str| (n.to_owned(), s.to_owned(), e.to_owned());
    assert_eq!(
        holders(PersonRole::ProjectLeader),
        [row("Anna Berg", "2027-01-01", "2027-06-30"), row("Anna Berg", "2027-09-01", "")]
    );
    assert_eq!(holders(PersonRole::SteeringGroup), [row("Anna Berg", "", "")]);
    assert_eq!(holders(PersonRole::ExternalEvaluator), [row("Bo Ek", "2027-02-01", "2027-12-31")]);
    assert!(holders(PersonRole::Trainer).is_empty());

    // Removing a role entered by mistake leaves the others.
    let steering = page.roles[0].holders[0].id;
    ws.remove_role(ById { id: steering }).await.unwrap();
    let page = ws.partnership(ById { id: s.partnership }).await.unwrap();
    assert!(page.roles[0].holders.is_empty());
    assert_eq!(page.roles.iter().map(|r| r.holders.len()).sum::<usize>(), 3);
    let err = ws.remove_role(ById { id: steering }).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::NotFound);
}

#[tokio::test]
async fn refused_roles_name_their_field() {
    let s = setup().await;
    let ws = &s.t.ws;
    let refused = |draft: RoleDraft| async { ws.add_role(draft).await.unwrap_err() };

    let err = refused(role(&s, s.anna, PersonRole::Trainer, "2027-13-01", "")).await;
    assert_eq!((err.code, err.field.as_deref()), (ErrorCode::InvalidDate, Some("startDate")));
    let err = refused(role(&s, s.anna, PersonRole::Trainer, "2027-05-01", "2027-04-01")).await;
    assert_eq!((err.code, err.field.as_deref()), (ErrorCode::EndBeforeStart, Some("endDate")));
    let err = refused(role(&s, PersonId(9999), PersonRole::Trainer, "", "")).await;
    assert_eq!((err.code, err.field.as_deref()), (ErrorCode::UnknownPerson, Some("personId")));
    let mut other = role(&s, s.anna, PersonRole::Trainer, "", "");
    other.partnership_id = PartnershipId(9999);
    assert_eq!(refused(other).await.code, ErrorCode::NotFound);

    // The same role for an overlapping period; a later one is fine.
    ws.add_role(role(&s, s.anna, PersonRole::Trainer, "2027-01-01", "2027-06-30")).await.unwrap();
    let err = refused(role(&s, s.anna, PersonRole::Trainer, "2027-06-30", "")).await;
    assert_eq!((err.code, err.field.as_deref()), (ErrorCode::RoleOverlaps, Some("startDate")));
    let err = refused(role(&s, s.anna, PersonRole::Trainer, "", "2027-01-01")).await;
    assert_eq!(err.code, ErrorCode::RoleOverlaps);
    ws.add_role(role(&s, s.anna, PersonRole::Trainer, "2027-07-01", "")).await.unwrap();
    ws.add_role(role(&s, s.bo, PersonRole::Trainer, "2027-03-01", "")).await.unwrap();

    let id = ws.partnership(ById { id: s.partnership }).await.unwrap().roles[5].holders[0].id;
    let end = |end_date: &str| EndRole { id, end_date: end_date.into() };
    let err = ws.end_role(end("")).await.unwrap_err();
    assert_eq!((err.code, err.field.as_deref()), (ErrorCode::DateRequired, Some("endDate")));
    let err = ws.end_role(end("2026-12-31")).await.unwrap_err();
    assert_eq!((err.code, err.field.as_deref()), (ErrorCode::EndBeforeStart, Some("endDate")));
    let err = ws.end_role(end("31/12/2027")).await.unwrap_err();
    assert_eq!((err.code, err.field.as_deref()), (ErrorCode::InvalidDate, Some("endDate")));
    let gone = EndRole { id: PartnershipRoleId(9999), end_date: "2027-12-31".into() };
    assert_eq!(ws.end_role(gone).await.unwrap_err().code, ErrorCode::NotFound);
}

#[tokio::test]
async fn a_partnership_has_at_most_its_limit_of_roles() {
    let s = setup().await;
    let ws = &s.t.ws;
    // Filled directly: a thousand adds through the core would take the test's time.
    sqlx::query(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?) \
         INSERT INTO partnership_roles (partnership_id, person_id, role, start_date) \
         SELECT ?, ?, 'trainer', date('2000-01-01', '+' || i || ' days') FROM n",
    )
    .bind(samlar::kernel::limits::MAX_ROLES_PER_PARTNERSHIP as i64)
    .bind(s.partnership)
    .bind(s.bo)
    .execute(ws.pool())
    .await
    .unwrap();
    let err = ws.add_role(role(&s, s.anna, PersonRole::Coordinator, "", "")).await.unwrap_err();
    assert_eq!((err.code, err.field.as_deref()), (ErrorCode::TooMany, Some("partnershipId")));
}

/// The text `pdftotext` reads from the PDF, with every run of white space
/// one space.
fn pdf_text(label: &str, bytes: &[u8]) -> String {
    let path = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("pdf-{label}.pdf"));
    std::fs::write(&path, bytes).unwrap();
    let out = Command::new("pdftotext")
        .args(["-enc", "UTF-8", path.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext is needed for the PDF tests (scripts/setup --test)");
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap().split_whitespace().collect::<Vec<_>>().join(" ")
}

pub(crate) fn assert_in_order(text: &str, expected: &[&str]) {
    let mut from = 0;
    for e in expected {
        match text[from..].find(e) {
            Some(at) => from += at + e.len(),
            None => panic!("{e:?} not found after position {from} in:\n{text}"),
        }
    }
}

#[tokio::test]
async fn the_report_lists_the_roles_with_names_and_periods() {
    let s = setup().await;
    let ws = &s.t.ws;
    let report =
        PdfDocument::PartnershipReport { partnership_id: s.partnership, from: None, to: None };
    let request = PdfRequest { document: report, archival: false, open: false };
    let text = pdf_text("roles-none", &ws.pdf(request.clone()).await.unwrap().bytes);
    assert_in_order(&text, &["Roller", "Inga roller angivna."]);

    ws.add_role(role(&s, s.anna, PersonRole::SteeringGroup, "2027-01-01", "")).await.unwrap();
    ws.add_role(role(&s, s.bo, PersonRole::SteeringGroup, "", "")).await.unwrap();
    ws.add_role(role(&s, s.bo, PersonRole::ExternalEvaluator, "2027-02-01", "2027-12-31"))
        .await
        .unwrap();
    let draft =
        GroupDraft { kind: GroupKind::Subgroup, name: "Norr".into(), purpose: "Närhet".into() };
    let north =
        ws.create_group(CreateGroup { partnership_id: s.partnership, draft }).await.unwrap();
    let members = SetGroupMembers { group_id: north.id, person_ids: vec![s.anna, s.bo] };
    ws.set_group_members(members).await.unwrap();
    let text = pdf_text("roles", &ws.pdf(request).await.unwrap().bytes);
    assert_in_order(
        &text,
        &[
            "Roller",
            "Styrgrupp",
            "Bo Ek",
            "Anna Berg",
            "Umeå kommun",
            "2027-01-01 –",
            "Extern utvärderare",
            "Bo Ek",
            "2027-02-01 – 2027-12-31",
            "Grupper",
            "Norr (delgrupp)",
            "Närhet",
            "Medlemmar",
            "Anna Berg, Bo Ek",
        ],
    );
    assert!(!text.contains("Inga roller angivna."), "{text}");
    assert!(!text.contains("Utbildare"), "a role nobody holds is left out: {text}");
}
