//! A partnership's charter and its members: goals in order, budget, owner and
//! contact, roles, clusters, and the partnership page's grouping.

use crate::common::{TestWorkspace, draft, municipality};
use samlar::ErrorCode;
use samlar::kernel::values::{ById, OrganisationId, OrganisationKind, PersonId, Role};
use samlar::registry::membership::{MembershipDraft, NetworkLevel, UpdateMembership};
use samlar::registry::organisation::OrganisationDraft;
use samlar::registry::partnership::{Goal, Phase, UpdatePartnership};
use samlar::registry::person::PersonDraft;

/// A change to a valid draft that breaks one rule.
type Change = Box<dyn Fn(&mut samlar::registry::partnership::PartnershipDraft)>;

fn goal(goal: &str, effect: &str) -> Goal {
    Goal { goal: goal.into(), expected_effect: effect.into() }
}

#[tokio::test]
async fn the_whole_charter_is_kept_with_goals_in_order() {
    let t = TestWorkspace::new().await;
    let owner = t.ws.create_organisation(municipality("Skellefteå kommun", "2482")).await.unwrap();
    let contact =
        t.ws.create_person(PersonDraft::new("Kim Exempel", Some(owner.id))).await.unwrap();
    let mut d = draft("CLN");
    d.phase = Phase::Implementation;
    d.shared_problem = "Mindre resurser till kompetensutveckling.".into();
    d.delimitation = "HR-specialister i norra Sverige.".into();
    d.project_owner_id = Some(owner.id);
    d.contact_person_id = Some(contact.summary.id);
    d.funding_source = "ESF".into();
    d.budget = "5 466 314 kr".into();
    d.region = "Mellersta Norrland".into();
    d.power_balance_notes = "Jämn".into();
    d.goals = vec![goal("Första", "Effekt ett"), goal("  ", " "), goal("Andra", "")];
    let p = t.ws.create_partnership(d).await.unwrap();
    assert_eq!(p.budget_sek, Some(5_466_314));
    let detail = t.ws.partnership(ById { id: p.id }).await.unwrap();
    assert_eq!(detail.goals, [goal("Första", "Effekt ett"), goal("Andra", "")]);
    assert_eq!(detail.project_owner.unwrap().name, "Skellefteå kommun");
    assert_eq!(detail.contact_person.unwrap().name, "Kim Exempel");
    assert_eq!(detail.partnership.phase, Phase::Implementation);

    let mut d = draft("CLN");
    d.goals = vec![goal("Andra", "x"), goal("Första", "y")];
    t.ws.update_partnership(UpdatePartnership { id: p.id, draft: d }).await.unwrap();
    let detail = t.ws.partnership(ById { id: p.id }).await.unwrap();
    assert_eq!(detail.goals, [goal("Andra", "x"), goal("Första", "y")]);
    assert_eq!(detail.project_owner, None, "the edit cleared the owner");
}

#[tokio::test]
async fn charter_rules_name_their_field_and_write_nothing() {
    let t = TestWorkspace::new().await;
    let cases: Vec<(Change, ErrorCode, &str)> = vec![
        (Box::new(|d| d.budget = "fem miljoner".into()), ErrorCode::InvalidNumber, "budget"),
        (
            Box::new(|d| d.goals = vec![goal("", "En effekt utan mål")]),
            ErrorCode::GoalRequired,
            "goals.0.goal",
        ),
        (
            Box::new(|d| d.project_owner_id = Some(OrganisationId(404))),
            ErrorCode::UnknownOrganisation,
            "projectOwnerId",
        ),
        (
            Box::new(|d| d.contact_person_id = Some(PersonId(404))),
            ErrorCode::UnknownPerson,
            "contactPersonId",
        ),
        (
            Box::new(|d| d.shared_problem = "x".repeat(10_001)),
            ErrorCode::TextTooLong,
            "sharedProblem",
        ),
        (Box::new(|d| d.region = "x".repeat(201)), ErrorCode::TextTooLong, "region"),
    ];
    for (change, code, field) in cases {
        let mut d = draft("P");
        change(&mut d);
        let err = t.ws.create_partnership(d).await.unwrap_err();
        assert_eq!((err.code, err.field.as_deref()), (code, Some(field)));
    }
    let count: i64 = sqlx::query_scalar("SELECT count(*) FROM partnerships")
        .fetch_one(t.ws.pool())
        .await
        .unwrap();
    assert_eq!(count, 0);
}

#[tokio::test]
async fn memberships_follow_their_rules() {
    let t = TestWorkspace::new().await;
    let p = t.ws.create_partnership(draft("Equal")).await.unwrap();
    let de =
        t.ws.create_organisation(OrganisationDraft::new("UP i Tyskland", OrganisationKind::Other))
            .await
            .unwrap();
    let m = MembershipDraft::new(p.id, de.id, Role::TransnationalPartner);
    let err = t.ws.add_membership(m.clone()).await.unwrap_err();
    assert_eq!((err.code, err.field.as_deref()), (ErrorCode::CountryRequired, Some("country")));
    let added =
        t.ws.add_membership(MembershipDraft { country: "Tyskland".into(), ..m.clone() })
            .await
            .unwrap();
    assert_eq!(added.country, "Tyskland");
    let err =
        t.ws.add_membership(MembershipDraft { country: "Tyskland".into(), ..m }).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::MembershipExists);

    let ske = t.ws.create_organisation(municipality("Skellefteå kommun", "2482")).await.unwrap();
    let mut m = MembershipDraft::new(p.id, ske.id, Role::Participant);
    m.network_level = NetworkLevel::Cluster;
    let err = t.ws.add_membership(m.clone()).await.unwrap_err();
    assert_eq!((err.code, err.field.as_deref()), (ErrorCode::ClusterRequired, Some("cluster")));
    m.cluster = "Västerbotten".into();
    m.country = "ignored for a participant".into();
    let added = t.ws.add_membership(m.clone()).await.unwrap();
    assert_eq!((added.cluster.as_str(), added.country.as_str()), ("Västerbotten", ""));
    m.network_level = NetworkLevel::Whole;
    let moved = t.ws.update_membership(UpdateMembership { id: added.id, draft: m }).await.unwrap();
    assert_eq!(moved.cluster, "", "a cluster only at cluster level");
    t.ws.remove_membership(ById { id: added.id }).await.unwrap();
    let err = t.ws.remove_membership(ById { id: added.id }).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::NotFound);
}

#[tokio::test]
async fn the_partnership_page_orders_members_by_role_and_cluster_and_lists_their_people() {
    let t = TestWorkspace::new().await;
    let p = t.ws.create_partnership(draft("CLN")).await.unwrap();
    let add = |name: &'static str, code: &'static str, role: Role, cluster: &'static str| {
        let ws = &t.ws;
        async move {
            let o = ws.create_organisation(municipality(name, code)).await.unwrap();
            let mut m = MembershipDraft::new(p.id, o.id, role);
            if !cluster.is_empty() {
                m.network_level = NetworkLevel::Cluster;
                m.cluster = cluster.into();
            }
            ws.add_membership(m).await.unwrap();
            o
        }
    };
    add("SKL", "", Role::CooperationPartner, "").await;
    let ume = add("Umeå kommun", "2480", Role::Participant, "Västerbotten").await;
    add("Luleå kommun", "2580", Role::Participant, "Norrbotten").await;
    add("Skellefteå kommun", "2482", Role::Participant, "Västerbotten").await;
    add("Kommunledningskontoret", "", Role::ProjectOwner, "").await;
    t.ws.create_person(PersonDraft::new("Anna Exempel", Some(ume.id))).await.unwrap();
    t.ws.create_person(PersonDraft::new("Utanför Exempel", None)).await.unwrap();

    let detail = t.ws.partnership(ById { id: p.id }).await.unwrap();
    let order: Vec<_> = detail.memberships.iter().map(|m| m.organisation_name.as_str()).collect();
    assert_eq!(
        order,
        ["Kommunledningskontoret", "Luleå kommun", "Skellefteå kommun", "Umeå kommun", "SKL"]
    );
    let people: Vec<_> = detail.people.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(people, ["Anna Exempel"]);
    let list =
        t.ws.partnerships(samlar::registry::partnership::PartnershipQuery::all()).await.unwrap();
    assert_eq!(list[0].organisation_count, 5);
}
