//! How the start-up check's results are printed: a table per check, cold
//! and warm, and which zeroed pages each one found.

use super::*;

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn median_max(times: &[Duration]) -> String {
    if times.is_empty() {
        return "—".into();
    }
    let mut t = times.to_vec();
    t.sort();
    format!("{:.1} / {:.1}", ms(t[(t.len() - 1) / 2]), ms(t[t.len() - 1]))
}

impl Results {
    pub fn markdown(&self) -> String {
        let mut out = format!(
            "File: {:.1} MB, {} pages of {} bytes, {} tables (b-trees of tables, \
             full-text shadow tables included).\n\n",
            self.file_mb, self.page_count, self.page_size, self.tables
        );
        let n = self.damages.len();
        out.push_str(&format!(
            "| check | cold ms, median / max | warm ms, median / max | warm CPU ms, median | \
             zeroed pages found (of {n}) |\n| --- | ---: | ---: | ---: | ---: |\n"
        ));
        for t in &self.timings {
            let found = self
                .damages
                .iter()
                .filter(|d| d.found.iter().any(|(c, w)| *c == t.check && w.is_some()))
                .count();
            let found = if t.check == Check::Open { "—".into() } else { found.to_string() };
            let cold =
                if self.cold_permitted { median_max(&t.cold) } else { "not permitted".into() };
            let mut cpu = t.warm_cpu.clone();
            cpu.sort();
            let cpu = cpu.get(cpu.len().saturating_sub(1) / 2).map_or(0.0, |d| ms(*d));
            out.push_str(&format!(
                "| {} | {} | {} | {cpu:.0} | {} |\n",
                t.check.name(),
                cold,
                median_max(&t.warm),
                found
            ));
        }
        out.push_str("\n| zeroed page | belongs to |");
        let checks: Vec<Check> = CHECKS.iter().copied().filter(|&c| c != Check::Open).collect();
        for c in &checks {
            out.push_str(&format!(" {} |", c.name()));
        }
        out.push_str("\n| ---: | --- |");
        out.push_str(&" :---: |".repeat(checks.len()));
        out.push('\n');
        for d in &self.damages {
            out.push_str(&format!("| {} | {} |", d.page, d.owner));
            for (_, w) in &d.found {
                out.push_str(if w.is_some() { " found |" } else { " **missed** |" });
            }
            out.push('\n');
        }
        out.push_str("\nquick_check(t) per table (with its indexes), warm, the slowest:\n\n");
        for (t, d) in self.breakdown.iter().take(8) {
            out.push_str(&format!("- {t}: {:.1} ms\n", ms(*d)));
        }
        let total: Duration = self.breakdown.iter().map(|(_, d)| *d).sum();
        out.push_str(&format!("- all {} together: {:.1} ms\n", self.breakdown.len(), ms(total)));
        out.push_str("\nWhat quick_check said, first line, per zeroed page:\n\n");
        for d in &self.damages {
            if let Some((_, Some(w))) = d.found.iter().find(|(c, _)| *c == Check::QuickCheck) {
                let first: String = w.chars().take(160).collect();
                out.push_str(&format!(
                    "- page {}: {}\n",
                    d.page,
                    first.split("; ").next().unwrap_or("")
                ));
            }
        }
        out
    }
}
