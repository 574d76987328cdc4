//! factdesk's core: the model, the claim extractor, the SQLite store, import
//! and export. It knows nothing of any user interface.
//!
//! **Architecture Invariant:** this crate never depends on Tauri or on any
//! other UI crate; the CLI and the desktop shell are thin callers of it.

mod error;
pub mod export;
pub mod extract;
pub mod import;
pub mod model;
pub mod scale;
pub mod store;
pub mod text;

pub use error::{Error, Result};
pub use extract::{Extraction, extract};
pub use store::Store;
