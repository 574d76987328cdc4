//! `factdesk` commands: team sync.

use std::path::PathBuf;

use factdesk_core::store::{SERVER_TOKEN, SERVER_URL};

use super::*;
use crate::args::*;

/// Where the server and token come from: the flag or environment, else the
/// desk's settings.
fn setting_or(store: &Store, given: Option<String>, key: &str) -> Result<Option<String>> {
    match given
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
    {
        Some(v) => Ok(Some(v)),
        None => store.setting(key),
    }
}

pub(crate) fn sync(
    db: &Option<PathBuf>,
    args: SyncArgs,
) -> std::result::Result<(), crate::CliError> {
    let SyncArgs {
        server,
        token,
        status,
        json,
    } = args;
    let mut store = open(db)?;
    if status {
        let s = store.sync_status()?;
        if json {
            return Ok(json_out(&s)?);
        }
        println!("team server: {}", s.server.as_deref().unwrap_or("(none)"));
        println!(
            "signed in as: {}",
            match (&s.user, &s.role) {
                (Some(u), Some(r)) => format!("{u} ({r})"),
                _ => "(not yet synced)".into(),
            }
        );
        println!(
            "last sync: {}",
            s.last_synced_at.as_deref().unwrap_or("never")
        );
        if let Some(e) = &s.last_error {
            println!("last attempt failed: {e}");
        }
        println!("changes waiting: {}", s.waiting);
        return Ok(());
    }
    let Some(server) = setting_or(&store, server, SERVER_URL)? else {
        return Err(factdesk_core::Error::invalid(
            "no team server: `factdesk config server URL` (or FACTDESK_SERVER) says which one",
        )
        .into());
    };
    let token = setting_or(&store, token, SERVER_TOKEN)?.unwrap_or_default();
    let report = factdesk_sync::sync(&mut store, &server, &token)?;
    if json {
        return Ok(json_out(&report)?);
    }
    let a = &report.pulled.added;
    println!(
        "synced with {} as {} ({})",
        report.server, report.user, report.role
    );
    println!(
        "pulled: {} claims, {} verdicts, {} evidence links, {} reviews, {} assignments new here; {} claims took a later edit",
        a.claims, a.verdicts, a.evidence, a.reviews, a.assignments, report.pulled.updated_claims
    );
    if !report.pulled.conflicts.is_empty() {
        println!(
            "disagreeing verdicts on {} claims: see `factdesk claims --needs-reconciliation`",
            report.pulled.conflicts.len()
        );
    }
    println!(
        "pushed: {} new to the team, {} later edits, {} already there",
        report.pushed_added, report.pushed_updated, report.pushed_unchanged
    );
    Ok(())
}
