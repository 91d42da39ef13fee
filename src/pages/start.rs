//! What the window shows first, read before the page loads: the settings and
//! the partnership list it opens on. The shell puts it into the page before any
//! script runs, so that the first list is painted without waiting for round
//! trips over IPC, each of which waits for the page's first frame (measured in
//! BENCHMARKS.md, start-up steps).

use crate::registry::partnership::{
    PartnershipQuery, PartnershipSort, PartnershipStatus, PartnershipSummary,
};
use crate::store::settings::Settings;
use crate::{Result, Workspace};
use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StartView {
    pub settings: Settings,
    /// The query the partnership list opens with, and its answer.
    pub partnership_query: PartnershipQuery,
    pub partnerships: Vec<PartnershipSummary>,
    /// True when the database was opened only to be read (damaged, or made
    /// by a newer Samlär): the window says so and offers no editing.
    pub read_only: bool,
}

impl PartnershipQuery {
    /// What the list shows when the app starts: active partnerships, newest first.
    pub fn start() -> Self {
        Self {
            search: String::new(),
            status: PartnershipStatus::Active,
            kind: None,
            sort: PartnershipSort::Newest,
        }
    }
}

impl Workspace {
    pub async fn start_view(&self) -> Result<StartView> {
        let partnership_query = PartnershipQuery::start();
        Ok(StartView {
            settings: self.settings().await?,
            partnerships: self.partnerships(partnership_query.clone()).await?,
            partnership_query,
            read_only: self.is_read_only(),
        })
    }
}
