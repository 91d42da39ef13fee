//! The Modellkommun title and the lineage of mentorship across rounds.

use crate::common::TestWorkspace;
use crate::pairings::{complete, org, pair, round};
use samlar::kernel::values::{ById, OrganisationId, OrganisationKind};
use samlar::pairings::lineage::LineageStep;
use samlar::pairings::pairing::PairingStatus;
use samlar::pairings::title::ModelTitle;
use samlar::registry::organisation::OrganisationDraft;

#[tokio::test]
async fn completing_then_mentoring_later_earns_the_title() {
    let t = TestWorkspace::new().await;
    let first = round(&t, "Omgång 2025", "2025-01-20").await;
    let second = round(&t, "Omgång 2027", "2027-01-18").await;
    let umea = org(&t, "Umeå kommun", "2480", "").await;
    let vannas = org(&t, "Vännäs kommun", "2460", "").await;
    let region = OrganisationDraft {
        code: "0024".into(),
        ..OrganisationDraft::new("Region Västerbotten", OrganisationKind::Region)
    };
    let region = t.ws.create_organisation(region).await.unwrap().id;
    let robertsfors = org(&t, "Robertsfors kommun", "2409", "").await;
    let sorsele = org(&t, "Sorsele kommun", "2422", "").await;

    pair(&t, first, umea, &[vannas, region]).await;
    complete(&t, first, &[vannas, region], "2026-02-20").await;
    assert_eq!(t_title(&t, vannas).await, None, "completed, not yet mentored");

    let v = pair(&t, second, vannas, &[robertsfors]).await;
    pair(&t, second, region, &[sorsele]).await;
    assert_eq!(t_title(&t, vannas).await, None, "mentoring, not yet done");
    complete(&t, second, &[robertsfors, sorsele], "2028-02-25").await;
    assert_eq!(
        t.ws.pairing(ById { id: v }).await.unwrap().pairing.status,
        PairingStatus::Completed
    );
    assert_eq!(t_title(&t, vannas).await, Some(ModelTitle::ModelMunicipality));
    assert_eq!(t_title(&t, region).await, Some(ModelTitle::ModelRegion));
    assert_eq!(t_title(&t, umea).await, None, "Umeå mentored but never completed a round here");
}

async fn t_title(t: &TestWorkspace, id: OrganisationId) -> Option<ModelTitle> {
    t.ws.lineage(ById { id }).await.unwrap().organisation.title
}

#[tokio::test]
async fn lineage_follows_chains_both_ways_in_time_order() {
    let t = TestWorkspace::new().await;
    let rounds = [
        round(&t, "Omgång 2021", "2021-01-18").await,
        round(&t, "Omgång 2023", "2023-01-16").await,
        round(&t, "Omgång 2025", "2025-01-20").await,
        round(&t, "Omgång 2027", "2027-01-18").await,
    ];
    let [malmo, kristianstad, hassleholm, osby, ystad] = [
        org(&t, "Malmö stad", "1280", "").await,
        org(&t, "Kristianstads kommun", "1290", "").await,
        org(&t, "Hässleholms kommun", "1293", "").await,
        org(&t, "Osby kommun", "1273", "").await,
        org(&t, "Ystads kommun", "1286", "").await,
    ];
    pair(&t, rounds[0], malmo, &[kristianstad]).await;
    pair(&t, rounds[1], kristianstad, &[hassleholm, ystad]).await;
    pair(&t, rounds[2], hassleholm, &[osby]).await;
    // A loop back in time: Osby later mentors Malmö.
    pair(&t, rounds[3], osby, &[malmo]).await;

    let l = t.ws.lineage(ById { id: hassleholm }).await.unwrap();
    assert_eq!(l.organisation.name, "Hässleholms kommun");
    assert_eq!(l.mentored_by.len(), 1);
    let up = &l.mentored_by[0];
    assert_eq!(
        (up.organisation.name.as_str(), up.partnership_name.as_str()),
        ("Kristianstads kommun", "Omgång 2023")
    );
    assert_eq!(up.next.len(), 1);
    assert_eq!(up.next[0].organisation.name, "Malmö stad");
    assert!(up.next[0].next.is_empty(), "Osby mentored Malmö later, not earlier");
    let down = &l.mentored;
    assert_eq!(down.len(), 1);
    assert_eq!(down[0].organisation.name, "Osby kommun");
    assert_eq!(down[0].next[0].organisation.name, "Malmö stad");
    assert_eq!(down[0].next[0].since.to_string(), "2027-01-18");
    assert!(down[0].next[0].next.is_empty(), "Malmö's mentees were earlier");

    let l = t.ws.lineage(ById { id: malmo }).await.unwrap();
    let chain = |steps: &[LineageStep]| {
        let mut names = Vec::new();
        let mut level = steps;
        while let Some(s) = level.first() {
            names.push(s.organisation.name.clone());
            level = &s.next;
        }
        names
    };
    assert_eq!(chain(&l.mentored), ["Kristianstads kommun", "Hässleholms kommun", "Osby kommun"]);
    assert_eq!(l.mentored[0].next.len(), 2, "Kristianstad mentored Hässleholm and Ystad");
    assert_eq!(
        chain(&l.mentored_by),
        ["Osby kommun", "Hässleholms kommun", "Kristianstads kommun"]
    );
    assert!(chain(&l.mentored_by).iter().all(|n| n != "Malmö stad"), "no cycle back to itself");
}
