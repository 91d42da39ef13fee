//! Suggestions of a mentor for a round: earlier graduates first, then
//! earlier mentors, then neighbours in the same cluster or county, each with
//! why.

use crate::common::TestWorkspace;
use crate::pairings::{complete, org, pair, round};
use samlar::kernel::values::{OrganisationKind, Role};
use samlar::pairings::suggestions::{MentorSuggestionQuery, SuggestionReason};
use samlar::registry::membership::{MembershipDraft, NetworkLevel};
use samlar::registry::organisation::OrganisationDraft;

#[tokio::test]
async fn suggestions_put_earlier_graduates_first_then_mentors_then_neighbours() {
    let t = TestWorkspace::new().await;
    let first = round(&t, "Omgång 2025", "2025-01-20").await;
    let second = round(&t, "Omgång 2027", "2027-01-18").await;
    let [graduate, old_mentor, _neighbour, stranger, participant, other_participant] = [
        org(&t, "Vännäs kommun", "2460", "Västerbotten").await,
        org(&t, "Umeå kommun", "2480", "Västerbotten").await,
        org(&t, "Skellefteå kommun", "2482", "Västerbotten").await,
        org(&t, "Malmö stad", "1280", "Skåne").await,
        org(&t, "Nordmalings kommun", "2401", "Västerbotten").await,
        org(&t, "Bjurholms kommun", "2403", "Västerbotten").await,
    ];
    let cluster = OrganisationDraft::new("Lycksele kommun", OrganisationKind::Municipality);
    let cluster_mate = t.ws.create_organisation(cluster).await.unwrap().id;
    pair(&t, first, old_mentor, &[graduate]).await;
    complete(&t, first, &[graduate], "2026-02-20").await;
    for (o, role) in [(participant, Role::Participant), (cluster_mate, Role::CooperationPartner)] {
        let m = MembershipDraft {
            network_level: NetworkLevel::Cluster,
            cluster: "Grupp Västerbotten".into(),
            ..MembershipDraft::new(second, o, role)
        };
        t.ws.add_membership(m).await.unwrap();
    }
    t.ws.add_membership(MembershipDraft::new(second, other_participant, Role::Participant))
        .await
        .unwrap();

    let q = MentorSuggestionQuery { partnership_id: second, participant_ids: vec![participant] };
    let list = t.ws.mentor_suggestions(q).await.unwrap();
    let names: Vec<_> = list.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(
        names,
        ["Vännäs kommun", "Umeå kommun", "Lycksele kommun", "Skellefteå kommun"],
        "graduate, earlier mentor, then same cluster or county in name order; no stranger, \
         no participant of this round"
    );
    assert!(!names.contains(&"Malmö stad") && stranger.0 > 0);
    assert_eq!(
        list[0].reasons,
        [
            SuggestionReason::CompletedRound {
                partnership_name: "Omgång 2025".into(),
                completed_on: "2026-02-20".parse().unwrap()
            },
            SuggestionReason::SameCounty { county: "Västerbotten".into() }
        ]
    );
    assert!(!list[0].never_completed);
    assert_eq!(list[1].reasons[0], SuggestionReason::MentoredBefore { rounds: 1 });
    assert!(list[1].never_completed, "a mentor that never completed a round is flagged");
    assert_eq!(
        list[2].reasons,
        [SuggestionReason::SameCluster { cluster: "Grupp Västerbotten".into() }]
    );
    assert_eq!((list[0].capacity, list[0].active_participants), (3, 0));

    // A round that completes after this one starts is not "earlier".
    let q = MentorSuggestionQuery { partnership_id: first, participant_ids: vec![] };
    let list = t.ws.mentor_suggestions(q).await.unwrap();
    assert!(list.is_empty(), "{list:?}");
}
