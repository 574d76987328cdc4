//! The text as the extractor sees it: paragraphs, tokens with char offsets,
//! quotation segments and sentences. All offsets are in chars (Unicode scalar values).

use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TokKind {
    Word,
    Number,
    Punct(char),
}

#[derive(Debug, Clone)]
pub(crate) struct Tok {
    pub(crate) start: usize,
    pub(crate) end: usize,
    /// Lower-case, with curly apostrophes made straight.
    pub(crate) lower: compact_str::CompactString,
    /// The word lists this word is in (`lexicon::flag`).
    pub(crate) flags: u32,
    pub(crate) kind: TokKind,
    /// Starts with an upper-case letter.
    pub(crate) cap: bool,
    /// Index into `Doc::quotes` of the quotation this token stands inside, marks excluded.
    pub(crate) quote: Option<usize>,
}

impl Tok {
    pub(crate) fn is_word(&self) -> bool {
        matches!(self.kind, TokKind::Word | TokKind::Number)
    }
    pub(crate) fn has(&self, flag: u32) -> bool {
        self.flags & flag != 0
    }
    pub(crate) fn is(&self, c: char) -> bool {
        self.kind == TokKind::Punct(c)
    }
    pub(crate) fn is_possessive(&self) -> bool {
        self.lower.ends_with("'s") || (self.lower.ends_with("s'") && self.lower.len() > 2)
    }
    pub(crate) fn is_sentence_end(&self) -> bool {
        matches!(self.kind, TokKind::Punct('.' | '!' | '?'))
    }
}

/// A run of quoted words: `content` excludes the marks and surrounding space.
#[derive(Debug, Clone)]
pub(crate) struct QuoteSeg {
    /// Char offset of the opening mark.
    pub(crate) open: usize,
    /// Char offset just past the closing mark (or the paragraph's end when unclosed).
    pub(crate) close: usize,
    pub(crate) content: Range<usize>,
    pub(crate) para: usize,
    pub(crate) closed: bool,
    /// Tokens inside the quote.
    pub(crate) toks: Range<usize>,
    pub(crate) words: usize,
}

#[derive(Debug, Clone)]
pub(crate) struct Sentence {
    pub(crate) toks: Range<usize>,
    /// A paragraph's opening dateline ("WASHINGTON (Reuters) -"), which claims nothing.
    pub(crate) dateline: bool,
}

pub(crate) struct Doc {
    pub(crate) chars: Vec<char>,
    pub(crate) paras: Vec<Range<usize>>,
    pub(crate) para_toks: Vec<Range<usize>>,
    pub(crate) toks: Vec<Tok>,
    pub(crate) quotes: Vec<QuoteSeg>,
    pub(crate) sents: Vec<Sentence>,
    /// Words written with a capital inside a sentence (`capitalised_inside`),
    /// gathered on first use.
    proper: std::cell::OnceCell<std::collections::HashSet<compact_str::CompactString>>,
    /// Surnames the article gives after a known first name (`is_surname`).
    surnames: std::cell::OnceCell<std::collections::HashSet<compact_str::CompactString>>,
    /// The tagger's tags of each sentence's first tokens, as far as any
    /// stage has asked (`tagger::tag_first`).
    pub(crate) tags: super::tagger::TagCache,
}

const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "gen", "sen", "rep", "gov", "lt", "col", "capt", "sgt", "st", "jan",
    "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "inc", "corp",
    "co", "ltd", "jr", "sr", "no", "vs", "prof", "rev", "ft", "mt", "pres", "atty", "supt", "det",
    "insp", "cmdr", "adm", "maj", "cpl", "pvt", "messrs", "gov", "fig", "est", "approx", "dept",
    "univ", "ave", "blvd", "rd", "mme", "mlle", "hon", "sens", "reps", "del",
];

/// Words that plainly start a new sentence after an abbreviation like "U.S.".
const SENTENCE_STARTERS: &[&str] = &[
    "the", "a", "an", "he", "she", "it", "they", "we", "i", "but", "and", "in", "this", "that",
    "there", "his", "her", "their", "on", "at", "for", "mr", "ms", "mrs", "after", "before",
    "when", "while", "if", "as", "yet", "so", "however",
];

pub(crate) fn is_open_quote_char(c: char) -> bool {
    matches!(c, '\u{201C}' | '\u{201E}' | '\u{00AB}' | '"')
}

fn is_close_quote_char(c: char) -> bool {
    matches!(c, '\u{201D}' | '\u{00BB}' | '"' | '\u{201C}')
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{2018}')
}

impl Doc {
    pub(crate) fn new(text: &str) -> Doc {
        let chars: Vec<char> = text.chars().collect();
        let mut doc = Doc {
            chars,
            paras: Vec::new(),
            para_toks: Vec::new(),
            toks: Vec::new(),
            quotes: Vec::new(),
            sents: Vec::new(),
            proper: std::cell::OnceCell::new(),
            surnames: std::cell::OnceCell::new(),
            tags: Default::default(),
        };
        // About one token in every five or six characters of news text.
        doc.toks.reserve(doc.chars.len() / 5);
        doc.split_paragraphs();
        for p in 0..doc.paras.len() {
            doc.find_quotes(p);
        }
        for p in 0..doc.paras.len() {
            let first = doc.toks.len();
            doc.tokenize(p);
            doc.para_toks.push(first..doc.toks.len());
        }
        doc.assign_quote_tokens();
        for p in 0..doc.paras.len() {
            doc.split_sentences(p);
        }
        doc
    }

    /// Is this word (lower-case) written with a capital somewhere a capital
    /// says it is a name: inside a sentence, after a word or a comma? A
    /// sentence's first word ("Opinion polls see", "Young people have") is
    /// capitalised whatever it is, so it is no evidence.
    pub(crate) fn capitalised_inside(&self, lower: &str) -> bool {
        self.proper
            .get_or_init(|| {
                let mut set = std::collections::HashSet::new();
                for s in &self.sents {
                    for t in s.toks.start + 1..s.toks.end {
                        let (prev, tok) = (&self.toks[t - 1], &self.toks[t]);
                        if tok.cap
                            && tok.kind == TokKind::Word
                            && (prev.kind == TokKind::Word || prev.is(','))
                        {
                            set.insert(tok.lower.clone());
                        }
                    }
                }
                set
            })
            .contains(lower)
    }

    /// Does the article give this word (lower-case) as a surname after a
    /// known first name ("Mark Cuban", "Josh Earnest")? Then it names that
    /// person alone too, though it is also a demonym or a common word.
    pub(crate) fn is_surname(&self, lower: &str) -> bool {
        self.surnames
            .get_or_init(|| {
                self.toks
                    .windows(2)
                    .filter(|w| {
                        w[0].cap
                            && w[1].cap
                            && w[1].kind == TokKind::Word
                            && super::lexicon::is_first_name(&w[0].lower)
                    })
                    .map(|w| w[1].lower.clone())
                    .collect()
            })
            .contains(lower)
    }

    pub(crate) fn text(&self, r: Range<usize>) -> String {
        self.chars[r].iter().collect()
    }

    pub(crate) fn tok_text(&self, toks: Range<usize>) -> String {
        if toks.is_empty() {
            return String::new();
        }
        self.text(self.toks[toks.start].start..self.toks[toks.end - 1].end)
    }

    /// Paragraphs are lines; blank lines only separate them.
    fn split_paragraphs(&mut self) {
        let mut start = 0;
        let n = self.chars.len();
        for i in 0..=n {
            if i == n || self.chars[i] == '\n' {
                let (mut s, mut e) = (start, i);
                while s < e && self.chars[s].is_whitespace() {
                    s += 1;
                }
                while e > s && self.chars[e - 1].is_whitespace() {
                    e -= 1;
                }
                if s < e {
                    self.paras.push(s..e);
                }
                start = i + 1;
            }
        }
    }

    /// Finds double-quoted runs in paragraph `p`; single quotes serve as the
    /// outer marks only when the paragraph has no double ones (UK style).
    fn find_quotes(&mut self, p: usize) {
        let r = self.paras[p].clone();
        let has_double = self.chars[r.clone()]
            .iter()
            .any(|&c| matches!(c, '\u{201C}' | '\u{201D}' | '"' | '\u{201E}' | '\u{00AB}'))
            || self.chars[r.clone()].windows(2).any(|w| w == ['\'', '\'']);
        // (opening mark, its width): two apostrophes ('') are one double mark.
        let mut open: Option<(usize, usize)> = None;
        let mut i = r.start;
        while i < r.end {
            let doubled = self.chars[i] == '\'' && i + 1 < r.end && self.chars[i + 1] == '\'';
            let (c, w) = if doubled {
                ('"', 2)
            } else {
                (self.chars[i], 1)
            };
            // Most characters are not quotation marks: pass them by.
            if !matches!(
                c,
                '"' | '\''
                    | '\u{201C}'
                    | '\u{201D}'
                    | '\u{201E}'
                    | '\u{00AB}'
                    | '\u{00BB}'
                    | '\u{2018}'
                    | '\u{2019}'
            ) {
                i += 1;
                continue;
            }
            let prev = if i > r.start {
                Some(self.chars[i - 1])
            } else {
                None
            };
            let next = self.chars.get(i + w).copied().filter(|_| i + w < r.end);
            let left_open = prev.is_none_or(|p| {
                p.is_whitespace()
                    || matches!(p, '(' | '[' | '\u{2014}' | '\u{2013}' | '-' | ':' | '/')
            });
            let right_tight = next.is_some_and(|n| !n.is_whitespace());
            if has_double {
                match open {
                    None if (is_open_quote_char(c)
                        || (c == '\u{201D}' && left_open && right_tight))
                        && (c != '"' || left_open || right_tight) =>
                    {
                        open = Some((i, w));
                    }
                    Some((o, ow)) if is_close_quote_char(c) => {
                        // A straight or curly opening mark right after whitespace while open means
                        // the previous run was never closed; start again from here.
                        if (c == '\u{201C}' || (c == '"' && left_open && right_tight))
                            && i > o + ow
                            && left_open
                        {
                            self.push_quote(p, (o, ow), i, i, false);
                            open = Some((i, w));
                        } else {
                            self.push_quote(p, (o, ow), i, i + w, true);
                            open = None;
                        }
                    }
                    _ => {}
                }
            } else {
                let is_single_open = matches!(c, '\u{2018}' | '\'') && left_open && right_tight;
                let is_single_close = matches!(c, '\u{2019}' | '\'')
                    && !prev.is_some_and(|p| p.is_whitespace())
                    && next.is_none_or(|n| {
                        n.is_whitespace()
                            || matches!(n, ',' | '.' | ';' | ':' | '?' | '!' | ')' | '\u{2014}')
                    });
                match open {
                    None if is_single_open => open = Some((i, 1)),
                    Some((o, 1)) if is_single_close && i > o + 1 => {
                        self.push_quote(p, (o, 1), i, i + 1, true);
                        open = None;
                    }
                    _ => {}
                }
            }
            i += w;
        }
        if let Some(o) = open
            && has_double
        {
            self.push_quote(p, o, r.end, r.end, false);
        }
    }

    /// `open` is the opening mark's position and width.
    fn push_quote(
        &mut self,
        para: usize,
        (open, width): (usize, usize),
        content_end: usize,
        close: usize,
        closed: bool,
    ) {
        let (mut s, mut e) = (open + width, content_end);
        while s < e && self.chars[s].is_whitespace() {
            s += 1;
        }
        while e > s && (self.chars[e - 1].is_whitespace() || self.chars[e - 1] == ',') {
            e -= 1;
        }
        if s >= e {
            return;
        }
        self.quotes.push(QuoteSeg {
            open,
            close,
            content: s..e,
            para,
            closed,
            toks: 0..0,
            words: 0,
        });
    }

    fn tokenize(&mut self, p: usize) {
        let r = self.paras[p].clone();
        let chars = &self.chars;
        let mut scratch = String::with_capacity(32);
        let mut i = r.start;
        while i < r.end {
            let c = chars[i];
            if c.is_whitespace() {
                i += 1;
                continue;
            }
            let start = i;
            if c.is_alphanumeric() {
                let mut has_dot = false;
                i += 1;
                while i < r.end {
                    let c = chars[i];
                    let next = if i + 1 < r.end {
                        Some(chars[i + 1])
                    } else {
                        None
                    };
                    let prev = chars[i - 1];
                    // Letters and digits, and what joins them inside one word:
                    // apostrophes (don't), hyphens (long-term), decimal points
                    // (3.5) and thousands separators (2,000).
                    let joins = c.is_alphanumeric()
                        || (is_apostrophe(c)
                            && prev.is_alphabetic()
                            && next.is_some_and(|n| n.is_alphabetic()))
                        || ((c == '-' || c == '\u{2011}')
                            && next.is_some_and(|n| n.is_alphanumeric()))
                        || (c == '.'
                            && prev.is_ascii_digit()
                            && next.is_some_and(|n| n.is_ascii_digit()))
                        || (c == ','
                            && prev.is_ascii_digit()
                            && i + 3 < r.end + 1
                            && (1..=3)
                                .all(|k| chars.get(i + k).is_some_and(|d| d.is_ascii_digit()))
                            && !chars.get(i + 4).is_some_and(|d| d.is_ascii_digit()));
                    if joins {
                        i += 1;
                    } else if c == '.'
                        && prev.is_alphabetic()
                        && next.is_some_and(|n| n.is_alphabetic())
                        && chars.get(i + 2).is_some_and(|&d| d == '.' || has_dot)
                        && (i - start == 1 || has_dot || chars[i - 2] == '-')
                    {
                        // U.S., D.C., a.m.: single letters joined by periods
                        // (also after a hyphen: "D-N.Y.").
                        has_dot = true;
                        i += 1;
                    } else {
                        break;
                    }
                }
                if i < r.end && chars[i] == '.' && (has_dot || self.keeps_period(start, i)) {
                    i += 1;
                }
                // A possessive after a plural: "leaders’ summit".
                if i < r.end
                    && is_apostrophe(chars[i])
                    && chars[i - 1] == 's'
                    && (i + 1 >= r.end || !chars[i + 1].is_alphanumeric())
                    && self.quote_close_at(i).is_none()
                {
                    i += 1;
                }
                scratch.clear();
                for &c in &chars[start..i] {
                    if is_apostrophe(c) {
                        scratch.push('\'');
                    } else if c.is_ascii() {
                        scratch.push(c.to_ascii_lowercase());
                    } else {
                        scratch.extend(c.to_lowercase());
                    }
                }
                // Words of up to 24 bytes live inline, without an allocation.
                let word = compact_str::CompactString::new(&scratch);
                let kind = if chars[start].is_ascii_digit() {
                    TokKind::Number
                } else {
                    TokKind::Word
                };
                let flags = super::lexicon::FLAGS
                    .get(word.as_str())
                    .copied()
                    .unwrap_or(0);
                self.toks.push(Tok {
                    start,
                    end: i,
                    lower: word,
                    flags,
                    kind,
                    cap: chars[start].is_uppercase(),
                    quote: None,
                });
            } else {
                i += 1;
                let pc = if is_apostrophe(c) { '\'' } else { c };
                self.toks.push(Tok {
                    start,
                    end: i,
                    lower: compact_str::CompactString::from(pc.encode_utf8(&mut [0u8; 4]) as &str),
                    flags: 0,
                    kind: TokKind::Punct(pc),
                    cap: false,
                    quote: None,
                });
            }
        }
    }

    /// "Gov.", "Jan.", "J.": a title, month or initial keeps its period; so
    /// does a party and state label before its closing bracket or comma
    /// ("(D-Wis.) said", "R-Ky., said"), which ends no sentence.
    fn keeps_period(&self, start: usize, end: usize) -> bool {
        if end - start == 1 {
            return self.chars[start].is_uppercase();
        }
        let word = &self.chars[start..end];
        if let Some(h) = word.iter().rposition(|&c| c == '-') {
            let state = &word[h + 1..];
            if h > 0
                && (2..=5).contains(&state.len())
                && state[0].is_uppercase()
                && state.iter().all(|c| c.is_alphabetic())
                && matches!(self.chars.get(end + 1), Some(')' | ','))
            {
                return true;
            }
        }
        word.len() <= 6
            && ABBREVIATIONS.iter().any(|a| {
                *a != "no"
                    && a.len() == word.len()
                    && a.chars()
                        .zip(word)
                        .all(|(x, y)| y.to_ascii_lowercase() == x)
            })
    }

    fn quote_close_at(&self, i: usize) -> Option<usize> {
        // Quotes are found in reading order, so their closing marks are sorted.
        let k = self.quotes.partition_point(|q| q.close < i + 1);
        self.quotes
            .get(k)
            .filter(|q| q.close == i + 1 && q.closed)
            .map(|_| k)
    }

    fn assign_quote_tokens(&mut self) {
        let mut t = 0;
        for (qi, q) in self.quotes.iter_mut().enumerate() {
            while t < self.toks.len() && self.toks[t].start < q.content.start {
                t += 1;
            }
            let first = t;
            while t < self.toks.len() && self.toks[t].end <= q.content.end {
                self.toks[t].quote = Some(qi);
                t += 1;
            }
            q.toks = first..t;
            q.words = self.toks[first..t].iter().filter(|t| t.is_word()).count();
        }
    }

    fn is_abbreviation(&self, t: usize) -> bool {
        let tok = &self.toks[t];
        tok.kind == TokKind::Word
            && ((tok.lower.chars().count() == 1 && tok.cap)
                || ABBREVIATIONS.contains(&tok.lower.as_str()))
    }

    /// Does token `t` end a sentence: a full stop, question or exclamation
    /// mark, not the period of an abbreviation ("No. 2") within `within`?
    pub(crate) fn ends_sentence(&self, t: usize, within: &Range<usize>) -> bool {
        let tok = &self.toks[t];
        tok.is_sentence_end()
            && !(tok.is('.')
                && t > within.start
                && self.is_abbreviation(t - 1)
                && self.toks[t - 1].end == tok.start)
    }

    /// The end of a dateline opening a paragraph ("WASHINGTON ―", "PARIS, Aug
    /// 31 (Reuters) -", "FORT PIERCE, Fla. —"): place words in capitals, then
    /// at most ten tokens of date and agency before a dash. It is no part of
    /// the sentence after it: "WASHINGTON" is nobody's name.
    fn dateline_end(&self, r: Range<usize>) -> Option<usize> {
        // Place words in capitals, and the most letters one of them has.
        let mut t = r.start;
        let mut letters = 0;
        while t < r.end.min(r.start + 4) {
            let tok = &self.toks[t];
            let chars = &self.chars[tok.start..tok.end];
            let n = chars.iter().filter(|c| c.is_alphabetic()).count();
            if !(tok.kind == TokKind::Word
                && tok.cap
                && n > 1
                && chars.iter().all(|c| !c.is_lowercase()))
            {
                break;
            }
            letters = letters.max(n);
            t += 1;
        }
        if t == r.start {
            return None;
        }
        // A place is a word of four letters or more, or has a state or an
        // agency after it: "U.S. - China talks resumed" opens no dateline.
        let mut placed = letters >= 4;
        for d in t..r.end.min(t + 10) {
            match self.toks[d].kind {
                TokKind::Punct('-' | '\u{2013}' | '\u{2014}' | '\u{2015}') if placed => {
                    // "MANCHESTER, N.H. -- The": a doubled dash is one.
                    let e = d + 1 + usize::from(self.toks.get(d + 1).is_some_and(|t| t.is('-')));
                    return (e < r.end).then_some(e);
                }
                TokKind::Punct(',' | '(') => placed = true,
                TokKind::Punct('.' | ')') | TokKind::Word | TokKind::Number => {}
                _ => return None,
            }
        }
        None
    }

    fn split_sentences(&mut self, p: usize) {
        let r = self.para_toks[p].clone();
        let mut start = r.start;
        let mut t = r.start;
        if let Some(e) = self.dateline_end(r.clone()) {
            self.sents.push(Sentence {
                toks: start..e,
                dateline: true,
            });
            start = e;
            t = e;
        }
        while t < r.end {
            let tok = &self.toks[t];
            let ends_here = self.ends_sentence(t, &r);
            let abbrev_end = tok.kind == TokKind::Word && tok.lower.ends_with('.');
            if ends_here || abbrev_end {
                // Closing marks and brackets belong to the sentence they close; a
                // straight mark after a space opens the next one ("stride. ''I felt").
                let mut e = t + 1;
                while e < r.end
                    && (matches!(
                        self.toks[e].kind,
                        TokKind::Punct('\u{201D}' | '"' | '\'' | ')' | ']' | '\u{00BB}')
                    ))
                    && !(matches!(self.toks[e].kind, TokKind::Punct('"' | '\''))
                        && self.toks[e].start > self.toks[e - 1].end)
                {
                    e += 1;
                }
                let next_starts = e >= r.end || {
                    let n = &self.toks[e];
                    if abbrev_end && !ends_here {
                        n.kind == TokKind::Word
                            && SENTENCE_STARTERS.contains(&n.lower.as_str())
                            && n.cap
                    } else {
                        n.cap
                            || n.kind == TokKind::Number
                            || matches!(
                                n.kind,
                                TokKind::Punct(
                                    '\u{201C}' | '"' | '\u{2018}' | '\'' | '(' | '\u{00AB}'
                                )
                            )
                    }
                };
                if next_starts {
                    self.sents.push(Sentence {
                        toks: start..e,
                        dateline: false,
                    });
                    start = e;
                    t = e;
                    continue;
                }
            }
            t += 1;
        }
        if start < r.end {
            self.sents.push(Sentence {
                toks: start..r.end,
                dateline: false,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<String> {
        let doc = Doc::new(text);
        doc.sents
            .iter()
            .map(|s| doc.tok_text(s.toks.clone()))
            .collect()
    }

    #[test]
    fn a_dateline_is_a_sentence_of_its_own() {
        let datelines = |text: &str| -> Vec<String> {
            let doc = Doc::new(text);
            doc.sents
                .iter()
                .filter(|s| s.dateline)
                .map(|s| doc.tok_text(s.toks.clone()))
                .collect()
        };
        assert_eq!(
            datelines("WASHINGTON ― The vote was close."),
            ["WASHINGTON ―"]
        );
        assert_eq!(
            datelines("PARIS, Aug 31 (Reuters) - The party won."),
            ["PARIS, Aug 31 (Reuters) -"]
        );
        assert_eq!(
            datelines("MANCHESTER, N.H. -- The debate began."),
            ["MANCHESTER, N.H. --"]
        );
        // Neither is a place opening a wire story.
        assert!(datelines("U.S. - China talks resumed on Monday.").is_empty());
        assert!(datelines("The vote - a close one - was held.").is_empty());
    }

    #[test]
    fn abbreviations_do_not_split() {
        assert_eq!(
            sentences(
                "Mr. Smith met Gen. Jones in Washington, D.C., at 9 a.m. on Jan. 5. It cost $3.5 million. The U.S. Army agreed."
            ),
            vec![
                "Mr. Smith met Gen. Jones in Washington, D.C., at 9 a.m. on Jan. 5.",
                "It cost $3.5 million.",
                "The U.S. Army agreed."
            ]
        );
        assert_eq!(
            sentences("He lives in the U.S. He likes it."),
            vec!["He lives in the U.S.", "He likes it."]
        );
        assert_eq!(
            sentences("J. R. R. Tolkien wrote it."),
            vec!["J. R. R. Tolkien wrote it."]
        );
    }

    #[test]
    fn quotes_found_with_curly_and_straight_marks() {
        let doc = Doc::new(
            "\u{201C}We won,\u{201D} she said. \"It was close.\"\n\u{201C}Part one.\n\u{201C}Part two.\u{201D}",
        );
        let qs: Vec<String> = doc
            .quotes
            .iter()
            .map(|q| doc.text(q.content.clone()))
            .collect();
        assert_eq!(
            qs,
            vec!["We won", "It was close.", "Part one.", "Part two."]
        );
        assert!(!doc.quotes[2].closed);
    }
}
