//! Across computers on the national dataset: making an exchange package of
//! the busiest pairing (Skicka till mentorn) and of the biggest partnership
//! (a hand-over), previewing and opening the partnership package in an
//! empty data folder (the receiver's first time), and previewing it again
//! where it came from (every record the same: the "same package twice" case);
//! and the calendar files of one meeting and of a partnership's coming ones.

use super::report::{Row, Target, percentiles};
use super::subjects::Subjects;
use super::timing::{Bench, record};
use crate::generate::BoxError;
use samlar::Workspace;
use samlar::documents::export::ExportRequest;
use samlar::exchange::package::MakePackage;
use samlar::exchange::scope::Scope;
use samlar::kernel::values::{ById, MeetingId, PairingId, PartnershipId};
use std::path::Path;
use std::time::Instant;

pub(super) async fn exchange(
    b: &mut Bench<'_>,
    ws: &Workspace,
    s: &Subjects,
    dir: &Path,
) -> Result<(), BoxError> {
    let runs = b.opts.pdf_runs.max(1);
    if b.wanted("export_calendar", "") {
        let meeting = ById { id: MeetingId(s.most_attended_meeting) };
        record(b, "export_calendar", "one meeting, KB of the file".into(), runs, || async move {
            Ok(Some(ws.meeting_calendar(meeting).await?.file.bytes.len() as f64 / 1024.0))
        })
        .await?;
        // The partnership with the most meetings from the bench clock's today on.
        let today = ws.clock().today().to_string();
        let most: Option<i64> = sqlx::query_scalar(
            "SELECT partnership_id FROM meetings WHERE date >= ? \
             GROUP BY partnership_id ORDER BY count(*) DESC, partnership_id LIMIT 1",
        )
        .bind(today)
        .fetch_optional(ws.pool())
        .await?;
        // A dataset without coming meetings (the smoke test's) has nothing to time.
        let id = most.unwrap_or(s.busiest_partnership);
        let partnership = ById { id: PartnershipId(id) };
        let events = match ws.coming_meetings_calendar(partnership).await {
            Ok(calendar) => calendar.events,
            Err(e) if e.code == samlar::ErrorCode::NoComingMeetings => 0,
            Err(e) => return Err(e.into()),
        };
        let subject = format!("most coming meetings of a partnership ({events}), KB of the file");
        record(b, "export_calendar", subject, runs, || async move {
            match ws.coming_meetings_calendar(partnership).await {
                Ok(calendar) => Ok(Some(calendar.file.bytes.len() as f64 / 1024.0)),
                Err(e) if e.code == samlar::ErrorCode::NoComingMeetings => Ok(None),
                Err(e) => Err(e.into()),
            }
        })
        .await?;
    }
    if b.wanted("export_csv", "attendance") {
        // The biggest list to Excel: attendance person by meeting, everything.
        let attendance = ExportRequest::Attendance {
            partnership_id: PartnershipId(s.busiest_partnership),
            from: None,
            to: None,
        };
        let subject = "attendance of the busiest partnership, KB of the file".to_owned();
        record(b, "export_csv", subject, runs, || {
            let attendance = attendance.clone();
            async move { Ok(Some(ws.export_csv(attendance).await?.bytes.len() as f64 / 1024.0)) }
        })
        .await?;
    }
    let pairing = MakePackage {
        scope: Scope::Pairing { id: PairingId(s.pairing) },
        include_sensitive: false,
    };
    if b.wanted("make_package", "pairing") {
        record(b, "make_package", "busiest pairing, KB of the file".into(), runs, || async {
            Ok(Some(ws.make_package(pairing).await?.bytes.len() as f64 / 1024.0))
        })
        .await?;
    }
    let whole = MakePackage {
        scope: Scope::Partnership { id: PartnershipId(s.biggest_partnership) },
        include_sensitive: false,
    };
    let made = ws.make_package(whole).await?;
    let records = made.records;
    let bytes = made.bytes.as_slice();
    if b.wanted("make_package", "partnership") {
        let subject = format!("biggest partnership ({records} records), KB of the file");
        record(b, "make_package", subject, runs, || async {
            Ok(Some(ws.make_package(whole).await?.bytes.len() as f64 / 1024.0))
        })
        .await?;
    }
    if b.wanted("preview_package", "") {
        let empty = Workspace::open(
            &dir.join("mottagare-forhandsvisning.sqlite3"),
            crate::generate::clock(),
        )
        .await?;
        let subject = format!("biggest partnership into an empty data folder ({records} new)");
        record(b, "preview_package", subject, runs, || async {
            empty.preview_package(bytes).await?;
            Ok(None)
        })
        .await?;
        empty.close().await;
        record(
            b,
            "preview_package",
            "biggest partnership where it came from (all the same)".into(),
            runs,
            || async {
                ws.preview_package(bytes).await?;
                Ok(None)
            },
        )
        .await?;
    }
    if b.wanted("open_package", "") {
        // Each run opens into a data folder of its own, made beforehand, so
        // that only the opening is timed, not the new file's migrations.
        let mut receivers = Vec::new();
        for n in 0..runs {
            let path = dir.join(format!("mottagare-{n}.sqlite3"));
            receivers.push(Workspace::open(&path, crate::generate::clock()).await?);
        }
        let mut times = Vec::new();
        for receiver in &receivers {
            let started = Instant::now();
            receiver.open_package(bytes, &[]).await?;
            times.push(started.elapsed());
        }
        for receiver in receivers {
            receiver.close().await;
        }
        let (median, p95) = percentiles(&times);
        b.push(Row {
            command: "open_package".into(),
            subject: format!("biggest partnership into an empty data folder ({records} new)"),
            median_ms: Some(median),
            p95_ms: Some(p95),
            kb: Some(bytes.len() as f64 / 1024.0),
            target: Target::None,
            note: String::new(),
        });
    }
    Ok(())
}
