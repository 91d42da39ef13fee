//! One person's data under the GDPR: the export holds everything about them
//! (article 15), and erasing them leaves no trace in the database file or
//! its WAL while the statistics of past meetings stay as they were
//! (article 17).

use crate::common::{TestWorkspace, draft, municipality};
use samlar::kernel::values::{ById, Gender, MeetingKind, PersonId};
use samlar::meetings::action::{ActionDraft, CreateAction};
use samlar::meetings::attendance::{AttendanceEntry, AttendanceStatus, SetAttendance};
use samlar::meetings::draft::MeetingDraft;
use samlar::meetings::meeting::{CreateMeeting, UpdateMeeting};
use samlar::meetings::sections::{AgendaItem, SetAgenda, SetDecisions};
use samlar::meetings::statistics::StatisticsScope;
use samlar::privacy::mentions::{TextPlace, searched_columns};
use samlar::registry::partnership::UpdatePartnership;
use samlar::registry::person::PersonDraft;
use samlar::{ErrorCode, Workspace};
use std::collections::BTreeSet;

const NAME: &str = "Zebulonia Kvistgård";
const EMAIL: &str = "zebulonia.kvistgard@exempel.se";
const NEEDS: &str = "Teckenspråkstolk Vrålbergsk";

struct Recorded {
    t: TestWorkspace,
    person: PersonId,
    meeting: samlar::kernel::values::MeetingId,
    partnership: samlar::kernel::values::PartnershipId,
}

/// A partnership whose meeting the person attended, presented at and took an
/// action from, whose contact they are, and whose notes name them.
async fn recorded() -> Recorded {
    let t = TestWorkspace::new().await;
    let org = t.ws.create_organisation(municipality("Umeå kommun", "2480")).await.unwrap();
    let mut d = PersonDraft::new(NAME, Some(org.id));
    d.email = EMAIL.into();
    d.gender = Gender::Woman;
    d.accessibility_needs = NEEDS.into();
    d.competences = vec!["Vrålbergsk samverkan".into()];
    let person = t.ws.create_person(d).await.unwrap().summary.id;
    let other = t.ws.create_person(PersonDraft::new("Bo Exempel", Some(org.id))).await.unwrap();
    let p = t.ws.create_partnership(draft("Dropin")).await.unwrap();
    let mut charter = draft("Dropin");
    charter.contact_person_id = Some(person);
    t.ws.update_partnership(UpdatePartnership { id: p.id, draft: charter }).await.unwrap();
    let meeting =
        t.ws.create_meeting(CreateMeeting {
            partnership_id: p.id,
            draft: MeetingDraft::new(MeetingKind::Learning, "2027-04-20"),
        })
        .await
        .unwrap()
        .id;
    let mut m = MeetingDraft::new(MeetingKind::Learning, "2027-04-20");
    m.notes = format!("{} berättade om tolkning. Mejla {EMAIL}.", NAME.to_uppercase());
    m.extra_men = 2;
    t.ws.update_meeting(UpdateMeeting { id: meeting, draft: m }).await.unwrap();
    let entries = vec![
        AttendanceEntry { person_id: person, status: AttendanceStatus::Attended },
        AttendanceEntry { person_id: other.summary.id, status: AttendanceStatus::Attended },
    ];
    t.ws.set_attendance(SetAttendance { meeting_id: meeting, entries }).await.unwrap();
    let item = AgendaItem {
        title: "Tolkning på distans".into(),
        presenter_organisation_id: Some(org.id),
        presenter_person_id: Some(person),
        notes: String::new(),
    };
    t.ws.set_agenda(SetAgenda { meeting_id: meeting, items: vec![item] }).await.unwrap();
    let mut action = ActionDraft::new("Boka tolk till nästa träff", Some(org.id));
    action.responsible_person_id = Some(person);
    t.ws.create_action(CreateAction { meeting_id: meeting, draft: action }).await.unwrap();
    Recorded { t, person, meeting, partnership: p.id }
}

#[tokio::test]
async fn the_export_holds_attendance_presentations_actions_and_mentions() {
    let r = recorded().await;
    // in a column outside the search index, and in mixed case outside ASCII
    let mut charter = draft("Dropin");
    charter.contact_person_id = Some(r.person);
    charter.purpose = format!("Frågor till {EMAIL}.");
    let id = r.partnership;
    r.t.ws.update_partnership(UpdatePartnership { id, draft: charter }).await.unwrap();
    let decisions = vec!["zebulonia KVISTGÅRD bokar tolk.".into()];
    r.t.ws.set_decisions(SetDecisions { meeting_id: r.meeting, decisions }).await.unwrap();
    let export = r.t.ws.person_export(ById { id: r.person }).await.unwrap();
    assert_eq!(export.sensitive_fields, ["person.accessibilityNeeds"]);
    assert_eq!(export.person.accessibility_needs, NEEDS);
    assert_eq!(export.person.summary.competences, ["Vrålbergsk samverkan"]);
    assert_eq!(export.contact_for.len(), 1);
    let attended: Vec<_> = export.attendance.iter().map(|a| (a.meeting.id, a.status)).collect();
    assert_eq!(attended, [(r.meeting, AttendanceStatus::Attended)]);
    assert_eq!(export.presented.len(), 1);
    assert_eq!(export.presented[0].title, "Tolkning på distans");
    assert_eq!(export.responsible_for.len(), 1);
    assert_eq!(export.responsible_for[0].description, "Boka tolk till nästa träff");
    let mentions: Vec<_> = export.mentions.iter().map(|m| m.place).collect();
    assert_eq!(
        mentions,
        [TextPlace::PartnershipPurpose, TextPlace::MeetingNotes, TextPlace::Decision]
    );
    assert_eq!(export.mentions[0].excerpt, format!("Frågor till {EMAIL}."));
    assert_eq!(export.mentions[2].excerpt, "zebulonia KVISTGÅRD bokar tolk.");
    let m = &export.mentions[1];
    assert_eq!(m.meeting.as_ref().map(|m| m.id), Some(r.meeting));
    assert_eq!(m.partnership.id, r.partnership);
    assert!(m.excerpt.contains("ZEBULONIA KVISTGÅRD berättade"), "{}", m.excerpt);

    let file = r.t.ws.person_export_file(ById { id: r.person }).await.unwrap();
    let json: serde_json::Value = serde_json::from_slice(&file.bytes).unwrap();
    assert_eq!(json["sensitiveFields"][0], "person.accessibilityNeeds");
    assert_eq!(json["person"]["accessibilityNeeds"], NEEDS);
    assert_eq!(json["attendance"][0]["status"], "attended");
    assert_eq!(json["mentions"][1]["place"], "meeting_notes");
}

#[tokio::test]
async fn the_preview_says_what_erasure_will_do_and_where_the_name_is_written() {
    let r = recorded().await;
    let preview = r.t.ws.person_erasure_preview(ById { id: r.person }).await.unwrap();
    assert_eq!(
        (
            preview.attended,
            preview.invited_or_absent,
            preview.presented,
            preview.responsible_for,
            preview.contact_roles
        ),
        (1, 0, 1, 1, 1)
    );
    assert_eq!(preview.mentions.len(), 1);
    let err = r.t.ws.person_erasure_preview(ById { id: PersonId(9999) }).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::NotFound);
}

/// Whether the bytes of the database file or its WAL hold `text`.
fn in_files(t: &TestWorkspace, text: &str) -> Vec<String> {
    let db = t.db_path();
    let wal = db.with_extension("sqlite3-wal");
    [db, wal]
        .iter()
        .filter(|path| {
            std::fs::read(path)
                .is_ok_and(|bytes| bytes.windows(text.len()).any(|w| w == text.as_bytes()))
        })
        .map(|path| path.display().to_string())
        .collect()
}

async fn women_at(ws: &Workspace, r: &Recorded) -> (i64, i64, i64) {
    let stats = ws.statistics(StatisticsScope::partnership(r.partnership)).await.unwrap();
    (stats.total.women, stats.total.men, stats.total.total)
}

#[tokio::test]
async fn erasure_leaves_no_trace_in_the_file_and_keeps_the_headcounts() {
    let r = recorded().await;
    let before = women_at(&r.t.ws, &r).await;
    assert_eq!(before, (1, 2, 4), "the person, Bo (gender not stated) and two extra men");
    // the coordinator edits the note the preview listed
    let mut m = MeetingDraft::new(MeetingKind::Learning, "2027-04-20");
    m.notes = "En deltagare berättade om tolkning.".into();
    m.extra_men = 2;
    r.t.ws.update_meeting(UpdateMeeting { id: r.meeting, draft: m }).await.unwrap();
    let traces = [NAME, "zebulonia", "Zebulonia", "ZEBULONIA", EMAIL, "Vrålbergsk"];
    assert!(!in_files(&r.t, NAME).is_empty(), "the test looks where the name is");

    r.t.ws.delete_person(ById { id: r.person }).await.unwrap();

    for trace in traces {
        assert_eq!(in_files(&r.t, trace), Vec::<String>::new(), "{trace} is still in the file");
    }
    assert_eq!(women_at(&r.t.ws, &r).await, before, "the statistics do not change");
    let meeting = r.t.ws.meeting(ById { id: r.meeting }).await.unwrap();
    assert_eq!(meeting.meeting.extra_women, 1);
    let err = r.t.ws.person(ById { id: r.person }).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::NotFound);
    let err = r.t.ws.delete_person(ById { id: r.person }).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::NotFound);
}

#[tokio::test]
async fn a_second_erasure_needs_no_rewrite_and_still_leaves_no_trace() {
    let r = recorded().await;
    let bo = r.t.ws.create_person(PersonDraft::new("Quintus Ödmjuksson", None)).await.unwrap();
    r.t.ws.delete_person(ById { id: bo.summary.id }).await.unwrap();
    let pending: Option<String> =
        sqlx::query_scalar("SELECT value FROM settings WHERE key = 'erasure_scrub_pending'")
            .fetch_optional(r.t.ws.pool())
            .await
            .unwrap();
    assert_eq!(pending, None, "the first erasure rewrote the file");
    let mut m = MeetingDraft::new(MeetingKind::Learning, "2027-04-20");
    m.notes = "Inget namn längre.".into();
    r.t.ws.update_meeting(UpdateMeeting { id: r.meeting, draft: m }).await.unwrap();
    r.t.ws.delete_person(ById { id: r.person }).await.unwrap();
    for trace in [NAME, "zebulonia", EMAIL, "Vrålbergsk", "Ödmjuksson"] {
        assert_eq!(in_files(&r.t, trace), Vec::<String>::new(), "{trace} is still in the file");
    }
}

/// Every TEXT column of the schema is either searched for mentions or named
/// here as not being free text a coordinator writes about people.
#[tokio::test]
async fn every_column_of_free_text_is_searched_for_mentions() {
    let t = TestWorkspace::new().await;
    let not_free_text: BTreeSet<&str> = [
        // names and keys of records, not text about people
        "partnerships.name",
        "partnerships.name_key",
        "organisations.name",
        "organisations.name_key",
        "organisations.code",
        "organisations.county",
        // the person's own record goes with them
        "people.name",
        "people.name_key",
        "people.title",
        "people.email",
        "people.email_key",
        "people.phone",
        "people.accessibility_needs",
        "person_competences.competence",
        // a web address, checked to be one
        "meetings.online_link",
        // Agenda templates are headings for meetings to come, kept on this
        // computer only: a record of no one (shown and edited on the
        // partnership page).
        "agenda_templates.meeting_kind",
        "agenda_templates.name",
        "agenda_template_items.title",
        "agenda_template_items.notes",
        // an attachment's copy of its agenda item's title (searched there),
        // its file's name in the data folder (a checksum) and when it came
        "attachments.agenda_title",
        "attachments.stored_name",
        "attachments.added_at",
        // scratch rows of an agenda being replaced, gone by the end of the
        // write (`attachment::follow_agenda`, also after a package); and the
        // files a backup carries, empty in a live database
        "agenda_items_replaced.title",
        "backup_files.stored_name",
        // values from fixed lists, dates and times
        "partnerships.kind",
        "partnerships.start_date",
        "partnerships.end_date",
        "partnerships.archived_at",
        "partnerships.phase",
        "organisations.kind",
        "organisations.archived_at",
        "people.level",
        "people.gender",
        "memberships.role",
        "memberships.country",
        "memberships.network_level",
        "memberships.cluster",
        "memberships.completed_on",
        "meetings.kind",
        "meetings.date",
        "meetings.start_time",
        "meetings.end_time",
        "attendance.status",
        "actions.due_date",
        "actions.agreed_status",
        "actions.status",
        "action_followups.status",
        "action_followups.recorded_at",
        "pairings.start_date",
        "pairings.end_date",
        "pairings.status",
        "pairing_contacts.side",
        "meeting_approvals.event",
        "meeting_approvals.on_date",
        "meeting_approvals.recorded_at",
        "partnership_roles.role",
        "partnership_roles.start_date",
        "partnership_roles.end_date",
        "partnership_groups.kind",
        "meetings.mode",
        // the register of venues: places, not people, and no partnership of
        // their own to name in a mention; a meeting's copy of a venue's
        // name, address and notes is searched with the meeting
        "venues.name",
        "venues.address",
        "venues.accessibility_notes",
        "venues.notes",
        "venues.archived_at",
        // indicators: figures, their units and keys, dates; a logo's type,
        // file name and when it came
        "indicators.name",
        "indicators.unit",
        "indicators.baseline_date",
        "indicators.target_date",
        "indicators.kolada_id",
        "indicators.created_at",
        "indicator_values.measured_on",
        "partnerships.expected_levels",
        "logos.media_type",
        "logos.file_name",
        "logos.created_at",
        // internal: settings, migrations, exchange identities
        "settings.key",
        "settings.value",
        "_sqlx_migrations.description",
        "records.uuid",
        "records.kind",
        "records.version",
        "records.changed_at",
        "records.changed_by",
        "records.deleted_at",
        "applying.kind",
        "applying.uuid",
        "applying.version",
        "applying.changed_at",
        "applying.changed_by",
        // the shared workspace: the server's address and names, ids,
        // versions, times and error codes
        "shared_workspace.host",
        "shared_workspace.database",
        "shared_workspace.user_name",
        "shared_workspace.tls",
        "shared_workspace.workspace_id",
        "shared_workspace.workspace_name",
        "shared_workspace.scopes",
        "shared_workspace.joined_at",
        "shared_workspace.last_synced_at",
        "shared_workspace.offline_since",
        "shared_workspace.last_error",
        "outbox.uuid",
        "sync_conflicts.uuid",
        "sync_conflicts.arrived_at",
        "shared_scope_rows.scope",
        "shared_scope_rows.uuid",
        "shared_scope_rows.version",
        // a record from the shared workspace waiting for a choice: erasing a
        // person it names is refused until it is settled (delete_person)
        "sync_conflicts.arrived",
    ]
    .into_iter()
    .collect();
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%' \
         AND name NOT LIKE 'search_index%' AND name NOT LIKE 'sqlite_%'",
    )
    .fetch_all(t.ws.pool())
    .await
    .unwrap();
    let searched: BTreeSet<String> = searched_columns().into_iter().collect();
    let mut missing = Vec::new();
    for table in tables {
        let columns: Vec<(String, String)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT name, type FROM pragma_table_info('{table}')"
        )))
        .fetch_all(t.ws.pool())
        .await
        .unwrap();
        for (column, kind) in columns {
            let name = format!("{table}.{column}");
            let text = kind.eq_ignore_ascii_case("TEXT");
            let accounted = searched.contains(&name) || not_free_text.contains(name.as_str());
            if text
                && !accounted
                && !column.ends_with("created_at")
                && !column.ends_with("updated_at")
            {
                missing.push(name);
            }
        }
    }
    assert_eq!(missing, Vec::<String>::new(), "free text not searched for a person's name");
}
