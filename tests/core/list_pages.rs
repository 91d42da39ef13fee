//! Lists that send what is shown (`kernel::page`): the people, organisation
//! and meeting lists walked a few rows a page, with more rows than a page and
//! ties in every sort key, give every row exactly once and in the order of
//! the sort; a row saved between two pages moves no other; the names for a
//! form's choices; and the bounds of a page request.

use crate::common::{TestWorkspace, WHOLE, draft, municipality, walk};
use samlar::ErrorCode;
use samlar::kernel::limits::{CURSOR_TEXT_MAX_CHARS, PAGE_MAX_ROWS};
use samlar::kernel::page::{Cursor, PageRequest};
use samlar::kernel::values::{ById, MeetingKind, OrganisationKind, OrganisationLevel, PersonId};
use samlar::meetings::draft::MeetingDraft;
use samlar::meetings::meeting::CreateMeeting;
use samlar::registry::organisation::{
    OrganisationDraft, OrganisationNamesQuery, OrganisationQuery, OrganisationSort,
    SetOrganisationArchived,
};
use samlar::registry::person::{PersonDraft, PersonQuery, PersonSort, PersonSummary};

/// 23 people: five names of which three are one name in different case,
/// two organisations and none, every level and none.
async fn people(t: &TestWorkspace) -> Vec<PersonSummary> {
    let ske = t.ws.create_organisation(municipality("Skellefteå kommun", "2482")).await.unwrap();
    let ume = t.ws.create_organisation(municipality("Umeå kommun", "2480")).await.unwrap();
    let names = ["Anna Exempel", "Bo Exempel", "anna exempel", "Cia Exempel", "ANNA EXEMPEL"];
    let organisations = [Some(ume.id), Some(ske.id), None];
    use OrganisationLevel::*;
    let levels = [Some(Operational), None, Some(Politician), Some(Strategist), Some(SeniorManager)];
    let mut created = Vec::new();
    for i in 0..23 {
        let draft = PersonDraft {
            level: levels[i % 5],
            ..PersonDraft::new(names[i % 5], organisations[i % 3])
        };
        created.push(t.ws.create_person(draft).await.unwrap().summary);
    }
    created
}

fn level_rank(level: Option<OrganisationLevel>) -> i64 {
    use OrganisationLevel::*;
    match level {
        Some(Politician) => 1,
        Some(SeniorManager) => 2,
        Some(Strategist) => 3,
        Some(Operational) => 4,
        None => 5,
    }
}

fn ids<T, I>(rows: &[T], id: impl Fn(&T) -> I) -> Vec<I> {
    rows.iter().map(id).collect()
}

#[tokio::test]
async fn people_come_page_by_page_once_each_in_the_order_of_every_sort() {
    let t = TestWorkspace::new().await;
    let created = people(&t).await;
    for sort in [PersonSort::Name, PersonSort::Organisation, PersonSort::Level] {
        let mut expected = created.clone();
        expected.sort_by_key(|p| {
            let name = p.name.to_lowercase();
            let organisation = p.organisation_name.as_deref().unwrap_or_default().to_lowercase();
            match sort {
                PersonSort::Name => (0, String::new(), name, p.id),
                PersonSort::Organisation => {
                    (i64::from(p.organisation_name.is_none()), organisation, name, p.id)
                }
                PersonSort::Level => (level_rank(p.level), String::new(), name, p.id),
            }
        });
        for limit in [1, 4, 23, WHOLE] {
            let query = PersonQuery { sort, ..PersonQuery::all() };
            let walked = walk(query, limit, |r| t.ws.people(r)).await;
            assert_eq!(ids(&walked, |p| p.id), ids(&expected, |p| p.id), "{sort:?}, {limit}");
        }
    }
    // A filtered list is paged the same way: the 14 Annas, 5 a page.
    let annas = PersonQuery { search: "anna".into(), ..PersonQuery::all() };
    let walked = walk(annas.clone(), 5, |r| t.ws.people(r)).await;
    assert_eq!(walked.len(), 14);
    assert!(walked.iter().all(|p| p.name.to_lowercase() == "anna exempel"));
    let first = t.ws.people(PageRequest::first(annas, 5)).await.unwrap();
    assert_eq!((first.rows.len(), first.total), (5, 14));
    assert_eq!(first.next.as_ref().map(|c| c.id), Some(first.rows[4].id));
}

#[tokio::test]
async fn a_person_saved_or_deleted_between_two_pages_moves_no_other() {
    let t = TestWorkspace::new().await;
    let created = people(&t).await;
    let mut expected = created.clone();
    expected.sort_by_key(|p| (p.name.to_lowercase(), p.id));
    let first = t.ws.people(PageRequest::first(PersonQuery::all(), 8)).await.unwrap();
    assert_eq!(ids(&first.rows, |p| p.id), ids(&expected[..8], |p| p.id));
    // Before the cursor: one new, one gone (the last row sent); after it, one gone.
    t.ws.create_person(PersonDraft::new("Aaron Exempel", None)).await.unwrap();
    t.ws.delete_person(ById { id: first.rows[7].id }).await.unwrap();
    t.ws.delete_person(ById { id: expected[10].id }).await.unwrap();
    let request = PageRequest { query: PersonQuery::all(), after: first.next, limit: 8 };
    let second = t.ws.people(request).await.unwrap();
    let rest: Vec<PersonId> =
        expected[8..].iter().map(|p| p.id).filter(|id| *id != expected[10].id).collect();
    assert_eq!(ids(&second.rows, |p| p.id), rest[..8]);
    assert_eq!(second.total, 22, "one new, two gone");
}

#[tokio::test]
async fn organisations_come_page_by_page_once_each_in_the_order_of_every_sort() {
    let t = TestWorkspace::new().await;
    let mut created = Vec::new();
    let codes = ["2482", "", "0180", "", "2480"];
    let counties = ["Västerbottens län", "", "Stockholms län", "Västerbottens län"];
    let employees = ["", "12 000", "300", "12 000", "", "7"];
    for i in 0..17 {
        let name = if i % 2 == 0 { "Förbundet" } else { "Alfa" };
        let code = if i < codes.len() { codes[i] } else { "" };
        let kind = if code.is_empty() {
            OrganisationKind::Association
        } else {
            OrganisationKind::Municipality
        };
        let draft = OrganisationDraft {
            code: code.into(),
            county: counties[i % 4].into(),
            employees: employees[i % 6].into(),
            ..OrganisationDraft::new(&format!("{name} {}", i % 3), kind)
        };
        created.push(t.ws.create_organisation(draft).await.unwrap());
    }
    use OrganisationSort::*;
    for sort in [Name, Code, County, Employees] {
        let mut expected = created.clone();
        expected.sort_by_key(|o| {
            let name = o.name.to_lowercase();
            match sort {
                Name => (0, String::new(), name, o.id),
                Code => (0, o.code.clone().unwrap_or("9999".into()), name, o.id),
                County => (0, o.county.clone(), name, o.id),
                Employees => (o.employees.map_or(1, |e| -e), String::new(), name, o.id),
            }
        });
        for limit in [1, 5, WHOLE] {
            let query = OrganisationQuery { sort, ..OrganisationQuery::all() };
            let walked = walk(query, limit, |r| t.ws.organisations(r)).await;
            assert_eq!(ids(&walked, |o| o.id), ids(&expected, |o| o.id), "{sort:?}, {limit}");
        }
    }
    // The names for a form: by name, the archived ones only when asked for.
    let archive = SetOrganisationArchived { id: created[0].id, archived: true };
    t.ws.set_organisation_archived(archive).await.unwrap();
    let names = t.ws.organisation_names(OrganisationNamesQuery { include_archived: true });
    let names = names.await.unwrap();
    let mut by_name = created.clone();
    by_name.sort_by_key(|o| (o.name.to_lowercase(), o.id));
    assert_eq!(names.ids, ids(&by_name, |o| o.id));
    assert_eq!(names.names, ids(&by_name, |o| o.name.clone()));
    let active = t.ws.organisation_names(OrganisationNamesQuery { include_archived: false });
    let active = active.await.unwrap();
    assert_eq!(active.ids.len(), 16);
    assert!(!active.ids.contains(&created[0].id));
}

#[tokio::test]
async fn meetings_come_page_by_page_once_each_in_date_order() {
    let t = TestWorkspace::new().await;
    let p = t.ws.create_partnership(draft("Dropin")).await.unwrap();
    let other = t.ws.create_partnership(draft("CLN")).await.unwrap();
    let days = ["2027-03-14", "2027-01-10", "2027-03-14", "2026-12-01"];
    let times = ["", "09:00", "13:30", "09:00", ""];
    let mut created = Vec::new();
    for i in 0..19 {
        let mut d = MeetingDraft::new(MeetingKind::Workshop, days[i % 4]);
        d.start_time = times[i % 5].into();
        let input = CreateMeeting { partnership_id: p.id, draft: d };
        created.push(t.ws.create_meeting(input).await.unwrap());
        let elsewhere = MeetingDraft::new(MeetingKind::Workshop, days[i % 4]);
        t.ws.create_meeting(CreateMeeting { partnership_id: other.id, draft: elsewhere })
            .await
            .unwrap();
    }
    created.sort_by_key(|m| (m.date, m.start_time.clone().unwrap_or_default(), m.id));
    for limit in [1, 4, WHOLE] {
        let walked = walk(ById { id: p.id }, limit, |r| t.ws.meetings(r)).await;
        assert_eq!(ids(&walked, |m| m.id), ids(&created, |m| m.id), "{limit}");
    }
}

#[tokio::test]
async fn a_page_has_one_to_the_most_rows_and_a_cursor_of_sort_keys() {
    let t = TestWorkspace::new().await;
    let p = t.ws.create_partnership(draft("Dropin")).await.unwrap();
    for limit in [0, PAGE_MAX_ROWS as u32 + 1, u32::MAX] {
        let err = t.ws.people(PageRequest::first(PersonQuery::all(), limit)).await.unwrap_err();
        assert_eq!((err.code, err.field.as_deref()), (ErrorCode::InvalidNumber, Some("limit")));
        let request = PageRequest::first(OrganisationQuery::all(), limit);
        let err = t.ws.organisations(request).await.unwrap_err();
        assert_eq!((err.code, err.field.as_deref()), (ErrorCode::InvalidNumber, Some("limit")));
        let err = t.ws.meetings(PageRequest::first(ById { id: p.id }, limit)).await.unwrap_err();
        assert_eq!((err.code, err.field.as_deref()), (ErrorCode::InvalidNumber, Some("limit")));
    }
    let long = "ö".repeat(CURSOR_TEXT_MAX_CHARS + 1);
    let after = Cursor { rank: 0, group: String::new(), key: long, id: PersonId(1) };
    let request = PageRequest { query: PersonQuery::all(), after: Some(after), limit: 10 };
    let err = t.ws.people(request).await.unwrap_err();
    assert_eq!((err.code, err.field.as_deref()), (ErrorCode::TextTooLong, Some("after.key")));
    // A cursor at the edges of its numbers is only a place in the list.
    let after =
        Cursor { rank: i64::MAX, group: String::new(), key: String::new(), id: PersonId(i64::MIN) };
    let request = PageRequest { query: PersonQuery::all(), after: Some(after), limit: 10 };
    assert!(t.ws.people(request).await.unwrap().rows.is_empty());
    // An unknown partnership's meetings are not found, not an empty page.
    let err = t
        .ws
        .meetings(PageRequest::first(ById { id: samlar::kernel::values::PartnershipId(999) }, 10))
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::NotFound);
}

#[tokio::test]
async fn everyones_names_come_in_one_compact_answer_by_name() {
    let t = TestWorkspace::new().await;
    let created = people(&t).await;
    let names = t.ws.person_names().await.unwrap();
    let mut expected = created.clone();
    expected.sort_by_key(|p| (p.name.to_lowercase(), p.id));
    assert_eq!(names.ids, ids(&expected, |p| p.id));
    assert_eq!(names.names, ids(&expected, |p| p.name.clone()));
    let json = serde_json::to_string(&names).unwrap();
    assert!(json.starts_with("{\"ids\":["), "{json}");
}
