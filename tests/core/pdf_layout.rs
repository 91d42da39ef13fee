//! Renders documents and checks them with poppler-utils (pdftotext, pdfinfo, pdffonts) and qpdf.

use std::path::{Path, PathBuf};
use std::process::Command;

use samlar::documents::pdf::layout::{Block, Column, DocumentSpec, render};

fn spec() -> DocumentSpec {
    DocumentSpec {
        title: "Sammanfattning – hösten 2026".into(),
        language: "sv".into(),
        author: "Åsa Öberg".into(),
        footer: "Lärpartnerskapet Nord".into(),
        printed: "Utskrivet 2026-11-23".into(),
        page_label: "Sida {page} av {pages}".into(),
        archival: false,
        created: "2026-11-23T14:05:00+01:00".into(),
        logo: None,
    }
}

fn column(title: &str, width: f32, align_right: bool) -> Column {
    Column { title: title.into(), width, align_right }
}

/// Writes the PDF to a file named after the test and checks it with `qpdf --check`.
fn write(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("pdf-layout");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{name}.pdf"));
    std::fs::write(&path, bytes).unwrap();
    let check = run("qpdf", &["--check", path.to_str().unwrap()]);
    assert!(check.contains("No syntax or stream encoding errors"), "{check}");
    path
}

fn run(tool: &str, args: &[&str]) -> String {
    let output = Command::new(tool).args(args).output().unwrap_or_else(|e| panic!("{tool}: {e}"));
    assert!(
        output.status.success(),
        "{tool} {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// Text of each page, by pdftotext.
fn pages(path: &Path) -> Vec<String> {
    let text = run("pdftotext", &[path.to_str().unwrap(), "-"]);
    let mut pages: Vec<String> = text.split('\u{c}').map(str::to_string).collect();
    pages.pop(); // after the last form feed
    pages
}

fn page_count(path: &Path) -> usize {
    let info = run("pdfinfo", &[path.to_str().unwrap()]);
    let line = info.lines().find(|l| l.starts_with("Pages:")).unwrap();
    line["Pages:".len()..].trim().parse().unwrap()
}

/// Needles appear in this order; line breaks count as spaces, as wrapping moves them.
fn assert_in_order(haystack: &str, needles: &[&str]) {
    let haystack = haystack.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut from = 0;
    for needle in needles {
        match haystack[from..].find(needle) {
            Some(at) => from += at + needle.len(),
            None => panic!("{needle:?} missing or out of order in:\n{haystack}"),
        }
    }
}

#[test]
fn summary_text_is_extractable_in_order() {
    let blocks = vec![
        Block::Title("Sammanfattning".into()),
        Block::Fields(vec![("Partnerskap".into(), "Lärpartnerskapet Nord".into()), ("Ort".into(), "Umeå".into())]),
        Block::Heading("Översikt".into()),
        Block::Paragraph("Åtta träffar – två digitala — och “många” nöjda deltagare; Ärligt: Öppna, Ödmjuka, Ängsliga, é ü.".into()),
        Block::Muted("Inga anteckningar.".into()),
        Block::Bullets(vec!["Första punkten".into(), "Andra punkten".into()]),
        Block::Table {
            columns: vec![column("Datum", 1.0, false), column("Timmar", 1.0, true)],
            rows: vec![vec!["2026-09-02".into(), "3,5".into()]],
        },
        Block::BarChart {
            caption: "Deltagare per träff".into(),
            series: vec!["Kvinnor".into(), "Män".into()],
            groups: vec![("Lärandeträff 1".into(), vec![12, 9]), ("Lärandeträff 2".into(), vec![14, 8])],
        },
    ];
    let path = write("summary", &render(&spec(), &blocks));
    assert_eq!(page_count(&path), 1);
    let plain = run("pdftotext", &[path.to_str().unwrap(), "-"]);
    assert_in_order(
        &plain,
        &[
            "Sammanfattning",
            "Partnerskap",
            "Lärpartnerskapet Nord",
            "Umeå",
            "Översikt",
            "Åtta träffar – två digitala — och “många” nöjda deltagare; Ärligt: Öppna, Ödmjuka, Ängsliga, é ü.",
            "Inga anteckningar.",
            "Första punkten",
            "Andra punkten",
            "Datum",
            "Timmar",
            "2026-09-02",
            "3,5",
            "Deltagare per träff",
            "Kvinnor",
            "Män",
            "Lärandeträff 1",
            "12",
            "9",
            "Lärandeträff 2",
            "14",
            "8",
        ],
    );
    let layout = run("pdftotext", &["-layout", path.to_str().unwrap(), "-"]);
    assert_in_order(&layout, &["Lärpartnerskapet Nord", "Sida 1 av 1", "Utskrivet 2026-11-23"]);
    assert!(layout.contains("Partnerskap") && layout.contains("Lärpartnerskapet Nord"));
}

#[test]
fn metadata_language_and_fonts() {
    let path = write("metadata", &render(&spec(), &[Block::Paragraph("Hej världen".into())]));
    let info = run("pdfinfo", &[path.to_str().unwrap()]);
    assert!(info.contains("Title:           Sammanfattning – hösten 2026"), "{info}");
    assert!(info.contains("Author:          Åsa Öberg"), "{info}");
    assert!(info.contains("CreationDate:    Mon Nov 23 13:05:00 2026 UTC"), "{info}");
    let bytes = std::fs::read(&path).unwrap();
    assert!(contains(&bytes, b"/Lang(sv)"));
    assert!(!contains(&bytes, b"pdfaid:part"), "only archival output claims PDF/A");

    let fonts = run("pdffonts", &[path.to_str().unwrap()]);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty(), "{fonts}");
    for row in rows {
        let name = row.split_whitespace().next().unwrap();
        assert!(name.contains("+DejaVuSans"), "{fonts}");
        assert!(
            row.contains("Identity-H       yes yes yes"),
            "embedded, subset, with ToUnicode: {fonts}"
        );
    }
}

#[test]
fn archival_output_claims_pdf_a_2b() {
    let archival = DocumentSpec { archival: true, ..spec() };
    let path = write("archival", &render(&archival, &[Block::Paragraph("Arkiv".into())]));
    let bytes = std::fs::read(&path).unwrap();
    assert!(bytes.starts_with(b"%PDF-1.7\n"));
    for needle in [
        b"<pdfaid:part>2</pdfaid:part>".as_slice(),
        b"<pdfaid:conformance>B</pdfaid:conformance>",
        b"/S/GTS_PDFA1",
        b"<xmp:CreateDate>2026-11-23T14:05:00+01:00</xmp:CreateDate>",
        b"/Lang(sv)",
    ] {
        assert!(contains(&bytes, needle), "{}", String::from_utf8_lossy(needle));
    }
    let meta = run("pdfinfo", &["-meta", path.to_str().unwrap()]);
    assert!(meta.contains(
        "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">Sammanfattning – hösten 2026</rdf:li>"
    ));
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn long_text_loses_no_word_and_numbers_pages() {
    let words = ["lärande", "möte", "Åre", "övning", "träff", "ändring", "samverkan", "Östersund"];
    let text: Vec<String> = (0..40_000).map(|i| format!("{}{i}", words[i % words.len()])).collect();
    let blocks: Vec<Block> =
        text.chunks(300).map(|chunk| Block::Paragraph(chunk.join(" "))).collect();
    let path = write("long-text", &render(&spec(), &blocks));
    let total = page_count(&path);
    assert!(total >= 100, "{total} pages");
    let plain = run("pdftotext", &[path.to_str().unwrap(), "-"]);
    let found: Vec<&str> =
        plain.split_whitespace().filter(|w| words.iter().any(|s| w.starts_with(s))).collect();
    assert_eq!(found, text, "every word once, in order");
    let layout = run("pdftotext", &["-layout", path.to_str().unwrap(), "-"]);
    assert!(layout.contains(&format!("Sida 100 av {total}")));
    assert!(layout.contains(&format!("Sida {total} av {total}")));
}

#[test]
fn line_breaks_and_overlong_words_are_kept() {
    let long_word = "Donaudampfschifffahrtsgesellschaftskapitänsmützenabzeichenherstellungsbetriebsratsmitglied".repeat(3);
    let blocks = vec![Block::Paragraph(format!("första raden\nandra raden\n\n{long_word} slut"))];
    let path = write("line-breaks", &render(&spec(), &blocks));
    let plain = run("pdftotext", &[path.to_str().unwrap(), "-"]);
    assert_eq!(plain.lines().take(2).collect::<Vec<_>>(), ["första raden", "andra raden"]);
    let layout = run("pdftotext", &["-layout", path.to_str().unwrap(), "-"]);
    let lines: Vec<&str> = layout.lines().map(str::trim).collect();
    assert_eq!(lines[1..3], ["andra raden", ""], "the empty line is kept");
    let joined: String = plain.split_whitespace().collect();
    assert!(joined.contains(&format!("{long_word}slut")));
}

#[test]
fn table_header_repeats_on_every_page_it_spans() {
    let rows: Vec<Vec<String>> = (1..=300)
        .map(|i| vec![format!("rad{i:03}"), format!("Kommun {i}"), format!("{i}")])
        .collect();
    let blocks = vec![
        Block::Paragraph("Inledning före tabellen.".into()),
        Block::Table {
            columns: vec![
                column("Deltagarnamn", 2.0, false),
                column("Hemkommun", 2.0, false),
                column("Antal", 1.0, true),
            ],
            rows,
        },
        Block::Paragraph("Efter tabellen.".into()),
    ];
    let path = write("table-300", &render(&spec(), &blocks));
    let pages = pages(&path);
    let spanned: Vec<&String> = pages.iter().filter(|p| p.contains("rad")).collect();
    assert!(spanned.len() >= 5, "{} pages", spanned.len());
    for page in &spanned {
        assert_eq!(page.matches("Deltagarnamn").count(), 1, "{page}");
        assert!(page.find("Deltagarnamn") < page.find("rad"), "header above the rows");
    }
    let header_count: usize = pages.iter().map(|p| p.matches("Deltagarnamn").count()).sum();
    assert_eq!(header_count, spanned.len());
    let all = pages.concat();
    let found: Vec<&str> = all.split_whitespace().filter(|w| w.starts_with("rad")).collect();
    let expected: Vec<String> = (1..=300).map(|i| format!("rad{i:03}")).collect();
    assert_eq!(found, expected);
}

#[test]
fn row_taller_than_a_page_is_split_without_losing_lines() {
    let tall: Vec<String> = (1..=150).map(|i| format!("cellrad{i}")).collect();
    let blocks = vec![Block::Table {
        columns: vec![column("Rubrik", 1.0, false), column("Anteckning", 3.0, false)],
        rows: vec![
            vec!["kort".into(), "före".into()],
            vec!["lång".into(), tall.join("\n")],
            vec!["sist".into(), "efter".into()],
        ],
    }];
    let path = write("tall-row", &render(&spec(), &blocks));
    let pages = pages(&path);
    assert!(pages.len() >= 3);
    assert!(pages.iter().all(|p| p.contains("Anteckning")), "header on every page");
    let found: Vec<&str> = pages
        .iter()
        .flat_map(|p| p.split_whitespace())
        .filter(|w| w.starts_with("cellrad"))
        .collect();
    assert_eq!(found, tall);
}

#[test]
fn heading_is_never_last_on_a_page() {
    for filler in 35..60 {
        let lines: Vec<String> = (0..filler).map(|i| format!("fyllnad {i}")).collect();
        let blocks = vec![
            Block::Paragraph(lines.join("\n")),
            Block::Heading("Rubriken".into()),
            Block::Subheading("Underrubriken".into()),
            Block::Paragraph(format!("Texten efter rubriken. {}", "och mer text ".repeat(30))),
        ];
        let path = write("keep-with-next", &render(&spec(), &blocks));
        let pages = pages(&path);
        let page = pages.iter().find(|p| p.contains("Rubriken")).unwrap();
        assert!(
            page.contains("Underrubriken") && page.contains("Texten efter"),
            "filler {filler}: {page}"
        );
    }
}

#[test]
fn hostile_strings_do_not_crash() {
    let nasty = "emoji 😀🦀👩‍👩‍👧 CJK 漢字かな 한국어 rtl עברית عربى controls \u{0}\u{2}\u{3}\u{7f}\u{85}\t\r\n\
                 zero\u{200B}width\u{FEFF} combining e\u{301} private \u{E000} nonchar \u{FFFF} astral \u{10FFFF} ()\\<>&";
    let blocks = vec![
        Block::Title(nasty.into()),
        Block::Heading(String::new()),
        Block::Paragraph(nasty.repeat(20)),
        Block::Fields(vec![(nasty.into(), nasty.into()), (String::new(), String::new())]),
        Block::Bullets(vec![String::new(), nasty.into()]),
        Block::Table { columns: vec![], rows: vec![vec![nasty.into(); 3], vec![]] },
        Block::Table {
            columns: vec![column(nasty, f32::NAN, true), column("", -1.0, false)],
            rows: vec![],
        },
        Block::Table {
            columns: (0..80).map(|i| column(&i.to_string(), 0.0, false)).collect(),
            rows: vec![vec![nasty.into(); 80]],
        },
        Block::BarChart {
            caption: nasty.into(),
            series: vec![nasty.repeat(5); 9],
            groups: vec![(nasty.into(), vec![u32::MAX, 0, 7])],
        },
        Block::BarChart { caption: String::new(), series: vec![], groups: vec![] },
        Block::PageBreak,
        Block::PageBreak,
        Block::Spacer,
    ];
    let hostile = DocumentSpec {
        title: nasty.into(),
        language: nasty.into(),
        author: nasty.into(),
        footer: nasty.repeat(10),
        printed: nasty.into(),
        page_label: format!("{nasty} {{page}} {{pages}} {{page}}"),
        archival: true,
        created: nasty.into(),
        // A logo that does not decode is left out, not a failed document.
        logo: Some(samlar::documents::pdf::layout::Logo(std::sync::Arc::new(nasty.into()))),
    };
    let path = write("hostile", &render(&hostile, &blocks));
    let plain = run("pdftotext", &[path.to_str().unwrap(), "-"]);
    assert!(plain.contains("emoji 😀") && plain.contains("rtl") && plain.contains("e\u{301}"));
    assert!(plain.contains('\u{FFFD}'), "missing glyphs are replaced");
    let info = run("pdfinfo", &[path.to_str().unwrap()]);
    assert!(!info.contains("CreationDate"), "an unparsable date is left out: {info}");
}

#[test]
fn empty_document_is_one_valid_page() {
    let path = write("empty", &render(&spec(), &[]));
    assert_eq!(page_count(&path), 1);
    let layout = run("pdftotext", &["-layout", path.to_str().unwrap(), "-"]);
    assert!(layout.contains("Sida 1 av 1"));
}

#[test]
fn same_input_gives_same_bytes() {
    let blocks = vec![Block::Title("Samma".into()), Block::Paragraph("Samma text.".into())];
    let first = render(&spec(), &blocks);
    assert_eq!(first, render(&spec(), &blocks));
    let archival = DocumentSpec { archival: true, ..spec() };
    assert_eq!(render(&archival, &blocks), render(&archival, &blocks));
    let other = DocumentSpec { title: "Annan".into(), ..spec() };
    assert_ne!(first, render(&other, &blocks));
}
