//! The figures of `samlar-journeys` (`src/bin/samlar-journeys.rs`): what
//! the in-page recorder (`journeys.js`) hands back for each measurement, the
//! core's own time of each IPC call from the app's log, and the tables:
//! median and 98th percentile of each journey against the goal, each journey
//! split at its IPC calls, and each command's calls.

use serde::Deserialize;
use std::path::Path;

/// The goal of every journey: p98 under 100 ms.
pub const GOAL_MS: f64 = 100.0;

/// One IPC call as the page saw it (ms since the page's time origin).
#[derive(Debug, Clone, Deserialize)]
pub struct Call {
    pub cmd: String,
    pub start: f64,
    pub headers: Option<f64>,
    pub parsed: Option<f64>,
}

/// One measurement of the recorder.
#[derive(Debug, Clone, Deserialize)]
pub struct Measured {
    pub name: String,
    pub t0: f64,
    pub t1: Option<f64>,
    /// `performance.timeOrigin`, Unix ms.
    pub origin: f64,
    pub calls: Vec<Call>,
}

impl Measured {
    /// Milliseconds from the input event to the paint; None: never shown.
    pub fn ms(&self) -> Option<f64> {
        self.t1.map(|t1| t1 - self.t0)
    }
}

/// The nearest-rank percentile `p` (0–1) of `values`.
pub fn rank(values: &[f64], p: f64) -> f64 {
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    v[((p * v.len() as f64).ceil() as usize).clamp(1, v.len()) - 1]
}

/// A command's line in the app's log: when it ended (Unix ms) and its own time.
pub struct Logged {
    at: f64,
    cmd: String,
    ms: f64,
}

pub fn read_log(data_dir: &Path) -> Vec<Logged> {
    let mut out = Vec::new();
    let dir = data_dir.join(samlar::pages::about::LOG_DIR);
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
        for line in text.lines() {
            let field = |name: &str| {
                line.split_whitespace().find_map(|w| w.strip_prefix(name)).map(str::to_string)
            };
            let (Some(at), Some(cmd), Some(ms)) = (
                line.split_whitespace()
                    .next()
                    .and_then(|t| chrono::DateTime::parse_from_rfc3339(t).ok()),
                field("command="),
                field("ms=").and_then(|m| m.parse::<f64>().ok()),
            ) else {
                continue;
            };
            out.push(Logged { at: at.timestamp_micros() as f64 / 1000.0, cmd, ms });
        }
    }
    out
}

/// The core's own time of `call` (page time, origin `origin`), from the log
/// line written when the core was done: between the call and its reply.
fn core_of(call: &Call, origin: f64, log: &[Logged], used: &mut [bool]) -> Option<f64> {
    let headers = call.headers.unwrap_or(call.start);
    let (from, to) = (origin + call.start - 5.0, origin + headers + 5.0);
    let (i, line) = log
        .iter()
        .enumerate()
        .find(|(i, l)| !used[*i] && l.cmd == call.cmd && l.at >= from && l.at <= to)?;
    used[i] = true;
    Some(line.ms)
}

/// Each command's calls in the timed runs: the round trip the page saw
/// (sent to reply parsed), the core's own time, and reading + parsing.
pub fn print_commands(journeys: &[Journey], log: &[Logged]) {
    /// A command's calls: round trips, core times, reading + parsing.
    #[derive(Default)]
    struct Calls {
        cmd: String,
        trip: Vec<f64>,
        core: Vec<f64>,
        read: Vec<f64>,
    }
    let mut used = vec![false; log.len()];
    let mut by: Vec<Calls> = Vec::new();
    for j in journeys.iter().filter(|j| j.target) {
        for m in &j.runs {
            for c in &m.calls {
                let Some(parsed) = c.parsed else { continue };
                let core = core_of(c, m.origin, log, &mut used);
                let i = match by.iter().position(|b| b.cmd == c.cmd) {
                    Some(i) => i,
                    None => {
                        by.push(Calls { cmd: c.cmd.clone(), ..Calls::default() });
                        by.len() - 1
                    }
                };
                by[i].trip.push(parsed - c.start);
                by[i].core.extend(core);
                by[i].read.push(parsed - c.headers.unwrap_or(parsed));
            }
        }
    }
    println!(
        "| command (timed runs) | calls | round trip in the page, sent to reply parsed | core (log) | reading + JSON.parse of the reply |"
    );
    println!("| --- | ---: | ---: | ---: | ---: |");
    let med =
        |v: &[f64]| if v.is_empty() { "—".to_string() } else { format!("{:.1}", rank(v, 0.5)) };
    for b in &by {
        println!(
            "| {} | {} | {} | {} | {} |",
            b.cmd,
            b.trip.len(),
            med(&b.trip),
            med(&b.core),
            med(&b.read)
        );
    }
}

/// A measurement split at its IPC calls (those answered before the paint).
#[derive(Default)]
struct Split {
    before: f64,
    calls: f64,
    core: Option<f64>,
    parse: f64,
    after: f64,
}

fn split(m: &Measured, log: &[Logged], used: &mut [bool]) -> Option<Split> {
    let t1 = m.t1?;
    let answered: Vec<&Call> =
        m.calls.iter().filter(|c| c.parsed.is_some_and(|p| p <= t1)).collect();
    let Some(first) = answered.iter().map(|c| c.start).min_by(f64::total_cmp) else {
        return Some(Split { before: t1 - m.t0, ..Split::default() });
    };
    let last = answered.iter().filter_map(|c| c.parsed).max_by(f64::total_cmp).unwrap_or(first);
    let mut core = Some(0.0);
    let mut parse = 0.0;
    for c in &answered {
        let headers = c.headers.unwrap_or(c.start);
        parse += c.parsed.unwrap_or(headers) - headers;
        match core_of(c, m.origin, log, used) {
            Some(ms) => core = core.map(|sum| sum + ms),
            None => core = None,
        }
    }
    Some(Split { before: first - m.t0, calls: last - first, core, parse, after: t1 - last })
}

/// A journey's name and its measurements.
pub struct Journey {
    pub name: String,
    pub runs: Vec<Measured>,
    /// Against the goal (the sum of a full scroll is not).
    pub target: bool,
}

fn commands_of(runs: &[Measured]) -> String {
    let mut seen: Vec<(String, usize)> = Vec::new();
    for m in runs {
        for c in &m.calls {
            match seen.iter_mut().find(|(name, _)| *name == c.cmd) {
                Some((_, n)) => *n += 1,
                None => seen.push((c.cmd.clone(), 1)),
            }
        }
    }
    if seen.is_empty() {
        return "none".into();
    }
    let per_run = |n: usize| n as f64 / runs.len().max(1) as f64;
    seen.iter().map(|(c, n)| format!("{c} ×{:.2}", per_run(*n))).collect::<Vec<_>>().join(", ")
}

pub fn print(journeys: &[Journey], totals: &[f64], log: &[Logged]) {
    println!("| journey | runs | median ms | p98 ms | target | met |");
    println!("| --- | ---: | ---: | ---: | --- | --- |");
    for j in journeys {
        let ms: Vec<f64> = j.runs.iter().filter_map(Measured::ms).collect();
        let failed = j.runs.len() - ms.len();
        let runs = if failed > 0 {
            format!("{} ({failed} timed out)", ms.len())
        } else {
            ms.len().to_string()
        };
        if ms.is_empty() {
            println!("| {} | {runs} | — | — | | |", j.name);
            continue;
        }
        let (med, p98) = (rank(&ms, 0.5), rank(&ms, 0.98));
        let (target, met) = if j.target {
            ("p98 < 100 ms", if p98 < GOAL_MS && failed == 0 { "met" } else { "MISSED" })
        } else {
            ("", "")
        };
        println!("| {} | {runs} | {med:.1} | {p98:.1} | {target} | {met} |", j.name);
        if j.name.starts_with("scroll the people list one viewport") && !totals.is_empty() {
            println!(
                "| scroll the people list top to bottom: the steps of one full scroll, summed | {} | {:.0} | {:.0} | | |",
                totals.len(),
                rank(totals, 0.5),
                rank(totals, 0.98)
            );
        }
    }
    println!();
    println!(
        "| journey, median ms | until the first IPC call | IPC calls, first sent to last reply parsed | of which the core (log) | of which reading + JSON.parse of replies | after the last reply (render, paint) | calls per run |"
    );
    println!("| --- | ---: | ---: | ---: | ---: | ---: | --- |");
    for j in journeys {
        // The rows "… to the …" hold runs of the row above: each row matches the log afresh.
        let mut used = vec![false; log.len()];
        let splits: Vec<Split> = j.runs.iter().filter_map(|m| split(m, log, &mut used)).collect();
        if splits.is_empty() {
            continue;
        }
        let med = |f: &dyn Fn(&Split) -> f64| rank(&splits.iter().map(f).collect::<Vec<_>>(), 0.5);
        let cores: Vec<f64> = splits.iter().filter_map(|s| s.core).collect();
        let core = if cores.len() == splits.len() {
            format!("{:.1}", rank(&cores, 0.5))
        } else if cores.is_empty() {
            "—".into()
        } else {
            format!("{:.1} ({} of {} runs matched)", rank(&cores, 0.5), cores.len(), splits.len())
        };
        println!(
            "| {} | {:.1} | {:.1} | {core} | {:.1} | {:.1} | {} |",
            j.name,
            med(&|s| s.before),
            med(&|s| s.calls),
            med(&|s| s.parse),
            med(&|s| s.after),
            commands_of(&j.runs)
        );
    }
}
