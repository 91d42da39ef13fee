//! Documents: what enters or leaves Samlär as a file. CSV import from Excel
//! and CSV export to it, a person's data as JSON, PDF session summaries and
//! reports, calendar files (.ics) of meetings, the demo data, and the
//! Swedish and English words they are written in. May use every other room.

pub mod activity_list;
pub mod calendar;
pub mod demo;
pub mod export;
pub mod export_lists;
pub mod import;
pub mod indicator_list;
pub mod logo;
pub mod messages;
pub mod minutes_mail;
pub mod package_file;
pub mod pdf;
pub mod sheet;
