//! Amounts in kronor: the charter's granted support beside its total budget,
//! kept, read back and refused when badly written, and printed the Swedish
//! way — "5 466 314 kr", grouped by no-break spaces so that it never wraps.

use crate::common::{TestWorkspace, draft};
use samlar::ErrorCode;
use samlar::documents::messages::{group_digits, kronor};
use samlar::documents::pdf::{PdfDocument, PdfRequest};
use samlar::kernel::values::ById;
use samlar::registry::partnership::UpdatePartnership;
use samlar::store::settings::Language;
use std::process::Command;

#[test]
fn amounts_are_grouped_by_threes_with_no_break_spaces() {
    let cases = [
        (0, "0"),
        (999, "999"),
        (1000, "1\u{a0}000"),
        (41_400, "41\u{a0}400"),
        (100_000, "100\u{a0}000"),
        (5_466_314, "5\u{a0}466\u{a0}314"),
        (-1000, "-1\u{a0}000"),
        (999_999_999_999_999, "999\u{a0}999\u{a0}999\u{a0}999\u{a0}999"),
    ];
    for (n, expected) in cases {
        assert_eq!(group_digits(n), expected, "{n}");
    }
    assert_eq!(kronor(Language::Sv, 5_466_314), "5\u{a0}466\u{a0}314\u{a0}kr");
    assert_eq!(kronor(Language::En, 5_466_314), "SEK\u{a0}5\u{a0}466\u{a0}314");
}

#[tokio::test]
async fn granted_support_is_kept_beside_the_budget_and_can_be_cleared() {
    let t = TestWorkspace::new().await;
    let mut d = draft("CLN");
    d.budget = "5 466 314 kr".into();
    d.granted = " 4\u{a0}100\u{a0}000 kr ".into();
    let p = t.ws.create_partnership(d).await.unwrap();
    assert_eq!((p.budget_sek, p.granted_sek), (Some(5_466_314), Some(4_100_000)));
    let read = t.ws.partnership(ById { id: p.id }).await.unwrap().partnership;
    assert_eq!((read.budget_sek, read.granted_sek), (Some(5_466_314), Some(4_100_000)));

    let mut d = draft("CLN");
    d.granted = "0".into();
    let p = t.ws.update_partnership(UpdatePartnership { id: p.id, draft: d }).await.unwrap();
    assert_eq!((p.budget_sek, p.granted_sek), (None, Some(0)), "no support is not unknown");
    let d = draft("CLN");
    let p = t.ws.update_partnership(UpdatePartnership { id: p.id, draft: d }).await.unwrap();
    assert_eq!(p.granted_sek, None, "an empty field clears it");
}

#[tokio::test]
async fn a_badly_written_granted_support_is_refused_on_its_field() {
    let t = TestWorkspace::new().await;
    let p = t.ws.create_partnership(draft("Kvar")).await.unwrap();
    for bad in ["fyra miljoner", "-5", "4,5", "1 000 000 000 000 000", "12e3"] {
        let mut d = draft("P");
        d.granted = bad.into();
        let err = t.ws.create_partnership(d.clone()).await.unwrap_err();
        assert_eq!((err.code, err.field.as_deref()), (ErrorCode::InvalidNumber, Some("granted")));
        let update = UpdatePartnership { id: p.id, draft: d };
        let err = t.ws.update_partnership(update).await.unwrap_err();
        assert_eq!((err.code, err.field.as_deref()), (ErrorCode::InvalidNumber, Some("granted")));
    }
    let count: i64 = sqlx::query_scalar("SELECT count(*) FROM partnerships")
        .fetch_one(t.ws.pool())
        .await
        .unwrap();
    assert_eq!(count, 1);
    let kept = t.ws.partnership(ById { id: p.id }).await.unwrap().partnership;
    assert_eq!((kept.name.as_str(), kept.granted_sek), ("Kvar", None));
}

/// The report's text as `pdftotext` reads it (poppler-utils, `scripts/setup --test`).
async fn report_text(t: &TestWorkspace, id: samlar::kernel::values::PartnershipId) -> String {
    let document = PdfDocument::PartnershipReport { partnership_id: id, from: None, to: None };
    let file = t.ws.pdf(PdfRequest { document, archival: false, open: false }).await.unwrap();
    let path = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("amounts-{id}.pdf"));
    std::fs::write(&path, &file.bytes).unwrap();
    let out = Command::new("pdftotext").args(["-enc", "UTF-8"]).arg(&path).arg("-").output();
    let out = out.expect("pdftotext is needed for the PDF tests (scripts/setup --test)");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

#[tokio::test]
async fn the_report_prints_granted_support_and_total_budget_in_kronor() {
    let t = TestWorkspace::new().await;
    let mut d = draft("Kompetenslyftet");
    d.funding_source = "ESF".into();
    d.budget = "5466314".into();
    d.granted = "4 100 000".into();
    let with = t.ws.create_partnership(d).await.unwrap().id;
    let text = report_text(&t, with).await;
    // pdftotext reads the no-break spaces back as plain ones; each amount is
    // whole on its line.
    let text = text.replace('\u{a0}', " ");
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    let at = |s: &str| {
        lines.iter().position(|l| l.contains(s)).unwrap_or_else(|| panic!("{s:?} in {text}"))
    };
    assert!(at("Finansiering") < at("Beviljat stöd"));
    assert!(at("Beviljat stöd") < at("Total budget"));
    assert!(at("4 100 000 kr") < at("5 466 314 kr"), "{text}");
    assert!(!text.contains("5466314"), "{text}");

    // Without granted support only the budget is printed, as "none" when unknown.
    let without = t.ws.create_partnership(draft("Utan belopp")).await.unwrap().id;
    let text = report_text(&t, without).await;
    assert!(!text.contains("Beviljat stöd"), "{text}");
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("Total budget"), "{flat}");
}

/// A file made before migration 0012 keeps its budget and has no granted
/// support; the column refuses a negative amount even from a write that
/// bypasses the core's rules.
#[tokio::test]
async fn migration_0012_leaves_existing_partnerships_without_granted_support() {
    let dir = tempfile::tempdir().unwrap();
    let (pool, path) = crate::common::database_before(dir.path(), "0012").await;
    sqlx::query(
        "INSERT INTO partnerships (id, name, name_key, kind, budget_sek, created_at, updated_at) \
         VALUES (1, 'Nätverket', 'nätverket', 'benchlearning', 41400, ?1, ?1)",
    )
    .bind("2026-11-01T09:00:00.000Z")
    .execute(&pool)
    .await
    .unwrap();
    pool.close().await;

    let clock =
        std::sync::Arc::new(samlar::FixedClock::new("2026-11-23T09:00:00Z".parse().unwrap()));
    let ws = samlar::Workspace::open(&path, clock).await.unwrap();
    let id = samlar::kernel::values::PartnershipId(1);
    let p = ws.partnership(ById { id }).await.unwrap().partnership;
    assert_eq!((p.budget_sek, p.granted_sek), (Some(41_400), None));
    let err = sqlx::query("UPDATE partnerships SET granted_sek = -1 WHERE id = 1")
        .execute(ws.pool())
        .await
        .unwrap_err();
    assert_eq!(samlar::Error::from(err).code, ErrorCode::InvalidInput, "the CHECK");
}
