//! A valid input for every command, with ids from the demo data: what the
//! hostile test mutates.

use serde_json::{Map, Value, json};
use sqlx::SqliteConnection;

#[derive(Debug)]
pub struct Ids {
    pub partnership: i64,
    pub round: i64,
    pub organisation: i64,
    pub other_organisation: i64,
    pub person: i64,
    pub membership: i64,
    pub meeting: i64,
    /// The partnership of `meeting` (its groups can answer its reflection).
    pub meeting_partnership: i64,
    pub later_meeting: i64,
    pub action: i64,
    pub pairing: i64,
    pub package: String,
}

pub async fn ids(conn: &mut SqliteConnection, package: String) -> Ids {
    async fn one(conn: &mut SqliteConnection, sql: &str) -> i64 {
        // Zero when there is none: a command then gets an id that does not exist.
        sqlx::query_scalar(sqlx::AssertSqlSafe(format!("SELECT coalesce(({sql}), 0)")))
            .fetch_one(&mut *conn)
            .await
            .unwrap_or_else(|e| panic!("{sql}: {e}"))
    }
    let round =
        one(conn, "SELECT id FROM partnerships WHERE kind = 'model_municipality_round'").await;
    let action = one(conn, "SELECT min(id) FROM actions").await;
    // The meeting of the first action (the demo's recorded cycles have
    // actions: the first is the Equal network's, at its first coordinator
    // meeting, so `later_meeting` is that network's study visit), or, with
    // no action anywhere, the first meeting of the first partnership that
    // has any. `round` is the first round, the 2027 one, which has no
    // meetings.
    let meeting = one(
        conn,
        &format!(
            "SELECT coalesce((SELECT meeting_id FROM actions WHERE id = {action}), \
             (SELECT id FROM meetings ORDER BY partnership_id, date, id LIMIT 1))"
        ),
    )
    .await;
    Ids {
        partnership: one(conn, "SELECT min(id) FROM partnerships").await,
        round,
        organisation: one(conn, "SELECT min(id) FROM organisations").await,
        other_organisation: one(conn, "SELECT max(id) FROM organisations").await,
        person: one(conn, "SELECT min(id) FROM people").await,
        membership: one(conn, "SELECT min(id) FROM memberships").await,
        meeting,
        meeting_partnership: one(
            conn,
            &format!("SELECT partnership_id FROM meetings WHERE id = {meeting}"),
        )
        .await,
        later_meeting: one(
            conn,
            &format!(
                "SELECT m.id FROM meetings m JOIN meetings am ON am.id = {meeting} \
                 WHERE m.partnership_id = am.partnership_id AND m.date > am.date \
                 ORDER BY m.date LIMIT 1"
            ),
        )
        .await,
        action,
        pairing: one(conn, "SELECT min(id) FROM pairings").await,
        package,
    }
}

/// A valid input for each command that takes one; `None` for those without.
pub fn sample(cmd: &str, i: &Ids) -> Option<Value> {
    let partnership_draft = json!({
        "name": "Provpartnerskap", "kind": "benchlearning", "phase": "planning",
        "purpose": "Lära av varandra", "sharedProblem": "", "delimitation": "",
        "startDate": "2027-01-10", "endDate": null, "projectOwnerId": null,
        "contactPersonId": null, "fundingSource": "", "budget": "41 400", "granted": "20 700",
        "region": "Norr", "mandateNotes": "", "powerBalanceNotes": "",
        "missingPartnersNotes": "", "carryHomeNotes": "",
        "goals": [{"goal": "Mål", "expectedEffect": "Effekt"}]
    });
    let organisation_draft = json!({
        "name": "Provkommun", "kind": "municipality", "code": "", "county": "Norrbotten",
        "employees": "1 200"
    });
    let venue_draft = json!({
        "name": "Provlokal", "address": "Storgatan 1", "organisationId": i.other_organisation,
        "stepFreeEntrance": true, "noThresholds": false, "lift": null, "accessibleToilet": true,
        "hearingLoop": null, "accessibleSeating": null, "accessibilityNotes": "Ramp",
        "notes": ""
    });
    let person_draft = json!({
        "name": "Prov Person", "organisationId": i.organisation, "title": "Strateg",
        "level": "strategist", "email": "", "phone": "", "gender": "not_stated",
        "hasMandate": false, "competences": ["Ledarskap", "gender_equality"],
        "accessibilityNeeds": ""
    });
    let membership_draft = json!({
        "partnershipId": i.partnership, "organisationId": i.other_organisation,
        "role": "participant", "country": "", "networkLevel": "whole", "cluster": ""
    });
    let meeting_draft = json!({
        "kind": "workshop", "number": null, "title": "Prov", "date": "2027-05-11",
        "startTime": "09:30", "endTime": "12:00", "venueName": "", "venueAddress": "",
        "onlineLink": "https://example.org/m", "stepFreeEntrance": null, "noThresholds": null,
        "lift": true, "accessibleToilet": null, "hearingLoop": null, "accessibleSeating": null,
        "accessibilityNotes": "", "hostOrganisationId": i.organisation,
        "visitorIds": [i.other_organisation], "studied": "", "learned": "", "notes": "Anteckning",
        "reflectionBest": "", "reflectionLearn": "", "reflectionDevelop": "", "extraWomen": 1,
        "extraMen": 0, "extraOther": 0, "extraNotStated": 0, "pairingId": null,
        "venueId": null, "mode": "digital"
    });
    let action_draft = json!({
        "organisationId": i.organisation, "description": "Göra något", "responsiblePersonId": null,
        "dueDate": "2027-09-01", "status": "planned"
    });
    let pairing_draft = json!({
        "partnershipId": i.round, "mentorOrganisationId": i.organisation,
        "participantIds": [i.other_organisation], "mentorContactIds": [],
        "participantContactIds": [], "startDate": "2027-01-01", "endDate": "",
        "status": "completed", "endReason": "", "notes": ""
    });
    let template_draft = json!({
        "partnershipId": i.partnership, "meetingKind": "learning", "name": "Provmall",
        "items": [{"title": "Incheckning", "notes": "Runda"}, {"title": "", "notes": ""}]
    });
    let person_query = json!({
        "search": "a", "organisationId": null, "partnershipId": null, "level": null, "sort": "name"
    });
    let good_example_filter = json!({
        "tag": "skola", "organisationId": i.organisation, "partnershipId": null,
        "from": "2020-01-01", "to": "2030-12-31", "search": "exempel"
    });
    let indicator_draft = json!({
        "goalPosition": null, "name": "Provindikator", "unit": "procent", "baseline": 10.5,
        "baselineDate": "2026-12-31", "target": 20, "targetDate": "2028-12-31",
        "source": "SCB", "koladaId": "N00945", "byGender": false
    });
    let organisation_query =
        json!({"search": "kommun", "kind": null, "includeArchived": true, "sort": "name"});
    let partnership_query = json!({"search": "", "status": "all", "kind": null, "sort": "newest"});
    let csv = "Namn;Typ;Kommunkod\nProvkommun;Kommun;2482\n";
    let content = base64::Engine::encode(&base64::engine::general_purpose::STANDARD, csv);
    Some(match cmd {
        "list_partnerships" => partnership_query,
        "get_partnership" => json!({"id": i.partnership}),
        "list_meetings" => json!({
            "query": {"id": i.partnership}, "limit": 50,
            "after": {"rank": 0, "group": "2026-01-01", "key": "09:00", "id": i.meeting}
        }),
        "create_partnership" => partnership_draft,
        "update_partnership" => json!({"id": i.partnership, "draft": partnership_draft}),
        "set_partnership_archived" => json!({"id": i.partnership, "archived": false}),
        "list_organisations" => json!({"query": organisation_query, "after": null, "limit": 200}),
        "organisation_names" => json!({"includeArchived": false}),
        "get_organisation"
        | "organisation_memberships"
        | "organisation_dependents"
        | "organisation_actions"
        | "organisation_lineage" => json!({"id": i.organisation}),
        "delete_organisation" => json!({"id": i.other_organisation}),
        "create_organisation" => organisation_draft,
        "update_organisation" => json!({"id": i.other_organisation, "draft": organisation_draft}),
        "set_organisation_archived" => json!({"id": i.organisation, "archived": false}),
        // The demo data has no venue: create_venue, first of them in
        // COMMANDS, makes venue 1 for the others.
        "create_venue" => venue_draft,
        "list_venues" => json!({"includeArchived": true}),
        "get_venue" => json!({"id": 1}),
        "update_venue" => json!({"id": 1, "draft": venue_draft}),
        "set_venue_archived" => json!({"id": 1, "archived": false}),
        "list_people" => json!({
            "query": person_query, "limit": 200,
            "after": {"rank": 0, "group": "", "key": "anna", "id": i.person}
        }),
        "get_person" | "delete_person" | "export_person" | "person_erasure_preview" => {
            json!({"id": i.person})
        }
        "create_person" => person_draft,
        "update_person" => json!({"id": i.person, "draft": person_draft}),
        "add_membership" => membership_draft,
        // The demo data has no roles or groups: add_role and create_group,
        // first of theirs in COMMANDS, make role 1 and group 1 (in the
        // partnership of the meeting whose reflection it answers).
        "add_role" => json!({
            "partnershipId": i.partnership, "personId": i.person, "role": "trainer",
            "startDate": "2027-01-01", "endDate": null
        }),
        "end_role" => json!({"id": 1, "endDate": "2027-06-30"}),
        "remove_role" | "delete_group" => json!({"id": 1}),
        "create_group" => json!({"partnershipId": i.meeting_partnership, "draft": {
            "kind": "reflection_group", "name": "Provgrupp", "purpose": "Reflektion"
        }}),
        "update_group" => json!({"id": 1, "draft": {
            "kind": "subgroup", "name": "Provgrupp", "purpose": ""
        }}),
        "set_group_members" => json!({"groupId": 1, "personIds": [i.person]}),
        "set_group_reflection" => json!({
            "meetingId": i.meeting, "groupId": 1, "reflectionBest": "Lyssnar",
            "reflectionLearn": "", "reflectionDevelop": ""
        }),
        // The demo data may have no indicator: create_indicator, first of
        // them in COMMANDS, makes one; indicator 1 exists either way. The
        // value set is the one deleted (deleting goes last).
        "create_indicator" => json!({"partnershipId": i.partnership, "draft": indicator_draft}),
        "list_indicators" => json!({"id": i.partnership}),
        "update_indicator" => json!({"id": 1, "draft": indicator_draft}),
        "delete_indicator" => json!({"id": 1}),
        "set_indicator_value" => json!({
            "indicatorId": 1, "measuredOn": "2027-06-30", "value": 12.5, "women": null,
            "men": null, "note": "Första mätningen"
        }),
        "delete_indicator_value" => json!({"indicatorId": 1, "measuredOn": "2027-06-30"}),
        "update_membership" => json!({"id": i.membership, "draft": membership_draft}),
        "remove_membership" => json!({"id": i.membership}),
        "preview_import" | "apply_import" => {
            json!({"kind": "organisations", "partnershipId": null, "contentBase64": content})
        }
        "export_csv" => json!({
            "list": "actions", "partnershipId": i.meeting_partnership,
            "from": "2026-01-01", "to": "2027-12-31"
        }),
        "export_pdf" => json!({
            "document": {"document": "session_summary", "meetingId": i.meeting},
            "archival": false, "open": false
        }),
        "minutes_email" => json!({"meetingId": i.meeting, "open": false}),
        "export_calendar" => {
            json!({"calendar": {"calendar": "meeting", "meetingId": i.meeting}, "open": false})
        }
        "create_meeting" => json!({"partnershipId": i.partnership, "draft": meeting_draft}),
        "update_meeting" => json!({"id": i.meeting, "draft": meeting_draft}),
        "get_meeting" | "delete_meeting" => json!({"id": i.meeting}),
        "propose_cycle" => json!({"partnershipId": i.partnership, "startDate": "2027-08-16"}),
        "save_cycle" => json!({"partnershipId": i.partnership, "meetings": [
            {"kind": "startup", "number": null, "date": "2027-08-16"},
            {"kind": "learning", "number": 7, "date": "2027-09-13"}
        ]}),
        "set_agenda" => json!({"meetingId": i.meeting, "items": [{
            "title": "Punkt", "presenterOrganisationId": i.organisation,
            "presenterPersonId": i.person, "notes": "Noter"
        }]}),
        // The demo data has no template: create_agenda_template, first of
        // them in COMMANDS, makes template 1 for the others (and the agenda
        // set above is saved as one). Deleting and removing run last.
        "list_agenda_templates" => json!({"partnershipId": i.partnership}),
        "create_agenda_template" => template_draft,
        "update_agenda_template" => json!({"id": 1, "draft": template_draft}),
        "delete_agenda_template" | "remove_attachment" | "open_attachment" => json!({"id": 1}),
        "save_agenda_as_template" => json!({
            "meetingId": i.meeting, "name": "Sparad mall", "forPartnership": true, "forKind": false
        }),
        "agenda_choices" | "list_attachments" => json!({"id": i.meeting}),
        "apply_agenda" => json!({
            "meetingId": i.meeting, "from": {"source": "template", "templateId": 1}, "replace": true
        }),
        // A file's bytes, as the window reads the picked file (like a package).
        "add_attachment" => json!({
            "meetingId": i.meeting, "agendaPosition": 0, "fileName": "Närvarolista.pdf",
            "contentBase64": content
        }),
        // A two-pixel PNG, as the window reads the picked file.
        "set_logo" => json!({
            "partnershipId": i.partnership, "fileName": "logotyp.png",
            "contentBase64": "iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAIAAAB7QOjdAAAADUlEQVR4nGP4zwAE/wEHAAH/4iOeWQAAAABJRU5ErkJggg=="
        }),
        "get_logos" | "remove_logo" => json!({"partnershipId": i.partnership}),
        "set_decisions" => json!({"meetingId": i.meeting, "decisions": ["Beslut", ""]}),
        "set_good_examples" => json!({"meetingId": i.meeting, "examples": [{
            "title": "Exempel", "description": "", "organisationId": i.organisation,
            "tags": ["skola, vård"]
        }]}),
        "set_attendance" => json!({"meetingId": i.meeting, "entries": [
            {"personId": i.person, "status": "attended"}
        ]}),
        "create_action" => json!({"meetingId": i.meeting, "draft": action_draft}),
        "update_action" => json!({"id": i.action, "draft": action_draft}),
        "delete_action" => json!({"id": i.action}),
        "record_follow_up" => json!({
            "actionId": i.action, "meetingId": i.later_meeting, "status": "ongoing", "note": "Gick bra"
        }),
        // Run one after the other (their order in COMMANDS): the meeting is
        // approved, then unlocked again for the commands after them.
        "approve_meeting" => {
            json!({"meetingId": i.meeting, "approverIds": [i.person], "onDate": "2026-11-30"})
        }
        "unlock_meeting" => {
            json!({"meetingId": i.meeting, "personId": i.person, "reason": "Rättelse"})
        }
        "get_statistics" => {
            json!({"partnershipId": i.partnership, "meetingId": null, "from": "2027-01-01"})
        }
        "statistics_overview" => json!({
            "kind": "model_municipality_round", "from": "2026-01-01", "to": "2026-12-31",
            "includeArchived": true
        }),
        "attendance_by_level" => json!({
            "partnershipId": i.round, "meetingId": null, "from": "2026-01-01", "to": ""
        }),
        "expected_levels" => json!({"id": i.round}),
        "set_expected_levels" => json!({
            "partnershipId": i.round, "levels": ["politician", "senior_manager", "strategist"]
        }),
        "delegations" => json!({"partnershipId": i.round, "from": null, "to": "2030-12-31"}),
        "search" => json!({"text": "plan", "partnershipId": null}),
        "list_good_examples" => good_example_filter,
        "set_language" => json!({"language": "sv"}),
        "round_pairings" => json!({"id": i.round}),
        "get_pairing" | "delete_pairing" => json!({"id": i.pairing}),
        "create_pairing" => pairing_draft,
        "update_pairing" => json!({"id": i.pairing, "draft": pairing_draft}),
        "set_mentor_capacity" => {
            json!({"partnershipId": i.round, "organisationId": i.organisation, "capacity": 3})
        }
        "set_round_completion" => json!({
            "partnershipId": i.round, "organisationIds": [i.other_organisation],
            "completedOn": ""
        }),
        "mentor_suggestions" => json!({"partnershipId": i.round, "participantIds": []}),
        "ui_ready" => return Some(json!({"start": 1.0})),
        "set_installation_name" => json!({"name": "Samordnaren i Norr"}),
        "make_package" => {
            json!({"scope": {"kind": "partnership", "id": i.partnership}, "includeSensitive": false})
        }
        "preview_package" => json!({"contentBase64": i.package}),
        "open_package" => json!({"contentBase64": i.package, "choices": [
            {"uuid": "00000000-0000-4000-8000-000000000000", "field": "name", "take": "here"}
        ]}),
        "restore_backup" => json!({"path": "/nonexistent/samlar.sqlite3"}),
        // The database is not joined to a shared workspace: nothing reaches a
        // server but the join, to a port on this computer where none listens
        // (TLS off is refused for any other host before connecting).
        "join_shared_workspace" => json!({"join": {
            "server": {
                "host": "127.0.0.1", "port": 1, "database": "samlar", "user": "samlar",
                "tls": "disable"
            },
            "password": "hemligt", "start": "push_this_database", "name": "Nätverket"
        }, "remember": false}),
        "set_shared_password" => json!({"password": "hemligt", "remember": false}),
        "resolve_sync_conflict" => json!({
            "uuid": "00000000-0000-4000-8000-000000000000",
            "choices": [{"uuid": "00000000-0000-4000-8000-000000000000", "take": "here"}]
        }),
        "grant_scope" | "revoke_scope" => {
            json!({"role": "bo", "scope": "00000000-0000-4000-8000-000000000000"})
        }
        "set_shared_member" => json!({"role": "bo", "administrator": false, "sensitive": true}),
        _ if WITHOUT_INPUT.contains(&cmd) => return None,
        _ => panic!("{cmd}: no sample input; add one here, or to WITHOUT_INPUT if it takes none"),
    })
}

/// Further valid inputs of a command whose input chooses between kinds of
/// work (the lists to CSV, the documents to PDF): each is tried as it is,
/// beside the sample that is mutated.
pub fn more_samples(cmd: &str, i: &Ids) -> Vec<Value> {
    let person_query = json!({
        "search": "a", "organisationId": null, "partnershipId": null, "level": null, "sort": "name"
    });
    match cmd {
        "export_csv" => vec![
            json!({"list": "people", "query": person_query, "includeSensitive": false}),
            json!({"list": "attendance", "partnershipId": i.meeting_partnership}),
            json!({"list": "meetings", "partnershipId": i.meeting_partnership, "from": null}),
            json!({"list": "good_examples", "partnershipId": i.meeting_partnership}),
            json!({
                "list": "activity_statistics", "partnershipId": i.meeting_partnership,
                "from": "2027-01-01", "to": "2027-12-31"
            }),
            json!({
                "list": "indicator_values", "partnershipId": i.partnership,
                "from": "2027-01-01", "to": null
            }),
        ],
        "export_pdf" => vec![
            json!({
                "document": {"document": "sign_in_sheet", "meetingId": i.meeting},
                "archival": false, "open": false
            }),
            json!({
                "document": {"document": "partnership_report", "partnershipId": i.partnership},
                "archival": true, "open": false
            }),
            json!({
                "document": {"document": "handbook", "filter": {
                    "tag": null, "organisationId": null, "partnershipId": i.partnership,
                    "from": "2020-01-01", "to": null, "search": "a"
                }},
                "archival": false, "open": false
            }),
            json!({
                "document": {
                    "document": "partnership_report", "partnershipId": i.meeting_partnership,
                    "from": "2027-01-01", "to": "2027-06-30"
                },
                "archival": false, "open": false
            }),
        ],
        _ => Vec::new(),
    }
}

/// The commands that take no input (each still gets junk beside it).
const WITHOUT_INPUT: &[&str] = &[
    "load_demo_data",
    "get_settings",
    "person_names",
    "get_installation",
    "about",
    "open_data_folder",
    "open_log_folder",
    "list_backups",
    "back_up_now",
    "choose_backup_file",
    "open_read_only",
    "daily_backup_outcome",
    "quit_app",
    "ready_to_close",
    "sync_status",
    "leave_shared_workspace",
    "sync_now",
    "sync_conflicts",
    "shared_members",
];

/// The arguments a window sends: `{input}`, or `{marks}` for `ui_ready`.
pub fn args(cmd: &str, input: Value) -> Value {
    let key = if cmd == "ui_ready" { "marks" } else { "input" };
    Value::Object(Map::from_iter([(key.to_owned(), input)]))
}
