//! The IPC commands: thin adapters from the window to the core. Each parses
//! its input with the core's rules and calls one core function; every failure
//! crosses IPC as the core's `{code, field, message}`. `#[command]` is
//! Tauri's, with one line in the log for every call (`logging`).

use crate::FileSaver;
use samlar::documents::demo::DemoResult;
use samlar::documents::export::SavedFile;
use samlar::documents::import::{ImportPreview, ImportResult};
use samlar::documents::pdf::PdfRequest;
use samlar::kernel::page::Names;
use samlar::kernel::values::{OrganisationId, PersonId};
use samlar::meetings::action::Action;
use samlar::meetings::approval::MeetingApproval;
use samlar::meetings::attendance::AttendanceRow;
use samlar::meetings::cycle::PlannedMeeting;
use samlar::meetings::follow_up::{ActionWithHistory, FollowUp};
use samlar::meetings::group_reflection::GroupReflection;
use samlar::meetings::meeting::{Meeting, MeetingSummary, MeetingsPage};
use samlar::meetings::sections::{AgendaItem, GoodExample};
use samlar::meetings::statistics::Statistics;
use samlar::pages::meeting::MeetingDetail;
use samlar::pages::pairing::PairingDetail;
use samlar::pages::partnership::PartnershipDetail;
use samlar::pairings::lineage::Lineage;
use samlar::pairings::pairing::Pairing;
use samlar::pairings::round::RoundPairings;
use samlar::pairings::suggestions::MentorCandidate;
use samlar::parse_input;
use samlar::privacy::erasure::ErasurePreview;
use samlar::registry::groups::Group;
use samlar::registry::membership::Membership;
use samlar::registry::organisation::{Organisation, OrganisationDependents, OrganisationsPage};
use samlar::registry::partnership::{Partnership, PartnershipSummary};
use samlar::registry::person::Person;
use samlar::registry::person_list::PeoplePage;
use samlar::registry::roles::RoleAssignment;
use samlar::registry::venue::Venue;
use samlar::search::SearchHit;
use samlar::store::session::Session;
use samlar::store::settings::Settings;
use samlar_app_macros::command;
use serde_json::Value;
use tauri::State;

type Reply<T> = Result<T, samlar::Error>;
/// The session's workspace of the moment: a restore may replace it.
type Ws<'a> = State<'a, Session>;

#[command]
pub async fn list_partnerships(ws: Ws<'_>, input: Option<Value>) -> Reply<Vec<PartnershipSummary>> {
    ws.workspace()?.partnerships(parse_input(input)?).await
}

#[command]
pub async fn get_partnership(ws: Ws<'_>, input: Option<Value>) -> Reply<PartnershipDetail> {
    ws.workspace()?.partnership(parse_input(input)?).await
}

#[command]
pub async fn create_partnership(ws: Ws<'_>, input: Option<Value>) -> Reply<Partnership> {
    ws.workspace()?.create_partnership(parse_input(input)?).await
}

#[command]
pub async fn update_partnership(ws: Ws<'_>, input: Option<Value>) -> Reply<Partnership> {
    ws.workspace()?.update_partnership(parse_input(input)?).await
}

#[command]
pub async fn set_partnership_archived(ws: Ws<'_>, input: Option<Value>) -> Reply<Partnership> {
    ws.workspace()?.set_partnership_archived(parse_input(input)?).await
}

#[command]
pub async fn list_organisations(ws: Ws<'_>, input: Option<Value>) -> Reply<OrganisationsPage> {
    ws.workspace()?.organisations(parse_input(input)?).await
}

#[command]
pub async fn organisation_names(ws: Ws<'_>, input: Option<Value>) -> Reply<Names<OrganisationId>> {
    ws.workspace()?.organisation_names(parse_input(input)?).await
}

#[command]
pub async fn get_organisation(ws: Ws<'_>, input: Option<Value>) -> Reply<Organisation> {
    ws.workspace()?.organisation(parse_input(input)?).await
}

#[command]
pub async fn organisation_memberships(ws: Ws<'_>, input: Option<Value>) -> Reply<Vec<Membership>> {
    ws.workspace()?.organisation_memberships(parse_input(input)?).await
}

#[command]
pub async fn create_organisation(ws: Ws<'_>, input: Option<Value>) -> Reply<Organisation> {
    ws.workspace()?.create_organisation(parse_input(input)?).await
}

#[command]
pub async fn update_organisation(ws: Ws<'_>, input: Option<Value>) -> Reply<Organisation> {
    ws.workspace()?.update_organisation(parse_input(input)?).await
}

#[command]
pub async fn set_organisation_archived(ws: Ws<'_>, input: Option<Value>) -> Reply<Organisation> {
    ws.workspace()?.set_organisation_archived(parse_input(input)?).await
}

#[command]
pub async fn organisation_dependents(
    ws: Ws<'_>,
    input: Option<Value>,
) -> Reply<OrganisationDependents> {
    ws.workspace()?.organisation_dependents(parse_input(input)?).await
}

#[command]
pub async fn delete_organisation(ws: Ws<'_>, input: Option<Value>) -> Reply<()> {
    ws.workspace()?.delete_organisation(parse_input(input)?).await
}

#[command]
pub async fn list_venues(ws: Ws<'_>, input: Option<Value>) -> Reply<Vec<Venue>> {
    ws.workspace()?.venues(parse_input(input)?).await
}

#[command]
pub async fn get_venue(ws: Ws<'_>, input: Option<Value>) -> Reply<Venue> {
    ws.workspace()?.venue(parse_input(input)?).await
}

#[command]
pub async fn create_venue(ws: Ws<'_>, input: Option<Value>) -> Reply<Venue> {
    ws.workspace()?.create_venue(parse_input(input)?).await
}

#[command]
pub async fn update_venue(ws: Ws<'_>, input: Option<Value>) -> Reply<Venue> {
    ws.workspace()?.update_venue(parse_input(input)?).await
}

#[command]
pub async fn set_venue_archived(ws: Ws<'_>, input: Option<Value>) -> Reply<Venue> {
    ws.workspace()?.set_venue_archived(parse_input(input)?).await
}

#[command]
pub async fn list_people(ws: Ws<'_>, input: Option<Value>) -> Reply<PeoplePage> {
    ws.workspace()?.people(parse_input(input)?).await
}

#[command]
pub async fn person_names(ws: Ws<'_>) -> Reply<Names<PersonId>> {
    ws.workspace()?.person_names().await
}

#[command]
pub async fn get_person(ws: Ws<'_>, input: Option<Value>) -> Reply<Person> {
    ws.workspace()?.person(parse_input(input)?).await
}

#[command]
pub async fn create_person(ws: Ws<'_>, input: Option<Value>) -> Reply<Person> {
    ws.workspace()?.create_person(parse_input(input)?).await
}

#[command]
pub async fn update_person(ws: Ws<'_>, input: Option<Value>) -> Reply<Person> {
    ws.workspace()?.update_person(parse_input(input)?).await
}

#[command]
pub async fn delete_person(ws: Ws<'_>, input: Option<Value>) -> Reply<()> {
    ws.workspace()?.delete_person(parse_input(input)?).await
}

#[command]
pub async fn person_erasure_preview(ws: Ws<'_>, input: Option<Value>) -> Reply<ErasurePreview> {
    ws.workspace()?.person_erasure_preview(parse_input(input)?).await
}

#[command]
pub async fn export_person(
    saver: State<'_, FileSaver>,
    ws: Ws<'_>,
    input: Option<Value>,
) -> Reply<SavedFile> {
    saver.save(ws.workspace()?.person_export_file(parse_input(input)?).await?).await
}

#[command]
pub async fn add_membership(ws: Ws<'_>, input: Option<Value>) -> Reply<Membership> {
    ws.workspace()?.add_membership(parse_input(input)?).await
}

#[command]
pub async fn update_membership(ws: Ws<'_>, input: Option<Value>) -> Reply<Membership> {
    ws.workspace()?.update_membership(parse_input(input)?).await
}

#[command]
pub async fn remove_membership(ws: Ws<'_>, input: Option<Value>) -> Reply<()> {
    ws.workspace()?.remove_membership(parse_input(input)?).await
}

#[command]
pub async fn add_role(ws: Ws<'_>, input: Option<Value>) -> Reply<RoleAssignment> {
    ws.workspace()?.add_role(parse_input(input)?).await
}

#[command]
pub async fn end_role(ws: Ws<'_>, input: Option<Value>) -> Reply<RoleAssignment> {
    ws.workspace()?.end_role(parse_input(input)?).await
}

#[command]
pub async fn remove_role(ws: Ws<'_>, input: Option<Value>) -> Reply<()> {
    ws.workspace()?.remove_role(parse_input(input)?).await
}

#[command]
pub async fn create_group(ws: Ws<'_>, input: Option<Value>) -> Reply<Group> {
    ws.workspace()?.create_group(parse_input(input)?).await
}

#[command]
pub async fn update_group(ws: Ws<'_>, input: Option<Value>) -> Reply<Group> {
    ws.workspace()?.update_group(parse_input(input)?).await
}

#[command]
pub async fn delete_group(ws: Ws<'_>, input: Option<Value>) -> Reply<()> {
    ws.workspace()?.delete_group(parse_input(input)?).await
}

#[command]
pub async fn set_group_members(ws: Ws<'_>, input: Option<Value>) -> Reply<Group> {
    ws.workspace()?.set_group_members(parse_input(input)?).await
}

#[command]
pub async fn set_group_reflection(ws: Ws<'_>, input: Option<Value>) -> Reply<GroupReflection> {
    ws.workspace()?.set_group_reflection(parse_input(input)?).await
}

#[command]
pub async fn preview_import(ws: Ws<'_>, input: Option<Value>) -> Reply<ImportPreview> {
    ws.workspace()?.preview_import(parse_input(input)?).await
}

#[command]
pub async fn apply_import(ws: Ws<'_>, input: Option<Value>) -> Reply<ImportResult> {
    ws.workspace()?.apply_import(parse_input(input)?).await
}

#[command]
pub async fn export_csv(
    saver: State<'_, FileSaver>,
    ws: Ws<'_>,
    input: Option<Value>,
) -> Reply<SavedFile> {
    saver.save(ws.workspace()?.export_csv(parse_input(input)?).await?).await
}

#[command]
pub async fn export_pdf(
    saver: State<'_, FileSaver>,
    ws: Ws<'_>,
    input: Option<Value>,
) -> Reply<SavedFile> {
    let request: PdfRequest = parse_input(input)?;
    let open = request.open;
    let saved = saver.save(ws.workspace()?.pdf(request).await?).await?;
    if open {
        saver.open(&saved)?;
    }
    Ok(saved)
}

#[command]
pub async fn load_demo_data(ws: Ws<'_>) -> Reply<DemoResult> {
    ws.workspace()?.load_demo_data().await
}

#[command]
pub async fn list_meetings(ws: Ws<'_>, input: Option<Value>) -> Reply<MeetingsPage> {
    ws.workspace()?.meetings(parse_input(input)?).await
}

#[command]
pub async fn create_meeting(ws: Ws<'_>, input: Option<Value>) -> Reply<Meeting> {
    // `CreateMeeting`, or with `agendaFrom`: its agenda from a template.
    ws.workspace()?.create_meeting_with_agenda(parse_input(input)?).await
}

#[command]
pub async fn update_meeting(ws: Ws<'_>, input: Option<Value>) -> Reply<Meeting> {
    ws.workspace()?.update_meeting(parse_input(input)?).await
}

#[command]
pub async fn get_meeting(ws: Ws<'_>, input: Option<Value>) -> Reply<MeetingDetail> {
    ws.workspace()?.meeting(parse_input(input)?).await
}

#[command]
pub async fn delete_meeting(ws: Ws<'_>, input: Option<Value>) -> Reply<()> {
    ws.workspace()?.delete_meeting(parse_input(input)?).await
}

#[command]
pub async fn propose_cycle(ws: Ws<'_>, input: Option<Value>) -> Reply<Vec<PlannedMeeting>> {
    ws.workspace()?.propose_cycle(parse_input(input)?).await
}

#[command]
pub async fn save_cycle(ws: Ws<'_>, input: Option<Value>) -> Reply<Vec<MeetingSummary>> {
    ws.workspace()?.save_cycle(parse_input(input)?).await
}

#[command]
pub async fn set_agenda(ws: Ws<'_>, input: Option<Value>) -> Reply<Vec<AgendaItem>> {
    ws.workspace()?.set_agenda(parse_input(input)?).await
}

#[command]
pub async fn set_decisions(ws: Ws<'_>, input: Option<Value>) -> Reply<Vec<String>> {
    ws.workspace()?.set_decisions(parse_input(input)?).await
}

#[command]
pub async fn set_good_examples(ws: Ws<'_>, input: Option<Value>) -> Reply<Vec<GoodExample>> {
    ws.workspace()?.set_good_examples(parse_input(input)?).await
}

#[command]
pub async fn set_attendance(ws: Ws<'_>, input: Option<Value>) -> Reply<Vec<AttendanceRow>> {
    ws.workspace()?.set_attendance(parse_input(input)?).await
}

#[command]
pub async fn create_action(ws: Ws<'_>, input: Option<Value>) -> Reply<Action> {
    ws.workspace()?.create_action(parse_input(input)?).await
}

#[command]
pub async fn update_action(ws: Ws<'_>, input: Option<Value>) -> Reply<Action> {
    ws.workspace()?.update_action(parse_input(input)?).await
}

#[command]
pub async fn delete_action(ws: Ws<'_>, input: Option<Value>) -> Reply<()> {
    ws.workspace()?.delete_action(parse_input(input)?).await
}

#[command]
pub async fn record_follow_up(ws: Ws<'_>, input: Option<Value>) -> Reply<FollowUp> {
    ws.workspace()?.record_follow_up(parse_input(input)?).await
}

#[command]
pub async fn approve_meeting(ws: Ws<'_>, input: Option<Value>) -> Reply<MeetingApproval> {
    ws.workspace()?.approve_meeting(parse_input(input)?).await
}

#[command]
pub async fn unlock_meeting(ws: Ws<'_>, input: Option<Value>) -> Reply<MeetingApproval> {
    ws.workspace()?.unlock_meeting(parse_input(input)?).await
}

#[command]
pub async fn organisation_actions(
    ws: Ws<'_>,
    input: Option<Value>,
) -> Reply<Vec<ActionWithHistory>> {
    ws.workspace()?.organisation_actions(parse_input(input)?).await
}

#[command]
pub async fn get_statistics(ws: Ws<'_>, input: Option<Value>) -> Reply<Statistics> {
    ws.workspace()?.statistics(parse_input(input)?).await
}

#[command]
pub async fn search(ws: Ws<'_>, input: Option<Value>) -> Reply<Vec<SearchHit>> {
    ws.workspace()?.search(parse_input(input)?).await
}

#[command]
pub async fn get_settings(ws: Ws<'_>) -> Reply<Settings> {
    ws.workspace()?.settings().await
}

#[command]
pub async fn set_language(ws: Ws<'_>, input: Option<Value>) -> Reply<Settings> {
    ws.workspace()?.set_language(parse_input(input)?).await
}

#[command]
pub async fn round_pairings(ws: Ws<'_>, input: Option<Value>) -> Reply<RoundPairings> {
    ws.workspace()?.round_pairings(parse_input(input)?).await
}

#[command]
pub async fn get_pairing(ws: Ws<'_>, input: Option<Value>) -> Reply<PairingDetail> {
    ws.workspace()?.pairing(parse_input(input)?).await
}

#[command]
pub async fn create_pairing(ws: Ws<'_>, input: Option<Value>) -> Reply<Pairing> {
    ws.workspace()?.create_pairing(parse_input(input)?).await
}

#[command]
pub async fn update_pairing(ws: Ws<'_>, input: Option<Value>) -> Reply<Pairing> {
    ws.workspace()?.update_pairing(parse_input(input)?).await
}

#[command]
pub async fn delete_pairing(ws: Ws<'_>, input: Option<Value>) -> Reply<()> {
    ws.workspace()?.delete_pairing(parse_input(input)?).await
}

#[command]
pub async fn set_mentor_capacity(ws: Ws<'_>, input: Option<Value>) -> Reply<RoundPairings> {
    ws.workspace()?.set_mentor_capacity(parse_input(input)?).await
}

#[command]
pub async fn set_round_completion(ws: Ws<'_>, input: Option<Value>) -> Reply<RoundPairings> {
    ws.workspace()?.set_round_completion(parse_input(input)?).await
}

#[command]
pub async fn mentor_suggestions(ws: Ws<'_>, input: Option<Value>) -> Reply<Vec<MentorCandidate>> {
    ws.workspace()?.mentor_suggestions(parse_input(input)?).await
}

#[command]
pub async fn organisation_lineage(ws: Ws<'_>, input: Option<Value>) -> Reply<Lineage> {
    ws.workspace()?.lineage(parse_input(input)?).await
}

/// The window has painted its first list. With `SAMLAR_REPORT_READY` set the
/// app says so on stderr, with the interface's own start-up steps (Unix ms),
/// so that the start-up benchmark can time it (see `startup`). The day's
/// automatic backup starts now.
#[command]
pub fn ui_ready(painted: State<'_, crate::safekeeping::FirstPaint>, marks: Option<Value>) {
    painted.0.notify_one();
    if crate::startup::reporting() {
        // Any JSON is taken (marks that are not `{step: ms}` are left out), so
        // that no input makes this command fail with an untyped error.
        let marks = marks.as_ref().and_then(Value::as_object).into_iter().flatten();
        for (step, at) in marks.filter_map(|(s, at)| Some((s, at.as_f64()?))).take(64) {
            crate::startup::reached_at(&format!("ui:{step}"), at);
        }
        eprintln!("samlar: ui ready");
    }
}

/// The e-mail draft of a meeting's minutes, saved like a PDF and opened in
/// the mail program when asked; with who it is addressed to.
#[command]
pub async fn minutes_email(
    saver: State<'_, FileSaver>,
    ws: Ws<'_>,
    input: Option<Value>,
) -> Reply<samlar::documents::minutes_mail::SavedMinutesEmail> {
    use samlar::documents::minutes_mail::MinutesEmailRequest;
    let request: MinutesEmailRequest = parse_input(input)?;
    let id = samlar::kernel::values::ById { id: request.meeting_id };
    let mail = ws.workspace()?.minutes_email(id).await?;
    let saved = saver.save(mail.file).await?;
    if request.open {
        saver.open(&saved)?;
    }
    Ok(samlar::documents::minutes_mail::SavedMinutesEmail { path: saved.path, counts: mail.counts })
}

/// A calendar file (.ics) of a meeting, of a partnership's coming meetings or
/// of a meeting's cancellation, saved like a PDF and opened when asked.
#[command]
pub async fn export_calendar(
    saver: State<'_, FileSaver>,
    ws: Ws<'_>,
    input: Option<Value>,
) -> Reply<samlar::documents::calendar::SavedCalendar> {
    let request: samlar::documents::calendar::CalendarRequest = parse_input(input)?;
    let made = ws.workspace()?.calendar_file(request.calendar).await?;
    let saved = saver.save(made.file).await?;
    if request.open {
        saver.open(&saved)?;
    }
    Ok(samlar::documents::calendar::SavedCalendar { path: saved.path, events: made.events })
}
