//! Partnerships on a real SQLite file: every validation rule, the list's order
//! and search, archiving, and that nothing invalid is written.

use crate::common::{TestWorkspace, draft};
use samlar::ErrorCode;
use samlar::kernel::values::{ById, PartnershipId};
use samlar::registry::partnership::{
    PartnershipKind, PartnershipQuery, PartnershipStatus, SetArchived, UpdatePartnership,
};

fn query(search: &str, status: PartnershipStatus) -> PartnershipQuery {
    PartnershipQuery { search: search.to_owned(), status, ..PartnershipQuery::all() }
}

async fn count(t: &TestWorkspace) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM partnerships").fetch_one(t.ws.pool()).await.unwrap()
}

async fn names(t: &TestWorkspace, q: PartnershipQuery) -> Vec<String> {
    t.ws.partnerships(q).await.unwrap().into_iter().map(|p| p.name).collect()
}

#[tokio::test]
async fn create_stores_every_field_and_trims_the_name() {
    let t = TestWorkspace::new().await;
    let mut d = draft("  Modellkommun 2027  ");
    d.kind = PartnershipKind::Benchlearning;
    d.purpose = "Lära av goda exempel.\nOch följa upp.".into();
    d.start_date = Some("2027-01-15".into());
    d.end_date = Some(" 2028-02-29 ".into());
    let p = t.ws.create_partnership(d).await.unwrap();
    assert_eq!(p.name, "Modellkommun 2027");
    assert_eq!(p.kind, PartnershipKind::Benchlearning);
    assert_eq!(p.purpose, "Lära av goda exempel.\nOch följa upp.");
    assert_eq!(p.start_date.unwrap().to_string(), "2027-01-15");
    assert_eq!(p.end_date.unwrap().to_string(), "2028-02-29");
    assert!(!p.archived);
    assert_eq!(p.created_at, "2026-11-23T09:00:00.000Z");
    assert_eq!(t.ws.partnership(ById { id: p.id }).await.unwrap().partnership, p);
}

#[tokio::test]
async fn empty_or_blank_name_is_refused_and_nothing_is_written() {
    let t = TestWorkspace::new().await;
    for name in ["", "   ", "\n\t"] {
        let err = t.ws.create_partnership(draft(name)).await.unwrap_err();
        assert_eq!(err.code, ErrorCode::NameRequired);
        assert_eq!(err.field.as_deref(), Some("name"));
    }
    assert_eq!(count(&t).await, 0);
}

#[tokio::test]
async fn name_limit_is_200_characters_counted_as_letters_not_bytes() {
    let t = TestWorkspace::new().await;
    t.ws.create_partnership(draft(&"å".repeat(200))).await.unwrap();
    let err = t.ws.create_partnership(draft(&"ö".repeat(201))).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::NameTooLong);
    let err = t.ws.create_partnership(draft(&"x".repeat(10_000))).await.unwrap_err();
    assert_eq!((err.code, err.field.as_deref()), (ErrorCode::NameTooLong, Some("name")));
    assert_eq!(count(&t).await, 1);
}

#[tokio::test]
async fn purpose_limit_is_10000_characters() {
    let t = TestWorkspace::new().await;
    let mut d = draft("A");
    d.purpose = "ä".repeat(10_000);
    t.ws.create_partnership(d.clone()).await.unwrap();
    d.name = "B".into();
    d.purpose.push('ä');
    let err = t.ws.create_partnership(d).await.unwrap_err();
    assert_eq!((err.code, err.field.as_deref()), (ErrorCode::TextTooLong, Some("purpose")));
    assert_eq!(count(&t).await, 1);
}

#[tokio::test]
async fn dates_must_be_written_yyyy_mm_dd_and_exist() {
    let t = TestWorkspace::new().await;
    let bad = ["2027-13-01", "2027-02-30", "14/3/2027", "2027-3-14", "20270314", "igår"];
    for text in bad {
        let mut d = draft("P");
        d.start_date = Some(text.into());
        let err = t.ws.create_partnership(d).await.unwrap_err();
        assert_eq!(err.code, ErrorCode::InvalidDate, "{text}");
        assert_eq!(err.field.as_deref(), Some("startDate"));
    }
    let mut d = draft("P");
    d.end_date = Some("2027-02-29".into());
    let err = t.ws.create_partnership(d).await.unwrap_err();
    assert_eq!((err.code, err.field.as_deref()), (ErrorCode::InvalidDate, Some("endDate")));
    let mut d = draft("P");
    d.start_date = Some("".into());
    d.end_date = Some("  ".into());
    let p = t.ws.create_partnership(d).await.unwrap();
    assert_eq!((p.start_date, p.end_date), (None, None));
}

#[tokio::test]
async fn end_before_start_is_refused_and_same_day_is_allowed() {
    let t = TestWorkspace::new().await;
    let mut d = draft("P");
    d.start_date = Some("2027-03-14".into());
    d.end_date = Some("2027-03-13".into());
    let err = t.ws.create_partnership(d.clone()).await.unwrap_err();
    assert_eq!((err.code, err.field.as_deref()), (ErrorCode::EndBeforeStart, Some("endDate")));
    assert_eq!(count(&t).await, 0);
    d.end_date = Some("2027-03-14".into());
    t.ws.create_partnership(d).await.unwrap();
}

#[tokio::test]
async fn names_are_unique_ignoring_case_including_swedish_letters() {
    let t = TestWorkspace::new().await;
    t.ws.create_partnership(draft("Älvdalens nätverk")).await.unwrap();
    let err = t.ws.create_partnership(draft("ÄLVDALENS NÄTVERK")).await.unwrap_err();
    assert_eq!((err.code, err.field.as_deref()), (ErrorCode::NameTaken, Some("name")));
    assert_eq!(count(&t).await, 1);
}

#[tokio::test]
async fn list_is_newest_first_and_search_matches_part_of_the_name_in_any_case() {
    let t = TestWorkspace::new().await;
    for name in ["CLN – Competence Learning Network", "Dropin", "Modellkommun Umeå"] {
        t.ws.create_partnership(draft(name)).await.unwrap();
        t.clock.advance(chrono::Duration::minutes(1));
    }
    let all = names(&t, query("", PartnershipStatus::Active)).await;
    assert_eq!(all, ["Modellkommun Umeå", "Dropin", "CLN – Competence Learning Network"]);
    assert_eq!(names(&t, query("UMEÅ", PartnershipStatus::Active)).await, ["Modellkommun Umeå"]);
    assert_eq!(names(&t, query(" drop ", PartnershipStatus::All)).await, ["Dropin"]);
    assert!(names(&t, query("Umea", PartnershipStatus::Active)).await.is_empty());
}

#[tokio::test]
async fn search_treats_like_wildcards_as_plain_text() {
    let t = TestWorkspace::new().await;
    t.ws.create_partnership(draft("100% närvaro")).await.unwrap();
    t.ws.create_partnership(draft("Nätverk_A")).await.unwrap();
    t.ws.create_partnership(draft("NätverkBA")).await.unwrap();
    assert_eq!(names(&t, query("%", PartnershipStatus::All)).await, ["100% närvaro"]);
    assert_eq!(names(&t, query("k_", PartnershipStatus::All)).await, ["Nätverk_A"]);
}

#[tokio::test]
async fn edit_changes_the_fields_and_the_update_time_only() {
    let t = TestWorkspace::new().await;
    let p = t.ws.create_partnership(draft("Gammalt namn")).await.unwrap();
    t.clock.advance(chrono::Duration::hours(2));
    let mut d = draft("Nytt namn");
    d.kind = PartnershipKind::CommunityOfPractice;
    let edited = t.ws.update_partnership(UpdatePartnership { id: p.id, draft: d }).await.unwrap();
    assert_eq!(edited.name, "Nytt namn");
    assert_eq!(edited.kind, PartnershipKind::CommunityOfPractice);
    assert_eq!(edited.created_at, p.created_at);
    assert_eq!(edited.updated_at, "2026-11-23T11:00:00.000Z");
}

#[tokio::test]
async fn invalid_edit_leaves_the_stored_partnership_unchanged() {
    let t = TestWorkspace::new().await;
    let p = t.ws.create_partnership(draft("Dropin")).await.unwrap();
    let err =
        t.ws.update_partnership(UpdatePartnership { id: p.id, draft: draft(" ") })
            .await
            .unwrap_err();
    assert_eq!(err.code, ErrorCode::NameRequired);
    assert_eq!(t.ws.partnership(ById { id: p.id }).await.unwrap().partnership, p);
}

#[tokio::test]
async fn unknown_ids_are_not_found() {
    let t = TestWorkspace::new().await;
    let id = PartnershipId(4711);
    let err = t.ws.partnership(ById { id }).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::NotFound);
    let edit = UpdatePartnership { id, draft: draft("X") };
    assert_eq!(t.ws.update_partnership(edit).await.unwrap_err().code, ErrorCode::NotFound);
    let archive = SetArchived { id, archived: true };
    assert_eq!(t.ws.set_partnership_archived(archive).await.unwrap_err().code, ErrorCode::NotFound);
    assert_eq!(count(&t).await, 0);
}

#[tokio::test]
async fn archiving_hides_from_the_active_list_and_unarchiving_brings_it_back() {
    let t = TestWorkspace::new().await;
    let a = t.ws.create_partnership(draft("Equal")).await.unwrap();
    t.ws.create_partnership(draft("Dropin")).await.unwrap();
    let archived = t.ws.set_partnership_archived(SetArchived { id: a.id, archived: true });
    assert!(archived.await.unwrap().archived);
    assert_eq!(names(&t, query("", PartnershipStatus::Active)).await, ["Dropin"]);
    assert_eq!(names(&t, query("", PartnershipStatus::Archived)).await, ["Equal"]);
    assert_eq!(names(&t, query("", PartnershipStatus::All)).await.len(), 2);
    let back = t.ws.set_partnership_archived(SetArchived { id: a.id, archived: false });
    assert!(!back.await.unwrap().archived);
    assert!(names(&t, query("", PartnershipStatus::Archived)).await.is_empty());
}

#[tokio::test]
async fn the_start_view_has_the_language_and_the_list_the_window_opens_on() {
    let t = TestWorkspace::new().await;
    let mut older = draft("Äldre nätverk");
    older.start_date = Some("2020-01-01".into());
    t.ws.create_partnership(older).await.unwrap();
    let mut newer = draft("Nyare nätverk");
    newer.start_date = Some("2026-01-01".into());
    t.ws.create_partnership(newer).await.unwrap();
    let archived = t.ws.create_partnership(draft("Avslutat nätverk")).await.unwrap();
    t.ws.set_partnership_archived(SetArchived { id: archived.id, archived: true }).await.unwrap();
    t.ws.set_language(samlar::store::settings::SetLanguage {
        language: samlar::store::settings::Language::En,
    })
    .await
    .unwrap();

    let start = t.ws.start_view().await.unwrap();
    assert_eq!(start.settings.language, samlar::store::settings::Language::En);
    assert_eq!(start.partnership_query, PartnershipQuery::start());
    assert_eq!(start.partnership_query.status, PartnershipStatus::Active);
    // The same answer as the list command gives the interface for that query.
    assert_eq!(start.partnerships, t.ws.partnerships(PartnershipQuery::start()).await.unwrap());
    let shown: Vec<&str> = start.partnerships.iter().map(|p| p.name.as_str()).collect();
    assert!(!shown.contains(&"Avslutat nätverk"), "{shown:?}");
    assert_eq!(shown.len(), 2, "{shown:?}");
}
