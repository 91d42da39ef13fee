//! CSV exports that Swedish Excel opens correctly.

use crate::common::{TestWorkspace, draft, municipality};
use samlar::documents::export::{ExportRequest, neutralise};
use samlar::registry::organisation::OrganisationQuery;
use samlar::registry::partnership::PartnershipQuery;
use samlar::registry::person::{PersonDraft, PersonQuery};
use samlar::store::settings::{Language, SetLanguage};

fn text(bytes: &[u8]) -> &str {
    let rest = bytes.strip_prefix(b"\xEF\xBB\xBF").expect("starts with a byte-order mark");
    std::str::from_utf8(rest).unwrap()
}

#[tokio::test]
async fn organisations_export_with_semicolons_bom_and_swedish_headers() {
    let t = TestWorkspace::new().await;
    let mut d = municipality("Skellefteå kommun", "2482");
    d.employees = "8500".into();
    t.ws.create_organisation(d).await.unwrap();
    let file =
        t.ws.export_csv(ExportRequest::Organisations { query: OrganisationQuery::all() })
            .await
            .unwrap();
    assert_eq!(file.file_name, "organisationer-2026-11-23.csv");
    let lines: Vec<&str> = text(&file.bytes).lines().collect();
    assert_eq!(lines[0], "Namn;Typ;Kommunkod;Län;Anställda;Antal partnerskap;Antal personer");
    assert_eq!(lines[1], "Skellefteå kommun;Kommun;2482;;8500;0;0");
}

#[tokio::test]
async fn english_interface_gives_english_headers_and_values() {
    let t = TestWorkspace::new().await;
    t.ws.set_language(SetLanguage { language: Language::En }).await.unwrap();
    let mut d = draft("Dropin");
    d.start_date = Some("2027-01-18".into());
    t.ws.create_partnership(d).await.unwrap();
    let file =
        t.ws.export_csv(ExportRequest::Partnerships { query: PartnershipQuery::all() })
            .await
            .unwrap();
    assert_eq!(file.file_name, "partnerships-2026-11-23.csv");
    let lines: Vec<&str> = text(&file.bytes).lines().collect();
    assert_eq!(lines[0], "Name;Type;Phase;Start date;End date;Region;Organisations;Archived");
    assert_eq!(lines[1], "Dropin;Model municipality round;Planning;2027-01-18;;;0;No");
}

#[tokio::test]
async fn formulas_are_neutralised_and_accessibility_needs_need_asking() {
    let t = TestWorkspace::new().await;
    let p = PersonDraft {
        title: "=HYPERLINK(\"http://evil\")".into(),
        phone: "+46 70 000 00 00".into(),
        accessibility_needs: "Rullstol".into(),
        ..PersonDraft::new("@Anna; \"Exempel\"", None)
    };
    t.ws.create_person(p).await.unwrap();
    let plain = ExportRequest::People { query: PersonQuery::all(), include_sensitive: false };
    let body = text(&t.ws.export_csv(plain).await.unwrap().bytes).to_owned();
    assert!(!body.contains("Rullstol") && !body.contains("Tillgänglighetsbehov"));
    assert!(body.contains("\"'@Anna; \"\"Exempel\"\"\""), "{body}");
    assert!(body.contains("\"'=HYPERLINK(\"\"http://evil\"\")\""), "{body}");
    assert!(body.contains(";'+46 70 000 00 00;"), "{body}");
    let sensitive = ExportRequest::People { query: PersonQuery::all(), include_sensitive: true };
    let body = text(&t.ws.export_csv(sensitive).await.unwrap().bytes).to_owned();
    assert!(body.lines().next().unwrap().ends_with(";Tillgänglighetsbehov"));
    assert!(body.contains("Rullstol"));
}

#[test]
fn only_cells_excel_would_run_are_changed() {
    assert_eq!(neutralise("=1+1"), "'=1+1");
    // A plain negative number is no formula; anything more after a minus is.
    assert_eq!(neutralise("-5"), "-5");
    assert_eq!(neutralise("-3,5"), "-3,5");
    assert_eq!(neutralise("-5+1"), "'-5+1");
    assert_eq!(neutralise("-2+3+cmd|' /C calc'!A0"), "'-2+3+cmd|' /C calc'!A0");
    assert_eq!(neutralise("-,5"), "'-,5");
    assert_eq!(neutralise("-5,"), "'-5,");
    assert_eq!(neutralise("@SUM(A1)"), "'@SUM(A1)");
    assert_eq!(neutralise("Umeå 2480"), "Umeå 2480");
    assert_eq!(neutralise("2027-03-14"), "2027-03-14");
}
