//! The logo in the PDF header: chosen for the installation or a partnership,
//! checked when chosen, printed on every page (`pdfimages -list` finds it
//! with its size in pixels), the partnership's winning over the
//! installation's, and carried by nothing that travels.

use crate::common::{TestWorkspace, draft};
use base64::Engine as _;
use samlar::ErrorCode;
use samlar::documents::logo::{LogoOwner, SetLogo};
use samlar::documents::pdf::{PdfDocument, PdfRequest};
use samlar::kernel::values::{MeetingId, MeetingKind, PartnershipId};
use samlar::meetings::draft::MeetingDraft;
use samlar::meetings::meeting::CreateMeeting;
use std::io::Cursor;
use std::path::Path;
use std::process::Command;

/// A `width`×`height` image in `format`, made by the same crate that reads it.
fn image(width: u32, height: u32, format: image::ImageFormat) -> Vec<u8> {
    let img = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x * 7 % 256) as u8, (y * 13 % 256) as u8, 120])
    });
    let mut out = Cursor::new(Vec::new());
    img.write_to(&mut out, format).unwrap();
    out.into_inner()
}

fn set(partnership_id: Option<PartnershipId>, file_name: &str, bytes: &[u8]) -> SetLogo {
    SetLogo {
        partnership_id,
        file_name: file_name.into(),
        content_base64: base64::engine::general_purpose::STANDARD.encode(bytes),
    }
}

async fn meeting(t: &TestWorkspace) -> (PartnershipId, MeetingId) {
    let partnership = t.ws.create_partnership(draft("Lärpartnerskap Nord")).await.unwrap().id;
    let mut d = MeetingDraft::new(MeetingKind::Learning, "2027-03-10");
    // Three pages of notes (10 000 characters at most): one line each.
    d.notes = (0..300).map(|i| format!("Rad {i}.\n")).collect();
    let m = CreateMeeting { partnership_id: partnership, draft: d };
    (partnership, t.ws.create_meeting(m).await.unwrap().id)
}

/// The images of a PDF as `pdfimages -list` lists them: (page, width, height).
async fn images(t: &TestWorkspace, meeting_id: MeetingId, label: &str) -> Vec<(u32, u32, u32)> {
    let document = PdfDocument::SessionSummary { meeting_id };
    let file = t.ws.pdf(PdfRequest { document, archival: true, open: false }).await.unwrap();
    let path = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("logo-{label}.pdf"));
    std::fs::write(&path, &file.bytes).unwrap();
    let check = Command::new("qpdf").arg("--check").arg(&path).output().expect("qpdf");
    assert!(check.status.success(), "{}", String::from_utf8_lossy(&check.stdout));
    let out = Command::new("pdfimages").arg("-list").arg(&path).output().expect("pdfimages");
    assert!(out.status.success());
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .skip(2)
        .map(|line| {
            let cells: Vec<u32> =
                line.split_whitespace().take(5).filter_map(|c| c.parse().ok()).collect();
            (cells[0], cells[2], cells[3])
        })
        .collect()
}

fn pages(text: &[(u32, u32, u32)]) -> Vec<u32> {
    text.iter().map(|(page, ..)| *page).collect()
}

#[tokio::test]
async fn the_installation_s_logo_is_on_every_page_and_a_partnership_s_own_wins() {
    let t = TestWorkspace::new().await;
    let (partnership, meeting_id) = meeting(&t).await;
    assert_eq!(images(&t, meeting_id, "none").await, vec![], "no logo chosen: no image");

    let png = image(60, 30, image::ImageFormat::Png);
    let logos = t.ws.set_logo(set(None, "C:\\Bilder\\region.png", &png)).await.unwrap();
    let installation = logos.installation.unwrap();
    assert_eq!(installation.file_name, "region.png");
    assert_eq!((installation.width, installation.height), (60, 30));
    assert_eq!(installation.media_type, "image/png");
    let listed = images(&t, meeting_id, "installation").await;
    assert!(listed.len() >= 3, "a long summary has several pages: {listed:?}");
    assert_eq!(pages(&listed), (1..=listed.len() as u32).collect::<Vec<_>>(), "one per page");
    assert!(listed.iter().all(|(_, w, h)| (*w, *h) == (60, 30)));

    let jpeg = image(40, 40, image::ImageFormat::Jpeg);
    let logos = t.ws.set_logo(set(Some(partnership), "nord.jpg", &jpeg)).await.unwrap();
    assert_eq!(logos.partnership.unwrap().media_type, "image/jpeg");
    assert!(logos.installation.is_some(), "the installation's stays");
    let listed = images(&t, meeting_id, "partnership").await;
    assert!(listed.iter().all(|(_, w, h)| (*w, *h) == (40, 40)), "{listed:?}");

    let logos = t.ws.remove_logo(LogoOwner { partnership_id: Some(partnership) }).await.unwrap();
    assert_eq!(logos.partnership, None);
    let listed = images(&t, meeting_id, "fallback").await;
    assert!(listed.iter().all(|(_, w, h)| (*w, *h) == (60, 30)), "back to the installation's");

    t.ws.remove_logo(LogoOwner { partnership_id: None }).await.unwrap();
    assert_eq!(images(&t, meeting_id, "removed").await, vec![]);
}

#[tokio::test]
async fn a_second_logo_replaces_the_first() {
    let t = TestWorkspace::new().await;
    t.ws.set_logo(set(None, "a.png", &image(10, 10, image::ImageFormat::Png))).await.unwrap();
    let logos =
        t.ws.set_logo(set(None, "b.png", &image(20, 10, image::ImageFormat::Png))).await.unwrap();
    assert_eq!(logos.installation.unwrap().file_name, "b.png");
    let count: i64 =
        sqlx::query_scalar("SELECT count(*) FROM logos").fetch_one(t.ws.pool()).await.unwrap();
    assert_eq!(count, 1);
}

#[tokio::test]
async fn files_that_are_not_a_usable_png_or_jpeg_are_refused_before_anything_is_written() {
    let t = TestWorkspace::new().await;
    let refused = |bytes: Vec<u8>, name: &'static str| {
        let ws = &t.ws;
        async move { ws.set_logo(set(None, name, &bytes)).await.unwrap_err() }
    };
    // Not an image at all, whatever its name says.
    let err = refused(b"%PDF-1.7 not a picture".to_vec(), "logo.png").await;
    assert_eq!((err.code, err.field.as_deref()), (ErrorCode::InvalidFile, Some("file")));
    // A GIF is an image, but not one of the two kinds.
    let gif = b"GIF89a\x01\x00\x01\x00\x00\x00\x00;".to_vec();
    assert_eq!(refused(gif, "logo.gif").await.code, ErrorCode::InvalidFile);
    // A PNG cut short: its header is there, its pixels are not.
    let mut cut = image(50, 50, image::ImageFormat::Png);
    cut.truncate(60);
    assert_eq!(refused(cut, "cut.png").await.code, ErrorCode::InvalidFile);
    // A PNG header claiming 30 000 × 30 000 pixels: refused from the header.
    let mut huge = image(1, 1, image::ImageFormat::Png);
    huge[16..20].copy_from_slice(&30_000u32.to_be_bytes());
    huge[20..24].copy_from_slice(&30_000u32.to_be_bytes());
    assert_eq!(refused(huge, "huge.png").await.code, ErrorCode::InvalidFile);
    // Over the size limit.
    let big = vec![0u8; samlar::kernel::limits::LOGO_MAX_BYTES as usize + 1];
    let err = refused(big, "big.png").await;
    assert_eq!(err.code, ErrorCode::FileTooLarge);
    // No name.
    let err = refused(image(5, 5, image::ImageFormat::Png), "  ").await;
    assert_eq!(err.code, ErrorCode::NameRequired);
    // A partnership that does not exist.
    let png = image(5, 5, image::ImageFormat::Png);
    let err = t.ws.set_logo(set(Some(PartnershipId(999)), "a.png", &png)).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::NotFound);

    let count: i64 =
        sqlx::query_scalar("SELECT count(*) FROM logos").fetch_one(t.ws.pool()).await.unwrap();
    assert_eq!(count, 0, "nothing was written");
}

/// The window checks a file's size before reading it, with the core's limit.
#[test]
fn the_window_s_size_limit_is_the_core_s() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/src/components/LogoSetting.svelte");
    let text = std::fs::read_to_string(path).unwrap();
    let mb = samlar::kernel::limits::LOGO_MAX_BYTES / (1024 * 1024);
    let wanted = format!("const MAX_LOGO_BYTES = {mb} * 1024 * 1024;");
    assert!(text.contains(&wanted), "ui/src/components/LogoSetting.svelte: {wanted}");
}
