//! `factdesk` commands: team sync.

use std::path::PathBuf;

use super::*;
use crate::args::*;

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
    let report = factdesk_sync::sync_desk(&mut store, server.as_deref(), token.as_deref())?;
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
