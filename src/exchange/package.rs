//! The exchange package, a `.samlar` file: a zip holding two JSON files.
//!
//! - `manifest.json`: `format` ("samlar-paket"), `formatVersion` (1), the
//!   sending installation (id and name), the scope (kind, UUID and label),
//!   when it was made, and the SHA-256 and length of `records.json`.
//! - `records.json`: `records` (see `record::Record`) and `tombstones`.
//!
//! Nothing is ever unpacked to disk: both files are read into memory with
//! limits, so a zip bomb or a name like `../x` cannot reach the file system,
//! and a zip with any other entry is refused. The format is described for
//! other programs in `docs/exchange-package.md`.

use super::installation::Installation;
use super::record::{Kind, Record, Tombstone};
use crate::{Error, ErrorCode, Result};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::io::{Cursor, Read, Write};
use ts_rs::TS;

pub const FORMAT: &str = "samlar-paket";
/// The format version this Samlär writes and the newest it reads. 2 brought
/// the kinds `venue` and `group`, which a reader of 1 cannot place: it asks
/// its user to update instead of calling the package damaged. 3 brought the
/// kind `indicator`.
pub const FORMAT_VERSION: u32 = 3;
/// The largest package file opened, in bytes.
pub const MAX_PACKAGE_BYTES: u64 = crate::kernel::limits::PACKAGE_MAX_BYTES;
/// The largest `records.json` unpacked, in bytes: a zip bomb stops here.
pub const MAX_RECORDS_BYTES: u64 = 200 * 1024 * 1024;
const MAX_MANIFEST_BYTES: u64 = 64 * 1024;
const MANIFEST: &str = "manifest.json";
const RECORDS: &str = "records.json";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Sender {
    pub installation_id: String,
    pub name: String,
}

impl From<Installation> for Sender {
    fn from(i: Installation) -> Self {
        Sender { installation_id: i.id, name: i.name }
    }
}

/// What the package is about, as the receiver sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PackageScope {
    /// `pairing` or `partnership`.
    pub kind: Kind,
    pub uuid: String,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Manifest {
    pub format: String,
    pub format_version: u32,
    pub sender: Sender,
    pub scope: PackageScope,
    pub created_at: String,
    pub records_sha256: String,
    pub records_bytes: u64,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Contents {
    pub records: Vec<Record>,
    pub tombstones: Vec<Tombstone>,
}

/// A package read and checked.
#[derive(Debug, Clone, PartialEq)]
pub struct Package {
    pub manifest: Manifest,
    pub contents: Contents,
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Writes a package's bytes.
pub fn write(
    sender: Sender,
    scope: PackageScope,
    created_at: String,
    contents: &Contents,
) -> Result<Vec<u8>> {
    let records = serde_json::to_vec(contents).map_err(internal)?;
    let manifest = Manifest {
        format: FORMAT.to_owned(),
        format_version: FORMAT_VERSION,
        sender,
        scope,
        created_at,
        records_sha256: hex(&Sha256::digest(&records)),
        records_bytes: records.len() as u64,
    };
    let manifest = serde_json::to_vec_pretty(&manifest).map_err(internal)?;
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in [(MANIFEST, &manifest), (RECORDS, &records)] {
        zip.start_file(name, options).map_err(internal)?;
        zip.write_all(bytes).map_err(internal)?;
    }
    Ok(zip.finish().map_err(internal)?.into_inner())
}

fn internal(err: impl std::fmt::Display) -> Error {
    Error::new(ErrorCode::Storage, err.to_string())
}

fn not_a_package(why: impl std::fmt::Display) -> Error {
    Error::at(ErrorCode::NotAPackage, "file", format!("not a Samlär package: {why}"))
}

fn damaged(why: impl std::fmt::Display) -> Error {
    Error::at(ErrorCode::DamagedPackage, "file", format!("a damaged package: {why}"))
}

/// Reads one entry whole, refusing more than `limit` bytes: unpacking
/// stops there, however much the entry would unpack to.
fn entry(archive: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str, limit: u64) -> Result<Vec<u8>> {
    let file = archive.by_name(name).map_err(|_| not_a_package(format!("no {name}")))?;
    let mut bytes = Vec::new();
    file.take(limit + 1).read_to_end(&mut bytes).map_err(damaged)?;
    if bytes.len() as u64 > limit {
        return Err(damaged(format!("{name} is larger than its manifest says")));
    }
    Ok(bytes)
}

/// Reads and checks a package: its size, its entries, its format version,
/// its checksum and its JSON. Nothing is written anywhere.
pub fn read(bytes: &[u8]) -> Result<Package> {
    if bytes.len() as u64 > MAX_PACKAGE_BYTES {
        return Err(Error::at(ErrorCode::FileTooLarge, "file", "the package is too large"));
    }
    if !bytes.starts_with(b"PK") {
        return Err(not_a_package("not a zip file"));
    }
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(damaged)?;
    let names: Vec<String> = archive
        .file_names()
        .map(|n| n.map(|n| n.into_owned()))
        .collect::<std::result::Result<_, _>>()
        .map_err(damaged)?;
    if let Some(other) = names.iter().find(|n| *n != MANIFEST && *n != RECORDS) {
        return Err(not_a_package(format!("an unexpected entry {other:?}")));
    }
    let manifest = entry(&mut archive, MANIFEST, MAX_MANIFEST_BYTES)?;
    // The format and its version first, so that a newer package is told
    // apart from a damaged one even when the rest of its manifest differs.
    let head: serde_json::Value = serde_json::from_slice(&manifest).map_err(not_a_package)?;
    if head.get("format").and_then(|f| f.as_str()) != Some(FORMAT) {
        return Err(not_a_package("another format"));
    }
    let version = head.get("formatVersion").and_then(|v| v.as_u64()).unwrap_or(0);
    if version > u64::from(FORMAT_VERSION) {
        let message = format!("format version {version}, newer than {FORMAT_VERSION}");
        return Err(Error::at(ErrorCode::NewerPackage, "file", message));
    }
    let manifest: Manifest = serde_json::from_value(head).map_err(damaged)?;
    if manifest.records_bytes > MAX_RECORDS_BYTES {
        return Err(Error::at(ErrorCode::FileTooLarge, "file", "records.json is too large"));
    }
    let records = entry(&mut archive, RECORDS, manifest.records_bytes)?;
    if records.len() as u64 != manifest.records_bytes
        || hex(&Sha256::digest(&records)) != manifest.records_sha256
    {
        return Err(damaged("the checksum does not match"));
    }
    let contents: Contents = serde_json::from_slice(&records).map_err(damaged)?;
    Ok(Package { manifest, contents })
}

/// The input of `make_package`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MakePackage {
    pub scope: super::scope::Scope,
    /// Include people's accessibility needs (left out unless chosen).
    #[serde(default)]
    pub include_sensitive: bool,
}

/// A package made, and what it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Made {
    pub bytes: Vec<u8>,
    pub scope: PackageScope,
    pub records: usize,
}

impl crate::Workspace {
    /// Makes a package of `input.scope` from the records here.
    pub async fn make_package(&self, input: MakePackage) -> Result<Made> {
        use super::scope::Scope;
        let mut conn = self.pool().acquire().await?;
        let sender = super::installation::load(&mut *conn).await?;
        let records = super::scope::records(
            &mut conn,
            input.scope,
            self.clock().today(),
            input.include_sensitive,
        )
        .await?;
        let (kind, id) = match input.scope {
            Scope::Pairing { id } => (Kind::Pairing, id.0),
            Scope::Partnership { id } => (Kind::Partnership, id.0),
        };
        let whole = super::record::read(&mut conn, kind, id).await?;
        let scope = PackageScope { kind, uuid: whole.uuid, label: whole.label };
        let tombstones = super::record::tombstones(&mut conn).await?;
        let contents = Contents { records, tombstones };
        let bytes = write(sender.into(), scope.clone(), self.clock().timestamp(), &contents)?;
        Ok(Made { bytes, scope, records: contents.records.len() })
    }
}
