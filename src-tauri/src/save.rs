//! Saving a file the core made. In the app the native save dialog is opened
//! from Rust, so the window never names a path and needs no file-system
//! permission, and the saved file can be opened in the computer's viewer.
//! Unattended use (`--export-dir`) and tests save into a folder instead.

use samlar::documents::export::{ExportFile, SavedFile};
use samlar::{Error, ErrorCode};
use std::future::Future;
use std::path::PathBuf;
use std::pin::Pin;
use tauri::{AppHandle, Runtime};
use tauri_plugin_dialog::DialogExt;
use tauri_plugin_opener::OpenerExt;

type Saving = Pin<Box<dyn Future<Output = Result<SavedFile, Error>> + Send>>;
type Opening = Box<dyn Fn(&SavedFile) -> Result<(), Error> + Send + Sync>;

/// How this app saves files, and opens them when asked; kept as managed state.
pub struct FileSaver {
    save: Box<dyn Fn(ExportFile) -> Saving + Send + Sync>,
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
        let save = Box::new(move |file: ExportFile| -> Saving {
            let app = app.clone();
            Box::pin(async move {
                let extension = file.file_name.rsplit('.').next().unwrap_or_default().to_owned();
                let (tx, rx) = tokio::sync::oneshot::channel();
                app.dialog()
                    .file()
                    .set_file_name(&file.file_name)
                    .add_filter(extension.to_uppercase(), &[extension.as_str()])
                    .save_file(move |path| {
                        let _ = tx.send(path);
                    });
                let path = rx.await.ok().flatten().and_then(|p| p.into_path().ok());
                write(path, &file.bytes)
            })
        });
        FileSaver { save, open: Some(open) }
    }

    /// Saves under the suggested name in `dir`, without asking. Unattended:
    /// nothing is opened.
    pub fn into_folder(dir: PathBuf) -> FileSaver {
        let save = Box::new(move |file: ExportFile| -> Saving {
            let path = dir.join(&file.file_name);
            Box::pin(async move { write(Some(path), &file.bytes) })
        });
        FileSaver { save, open: None }
    }

    pub async fn save(&self, file: ExportFile) -> Result<SavedFile, Error> {
        (self.save)(file).await
    }

    /// Opens a saved file in the computer's viewer for its type.
    pub fn open(&self, saved: &SavedFile) -> Result<(), Error> {
        self.open.as_ref().map_or(Ok(()), |open| open(saved))
    }
}

fn write(path: Option<PathBuf>, bytes: &[u8]) -> Result<SavedFile, Error> {
    let path = path.ok_or_else(|| Error::new(ErrorCode::Cancelled, "no file chosen"))?;
    std::fs::write(&path, bytes)?;
    Ok(SavedFile { path: path.display().to_string() })
}
