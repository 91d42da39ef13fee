//! Groups inside a partnership: created, renamed and deleted, their members,
//! their reflection answers at a meeting (on the meeting page, in search and
//! in the summary PDF), refused input, and a person's roles and memberships
//! in their export and gone after erasure.

use crate::common::{TestWorkspace, draft, municipality};
use crate::roles::assert_in_order;
use samlar::ErrorCode;
use samlar::documents::pdf::{PdfDocument, PdfRequest};
use samlar::kernel::values::{ById, GroupId, MeetingId, MeetingKind, PartnershipId, PersonId};
use samlar::meetings::approval::{ApproveMeeting, UnlockMeeting};
use samlar::meetings::draft::MeetingDraft;
use samlar::meetings::group_reflection::SetGroupReflection;
use samlar::meetings::meeting::{CreateMeeting, UpdateMeeting};
use samlar::registry::groups::{CreateGroup, GroupDraft, GroupKind, SetGroupMembers, UpdateGroup};
use samlar::registry::person::PersonDraft;
use samlar::registry::roles::{PersonRole, RoleDraft};
use samlar::search::{SearchQuery, SearchSource};
use std::process::Command;

struct Setup {
    t: TestWorkspace,
    partnership: PartnershipId,
    meeting: MeetingId,
    anna: PersonId,
    bo: PersonId,
}

async fn setup() -> Setup {
    let t = TestWorkspace::new().await;
    let partnership = t.ws.create_partnership(draft("CLN")).await.unwrap().id;
    let ume = t.ws.create_organisation(municipality("Umeå kommun", "2480")).await.unwrap().id;
    let anna = t.ws.create_person(PersonDraft::new("Anna Berg", Some(ume))).await.unwrap();
    let bo = t.ws.create_person(PersonDraft::new("Bo Ek", None)).await.unwrap();
    let d = MeetingDraft::new(MeetingKind::Workshop, "2027-04-20");
    let meeting = t.ws.create_meeting(CreateMeeting { partnership_id: partnership, draft: d });
    let meeting = meeting.await.unwrap().id;
    Setup { t, partnership, meeting, anna: anna.summary.id, bo: bo.summary.id }
}

fn group(kind: GroupKind, name: &str, purpose: &str) -> GroupDraft {
    GroupDraft { kind, name: name.into(), purpose: purpose.into() }
}

async fn create(s: &Setup, draft: GroupDraft) -> GroupId {
    let input = CreateGroup { partnership_id: s.partnership, draft };
    s.t.ws.create_group(input).await.unwrap().id
}

fn answers(s: &Setup, group_id: GroupId, best: &str, learn: &str) -> SetGroupReflection {
    SetGroupReflection {
        meeting_id: s.meeting,
        group_id,
        reflection_best: best.into(),
        reflection_learn: learn.into(),
        reflection_develop: String::new(),
    }
}

#[tokio::test]
async fn groups_with_members_are_on_the_partnership_page() {
    let s = setup().await;
    let ws = &s.t.ws;
    let north = create(&s, group(GroupKind::Subgroup, " Norra klustret ", " Skellefteå ")).await;
    let small = create(&s, group(GroupKind::ReflectionGroup, "Grupp A", "")).await;
    let members = SetGroupMembers { group_id: north, person_ids: vec![s.bo, s.anna, s.bo] };
    let saved = ws.set_group_members(members).await.unwrap();
    let names: Vec<&str> = saved.members.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(names, ["Anna Berg", "Bo Ek"], "by name, each once; anyone in the register");
    assert_eq!(saved.members[0].organisation_name.as_deref(), Some("Umeå kommun"));

    let renamed =
        UpdateGroup { id: small, draft: group(GroupKind::ReflectionGroup, "Grupp B", "") };
    ws.update_group(renamed).await.unwrap();

    let page = ws.partnership(ById { id: s.partnership }).await.unwrap();
    let groups: Vec<(&str, &str, usize)> = page
        .groups
        .iter()
        .map(|g| (g.name.as_str(), g.purpose.as_str(), g.members.len()))
        .collect();
    assert_eq!(groups, [("Norra klustret", "Skellefteå", 2), ("Grupp B", "", 0)]);

    let members = SetGroupMembers { group_id: north, person_ids: vec![s.anna] };
    ws.set_group_members(members).await.unwrap();
    ws.delete_group(ById { id: small }).await.unwrap();
    let page = ws.partnership(ById { id: s.partnership }).await.unwrap();
    assert_eq!(page.groups.len(), 1);
    assert_eq!(page.groups[0].members.len(), 1);
    let err = ws.delete_group(ById { id: small }).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::NotFound);
}

#[tokio::test]
async fn refused_groups_name_their_field() {
    let s = setup().await;
    let ws = &s.t.ws;
    let north = create(&s, group(GroupKind::Subgroup, "Norr", "")).await;
    let refused = |draft: GroupDraft| async {
        ws.create_group(CreateGroup { partnership_id: s.partnership, draft }).await.unwrap_err()
    };
    let err = refused(group(GroupKind::Subgroup, "  ", "")).await;
    assert_eq!((err.code, err.field.as_deref()), (ErrorCode::NameRequired, Some("name")));
    let err = refused(group(GroupKind::Subgroup, &"x".repeat(201), "")).await;
    assert_eq!((err.code, err.field.as_deref()), (ErrorCode::NameTooLong, Some("name")));
    let err = refused(group(GroupKind::Subgroup, "Norr", "")).await;
    assert_eq!((err.code, err.field.as_deref()), (ErrorCode::NameTaken, Some("name")));
    let err = refused(group(GroupKind::Subgroup, "Syd", &"x".repeat(10_001))).await;
    assert_eq!((err.code, err.field.as_deref()), (ErrorCode::TextTooLong, Some("purpose")));
    let other = CreateGroup {
        partnership_id: PartnershipId(9999),
        draft: group(GroupKind::Subgroup, "Syd", ""),
    };
    assert_eq!(ws.create_group(other).await.unwrap_err().code, ErrorCode::NotFound);

    // Another group's name, renaming; the same group keeps its own.
    let south = create(&s, group(GroupKind::Subgroup, "Syd", "")).await;
    let rename = |id, name: &str| UpdateGroup { id, draft: group(GroupKind::Subgroup, name, "") };
    let err = ws.update_group(rename(south, "Norr")).await.unwrap_err();
    assert_eq!((err.code, err.field.as_deref()), (ErrorCode::NameTaken, Some("name")));
    ws.update_group(rename(north, "Norr")).await.unwrap();

    let members = SetGroupMembers { group_id: north, person_ids: vec![s.anna, PersonId(9999)] };
    let err = ws.set_group_members(members).await.unwrap_err();
    assert_eq!((err.code, err.field.as_deref()), (ErrorCode::UnknownPerson, Some("personIds.1")));
    let page = ws.partnership(ById { id: s.partnership }).await.unwrap();
    assert!(page.groups.iter().all(|g| g.members.is_empty()), "nothing saved of a refused list");
    let many = vec![s.anna; samlar::kernel::limits::MAX_GROUP_MEMBERS + 1];
    let err = ws.set_group_members(SetGroupMembers { group_id: north, person_ids: many }).await;
    let err = err.unwrap_err();
    assert_eq!((err.code, err.field.as_deref()), (ErrorCode::TooMany, Some("personIds")));

    // A partnership's limit of groups.
    for i in 2..samlar::kernel::limits::MAX_GROUPS_PER_PARTNERSHIP {
        create(&s, group(GroupKind::ReflectionGroup, &format!("Grupp {i}"), "")).await;
    }
    let err = refused(group(GroupKind::Subgroup, "En för många", "")).await;
    assert_eq!((err.code, err.field.as_deref()), (ErrorCode::TooMany, Some("partnershipId")));
}

#[tokio::test]
async fn each_group_answers_the_reflection_on_the_meeting_page_and_in_search() {
    let s = setup().await;
    let ws = &s.t.ws;
    let none = ws.meeting(ById { id: s.meeting }).await.unwrap();
    assert!(none.group_reflections.is_empty(), "a partnership without groups has none");

    let a = create(&s, group(GroupKind::ReflectionGroup, "Grupp A", "")).await;
    let b = create(&s, group(GroupKind::ReflectionGroup, "Grupp B", "")).await;
    let saved = ws.set_group_reflection(answers(&s, a, "Lyssnar på varandra", "")).await.unwrap();
    assert_eq!(
        (saved.group_name.as_str(), saved.reflection_best.as_str()),
        ("Grupp A", "Lyssnar på varandra")
    );
    ws.set_group_reflection(answers(&s, b, "", "Förberedelser i tid")).await.unwrap();

    let page = ws.meeting(ById { id: s.meeting }).await.unwrap();
    let got: Vec<(&str, &str, &str)> = page
        .group_reflections
        .iter()
        .map(|g| (g.group_name.as_str(), g.reflection_best.as_str(), g.reflection_learn.as_str()))
        .collect();
    assert_eq!(
        got,
        [("Grupp A", "Lyssnar på varandra", ""), ("Grupp B", "", "Förberedelser i tid")]
    );

    let find = |text: &str| {
        ws.search(SearchQuery { text: text.into(), partnership_id: Some(s.partnership) })
    };
    let hits = find("förberedelser").await.unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!((hits[0].meeting_id, hits[0].source), (s.meeting, SearchSource::Reflection));
    crate::derived::check_search_index(ws, "group reflections saved").await;

    // Changed, then emptied: the old words are not found any more.
    ws.set_group_reflection(answers(&s, b, "", "Tidiga utskick")).await.unwrap();
    assert!(find("förberedelser").await.unwrap().is_empty());
    assert_eq!(find("utskick").await.unwrap().len(), 1);
    ws.set_group_reflection(answers(&s, b, " ", "")).await.unwrap();
    assert!(find("utskick").await.unwrap().is_empty());
    let rows: i64 = sqlx::query_scalar("SELECT count(*) FROM group_reflections")
        .fetch_one(ws.pool())
        .await
        .unwrap();
    assert_eq!(rows, 1, "empty answers keep no row");
    crate::derived::check_search_index(ws, "group reflections emptied").await;

    // A group with answers stays until they are cleared.
    let err = ws.delete_group(ById { id: a }).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::InUse);
    ws.set_group_reflection(answers(&s, a, "", "")).await.unwrap();
    ws.delete_group(ById { id: a }).await.unwrap();
}

#[tokio::test]
async fn refused_group_reflections_name_their_field() {
    let s = setup().await;
    let ws = &s.t.ws;
    let a = create(&s, group(GroupKind::ReflectionGroup, "Grupp A", "")).await;
    let elsewhere = ws.create_partnership(draft("Dropin")).await.unwrap().id;
    let input =
        CreateGroup { partnership_id: elsewhere, draft: group(GroupKind::Subgroup, "X", "") };
    let foreign = ws.create_group(input).await.unwrap().id;

    let err = ws.set_group_reflection(answers(&s, foreign, "x", "")).await.unwrap_err();
    assert_eq!((err.code, err.field.as_deref()), (ErrorCode::UnknownGroup, Some("groupId")));
    let err = ws.set_group_reflection(answers(&s, GroupId(9999), "x", "")).await.unwrap_err();
    assert_eq!((err.code, err.field.as_deref()), (ErrorCode::UnknownGroup, Some("groupId")));
    let mut long = answers(&s, a, "", "");
    long.reflection_develop = "x".repeat(10_001);
    let err = ws.set_group_reflection(long).await.unwrap_err();
    assert_eq!(
        (err.code, err.field.as_deref()),
        (ErrorCode::TextTooLong, Some("reflectionDevelop"))
    );
    let mut gone = answers(&s, a, "x", "");
    gone.meeting_id = MeetingId(9999);
    assert_eq!(ws.set_group_reflection(gone).await.unwrap_err().code, ErrorCode::NotFound);

    // Approved minutes are locked, for the groups' answers too.
    let approve =
        ApproveMeeting { meeting_id: s.meeting, approver_ids: vec![s.anna], on_date: None };
    ws.approve_meeting(approve).await.unwrap();
    let err = ws.set_group_reflection(answers(&s, a, "x", "")).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::Locked);
    let unlock =
        UnlockMeeting { meeting_id: s.meeting, person_id: None, reason: "Rättelse".into() };
    ws.unlock_meeting(unlock).await.unwrap();
    ws.set_group_reflection(answers(&s, a, "x", "")).await.unwrap();
}

#[tokio::test]
async fn the_summary_shows_the_groups_answers_after_the_meetings_own() {
    let s = setup().await;
    let ws = &s.t.ws;
    let a = create(&s, group(GroupKind::ReflectionGroup, "Grupp A", "")).await;
    create(&s, group(GroupKind::ReflectionGroup, "Grupp Tyst", "")).await;
    ws.set_group_reflection(answers(&s, a, "Vi lyssnar", "Att fråga mer")).await.unwrap();
    let mut own = MeetingDraft::new(MeetingKind::Workshop, "2027-04-20");
    own.reflection_best = "Hela mötet svarar".into();
    ws.update_meeting(UpdateMeeting { id: s.meeting, draft: own }).await.unwrap();
    let document = PdfDocument::SessionSummary { meeting_id: s.meeting };
    let file = ws.pdf(PdfRequest { document, archival: false, open: false }).await.unwrap();
    let path = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("pdf-group-reflections.pdf");
    std::fs::write(&path, &file.bytes).unwrap();
    let out = Command::new("pdftotext")
        .args(["-enc", "UTF-8", path.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext is needed for the PDF tests (scripts/setup --test)");
    let text: String = String::from_utf8(out.stdout).unwrap();
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert_in_order(
        &text,
        &[
            "Hela mötet svarar",
            "Gruppernas reflektion",
            "Grupp A (reflektionsgrupp)",
            "Vi lyssnar",
            "Att fråga mer",
        ],
    );
    assert!(!text.contains("Grupp Tyst"), "a group without answers is left out: {text}");
}

#[tokio::test]
async fn the_export_holds_roles_and_memberships_and_erasure_removes_them() {
    let s = setup().await;
    let ws = &s.t.ws;
    let role = RoleDraft {
        partnership_id: s.partnership,
        person_id: s.anna,
        role: PersonRole::ProjectGroup,
        start_date: Some("2027-01-01".into()),
        end_date: None,
    };
    ws.add_role(role).await.unwrap();
    let a = create(&s, group(GroupKind::Subgroup, "Norr", "")).await;
    ws.set_group_members(SetGroupMembers { group_id: a, person_ids: vec![s.anna, s.bo] })
        .await
        .unwrap();

    let export = ws.person_export(ById { id: s.anna }).await.unwrap();
    assert_eq!(export.roles.len(), 1);
    assert_eq!(export.roles[0].role, PersonRole::ProjectGroup);
    let groups: Vec<(&str, &str)> = export
        .groups
        .iter()
        .map(|g| (g.group_name.as_str(), g.partnership_name.as_str()))
        .collect();
    assert_eq!(groups, [("Norr", "CLN")]);
    let file = ws.person_export_file(ById { id: s.anna }).await.unwrap();
    let json: serde_json::Value = serde_json::from_slice(&file.bytes).unwrap();
    assert_eq!(json["roles"][0]["role"], "project_group");
    assert_eq!(json["groups"][0]["groupName"], "Norr");

    let preview = ws.person_erasure_preview(ById { id: s.anna }).await.unwrap();
    assert_eq!((preview.roles, preview.group_memberships), (1, 1));
    ws.delete_person(ById { id: s.anna }).await.unwrap();
    let page = ws.partnership(ById { id: s.partnership }).await.unwrap();
    assert!(page.roles.iter().all(|r| r.holders.is_empty()));
    let members: Vec<&str> = page.groups[0].members.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(members, ["Bo Ek"]);
    let left: (i64, i64) = sqlx::query_as(
        "SELECT (SELECT count(*) FROM partnership_roles WHERE person_id = ?1), \
                (SELECT count(*) FROM group_members WHERE person_id = ?1)",
    )
    .bind(s.anna)
    .fetch_one(ws.pool())
    .await
    .unwrap();
    assert_eq!(left, (0, 0));
}
