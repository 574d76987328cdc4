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

/// The kinds of problem a command reports: the core's, and the shell's own
/// (in TypeScript, one union of their names).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(untagged)]
#[ts(export)]
pub enum CommandErrorKind {
    Core(ErrorKind),
    Shell(ShellErrorKind),
}

/// Problems only the desktop shell has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum ShellErrorKind {
    /// A file dialog failed or gave no usable path.
    Dialog,
    /// The team server cannot be reached (the desk works on, offline).
    Offline,
    /// The team server refused the sync (token, role, payload), saying why.
    TeamServer,
}

impl From<ErrorKind> for CommandErrorKind {
    fn from(k: ErrorKind) -> Self {
        CommandErrorKind::Core(k)
    }
}

impl From<ShellErrorKind> for CommandErrorKind {
    fn from(k: ShellErrorKind) -> Self {
        CommandErrorKind::Shell(k)
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
    pub(crate) fn new(kind: impl Into<CommandErrorKind>, message: impl Into<String>) -> Self {
        CommandError {
            kind: kind.into(),
            message: message.into(),
        }
    }
}

pub type CmdResult<T> = Result<T, CommandError>;
