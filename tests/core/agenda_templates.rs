//! Agenda templates and where an agenda starts from: templates kept, chosen
//! best first for a meeting, saved from a meeting's agenda; a new meeting's
//! agenda from a template or a copy of the last meeting's, in one
//! transaction; an existing agenda replaced only when asked, never on
//! approved minutes.

use crate::common::{TestWorkspace, draft};
use samlar::ErrorCode;
use samlar::kernel::values::{ById, MeetingId, MeetingKind, PartnershipId};
use samlar::meetings::agenda_template::{
    AgendaFrom, ApplyAgenda, CreateMeetingWithAgenda, ListAgendaTemplates, SaveAgendaAsTemplate,
    TemplateDraft, TemplateItem, UpdateAgendaTemplate,
};
use samlar::meetings::approval::ApproveMeeting;
use samlar::meetings::draft::MeetingDraft;
use samlar::meetings::sections::{AgendaItem, SetAgenda};
use samlar::registry::person::PersonDraft;

fn item(title: &str) -> TemplateItem {
    TemplateItem { title: title.to_owned(), notes: String::new() }
}

fn template(
    name: &str,
    partnership_id: Option<PartnershipId>,
    meeting_kind: Option<MeetingKind>,
    titles: &[&str],
) -> TemplateDraft {
    TemplateDraft {
        partnership_id,
        meeting_kind,
        name: name.to_owned(),
        items: titles.iter().map(|t| item(t)).collect(),
    }
}

async fn meeting(
    t: &TestWorkspace,
    partnership_id: PartnershipId,
    kind: MeetingKind,
    on: &str,
    agenda_from: Option<AgendaFrom>,
) -> samlar::Result<MeetingId> {
    let draft = MeetingDraft::new(kind, on);
    let input = CreateMeetingWithAgenda { partnership_id, draft, agenda_from };
    Ok(t.ws.create_meeting_with_agenda(input).await?.id)
}

async fn set_agenda(t: &TestWorkspace, meeting_id: MeetingId, titles: &[&str]) {
    let items = titles
        .iter()
        .map(|title| AgendaItem {
            title: title.to_string(),
            presenter_organisation_id: None,
            presenter_person_id: None,
            notes: format!("om {title}"),
        })
        .collect();
    t.ws.set_agenda(SetAgenda { meeting_id, items }).await.unwrap();
}

async fn agenda(t: &TestWorkspace, meeting_id: MeetingId) -> Vec<String> {
    sqlx::query_scalar("SELECT title FROM agenda_items WHERE meeting_id = ? ORDER BY position")
        .bind(meeting_id)
        .fetch_all(t.ws.pool())
        .await
        .unwrap()
}

#[tokio::test]
async fn templates_are_created_updated_listed_and_deleted() {
    let t = TestWorkspace::new().await;
    let p = t.ws.create_partnership(draft("Modellkommun")).await.unwrap().id;
    let other = t.ws.create_partnership(draft("Annan")).await.unwrap().id;
    let mut d = template("Lärträff", Some(p), Some(MeetingKind::Learning), &["Incheckning", ""]);
    d.items.push(TemplateItem { title: "  Reflektion ".into(), notes: "Tre frågor".into() });
    let made = t.ws.create_agenda_template(d).await.unwrap();
    assert_eq!(
        made.items,
        [
            item("Incheckning"),
            TemplateItem { title: "Reflektion".into(), notes: "Tre frågor".into() }
        ]
    );
    t.ws.create_agenda_template(template("Allmän", None, None, &["Avslut"])).await.unwrap();
    t.ws.create_agenda_template(template("Deras", Some(other), None, &["X"])).await.unwrap();

    let names = |list: Vec<samlar::meetings::agenda_template::AgendaTemplate>| {
        list.into_iter().map(|t| t.name).collect::<Vec<_>>()
    };
    let ours = t.ws.agenda_templates(ListAgendaTemplates { partnership_id: Some(p) }).await;
    assert_eq!(names(ours.unwrap()), ["Allmän", "Lärträff"]);
    let all = t.ws.agenda_templates(ListAgendaTemplates { partnership_id: None }).await;
    assert_eq!(names(all.unwrap()), ["Allmän", "Deras", "Lärträff"]);

    let draft = template("Lärträff ny", None, Some(MeetingKind::Learning), &["A", "B"]);
    let updated =
        t.ws.update_agenda_template(UpdateAgendaTemplate { id: made.id, draft }).await.unwrap();
    assert_eq!((updated.name.as_str(), updated.partnership_id), ("Lärträff ny", None));
    assert_eq!(updated.items, [item("A"), item("B")]);

    t.ws.delete_agenda_template(ById { id: made.id }).await.unwrap();
    let err = t.ws.delete_agenda_template(ById { id: made.id }).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::NotFound);

    let err = t.ws.create_agenda_template(template(" ", None, None, &[])).await.unwrap_err();
    assert_eq!((err.code, err.field.as_deref()), (ErrorCode::NameRequired, Some("name")));
    let long = "x".repeat(samlar::kernel::limits::TITLE_MAX_CHARS + 1);
    let err = t.ws.create_agenda_template(template("L", None, None, &[&long])).await.unwrap_err();
    assert_eq!((err.code, err.field.as_deref()), (ErrorCode::TextTooLong, Some("items.0.title")));
}

#[tokio::test]
async fn the_best_matching_template_is_offered_first() {
    let t = TestWorkspace::new().await;
    let p = t.ws.create_partnership(draft("Modellkommun")).await.unwrap().id;
    let other = t.ws.create_partnership(draft("Annan")).await.unwrap().id;
    let learning = Some(MeetingKind::Learning);
    for (name, partnership, kind) in [
        ("D alla", None, None),
        ("C partnerskapet", Some(p), None),
        ("B lärträffar", None, learning),
        ("A partnerskapets lärträffar", Some(p), learning),
        ("E annat partnerskap", Some(other), learning),
        ("F workshoppar", Some(p), Some(MeetingKind::Workshop)),
    ] {
        t.ws.create_agenda_template(template(name, partnership, kind, &["Punkt"])).await.unwrap();
    }
    let m = meeting(&t, p, MeetingKind::Learning, "2026-12-01", None).await.unwrap();
    let choices = t.ws.agenda_choices(ById { id: m }).await.unwrap();
    let names: Vec<_> = choices.templates.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["A partnerskapets lärträffar", "B lärträffar", "C partnerskapet", "D alla"]);
    assert_eq!(choices.last_meeting, None, "no earlier meeting");
}

#[tokio::test]
async fn a_new_meeting_starts_from_a_template_or_the_last_meetings_agenda() {
    let t = TestWorkspace::new().await;
    let p = t.ws.create_partnership(draft("Modellkommun")).await.unwrap().id;
    let other = t.ws.create_partnership(draft("Annan")).await.unwrap().id;
    let tpl = t
        .ws
        .create_agenda_template(template("Lärträff", Some(p), None, &["Välkommen", "Reflektion"]))
        .await
        .unwrap();
    let from_template = Some(AgendaFrom::Template { template_id: tpl.id });
    let first = meeting(&t, p, MeetingKind::Learning, "2026-09-01", from_template).await.unwrap();
    assert_eq!(agenda(&t, first).await, ["Välkommen", "Reflektion"]);

    // Earlier meetings: a learning meeting, a later workshop, and one of
    // another partnership even later. The copy prefers the same kind.
    set_agenda(&t, first, &["Lärträff ett"]).await;
    let workshop = meeting(&t, p, MeetingKind::Workshop, "2026-10-01", None).await.unwrap();
    set_agenda(&t, workshop, &["Workshop"]).await;
    let theirs = meeting(&t, other, MeetingKind::Learning, "2026-10-15", None).await.unwrap();
    set_agenda(&t, theirs, &["Deras"]).await;

    let copy = Some(AgendaFrom::LastMeeting);
    let second = meeting(&t, p, MeetingKind::Learning, "2026-11-01", copy.clone()).await.unwrap();
    assert_eq!(agenda(&t, second).await, ["Lärträff ett"]);
    let notes: String = sqlx::query_scalar("SELECT notes FROM agenda_items WHERE meeting_id = ?")
        .bind(second)
        .fetch_one(t.ws.pool())
        .await
        .unwrap();
    assert_eq!(notes, "om Lärträff ett", "the notes are copied too");
    // No earlier meeting of its kind: the latest of any kind.
    let study = meeting(&t, p, MeetingKind::StudyVisit, "2026-11-02", copy.clone()).await.unwrap();
    assert_eq!(agenda(&t, study).await, ["Lärträff ett"], "the learning meeting of 11-01");
    // The copy is searchable at once.
    let hits: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM search_index WHERE meeting_id = ? AND search_index MATCH 'ett'",
    )
    .bind(study)
    .fetch_one(t.ws.pool())
    .await
    .unwrap();
    assert_eq!(hits, 1);

    // Nothing to copy: no meeting is left behind.
    let before: i64 =
        sqlx::query_scalar("SELECT count(*) FROM meetings").fetch_one(t.ws.pool()).await.unwrap();
    let err = meeting(&t, other, MeetingKind::Learning, "2026-01-01", copy).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::NotFound);
    let after: i64 =
        sqlx::query_scalar("SELECT count(*) FROM meetings").fetch_one(t.ws.pool()).await.unwrap();
    assert_eq!(before, after, "the meeting and its agenda are one transaction");
}

#[tokio::test]
async fn an_agenda_is_filled_later_replaced_only_when_asked_and_saved_as_a_template() {
    let t = TestWorkspace::new().await;
    let p = t.ws.create_partnership(draft("Modellkommun")).await.unwrap().id;
    let tpl =
        t.ws.create_agenda_template(template("Mall", None, None, &["Ett", "Två"])).await.unwrap();
    let m = meeting(&t, p, MeetingKind::Coordinator, "2026-12-01", None).await.unwrap();
    let from = AgendaFrom::Template { template_id: tpl.id };
    let apply = |replace| ApplyAgenda { meeting_id: m, from: from.clone(), replace };
    t.ws.apply_agenda(apply(false)).await.unwrap();
    assert_eq!(agenda(&t, m).await, ["Ett", "Två"]);

    set_agenda(&t, m, &["Egen punkt"]).await;
    let err = t.ws.apply_agenda(apply(false)).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::AgendaNotEmpty);
    assert_eq!(agenda(&t, m).await, ["Egen punkt"], "nothing replaced");
    t.ws.apply_agenda(apply(true)).await.unwrap();
    assert_eq!(agenda(&t, m).await, ["Ett", "Två"]);

    let save = SaveAgendaAsTemplate {
        meeting_id: m,
        name: "Samordnarträff".into(),
        for_partnership: true,
        for_kind: true,
    };
    let saved = t.ws.save_agenda_as_template(save.clone()).await.unwrap();
    assert_eq!(saved.partnership_id, Some(p));
    assert_eq!(saved.meeting_kind, Some(MeetingKind::Coordinator));
    assert_eq!(saved.items.iter().map(|i| i.title.as_str()).collect::<Vec<_>>(), ["Ett", "Två"]);

    let empty = meeting(&t, p, MeetingKind::Coordinator, "2026-12-02", None).await.unwrap();
    let err =
        t.ws.save_agenda_as_template(SaveAgendaAsTemplate { meeting_id: empty, ..save })
            .await
            .unwrap_err();
    assert_eq!(err.code, ErrorCode::AgendaEmpty);
}

#[tokio::test]
async fn approved_minutes_refuse_an_agenda_from_a_template() {
    let t = TestWorkspace::new().await;
    let p = t.ws.create_partnership(draft("Modellkommun")).await.unwrap().id;
    let anna = t.ws.create_person(PersonDraft::new("Anna Andersson", None)).await.unwrap();
    let tpl = t.ws.create_agenda_template(template("Mall", None, None, &["Ett"])).await.unwrap();
    let m = meeting(&t, p, MeetingKind::Coordinator, "2026-11-01", None).await.unwrap();
    let approve =
        ApproveMeeting { meeting_id: m, approver_ids: vec![anna.summary.id], on_date: None };
    t.ws.approve_meeting(approve).await.unwrap();
    let from = AgendaFrom::Template { template_id: tpl.id };
    let err =
        t.ws.apply_agenda(ApplyAgenda { meeting_id: m, from, replace: true }).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::Locked);
    assert!(agenda(&t, m).await.is_empty());
}
