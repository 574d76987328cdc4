//! BERT's uncased WordPiece tokenizer: the token ids of all-MiniLM-L6-v2's
//! vocabulary, which the static matching model (`embed`) and the learned
//! check-worthiness score (`extract::worth`) both read.

use rustc_hash::FxHashMap;
use unicode_normalization::UnicodeNormalization;

/// Longest word WordPiece splits; longer ones are one unknown token.
const MAX_WORD_CHARS: usize = 100;

/// A WordPiece vocabulary: token ids by piece, and the unknown token.
pub struct WordPiece {
    vocab: FxHashMap<Box<str>, u32>,
    unk: u32,
}

impl WordPiece {
    /// The vocabulary of `tokens`, one piece an id in order; it must hold `[UNK]`.
    pub fn new(tokens: &[&str]) -> Result<WordPiece, String> {
        let vocab: FxHashMap<Box<str>, u32> = tokens
            .iter()
            .enumerate()
            .map(|(i, t)| (Box::from(*t), i as u32))
            .collect();
        let unk = *vocab
            .get("[UNK]")
            .ok_or("no [UNK] token in the vocabulary")?;
        Ok(WordPiece { vocab, unk })
    }

    /// How many ids the vocabulary gives.
    pub fn len(&self) -> usize {
        self.vocab.len()
    }

    /// True when the vocabulary is empty (it never is: it holds `[UNK]`).
    pub fn is_empty(&self) -> bool {
        self.vocab.is_empty()
    }

    /// The WordPiece token ids of `text`, as BERT's uncased tokenizer gives them
    /// (without [CLS] and [SEP]).
    pub fn tokens(&self, text: &str) -> Vec<u32> {
        let mut out = Vec::new();
        self.tokens_into(text, &mut out);
        out
    }

    /// [`WordPiece::tokens`], appended to `out`.
    pub fn tokens_into(&self, text: &str, out: &mut Vec<u32>) {
        for word in basic_tokens(text) {
            self.word(&word, out);
        }
    }

    fn word(&self, word: &str, out: &mut Vec<u32>) {
        if word.chars().count() > MAX_WORD_CHARS {
            out.push(self.unk);
            return;
        }
        let start_len = out.len();
        let mut start = 0;
        let mut piece = String::new();
        while start < word.len() {
            let mut end = word.len();
            let mut found = None;
            while end > start {
                piece.clear();
                if start > 0 {
                    piece.push_str("##");
                }
                piece.push_str(&word[start..end]);
                if let Some(id) = self.vocab.get(piece.as_str()) {
                    found = Some(*id);
                    break;
                }
                end = word[..end]
                    .char_indices()
                    .next_back()
                    .map_or(start, |(i, _)| i);
            }
            match found {
                Some(id) => {
                    out.push(id);
                    start = end;
                }
                None => {
                    out.truncate(start_len);
                    out.push(self.unk);
                    return;
                }
            }
        }
    }
}

/// BERT's basic tokenizer, uncased: control characters dropped, CJK
/// ideographs split apart, lower case, accents stripped, punctuation split off.
fn basic_tokens(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let flush = |word: &mut String, words: &mut Vec<String>| {
        if !word.is_empty() {
            words.push(std::mem::take(word));
        }
    };
    for c in text.chars() {
        if c == '\0' || c == '\u{fffd}' || (c.is_control() && !c.is_whitespace()) {
            continue;
        }
        if c.is_whitespace() {
            flush(&mut word, &mut words);
            continue;
        }
        if is_cjk(c) {
            flush(&mut word, &mut words);
            words.push(c.to_string());
            continue;
        }
        for l in c.to_lowercase().nfd() {
            if is_mark(l) {
                continue;
            }
            if is_punctuation(l) {
                flush(&mut word, &mut words);
                words.push(l.to_string());
            } else {
                word.push(l);
            }
        }
    }
    flush(&mut word, &mut words);
    words
}

fn is_punctuation(c: char) -> bool {
    c.is_ascii_punctuation()
        || (!c.is_ascii() && !c.is_alphanumeric() && !c.is_whitespace() && !is_mark(c))
}

/// Combining marks (the accents NFD splits off).
fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x4E00..=0x9FFF | 0x3400..=0x4DBF | 0x20000..=0x2A6DF | 0x2A700..=0x2B73F
        | 0x2B740..=0x2B81F | 0x2B820..=0x2CEAF | 0xF900..=0xFAFF | 0x2F800..=0x2FA1F)
}
