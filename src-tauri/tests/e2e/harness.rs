//! What every journey shares: an X server of its own, tauri-driver and
//! WebKitWebDriver, the app started on a data folder, helpers that find
//! elements as a person would (by label, role and visible text) and
//! screenshots. One app window runs at a time.

use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use thirtyfour::Capabilities;
use thirtyfour::error::WebDriverErrorInner;
use thirtyfour::prelude::*;

pub(crate) use crate::axe::{assert_accessible, axe_violations};

/// One app window at a time: two cores are not enough to run several in parallel.
static ONE_AT_A_TIME: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

const APP: &str = env!("CARGO_BIN_EXE_samlar-app");

/// An X server of our own, so that tests never open windows on a desktop.
/// The drivers share it, and start it again on the same display when it
/// stopped (see `session`).
pub(crate) struct Display {
    xvfb: std::sync::Arc<std::sync::Mutex<Xvfb>>,
    name: String,
}

pub(crate) struct Xvfb {
    child: Child,
    n: u32,
}

/// A display is in use while the process named in its lock file lives; a
/// lock left by a server that was killed does not count (Xvfb replaces it).
fn display_in_use(n: u32) -> bool {
    let Ok(lock) = std::fs::read_to_string(format!("/tmp/.X{n}-lock")) else { return false };
    lock.trim().parse::<u32>().is_ok_and(|pid| Path::new(&format!("/proc/{pid}")).exists())
}

/// The X server on display `n` accepts connections. The socket file alone
/// says nothing: a server that was killed leaves it behind.
fn accepts_connections(n: u32) -> bool {
    std::os::unix::net::UnixStream::connect(format!("/tmp/.X11-unix/X{n}")).is_ok()
}

impl Xvfb {
    /// Starts Xvfb on display `n` and waits until it accepts connections.
    fn start(n: u32) -> Option<Xvfb> {
        let child = Command::new("Xvfb")
            .args([&format!(":{n}"), "-screen", "0", "1280x900x24", "-nolisten", "tcp"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("Xvfb is missing: run scripts/test, which installs it");
        let mut xvfb = Xvfb { child, n };
        let up = wait_until(Duration::from_secs(10), || xvfb.running() && accepts_connections(n));
        if up {
            return Some(xvfb);
        }
        xvfb.stop();
        None
    }

    fn running(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }

    /// Starts it again on the same display when it stopped or stopped answering.
    fn keep_running(&mut self) {
        if self.running() && accepts_connections(self.n) {
            return;
        }
        eprintln!("e2e: the X server :{} had stopped; it is started again", self.n);
        self.stop();
        *self = Xvfb::start(self.n).expect("the X server could not be started again");
    }

    fn stop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Display {
    fn start() -> Display {
        for n in 90..200 {
            if display_in_use(n) {
                continue;
            }
            if let Some(xvfb) = Xvfb::start(n) {
                let xvfb = std::sync::Arc::new(std::sync::Mutex::new(xvfb));
                return Display { xvfb, name: format!(":{n}") };
            }
        }
        panic!("no free X display between :90 and :199");
    }
}

impl Drop for Display {
    fn drop(&mut self) {
        if let Ok(mut xvfb) = self.xvfb.lock() {
            xvfb.stop();
        }
    }
}

/// tauri-driver in front of WebKitWebDriver, on ports of its own. It can be
/// started afresh (`restart`) when it dropped a request.
pub(crate) struct Driver {
    running: std::sync::Mutex<(Child, u16)>,
    display: String,
    xvfb: std::sync::Arc<std::sync::Mutex<Xvfb>>,
    env: Vec<(String, String)>,
}

impl Driver {
    pub(crate) fn start(display: &Display) -> Driver {
        Driver::start_with_env(display, &[])
    }

    /// With more environment variables for the drivers and the app they start
    /// (e.g. the D-Bus session bus of a test).
    pub(crate) fn start_with_env(display: &Display, env: &[(&str, &str)]) -> Driver {
        let env: Vec<(String, String)> =
            env.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        let running = spawn_driver(&display.name, &env);
        Driver {
            running: std::sync::Mutex::new(running),
            display: display.name.clone(),
            xvfb: display.xvfb.clone(),
            env,
        }
    }

    fn port(&self) -> u16 {
        self.running.lock().unwrap().1
    }

    /// Stops the drivers and starts new ones, on new ports, on an X server
    /// that runs.
    fn restart(&self) {
        self.xvfb.lock().unwrap().keep_running();
        let mut running = self.running.lock().unwrap();
        let port = running.1;
        stop_driver(&mut running.0, port);
        *running = spawn_driver(&self.display, &self.env);
    }
}

fn spawn_driver(display: &str, env: &[(String, String)]) -> (Child, u16) {
    let (port, native_port) = (free_port(), free_port());
    // What the drivers (and the apps WebKitWebDriver starts) print goes to a
    // log of their own, shown when a session does not start.
    let log = std::fs::File::create(driver_log(port)).unwrap();
    let child = Command::new(tauri_driver())
        .args(["--port", &port.to_string(), "--native-port", &native_port.to_string()])
        .env("DISPLAY", display)
        .env("GDK_BACKEND", "x11")
        .envs(env.iter().map(|(k, v)| (k, v)))
        .stdout(log.try_clone().unwrap())
        .stderr(log)
        .spawn()
        .expect("tauri-driver is missing: run scripts/test, which installs it");
    // tauri-driver listens before WebKitWebDriver does: wait for both.
    let up = |p: u16| TcpStream::connect(("127.0.0.1", p)).is_ok();
    assert!(
        wait_until(Duration::from_secs(20), || up(port) && up(native_port)),
        "tauri-driver or WebKitWebDriver did not start"
    );
    (child, port)
}

fn driver_log(port: u16) -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("e2e-driver-{port}.log"))
}

/// The last lines the drivers on `port` printed.
fn driver_log_tail(port: u16) -> String {
    let log = std::fs::read_to_string(driver_log(port)).unwrap_or_default();
    // Without the frames of backtraces, which would push out the message.
    let frame = |line: &&str| {
        let line = line.trim_start();
        line.starts_with("at ")
            || line.split_once(": ").is_some_and(|(n, _)| n.parse::<u32>().is_ok())
    };
    let lines: Vec<&str> = log.lines().filter(|line| !frame(line)).collect();
    lines[lines.len().saturating_sub(30)..].join("\n")
}

/// Stops the drivers and removes their log, which was shown if it mattered.
fn stop_driver(child: &mut Child, port: u16) {
    // SIGTERM, not SIGKILL: killing it leaves WebKitWebDriver on its port.
    let _ = Command::new("kill").args(["-TERM", &child.id().to_string()]).status();
    if !wait_until(Duration::from_secs(5), || matches!(child.try_wait(), Ok(Some(_)))) {
        let _ = child.kill();
        let _ = child.wait();
    }
    let _ = std::fs::remove_file(driver_log(port));
}

impl Drop for Driver {
    fn drop(&mut self) {
        if let Ok(running) = self.running.get_mut() {
            stop_driver(&mut running.0, running.1);
        }
    }
}

fn tauri_driver() -> PathBuf {
    let in_cargo_home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .map(|home| home.join("bin").join("tauri-driver"));
    in_cargo_home.filter(|p| p.exists()).unwrap_or_else(|| "tauri-driver".into())
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

fn wait_until(limit: Duration, mut ready: impl FnMut() -> bool) -> bool {
    let start = Instant::now();
    while start.elapsed() < limit {
        if ready() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    false
}

/// Starts the app on `data_dir` and waits until its first list is painted.
pub(crate) async fn open_app(driver: &Driver, data_dir: &Path) -> WebDriver {
    open_app_with(driver, data_dir, &[]).await
}

pub(crate) async fn open_app_with(driver: &Driver, data_dir: &Path, more: &[&str]) -> WebDriver {
    wait_for_exit(data_dir);
    let app = session(driver, data_dir, more).await;
    find(&app, "//body[@data-ready='true']").await;
    app
}

/// The longest a WebDriver request may take. An app starts in well under
/// 5 s on a cold two-core machine.
const SESSION_TIMEOUT: Duration = Duration::from_secs(30);

/// A WebDriver session on the app started on `data_dir`.
async fn session(driver: &Driver, data_dir: &Path, more: &[&str]) -> WebDriver {
    let mut caps = Capabilities::new();
    let mut args = vec!["--data-dir", data_dir.to_str().unwrap()];
    args.extend_from_slice(more);
    let options = serde_json::json!({ "application": APP, "args": args });
    caps.set("tauri:options", options).unwrap();
    caps.set("browserName", "wry").unwrap();
    // When the app it starts exits before its window is up (it cannot reach
    // the X server, say), WebKitWebDriver never answers the request: seen
    // on a cold CI machine, three requests in a row. So the request has 30 s,
    // not thirtyfour's 120, and then the X server is checked (started again
    // if it stopped), new drivers start and the app is started again. What
    // the drivers and the app printed is shown. Any other failure, or a
    // third unanswered request, fails.
    let mut attempt = 1;
    loop {
        let url = format!("http://127.0.0.1:{}", driver.port());
        let running_before = apps_on(data_dir);
        match WebDriver::builder(&url, caps.clone()).request_timeout(SESSION_TIMEOUT).await {
            Ok(app) => return app,
            Err(e) if matches!(e.as_inner(), WebDriverErrorInner::HttpError(_)) && attempt < 3 => {
                eprintln!(
                    "e2e: the WebDriver session did not start ({e}); new drivers, the app again; \
                     the drivers printed:\n{}",
                    driver_log_tail(driver.port())
                );
                // An app the dropped request did start would hold the folder.
                for pid in apps_on(data_dir).iter().filter(|p| !running_before.contains(p)) {
                    let _ = Command::new("kill").args(["-KILL", pid]).status();
                }
                driver.restart();
                attempt += 1;
                tokio::time::sleep(Duration::from_secs(2)).await;
            }
            Err(e) => panic!(
                "WebDriver session: {e:?}; the drivers printed:\n{}",
                driver_log_tail(driver.port())
            ),
        }
    }
}

/// Waits for an element, by XPath, for up to ten seconds.
pub(crate) async fn find(app: &WebDriver, xpath: &str) -> WebElement {
    let start = Instant::now();
    loop {
        match app.find(By::XPath(xpath)).await {
            Ok(el) if el.is_displayed().await.unwrap_or(false) => return el,
            _ if start.elapsed() > Duration::from_secs(10) => {
                let body =
                    app.find(By::Tag("body")).await.unwrap().text().await.unwrap_or_default();
                panic!("not found: {xpath}\nthe window shows:\n{body}");
            }
            _ => tokio::time::sleep(Duration::from_millis(100)).await,
        }
    }
}

/// Finds the element at `xpath` and clicks it. When the view re-renders
/// between the finding and the click (a list that loads after a menu
/// choice), the element found is stale: find it again, as a person would
/// click again on what is now drawn.
pub(crate) async fn click(app: &WebDriver, xpath: &str) {
    let start = Instant::now();
    loop {
        match find(app, xpath).await.click().await {
            Ok(()) => return,
            Err(e)
                if matches!(e.as_inner(), WebDriverErrorInner::StaleElementReference(_))
                    && start.elapsed() < Duration::from_secs(10) =>
            {
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            Err(e) => panic!("could not click {xpath}: {e}"),
        }
    }
}

/// Clicks the button whose visible text is `name`.
pub(crate) async fn press(app: &WebDriver, name: &str) {
    click(app, &format!("//button[normalize-space()={}]", quoted(name))).await;
}

pub(crate) fn quoted(text: &str) -> String {
    assert!(!text.contains('\''), "test texts avoid apostrophes");
    format!("'{text}'")
}

pub(crate) async fn heading(app: &WebDriver, text: &str) -> WebElement {
    find(app, &format!("//h1[normalize-space()={}]", quoted(text))).await
}

/// The form control whose `<label>` says `label`.
pub(crate) async fn field(app: &WebDriver, label: &str) -> WebElement {
    let xpath = format!("//*[@id=//label[normalize-space()={}]/@for]", quoted(label));
    find(app, &xpath).await
}

pub(crate) async fn screenshot(app: &WebDriver, name: &str) {
    // Under load a screenshot right after a click can show the previous
    // frame: wait for two animation frames first.
    let two_frames = "const done = arguments[arguments.length - 1]; \
        requestAnimationFrame(() => requestAnimationFrame(() => done()));";
    let _ = app.execute_async(two_frames, Vec::<serde_json::Value>::new()).await;
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"));
    let _ = app.screenshot(&dir.join(format!("e2e-{name}.png"))).await;
}

/// A test's turn at the window, its own display and an empty data folder.
pub(crate) async fn session_setup()
-> (tokio::sync::MutexGuard<'static, ()>, Display, tempfile::TempDir) {
    let guard = ONE_AT_A_TIME.lock().await;
    (guard, Display::start(), tempfile::tempdir().unwrap())
}

/// Opens the header menu and chooses an item, as a keyboard or mouse user would.
pub(crate) async fn menu(app: &WebDriver, item: &str) {
    press(app, "Meny").await;
    let xpath = format!("//*[@role='menuitem'][normalize-space()={}]", quoted(item));
    click(app, &xpath).await;
}

/// Meny → Ladda exempeldata, and waits until the window says it is done, as
/// a person would before going on.
pub(crate) async fn load_demo_data(app: &WebDriver) {
    menu(app, "Ladda exempeldata").await;
    find(app, "//*[@role='status'][starts-with(normalize-space(), 'Exempeldata ')]").await;
}

/// Chooses `option` in the select whose label is `label`, within `scope`.
pub(crate) async fn choose(app: &WebDriver, scope: &str, label: &str, option: &str) {
    // By its visible label, or by its accessible name where a table column
    // header is the visible label.
    let label = quoted(label);
    let select = format!(
        "{scope}//select[@aria-label={label} or @id={scope}//label[normalize-space()={label}]/@for]"
    );
    let xpath = format!("{select}/option[normalize-space()={}]", quoted(option));
    click(app, &xpath).await;
}

/// The apps running on `data_dir`, by process id.
fn apps_on(data_dir: &Path) -> Vec<String> {
    let data = data_dir.to_str().unwrap().as_bytes();
    std::fs::read_dir("/proc")
        .unwrap()
        .flatten()
        .filter(|entry| {
            let Ok(cmdline) = std::fs::read(entry.path().join("cmdline")) else { return false };
            let args: Vec<&[u8]> = cmdline.split(|b| *b == 0).collect();
            args.first().is_some_and(|program| program.ends_with(b"samlar-app"))
                && args.contains(&data)
        })
        .map(|entry| entry.file_name().into_string().unwrap())
        .collect()
}

/// Waits until no app runs on `data_dir`: an app whose session just ended
/// may still be closing its database, and a new one on the same folder
/// would find it in use.
pub(crate) fn wait_for_exit(data_dir: &Path) {
    let gone = || {
        apps_on(data_dir).iter().all(|pid| {
            match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
                Ok(stat) => {
                    stat.rsplit_once(')').is_some_and(|(_, s)| s.trim_start().starts_with('Z'))
                }
                Err(_) => true,
            }
        })
    };
    assert!(
        wait_until(Duration::from_secs(15), gone),
        "an earlier app on the data folder did not exit"
    );
}

/// Kills the app that runs on `data_dir` with SIGKILL, as a crash or a power
/// cut would: it writes nothing more. Returns once the process is dead.
pub(crate) fn kill_app(data_dir: &Path) {
    let running = apps_on(data_dir);
    assert_eq!(running.len(), 1, "one app runs on the data folder");
    let pid = &running[0];
    assert!(Command::new("kill").args(["-KILL", pid]).status().unwrap().success());
    // Dead: gone, or a zombie its parent has not reaped yet.
    let dead = || match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        Ok(stat) => stat.rsplit_once(')').is_some_and(|(_, s)| s.trim_start().starts_with('Z')),
        Err(_) => true,
    };
    assert!(wait_until(Duration::from_secs(5), dead), "the app did not die");
}

impl Display {
    /// The X display's name (`:90`), for starting a program on it directly.
    pub(crate) fn name(&self) -> &str {
        &self.name
    }
}

/// Starts the app on `data_dir` and waits for its first heading, not for a
/// list: for the start-up error page, which has none. It does not wait for
/// an earlier app on the folder to exit: one test starts a second on purpose.
pub(crate) async fn start_app(driver: &Driver, data_dir: &Path, more: &[&str]) -> WebDriver {
    let app = session(driver, data_dir, more).await;
    find(&app, "//h1").await;
    app
}
