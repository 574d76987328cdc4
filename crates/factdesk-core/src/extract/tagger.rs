//! A part-of-speech and named-entity tagger for news English, learned from data.
//!
//! An averaged perceptron (Collins 2002) over hand-made features of a token and
//! its neighbours, decoded greedily left to right within a sentence: one weight
//! row per feature holds both the coarse part of speech ([`Pos`]) and the
//! entity type ([`Ent`]), so one pass of lookups tags both. It is trained on the
//! CoreNLP layers of PolNeAR's train split over the extractor's own tokens
//! (`scripts/train-tagger.py`, which also scores it on the dev split); the
//! weights are `data/tagger.bin`, loaded once.
//!
//! **Architecture Invariant:** tagging does no IO and never fails; the weights
//! are compiled in, and a token the model knows nothing about still gets the
//! tags its shape and neighbours point to.

use std::hash::{Hash, Hasher};
use std::ops::Range;
use std::sync::OnceLock;

use rustc_hash::{FxHashMap, FxHasher};

use super::tokens::{Doc, TokKind};

/// A coarse part of speech (Penn Treebank tags folded to the universal set).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Pos {
    Propn,
    Noun,
    Verb,
    Adj,
    Adv,
    Pron,
    Det,
    Adp,
    Num,
    Conj,
    Part,
    Punct,
    #[default]
    Other,
}

/// What kind of named entity a token is part of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Ent {
    #[default]
    O,
    Person,
    Org,
    Place,
    Misc,
    /// Dates, times, amounts, ordinals.
    Numeric,
}

const POS: [Pos; 13] = [
    Pos::Propn,
    Pos::Noun,
    Pos::Verb,
    Pos::Adj,
    Pos::Adv,
    Pos::Pron,
    Pos::Det,
    Pos::Adp,
    Pos::Num,
    Pos::Conj,
    Pos::Part,
    Pos::Punct,
    Pos::Other,
];
const ENT: [Ent; 6] = [
    Ent::O,
    Ent::Person,
    Ent::Org,
    Ent::Place,
    Ent::Misc,
    Ent::Numeric,
];
const NPOS: usize = POS.len();
const NOUT: usize = NPOS + ENT.len();

impl Pos {
    /// The coarse tag of a Penn Treebank tag as CoreNLP writes it.
    pub fn from_penn(tag: &str) -> Pos {
        match tag {
            "NNP" | "NNPS" => Pos::Propn,
            "NN" | "NNS" => Pos::Noun,
            "MD" => Pos::Verb,
            t if t.starts_with("VB") => Pos::Verb,
            t if t.starts_with("JJ") => Pos::Adj,
            t if t.starts_with("RB") || t == "WRB" => Pos::Adv,
            "PRP" | "PRP$" | "WP" | "WP$" | "EX" => Pos::Pron,
            "DT" | "PDT" | "WDT" => Pos::Det,
            "IN" => Pos::Adp,
            "CD" => Pos::Num,
            "CC" => Pos::Conj,
            "RP" | "POS" | "TO" => Pos::Part,
            "FW" | "UH" | "LS" | "SYM" => Pos::Other,
            _ => Pos::Punct,
        }
    }
    /// Its place in [`POS`], which lists the variants in declaration order.
    fn index(self) -> usize {
        self as usize
    }
}

impl Ent {
    /// The entity type of a CoreNLP named-entity tag.
    pub fn from_corenlp(tag: &str) -> Ent {
        match tag {
            "PERSON" => Ent::Person,
            "ORGANIZATION" => Ent::Org,
            "LOCATION" => Ent::Place,
            "MISC" => Ent::Misc,
            "O" => Ent::O,
            _ => Ent::Numeric,
        }
    }
    /// Its place in [`ENT`], which lists the variants in declaration order.
    fn index(self) -> usize {
        self as usize
    }
}

/// The tags of the sentences tagged so far, by the sentence's token range:
/// as many of its first tokens as any stage has asked for.
pub(crate) type TagCache = std::cell::RefCell<FxHashMap<(usize, usize), Vec<Tag>>>;

/// A token's tags.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Tag {
    pub pos: Pos,
    pub ent: Ent,
}

/// What the features read of each token of a sentence, hashed once: its
/// lower-case word, its last three, two and one letters, and its shape.
#[derive(Default)]
struct Words {
    word: Vec<u64>,
    suffix: Vec<[u64; 3]>,
    shape: Vec<u32>,
}

fn hash_str(s: &str) -> u64 {
    let mut h = FxHasher::default();
    s.hash(&mut h);
    h.finish()
}

impl Words {
    fn fill(&mut self, doc: &Doc, sent: &Range<usize>) {
        self.word.clear();
        self.suffix.clear();
        self.shape.clear();
        for i in sent.clone() {
            let w = doc.toks[i].lower.as_str();
            self.word.push(hash_str(w));
            let suffix = |n: usize| {
                let b = w.char_indices().rev().nth(n - 1).map_or(0, |(b, _)| b);
                hash_str(&w[b..])
            };
            self.suffix.push([suffix(3), suffix(2), suffix(1)]);
            self.shape.push(shape(doc, i));
        }
    }
}

/// The features of the `k`th token of a sentence, given the tags already
/// chosen for the two tokens before it; each a hash of a template and its values.
fn features(words: &Words, k: usize, prev: [Tag; 2], out: &mut Vec<u64>) {
    out.clear();
    let n = words.word.len() as isize;
    // Sentence edges are words of their own.
    let word = |j: isize| -> u64 {
        if j < 0 {
            1
        } else if j >= n {
            2
        } else {
            words.word[j as usize]
        }
    };
    let shape = |j: isize| -> u32 {
        if j < 0 || j >= n {
            0
        } else {
            words.shape[j as usize]
        }
    };
    let h = |template: u64, a: u64, b: u32| -> u64 {
        let mut s = FxHasher::default();
        s.write_u64(template);
        s.write_u64(a);
        s.write_u32(b);
        s.finish()
    };
    let j = k as isize;
    let w = word(j);
    let initial = u32::from(k == 0);
    let (p1, p2) = (prev[0].pos.index() as u32, prev[1].pos.index() as u32);
    let e1 = prev[0].ent.index() as u32;
    let sh = shape(j);
    let [s3, s2, s1] = words.suffix[k];
    out.extend([
        h(0, 0, 0),
        h(1, w, 0),
        h(2, s3, 0),
        h(3, s2, 0),
        h(4, 0, sh * 2 + initial),
        h(5, word(j - 1), 0),
        h(6, word(j + 1), 0),
        h(7, word(j - 2), 0),
        h(8, word(j + 2), 0),
        h(9, 0, p1),
        h(10, 0, p1 * 16 + p2),
        h(11, 0, e1),
        h(12, w, p1),
        h(13, w, (sh & 2) * 2 + initial),
        h(14, 0, shape(j + 1)),
        h(15, 0, shape(j - 1) * 16 + e1),
        h(16, word(j - 1), e1),
        h(17, s1, sh),
    ]);
}

/// The spelling of a token as a number: punctuation by its mark; words by
/// capitals, digits, dots, hyphens, apostrophes and length one.
fn shape(doc: &Doc, i: usize) -> u32 {
    let t = &doc.toks[i];
    match t.kind {
        TokKind::Punct(c) => 1000 + (c as u32).min(60000),
        TokKind::Number => 1,
        TokKind::Word => {
            let chars = &doc.chars[t.start..t.end];
            let mut s = 0;
            if chars.first().is_some_and(|c| c.is_uppercase()) {
                s |= 2;
            }
            if chars.len() > 1 && chars.iter().all(|c| !c.is_lowercase()) {
                s |= 4;
            }
            if chars.iter().any(|c| c.is_ascii_digit()) {
                s |= 8;
            }
            if chars.contains(&'.') {
                s |= 16;
            }
            if chars.contains(&'-') {
                s |= 32;
            }
            if chars.iter().any(|c| matches!(c, '\'' | '\u{2019}')) {
                s |= 64;
            }
            if chars.len() == 1 {
                s |= 128;
            }
            s
        }
    }
}

/// The weights as shipped: a row of `NOUT` scores per known feature, in
/// units of the file's scale (which no decision needs: each tag is an argmax).
struct Model {
    rows: FxHashMap<u64, u32>,
    weights: Vec<[i16; NOUT]>,
}

impl Model {
    fn score(&self, feats: &[u64], scores: &mut [i32; NOUT]) {
        *scores = [0; NOUT];
        for f in feats {
            if let Some(&r) = self.rows.get(f) {
                for (s, w) in scores.iter_mut().zip(&self.weights[r as usize]) {
                    *s += i32::from(*w);
                }
            }
        }
    }
}

fn best<T: PartialOrd + Copy>(scores: &[T; NOUT]) -> Tag {
    let argmax = |r: Range<usize>| {
        r.clone()
            .reduce(|a, b| if scores[b] > scores[a] { b } else { a })
            .unwrap_or(r.start)
    };
    Tag {
        pos: POS[argmax(0..NPOS)],
        ent: ENT[argmax(NPOS..NOUT) - NPOS],
    }
}

const MAGIC: &[u8; 8] = b"FDTAG001";
const SHIPPED: &[u8] = include_bytes!("data/tagger.bin");

/// Reads weights as [`train`] writes them: the magic, the feature count, the
/// scale, then each feature's hash and its row of `NOUT` 16-bit weights.
fn decode(bytes: &[u8]) -> Option<Model> {
    let rest = bytes.strip_prefix(MAGIC)?;
    let n = u32::from_le_bytes(rest.get(..4)?.try_into().ok()?) as usize;
    let rest = &rest[8..];
    let (keys, rows) = rest.split_at_checked(n * 8)?;
    if rows.len() != n * NOUT * 2 {
        return None;
    }
    let mut map = FxHashMap::default();
    map.reserve(n);
    for (r, k) in keys.chunks_exact(8).enumerate() {
        map.insert(u64::from_le_bytes(k.try_into().ok()?), r as u32);
    }
    let weights = rows
        .chunks_exact(NOUT * 2)
        .map(|row| {
            let mut w = [0i16; NOUT];
            for (w, b) in w.iter_mut().zip(row.chunks_exact(2)) {
                *w = i16::from_le_bytes([b[0], b[1]]);
            }
            w
        })
        .collect();
    Some(Model { rows: map, weights })
}

fn shipped() -> &'static Model {
    static MODEL: OnceLock<Model> = OnceLock::new();
    MODEL.get_or_init(|| {
        decode(SHIPPED).unwrap_or(Model {
            rows: FxHashMap::default(),
            weights: Vec::new(),
        })
    })
}

fn tag_with(model: &Model, doc: &Doc) -> Vec<Tag> {
    let mut tags = vec![Tag::default(); doc.toks.len()];
    for s in &doc.sents {
        let r = s.toks.clone();
        tags[r.clone()].copy_from_slice(&tag_sentence_with(model, doc, r));
    }
    tags
}

/// The tags of one sentence's tokens `r`, in order.
fn tag_sentence_with(model: &Model, doc: &Doc, r: Range<usize>) -> Vec<Tag> {
    tag_first_with(model, doc, r.clone(), r.len())
}

/// The tags of the first `n` tokens of the sentence whose tokens are `r`:
/// exactly what tagging the whole sentence gives them, since a token's
/// features read the tags before it and the words up to two after it.
fn tag_first_with(model: &Model, doc: &Doc, r: Range<usize>, n: usize) -> Vec<Tag> {
    let n = n.min(r.len());
    let mut tags = Vec::with_capacity(n);
    let mut feats = Vec::with_capacity(20);
    let mut words = Words::default();
    let mut scores = [0; NOUT];
    words.fill(doc, &(r.start..(r.start + n + 2).min(r.end)));
    let mut prev = [Tag::default(); 2];
    for k in 0..n {
        features(&words, k, prev, &mut feats);
        model.score(&feats, &mut scores);
        let t = best(&scores);
        tags.push(t);
        prev = [t, prev[0]];
    }
    tags
}

/// The shipped tagger's tags of the sentence whose tokens are `r` (a whole
/// sentence of `doc`, as the tagger was trained on), in order.
pub(crate) fn tag_sentence(doc: &Doc, r: Range<usize>) -> Vec<Tag> {
    tag_first(doc, r.clone(), r.len())
}

/// The shipped tagger's tags of the first `n` tokens of the sentence whose
/// tokens are `r`, the same as [`tag_sentence`] gives them.
///
/// A sentence's tags are kept on the `Doc` ([`TagCache`]), so that the stages
/// that ask (a statement's form, a subject, a cue) tag it once.
pub(crate) fn tag_first(doc: &Doc, r: Range<usize>, n: usize) -> Vec<Tag> {
    let n = n.min(r.len());
    let key = (r.start, r.end);
    if let Some(t) = doc.tags.borrow().get(&key).filter(|t| t.len() >= n) {
        return t[..n].to_vec();
    }
    let tags = tag_first_with(shipped(), doc, r.clone(), n);
    doc.tags.borrow_mut().insert(key, tags.clone());
    tags
}

/// Tokenises `text` as the extractor does and tags each token: its char
/// offsets and its tags, in order (tokens outside any sentence keep the default).
pub fn tag_text(text: &str) -> Vec<(Range<usize>, Tag)> {
    let doc = Doc::new(text);
    let tags = tag_with(shipped(), &doc);
    doc.toks.iter().map(|t| t.start..t.end).zip(tags).collect()
}

/// An article with CoreNLP's tokens: char offsets, Penn tag, entity tag.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct Labelled {
    pub text: String,
    pub toks: Vec<(usize, usize, String, String)>,
}

/// The gold tag of each of the extractor's tokens: CoreNLP's token that
/// starts where it starts, else the one it starts inside; `None` where neither.
fn gold(doc: &Doc, article: &Labelled) -> Vec<Option<Tag>> {
    // Each char to the CoreNLP token over it (they do not overlap).
    let mut at = FxHashMap::default();
    for (k, (b, e, _, _)) in article.toks.iter().enumerate() {
        for c in *b..(*e).max(b + 1) {
            at.entry(c).or_insert(k);
        }
    }
    doc.toks
        .iter()
        .map(|t| {
            at.get(&t.start).map(|&k| {
                let (_, _, pos, ent) = &article.toks[k];
                Tag {
                    pos: Pos::from_penn(pos),
                    ent: Ent::from_corenlp(ent),
                }
            })
        })
        .collect()
}

/// How well tags agree with CoreNLP's on a set of articles.
#[derive(Debug, Clone, Default)]
pub struct Agreement {
    /// Tokens with a CoreNLP tag.
    pub tokens: usize,
    pub pos_right: usize,
    pub ent_right: usize,
    /// Per entity type (Person, Org, Place): tokens tagged it by both, by us, by CoreNLP.
    pub ent_counts: [(usize, usize, usize); 3],
}

impl Agreement {
    pub fn pos_accuracy(&self) -> f64 {
        self.pos_right as f64 / self.tokens.max(1) as f64
    }
    pub fn ent_accuracy(&self) -> f64 {
        self.ent_right as f64 / self.tokens.max(1) as f64
    }
    /// Token-level F1 of one entity type: 0 person, 1 organisation, 2 place.
    pub fn ent_f1(&self, k: usize) -> f64 {
        let (both, ours, theirs) = self.ent_counts[k];
        2.0 * both as f64 / (ours + theirs).max(1) as f64
    }
}

fn agree(model: &Model, articles: &[Labelled]) -> Agreement {
    let mut a = Agreement::default();
    for art in articles {
        let doc = Doc::new(&art.text);
        let tags = tag_with(model, &doc);
        for (t, g) in tags.iter().zip(gold(&doc, art)) {
            let Some(g) = g else { continue };
            a.tokens += 1;
            a.pos_right += usize::from(t.pos == g.pos);
            a.ent_right += usize::from(t.ent == g.ent);
            for (k, e) in [Ent::Person, Ent::Org, Ent::Place].into_iter().enumerate() {
                let c = &mut a.ent_counts[k];
                c.0 += usize::from(t.ent == e && g.ent == e);
                c.1 += usize::from(t.ent == e);
                c.2 += usize::from(g.ent == e);
            }
        }
    }
    a
}

/// How the shipped weights agree with CoreNLP on `articles`.
pub fn evaluate(articles: &[Labelled]) -> Agreement {
    agree(shipped(), articles)
}

/// How the weights `bytes` (as [`train`] writes them) agree with CoreNLP on
/// `articles`; `None` when they are not such weights.
pub fn evaluate_weights(bytes: &[u8], articles: &[Labelled]) -> Option<Agreement> {
    Some(agree(&decode(bytes)?, articles))
}

/// Trains the tagger on `articles` for `epochs` passes (a fixed order, so the
/// same data gives the same bytes), reporting after each pass how it agrees on
/// `dev`; returns the weights [`tag`] reads. Features whose averaged weights
/// all stay under `min_weight` are left out (it keeps the file small).
pub fn train(
    articles: &[Labelled],
    epochs: usize,
    min_weight: f32,
    dev: &[Labelled],
    mut report: impl FnMut(usize, &Agreement),
) -> Vec<u8> {
    let docs: Vec<(Doc, Vec<Option<Tag>>)> = articles
        .iter()
        .map(|a| {
            let doc = Doc::new(&a.text);
            let g = gold(&doc, a);
            (doc, g)
        })
        .collect();
    let mut rows: FxHashMap<u64, u32> = FxHashMap::default();
    let mut w: Vec<f32> = Vec::new();
    // The sum over time of each weight, kept lazily: `u` holds c·Δ summed,
    // so the average is w − u/c (Daumé's trick).
    let mut u: Vec<f64> = Vec::new();
    let mut c: f64 = 1.0;
    let mut feats = Vec::with_capacity(20);
    let mut words = Words::default();
    for epoch in 0..epochs {
        for (doc, gold) in &docs {
            for s in &doc.sents {
                words.fill(doc, &s.toks);
                let mut prev = [Tag::default(); 2];
                for (k, i) in s.toks.clone().enumerate() {
                    features(&words, k, prev, &mut feats);
                    let mut scores = [0.0; NOUT];
                    for f in &feats {
                        if let Some(&r) = rows.get(f) {
                            for (k, s) in scores.iter_mut().enumerate() {
                                *s += w[r as usize * NOUT + k];
                            }
                        }
                    }
                    let guess = best(&scores);
                    if let Some(g) = gold[i] {
                        let mut update = |out: usize, delta: f32| {
                            for f in &feats {
                                let r = *rows.entry(*f).or_insert_with(|| {
                                    w.extend([0.0; NOUT]);
                                    u.extend([0.0; NOUT]);
                                    (w.len() / NOUT - 1) as u32
                                }) as usize;
                                w[r * NOUT + out] += delta;
                                u[r * NOUT + out] += c * f64::from(delta);
                            }
                        };
                        if guess.pos != g.pos {
                            update(g.pos.index(), 1.0);
                            update(guess.pos.index(), -1.0);
                        }
                        if guess.ent != g.ent {
                            update(NPOS + g.ent.index(), 1.0);
                            update(NPOS + guess.ent.index(), -1.0);
                        }
                    }
                    c += 1.0;
                    prev = [guess, prev[0]];
                }
            }
        }
        let averaged: Vec<f32> = w
            .iter()
            .zip(&u)
            .map(|(w, u)| (f64::from(*w) - u / c) as f32)
            .collect();
        let bytes = encode(&rows, &averaged, min_weight);
        if let Some(model) = decode(&bytes) {
            report(epoch + 1, &agree(&model, dev));
        }
        if epoch + 1 == epochs {
            return bytes;
        }
    }
    encode(&rows, &w, min_weight)
}

/// Writes the weights (`NOUT` a row, `rows` saying which feature each row is)
/// as [`decode`] reads them, rounded to 16 bits.
fn encode(rows: &FxHashMap<u64, u32>, weights: &[f32], min_weight: f32) -> Vec<u8> {
    let max = weights
        .iter()
        .fold(0f32, |m, w| m.max(w.abs()))
        .max(f32::MIN_POSITIVE);
    let scale = max / f32::from(i16::MAX);
    let mut keys: Vec<(u64, u32)> = rows
        .iter()
        .map(|(k, r)| (*k, *r))
        .filter(|(_, r)| {
            let row = &weights[*r as usize * NOUT..(*r as usize + 1) * NOUT];
            row.iter()
                .any(|w| w.abs() >= min_weight && (w / scale).round() != 0.0)
        })
        .collect();
    keys.sort_unstable();
    let mut out = Vec::with_capacity(16 + keys.len() * (8 + NOUT * 2));
    out.extend_from_slice(MAGIC);
    out.extend((keys.len() as u32).to_le_bytes());
    out.extend(scale.to_le_bytes());
    for (k, _) in &keys {
        out.extend(k.to_le_bytes());
    }
    for (_, r) in &keys {
        for w in &weights[*r as usize * NOUT..(*r as usize + 1) * NOUT] {
            out.extend(((w / scale).round() as i16).to_le_bytes());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(text: &str) -> Vec<(String, Pos, Ent)> {
        let chars: Vec<char> = text.chars().collect();
        tag_text(text)
            .into_iter()
            .map(|(r, t)| (chars[r].iter().collect(), t.pos, t.ent))
            .collect()
    }

    #[test]
    fn shipped_weights_load_and_tag_people_places_and_verbs() {
        assert!(!shipped().rows.is_empty(), "data/tagger.bin did not decode");
        let t = tags("Senator Maria Lopez said on Tuesday that Ohio will vote.");
        let find = |w: &str| t.iter().find(|(x, _, _)| x == w).cloned().unwrap();
        assert_eq!(find("Lopez").2, Ent::Person);
        assert_eq!(find("Lopez").1, Pos::Propn);
        assert_eq!(find("said").1, Pos::Verb);
        assert_eq!(find("Ohio").2, Ent::Place);
        assert_eq!(find("on").1, Pos::Adp);
    }

    #[test]
    fn tagging_the_first_tokens_gives_what_tagging_the_sentence_gives_them() {
        let doc = Doc::new(
            "Give her a break. The council, which met on Monday, said it would vote on the plan next week.",
        );
        for s in &doc.sents {
            let whole = tag_sentence(&doc, s.toks.clone());
            for n in 0..=s.toks.len() {
                assert_eq!(tag_first(&doc, s.toks.clone(), n), whole[..n], "{n}");
            }
        }
    }

    #[test]
    fn a_capitalised_opening_word_is_no_name() {
        let t = tags("Instead, the company said it would wait.");
        assert_eq!(t[0].1, Pos::Adv);
        assert_eq!(t[0].2, Ent::O);
    }

    #[test]
    fn each_tag_indexes_its_own_place() {
        assert!(POS.iter().enumerate().all(|(k, p)| p.index() == k));
        assert!(ENT.iter().enumerate().all(|(k, e)| e.index() == k));
    }

    #[test]
    fn weights_round_trip_through_the_file_format() {
        let mut rows = FxHashMap::default();
        rows.insert(7u64, 0u32);
        rows.insert(9u64, 1u32);
        let mut w = vec![0.0f32; 2 * NOUT];
        w[3] = 2.0;
        w[NOUT + 5] = -1.0;
        let m = decode(&encode(&rows, &w, 0.5)).unwrap();
        assert_eq!(m.rows.len(), 2);
        assert_eq!(m.weights[m.rows[&7] as usize][3], i16::MAX);
        assert!(decode(b"FDTAG001\x05").is_none());
        assert!(decode(b"not weights").is_none());
    }
}
