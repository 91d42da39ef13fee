//! The dataset as planned in memory before anything is written: the
//! organisations, people, partnerships, pairings and meetings with the ids
//! they will get, and the small arithmetic every planning step shares
//! (dates, timestamps, splitting a total over weights). Kept apart so that
//! each family's file reads the same model.

use crate::rng::Rng;
use chrono::NaiveDate;

pub(super) struct Org {
    pub(super) id: i64,
    pub(super) name: String,
    pub(super) kind: &'static str,
    pub(super) code: Option<String>,
    pub(super) county: usize,
    pub(super) employees: i64,
    pub(super) people: Vec<i64>,
}

pub(super) struct Person {
    pub(super) id: i64,
    pub(super) org: i64,
}

pub(super) struct Member {
    pub(super) org: i64,
    pub(super) role: &'static str,
    pub(super) level: &'static str,
    pub(super) cluster: String,
    pub(super) completed_on: Option<NaiveDate>,
    pub(super) capacity: Option<i64>,
}

pub(super) struct Partnership {
    pub(super) id: i64,
    pub(super) name: String,
    pub(super) kind: &'static str,
    pub(super) start: NaiveDate,
    pub(super) end: Option<NaiveDate>,
    pub(super) owner: i64,
    pub(super) county: usize,
    pub(super) members: Vec<Member>,
    /// Model rounds: the startup … results conference dates.
    pub(super) cycle: Vec<NaiveDate>,
    pub(super) weight: f64,
    pub(super) archived: bool,
}

pub(super) struct Pairing {
    pub(super) id: i64,
    pub(super) partnership: usize,
    pub(super) mentor: i64,
    pub(super) participants: Vec<i64>,
    pub(super) start: NaiveDate,
    pub(super) end: NaiveDate,
    pub(super) status: &'static str,
    pub(super) reason: &'static str,
}

#[derive(Clone)]
pub(super) struct Meeting {
    pub(super) id: i64,
    pub(super) partnership: usize,
    pub(super) kind: &'static str,
    pub(super) number: Option<i64>,
    pub(super) date: NaiveDate,
    pub(super) start: &'static str,
    pub(super) end: &'static str,
    pub(super) pairing: Option<usize>,
}

pub(super) struct Model {
    pub(super) orgs: Vec<Org>,
    pub(super) people: Vec<Person>,
    pub(super) partnerships: Vec<Partnership>,
    pub(super) pairings: Vec<Pairing>,
    pub(super) meetings: Vec<Meeting>,
}

impl Model {
    pub(super) fn org(&self, id: i64) -> &Org {
        &self.orgs[(id - 1) as usize]
    }
}

pub(super) fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

pub(super) fn stamp(d: NaiveDate, hour: u32) -> String {
    format!("{d}T{hour:02}:00:00.000Z")
}

/// Splits `total` over `weights` in whole numbers that add up exactly
/// (largest remainders), each at least `min`.
pub(super) fn apportion(total: usize, weights: &[f64], min: usize) -> Vec<usize> {
    let n = weights.len();
    if n == 0 {
        return Vec::new();
    }
    let spare = total.saturating_sub(min * n);
    let sum: f64 = weights.iter().sum::<f64>().max(f64::MIN_POSITIVE);
    let exact: Vec<f64> = weights.iter().map(|w| spare as f64 * w / sum).collect();
    let mut out: Vec<usize> = exact.iter().map(|x| min + x.floor() as usize).collect();
    let mut left = total.saturating_sub(out.iter().sum());
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| {
        let (ra, rb) = (exact[a] - exact[a].floor(), exact[b] - exact[b].floor());
        rb.total_cmp(&ra).then(a.cmp(&b))
    });
    for &i in order.iter().cycle() {
        if left == 0 {
            break;
        }
        out[i] += 1;
        left -= 1;
    }
    out
}

/// Like `apportion`, but no share above its cap; the total is met as far as
/// the caps allow.
pub(super) fn apportion_capped(
    total: usize,
    weights: &[f64],
    caps: &[usize],
    rng: &mut Rng,
) -> Vec<usize> {
    let shares = |f: f64| -> Vec<usize> {
        weights.iter().zip(caps).map(|(w, &c)| ((w * f).round() as usize).min(c)).collect()
    };
    let (mut lo, mut hi) = (0.0f64, 1.0f64);
    while shares(hi).iter().sum::<usize>() < total && hi < 1e9 {
        hi *= 2.0;
    }
    for _ in 0..60 {
        let mid = (lo + hi) / 2.0;
        if shares(mid).iter().sum::<usize>() < total {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    let mut out = shares(hi);
    let mut sum: usize = out.iter().sum();
    let mut guard = 0;
    while sum != total && guard < 10_000_000 {
        guard += 1;
        let i = rng.below(out.len());
        if sum > total && out[i] > 0 {
            out[i] -= 1;
            sum -= 1;
        } else if sum < total && out[i] < caps[i] && weights[i] > 0.0 {
            out[i] += 1;
            sum += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn apportion_adds_up() {
        let shares = apportion(100, &[1.0, 2.0, 3.0, 0.5], 2);
        assert_eq!(shares.iter().sum::<usize>(), 100);
        assert!(shares.iter().all(|&s| s >= 2));
    }

    #[test]
    fn capped_apportion_respects_caps() {
        let mut rng = Rng::new(1);
        let caps = [3, 50, 50, 1];
        let shares = apportion_capped(80, &[5.0, 1.0, 1.0, 5.0], &caps, &mut rng);
        assert_eq!(shares.iter().sum::<usize>(), 80);
        assert!(shares.iter().zip(caps).all(|(s, c)| *s <= c));
    }
}
