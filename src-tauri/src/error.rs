//! The wire error: `{kind, message}`. The UI branches on `kind`, never on the message.

use serde::Serialize;

#[derive(Debug, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct CommandError {
    /// A stable name: badFile, badText, notFound, ambiguousId, invalid, database, io, export, dialog.
    pub kind: String,
    /// A sentence for the checker.
    pub message: String,
}

impl From<factdesk_core::Error> for CommandError {
    fn from(e: factdesk_core::Error) -> Self {
        CommandError {
            kind: e.kind().to_string(),
            message: e.to_string(),
        }
    }
}

impl CommandError {
    pub(crate) fn new(kind: &str, message: impl Into<String>) -> Self {
        CommandError {
            kind: kind.into(),
            message: message.into(),
        }
    }
}

pub type CmdResult<T> = Result<T, CommandError>;
