//! Organisations: codes, numbers, search, sorting, archiving, and deleting
//! only what nothing depends on.

use crate::common::{TestWorkspace, all_organisations, draft, municipality};
use samlar::ErrorCode;
use samlar::kernel::values::{ById, OrganisationKind, Role};
use samlar::registry::membership::MembershipDraft;
use samlar::registry::organisation::{
    OrganisationDraft, OrganisationQuery, OrganisationSort, SetOrganisationArchived,
    UpdateOrganisation,
};
use samlar::registry::person::PersonDraft;

fn names(list: Vec<samlar::registry::organisation::Organisation>) -> Vec<String> {
    list.into_iter().map(|o| o.name).collect()
}

#[tokio::test]
async fn municipality_and_region_codes_are_checked() {
    let t = TestWorkspace::new().await;
    for code in ["2482", "0180", "0025", "1290", " 2480 "] {
        let o = t.ws.create_organisation(municipality(&format!("Org {code}"), code)).await.unwrap();
        assert_eq!(o.code.as_deref(), Some(code.trim()));
    }
    for code in ["248", "24820", "abcd", "9999", "2400", "0099", "1500", "24 82"] {
        let err = t.ws.create_organisation(municipality("X", code)).await.unwrap_err();
        assert_eq!(
            (err.code, err.field.as_deref()),
            (ErrorCode::InvalidCode, Some("code")),
            "{code}"
        );
    }
    let o = t.ws.create_organisation(municipality("Utan kod", "")).await.unwrap();
    assert_eq!(o.code, None);
}

#[tokio::test]
async fn a_code_belongs_to_one_organisation() {
    let t = TestWorkspace::new().await;
    t.ws.create_organisation(municipality("Skellefteå kommun", "2482")).await.unwrap();
    let err = t.ws.create_organisation(municipality("Skellefteå", "2482")).await.unwrap_err();
    assert_eq!((err.code, err.field.as_deref()), (ErrorCode::CodeTaken, Some("code")));
    assert_eq!(all_organisations(&t.ws, OrganisationQuery::all()).await.len(), 1);
}

#[tokio::test]
async fn employees_are_a_whole_number_written_the_swedish_way() {
    let t = TestWorkspace::new().await;
    let mut d = municipality("Umeå kommun", "2480");
    d.employees = "12 000".into();
    assert_eq!(t.ws.create_organisation(d.clone()).await.unwrap().employees, Some(12_000));
    for bad in ["-5", "12,5", "tolv", "1e3"] {
        d.name = format!("X {bad}");
        d.code.clear();
        d.employees = bad.into();
        let err = t.ws.create_organisation(d.clone()).await.unwrap_err();
        assert_eq!((err.code, err.field.as_deref()), (ErrorCode::InvalidNumber, Some("employees")));
    }
}

#[tokio::test]
async fn search_by_name_or_code_filter_by_kind_and_sort() {
    let t = TestWorkspace::new().await;
    let mut umea = municipality("Umeå kommun", "2480");
    umea.employees = "12000".into();
    t.ws.create_organisation(umea).await.unwrap();
    let mut ske = municipality("Skellefteå kommun", "2482");
    ske.employees = "8500".into();
    t.ws.create_organisation(ske).await.unwrap();
    t.ws.create_organisation(OrganisationDraft::new(
        "Luleå tekniska universitet",
        OrganisationKind::University,
    ))
    .await
    .unwrap();
    let q = |search: &str| OrganisationQuery { search: search.into(), ..OrganisationQuery::all() };
    assert_eq!(names(all_organisations(&t.ws, q("UMEÅ")).await), ["Umeå kommun"]);
    assert_eq!(names(all_organisations(&t.ws, q("2482")).await), ["Skellefteå kommun"]);
    let universities =
        OrganisationQuery { kind: Some(OrganisationKind::University), ..OrganisationQuery::all() };
    assert_eq!(names(all_organisations(&t.ws, universities).await), ["Luleå tekniska universitet"]);
    let by_name = names(all_organisations(&t.ws, OrganisationQuery::all()).await);
    assert_eq!(by_name, ["Luleå tekniska universitet", "Skellefteå kommun", "Umeå kommun"]);
    let by = |sort| OrganisationQuery { sort, ..OrganisationQuery::all() };
    let by_code = names(all_organisations(&t.ws, by(OrganisationSort::Code)).await);
    assert_eq!(by_code, ["Umeå kommun", "Skellefteå kommun", "Luleå tekniska universitet"]);
    let by_size = names(all_organisations(&t.ws, by(OrganisationSort::Employees)).await);
    assert_eq!(by_size[0], "Umeå kommun");
}

#[tokio::test]
async fn edit_and_archive() {
    let t = TestWorkspace::new().await;
    let o = t.ws.create_organisation(municipality("Umea kommun", "2480")).await.unwrap();
    let mut d = municipality("Umeå kommun", "2480");
    d.county = "Västerbottens län".into();
    let edited = t.ws.update_organisation(UpdateOrganisation { id: o.id, draft: d }).await.unwrap();
    assert_eq!(
        (edited.name.as_str(), edited.county.as_str()),
        ("Umeå kommun", "Västerbottens län")
    );
    let archived =
        t.ws.set_organisation_archived(SetOrganisationArchived { id: o.id, archived: true })
            .await
            .unwrap();
    assert!(archived.archived);
    let active = OrganisationQuery { include_archived: false, ..OrganisationQuery::all() };
    assert!(all_organisations(&t.ws, active).await.is_empty());
}

#[tokio::test]
async fn deleting_says_what_depends_on_it_and_deletes_nothing_then() {
    let t = TestWorkspace::new().await;
    let o = t.ws.create_organisation(municipality("Vännäs kommun", "2460")).await.unwrap();
    let p = t.ws.create_partnership(draft("Modellkommun 2027")).await.unwrap();
    t.ws.add_membership(MembershipDraft::new(p.id, o.id, Role::Participant)).await.unwrap();
    t.ws.create_person(PersonDraft::new("Anna Exempel", Some(o.id))).await.unwrap();
    t.ws.create_person(PersonDraft::new("Bo Exempel", Some(o.id))).await.unwrap();

    let id = ById { id: o.id };
    let deps = t.ws.organisation_dependents(id).await.unwrap();
    assert_eq!((deps.memberships, deps.people), (1, 2));
    let err = t.ws.delete_organisation(id).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::InUse);
    let still = t.ws.organisation(id).await.unwrap();
    assert_eq!((still.partnership_count, still.people_count), (1, 2));

    let free = t.ws.create_organisation(municipality("Umeå kommun", "2480")).await.unwrap();
    t.ws.delete_organisation(ById { id: free.id }).await.unwrap();
    let err = t.ws.organisation(ById { id: free.id }).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::NotFound);
}
