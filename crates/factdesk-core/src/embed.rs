//! Sentence embeddings for claim matching: a static token table.
//!
//! A claim's vector is the normalised sum of its WordPiece tokens' rows in a
//! table distilled from all-MiniLM-L6-v2 and trained on public data
//! (`scripts/train-static-model.py`, the model2vec method): microseconds per
//! claim, so every claim is embedded when it is written. The table ships as
//! one safetensors file (`models/`), is checked against its SHA-256 before
//! use and loads on first use; without it matching stays lexical.
//!
//! Vectors are kept quantised to `DIM` signed bytes plus one scale
//! ([`Vector::to_bytes`]): 260 bytes a claim.

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use sha2::{Digest, Sha256};

use crate::wordpiece::WordPiece;

/// The width of a claim vector.
pub const DIM: usize = 256;
/// Bytes of a stored vector: `DIM` quantised values and an `f32` scale.
pub const VECTOR_BYTES: usize = DIM + 4;
/// The model file factdesk ships, and the SHA-256 it must have.
pub const MODEL_FILE: &str = "factdesk-static-minilm-256.safetensors";
pub const MODEL_SHA256: &str = "eddd5394c3b36305d5f1f09dea8ef09dd703536de0378b78d111f8438ba7abd2";

/// Why the model cannot be used (the matcher then stays lexical).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelError(pub String);

impl std::fmt::Display for ModelError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A normalised claim vector, quantised: `D` signed bytes and one scale (the
/// static model's are `DIM` wide, the encoder's [`crate::encoder::HIDDEN`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Vector<const D: usize = DIM> {
    pub values: [i8; D],
    pub scale: f32,
}

impl<const D: usize> Vector<D> {
    /// Bytes of the stored form: `D` values and an `f32` scale.
    pub const BYTES: usize = D + 4;

    /// Normalises and quantises `v` (of length `D`).
    pub fn quantise(v: &[f32]) -> Vector<D> {
        let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt();
        let mut values = [0i8; D];
        if norm <= f32::EPSILON {
            return Vector { values, scale: 0.0 };
        }
        let max = v.iter().fold(0f32, |m, x| m.max(x.abs())) / norm;
        let scale = max / 127.0;
        for (q, x) in values.iter_mut().zip(v) {
            *q = (x / norm / scale).round().clamp(-127.0, 127.0) as i8;
        }
        Vector { values, scale }
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(Self::BYTES);
        out.extend(self.values.iter().map(|v| *v as u8));
        out.extend_from_slice(&self.scale.to_le_bytes());
        out
    }

    pub fn from_bytes(b: &[u8]) -> Option<Vector<D>> {
        if b.len() != Self::BYTES {
            return None;
        }
        let mut values = [0i8; D];
        for (v, x) in values.iter_mut().zip(b) {
            *v = *x as i8;
        }
        let scale = f32::from_le_bytes(b[D..].try_into().ok()?);
        Some(Vector { values, scale })
    }

    /// The cosine of two vectors (both are normalised before quantising).
    pub fn cosine(&self, other: &Vector<D>) -> f32 {
        dot(&self.values, &other.values) as f32 * self.scale * other.scale
    }
}

/// The integer dot product of two quantised vectors (the index's inner loop).
pub fn dot<const D: usize>(a: &[i8; D], b: &[i8; D]) -> i32 {
    // Sums of 16-bit products in chunks keep the loop vectorisable.
    let mut acc = [0i32; 16];
    for (ca, cb) in a.chunks_exact(16).zip(b.chunks_exact(16)) {
        for i in 0..16 {
            acc[i] += i32::from(ca[i]) * i32::from(cb[i]);
        }
    }
    acc.iter().sum()
}

/// The static embedding model: a WordPiece vocabulary and one row per token.
pub struct Model {
    pieces: WordPiece,
    rows: Vec<i8>,
    scales: Vec<f32>,
}

impl Model {
    /// Reads a model file, checking its SHA-256 first when `sha256` is given.
    pub fn from_file(path: &Path, sha256: Option<&str>) -> Result<Model, ModelError> {
        load(path, sha256, "matching model", Model::from_bytes)
    }

    /// Parses a model: tensors `embeddings` (I8, [vocab, DIM]) and `scales`
    /// (F32, [vocab]), the vocabulary one token a line in metadata `vocab`.
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, String> {
        use safetensors::{Dtype, SafeTensors};
        let (_, meta) = SafeTensors::read_metadata(bytes).map_err(|e| e.to_string())?;
        let vocab_text = meta
            .metadata()
            .as_ref()
            .and_then(|m| m.get("vocab"))
            .ok_or("no vocabulary in its metadata")?;
        let tokens: Vec<&str> = vocab_text.split('\n').collect();
        let st = SafeTensors::deserialize(bytes).map_err(|e| e.to_string())?;
        let emb = st.tensor("embeddings").map_err(|e| e.to_string())?;
        let sc = st.tensor("scales").map_err(|e| e.to_string())?;
        if emb.dtype() != Dtype::I8 || emb.shape() != [tokens.len(), DIM] {
            return Err(format!(
                "embeddings are {:?} {:?}, expected I8 [{}, {DIM}]",
                emb.dtype(),
                emb.shape(),
                tokens.len()
            ));
        }
        if sc.dtype() != Dtype::F32 || sc.shape() != [tokens.len()] {
            return Err(format!("scales are {:?} {:?}", sc.dtype(), sc.shape()));
        }
        let rows = emb.data().iter().map(|b| *b as i8).collect();
        let scales = sc
            .data()
            .chunks_exact(4)
            .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect();
        let pieces = WordPiece::new(&tokens)?;
        Ok(Model {
            pieces,
            rows,
            scales,
        })
    }

    /// The WordPiece token ids of `text`, as BERT's uncased tokenizer gives them
    /// (without [CLS] and [SEP]).
    pub fn tokens(&self, text: &str) -> Vec<u32> {
        self.pieces.tokens(text)
    }

    /// The model's WordPiece vocabulary.
    pub fn vocabulary(&self) -> &WordPiece {
        &self.pieces
    }

    /// The claim vector of `text`.
    pub fn embed(&self, text: &str) -> Vector {
        let mut sum = [0f32; DIM];
        for id in self.tokens(text) {
            let i = id as usize;
            let scale = self.scales[i];
            for (s, r) in sum.iter_mut().zip(&self.rows[i * DIM..(i + 1) * DIM]) {
                *s += f32::from(*r) * scale;
            }
        }
        Vector::quantise(&sum)
    }
}

/// Reads a model file (`what` names it in messages), checks its SHA-256 when
/// one is given, and parses it.
pub(crate) fn load<T>(
    path: &Path,
    sha256: Option<&str>,
    what: &str,
    parse: impl FnOnce(&[u8]) -> Result<T, String>,
) -> Result<T, ModelError> {
    let bytes = std::fs::read(path).map_err(|e| {
        ModelError(format!(
            "the {what} {} cannot be read ({e}); run the set-up command in the README to fetch it",
            path.display()
        ))
    })?;
    if let Some(want) = sha256 {
        let got = hex(&Sha256::digest(&bytes));
        if got != want {
            return Err(ModelError(format!(
                "the {what} {} is damaged (SHA-256 {got}, expected {want}); run the set-up command in the README to fetch it again",
                path.display()
            )));
        }
    }
    parse(&bytes)
        .map_err(|e| ModelError(format!("the {what} {} is not usable: {e}", path.display())))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Where the shipped model is looked for: `FACTDESK_MODEL` (a file), else
/// [`in_models`].
pub fn model_path() -> PathBuf {
    match std::env::var_os("FACTDESK_MODEL").filter(|p| !p.is_empty()) {
        Some(p) => PathBuf::from(p),
        None => in_models(MODEL_FILE),
    }
}

/// A file under `models/`: beside the executable or one or two levels up (an
/// installed layout, `target/debug`), else in the source tree.
pub fn in_models(rel: &str) -> PathBuf {
    let mut candidates = Vec::new();
    if let Ok(exe) = std::env::current_exe() {
        for dir in exe.ancestors().skip(1).take(3) {
            candidates.push(dir.join("models").join(rel));
        }
    }
    let source = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../models")
        .join(rel);
    candidates
        .into_iter()
        .find(|p| p.is_file())
        .unwrap_or(source)
}

/// The SHA-256 the model must have: `MODEL_SHA256`, or for another model
/// named by `FACTDESK_MODEL` (when training and calibrating one), the hash
/// given in `FACTDESK_MODEL_SHA256`.
pub fn expected_sha256() -> String {
    match std::env::var("FACTDESK_MODEL_SHA256") {
        Ok(h) if std::env::var_os("FACTDESK_MODEL").is_some() && !h.is_empty() => {
            h.to_ascii_lowercase()
        }
        _ => MODEL_SHA256.to_string(),
    }
}

static SHIPPED: OnceLock<Result<Arc<Model>, ModelError>> = OnceLock::new();

/// The shipped model, loaded and checked once per process, on first use.
pub fn shipped() -> Result<Arc<Model>, ModelError> {
    SHIPPED
        .get_or_init(|| Model::from_file(&model_path(), Some(&expected_sha256())).map(Arc::new))
        .clone()
}

/// Vectors in memory for nearest-neighbour search: each row an id, its
/// quantised values, its scale and its sign code.
///
/// [`Index::nearest`] scans every row exactly. [`Index::nearest_by_signs`]
/// does too for a small index, and searches a large one in two steps: the
/// Hamming distance of every row's sign code to the query's picks a
/// shortlist, [`Index::SHORTLIST_SHARE`] of the rows, and the exact cosine
/// ranks the shortlist. A sign code is the signs of the vector turned by a
/// fixed random rotation (random sign flips, then a Walsh-Hadamard
/// transform), which spreads each value over all the bits: the raw values'
/// signs keep far fewer of the true neighbours (docs/benchmarks.md). The
/// codes are computed on the first search that uses them, so an index only
/// ever scanned exactly (the static model's, or a small one) has none.
#[derive(Debug, Clone)]
pub struct Index<const D: usize = DIM> {
    ids: Vec<i64>,
    scales: Vec<f32>,
    values: Vec<[i8; D]>,
    /// `WORDS` words a row, once a search has needed them.
    codes: std::sync::OnceLock<Vec<u64>>,
    /// The rotation's sign flips, one a value.
    flips: Vec<i32>,
}

impl<const D: usize> Default for Index<D> {
    fn default() -> Self {
        let mut seed = 0x853c_49e6_748f_ea9b_u64;
        let flips = (0..D)
            .map(|_| {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                if seed >> 63 == 1 { -1 } else { 1 }
            })
            .collect();
        Index {
            ids: Vec::new(),
            scales: Vec::new(),
            values: Vec::new(),
            codes: std::sync::OnceLock::new(),
            flips,
        }
    }
}

/// The sign code of `values`: flipped by `flips`, padded with zeros to
/// `width` (a power of two), Walsh-Hadamard transformed, one bit a sign.
fn sign_code(values: &[i8], flips: &[i32], width: usize, buf: &mut Vec<i32>, out: &mut Vec<u64>) {
    buf.clear();
    buf.extend(values.iter().zip(flips).map(|(v, f)| i32::from(*v) * f));
    buf.resize(width, 0);
    let mut h = 1;
    while h < width {
        for block in buf.chunks_exact_mut(2 * h) {
            let (lo, hi) = block.split_at_mut(h);
            for (a, b) in lo.iter_mut().zip(hi.iter_mut()) {
                (*a, *b) = (*a + *b, *a - *b);
            }
        }
        h *= 2;
    }
    for chunk in buf.chunks_exact(64) {
        let mut word = 0u64;
        for (bit, v) in chunk.iter().enumerate() {
            word |= u64::from(*v > 0) << bit;
        }
        out.push(word);
    }
}

impl<const D: usize> Index<D> {
    /// Up to this many rows, a search scans every row exactly.
    pub const EXACT_UP_TO: usize = 50_000;
    /// The share of the rows a larger index's shortlist holds.
    pub const SHORTLIST_SHARE: f64 = 0.02;
    /// The rotation's width: `D` rounded up to a power of two.
    const WIDTH: usize = D.next_power_of_two();
    /// Words of a sign code.
    const WORDS: usize = Self::WIDTH / 64;

    /// Adds a vector; ids must rise.
    pub fn push(&mut self, id: i64, v: &Vector<D>) {
        const { assert!(D >= 64, "a vector has at least 64 values") };
        self.ids.push(id);
        self.scales.push(v.scale);
        self.values.push(v.values);
        if let Some(codes) = self.codes.get_mut() {
            sign_code(&v.values, &self.flips, Self::WIDTH, &mut Vec::new(), codes);
        }
    }

    /// Every row's sign code, computed the first time it is asked for.
    fn codes(&self) -> &[u64] {
        self.codes.get_or_init(|| {
            let mut codes = Vec::with_capacity(self.len() * Self::WORDS);
            let mut buf = Vec::with_capacity(Self::WIDTH);
            for values in &self.values {
                sign_code(values, &self.flips, Self::WIDTH, &mut buf, &mut codes);
            }
            codes
        })
    }

    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    pub fn last_id(&self) -> Option<i64> {
        self.ids.last().copied()
    }

    /// The `k` nearest vectors to `query` by cosine over every row: (id,
    /// cosine), best first.
    pub fn nearest(&self, query: &Vector<D>, k: usize) -> Vec<(i64, f32)> {
        self.best_of(query, k, 0..self.len())
    }

    /// The `k` nearest by cosine: exact up to [`Index::EXACT_UP_TO`] rows,
    /// from a shortlist of [`Index::SHORTLIST_SHARE`] of them by their signs
    /// beyond. Only for vectors whose signs keep their neighbours (the
    /// encoder's do; the static model's keep 93% of the exact 5 nearest at 2%).
    pub fn nearest_by_signs(&self, query: &Vector<D>, k: usize) -> Vec<(i64, f32)> {
        if self.len() <= Self::EXACT_UP_TO {
            return self.nearest(query, k);
        }
        let share = (self.len() as f64 * Self::SHORTLIST_SHARE).ceil() as usize;
        self.nearest_from_shortlist(query, k, share.max(k))
    }

    /// The `k` nearest by cosine among the `shortlist` rows whose signs are
    /// nearest the query's (ties at the cut broken by row order).
    pub fn nearest_from_shortlist(
        &self,
        query: &Vector<D>,
        k: usize,
        shortlist: usize,
    ) -> Vec<(i64, f32)> {
        if shortlist >= self.len() {
            return self.nearest(query, k);
        }
        let mut q = Vec::with_capacity(Self::WORDS);
        sign_code(
            &query.values,
            &self.flips,
            Self::WIDTH,
            &mut Vec::new(),
            &mut q,
        );
        let mut distance: Vec<u16> = Vec::with_capacity(self.len());
        let mut count = vec![0usize; Self::WIDTH + 1];
        for row in self.codes().chunks_exact(Self::WORDS) {
            let d: u32 = row.iter().zip(&q).map(|(a, b)| (a ^ b).count_ones()).sum();
            count[d as usize] += 1;
            distance.push(d as u16);
        }
        // The farthest distance kept, and how many rows at it are kept.
        let (mut cut, mut kept) = (0usize, 0usize);
        while kept + count[cut] < shortlist {
            kept += count[cut];
            cut += 1;
        }
        let mut at_cut = shortlist - kept;
        let rows = distance.iter().enumerate().filter_map(|(i, d)| {
            let d = usize::from(*d);
            if d < cut {
                Some(i)
            } else if d == cut && at_cut > 0 {
                at_cut -= 1;
                Some(i)
            } else {
                None
            }
        });
        self.best_of(query, k, rows)
    }

    /// The `k` rows of `rows` with the best cosine to `query`, best first.
    fn best_of(
        &self,
        query: &Vector<D>,
        k: usize,
        rows: impl Iterator<Item = usize>,
    ) -> Vec<(i64, f32)> {
        use std::cmp::Reverse;
        if k == 0 || query.scale == 0.0 {
            return Vec::new();
        }
        // A bounded min-heap of the best k scores so far.
        let mut best: std::collections::BinaryHeap<Reverse<(OrdF32, usize)>> =
            std::collections::BinaryHeap::with_capacity(k + 1);
        for i in rows {
            let s = dot(&query.values, &self.values[i]) as f32 * self.scales[i];
            if best.len() < k {
                best.push(Reverse((OrdF32(s), i)));
            } else if best.peek().is_some_and(|w| s > w.0.0.0) {
                best.pop();
                best.push(Reverse((OrdF32(s), i)));
            }
        }
        let mut out: Vec<(i64, f32)> = best
            .into_iter()
            .map(|Reverse((s, i))| (self.ids[i], s.0 * query.scale))
            .collect();
        out.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        out
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
struct OrdF32(f32);
impl Eq for OrdF32 {}
impl PartialOrd for OrdF32 {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for OrdF32 {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.0.total_cmp(&other.0)
    }
}
