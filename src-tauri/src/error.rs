//! The wire error: `{kind, message}`. The UI branches on `kind`, never on the message.

use factdesk_core::ErrorKind;
use serde::Serialize;

#[derive(Debug, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct CommandError {
    /// What went wrong, for the UI to branch on (a union in TypeScript).
    pub kind: CommandErrorKind,
    /// A sentence for the checker.
    pub message: String,
}

/// The kinds of problem a command reports: the core's, and the shell's own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum CommandErrorKind {
    BadFile,
    BadText,
    BadBundle,
    NotFound,
    AmbiguousId,
    Invalid,
    /// No checker name is set: the UI asks for it.
    NoChecker,
    Database,
    Io,
    Export,
    /// A file dialog failed or gave no usable path.
    Dialog,
}

impl From<ErrorKind> for CommandErrorKind {
    fn from(k: ErrorKind) -> Self {
        match k {
            ErrorKind::BadFile => Self::BadFile,
            ErrorKind::BadText => Self::BadText,
            ErrorKind::BadBundle => Self::BadBundle,
            ErrorKind::NotFound => Self::NotFound,
            ErrorKind::AmbiguousId => Self::AmbiguousId,
            ErrorKind::Invalid => Self::Invalid,
            ErrorKind::NoChecker => Self::NoChecker,
            ErrorKind::Database => Self::Database,
            ErrorKind::Io => Self::Io,
            ErrorKind::Export => Self::Export,
        }
    }
}

impl From<factdesk_core::Error> for CommandError {
    fn from(e: factdesk_core::Error) -> Self {
        CommandError {
            kind: e.kind().into(),
            message: e.to_string(),
        }
    }
}

impl CommandError {
    pub(crate) fn new(kind: CommandErrorKind, message: impl Into<String>) -> Self {
        CommandError {
            kind,
            message: message.into(),
        }
    }
}

pub type CmdResult<T> = Result<T, CommandError>;
