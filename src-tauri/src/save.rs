//! Saving a file the core made. In the app the native save dialog is opened
//! from Rust, so the window never names a path and needs no file-system
//! permission. Tests without a window save into a folder instead.

use samlar::export::{ExportFile, SavedFile};
use samlar::{Error, ErrorCode};
use std::future::Future;
use std::path::PathBuf;
use std::pin::Pin;
use tauri::{AppHandle, Runtime};
use tauri_plugin_dialog::DialogExt;

type Saving = Pin<Box<dyn Future<Output = Result<SavedFile, Error>> + Send>>;

/// How this app saves files; kept as managed state.
pub struct FileSaver(Box<dyn Fn(ExportFile) -> Saving + Send + Sync>);

impl FileSaver {
    /// Asks the user where to save, with the file's suggested name.
    pub fn dialog<R: Runtime>(app: AppHandle<R>) -> FileSaver {
        FileSaver(Box::new(move |file| {
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
        }))
    }

    /// Saves under the suggested name in `dir`, without asking.
    pub fn into_folder(dir: PathBuf) -> FileSaver {
        FileSaver(Box::new(move |file| {
            let path = dir.join(&file.file_name);
            Box::pin(async move { write(Some(path), &file.bytes) })
        }))
    }

    pub async fn save(&self, file: ExportFile) -> Result<SavedFile, Error> {
        (self.0)(file).await
    }
}

fn write(path: Option<PathBuf>, bytes: &[u8]) -> Result<SavedFile, Error> {
    let path = path.ok_or_else(|| Error::new(ErrorCode::Cancelled, "no file chosen"))?;
    std::fs::write(&path, bytes)?;
    Ok(SavedFile { path: path.display().to_string() })
}
