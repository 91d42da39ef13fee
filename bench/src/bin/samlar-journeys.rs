//! What a person waits for in the window (issue #19, point 5): the release
//! app under an Xvfb display of our own, driven through tauri-driver on a
//! copy of the national dataset (a data folder of its own, given to the app
//! with `--data-dir`), five journeys timed inside the page:
//!
//! - a keystroke in the meeting notes (WebDriver send_keys, one key at a
//!   time, about six a second) to the next paint;
//! - opening the meeting with the most follow-ups (found as the core suite
//!   finds it, `suite::subjects`) from its partnership's meeting list, to
//!   its page painted with every follow-up;
//! - typing a word in the search field (the suite's search words) to its
//!   results painted, from the word's last key;
//! - scrolling the people list from top to bottom one viewport at a time,
//!   each step from the scroll to the paint with names in every row in
//!   view, until the last row (`aria-rowindex` = the table's
//!   `aria-rowcount`) is painted; the sum of the steps per full scroll too;
//! - switching between the three lists with the header's buttons, to the
//!   new list's rows painted.
//!
//! How the timings come back: an in-page recorder (`bench/src/journeys.js`,
//! installed with WebDriver's execute_script, nothing of it in the app)
//! takes `performance.now()` (the event's own timeStamp) at the keydown,
//! click or scroll, polls the expected element in `requestAnimationFrame`
//! callbacks, and stops at a `setTimeout(0)` queued from the callback that
//! found it: after that frame was painted. The benchmark fetches each
//! result with execute_async_script. No WebDriver round trip is inside a
//! figure, and the app needs no command or hook for it. The recorder also
//! notes every IPC call (Tauri's fetch to `ipc://localhost/<command>`):
//! start, reply headers, body parsed; with the core's own time of each call
//! from the app's log (`logs/` in the data folder: `command=… ms=…`), a
//! second table splits each journey into the wait before the first call,
//! the calls (core, reading and JSON parsing of replies) and what comes
//! after the last reply (rendering and paint); a third gives each command's
//! calls. The figures and tables are in `samlar_bench::journeys`.
//!
//! `samlar-journeys --app PATH --data FILE [--keys 50] [--opens 20]
//! [--searches 20] [--scrolls 5] [--switches 20]`
//! Prints markdown tables: median and 98th percentile (nearest rank: the
//! slowest of 20 runs, the second slowest of 50) against the goal of
//! 100 ms; figures, not assertions.

use samlar::Workspace;
use samlar::kernel::values::{ById, MeetingId};
use samlar_bench::generate::{self, BoxError};
use samlar_bench::journeys::{Journey, Measured, print, print_commands, read_log};
use samlar_bench::suite::{SEARCHES, subjects};
use samlar_bench::window::{Display, Driver, Options, data_folder, session, wait_for};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use thirtyfour::prelude::*;

const RECORDER: &str = include_str!("../journeys.js");
const J: &str = "window.__samlarJourneys";

/// The header's sections in order (`NAV_ITEMS` in ui/src/lib/navigation.ts)
/// with the heading of each list's view.
const LISTS: [(&str, usize, &str); 3] = [
    ("partnerships", 1, "list-heading"),
    ("organisations", 2, "org-list-heading"),
    ("people", 3, "people-list-heading"),
];
const SEARCH_NAV: usize = 4;

/// Typed into the notes, one key at a time.
const TYPED: &str = "uppfoljningen av handlingsplanen visar att arbetet gar framat ";

struct Args {
    app: PathBuf,
    data: PathBuf,
    keys: usize,
    opens: usize,
    searches: usize,
    scrolls: usize,
    switches: usize,
}

fn args() -> Result<Args, BoxError> {
    let o = Options::from_args()?;
    Ok(Args {
        app: o.path("--app")?,
        data: o.path("--data")?,
        keys: o.count("--keys", 50)?,
        opens: o.count("--opens", 20)?,
        searches: o.count("--searches", 20)?,
        scrolls: o.count("--scrolls", 5)?,
        switches: o.count("--switches", 20)?,
    })
}

/// What a journey is called with: the meeting and where it is listed.
struct Meeting {
    id: i64,
    follow_ups: usize,
    partnership: String,
    /// Its position in the partnership's meeting list.
    index: usize,
    date: String,
}

async fn find_meeting(data_dir: &Path) -> Result<Meeting, BoxError> {
    let ws = Workspace::open(&data_dir.join("samlar.sqlite3"), generate::clock()).await?;
    let s = subjects(&ws).await?;
    let detail = ws.meeting(ById { id: MeetingId(s.most_followed_meeting) }).await?;
    // Its place in the partnership's meeting list, in the list's order (date,
    // start time, id; a meeting without a time first on its day).
    let before: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM meetings m, meetings t WHERE t.id = ?1 \
         AND m.partnership_id = t.partnership_id \
         AND (m.date, coalesce(m.start_time, ''), m.id) < (t.date, coalesce(t.start_time, ''), t.id)",
    )
    .bind(s.most_followed_meeting)
    .fetch_one(ws.pool())
    .await?;
    let meeting = Meeting {
        id: s.most_followed_meeting,
        follow_ups: detail.follow_ups.len(),
        partnership: detail.partnership.name.clone(),
        index: usize::try_from(before)?,
        date: detail.meeting.date.to_string(),
    };
    ws.close().await;
    Ok(meeting)
}

async fn js(app: &WebDriver, code: &str) -> Result<Value, BoxError> {
    Ok(app.execute(code, Vec::new()).await?.json().clone())
}

async fn js_element(app: &WebDriver, code: &str) -> Result<WebElement, BoxError> {
    Ok(app.execute(code, Vec::new()).await?.element()?)
}

/// The next measurement the recorder finished.
async fn measured(app: &WebDriver) -> Result<Measured, BoxError> {
    let code = format!("{J}.wait(arguments[arguments.length - 1]);");
    Ok(app.execute_async(code, Vec::new()).await?.convert()?)
}

/// Polls `condition` (a JS expression) until it is true, for up to 30 s.
async fn until(app: &WebDriver, condition: &str) -> Result<(), BoxError> {
    let start = Instant::now();
    while js(app, &format!("return Boolean({condition});")).await? != Value::Bool(true) {
        if start.elapsed() > Duration::from_secs(30) {
            return Err(format!("never true: {condition}").into());
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    Ok(())
}

/// No IPC call in flight, then a short pause: the next journey starts calm.
async fn settle(app: &WebDriver) -> Result<(), BoxError> {
    until(app, &format!("{J}.idle()")).await?;
    tokio::time::sleep(Duration::from_millis(150)).await;
    Ok(())
}

async fn nav(app: &WebDriver, position: usize) -> Result<WebElement, BoxError> {
    wait_for(app, By::Css(format!("nav.main-nav li:nth-child({position}) button"))).await
}

/// Switches between the three lists, round and round; one warm-up round.
async fn switches(app: &WebDriver, runs: usize) -> Result<Vec<Measured>, BoxError> {
    let mut out = Vec::new();
    for i in 0..runs + LISTS.len() {
        // The app starts on the partnership list: the first switch is to organisations.
        let (list, position, heading) = LISTS[(i + 1) % LISTS.len()];
        settle(app).await?;
        let button = nav(app, position).await?;
        js(app, &format!("{J}.arm('to {list}', 'click', () => {J}.listShown('{heading}'));"))
            .await?;
        button.click().await?;
        let m = measured(app).await?;
        if i >= LISTS.len() {
            out.push(m);
        }
    }
    Ok(out)
}

/// Full scrolls of the people list: each step and the sum of each scroll.
async fn scrolls(app: &WebDriver, runs: usize) -> Result<(Vec<Measured>, Vec<f64>), BoxError> {
    let (_, position, heading) = LISTS[2];
    settle(app).await?;
    nav(app, position).await?.click().await?;
    until(app, &format!("{J}.listShown('{heading}')")).await?;
    let (mut steps, mut totals) = (Vec::new(), Vec::new());
    for run in 1..=runs {
        js(app, "window.scrollTo(0, 0);").await?;
        settle(app).await?;
        let (mut total, mut count) = (0.0, 0);
        let wall = Instant::now();
        loop {
            let end = js(app, &format!("return {J}.listEnd('{heading}');")).await?;
            if end["lastShown"] == Value::Bool(true) {
                break;
            }
            if end["atBottom"] == Value::Bool(true) && count > 0 {
                return Err(
                    format!("at the bottom of the page, last row not painted: {end}").into()
                );
            }
            if count > 5000 {
                return Err("more than 5,000 steps".into());
            }
            js(
                app,
                &format!("{J}.scrollStep('scroll step', () => {J}.viewportPainted('{heading}'));"),
            )
            .await?;
            let m = measured(app).await?;
            total += m.ms().unwrap_or(0.0);
            count += 1;
            steps.push(m);
        }
        let rows = js(app, &format!("return {J}.listEnd('{heading}').rows;")).await?;
        eprintln!(
            "scroll {run} of {runs}: {rows} rows, {count} steps, {total:.0} ms in the steps, \
             {:.1} s with the WebDriver round trips",
            wall.elapsed().as_secs_f64()
        );
        totals.push(total);
    }
    js(app, "window.scrollTo(0, 0);").await?;
    Ok((steps, totals))
}

/// Searches for the suite's words in turn, each typed into an empty field.
async fn searches(app: &WebDriver, runs: usize) -> Result<Vec<Measured>, BoxError> {
    settle(app).await?;
    nav(app, SEARCH_NAV).await?.click().await?;
    let field = wait_for(app, By::Id("meeting-search")).await?;
    let mut out = Vec::new();
    for i in 0..runs + 1 {
        let word = SEARCHES[i % SEARCHES.len()];
        js(
            app,
            "const f = document.getElementById('meeting-search'); f.value = ''; \
             f.dispatchEvent(new Event('input', { bubbles: true }));",
        )
        .await?;
        until(
            app,
            "!document.querySelector('ul.search-hits') && document.getElementById('search-heading')\
             .closest('section').querySelector('p.count').textContent.trim() === ''",
        )
        .await?;
        settle(app).await?;
        let quoted = serde_json::to_string(word)?;
        js(
            app,
            &format!(
                "{J}.arm('search', 'keydown', (m) => {{ \
                   const f = document.getElementById('meeting-search'); \
                   return f.value === {quoted} && {J}.answered('search', m) && \
                     f.closest('section').querySelector('ul.search-hits li, p.empty, .error-box') !== null; \
                 }}, true);"
            ),
        )
        .await?;
        field.send_keys(word).await?;
        let m = measured(app).await?;
        if i > 0 {
            out.push(m);
        }
    }
    Ok(out)
}

/// Opens the meeting from its partnership's meeting list; one warm-up.
async fn opens(app: &WebDriver, meeting: &Meeting, runs: usize) -> Result<Vec<Measured>, BoxError> {
    let name = serde_json::to_string(&meeting.partnership)?;
    let partnership = format!(
        "Array.from(document.querySelectorAll('ul.partnerships > li button'))\
         .find((b) => b.textContent.trim() === {name})"
    );
    let find_partnership = format!("return {partnership} ?? null;");
    let mut out = Vec::new();
    for i in 0..runs + 1 {
        settle(app).await?;
        nav(app, LISTS[0].1).await?.click().await?;
        until(app, &format!("{J}.listShown('list-heading')")).await?;
        if js(app, &find_partnership).await?.is_null() {
            // Not among the active ones: all partnerships (kept for the later runs).
            js(
                app,
                "const s = document.getElementById('list-status'); s.value = 'all'; \
                 s.dispatchEvent(new Event('change', { bubbles: true }));",
            )
            .await?;
            until(app, &partnership).await?;
        }
        js_element(app, &find_partnership).await?.click().await?;
        until(app, "document.querySelector('ol.meeting-list > li button')").await?;
        let listed = "document.querySelectorAll('ol.meeting-list > li').length";
        loop {
            let shown = js(app, &format!("return {listed};")).await?.as_u64().unwrap_or(0) as usize;
            if shown > meeting.index {
                break;
            }
            js_element(
                app,
                "return document.getElementById('meetings-heading').closest('section')\
                 .querySelector('.show-more button');",
            )
            .await?
            .click()
            .await?;
            until(app, &format!("{listed} > {shown}")).await?;
        }
        let button = js_element(
            app,
            &format!(
                "return document.querySelectorAll('ol.meeting-list > li')[{}].querySelector('button');",
                meeting.index
            ),
        )
        .await?;
        let text = button.text().await?;
        if !text.contains(&meeting.date) {
            return Err(format!("meeting {} is not where expected: {text}", meeting.id).into());
        }
        button.scroll_into_view().await?;
        settle(app).await?;
        js(
            app,
            &format!(
                "{J}.arm('open meeting', 'click', () => {{ \
                   const h = document.getElementById('md-followups'); \
                   if (document.getElementById('meeting-heading') === null || h === null) return false; \
                   const s = h.closest('section'); \
                   const n = s.querySelectorAll('fieldset.follow-up').length; \
                   return n >= {0} || (n >= Math.min(20, {0}) && s.querySelector('.show-more button') !== null); \
                 }});",
                meeting.follow_ups
            ),
        )
        .await?;
        button.click().await?;
        let m = measured(app).await?;
        if i > 0 {
            out.push(m);
        }
    }
    Ok(out)
}

/// Types into the notes of the meeting page now open, one key at a time.
async fn keystrokes(app: &WebDriver, runs: usize) -> Result<Vec<Measured>, BoxError> {
    let notes = wait_for(app, By::Id("md-notes")).await?;
    notes.scroll_into_view().await?;
    settle(app).await?;
    let mut out = Vec::new();
    let warmups = 2;
    for (i, key) in TYPED.chars().cycle().take(runs + warmups).enumerate() {
        js(app, &format!("{J}.arm('keystroke', 'keydown', (m) => m.input);")).await?;
        notes.send_keys(key.to_string()).await?;
        let m = measured(app).await?;
        if i >= warmups {
            out.push(m);
        }
        // About six keys a second with the round trips: the autosave runs as it would.
        tokio::time::sleep(Duration::from_millis(120)).await;
    }
    settle(app).await?;
    Ok(out)
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_default()
}

#[tokio::main]
async fn main() -> Result<(), BoxError> {
    let a = args()?;
    let work = tempfile::tempdir()?;
    let data_dir = data_folder(&work.path().join("app"), &a.data)?;
    eprintln!("journeys: choosing the meeting with the most follow-ups …");
    let meeting = find_meeting(&data_dir).await?;
    eprintln!(
        "journeys: meeting {} ({} follow-ups), number {} in its partnership's list",
        meeting.id,
        meeting.follow_ups,
        meeting.index + 1
    );
    let load_before = load_average();
    let display = Display::start()?;
    let driver = Driver::start(&display)?;
    let app = session(&driver, &a.app, &data_dir).await?;
    app.set_script_timeout(Duration::from_secs(60)).await?;
    wait_for(&app, By::Css("body[data-ready='true']")).await?;
    js(&app, RECORDER).await?;

    let mut journeys = Vec::new();
    let mut totals = Vec::new();
    let result: Result<(), BoxError> = async {
        eprintln!("journeys: switching between the lists");
        let runs = switches(&app, a.switches).await?;
        journeys.push(Journey {
            name: "switch between the three lists, to the rows painted".into(),
            runs: runs.clone(),
            target: true,
        });
        for (list, _, _) in LISTS {
            let to: Vec<Measured> =
                runs.iter().filter(|m| m.name == format!("to {list}")).cloned().collect();
            journeys.push(Journey { name: format!("… to the {list}"), runs: to, target: false });
        }
        eprintln!("journeys: scrolling the people list");
        let (steps, sums) = scrolls(&app, a.scrolls).await?;
        totals = sums;
        journeys.push(Journey {
            name: "scroll the people list one viewport, to the new rows painted (each step)".into(),
            runs: steps,
            target: true,
        });
        eprintln!("journeys: searching");
        let runs = searches(&app, a.searches).await?;
        journeys.push(Journey {
            name: "search: a word typed, from its last key to the results painted".into(),
            runs,
            target: true,
        });
        eprintln!("journeys: opening the meeting");
        let runs = opens(&app, &meeting, a.opens).await?;
        journeys.push(Journey {
            name: format!(
                "open the meeting with the most follow-ups ({}), to its follow-ups painted (all, or the first page and its button)",
                meeting.follow_ups
            ),
            runs,
            target: true,
        });
        eprintln!("journeys: typing in the notes");
        let runs = keystrokes(&app, a.keys).await?;
        journeys.push(Journey {
            name: "a keystroke in the meeting notes, to the next paint".into(),
            runs,
            target: true,
        });
        Ok(())
    }
    .await;
    let _ = app.quit().await;
    drop(driver);
    drop(display);
    result?;
    // The log is written by a thread of its own: the app has ended, it is complete.
    let log = read_log(&data_dir);
    print(&journeys, &totals, &log);
    println!();
    print_commands(&journeys, &log);
    println!();
    println!(
        "Timed in the page from the input event to the paint after the expected rows or \
         element appeared (requestAnimationFrame, then setTimeout 0); p98 is the nearest-rank \
         98th percentile. Load average {load_before} before, {} after.",
        load_average()
    );
    Ok(())
}
