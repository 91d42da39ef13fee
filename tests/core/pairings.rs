//! Mentor pairings: the rules of a pairing and of a round, capacity, round
//! completion, and mentor sessions belonging to a pairing. The helpers here
//! (`org`, `round`, `pair`, `complete`) are shared with the suggestion and
//! lineage tests.

use crate::common::{TestWorkspace, draft, municipality};
use samlar::ErrorCode;
use samlar::kernel::values::{
    ById, ContactSide, MeetingKind, OrganisationId, PairingId, PartnershipId, Role,
};
use samlar::meetings::action::{ActionDraft, CreateAction};
use samlar::meetings::draft::MeetingDraft;
use samlar::meetings::meeting::{CreateMeeting, UpdateMeeting};
use samlar::pairings::pairing::{PairingDraft, PairingStatus, UpdatePairing};
use samlar::pairings::round::{SetMentorCapacity, SetRoundCompletion};
use samlar::registry::organisation::OrganisationDraft;
use samlar::registry::partnership::PartnershipDraft;
use samlar::registry::person::PersonDraft;

pub(crate) async fn org(t: &TestWorkspace, name: &str, code: &str, county: &str) -> OrganisationId {
    let d = OrganisationDraft { county: county.to_owned(), ..municipality(name, code) };
    t.ws.create_organisation(d).await.unwrap().id
}

pub(crate) async fn round(t: &TestWorkspace, name: &str, start: &str) -> PartnershipId {
    let d = PartnershipDraft { start_date: Some(start.to_owned()), ..draft(name) };
    t.ws.create_partnership(d).await.unwrap().id
}

pub(crate) async fn pair(
    t: &TestWorkspace,
    round: PartnershipId,
    mentor: OrganisationId,
    participants: &[OrganisationId],
) -> PairingId {
    t.ws.create_pairing(PairingDraft::new(round, mentor, participants)).await.unwrap().id
}

async fn pair_err(t: &TestWorkspace, d: PairingDraft) -> (ErrorCode, Option<String>) {
    let err = t.ws.create_pairing(d).await.unwrap_err();
    (err.code, err.field)
}

pub(crate) async fn complete(
    t: &TestWorkspace,
    round: PartnershipId,
    ids: &[OrganisationId],
    on: &str,
) {
    let input = SetRoundCompletion {
        partnership_id: round,
        organisation_ids: ids.to_vec(),
        completed_on: on.to_owned(),
    };
    t.ws.set_round_completion(input).await.unwrap();
}
#[tokio::test]
async fn a_mentor_supports_one_to_three_participants_who_join_the_round() {
    let t = TestWorkspace::new().await;
    let r = round(&t, "Omgång 2027", "2027-01-18").await;
    let umea = org(&t, "Umeå kommun", "2480", "Västerbotten").await;
    let vannas = org(&t, "Vännäs kommun", "2460", "Västerbotten").await;
    let nordmaling = org(&t, "Nordmalings kommun", "2401", "Västerbotten").await;
    let lena =
        t.ws.create_person(PersonDraft::new("Lena Exempel", Some(umea))).await.unwrap().summary.id;
    let per =
        t.ws.create_person(PersonDraft::new("Per Exempel", Some(vannas))).await.unwrap().summary.id;

    let d = PairingDraft {
        mentor_contact_ids: vec![lena],
        participant_contact_ids: vec![per],
        start_date: "2027-01-18".into(),
        notes: "Träffas varannan månad.".into(),
        ..PairingDraft::new(r, umea, &[vannas, nordmaling])
    };
    let p = t.ws.create_pairing(d).await.unwrap();
    assert_eq!(p.mentor.name, "Umeå kommun");
    let names: Vec<_> = p.participants.iter().map(|o| o.name.as_str()).collect();
    assert_eq!(names, ["Vännäs kommun", "Nordmalings kommun"], "in the order chosen");
    let sides: Vec<_> = p.contacts.iter().map(|c| (c.name.as_str(), c.side)).collect();
    assert_eq!(
        sides,
        [("Lena Exempel", ContactSide::Mentor), ("Per Exempel", ContactSide::Participant)]
    );
    assert_eq!(p.status, PairingStatus::Active);

    // The pairing made the mentor and the participants members of the round.
    let detail = t.ws.partnership(ById { id: r }).await.unwrap();
    let roles: Vec<_> =
        detail.memberships.iter().map(|m| (m.organisation_name.as_str(), m.role)).collect();
    assert_eq!(
        roles,
        [
            ("Nordmalings kommun", Role::Participant),
            ("Vännäs kommun", Role::Participant),
            ("Umeå kommun", Role::Mentor),
        ]
    );
    let state = t.ws.round_pairings(ById { id: r }).await.unwrap();
    assert_eq!(state.pairings.len(), 1);
    assert_eq!((state.mentors[0].capacity, state.mentors[0].active_participants), (3, 2));
    assert!(state.participants.iter().all(|p| p.mentor.as_ref().unwrap().id == umea));

    // A pairing survives reopening the file.
    let t = t.reopen().await;
    let again = t.ws.pairing(ById { id: p.id }).await.unwrap();
    assert_eq!(again.pairing, p);
}
#[tokio::test]
async fn the_group_and_its_contacts_follow_the_rules() {
    let t = TestWorkspace::new().await;
    let r = round(&t, "Omgång 2027", "2027-01-18").await;
    let [a, b, c, d, e] = [
        org(&t, "A kommun", "0101", "").await,
        org(&t, "B kommun", "0102", "").await,
        org(&t, "C kommun", "0103", "").await,
        org(&t, "D kommun", "0104", "").await,
        org(&t, "E kommun", "0105", "").await,
    ];
    let d_person =
        t.ws.create_person(PersonDraft::new("Dora Exempel", Some(d))).await.unwrap().summary.id;

    let none = PairingDraft { mentor_organisation_id: None, ..PairingDraft::new(r, a, &[b]) };
    assert_eq!(
        pair_err(&t, none).await,
        (ErrorCode::MentorRequired, Some("mentorOrganisationId".into()))
    );
    assert_eq!(
        pair_err(&t, PairingDraft::new(r, a, &[])).await,
        (ErrorCode::ParticipantsRequired, Some("participantIds".into()))
    );
    assert_eq!(
        pair_err(&t, PairingDraft::new(r, a, &[b, c, d, e])).await,
        (ErrorCode::TooManyParticipants, Some("participantIds.3".into()))
    );
    assert_eq!(
        pair_err(&t, PairingDraft::new(r, a, &[b, a])).await,
        (ErrorCode::MentorIsParticipant, Some("participantIds.1".into()))
    );
    let wrong_side =
        PairingDraft { mentor_contact_ids: vec![d_person], ..PairingDraft::new(r, a, &[b]) };
    assert_eq!(
        pair_err(&t, wrong_side).await,
        (ErrorCode::ContactNotInOrganisation, Some("mentorContactIds.0".into()))
    );
    let no_reason =
        PairingDraft { status: PairingStatus::EndedEarly, ..PairingDraft::new(r, a, &[b]) };
    assert_eq!(
        pair_err(&t, no_reason).await,
        (ErrorCode::ReasonRequired, Some("endReason".into()))
    );
    let backwards = PairingDraft {
        start_date: "2027-03-01".into(),
        end_date: "2027-02-01".into(),
        ..PairingDraft::new(r, a, &[b])
    };
    assert_eq!(pair_err(&t, backwards).await, (ErrorCode::EndBeforeStart, Some("endDate".into())));
    let round_state = t.ws.round_pairings(ById { id: r }).await.unwrap();
    assert!(round_state.pairings.is_empty(), "nothing was written");
    assert!(round_state.mentors.is_empty() && round_state.participants.is_empty());
}
#[tokio::test]
async fn a_participant_has_one_active_mentor_per_round() {
    let t = TestWorkspace::new().await;
    let r = round(&t, "Omgång 2027", "2027-01-18").await;
    let other_round = round(&t, "Omgång 2029", "2029-01-15").await;
    let [umea, malmo, vannas] = [
        org(&t, "Umeå kommun", "2480", "").await,
        org(&t, "Malmö stad", "1280", "").await,
        org(&t, "Vännäs kommun", "2460", "").await,
    ];
    let first = pair(&t, r, umea, &[vannas]).await;
    assert_eq!(
        pair_err(&t, PairingDraft::new(r, malmo, &[vannas])).await,
        (ErrorCode::HasActiveMentor, Some("participantIds.0".into()))
    );
    // Another round is another matter.
    pair(&t, other_round, malmo, &[vannas]).await;

    // Ended early, with a reason: the participant may get a new mentor.
    let ended = PairingDraft {
        status: PairingStatus::EndedEarly,
        end_reason: "Mentorn fick inte tid.".into(),
        ..PairingDraft::new(r, umea, &[vannas])
    };
    let p = t.ws.update_pairing(UpdatePairing { id: first, draft: ended }).await.unwrap();
    assert_eq!(p.end_reason, "Mentorn fick inte tid.");
    pair(&t, r, malmo, &[vannas]).await;

    // Making the first one active again would give two active mentors.
    let again = UpdatePairing { id: first, draft: PairingDraft::new(r, umea, &[vannas]) };
    let err = t.ws.update_pairing(again).await.unwrap_err();
    assert_eq!(
        (err.code, err.field.as_deref()),
        (ErrorCode::HasActiveMentor, Some("participantIds.0"))
    );
}
#[tokio::test]
async fn a_mentor_takes_on_no_more_participants_than_its_capacity() {
    let t = TestWorkspace::new().await;
    let r = round(&t, "Omgång 2027", "2027-01-18").await;
    let mentor = org(&t, "Malmö stad", "1280", "").await;
    let mut ps = Vec::new();
    for (i, name) in ["A", "B", "C", "D", "E"].iter().enumerate() {
        ps.push(org(&t, &format!("{name} kommun"), &format!("011{i}"), "").await);
    }
    pair(&t, r, mentor, &ps[0..2]).await;
    // Two taken, room for one more: the second of two new ones does not fit.
    assert_eq!(
        pair_err(&t, PairingDraft::new(r, mentor, &ps[2..4])).await,
        (ErrorCode::CapacityExceeded, Some("participantIds.1".into()))
    );
    let raise = SetMentorCapacity { partnership_id: r, organisation_id: mentor, capacity: 4 };
    let state = t.ws.set_mentor_capacity(raise).await.unwrap();
    assert_eq!((state.mentors[0].capacity, state.mentors[0].active_participants), (4, 2));
    pair(&t, r, mentor, &ps[2..4]).await;
    assert_eq!(
        pair_err(&t, PairingDraft::new(r, mentor, &ps[4..5])).await,
        (ErrorCode::CapacityExceeded, Some("participantIds.0".into()))
    );
    // Capacity cannot drop below the participants the mentor already has.
    let lower = SetMentorCapacity { partnership_id: r, organisation_id: mentor, capacity: 3 };
    let err = t.ws.set_mentor_capacity(lower).await.unwrap_err();
    assert_eq!((err.code, err.field.as_deref()), (ErrorCode::CapacityExceeded, Some("capacity")));
    let zero = SetMentorCapacity { partnership_id: r, organisation_id: mentor, capacity: 0 };
    let err = t.ws.set_mentor_capacity(zero).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidNumber);
}
#[tokio::test]
async fn completing_a_round_completes_its_pairings_all_or_nothing() {
    let t = TestWorkspace::new().await;
    let r = round(&t, "Omgång 2027", "2027-01-18").await;
    let [umea, vannas, robertsfors, outsider] = [
        org(&t, "Umeå kommun", "2480", "").await,
        org(&t, "Vännäs kommun", "2460", "").await,
        org(&t, "Robertsfors kommun", "2409", "").await,
        org(&t, "Utomstående kommun", "2499", "").await,
    ];
    let p = pair(&t, r, umea, &[vannas, robertsfors]).await;

    let input = SetRoundCompletion {
        partnership_id: r,
        organisation_ids: vec![vannas, outsider],
        completed_on: "2028-02-25".into(),
    };
    let err = t.ws.set_round_completion(input).await.unwrap_err();
    assert_eq!(
        (err.code, err.field.as_deref()),
        (ErrorCode::NotParticipant, Some("organisationIds.1"))
    );
    let state = t.ws.round_pairings(ById { id: r }).await.unwrap();
    assert!(state.participants.iter().all(|p| p.completed_on.is_none()), "nothing half-written");

    complete(&t, r, &[vannas], "2028-02-25").await;
    let pairing = t.ws.pairing(ById { id: p }).await.unwrap().pairing;
    assert_eq!(pairing.status, PairingStatus::Active, "one participant still working");

    complete(&t, r, &[robertsfors], "2028-02-25").await;
    let pairing = t.ws.pairing(ById { id: p }).await.unwrap().pairing;
    assert_eq!(pairing.status, PairingStatus::Completed);
    assert_eq!(pairing.end_date.unwrap().to_string(), "2028-02-25");
    let state = t.ws.round_pairings(ById { id: r }).await.unwrap();
    let done: Vec<_> =
        state.participants.iter().map(|p| p.completed_on.map(|d| d.to_string())).collect();
    assert_eq!(done, [Some("2028-02-25".to_owned()), Some("2028-02-25".to_owned())]);
    assert!(state.participants.iter().all(|p| p.mentor.is_none()), "no active mentor now");

    // Clearing takes the mark away.
    complete(&t, r, &[vannas], "").await;
    let state = t.ws.round_pairings(ById { id: r }).await.unwrap();
    let vannas_state = state.participants.iter().find(|p| p.organisation_id == vannas).unwrap();
    assert_eq!(vannas_state.completed_on, None);
}
#[tokio::test]
async fn mentor_sessions_belong_to_a_pairing_whose_page_gathers_the_work() {
    let t = TestWorkspace::new().await;
    let r = round(&t, "Omgång 2027", "2026-10-01").await;
    let other = round(&t, "Omgång 2029", "2029-01-15").await;
    let [umea, vannas, bjurholm, elsewhere] = [
        org(&t, "Umeå kommun", "2480", "").await,
        org(&t, "Vännäs kommun", "2460", "").await,
        org(&t, "Bjurholms kommun", "2403", "").await,
        org(&t, "Malmö stad", "1280", "").await,
    ];
    let p = pair(&t, r, umea, &[vannas]).await;
    let other_pairing = pair(&t, other, elsewhere, &[bjurholm]).await;

    let session = |pairing_id| CreateMeeting {
        partnership_id: r,
        draft: MeetingDraft {
            pairing_id,
            ..MeetingDraft::new(MeetingKind::MentorSession, "2026-12-02")
        },
    };
    let err = t.ws.create_meeting(session(None)).await.unwrap_err();
    assert_eq!((err.code, err.field.as_deref()), (ErrorCode::PairingRequired, Some("pairingId")));
    let err = t.ws.create_meeting(session(Some(other_pairing))).await.unwrap_err();
    assert_eq!((err.code, err.field.as_deref()), (ErrorCode::UnknownPairing, Some("pairingId")));
    let learning = CreateMeeting {
        partnership_id: r,
        draft: MeetingDraft {
            pairing_id: Some(p),
            ..MeetingDraft::new(MeetingKind::Learning, "2026-11-01")
        },
    };
    let err = t.ws.create_meeting(learning).await.unwrap_err();
    assert_eq!((err.code, err.field.as_deref()), (ErrorCode::NotMentorSession, Some("pairingId")));

    let s = t.ws.create_meeting(session(Some(p))).await.unwrap();
    assert_eq!(s.pairing_id, Some(p));
    // Learning meetings: one passed (before the clock's 2026-11-23), two ahead.
    let mut learning_ids = Vec::new();
    for on in ["2026-11-02", "2027-01-20", "2027-04-14"] {
        let d = MeetingDraft::new(MeetingKind::Learning, on);
        learning_ids.push(
            t.ws.create_meeting(CreateMeeting { partnership_id: r, draft: d }).await.unwrap().id,
        );
    }
    for (o, text) in [(vannas, "Könsuppdelad statistik i alla nämnder"), (bjurholm, "Annat")] {
        let input =
            CreateAction { meeting_id: learning_ids[0], draft: ActionDraft::new(text, Some(o)) };
        t.ws.create_action(input).await.unwrap();
    }

    let page = t.ws.pairing(ById { id: p }).await.unwrap();
    assert_eq!(page.pairing.sessions, 1);
    assert_eq!(page.sessions.iter().map(|m| m.id).collect::<Vec<_>>(), [s.id]);
    let actions: Vec<_> = page.open_actions.iter().map(|a| a.description.as_str()).collect();
    assert_eq!(actions, ["Könsuppdelad statistik i alla nämnder"], "only its participants'");
    let next = page.next_learning_meeting.unwrap();
    assert_eq!((next.date.to_string(), next.number), ("2027-01-20".into(), Some(2)));

    // A session cannot be moved to another kind while it belongs to a pairing.
    let moved = UpdateMeeting {
        id: s.id,
        draft: MeetingDraft {
            pairing_id: Some(p),
            ..MeetingDraft::new(MeetingKind::Workshop, "2026-12-02")
        },
    };
    assert_eq!(t.ws.update_meeting(moved).await.unwrap_err().code, ErrorCode::NotMentorSession);

    let err = t.ws.delete_pairing(ById { id: p }).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::InUse);
    t.ws.delete_pairing(ById { id: other_pairing }).await.unwrap();
    assert_eq!(
        t.ws.pairing(ById { id: other_pairing }).await.unwrap_err().code,
        ErrorCode::NotFound
    );
}
#[tokio::test]
async fn erasing_a_person_removes_them_from_pairings() {
    let t = TestWorkspace::new().await;
    let r = round(&t, "Omgång 2027", "2027-01-18").await;
    let umea = org(&t, "Umeå kommun", "2480", "").await;
    let vannas = org(&t, "Vännäs kommun", "2460", "").await;
    let lena =
        t.ws.create_person(PersonDraft::new("Lena Exempel", Some(umea))).await.unwrap().summary.id;
    let d =
        PairingDraft { mentor_contact_ids: vec![lena], ..PairingDraft::new(r, umea, &[vannas]) };
    let p = t.ws.create_pairing(d).await.unwrap();
    assert_eq!(p.contacts.len(), 1);
    let export = t.ws.person_export(ById { id: lena }).await.unwrap();
    assert_eq!(export.contact_in_pairings.len(), 1, "the export says where they are a contact");
    t.ws.delete_person(ById { id: lena }).await.unwrap();
    let p = t.ws.pairing(ById { id: p.id }).await.unwrap().pairing;
    assert!(p.contacts.is_empty());
}
