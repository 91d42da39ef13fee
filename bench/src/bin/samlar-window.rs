//! Start-up time and memory of the release app, against a minimal Tauri
//! window built with the same Tauri in the same run (`samlar-minimal-window`).
//!
//! Start-up: from spawning the process to the interface saying its first
//! list is painted (`ui_ready`, printed on stderr with `SAMLAR_REPORT_READY`),
//! several runs each, alternating, under an Xvfb display of our own.
//! Memory: proportional set size (PSS, from /proc/PID/smaps_rollup) of the
//! app process and of its WebKit processes, five seconds after the largest
//! lists were opened through WebDriver (tauri-driver), and the same for the
//! reference window five seconds after it painted, also under WebDriver.
//!
//! `samlar-window --app PATH --reference PATH --data FILE [--runs N] [--memory no]`
//! Prints markdown tables: the targets, then the median time from spawn to
//! each start-up step of both windows; figures, not assertions.

use samlar_bench::generate::BoxError;
use samlar_bench::window::{Display, Driver, Options, data_folder, session, stop_group, wait_for};
use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use thirtyfour::prelude::*;

struct Args {
    app: PathBuf,
    reference: PathBuf,
    data: PathBuf,
    runs: usize,
    /// `--memory no`: start-up only.
    memory: bool,
}

fn args() -> Result<Args, BoxError> {
    let o = Options::from_args()?;
    Ok(Args {
        app: o.path("--app")?,
        reference: o.path("--reference")?,
        data: o.path("--data")?,
        runs: o.count("--runs", 7)?,
        memory: o.get("--memory") != Some("no"),
    })
}

/// One start: milliseconds from spawning the binary to its "ui ready" line,
/// and to each start-up step it reported on the way (`samlar: at <unix ms>
/// <step>`, see `src-tauri/src/startup.rs`).
struct Start {
    ready_ms: f64,
    steps: HashMap<String, f64>,
}

fn unix_ms() -> f64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default()
        .as_secs_f64()
        * 1000.0
}

fn start_once(display: &Display, binary: &Path, data_dir: &Path) -> Result<Start, BoxError> {
    let spawned = Instant::now();
    let spawned_unix = unix_ms();
    let mut child = Command::new(binary)
        .args(["--data-dir", data_dir.to_str().unwrap()])
        .env("DISPLAY", display.name())
        .env("SAMLAR_REPORT_READY", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .process_group(0)
        .spawn()?;
    let stderr = child.stderr.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut steps = HashMap::new();
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if line.contains("samlar: ui ready") {
                let ready_ms = spawned.elapsed().as_secs_f64() * 1000.0;
                let _ = tx.send(Start { ready_ms, steps: std::mem::take(&mut steps) });
            } else if let Some(rest) = line.strip_prefix("samlar: at ")
                && let Some((at, step)) = rest.split_once(' ')
                && let Ok(at) = at.parse::<f64>()
            {
                steps.entry(step.to_string()).or_insert(at - spawned_unix);
            }
        }
    });
    let ready = rx.recv_timeout(Duration::from_secs(60));
    stop_group(&mut child);
    Ok(ready.map_err(|_| format!("{} never said it was ready", binary.display()))?)
}

/// Start-up steps in the order they happen; a window reports those it has.
const STEPS: [&str; 20] = [
    "main",
    "setup",
    "database-open",
    "page-started",
    "ui:navigation",
    "ui:html",
    "page-finished",
    "ui:script",
    "ui:list-view",
    "ui:mounted",
    "ui:dom-content-loaded",
    "ui:load",
    "get_settings",
    "ui:list-asked",
    "list_partnerships",
    "ui:list-received",
    "ui:list-rendered",
    "ui:first-frame",
    "ui_ready",
    "ready",
];

/// Median milliseconds from spawn to each step, or None where a window never
/// reported it.
fn step_medians(starts: &[Start]) -> Vec<Option<f64>> {
    STEPS
        .iter()
        .map(|step| {
            let mut at: Vec<f64> = starts
                .iter()
                .filter_map(|s| {
                    if *step == "ready" { Some(s.ready_ms) } else { s.steps.get(*step).copied() }
                })
                .collect();
            (at.len() == starts.len()).then(|| median_p95(&mut at).0)
        })
        .collect()
}

fn pss_kb(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("Pss:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|n| n.parse().ok())
        })
        .unwrap_or(0)
}

/// Every process: (pid, parent pid, executable).
fn processes() -> Vec<(u32, u32, PathBuf)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else { continue };
        let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else { continue };
        // The parent pid is the second field after the parenthesised name.
        let after = stat.rsplit_once(')').map(|(_, rest)| rest).unwrap_or("");
        let ppid = after.split_whitespace().nth(1).and_then(|p| p.parse().ok()).unwrap_or(0);
        let exe = std::fs::read_link(format!("/proc/{pid}/exe")).unwrap_or_default();
        out.push((pid, ppid, exe));
    }
    out
}

/// PSS in MB of the process running `binary` and of its child processes
/// (WebKitWebProcess, WebKitNetworkProcess).
fn memory_of(binary: &Path) -> Result<(f64, f64), BoxError> {
    let all = processes();
    let (pid, _, _) = all
        .iter()
        .find(|(_, _, exe)| exe == binary)
        .ok_or(format!("no running {}", binary.display()))?;
    let own = pss_kb(*pid);
    let children: u64 =
        all.iter().filter(|(_, ppid, _)| ppid == pid).map(|(c, _, _)| pss_kb(*c)).sum();
    Ok((own as f64 / 1024.0, (own + children) as f64 / 1024.0))
}

async fn scroll_to_end(app: &WebDriver) -> Result<(), BoxError> {
    app.execute("window.scrollTo(0, document.body.scrollHeight)", Vec::new()).await?;
    tokio::time::sleep(Duration::from_millis(500)).await;
    Ok(())
}

/// Opens the largest lists the way a person would: all people, all
/// organisations, the partnership list and the largest partnership.
async fn open_largest_lists(app: &WebDriver) -> Result<usize, BoxError> {
    wait_for(app, By::XPath("//body[@data-ready='true']")).await?;
    let mut rows = 0;
    // People and organisations are tables; partnerships a list.
    for (section, row) in [
        ("Personer", "//main//table//tbody/tr"),
        ("Organisationer", "//main//table//tbody/tr"),
        ("Partnerskap", "//main//ul/li"),
    ] {
        wait_for(app, By::XPath(format!("//nav//button[normalize-space()='{section}']")))
            .await?
            .click()
            .await?;
        wait_for(app, By::XPath(row)).await?;
        scroll_to_end(app).await?;
        rows = rows.max(app.find_all(By::XPath(row)).await?.len());
    }
    // Then the first partnership listed (the newest).
    wait_for(app, By::XPath("//main//ul/li//button")).await?.click().await?;
    wait_for(app, By::XPath("//main//h1")).await?;
    scroll_to_end(app).await?;
    Ok(rows)
}

fn median_p95(values: &mut [f64]) -> (f64, f64) {
    values.sort_by(f64::total_cmp);
    let at = |q: f64| values[((values.len() - 1) as f64 * q).round() as usize];
    (at(0.5), at(0.95))
}

#[tokio::main]
async fn main() -> Result<(), BoxError> {
    let a = args()?;
    let display = Display::start()?;
    let work = tempfile::tempdir()?;
    let app_data = data_folder(&work.path().join("app"), &a.data)?;
    let reference_data = work.path().join("reference");
    std::fs::create_dir_all(&reference_data)?;

    // Warm-up run of each (first run ever of WebKit is much slower).
    eprintln!("start-up: warming up");
    start_once(&display, &a.app, &app_data)?;
    start_once(&display, &a.reference, &reference_data)?;
    let (mut app_starts, mut ref_starts) = (Vec::new(), Vec::new());
    for run in 1..=a.runs {
        eprintln!("start-up: run {run} of {}", a.runs);
        app_starts.push(start_once(&display, &a.app, &app_data)?);
        ref_starts.push(start_once(&display, &a.reference, &reference_data)?);
    }
    let (app_steps, ref_steps) = (step_medians(&app_starts), step_medians(&ref_starts));
    let mut app_ms: Vec<f64> = app_starts.iter().map(|s| s.ready_ms).collect();
    let mut ref_ms: Vec<f64> = ref_starts.iter().map(|s| s.ready_ms).collect();
    let (app_med, app_p95) = median_p95(&mut app_ms);
    let (ref_med, ref_p95) = median_p95(&mut ref_ms);
    let met = |ok: bool| if ok { "met" } else { "MISSED" };
    println!("| measure | Samlär | minimal window | target | |");
    println!("| --- | ---: | ---: | --- | --- |");
    println!(
        "| start-up to first list painted, median ({} runs) | {app_med:.0} ms | {ref_med:.0} ms | ≤ 1.15 × minimal ({:.0} ms) | {} |",
        a.runs,
        ref_med * 1.15,
        met(app_med <= ref_med * 1.15)
    );
    println!("| start-up, 95th percentile | {app_p95:.0} ms | {ref_p95:.0} ms | | |");

    if a.memory {
        eprintln!("memory: the minimal window under WebDriver");
        let driver = Driver::start(&display)?;
        let reference = session(&driver, &a.reference, &reference_data).await?;
        tokio::time::sleep(Duration::from_secs(5)).await;
        let (ref_own, ref_all) = memory_of(&a.reference)?;
        reference.quit().await?;
        eprintln!("memory: Samlär with its largest lists open");
        let app = session(&driver, &a.app, &app_data).await?;
        let dom_rows = open_largest_lists(&app).await?;
        tokio::time::sleep(Duration::from_secs(5)).await;
        let (app_own, app_all) = memory_of(&a.app)?;
        app.quit().await?;
        println!(
            "| PSS, app process | {app_own:.0} MB | {ref_own:.0} MB | ≤ minimal + 40 MB ({:.0} MB) | {} |",
            ref_own + 40.0,
            met(app_own <= ref_own + 40.0)
        );
        println!(
            "| PSS, all processes | {app_all:.0} MB | {ref_all:.0} MB | ≤ 1.2 × minimal ({:.0} MB) | {} |",
            ref_all * 1.2,
            met(app_all <= ref_all * 1.2)
        );
        println!("| most list rows in the DOM after opening the lists | {dom_rows} | | | |");
    }

    println!();
    println!("| start-up step, median ms from spawn | Samlär | minimal window |");
    println!("| --- | ---: | ---: |");
    let cell = |v: &Option<f64>| v.map_or("—".to_string(), |ms| format!("{ms:.0}"));
    for (i, step) in STEPS.iter().enumerate() {
        println!("| {step} | {} | {} |", cell(&app_steps[i]), cell(&ref_steps[i]));
    }
    Ok(())
}
