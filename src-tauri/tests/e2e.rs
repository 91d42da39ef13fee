//! End to end: the real app binary in its real window under Xvfb, driven
//! through tauri-driver and WebKitWebDriver, finding things as a person would:
//! by label, role and visible text. `scripts/test` installs what this needs.

use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use thirtyfour::prelude::*;
use thirtyfour::{Capabilities, Key};

/// One app window at a time: two cores are not enough to run several in parallel.
static ONE_AT_A_TIME: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

const APP: &str = env!("CARGO_BIN_EXE_samlar-app");

/// An X server of our own, so that tests never open windows on a desktop.
struct Display {
    xvfb: Child,
    name: String,
}

/// A display is in use while the process named in its lock file lives; a
/// lock left by a server that was killed does not count (Xvfb replaces it).
fn display_in_use(n: u32) -> bool {
    let Ok(lock) = std::fs::read_to_string(format!("/tmp/.X{n}-lock")) else { return false };
    lock.trim().parse::<u32>().is_ok_and(|pid| Path::new(&format!("/proc/{pid}")).exists())
}

impl Display {
    fn start() -> Display {
        for n in 90..200 {
            if display_in_use(n) {
                continue;
            }
            let name = format!(":{n}");
            let xvfb = Command::new("Xvfb")
                .args([&name, "-screen", "0", "1280x900x24", "-nolisten", "tcp"])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("Xvfb is missing: run scripts/test, which installs it");
            let socket = PathBuf::from(format!("/tmp/.X11-unix/X{n}"));
            let mut display = Display { xvfb, name };
            if wait_until(Duration::from_secs(10), || socket.exists()) {
                return display;
            }
            let _ = display.xvfb.kill();
        }
        panic!("no free X display between :90 and :199");
    }
}

impl Drop for Display {
    fn drop(&mut self) {
        let _ = self.xvfb.kill();
        let _ = self.xvfb.wait();
    }
}

/// tauri-driver in front of WebKitWebDriver, on ports of its own.
struct Driver {
    child: Child,
    port: u16,
}

impl Driver {
    fn start(display: &Display) -> Driver {
        let (port, native_port) = (free_port(), free_port());
        let child = Command::new(tauri_driver())
            .args(["--port", &port.to_string(), "--native-port", &native_port.to_string()])
            .env("DISPLAY", &display.name)
            .env("GDK_BACKEND", "x11")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("tauri-driver is missing: run scripts/test, which installs it");
        let driver = Driver { child, port };
        // tauri-driver listens before WebKitWebDriver does: wait for both.
        let up = |p: u16| TcpStream::connect(("127.0.0.1", p)).is_ok();
        assert!(
            wait_until(Duration::from_secs(20), || up(port) && up(native_port)),
            "tauri-driver or WebKitWebDriver did not start"
        );
        driver
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        // SIGTERM, not SIGKILL: killing it leaves WebKitWebDriver on its port.
        let _ = Command::new("kill").args(["-TERM", &self.child.id().to_string()]).status();
        if !wait_until(Duration::from_secs(5), || matches!(self.child.try_wait(), Ok(Some(_)))) {
            let _ = self.child.kill();
            let _ = self.child.wait();
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
async fn open_app(driver: &Driver, data_dir: &Path) -> WebDriver {
    open_app_with(driver, data_dir, &[]).await
}

async fn open_app_with(driver: &Driver, data_dir: &Path, more: &[&str]) -> WebDriver {
    let mut caps = Capabilities::new();
    let mut args = vec!["--data-dir", data_dir.to_str().unwrap()];
    args.extend_from_slice(more);
    let options = serde_json::json!({ "application": APP, "args": args });
    caps.set("tauri:options", options).unwrap();
    caps.set("browserName", "wry").unwrap();
    let app = WebDriver::new(format!("http://127.0.0.1:{}", driver.port), caps)
        .await
        .expect("WebDriver session");
    find(&app, "//body[@data-ready='true']").await;
    app
}

/// Waits for an element, by XPath, for up to ten seconds.
async fn find(app: &WebDriver, xpath: &str) -> WebElement {
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

fn quoted(text: &str) -> String {
    assert!(!text.contains('\''), "test texts avoid apostrophes");
    format!("'{text}'")
}

async fn button(app: &WebDriver, name: &str) -> WebElement {
    find(app, &format!("//button[normalize-space()={}]", quoted(name))).await
}

async fn heading(app: &WebDriver, text: &str) -> WebElement {
    find(app, &format!("//h1[normalize-space()={}]", quoted(text))).await
}

/// The form control whose `<label>` says `label`.
async fn field(app: &WebDriver, label: &str) -> WebElement {
    let xpath = format!("//*[@id=//label[normalize-space()={}]/@for]", quoted(label));
    find(app, &xpath).await
}

async fn screenshot(app: &WebDriver, name: &str) {
    // Under load a screenshot right after a click can show the previous
    // frame: wait for two animation frames first.
    let two_frames = "const done = arguments[arguments.length - 1]; \
        requestAnimationFrame(() => requestAnimationFrame(() => done()));";
    let _ = app.execute_async(two_frames, Vec::<serde_json::Value>::new()).await;
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"));
    let _ = app.screenshot(&dir.join(format!("e2e-{name}.png"))).await;
}

async fn session_setup() -> (tokio::sync::MutexGuard<'static, ()>, Display, tempfile::TempDir) {
    let guard = ONE_AT_A_TIME.lock().await;
    (guard, Display::start(), tempfile::tempdir().unwrap())
}

#[tokio::test(flavor = "multi_thread")]
async fn a_partnership_created_in_the_form_is_still_there_after_a_restart() {
    let (_guard, display, data) = session_setup().await;
    let driver = Driver::start(&display);
    let name = "Vännäs med stöd av Umeå – omgång 2027";

    let app = open_app(&driver, data.path()).await;
    heading(&app, "Partnerskap").await;
    button(&app, "Nytt partnerskap").await.click().await.unwrap();
    heading(&app, "Nytt partnerskap").await;
    field(&app, "Namn").await.send_keys(name).await.unwrap();
    field(&app, "Startdatum").await.send_keys("2027-01-18").await.unwrap();
    field(&app, "Slutdatum").await.send_keys("2028-02-25").await.unwrap();
    field(&app, "Syfte").await.send_keys("Lära av varandra.").await.unwrap();
    button(&app, "Spara").await.click().await.unwrap();
    heading(&app, name).await;
    button(&app, "Tillbaka till listan").await.click().await.unwrap();
    heading(&app, "Partnerskap").await;
    find(&app, &format!("//main//li[contains(normalize-space(), {})]", quoted(name))).await;
    screenshot(&app, "list-after-create").await;
    app.quit().await.unwrap();

    let app = open_app(&driver, data.path()).await;
    heading(&app, "Partnerskap").await;
    let item =
        find(&app, &format!("//main//li[contains(normalize-space(), {})]", quoted(name))).await;
    assert!(item.text().await.unwrap().contains("2027-01-18"), "the period is shown");
    app.quit().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn an_empty_name_gets_the_swedish_message_next_to_the_field() {
    let (_guard, display, data) = session_setup().await;
    let driver = Driver::start(&display);
    let app = open_app(&driver, data.path()).await;

    button(&app, "Nytt partnerskap").await.click().await.unwrap();
    field(&app, "Syfte").await.send_keys("Texten ska inte försvinna.").await.unwrap();
    field(&app, "Startdatum").await.send_keys("2027-05-01").await.unwrap();
    button(&app, "Spara").await.click().await.unwrap();

    let message =
        find(&app, "//*[@role='alert'][normalize-space()='Ange ett namn på partnerskapet.']").await;
    let name = field(&app, "Namn").await;
    assert_eq!(name.attr("aria-invalid").await.unwrap().as_deref(), Some("true"));
    let described_by = name.attr("aria-describedby").await.unwrap().unwrap_or_default();
    let message_id = message.id().await.unwrap().expect("the message has an id");
    assert!(described_by.split_whitespace().any(|id| id == message_id), "{described_by}");
    assert_eq!(
        field(&app, "Syfte").await.prop("value").await.unwrap().as_deref(),
        Some("Texten ska inte försvinna."),
        "what was typed is kept"
    );
    screenshot(&app, "empty-name").await;

    // Correct it with the keyboard alone: focus is on the name field.
    let focused = app.active_element().await.unwrap();
    assert_eq!(focused.id().await.unwrap(), name.id().await.unwrap(), "focus moves to the field");
    focused.send_keys("Dropin").await.unwrap();
    focused.send_keys(Key::Enter).await.unwrap();
    heading(&app, "Dropin").await;
    app.quit().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn english_is_selectable_and_remembered() {
    let (_guard, display, data) = session_setup().await;
    let driver = Driver::start(&display);
    let app = open_app(&driver, data.path()).await;
    let language = field(&app, "Språk").await;
    language.click().await.unwrap();
    find(&app, "//option[normalize-space()='English']").await.click().await.unwrap();
    heading(&app, "Partnerships").await;
    app.quit().await.unwrap();

    let app = open_app(&driver, data.path()).await;
    heading(&app, "Partnerships").await;
    assert_eq!(
        app.find(By::Tag("html")).await.unwrap().attr("lang").await.unwrap().as_deref(),
        Some("en")
    );
    app.quit().await.unwrap();
}

/// Opens the header menu and chooses an item, as a keyboard or mouse user would.
async fn menu(app: &WebDriver, item: &str) {
    button(app, "Meny").await.click().await.unwrap();
    let xpath = format!("//*[@role='menuitem'][normalize-space()={}]", quoted(item));
    find(app, &xpath).await.click().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn a_csv_file_is_previewed_then_imported_and_its_rows_found() {
    let (_guard, display, data) = session_setup().await;
    let driver = Driver::start(&display);
    let app = open_app(&driver, data.path()).await;

    menu(&app, "Importera från CSV").await;
    heading(&app, "Importera från CSV").await;
    let file = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures/organisationer-windows1252-semikolon.csv")
        .canonicalize()
        .unwrap();
    field(&app, "CSV-fil").await.send_keys(file.to_str().unwrap()).await.unwrap();
    find(&app, "//h2[normalize-space()='Förhandsgranskning']").await;
    find(&app, "//*[contains(normalize-space(), '5 skapas')]").await;
    find(&app, "//td[normalize-space()='Region Norrbotten']").await;
    screenshot(&app, "import-preview").await;
    assert!(
        app.find(By::XPath("//*[contains(normalize-space(), 'Skellefteå kommun')]")).await.is_ok(),
        "the preview names the rows it will create"
    );
    button(&app, "Importera").await.click().await.unwrap();
    find(&app, "//*[starts-with(normalize-space(), 'Importen är klar')]").await;

    button(&app, "Organisationer").await.click().await.unwrap();
    heading(&app, "Organisationer").await;
    for name in ["Skellefteå kommun", "Luleå tekniska universitet", "Region Norrbotten"] {
        find(
            &app,
            &format!(
                "//table//td[normalize-space()={0}] | //table//td//*[normalize-space()={0}]",
                quoted(name)
            ),
        )
        .await;
    }
    screenshot(&app, "organisations-after-import").await;
    app.quit().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn demo_data_shows_skelleftea_among_clns_participants() {
    let (_guard, display, data) = session_setup().await;
    let driver = Driver::start(&display);
    let app = open_app(&driver, data.path()).await;

    menu(&app, "Ladda exempeldata").await;
    let cln = "CLN – Collaborative Learning Networks";
    button(&app, cln).await.click().await.unwrap();
    heading(&app, cln).await;
    let participants = "//section[.//h3[starts-with(normalize-space(), 'Deltagare (')]]";
    find(&app, &format!("{participants}//button[normalize-space()='Skellefteå kommun']")).await;
    screenshot(&app, "cln-participants").await;
    app.quit().await.unwrap();
}

/// Chooses `option` in the select whose label is `label`, within `scope`.
async fn choose(app: &WebDriver, scope: &str, label: &str, option: &str) {
    // By its visible label, or by its accessible name where a table column
    // header is the visible label.
    let label = quoted(label);
    let select = format!(
        "{scope}//select[@aria-label={label} or @id={scope}//label[normalize-space()={label}]/@for]"
    );
    let xpath = format!("{select}/option[normalize-space()={}]", quoted(option));
    find(app, &xpath).await.click().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn a_learning_cycle_is_planned_logged_followed_up_and_searched() {
    let (_guard, display, data) = session_setup().await;
    let driver = Driver::start(&display);
    let app = open_app(&driver, data.path()).await;
    menu(&app, "Ladda exempeldata").await;
    let round = "Modellkommuner och modellregioner – omgång 2027";
    button(&app, round).await.click().await.unwrap();
    heading(&app, round).await;

    // Plan the cycle.
    button(&app, "Planera lärcykel").await.click().await.unwrap();
    heading(&app, "Planera lärcykel").await;
    field(&app, "Startdatum").await.send_keys("2027-01-18").await.unwrap();
    button(&app, "Föreslå datum").await.click().await.unwrap();
    field(&app, "Datum för Lärandeträff 3").await;
    button(&app, "Spara mötena").await.click().await.unwrap();
    heading(&app, round).await;
    find(&app, "//h2[starts-with(normalize-space(), 'Möten (5)')]").await;

    // Log learning meeting 1: attendance, a reflection and an action.
    find(&app, "//button[starts-with(normalize-space(), 'Lärandeträff 1')]")
        .await
        .click()
        .await
        .unwrap();
    heading(&app, "Lärandeträff 1").await;
    choose(&app, "", "Närvaro för Anna Exempel", "Närvarande").await;
    let reflection = "Vi får bättre rutiner när förvaltningarna jämför sina nyckeltal.";
    field(&app, "Vad kan vi lära?").await.send_keys(reflection).await.unwrap();
    let form = "//form[.//button[normalize-space()='Lägg till åtgärd']]";
    choose(&app, form, "Organisation", "Vännäs kommun").await;
    let action = "Ta fram könsuppdelad statistik för hemtjänsten";
    let what =
        find(&app, &format!("{form}//*[@id={form}//label[normalize-space()='Åtgärd']/@for]")).await;
    what.send_keys(action).await.unwrap();
    button(&app, "Lägg till åtgärd").await.click().await.unwrap();
    find(&app, "//*[normalize-space()='Alla ändringar är sparade']").await;
    screenshot(&app, "learning-meeting-1").await;

    // Learning meeting 2 follows the action up.
    button(&app, "Nästa möte").await.click().await.unwrap();
    heading(&app, "Lärandeträff 2").await;
    let follow = format!("//fieldset[legend[normalize-space()={}]]", quoted(action));
    find(&app, &follow).await;
    choose(&app, &follow, "Status nu", "Klar").await;
    let note = find(
        &app,
        &format!("{follow}//*[@id={follow}//label[normalize-space()='Uppföljning']/@for]"),
    )
    .await;
    note.send_keys("Statistiken redovisas nu i varje månadsrapport.").await.unwrap();
    find(&app, &format!("{follow}//button[normalize-space()='Spara uppföljning']"))
        .await
        .click()
        .await
        .unwrap();
    find(&app, "//*[normalize-space()='Uppföljningen har sparats.']").await;
    screenshot(&app, "learning-meeting-2-follow-up").await;

    // The reflection is found by a word from it, and the hit opens its meeting.
    button(&app, "Sök").await.click().await.unwrap();
    heading(&app, "Sök i möten").await;
    field(&app, "Sök").await.send_keys("nyckelt").await.unwrap();
    find(&app, "//mark[normalize-space()='nyckeltal']").await;
    screenshot(&app, "search").await;
    find(&app, "//button[starts-with(normalize-space(), 'Lärandeträff 1')]")
        .await
        .click()
        .await
        .unwrap();
    heading(&app, "Lärandeträff 1").await;
    let saved = field(&app, "Vad kan vi lära?").await.prop("value").await.unwrap();
    assert_eq!(saved.as_deref(), Some(reflection));
    app.quit().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn typing_is_saved_without_a_save_button_and_survives_killing_the_app() {
    let (_guard, display, data) = session_setup().await;
    let driver = Driver::start(&display);
    let app = open_app(&driver, data.path()).await;
    menu(&app, "Ladda exempeldata").await;
    button(&app, "Dropin").await.click().await.unwrap();
    button(&app, "Nytt möte").await.click().await.unwrap();
    heading(&app, "Nytt möte").await;
    field(&app, "Datum").await.send_keys("2027-05-11").await.unwrap();
    button(&app, "Skapa mötet").await.click().await.unwrap();
    let notes = "Skolan och arbetsgivarna planerar praktik tillsammans.";
    field(&app, "Anteckningar från mötet").await.send_keys(notes).await.unwrap();
    // No blur, no save button: only the debounce saves it. Two seconds later
    // the session ends, which kills the app.
    tokio::time::sleep(Duration::from_secs(2)).await;
    app.quit().await.unwrap();

    let app = open_app(&driver, data.path()).await;
    button(&app, "Dropin").await.click().await.unwrap();
    find(&app, "//h2[starts-with(normalize-space(), 'Möten (1)')]").await;
    find(&app, "//section//button[contains(normalize-space(), '2027-05-11')]")
        .await
        .click()
        .await
        .unwrap();
    let saved = field(&app, "Anteckningar från mötet").await.prop("value").await.unwrap();
    assert_eq!(saved.as_deref(), Some(notes));
    app.quit().await.unwrap();
}

/// Opens a partnership from the list by its name.
async fn open_partnership(app: &WebDriver, name: &str) {
    button(app, "Partnerskap").await.click().await.unwrap();
    button(app, name).await.click().await.unwrap();
    heading(app, name).await;
}

async fn new_round(app: &WebDriver, name: &str, start: &str) {
    button(app, "Partnerskap").await.click().await.unwrap();
    button(app, "Nytt partnerskap").await.click().await.unwrap();
    heading(app, "Nytt partnerskap").await;
    field(app, "Namn").await.send_keys(name).await.unwrap();
    field(app, "Startdatum").await.send_keys(start).await.unwrap();
    button(app, "Spara").await.click().await.unwrap();
    heading(app, name).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn mentors_are_paired_within_capacity_and_graduates_become_mentors_with_a_lineage() {
    let (_guard, display, data) = session_setup().await;
    let driver = Driver::start(&display);
    let app = open_app(&driver, data.path()).await;
    menu(&app, "Ladda exempeldata").await;

    // A round: Umeå supports Skellefteå and Lycksele.
    let first = "Modellkommuner – omgång 2029";
    new_round(&app, first, "2029-01-15").await;
    find(&app, "//h2[normalize-space()='Mentorpar']").await;
    button(&app, "Nytt mentorpar").await.click().await.unwrap();
    heading(&app, "Nytt mentorpar").await;
    choose(&app, "", "Deltagare 1", "Skellefteå kommun").await;
    choose(&app, "", "Deltagare 2", "Lycksele kommun").await;
    choose(&app, "", "Mentororganisation", "Umeå kommun").await;
    button(&app, "Spara mentorparet").await.click().await.unwrap();
    let pair = "Skellefteå kommun och Lycksele kommun med stöd av Umeå kommun";
    heading(&app, pair).await;

    // Two more for Umeå would exceed its three places: the message stands
    // next to the participant that does not fit.
    open_partnership(&app, first).await;
    button(&app, "Nytt mentorpar").await.click().await.unwrap();
    heading(&app, "Nytt mentorpar").await;
    choose(&app, "", "Deltagare 1", "Nordmalings kommun").await;
    choose(&app, "", "Deltagare 2", "Bjurholms kommun").await;
    choose(&app, "", "Mentororganisation", "Umeå kommun").await;
    button(&app, "Spara mentorparet").await.click().await.unwrap();
    let message = "Mentorn har inte plats för fler deltagare i omgången. \
                   Höj mentorns kapacitet eller välj en annan mentor.";
    let alert =
        find(&app, &format!("//*[@role='alert'][normalize-space()={}]", quoted(message))).await;
    let second = field(&app, "Deltagare 2").await;
    let described = second.attr("aria-describedby").await.unwrap().unwrap_or_default();
    let alert_id = alert.attr("id").await.unwrap().unwrap_or_default();
    assert!(!alert_id.is_empty() && described.split(' ').any(|id| id == alert_id));
    assert_eq!(second.attr("aria-invalid").await.unwrap().as_deref(), Some("true"));
    screenshot(&app, "pairing-capacity").await;
    button(&app, "Avbryt").await.click().await.unwrap();

    // Skellefteå completes the round.
    heading(&app, first).await;
    let participants = "//section[.//h3[normalize-space()='Deltagare i omgången']]";
    find(&app, &format!("{participants}//label[normalize-space()='Skellefteå kommun']"))
        .await
        .click()
        .await
        .unwrap();
    let date = field(&app, "Genomförd datum").await;
    date.clear().await.unwrap();
    date.send_keys("2030-02-20").await.unwrap();
    button(&app, "Markera som genomförda").await.click().await.unwrap();
    find(&app, &format!("{participants}//*[contains(normalize-space(), 'Genomförd 2030-02-20')]"))
        .await;

    // In a later round Skellefteå is suggested first, and why.
    let later = "Modellkommuner – omgång 2031";
    new_round(&app, later, "2031-01-20").await;
    button(&app, "Nytt mentorpar").await.click().await.unwrap();
    heading(&app, "Nytt mentorpar").await;
    choose(&app, "", "Deltagare 1", "Norsjö kommun").await;
    let suggestions = "//section[.//h2[normalize-space()='Förslag på mentor']]";
    let top = find(&app, &format!("({suggestions}//li)[1]")).await;
    let top_text = top.text().await.unwrap();
    assert!(top_text.contains("Skellefteå kommun"), "{top_text}");
    assert!(top_text.contains(&format!("Genomförde {first} (2030-02-20)")), "{top_text}");
    screenshot(&app, "pairing-suggestions").await;
    button(&app, "Välj Skellefteå kommun som mentor").await.click().await.unwrap();
    button(&app, "Spara mentorparet").await.click().await.unwrap();
    heading(&app, "Norsjö kommun med stöd av Skellefteå kommun").await;

    // Skellefteå's lineage: mentored by Umeå, mentor for Norsjö.
    find(&app, "//a[normalize-space()='Skellefteå kommun'] | //button[normalize-space()='Skellefteå kommun']")
        .await
        .click()
        .await
        .unwrap();
    heading(&app, "Skellefteå kommun").await;
    find(&app, "//*[(self::a or self::button)][normalize-space()='Visa mentorslinje']")
        .await
        .click()
        .await
        .unwrap();
    heading(&app, "Mentorslinje för Skellefteå kommun").await;
    let mentors = "//section[.//h2[normalize-space()='Mentorer']]";
    find(&app, &format!("{mentors}//li[contains(normalize-space(), 'Umeå kommun')]")).await;
    let mentees = "//section[.//h2[normalize-space()='Har varit mentor för']]";
    find(&app, &format!("{mentees}//li[contains(normalize-space(), 'Norsjö kommun')]")).await;
    find(&app, "//*[local-name()='svg'][@role='img']").await;
    screenshot(&app, "lineage").await;
    app.quit().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn a_session_summary_is_exported_from_the_meeting_page_as_a_pdf() {
    let (_guard, display, data) = session_setup().await;
    let exports = tempfile::tempdir().unwrap();
    let driver = Driver::start(&display);
    let export_dir = exports.path().to_str().unwrap();
    let app = open_app_with(&driver, data.path(), &["--export-dir", export_dir]).await;
    menu(&app, "Ladda exempeldata").await;
    button(&app, "Dropin").await.click().await.unwrap();
    button(&app, "Nytt möte").await.click().await.unwrap();
    heading(&app, "Nytt möte").await;
    field(&app, "Datum").await.send_keys("2027-05-11").await.unwrap();
    button(&app, "Skapa mötet").await.click().await.unwrap();
    let notes = "Skolan och arbetsgivarna planerar praktik för åttondeklassare.";
    field(&app, "Anteckningar från mötet").await.send_keys(notes).await.unwrap();
    find(&app, "//*[normalize-space()='Alla ändringar är sparade']").await;

    button(&app, "Skriv ut sammanfattning (PDF)").await.click().await.unwrap();
    let status = find(&app, "//*[@role='status'][starts-with(normalize-space(), 'Sparad:')]").await;
    let shown = status.text().await.unwrap();
    screenshot(&app, "pdf-saved").await;
    app.quit().await.unwrap();

    let saved: Vec<PathBuf> = std::fs::read_dir(exports.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "pdf"))
        .collect();
    assert_eq!(saved.len(), 1, "one PDF in the export folder");
    assert!(shown.contains(saved[0].to_str().unwrap()), "the window names the file: {shown}");
    let text = Command::new("pdftotext").arg(&saved[0]).arg("-").output().unwrap();
    let text =
        String::from_utf8(text.stdout).unwrap().split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(text.contains("Sammanfattning:") && text.contains("2027-05-11"), "{text}");
    assert!(text.contains(notes), "{text}");
    assert!(text.contains("Dropin"), "the partnership is named: {text}");
}
