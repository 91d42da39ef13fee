//! People: what is kept, what lists leave out, and erasing or exporting
//! everything about one person.

use crate::common::{TestWorkspace, all_people, draft, municipality};
use samlar::ErrorCode;
use samlar::kernel::page::PageRequest;
use samlar::kernel::values::{ById, Gender, OrganisationId, OrganisationLevel, Role};
use samlar::registry::membership::MembershipDraft;
use samlar::registry::partnership::UpdatePartnership;
use samlar::registry::person::{PersonDraft, PersonQuery, PersonSort, UpdatePerson};

fn anna(organisation_id: Option<OrganisationId>) -> PersonDraft {
    PersonDraft {
        title: "Kommunstyrelsens ordförande".into(),
        level: Some(OrganisationLevel::Politician),
        email: " Anna.Exempel@Example.com ".into(),
        phone: "0910-00 00 00".into(),
        gender: Gender::Woman,
        has_mandate: true,
        competences: vec![
            "gender_equality".into(),
            "Ledarskap".into(),
            "ledarskap".into(),
            " ".into(),
        ],
        accessibility_needs: "Hörslinga".into(),
        ..PersonDraft::new("Anna Exempel", organisation_id)
    }
}

#[tokio::test]
async fn a_person_keeps_every_field_and_competences_once_each() {
    let t = TestWorkspace::new().await;
    let o = t.ws.create_organisation(municipality("Skellefteå kommun", "2482")).await.unwrap();
    let p = t.ws.create_person(anna(Some(o.id))).await.unwrap();
    let s = &p.summary;
    assert_eq!(s.organisation_name.as_deref(), Some("Skellefteå kommun"));
    assert_eq!(s.email.as_deref(), Some("Anna.Exempel@Example.com"));
    assert_eq!(s.competences, ["Ledarskap", "gender_equality"]);
    assert!(s.has_mandate);
    assert_eq!(p.accessibility_needs, "Hörslinga");
}

#[tokio::test]
async fn email_is_checked_and_belongs_to_one_person() {
    let t = TestWorkspace::new().await;
    for bad in ["anna", "anna@", "@example.com", "anna@example", "anna exempel@example.com"] {
        let d = PersonDraft { email: bad.into(), ..PersonDraft::new("Anna", None) };
        let err = t.ws.create_person(d).await.unwrap_err();
        assert_eq!(
            (err.code, err.field.as_deref()),
            (ErrorCode::InvalidEmail, Some("email")),
            "{bad}"
        );
    }
    t.ws.create_person(anna(None)).await.unwrap();
    let twin =
        PersonDraft { email: "ANNA.EXEMPEL@example.com".into(), ..PersonDraft::new("A. E.", None) };
    let err = t.ws.create_person(twin).await.unwrap_err();
    assert_eq!((err.code, err.field.as_deref()), (ErrorCode::EmailTaken, Some("email")));
}

#[tokio::test]
async fn an_unknown_organisation_is_refused() {
    let t = TestWorkspace::new().await;
    let err =
        t.ws.create_person(PersonDraft::new("Bo", Some(OrganisationId(999)))).await.unwrap_err();
    assert_eq!(
        (err.code, err.field.as_deref()),
        (ErrorCode::UnknownOrganisation, Some("organisationId"))
    );
}

#[tokio::test]
async fn lists_leave_accessibility_needs_out() {
    let t = TestWorkspace::new().await;
    t.ws.create_person(anna(None)).await.unwrap();
    let list = t.ws.people(PageRequest::first(PersonQuery::all(), 10)).await.unwrap();
    let json = serde_json::to_string(&list).unwrap();
    assert!(json.contains("Anna Exempel"));
    assert!(!json.contains("Hörslinga") && !json.contains("accessibilityNeeds"), "{json}");
}

#[tokio::test]
async fn people_are_found_by_name_title_or_email_and_filtered() {
    let t = TestWorkspace::new().await;
    let ske = t.ws.create_organisation(municipality("Skellefteå kommun", "2482")).await.unwrap();
    let ume = t.ws.create_organisation(municipality("Umeå kommun", "2480")).await.unwrap();
    let p = t.ws.create_partnership(draft("CLN")).await.unwrap();
    t.ws.add_membership(MembershipDraft::new(p.id, ume.id, Role::Participant)).await.unwrap();
    t.ws.create_person(anna(Some(ske.id))).await.unwrap();
    let bo = PersonDraft {
        title: "Strateg".into(),
        level: Some(OrganisationLevel::Strategist),
        ..PersonDraft::new("Bo Exempel", Some(ume.id))
    };
    t.ws.create_person(bo).await.unwrap();
    let names = |q: PersonQuery| {
        let ws = &t.ws;
        async move { all_people(ws, q).await.into_iter().map(|p| p.name).collect::<Vec<_>>() }
    };
    let q = |search: &str| PersonQuery { search: search.into(), ..PersonQuery::all() };
    assert_eq!(names(q("strateg")).await, ["Bo Exempel"]);
    assert_eq!(names(q("example.com")).await, ["Anna Exempel"]);
    let in_cln = PersonQuery { partnership_id: Some(p.id), ..PersonQuery::all() };
    assert_eq!(names(in_cln).await, ["Bo Exempel"]);
    let politicians =
        PersonQuery { level: Some(OrganisationLevel::Politician), ..PersonQuery::all() };
    assert_eq!(names(politicians).await, ["Anna Exempel"]);
    let by_org = PersonQuery { sort: PersonSort::Organisation, ..PersonQuery::all() };
    assert_eq!(names(by_org).await, ["Anna Exempel", "Bo Exempel"]);
}

#[tokio::test]
async fn deleting_a_person_removes_them_everywhere() {
    let t = TestWorkspace::new().await;
    let person = t.ws.create_person(anna(None)).await.unwrap();
    let p = t.ws.create_partnership(draft("Dropin")).await.unwrap();
    let mut d = draft("Dropin");
    d.contact_person_id = Some(person.summary.id);
    t.ws.update_partnership(UpdatePartnership { id: p.id, draft: d }).await.unwrap();

    t.ws.delete_person(ById { id: person.summary.id }).await.unwrap();
    let detail = t.ws.partnership(ById { id: p.id }).await.unwrap();
    assert_eq!(detail.partnership.contact_person_id, None);
    let left: i64 = sqlx::query_scalar(
        "SELECT (SELECT count(*) FROM people) + (SELECT count(*) FROM person_competences)",
    )
    .fetch_one(t.ws.pool())
    .await
    .unwrap();
    assert_eq!(left, 0);
    let err = t.ws.person(ById { id: person.summary.id }).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::NotFound);
}

#[tokio::test]
async fn the_export_holds_everything_about_one_person() {
    let t = TestWorkspace::new().await;
    let person = t.ws.create_person(anna(None)).await.unwrap();
    let p = t.ws.create_partnership(draft("Dropin")).await.unwrap();
    let mut d = draft("Dropin");
    d.contact_person_id = Some(person.summary.id);
    t.ws.update_partnership(UpdatePartnership { id: p.id, draft: d }).await.unwrap();
    let export = t.ws.person_export(ById { id: person.summary.id }).await.unwrap();
    assert_eq!(export.person, person);
    assert_eq!(export.contact_for.len(), 1);
    let file = t.ws.person_export_file(ById { id: person.summary.id }).await.unwrap();
    assert_eq!(file.file_name, "personuppgifter-2026-11-23.json");
    let text = String::from_utf8(file.bytes).unwrap();
    assert!(text.contains("Hörslinga") && text.contains("Dropin"));
}

#[tokio::test]
async fn editing_replaces_the_competences() {
    let t = TestWorkspace::new().await;
    let p = t.ws.create_person(anna(None)).await.unwrap();
    let mut d = anna(None);
    d.competences = vec!["quality_development".into()];
    let edited = t.ws.update_person(UpdatePerson { id: p.summary.id, draft: d }).await.unwrap();
    assert_eq!(edited.summary.competences, ["quality_development"]);
}
