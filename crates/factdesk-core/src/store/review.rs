//! Assignment and review: who works on a claim, and a verdict's way from
//! draft to submitted to approved (or returned with a note).
//!
//! Both are append-only rows (`assignments`, `verdict_reviews`): the latest
//! row is the state, every row stays as history, and bundles and team sync
//! carry the rows, so every desk ends with the same list. On a desk of its
//! own the checker is their own editor; on a team desk the server's role for
//! the signed-in person (kept as the `server_role` setting at each sync)
//! decides whether they may approve.

use rusqlite::{OptionalExtension, Transaction, params};
use serde_json::json;

use super::claims::{LIVE, REVIEW_COLUMNS, review_row_at};
use super::write::{check_checker, log};
use super::{Store, Table, resolve_id};
use crate::model::{Action, Review, ReviewState, new_id, now};
use crate::{Error, Result};

/// The setting that holds the role the team server gave this desk's person.
pub(crate) const SERVER_ROLE: &str = "server_role";

/// The longest note on a review.
const MAX_NOTE: usize = 10_000;

impl Store {
    /// A verdict's latest review, or `None` while it is a draft.
    pub fn review(&self, verdict_id: &str) -> Result<Option<Review>> {
        Ok(self
            .conn
            .prepare_cached(&format!("SELECT {REVIEW_COLUMNS} FROM verdict_reviews WHERE verdict_id = ?1 ORDER BY at DESC, rowid DESC LIMIT 1"))?
            .query_row([verdict_id], |r| review_row_at(r, 0))
            .optional()?)
    }

    /// Every review of a verdict, oldest first.
    pub fn reviews(&self, verdict_id: &str) -> Result<Vec<Review>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {REVIEW_COLUMNS} FROM verdict_reviews WHERE verdict_id = ?1 ORDER BY at, rowid"
        ))?;
        Ok(stmt
            .query_map([verdict_id], |r| review_row_at(r, 0))?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// Assigns a claim to a checker, or with `None` takes the assignment back.
    pub fn assign(&mut self, claim_id: &str, assignee: Option<&str>, by: &str) -> Result<()> {
        let by = check_checker(by)?.to_string();
        let assignee = match assignee.map(str::trim) {
            Some("") => {
                return Err(Error::invalid(
                    "no checker to assign the claim to: give a name (or unassign it)",
                ));
            }
            Some(a) if a.chars().count() > 200 => {
                return Err(Error::invalid("a checker's name is at most 200 characters"));
            }
            other => other.map(str::to_string),
        };
        self.write(|tx| {
            let claim = resolve_id(tx, Table::Claims, claim_id)?;
            let current: Option<String> = tx
                .query_row("SELECT assignee FROM assignments WHERE claim_id = ?1 ORDER BY at DESC, rowid DESC LIMIT 1", [&claim], |r| r.get(0))
                .optional()?
                .flatten();
            if current.as_deref().map(str::to_lowercase) == assignee.as_deref().map(str::to_lowercase) {
                return Ok(());
            }
            let at = now();
            tx.execute(
                "INSERT INTO assignments(id, claim_id, assignee, by_checker, at) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![new_id(), claim, assignee, by, at],
            )?;
            log(tx, Some(&claim), None, Action::ClaimAssigned, json!({"from": current, "to": assignee}), &by, &at)?;
            Ok(())
        })
    }

    /// Moves the claim's current verdict on in review: its checker submits it
    /// (a draft or a returned verdict), an editor approves or returns a
    /// submitted one, a return with a note saying what to fix. Returns the
    /// review written.
    pub fn review_verdict(
        &mut self,
        claim_id: &str,
        state: ReviewState,
        note: Option<&str>,
        by: &str,
    ) -> Result<Review> {
        let by = check_checker(by)?.to_string();
        let note = note
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .map(str::to_string);
        if note.as_ref().is_some_and(|n| n.chars().count() > MAX_NOTE) {
            return Err(Error::invalid(format!(
                "a review note is at most {MAX_NOTE} characters"
            )));
        }
        if state != ReviewState::Submitted
            && self.setting(SERVER_ROLE)?.as_deref() == Some("checker")
        {
            return Err(Error::Forbidden(format!(
                "only an editor can {} a verdict: the team server knows you as a checker",
                verb(state)
            )));
        }
        if state == ReviewState::Returned && note.is_none() {
            return Err(Error::invalid(
                "a returned verdict needs a note: say what the checker should fix",
            ));
        }
        self.write(|tx| {
            let claim = resolve_id(tx, Table::Claims, claim_id)?;
            let verdict = current_verdict(tx, &claim)?.ok_or_else(|| {
                Error::invalid("this claim has no verdict to review: give one first")
            })?;
            let now_state: Option<ReviewState> = tx
                .query_row("SELECT state FROM verdict_reviews WHERE verdict_id = ?1 ORDER BY at DESC, rowid DESC LIMIT 1", [&verdict], |r| r.get::<_, String>(0))
                .optional()?
                .map(|s| s.parse())
                .transpose()?;
            let allowed = match state {
                ReviewState::Submitted => matches!(now_state, None | Some(ReviewState::Returned)),
                ReviewState::Approved | ReviewState::Returned => {
                    now_state == Some(ReviewState::Submitted)
                }
            };
            if !allowed {
                let is = now_state.map_or("a draft", |s| match s {
                    ReviewState::Submitted => "already submitted",
                    ReviewState::Approved => "already approved",
                    ReviewState::Returned => "returned to its checker",
                });
                let hint = match state {
                    ReviewState::Submitted => "",
                    _ if now_state.is_none() => ": submit it first",
                    _ => "",
                };
                return Err(Error::invalid(format!(
                    "cannot {} this verdict: it is {is}{hint}",
                    verb(state)
                )));
            }
            let review = Review { state, note: note.clone(), by: by.clone(), at: now() };
            tx.execute(
                "INSERT INTO verdict_reviews(id, verdict_id, state, note, by_checker, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![new_id(), verdict, state.as_str(), review.note, by, review.at],
            )?;
            log(tx, Some(&claim), None, Action::VerdictReviewed, json!({"verdict": verdict, "state": state, "note": review.note}), &by, &review.at)?;
            Ok(review)
        })
    }
}

fn verb(state: ReviewState) -> &'static str {
    match state {
        ReviewState::Submitted => "submit",
        ReviewState::Approved => "approve",
        ReviewState::Returned => "return",
    }
}

fn current_verdict(tx: &Transaction<'_>, claim: &str) -> Result<Option<String>> {
    Ok(tx
        .query_row(
            &format!("SELECT id FROM verdicts WHERE claim_id = ?1 AND {LIVE} ORDER BY at DESC, rowid DESC LIMIT 1"),
            [claim],
            |r| r.get(0),
        )
        .optional()?)
}
