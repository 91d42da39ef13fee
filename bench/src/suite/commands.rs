//! The read commands of lists, detail pages and statistics, full-text
//! search and the autosave of a meeting, each timed on its subject.

use super::report::Target;
use super::subjects::Subjects;
use super::timing::Bench;
use super::{COMMAND_P95_MS, SEARCH_P95_MS};
use crate::generate::{self, BoxError};
use chrono::Datelike;
use samlar::Workspace;
use samlar::kernel::page::{Cursor, Page, PageRequest};
use samlar::kernel::values::{ById, MeetingId, OrganisationId, PairingId, PartnershipId, PersonId};
use samlar::meetings::approval::{self, ApproveMeeting, UnlockMeeting};
use samlar::meetings::draft::MeetingDraft;
use samlar::meetings::meeting::{ProposeCycle, UpdateMeeting};
use samlar::meetings::overview::OverviewScope;
use samlar::meetings::statistics::StatisticsScope;
use samlar::pairings::suggestions::MentorSuggestionQuery;
use samlar::registry::organisation::{OrganisationNamesQuery, OrganisationQuery};
use samlar::registry::partnership::{
    PartnershipKind, PartnershipQuery, PartnershipSort, PartnershipStatus,
};
use samlar::registry::person::{PersonQuery, PersonSort};
use samlar::registry::venue::VenueQuery;
use samlar::search::SearchQuery;

pub(super) fn draft_of(detail: &samlar::pages::meeting::MeetingDetail) -> MeetingDraft {
    let m = &detail.meeting;
    MeetingDraft {
        kind: m.kind,
        number: m.number,
        title: m.title.clone(),
        date: m.date.to_string(),
        start_time: m.start_time.clone().unwrap_or_default(),
        end_time: m.end_time.clone().unwrap_or_default(),
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
        visitor_ids: detail.visitors.iter().map(|v| v.id).collect(),
        studied: m.studied.clone(),
        learned: m.learned.clone(),
        notes: m.notes.clone(),
        reflection_best: m.reflection_best.clone(),
        reflection_learn: m.reflection_learn.clone(),
        reflection_develop: m.reflection_develop.clone(),
        extra_women: m.extra_women,
        extra_men: m.extra_men,
        extra_other: m.extra_other,
        extra_not_stated: m.extra_not_stated,
        pairing_id: m.pairing_id,
        venue_id: m.venue_id,
        mode: m.mode,
    }
}

/// The rows of a page the window asks for (`LIST_PAGE` in ui/src/lib/api.ts).
const PAGE: u32 = 200;

/// The request of a list's last page: its cursor found by walking the pages
/// before it, as the window does when End takes it to the bottom.
async fn last_page<Q: Clone, I: Clone, T, F, Fut>(
    query: &Q,
    mut fetch: F,
) -> Result<PageRequest<Q, Cursor<I>>, BoxError>
where
    F: FnMut(PageRequest<Q, Cursor<I>>) -> Fut,
    Fut: std::future::Future<Output = samlar::Result<Page<T, Cursor<I>>>>,
{
    let mut request = PageRequest::first(query.clone(), PAGE);
    loop {
        let page = fetch(request.clone()).await?;
        match page.next {
            Some(next) => request.after = Some(next),
            None => return Ok(request),
        }
    }
}

/// Typical searches: a common word, a prefix, two and three words, a rare
/// word, and one within a partnership.
pub const SEARCHES: &[&str] =
    &["jämställdhet", "förbätt", "uppföljning nämnd", "välfärd medborgare kvinnor", "hörslinga"];

pub(super) async fn commands(
    b: &mut Bench<'_>,
    ws: &Workspace,
    s: &Subjects,
) -> Result<(), BoxError> {
    let p95 = Target::P95(COMMAND_P95_MS);
    let active = PartnershipQuery {
        status: PartnershipStatus::Active,
        sort: PartnershipSort::Newest,
        ..PartnershipQuery::all()
    };
    b.time("list_partnerships", "active, newest first", p95.clone(), || {
        ws.partnerships(active.clone())
    })
    .await?;
    let searched = PartnershipQuery { search: "nätverk".into(), ..active.clone() };
    b.time("list_partnerships", "search \"nätverk\"", p95.clone(), || {
        ws.partnerships(searched.clone())
    })
    .await?;
    let by_name = PartnershipQuery { sort: PartnershipSort::Name, ..PartnershipQuery::all() };
    b.time("list_partnerships", "all, by name", p95.clone(), || ws.partnerships(by_name.clone()))
        .await?;
    let id = ById { id: PartnershipId(s.biggest_partnership) };
    b.time("get_partnership", "most people", p95.clone(), || ws.partnership(id)).await?;

    // The lists come a page at a time (kernel::page): the first page, and the
    // last, which the window reaches after every page before it (End).
    let orgs = OrganisationQuery::all();
    let first = PageRequest::first(orgs.clone(), PAGE);
    b.time("list_organisations", "all, first page", p95.clone(), || {
        ws.organisations(first.clone())
    })
    .await?;
    let last = last_page(&orgs, |r| ws.organisations(r)).await?;
    b.time("list_organisations", "all, last page", p95.clone(), || ws.organisations(last.clone()))
        .await?;
    let orgs_search = OrganisationQuery { search: "berg".into(), ..OrganisationQuery::all() };
    let first = PageRequest::first(orgs_search, PAGE);
    b.time("list_organisations", "search \"berg\", first page", p95.clone(), || {
        ws.organisations(first.clone())
    })
    .await?;
    let names = OrganisationNamesQuery { include_archived: true };
    b.time("organisation_names", "all", p95.clone(), || ws.organisation_names(names)).await?;
    let org = ById { id: OrganisationId(s.busiest_organisation) };
    b.time("get_organisation", "most memberships", p95.clone(), || ws.organisation(org)).await?;
    b.time("organisation_memberships", "most memberships", p95.clone(), || {
        ws.organisation_memberships(org)
    })
    .await?;
    b.time("organisation_dependents", "most memberships", p95.clone(), || {
        ws.organisation_dependents(org)
    })
    .await?;
    let acting = ById { id: OrganisationId(s.most_actions_organisation) };
    b.time("organisation_actions", "most actions", p95.clone(), || ws.organisation_actions(acting))
        .await?;
    let lineage = ById { id: OrganisationId(s.lineage_organisation) };
    let subject = format!("longest lineage, {} steps", s.lineage_depth);
    b.time("organisation_lineage", &subject, p95.clone(), || ws.lineage(lineage)).await?;

    let people = PersonQuery::all();
    let first = PageRequest::first(people.clone(), PAGE);
    b.time("list_people", "all, first page", p95.clone(), || ws.people(first.clone())).await?;
    let last = last_page(&people, |r| ws.people(r)).await?;
    b.time("list_people", "all, last page", p95.clone(), || ws.people(last.clone())).await?;
    let by_org = PersonQuery { sort: PersonSort::Organisation, ..PersonQuery::all() };
    let last = last_page(&by_org, |r| ws.people(r)).await?;
    b.time("list_people", "all by organisation, last page", p95.clone(), || {
        ws.people(last.clone())
    })
    .await?;
    let people_search = PersonQuery { search: "anna".into(), ..PersonQuery::all() };
    let first = PageRequest::first(people_search, PAGE);
    b.time("list_people", "search \"anna\", first page", p95.clone(), || ws.people(first.clone()))
        .await?;
    let of_org = PersonQuery { organisation_id: Some(org.id), ..PersonQuery::all() };
    let first = PageRequest::first(of_org, PAGE);
    b.time("list_people", "one organisation", p95.clone(), || ws.people(first.clone())).await?;
    b.time("person_names", "all", p95.clone(), || ws.person_names()).await?;
    let person = ById { id: PersonId(s.person) };
    b.time("get_person", "most attendance", p95.clone(), || ws.person(person)).await?;
    // both scan every column of free text for the name and the address
    b.time("export_person", "most attendance, before the file is saved", p95.clone(), || {
        ws.person_export(person)
    })
    .await?;
    b.time("person_erasure_preview", "most attendance", p95.clone(), || {
        ws.person_erasure_preview(person)
    })
    .await?;

    let busiest = ById { id: PartnershipId(s.busiest_partnership) };
    let first = PageRequest::first(busiest, PAGE);
    b.time("list_meetings", "most meetings, first page", p95.clone(), || {
        ws.meetings(first.clone())
    })
    .await?;
    let last = last_page(&busiest, |r| ws.meetings(r)).await?;
    b.time("list_meetings", "most meetings, last page", p95.clone(), || ws.meetings(last.clone()))
        .await?;
    let attended = ById { id: MeetingId(s.most_attended_meeting) };
    b.time("get_meeting", "most attendance", p95.clone(), || ws.meeting(attended)).await?;
    let followed = ById { id: MeetingId(s.most_followed_meeting) };
    let subject = format!("most follow-ups, {}", s.follow_ups);
    b.time("get_meeting", &subject, p95.clone(), || ws.meeting(followed)).await?;
    let every = VenueQuery { include_archived: true };
    b.time("list_venues", "every venue", p95.clone(), || ws.venues(every)).await?;
    b.time("agenda_choices", "most attendance", p95.clone(), || ws.agenda_choices(attended))
        .await?;
    let scope = StatisticsScope::partnership(PartnershipId(s.busiest_partnership));
    b.time("get_statistics", "most meetings", p95.clone(), || ws.statistics(scope.clone())).await?;
    let partnership_of_meeting: PartnershipId =
        sqlx::query_scalar("SELECT partnership_id FROM meetings WHERE id = ?")
            .bind(s.most_attended_meeting)
            .fetch_one(ws.pool())
            .await?;
    let one = StatisticsScope {
        meeting_id: Some(MeetingId(s.most_attended_meeting)),
        ..StatisticsScope::partnership(partnership_of_meeting)
    };
    b.time("get_statistics", "one meeting", p95.clone(), || ws.statistics(one.clone())).await?;
    // Across partnerships: everything ever recorded (every attended row is
    // read once for the distinct people), and one kind for a year.
    let everything = OverviewScope { include_archived: true, ..OverviewScope::default() };
    b.time("statistics_overview", "all partnerships, all time", p95.clone(), || {
        ws.statistics_overview(everything.clone())
    })
    .await?;
    let year = generate::today().year() - 1;
    let rounds = OverviewScope {
        kind: Some(PartnershipKind::ModelMunicipalityRound),
        from: Some(format!("{year}-01-01")),
        to: Some(format!("{year}-12-31")),
        include_archived: true,
    };
    b.time("statistics_overview", "model-municipality rounds, one year", p95.clone(), || {
        ws.statistics_overview(rounds.clone())
    })
    .await?;

    // Reporting on one partnership (issue #17): its indicators, attendance by
    // organisational level and its delegations, all time.
    let busiest = PartnershipId(s.busiest_partnership);
    b.time("list_indicators", "most meetings", p95.clone(), || ws.indicators(ById { id: busiest }))
        .await?;
    let by_level = samlar::meetings::delegation::LevelScope {
        partnership_id: busiest,
        meeting_id: None,
        from: None,
        to: None,
    };
    b.time("attendance_by_level", "most meetings", p95.clone(), || {
        ws.attendance_by_level(by_level.clone())
    })
    .await?;
    let delegation = samlar::meetings::delegation::DelegationScope {
        partnership_id: busiest,
        from: None,
        to: None,
    };
    b.time("delegations", "most meetings", p95.clone(), || ws.delegations(delegation.clone()))
        .await?;
    let library = samlar::meetings::good_example_library::GoodExampleFilter::default();
    b.time("list_good_examples", "every partnership", p95.clone(), || {
        ws.good_example_library(library.clone())
    })
    .await?;

    let round = ById { id: PartnershipId(s.round) };
    b.time("round_pairings", "most pairings", p95.clone(), || ws.round_pairings(round)).await?;
    let pairing = ById { id: PairingId(s.pairing) };
    b.time("get_pairing", "most sessions", p95.clone(), || ws.pairing(pairing)).await?;
    let suggest = MentorSuggestionQuery {
        partnership_id: PartnershipId(s.active_round),
        participant_ids: s.active_round_participant.into_iter().map(OrganisationId).collect(),
    };
    b.time("mentor_suggestions", "latest round", p95.clone(), || {
        ws.mentor_suggestions(suggest.clone())
    })
    .await?;
    let cycle = ProposeCycle {
        partnership_id: PartnershipId(s.active_round),
        start_date: generate::today().to_string(),
    };
    b.time("propose_cycle", "", p95.clone(), || ws.propose_cycle(cycle.clone())).await?;
    b.time("get_settings", "", p95.clone(), || ws.settings()).await?;

    for text in SEARCHES {
        let q = SearchQuery { text: (*text).into(), partnership_id: None };
        b.time("search", &format!("\"{text}\""), Target::P95(SEARCH_P95_MS), || {
            ws.search(q.clone())
        })
        .await?;
    }
    let q = SearchQuery {
        text: "jämställdhet".into(),
        partnership_id: Some(PartnershipId(s.busiest_partnership)),
    };
    b.time("search", "\"jämställdhet\" in one partnership", Target::P95(SEARCH_P95_MS), || {
        ws.search(q.clone())
    })
    .await?;

    // The generated minutes of a held meeting are approved; the autosave
    // below needs them unlocked, and approving them again is a row of its own.
    let autosaved = MeetingId(s.autosave_meeting);
    let unlock = || UnlockMeeting {
        meeting_id: autosaved,
        person_id: None,
        reason: "Mätning av Samlär".into(),
    };
    let approver: PersonId =
        sqlx::query_scalar("SELECT min(id) FROM people").fetch_one(ws.pool()).await?;
    if approval::is_approved(ws.pool(), autosaved).await? {
        ws.unlock_meeting(unlock()).await?;
    }
    b.time("approve_meeting", "approve, then unlock_meeting", p95.clone(), || async {
        let approver_ids = vec![approver];
        ws.approve_meeting(ApproveMeeting { meeting_id: autosaved, approver_ids, on_date: None })
            .await?;
        ws.unlock_meeting(unlock()).await
    })
    .await?;

    // The autosave: each call changes the notes, as typing does.
    let detail = ws.meeting(ById { id: MeetingId(s.autosave_meeting) }).await?;
    let draft = draft_of(&detail);
    let mut typed = 0usize;
    b.time("update_meeting", "autosave of the richest record", p95, || {
        typed += 1;
        let mut d = draft.clone();
        d.notes.push_str(&" ord".repeat(typed % 7 + 1));
        ws.update_meeting(UpdateMeeting { id: MeetingId(s.autosave_meeting), draft: d })
    })
    .await?;
    Ok(())
}
