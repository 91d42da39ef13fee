//! The logo printed in the top margin of every PDF page: one for the
//! installation (the county's or the network's) and, optionally, one per
//! partnership, which wins over it. A PNG or JPEG file the user picks, kept
//! in the database (table `logos`) so that a backup carries it; it stays on
//! this computer and does not travel with packages, because it is how this
//! installation prints rather than part of the partnership's record.
//!
//! A file is checked when it is chosen, not when a document is printed: its
//! size (`LOGO_MAX_BYTES`), its kind from its first bytes (PNG or JPEG,
//! whatever its name says), its width and height from its header before
//! anything is decoded (`LOGO_MAX_PIXELS`, so a small file cannot unpack
//! into gigabytes), and then that it decodes.

use crate::documents::pdf::layout::Logo;
use crate::kernel::limits::{LOGO_MAX_BYTES, LOGO_MAX_PIXELS};
use crate::kernel::values::PartnershipId;
use crate::meetings::attachment::{decode_file, display_name};
use crate::store::db;
use crate::{Error, ErrorCode, Result, Workspace};
use serde::{Deserialize, Serialize};
use sqlx::SqliteExecutor;
use std::io::Cursor;
use std::sync::Arc;
use ts_rs::TS;

/// Whose logo: a partnership's, or the installation's (no partnership).
#[derive(Debug, Clone, Copy, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LogoOwner {
    #[serde(default)]
    #[ts(type = "number | null")]
    pub partnership_id: Option<PartnershipId>,
}

/// "Välj logotyp…": the file as the window read it.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SetLogo {
    #[serde(default)]
    #[ts(type = "number | null")]
    pub partnership_id: Option<PartnershipId>,
    pub file_name: String,
    /// The file's bytes, base64-encoded.
    pub content_base64: String,
}

/// A logo as the settings show it, with the file itself for a preview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LogoSummary {
    pub file_name: String,
    /// "image/png" or "image/jpeg".
    pub media_type: String,
    pub size_bytes: u32,
    pub width: u32,
    pub height: u32,
    /// The file, base64-encoded, for an `<img>` preview (a `data:` address).
    pub content_base64: String,
}

/// The logos that apply to a partnership's documents (or, with no
/// partnership, to the installation's).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Logos {
    pub installation: Option<LogoSummary>,
    pub partnership: Option<LogoSummary>,
}

/// The file's kind by its first bytes.
fn media_type(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else {
        None
    }
}

/// Width and height from the header, without decoding the pixels.
fn dimensions(bytes: &[u8]) -> Option<(u32, u32)> {
    image::ImageReader::new(Cursor::new(bytes)).with_guessed_format().ok()?.into_dimensions().ok()
}

/// The checks of the module's text: `invalid_file` on `file` for anything
/// that is not a PNG or JPEG image of at most `LOGO_MAX_PIXELS` each way.
/// Gives the file's media type.
fn checked(bytes: &[u8]) -> Result<&'static str> {
    let invalid = |why: &str| Error::at(ErrorCode::InvalidFile, "file", why.to_owned());
    let media_type = media_type(bytes).ok_or_else(|| invalid("not a PNG or JPEG file"))?;
    let (width, height) = dimensions(bytes).ok_or_else(|| invalid("no image size in the file"))?;
    if width == 0 || height == 0 || width > LOGO_MAX_PIXELS || height > LOGO_MAX_PIXELS {
        return Err(invalid("image too large in pixels"));
    }
    image::load_from_memory(bytes).map_err(|_| invalid("the image does not decode"))?;
    Ok(media_type)
}

#[derive(sqlx::FromRow)]
struct LogoRow {
    file_name: String,
    media_type: String,
    bytes: Vec<u8>,
}

impl LogoRow {
    fn summary(self) -> LogoSummary {
        use base64::Engine as _;
        let (width, height) = dimensions(&self.bytes).unwrap_or((0, 0));
        LogoSummary {
            file_name: self.file_name,
            media_type: self.media_type,
            size_bytes: self.bytes.len() as u32,
            width,
            height,
            content_base64: base64::engine::general_purpose::STANDARD.encode(&self.bytes),
        }
    }
}

async fn row<'e>(
    ex: impl SqliteExecutor<'e>,
    partnership_id: Option<PartnershipId>,
) -> Result<Option<LogoRow>> {
    Ok(sqlx::query_as("SELECT file_name, media_type, bytes FROM logos WHERE partnership_id IS ?")
        .bind(partnership_id)
        .fetch_optional(ex)
        .await?)
}

/// The logo a partnership's documents print (its own, else the
/// installation's); with no partnership, the installation's.
pub async fn for_documents<'e>(
    ex: impl SqliteExecutor<'e>,
    partnership_id: Option<PartnershipId>,
) -> Result<Option<Logo>> {
    let bytes: Option<Vec<u8>> = sqlx::query_scalar(
        "SELECT bytes FROM logos WHERE partnership_id IS ?1 OR partnership_id IS NULL \
         ORDER BY partnership_id IS NULL LIMIT 1",
    )
    .bind(partnership_id)
    .fetch_optional(ex)
    .await?;
    Ok(bytes.map(|b| Logo(Arc::new(b))))
}

impl Workspace {
    /// The installation's logo and, when asked about a partnership, its own.
    pub async fn logos(&self, owner: LogoOwner) -> Result<Logos> {
        if let Some(id) = owner.partnership_id {
            crate::registry::partnership::get(self.pool(), id).await?;
        }
        let installation = row(self.pool(), None).await?.map(LogoRow::summary);
        let partnership = match owner.partnership_id {
            Some(id) => row(self.pool(), Some(id)).await?.map(LogoRow::summary),
            None => None,
        };
        Ok(Logos { installation, partnership })
    }

    /// Chooses the logo (replacing the one before); checked as the module's
    /// text says before anything is written.
    pub async fn set_logo(&self, input: SetLogo) -> Result<Logos> {
        let bytes = decode_file(&input.content_base64, LOGO_MAX_BYTES)?;
        let file_name = display_name(&input.file_name)?;
        let media_type = checked(&bytes)?;
        let mut tx = db::begin_write(self.pool()).await?;
        if let Some(id) = input.partnership_id {
            crate::registry::partnership::get(&mut *tx, id).await?;
        }
        sqlx::query("DELETE FROM logos WHERE partnership_id IS ?")
            .bind(input.partnership_id)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT INTO logos (partnership_id, media_type, file_name, bytes, created_at) \
             VALUES (?, ?, ?, ?, ?)",
        )
        .bind(input.partnership_id)
        .bind(media_type)
        .bind(&file_name)
        .bind(&bytes)
        .bind(self.clock().timestamp())
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        self.logos(LogoOwner { partnership_id: input.partnership_id }).await
    }

    /// Removes the logo; documents fall back to the installation's (or none).
    pub async fn remove_logo(&self, owner: LogoOwner) -> Result<Logos> {
        let mut tx = db::begin_write(self.pool()).await?;
        if let Some(id) = owner.partnership_id {
            crate::registry::partnership::get(&mut *tx, id).await?;
        }
        sqlx::query("DELETE FROM logos WHERE partnership_id IS ?")
            .bind(owner.partnership_id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        self.logos(owner).await
    }
}
