//! `factdesk`: the command line over factdesk-core. Parsing and printing only;
//! every decision is the core's.

use std::process::ExitCode;

use clap::Parser;
use factdesk_core::ErrorKind;

use crate::args::Cli;

mod args;
mod commands;
mod print;

/// What a command can fail with: the core's errors, and team sync's.
#[derive(Debug, thiserror::Error)]
pub(crate) enum CliError {
    #[error(transparent)]
    Core(#[from] factdesk_core::Error),
    #[error(transparent)]
    Sync(#[from] factdesk_sync::Error),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match commands::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(CliError::Sync(e)) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
        Err(CliError::Core(e)) => {
            eprintln!("error: {e}");
            // How to say who you are is the CLI's to tell.
            if e.kind() == ErrorKind::NoChecker {
                eprintln!(
                    "hint: give --checker NAME, set FACTDESK_CHECKER, or run `factdesk config checker NAME`"
                );
            }
            ExitCode::FAILURE
        }
    }
}
