//! The core's integration tests, in one binary: one link instead of sixteen
//! (a link of the core and its dependencies costs seconds on two cores). Each
//! module tests one part of the core on real SQLite files.

mod common;
/// The throw-away PostgreSQL server of the shared workspace's tests.
#[path = "../support/postgres.rs"]
mod postgres;

mod agenda_templates;
mod amounts;
mod approval;
mod architecture;
mod attachments;
mod bindings;
mod calendar;
mod charter;
mod delegation;
mod demo;
mod derived;
mod derived_scan;
mod exchange;
mod exchange_guards;
mod exchange_indicators;
mod exchange_practice;
mod export;
mod export_lists;
mod files;
mod full_disk;
mod good_example_library;
mod groups;
mod import;
mod indicators;
mod input;
mod limits;
mod lineage;
mod list_pages;
mod logo;
mod meetings;
mod mentor_suggestions;
mod messages;
mod minutes_mail;
mod organisations;
mod overview;
mod pairings;
mod partnerships;
mod pdf;
mod pdf_layout;
mod people;
mod period_report;
mod permissions;
mod postgres_harness;
mod privacy;
mod roles;
mod safekeeping;
mod shared_joining;
mod shared_workspace;
mod sign_in_sheet;
mod statistics;
mod statistics_walk;
mod storage;
mod venues;
