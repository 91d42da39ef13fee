//! Saving a file the core made, or a copy of a file (a backup of the
//! database). In the app the native save dialog is opened from Rust, so the
//! window never names a path and needs no file-system permission, and the
//! saved file can be opened in the computer's viewer. Unattended use
//! (`--export-dir`) and tests save into a folder instead, under the suggested
//! name or, when a file has it, `name (2).pdf`, `name (3).pdf`, … Either way
//! the file is written whole (`samlar::store::files`): to a temporary file
//! in the same folder, flushed, then renamed, so that a crash leaves the old
//! file or the new one, never half of one.

use samlar::documents::export::{ExportFile, SavedFile};
use samlar::store::files::{copy_whole, fit_name, free_name, write_whole};
use samlar::{Error, ErrorCode};
use std::future::Future;
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use tauri::{AppHandle, Runtime};
use tauri_plugin_dialog::DialogExt;
use tauri_plugin_opener::OpenerExt;

/// The path the user chose for a suggested name; `None` when they cancelled.
type Choosing = Pin<Box<dyn Future<Output = Option<PathBuf>> + Send>>;
type Opening = Box<dyn Fn(&SavedFile) -> Result<(), Error> + Send + Sync>;
/// Writes the file at the path it is given.
type Writing = Box<dyn FnOnce(&Path) -> Result<(), Error> + Send>;

/// Where files go.
enum Place {
    /// Wherever the user says, in the save dialog.
    Ask(Box<dyn Fn(&str) -> Choosing + Send + Sync>),
    /// Into a folder, under a name no file there has. The lock makes finding
    /// a free name and writing it one step, so two saves never take one name.
    Folder { dir: PathBuf, taking: Arc<Mutex<()>> },
}

/// How this app saves files, and opens them when asked; kept as managed state.
pub struct FileSaver {
    place: Place,
    open: Option<Opening>,
}

impl FileSaver {
    /// Asks the user where to save, with the file's suggested name.
    pub fn dialog<R: Runtime>(app: AppHandle<R>) -> FileSaver {
        let opener = app.clone();
        let open: Opening = Box::new(move |saved| {
            opener
                .opener()
                .open_path(&saved.path, None::<&str>)
                .map_err(|e| Error::new(ErrorCode::OpenFailed, e.to_string()))
        });
        let choose = Box::new(move |suggested: &str| -> Choosing {
            let app = app.clone();
            let name = fit_name(suggested);
            Box::pin(async move {
                let extension =
                    name.rsplit_once('.').map(|(_, e)| e.to_owned()).unwrap_or_default();
                let (tx, rx) = tokio::sync::oneshot::channel();
                let mut dialog = app.dialog().file().set_file_name(&name);
                if !extension.is_empty() {
                    dialog = dialog.add_filter(extension.to_uppercase(), &[extension.as_str()]);
                }
                dialog.save_file(move |path| {
                    let _ = tx.send(path);
                });
                rx.await.ok().flatten().and_then(|p| p.into_path().ok())
            })
        });
        FileSaver { place: Place::Ask(choose), open: Some(open) }
    }

    /// Saves under the suggested name in `dir`, without asking, numbered when
    /// the name is taken. Unattended: nothing is opened.
    pub fn into_folder(dir: PathBuf) -> FileSaver {
        FileSaver { place: Place::Folder { dir, taking: Arc::default() }, open: None }
    }

    /// Saves a file the core made.
    pub async fn save(&self, file: ExportFile) -> Result<SavedFile, Error> {
        let ExportFile { file_name, bytes } = file;
        self.save_as(&file_name, Box::new(move |path| write_whole(path, &bytes))).await
    }

    /// Saves a copy of the file at `source` (e.g. a backup of the database),
    /// suggesting `suggested_name`.
    pub async fn save_copy(&self, suggested_name: &str, source: &Path) -> Result<SavedFile, Error> {
        let source = source.to_owned();
        self.save_as(suggested_name, Box::new(move |path| copy_whole(&source, path))).await
    }

    /// Opens a saved file in the computer's viewer for its type.
    pub fn open(&self, saved: &SavedFile) -> Result<(), Error> {
        self.open.as_ref().map_or(Ok(()), |open| open(saved))
    }

    /// Finds the path for `suggested` and writes there, off the async workers
    /// (a copy of a large database takes a while).
    async fn save_as(&self, suggested: &str, write: Writing) -> Result<SavedFile, Error> {
        let writing = match &self.place {
            Place::Ask(choose) => {
                let path = choose(suggested)
                    .await
                    .ok_or_else(|| Error::new(ErrorCode::Cancelled, "no file chosen"))?;
                tokio::task::spawn_blocking(move || write(&path).map(|()| path))
            }
            Place::Folder { dir, taking } => {
                let (dir, taking, suggested) = (dir.clone(), taking.clone(), suggested.to_owned());
                tokio::task::spawn_blocking(move || {
                    let _taking = taking.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
                    let path = free_name(&dir, &suggested);
                    write(&path).map(|()| path)
                })
            }
        };
        let path = writing.await.map_err(|e| Error::new(ErrorCode::Storage, e.to_string()))??;
        Ok(SavedFile { path: path.display().to_string() })
    }
}

#[cfg(test)]
mod tests {
    use super::FileSaver;
    use samlar::documents::export::ExportFile;

    #[tokio::test]
    async fn saves_into_a_folder_beside_files_of_the_same_name() {
        let dir = tempfile::tempdir().unwrap();
        let saver = FileSaver::into_folder(dir.path().to_owned());
        let file =
            |bytes: &[u8]| ExportFile { file_name: "Rapport.pdf".into(), bytes: bytes.into() };
        let first = saver.save(file(b"first")).await.unwrap();
        let second = saver.save(file(b"second")).await.unwrap();
        assert_eq!(first.path, dir.path().join("Rapport.pdf").display().to_string());
        assert_eq!(second.path, dir.path().join("Rapport (2).pdf").display().to_string());
        assert_eq!(std::fs::read(&first.path).unwrap(), b"first");
        assert_eq!(std::fs::read(&second.path).unwrap(), b"second");
    }

    #[tokio::test]
    async fn saves_a_copy_of_a_file_and_numbers_the_next() {
        let dir = tempfile::tempdir().unwrap();
        let source = dir.path().join("samlar.sqlite3");
        std::fs::write(&source, b"SQLite format 3\0").unwrap();
        let out = tempfile::tempdir().unwrap();
        let saver = FileSaver::into_folder(out.path().to_owned());
        let name = "Samlär 2027-05-11.sqlite3";
        let first = saver.save_copy(name, &source).await.unwrap();
        let second = saver.save_copy(name, &source).await.unwrap();
        assert_eq!(first.path, out.path().join(name).display().to_string());
        assert_eq!(
            second.path,
            out.path().join("Samlär 2027-05-11 (2).sqlite3").display().to_string()
        );
        assert_eq!(std::fs::read(&second.path).unwrap(), b"SQLite format 3\0");
        // A source that is not there: an error, and nothing saved.
        let err = saver.save_copy(name, &dir.path().join("gone")).await.unwrap_err();
        assert_eq!(err.code, samlar::ErrorCode::Storage);
        assert_eq!(std::fs::read_dir(out.path()).unwrap().count(), 2);
    }
}
