//! `factdesk` commands: matching.

use std::path::PathBuf;

use factdesk_core::Result;

use super::*;
use crate::args::*;
use crate::print::*;

pub(crate) fn similar(db: &Option<PathBuf>, args: SimilarArgs) -> Result<()> {
    let SimilarArgs {
        claim_id,
        text,
        limit,
        min_score,
        json,
    } = args;
    let mut store = open(db)?;
    encode_pending(&mut store)?;
    let found = match (&claim_id, &text, min_score) {
        (Some(id), _, None) => store.similar(id, limit)?,
        (Some(id), _, Some(min)) => store.similar_at(id, limit, min)?,
        (None, Some(t), min) => store.similar_to_text_at(t, limit, min)?,
        (None, None, _) => unreachable!("clap requires one"),
    };
    // Say why matching is weaker than it could be (on stderr: JSON stays clean).
    if let Err(e) = factdesk_core::embed::shipped() {
        eprintln!("note: {e}; matching uses words alone");
    } else if let Err(e) = factdesk_core::encoder::shipped() {
        eprintln!("note: {e}; matches are not re-ranked");
    }
    if json {
        let out: Vec<_> = found
                .iter()
                .map(|s| {
                    serde_json::json!({
                        "id": s.claim.id, "text": s.claim.text, "score": s.score, "kind": s.kind, "meaning": s.meaning, "quick_meaning": s.quick_meaning, "wording": s.wording, "lead": s.lead, "lexical": s.lexical, "repeats": s.repeats,
                        "speaker": s.claim.speaker, "article_id": s.claim.article_id, "article": s.article_title,
                        "verdict": s.claim.verdict.as_ref().map(|v| serde_json::json!({"rating": v.rating, "checker": v.checker, "at": v.at, "note": v.note})),
                        "evidence": s.claim.evidence.len(),
                    })
                })
                .collect();
        return json_out(&out);
    }
    if found.is_empty() {
        println!("no similar claims");
    }
    for s in &found {
        let kind = match s.kind {
            factdesk_core::matching::MatchKind::Same => "same",
            factdesk_core::matching::MatchKind::Contradicts => "CONTRADICTS",
        };
        println!(
            "{}  {:.2} {:<11} {}",
            s.claim.id,
            s.score,
            kind,
            short(&s.claim.text, 90)
        );
        match s.meaning {
            Some(m) => println!("    meaning {m:.2}, wording {:.2}", s.wording),
            None => println!(
                "    wording {:.2} (the matching model is not loaded)",
                s.wording
            ),
        }
        let precedent = match &s.claim.verdict {
            Some(v) => format!(
                "rated {} on {} by {}, {} evidence link{}",
                v.rating,
                v.at.get(..10).unwrap_or(&v.at),
                v.checker,
                s.claim.evidence.len(),
                if s.claim.evidence.len() == 1 { "" } else { "s" }
            ),
            None => "not rated yet".into(),
        };
        println!(
            "    {} · {} · {precedent}",
            s.claim.speaker.as_deref().unwrap_or("article"),
            short(&s.article_title, 50)
        );
    }
    Ok(())
}

/// Lets the encoder read the claims it has not read yet (the app does this
/// in the background; a command line has no background), with progress on
/// stderr. Without the encoder's weights nothing happens here.
fn encode_pending(store: &mut factdesk_core::Store) -> Result<()> {
    let mut told = false;
    store.encode_all(|p| {
        if p.unavailable.is_none() && (told || p.pending > 0) {
            eprint!("\rreading claims for matching: {} left   ", p.pending);
            told = true;
        }
    })?;
    if told {
        eprintln!();
    }
    Ok(())
}

pub(crate) fn answer(db: &Option<PathBuf>, args: MatchArgs) -> Result<()> {
    let MatchArgs { command } = args;
    let mut store = open(db)?;
    match command {
        MatchCommand::Confirm {
            claim_id,
            other_id,
            checker: c,
        } => {
            let who = checker(&store, &c)?;
            match store.confirm_match(&claim_id, &other_id, &who)? {
                factdesk_core::matching::MatchKind::Same => {
                    println!("linked: the two claims say the same thing")
                }
                factdesk_core::matching::MatchKind::Contradicts => {
                    println!("related: the two claims contradict each other")
                }
            }
        }
        MatchCommand::Reject {
            claim_id,
            other_id,
            checker: c,
        } => {
            let who = checker(&store, &c)?;
            store.reject_match(&claim_id, &other_id, &who)?;
            println!("rejected: the pair will not be suggested again");
        }
    }
    Ok(())
}
