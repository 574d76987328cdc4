//! `factdesk` commands: claims.

use std::path::PathBuf;

use factdesk_core::Result;
use factdesk_core::store::{NewClaim, NewEvidence};

use super::*;
use crate::args::*;
use crate::print::*;

pub(crate) fn claims(db: &Option<PathBuf>, args: ClaimsArgs) -> Result<()> {
    let ClaimsArgs {
        filter,
        sort,
        limit,
        json,
    } = args;
    let store = open(db)?;
    let mut f = filter.to_filter();
    f.sort = sort;
    f.limit = limit;
    let claims = store.claims(&f)?;
    if json {
        return json_out(&claims.iter().map(claim_json).collect::<Vec<_>>());
    }
    if claims.is_empty() {
        println!("No claims match.");
    }
    for c in &claims {
        print_claim_line(c);
    }
    Ok(())
}

pub(crate) fn claim(db: &Option<PathBuf>, args: ClaimArgs) -> Result<()> {
    let ClaimArgs { command } = args;
    claim_command(db, command)
}

pub(crate) fn verdict(db: &Option<PathBuf>, args: VerdictArgs) -> Result<()> {
    let VerdictArgs {
        review,
        claim_id,
        rating,
        note,
        checker: c,
    } = args;
    let mut store = open(db)?;
    if let Some(step) = review {
        use factdesk_core::model::ReviewState;
        let (claim_id, state, note, c) = match step {
            ReviewCommand::Submit {
                claim_id,
                note,
                checker,
            } => (claim_id, ReviewState::Submitted, note, checker),
            ReviewCommand::Approve {
                claim_id,
                note,
                checker,
            } => (claim_id, ReviewState::Approved, note, checker),
            ReviewCommand::Return {
                claim_id,
                note,
                checker,
            } => (claim_id, ReviewState::Returned, note, checker),
        };
        let who = checker(&store, &c)?;
        let r = store.review_verdict(&claim_id, state, note.as_deref(), &who)?;
        println!("{claim_id}: verdict {} by {} ({})", r.state, r.by, r.at);
        return Ok(());
    }
    let (Some(claim_id), Some(rating)) = (claim_id, rating) else {
        return Err(Error::invalid(
            "give the claim and the rating: factdesk verdict CLAIM RATING --note TEXT",
        ));
    };
    let who = checker(&store, &c)?;
    let v = store.give_verdict(&claim_id, &rating, note.as_deref(), &who)?;
    println!("{}: {} (by {}, {})", v.claim_id, v.rating, v.checker, v.at);
    Ok(())
}

pub(crate) fn withdraw(db: &Option<PathBuf>, args: WithdrawArgs) -> Result<()> {
    let WithdrawArgs {
        claim_id,
        checker: c,
    } = args;
    let mut store = open(db)?;
    let who = checker(&store, &c)?;
    let v = store.withdraw_verdict(&claim_id, &who)?;
    let now = store.claim(&v.claim_id)?.verdict;
    println!(
        "{}: {} withdrawn; {}",
        v.claim_id,
        v.rating,
        now.map_or("no verdict now".to_string(), |n| format!(
            "{} (by {}) counts again",
            n.rating, n.checker
        ))
    );
    Ok(())
}

pub(crate) fn evidence(db: &Option<PathBuf>, args: EvidenceArgs) -> Result<()> {
    let EvidenceArgs { command } = args;
    let mut store = open(db)?;
    match command {
        EvidenceCommand::Add {
            claim_id,
            url,
            title,
            stance,
            note,
            no_capture,
            limits,
            checker: c,
        } => {
            let who = checker(&store, &c)?;
            let limits = limits.limits(&store)?;
            let e = store.add_evidence(
                &NewEvidence {
                    claim_id,
                    url,
                    title,
                    stance,
                    note,
                },
                &who,
            )?;
            println!(
                "evidence {} added to {}: {} ({})",
                e.id, e.claim_id, e.url, e.stance
            );
            if !no_capture {
                let c = store.capture_evidence(&e.id, &limits, &who)?;
                super::vault::print_capture(&c);
            }
        }
        EvidenceCommand::Vault(v) => super::vault::evidence(&mut store, v)?,
        EvidenceCommand::Remove {
            evidence_id,
            checker: c,
        } => {
            let who = checker(&store, &c)?;
            store.remove_evidence(&evidence_id, &who)?;
            println!("evidence removed");
        }
    }
    Ok(())
}

pub(crate) fn claim_command(db: &Option<PathBuf>, command: ClaimCommand) -> Result<()> {
    let mut store = open(db)?;
    match command {
        ClaimCommand::Show { id, json } => {
            let d = store.claim_detail(&id)?;
            if json {
                let relations: Vec<_> = d.related.iter().map(|r| &r.relation).collect();
                let mut v = claim_json(&d.claim);
                v["relations"] = serde_json::to_value(&relations).unwrap_or_default();
                v["verdicts"] = serde_json::to_value(&d.verdicts).unwrap_or_default();
                v["worth_reasons"] = serde_json::to_value(&d.worth_reasons).unwrap_or_default();
                return json_out(&v);
            }
            print_claim_detail(&d);
            Ok(())
        }
        ClaimCommand::Add {
            article_id,
            start,
            end,
            speaker,
            kind,
            checker: c,
        } => {
            let who = checker(&store, &c)?;
            let id = store.add_claim(
                &NewClaim {
                    article_id,
                    start,
                    end,
                    kind,
                    speaker,
                    role: None,
                },
                &who,
            )?;
            let claim = store.claim(&id)?;
            println!("claim {} added: \"{}\"", claim.id, claim.text);
            Ok(())
        }
        ClaimCommand::Status {
            id,
            status,
            checker: c,
        } => {
            let who = checker(&store, &c)?;
            store.set_status(&id, status, &who)?;
            let claim = store.claim(&id)?;
            println!("{}: {}", claim.id, claim.status);
            Ok(())
        }
        ClaimCommand::Edit {
            id,
            kind,
            speakers,
            sources,
            start,
            end,
            checker: c,
        } => {
            let who = checker(&store, &c)?;
            if let (Some(start), Some(end)) = (start, end) {
                store.respan_claim(&id, start, end, &who)?;
            }
            let speakers = (!speakers.is_empty()).then_some(speakers);
            let sources = (!sources.is_empty()).then_some(sources);
            if kind.is_some() || speakers.is_some() || sources.is_some() {
                store.edit_claim(&id, kind, speakers.as_deref(), sources.as_deref(), &who)?;
            }
            print_claim_line(&store.claim(&id)?);
            Ok(())
        }
        ClaimCommand::Assign {
            id,
            name,
            checker: c,
        } => {
            let who = checker(&store, &c)?;
            store.assign(&id, Some(&name), &who)?;
            println!("{}: assigned to {}", store.claim(&id)?.id, name.trim());
            Ok(())
        }
        ClaimCommand::Unassign { id, checker: c } => {
            let who = checker(&store, &c)?;
            store.assign(&id, None, &who)?;
            println!("{}: assigned to no one", store.claim(&id)?.id);
            Ok(())
        }
        ClaimCommand::Confirm { id, checker: c } => {
            let who = checker(&store, &c)?;
            store.confirm_claim(&id, &who)?;
            println!("{}: confirmed by {who}", store.claim(&id)?.id);
            Ok(())
        }
        ClaimCommand::Merge {
            keep,
            other,
            checker: c,
        } => {
            let who = checker(&store, &c)?;
            store.merge_claims(&keep, &other, &who)?;
            let claim = store.claim(&keep)?;
            println!("merged into {}: \"{}\"", claim.id, claim.text);
            Ok(())
        }
        ClaimCommand::ReviewUrl {
            id,
            url,
            checker: c,
        } => {
            let who = checker(&store, &c)?;
            store.set_review_url(&id, Some(&url), &who)?;
            let claim = store.claim(&id)?;
            println!(
                "{}: {}",
                claim.id,
                claim
                    .review_url
                    .as_deref()
                    .unwrap_or("(no published check)")
            );
            Ok(())
        }
        ClaimCommand::Delete { id, checker: c } => {
            let who = checker(&store, &c)?;
            let claim = store.claim(&id)?;
            store.delete_claim(&claim.id, &who)?;
            println!("{} deleted", claim.id);
            Ok(())
        }
        ClaimCommand::History { id, json } => {
            let changes = store.history(&id)?;
            if json {
                return json_out(&changes);
            }
            for ch in changes {
                println!(
                    "{}  {:<16} {:<20} {}",
                    ch.at, ch.action, ch.actor, ch.detail
                );
            }
            Ok(())
        }
    }
}
