//! Shared setup for the core's integration tests: a real SQLite file in a
//! temporary directory and a clock the test sets.

#![allow(dead_code)]

use chrono::{TimeZone, Utc};
use samlar::registry::partnership::{PartnershipDraft, PartnershipKind};
use samlar::{FixedClock, Workspace};
use std::path::PathBuf;
use std::sync::Arc;
use tempfile::TempDir;

pub struct TestWorkspace {
    pub ws: Workspace,
    pub clock: Arc<FixedClock>,
    pub dir: TempDir,
}

impl TestWorkspace {
    pub async fn new() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let clock = Arc::new(FixedClock::new(Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap()));
        let ws = Workspace::open(&dir.path().join("samlar.sqlite3"), clock.clone())
            .await
            .expect("open workspace");
        Self { ws, clock, dir }
    }

    pub fn db_path(&self) -> PathBuf {
        self.dir.path().join("samlar.sqlite3")
    }

    /// Closes the database and opens the same file again.
    pub async fn reopen(self) -> Self {
        let Self { ws, clock, dir } = self;
        ws.close().await;
        let ws = Workspace::open(&dir.path().join("samlar.sqlite3"), clock.clone())
            .await
            .expect("reopen workspace");
        Self { ws, clock, dir }
    }
}

pub fn draft(name: &str) -> PartnershipDraft {
    PartnershipDraft::new(name, PartnershipKind::ModelMunicipalityRound)
}

use samlar::kernel::values::OrganisationKind;
use samlar::registry::organisation::OrganisationDraft;

pub fn municipality(name: &str, code: &str) -> OrganisationDraft {
    OrganisationDraft {
        code: code.to_owned(),
        ..OrganisationDraft::new(name, OrganisationKind::Municipality)
    }
}

/// The bytes of a committed fixture in `tests/fixtures/`.
pub fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name))
        .expect("fixture")
}

/// A database file in `dir` with the schema as it was before `migration`
/// (e.g. "0007": migrations 0001–0006 applied), to fill the old way and then
/// open with the current migrations. Returns the pool and the file's path.
pub async fn database_before(
    dir: &std::path::Path,
    migration: &str,
) -> (sqlx::SqlitePool, PathBuf) {
    let path = dir.join("samlar.sqlite3");
    let old = dir.join(format!("migrations-before-{migration}"));
    std::fs::create_dir(&old).unwrap();
    let migrations = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("migrations");
    for entry in std::fs::read_dir(&migrations).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        if name.as_str() < migration {
            std::fs::copy(migrations.join(&name), old.join(&name)).unwrap();
        }
    }
    let options = sqlx::sqlite::SqliteConnectOptions::new()
        .filename(&path)
        .create_if_missing(true)
        .foreign_keys(true);
    let pool = sqlx::SqlitePool::connect_with(options).await.unwrap();
    sqlx::migrate::Migrator::new(old.as_path()).await.unwrap().run(&pool).await.unwrap();
    (pool, path)
}

use samlar::kernel::page::{Cursor, Page, PageRequest};
use samlar::kernel::values::{ById, PartnershipId};
use samlar::meetings::meeting::MeetingSummary;
use samlar::registry::organisation::{Organisation, OrganisationQuery};
use samlar::registry::person::{PersonQuery, PersonSummary};

/// Every row of a paged list, asked for page by page as the window does:
/// `fetch` gets each page's request (`limit` rows after the page before).
/// Checks that every page but the last is full and that each says the
/// same total, which the rows add up to.
pub async fn walk<Q: Clone, I: Clone, T, F, Fut>(query: Q, limit: u32, mut fetch: F) -> Vec<T>
where
    F: FnMut(PageRequest<Q, Cursor<I>>) -> Fut,
    Fut: std::future::Future<Output = samlar::Result<Page<T, Cursor<I>>>>,
{
    let mut rows = Vec::new();
    let mut after = None;
    let mut total = None;
    loop {
        let request = PageRequest { query: query.clone(), after, limit };
        let page = fetch(request).await.expect("a page");
        assert!(page.rows.len() <= limit as usize);
        assert_eq!(*total.get_or_insert(page.total), page.total, "the total changed");
        let last = page.next.is_none();
        assert!(last || page.rows.len() == limit as usize, "a page short of its limit");
        rows.extend(page.rows);
        if last {
            break;
        }
        after = page.next;
    }
    assert_eq!(rows.len() as i64, total.unwrap(), "the rows add up to the total");
    rows
}

/// The largest page a command gives.
pub const WHOLE: u32 = samlar::kernel::limits::PAGE_MAX_ROWS as u32;

pub async fn all_people(ws: &Workspace, query: PersonQuery) -> Vec<PersonSummary> {
    walk(query, WHOLE, |r| ws.people(r)).await
}

pub async fn all_organisations(ws: &Workspace, query: OrganisationQuery) -> Vec<Organisation> {
    walk(query, WHOLE, |r| ws.organisations(r)).await
}

pub async fn all_meetings(ws: &Workspace, id: PartnershipId) -> Vec<MeetingSummary> {
    walk(ById { id }, WHOLE, |r| ws.meetings(r)).await
}
