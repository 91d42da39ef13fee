//! The partnership report PDF: the report closest to 50 pages timed, the
//! largest one once, and the pages of a PDF counted; the report for one
//! year, the sign-in sheet and the handbook of good examples.

use super::report::{Row, Target, percentiles};
use super::timing::Bench;
use super::{PDF_KB, PDF_MS};
use crate::generate::BoxError;
use samlar::Workspace;
use samlar::documents::pdf::{PdfDocument, PdfRequest};
use samlar::kernel::values::{MeetingId, PartnershipId};
use samlar::meetings::good_example_library::GoodExampleFilter;
use std::path::Path;
use std::time::Instant;

/// Pages of a PDF: `pdfinfo` if it is installed, else the page objects.
pub fn pdf_pages(bytes: &[u8], dir: &Path) -> usize {
    let path = dir.join("report.pdf");
    if std::fs::write(&path, bytes).is_ok()
        && let Ok(out) = std::process::Command::new("pdfinfo").arg(&path).output()
        && out.status.success()
        && let Some(n) = String::from_utf8_lossy(&out.stdout)
            .lines()
            .find_map(|l| l.strip_prefix("Pages:").and_then(|n| n.trim().parse().ok()))
    {
        return n;
    }
    let mut pages = 0;
    for pattern in [&b"/Type /Page"[..], &b"/Type/Page"[..]] {
        pages += bytes
            .windows(pattern.len() + 1)
            .filter(|w| w.starts_with(pattern) && !w[pattern.len()].is_ascii_alphabetic())
            .count();
    }
    pages
}

async fn report_pdf(ws: &Workspace, id: i64) -> samlar::Result<Vec<u8>> {
    period_report_pdf(ws, id, None).await
}

/// The report of one partnership, for everything or for a period.
async fn period_report_pdf(
    ws: &Workspace,
    id: i64,
    period: Option<(&str, &str)>,
) -> samlar::Result<Vec<u8>> {
    let request = PdfRequest {
        document: PdfDocument::PartnershipReport {
            partnership_id: PartnershipId(id),
            from: period.map(|(from, _)| from.to_owned()),
            to: period.map(|(_, to)| to.to_owned()),
        },
        archival: false,
        open: false,
    };
    Ok(ws.pdf(request).await?.bytes)
}

/// The sign-in sheet of the meeting with the most people invited.
async fn sign_in_sheet(b: &mut Bench<'_>, ws: &Workspace, dir: &Path) -> Result<(), BoxError> {
    if !b.wanted("export_pdf", "sign-in sheet") {
        return Ok(());
    }
    let meeting: i64 = sqlx::query_scalar(
        "SELECT meeting_id FROM attendance GROUP BY meeting_id ORDER BY count(*) DESC, meeting_id \
         LIMIT 1",
    )
    .fetch_one(ws.pool())
    .await?;
    let request = PdfRequest {
        document: PdfDocument::SignInSheet { meeting_id: MeetingId(meeting) },
        archival: false,
        open: false,
    };
    let mut times = Vec::new();
    let mut bytes = Vec::new();
    for _ in 0..b.opts.pdf_runs.max(1) {
        let started = Instant::now();
        bytes = ws.pdf(request.clone()).await?.bytes;
        times.push(started.elapsed());
    }
    let pages = pdf_pages(&bytes, dir);
    let (median, p95) = percentiles(&times);
    b.push(Row {
        command: "export_pdf".into(),
        subject: format!(
            "sign-in sheet of the most invited meeting, {pages} pages, PDF size in KB"
        ),
        median_ms: Some(median),
        p95_ms: Some(p95),
        kb: Some(bytes.len() as f64 / 1024.0),
        target: Target::File(PDF_MS, PDF_KB),
        note: String::new(),
    });
    Ok(())
}

/// The handbook (exempelsamling) of every good example of every partnership.
/// Its size follows the data, so the 50-page target applies only to a
/// handbook of 50 pages or fewer; a longer one is a figure.
async fn handbook(b: &mut Bench<'_>, ws: &Workspace, dir: &Path) -> Result<(), BoxError> {
    if !b.wanted("export_pdf", "handbook") {
        return Ok(());
    }
    let examples: i64 =
        sqlx::query_scalar("SELECT count(*) FROM good_examples").fetch_one(ws.pool()).await?;
    let request = PdfRequest {
        document: PdfDocument::Handbook { filter: GoodExampleFilter::default() },
        archival: false,
        open: false,
    };
    let mut times = Vec::new();
    let mut bytes = Vec::new();
    for _ in 0..b.opts.pdf_runs.max(1) {
        let started = Instant::now();
        bytes = ws.pdf(request.clone()).await?.bytes;
        times.push(started.elapsed());
    }
    let pages = pdf_pages(&bytes, dir);
    let (median, p95) = percentiles(&times);
    let (target, note) = if pages <= 50 {
        (Target::File(PDF_MS, PDF_KB), String::new())
    } else {
        (Target::None, format!("{pages} pages, over the 50 pages of the target"))
    };
    b.push(Row {
        command: "export_pdf".into(),
        subject: format!("handbook of all {examples} good examples, {pages} pages, PDF size in KB"),
        median_ms: Some(median),
        p95_ms: Some(p95),
        kb: Some(bytes.len() as f64 / 1024.0),
        target,
        note,
    });
    Ok(())
}

/// The report for one year (2025, the last whole year before the generated
/// "today") of the partnership with the most meetings in it: what a funder's
/// yearly report asks for, with indicators, delegations and lessons.
async fn period_report(b: &mut Bench<'_>, ws: &Workspace, dir: &Path) -> Result<(), BoxError> {
    if !b.wanted("export_pdf", "period report") {
        return Ok(());
    }
    let (from, to) = ("2025-01-01", "2025-12-31");
    let id: i64 = sqlx::query_scalar(
        "SELECT partnership_id FROM meetings WHERE date BETWEEN ?1 AND ?2 \
         GROUP BY partnership_id ORDER BY count(*) DESC, partnership_id LIMIT 1",
    )
    .bind(from)
    .bind(to)
    .fetch_one(ws.pool())
    .await?;
    let mut times = Vec::new();
    let mut bytes = Vec::new();
    for _ in 0..b.opts.pdf_runs.max(1) {
        let started = Instant::now();
        bytes = period_report_pdf(ws, id, Some((from, to))).await?;
        times.push(started.elapsed());
    }
    let pages = pdf_pages(&bytes, dir);
    let (median, p95) = percentiles(&times);
    let (target, note) = if pages <= 50 {
        (Target::File(PDF_MS, PDF_KB), String::new())
    } else {
        (Target::None, format!("{pages} pages, over the 50 pages of the target"))
    };
    b.push(Row {
        command: "export_pdf".into(),
        subject: format!(
            "report for 2025 of the busiest partnership that year, {pages} pages, PDF size in KB"
        ),
        median_ms: Some(median),
        p95_ms: Some(p95),
        kb: Some(bytes.len() as f64 / 1024.0),
        target,
        note,
    });
    Ok(())
}

pub(super) async fn pdf(b: &mut Bench<'_>, ws: &Workspace, dir: &Path) -> Result<(), BoxError> {
    sign_in_sheet(b, ws, dir).await?;
    handbook(b, ws, dir).await?;
    period_report(b, ws, dir).await?;
    if !b.wanted("export_pdf", "partnership report") {
        return Ok(());
    }
    // Partnerships by how much their report has to say; the one whose
    // report comes closest to 50 pages is timed.
    let candidates: Vec<i64> = sqlx::query_scalar(
        "SELECT p.id FROM partnerships p ORDER BY \
         (SELECT count(*) FROM meetings m WHERE m.partnership_id = p.id) + \
         (SELECT count(*) FROM actions a WHERE a.partnership_id = p.id) / 4 DESC, p.id",
    )
    .fetch_all(ws.pool())
    .await?;
    let mut best: Option<(i64, usize)> = None;
    let mut largest: Option<(i64, usize)> = None;
    let mut sizes = Vec::new();
    for id in candidates {
        let bytes = match report_pdf(ws, id).await {
            Ok(bytes) => bytes,
            Err(e) => {
                b.push(Row {
                    command: "export_pdf".into(),
                    subject: "partnership report".into(),
                    median_ms: None,
                    p95_ms: None,
                    kb: None,
                    target: Target::None,
                    note: format!("not available yet ({})", e.message),
                });
                return Ok(());
            }
        };
        let pages = pdf_pages(&bytes, dir);
        sizes.push(format!("{id}: {pages}"));
        let better = best.is_none_or(|(_, p)| pages.abs_diff(50) < p.abs_diff(50));
        if better {
            best = Some((id, pages));
        }
        if largest.is_none_or(|(_, p)| pages > p) {
            largest = Some((id, pages));
        }
    }
    if b.opts.progress {
        eprintln!("  report pages by partnership: {}", sizes.join(", "));
    }
    let Some((id, pages)) = best else { return Ok(()) };
    let mut times = Vec::new();
    let mut size = 0;
    for _ in 0..b.opts.pdf_runs.max(1) {
        let started = Instant::now();
        size = report_pdf(ws, id).await?.len();
        times.push(started.elapsed());
    }
    let (median, p95) = percentiles(&times);
    b.push(Row {
        command: "export_pdf".into(),
        subject: format!("partnership report, {pages} pages, PDF size in KB"),
        median_ms: Some(median),
        p95_ms: Some(p95),
        kb: Some(size as f64 / 1024.0),
        target: Target::File(PDF_MS, PDF_KB),
        note: String::new(),
    });
    // The largest report there is, once, as a figure.
    if let Some((id, pages)) = largest.filter(|(l, _)| *l != id) {
        let started = Instant::now();
        let size = report_pdf(ws, id).await?.len();
        let ms = started.elapsed().as_secs_f64() * 1e3;
        b.push(Row {
            command: "export_pdf".into(),
            subject: format!("largest partnership report, {pages} pages, one run, PDF size in KB"),
            median_ms: Some(ms),
            p95_ms: Some(ms),
            kb: Some(size as f64 / 1024.0),
            target: Target::None,
            note: String::new(),
        });
    }
    Ok(())
}
