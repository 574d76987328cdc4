//! factdesk's team server: the team's ordered log of every desk's changes,
//! in PostgreSQL, behind an HTTP+JSON API (`factdesk_sync` has the wire).
//!
//! The server keeps one row per record the team has (a claim, a verdict, an
//! evidence link, ...), as a bundle writes it, and a log of pushes. A push is
//! a bundle: it is checked as a bundle merge checks one, each record is
//! matched to what the server has by the merge rules (records are kept by
//! id; a claim or evidence link takes a later edit; an entity gains
//! aliases; everything else is written once and never changed), and what
//! is new goes into the log as one entry, in one transaction, before the
//! push is acknowledged. A pull hands a desk the records of the entries it
//! has not read, with the records they hang on, as a bundle its merge reads.
//!
//! **Architecture Invariant:** the server holds no state between requests
//! but PostgreSQL's; instances behind a load balancer share one database.
//!
//! **Architecture Invariant:** every record new to the server carries the
//! person whose token pushed it (verdicts, evidence, reviews, the audit
//! trail), whatever the desk wrote.

pub mod auth;
mod canon;
pub mod db;
mod error;
pub mod http;
pub mod log;

pub use error::{Error, Result};

/// SHA-256 of a text, as lower-case hex: tokens are stored this way, and
/// records are compared by it.
pub(crate) fn sha256_hex(s: &str) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(s.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}
