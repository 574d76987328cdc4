//! Claim matching in the store: "have we checked this before?"
//!
//! Every claim's normalised terms ([`crate::matching`]) are kept in
//! `claim_terms`, with an FTS5 index over them, and its vector in
//! `claim_vectors` ([`super::vectors`]). Suggestions for a claim take the
//! BM25 candidates of its rarer terms (and its nearest static vectors when
//! the encoder is missing), score each on meaning and wording (terms
//! weighted by inverse document frequency, numbers compared, negation turned
//! into a contradiction), let the encoder re-read the best ten with its own
//! nearest claims, and leave out pairs a checker has answered.

use rusqlite::{Connection, OptionalExtension, Transaction, params};
use rustc_hash::{FxHashMap, FxHashSet};
use serde::Serialize;
use serde_json::json;

use std::sync::Arc;

use super::write::{check_checker, log};
use super::{Store, Table};
use crate::embed::{self, Vector};
use crate::encoder::{Encoder, Encoding};
use crate::matching::{MatchKind, Names, Normaliser, RANKER, RERANKER, SUGGEST_AT, Terms, overlap};
use crate::model::{Action, Claim, new_id, now};
use crate::{Error, Result};

/// Bumped when normalisation changes: the store then rebuilds the index on open.
pub(crate) const INDEX_VERSION: &str = "1";
/// How many BM25 candidates the scorer looks at.
const CANDIDATES: usize = 200;
/// How many nearest vectors the scorer looks at.
const NEAREST: usize = 100;
/// How many of the first pass's best candidates the encoder re-ranks (at least the limit).
const RERANKED: usize = 10;
/// The score from which opposite polarity makes a suggestion a contradiction.
const CONTRADICTION_AT: f64 = 0.5;
/// How many encoder vectors of claims a store keeps in memory.
const ENCODED_KEPT: usize = 20_000;
/// How many of a claim's rarest terms the candidate query uses.
const RARE_TERMS: usize = 5;
/// How many postings the candidate query may walk (beyond its first pair).
const PAIR_BUDGET: f64 = 40_000.0;

/// What is matched: a stored claim's or a typed text's words and vectors.
pub(super) struct Query<'a> {
    pub(super) text: &'a str,
    /// The stored claim asked about (its encoder vector may be stored).
    pub(super) claim: Option<&'a str>,
    pub(super) terms: &'a Terms,
    pub(super) vector: Option<&'a Vector>,
    /// The similar-claims search (lists the best candidates), not suggestions.
    pub(super) search: bool,
}

/// A candidate as the ranker scored it.
pub(super) struct Scored {
    pub(super) score: f64,
    pub(super) o: crate::matching::Overlap,
    pub(super) quick: Option<f64>,
    pub(super) meaning: Option<f64>,
    /// The encoder's cosine less the best one among the candidates.
    pub(super) lead: Option<f64>,
    /// BM25 of the query's terms in this claim's ([`super::rerank::bm25`]).
    pub(super) bm25: f64,
    /// BM25 over the query's terms, as a share of the best candidate's.
    pub(super) lexical: Option<f64>,
    pub(super) id: String,
    /// The claim's rowid (set by the second pass): of claims that say the
    /// same, the earliest is shown.
    pub(super) rowid: i64,
    /// Later claims with the same words, folded into this one.
    pub(super) repeats: Vec<String>,
}

/// An earlier claim that may say the same thing, with what was found about it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Suggestion {
    /// The matching claim, with its current verdict and evidence: the precedent.
    pub claim: Claim,
    pub article_title: String,
    /// 0 to 1: with the models, the ranker's chance that the two are the
    /// same claim ([`crate::matching::RERANKER`], or [`crate::matching::RANKER`]
    /// without the encoder; suggested from its threshold); without the static
    /// model, the weighted term overlap (from [`crate::matching::SUGGEST_AT`]).
    pub score: f64,
    pub kind: MatchKind,
    /// The cosine of the two claims' sentence vectors: the encoder's when it
    /// re-ranked the pair, else the static model's; none when matching is lexical.
    pub meaning: Option<f64>,
    /// The static model's cosine (the first pass); none when matching is lexical.
    pub quick_meaning: Option<f64>,
    /// How much of the shorter claim's weighted terms the other has, 0 to 1.
    pub wording: f64,
    /// The encoder's cosine less the best one among the candidates (0 for
    /// the closest); none when the encoder did not re-rank.
    pub lead: Option<f64>,
    /// BM25 of the query's terms in this claim, as a share of the best
    /// candidate's; none when the encoder did not re-rank.
    pub lexical: Option<f64>,
    /// Later claims with the same words (the same claim stored again),
    /// folded into this one, the earliest.
    pub repeats: Vec<String>,
}

pub(super) fn terms_row(r: &rusqlite::Row<'_>, at: usize) -> rusqlite::Result<Terms> {
    let split = |s: String| -> Vec<String> {
        s.split(' ')
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect()
    };
    Ok(Terms {
        terms: split(r.get(at)?),
        numbers: split(r.get(at + 1)?),
        negated: r.get(at + 2)?,
        name_words: 0,
    })
}

/// Terms as the full-text index stores them: letters and digits only.
/// A stored claim's terms, or its text's when they were never stored.
/// A nearest vector's claim: (id, article id, terms), from a statement that
/// selects them (and the terms' numbers and polarity) by the vector's row id.
pub(super) fn candidate_row(
    stmt: &mut rusqlite::CachedStatement<'_>,
    vector_id: i64,
) -> rusqlite::Result<Option<(String, String, Terms)>> {
    stmt.query_row([vector_id], |r| {
        Ok((r.get(0)?, r.get(1)?, terms_row(r, 2)?))
    })
    .optional()
}

fn terms_of(conn: &rusqlite::Connection, id: &str, names: &Names) -> Result<Terms> {
    let stored = conn
        .prepare_cached("SELECT terms, numbers, negated FROM claim_terms WHERE claim_id = ?1")?
        .query_row([id], |r| terms_row(r, 0))
        .optional()?;
    match stored {
        Some(t) => Ok(t),
        None => {
            let text: String =
                conn.query_row("SELECT text FROM claims WHERE id = ?1", [id], |r| r.get(0))?;
            Ok(terms_of_text(&text, names))
        }
    }
}

fn terms_of_text(text: &str, names: &Names) -> Terms {
    let t = Normaliser::default().terms(text, names);
    // Compared in the form the index keeps.
    Terms {
        terms: index_form(&t)
            .split(' ')
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect(),
        ..t
    }
}

fn index_form(terms: &Terms) -> String {
    terms
        .terms
        .iter()
        .map(|t| {
            t.chars()
                .map(|c| if c == '.' { 'd' } else { c })
                .filter(|c| c.is_alphanumeric())
                .collect::<String>()
        })
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Every alias of every entity, for normalising names.
pub(super) fn load_names(conn: &Connection) -> Result<Names> {
    let mut stmt = conn.prepare_cached(
        "SELECT a.alias, e.name FROM entity_aliases a JOIN entities e ON e.id = a.entity_id",
    )?;
    let pairs: Vec<(String, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(Names::new(
        pairs.iter().map(|(a, n)| (a.as_str(), n.as_str())),
    ))
}

/// Writes the terms of the claims whose rowid is above `after`, and indexes them.
pub(super) fn index_terms(tx: &Transaction<'_>, after: i64) -> Result<()> {
    let new: Vec<(String, String)> = tx
        .prepare_cached("SELECT id, text FROM claims WHERE rowid > ?1 ORDER BY rowid")?
        .query_map([after], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    if new.is_empty() {
        return Ok(());
    }
    write_terms(tx, &new)
}

/// Adds `delta` to the document frequency of each term of `terms` (space-separated).
fn count_terms(counts: &mut FxHashMap<String, i64>, terms: &str, delta: i64) {
    for t in terms.split(' ').filter(|t| !t.is_empty()) {
        *counts.entry(t.to_string()).or_default() += delta;
    }
    *counts.entry(String::new()).or_default() += delta;
}

/// Applies counted changes to `term_df`, one statement per distinct term.
fn apply_counts(tx: &Transaction<'_>, counts: FxHashMap<String, i64>) -> Result<()> {
    let mut up = tx.prepare_cached(
        "INSERT INTO term_df(term, df) VALUES (?1, ?2) ON CONFLICT(term) DO UPDATE SET df = df + excluded.df",
    )?;
    for (term, delta) in counts.iter().filter(|(_, d)| **d != 0) {
        up.execute(params![term, delta])?;
    }
    tx.execute("DELETE FROM term_df WHERE df <= 0 AND term <> ''", [])?;
    Ok(())
}

/// Takes claims out of the matching index (before they are deleted).
pub(super) fn forget(tx: &Transaction<'_>, ids: &[&str]) -> Result<()> {
    let mut counts = FxHashMap::default();
    {
        let mut del =
            tx.prepare_cached("DELETE FROM claim_terms WHERE claim_id = ?1 RETURNING terms")?;
        for id in ids {
            if let Some(old) = del.query_row([id], |r| r.get::<_, String>(0)).optional()? {
                count_terms(&mut counts, &old, -1);
            }
        }
    }
    apply_counts(tx, counts)
}

/// Writes (or rewrites) the terms of the given claims, and indexes them.
pub(super) fn write_terms(tx: &Transaction<'_>, claims: &[(String, String)]) -> Result<()> {
    if claims.is_empty() {
        return Ok(());
    }
    let names = load_names(tx)?;
    let norm = Normaliser::default();
    // Old rows go first: a new row may take a deleted row's rowid, and the
    // mark must be below every new row.
    forget(
        tx,
        &claims.iter().map(|(id, _)| id.as_str()).collect::<Vec<_>>(),
    )?;
    let mark: i64 = tx.query_row("SELECT coalesce(max(rowid), 0) FROM claim_terms", [], |r| {
        r.get(0)
    })?;
    let mut counts = FxHashMap::default();
    {
        let mut ins = tx.prepare_cached(
            "INSERT INTO claim_terms(claim_id, terms, numbers, negated) VALUES (?1, ?2, ?3, ?4)",
        )?;
        for (id, text) in claims {
            let t = norm.terms(text, &names);
            let terms = index_form(&t);
            count_terms(&mut counts, &terms, 1);
            ins.execute(params![id, terms, t.numbers.join(" "), t.negated])?;
        }
    }
    apply_counts(tx, counts)?;
    tx.execute(
        "INSERT INTO claim_terms_fts(rowid, terms) SELECT rowid, terms FROM claim_terms WHERE rowid > ?1",
        [mark],
    )?;
    super::vectors::write_vectors(tx, claims)
}

/// Orders a pair of claim ids as `claim_links` keeps them.
fn pair<'a>(a: &'a str, b: &'a str) -> (&'a str, &'a str) {
    if a < b { (a, b) } else { (b, a) }
}

impl Store {
    /// Rebuilds every claim's terms when the normalisation has changed (or on
    /// first open of a database made before matching), in one bulk write.
    pub(super) fn ensure_matching_index(&mut self) -> Result<()> {
        if self.setting("matching_index")?.as_deref() == Some(INDEX_VERSION) {
            return Ok(());
        }
        self.bulk(|store| {
            store.write(|tx| {
                tx.execute("DELETE FROM claim_terms", [])?;
                tx.execute("DELETE FROM term_df", [])?;
                tx.execute(
                    "INSERT INTO claim_terms_fts(claim_terms_fts) VALUES ('delete-all')",
                    [],
                )?;
                let all: Vec<(String, String)> = tx
                    .prepare("SELECT id, text FROM claims ORDER BY rowid")?
                    .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                    .collect::<rusqlite::Result<_>>()?;
                write_terms(tx, &all)?;
                super::put_setting(tx, "matching_index", INDEX_VERSION)
            })
        })
    }

    /// The terms of a claim as matching sees them.
    fn terms_of(&self, id: &str) -> Result<Terms> {
        terms_of(&self.conn, id, &*self.names()?)
    }

    fn terms_of_text(&self, text: &str) -> Result<Terms> {
        Ok(terms_of_text(text, &*self.names()?))
    }

    /// The names map, rebuilt only when aliases were added.
    fn names(&self) -> Result<std::sync::Arc<Names>> {
        let key: i64 = self.conn.query_row(
            "SELECT coalesce(max(rowid), 0) FROM entity_aliases",
            [],
            |r| r.get(0),
        )?;
        let mut cache = self.names.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((_, names)) = cache.as_ref().filter(|(k, _)| *k == key) {
            return Ok(names.clone());
        }
        let names = std::sync::Arc::new(load_names(&self.conn)?);
        *cache = Some((key, names.clone()));
        Ok(names)
    }

    /// How many claims have each term.
    fn document_frequencies(&self, terms: &FxHashSet<&str>) -> Result<FxHashMap<String, i64>> {
        let mut out = FxHashMap::default();
        let mut stmt = self
            .conn
            .prepare_cached("SELECT df FROM term_df WHERE term = ?1")?;
        for t in terms {
            if let Some(df) = stmt.query_row([t], |r| r.get::<_, i64>(0)).optional()? {
                out.insert(t.to_string(), df);
            }
        }
        Ok(out)
    }

    /// The score from which matches are suggested, with the models this
    /// process has: the re-ranker's, the first pass's, or the word scorer's.
    pub fn suggestion_threshold() -> f64 {
        match (embed::shipped().is_ok(), crate::encoder::shipped().is_ok()) {
            (true, true) => RERANKER.suggest_at,
            (true, false) => RANKER.suggest_at,
            _ => SUGGEST_AT,
        }
    }

    /// Earlier claims that may say the same thing as `claim_id` (or contradict
    /// it), best first, from the suggestion threshold up; pairs a checker
    /// confirmed or rejected are left out.
    pub fn similar(&self, claim_id: &str, limit: usize) -> Result<Vec<Suggestion>> {
        self.similar_from(claim_id, limit, None)
    }

    /// [`Store::similar`] from another threshold: for calibrating it.
    pub fn similar_at(
        &self,
        claim_id: &str,
        limit: usize,
        threshold: f64,
    ) -> Result<Vec<Suggestion>> {
        self.similar_from(claim_id, limit, Some(threshold))
    }

    fn similar_from(
        &self,
        claim_id: &str,
        limit: usize,
        threshold: Option<f64>,
    ) -> Result<Vec<Suggestion>> {
        let id = self.resolve_id(Table::Claims, claim_id)?;
        let terms = self.terms_of(&id)?;
        let answered: FxHashSet<String> = self
            .conn
            .prepare_cached("SELECT CASE WHEN a = ?1 THEN b ELSE a END FROM claim_links WHERE a = ?1 OR b = ?1 UNION SELECT CASE WHEN a = ?1 THEN b ELSE a END FROM relations WHERE a = ?1 OR b = ?1")?
            .query_map([&id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        // Claims of the same article overlap this one's text; precedents come from elsewhere.
        let (article, text): (String, String) = self.conn.query_row(
            "SELECT article_id, text FROM claims WHERE id = ?1",
            [&id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let vector = self.vector_of(&id)?;
        let query = Query {
            text: &text,
            claim: Some(&id),
            terms: &terms,
            vector: vector.as_ref(),
            search: false,
        };
        self.suggest(&query, limit, threshold, |other, other_article| {
            other != id && other_article != article && !answered.contains(other)
        })
    }

    /// Claims that say what `text` says, best first: the "similar claims"
    /// search, from [`crate::matching::Ranker::search_from`] up.
    pub fn similar_to_text(&self, text: &str, limit: usize) -> Result<Vec<Suggestion>> {
        self.similar_to_text_at(text, limit, None)
    }

    /// [`Store::similar_to_text`] from another threshold than the ranker's
    /// (`None`): `Some(0.0)` ranks every candidate, for calibrating.
    pub fn similar_to_text_at(
        &self,
        text: &str,
        limit: usize,
        threshold: Option<f64>,
    ) -> Result<Vec<Suggestion>> {
        let terms = self.terms_of_text(text)?;
        if !terms.matchable() {
            return Err(Error::invalid(format!(
                "give at least {} words that say something (names, numbers, what happened) to find similar claims",
                crate::matching::MIN_TERMS
            )));
        }
        let vector = embed::shipped().ok().map(|m| m.embed(text));
        let query = Query {
            text,
            claim: None,
            terms: &terms,
            vector: vector.as_ref(),
            search: true,
        };
        self.suggest(&query, limit, threshold, |_, _| true)
    }

    /// The encoder's vector of a text, kept for the store's lifetime (the
    /// same claims come back as candidates again and again).
    pub(super) fn encoded(
        &self,
        encoder: &Encoder,
        model: &embed::Model,
        text: &str,
    ) -> Arc<Encoding> {
        let mut cache = self.encoded.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(v) = cache.get(text) {
            return v.clone();
        }
        if cache.len() >= ENCODED_KEPT {
            cache.clear();
        }
        let v = Arc::new(encoder.encode(model, text));
        cache.insert(text.to_string(), v.clone());
        v
    }

    /// A claim's stored vector, or none (no model when it was written).
    fn vector_of(&self, id: &str) -> Result<Option<Vector>> {
        if embed::shipped().is_err() {
            return Ok(None);
        }
        let bytes: Option<Vec<u8>> = self
            .conn
            .prepare_cached("SELECT vector FROM claim_vectors WHERE claim_id = ?1")?
            .query_row([id], |r| r.get(0))
            .optional()?;
        Ok(bytes.and_then(|b| Vector::from_bytes(&b)))
    }

    /// The ranker: candidates from BM25 over the rarest terms and from the
    /// nearest vectors, each scored on meaning and wording together.
    fn suggest(
        &self,
        query: &Query<'_>,
        limit: usize,
        threshold: Option<f64>,
        keep: impl Fn(&str, &str) -> bool,
    ) -> Result<Vec<Suggestion>> {
        let (terms, vector) = (query.terms, query.vector);
        if !terms.matchable() {
            return Ok(Vec::new());
        }
        let total: i64 = self.conn.query_row(
            "SELECT coalesce((SELECT df FROM term_df WHERE term = ''), 0)",
            [],
            |r| r.get(0),
        )?;
        let query_terms: FxHashSet<&str> = terms.terms.iter().map(String::as_str).collect();
        let mut df = self.document_frequencies(&query_terms)?;
        let mut candidates = self.lexical_candidates(terms, &df)?;
        candidates.retain(|(id, article, _)| keep(id, article));
        let mut cosines: FxHashMap<String, f64> = FxHashMap::default();
        let semantic = vector.is_some();
        // With the encoder, its nearest claims join in the second pass and
        // the static model only scores the lexical candidates (claims the
        // background pass has not read yet are found by their words).
        let encoder = (semantic && limit > 0)
            .then(|| Some((crate::encoder::shipped().ok()?, embed::shipped().ok()?)))
            .flatten();
        if let Some(q) = vector.filter(|_| encoder.is_none()) {
            let index = self.vector_index()?;
            let mut row = self.conn.prepare_cached(
                "SELECT c.id, c.article_id, t.terms, t.numbers, t.negated FROM claim_vectors v
                 JOIN claims c ON c.id = v.claim_id JOIN claim_terms t ON t.claim_id = c.id WHERE v.id = ?1",
            )?;
            let seen: FxHashSet<String> = candidates.iter().map(|(id, _, _)| id.clone()).collect();
            for (vid, cos) in index.index.nearest(q, NEAREST) {
                let Some((id, article, t)) = candidate_row(&mut row, vid)? else {
                    continue;
                };
                if !keep(&id, &article) {
                    continue;
                }
                cosines.insert(id.clone(), f64::from(cos));
                if !seen.contains(&id) {
                    candidates.push((id, article, t));
                }
            }
        }
        if let Some(q) = vector {
            // Lexical candidates the nearest vectors missed are compared too.
            for (id, _, _) in &candidates {
                if !cosines.contains_key(id) {
                    let cos = self.vector_of(id)?.map_or(0.0, |v| f64::from(q.cosine(&v)));
                    cosines.insert(id.clone(), cos);
                }
            }
        }
        let unseen: FxHashSet<&str> = candidates
            .iter()
            .flat_map(|(_, _, t)| t.terms.iter().map(String::as_str))
            .filter(|t| !df.contains_key(*t))
            .collect();
        df.extend(self.document_frequencies(&unseen)?);
        let n = total.max(1) as f64;
        let weight = |t: &str| (1.0 + n / df.get(t).copied().unwrap_or(1).max(1) as f64).ln();
        let mut scored: Vec<Scored> = candidates
            .into_iter()
            .map(|(id, _, t)| {
                let o = overlap(terms, &t, &weight);
                let quick = cosines.get(&id).copied().filter(|_| semantic);
                let score = match quick {
                    Some(cos) => RANKER.score(cos, &o),
                    None if o.numbers_differ => o.dice * 0.5,
                    None => o.dice,
                };
                Scored {
                    score,
                    o,
                    quick,
                    meaning: quick,
                    lead: None,
                    bm25: super::rerank::bm25(terms, &t, &weight),
                    lexical: None,
                    id,
                    rowid: 0,
                    repeats: Vec::new(),
                }
            })
            .collect();
        scored.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| a.id.cmp(&b.id)));
        // The best few, and the encoder's nearest, are read whole by the encoder.
        let (suggest_at, search_from) = match &encoder {
            Some((enc, model)) => {
                scored.truncate(RERANKED.max(limit));
                self.rerank(query, &mut scored, enc, model, &keep, &weight)?;
                (RERANKER.suggest_at, RERANKER.search_from)
            }
            None if semantic => (RANKER.suggest_at, RANKER.search_from),
            None => (SUGGEST_AT, SUGGEST_AT),
        };
        let threshold = threshold.unwrap_or(if query.search {
            search_from
        } else {
            suggest_at
        });
        scored.retain(|c| c.score >= threshold);
        scored.truncate(limit);
        // `+ 0.0` turns a rounded -0.0 into 0.0.
        let round = |x: f64| (x * 1000.0).round() / 1000.0 + 0.0;
        let mut out = Vec::with_capacity(scored.len());
        for c in scored {
            // Opposite polarity makes a contradiction only of a likely match:
            // a weak suggestion with a "not" in one of the two is just similar.
            let kind = if c.score >= suggest_at.max(CONTRADICTION_AT) {
                c.o.kind
            } else {
                MatchKind::Same
            };
            let claim = self.claim(&c.id)?;
            let article_title: String = self.conn.query_row(
                "SELECT title FROM articles WHERE id = ?1",
                [&claim.article_id],
                |r| r.get(0),
            )?;
            out.push(Suggestion {
                claim,
                article_title,
                score: round(c.score),
                kind,
                meaning: c.meaning.map(round),
                quick_meaning: c.quick.map(round),
                wording: round(c.o.contained()),
                lead: c.lead.map(round),
                lexical: c.lexical.map(round),
                repeats: c.repeats,
            });
        }
        Ok(out)
    }

    /// The claims that share at least two of the query's rarest terms, best
    /// BM25 first: (id, article id, terms).
    fn lexical_candidates(
        &self,
        terms: &Terms,
        df: &FxHashMap<String, i64>,
    ) -> Result<Vec<(String, String, Terms)>> {
        // The rarest terms find the candidates; common ones would only add noise and time.
        let mut by_rarity: Vec<(&str, i64)> = terms
            .terms
            .iter()
            .map(String::as_str)
            .collect::<FxHashSet<&str>>()
            .into_iter()
            .filter_map(|t| df.get(t).map(|d| (t, *d)))
            .collect();
        by_rarity.sort_by_key(|(t, d)| (*d, *t));
        // A claim that says the same thing shares at least two of this one's
        // rarest terms: the candidates are the claims that do, which FTS5
        // finds by intersecting posting lists and ranks by BM25. Pairs of
        // common words (long posting lists) are left out beyond a budget of
        // postings, so that no query walks half the index.
        let rare: Vec<(&str, i64)> = by_rarity.iter().take(RARE_TERMS).copied().collect();
        let query = match rare.as_slice() {
            [] => return Ok(Vec::new()),
            [(t, _)] => format!("\"{t}\""),
            _ => {
                let mut pairs: Vec<(f64, String)> = Vec::new();
                for i in 0..rare.len() {
                    for j in i + 1..rare.len() {
                        // FTS5 walks both posting lists to intersect them.
                        let estimate = (rare[i].1 + rare[j].1) as f64;
                        pairs.push((
                            estimate,
                            format!("(\"{}\" AND \"{}\")", rare[i].0, rare[j].0),
                        ));
                    }
                }
                pairs.sort_by(|a, b| a.0.total_cmp(&b.0));
                let mut spent = 0.0;
                let mut chosen = Vec::new();
                for (estimate, pair) in pairs {
                    if !chosen.is_empty() && spent + estimate > PAIR_BUDGET {
                        break;
                    }
                    spent += estimate;
                    chosen.push(pair);
                }
                chosen.join(" OR ")
            }
        };
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.id, c.article_id, t.terms, t.numbers, t.negated
             FROM (SELECT rowid, rank FROM claim_terms_fts WHERE claim_terms_fts MATCH ?1 ORDER BY rank LIMIT ?2) f
             JOIN claim_terms t ON t.rowid = f.rowid JOIN claims c ON c.id = t.claim_id
             ORDER BY f.rank",
        )?;
        Ok(stmt
            .query_map(params![query, CANDIDATES as i64], |r| {
                Ok((r.get(0)?, r.get(1)?, terms_row(r, 2)?))
            })?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// The claims a checker confirmed as the same claim as this one.
    pub fn same_claims(&self, claim_id: &str) -> Result<Vec<String>> {
        let id = self.resolve_id(Table::Claims, claim_id)?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT CASE WHEN a = ?1 THEN b ELSE a END FROM claim_links WHERE (a = ?1 OR b = ?1) AND state = 'same' ORDER BY at",
        )?;
        Ok(stmt
            .query_map([&id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// A checker confirms a suggestion: the same claim (the two are linked and
    /// show each other), or, when one negates the other, a contradiction (a
    /// relation, as the extractor makes).
    pub fn confirm_match(&mut self, a: &str, b: &str, checker: &str) -> Result<MatchKind> {
        let checker = check_checker(checker)?.to_string();
        let names = self.names()?;
        self.write(|tx| {
            let a = super::resolve_id(tx, Table::Claims, a)?;
            let b = super::resolve_id(tx, Table::Claims, b)?;
            if a == b {
                return Err(Error::invalid("a claim cannot be matched with itself"));
            }
            let (ta, tb) = (terms_of(tx, &a, &names)?, terms_of(tx, &b, &names)?);
            let kind = if ta.negated != tb.negated {
                MatchKind::Contradicts
            } else {
                MatchKind::Same
            };
            let at = now();
            let (x, y) = pair(&a, &b);
            match kind {
                MatchKind::Same => {
                    tx.execute(
                        "INSERT INTO claim_links(a, b, state, checker, at) VALUES (?1, ?2, 'same', ?3, ?4)
                         ON CONFLICT(a, b) DO UPDATE SET state = 'same', checker = excluded.checker, at = excluded.at",
                        params![x, y, checker, at],
                    )?;
                }
                MatchKind::Contradicts => {
                    tx.execute("DELETE FROM claim_links WHERE a = ?1 AND b = ?2", params![x, y])?;
                    tx.execute(
                        "INSERT OR IGNORE INTO relations(id, kind, a, b, note, created_at) VALUES (?1, 'contradicts', ?2, ?3, ?4, ?5)",
                        params![new_id(), a, b, format!("confirmed by {checker}"), at],
                    )?;
                }
            }
            for (this, other) in [(&a, &b), (&b, &a)] {
                log(tx, Some(this), None, Action::MatchConfirmed, json!({"other": other, "kind": kind}), &checker, &at)?;
            }
            Ok(kind)
        })
    }

    /// A checker rejects a suggestion: the pair is not suggested again.
    pub fn reject_match(&mut self, a: &str, b: &str, checker: &str) -> Result<()> {
        let checker = check_checker(checker)?.to_string();
        self.write(|tx| {
            let a = super::resolve_id(tx, Table::Claims, a)?;
            let b = super::resolve_id(tx, Table::Claims, b)?;
            if a == b {
                return Err(Error::invalid("a claim cannot be matched with itself"));
            }
            let at = now();
            let (x, y) = pair(&a, &b);
            tx.execute(
                "INSERT INTO claim_links(a, b, state, checker, at) VALUES (?1, ?2, 'rejected', ?3, ?4)
                 ON CONFLICT(a, b) DO UPDATE SET state = 'rejected', checker = excluded.checker, at = excluded.at",
                params![x, y, checker, at],
            )?;
            for (this, other) in [(&a, &b), (&b, &a)] {
                log(tx, Some(this), None, Action::MatchRejected, json!({"other": other}), &checker, &at)?;
            }
            Ok(())
        })
    }
}
