//! The commands, one module per domain, named as the desktop shell's are.
//! Each takes the database path and its parsed arguments.

mod articles;
mod claims;
mod exchange;
mod matching;
mod settings;
mod team;
mod vault;

use std::path::PathBuf;

use factdesk_core::{Error, Result, Store};

use crate::args::{CheckerArg, Cli, Command};

/// Runs the command the command line names.
pub(crate) fn run(cli: Cli) -> std::result::Result<(), crate::CliError> {
    if let Command::Sync(args) = cli.command {
        return team::sync(&cli.db, args);
    }
    Ok(match cli.command {
        Command::Extract(args) => articles::extract(args),
        Command::Import(args) => articles::import(&cli.db, args),
        Command::Articles(args) => articles::articles(&cli.db, args),
        Command::Article(args) => articles::article(&cli.db, args),
        Command::Claims(args) => claims::claims(&cli.db, args),
        Command::Claim(args) => claims::claim(&cli.db, args),
        Command::Verdict(args) => claims::verdict(&cli.db, args),
        Command::Withdraw(args) => claims::withdraw(&cli.db, args),
        Command::Evidence(args) => claims::evidence(&cli.db, args),
        Command::Export(args) => exchange::export(&cli.db, args),
        Command::Merge(args) => exchange::merge(&cli.db, args),
        Command::Similar(args) => matching::similar(&cli.db, args),
        Command::Match(args) => matching::answer(&cli.db, args),
        Command::Scales(args) => settings::scales(&cli.db, args),
        Command::Config(args) => settings::config(&cli.db, args),
        Command::Sync(_) => unreachable!("run above"),
    }?)
}

pub(crate) fn default_db() -> Result<PathBuf> {
    factdesk_core::default_db_path().ok_or_else(|| {
        Error::Database("cannot find a home directory for the database; use --db PATH".into())
    })
}

pub(crate) fn open(db: &Option<PathBuf>) -> Result<Store> {
    let path = match db {
        Some(p) => p.clone(),
        None => default_db()?,
    };
    Store::open(&path)
}

pub(crate) fn checker(store: &Store, arg: &CheckerArg) -> Result<String> {
    match arg
        .checker
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
    {
        Some(c) => Ok(c.to_string()),
        None => store.checker(),
    }
}

pub(crate) fn json_out(value: &impl serde::Serialize) -> Result<()> {
    let s = serde_json::to_string_pretty(value).map_err(|e| Error::Export(e.to_string()))?;
    println!("{s}");
    Ok(())
}
