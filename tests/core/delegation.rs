//! Delegations by organisational level (issue #17, point 3): attendance by
//! level per meeting and in total, the levels a partnership expects (its
//! kind's default, or set), and each participating organisation's delegation
//! with the expected levels it lacks — against a fixture counted by hand, for
//! everything and for periods (a meeting on the boundary day counts), and in
//! the partnership report's PDF.

use crate::common::{TestWorkspace, draft, municipality};
use samlar::documents::pdf::{PdfDocument, PdfRequest};
use samlar::kernel::values::{
    ById, MeetingId, MeetingKind, OrganisationId, OrganisationKind, OrganisationLevel,
    PartnershipId, PersonId, Role,
};
use samlar::meetings::attendance::{AttendanceEntry, AttendanceStatus, SetAttendance};
use samlar::meetings::delegation::{
    DelegationScope, Delegations, LevelCounts, LevelScope, SetExpectedLevels,
};
use samlar::meetings::draft::MeetingDraft;
use samlar::meetings::meeting::CreateMeeting;
use samlar::registry::membership::MembershipDraft;
use samlar::registry::organisation::OrganisationDraft;
use samlar::registry::partnership::{PartnershipDraft, PartnershipKind};
use samlar::registry::person::PersonDraft;
use samlar::registry::roles::{PersonRole, RoleDraft};
use samlar::{ErrorCode, Workspace};
use std::process::Command;

use OrganisationLevel::{Operational, Politician, SeniorManager, Strategist};

struct Fixture {
    t: TestWorkspace,
    partnership: PartnershipId,
    meetings: [MeetingId; 3],
}

async fn organisation(ws: &Workspace, d: OrganisationDraft) -> OrganisationId {
    ws.create_organisation(d).await.unwrap().id
}

async fn person(
    ws: &Workspace,
    name: &str,
    organisation: Option<OrganisationId>,
    level: Option<OrganisationLevel>,
) -> PersonId {
    let d = PersonDraft { level, ..PersonDraft::new(name, organisation) };
    ws.create_person(d).await.unwrap().summary.id
}

async fn member(ws: &Workspace, p: PartnershipId, o: OrganisationId, role: Role) {
    ws.add_membership(MembershipDraft::new(p, o, role)).await.unwrap();
}

/// A model-municipality round (hand-counted in the tests below):
///
/// | organisation          | role(s)                    | people (level)                       |
/// | Umeå kommun           | participant                | U-pol, U-chef, U-strat, U-op, U-none |
/// | Vännäs kommun         | participant                | V-pol, V-none; V-chef only in the steering group 2026-12-01 – 2027-02-28; V-strat invited, absent |
/// | Malmö stad            | mentor                     | M-strat                              |
/// | Region Västerbotten   | project owner, participant | R-pol, R-chef, R-strat               |
/// | SKR                   | cooperation partner        | S-op                                 |
/// | (none)                |                            | X-strat                              |
///
/// 2027-01-10 startup: U-pol U-chef U-none V-pol R-pol R-chef R-strat S-op
/// X-strat, and 2 unregistered women; V-strat invited.
/// 2027-03-15 learning 1: U-pol U-strat U-op V-none M-strat.
/// 2027-06-01 learning 2: U-pol; V-strat absent.
async fn fixture() -> Fixture {
    let t = TestWorkspace::new().await;
    let ws = &t.ws;
    let p = ws.create_partnership(draft("Modellkommun 2027")).await.unwrap().id;
    let ume = organisation(ws, municipality("Umeå kommun", "2480")).await;
    let vannas = organisation(ws, municipality("Vännäs kommun", "2460")).await;
    let malmo = organisation(ws, municipality("Malmö stad", "1280")).await;
    let region =
        organisation(ws, OrganisationDraft::new("Region Västerbotten", OrganisationKind::Region))
            .await;
    let skr = organisation(ws, OrganisationDraft::new("SKR", OrganisationKind::Association)).await;
    member(ws, p, ume, Role::Participant).await;
    member(ws, p, vannas, Role::Participant).await;
    member(ws, p, malmo, Role::Mentor).await;
    member(ws, p, region, Role::ProjectOwner).await;
    member(ws, p, region, Role::Participant).await;
    member(ws, p, skr, Role::CooperationPartner).await;

    let u_pol = person(ws, "U-pol", Some(ume), Some(Politician)).await;
    let u_chef = person(ws, "U-chef", Some(ume), Some(SeniorManager)).await;
    let u_strat = person(ws, "U-strat", Some(ume), Some(Strategist)).await;
    let u_op = person(ws, "U-op", Some(ume), Some(Operational)).await;
    let u_none = person(ws, "U-none", Some(ume), None).await;
    let v_pol = person(ws, "V-pol", Some(vannas), Some(Politician)).await;
    let v_none = person(ws, "V-none", Some(vannas), None).await;
    let v_chef = person(ws, "V-chef", Some(vannas), Some(SeniorManager)).await;
    let v_strat = person(ws, "V-strat", Some(vannas), Some(Strategist)).await;
    let m_strat = person(ws, "M-strat", Some(malmo), Some(Strategist)).await;
    let r_pol = person(ws, "R-pol", Some(region), Some(Politician)).await;
    let r_chef = person(ws, "R-chef", Some(region), Some(SeniorManager)).await;
    let r_strat = person(ws, "R-strat", Some(region), Some(Strategist)).await;
    let s_op = person(ws, "S-op", Some(skr), Some(Operational)).await;
    let x_strat = person(ws, "X-strat", None, Some(Strategist)).await;

    ws.add_role(RoleDraft {
        partnership_id: p,
        person_id: v_chef,
        role: PersonRole::SteeringGroup,
        start_date: Some("2026-12-01".into()),
        end_date: Some("2027-02-28".into()),
    })
    .await
    .unwrap();

    let meeting = |kind, on: &str, women| {
        let mut d = MeetingDraft::new(kind, on);
        d.extra_women = women;
        CreateMeeting { partnership_id: p, draft: d }
    };
    let m1 = ws.create_meeting(meeting(MeetingKind::Startup, "2027-01-10", 2)).await.unwrap().id;
    let m2 = ws.create_meeting(meeting(MeetingKind::Learning, "2027-03-15", 0)).await.unwrap().id;
    let m3 = ws.create_meeting(meeting(MeetingKind::Learning, "2027-06-01", 0)).await.unwrap().id;
    let attended = |ids: &[PersonId]| {
        ids.iter()
            .map(|&person_id| AttendanceEntry { person_id, status: AttendanceStatus::Attended })
            .collect::<Vec<_>>()
    };
    let mut e1 = attended(&[u_pol, u_chef, u_none, v_pol, r_pol, r_chef, r_strat, s_op, x_strat]);
    e1.push(AttendanceEntry { person_id: v_strat, status: AttendanceStatus::Invited });
    let e2 = attended(&[u_pol, u_strat, u_op, v_none, m_strat]);
    let mut e3 = attended(&[u_pol]);
    e3.push(AttendanceEntry { person_id: v_strat, status: AttendanceStatus::Absent });
    for (meeting_id, entries) in [(m1, e1), (m2, e2), (m3, e3)] {
        ws.set_attendance(SetAttendance { meeting_id, entries }).await.unwrap();
    }
    Fixture { t, partnership: p, meetings: [m1, m2, m3] }
}

fn counts(
    politician: i64,
    senior_manager: i64,
    strategist: i64,
    operational: i64,
    not_stated: i64,
) -> LevelCounts {
    LevelCounts {
        politician,
        senior_manager,
        strategist,
        operational,
        not_stated,
        total: politician + senior_manager + strategist + operational + not_stated,
    }
}

fn period(from: Option<&str>, to: Option<&str>) -> (Option<String>, Option<String>) {
    (from.map(str::to_owned), to.map(str::to_owned))
}

async fn delegations(f: &Fixture, from: Option<&str>, to: Option<&str>) -> Delegations {
    let (from, to) = period(from, to);
    f.t.ws.delegations(DelegationScope { partnership_id: f.partnership, from, to }).await.unwrap()
}

/// (organisation, counts, missing) of each row.
fn rows(d: &Delegations) -> Vec<(&str, LevelCounts, Vec<OrganisationLevel>)> {
    d.organisations
        .iter()
        .map(|o| (o.organisation_name.as_str(), o.counts, o.missing.clone()))
        .collect()
}

#[tokio::test]
async fn attendance_by_level_per_meeting_and_in_total() {
    let f = fixture().await;
    let scope =
        LevelScope { partnership_id: f.partnership, meeting_id: None, from: None, to: None };
    let all = f.t.ws.attendance_by_level(scope.clone()).await.unwrap();
    let got: Vec<_> = all.meetings.iter().map(|m| (m.meeting_id, m.attended)).collect();
    assert_eq!(
        got,
        vec![
            // 3 politicians, 2 senior managers, R-strat and X-strat (no
            // organisation), S-op; U-none and the 2 unregistered not stated
            (f.meetings[0], counts(3, 2, 2, 1, 3)),
            (f.meetings[1], counts(1, 0, 2, 1, 1)),
            (f.meetings[2], counts(1, 0, 0, 0, 0)),
        ]
    );
    assert_eq!(all.total, counts(5, 2, 4, 2, 4));
    // each meeting's total is the attendance statistics' total
    let stats =
        f.t.ws
            .statistics(samlar::meetings::statistics::StatisticsScope::partnership(f.partnership))
            .await
            .unwrap();
    assert_eq!(stats.total.total, all.total.total);

    let one = LevelScope { meeting_id: Some(f.meetings[1]), ..scope.clone() };
    let one = f.t.ws.attendance_by_level(one).await.unwrap();
    assert_eq!(one.meetings.len(), 1);
    assert_eq!(one.total, counts(1, 0, 2, 1, 1));

    // the period's ends are inclusive: the startup on its first day counts
    let (from, to) = period(Some("2027-01-10"), Some("2027-03-14"));
    let first = LevelScope { from, to, ..scope.clone() };
    let first = f.t.ws.attendance_by_level(first).await.unwrap();
    assert_eq!(first.meetings.len(), 1);
    assert_eq!(first.total, counts(3, 2, 2, 1, 3));
    let (from, to) = period(Some("2027-03-15"), None);
    let later = f.t.ws.attendance_by_level(LevelScope { from, to, ..scope.clone() }).await.unwrap();
    assert_eq!(later.total, counts(2, 0, 2, 1, 1));

    let (from, to) = period(Some("2027-06-01"), Some("2027-01-01"));
    let err = f.t.ws.attendance_by_level(LevelScope { from, to, ..scope }).await.unwrap_err();
    assert_eq!((err.code, err.field.as_deref()), (ErrorCode::EndBeforeStart, Some("to")));
    let missing =
        LevelScope { partnership_id: PartnershipId(9999), meeting_id: None, from: None, to: None };
    let err = f.t.ws.attendance_by_level(missing).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::NotFound);
}

#[tokio::test]
async fn each_participating_organisation_is_flagged_for_the_levels_its_delegation_lacks() {
    let f = fixture().await;
    let d = delegations(&f, None, None).await;
    assert_eq!(d.expected.levels, vec![Politician, SeniorManager, Strategist]);
    assert!(d.expected.is_default);
    assert_eq!(
        rows(&d),
        vec![
            // the mentor is a participating organisation in a model-municipality round
            ("Malmö stad", counts(0, 0, 1, 0, 0), vec![Politician, SeniorManager]),
            ("Region Västerbotten", counts(1, 1, 1, 0, 0), vec![]),
            ("Umeå kommun", counts(1, 1, 1, 1, 1), vec![]),
            // V-chef sits in the steering group: Vännäs lacks only a strategist
            // (V-strat was invited and absent, never attended)
            ("Vännäs kommun", counts(1, 1, 0, 0, 1), vec![Strategist]),
        ],
        "SKR (cooperation partner) and X-strat (no organisation) are not in it"
    );
    assert_eq!(d.lacking, 2);
    let region = &d.organisations[1];
    assert_eq!(region.roles, vec![Role::Participant, Role::ProjectOwner]);
    let ume = &d.organisations[2];
    let people: Vec<_> =
        ume.people.iter().map(|p| (p.name.as_str(), p.meetings_attended, p.holds_role)).collect();
    assert_eq!(
        people,
        vec![
            ("U-chef", 1, false),
            ("U-none", 1, false),
            ("U-op", 1, false),
            ("U-pol", 3, false),
            ("U-strat", 1, false)
        ]
    );
    let vannas = &d.organisations[3];
    let v_chef = vannas.people.iter().find(|p| p.name == "V-chef").unwrap();
    assert_eq!(
        (v_chef.meetings_attended, v_chef.holds_role, v_chef.level),
        (0, true, Some(SeniorManager))
    );

    // From March: the startup and V-chef's role (ended in February) are outside.
    let d = delegations(&f, Some("2027-03-01"), Some("2027-12-31")).await;
    assert_eq!(
        rows(&d),
        vec![
            ("Malmö stad", counts(0, 0, 1, 0, 0), vec![Politician, SeniorManager]),
            (
                "Region Västerbotten",
                counts(0, 0, 0, 0, 0),
                vec![Politician, SeniorManager, Strategist]
            ),
            ("Umeå kommun", counts(1, 0, 1, 1, 0), vec![SeniorManager]),
            ("Vännäs kommun", counts(0, 0, 0, 0, 1), vec![Politician, SeniorManager, Strategist]),
        ]
    );
    assert_eq!(d.lacking, 4);

    // The startup's day alone: the role (2026-12-01 – 2027-02-28) meets it.
    let d = delegations(&f, Some("2027-01-10"), Some("2027-01-10")).await;
    assert_eq!(rows(&d)[3], ("Vännäs kommun", counts(1, 1, 0, 0, 0), vec![Strategist]));
    assert_eq!(
        rows(&d)[0],
        ("Malmö stad", counts(0, 0, 0, 0, 0), vec![Politician, SeniorManager, Strategist])
    );
}

#[tokio::test]
async fn the_expected_levels_are_set_stored_in_order_and_travel() {
    let f = fixture().await;
    let ws = &f.t.ws;
    let id = f.partnership;
    let version = || async {
        let sql = "SELECT version FROM records WHERE kind = 'partnership' AND local_id = ?";
        sqlx::query_scalar::<_, String>(sql).bind(id).fetch_one(ws.pool()).await.unwrap()
    };
    let before = version().await;

    // none expected: no organisation is flagged
    let set =
        ws.set_expected_levels(SetExpectedLevels { partnership_id: id, levels: vec![] }).await;
    let set = set.unwrap();
    assert_eq!((set.levels.clone(), set.is_default), (vec![], false));
    assert_eq!(ws.expected_levels(ById { id }).await.unwrap(), set);
    let d = delegations(&f, None, None).await;
    assert_eq!(d.lacking, 0);
    assert!(d.organisations.iter().all(|o| o.missing.is_empty()));
    assert_ne!(version().await, before, "the partnership's record changed: the levels travel");

    // in the order of the levels, each once
    let levels = vec![Operational, Politician, Politician];
    let set =
        ws.set_expected_levels(SetExpectedLevels { partnership_id: id, levels }).await.unwrap();
    assert_eq!(set.levels, vec![Politician, Operational]);
    let stored: Option<String> =
        sqlx::query_scalar("SELECT expected_levels FROM partnerships WHERE id = ?")
            .bind(id)
            .fetch_one(ws.pool())
            .await
            .unwrap();
    assert_eq!(stored.as_deref(), Some(r#"["politician","operational"]"#));
    let d = delegations(&f, None, None).await;
    let missing: Vec<_> = d.organisations.iter().map(|o| o.missing.clone()).collect();
    assert_eq!(
        missing,
        vec![vec![Politician, Operational], vec![Operational], vec![], vec![Operational]]
    );
    assert_eq!(d.lacking, 3);

    // refused: more entries than there are levels, an unknown partnership
    let five = vec![Politician, SeniorManager, Strategist, Operational, Politician];
    let err = ws.set_expected_levels(SetExpectedLevels { partnership_id: id, levels: five }).await;
    let err = err.unwrap_err();
    assert_eq!((err.code, err.field.as_deref()), (ErrorCode::TooMany, Some("levels")));
    let unknown = SetExpectedLevels { partnership_id: PartnershipId(9999), levels: vec![] };
    assert_eq!(ws.set_expected_levels(unknown).await.unwrap_err().code, ErrorCode::NotFound);
    assert_eq!(
        ws.expected_levels(ById { id: PartnershipId(9999) }).await.unwrap_err().code,
        ErrorCode::NotFound
    );
    assert_eq!(
        ws.expected_levels(ById { id }).await.unwrap().levels,
        vec![Politician, Operational]
    );

    // a list from elsewhere with a level this version does not know
    sqlx::query(
        "UPDATE partnerships SET expected_levels = '[\"mayor\", \"strategist\"]' WHERE id = ?",
    )
    .bind(id)
    .execute(ws.pool())
    .await
    .unwrap();
    assert_eq!(ws.expected_levels(ById { id }).await.unwrap().levels, vec![Strategist]);
}

#[tokio::test]
async fn other_kinds_expect_no_level_and_leave_mentors_out() {
    let t = TestWorkspace::new().await;
    let ws = &t.ws;
    let d = PartnershipDraft::new("Benchlearning Norr", PartnershipKind::Benchlearning);
    let p = ws.create_partnership(d).await.unwrap().id;
    let ume = organisation(ws, municipality("Umeå kommun", "2480")).await;
    let lulea = organisation(ws, municipality("Luleå kommun", "2580")).await;
    member(ws, p, ume, Role::Participant).await;
    member(ws, p, lulea, Role::Mentor).await;
    let expected = ws.expected_levels(ById { id: p }).await.unwrap();
    assert_eq!((expected.levels, expected.is_default), (vec![], true));
    let d = ws.delegations(DelegationScope { partnership_id: p, from: None, to: None }).await;
    let d = d.unwrap();
    let names: Vec<_> = d.organisations.iter().map(|o| o.organisation_name.as_str()).collect();
    assert_eq!(names, vec!["Umeå kommun"]);
    assert_eq!((d.lacking, d.organisations[0].counts.total), (0, 0));
    // the kind's default may also be stored, and then reads as set
    let set = SetExpectedLevels { partnership_id: p, levels: vec![Politician] };
    ws.set_expected_levels(set).await.unwrap();
    let d = ws.delegations(DelegationScope { partnership_id: p, from: None, to: None }).await;
    assert_eq!(d.unwrap().lacking, 1);
}

#[tokio::test]
async fn the_report_prints_attendance_by_level_and_flags_the_organisations_lacking_a_level() {
    let f = fixture().await;
    let document =
        PdfDocument::PartnershipReport { partnership_id: f.partnership, from: None, to: None };
    let file = f.t.ws.pdf(PdfRequest { document, archival: false, open: false }).await.unwrap();
    let path = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("delegation-report.pdf");
    std::fs::write(&path, &file.bytes).unwrap();
    let out =
        Command::new("pdftotext").args(["-enc", "UTF-8", "-layout"]).arg(&path).arg("-").output();
    let out = out.expect("pdftotext is needed for the PDF tests (scripts/setup --test)");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    let check = Command::new("qpdf").arg("--check").arg(&path).output().expect("qpdf");
    assert!(check.status.success(), "{}", String::from_utf8_lossy(&check.stdout));

    let at = |needle: &str| text.find(needle).unwrap_or_else(|| panic!("{needle:?} in\n{text}"));
    let by_level = at("Närvaro per organisatorisk nivå");
    let delegations = at("Delegationer");
    assert!(by_level < delegations);
    at("Förväntade nivåer: Politiker, Högre chef, Strateg eller nyckelperson");
    at("2 organisationer saknar en förväntad nivå");
    // the flag is a line of text per organisation lacking a level
    let line = |name: &str| {
        text.lines()
            .skip_while(|l| !l.contains("Delegationer"))
            .find(|l| l.contains(name))
            .map(str::to_owned)
    };
    let vannas = line("Vännäs kommun").expect("Vännäs in the delegations");
    assert!(vannas.contains("Saknar"), "{vannas}");
    let ume = line("Umeå kommun").expect("Umeå in the delegations");
    assert!(!ume.contains("Saknar"), "{ume}");
    // the total row of attendance by level, and an organisation's people by level
    let words = |l: &str| l.split_whitespace().collect::<Vec<_>>().join(" ");
    let lines: Vec<String> = text.lines().map(words).collect();
    assert!(
        lines.iter().any(|l| l.starts_with("Totalt Politiker 5, Högre chef 2, Strateg eller")
            && l.ends_with(" 17")),
        "{text}"
    );
    assert!(
        lines.iter().any(|l| l
            .starts_with("Vännäs kommun Politiker 1, Högre chef 1, Ej angiven 1 Saknar: Strateg")),
        "{text}"
    );
}
