//! The evidence vault: a web page fetched within limits and kept as a WACZ.
//!
//! - [`fetch`]: one page over http(s), following at most ten redirects by
//!   hand (each to http or https only, never from a public address to a
//!   private or loopback one), within a size limit and a total timeout. It
//!   never panics or hangs on a bad server: every failure is a [`Failure`]
//!   with a kind a checker can read (DNS, timeout, TLS, HTTP 404, too large…).
//! - [`wacz`]: the page packed as a WACZ 1.2.0 file (a WARC response record,
//!   its CDXJ index, `pages/pages.jsonl`, `datapackage.json` with every file's
//!   SHA-256, and `datapackage-digest.json`), and read back with every hash
//!   checked.
//! - [`Vault`]: a content-addressed folder of WACZ files, written whole or
//!   not at all.
//!
//! No database: the core's store records what was captured.

mod fetch;
mod vault;
pub mod wacz;

pub use fetch::{Failure, FailureKind, Fetched, Limits, fetch, is_private, reason_phrase};
pub use url::Url;
pub use vault::{Vault, sha256_hex};
