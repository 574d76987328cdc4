//! Team sync between a desk and the team server.
//!
//! The wire is HTTP and JSON, version 1 under `/v1/`:
//!
//! ```text
//! GET  /v1/me                      -> Me                 who the token is
//! POST /v1/push   PushRequest      -> PushReply          the desk's changes
//! GET  /v1/pull?after=N&limit=M    -> PullReply          the team's log after N
//! GET  /v1/health                  -> "ok"               for load balancers
//! ```
//!
//! Every request but health carries `Authorization: Bearer TOKEN`; every
//! error is `{"kind": .., "message": ..}` with a [`WireErrorKind`].
//! The server's log is a sequence of pushes; a desk's cursor is the last
//! push it has merged. A push names the cursor it was built on (`base`):
//! when other desks pushed since, the server refuses it as `stale` and the
//! desk pulls first, so every push is built on everything before it.

use serde::{Deserialize, Serialize};

#[cfg(feature = "client")]
mod client;
#[cfg(feature = "client")]
pub use client::{Error, SyncReport, sync, sync_desk, whoami};

/// The roles the server knows, from least to most.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Adds claims, verdicts and evidence, and submits verdicts.
    Checker,
    /// Also approves and returns verdicts.
    Editor,
    /// Also manages people.
    Admin,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Checker => "checker",
            Role::Editor => "editor",
            Role::Admin => "admin",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        match s.trim().to_ascii_lowercase().as_str() {
            "checker" => Some(Role::Checker),
            "editor" => Some(Role::Editor),
            "admin" => Some(Role::Admin),
            _ => None,
        }
    }

    /// Editors and admins sign off verdicts.
    pub fn may_review(self) -> bool {
        self != Role::Checker
    }
}

/// Who a token belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Me {
    pub name: String,
    pub role: Role,
    /// The head of the team's log.
    pub head: i64,
}

/// A desk's changes: a factdesk bundle built on the log up to `base`.
#[derive(Debug, Serialize, Deserialize)]
pub struct PushRequest {
    /// The desk's own id (stable for a database file), for the log.
    pub desk: String,
    pub base: i64,
    pub bundle: Box<serde_json::value::RawValue>,
}

/// What the server did with a push, after its transaction committed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PushReply {
    /// The push's place in the log; 0 when it brought nothing new.
    pub seq: i64,
    /// The head of the log after it.
    pub head: i64,
    /// Rows the server did not have, rows that took a later edit, and rows
    /// it already had.
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
}

/// A page of the team's log: the rows of pushes `after + 1 ..= upto`, with
/// the rows they hang on, as a factdesk bundle.
#[derive(Debug, Serialize, Deserialize)]
pub struct PullReply {
    pub head: i64,
    pub upto: i64,
    pub bundle: Option<Box<serde_json::value::RawValue>>,
}

/// What went wrong, for the desk to branch on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum WireErrorKind {
    /// No token, or one the server does not know or has revoked.
    Unauthorized,
    /// The person's role does not allow what the push does.
    Forbidden,
    /// Other desks pushed since the push's base: pull first.
    Stale,
    /// The push is over the server's size limit.
    TooLarge,
    /// The push is not a valid bundle, or the request is malformed.
    BadRequest,
    /// The server cannot reach its database, or failed otherwise.
    Unavailable,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WireError {
    pub kind: WireErrorKind,
    pub message: String,
}

/// The most rows a pull page carries unless the desk asks for fewer (a push
/// larger than this comes whole, in one page).
pub const PULL_ROWS: usize = 20_000;
