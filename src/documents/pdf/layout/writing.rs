//! Writing the PDF: the laid-out pages as printpdf operations with DejaVu Sans embedded, then
//! the file's metadata rewritten so that the same input gives the same bytes and an archival
//! document is valid PDF/A-2b (XMP metadata agreeing with the document info, /Lang, an RGB
//! output intent with a small ICC profile).
//!
//! printpdf's random resource names, document ID and XMP instance ID are replaced by fixed
//! names and an ID hashed from the input, and the only timestamp is the one the caller passes
//! in [`DocumentSpec::created`], parsed and formatted with chrono. It may use the fonts and the
//! flow's items and page size; only [`super::render`] calls it.

use std::fmt::{self, Write as _};

use chrono::format::{Parsed, StrftimeItems};
use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, SecondsFormat};
use printpdf::{
    Color, DictItem, ExternalStream, FontId, Mm, Op, PaintMode, PdfDocument, PdfFont,
    PdfFontHandle, PdfPage, PdfSaveOptions, Pt, RawImage, Rect, Rgb, TextItem, TextMatrix, XObject,
    XObjectId, XObjectTransform,
};

use super::flow::{
    Block, DocumentSpec, Item, Logo, MARGIN, PAGE_H, PAGE_H_MM, PAGE_W_MM, PT_PER_MM,
};
use super::fonts::{Colour, Face, Fonts};

/// The PDF file of the pages laid out from `blocks`.
pub(super) fn pdf(
    fonts: &Fonts,
    spec: &DocumentSpec,
    blocks: &[Block],
    pages: &[Vec<Item>],
) -> Vec<u8> {
    serialize(
        &document(fonts, &spec.title, spec.logo.as_ref(), pages),
        spec,
        fingerprint(spec, blocks),
    )
}

// ---------------------------------------------------------------------------------------------
// Emission: items to printpdf operations.

const REGULAR_ID: &str = "SAMREG";
const BOLD_ID: &str = "SAMBLD";
const LOGO_ID: &str = "SAMLOGO";

/// The logo's box in the top margin, in points: at most this tall and wide, its top edge this
/// far from the page's top, its right edge on the text's right margin.
const LOGO_MAX_H: f32 = 12.0 * PT_PER_MM;
const LOGO_MAX_W: f32 = 50.0 * PT_PER_MM;
const LOGO_TOP: f32 = 5.0 * PT_PER_MM;
const LOGO_RIGHT: f32 = PAGE_W_MM * PT_PER_MM - MARGIN;

fn document(fonts: &Fonts, title: &str, logo: Option<&Logo>, pages: &[Vec<Item>]) -> PdfDocument {
    let mut document = PdfDocument::new(title);
    for (id, font) in [(REGULAR_ID, &fonts.regular), (BOLD_ID, &fonts.bold)] {
        document.resources.fonts.map.insert(FontId(id.to_string()), PdfFont::new(font.clone()));
    }
    let logo = logo.and_then(|logo| RawImage::decode_from_bytes(&logo.0, &mut Vec::new()).ok());
    let logo_op = logo.map(|image| {
        let op = logo_op(image.width, image.height);
        document.resources.xobjects.map.insert(XObjectId(LOGO_ID.into()), XObject::Image(image));
        op
    });
    document.pages = pages
        .iter()
        .map(|items| {
            let mut ops = page_ops(items);
            ops.extend(logo_op.clone());
            PdfPage::new(Mm(PAGE_W_MM), Mm(PAGE_H_MM), ops)
        })
        .collect();
    document
}

/// The logo scaled to fit its box, keeping its proportions (at 72 dpi a pixel is a point
/// before the scale).
fn logo_op(width: usize, height: usize) -> Op {
    let (w, h) = (width.max(1) as f32, height.max(1) as f32);
    let scale = (LOGO_MAX_H / h).min(LOGO_MAX_W / w);
    Op::UseXobject {
        id: XObjectId(LOGO_ID.into()),
        transform: XObjectTransform {
            translate_x: Some(Pt(LOGO_RIGHT - w * scale)),
            translate_y: Some(Pt(PAGE_H - LOGO_TOP - h * scale)),
            scale_x: Some(scale),
            scale_y: Some(scale),
            dpi: Some(72.0),
            ..XObjectTransform::default()
        },
    }
}

/// Fills first, then all text in one text object, so backgrounds never cover text.
fn page_ops(items: &[Item]) -> Vec<Op> {
    let mut ops = Vec::new();
    let mut colour = None;
    let mut set_colour = |ops: &mut Vec<Op>, c: Colour| {
        if colour != Some(c) {
            colour = Some(c);
            ops.push(Op::SetFillColor {
                col: Color::Rgb(Rgb { r: c.0, g: c.1, b: c.2, icc_profile: None }),
            });
        }
    };
    for item in items {
        if let Item::Fill { x, top, w, h, colour } = *item {
            set_colour(&mut ops, colour);
            let rectangle = Rect {
                x: Pt(x),
                y: Pt(PAGE_H - top - h),
                width: Pt(w),
                height: Pt(h),
                mode: Some(PaintMode::Fill),
                winding_order: None,
            };
            ops.push(Op::DrawRectangle { rectangle });
        }
    }
    ops.push(Op::StartTextSection);
    let mut font = None;
    for item in items {
        if let Item::Text { x, baseline, style, text } = item {
            if text.is_empty() {
                continue;
            }
            if font != Some((style.face, style.size)) {
                font = Some((style.face, style.size));
                let id = if style.face == Face::Bold { BOLD_ID } else { REGULAR_ID };
                ops.push(Op::SetFont {
                    font: PdfFontHandle::External(FontId(id.to_string())),
                    size: Pt(style.size),
                });
            }
            set_colour(&mut ops, style.colour);
            ops.push(Op::SetTextMatrix {
                matrix: TextMatrix::Translate(Pt(*x), Pt(PAGE_H - baseline)),
            });
            ops.push(Op::ShowText { items: vec![TextItem::Text(text.clone())] });
        }
    }
    ops.push(Op::EndTextSection);
    ops
}

// ---------------------------------------------------------------------------------------------
// Serialization and metadata. printpdf writes no /Lang, a random /ID, and PDF/X-style metadata
// (no pdfaid, a CMYK press profile); those parts are rewritten on its lopdf document, using
// printpdf's DictItem to build the objects.

const CREATOR: &str = "Samlär";
const PRODUCER: &str = "printpdf 0.12";

fn serialize(document: &PdfDocument, spec: &DocumentSpec, id: [u8; 16]) -> Vec<u8> {
    let mut pdf = document.to_lopdf_document(&PdfSaveOptions::default(), &mut Vec::new());
    let created = Timestamp::parse(&spec.created);
    let language = language_tag(&spec.language);

    if let Ok(info) = pdf.trailer.get(b"Info").and_then(|info| info.as_reference()) {
        pdf.objects.insert(info, info_dict(spec, created.as_ref()).to_lopdf());
    }
    let xmp = pdf.add_object(xmp_stream(spec, &language, created.as_ref()).to_lopdf());
    let intent = spec.archival.then(|| {
        let profile = pdf.add_object(icc_stream().to_lopdf());
        output_intent(profile).to_lopdf()
    });
    if let Ok(catalog) = pdf.catalog_mut() {
        catalog.set("Metadata", xmp);
        if !language.is_empty() {
            catalog.set("Lang", ascii_string(&language).to_lopdf());
        }
        if let Some(intent) = intent {
            catalog.set("OutputIntents", vec![intent]);
        }
    }
    let id = DictItem::Bytes(id.to_vec());
    pdf.trailer.set("ID", DictItem::Array(vec![id.clone(), id]).to_lopdf());

    // printpdf declares 1.3; /Lang, XMP metadata and output intents are PDF 1.4, PDF/A-2 is 1.7.
    pdf.version = "1.7".to_string();
    pdf.compress();
    let mut bytes = Vec::new();
    // Writing to a Vec cannot fail.
    let _ = pdf.save_to(&mut bytes);
    bytes
}

fn dict<'a>(entries: impl IntoIterator<Item = (&'a str, DictItem)>) -> DictItem {
    DictItem::Dict { map: entries.into_iter().map(|(k, v)| (k.to_string(), v)).collect() }
}

fn name(name: &str) -> DictItem {
    DictItem::Name(name.as_bytes().to_vec())
}

/// A PDF text string in UTF-16BE, which holds any character.
fn text_string(text: &str) -> DictItem {
    let data =
        [0xFE, 0xFF].into_iter().chain(text.encode_utf16().flat_map(u16::to_be_bytes)).collect();
    DictItem::String { data, literal: false }
}

fn ascii_string(text: &str) -> DictItem {
    DictItem::String { data: text.as_bytes().to_vec(), literal: true }
}

/// Without control characters and the non-characters XML cannot carry.
fn metadata_text(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() || matches!(c, '\u{FFFE}' | '\u{FFFF}') { ' ' } else { c })
        .collect()
}

fn language_tag(language: &str) -> String {
    language.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-').take(35).collect()
}

/// Only the entries that the XMP repeats, so the two agree as PDF/A requires.
fn info_dict(spec: &DocumentSpec, created: Option<&Timestamp>) -> DictItem {
    let mut entries = vec![
        ("Title", text_string(&metadata_text(&spec.title))),
        ("Creator", text_string(CREATOR)),
        ("Producer", text_string(PRODUCER)),
    ];
    if !spec.author.trim().is_empty() {
        entries.push(("Author", text_string(&metadata_text(&spec.author))));
    }
    if let Some(created) = created {
        let date = created.pdf();
        entries.extend([("CreationDate", ascii_string(&date)), ("ModDate", ascii_string(&date))]);
    }
    dict(entries)
}

fn xml_escape(text: &str) -> String {
    metadata_text(text).replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

fn xmp_stream(spec: &DocumentSpec, language: &str, created: Option<&Timestamp>) -> DictItem {
    let mut properties = format!(
        "<dc:format>application/pdf</dc:format>\n\
         <dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">{}</rdf:li></rdf:Alt></dc:title>\n\
         <xmp:CreatorTool>{CREATOR}</xmp:CreatorTool>\n<pdf:Producer>{PRODUCER}</pdf:Producer>\n",
        xml_escape(&spec.title)
    );
    if !spec.author.trim().is_empty() {
        let author = xml_escape(&spec.author);
        let _ = writeln!(
            properties,
            "<dc:creator><rdf:Seq><rdf:li>{author}</rdf:li></rdf:Seq></dc:creator>"
        );
    }
    if !language.is_empty() {
        let _ = writeln!(
            properties,
            "<dc:language><rdf:Bag><rdf:li>{language}</rdf:li></rdf:Bag></dc:language>"
        );
    }
    if let Some(created) = created {
        let date = created.xmp();
        let _ = writeln!(
            properties,
            "<xmp:CreateDate>{date}</xmp:CreateDate>\n<xmp:ModifyDate>{date}</xmp:ModifyDate>\n\
             <xmp:MetadataDate>{date}</xmp:MetadataDate>"
        );
    }
    if spec.archival {
        properties
            .push_str("<pdfaid:part>2</pdfaid:part>\n<pdfaid:conformance>B</pdfaid:conformance>\n");
    }
    let packet = format!(
        "<?xpacket begin=\"\u{FEFF}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n\
         <x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n\
         <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n\
         <rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" \
         xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\" \
         xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\">\n\
         {properties}</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>"
    );
    // PDF/A forbids filters on the metadata stream, so it stays uncompressed.
    DictItem::Stream {
        stream: ExternalStream {
            dict: [("Type".to_string(), name("Metadata")), ("Subtype".to_string(), name("XML"))]
                .into(),
            content: packet.into_bytes(),
            compress: false,
        },
    }
}

fn output_intent((object, generation): (u32, u16)) -> DictItem {
    dict([
        ("Type", name("OutputIntent")),
        ("S", name("GTS_PDFA1")),
        ("OutputConditionIdentifier", ascii_string("Custom")),
        ("Info", ascii_string(ICC_DESCRIPTION)),
        ("DestOutputProfile", DictItem::Ref { obj: object, r#gen: generation }),
    ])
}

fn icc_stream() -> DictItem {
    DictItem::Stream {
        stream: ExternalStream {
            dict: [("N".to_string(), DictItem::Int(3))].into(),
            content: rgb_icc_profile(),
            compress: true,
        },
    }
}

const ICC_DESCRIPTION: &str = "RGB display, sRGB primaries, gamma 2.2";

/// A minimal ICC v2 display profile for the PDF/A output intent, so that DeviceRGB is allowed.
/// printpdf's only bundled profile is a 650 KB CMYK press profile (Coated FOGRA39) that would
/// more than double a typical file. Colorants are sRGB's, adapted to D50; the tone curve is a
/// pure gamma 2.2 approximation of sRGB's.
fn rgb_icc_profile() -> Vec<u8> {
    fn s15(v: f64) -> [u8; 4] {
        ((v * 65536.0).round() as i32).to_be_bytes()
    }
    fn xyz([x, y, z]: [f64; 3]) -> Vec<u8> {
        [b"XYZ \0\0\0\0".as_slice(), &s15(x), &s15(y), &s15(z)].concat()
    }
    const D50: [f64; 3] = [0.9642, 1.0, 0.8249];
    let desc = {
        let ascii = [ICC_DESCRIPTION.as_bytes(), b"\0"].concat();
        let count = (ascii.len() as u32).to_be_bytes();
        // textDescriptionType: ASCII part, empty Unicode and ScriptCode parts.
        [b"desc\0\0\0\0".as_slice(), &count, &ascii, &[0; 8], &[0; 3], &[0; 67]].concat()
    };
    let copyright = b"text\0\0\0\0No copyright, use freely\0".to_vec();
    let gamma = [b"curv\0\0\0\0".as_slice(), &1u32.to_be_bytes(), &[0x02, 0x33]].concat();
    let tags: [(&[u8; 4], Vec<u8>); 9] = [
        (b"desc", desc),
        (b"cprt", copyright),
        (b"wtpt", xyz(D50)),
        (b"rXYZ", xyz([0.4361, 0.2225, 0.0139])),
        (b"gXYZ", xyz([0.3851, 0.7169, 0.0971])),
        (b"bXYZ", xyz([0.1431, 0.0606, 0.7141])),
        (b"rTRC", gamma.clone()),
        (b"gTRC", gamma.clone()),
        (b"bTRC", gamma),
    ];
    let mut table = (tags.len() as u32).to_be_bytes().to_vec();
    let mut data = Vec::new();
    let data_start = 128 + 4 + 12 * tags.len();
    for (signature, content) in &tags {
        table.extend_from_slice(*signature);
        table.extend_from_slice(&((data_start + data.len()) as u32).to_be_bytes());
        table.extend_from_slice(&(content.len() as u32).to_be_bytes());
        data.extend_from_slice(content);
        data.resize(data.len().next_multiple_of(4), 0);
    }
    let size = (data_start + data.len()) as u32;
    let header = [
        size.to_be_bytes().as_slice(),
        &[0; 4],             // preferred CMM
        &[0x02, 0x10, 0, 0], // version 2.1
        b"mntr",
        b"RGB ",
        b"XYZ ",
        &[0x07, 0xEA, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0], // 2026-01-01 00:00:00
        b"acsp",
        &[0; 24], // platform, flags, manufacturer, model, attributes
        &[0; 4],  // perceptual intent
        &xyz(D50)[8..],
        &[0; 4 + 16 + 28], // creator, profile ID, reserved
    ]
    .concat();
    [header, table, data].concat()
}

/// The caller's creation time, kept in the caller's own time zone, or in none if it named none.
enum Timestamp {
    Zoned(DateTime<FixedOffset>),
    Local(NaiveDateTime),
}

/// The forms of a time after the date, longest first.
const TIMES: [&str; 4] = ["T%H:%M:%S%.f", " %H:%M:%S%.f", "T%H:%M", " %H:%M"];

impl Timestamp {
    /// Accepts a calendar date "YYYY-MM-DD", optionally followed by "THH:MM[:SS[.fff]]" (or a
    /// space instead of 'T') and "Z" or "±HH[:MM]".
    fn parse(text: &str) -> Option<Timestamp> {
        let (date, rest) = NaiveDate::parse_and_remainder(text.trim(), "%Y-%m-%d").ok()?;
        let (time, zone) = TIMES
            .iter()
            .find_map(|format| NaiveTime::parse_and_remainder(rest, format).ok())
            .unwrap_or((NaiveTime::MIN, rest));
        let local = date.and_time(time);
        if zone.is_empty() {
            return Some(Timestamp::Local(local));
        }
        let mut offset = Parsed::new();
        chrono::format::parse(&mut offset, zone, StrftimeItems::new("%#z")).ok()?;
        local.and_local_timezone(offset.to_fixed_offset().ok()?).single().map(Timestamp::Zoned)
    }

    /// PDF's date form, e.g. "D:20261123140509+01'00'".
    fn pdf(&self) -> String {
        match self {
            Timestamp::Zoned(t) => {
                let zone = t.format("%:z").to_string().replace(':', "'");
                format!("D:{}{zone}'", t.format("%Y%m%d%H%M%S"))
            }
            Timestamp::Local(t) => t.format("D:%Y%m%d%H%M%S").to_string(),
        }
    }

    /// XMP's (ISO 8601) form, e.g. "2026-11-23T14:05:09+01:00" or "2026-11-23T13:05:09Z".
    fn xmp(&self) -> String {
        match self {
            Timestamp::Zoned(t) => t.to_rfc3339_opts(SecondsFormat::Secs, true),
            Timestamp::Local(t) => t.format("%Y-%m-%dT%H:%M:%S").to_string(),
        }
    }
}

/// 128-bit FNV-1a style hash of the whole input, for the trailer /ID: the same input gives the
/// same file, different documents get different IDs.
fn fingerprint(spec: &DocumentSpec, blocks: &[Block]) -> [u8; 16] {
    struct Fnv([u64; 2]);
    impl fmt::Write for Fnv {
        fn write_str(&mut self, s: &str) -> fmt::Result {
            for byte in s.bytes() {
                for h in &mut self.0 {
                    *h = (*h ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01B3);
                }
            }
            Ok(())
        }
    }
    let mut hash = Fnv([0xCBF2_9CE4_8422_2325, 0x8422_2325_CBF2_9CE4]);
    let _ = write!(hash, "{spec:?}{blocks:?}");
    let [a, b] = hash.0;
    let mut id = [0; 16];
    id[..8].copy_from_slice(&a.to_be_bytes());
    id[8..].copy_from_slice(&b.to_be_bytes());
    id
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps() {
        let t = Timestamp::parse("2026-11-23T14:05:09+01:00").unwrap();
        assert_eq!(
            (t.pdf(), t.xmp()),
            ("D:20261123140509+01'00'".into(), "2026-11-23T14:05:09+01:00".into())
        );
        let t = Timestamp::parse("2026-11-23 14:05Z").unwrap();
        assert_eq!(
            (t.pdf(), t.xmp()),
            ("D:20261123140500+00'00'".into(), "2026-11-23T14:05:00Z".into())
        );
        let t = Timestamp::parse("2026-11-23T13:05:00.000Z").unwrap(); // the app's clock
        assert_eq!(
            (t.pdf(), t.xmp()),
            ("D:20261123130500+00'00'".into(), "2026-11-23T13:05:00Z".into())
        );
        assert_eq!(Timestamp::parse("2026-11-23").unwrap().xmp(), "2026-11-23T00:00:00");
        assert_eq!(Timestamp::parse("2026-11-23+02").unwrap().pdf(), "D:20261123000000+02'00'");
        assert_eq!(
            Timestamp::parse("2026-01-02T03:04:05.678-05:30").unwrap().pdf(),
            "D:20260102030405-05'30'"
        );
        for bad in [
            "",
            "igår",
            "2026-13-01",
            "2026-02-30",
            "2026-11-23T25:00",
            "2026-11-23T10:00+5",
            "2026-11-23X",
        ] {
            assert!(Timestamp::parse(bad).is_none(), "{bad}");
        }
    }
}
