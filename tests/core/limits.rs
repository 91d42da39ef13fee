//! The limits of every input (`kernel::limits`): the table in
//! `docs/limits.md` is the one in the code, each list refuses one entry too
//! many with `too_many` naming it, and the inputs that used to be slower
//! than linear (a competence cell of 100,000 values) are refused or taken in
//! one pass.

use crate::common::{TestWorkspace, draft};
use base64::Engine;
use samlar::ErrorCode;
use samlar::documents::import::{ImportKind, ImportRequest};
use samlar::kernel::limits::{self, table};
use samlar::kernel::values::{MeetingKind, PersonId};
use samlar::meetings::attendance::{AttendanceEntry, AttendanceStatus, SetAttendance};
use samlar::meetings::draft::MeetingDraft;
use samlar::meetings::meeting::CreateMeeting;
use samlar::meetings::sections::{GoodExample, SetDecisions, SetGoodExamples};
use samlar::registry::partnership::Goal;
use samlar::registry::person::PersonDraft;
use samlar::search::SearchQuery;

const BEGIN: &str = "<!-- limits:begin (tests/core/limits.rs checks this table) -->\n";
const END: &str = "<!-- limits:end -->\n";

fn rendered() -> String {
    let mut out =
        String::from("| field | commands | limit | error code |\n| --- | --- | --- | --- |\n");
    for limit in table() {
        let code = serde_json::to_value(limit.code).unwrap();
        let fields: Vec<String> = limit
            .field
            .split(", ")
            .map(|f| match f.split_once(" (") {
                Some((name, what)) => format!("`{name}` ({what}"),
                None => format!("`{f}`"),
            })
            .collect();
        out.push_str(&format!(
            "| {} | {} | {} | `{}` |\n",
            fields.join(", "),
            limit.commands,
            limit.bound,
            code.as_str().unwrap()
        ));
    }
    out
}

#[test]
fn docs_limits_md_is_the_table_in_the_code() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/limits.md");
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    let (before, rest) = text.split_once(BEGIN).unwrap_or((&text, ""));
    let after = rest.split_once(END).map_or("", |(_, after)| after);
    let wanted = format!("{before}{BEGIN}{}{END}{after}", rendered());
    if std::env::var_os("SAMLAR_WRITE_LIMITS").is_some() {
        std::fs::write(&path, &wanted).unwrap();
        return;
    }
    assert!(
        text == wanted,
        "docs/limits.md differs from kernel::limits::table(); \
         rewrite it with SAMLAR_WRITE_LIMITS=1 cargo test --test core limits"
    );
}

fn too_many(err: samlar::Error, field: &str) {
    assert_eq!((err.code, err.field.as_deref()), (ErrorCode::TooMany, Some(field)), "{err:?}");
}

#[tokio::test]
async fn every_list_of_a_meeting_refuses_one_entry_too_many() {
    let t = TestWorkspace::new().await;
    let p = t.ws.create_partnership(draft("Gränserna")).await.unwrap();
    let draft = MeetingDraft::new(MeetingKind::Learning, "2027-03-14");
    let m = t.ws.create_meeting(CreateMeeting { partnership_id: p.id, draft }).await.unwrap();

    let decisions = vec!["Beslut".to_owned(); limits::MAX_DECISIONS + 1];
    let err = t.ws.set_decisions(SetDecisions { meeting_id: m.id, decisions }).await.unwrap_err();
    too_many(err, "decisions");
    let decisions = vec!["Beslut".to_owned(); limits::MAX_DECISIONS];
    let kept = t.ws.set_decisions(SetDecisions { meeting_id: m.id, decisions }).await.unwrap();
    assert_eq!(kept.len(), limits::MAX_DECISIONS);

    let example = |tags: Vec<String>| GoodExample {
        title: "Ett gott exempel".into(),
        description: String::new(),
        organisation_id: None,
        tags,
    };
    let examples = vec![example(Vec::new()); limits::MAX_GOOD_EXAMPLES + 1];
    let err =
        t.ws.set_good_examples(SetGoodExamples { meeting_id: m.id, examples }).await.unwrap_err();
    too_many(err, "examples");
    // One tag entry of 100,000 commas stops at the first tag too many.
    let many = vec![(0..100_000).map(|i| format!("t{i}")).collect::<Vec<_>>().join(",")];
    let examples = vec![example(many)];
    let err =
        t.ws.set_good_examples(SetGoodExamples { meeting_id: m.id, examples }).await.unwrap_err();
    too_many(err, "examples.0.tags");
    let examples = vec![example(vec!["x".repeat(limits::TAG_MAX_CHARS + 1)])];
    let err =
        t.ws.set_good_examples(SetGoodExamples { meeting_id: m.id, examples }).await.unwrap_err();
    assert_eq!(
        (err.code, err.field.as_deref()),
        (ErrorCode::TextTooLong, Some("examples.0.tags.0"))
    );

    let entry = AttendanceEntry { person_id: PersonId(1), status: AttendanceStatus::Attended };
    let entries = vec![entry; limits::MAX_ATTENDANCE_ENTRIES + 1];
    let err = t.ws.set_attendance(SetAttendance { meeting_id: m.id, entries }).await.unwrap_err();
    too_many(err, "entries");

    // What failed changed nothing: the decisions saved at the limit are there.
    let detail = t.ws.meeting(samlar::kernel::values::ById { id: m.id }).await.unwrap();
    assert_eq!(detail.decisions.len(), limits::MAX_DECISIONS);
    assert!(detail.good_examples.is_empty());
}

#[tokio::test]
async fn goals_competences_and_search_text_have_their_limits() {
    let t = TestWorkspace::new().await;
    let mut partnership = draft("Målen");
    partnership.goals =
        vec![Goal { goal: "Mål".into(), expected_effect: String::new() }; limits::MAX_GOALS + 1];
    too_many(t.ws.create_partnership(partnership).await.unwrap_err(), "goals");

    let mut person = PersonDraft::new("Anna Exempel", None);
    person.competences = vec!["x".into(); limits::MAX_COMPETENCES + 1];
    too_many(t.ws.create_person(person.clone()).await.unwrap_err(), "competences");
    // Differing only in case, they are one competence.
    person.competences = (0..limits::MAX_COMPETENCES)
        .map(|i| if i % 2 == 0 { "Ledarskap".into() } else { "LEDARSKAP".into() })
        .collect();
    assert_eq!(t.ws.create_person(person).await.unwrap().summary.competences, ["Ledarskap"]);

    let text = "ö".repeat(limits::SEARCH_MAX_CHARS + 1);
    let err = t.ws.search(SearchQuery { text, partnership_id: None }).await.unwrap_err();
    assert_eq!((err.code, err.field.as_deref()), (ErrorCode::TextTooLong, Some("text")));
    let text = "ö".repeat(limits::SEARCH_MAX_CHARS);
    assert!(t.ws.search(SearchQuery { text, partnership_id: None }).await.unwrap().is_empty());
    let mut query = samlar::registry::person::PersonQuery::all();
    query.search = "a".repeat(limits::SEARCH_MAX_CHARS + 1);
    let request = samlar::kernel::page::PageRequest::first(query, 10);
    let err = t.ws.people(request).await.unwrap_err();
    assert_eq!((err.code, err.field.as_deref()), (ErrorCode::TextTooLong, Some("search")));
}

#[tokio::test]
async fn an_import_cell_of_a_hundred_thousand_competences_is_a_problem_of_its_row() {
    let t = TestWorkspace::new().await;
    let cell: Vec<String> = (0..100_000).map(|i| format!("kompetens {i}")).collect();
    let csv = format!("Namn;Kompetens\nDan Exempel;{}\nEva Exempel;Ledarskap\n", cell.join(","));
    let request = ImportRequest {
        kind: ImportKind::People,
        partnership_id: None,
        content_base64: base64::engine::general_purpose::STANDARD.encode(csv),
    };
    let preview = t.ws.preview_import(request).await.unwrap();
    let problem = &preview.problems[0];
    assert_eq!((problem.row, problem.code), (2, ErrorCode::TooMany), "{problem:?}");
    assert_eq!(preview.counts.create, 1);
}
