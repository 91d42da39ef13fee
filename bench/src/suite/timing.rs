//! Timing a command as the IPC layer calls it: warm-up calls, then timed
//! runs of the core call and the JSON of its reply, each measured row
//! collected (and printed as it comes when asked for).

use super::Options;
use super::report::{Row, Target, ms, percentiles};
use crate::generate::BoxError;
use serde::Serialize;
use std::future::Future;
use std::time::Instant;

pub(super) struct Bench<'a> {
    pub(super) opts: &'a Options,
    pub(super) rows: Vec<Row>,
}

impl Bench<'_> {
    pub(super) fn wanted(&self, command: &str, subject: &str) -> bool {
        self.opts.only.as_ref().is_none_or(|o| format!("{command} {subject}").contains(o.as_str()))
    }

    pub(super) fn push(&mut self, row: Row) {
        if self.opts.progress {
            let met = match row.met() {
                Some(true) => "",
                Some(false) => "  MISSED",
                None => "",
            };
            eprintln!(
                "  {:<58} {:>9} {:>9} ms {:>9} KB{met}",
                format!("{} {}", row.command, row.subject).chars().take(58).collect::<String>(),
                ms(row.median_ms),
                ms(row.p95_ms),
                row.kb.map_or("—".to_owned(), |kb| format!("{kb:.1}")),
            );
        }
        self.rows.push(row);
    }

    /// Times a command: the call and the JSON of its reply, as IPC does.
    pub(super) async fn time<T, F, Fut>(
        &mut self,
        command: &str,
        subject: &str,
        target: Target,
        mut call: F,
    ) -> Result<(), BoxError>
    where
        T: Serialize,
        F: FnMut() -> Fut,
        Fut: Future<Output = samlar::Result<T>>,
    {
        if !self.wanted(command, subject) {
            return Ok(());
        }
        let mut size = 0;
        for _ in 0..self.opts.warmups {
            size = serde_json::to_vec(&call().await?)?.len();
        }
        let mut times = Vec::with_capacity(self.opts.runs);
        for _ in 0..self.opts.runs.max(1) {
            let started = Instant::now();
            let reply = call().await?;
            let json = serde_json::to_vec(&reply)?;
            times.push(started.elapsed());
            size = json.len();
        }
        let (median, p95) = percentiles(&times);
        self.push(Row {
            command: command.to_owned(),
            subject: subject.to_owned(),
            median_ms: Some(median),
            p95_ms: Some(p95),
            kb: Some(size as f64 / 1024.0),
            target,
            note: String::new(),
        });
        Ok(())
    }
}

/// Runs `call` `runs` times and records its median and 95th percentile.
pub(super) async fn record<F, Fut>(
    b: &mut Bench<'_>,
    command: &str,
    subject: String,
    runs: usize,
    mut call: F,
) -> Result<(), BoxError>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<Option<f64>, BoxError>>,
{
    let mut times: Vec<std::time::Duration> = Vec::new();
    let mut kb = None;
    for _ in 0..runs.max(1) {
        let started = Instant::now();
        kb = call().await?;
        times.push(started.elapsed());
    }
    let (median, p95) = percentiles(&times);
    b.push(Row {
        command: command.to_owned(),
        subject,
        median_ms: Some(median),
        p95_ms: Some(p95),
        kb,
        target: Target::None,
        note: String::new(),
    });
    Ok(())
}
