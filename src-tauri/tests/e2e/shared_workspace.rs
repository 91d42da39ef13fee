//! The shared workspace: two computers, each with a data folder of its own,
//! joined to one PostgreSQL server, their windows open at the same time.
//! Each window asks for the password (there is no credential store under
//! Xvfb, so it is not remembered), a meeting note typed in one appears in
//! the other, and the header says the first is synced.
//!
//! The joining is set up through the core before the windows start (the
//! administrator pushes a database with a partnership and a learning
//! meeting, a coordinator granted that partnership starts from the shared
//! workspace); the journey itself is in the windows.

use crate::harness::{
    Driver, assert_accessible, click, field, find, heading, menu, open_app, press, quoted,
    screenshot, session_setup,
};
use crate::postgres::{ADMIN, ADMIN_PASSWORD, TestServer};
use crate::safekeeping::SessionBus;
use samlar::exchange::record::{self, Kind};
use samlar::kernel::values::MeetingKind;
use samlar::meetings::draft::MeetingDraft;
use samlar::meetings::meeting::CreateMeeting;
use samlar::registry::partnership::{PartnershipDraft, PartnershipKind};
use samlar::shared::join::{JoinSharedWorkspace, JoinStart};
use samlar::shared::members::GrantScope;
use samlar::{SystemClock, Workspace};
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};
use thirtyfour::{By, WebDriver};

const ROUND: &str = "Modellkommun 2027";
const MEETING_DATE: &str = "2027-02-10";
const WORKSPACE: &str = "Nätverket Norr";
/// The second coordinator's login role on the server.
const MEMBER: &str = "samordnare_bo";
const MEMBER_PASSWORD: &str = "bos-losenord-2027";
const NOTE: &str = "Kommunerna delar sina rutiner för hemtjänsten före nästa träff.";

/// The Samlär database of a data folder.
async fn database(dir: &Path) -> Workspace {
    Workspace::open(&dir.join("samlar.sqlite3"), Arc::new(SystemClock)).await.unwrap()
}

fn joining(
    server: &TestServer,
    user: &str,
    password: &str,
    start: JoinStart,
) -> JoinSharedWorkspace {
    JoinSharedWorkspace {
        server: server.settings(user),
        password: password.to_owned(),
        start,
        name: Some(WORKSPACE.to_owned()),
    }
}

/// Data folder A: the administrator's database with a partnership and a
/// learning meeting, pushed to the server; the member is granted the
/// partnership. Closed before the window starts on it.
async fn administrator_pushes(server: &TestServer, dir: &Path) {
    let ws = database(dir).await;
    let draft = PartnershipDraft::new(ROUND, PartnershipKind::ModelMunicipalityRound);
    let round = ws.create_partnership(draft).await.unwrap().id;
    let draft = MeetingDraft::new(MeetingKind::Learning, MEETING_DATE);
    ws.create_meeting(CreateMeeting { partnership_id: round, draft }).await.unwrap();
    let push = joining(server, ADMIN, ADMIN_PASSWORD, JoinStart::PushThisDatabase);
    let report = ws.join_shared_workspace(push).await.unwrap();
    assert!(report.sent >= 2, "the partnership and its meeting went: {report:?}");
    let scope = {
        let mut conn = ws.pool().acquire().await.unwrap();
        record::uuid_of_row(&mut conn, Kind::Partnership, round.0).await.unwrap()
    };
    ws.grant_scope(GrantScope { role: MEMBER.to_owned(), scope }, ADMIN_PASSWORD).await.unwrap();
    ws.close().await;
}

/// Data folder B: an empty database started from the shared workspace by
/// the member. Closed before the window starts on it.
async fn member_starts_from_shared(server: &TestServer, dir: &Path) {
    let ws = database(dir).await;
    let start = joining(server, MEMBER, MEMBER_PASSWORD, JoinStart::StartFromShared);
    ws.join_shared_workspace(start).await.unwrap();
    ws.close().await;
}

/// The sync indicator in the header, as a button that says `text`.
fn indicator_saying(text: &str) -> String {
    format!("//header//*[@role='status']//button[contains(normalize-space(), {})]", quoted(text))
}

/// Waits until the header's indicator says `text`. It follows the shell's
/// syncs: the first at start, then one every five seconds.
async fn indicator(app: &WebDriver, text: &str) {
    let start = Instant::now();
    while app.find(By::XPath(indicator_saying(text))).await.is_err() {
        assert!(start.elapsed() < Duration::from_secs(15), "the indicator never said {text}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

/// The window says the shared workspace needs its password: the person
/// follows the indicator to the shared workspace's page and its form.
async fn to_password_form(app: &WebDriver, screen: &str) {
    // Said once the shell has found no password in the credential store.
    indicator(app, "Lösenord behövs").await;
    click(app, &indicator_saying("Lösenord behövs")).await;
    heading(app, "Delad arbetsyta").await;
    find(app, PASSWORD_FORM).await;
    let remember = field(app, "Kom ihåg lösenordet på den här datorn").await;
    assert!(!remember.is_selected().await.unwrap(), "not remembered unless ticked");
    screenshot(app, &format!("shared-password-{screen}")).await;
}

/// Types the password into the form; the window syncs and says so.
async fn type_password(app: &WebDriver, password: &str) {
    field(app, "Lösenord").await.send_keys(password).await.unwrap();
    press(app, "Synka med lösenordet").await;
    find(app, "//*[@role='status'][normalize-space()='Lösenordet togs emot.']").await;
    indicator(app, "Synkad").await;
    let form = app.find_all(By::XPath(PASSWORD_FORM)).await.unwrap();
    assert!(form.is_empty(), "the password form is gone once the password is taken");
}

const PASSWORD_FORM: &str = "//h2[normalize-space()='Lösenord till den delade arbetsytan']";

/// From anywhere: Partnerskap → the round → its learning meeting.
async fn open_meeting(app: &WebDriver) {
    press(app, "Partnerskap").await;
    press(app, ROUND).await;
    heading(app, ROUND).await;
    click(app, &format!("//section//button[contains(normalize-space(), '{MEETING_DATE}')]")).await;
    field(app, "Anteckningar från mötet").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_meeting_note_typed_in_one_window_appears_in_the_other() {
    let (_guard, display, a) = session_setup().await;
    let b = tempfile::tempdir().unwrap();
    let server = TestServer::start();
    server.create_member(MEMBER, MEMBER_PASSWORD);
    administrator_pushes(&server, a.path()).await;
    member_starts_from_shared(&server, b.path()).await;

    // Two apps at once, each on its own data folder: the single-instance
    // check (keyed by the data folder) on one session bus lets both run. No
    // Secret Service answers on that bus, so no password is remembered.
    let bus = SessionBus::start();
    let env = [("DBUS_SESSION_BUS_ADDRESS", bus.address.as_str())];
    let (driver_a, driver_b) =
        (Driver::start_with_env(&display, &env), Driver::start_with_env(&display, &env));
    let app_a = open_app(&driver_a, a.path()).await;
    let app_b = open_app(&driver_b, b.path()).await;

    // Each window asks for its password, and syncs once it has it.
    to_password_form(&app_a, "a").await;
    type_password(&app_a, ADMIN_PASSWORD).await;
    to_password_form(&app_b, "b").await;
    assert_accessible(&app_b, "shared workspace page, password asked for").await;
    type_password(&app_b, MEMBER_PASSWORD).await;
    find(&app_b, &format!("//dd[normalize-space()={}]", quoted(WORKSPACE))).await;

    // B looks at the meeting: no notes yet.
    open_meeting(&app_b).await;
    let before = field(&app_b, "Anteckningar från mötet").await.prop("value").await.unwrap();
    assert_eq!(before.as_deref(), Some(""));

    // A types a note (saved without a save button) and syncs at once.
    open_meeting(&app_a).await;
    field(&app_a, "Anteckningar från mötet").await.send_keys(NOTE).await.unwrap();
    find(&app_a, "//*[normalize-space()='Alla ändringar är sparade']").await;
    menu(&app_a, "Delad arbetsyta").await;
    heading(&app_a, "Delad arbetsyta").await;
    press(&app_a, "Synka nu").await;
    find(&app_a, "//*[normalize-space()='Synkningen är klar.']").await;
    indicator(&app_a, "Synkad").await;
    find(&app_a, "//dd[starts-with(normalize-space(), 'Synkad (senast synkad ')]").await;
    assert_accessible(&app_a, "shared workspace page, synced").await;
    screenshot(&app_a, "shared-synced").await;

    // B, as a person would, opens the meeting again until the note is
    // there: its background sync fetches it within a few seconds.
    let start = Instant::now();
    loop {
        press(&app_b, "Tillbaka till partnerskapet").await;
        heading(&app_b, ROUND).await;
        click(&app_b, &format!("//section//button[contains(normalize-space(), '{MEETING_DATE}')]"))
            .await;
        let notes = field(&app_b, "Anteckningar från mötet").await.prop("value").await.unwrap();
        if notes.as_deref() == Some(NOTE) {
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "window B still shows {notes:?} after 30 s"
        );
        tokio::time::sleep(Duration::from_secs(1)).await;
    }
    eprintln!("e2e: the note reached window B in {:.1} s", start.elapsed().as_secs_f32());
    indicator(&app_b, "Synkad").await;
    field(&app_b, "Anteckningar från mötet").await.scroll_into_view().await.unwrap();
    screenshot(&app_b, "shared-note-arrived").await;
    // A, still on the shared workspace's page, says it is synced.
    indicator(&app_a, "Synkad").await;

    app_b.quit().await.unwrap();
    app_a.quit().await.unwrap();
}
