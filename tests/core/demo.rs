//! The demo data: the seeds' partnerships in one click, and only once.

use crate::common::{TestWorkspace, all_organisations, all_people};
use samlar::kernel::values::{ById, OrganisationKind, Role};
use samlar::registry::membership::NetworkLevel;
use samlar::registry::organisation::OrganisationQuery;
use samlar::registry::partnership::PartnershipQuery;
use samlar::registry::person::PersonQuery;

#[tokio::test]
async fn demo_data_loads_the_seed_partnerships_once() {
    let t = TestWorkspace::new().await;
    assert_eq!(t.ws.load_demo_data().await.unwrap().partnerships, 4);
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

    let round = list.iter().find(|p| p.name.starts_with("Modellkommuner")).unwrap();
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
    assert_eq!(t.ws.partnerships(PartnershipQuery::all()).await.unwrap().len(), 4);
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
