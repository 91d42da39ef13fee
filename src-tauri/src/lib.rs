//! Samlär's desktop shell: opens the workspace database, registers the IPC
//! commands and runs the window. All behaviour lives in the `samlar` core.

mod agenda_files;
mod command_names;
pub mod commands;
mod delegation;
mod exchange;
mod good_examples;
mod indicators;
pub mod logging;
mod overview;
mod safekeeping;
mod save;
mod shared;
mod shared_password;
mod startup;

pub use command_names::COMMANDS;
pub use save::FileSaver;

use samlar::SystemClock;
use samlar::store::opening::{self, DataFolderLock, StartupProblem};
use samlar::store::session::Session;
use std::path::PathBuf;
use std::sync::Arc;
use tauri::{Manager, Runtime};

/// The database file inside a data directory.
pub const DATABASE_FILE: &str = "samlar.sqlite3";

/// Registers every command; shared by the real app and the command tests.
pub fn with_commands<R: Runtime>(builder: tauri::Builder<R>) -> tauri::Builder<R> {
    let handler: Box<dyn Fn(tauri::ipc::Invoke<R>) -> bool + Send + Sync> =
        Box::new(tauri::generate_handler![
            commands::list_partnerships,
            commands::get_partnership,
            commands::create_partnership,
            commands::update_partnership,
            commands::set_partnership_archived,
            commands::list_organisations,
            commands::organisation_names,
            commands::get_organisation,
            commands::organisation_memberships,
            commands::create_organisation,
            commands::update_organisation,
            commands::set_organisation_archived,
            commands::organisation_dependents,
            commands::delete_organisation,
            commands::list_venues,
            commands::get_venue,
            commands::create_venue,
            commands::update_venue,
            commands::set_venue_archived,
            commands::list_people,
            commands::person_names,
            commands::get_person,
            commands::create_person,
            commands::update_person,
            commands::delete_person,
            commands::person_erasure_preview,
            commands::export_person,
            commands::add_membership,
            commands::update_membership,
            commands::remove_membership,
            commands::add_role,
            commands::end_role,
            commands::remove_role,
            commands::create_group,
            commands::update_group,
            commands::delete_group,
            commands::set_group_members,
            commands::set_group_reflection,
            indicators::create_indicator,
            indicators::list_indicators,
            indicators::update_indicator,
            indicators::set_indicator_value,
            indicators::delete_indicator_value,
            indicators::delete_indicator,
            commands::preview_import,
            commands::apply_import,
            commands::export_csv,
            commands::export_pdf,
            commands::minutes_email,
            commands::export_calendar,
            commands::load_demo_data,
            commands::list_meetings,
            commands::create_meeting,
            commands::update_meeting,
            commands::get_meeting,
            commands::delete_meeting,
            commands::propose_cycle,
            commands::save_cycle,
            commands::set_agenda,
            agenda_files::list_agenda_templates,
            agenda_files::create_agenda_template,
            agenda_files::update_agenda_template,
            agenda_files::delete_agenda_template,
            agenda_files::save_agenda_as_template,
            agenda_files::agenda_choices,
            agenda_files::apply_agenda,
            agenda_files::list_attachments,
            agenda_files::get_logos,
            agenda_files::set_logo,
            agenda_files::remove_logo,
            agenda_files::add_attachment,
            agenda_files::remove_attachment,
            agenda_files::open_attachment,
            commands::set_decisions,
            commands::set_good_examples,
            commands::set_attendance,
            commands::create_action,
            commands::update_action,
            commands::delete_action,
            commands::record_follow_up,
            commands::approve_meeting,
            commands::unlock_meeting,
            commands::organisation_actions,
            commands::get_statistics,
            overview::statistics_overview,
            delegation::attendance_by_level,
            delegation::expected_levels,
            delegation::set_expected_levels,
            delegation::delegations,
            commands::search,
            good_examples::list_good_examples,
            commands::get_settings,
            commands::set_language,
            commands::round_pairings,
            commands::get_pairing,
            commands::create_pairing,
            commands::update_pairing,
            commands::delete_pairing,
            commands::set_mentor_capacity,
            commands::set_round_completion,
            commands::mentor_suggestions,
            commands::organisation_lineage,
            commands::ui_ready,
            exchange::get_installation,
            exchange::set_installation_name,
            exchange::make_package,
            exchange::preview_package,
            exchange::open_package,
            safekeeping::about,
            safekeeping::open_data_folder,
            safekeeping::open_log_folder,
            safekeeping::list_backups,
            safekeeping::back_up_now,
            safekeeping::restore_backup,
            safekeeping::choose_backup_file,
            safekeeping::open_read_only,
            safekeeping::daily_backup_outcome,
            safekeeping::quit_app,
            safekeeping::ready_to_close,
            shared::sync_status,
            shared::join_shared_workspace,
            shared::leave_shared_workspace,
            shared::sync_now,
            shared::set_shared_password,
            shared::sync_conflicts,
            shared::resolve_sync_conflict,
            shared::shared_members,
            shared::grant_scope,
            shared::revoke_scope,
            shared::set_shared_member,
        ]);
    // The first call of each command is a start-up step (see `startup`).
    let called = std::sync::Mutex::new(std::collections::HashSet::new());
    builder.plugin(tauri_plugin_dialog::init()).plugin(tauri_plugin_opener::init()).invoke_handler(
        move |invoke| {
            if startup::reporting()
                && called.lock().is_ok_and(|mut c| c.insert(invoke.message.command().to_string()))
            {
                startup::reached(invoke.message.command());
            }
            handler(invoke)
        },
    )
}

/// The app's configuration, assets and capabilities from `tauri.conf.json`.
pub fn context<R: Runtime>() -> tauri::Context<R> {
    tauri::generate_context!("../tauri.conf.json")
}

/// Where the data lives: `--data-dir DIR` on the command line, else the
/// `SAMLAR_DATA_DIR` environment variable, else the system's app-data folder.
pub fn data_dir_override(args: impl IntoIterator<Item = String>) -> Option<PathBuf> {
    folder_option(args, "--data-dir")
        .or_else(|| std::env::var_os("SAMLAR_DATA_DIR").map(PathBuf::from))
}

/// `--export-dir DIR` or `SAMLAR_EXPORT_DIR`: save exports there without
/// asking, for unattended use (and the end-to-end tests, which cannot reach
/// a native dialog).
pub fn export_dir_override(args: impl IntoIterator<Item = String>) -> Option<PathBuf> {
    folder_option(args, "--export-dir")
        .or_else(|| std::env::var_os("SAMLAR_EXPORT_DIR").map(PathBuf::from))
}

/// A folder given on the command line as `--name DIR` or `--name=DIR`.
fn folder_option(args: impl IntoIterator<Item = String>, name: &str) -> Option<PathBuf> {
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        if let Some(dir) = arg.strip_prefix(name).and_then(|rest| rest.strip_prefix('=')) {
            return Some(dir.into());
        }
        if arg == name {
            return args.next().map(PathBuf::from);
        }
    }
    None
}

/// What the window opens on: the start view (the settings and the first
/// list), or the error page when the database could not be opened.
enum FirstPage {
    Start(Box<samlar::pages::start::StartView>),
    Problem(Box<StartupProblem>),
}

/// Opens the main window (`"create": false` in `tauri.conf.json`, so that it
/// opens here, after the database). What it shows first goes into the page
/// before its scripts run, as `window.__SAMLAR_START__` (or
/// `window.__SAMLAR_PROBLEM__` for the error page): the interface starts in
/// the right language and paints the list without a round trip over IPC,
/// each of which waits for the page's first frame (BENCHMARKS.md, start-up steps).
fn open_main_window(app: &tauri::App, first: &FirstPage) -> tauri::Result<()> {
    let config = app.config().app.windows.iter().find(|w| w.label == "main").cloned();
    let config = config.ok_or(tauri::Error::WindowNotFound)?;
    let (name, json) = match first {
        FirstPage::Start(start) => ("__SAMLAR_START__", serde_json::to_string(start)?),
        FirstPage::Problem(problem) => ("__SAMLAR_PROBLEM__", serde_json::to_string(problem)?),
    };
    // JSON is a JavaScript expression; `<` is escaped so no text can end a script.
    let json = json.replace('<', "\\u003c");
    tauri::WebviewWindowBuilder::from_config(app.handle(), &config)?
        .initialization_script(format!("window.{name} = {json};"))
        .build()?;
    Ok(())
}

/// `--version` or `-V`: the version, printed without opening a window.
pub fn version_asked(args: impl IntoIterator<Item = String>) -> bool {
    args.into_iter().any(|a| a == "--version" || a == "-V")
}

/// One window per data folder: a second start on the same folder hands its
/// arguments to the running app, which brings its window to the front. The
/// D-Bus name (Linux) is the data folder's, so that Samlär on another folder
/// (`--data-dir`) is a separate app. Where there is no session bus the
/// plugin steps aside and the data folder's lock refuses the second start.
fn single_instance<R: Runtime>(
    data_dir: Option<&std::path::Path>,
) -> tauri::plugin::TauriPlugin<R> {
    let mut builder = tauri_plugin_single_instance::Builder::new().callback(|app, _args, _cwd| {
        if let Some(window) = app.get_webview_window("main") {
            let _ = window.unminimize();
            let _ = window.show();
            let _ = window.set_focus();
        }
    });
    if let Some(dir) = data_dir {
        use std::hash::{Hash, Hasher};
        let mut hash = std::collections::hash_map::DefaultHasher::new();
        dir.hash(&mut hash);
        builder = builder.dbus_id(format!("se.samlar.desktop.d{:016x}", hash.finish()));
    }
    builder.build()
}

/// Opens the data folder: its lock, then the database through the session,
/// which checks, backs up and migrates it.
fn open_data(dir: &std::path::Path) -> (Session, Option<DataFolderLock>, FirstPage) {
    let path = dir.join(DATABASE_FILE);
    let clock: Arc<dyn samlar::Clock> = Arc::new(SystemClock);
    let lock = match DataFolderLock::acquire(dir) {
        Ok(lock) => lock,
        Err((kind, detail)) => {
            let problem =
                tauri::async_runtime::block_on(opening::problem_report(&path, kind, None, detail));
            return (Session::closed(&path, clock), None, FirstPage::Problem(Box::new(problem)));
        }
    };
    let (session, opened) = tauri::async_runtime::block_on(Session::start(&path, clock));
    let first = match opened.map_err(FirstPage::Problem).and_then(|_| {
        let ws = session.workspace().map_err(|e| problem_of(&path, e))?;
        tauri::async_runtime::block_on(ws.start_view()).map_err(|e| problem_of(&path, e))
    }) {
        Ok(start) => FirstPage::Start(Box::new(start)),
        Err(problem) => problem,
    };
    (session, Some(lock), first)
}

fn problem_of(path: &std::path::Path, err: samlar::Error) -> FirstPage {
    let report = opening::problem_report(path, opening::ProblemKind::CannotOpen, None, err.message);
    FirstPage::Problem(Box::new(tauri::async_runtime::block_on(report)))
}

pub fn run() {
    if version_asked(std::env::args().skip(1)) {
        println!("Samlär {}", samlar::pages::about::VERSION);
        return;
    }
    startup::reached("main");
    let data_dir = data_dir_override(std::env::args().skip(1));
    let export_dir = export_dir_override(std::env::args().skip(1));
    let builder = tauri::Builder::default().plugin(single_instance(data_dir.as_deref()));
    let app = with_commands(builder)
        .setup(move |app| {
            startup::reached("setup");
            let dir = match data_dir {
                Some(dir) => dir,
                None => app.path().app_data_dir()?,
            };
            start_log(app, &dir);
            // Migrations run here, before the event loop can deliver any command.
            let (session, lock, first) = open_data(&dir);
            startup::reached("database-open");
            if let FirstPage::Problem(problem) = &first {
                let detail = logging::scrubbed(&problem.detail);
                tracing::warn!(kind = ?problem.kind, detail, "database not opened");
            }
            app.manage(HeldLock { _lock: lock });
            let saver = match export_dir {
                Some(dir) => FileSaver::into_folder(dir),
                None => FileSaver::dialog(app.handle().clone()),
            };
            manage(app.handle(), session, saver);
            safekeeping::close_on_signals(app.handle());
            open_main_window(app, &first)?;
            Ok(())
        })
        .on_page_load(|_, load| {
            startup::reached(match load.event() {
                tauri::webview::PageLoadEvent::Started => "page-started",
                tauri::webview::PageLoadEvent::Finished => "page-finished",
            })
        })
        .on_window_event(|window, event| {
            if let tauri::WindowEvent::CloseRequested { api, .. } = event {
                safekeeping::on_close_requested(window, api);
            }
        })
        .build(context());
    let app = match app {
        Ok(app) => app,
        Err(err) => {
            eprintln!("Samlär could not start: {err}");
            std::process::exit(1);
        }
    };
    app.run(|handle, event| {
        if let tauri::RunEvent::Exit = event {
            if let Some(session) = handle.try_state::<Session>() {
                tauri::async_runtime::block_on(session.close());
            }
            tracing::info!("closed");
            if let Some(log) = handle.try_state::<logging::Logging>() {
                log.stop();
            }
        }
    });
}

/// Opens the log in the data folder and says who starts where. Without a
/// log (a read-only medium) Samlär runs all the same.
fn start_log(app: &tauri::App, dir: &std::path::Path) {
    match logging::start(dir) {
        Ok(log) => {
            app.manage(log);
            let version = samlar::pages::about::VERSION;
            let data_dir = tracing::field::display(dir.display());
            tracing::info!(version, data_dir, os = std::env::consts::OS, "Samlär starting");
            logging::step("log-open", startup::since_start_ms());
        }
        Err(err) => eprintln!("Samlär: no log ({err})"),
    }
}

/// Gives the commands what they use: the session, the file saver, the day's
/// backup (started here, in the background), the closing handshake, and the
/// shared workspace's password and background sync.
pub fn manage<R: Runtime>(app: &tauri::AppHandle<R>, session: Session, saver: FileSaver) {
    app.manage(session);
    app.manage(saver);
    app.manage(safekeeping::Closing::default());
    app.manage(safekeeping::FirstPaint::default());
    app.manage(safekeeping::start_daily_backup(app));
    app.manage(shared::SyncState::default());
    app.manage(shared_password::Passwords::system());
    shared::start_background_sync(app);
}

/// The data folder's lock, kept for as long as the app runs.
struct HeldLock {
    _lock: Option<DataFolderLock>,
}

#[cfg(test)]
mod tests {
    use super::{data_dir_override, export_dir_override, folder_option};
    use std::path::PathBuf;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn the_data_dir_comes_from_the_command_line_in_either_form() {
        let dir = Some(PathBuf::from("/media/usb/samlar"));
        assert_eq!(data_dir_override(args(&["--data-dir", "/media/usb/samlar"])), dir);
        assert_eq!(data_dir_override(args(&["-v", "--data-dir=/media/usb/samlar"])), dir);
    }

    #[test]
    fn the_export_dir_is_its_own_option() {
        let dir = Some(PathBuf::from("/srv/arkiv"));
        assert_eq!(export_dir_override(args(&["--export-dir=/srv/arkiv"])), dir);
        assert_eq!(
            export_dir_override(args(&["--data-dir", "/x", "--export-dir", "/srv/arkiv"])),
            dir
        );
        assert_eq!(folder_option(args(&["--export-directory=/y"]), "--export-dir"), None);
    }
}
