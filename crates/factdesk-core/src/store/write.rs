//! Writing: each public method is one user action and one transaction.
//!
//! tidy: long because every write action lives here with the audit log and
//! checks they share; split by table, one action would span files.

use rusqlite::{OptionalExtension, Transaction, params};
use serde::Serialize;
use serde_json::json;

use super::claims::{LIVE, VERDICT_COLUMNS, evidence_row, verdict_row};
use super::{Store, Table, resolve_id};
use crate::extract::{Extraction, extract};
use crate::import::Document;
use crate::model::{
    Action, Anchor, ClaimKind, EntityKind, Evidence, Span, Stance, Status, Verdict, join_names,
    new_id, now,
};
use crate::{Error, Result};

/// What the user says about an article on import; each field overrides what the file says.
#[derive(Debug, Clone, Default)]
pub struct ImportMeta {
    pub title: Option<String>,
    pub url: Option<String>,
    pub outlet: Option<String>,
    pub author: Option<String>,
    /// `YYYY-MM-DD`.
    pub published: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct ImportOutcome {
    pub id: String,
    pub title: String,
    pub claims: usize,
    /// The same text was imported before; nothing was added.
    pub duplicate: bool,
}

/// A claim a checker adds by hand, by its span in the article.
#[derive(Debug, Clone)]
pub struct NewClaim {
    pub article_id: String,
    pub start: usize,
    pub end: usize,
    pub kind: ClaimKind,
    pub speaker: Option<String>,
    pub role: Option<String>,
}

#[derive(Debug, Clone)]
pub struct NewEvidence {
    pub claim_id: String,
    pub url: String,
    pub title: Option<String>,
    pub stance: Stance,
    pub note: Option<String>,
}

/// Validates an evidence link: only http and https, with a host.
pub fn check_url(raw: &str) -> Result<String> {
    let raw = raw.trim();
    if raw.len() > 2048 {
        return Err(Error::invalid("the link is longer than 2048 characters"));
    }
    let url = url::Url::parse(raw)
        .map_err(|e| Error::invalid(format!("{} is not a valid link: {e}", crate::quoted(raw))))?;
    match url.scheme() {
        "http" | "https" if url.host_str().is_some_and(|h| !h.is_empty()) => Ok(url.to_string()),
        "http" | "https" => Err(Error::invalid(format!(
            "{} has no host",
            crate::quoted(raw)
        ))),
        other => Err(Error::invalid(format!(
            "evidence links must be http or https; {other}: links are refused"
        ))),
    }
}

pub(crate) fn check_date(d: &str) -> Result<String> {
    chrono::NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d")
        .map(|d| d.format("%Y-%m-%d").to_string())
        .map_err(|_| {
            Error::invalid(format!(
                "{} is not a date; use YYYY-MM-DD",
                crate::quoted(d)
            ))
        })
}

/// Optional text as the user gave it: trimmed, and none when blank.
fn optional_text(s: &Option<String>) -> Option<String> {
    s.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

pub(super) fn check_checker(checker: &str) -> Result<&str> {
    let c = checker.trim();
    if c.is_empty() {
        return Err(Error::NoChecker);
    }
    Ok(c)
}

pub(super) fn log(
    tx: &Transaction<'_>,
    claim: Option<&str>,
    article: Option<&str>,
    action: Action,
    detail: serde_json::Value,
    actor: &str,
    at: &str,
) -> Result<()> {
    tx.prepare_cached("INSERT INTO changes(id, claim_id, article_id, action, detail, actor, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")?
        .execute(params![new_id(), claim, article, action.as_str(), detail.to_string(), actor, at])?;
    Ok(())
}

/// Finds or creates an entity by name or alias, and records new aliases.
/// Entities found or made in this transaction, by kind and lower-case name.
pub(super) type EntityCache = std::collections::HashMap<(EntityKind, String), String>;

pub(super) fn entity(
    tx: &Transaction<'_>,
    cache: &mut EntityCache,
    kind: EntityKind,
    name: &str,
    aliases: &[String],
) -> Result<String> {
    let key = (kind, name.to_lowercase());
    if let Some(id) = cache.get(&key) {
        return Ok(id.clone());
    }
    // Every entity's own name is also stored as an alias, so one indexed lookup finds both.
    let found: Option<String> = tx
        .prepare_cached(
            "SELECT e.id FROM entity_aliases a JOIN entities e ON e.id = a.entity_id
             WHERE a.alias = ?2 AND +e.kind = ?1 ORDER BY e.name = ?2 DESC LIMIT 1",
        )?
        .query_row(params![kind.as_str(), name], |r| r.get(0))
        .optional()?;
    let id = match found {
        Some(id) => id,
        None => {
            let id = new_id();
            tx.prepare_cached("INSERT INTO entities(id, kind, name) VALUES (?1, ?2, ?3)")?
                .execute(params![id, kind.as_str(), name])?;
            id
        }
    };
    let mut add = tx
        .prepare_cached("INSERT OR IGNORE INTO entity_aliases(entity_id, alias) VALUES (?1, ?2)")?;
    add.execute(params![id, name])?;
    for a in aliases {
        add.execute(params![id, a])?;
    }
    cache.insert(key, id.clone());
    Ok(id)
}

/// Replaces a claim's speakers or sources (`table`) with the named entities, in order.
fn relink(
    tx: &Transaction<'_>,
    cache: &mut EntityCache,
    table: &str,
    kind: EntityKind,
    claim: &str,
    names: &[String],
) -> Result<()> {
    tx.execute(&format!("DELETE FROM {table} WHERE claim_id = ?1"), [claim])?;
    for (pos, name) in names.iter().enumerate() {
        let eid = entity(tx, cache, kind, name, &[])?;
        tx.execute(
            &format!("INSERT INTO {table}(claim_id, position, entity_id) VALUES (?1, ?2, ?3)"),
            params![claim, pos as i64, eid],
        )?;
    }
    Ok(())
}

fn kind_of(extraction: &Extraction, name: &str, default: EntityKind) -> (EntityKind, Vec<String>) {
    extraction
        .entities
        .iter()
        .find(|e| e.name == name)
        .map(|e| (e.kind, e.aliases.clone()))
        .unwrap_or((default, Vec::new()))
}

/// Stores an article and its extracted claims inside `tx`.
fn insert_article(
    tx: &Transaction<'_>,
    cache: &mut EntityCache,
    doc: &Document,
    meta: &ImportMeta,
    actor: &str,
) -> Result<ImportOutcome> {
    let body = doc.body.clone();
    let hash = crate::text::content_hash(&body);
    let existing: Option<(String, String, i64)> = tx
        .prepare_cached("SELECT a.id, a.title, (SELECT count(*) FROM claims c WHERE c.article_id = a.id) FROM articles a WHERE a.content_hash = ?1")?
        .query_row([&hash], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    if let Some((id, title, claims)) = existing {
        return Ok(ImportOutcome {
            id,
            title,
            claims: claims as usize,
            duplicate: true,
        });
    }
    let published = meta
        .published
        .as_deref()
        .or(doc.published.as_deref())
        .map(check_date)
        .transpose()?;
    let url = meta
        .url
        .as_deref()
        .or(doc.url.as_deref())
        .map(check_url)
        .transpose()?;
    let title = meta
        .title
        .clone()
        .filter(|t| !t.trim().is_empty())
        .unwrap_or_else(|| doc.title.clone());
    let id = new_id();
    let at = now();
    tx.prepare_cached("INSERT INTO articles(id, title, outlet, url, author, published, imported_at, body, content_hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)")?
        .execute(params![id, title, meta.outlet.as_ref().or(doc.outlet.as_ref()), url, meta.author.as_ref().or(doc.author.as_ref()), published, at, body, hash])?;
    let extraction = extract(&body);
    let chars: Vec<char> = body.chars().collect();
    let mut ids = std::collections::HashMap::new();
    for c in &extraction.claims {
        let claim_id = new_id();
        ids.insert(c.id.clone(), claim_id.clone());
        let anchor = Anchor::of(&chars, c.span);
        tx.prepare_cached(
            "INSERT INTO claims(id, article_id, text, kind, span_start, span_end, anchor_exact, anchor_prefix, anchor_suffix, speaker, checkworthiness, origin, status, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, 'extracted', 'new', ?12, ?12)",
        )?
        .execute(params![claim_id, id, c.text, c.kind.as_str(), c.span.start as i64, c.span.end as i64, anchor.exact, anchor.prefix, anchor.suffix, c.speaker(), c.checkworthiness, at])?;
        for (pos, s) in c.speakers.iter().enumerate() {
            let (kind, aliases) = kind_of(&extraction, &s.name, EntityKind::Person);
            let eid = entity(tx, cache, kind, &s.name, &aliases)?;
            tx.prepare_cached("INSERT INTO claim_speakers(claim_id, position, entity_id, role) VALUES (?1, ?2, ?3, ?4)")?.execute(params![claim_id, pos as i64, eid, s.role])?;
        }
        for (pos, s) in c.source_details.iter().enumerate() {
            let (kind, aliases) = kind_of(&extraction, &s.name, EntityKind::Outlet);
            let eid = entity(tx, cache, kind, &s.name, &aliases)?;
            tx.prepare_cached("INSERT INTO claim_sources(claim_id, position, entity_id, detail) VALUES (?1, ?2, ?3, ?4)")?.execute(params![claim_id, pos as i64, eid, s.detail])?;
        }
    }
    for r in &extraction.relations {
        tx.prepare_cached("INSERT OR IGNORE INTO relations(id, kind, a, b, note, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")?
            .execute(params![new_id(), r.kind.as_str(), ids[&r.a], ids[&r.b], r.note, at])?;
    }
    log(
        tx,
        None,
        Some(&id),
        Action::ArticleImported,
        json!({"title": title, "claims": extraction.claims.len()}),
        actor,
        &at,
    )?;
    Ok(ImportOutcome {
        id,
        title,
        claims: extraction.claims.len(),
        duplicate: false,
    })
}

/// The largest rowids of claims and articles, taken before an action inserts rows.
pub(super) fn high_water(tx: &Transaction<'_>) -> Result<(i64, i64)> {
    Ok(tx.query_row("SELECT (SELECT coalesce(max(rowid), 0) FROM claims), (SELECT coalesce(max(rowid), 0) FROM articles)", [], |r| Ok((r.get(0)?, r.get(1)?)))?)
}

/// Adds the rows inserted since `high_water` to the full-text indexes, in one
/// statement each. Every action that inserts claims or articles calls it.
pub(super) fn index_new(tx: &Transaction<'_>, (claims, articles): (i64, i64)) -> Result<()> {
    tx.execute("INSERT INTO claims_fts(rowid, text, speaker) SELECT rowid, text, coalesce(speaker, '') FROM claims WHERE rowid > ?1", [claims])?;
    super::similar::index_terms(tx, claims)?;
    tx.execute("INSERT INTO articles_fts(rowid, title, body) SELECT rowid, title, body FROM articles WHERE rowid > ?1", [articles])?;
    Ok(())
}

fn claim_status(tx: &Transaction<'_>, id: &str) -> Result<Status> {
    let s: String = tx.query_row("SELECT status FROM claims WHERE id = ?1", [id], |r| {
        r.get(0)
    })?;
    s.parse()
}

impl Store {
    /// Imports articles in one transaction: all are stored, or none.
    pub fn import(
        &mut self,
        docs: &[(Document, ImportMeta)],
        actor: &str,
    ) -> Result<Vec<ImportOutcome>> {
        let actor = if actor.trim().is_empty() {
            "import"
        } else {
            actor.trim()
        };
        self.bulk(|store| {
            store.write(|tx| {
                let mut cache = EntityCache::new();
                let mark = high_water(tx)?;
                let out = docs
                    .iter()
                    .map(|(doc, meta)| insert_article(tx, &mut cache, doc, meta, actor))
                    .collect::<Result<Vec<_>>>()?;
                index_new(tx, mark)?;
                Ok(out)
            })
        })
    }

    /// Adds a claim a checker marked in the text.
    pub fn add_claim(&mut self, new: &NewClaim, checker: &str) -> Result<String> {
        let checker = check_checker(checker)?.to_string();
        let speaker = new
            .speaker
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty());
        self.write(|tx| {
            let article = resolve_id(tx, Table::Articles, &new.article_id)?;
            let body: String =
                tx
                    .query_row("SELECT body FROM articles WHERE id = ?1", [&article], |r| {
                        r.get(0)
                    })?;
            let chars: Vec<char> = body.chars().collect();
            if new.start >= new.end || new.end > chars.len() {
                return Err(Error::invalid(format!(
                    "span {}..{} is outside the article, whose text has {} characters (start must be less than end)",
                    new.start,
                    new.end,
                    chars.len()
                )));
            }
            let span = Span {
                start: new.start,
                end: new.end,
            };
            let anchor = Anchor::of(&chars, span);
            if anchor.exact.trim().is_empty() {
                return Err(Error::invalid("the selected text is only white space"));
            }
            let mark = high_water(tx)?;
            let id = new_id();
            let at = now();
            tx.execute(
                "INSERT INTO claims(id, article_id, text, kind, span_start, span_end, anchor_exact, anchor_prefix, anchor_suffix, speaker, checkworthiness, origin, status, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 0.5, 'manual', 'new', ?11, ?11)",
                params![id, article, anchor.exact, new.kind.as_str(), span.start as i64, span.end as i64, anchor.exact, anchor.prefix, anchor.suffix, speaker, at],
            )?;
            if let Some(name) = speaker {
                let eid = entity(tx, &mut EntityCache::new(), EntityKind::Person, name, &[])?;
                tx.execute("INSERT INTO claim_speakers(claim_id, position, entity_id, role) VALUES (?1, 0, ?2, ?3)", params![id, eid, new.role])?;
            }
            log(tx, Some(&id), Some(&article), Action::ClaimAdded, json!({"text": anchor.exact, "kind": new.kind, "speaker": speaker, "span": span}), &checker, &at)?;
            index_new(tx, mark)?;
            Ok(id)
        })
    }

    /// Gives a verdict on the active scale. Earlier verdicts stay in the history.
    pub fn give_verdict(
        &mut self,
        claim_id: &str,
        rating: &str,
        note: Option<&str>,
        checker: &str,
    ) -> Result<Verdict> {
        Ok(self
            .give_verdicts(&[claim_id], rating, note, checker)?
            .remove(0))
    }

    /// Gives the same verdict to several claims in one transaction: all or none.
    pub fn give_verdicts(
        &mut self,
        claim_ids: &[&str],
        rating: &str,
        note: Option<&str>,
        checker: &str,
    ) -> Result<Vec<Verdict>> {
        let checker = check_checker(checker)?.to_string();
        let scale = self.active_scale()?;
        let r = scale.rating(rating)?;
        let note = note.map(str::trim).filter(|n| !n.is_empty());
        let policy = self.policy()?;
        if note.is_none() && !(r.undetermined && policy.undetermined_without_rationale) {
            return Err(Error::NoRationale);
        }
        self.write(|tx| {
            let claims = claim_ids
                .iter()
                .map(|id| resolve_id(tx, Table::Claims, id))
                .collect::<Result<Vec<_>>>()?;
            let mut given = Vec::with_capacity(claims.len());
            for claim in &claims {
            let previous: Option<Verdict> = tx
                .query_row(&format!("SELECT {VERDICT_COLUMNS} FROM verdicts WHERE claim_id = ?1 AND {LIVE} ORDER BY at DESC, rowid DESC LIMIT 1"), [&claim], verdict_row)
                .optional()?;
            let status = claim_status(tx, claim)?;
            // A new verdict settles a disagreement between desks.
            let settles: Vec<String> = tx
                .prepare_cached("DELETE FROM verdict_conflicts WHERE claim_id = ?1 RETURNING verdict_id")?
                .query_map([&claim], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            let v = Verdict { review: None, id: new_id(), claim_id: claim.clone(), scale: scale.id.into(), rating: r.label.into(), value: r.value, note: note.map(str::to_string), checker: checker.clone(), at: now() };
            tx.execute(
                "INSERT INTO verdicts(id, claim_id, scale, rating, value, note, checker, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![v.id, v.claim_id, v.scale, v.rating, v.value, v.note, v.checker, v.at],
            )?;
            tx.execute("UPDATE claims SET updated_at = ?2 WHERE id = ?1", params![claim, v.at])?;
            log(
                tx,
                Some(claim),
                None,
                Action::VerdictGiven,
                json!({"verdict": v.id, "rating": v.rating, "value": v.value, "scale": v.scale, "note": v.note,
                       "previous": previous.as_ref().map(|p| &p.rating), "after_done": status == Status::Done && previous.is_some(),
                       "settles": (!settles.is_empty()).then_some(&settles),
                       "status_from": (policy.verdict_sets_done && status != Status::Done).then_some(status)}),
                &checker,
                &v.at,
            )?;
            if policy.verdict_sets_done && status != Status::Done {
                tx.execute("UPDATE claims SET status = 'done' WHERE id = ?1", [&claim])?;
                log(tx, Some(claim), None, Action::ClaimStatus, json!({"from": status, "to": Status::Done}), &checker, &v.at)?;
            }
            given.push(v);
            }
            Ok(given)
        })
    }

    /// Takes back the claim's current verdict (the app's "Undo"). The verdict
    /// stays, as every verdict does, and no longer counts: the one before it,
    /// if any, is current again, the status the verdict set comes back, and a
    /// disagreement it settled is open again. Only its checker may.
    pub fn withdraw_verdict(&mut self, claim_id: &str, checker: &str) -> Result<Verdict> {
        Ok(self.withdraw_verdicts(&[claim_id], checker)?.remove(0))
    }

    /// Takes back the current verdicts of several claims in one transaction:
    /// all or none (the app's "Undo" of a verdict given to many).
    pub fn withdraw_verdicts(&mut self, claim_ids: &[&str], checker: &str) -> Result<Vec<Verdict>> {
        let checker = check_checker(checker)?.to_string();
        self.write(|tx| {
            let mut taken = Vec::with_capacity(claim_ids.len());
            for claim_id in claim_ids {
            let claim = resolve_id(tx, Table::Claims, claim_id)?;
            let v = tx
                .query_row(&format!("SELECT {VERDICT_COLUMNS} FROM verdicts WHERE claim_id = ?1 AND {LIVE} ORDER BY at DESC, rowid DESC LIMIT 1"), [&claim], verdict_row)
                .optional()?
                .ok_or_else(|| Error::invalid("this claim has no verdict to take back"))?;
            if !v.checker.eq_ignore_ascii_case(&checker) {
                return Err(Error::invalid(format!(
                    "the current verdict is {}'s: only they can take it back; give a new verdict instead",
                    v.checker
                )));
            }
            let at = now();
            tx.execute("INSERT INTO verdict_withdrawals(verdict_id, checker, at) VALUES (?1, ?2, ?3)", params![v.id, checker, at])?;
            // What giving it did, from the audit trail.
            let given: Option<serde_json::Value> = tx
                .query_row("SELECT detail FROM changes WHERE claim_id = ?1 AND action = 'verdict.given' AND json_extract(detail, '$.verdict') = ?2", params![claim, v.id], |r| r.get::<_, String>(0))
                .optional()?
                .and_then(|d| serde_json::from_str(&d).ok());
            let given = given.unwrap_or_default();
            let restore: Option<Status> = given["status_from"].as_str().and_then(|s| s.parse().ok());
            let status = claim_status(tx, &claim)?;
            tx.execute("UPDATE claims SET updated_at = ?2 WHERE id = ?1", params![claim, at])?;
            for settled in given["settles"].as_array().into_iter().flatten().filter_map(|x| x.as_str()) {
                tx.execute(
                    "INSERT OR IGNORE INTO verdict_conflicts(claim_id, verdict_id, flagged_at) SELECT ?1, ?2, ?3 WHERE EXISTS (SELECT 1 FROM verdicts WHERE id = ?2 AND claim_id = ?1)",
                    params![claim, settled, at],
                )?;
            }
            // A withdrawn verdict is in contention no more; one left alone is no disagreement.
            tx.execute("DELETE FROM verdict_conflicts WHERE verdict_id = ?1", [&v.id])?;
            tx.execute("DELETE FROM verdict_conflicts WHERE claim_id = ?1 AND (SELECT count(*) FROM verdict_conflicts WHERE claim_id = ?1) < 2", [&claim])?;
            let current: Option<String> = tx
                .query_row("SELECT rating FROM current_verdicts WHERE claim_id = ?1", [&claim], |r| r.get(0))
                .optional()?;
            log(tx, Some(&claim), None, Action::VerdictWithdrawn, json!({"verdict": v.id, "rating": v.rating, "current": current}), &checker, &at)?;
            if let Some(back) = restore.filter(|b| *b != status && status == Status::Done) {
                tx.execute("UPDATE claims SET status = ?2 WHERE id = ?1", params![claim, back.as_str()])?;
                log(tx, Some(&claim), None, Action::ClaimStatus, json!({"from": status, "to": back}), &checker, &at)?;
            }
            taken.push(v);
            }
            Ok(taken)
        })
    }

    pub fn set_status(&mut self, claim_id: &str, status: Status, checker: &str) -> Result<()> {
        self.set_statuses(&[claim_id], status, checker)
    }

    /// Sets the status of several claims in one transaction: all or none.
    pub fn set_statuses(
        &mut self,
        claim_ids: &[&str],
        status: Status,
        checker: &str,
    ) -> Result<()> {
        let checker = check_checker(checker)?.to_string();
        self.write(|tx| {
            let claims = claim_ids
                .iter()
                .map(|id| resolve_id(tx, Table::Claims, id))
                .collect::<Result<Vec<_>>>()?;
            for claim in &claims {
                let old = claim_status(tx, claim)?;
                if old == status {
                    continue;
                }
                let at = now();
                tx.execute(
                    "UPDATE claims SET status = ?2, updated_at = ?3 WHERE id = ?1",
                    params![claim, status.as_str(), at],
                )?;
                log(
                    tx,
                    Some(claim),
                    None,
                    Action::ClaimStatus,
                    json!({"from": old, "to": status}),
                    &checker,
                    &at,
                )?;
            }
            Ok(())
        })
    }

    pub fn add_evidence(&mut self, new: &NewEvidence, checker: &str) -> Result<Evidence> {
        let checker = check_checker(checker)?.to_string();
        let url = check_url(&new.url)?;
        self.write(|tx| {
            let claim = resolve_id(tx, Table::Claims, &new.claim_id)?;
            let e = Evidence {
                id: new_id(),
                claim_id: claim.clone(),
                url,
                title: optional_text(&new.title),
                stance: new.stance,
                note: optional_text(&new.note),
                added_by: checker.clone(),
                added_at: now(),
            };
            tx.execute(
                "INSERT INTO evidence(id, claim_id, url, title, stance, note, added_by, added_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![e.id, e.claim_id, e.url, e.title, e.stance.as_str(), e.note, e.added_by, e.added_at],
            )?;
            tx.execute("UPDATE claims SET updated_at = ?2 WHERE id = ?1", params![claim, e.added_at])?;
            log(tx, Some(&claim), None, Action::EvidenceAdded, json!({"evidence": e.id, "url": e.url, "title": e.title, "stance": e.stance, "note": e.note}), &checker, &e.added_at)?;
            Ok(e)
        })
    }

    /// Changes an evidence link's address, title, stance or note.
    pub fn update_evidence(
        &mut self,
        evidence_id: &str,
        new: &NewEvidence,
        checker: &str,
    ) -> Result<Evidence> {
        let checker = check_checker(checker)?.to_string();
        let url = check_url(&new.url)?;
        let (title, note) = (optional_text(&new.title), optional_text(&new.note));
        self.write(|tx| {
            let id = resolve_id(tx, Table::Evidence, evidence_id)?;
            let (claim, old_url): (String, String) = tx.query_row("SELECT claim_id, url FROM evidence WHERE id = ?1", [&id], |r| Ok((r.get(0)?, r.get(1)?)))?;
            let at = now();
            tx.execute("UPDATE evidence SET url = ?2, title = ?3, stance = ?4, note = ?5, edited_at = ?6 WHERE id = ?1", params![id, url, title, new.stance.as_str(), note, at])?;
            tx.execute("UPDATE claims SET updated_at = ?2 WHERE id = ?1", params![claim, at])?;
            log(tx, Some(&claim), None, Action::EvidenceEdited, json!({"evidence": id, "url": url, "was": old_url, "title": title, "stance": new.stance, "note": note}), &checker, &at)?;
            Ok(tx.query_row("SELECT id, claim_id, url, title, stance, note, added_by, added_at FROM evidence WHERE id = ?1", [&id], evidence_row)?)
        })
    }

    pub fn remove_evidence(&mut self, evidence_id: &str, checker: &str) -> Result<()> {
        let checker = check_checker(checker)?.to_string();
        self.write(|tx| {
            let id = resolve_id(tx, Table::Evidence, evidence_id)?;
            let (claim, url): (String, String) = tx.query_row(
                "SELECT claim_id, url FROM evidence WHERE id = ?1",
                [&id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
            tx.execute("DELETE FROM evidence WHERE id = ?1", [&id])?;
            let at = now();
            tx.execute(
                "UPDATE claims SET updated_at = ?2 WHERE id = ?1",
                params![claim, at],
            )?;
            log(
                tx,
                Some(&claim),
                None,
                Action::EvidenceRemoved,
                json!({"evidence": id, "url": url}),
                &checker,
                &at,
            )
        })
    }

    /// Changes a claim's kind and speakers; the text stays anchored where it is.
    pub fn edit_claim(
        &mut self,
        claim_id: &str,
        kind: Option<ClaimKind>,
        speakers: Option<&[String]>,
        sources: Option<&[String]>,
        checker: &str,
    ) -> Result<()> {
        let checker = check_checker(checker)?.to_string();
        let names = |list: &[String]| {
            list.iter()
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
        };
        self.write(|tx| {
            let claim = resolve_id(tx, Table::Claims, claim_id)?;
            let at = now();
            let mut detail = serde_json::Map::new();
            let mut cache = EntityCache::new();
            if let Some(kind) = kind {
                tx.execute(
                    "UPDATE claims SET kind = ?2, updated_at = ?3 WHERE id = ?1",
                    params![claim, kind.as_str(), at],
                )?;
                detail.insert("kind".into(), json!(kind));
            }
            if let Some(list) = speakers {
                let list = names(list);
                relink(
                    tx,
                    &mut cache,
                    "claim_speakers",
                    EntityKind::Person,
                    &claim,
                    &list,
                )?;
                tx.execute(
                    "UPDATE claims SET speaker = ?2, updated_at = ?3 WHERE id = ?1",
                    params![claim, join_names(&list), at],
                )?;
                detail.insert("speakers".into(), json!(list));
            }
            if let Some(list) = sources {
                let list = names(list);
                relink(
                    tx,
                    &mut cache,
                    "claim_sources",
                    EntityKind::Outlet,
                    &claim,
                    &list,
                )?;
                tx.execute(
                    "UPDATE claims SET updated_at = ?2 WHERE id = ?1",
                    params![claim, at],
                )?;
                detail.insert("sources".into(), json!(list));
            }
            log(
                tx,
                Some(&claim),
                None,
                Action::ClaimEdited,
                serde_json::Value::Object(detail),
                &checker,
                &at,
            )
        })
    }

    /// Changes a claim's text by giving it a new span of its article's text.
    pub fn respan_claim(
        &mut self,
        claim_id: &str,
        start: usize,
        end: usize,
        checker: &str,
    ) -> Result<()> {
        let checker = check_checker(checker)?.to_string();
        self.write(|tx| {
            let claim = resolve_id(tx, Table::Claims, claim_id)?;
            let (body, old): (String, String) = tx.query_row(
                "SELECT a.body, c.text FROM claims c JOIN articles a ON a.id = c.article_id WHERE c.id = ?1",
                [&claim],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
            let chars: Vec<char> = body.chars().collect();
            if start >= end || end > chars.len() {
                return Err(Error::invalid(format!(
                    "span {start}..{end} is outside the article, whose text has {} characters (start must be less than end)",
                    chars.len()
                )));
            }
            let span = Span { start, end };
            let anchor = Anchor::of(&chars, span);
            if anchor.exact.trim().is_empty() {
                return Err(Error::invalid("the selected text is only white space"));
            }
            let at = now();
            tx.execute(
                "UPDATE claims SET text = ?2, span_start = ?3, span_end = ?4, anchor_exact = ?2, anchor_prefix = ?5, anchor_suffix = ?6, updated_at = ?7 WHERE id = ?1",
                params![claim, anchor.exact, start as i64, end as i64, anchor.prefix, anchor.suffix, at],
            )?;
            super::similar::write_terms(tx, &[(claim.clone(), anchor.exact.clone())])?;
            log(tx, Some(&claim), None, Action::ClaimEdited, json!({"text": anchor.exact, "was": old, "span": span}), &checker, &at)
        })
    }

    /// Records (or clears, with `None`) where the team published its check of a claim.
    pub fn set_review_url(
        &mut self,
        claim_id: &str,
        url: Option<&str>,
        checker: &str,
    ) -> Result<()> {
        let checker = check_checker(checker)?.to_string();
        let url = url
            .map(str::trim)
            .filter(|u| !u.is_empty())
            .map(check_url)
            .transpose()?;
        self.write(|tx| {
            let claim = resolve_id(tx, Table::Claims, claim_id)?;
            let at = now();
            tx.execute(
                "UPDATE claims SET review_url = ?2, updated_at = ?3 WHERE id = ?1",
                params![claim, url, at],
            )?;
            log(
                tx,
                Some(&claim),
                None,
                Action::ClaimReviewUrl,
                json!({"url": url}),
                &checker,
                &at,
            )
        })
    }

    /// A checker confirms an extracted claim as right as it stands.
    pub fn confirm_claim(&mut self, claim_id: &str, checker: &str) -> Result<()> {
        let checker = check_checker(checker)?.to_string();
        self.write(|tx| {
            let claim = resolve_id(tx, Table::Claims, claim_id)?;
            let at = now();
            tx.execute("UPDATE claims SET confirmed_by = ?2, confirmed_at = ?3, updated_at = ?3 WHERE id = ?1", params![claim, checker, at])?;
            log(tx, Some(&claim), None, Action::ClaimConfirmed, json!({}), &checker, &at)
        })
    }

    /// Merges `other` into `keep`: one claim over both spans, with both
    /// claims' verdicts, evidence, relations, speakers and sources. `other`
    /// is deleted; both keep their history.
    pub fn merge_claims(&mut self, keep_id: &str, other_id: &str, checker: &str) -> Result<()> {
        let checker = check_checker(checker)?.to_string();
        self.write(|tx| {
            let keep = resolve_id(tx, Table::Claims, keep_id)?;
            let other = resolve_id(tx, Table::Claims, other_id)?;
            if keep == other {
                return Err(Error::invalid("a claim cannot be merged with itself"));
            }
            let span_of = |id: &str| -> Result<(String, i64, i64)> {
                Ok(tx.query_row("SELECT article_id, span_start, span_end FROM claims WHERE id = ?1", [id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?)
            };
            let (article, ks, ke) = span_of(&keep)?;
            let (other_article, os, oe) = span_of(&other)?;
            if article != other_article {
                return Err(Error::invalid("only claims of the same article can be merged"));
            }
            let body: String = tx.query_row("SELECT body FROM articles WHERE id = ?1", [&article], |r| r.get(0))?;
            let chars: Vec<char> = body.chars().collect();
            let span = Span { start: ks.min(os) as usize, end: ke.max(oe) as usize };
            let anchor = Anchor::of(&chars, span);
            let at = now();
            tx.execute(
                "UPDATE claims SET text = ?2, span_start = ?3, span_end = ?4, anchor_exact = ?2, anchor_prefix = ?5, anchor_suffix = ?6, updated_at = ?7 WHERE id = ?1",
                params![keep, anchor.exact, span.start as i64, span.end as i64, anchor.prefix, anchor.suffix, at],
            )?;
            tx.execute("UPDATE verdicts SET claim_id = ?1 WHERE claim_id = ?2", params![keep, other])?;
            tx.execute("UPDATE evidence SET claim_id = ?1 WHERE claim_id = ?2", params![keep, other])?;
            tx.execute("UPDATE OR IGNORE verdict_conflicts SET claim_id = ?1 WHERE claim_id = ?2", params![keep, other])?;
            // Relations move to the kept claim, except those between the two.
            tx.execute("DELETE FROM relations WHERE (a = ?1 AND b = ?2) OR (a = ?2 AND b = ?1)", params![keep, other])?;
            tx.execute("UPDATE OR IGNORE relations SET a = ?1 WHERE a = ?2", params![keep, other])?;
            tx.execute("UPDATE OR IGNORE relations SET b = ?1 WHERE b = ?2", params![keep, other])?;
            for table in ["claim_speakers", "claim_sources"] {
                tx.execute(
                    &format!(
                        "INSERT INTO {table}(claim_id, position, entity_id) SELECT ?1, (SELECT coalesce(max(position), -1) + 1 FROM {table} WHERE claim_id = ?1) + o.position, o.entity_id
                         FROM {table} o WHERE o.claim_id = ?2 AND o.entity_id NOT IN (SELECT entity_id FROM {table} WHERE claim_id = ?1)"
                    ),
                    params![keep, other],
                )?;
            }
            let names: Vec<String> = tx
                .prepare("SELECT e.name FROM claim_speakers cs JOIN entities e ON e.id = cs.entity_id WHERE cs.claim_id = ?1 ORDER BY cs.position")?
                .query_map([&keep], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            tx.execute("UPDATE claims SET speaker = ?2 WHERE id = ?1", params![keep, join_names(&names)])?;
            super::similar::forget(tx, &[&other])?;
            tx.execute("DELETE FROM claims WHERE id = ?1", [&other])?;
            super::similar::write_terms(tx, &[(keep.clone(), anchor.exact.clone())])?;
            log(tx, Some(&keep), Some(&article), Action::ClaimMerged, json!({"absorbed": other, "span": span}), &checker, &at)?;
            log(tx, Some(&other), Some(&article), Action::ClaimMerged, json!({"into": keep}), &checker, &at)
        })
    }

    /// Changes an article's details; the text and its claims stay as they are.
    pub fn update_article(
        &mut self,
        article_id: &str,
        meta: &ImportMeta,
        checker: &str,
    ) -> Result<()> {
        let checker = check_checker(checker)?.to_string();
        let title =
            optional_text(&meta.title).ok_or_else(|| Error::invalid("an article needs a title"))?;
        let url = optional_text(&meta.url)
            .map(|u| check_url(&u))
            .transpose()?;
        let published = optional_text(&meta.published)
            .map(|d| check_date(&d))
            .transpose()?;
        self.write(|tx| {
            let id = resolve_id(tx, Table::Articles, article_id)?;
            tx.execute(
                "UPDATE articles SET title = ?2, outlet = ?3, url = ?4, author = ?5, published = ?6 WHERE id = ?1",
                params![id, title, optional_text(&meta.outlet), url, optional_text(&meta.author), published],
            )?;
            log(tx, None, Some(&id), Action::ArticleEdited, json!({"title": title, "outlet": optional_text(&meta.outlet), "url": url, "author": optional_text(&meta.author), "published": published}), &checker, &now())
        })
    }

    /// Deletes a claim; its history stays in the audit trail.
    pub fn delete_claim(&mut self, claim_id: &str, checker: &str) -> Result<()> {
        let checker = check_checker(checker)?.to_string();
        self.write(|tx| {
            let claim = resolve_id(tx, Table::Claims, claim_id)?;
            let (article, text): (String, String) = tx.query_row(
                "SELECT article_id, text FROM claims WHERE id = ?1",
                [&claim],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
            super::similar::forget(tx, &[&claim])?;
            tx.execute("DELETE FROM claims WHERE id = ?1", [&claim])?;
            log(
                tx,
                Some(&claim),
                Some(&article),
                Action::ClaimDeleted,
                json!({"text": text}),
                &checker,
                &now(),
            )
        })
    }
}
