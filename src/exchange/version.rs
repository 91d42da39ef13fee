//! Version vectors: for each installation, how many changes it has made to
//! a record. Comparing two tells whether one side has seen everything the
//! other has (take the newer one) or both changed the record without seeing
//! the other's change (a conflict for a person to settle). Clocks are never
//! compared: a computer whose clock is wrong cannot win or lose by it.

use serde::{Deserialize, Serialize};
use std::cmp::Ordering;
use std::collections::BTreeMap;

/// `{"<installation id>": changes}`, as stored in `records.version`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Version(pub BTreeMap<String, u64>);

/// How two versions of one record relate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relation {
    Same,
    /// This side has everything the other has, and more.
    Newer,
    /// The other side has everything this one has, and more.
    Older,
    /// Each side has changes the other has not seen.
    Concurrent,
}

impl Version {
    pub fn parse(text: &str) -> Option<Version> {
        serde_json::from_str(text).ok()
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(&self.0).expect("a map of numbers serialises")
    }

    fn count(&self, installation: &str) -> u64 {
        self.0.get(installation).copied().unwrap_or(0)
    }

    /// How `self` (here) relates to `other` (there).
    pub fn relation(&self, other: &Version) -> Relation {
        let mut here_ahead = false;
        let mut there_ahead = false;
        for key in self.0.keys().chain(other.0.keys()) {
            match self.count(key).cmp(&other.count(key)) {
                Ordering::Greater => here_ahead = true,
                Ordering::Less => there_ahead = true,
                Ordering::Equal => {}
            }
        }
        match (here_ahead, there_ahead) {
            (false, false) => Relation::Same,
            (true, false) => Relation::Newer,
            (false, true) => Relation::Older,
            (true, true) => Relation::Concurrent,
        }
    }

    /// What both sides have seen: the larger count of each installation.
    pub fn merged(&self, other: &Version) -> Version {
        let mut all = self.0.clone();
        for (key, n) in &other.0 {
            let mine = all.entry(key.clone()).or_insert(0);
            *mine = (*mine).max(*n);
        }
        Version(all)
    }

    /// One more change by `installation`.
    pub fn bumped(&self, installation: &str) -> Version {
        let mut next = self.clone();
        *next.0.entry(installation.to_owned()).or_insert(0) += 1;
        next
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(pairs: &[(&str, u64)]) -> Version {
        Version(pairs.iter().map(|(k, n)| (k.to_string(), *n)).collect())
    }

    #[test]
    fn versions_relate_by_what_each_side_has_seen() {
        assert_eq!(v(&[("a", 2)]).relation(&v(&[("a", 2)])), Relation::Same);
        assert_eq!(v(&[("a", 3)]).relation(&v(&[("a", 2)])), Relation::Newer);
        assert_eq!(v(&[("a", 2)]).relation(&v(&[("a", 2), ("b", 1)])), Relation::Older);
        assert_eq!(v(&[("a", 3)]).relation(&v(&[("a", 2), ("b", 1)])), Relation::Concurrent);
        assert_eq!(v(&[]).relation(&v(&[("b", 1)])), Relation::Older);
        let merged = v(&[("a", 3)]).merged(&v(&[("a", 2), ("b", 1)]));
        assert_eq!(merged, v(&[("a", 3), ("b", 1)]));
        assert_eq!(merged.bumped("b"), v(&[("a", 3), ("b", 2)]));
    }
}
