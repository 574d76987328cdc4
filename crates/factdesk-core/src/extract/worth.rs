//! Learned check-worthiness: how likely a checker is to want a sentence
//! checked, from 0 to 1.
//!
//! A logistic regression over TF-IDF weights of hashed features, fitted on
//! the train split of CheckThat! 2024 Task 1 English (US debate sentences
//! that annotators marked check-worthy or not) by
//! `scripts/train-checkworthiness.py`. The features are the sentence's words
//! (numbers by their shape: "2,400" is "0,000"), its pairs of adjacent words,
//! and the 3- and 4-byte pieces of each word padded with spaces, hashed into
//! [`BUCKETS`] buckets: words and pairs in the lower half, pieces in the upper,
//! each half weighted and normalised on its own. Beside them, what the words
//! mean: one weight per WordPiece token of all-MiniLM-L6-v2's vocabulary,
//! averaged over the sentence's tokens. It is the regression's weight on the
//! mean of the static matching model's token rows (`embed`), folded into one
//! number a token when training, so words never seen in train weigh what
//! words of like meaning weigh. The weights and the vocabulary
//! (`data/checkworthiness.bin`, no text of the data set) are compiled in.
//!
//! Every part of the score is a sum over words, so it can say which words
//! raised it ([`explain`]).
//!
//! The training script takes its features from this module (the
//! `worth_features` example), so both sides hash alike.

use std::ops::Range;
use std::sync::LazyLock;

use super::tokens::{Doc, TokKind};
use crate::wordpiece::WordPiece;

/// Buckets of the hashed features.
pub(crate) const BUCKETS: usize = 1 << 17;
/// The first bucket of the word pieces; words and pairs come before.
const PIECES: u32 = (BUCKETS / 2) as u32;
/// Longer words give pieces of their first this many bytes only.
const LONGEST_WORD: usize = 24;

const WEIGHTS: &[u8] = include_bytes!("data/checkworthiness.bin");
const MAGIC: &[u8; 8] = b"FDCW\x02\0\0\0";

struct Weights {
    bias: f32,
    /// The score from which a sentence the statement rules pass over is a
    /// claim: out of fold, 90% of train's check-worthy sentences score it or
    /// more (written by the training script).
    claim_at: f32,
    /// Each bucket's inverse document frequency and coefficient, quantised,
    /// side by side: a bucket read is one cache line, not two.
    table: Vec<(u16, i16)>,
    coef_scale: f32,
    /// The WordPiece vocabulary and each token's weight, quantised.
    pieces: WordPiece,
    piece_weight: Vec<i16>,
    piece_scale: f32,
}

/// The weights file, all little-endian: the magic; the bucket count (u32);
/// the bias, the coefficient scale, the claim threshold and the token weight
/// scale (f32); the token count (u32); every bucket's idf (u16, in any unit:
/// the weights are normalised), every bucket's coefficient (i16) and every
/// token's weight (i16); then the vocabulary, one token a line.
fn parse(b: &[u8]) -> Option<Weights> {
    let rest = b.strip_prefix(MAGIC)?;
    let u32_at = |i: usize| Some(u32::from_le_bytes(rest.get(i..i + 4)?.try_into().ok()?));
    let f32_at = |i: usize| u32_at(i).map(f32::from_bits);
    if u32_at(0)? as usize != BUCKETS {
        return None;
    }
    let (bias, coef_scale, claim_at, piece_scale) =
        (f32_at(4)?, f32_at(8)?, f32_at(12)?, f32_at(16)?);
    let n = u32_at(20)? as usize;
    let i16s = |b: &[u8]| -> Vec<i16> {
        b.chunks_exact(2)
            .map(|c| i16::from_le_bytes([c[0], c[1]]))
            .collect()
    };
    let table = rest.get(24..24 + BUCKETS * 4 + n * 2)?;
    let (idf, table) = table.split_at(BUCKETS * 2);
    let (coef, piece_weight) = table.split_at(BUCKETS * 2);
    let vocab = std::str::from_utf8(rest.get(24 + BUCKETS * 4 + n * 2..)?).ok()?;
    let tokens: Vec<&str> = vocab.split('\n').collect();
    if tokens.len() != n {
        return None;
    }
    Some(Weights {
        bias,
        claim_at,
        table: idf
            .chunks_exact(2)
            .map(|c| u16::from_le_bytes([c[0], c[1]]))
            .zip(i16s(coef))
            .collect(),
        coef_scale,
        pieces: WordPiece::new(&tokens).ok()?,
        piece_weight: i16s(piece_weight),
        piece_scale,
    })
}

static MODEL: LazyLock<Weights> = LazyLock::new(|| {
    // The file is compiled in and checked by a unit test; a bad one is a build bug.
    parse(WEIGHTS).expect("extract/data/checkworthiness.bin is a weights file")
});

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

fn fnv(seed: u64, bytes: impl IntoIterator<Item = u8>) -> u64 {
    bytes.into_iter().fold(FNV_OFFSET ^ seed, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(FNV_PRIME)
    })
}

/// A hash's bucket in `0..PIECES`, after one more mixing round (FNV's low
/// bits alone spread short keys poorly).
fn bucket(h: u64) -> u32 {
    let h = (h ^ (h >> 29)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    ((h ^ (h >> 32)) % u64::from(PIECES)) as u32
}

/// The word a token stands for in the features: its lower-case form, digits
/// as 0; `None` for punctuation other than `%`, `$` and `?`.
fn word_hash(doc: &Doc, i: usize) -> Option<(u64, bool)> {
    let t = &doc.toks[i];
    match t.kind {
        TokKind::Word => Some((fnv(1, t.lower.bytes()), true)),
        TokKind::Number => Some((
            fnv(
                1,
                t.lower
                    .bytes()
                    .map(|b| if b.is_ascii_digit() { b'0' } else { b }),
            ),
            false,
        )),
        TokKind::Punct(c @ ('%' | '$' | '?')) => Some((fnv(1, [c as u8]), false)),
        TokKind::Punct(_) => None,
    }
}

/// The features of tokens `r`, one bucket per occurrence, appended to `out`.
pub(crate) fn features(doc: &Doc, r: Range<usize>, out: &mut Vec<u32>) {
    each_feature(doc, r, |b, _| out.push(b));
}

/// Every feature of tokens `r` with the tokens it comes from: a word and its
/// pieces from one, a pair from two.
fn each_feature(doc: &Doc, r: Range<usize>, mut emit: impl FnMut(u32, (usize, Option<usize>))) {
    let mut previous: Option<(u64, usize)> = None;
    for i in r {
        let Some((h, is_word)) = word_hash(doc, i) else {
            continue;
        };
        emit(bucket(h), (i, None));
        if let Some((p, at)) = previous {
            emit(
                bucket(p.rotate_left(17) ^ h ^ 0x9e37_79b9_7f4a_7c15),
                (at, Some(i)),
            );
        }
        previous = Some((h, i));
        if is_word {
            let w = doc.toks[i].lower.as_bytes();
            let w = &w[..w.len().min(LONGEST_WORD)];
            let padded = |k: usize| {
                if k == 0 || k == w.len() + 1 {
                    b' '
                } else {
                    w[k - 1]
                }
            };
            for n in [3usize, 4] {
                for s in 0..(w.len() + 2).saturating_sub(n - 1) {
                    emit(
                        PIECES + bucket(fnv(n as u64, (s..s + n).map(padded))),
                        (i, None),
                    );
                }
            }
        }
    }
}

/// Each token of `r` with its share of the score's log-odds (the bias
/// left out): a feature's part goes to the tokens it comes from, split evenly
/// over its occurrences, and a WordPiece token's weight to the word it is
/// part of. The shares add up to the score's log-odds less the bias.
pub(crate) fn shares(doc: &Doc, r: Range<usize>) -> Vec<(usize, f64)> {
    let m = &*MODEL;
    let mut occurrences: Vec<(u32, (usize, Option<usize>))> = Vec::new();
    each_feature(doc, r.clone(), |b, owners| occurrences.push((b, owners)));
    let mut count: rustc_hash::FxHashMap<u32, usize> = rustc_hash::FxHashMap::default();
    for (b, _) in &occurrences {
        *count.entry(*b).or_default() += 1;
    }
    let weight = |b: u32, n: usize| tf(n) * f64::from(m.table[b as usize].0);
    let mut norm = [0f64; 2];
    for (&b, &n) in &count {
        norm[usize::from(b >= PIECES)] += weight(b, n).powi(2);
    }
    let mut share: Vec<(usize, f64)> = r.clone().map(|i| (i, 0.0)).collect();
    let mut add = |i: usize, v: f64| share[i - r.start].1 += v;
    for (b, (first, second)) in occurrences {
        let n = count[&b];
        let half = usize::from(b >= PIECES);
        let part = weight(b, n) * f64::from(m.table[b as usize].1) * f64::from(m.coef_scale)
            / norm[half].sqrt()
            / n as f64;
        match second {
            Some(j) => {
                add(first, part / 2.0);
                add(j, part / 2.0);
            }
            None => add(first, part),
        }
    }
    let mut ids = Vec::new();
    let per_token: Vec<(usize, i64, usize)> = r
        .clone()
        .map(|i| {
            ids.clear();
            m.pieces.tokens_into(&doc.toks[i].lower, &mut ids);
            let sum = ids
                .iter()
                .map(|&id| i64::from(m.piece_weight[id as usize]))
                .sum();
            (i, sum, ids.len())
        })
        .collect();
    let total: usize = per_token.iter().map(|t| t.2).sum();
    if total > 0 {
        for (i, sum, _) in per_token {
            add(i, sum as f64 / total as f64 * f64::from(m.piece_scale));
        }
    }
    share
}

/// The WordPiece ids of tokens `r`, appended to `out`: each token's text
/// split as BERT's uncased tokenizer splits it.
fn pieces(vocab: &WordPiece, doc: &Doc, r: Range<usize>, out: &mut Vec<u32>) {
    for t in &doc.toks[r] {
        vocab.tokens_into(&t.lower, out);
    }
}

thread_local! {
    /// The text's features, each with its bucket's idf and coefficient.
    static SCRATCH: std::cell::RefCell<Vec<Feature>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// The score from which a sentence in the article's own voice that the
/// statement rules pass over is still a claim.
pub(crate) fn claim_threshold() -> f64 {
    f64::from(MODEL.claim_at)
}

/// How check-worthy the words of tokens `r` are, from 0 to 1.
pub(crate) fn score(doc: &Doc, r: Range<usize>) -> f64 {
    let m = &*MODEL;
    SCRATCH.with_borrow_mut(|buf| {
        buf.clear();
        // A word's own features and its WordPiece weight, from the cache.
        let (mut piece_sum, mut piece_n) = (0i64, 0usize);
        let mut previous: Option<u64> = None;
        WORDS.with_borrow_mut(|words| {
            if words.len() > MAX_CACHED_WORDS {
                words.clear();
            }
            for i in r {
                let t = &doc.toks[i];
                let w = words
                    .entry(t.lower.clone())
                    .or_insert_with(|| word_info(m, doc, i));
                piece_sum += w.piece_sum;
                piece_n += w.piece_n;
                let Some(h) = w.hash else {
                    continue;
                };
                buf.extend_from_slice(&w.buckets);
                if let Some(p) = previous {
                    let b = bucket(p.rotate_left(17) ^ h ^ 0x9e37_79b9_7f4a_7c15);
                    let (idf, coef) = m.table[b as usize];
                    buf.push(Feature {
                        bucket: b,
                        idf,
                        coef,
                    });
                }
                previous = Some(h);
            }
        });
        // Per half: the dot product with the coefficients and the squared
        // norm, summed as each feature is counted: the n-th occurrence of a
        // bucket adds what its weight gains from n - 1 to n. The counts live
        // in a small open-addressing table (first-level cache) whose slots
        // belong to this call by their stamp, so it is never cleared.
        let mut dot = [0f64; 2];
        let mut norm = [0f64; 2];
        COUNTS.with_borrow_mut(|t| {
            let size = (buf.len() * 2).next_power_of_two().max(1024);
            t.stamp = t.stamp.wrapping_add(1);
            if t.slots.len() < size || t.stamp == 0 {
                t.slots.clear();
                t.slots.resize(size.max(t.slots.len()), Slot::default());
                t.stamp = 1;
            }
            let mask = t.slots.len() - 1;
            for f in buf.iter() {
                let mut at = (f.bucket.wrapping_mul(0x9e37_79b9) >> 7) as usize & mask;
                let n = loop {
                    let slot = &mut t.slots[at];
                    if slot.stamp != t.stamp {
                        *slot = Slot {
                            stamp: t.stamp,
                            bucket: f.bucket,
                            count: 1,
                        };
                        break 1;
                    }
                    if slot.bucket == f.bucket {
                        slot.count += 1;
                        break slot.count;
                    }
                    at = (at + 1) & mask;
                };
                let (before, now) = (tf(n as usize - 1), tf(n as usize));
                let idf = f64::from(f.idf);
                let half = usize::from(f.bucket >= PIECES);
                dot[half] += (now - before) * idf * f64::from(f.coef);
                norm[half] += (now * now - before * before) * idf * idf;
            }
        });
        let mut z = f64::from(m.bias);
        for half in 0..2 {
            if norm[half] > 0.0 {
                z += dot[half] / norm[half].sqrt() * f64::from(m.coef_scale);
            }
        }
        if piece_n > 0 {
            z += piece_sum as f64 / piece_n as f64 * f64::from(m.piece_scale);
        }
        1.0 / (1.0 + (-z).exp())
    })
}

/// One occurrence of a feature, with what the weights say of its bucket
/// (kept with the word in the cache, so scoring a known word reads no table).
#[derive(Debug, Clone, Copy)]
struct Feature {
    bucket: u32,
    idf: u16,
    coef: i16,
}

/// The table [`score`] counts a text's buckets in.
struct Counts {
    slots: Vec<Slot>,
    /// The current call's stamp; a slot with another is free.
    stamp: u32,
}

#[derive(Debug, Clone, Copy, Default)]
struct Slot {
    stamp: u32,
    bucket: u32,
    count: u32,
}

/// A feature's weight for its count in the text, `1 + ln n` (sublinear TF,
/// as `weigh` in the training script does).
fn tf(n: usize) -> f64 {
    const SMALL: [f64; 5] = [
        0.0,
        1.0,
        1.693_147_180_559_945_3,
        2.098_612_288_668_109_7,
        2.386_294_361_119_891,
    ];
    SMALL
        .get(n)
        .copied()
        .unwrap_or_else(|| 1.0 + (n as f64).ln())
}

/// What the score needs of one word, the same wherever it stands: its hash
/// (`None` for punctuation the score skips), its own buckets (the word and
/// its pieces) and its WordPiece tokens' summed weight and count.
struct WordInfo {
    hash: Option<u64>,
    buckets: Box<[Feature]>,
    piece_sum: i64,
    piece_n: usize,
}

/// Words a thread keeps before it starts over (news repeats its words, so
/// most tokens are met again).
const MAX_CACHED_WORDS: usize = 200_000;

thread_local! {
    static COUNTS: std::cell::RefCell<Counts> = const { std::cell::RefCell::new(Counts { slots: Vec::new(), stamp: 0 }) };
    static WORDS: std::cell::RefCell<rustc_hash::FxHashMap<compact_str::CompactString, WordInfo>> =
        std::cell::RefCell::new(rustc_hash::FxHashMap::default());
}

fn word_info(m: &Weights, doc: &Doc, i: usize) -> WordInfo {
    let mut buckets = Vec::new();
    let mut hash = None;
    // The token alone: its features less any pair, which needs a neighbour.
    each_feature(doc, i..i + 1, |b, _| {
        let (idf, coef) = m.table[b as usize];
        buckets.push(Feature {
            bucket: b,
            idf,
            coef,
        });
    });
    if let Some((h, _)) = word_hash(doc, i) {
        hash = Some(h);
    }
    let mut ids = Vec::new();
    m.pieces.tokens_into(&doc.toks[i].lower, &mut ids);
    WordInfo {
        hash,
        buckets: buckets.into_boxed_slice(),
        piece_sum: ids
            .iter()
            .map(|&id| i64::from(m.piece_weight[id as usize]))
            .sum(),
        piece_n: ids.len(),
    }
}

/// The features of every token of `text`, as the training script reads them:
/// the hashed buckets, and the ids of `vocab` (the static matching model's,
/// which the weights file copies).
pub fn text_features(text: &str, vocab: &WordPiece) -> (Vec<u32>, Vec<u32>) {
    let doc = Doc::new(text);
    let mut buckets = Vec::new();
    features(&doc, 0..doc.toks.len(), &mut buckets);
    let mut ids = Vec::new();
    pieces(vocab, &doc, 0..doc.toks.len(), &mut ids);
    (buckets, ids)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shares_add_up_to_the_score() {
        let doc = Doc::new(
            "Unemployment rose 4.5% in 2019, the highest rate in a decade, the report said.",
        );
        let r = 0..doc.toks.len();
        let p = score(&doc, r.clone());
        let z = (p / (1.0 - p)).ln() - f64::from(MODEL.bias);
        let sum: f64 = shares(&doc, r).iter().map(|s| s.1).sum();
        assert!((z - sum).abs() < 1e-6, "log-odds {z} against shares {sum}");
    }

    #[test]
    fn tf_is_one_plus_the_log_of_the_count() {
        for n in 1..10 {
            assert!((tf(n) - (1.0 + (n as f64).ln())).abs() < 1e-12, "{n}");
        }
    }

    #[test]
    fn the_weights_file_parses() {
        let m = parse(WEIGHTS).expect("weights");
        assert_eq!(m.table.len(), BUCKETS);
        assert!(m.table.iter().any(|c| c.1 != 0));
        assert_eq!(m.piece_weight.len(), m.pieces.len());
        assert!(m.piece_weight.iter().any(|c| *c != 0));
        assert!(parse(&WEIGHTS[..100]).is_none(), "a cut file is refused");
        assert!(
            parse(&WEIGHTS[..WEIGHTS.len() - 1]).is_none(),
            "a cut vocabulary is refused"
        );
    }

    #[test]
    fn features_fall_in_their_halves() {
        let (f, ids) = text_features("Unemployment rose 4.5% in 2019?", &MODEL.pieces);
        // unemployment rose 4 . 5 % in 2019 ?: one token or more a word.
        assert!(ids.len() >= 9, "{ids:?}");
        // Words: unemployment rose 0.0 % in 0000 ? = 7, pairs 6.
        let (words, pieces): (Vec<u32>, Vec<u32>) = f.iter().partition(|b| **b < PIECES);
        assert_eq!(words.len(), 13);
        // "unemployment": 14 padded bytes, 12 3-grams and 11 4-grams.
        assert!(pieces.len() > 23);
        assert!(f.iter().all(|b| (*b as usize) < BUCKETS));
    }
}
