//! The exchange package as a file a person sends and opens: its name in the
//! user's language, and the file's bytes to and from base64 as they cross
//! IPC (the window reads the file the user picked, as for CSV import). The
//! package itself, its checks and the merge are `exchange`'s.

use super::export::ExportFile;
use super::messages::{fill, text};
use crate::exchange::merge::{Applied, Choice, Preview};
use crate::exchange::package::{MAX_PACKAGE_BYTES, MakePackage};
use crate::exchange::record::Kind;
use crate::store::settings;
use crate::{Error, ErrorCode, Result, Workspace};
use base64::Engine;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A package file the user picked, to preview.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PackageFile {
    /// The file's bytes, base64-encoded.
    pub content_base64: String,
}

/// A package file to open, with the choices for its conflicts.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct OpenPackage {
    pub content_base64: String,
    #[serde(default)]
    pub choices: Vec<Choice>,
}

/// The bytes of a base64-encoded package. The size is checked on the text,
/// before anything is decoded: four characters carry three bytes.
fn decode(content_base64: &str) -> Result<Vec<u8>> {
    let content = content_base64.trim();
    if (content.len() / 4 * 3) as u64 > MAX_PACKAGE_BYTES + 2 {
        return Err(Error::at(ErrorCode::FileTooLarge, "file", "a package over 50 MB"));
    }
    base64::engine::general_purpose::STANDARD
        .decode(content)
        .map_err(|_| Error::at(ErrorCode::NotAPackage, "file", "content is not base64"))
}

impl Workspace {
    /// A package of a pairing or a partnership, named for the person who
    /// sends it: "Mentorpaket Umeå kommun 2026-11-30.samlar".
    pub async fn package_file(&self, input: MakePackage) -> Result<ExportFile> {
        let language = settings::load(self.pool()).await?.language;
        let made = self.make_package(input).await?;
        let key = match made.scope.kind {
            Kind::Pairing => "exchange.file.pairing",
            _ => "exchange.file.partnership",
        };
        let date = self.clock().today().to_string();
        let params = [("name", made.scope.label.as_str()), ("date", date.as_str())];
        let stem = fill(text(language, key), &params);
        Ok(ExportFile { file_name: super::export::file_name(&stem, "samlar"), bytes: made.bytes })
    }

    pub async fn preview_package_file(&self, input: PackageFile) -> Result<Preview> {
        self.preview_package(&decode(&input.content_base64)?).await
    }

    pub async fn open_package_file(&self, input: OpenPackage) -> Result<Applied> {
        use crate::kernel::limits::{self, CHOICE_TEXT_MAX_CHARS, MAX_CHOICES};
        limits::count(input.choices.len(), "choices", MAX_CHOICES)?;
        for (i, choice) in input.choices.iter().enumerate() {
            let texts = [("uuid", Some(&choice.uuid)), ("field", choice.field.as_ref())];
            for (name, text) in texts {
                let text = text.cloned().unwrap_or_default();
                let field = format!("choices.{i}.{name}");
                crate::kernel::validate::text(text, &field, CHOICE_TEXT_MAX_CHARS)?;
            }
        }
        self.open_package(&decode(&input.content_base64)?, &input.choices).await
    }
}
