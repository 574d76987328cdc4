//! Tauri commands: each takes the state, calls the core once, maps the error.
//! Names are prefixed by domain because Tauri's command names are global.

pub mod articles;
pub mod claims;
pub mod exchange;
pub mod matching;
pub mod settings;
pub mod team;
pub mod vault;

use tauri::{AppHandle, Runtime};
use tauri_plugin_dialog::DialogExt;

use crate::error::{CmdResult, CommandError, ShellErrorKind};
use crate::state::AppState;

/// Asks for files with the system dialog: their paths, or none when cancelled.
pub(crate) fn pick_files<R: Runtime>(
    app: &AppHandle<R>,
    title: &str,
    kind: &str,
    extensions: &[&str],
) -> CmdResult<Vec<std::path::PathBuf>> {
    let Some(files) = app
        .dialog()
        .file()
        .set_title(title)
        .add_filter(kind, extensions)
        .blocking_pick_files()
    else {
        return Ok(Vec::new());
    };
    files
        .into_iter()
        .map(|f| {
            f.into_path()
                .map_err(|e| CommandError::new(ShellErrorKind::Dialog, e.to_string()))
        })
        .collect()
}

/// Asks where to save a file with the system dialog: its path, or `None` when cancelled.
/// The save dialog opens in the folder of the last export, else the
/// documents folder, and remembers where this one went.
pub(crate) fn pick_save<R: Runtime>(
    app: &AppHandle<R>,
    state: &AppState,
    title: &str,
    name: &str,
    extension: &str,
) -> CmdResult<Option<std::path::PathBuf>> {
    use tauri::Manager;
    let last = state.export_dir.lock().ok().and_then(|d| d.clone());
    let mut dialog = app.dialog().file();
    if let Some(dir) = last.or_else(|| app.path().document_dir().ok()) {
        dialog = dialog.set_directory(dir);
    }
    let picked = dialog
        .set_title(title)
        .set_file_name(name)
        .add_filter(extension.to_uppercase(), &[extension])
        .blocking_save_file();
    let path = picked
        .map(|p| {
            p.into_path()
                .map_err(|e| CommandError::new(ShellErrorKind::Dialog, e.to_string()))
        })
        .transpose()?;
    if let (Some(dir), Ok(mut last)) = (
        path.as_ref().and_then(|p| p.parent()),
        state.export_dir.lock(),
    ) {
        *last = Some(dir.to_path_buf());
    }
    Ok(path)
}

/// Runs core work on a worker thread, off the thread that serves the window.
pub(crate) async fn background<T: Send + 'static>(
    f: impl FnOnce() -> factdesk_core::Result<T> + Send + 'static,
) -> CmdResult<T> {
    tauri::async_runtime::spawn_blocking(f)
        .await
        .map_err(|e| CommandError::new(factdesk_core::ErrorKind::Io, e.to_string()))?
        .map_err(Into::into)
}
