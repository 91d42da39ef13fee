//! The one source of the current time. Logic never calls `now()` itself; it
//! asks the workspace's clock, which tests replace with a clock they set.

use chrono::{DateTime, Local, NaiveDate, SecondsFormat, Utc};
use std::sync::Mutex;

pub trait Clock: Send + Sync {
    fn now(&self) -> DateTime<Utc>;

    /// The timestamp format stored in the database: RFC 3339 in UTC with
    /// milliseconds, so that text order is time order.
    fn timestamp(&self) -> String {
        self.now().to_rfc3339_opts(SecondsFormat::Millis, true)
    }

    /// Today's date on the user's computer, for "the next meeting" and the like.
    fn today(&self) -> NaiveDate {
        self.now().with_timezone(&Local).date_naive()
    }
}

/// The computer's clock.
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// A clock that stands still until a test moves it.
pub struct FixedClock(Mutex<DateTime<Utc>>);

impl FixedClock {
    pub fn new(at: DateTime<Utc>) -> Self {
        Self(Mutex::new(at))
    }

    pub fn set(&self, at: DateTime<Utc>) {
        *self.0.lock().expect("clock lock") = at;
    }

    pub fn advance(&self, by: chrono::Duration) {
        let mut at = self.0.lock().expect("clock lock");
        *at += by;
    }
}

impl Clock for FixedClock {
    fn now(&self) -> DateTime<Utc> {
        *self.0.lock().expect("clock lock")
    }
}
