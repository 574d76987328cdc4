//! Tauri commands: each takes the state, calls the core once, maps the error.
//! Names are prefixed by domain because Tauri's command names are global.

pub mod articles;
pub mod claims;
pub mod exchange;
pub mod matching;
pub mod settings;
