//! Measurable goals: indicators created, edited and deleted with their
//! values by date, refused input at its field, indicators following their
//! goal when the charter's goals are edited, the report's "Mål och
//! indikatorer" parsed back from the PDF, and the list of values to Excel.

use crate::common::{TestWorkspace, draft};
use crate::roles::assert_in_order;
use samlar::ErrorCode;
use samlar::documents::export::ExportRequest;
use samlar::documents::pdf::{PdfDocument, PdfRequest};
use samlar::kernel::values::{ById, IndicatorId, PartnershipId};
use samlar::registry::indicators::{
    CreateIndicator, DeleteIndicatorValue, Indicator, IndicatorDraft, SetIndicatorValue,
    UpdateIndicator,
};
use samlar::registry::partnership::{Goal, PartnershipDraft, UpdatePartnership};
use samlar::store::settings::{Language, SetLanguage};
use std::path::Path;
use std::process::Command;

pub(crate) fn goal(text: &str) -> Goal {
    Goal { goal: text.into(), expected_effect: String::new() }
}

fn with_goals(name: &str, goals: &[&str]) -> PartnershipDraft {
    PartnershipDraft { goals: goals.iter().map(|g| goal(g)).collect(), ..draft(name) }
}

/// A partnership with the goals "Fler i arbete" and "Färre sjukskrivna".
pub(crate) async fn partnership(t: &TestWorkspace) -> PartnershipId {
    let d = with_goals("Modellkommuner 2027", &["Fler i arbete", "Färre sjukskrivna"]);
    t.ws.create_partnership(d).await.unwrap().id
}

pub(crate) async fn create(
    t: &TestWorkspace,
    partnership_id: PartnershipId,
    draft: IndicatorDraft,
) -> Indicator {
    t.ws.create_indicator(CreateIndicator { partnership_id, draft }).await.unwrap()
}

pub(crate) fn value(id: IndicatorId, on: &str, value: f64) -> SetIndicatorValue {
    SetIndicatorValue {
        indicator_id: id,
        measured_on: on.into(),
        value,
        women: None,
        men: None,
        note: String::new(),
    }
}

/// "Andel i arbete" measuring the first goal, split by gender.
pub(crate) fn employment() -> IndicatorDraft {
    IndicatorDraft {
        goal_position: Some(0),
        unit: "procent".into(),
        baseline: Some(10.0),
        baseline_date: Some("2026-12-31".into()),
        target: Some(20.0),
        target_date: Some("2028-12-31".into()),
        source: "SCB".into(),
        kolada_id: "n00945".into(),
        by_gender: true,
        ..IndicatorDraft::new("Andel i arbete")
    }
}

#[tokio::test]
async fn an_indicator_keeps_its_fields_and_values_by_date() {
    let t = TestWorkspace::new().await;
    let p = partnership(&t).await;
    let made = create(&t, p, employment()).await;
    assert_eq!(made.goal_position, Some(0));
    assert_eq!(made.goal.as_deref(), Some("Fler i arbete"));
    assert_eq!(made.kolada_id.as_deref(), Some("N00945"), "upper-cased");
    assert_eq!((made.baseline, made.target), (Some(10.0), Some(20.0)));
    assert_eq!(made.baseline_date.unwrap().to_string(), "2026-12-31");
    assert!(made.by_gender && made.values.is_empty());

    let later = SetIndicatorValue {
        women: Some(13.0),
        men: Some(12.0),
        note: "Första mätningen".into(),
        ..value(made.id, "2027-12-31", 12.5)
    };
    t.ws.set_indicator_value(later).await.unwrap();
    let earlier = t.ws.set_indicator_value(value(made.id, "2027-06-30", 11.25)).await.unwrap();
    let dates: Vec<String> = earlier.values.iter().map(|v| v.measured_on.to_string()).collect();
    assert_eq!(dates, ["2027-06-30", "2027-12-31"], "by date");
    assert_eq!(earlier.values[1].women, Some(13.0));
    assert_eq!(earlier.values[1].note, "Första mätningen");

    // The same date again replaces the value.
    let replaced = t.ws.set_indicator_value(value(made.id, "2027-06-30", 11.5)).await.unwrap();
    assert_eq!(replaced.values.len(), 2);
    assert_eq!(replaced.values[0].value, 11.5);

    let removed = DeleteIndicatorValue { indicator_id: made.id, measured_on: "2027-06-30".into() };
    let after = t.ws.delete_indicator_value(removed.clone()).await.unwrap();
    assert_eq!(after.values.len(), 1);
    assert_eq!(t.ws.delete_indicator_value(removed).await.unwrap_err().code, ErrorCode::NotFound);

    // Listed by goal (the partnership as a whole first), then name.
    let whole = create(&t, p, IndicatorDraft::new("Nöjdhet")).await;
    let second = IndicatorDraft { goal_position: Some(1), ..IndicatorDraft::new("Antal dagar") };
    let second = create(&t, p, second).await;
    let other = IndicatorDraft { goal_position: Some(0), ..IndicatorDraft::new("Antal jobb") };
    let other = create(&t, p, other).await;
    let t = t.reopen().await;
    let listed = t.ws.indicators(ById { id: p }).await.unwrap();
    let ids: Vec<IndicatorId> = listed.iter().map(|i| i.id).collect();
    assert_eq!(ids, [whole.id, made.id, other.id, second.id]);
    assert_eq!(listed[1].values.len(), 1);

    let mut edited = employment();
    edited.name = "Andel i arbete 20–64 år".into();
    edited.goal_position = None;
    edited.kolada_id = String::new();
    edited.baseline = Some(-2.5);
    let edited = t.ws.update_indicator(UpdateIndicator { id: made.id, draft: edited }).await;
    let edited = edited.unwrap();
    assert_eq!((edited.goal_position, edited.goal), (None, None));
    assert_eq!((edited.kolada_id, edited.baseline), (None, Some(-2.5)));
    assert_eq!(edited.values.len(), 1, "values stay");

    t.ws.delete_indicator(ById { id: made.id }).await.unwrap();
    assert_eq!(t.ws.indicators(ById { id: p }).await.unwrap().len(), 3);
    let gone = t.ws.delete_indicator(ById { id: made.id }).await.unwrap_err();
    assert_eq!(gone.code, ErrorCode::NotFound);
    let values: i64 = sqlx::query_scalar("SELECT count(*) FROM indicator_values")
        .fetch_one(t.ws.pool())
        .await
        .unwrap();
    assert_eq!(values, 0, "its values went with it");
}

#[tokio::test]
async fn bad_input_is_refused_at_its_field_and_changes_nothing() {
    let t = TestWorkspace::new().await;
    let p = partnership(&t).await;
    let made = create(&t, p, employment()).await;
    let plain = create(&t, p, IndicatorDraft::new("Nöjdhet")).await;

    let refused = |d: IndicatorDraft| {
        let ws = &t.ws;
        async move {
            let err = ws.create_indicator(CreateIndicator { partnership_id: p, draft: d }).await;
            let err = err.unwrap_err();
            (err.code, err.field.unwrap_or_default())
        }
    };
    let named = |name: &str| IndicatorDraft::new(name);
    let cases: Vec<(IndicatorDraft, ErrorCode, &str)> = vec![
        (named("  "), ErrorCode::NameRequired, "name"),
        (named("ANDEL I ARBETE"), ErrorCode::NameTaken, "name"),
        (
            IndicatorDraft { goal_position: Some(2), ..named("x") },
            ErrorCode::UnknownGoal,
            "goalPosition",
        ),
        (
            IndicatorDraft { baseline: Some(f64::NAN), ..named("x") },
            ErrorCode::InvalidNumber,
            "baseline",
        ),
        (
            IndicatorDraft { target: Some(f64::INFINITY), ..named("x") },
            ErrorCode::InvalidNumber,
            "target",
        ),
        (IndicatorDraft { target: Some(2e12), ..named("x") }, ErrorCode::InvalidNumber, "target"),
        (
            IndicatorDraft { baseline_date: Some("2026-02-30".into()), ..named("x") },
            ErrorCode::InvalidDate,
            "baselineDate",
        ),
        (
            IndicatorDraft { target_date: Some("31/12/2028".into()), ..named("x") },
            ErrorCode::InvalidDate,
            "targetDate",
        ),
        (
            IndicatorDraft { kolada_id: "N0945".into(), ..named("x") },
            ErrorCode::InvalidCode,
            "koladaId",
        ),
        (
            IndicatorDraft { kolada_id: "900945".into(), ..named("x") },
            ErrorCode::InvalidCode,
            "koladaId",
        ),
        (
            IndicatorDraft { kolada_id: "N00945X".into(), ..named("x") },
            ErrorCode::InvalidCode,
            "koladaId",
        ),
        (IndicatorDraft { unit: "u".repeat(51), ..named("x") }, ErrorCode::TextTooLong, "unit"),
        (
            IndicatorDraft { source: "s".repeat(501), ..named("x") },
            ErrorCode::TextTooLong,
            "source",
        ),
    ];
    for (d, code, field) in cases {
        assert_eq!(refused(d.clone()).await, (code, field.to_owned()), "{d:?}");
    }
    let missing = CreateIndicator { partnership_id: PartnershipId(999), draft: named("x") };
    assert_eq!(t.ws.create_indicator(missing).await.unwrap_err().code, ErrorCode::NotFound);

    let set_refused = |input: SetIndicatorValue| {
        let ws = &t.ws;
        async move {
            let err = ws.set_indicator_value(input).await.unwrap_err();
            (err.code, err.field.unwrap_or_default())
        }
    };
    let split = SetIndicatorValue { women: Some(1.0), ..value(plain.id, "2027-01-01", 1.0) };
    assert_eq!(set_refused(split).await, (ErrorCode::NotByGender, "women".into()));
    let split = SetIndicatorValue { men: Some(1.0), ..value(plain.id, "2027-01-01", 1.0) };
    assert_eq!(set_refused(split).await, (ErrorCode::NotByGender, "men".into()));
    assert_eq!(
        set_refused(value(made.id, "", 1.0)).await,
        (ErrorCode::DateRequired, "measuredOn".into())
    );
    assert_eq!(
        set_refused(value(made.id, "2027-13-01", 1.0)).await,
        (ErrorCode::InvalidDate, "measuredOn".into())
    );
    assert_eq!(
        set_refused(value(made.id, "2027-01-01", f64::NEG_INFINITY)).await,
        (ErrorCode::InvalidNumber, "value".into())
    );
    let nan = SetIndicatorValue { men: Some(f64::NAN), ..value(made.id, "2027-01-01", 1.0) };
    assert_eq!(set_refused(nan).await, (ErrorCode::InvalidNumber, "men".into()));
    let long = SetIndicatorValue { note: "n".repeat(501), ..value(made.id, "2027-01-01", 1.0) };
    assert_eq!(set_refused(long).await, (ErrorCode::TextTooLong, "note".into()));
    let nobody = value(IndicatorId(999), "2027-01-01", 1.0);
    assert_eq!(t.ws.set_indicator_value(nobody).await.unwrap_err().code, ErrorCode::NotFound);

    // Renaming to a name taken, and turning the split off while values have it.
    let clash = UpdateIndicator { id: plain.id, draft: named("andel i arbete") };
    assert_eq!(t.ws.update_indicator(clash).await.unwrap_err().code, ErrorCode::NameTaken);
    let split = SetIndicatorValue { women: Some(3.0), ..value(made.id, "2027-01-01", 5.0) };
    t.ws.set_indicator_value(split).await.unwrap();
    let off =
        UpdateIndicator { id: made.id, draft: IndicatorDraft { by_gender: false, ..employment() } };
    let err = t.ws.update_indicator(off).await.unwrap_err();
    assert_eq!((err.code, err.field.as_deref()), (ErrorCode::InUse, Some("byGender")));

    let listed = t.ws.indicators(ById { id: p }).await.unwrap();
    assert_eq!(listed.len(), 2, "nothing refused was stored");
    assert!(listed.iter().find(|i| i.id == made.id).unwrap().by_gender);
}

#[tokio::test]
async fn indicators_follow_their_goal_when_the_goals_are_edited() {
    let t = TestWorkspace::new().await;
    let d = with_goals("Modellkommuner 2027", &["A", "B", "C"]);
    let p = t.ws.create_partnership(d).await.unwrap().id;
    let on = |position: u32, name: &str| IndicatorDraft {
        goal_position: Some(position),
        ..IndicatorDraft::new(name)
    };
    for (position, name) in [(0, "a"), (1, "b"), (2, "c")] {
        create(&t, p, on(position, name)).await;
    }
    create(&t, p, IndicatorDraft::new("hela")).await;
    let positions = || async {
        let listed = t.ws.indicators(ById { id: p }).await.unwrap();
        let mut found: Vec<(String, Option<u32>, Option<String>)> =
            listed.into_iter().map(|i| (i.name, i.goal_position, i.goal)).collect();
        found.sort();
        found
    };
    let update = |goals: &[&str]| UpdatePartnership {
        id: p,
        draft: with_goals("Modellkommuner 2027", goals),
    };

    // C moves first, A and B swap, and A's text is kept: each follows its text.
    t.ws.update_partnership(update(&["C", "B", "A"])).await.unwrap();
    let s = |x: &str| Some(x.to_owned());
    assert_eq!(
        positions().await,
        [
            ("a".into(), Some(2), s("A")),
            ("b".into(), Some(1), s("B")),
            ("c".into(), Some(0), s("C")),
            ("hela".into(), None, None),
        ]
    );
    // B is removed and a new goal added: b measures the partnership as a whole.
    t.ws.update_partnership(update(&["Ny", "C", "A"])).await.unwrap();
    assert_eq!(
        positions().await,
        [
            ("a".into(), Some(2), s("A")),
            ("b".into(), None, None),
            ("c".into(), Some(1), s("C")),
            ("hela".into(), None, None),
        ]
    );
    // A goal reworded is another goal; every goal removed leaves only the whole.
    t.ws.update_partnership(update(&["Ny", "C", "A, omformulerat"])).await.unwrap();
    assert_eq!(positions().await[0], ("a".into(), None, None));
    t.ws.update_partnership(update(&[])).await.unwrap();
    assert!(positions().await.iter().all(|(_, p, g)| p.is_none() && g.is_none()));
}

/// An indicator for the first goal with values inside and outside 2027, and
/// one for the whole partnership with none.
async fn measured(t: &TestWorkspace) -> PartnershipId {
    let p = partnership(t).await;
    let made = create(t, p, employment()).await;
    for (on, v, note) in [
        ("2026-06-30", 9.75, "Före perioden"),
        ("2027-06-30", 11.25, ""),
        ("2027-12-31", 12.5, "=SUMMA(A1)"),
    ] {
        let input = SetIndicatorValue {
            women: Some(v + 1.0),
            men: Some(v - 1.0),
            note: note.into(),
            ..value(made.id, on, v)
        };
        t.ws.set_indicator_value(input).await.unwrap();
    }
    create(t, p, IndicatorDraft { unit: "antal".into(), ..IndicatorDraft::new("Nöjdhet") }).await;
    p
}

fn run(tool: &str, args: &[&str]) -> String {
    let out = Command::new(tool).args(args).output().unwrap_or_else(|e| {
        panic!("{tool} is needed for the PDF tests (scripts/setup --test): {e}")
    });
    assert!(out.status.success(), "{tool}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

#[tokio::test]
async fn the_report_shows_each_indicator_s_values_in_the_period_against_baseline_and_target() {
    let t = TestWorkspace::new().await;
    let p = measured(&t).await;
    let document = PdfDocument::PartnershipReport {
        partnership_id: p,
        from: Some("2027-01-01".into()),
        to: Some("2027-12-31".into()),
    };
    let request = PdfRequest { document, archival: true, open: false };
    let bytes = t.ws.pdf(request).await.unwrap().bytes;
    let path = Path::new(env!("CARGO_TARGET_TMPDIR")).join("pdf-indicators.pdf");
    std::fs::write(&path, &bytes).unwrap();
    let path = path.to_str().unwrap();
    run("qpdf", &["--check", path]);
    let text = run("pdftotext", &["-enc", "UTF-8", path, "-"]);
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert_in_order(
        &text,
        &[
            "Mål och indikatorer",
            "Nöjdhet (antal)",
            "Partnerskapet som helhet",
            "Inga uppmätta värden under perioden.",
            "Andel i arbete (procent)",
            "Fler i arbete",
            "10 procent (2026-12-31)",
            "20 procent (2028-12-31)",
            "SCB",
            "N00945",
            "2026-12-31 10 Utgångsvärde",
            "2027-06-30 11,25 12,25 10,25",
            "2027-12-31 12,5 13,5 11,5 =SUMMA(A1)",
            "2028-12-31 20 Målvärde",
            "Andel i arbete: värden över tid",
            "Utgångsvärde 10 (streckad linje)",
            "Målvärde 20 (hel linje)",
            "2027-06-30",
            "2027-12-31",
            "11,25",
            "12,5",
        ],
    );
    assert!(!text.contains("9,75") && !text.contains("Före perioden"), "outside the period");
}

/// The rows of a CSV file as the export wrote it, after its byte-order mark.
fn parse(bytes: &[u8]) -> Vec<Vec<String>> {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").expect("starts with a byte-order mark");
    let mut reader = csv::ReaderBuilder::new().delimiter(b';').has_headers(false).from_reader(body);
    reader.records().map(|r| r.unwrap().iter().map(str::to_owned).collect()).collect()
}

#[tokio::test]
async fn the_values_of_a_period_go_to_excel_one_row_per_value() {
    let t = TestWorkspace::new().await;
    let p = measured(&t).await;
    let list = |from: Option<&str>, to: Option<&str>| ExportRequest::IndicatorValues {
        partnership_id: p,
        from: from.map(str::to_owned),
        to: to.map(str::to_owned),
    };
    let file = t.ws.export_csv(list(Some("2027-06-30"), None)).await.unwrap();
    assert!(file.file_name.starts_with("indikatorvarden-"), "{}", file.file_name);
    let row = |date: &str, value: &str, women: &str, men: &str, note: &str| {
        [
            "Fler i arbete",
            "Andel i arbete",
            "procent",
            date,
            value,
            women,
            men,
            "10",
            "20",
            "SCB",
            "N00945",
            note,
        ]
        .map(str::to_owned)
        .to_vec()
    };
    let header = [
        "Mål",
        "Indikator",
        "Enhet",
        "Datum",
        "Värde",
        "Kvinnor",
        "Män",
        "Utgångsvärde",
        "Målvärde",
        "Källa",
        "Kolada-id",
        "Anteckning",
    ]
    .map(str::to_owned)
    .to_vec();
    assert_eq!(
        parse(&file.bytes),
        [
            header,
            row("2027-06-30", "11,25", "12,25", "10,25", ""),
            row("2027-12-31", "12,5", "13,5", "11,5", "'=SUMMA(A1)"),
        ],
        "the first day of the period is inside; a formula is neutralised"
    );
    let all = parse(&t.ws.export_csv(list(None, None)).await.unwrap().bytes);
    assert_eq!(all.len(), 4, "every value, and none of the indicator without values");
    t.ws.set_language(SetLanguage { language: Language::En }).await.unwrap();
    let english = parse(&t.ws.export_csv(list(None, Some("2026-12-31"))).await.unwrap().bytes);
    assert_eq!(english[0][4], "Value");
    assert_eq!(english[1][3..7], ["2026-06-30", "9.75", "10.75", "8.75"]);

    let err = t.ws.export_csv(list(Some("2027-02-01"), Some("2027-01-01"))).await.unwrap_err();
    assert_eq!((err.code, err.field.as_deref()), (ErrorCode::EndBeforeStart, Some("to")));
    let nobody =
        ExportRequest::IndicatorValues { partnership_id: PartnershipId(999), from: None, to: None };
    assert_eq!(t.ws.export_csv(nobody).await.unwrap_err().code, ErrorCode::NotFound);
}
