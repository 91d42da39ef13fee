//! Derived data follows what it is derived from. The core keeps two kinds,
//! each by its own rule, written next to the code that writes the tables:
//!
//! - the attendance tallies (migration 0006), kept by SQL triggers; the rule
//!   for Rust code is in `src/meetings/attendance.rs`: attendance is written
//!   by upsert or DELETE, never with REPLACE, whose deletions fire no trigger;
//! - the full-text search index, kept by `search::reindex` and
//!   `search::remove` calls in the same transaction as every write of
//!   indexed text; the rule and the indexed columns are in the `//!` of
//!   `src/meetings/{meeting,sections,action,follow_up}.rs` and at
//!   `search::reindex`.
//!
//! Each rule is checked here against a recomputation from the source tables,
//! after every kind of write that could break it; `derived_scan` keeps the
//! REPLACE rule by a scan of the sources.

use crate::common::{TestWorkspace, draft, municipality};
use samlar::Workspace;
use samlar::kernel::values::{ById, Gender, MeetingId, MeetingKind, PartnershipId, PersonId};
use samlar::meetings::action::{ActionDraft, ActionStatus, CreateAction, UpdateAction};
use samlar::meetings::attendance::{AttendanceEntry, AttendanceStatus, SetAttendance};
use samlar::meetings::draft::MeetingDraft;
use samlar::meetings::follow_up::RecordFollowUp;
use samlar::meetings::group_reflection::SetGroupReflection;
use samlar::meetings::meeting::{CreateMeeting, UpdateMeeting};
use samlar::meetings::sections::{
    AgendaItem, GoodExample, SetAgenda, SetDecisions, SetGoodExamples,
};
use samlar::registry::groups::{CreateGroup, GroupDraft, GroupKind};
use samlar::registry::person::{PersonDraft, UpdatePerson};
use samlar::search::{self, SearchQuery, SearchSource};
use sqlx::SqlitePool;
use std::path::Path;

/// The tallies hold exactly the counts of the raw tables, and no row of zeros.
pub(crate) async fn check_tallies(pool: &SqlitePool, context: &str) {
    let base = "SELECT a.meeting_id, coalesce(p.organisation_id, 0) AS organisation_key, \
                m.partnership_id, sum(a.status = 'invited') AS invited, \
                sum(a.status = 'attended') AS attended, sum(a.status = 'absent') AS absent, \
                sum(a.status = 'attended' AND p.gender = 'woman') AS women, \
                sum(a.status = 'attended' AND p.gender = 'man') AS men, \
                sum(a.status = 'attended' AND p.gender = 'other') AS other, \
                sum(a.status = 'attended' AND p.gender = 'not_stated') AS not_stated \
                FROM attendance a JOIN people p ON p.id = a.person_id \
                JOIN meetings m ON m.id = a.meeting_id GROUP BY 1, 2";
    let pairs = [
        (
            "attendance_tally",
            base.to_owned(),
            "SELECT meeting_id, organisation_key, partnership_id, invited, attended, absent, \
             women, men, other, not_stated FROM attendance_tally",
        ),
        (
            "attendance_tally_meeting",
            format!(
                "SELECT meeting_id, sum(women), sum(men), sum(other), sum(not_stated) \
                 FROM ({base}) GROUP BY meeting_id HAVING sum(attended) > 0"
            ),
            "SELECT meeting_id, women, men, other, not_stated FROM attendance_tally_meeting",
        ),
        (
            "attendance_tally_partnership",
            format!(
                "SELECT partnership_id, organisation_key, sum(invited), sum(attended), \
                 sum(absent), sum(attended > 0) FROM ({base}) \
                 GROUP BY partnership_id, organisation_key"
            ),
            "SELECT partnership_id, organisation_key, invited, attended, absent, \
             meetings_attended FROM attendance_tally_partnership",
        ),
    ];
    for (table, want, got) in pairs {
        let sql = format!(
            "SELECT (SELECT count(*) FROM ({want} EXCEPT {got})), \
                    (SELECT count(*) FROM ({got} EXCEPT {want}))"
        );
        let (missing, extra): (i64, i64) =
            sqlx::query_as(sqlx::AssertSqlSafe(sql)).fetch_one(pool).await.unwrap();
        assert_eq!((missing, extra), (0, 0), "{context}: {table} differs from a recount");
    }
}

/// An entry of the search index: the meeting its rowid places it under, the
/// meeting it names, where it comes from and its text.
type IndexRow = (i64, i64, String, String);

async fn index_rows(conn: &mut sqlx::SqliteConnection) -> Vec<IndexRow> {
    sqlx::query_as(
        "SELECT rowid >> 20, meeting_id, source, text FROM search_index ORDER BY 1, 2, 3, 4",
    )
    .fetch_all(conn)
    .await
    .unwrap()
}

/// The search index holds exactly what rebuilding it from the tables gives:
/// emptied, then `search::reindex` for every meeting, in a transaction that
/// is rolled back. Returns how many entries there are.
pub(crate) async fn check_search_index(ws: &Workspace, context: &str) -> usize {
    let mut tx = ws.pool().begin().await.unwrap();
    let got = index_rows(&mut tx).await;
    sqlx::query("DELETE FROM search_index").execute(&mut *tx).await.unwrap();
    let meetings: Vec<MeetingId> =
        sqlx::query_scalar("SELECT id FROM meetings").fetch_all(&mut *tx).await.unwrap();
    for id in meetings {
        search::reindex(&mut tx, id).await.unwrap();
    }
    let want = index_rows(&mut tx).await;
    tx.rollback().await.unwrap();
    assert_eq!(got, want, "{context}: the search index differs from a rebuild");
    got.len()
}

#[tokio::test]
async fn the_tallies_equal_a_recount_after_every_kind_of_write() {
    let t = TestWorkspace::new().await;
    let pool = t.ws.pool().clone();
    let p1 = t.ws.create_partnership(draft("CLN")).await.unwrap().id;
    let p2 = t.ws.create_partnership(draft("Dropin")).await.unwrap().id;
    let ume = t.ws.create_organisation(municipality("Umeå kommun", "2480")).await.unwrap().id;
    let ske = t.ws.create_organisation(municipality("Skellefteå kommun", "2482")).await.unwrap().id;
    let mut people = Vec::new();
    for (name, gender, organisation) in [
        ("A", Gender::Woman, Some(ume)),
        ("B", Gender::Man, Some(ume)),
        ("C", Gender::Other, Some(ske)),
        ("D", Gender::NotStated, None),
    ] {
        let d = PersonDraft { gender, ..PersonDraft::new(name, organisation) };
        people.push((t.ws.create_person(d.clone()).await.unwrap().summary.id, d));
    }
    let [a, b, c, d] = [0, 1, 2, 3].map(|i| people[i].0);
    let meeting = |p: PartnershipId, on: &str| CreateMeeting {
        partnership_id: p,
        draft: MeetingDraft::new(MeetingKind::Workshop, on),
    };
    let m1 = t.ws.create_meeting(meeting(p1, "2027-01-18")).await.unwrap().id;
    let m2 = t.ws.create_meeting(meeting(p1, "2027-02-18")).await.unwrap().id;
    let m3 = t.ws.create_meeting(meeting(p2, "2027-03-18")).await.unwrap().id;
    use AttendanceStatus::*;
    let set = |meeting_id, entries: &[(PersonId, AttendanceStatus)]| SetAttendance {
        meeting_id,
        entries: entries
            .iter()
            .map(|&(person_id, status)| AttendanceEntry { person_id, status })
            .collect(),
    };

    t.ws.set_attendance(set(m1, &[(a, Attended), (b, Attended), (c, Absent), (d, Invited)]))
        .await
        .unwrap();
    check_tallies(&pool, "attendance set").await;
    // B twice in one save: the second status wins, by upsert. A REPLACE here
    // would leave B's first status counted for good.
    t.ws.set_attendance(set(m1, &[(a, Absent), (b, Attended), (b, Invited), (c, Attended)]))
        .await
        .unwrap();
    check_tallies(&pool, "attendance changed, a person named twice").await;
    t.ws.set_attendance(set(m2, &[(a, Attended), (d, Attended), (a, Attended)])).await.unwrap();
    t.ws.set_attendance(set(m3, &[(c, Attended), (b, Absent), (d, Invited)])).await.unwrap();
    check_tallies(&pool, "attendance at three meetings").await;

    for (i, change) in ["gender", "organisation", "no organisation", "both"].iter().enumerate() {
        let (id, mut draft) = people[i].clone();
        match *change {
            "gender" => draft.gender = Gender::Man,
            "organisation" => draft.organisation_id = Some(ume),
            "no organisation" => draft.organisation_id = None,
            _ => (draft.gender, draft.organisation_id) = (Gender::Woman, Some(ske)),
        }
        t.ws.update_person(UpdatePerson { id, draft }).await.unwrap();
        check_tallies(&pool, &format!("person {id}: {change} changed")).await;
    }

    t.ws.delete_person(ById { id: b }).await.unwrap();
    check_tallies(&pool, "person deleted").await;
    t.ws.delete_meeting(ById { id: m1 }).await.unwrap();
    check_tallies(&pool, "meeting deleted").await;
    t.ws.set_attendance(set(m2, &[])).await.unwrap();
    check_tallies(&pool, "attendance emptied").await;
    let left: i64 =
        sqlx::query_scalar("SELECT count(*) FROM attendance_tally").fetch_one(&pool).await.unwrap();
    assert!(left > 0, "something is left to count (meeting {m3})");
}

#[tokio::test]
async fn the_search_index_equals_a_rebuild_after_every_kind_of_write() {
    let t = TestWorkspace::new().await;
    let ws = &t.ws;
    let p = ws.create_partnership(draft("Modellkommun 2027")).await.unwrap().id;
    let ume = ws.create_organisation(municipality("Umeå kommun", "2480")).await.unwrap().id;
    let mut m = Vec::new();
    for on in ["2027-01-18", "2027-04-20", "2027-08-24"] {
        let draft = MeetingDraft::new(MeetingKind::Learning, on);
        m.push(ws.create_meeting(CreateMeeting { partnership_id: p, draft }).await.unwrap().id);
    }
    check_search_index(ws, "meetings created").await;

    let mut record = MeetingDraft::new(MeetingKind::Learning, "2027-01-18");
    record.notes = "Vi pratade om hemtjänsten.".into();
    record.studied = "Budgetprocessen".into();
    record.learned = "Könsuppdelad statistik".into();
    record.reflection_best = "Förberedelserna".into();
    record.reflection_learn = "Att lyssna".into();
    record.reflection_develop = "Uppföljningen".into();
    ws.update_meeting(UpdateMeeting { id: m[0], draft: record.clone() }).await.unwrap();
    check_search_index(ws, "meeting updated").await;

    let item = AgendaItem {
        title: "Välkommen".into(),
        presenter_organisation_id: Some(ume),
        presenter_person_id: None,
        notes: "Kaffe".into(),
    };
    ws.set_agenda(SetAgenda { meeting_id: m[0], items: vec![item] }).await.unwrap();
    check_search_index(ws, "agenda set").await;
    let decisions = vec!["Nästa träff i Umeå".into()];
    ws.set_decisions(SetDecisions { meeting_id: m[0], decisions }).await.unwrap();
    check_search_index(ws, "decisions set").await;
    let example = GoodExample {
        title: "Jämställd budget".into(),
        description: "Så gjorde vi.".into(),
        organisation_id: Some(ume),
        tags: vec!["budget, styrning".into()],
    };
    ws.set_good_examples(SetGoodExamples { meeting_id: m[0], examples: vec![example] })
        .await
        .unwrap();
    assert_eq!(check_search_index(ws, "good examples set").await, 6, "every source of meeting 1");

    let create = |description: &str| CreateAction {
        meeting_id: m[0],
        draft: ActionDraft::new(description, Some(ume)),
    };
    let budget = ws.create_action(create("Budget per kön")).await.unwrap().id;
    check_search_index(ws, "action created").await;
    let draft = ActionDraft::new("Könsuppdelad budget", Some(ume));
    ws.update_action(UpdateAction { id: budget, draft }).await.unwrap();
    check_search_index(ws, "action updated").await;
    let follow = |action_id, meeting_id, note: &str| RecordFollowUp {
        action_id,
        meeting_id,
        status: ActionStatus::Ongoing,
        note: note.into(),
    };
    for (at, note) in [(m[1], "Påbörjad"), (m[1], "Halvvägs"), (m[2], "Nästan klar")] {
        ws.record_follow_up(follow(budget, at, note)).await.unwrap();
        check_search_index(ws, &format!("follow-up recorded at {at}: {note}")).await;
    }
    let training = ws.create_action(create("Utbilda nämnderna")).await.unwrap().id;
    ws.record_follow_up(follow(training, m[2], "Första nämnden klar")).await.unwrap();
    ws.delete_action(ById { id: training }).await.unwrap();
    check_search_index(ws, "action deleted with its follow-up at a later meeting").await;

    ws.set_decisions(SetDecisions { meeting_id: m[0], decisions: vec![] }).await.unwrap();
    check_search_index(ws, "decisions emptied").await;
    record.notes.clear();
    ws.update_meeting(UpdateMeeting { id: m[0], draft: record }).await.unwrap();
    check_search_index(ws, "notes emptied").await;
    let entries = vec![];
    ws.set_attendance(SetAttendance { meeting_id: m[0], entries }).await.unwrap();
    check_search_index(ws, "attendance set").await;

    ws.delete_meeting(ById { id: m[1] }).await.unwrap();
    check_search_index(ws, "a meeting with follow-ups deleted").await;
    // The action agreed at meeting 1 goes with it, and so does its
    // follow-up at meeting 3.
    ws.delete_meeting(ById { id: m[0] }).await.unwrap();
    check_search_index(ws, "a meeting with actions followed up later deleted").await;
    assert_eq!(check_search_index(ws, "at the end").await, 0, "nothing left to find");
}

/// Every indexed column, the file that writes it, and the source its hits
/// have. Each file's `//!` and the documentation of `search::reindex` list
/// these columns; the test below checks the lists and `search::reindex`'s
/// SQL against this one.
const INDEXED: &[(&str, &str, SearchSource)] = &[
    ("src/meetings/meeting.rs", "meetings.notes", SearchSource::Notes),
    ("src/meetings/meeting.rs", "meetings.studied", SearchSource::StudyVisit),
    ("src/meetings/meeting.rs", "meetings.learned", SearchSource::StudyVisit),
    ("src/meetings/meeting.rs", "meetings.reflection_best", SearchSource::Reflection),
    ("src/meetings/meeting.rs", "meetings.reflection_learn", SearchSource::Reflection),
    ("src/meetings/meeting.rs", "meetings.reflection_develop", SearchSource::Reflection),
    ("src/meetings/sections.rs", "agenda_items.title", SearchSource::Agenda),
    ("src/meetings/sections.rs", "agenda_items.notes", SearchSource::Agenda),
    ("src/meetings/sections.rs", "decisions.text", SearchSource::Decision),
    ("src/meetings/sections.rs", "good_examples.title", SearchSource::GoodExample),
    ("src/meetings/sections.rs", "good_examples.description", SearchSource::GoodExample),
    ("src/meetings/sections.rs", "good_examples.tags", SearchSource::GoodExample),
    ("src/meetings/action.rs", "actions.description", SearchSource::Action),
    ("src/meetings/follow_up.rs", "action_followups.note", SearchSource::FollowUp),
    (GROUPS, "group_reflections.reflection_best", SearchSource::Reflection),
    (GROUPS, "group_reflections.reflection_learn", SearchSource::Reflection),
    (GROUPS, "group_reflections.reflection_develop", SearchSource::Reflection),
];
const GROUPS: &str = "src/meetings/group_reflection.rs";

fn source_file(relative: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)).unwrap()
}

#[tokio::test]
async fn the_indexed_columns_are_listed_where_they_are_written() {
    let search_rs = source_file("src/search.rs");
    for (file, column, _) in INDEXED {
        let listed = format!("`{column}`");
        assert!(source_file(file).contains(&listed), "{file} does not list {listed}");
        assert!(search_rs.contains(&listed), "search::reindex does not list {listed}");
    }

    // A row in every indexed table, with text in the columns not indexed.
    let t = TestWorkspace::new().await;
    let ws = &t.ws;
    let p = ws.create_partnership(draft("Nätverket")).await.unwrap().id;
    let ume = ws.create_organisation(municipality("Umeå kommun", "2480")).await.unwrap().id;
    let mut m = Vec::new();
    for on in ["2027-01-18", "2027-04-20"] {
        let mut d = MeetingDraft::new(MeetingKind::Workshop, on);
        (d.title, d.venue_name, d.venue_address) = ("Titel".into(), "Lokal".into(), "Gata".into());
        (d.accessibility_notes, d.start_time) = ("Ramp".into(), "09:00".into());
        m.push(ws.create_meeting(CreateMeeting { partnership_id: p, draft: d }).await.unwrap().id);
    }
    let item = AgendaItem {
        title: "x".into(),
        presenter_organisation_id: Some(ume),
        presenter_person_id: None,
        notes: "x".into(),
    };
    ws.set_agenda(SetAgenda { meeting_id: m[0], items: vec![item] }).await.unwrap();
    ws.set_decisions(SetDecisions { meeting_id: m[0], decisions: vec!["x".into()] }).await.unwrap();
    let example = GoodExample {
        title: "x".into(),
        description: "x".into(),
        organisation_id: None,
        tags: vec![],
    };
    ws.set_good_examples(SetGoodExamples { meeting_id: m[0], examples: vec![example] })
        .await
        .unwrap();
    let draft = ActionDraft { due_date: "2027-03-01".into(), ..ActionDraft::new("x", Some(ume)) };
    let action = ws.create_action(CreateAction { meeting_id: m[0], draft }).await.unwrap().id;
    let follow_up = RecordFollowUp {
        action_id: action,
        meeting_id: m[1],
        status: ActionStatus::Done,
        note: "x".into(),
    };
    ws.record_follow_up(follow_up).await.unwrap();
    let kind = GroupKind::ReflectionGroup;
    let draft = GroupDraft { kind, name: "Grupp".into(), purpose: "Syfte".into() };
    let group = ws.create_group(CreateGroup { partnership_id: p, draft }).await.unwrap().id;
    let answers = SetGroupReflection {
        meeting_id: m[0],
        group_id: group,
        reflection_best: "x".into(),
        reflection_learn: "x".into(),
        reflection_develop: "x".into(),
    };
    ws.set_group_reflection(answers).await.unwrap();

    // A word of its own in each listed column, then the index rebuilt.
    let word = |i: usize| format!("zq{i:02}x");
    let mut tx = ws.pool().begin().await.unwrap();
    for (i, (_, column, _)) in INDEXED.iter().enumerate() {
        let (table, column) = column.split_once('.').unwrap();
        let sql = format!("UPDATE {table} SET {column} = '{}'", word(i));
        sqlx::query(sqlx::AssertSqlSafe(sql)).execute(&mut *tx).await.unwrap();
    }
    for &id in &m {
        search::reindex(&mut tx, id).await.unwrap();
    }
    tx.commit().await.unwrap();

    // Each word is found, under its source ...
    for (i, (_, column, source)) in INDEXED.iter().enumerate() {
        let query = SearchQuery { text: word(i), partnership_id: None };
        let hits = ws.search(query).await.unwrap();
        assert!(!hits.is_empty(), "{column} is not indexed");
        assert!(hits.iter().all(|h| h.source == *source), "{column}: {hits:?}");
    }
    // ... and the index holds nothing else: no column left off the list.
    let words: Vec<String> = (0..INDEXED.len()).map(word).collect();
    let mut conn = ws.pool().acquire().await.unwrap();
    for (_, _, source, text) in index_rows(&mut conn).await {
        for line in text.lines() {
            assert!(words.iter().any(|w| w == line), "{source} indexes more: {line:?}");
        }
    }
}
