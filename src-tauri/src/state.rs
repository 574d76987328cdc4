//! The app's state: the open store and where it lives.

use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard};

use factdesk_core::Store;

use crate::error::{CmdResult, CommandError};
use factdesk_core::ErrorKind;

pub struct AppState {
    pub(crate) store: Mutex<Store>,
    pub(crate) db_path: PathBuf,
    /// The folder the last export went to, where the next save dialog opens.
    pub(crate) export_dir: Mutex<Option<PathBuf>>,
}

impl AppState {
    /// Opens the database named by FACTDESK_DB, else the platform default.
    pub fn open_default() -> factdesk_core::Result<AppState> {
        let path = match std::env::var_os("FACTDESK_DB") {
            Some(p) if !p.is_empty() => PathBuf::from(p),
            _ => factdesk_core::default_db_path().ok_or_else(|| {
                factdesk_core::Error::Database(
                    "cannot find the data directory for the database; set FACTDESK_DB".into(),
                )
            })?,
        };
        Self::open(path)
    }

    pub fn open(path: PathBuf) -> factdesk_core::Result<AppState> {
        Ok(AppState {
            store: Mutex::new(Store::open(&path)?),
            db_path: path,
            export_dir: Mutex::new(None),
        })
    }

    pub(crate) fn store(&self) -> CmdResult<MutexGuard<'_, Store>> {
        self.store.lock().map_err(|_| {
            CommandError::new(
                ErrorKind::Database,
                "the database is unavailable after an earlier failure; restart factdesk",
            )
        })
    }

    /// What a worker thread needs for core work of its own: where the
    /// database is and who is checking.
    pub(crate) fn worker(&self) -> CmdResult<(PathBuf, String)> {
        let store = self.store()?;
        Ok((self.db_path.clone(), self.checker(&store)?))
    }

    /// The checker's name, which every change carries.
    pub(crate) fn checker(&self, store: &Store) -> CmdResult<String> {
        Ok(store.checker()?)
    }
}
