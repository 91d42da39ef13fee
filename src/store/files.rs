//! Files written whole. Every file Samlär saves outside its database (an
//! export, a PDF, a copy of the database) is written to a temporary file in
//! the same folder, flushed to the disk, and renamed over the target, and on
//! Unix the folder is flushed too: a crash or a full disk leaves the old file
//! or the new one, never half of one, and no temporary file is left behind
//! by an error. The file is the user's only (`store::private`), whatever
//! mode a file it replaces had. `free_name` picks a name in a folder that no
//! file has yet (`name (2).pdf`, `name (3).pdf`, …), shortened to what file
//! systems allow.
//! IO errors become the core's error the way `kernel::error` maps them.

use crate::{Error, Result};
use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// The longest name of one folder entry, in UTF-8 bytes: 255 bytes on Linux
/// and macOS, 255 UTF-16 units on Windows (never more than the UTF-8 bytes).
pub const MAX_NAME_BYTES: usize = 255;

/// Writes `bytes` to `path` whole: the old file, if any, stays until the new
/// one is complete on the disk.
pub fn write_whole(path: &Path, bytes: &[u8]) -> Result<()> {
    replace_with(path, |file| file.write_all(bytes)).map_err(|e| failed("writing a file", e))
}

/// Copies the file at `from` to `to` whole, by the same rule as
/// `write_whole`: `to` is the old file or a complete copy, never part of one.
pub fn copy_whole(from: &Path, to: &Path) -> Result<()> {
    let mut source = File::open(from).map_err(|e| failed("opening the file to copy", e))?;
    replace_with(to, |file| io::copy(&mut source, file).map(drop))
        .map_err(|e| failed("copying a file", e))
}

/// A path in `dir` for a new file called `suggested` that no file has yet:
/// `suggested` itself, else `stem (2).ext`, `stem (3).ext`, …, each shortened
/// to `MAX_NAME_BYTES` (see `fit_name`). Path separators in `suggested`
/// become `-`, so the file stays in `dir`.
pub fn free_name(dir: &Path, suggested: &str) -> PathBuf {
    let cleaned: String =
        suggested.chars().map(|c| if matches!(c, '/' | '\\' | '\0') { '-' } else { c }).collect();
    let (stem, extension) = split_name(&cleaned);
    (1u64..)
        .map(|n| {
            let suffix = if n == 1 { String::new() } else { format!(" ({n})") };
            dir.join(fitted(stem, &suffix, extension))
        })
        .find(|path| matches!(fs::symlink_metadata(path), Err(e) if e.kind() == io::ErrorKind::NotFound))
        .expect("a folder cannot hold a file of every number")
}

/// `name` shortened to `MAX_NAME_BYTES`: the stem loses its end (on a
/// character boundary), the extension stays.
pub fn fit_name(name: &str) -> String {
    let (stem, extension) = split_name(name);
    fitted(stem, "", extension)
}

/// `stem` + `suffix` + `extension` (with its dot), the stem cut so that the
/// whole fits. An extension too long to leave room counts as part of the stem.
fn fitted(stem: &str, suffix: &str, extension: &str) -> String {
    let (stem, extension) = if suffix.len() + extension.len() < MAX_NAME_BYTES {
        (stem.to_owned(), extension)
    } else {
        (format!("{stem}{extension}"), "")
    };
    let room = MAX_NAME_BYTES.saturating_sub(suffix.len() + extension.len());
    let mut end = room.min(stem.len());
    while !stem.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}{suffix}{extension}", &stem[..end])
}

/// `("report", ".pdf")` of `report.pdf`; a name without a dot, or whose only
/// dot starts it (`.hidden`), has no extension.
fn split_name(name: &str) -> (&str, &str) {
    match name.rfind('.') {
        Some(dot) if dot > 0 => name.split_at(dot),
        _ => (name, ""),
    }
}

/// Fills a new temporary file next to `path`, flushes it to the disk and
/// renames it to `path`; on any error the temporary file is removed.
fn replace_with(path: &Path, fill: impl FnOnce(&mut File) -> io::Result<()>) -> io::Result<()> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let (temp, mut file) = temp_file(dir)?;
    let written = fill(&mut file).and_then(|()| file.sync_all());
    drop(file);
    let renamed = written.and_then(|()| fs::rename(&temp, path));
    if let Err(e) = renamed {
        let _ = fs::remove_file(&temp);
        return Err(e);
    }
    sync_folder(dir)
}

/// A new, empty file in `dir` that no one else has opened: a hidden name of
/// this process, made with `create_new` so that an existing file is never
/// reused, and readable by the user only.
fn temp_file(dir: &Path) -> io::Result<(PathBuf, File)> {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    loop {
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let temp = dir.join(format!(".samlar-{}-{n}.tmp", std::process::id()));
        match crate::store::private::new_file_options().write(true).create_new(true).open(&temp) {
            Ok(file) => return Ok((temp, file)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
}

/// Makes the rename itself last: on Unix a rename is on the disk once its
/// folder is flushed. File systems that cannot flush a folder say so with
/// `InvalidInput` or `Unsupported`; the file is in place there all the same.
#[cfg(unix)]
fn sync_folder(dir: &Path) -> io::Result<()> {
    match File::open(dir).and_then(|folder| folder.sync_all()) {
        Err(e) if matches!(e.kind(), io::ErrorKind::InvalidInput | io::ErrorKind::Unsupported) => {
            Ok(())
        }
        other => other,
    }
}

/// Windows makes a rename last with the file's own flush.
#[cfg(not(unix))]
fn sync_folder(_dir: &Path) -> io::Result<()> {
    Ok(())
}

/// The core's error for an IO error (its code as `kernel::error` maps it),
/// saying what was being done. Never the path: it may hold a person's name.
fn failed(doing: &str, err: io::Error) -> Error {
    let mut error = Error::from(err);
    error.message = format!("{doing}: {}", error.message);
    error
}
