//! `factdesk evidence` commands of the evidence vault: captures, archived
//! copies, link-rot checks.

use factdesk_core::model::{Capture, CaptureStatus, LinkVerdict};
use factdesk_core::store::{CheckPace, LinkTarget};
use factdesk_core::{Result, Store};

use super::*;
use crate::args::VaultCommand;

/// One line for a capture: what was archived, or why it was not.
pub(crate) fn print_capture(c: &Capture) {
    match c.status {
        CaptureStatus::Archived => println!(
            "archived {} · sha256 {} · {} bytes{}",
            c.captured_at,
            c.wacz_sha256.as_deref().unwrap_or_default(),
            c.bytes.unwrap_or_default(),
            c.final_url
                .as_deref()
                .filter(|u| *u != c.requested_url)
                .map(|u| format!(" · now at {u}"))
                .unwrap_or_default()
        ),
        CaptureStatus::Failed => println!(
            "not archived: {} ({})",
            c.reason.as_deref().unwrap_or("no reason recorded"),
            c.failure.as_deref().unwrap_or("failed")
        ),
    }
}

/// The vault's verbs of `factdesk evidence`.
pub(crate) fn evidence(store: &mut Store, command: VaultCommand) -> Result<()> {
    match command {
        VaultCommand::Capture {
            evidence_id,
            limits,
            checker: c,
        } => {
            let who = checker(store, &c)?;
            let limits = limits.limits(store)?;
            print_capture(&store.capture_evidence(&evidence_id, &limits, &who)?);
        }
        VaultCommand::Show { evidence_id, json } => {
            let captures = store.captures(&evidence_id)?;
            if json {
                return json_out(&captures);
            }
            if captures.is_empty() {
                println!("not archived yet: `factdesk evidence capture {evidence_id}` archives it");
            }
            for c in &captures {
                print!("{}  ", c.id);
                print_capture(c);
            }
        }
        VaultCommand::Read { id } => {
            let copy = store.archived_copy(&id)?;
            println!(
                "{} — archived {} from {}",
                copy.title.as_deref().unwrap_or("(no title)"),
                copy.capture.captured_at,
                copy.capture
                    .final_url
                    .as_deref()
                    .unwrap_or(&copy.capture.requested_url)
            );
            println!();
            println!("{}", copy.text.or(copy.note).unwrap_or_default());
        }
        VaultCommand::Export { id, out } => {
            let c = store.export_capture(&id, &out)?;
            println!(
                "wrote {} (the capture of {} on {})",
                out.display(),
                c.requested_url,
                c.captured_at
            );
        }
        VaultCommand::Check {
            claim_id,
            all,
            concurrency,
            limits,
            json,
            checker: c,
        } => {
            let who = checker(store, &c)?;
            let target = match (&claim_id, all) {
                (Some(id), false) => LinkTarget::Claim(id),
                _ => LinkTarget::All,
            };
            let pace = CheckPace {
                concurrency: concurrency.clamp(1, 64),
                ..CheckPace::default()
            };
            let limits = limits.limits(store)?;
            let checks = store.check_links(target, &limits, pace, &who)?;
            if json {
                return json_out(&checks);
            }
            for k in &checks {
                println!("{}  {:<7}  {}", k.evidence_id, k.verdict.as_str(), k.reason);
            }
            let bad = checks
                .iter()
                .filter(|k| {
                    matches!(
                        k.verdict,
                        LinkVerdict::Gone | LinkVerdict::Changed | LinkVerdict::Moved
                    )
                })
                .count();
            eprintln!(
                "{} links checked; {bad} gone, changed or moved",
                checks.len()
            );
        }
    }
    Ok(())
}
