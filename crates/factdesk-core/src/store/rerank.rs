//! The second pass of claim matching: the encoder's reading of the best
//! candidates ([`crate::encoder`]), scored by [`RERANKER`], and claims stored
//! twice folded into the earliest.

use std::sync::Arc;

use rusqlite::OptionalExtension;
use rustc_hash::{FxHashMap, FxHashSet};

use super::Store;
use super::similar::{Query, Scored, candidate_row};
use crate::Result;
use crate::embed;
use crate::encoder::{Encoder, Encoding};
use crate::matching::{RERANKER, Terms, overlap};

/// How many nearest encoder vectors the second pass adds.
const DEEP_NEAREST: usize = 50;

impl Store {
    /// The second pass: the first pass's best and the encoder's nearest
    /// claims, each scored by [`RERANKER`] on the encoder's cosine, its lead
    /// over the best, BM25 and the wording; claims with the same words fold
    /// into the earliest, which takes the best score among them.
    pub(super) fn rerank(
        &self,
        query: &Query<'_>,
        scored: &mut Vec<Scored>,
        enc: &Encoder,
        model: &embed::Model,
        keep: &dyn Fn(&str, &str) -> bool,
        weight: &dyn Fn(&str) -> f64,
    ) -> Result<()> {
        let q = match query
            .claim
            .map(|id| self.encoding_of(id))
            .transpose()?
            .flatten()
        {
            Some(stored) => Arc::new(stored),
            None => self.encoded(enc, model, query.text),
        };
        let index = self.encoding_index()?;
        let mut row = self.conn.prepare_cached(
            "SELECT c.id, c.article_id, t.terms, t.numbers, t.negated FROM claim_encodings e
             JOIN claims c ON c.id = e.claim_id JOIN claim_terms t ON t.claim_id = c.id WHERE e.id = ?1",
        )?;
        let mut deep: FxHashMap<String, f64> = FxHashMap::default();
        let seen: FxHashSet<String> = scored.iter().map(|c| c.id.clone()).collect();
        for (eid, cos) in index.index.nearest_by_signs(&q, DEEP_NEAREST) {
            let Some((id, article, t)) = candidate_row(&mut row, eid)? else {
                continue;
            };
            if !keep(&id, &article) {
                continue;
            }
            deep.insert(id.clone(), f64::from(cos));
            if !seen.contains(&id) {
                let o = overlap(query.terms, &t, weight);
                scored.push(Scored {
                    score: 0.0,
                    o,
                    quick: None,
                    meaning: None,
                    lead: None,
                    bm25: bm25(query.terms, &t, weight),
                    lexical: None,
                    id,
                    rowid: 0,
                    repeats: Vec::new(),
                });
            }
        }
        let mut texts = self
            .conn
            .prepare_cached("SELECT rowid, text FROM claims WHERE id = ?1")?;
        let mut keys = Vec::with_capacity(scored.len());
        for c in scored.iter_mut() {
            let (rowid, text): (i64, String) =
                texts.query_row([&c.id], |r| Ok((r.get(0)?, r.get(1)?)))?;
            c.rowid = rowid;
            let cos = match deep.get(&c.id) {
                Some(cos) => *cos,
                None => match self.encoding_of(&c.id)? {
                    Some(e) => f64::from(q.cosine(&e)),
                    None => f64::from(q.cosine(&self.encoded(enc, model, &text))),
                },
            };
            c.meaning = Some(cos);
            keys.push(crate::matching::same_words_key(&text));
        }
        let best_cos = scored
            .iter()
            .filter_map(|c| c.meaning)
            .fold(f64::MIN, f64::max);
        let best_bm25 = scored.iter().map(|c| c.bm25).fold(0.0, f64::max);
        for c in scored.iter_mut() {
            let cos = c.meaning.unwrap_or(0.0);
            let lead = cos - best_cos;
            let lexical = if best_bm25 > 0.0 {
                c.bm25 / best_bm25
            } else {
                0.0
            };
            c.lead = Some(lead);
            c.lexical = Some(lexical);
            c.score = RERANKER.score(cos, lead, lexical, &c.o);
        }
        // Claims with the same words are one claim stored again: the earliest
        // stands for them all, with the best score among them.
        let mut groups: FxHashMap<String, usize> = FxHashMap::default();
        let mut folded: Vec<Scored> = Vec::with_capacity(scored.len());
        let mut order: Vec<(Scored, String)> = scored.drain(..).zip(keys).collect();
        order.sort_by_key(|(c, _)| c.rowid);
        for (c, key) in order {
            match groups.get(&key) {
                Some(&at) if !key.is_empty() => {
                    let first = &mut folded[at];
                    if c.score > first.score {
                        first.score = c.score;
                        first.meaning = c.meaning;
                        first.lead = c.lead;
                        first.lexical = c.lexical;
                        first.quick = c.quick.or(first.quick);
                        first.o = c.o;
                    }
                    first.repeats.push(c.id);
                }
                _ => {
                    groups.insert(key, folded.len());
                    folded.push(c);
                }
            }
        }
        folded.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.rowid.cmp(&b.rowid)));
        *scored = folded;
        Ok(())
    }

    /// A claim's stored encoder vector, if the background pass has read it.
    pub(super) fn encoding_of(&self, id: &str) -> Result<Option<Encoding>> {
        let bytes: Option<Vec<u8>> = self
            .conn
            .prepare_cached("SELECT vector FROM claim_encodings WHERE claim_id = ?1")?
            .query_row([id], |r| r.get(0))
            .optional()?;
        Ok(bytes.and_then(|b| Encoding::from_bytes(&b)))
    }
}

/// BM25 of the query's terms in a claim's (each term once; a claim's length
/// is its count of terms, against a typical claim's 12).
pub(super) fn bm25(query: &Terms, claim: &Terms, weight: &dyn Fn(&str) -> f64) -> f64 {
    const K1: f64 = 1.2;
    const B: f64 = 0.75;
    const TYPICAL_TERMS: f64 = 12.0;
    let norm = 1.0 - B + B * claim.terms.len() as f64 / TYPICAL_TERMS;
    let have: FxHashSet<&str> = claim.terms.iter().map(String::as_str).collect();
    query
        .terms
        .iter()
        .filter(|t| have.contains(t.as_str()))
        .map(|t| weight(t) * (K1 + 1.0) / (1.0 + K1 * norm))
        .sum()
}
