//! Files and folders readable by the user only. The database, its backups,
//! the log and exported files hold personal data, so on a shared computer
//! no other account may read them: on Unix each is made mode 0600 (folders
//! 0700) when Samlär creates it, and where a library makes the file (SQLite's
//! `VACUUM INTO`, the log's appender) it is narrowed right after. SQLite
//! gives its `-wal` and `-shm` files the mode of the database file.
//!
//! Windows needs nothing here: the data folder is under the user's profile
//! (`%APPDATA%`), whose access list already admits only that user, and new
//! files inherit it. Files and folders that already exist keep the mode
//! they have: a folder the user chose (`--data-dir`) may be shared on purpose.

use std::fs::OpenOptions;
use std::io;
use std::path::Path;

/// The mode of a file only its owner reads and writes.
#[cfg(unix)]
pub const FILE_MODE: u32 = 0o600;

/// The mode of a folder only its owner opens.
#[cfg(unix)]
pub const DIR_MODE: u32 = 0o700;

/// Creates `dir` and any missing parents, those it makes the user's only.
pub fn create_dir(dir: &Path) -> io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, DIR_MODE);
    builder.create(dir)
}

/// Options that create a new file the user's only (the mode counts only
/// when the file is created).
pub fn new_file_options() -> OpenOptions {
    let mut options = OpenOptions::new();
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, FILE_MODE);
    options
}

/// Creates an empty file at `path` that only the user can read, unless a
/// file is there already (which is left as it is).
pub fn create_empty(path: &Path) -> io::Result<()> {
    match new_file_options().write(true).create_new(true).open(path) {
        Ok(file) => file.sync_all(),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(e),
    }
}

/// Makes a file someone else created (a library) the user's only; an
/// error when there is no such file.
pub fn restrict(path: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(FILE_MODE))
    }
    // Elsewhere only whether it is there.
    #[cfg(not(unix))]
    std::fs::metadata(path).map(drop)
}
