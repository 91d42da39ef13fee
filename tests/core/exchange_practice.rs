//! The practice around meetings between computers (issue #18): a hand-over
//! carries a partnership's roles and groups, its meetings' venues, group
//! answers and approvals; a mentor package carries the venue and approval
//! of a session but never the round's roles or a group's members.

use crate::common::{TestWorkspace, municipality};
use crate::exchange::{coordinators_round, local_id, pairing_package, session_draft, uuid_of};
use samlar::exchange::merge::{Choice, Side};
use samlar::exchange::package::MakePackage;
use samlar::exchange::record::Kind;
use samlar::exchange::scope::Scope;
use samlar::kernel::values::{ById, MeetingId, MeetingMode, OrganisationKind};
use samlar::meetings::approval::{self, ApproveMeeting};
use samlar::meetings::group_reflection::SetGroupReflection;
use samlar::meetings::meeting::UpdateMeeting;
use samlar::registry::groups::{CreateGroup, GroupDraft, GroupKind, SetGroupMembers};
use samlar::registry::organisation::OrganisationDraft;
use samlar::registry::roles::{PersonRole, RoleDraft};
use samlar::registry::venue::VenueDraft;

/// The round of `coordinators_round` with a role, a reflection group with
/// its answers at the session, the session held at a hotel (not a member)
/// and approved by Lena.
async fn practised_round(t: &TestWorkspace) -> crate::exchange::Round {
    let c = coordinators_round(t).await;
    let role = RoleDraft {
        partnership_id: c.round,
        person_id: c.lena,
        role: PersonRole::SteeringGroup,
        start_date: Some("2026-09-01".into()),
        end_date: None,
    };
    t.ws.add_role(role).await.unwrap();
    let group = GroupDraft {
        kind: GroupKind::ReflectionGroup,
        name: "Grupp norr".into(),
        purpose: String::new(),
    };
    let group = t.ws.create_group(CreateGroup { partnership_id: c.round, draft: group }).await;
    let group = group.unwrap().id;
    t.ws.set_group_members(SetGroupMembers { group_id: group, person_ids: vec![c.lena] })
        .await
        .unwrap();
    let hotel = OrganisationDraft::new("Stadshotellet i Umeå AB", OrganisationKind::Company);
    let hotel = t.ws.create_organisation(hotel).await.unwrap().id;
    let venue = VenueDraft {
        address: "Storgatan 1, Umeå".into(),
        organisation_id: Some(hotel),
        lift: Some(true),
        hearing_loop: Some(false),
        ..VenueDraft::new("Stadshotellet")
    };
    let venue = t.ws.create_venue(venue).await.unwrap().id;
    let draft = samlar::meetings::draft::MeetingDraft {
        venue_id: Some(venue),
        mode: Some(MeetingMode::OnSite),
        ..session_draft(c.pairing, "2026-12-02", "Vi gick igenom planen.")
    };
    t.ws.update_meeting(UpdateMeeting { id: c.session, draft }).await.unwrap();
    let answers = SetGroupReflection {
        meeting_id: c.session,
        group_id: group,
        reflection_best: "Samtalen i smågrupp".into(),
        reflection_learn: String::new(),
        reflection_develop: String::new(),
    };
    t.ws.set_group_reflection(answers).await.unwrap();
    let approve = ApproveMeeting {
        meeting_id: c.session,
        approver_ids: vec![c.lena],
        on_date: Some("2026-12-03".into()),
    };
    t.ws.approve_meeting(approve).await.unwrap();
    c
}

async fn count(t: &TestWorkspace, sql: &str) -> i64 {
    sqlx::query_scalar(sqlx::AssertSqlSafe(sql.to_owned())).fetch_one(t.ws.pool()).await.unwrap()
}

async fn approved_here(t: &TestWorkspace, meeting: i64) -> bool {
    approval::is_approved(t.ws.pool(), MeetingId(meeting)).await.unwrap()
}

#[tokio::test]
async fn a_hand_over_carries_roles_groups_venues_and_approvals() {
    let from = TestWorkspace::new().await;
    let to = TestWorkspace::new().await;
    let c = practised_round(&from).await;
    let input = MakePackage { scope: Scope::Partnership { id: c.round }, include_sensitive: false };
    let bytes = from.ws.make_package(input).await.unwrap().bytes;
    to.ws.open_package(&bytes, &[]).await.unwrap();

    let session = local_id(&to, &uuid_of(&from, Kind::Meeting, c.session.0).await).await;
    assert!(approved_here(&to, session).await, "the approval travelled: the record stays locked");
    assert_eq!(
        count(
            &to,
            "SELECT count(*) FROM meeting_approvals a JOIN people p ON p.id = a.person_id \
                    WHERE p.name = 'Lena Exempel' AND a.on_date = '2026-12-03'"
        )
        .await,
        1
    );
    assert_eq!(
        count(
            &to,
            "SELECT count(*) FROM partnership_roles r JOIN people p ON p.id = r.person_id \
                    WHERE r.role = 'steering_group' AND p.name = 'Lena Exempel'"
        )
        .await,
        1
    );
    assert_eq!(
        count(
            &to,
            "SELECT count(*) FROM group_members m JOIN partnership_groups g \
                    ON g.id = m.group_id WHERE g.name = 'Grupp norr'"
        )
        .await,
        1,
        "the group and its member"
    );
    assert_eq!(
        count(
            &to,
            "SELECT count(*) FROM group_reflections WHERE reflection_best = 'Samtalen i smågrupp'"
        )
        .await,
        1
    );
    assert_eq!(
        count(
            &to,
            "SELECT count(*) FROM meetings m JOIN venues v ON v.id = m.venue_id \
                    JOIN organisations o ON o.id = v.organisation_id \
                    WHERE v.name = 'Stadshotellet' AND v.lift = 1 AND v.hearing_loop = 0 \
                      AND o.name = 'Stadshotellet i Umeå AB' AND m.mode = 'on_site'"
        )
        .await,
        1,
        "the venue with its checklist and the organisation that runs it"
    );
    assert_eq!(
        count(
            &to,
            "SELECT count(*) FROM memberships m JOIN organisations o \
                    ON o.id = m.organisation_id WHERE o.name = 'Stadshotellet i Umeå AB'"
        )
        .await,
        0,
        "running the venue does not make the hotel a member"
    );
    let page = to.ws.meeting(ById { id: MeetingId(session) }).await.unwrap();
    assert_eq!(page.meeting.venue_name, "Stadshotellet");

    // The same package again changes nothing.
    let before = crate::exchange::fingerprint(&to).await;
    to.ws.open_package(&bytes, &[]).await.unwrap();
    assert_eq!(crate::exchange::fingerprint(&to).await, before);
}

#[tokio::test]
async fn a_venue_made_on_both_sides_is_joined_by_its_name_and_its_differences_are_chosen() {
    let from = TestWorkspace::new().await;
    let to = TestWorkspace::new().await;
    let c = practised_round(&from).await;
    to.ws.create_organisation(municipality("Umeå kommun", "2480")).await.unwrap();
    to.ws.create_venue(VenueDraft::new("Stadshotellet")).await.unwrap();
    let input = MakePackage { scope: Scope::Partnership { id: c.round }, include_sensitive: false };
    let bytes = from.ws.make_package(input).await.unwrap().bytes;
    let preview = to.ws.preview_package(&bytes).await.unwrap();
    let venue: Vec<_> = preview.conflicts.iter().filter(|c| c.kind == Kind::Venue).collect();
    assert_eq!(venue.len(), 1, "made on both sides: its differing fields are shown");
    let fields: Vec<&str> = venue[0].fields.iter().map(|f| f.field.as_str()).collect();
    assert!(fields.contains(&"address"), "{fields:?}");
    let take: Vec<Choice> = fields
        .iter()
        .map(|f| Choice {
            uuid: venue[0].uuid.clone(),
            field: Some(f.to_string()),
            take: Side::There,
        })
        .collect();
    to.ws.open_package(&bytes, &take).await.unwrap();
    assert_eq!(count(&to, "SELECT count(*) FROM venues").await, 1, "joined, not doubled");
    assert_eq!(
        count(&to, "SELECT count(*) FROM venues WHERE address = 'Storgatan 1, Umeå'").await,
        1,
        "the register entry took the chosen details"
    );
}

#[tokio::test]
async fn a_mentor_package_carries_the_sessions_venue_and_approval_but_not_roles_or_members() {
    let coordinator = TestWorkspace::new().await;
    let mentor = TestWorkspace::new().await;
    let c = practised_round(&coordinator).await;
    let bytes = pairing_package(&coordinator, c.pairing.0).await;
    mentor.ws.open_package(&bytes, &[]).await.unwrap();

    let session = local_id(&mentor, &uuid_of(&coordinator, Kind::Meeting, c.session.0).await).await;
    assert!(approved_here(&mentor, session).await);
    assert_eq!(count(&mentor, "SELECT count(*) FROM venues WHERE name = 'Stadshotellet'").await, 1);
    assert_eq!(count(&mentor, "SELECT count(*) FROM partnership_roles").await, 0, "no roles");
    assert_eq!(
        count(&mentor, "SELECT count(*) FROM partnership_groups WHERE name = 'Grupp norr'").await,
        1,
        "the group the session's answers name"
    );
    assert_eq!(count(&mentor, "SELECT count(*) FROM group_members").await, 0, "not who is in it");
    assert_eq!(count(&mentor, "SELECT count(*) FROM group_reflections").await, 1);
}
