//! factdesk's core: the model, the claim extractor, the SQLite store, import
//! and export. It knows nothing of any user interface.
//!
//! **Architecture Invariant:** this crate never depends on Tauri or on any
//! other UI crate; the CLI and the desktop shell are thin callers of it.

pub mod bundle;
pub mod embed;
pub mod encoder;
mod error;
pub mod export;
pub mod extract;
pub mod files;
pub mod import;
pub mod matching;
pub mod model;
pub mod report;
pub mod scale;
pub mod store;
pub mod text;
pub mod views;
pub mod wordpiece;

pub use error::{Error, ErrorKind, Result, quoted};
pub use extract::{Extraction, extract};
pub use store::Store;

/// The sample article that ships with factdesk, exactly as it was scraped.
pub const SAMPLE_ARTICLE: &str = include_str!("../samples/kremlin-summit.txt");

/// How many claims extraction finds in [`SAMPLE_ARTICLE`]: the sixteen a
/// checker expects (`shared/samples/kremlin-summit.expected.md`), three of
/// them quotes split in two. The one number every test that counts the
/// sample's claims compares with.
pub const SAMPLE_CLAIMS: usize = 19;

/// The default database: `factdesk.db` in the platform's data directory
/// (`~/.local/share/factdesk` on Linux). Computes a path; touches nothing.
pub fn default_db_path() -> Option<std::path::PathBuf> {
    directories::ProjectDirs::from("", "", "factdesk").map(|d| d.data_dir().join("factdesk.db"))
}
