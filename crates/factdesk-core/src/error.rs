//! The one error type of `factdesk-core`.
//!
//! Every variant names the problem in words a checker understands; callers
//! (the CLI, the desktop shell) map variants to their own wire shape by kind.

use std::path::PathBuf;

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// How many characters of user input a message quotes.
const QUOTE_CHARS: usize = 80;

/// User input as a message quotes it: in double quotes, escaped, and cut to
/// about 80 characters with an ellipsis, so a 10,000-character id never comes
/// back whole.
pub fn quoted(s: &str) -> String {
    let mut cut: String = s.chars().take(QUOTE_CHARS).collect();
    if s.chars().nth(QUOTE_CHARS).is_some() {
        cut.push('…');
    }
    format!("{cut:?}")
}

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A file the user named could not be read as an article.
    #[error("{path}: {problem}")]
    BadFile { path: PathBuf, problem: String },
    /// Text that is not an article (empty, binary, undecodable, too large).
    #[error("{0}")]
    BadText(String),
    /// A bundle that cannot be merged: damaged, of another version, or hostile.
    #[error("bad bundle: {0}")]
    BadBundle(String),
    /// No record with this id (or id prefix).
    #[error("no {what} with id {}", quoted(id))]
    NotFound { what: &'static str, id: String },
    /// An id prefix that fits more than one record.
    #[error("id {} is ambiguous: it fits {} {what}s ({}); give more characters", quoted(prefix), candidates.len(), candidates.join(", "))]
    AmbiguousId {
        what: &'static str,
        prefix: String,
        candidates: Vec<String>,
    },
    /// Any other input the user gave that cannot be accepted.
    #[error("{0}")]
    Invalid(String),
    /// A verdict, evidence link or edit that needs the checker's name, with none given.
    #[error(
        "no checker name: every verdict and evidence link records who gave it, so say who you are first"
    )]
    NoChecker,
    /// A verdict given without its reasoning, which the desk's policy requires.
    #[error(
        "a verdict needs a rationale: say what the evidence shows (readers and the IFCN's code ask for the reasoning)"
    )]
    NoRationale,
    /// Something the checker's role does not allow (a checker approving a
    /// verdict on a team desk).
    #[error("{0}")]
    Forbidden(String),
    /// A database file this version cannot use.
    #[error("{0}")]
    Database(String),
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("i/o error: {0}")]
    Io(#[from] std::io::Error),
    #[error("{0}")]
    Export(String),
}

impl Error {
    pub fn invalid(msg: impl Into<String>) -> Self {
        Error::Invalid(msg.into())
    }

    /// What kind of problem this is, for callers that branch on it.
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::BadFile { .. } => ErrorKind::BadFile,
            Error::BadText(_) => ErrorKind::BadText,
            Error::BadBundle(_) => ErrorKind::BadBundle,
            Error::NotFound { .. } => ErrorKind::NotFound,
            Error::AmbiguousId { .. } => ErrorKind::AmbiguousId,
            Error::Invalid(_) => ErrorKind::Invalid,
            Error::NoChecker => ErrorKind::NoChecker,
            Error::NoRationale => ErrorKind::NoRationale,
            Error::Forbidden(_) => ErrorKind::Forbidden,
            Error::Database(_) | Error::Sqlite(_) => ErrorKind::Database,
            Error::Io(_) => ErrorKind::Io,
            Error::Export(_) => ErrorKind::Export,
        }
    }
}

/// The kinds of [`Error`], as wire formats name them (camelCase).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub enum ErrorKind {
    BadFile,
    BadText,
    BadBundle,
    NotFound,
    AmbiguousId,
    Invalid,
    NoChecker,
    NoRationale,
    Forbidden,
    Database,
    Io,
    Export,
}

impl From<rusqlite_migration::Error> for Error {
    fn from(e: rusqlite_migration::Error) -> Self {
        match e {
            rusqlite_migration::Error::MigrationDefinition(
                rusqlite_migration::MigrationDefinitionError::DatabaseTooFarAhead,
            ) => Error::Database(
                "this database was written by a newer version of factdesk; upgrade factdesk to open it"
                    .into(),
            ),
            rusqlite_migration::Error::RusqliteError { err, .. } => Error::Sqlite(err),
            other => Error::Database(format!("cannot migrate the database: {other}")),
        }
    }
}

impl From<csv::Error> for Error {
    fn from(e: csv::Error) -> Self {
        Error::Export(format!("csv: {e}"))
    }
}
