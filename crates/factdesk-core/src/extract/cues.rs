//! Which verbs are an attribution's cue, learned from data.
//!
//! PolNeAR marks every attribution's cue ("criticized", "called for",
//! "declined to"); most are no verb of speech, and the same word is a cue in
//! one sentence and an action in the next ("approved the plan" against
//! "approved of the plan"). A logistic regression over hashed features of a
//! verb and its neighbours (words, the [`tagger`](super::tagger)'s parts of
//! speech and entities, what follows it, who stands before it) says how likely
//! the verb is to report what follows it. It is trained on PolNeAR's train
//! split over the extractor's own tokens and tags (`scripts/train-cues.py`,
//! which also scores it on the dev split); the weights are `data/cues.bin`,
//! loaded once.
//!
//! **Architecture Invariant:** reading a cue does no IO and never fails; a
//! word the model never saw as a cue is no cue.

use std::hash::{Hash, Hasher};
use std::ops::Range;
use std::sync::OnceLock;

use rustc_hash::{FxHashMap, FxHashSet, FxHasher};

use super::tagger::{self, Pos, Tag};
use super::tokens::{Doc, TokKind};

fn hash_str(s: &str) -> u64 {
    let mut h = FxHasher::default();
    s.hash(&mut h);
    h.finish()
}

fn h(template: u64, a: u64, b: u64) -> u64 {
    let mut s = FxHasher::default();
    s.write_u64(template);
    s.write_u64(a);
    s.write_u64(b);
    s.finish()
}

/// A word stripped of the endings that inflect a verb, so that "endorsed",
/// "endorses" and "endorsing" share what they learned.
fn stem(w: &str) -> &str {
    for end in ["ing", "ed", "es", "s"] {
        if let Some(s) = w.strip_suffix(end)
            && s.len() >= 3
        {
            return s;
        }
    }
    w
}

fn bucket(n: usize) -> u64 {
    match n {
        0..=3 => n as u64,
        4..=6 => 4,
        7..=12 => 5,
        _ => 6,
    }
}

/// The features of token `i`, a verb of the sentence whose tokens are `sent`
/// and whose tags (from its first token to at least two after `i`) are `tags`.
fn features(doc: &Doc, sent: &Range<usize>, tags: &[Tag], i: usize, out: &mut Vec<u64>) {
    out.clear();
    let word = |j: isize| -> u64 {
        if j < sent.start as isize {
            1
        } else if j >= sent.end as isize {
            2
        } else {
            hash_str(doc.toks[j as usize].lower.as_str())
        }
    };
    // (`tags` may stop two tokens after `i`: no feature reads further.)
    let tag = |j: isize| -> Option<&Tag> {
        (j >= sent.start as isize && j < sent.end as isize)
            .then(|| tags.get(j as usize - sent.start))
            .flatten()
    };
    let pos = |j: isize| tag(j).map_or(99, |t| t.pos as u64);
    let ent = |j: isize| tag(j).map_or(99, |t| t.ent as u64);
    let j = i as isize;
    let w = doc.toks[i].lower.as_str();
    let wh = word(j);
    let st = hash_str(stem(w));
    let (n1, n2, p1, p2) = (word(j + 1), word(j + 2), word(j - 1), word(j - 2));
    let (np1, np2, pp1, pp2) = (pos(j + 1), pos(j + 2), pos(j - 1), pos(j - 2));
    // Who stands before the verb: the nearest noun, name or pronoun, and
    // how far back.
    let subject = (sent.start..i)
        .rev()
        .take(8)
        .find(|&k| matches!(tags[k - sent.start].pos, Pos::Propn | Pos::Noun | Pos::Pron));
    let (sp, se, sd) = subject.map_or((99, 99, 9), |k| {
        let t = tags[k - sent.start];
        (t.pos as u64, t.ent as u64, bucket(i - k))
    });
    let ending = ["ing", "ed", "s"]
        .iter()
        .position(|e| w.ends_with(e))
        .map_or(3, |k| k as u64);
    let comma_before = u64::from(i > sent.start && doc.toks[i - 1].is(','));
    let that_soon = u64::from((i + 1..(i + 4).min(sent.end)).any(|k| doc.toks[k].lower == "that"));
    let quoted = u64::from(doc.toks[sent.clone()].iter().any(|t| t.quote.is_some()));
    out.extend([
        h(0, 0, 0),
        h(1, wh, 0),
        h(2, st, 0),
        h(3, n1, 0),
        h(4, n2, 0),
        h(5, p1, 0),
        h(6, p2, 0),
        h(7, np1, np2),
        h(8, pp1, pp2),
        h(9, st, n1),
        h(10, st, np1),
        h(11, st, pp1),
        h(12, sp, se * 16 + sd),
        h(13, st, se),
        h(14, st, ending),
        h(15, comma_before, ending),
        h(16, st, that_soon),
        h(17, quoted, 0),
        h(18, bucket(i - sent.start), bucket(sent.end - i)),
        h(19, st, n1 ^ n2.rotate_left(7)),
        h(20, ent(j + 1), np1),
        h(21, st, comma_before),
    ]);
}

/// The weights as shipped.
struct Model {
    weights: FxHashMap<u64, f32>,
    /// The words that were a cue at least twice in training: only they are read.
    words: FxHashSet<u64>,
    /// The probability from which a verb is a cue.
    threshold: f32,
}

impl Model {
    fn probability(&self, feats: &[u64]) -> f32 {
        let z: f32 = feats.iter().filter_map(|f| self.weights.get(f)).sum();
        1.0 / (1.0 + (-z).exp())
    }
}

const MAGIC: &[u8; 8] = b"FDCUE001";
const SHIPPED: &[u8] = include_bytes!("data/cues.bin");

/// Reads weights as [`train`] writes them: the magic, the threshold, the
/// count of words and their hashes, the count of features, then each
/// feature's hash and its 32-bit weight.
fn decode(bytes: &[u8]) -> Option<Model> {
    let rest = bytes.strip_prefix(MAGIC)?;
    let u32_at =
        |b: &[u8]| -> Option<u32> { Some(u32::from_le_bytes(b.get(..4)?.try_into().ok()?)) };
    let threshold = f32::from_le_bytes(rest.get(..4)?.try_into().ok()?);
    let nw = u32_at(rest.get(4..)?)? as usize;
    let rest = rest.get(8..)?;
    let (words, rest) = rest.split_at_checked(nw * 8)?;
    let nf = u32_at(rest)? as usize;
    let rest = &rest[4..];
    if rest.len() != nf * 12 {
        return None;
    }
    let words = words
        .chunks_exact(8)
        .map(|k| u64::from_le_bytes(k.try_into().unwrap_or_default()))
        .collect();
    let mut weights = FxHashMap::default();
    weights.reserve(nf);
    for row in rest.chunks_exact(12) {
        let (k, w) = row.split_at(8);
        weights.insert(
            u64::from_le_bytes(k.try_into().ok()?),
            f32::from_le_bytes(w.try_into().ok()?),
        );
    }
    Some(Model {
        weights,
        words,
        threshold,
    })
}

fn encode(model: &Model, min_weight: f32) -> Vec<u8> {
    let mut words: Vec<u64> = model.words.iter().copied().collect();
    words.sort_unstable();
    let mut feats: Vec<(u64, f32)> = model
        .weights
        .iter()
        .filter(|(_, w)| w.abs() >= min_weight)
        .map(|(k, w)| (*k, *w))
        .collect();
    feats.sort_unstable_by_key(|(k, _)| *k);
    let mut out = Vec::with_capacity(24 + words.len() * 8 + feats.len() * 12);
    out.extend_from_slice(MAGIC);
    out.extend(model.threshold.to_le_bytes());
    out.extend((words.len() as u32).to_le_bytes());
    for w in &words {
        out.extend(w.to_le_bytes());
    }
    out.extend((feats.len() as u32).to_le_bytes());
    for (k, w) in &feats {
        out.extend(k.to_le_bytes());
        out.extend(w.to_le_bytes());
    }
    out
}

fn shipped() -> &'static Model {
    static MODEL: OnceLock<Model> = OnceLock::new();
    MODEL.get_or_init(|| {
        decode(SHIPPED).unwrap_or(Model {
            weights: FxHashMap::default(),
            words: FxHashSet::default(),
            threshold: 1.0,
        })
    })
}

/// A word the model has seen as a cue: the only words worth tagging a
/// sentence for.
pub(crate) fn may_be_cue(w: &str) -> bool {
    shipped().words.contains(&hash_str(w))
}

/// Whether token `i`, which the tagger reads as a verb of the sentence whose
/// tokens are `sent` and tags `tags` (at least up to two tokens after `i`),
/// is an attribution's cue.
pub(crate) fn is_cue(doc: &Doc, sent: &Range<usize>, tags: &[Tag], i: usize) -> bool {
    let m = shipped();
    if !m.words.contains(&hash_str(doc.toks[i].lower.as_str())) {
        return false;
    }
    let mut feats = Vec::with_capacity(24);
    features(doc, sent, tags, i, &mut feats);
    m.probability(&feats) >= m.threshold
}

/// Tokenises and tags `text` as the extractor does and reads each verb the
/// model knows: its char offsets and how likely it is a cue, in order.
pub fn cue_probabilities(text: &str) -> Vec<(Range<usize>, f32)> {
    let doc = Doc::new(text);
    let m = shipped();
    let mut out = Vec::new();
    let mut feats = Vec::new();
    for s in &doc.sents {
        let r = s.toks.clone();
        let tags = tagger::tag_sentence(&doc, r.clone());
        for i in r.clone() {
            let t = &doc.toks[i];
            if tags[i - r.start].pos == Pos::Verb && m.words.contains(&hash_str(t.lower.as_str())) {
                features(&doc, &r, &tags, i, &mut feats);
                out.push((t.start..t.end, m.probability(&feats)));
            }
        }
    }
    out
}

/// An article and its attributions' cues: per attribution whose content (no
/// direct quote) follows its cue, the cue's char spans.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct Labelled {
    pub text: String,
    pub cues: Vec<Vec<(usize, usize)>>,
}

/// The verbs the model reads in one article, each with whether it is a cue:
/// every lower-case verb outside quotation marks; the last verb inside a
/// gold cue is that cue.
struct Example {
    feats: Vec<u64>,
    word: u64,
    cue: bool,
}

fn examples(a: &Labelled) -> Vec<Example> {
    let doc = Doc::new(&a.text);
    let mut gold = FxHashSet::default();
    let mut out = Vec::new();
    let mut feats = Vec::new();
    for s in &doc.sents {
        let r = s.toks.clone();
        let tags = tagger::tag_sentence(&doc, r.clone());
        let verb = |i: usize| {
            let t = &doc.toks[i];
            t.kind == TokKind::Word
                && !t.cap
                && t.quote.is_none()
                && tags[i - r.start].pos == Pos::Verb
        };
        for segs in &a.cues {
            let last = r.clone().rev().find(|&i| {
                let t = &doc.toks[i];
                segs.iter().any(|&(b, e)| b <= t.start && t.end <= e) && verb(i)
            });
            gold.extend(last);
        }
        for i in r.clone().filter(|&i| verb(i)) {
            features(&doc, &r, &tags, i, &mut feats);
            out.push(Example {
                feats: feats.clone(),
                word: hash_str(doc.toks[i].lower.as_str()),
                cue: gold.contains(&i),
            });
        }
    }
    out
}

/// Precision and recall of the cue decision over the verbs of some articles.
#[derive(Debug, Clone, Default)]
pub struct Agreement {
    pub verbs: usize,
    pub gold: usize,
    pub found: usize,
    pub right: usize,
}

impl Agreement {
    pub fn precision(&self) -> f64 {
        self.right as f64 / self.found.max(1) as f64
    }
    pub fn recall(&self) -> f64 {
        self.right as f64 / self.gold.max(1) as f64
    }
    pub fn f1(&self) -> f64 {
        2.0 * self.right as f64 / (self.found + self.gold).max(1) as f64
    }
}

fn agree(model: &Model, examples: &[Example], threshold: f32) -> Agreement {
    let mut a = Agreement::default();
    for e in examples {
        let said = model.words.contains(&e.word) && model.probability(&e.feats) >= threshold;
        a.verbs += 1;
        a.gold += usize::from(e.cue);
        a.found += usize::from(said);
        a.right += usize::from(said && e.cue);
    }
    a
}

/// How the weights `bytes` (as [`train`] writes them) agree with the gold
/// cues of `articles`, at the threshold they hold; `None` when they are not
/// such weights.
pub fn evaluate_weights(bytes: &[u8], articles: &[Labelled]) -> Option<Agreement> {
    let model = decode(bytes)?;
    let ex: Vec<Example> = articles.iter().flat_map(examples).collect();
    Some(agree(&model, &ex, model.threshold))
}

fn fit(examples: &[Example], epochs: usize) -> Model {
    let mut count: FxHashMap<u64, usize> = FxHashMap::default();
    for e in examples.iter().filter(|e| e.cue) {
        *count.entry(e.word).or_default() += 1;
    }
    let words: FxHashSet<u64> = count
        .into_iter()
        .filter(|(_, n)| *n >= 2)
        .map(|(w, _)| w)
        .collect();
    let mut weights: FxHashMap<u64, f32> = FxHashMap::default();
    // Stochastic gradient descent on the log loss, in a fixed order, with a
    // rate that falls each pass and a light L2 pull on the weights touched.
    for epoch in 0..epochs {
        let rate = 0.2 / (1.0 + epoch as f32);
        for e in examples.iter().filter(|e| words.contains(&e.word)) {
            let z: f32 = e.feats.iter().filter_map(|f| weights.get(f)).sum();
            let p = 1.0 / (1.0 + (-z).exp());
            let g = f32::from(u8::from(e.cue)) - p;
            for f in &e.feats {
                let w = weights.entry(*f).or_default();
                *w += rate * (g - 1e-4 * *w);
            }
        }
    }
    Model {
        weights,
        words,
        threshold: 0.5,
    }
}

/// Trains the cue model on `articles`: a fifth of them held out to choose the
/// threshold that gives the best F1 there (reported with `report`), then all
/// of them for the weights. A fixed order: the same data gives the same bytes.
pub fn train(
    articles: &[Labelled],
    epochs: usize,
    min_weight: f32,
    mut report: impl FnMut(f32, &Agreement),
) -> Vec<u8> {
    let per: Vec<Vec<Example>> = articles.iter().map(examples).collect();
    let (fit_on, held): (Vec<_>, Vec<_>) = per.iter().enumerate().partition(|(k, _)| k % 5 != 0);
    let fit_on: Vec<Example> = fit_on
        .into_iter()
        .flat_map(|(_, e)| e.iter().map(clone_ex))
        .collect();
    let held: Vec<Example> = held
        .into_iter()
        .flat_map(|(_, e)| e.iter().map(clone_ex))
        .collect();
    let trial = fit(&fit_on, epochs);
    let mut best = (0.5f32, -1.0f64);
    for k in 2..=9 {
        let t = k as f32 / 10.0;
        let a = agree(&trial, &held, t);
        report(t, &a);
        if a.f1() > best.1 {
            best = (t, a.f1());
        }
    }
    let all: Vec<Example> = per.into_iter().flatten().collect();
    let mut model = fit(&all, epochs);
    model.threshold = best.0;
    encode(&model, min_weight)
}

fn clone_ex(e: &Example) -> Example {
    Example {
        feats: e.feats.clone(),
        word: e.word,
        cue: e.cue,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn probability(text: &str, word: &str) -> Option<f32> {
        let chars: Vec<char> = text.chars().collect();
        cue_probabilities(text)
            .into_iter()
            .find(|(r, _)| chars[r.clone()].iter().collect::<String>() == word)
            .map(|(_, p)| p)
    }

    #[test]
    fn shipped_weights_load_and_read_a_verb_that_reports_its_object() {
        let m = shipped();
        assert!(!m.weights.is_empty(), "data/cues.bin did not decode");
        assert!((0.0..1.0).contains(&m.threshold));
        let p = probability(
            "Senator Tom Reyes criticized the governor for cutting school funding.",
            "criticized",
        );
        assert!(p.is_some_and(|p| p >= m.threshold), "{p:?}");
    }

    #[test]
    fn a_verb_never_seen_as_a_cue_is_none() {
        assert_eq!(
            probability("The storm destroyed three houses.", "destroyed"),
            None
        );
    }

    #[test]
    fn weights_round_trip_through_the_file_format() {
        let mut weights = FxHashMap::default();
        weights.insert(7u64, 0.5f32);
        weights.insert(9u64, -1.25f32);
        let words = [3u64].into_iter().collect();
        let m = Model {
            weights,
            words,
            threshold: 0.4,
        };
        let back = decode(&encode(&m, 0.6)).unwrap();
        assert_eq!(back.threshold, 0.4);
        assert!(back.words.contains(&3));
        assert_eq!(
            back.weights.len(),
            1,
            "under the minimum weight is left out"
        );
        assert_eq!(back.weights[&9], -1.25);
        assert!(decode(b"FDCUE001\x05").is_none());
        assert!(decode(b"not weights").is_none());
    }

    #[test]
    fn a_stem_shares_what_its_forms_learned() {
        assert_eq!(stem("endorsed"), stem("endorses"));
        assert_eq!(stem("endorsing"), "endors");
        assert_eq!(stem("is"), "is");
    }
}
