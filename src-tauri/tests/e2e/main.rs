//! End to end: the real app binary in its real window under Xvfb, driven
//! through tauri-driver and WebKitWebDriver, finding things as a person would:
//! by label, role and visible text. `scripts/test` installs what this needs.
//!
//! One test target (`cargo test -p samlar-app --test e2e`) in several files:
//! the harness that starts the display, the drivers and the app and finds
//! things on the page, and the journeys, by area.

mod a11y;
mod approval;
mod attachments;
mod axe;
mod exchange;
mod first_run;
mod harness;
mod import;
mod keyboard;
mod language;
mod markup;
mod markup_screens;
mod meetings;
mod pairings;
mod partnerships;
mod period_report;
// The throw-away PostgreSQL server of the shared workspace's test.
#[path = "../../../tests/support/postgres.rs"]
mod postgres;
mod safekeeping;
mod shared_workspace;
mod sign_in_sheet;
mod venues;
