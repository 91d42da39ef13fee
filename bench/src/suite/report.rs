//! The table the suite prints: a row per measurement with its target, the
//! markdown of the whole report, and the median and 95th percentile.

use std::path::PathBuf;
use std::time::Duration;

#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    /// The 95th percentile under this many milliseconds.
    P95(f64),
    /// The median under this many milliseconds.
    Median(f64),
    /// The median under this many milliseconds and the file under this many KB.
    File(f64, f64),
    /// A figure to record, no target.
    None,
}

#[derive(Debug, Clone)]
pub struct Row {
    pub command: String,
    /// What it was called with, e.g. "the biggest partnership".
    pub subject: String,
    /// None when it could not be measured.
    pub median_ms: Option<f64>,
    pub p95_ms: Option<f64>,
    /// The JSON reply, or the file for a PDF or the database.
    pub kb: Option<f64>,
    pub target: Target,
    pub note: String,
}

impl Row {
    pub fn met(&self) -> Option<bool> {
        match self.target {
            Target::P95(ms) => self.p95_ms.map(|p| p < ms),
            Target::Median(ms) => self.median_ms.map(|m| m < ms),
            Target::File(ms, kb) => {
                Some(self.median_ms? < ms && self.kb.is_some_and(|size| size < kb))
            }
            Target::None => None,
        }
    }

    fn target_text(&self) -> String {
        match self.target {
            Target::P95(ms) => format!("p95 < {ms:.0} ms"),
            Target::Median(ms) => format!("median < {ms:.0} ms"),
            Target::File(ms, kb) => format!("< {ms:.0} ms, < {kb:.0} KB"),
            Target::None => "—".to_owned(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Report {
    pub data: PathBuf,
    pub rows: Vec<Row>,
    pub notes: Vec<String>,
    /// The median of the SQLite calibration of the same run
    /// (`calibration.rs`): each median is also shown as a multiple of it.
    pub sqlite_ms: Option<f64>,
}

pub(super) fn ms(x: Option<f64>) -> String {
    match x {
        Some(x) if x < 10.0 => format!("{x:.2}"),
        Some(x) => format!("{x:.1}"),
        None => "—".to_owned(),
    }
}

impl Report {
    /// The table in markdown.
    pub fn markdown(&self) -> String {
        let mut out = String::from(
            "| command | median ms | p95 ms | × SQLite cal. | JSON KB | target | met |\n\
             | --- | ---: | ---: | ---: | ---: | --- | --- |\n",
        );
        for r in &self.rows {
            let command = if r.subject.is_empty() {
                r.command.clone()
            } else {
                format!("{} ({})", r.command, r.subject)
            };
            let met = match r.met() {
                Some(true) => "yes".to_owned(),
                Some(false) => "MISSED".to_owned(),
                None if r.note.is_empty() => "—".to_owned(),
                None => r.note.clone(),
            };
            let kb = r.kb.map_or("—".to_owned(), |kb| format!("{kb:.1}"));
            let times = match (r.median_ms, self.sqlite_ms) {
                (Some(m), Some(cal)) if cal > 0.0 => format!("{:.2}", m / cal),
                _ => "—".to_owned(),
            };
            out.push_str(&format!(
                "| {command} | {} | {} | {times} | {kb} | {} | {met} |\n",
                ms(r.median_ms),
                ms(r.p95_ms),
                r.target_text()
            ));
        }
        for note in &self.notes {
            out.push_str(&format!("\n{note}"));
        }
        out.push('\n');
        out
    }

    pub fn missed(&self) -> Vec<&Row> {
        self.rows.iter().filter(|r| r.met() == Some(false)).collect()
    }
}

/// The median and the 95th percentile (nearest rank), in milliseconds.
pub fn percentiles(times: &[Duration]) -> (f64, f64) {
    let mut ms: Vec<f64> = times.iter().map(|t| t.as_secs_f64() * 1e3).collect();
    ms.sort_by(f64::total_cmp);
    let rank = |p: f64| ms[((p * ms.len() as f64).ceil() as usize).clamp(1, ms.len()) - 1];
    (rank(0.5), rank(0.95))
}
