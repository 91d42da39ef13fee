//! The library of good examples across partnerships (the page "Goda
//! exempel") and its handbook (exempelsamling) as a PDF: the filters against
//! hand-made fixtures, the cap with its total, and the handbook parsed back
//! with `pdftotext` (the contents' page numbers checked page by page with
//! `-f N -l N`) and `qpdf --check` (tools from `scripts/setup --test`).

use crate::common::{TestWorkspace, draft, municipality};
use samlar::ErrorCode;
use samlar::documents::pdf::{PdfDocument, PdfRequest};
use samlar::kernel::values::{MeetingId, MeetingKind, OrganisationId, PartnershipId};
use samlar::meetings::draft::MeetingDraft;
use samlar::meetings::good_example_library::{
    GoodExampleFilter, GoodExampleLibrary, LIBRARY_SHOWN_MAX,
};
use samlar::meetings::meeting::CreateMeeting;
use samlar::meetings::sections::{GoodExample, SetGoodExamples};
use samlar::store::settings::{Language, SetLanguage};
use std::path::Path;
use std::process::Command;

async fn meeting(t: &TestWorkspace, partnership_id: PartnershipId, date: &str) -> MeetingId {
    let draft = MeetingDraft::new(MeetingKind::Learning, date);
    t.ws.create_meeting(CreateMeeting { partnership_id, draft }).await.unwrap().id
}

fn example(
    title: &str,
    description: &str,
    o: Option<OrganisationId>,
    tags: &[&str],
) -> GoodExample {
    GoodExample {
        title: title.into(),
        description: description.into(),
        organisation_id: o,
        tags: tags.iter().map(|t| t.to_string()).collect(),
    }
}

async fn tell(t: &TestWorkspace, meeting_id: MeetingId, examples: Vec<GoodExample>) {
    t.ws.set_good_examples(SetGoodExamples { meeting_id, examples }).await.unwrap();
}

/// Three examples in two partnerships, at meetings on 2027-01-10,
/// 2027-03-15 and 2027-03-31.
struct Fixture {
    t: TestWorkspace,
    dropin: PartnershipId,
    modell: PartnershipId,
    vannas: OrganisationId,
}

async fn fixture() -> Fixture {
    let t = TestWorkspace::new().await;
    let dropin = t.ws.create_partnership(draft("Dropin")).await.unwrap().id;
    let modell = t.ws.create_partnership(draft("Modellkommuner")).await.unwrap().id;
    let vannas = t.ws.create_organisation(municipality("Vännäs kommun", "2460")).await.unwrap().id;
    let umea = t.ws.create_organisation(municipality("Umeå kommun", "2480")).await.unwrap().id;
    let first = meeting(&t, dropin, "2027-01-10").await;
    let second = meeting(&t, dropin, "2027-03-15").await;
    let third = meeting(&t, modell, "2027-03-31").await;
    let forskola = example(
        "Öppen förskola",
        "Föräldrar möts vid ÅTERVINNINGSCENTRALEN.",
        Some(vannas),
        &["Skola", "Digitalisering"],
    );
    tell(&t, first, vec![forskola]).await;
    let lots = example("Lotsfunktion", "En lots följer den unge.", Some(umea), &["Arbetsmarknad"]);
    tell(&t, second, vec![lots]).await;
    let traffpunkt = example("Digital träffpunkt", "Unga ses på nätet.", None, &["digitalisering"]);
    tell(&t, third, vec![traffpunkt]).await;
    Fixture { t, dropin, modell, vannas }
}

fn filter() -> GoodExampleFilter {
    GoodExampleFilter::default()
}

fn titles(library: &GoodExampleLibrary) -> Vec<&str> {
    library.examples.iter().map(|e| e.title.as_str()).collect()
}

#[tokio::test]
async fn the_library_lists_every_partnerships_examples_newest_first_with_where_they_were_told() {
    let f = fixture().await;
    let all = f.t.ws.good_example_library(filter()).await.unwrap();
    assert_eq!(titles(&all), ["Digital träffpunkt", "Lotsfunktion", "Öppen förskola"]);
    assert_eq!(all.total, 3);
    // Each tag once, the first spelling met, in folded order.
    assert_eq!(all.tags, ["Arbetsmarknad", "Digitalisering", "Skola"]);
    assert_eq!(all.organisations.names, ["Umeå kommun", "Vännäs kommun"]);
    assert_eq!(all.partnerships.ids, [f.dropin, f.modell]);
    let oldest = &all.examples[2];
    assert_eq!(oldest.organisation_id, Some(f.vannas));
    assert_eq!(oldest.organisation_name.as_deref(), Some("Vännäs kommun"));
    assert_eq!(oldest.partnership_id, f.dropin);
    assert_eq!(oldest.partnership_name, "Dropin");
    assert_eq!(oldest.meeting_kind, MeetingKind::Learning);
    assert_eq!(oldest.meeting_date.to_string(), "2027-01-10");
    assert_eq!(oldest.tags, ["Skola", "Digitalisering"]);
    assert_eq!(all.examples[0].organisation_name, None);
}

#[tokio::test]
async fn each_filter_keeps_what_it_should() {
    let f = fixture().await;
    let ws = &f.t.ws;
    let list = async |filter: GoodExampleFilter| ws.good_example_library(filter).await.unwrap();

    // A tag matches whole and case folded.
    let tag = list(GoodExampleFilter { tag: Some(" DIGITALISERING ".into()), ..filter() }).await;
    assert_eq!(titles(&tag), ["Digital träffpunkt", "Öppen förskola"]);
    assert_eq!(tag.total, 2);
    let part_of_a_tag = list(GoodExampleFilter { tag: Some("Digital".into()), ..filter() }).await;
    assert_eq!(part_of_a_tag.total, 0);
    // The choices of the filters do not follow the filters.
    assert_eq!(tag.tags.len(), 3);

    let vannas = list(GoodExampleFilter { organisation_id: Some(f.vannas), ..filter() }).await;
    assert_eq!(titles(&vannas), ["Öppen förskola"]);
    let modell = list(GoodExampleFilter { partnership_id: Some(f.modell), ..filter() }).await;
    assert_eq!(titles(&modell), ["Digital träffpunkt"]);

    // Both ends of a period are inside.
    let period = GoodExampleFilter {
        from: Some("2027-03-15".into()),
        to: Some("2027-03-31".into()),
        ..filter()
    };
    assert_eq!(titles(&list(period).await), ["Digital träffpunkt", "Lotsfunktion"]);
    let until = GoodExampleFilter { to: Some("2027-03-14".into()), ..filter() };
    assert_eq!(titles(&list(until).await), ["Öppen förskola"]);

    // The search folds å, ä and ö; every word must be found, in the title,
    // the description or the tags.
    let search = |s: &str| GoodExampleFilter { search: s.into(), ..filter() };
    assert_eq!(titles(&list(search("återvinning")).await), ["Öppen förskola"]);
    assert_eq!(titles(&list(search("ÖPPEN")).await), ["Öppen förskola"]);
    assert_eq!(titles(&list(search("träffpunkt")).await), ["Digital träffpunkt"]);
    assert_eq!(titles(&list(search("skola digital")).await), ["Öppen förskola"]);
    assert_eq!(titles(&list(search("arbetsmarknad")).await), ["Lotsfunktion"]);
    assert_eq!(list(search("skola lots")).await.total, 0);
    assert_eq!(list(search("   ")).await.total, 3);

    // Filters together.
    let together = GoodExampleFilter {
        partnership_id: Some(f.dropin),
        tag: Some("digitalisering".into()),
        search: "förskola".into(),
        ..filter()
    };
    assert_eq!(titles(&list(together).await), ["Öppen förskola"]);
}

#[tokio::test]
async fn a_bad_filter_is_refused_at_its_field() {
    let f = fixture().await;
    let refused = async |filter: GoodExampleFilter| {
        let e = f.t.ws.good_example_library(filter.clone()).await.unwrap_err();
        let document = PdfDocument::Handbook { filter };
        let request = PdfRequest { document, archival: false, open: false };
        let pdf = f.t.ws.pdf(request).await.unwrap_err();
        assert_eq!((pdf.code, pdf.field.clone()), (e.code, e.field.clone()), "the PDF agrees");
        (e.code, e.field.unwrap_or_default())
    };
    let bad_date = GoodExampleFilter { from: Some("2027-02-30".into()), ..filter() };
    assert_eq!(refused(bad_date).await, (ErrorCode::InvalidDate, "from".into()));
    let backwards = GoodExampleFilter {
        from: Some("2027-03-01".into()),
        to: Some("2027-02-01".into()),
        ..filter()
    };
    assert_eq!(refused(backwards).await, (ErrorCode::EndBeforeStart, "to".into()));
    let long_search = GoodExampleFilter { search: "ö".repeat(201), ..filter() };
    assert_eq!(refused(long_search).await, (ErrorCode::TextTooLong, "search".into()));
    let long_tag = GoodExampleFilter { tag: Some("å".repeat(101)), ..filter() };
    assert_eq!(refused(long_tag).await, (ErrorCode::TextTooLong, "tag".into()));
}

#[tokio::test]
async fn the_page_shows_the_newest_matches_up_to_the_cap_and_counts_them_all() {
    let t = TestWorkspace::new().await;
    let p = t.ws.create_partnership(draft("Benchlearning")).await.unwrap().id;
    let older = meeting(&t, p, "2027-01-01").await;
    let newer = meeting(&t, p, "2027-02-01").await;
    let many = |prefix: &str| {
        (0..125).map(|i| example(&format!("{prefix} {i:03}"), "", None, &["Tema"])).collect()
    };
    tell(&t, older, many("Äldre")).await;
    tell(&t, newer, many("Nyare")).await;
    let library = t.ws.good_example_library(filter()).await.unwrap();
    assert_eq!(library.total, 250);
    assert_eq!(library.examples.len(), LIBRARY_SHOWN_MAX);
    assert_eq!(LIBRARY_SHOWN_MAX, 200);
    assert_eq!(library.examples[0].title, "Nyare 000", "newest meeting first, in told order");
    assert_eq!(library.examples[124].title, "Nyare 124");
    assert_eq!(library.examples[125].title, "Äldre 000");
    assert_eq!(library.examples[199].title, "Äldre 074");
    // A tag is matched in Rust, after the SQL: the count is still of every match.
    let tagged = GoodExampleFilter { tag: Some("tema".into()), ..filter() };
    let tagged = t.ws.good_example_library(tagged).await.unwrap();
    assert_eq!((tagged.total, tagged.examples.len()), (250, LIBRARY_SHOWN_MAX));
    assert_eq!(tagged.examples[0].title, "Nyare 000");
}

// ---------------------------------------------------------------------------------------------
// The handbook

fn run(tool: &str, args: &[&str]) -> String {
    let out = Command::new(tool).args(args).output().unwrap_or_else(|e| {
        panic!("{tool} is needed for the PDF tests (scripts/setup --test): {e}")
    });
    assert!(out.status.success(), "{tool} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("utf-8")
}

/// The handbook saved as `target/tmp/handbook-<label>.pdf` after `qpdf
/// --check` has passed: its file name, path, and text page by page
/// (`pdftotext -layout`).
async fn handbook(
    t: &TestWorkspace,
    filter: GoodExampleFilter,
    label: &str,
) -> (String, String, Vec<String>) {
    let document = PdfDocument::Handbook { filter };
    let file = t.ws.pdf(PdfRequest { document, archival: false, open: false }).await.unwrap();
    let path = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("handbook-{label}.pdf"));
    std::fs::write(&path, &file.bytes).unwrap();
    let p = path.to_str().unwrap().to_owned();
    run("qpdf", &["--check", &p]);
    let text = run("pdftotext", &["-layout", "-enc", "UTF-8", &p, "-"]);
    let pages: Vec<String> = text.split('\x0c').map(str::to_owned).collect();
    let pages = pages[..pages.len() - 1].to_vec(); // after the last form feed: nothing
    (file.file_name, p, pages)
}

/// The text of page `n` (from 1) alone, as `pdftotext -f n -l n` gives it.
fn page_text(path: &str, n: usize) -> String {
    let n = n.to_string();
    run("pdftotext", &["-layout", "-enc", "UTF-8", "-f", &n, "-l", &n, path, "-"])
}

/// Each text appears after the one before it, whitespace runs counting as one space.
fn assert_in_order(text: &str, expected: &[&str]) {
    let flat = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let text = flat(text);
    let mut from = 0;
    for e in expected.iter().map(|e| flat(e)) {
        match text[from..].find(&e) {
            Some(at) => from += at + e.len(),
            None => panic!("{e:?} not found after position {from} in:\n{text}"),
        }
    }
}

/// The contents' entries: each line of `pages` from the "Innehåll" heading
/// on that ends, after a gap, in a page number, as (text, page), up to the
/// first page that has no entry.
fn contents(pages: &[String]) -> Vec<(String, usize)> {
    let mut entries = Vec::new();
    let start = pages.iter().position(|p| p.contains("Innehåll")).expect("a contents page");
    for page in &pages[start..] {
        let before = entries.len();
        for line in page.lines().filter(|l| !l.contains("Sida ")) {
            let line = line.trim();
            // The number stands apart at the right margin, after a gap.
            let Some((text, number)) = line.rsplit_once("  ") else { continue };
            if let Ok(n) = number.parse::<usize>() {
                entries.push((text.trim().to_owned(), n));
            }
        }
        if entries.len() == before {
            break;
        }
    }
    entries
}

#[tokio::test]
async fn the_handbook_has_a_title_page_contents_with_true_page_numbers_and_examples_by_theme() {
    let f = fixture().await;
    let (name, path, pages) = handbook(&f.t, filter(), "small").await;
    assert!(name.starts_with("Exempelsamling 2026-11-23"), "{name}");
    assert_eq!(pages.len(), 3, "title page, contents, examples: {pages:#?}");
    assert_in_order(
        &pages[0],
        &["Exempelsamling", "Alla goda exempel", "Samlingen innehåller 3 goda exempel."],
    );
    let entries = contents(&pages);
    let names: Vec<&str> = entries.iter().map(|(t, _)| t.as_str()).collect();
    // By first tag, in folded order; "Digital träffpunkt" (first tag
    // "digitalisering") joins "Digitalisering".
    assert_eq!(
        names,
        [
            "Arbetsmarknad",
            "Lotsfunktion",
            "digitalisering",
            "Digital träffpunkt",
            "Skola",
            "Öppen förskola"
        ],
        "{entries:?}"
    );
    for (text, page) in &entries {
        assert!(page_text(&path, *page).contains(text.as_str()), "{text:?} not on page {page}");
    }
    assert_in_order(
        &pages[2],
        &[
            "Arbetsmarknad",
            "Lotsfunktion",
            "Organisation Umeå kommun",
            "Partnerskap Dropin",
            "Möte Lärandeträff",
            "2027-03-15",
            "Taggar Arbetsmarknad",
            "En lots följer den unge.",
            "Digital träffpunkt",
            "Organisation –",
            "Partnerskap Modellkommuner",
            "Unga ses på nätet.",
            "Skola",
            "Öppen förskola",
            "Vännäs kommun",
            "Taggar Skola, Digitalisering",
            "Sida 3 av 3",
        ],
    );
}

#[tokio::test]
async fn a_long_handbook_runs_over_many_pages_with_every_contents_entry_on_its_page() {
    let t = TestWorkspace::new().await;
    let p = t.ws.create_partnership(draft("Benchlearning")).await.unwrap().id;
    let themes = ["Äldreomsorg", "Arbetsmarknad", "Skola", "Ungdomar"];
    let description = "Ett äldreboende lärde av ett hotell hur man ordnar säkerheten. \
                       Personalen studerade rutinerna och byggde sedan ett eget system \
                       som alla i huset kände till och kunde använda.";
    let mut told = 0;
    for (m, date) in ["2027-01-12", "2027-02-09", "2027-03-09", "2027-04-13"].iter().enumerate() {
        let id = meeting(&t, p, date).await;
        let examples = (0..50)
            .map(|i| {
                let n = m * 50 + i;
                example(&format!("Exempel {n:03}"), description, None, &[themes[n % 4]])
            })
            .collect();
        tell(&t, id, examples).await;
        told += 50;
    }
    assert_eq!(told, 200);
    let (_, path, pages) = handbook(&t, filter(), "long").await;
    let total = pages.len();
    let info = run("pdfinfo", &[&path]);
    assert!(info.contains(&format!("Pages:           {total}")), "{info}");
    // By hand: an example is a subheading (28 pt with its space), four
    // fields (66 pt) and two lines of text (33 pt), 127 pt of a page's 728:
    // 200 take 35 pages; the contents, 204 lines of 13.5 pt, take 4 more
    // after the title page. 40, give or take a page for where breaks fall.
    assert!((39..=42).contains(&total), "{total} pages");
    for (i, page) in pages.iter().enumerate() {
        assert!(page.contains(&format!("Sida {} av {total}", i + 1)), "footer of page {}", i + 1);
    }
    let entries = contents(&pages);
    assert_eq!(entries.len(), 204, "4 themes and 200 examples");
    assert_eq!(entries[0].0, "Arbetsmarknad");
    assert_eq!(entries[1].0, "Exempel 001", "in date order within the theme");
    assert_eq!(entries[51].0, "Skola", "themes in folded order");
    assert_eq!(entries[153].0, "Äldreomsorg", "ä after the other letters");
    let mut last = 0;
    for (text, page) in &entries {
        assert!(*page >= last && *page <= total, "{text} on page {page}");
        last = *page;
    }
    // Every theme and a sample of examples is on the page the contents says.
    for (text, page) in entries
        .iter()
        .step_by(13)
        .chain(entries.iter().filter(|(t, _)| themes.contains(&t.as_str())))
    {
        assert!(page_text(&path, *page).contains(text.as_str()), "{text:?} not on page {page}");
    }
    // The examples in the order of the contents.
    let body: Vec<&str> = entries.iter().map(|(t, _)| t.as_str()).collect();
    let after_contents = pages[entries[0].1 - 1..].join("\n");
    assert_in_order(&after_contents, &body);
}

#[tokio::test]
async fn a_handbook_of_one_tag_says_what_was_chosen_and_follows_the_language() {
    let f = fixture().await;
    f.t.ws.set_language(SetLanguage { language: Language::En }).await.unwrap();
    let chosen = GoodExampleFilter {
        tag: Some("digitalisering".into()),
        partnership_id: Some(f.dropin),
        from: Some("2027-01-01".into()),
        ..filter()
    };
    let (name, _, pages) = handbook(&f.t, chosen, "one-tag").await;
    assert!(name.starts_with("Handbook of good examples"), "{name}");
    assert_in_order(
        &pages.join("\n"),
        &[
            "Handbook of good examples",
            "Period 2027-01-01 –",
            "Partnership Dropin",
            "Tag digitalisering",
            "The handbook holds 1 good example.",
            "Contents",
            "Digitalisering",
            "Öppen förskola",
            "Digitalisering",
            "Öppen förskola",
            "Page 3 of 3",
        ],
    );

    let nothing = GoodExampleFilter { search: "finns inte".into(), ..filter() };
    let (_, _, pages) = handbook(&f.t, nothing, "empty").await;
    assert_eq!(pages.len(), 1);
    assert_in_order(
        &pages[0],
        &["Search words finns inte", "No good examples match the selection."],
    );
}
