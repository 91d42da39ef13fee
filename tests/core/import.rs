//! Importing Excel's CSV: every encoding and separator, Swedish and English
//! columns, problems per row and column before anything is written, all or
//! nothing, and no duplicates when the same file comes twice.

use crate::common::{TestWorkspace, all_organisations, all_people, draft, fixture, municipality};
use base64::Engine;
use samlar::ErrorCode;
use samlar::documents::export::ExportRequest;
use samlar::documents::import::{Encoding, ImportAction, ImportKind, ImportRequest, Separator};
use samlar::kernel::values::{
    ById, Gender, MembershipId, OrganisationId, OrganisationKind, OrganisationLevel, PartnershipId,
    PersonId, Role,
};
use samlar::registry::matching::{MembershipIndex, OrganisationIndex, PersonIndex};
use samlar::registry::membership::{self, MembershipDraft, NetworkLevel};
use samlar::registry::organisation::{self, OrganisationDraft, OrganisationQuery};
use samlar::registry::person::{self, PersonDraft, PersonQuery};

fn request(kind: ImportKind, bytes: &[u8], partnership_id: Option<PartnershipId>) -> ImportRequest {
    let content_base64 = base64::engine::general_purpose::STANDARD.encode(bytes);
    ImportRequest { kind, partnership_id, content_base64 }
}

fn organisations(bytes: &[u8]) -> ImportRequest {
    request(ImportKind::Organisations, bytes, None)
}

async fn stored_organisations(
    t: &TestWorkspace,
) -> Vec<(String, OrganisationKind, Option<String>, Option<i64>)> {
    let list = all_organisations(&t.ws, OrganisationQuery::all()).await;
    list.into_iter().map(|o| (o.name, o.kind, o.code, o.employees)).collect()
}

#[tokio::test]
async fn every_encoding_and_separator_reads_the_same_organisations() {
    let files = [
        ("organisationer-windows1252-semikolon.csv", Encoding::Windows1252, Separator::Semicolon),
        ("organisationer-utf8-bom-semikolon.csv", Encoding::Utf8Bom, Separator::Semicolon),
        ("organisationer-utf8-komma.csv", Encoding::Utf8, Separator::Comma),
        ("organisationer-utf16-tabb.txt", Encoding::Utf16, Separator::Tab),
        ("organisations-english-utf8-tab.csv", Encoding::Utf8, Separator::Tab),
    ];
    let mut first = None;
    for (file, encoding, separator) in files {
        let t = TestWorkspace::new().await;
        let preview = t.ws.preview_import(organisations(&fixture(file))).await.unwrap();
        assert_eq!((preview.encoding, preview.separator), (encoding, separator), "{file}");
        assert!(preview.problems.is_empty(), "{file}: {:?}", preview.problems);
        assert!(preview.ignored_columns.is_empty(), "{file}: {:?}", preview.ignored_columns);
        assert_eq!(preview.counts.create, 5, "{file}");
        let result = t.ws.apply_import(organisations(&fixture(file))).await.unwrap();
        assert_eq!(result.counts.create, 5);
        let stored = stored_organisations(&t).await;
        assert!(stored.contains(&(
            "Skellefteå kommun".into(),
            OrganisationKind::Municipality,
            Some("2482".into()),
            Some(8500)
        )));
        assert!(stored.contains(&(
            "Region Norrbotten".into(),
            OrganisationKind::Region,
            Some("0025".into()),
            None
        )));
        match &first {
            None => first = Some(stored),
            Some(expected) => assert_eq!(&stored, expected, "{file}"),
        }
    }
}

#[tokio::test]
async fn a_preview_writes_nothing() {
    let t = TestWorkspace::new().await;
    t.ws.preview_import(organisations(&fixture("organisationer-utf8-komma.csv"))).await.unwrap();
    assert!(stored_organisations(&t).await.is_empty());
}

#[tokio::test]
async fn every_broken_row_is_reported_by_row_and_column_and_nothing_is_imported() {
    let t = TestWorkspace::new().await;
    let req = organisations(&fixture("organisationer-trasiga-rader.csv"));
    let preview = t.ws.preview_import(req.clone()).await.unwrap();
    let problems: Vec<_> = preview
        .problems
        .iter()
        .map(|p| (p.row, p.column.as_deref(), p.code, p.value.as_str()))
        .collect();
    assert_eq!(
        problems,
        [
            (3, Some("Kommunkod"), ErrorCode::InvalidCode, "25811"),
            (4, Some("Typ"), ErrorCode::UnknownValue, "Stad"),
            (5, Some("Antal anställda"), ErrorCode::InvalidNumber, "många"),
            (6, Some("Kommunkod"), ErrorCode::DuplicateInFile, "2482"),
            (7, Some("Namn"), ErrorCode::NameRequired, ""),
            (8, None, ErrorCode::TooManyCells, ""),
        ]
    );
    assert_eq!(preview.problem_count, 6);
    assert_eq!(preview.counts.create, 1, "the one good row");
    let err = t.ws.apply_import(req).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidFile);
    assert!(stored_organisations(&t).await.is_empty(), "all or nothing");
}

#[tokio::test]
async fn importing_the_same_file_twice_creates_no_duplicates() {
    let t = TestWorkspace::new().await;
    let req = organisations(&fixture("organisationer-windows1252-semikolon.csv"));
    t.ws.apply_import(req.clone()).await.unwrap();
    let again = t.ws.preview_import(req.clone()).await.unwrap();
    assert_eq!((again.counts.create, again.counts.update, again.counts.unchanged), (0, 0, 5));
    assert!(again.rows.iter().all(|r| r.action == ImportAction::Unchanged));
    t.ws.apply_import(req).await.unwrap();
    assert_eq!(stored_organisations(&t).await.len(), 5);
}

#[tokio::test]
async fn rows_match_by_code_then_name_and_empty_cells_keep_what_is_stored() {
    let t = TestWorkspace::new().await;
    let mut umea = municipality("Umea", "2480");
    umea.county = "Västerbottens län".into();
    t.ws.create_organisation(umea).await.unwrap();
    let mut hr = samlar::registry::organisation::OrganisationDraft::new(
        "Sveriges HR Förening",
        OrganisationKind::Association,
    );
    hr.employees = "12".into();
    t.ws.create_organisation(hr).await.unwrap();
    let file = "Namn;Kommunkod;Län;Anställda\nUmeå kommun;2480;;12000\nsveriges hr förening;;;\n";
    let preview = t.ws.preview_import(organisations(file.as_bytes())).await.unwrap();
    let actions: Vec<_> = preview.rows.iter().map(|r| (r.name.as_str(), r.action)).collect();
    assert_eq!(
        actions,
        [("Umeå kommun", ImportAction::Update), ("sveriges hr förening", ImportAction::Update)]
    );
    t.ws.apply_import(organisations(file.as_bytes())).await.unwrap();
    let stored = all_organisations(&t.ws, OrganisationQuery::all()).await;
    let umea = stored.iter().find(|o| o.code.as_deref() == Some("2480")).unwrap();
    assert_eq!(
        (umea.name.as_str(), umea.county.as_str(), umea.employees),
        ("Umeå kommun", "Västerbottens län", Some(12000))
    );
    let hr = stored.iter().find(|o| o.code.is_none()).unwrap();
    assert_eq!((hr.kind, hr.employees), (OrganisationKind::Association, Some(12)), "kept");
    assert_eq!(stored.len(), 2);
}

#[tokio::test]
async fn organisations_become_members_of_a_partnership_with_roles_and_clusters() {
    let t = TestWorkspace::new().await;
    let p = t.ws.create_partnership(draft("CLN")).await.unwrap();
    let req = request(
        ImportKind::Organisations,
        &fixture("medlemmar-windows1252-semikolon.csv"),
        Some(p.id),
    );
    let preview = t.ws.preview_import(req.clone()).await.unwrap();
    assert!(preview.problems.is_empty(), "{:?}", preview.problems);
    assert_eq!(preview.membership_counts.create, 4);
    t.ws.apply_import(req.clone()).await.unwrap();
    let detail = t.ws.partnership(ById { id: p.id }).await.unwrap();
    let members: Vec<_> = detail
        .memberships
        .iter()
        .map(|m| {
            (
                m.organisation_name.as_str(),
                m.role,
                m.network_level,
                m.cluster.as_str(),
                m.country.as_str(),
            )
        })
        .collect();
    assert_eq!(
        members,
        [
            ("Skellefteå kommun", Role::Participant, NetworkLevel::Cluster, "Västerbotten", ""),
            ("Umeå kommun", Role::Mentor, NetworkLevel::Cluster, "Västerbotten", ""),
            ("Sveriges HR Förening", Role::CooperationPartner, NetworkLevel::Whole, "", ""),
            (
                "Utvecklingspartnerskap i Tyskland",
                Role::TransnationalPartner,
                NetworkLevel::Whole,
                "",
                "Tyskland"
            ),
        ]
    );
    let again = t.ws.preview_import(req).await.unwrap();
    assert_eq!((again.membership_counts.create, again.membership_counts.unchanged), (0, 4));
}

#[tokio::test]
async fn people_are_matched_to_their_organisations_and_by_email() {
    let t = TestWorkspace::new().await;
    t.ws.apply_import(organisations(&fixture("organisationer-utf8-bom-semikolon.csv")))
        .await
        .unwrap();
    let req = request(ImportKind::People, &fixture("personer-utf8-bom-semikolon.csv"), None);
    let preview = t.ws.preview_import(req.clone()).await.unwrap();
    assert!(preview.problems.is_empty(), "{:?}", preview.problems);
    t.ws.apply_import(req.clone()).await.unwrap();
    let people = all_people(&t.ws, PersonQuery::all()).await;
    let anna = people.iter().find(|p| p.name == "Anna Exempel").unwrap();
    assert_eq!(anna.organisation_name.as_deref(), Some("Skellefteå kommun"));
    assert_eq!(
        (anna.level, anna.gender, anna.has_mandate),
        (Some(OrganisationLevel::Politician), Gender::Woman, true)
    );
    assert_eq!(anna.competences, ["gender_equality"]);
    let bo = people.iter().find(|p| p.name == "Bo Exempel").unwrap();
    assert_eq!(bo.competences, ["Ledarskap", "quality_development"]);
    let cecilia = people.iter().find(|p| p.name == "Cecilia Exempel").unwrap();
    assert_eq!(
        (cecilia.level, cecilia.gender),
        (Some(OrganisationLevel::Strategist), Gender::Woman)
    );
    let again = t.ws.preview_import(req).await.unwrap();
    assert_eq!(again.counts.unchanged, 3);

    let unknown = "Namn;Organisation;E-post\nDan Exempel;Okänd kommun;dan@example.com\n";
    let preview =
        t.ws.preview_import(request(ImportKind::People, unknown.as_bytes(), None)).await.unwrap();
    let p = &preview.problems[0];
    assert_eq!(
        (p.row, p.column.as_deref(), p.code),
        (2, Some("Organisation"), ErrorCode::UnknownOrganisation)
    );
}

#[tokio::test]
async fn a_file_without_a_name_column_or_without_rows_says_so() {
    let t = TestWorkspace::new().await;
    let preview = t.ws.preview_import(organisations("Kod;Län\n2482;X\n".as_bytes())).await.unwrap();
    assert_eq!(preview.problems[0].code, ErrorCode::MissingColumn);
    let err = t.ws.preview_import(organisations(b"")).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidFile);
    let preview = t.ws.preview_import(organisations("Namn;Typ\n;\n\n".as_bytes())).await.unwrap();
    assert_eq!((preview.total_rows, preview.problem_count), (0, 0));
}

#[tokio::test]
async fn what_is_exported_imports_again_unchanged() {
    let t = TestWorkspace::new().await;
    t.ws.load_demo_data().await.unwrap();
    let file =
        t.ws.export_csv(ExportRequest::Organisations { query: OrganisationQuery::all() })
            .await
            .unwrap();
    let preview = t.ws.preview_import(organisations(&file.bytes)).await.unwrap();
    assert!(preview.problems.is_empty(), "{:?}", preview.problems);
    assert_eq!((preview.counts.create, preview.counts.update), (0, 0));
    let people = t
        .ws
        .export_csv(ExportRequest::People { query: PersonQuery::all(), include_sensitive: true })
        .await
        .unwrap();
    let preview =
        t.ws.preview_import(request(ImportKind::People, &people.bytes, None)).await.unwrap();
    assert!(preview.problems.is_empty(), "{:?}", preview.problems);
    assert_eq!((preview.counts.create, preview.counts.update), (0, 0));
}

#[tokio::test]
async fn ten_thousand_rows_import_in_one_go() {
    let t = TestWorkspace::new().await;
    let mut file = String::from("Namn;Typ;Län;Anställda\n");
    for i in 0..10_000 {
        file.push_str(&format!("Förening nummer {i};Förening;Län {};{}\n", i % 21, i * 3));
    }
    let result = t.ws.apply_import(organisations(file.as_bytes())).await.unwrap();
    assert_eq!(result.counts.create, 10_000);
    let preview = t.ws.preview_import(organisations(file.as_bytes())).await.unwrap();
    assert_eq!((preview.counts.unchanged, preview.rows.len()), (10_000, 500));
}

#[test]
fn each_matching_rule_is_written_once_in_the_registry() {
    // Organisations: by code, then by name in any case, the lowest id of
    // several with one name, whatever order they come in.
    let (o, pe, p, m) = (OrganisationId, PersonId, PartnershipId, MembershipId);
    let mut organisations = OrganisationIndex::default();
    organisations.add(o(7), None, "förening x".into());
    organisations.add(o(3), None, "förening x".into());
    organisations.add(o(8), None, "förening x".into());
    organisations.add(o(5), Some("2480".into()), "umeå kommun".into());
    organisations.add(o(4), None, "umeå kommun".into());
    assert_eq!(organisations.find(None, " FÖRENING X "), Some(o(3)));
    assert_eq!(organisations.find(Some("2480"), "Förening X"), Some(o(5)), "the code first");
    assert_eq!(organisations.find(Some("9999"), "Umeå kommun"), Some(o(4)), "then the name");
    assert_eq!(organisations.find(None, "Annan förening"), None);

    // People: by e-mail address in any case, then by name within the same
    // organisation (or the same lack of one), the lowest id.
    let mut people = PersonIndex::default();
    people.add(pe(9), None, "anna exempel".into(), Some(o(1)));
    people.add(pe(2), Some("anna@example.com".into()), "anna exempel".into(), Some(o(1)));
    people.add(pe(10), None, "anna exempel".into(), Some(o(1)));
    people.add(pe(6), None, "anna exempel".into(), None);
    assert_eq!(people.find(Some("Anna@Example.com"), "Vem som helst", None), Some(pe(2)));
    assert_eq!(people.find(Some("ny@example.com"), "Anna Exempel", Some(o(1))), Some(pe(2)));
    assert_eq!(people.find(None, "anna exempel", None), Some(pe(6)));
    assert_eq!(people.find(None, "anna exempel", Some(o(1))), Some(pe(2)));
    assert_eq!(people.find(None, "Anna Exempel", Some(o(8))), None, "another organisation");

    // Memberships: the same organisation in the same role of the same partnership.
    let mut memberships = MembershipIndex::default();
    memberships.add(m(11), p(1), o(3), Role::Participant);
    memberships.add(m(12), p(1), o(3), Role::Mentor);
    memberships.add(m(13), p(2), o(3), Role::Participant);
    assert_eq!(memberships.find(p(1), o(3), Role::Mentor), Some(m(12)));
    assert_eq!(memberships.find(p(2), o(3), Role::Participant), Some(m(13)));
    assert_eq!(memberships.find(p(2), o(3), Role::Mentor), None);
    assert_eq!(memberships.find(p(1), o(4), Role::Participant), None);
}

#[tokio::test]
async fn the_registry_finds_what_an_import_matches() {
    let t = TestWorkspace::new().await;
    let org = |name: &str| OrganisationDraft::new(name, OrganisationKind::Association);
    let first = t.ws.create_organisation(org("Förening X")).await.unwrap().id;
    let second = t.ws.create_organisation(org("FÖRENING X")).await.unwrap().id;
    let umea = t.ws.create_organisation(municipality("Umeå kommun", "2480")).await.unwrap().id;
    let person = |name: &str, organisation_id: Option<OrganisationId>, email: &str| PersonDraft {
        email: email.to_owned(),
        ..PersonDraft::new(name, organisation_id)
    };
    let anna = t.ws.create_person(person("Anna Exempel", Some(first), "anna@example.com"));
    let anna = anna.await.unwrap().summary.id;
    let anna_alone = t.ws.create_person(person("Anna Exempel", None, "")).await.unwrap().summary.id;
    t.ws.create_person(person("anna exempel", Some(first), "")).await.unwrap();
    let p = t.ws.create_partnership(draft("CLN")).await.unwrap();
    let member = t.ws.add_membership(MembershipDraft::new(p.id, second, Role::Mentor));
    let member = member.await.unwrap().id;

    let mut conn = t.ws.pool().acquire().await.unwrap();
    let found = organisation::find_match(&mut conn, None, "förening x").await.unwrap();
    assert_eq!(found, Some(first), "the lowest id of the two with that name");
    let found = organisation::find_match(&mut conn, Some("2480"), "Förening X").await.unwrap();
    assert_eq!(found, Some(umea));
    let found = person::find_match(&mut conn, Some("ANNA@example.com"), "Bo", None).await;
    assert_eq!(found.unwrap(), Some(anna));
    let found = person::find_match(&mut conn, None, "anna exempel", None).await.unwrap();
    assert_eq!(found, Some(anna_alone));
    let found = person::find_match(&mut conn, None, "Anna Exempel", Some(first)).await.unwrap();
    assert_eq!(found, Some(anna));
    let found = membership::find_match(&mut conn, p.id, second, Role::Mentor).await.unwrap();
    assert_eq!(found.map(|m| m.id), Some(member));
    let found = membership::find_match(&mut conn, p.id, first, Role::Mentor).await.unwrap();
    assert_eq!(found, None);
    drop(conn);

    // The import changes exactly those records.
    let file = "Namn;Kod;Antal anställda;Roll\nförening x;;7;Mentor\nFörening Y;2480;8;Mentor\n";
    let result = t.ws.apply_import(request(ImportKind::Organisations, file.as_bytes(), Some(p.id)));
    let result = result.await.unwrap();
    assert_eq!((result.counts.update, result.membership_counts.create), (2, 2));
    let stored = all_organisations(&t.ws, OrganisationQuery::all()).await;
    let employees = |id: OrganisationId| stored.iter().find(|o| o.id == id).unwrap().employees;
    assert_eq!((employees(first), employees(second), employees(umea)), (Some(7), None, Some(8)));
    let file =
        "Namn;Organisation;E-post;Titel\nBo;;ANNA@example.com;Chef\nanna exempel;;;Strateg\n";
    let result = t.ws.apply_import(request(ImportKind::People, file.as_bytes(), None));
    assert_eq!(result.await.unwrap().counts.update, 2);
    let people = all_people(&t.ws, PersonQuery::all()).await;
    let title = |id: PersonId| people.iter().find(|p| p.id == id).unwrap().title.clone();
    assert_eq!((title(anna), title(anna_alone)), ("Chef".to_owned(), "Strateg".to_owned()));
    assert_eq!(people.len(), 3);
}

#[tokio::test]
async fn a_file_over_20_mb_is_refused_before_its_base64_is_decoded() {
    let t = TestWorkspace::new().await;
    // Not base64 at all, and too long: the size answers first, so nothing
    // was decoded (decoding would have said `invalid_input`).
    let huge = "!".repeat(samlar::documents::import::MAX_FILE_BYTES / 3 * 4 + 16);
    let req = ImportRequest {
        kind: ImportKind::Organisations,
        partnership_id: None,
        content_base64: huge,
    };
    // (Not `expect_err`: an accepted preview would print 27 MB.)
    let Err(err) = t.ws.preview_import(req.clone()).await else { panic!("accepted") };
    assert_eq!((err.code, err.field.as_deref()), (ErrorCode::FileTooLarge, Some("contentBase64")));
    let err = t.ws.apply_import(req).await.err().map(|e| e.code);
    assert_eq!(err, Some(ErrorCode::FileTooLarge));
    // Exactly at the limit the file is read (one header cell, no name column).
    let at_limit = vec![b'x'; samlar::documents::import::MAX_FILE_BYTES];
    let preview = t.ws.preview_import(organisations(&at_limit)).await;
    assert!(preview.is_ok_and(|p| p.problems[0].code == ErrorCode::MissingColumn));
    let over = vec![b'x'; samlar::documents::import::MAX_FILE_BYTES + 1];
    let err = t.ws.preview_import(organisations(&over)).await.err().map(|e| e.code);
    assert_eq!(err, Some(ErrorCode::FileTooLarge));
}

#[test]
fn the_interface_checks_the_same_import_limit_before_reading_a_file() {
    let format = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/src/lib/format.ts"),
    )
    .unwrap();
    assert_eq!(samlar::documents::import::MAX_FILE_BYTES, 20 * 1024 * 1024);
    assert!(format.contains("export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;"));
}

#[test]
fn the_interface_checks_the_same_package_limit_before_reading_a_file() {
    let format = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/src/lib/format.ts"),
    )
    .unwrap();
    assert_eq!(samlar::exchange::package::MAX_PACKAGE_BYTES, 50 * 1024 * 1024);
    assert!(format.contains("export const MAX_PACKAGE_BYTES = 50 * 1024 * 1024;"));
}
