//! The register of venues and how a meeting is held: the register's writes
//! and rules, choosing a venue on a meeting (its details are copied), what
//! editing a venue does to the meetings that chose it, a host or venue
//! organisation that is no member and stays none, and the mode of a meeting
//! with its link. The session summary PDF, parsed back with `pdftotext`,
//! says the mode, the venue and its checklist.

use crate::common::{TestWorkspace, draft, municipality};
use samlar::documents::pdf::{PdfDocument, PdfRequest};
use samlar::kernel::values::{
    ById, MeetingId, MeetingKind, MeetingMode, OrganisationId, OrganisationKind, PartnershipId,
    VenueId,
};
use samlar::meetings::draft::MeetingDraft;
use samlar::meetings::meeting::{CreateMeeting, Meeting, UpdateMeeting};
use samlar::registry::organisation::OrganisationDraft;
use samlar::registry::venue::{SetVenueArchived, UpdateVenue, VenueDraft, VenueQuery};
use samlar::{ErrorCode, Workspace};
use std::path::Path;
use std::process::Command;

fn hotel_draft(organisation: Option<OrganisationId>) -> VenueDraft {
    VenueDraft {
        address: "Strandvägen 3, 911 31 Vännäs".into(),
        organisation_id: organisation,
        step_free_entrance: Some(true),
        no_thresholds: Some(false),
        lift: Some(true),
        accessible_toilet: Some(true),
        hearing_loop: Some(false),
        accessible_seating: None,
        accessibility_notes: "Hörslingan finns bara i stora salen.".into(),
        notes: "Boka via receptionen.".into(),
        ..VenueDraft::new("Hotell Vännäs, konferens")
    }
}

async fn hotel(ws: &Workspace) -> OrganisationId {
    let d = OrganisationDraft::new("Hotell Vännäs AB", OrganisationKind::Company);
    ws.create_organisation(d).await.unwrap().id
}

async fn meeting(ws: &Workspace, p: PartnershipId, draft: MeetingDraft) -> Meeting {
    ws.create_meeting(CreateMeeting { partnership_id: p, draft }).await.unwrap()
}

fn at_venue(venue: VenueId, date: &str) -> MeetingDraft {
    MeetingDraft { venue_id: Some(venue), ..MeetingDraft::new(MeetingKind::Learning, date) }
}

/// The draft that saves the meeting as it is, the way the form sends it.
fn draft_of(m: &Meeting) -> MeetingDraft {
    MeetingDraft {
        number: m.number,
        title: m.title.clone(),
        venue_name: m.venue_name.clone(),
        venue_address: m.venue_address.clone(),
        online_link: m.online_link.clone(),
        step_free_entrance: m.step_free_entrance,
        no_thresholds: m.no_thresholds,
        lift: m.lift,
        accessible_toilet: m.accessible_toilet,
        hearing_loop: m.hearing_loop,
        accessible_seating: m.accessible_seating,
        accessibility_notes: m.accessibility_notes.clone(),
        host_organisation_id: m.host_organisation_id,
        venue_id: m.venue_id,
        mode: m.mode,
        ..MeetingDraft::new(m.kind, &m.date.to_string())
    }
}

async fn update(ws: &Workspace, id: MeetingId, draft: MeetingDraft) -> samlar::Result<Meeting> {
    ws.update_meeting(UpdateMeeting { id, draft }).await
}

#[tokio::test]
async fn a_venue_is_added_edited_archived_and_listed() {
    let t = TestWorkspace::new().await;
    let org = hotel(&t.ws).await;
    let v = t.ws.create_venue(hotel_draft(Some(org))).await.unwrap();
    assert_eq!(v.name, "Hotell Vännäs, konferens");
    assert_eq!(v.organisation_name.as_deref(), Some("Hotell Vännäs AB"));
    assert_eq!((v.lift, v.hearing_loop, v.accessible_seating), (Some(true), Some(false), None));
    assert!(!v.archived);
    assert_eq!(t.ws.venue(ById { id: v.id }).await.unwrap(), v);

    let other = t.ws.create_venue(VenueDraft::new("  Folkets hus  ")).await.unwrap();
    assert_eq!(other.name, "Folkets hus", "trimmed");
    let names = |list: Vec<samlar::registry::venue::Venue>| {
        list.into_iter().map(|v| v.name).collect::<Vec<_>>()
    };
    let all = t.ws.venues(VenueQuery { include_archived: false }).await.unwrap();
    assert_eq!(names(all), ["Folkets hus", "Hotell Vännäs, konferens"], "by name");

    let edited = VenueDraft { lift: Some(false), notes: String::new(), ..hotel_draft(None) };
    let e = t.ws.update_venue(UpdateVenue { id: v.id, draft: edited }).await.unwrap();
    assert_eq!((e.lift, e.organisation_id, e.notes.as_str()), (Some(false), None, ""));

    let a = t.ws.set_venue_archived(SetVenueArchived { id: v.id, archived: true }).await.unwrap();
    assert!(a.archived);
    let active = t.ws.venues(VenueQuery { include_archived: false }).await.unwrap();
    assert_eq!(names(active), ["Folkets hus"]);
    let all = t.ws.venues(VenueQuery { include_archived: true }).await.unwrap();
    assert_eq!(all.len(), 2);
    let back = t.ws.set_venue_archived(SetVenueArchived { id: v.id, archived: false }).await;
    assert!(!back.unwrap().archived);

    let missing = t.ws.venue(ById { id: VenueId(999) }).await.unwrap_err();
    assert_eq!(missing.code, ErrorCode::NotFound);
}

#[tokio::test]
async fn a_duplicate_name_is_refused_on_the_name() {
    let t = TestWorkspace::new().await;
    t.ws.create_venue(VenueDraft::new("Folkets hus")).await.unwrap();
    let err = t.ws.create_venue(VenueDraft::new("folkets HUS ")).await.unwrap_err();
    assert_eq!((err.code, err.field.as_deref()), (ErrorCode::NameTaken, Some("name")));

    let other = t.ws.create_venue(VenueDraft::new("Stadshuset")).await.unwrap();
    let draft = VenueDraft::new("Folkets hus");
    let err = t.ws.update_venue(UpdateVenue { id: other.id, draft }).await.unwrap_err();
    assert_eq!((err.code, err.field.as_deref()), (ErrorCode::NameTaken, Some("name")));
    // Its own name is no duplicate.
    let draft = VenueDraft { address: "Torget 1".into(), ..VenueDraft::new("Stadshuset") };
    t.ws.update_venue(UpdateVenue { id: other.id, draft }).await.unwrap();
}

#[tokio::test]
async fn every_field_has_its_limit() {
    let t = TestWorkspace::new().await;
    let cases: Vec<(VenueDraft, ErrorCode, &str)> = vec![
        (VenueDraft::new(" "), ErrorCode::NameRequired, "name"),
        (VenueDraft::new(&"x".repeat(201)), ErrorCode::NameTooLong, "name"),
        (
            VenueDraft { address: "x".repeat(201), ..VenueDraft::new("A") },
            ErrorCode::TextTooLong,
            "address",
        ),
        (
            VenueDraft { notes: "x".repeat(10_001), ..VenueDraft::new("A") },
            ErrorCode::TextTooLong,
            "notes",
        ),
        (
            VenueDraft { accessibility_notes: "x".repeat(10_001), ..VenueDraft::new("A") },
            ErrorCode::TextTooLong,
            "accessibilityNotes",
        ),
        (
            VenueDraft { organisation_id: Some(OrganisationId(999)), ..VenueDraft::new("A") },
            ErrorCode::UnknownOrganisation,
            "organisationId",
        ),
    ];
    for (d, code, field) in cases {
        let err = t.ws.create_venue(d).await.unwrap_err();
        assert_eq!((err.code, err.field.as_deref()), (code, Some(field)));
    }
    let at_limit = VenueDraft { address: "x".repeat(200), ..VenueDraft::new(&"y".repeat(200)) };
    t.ws.create_venue(at_limit).await.unwrap();
    assert_eq!(t.ws.venues(VenueQuery { include_archived: true }).await.unwrap().len(), 1);
}

#[tokio::test]
async fn choosing_a_venue_copies_its_details_into_the_meeting() {
    let t = TestWorkspace::new().await;
    let p = t.ws.create_partnership(draft("Nätverket")).await.unwrap().id;
    let v = t.ws.create_venue(hotel_draft(None)).await.unwrap();
    let m = meeting(&t.ws, p, at_venue(v.id, "2026-12-10")).await;
    assert_eq!(m.venue_id, Some(v.id));
    assert_eq!(m.venue_name, "Hotell Vännäs, konferens");
    assert_eq!(m.venue_address, "Strandvägen 3, 911 31 Vännäs");
    assert_eq!(
        [m.step_free_entrance, m.no_thresholds, m.lift],
        [Some(true), Some(false), Some(true)]
    );
    assert_eq!(
        [m.accessible_toilet, m.hearing_loop, m.accessible_seating],
        [Some(true), Some(false), None]
    );
    assert_eq!(m.accessibility_notes, "Hörslingan finns bara i stora salen.");
    assert_eq!(m.mode, Some(MeetingMode::OnSite), "a new meeting's default");

    // The copy can be adjusted on the meeting while it keeps the venue.
    let adjusted = MeetingDraft { venue_name: "Hotell Vännäs, sal 2".into(), ..draft_of(&m) };
    let a = update(&t.ws, m.id, adjusted).await.unwrap();
    assert_eq!((a.venue_name.as_str(), a.venue_id), ("Hotell Vännäs, sal 2", Some(v.id)));

    // Chosen later on a meeting that had a typed place.
    let typed = MeetingDraft {
        venue_name: "Någonstans".into(),
        ..MeetingDraft::new(MeetingKind::Workshop, "2026-12-11")
    };
    let m2 = meeting(&t.ws, p, typed).await;
    let chosen = update(&t.ws, m2.id, MeetingDraft { venue_id: Some(v.id), ..draft_of(&m2) });
    let chosen = chosen.await.unwrap();
    assert_eq!(chosen.venue_name, "Hotell Vännäs, konferens");
    assert_eq!(chosen.lift, Some(true));

    // Not in the register, or archived: refused on the field.
    let unknown = update(&t.ws, m2.id, at_venue(VenueId(999), "2026-12-11")).await.unwrap_err();
    assert_eq!(
        (unknown.code, unknown.field.as_deref()),
        (ErrorCode::UnknownVenue, Some("venueId"))
    );
    let other = t.ws.create_venue(VenueDraft::new("Gamla skolan")).await.unwrap();
    t.ws.set_venue_archived(SetVenueArchived { id: other.id, archived: true }).await.unwrap();
    let err = meeting_err(&t.ws, p, at_venue(other.id, "2026-12-12")).await;
    assert_eq!((err.code, err.field.as_deref()), (ErrorCode::UnknownVenue, Some("venueId")));
    // A meeting that chose a venue keeps it when the venue is archived.
    t.ws.set_venue_archived(SetVenueArchived { id: v.id, archived: true }).await.unwrap();
    let kept = update(&t.ws, m.id, draft_of(&a)).await.unwrap();
    assert_eq!((kept.venue_id, kept.venue_name.as_str()), (Some(v.id), "Hotell Vännäs, sal 2"));
}

async fn meeting_err(ws: &Workspace, p: PartnershipId, d: MeetingDraft) -> samlar::Error {
    ws.create_meeting(CreateMeeting { partnership_id: p, draft: d }).await.unwrap_err()
}

#[tokio::test]
async fn editing_a_venue_updates_coming_meetings_and_leaves_past_and_approved_ones() {
    let t = TestWorkspace::new().await; // today is 2026-11-23
    let p = t.ws.create_partnership(draft("Nätverket")).await.unwrap().id;
    let v = t.ws.create_venue(hotel_draft(None)).await.unwrap();
    let past = meeting(&t.ws, p, at_venue(v.id, "2026-10-01")).await;
    let today = meeting(&t.ws, p, at_venue(v.id, "2026-11-23")).await;
    let coming = meeting(&t.ws, p, at_venue(v.id, "2027-01-15")).await;
    let approved = meeting(&t.ws, p, at_venue(v.id, "2027-02-01")).await;
    sqlx::query(
        "INSERT INTO meeting_approvals (meeting_id, event, on_date, recorded_at) \
         VALUES (?, 'approved', '2026-11-23', '2026-11-23T09:00:00Z')",
    )
    .bind(approved.id)
    .execute(t.ws.pool())
    .await
    .unwrap();
    let elsewhere = meeting(&t.ws, p, MeetingDraft::new(MeetingKind::Workshop, "2027-01-20")).await;

    let draft = VenueDraft {
        address: "Strandvägen 5".into(),
        lift: Some(false),
        hearing_loop: Some(true),
        ..hotel_draft(None)
    };
    t.ws.update_venue(UpdateVenue { id: v.id, draft }).await.unwrap();
    let get = |id| record(&t.ws, id);
    for (id, new) in [
        (past.id, false),
        (today.id, true),
        (coming.id, true),
        (approved.id, false),
        (elsewhere.id, false),
    ] {
        let m = get(id).await;
        if new {
            assert_eq!(
                (m.venue_address.as_str(), m.lift, m.hearing_loop),
                ("Strandvägen 5", Some(false), Some(true)),
                "{}",
                m.date
            );
        } else {
            assert_ne!(m.venue_address, "Strandvägen 5", "{} keeps its own", m.date);
            assert_ne!(m.hearing_loop, Some(true), "{}", m.date);
        }
    }
    assert_eq!(get(past.id).await.updated_at, past.updated_at, "not touched at all");
}

async fn record(ws: &Workspace, id: MeetingId) -> Meeting {
    samlar::meetings::meeting::get(ws.pool(), id).await.unwrap()
}

#[tokio::test]
async fn a_host_or_venue_organisation_that_is_no_member_stays_none() {
    let t = TestWorkspace::new().await;
    let p = t.ws.create_partnership(draft("Nätverket")).await.unwrap().id;
    let vannas = t.ws.create_organisation(municipality("Vännäs kommun", "2460")).await.unwrap();
    t.ws.add_membership(samlar::registry::membership::MembershipDraft::new(
        p,
        vannas.id,
        samlar::kernel::values::Role::Participant,
    ))
    .await
    .unwrap();
    let org = hotel(&t.ws).await;
    let v = t.ws.create_venue(hotel_draft(Some(org))).await.unwrap();
    let d = MeetingDraft { host_organisation_id: Some(org), ..at_venue(v.id, "2026-12-10") };
    let m = meeting(&t.ws, p, d).await;
    assert_eq!(m.host_organisation_id, Some(org));
    let o = t.ws.organisation(ById { id: org }).await.unwrap();
    assert_eq!(o.partnership_count, 0, "hosting makes it a member of nothing");
    let partnership = t.ws.partnership(ById { id: p }).await.unwrap();
    let members: Vec<_> = partnership.memberships.iter().map(|m| m.organisation_id).collect();
    assert_eq!(members, [vannas.id]);
    let page = t.ws.meeting(ById { id: m.id }).await.unwrap();
    assert_eq!(page.host_organisation.map(|h| h.name).as_deref(), Some("Hotell Vännäs AB"));
}

#[tokio::test]
async fn the_mode_is_kept_and_only_a_digital_or_hybrid_meeting_has_a_link() {
    let t = TestWorkspace::new().await;
    let p = t.ws.create_partnership(draft("Nätverket")).await.unwrap().id;
    let link = "https://meet.example.se/traff-4";
    let only_link = MeetingDraft {
        online_link: link.into(),
        ..MeetingDraft::new(MeetingKind::Workshop, "2026-12-01")
    };
    let m = meeting(&t.ws, p, only_link.clone()).await;
    assert_eq!(m.mode, Some(MeetingMode::Digital), "only a link: digital");
    let both = MeetingDraft { venue_name: "Folkets hus".into(), ..only_link.clone() };
    assert_eq!(meeting(&t.ws, p, both).await.mode, Some(MeetingMode::Hybrid));

    let on_site = MeetingDraft { mode: Some(MeetingMode::OnSite), ..draft_of(&m) };
    let err = update(&t.ws, m.id, on_site.clone()).await.unwrap_err();
    assert_eq!((err.code, err.field.as_deref()), (ErrorCode::LinkOnSite, Some("onlineLink")));
    let saved = update(&t.ws, m.id, MeetingDraft { online_link: String::new(), ..on_site });
    assert_eq!(saved.await.unwrap().mode, Some(MeetingMode::OnSite));
    let hybrid = MeetingDraft { mode: Some(MeetingMode::Hybrid), ..draft_of(&m) };
    let h = update(&t.ws, m.id, hybrid).await.unwrap();
    assert_eq!((h.mode, h.online_link.as_str()), (Some(MeetingMode::Hybrid), link));
    let bad = MeetingDraft { online_link: "ftp://x".into(), ..draft_of(&h) };
    let err = update(&t.ws, m.id, bad).await.unwrap_err();
    assert_eq!((err.code, err.field.as_deref()), (ErrorCode::InvalidLink, Some("onlineLink")));

    // A meeting made before the mode was kept stays "not stated" when saved.
    sqlx::query("UPDATE meetings SET mode = NULL WHERE id = ?")
        .bind(m.id)
        .execute(t.ws.pool())
        .await
        .unwrap();
    let old = record(&t.ws, m.id).await;
    let saved = update(&t.ws, m.id, MeetingDraft { notes: "x".into(), ..draft_of(&old) });
    assert_eq!(saved.await.unwrap().mode, None);
    // The mode crosses IPC in snake case, and a draft without it still reads.
    let json = serde_json::to_value(MeetingMode::OnSite).unwrap();
    assert_eq!(json, "on_site");
    let mut v =
        serde_json::to_value(MeetingDraft::new(MeetingKind::Learning, "2026-12-01")).unwrap();
    v.as_object_mut().unwrap().remove("mode");
    v.as_object_mut().unwrap().remove("venueId");
    let read: MeetingDraft = serde_json::from_value(v).unwrap();
    assert_eq!((read.mode, read.venue_id), (None, None));
}

fn pdf_text(label: &str, bytes: &[u8]) -> String {
    let path = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("pdf-venue-{label}.pdf"));
    std::fs::write(&path, bytes).unwrap();
    let out = Command::new("pdftotext")
        .args(["-enc", "UTF-8", path.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext is needed for the PDF tests (scripts/setup --test)");
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap().split_whitespace().collect::<Vec<_>>().join(" ")
}

async fn summary(ws: &Workspace, id: MeetingId) -> Vec<u8> {
    let document = PdfDocument::SessionSummary { meeting_id: id };
    ws.pdf(PdfRequest { document, archival: false, open: false }).await.unwrap().bytes
}

#[tokio::test]
async fn the_summary_says_the_mode_the_venue_and_its_checklist() {
    let t = TestWorkspace::new().await;
    let p = t.ws.create_partnership(draft("Nätverket")).await.unwrap().id;
    let v = t.ws.create_venue(hotel_draft(None)).await.unwrap();
    let m = meeting(&t.ws, p, at_venue(v.id, "2026-12-10")).await;
    let text = pdf_text("on-site", &summary(&t.ws, m.id).await);
    for expected in [
        "Mötesform På plats",
        "Hotell Vännäs, konferens, Strandvägen 3, 911 31 Vännäs",
        "Tillgänglighet",
        "Entré utan trappsteg Ja",
        "Inga trösklar Nej",
        "Hiss Ja",
        "Hörslinga Nej",
        "Tillgängliga sittplatser Ej kontrollerat",
        "Hörslingan finns bara i stora salen.",
    ] {
        assert!(text.contains(expected), "{expected:?} not in: {text}");
    }

    let link = "https://meet.example.se/traff-5";
    let digital = MeetingDraft {
        online_link: link.into(),
        mode: Some(MeetingMode::Digital),
        venue_address: "Storgatan 1".into(),
        ..MeetingDraft::new(MeetingKind::Workshop, "2026-12-11")
    };
    let d = meeting(&t.ws, p, digital).await;
    let text = pdf_text("digital", &summary(&t.ws, d.id).await);
    assert!(text.contains("Mötesform Digitalt"), "{text}");
    assert!(text.contains(link), "the link as text: {text}");
    assert!(!text.contains("Tillgänglighet"), "nothing checked for a digital meeting: {text}");
    assert!(!text.contains("Storgatan 1"), "a digital meeting has no address: {text}");
}
