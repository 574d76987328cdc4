//! Finding claims and who they are attributed to: quotes with the words
//! around them, reported speech ("X said Y"), and statements in the
//! article's own voice.
//!
//! tidy: long because the attribution passes (quotes, reported speech,
//! statements) share one walk over the tokens and its helpers.

use std::ops::Range;

use super::lexicon::{QUALIFYING_PREPOSITIONS, SETS};
use super::np::Subj;
use super::tokens::{Doc, QuoteSeg, TokKind};
use super::{Diagnostic, score};
use crate::model::{ClaimKind, Span};

/// A source as the article names it, before resolution.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct SourceRef {
    pub(crate) surface: String,
    pub(crate) detail: Option<String>,
}

#[derive(Debug, Clone)]
pub(crate) struct RawClaim {
    pub(crate) kind: ClaimKind,
    pub(crate) span: Span,
    /// Token range of the claim's words.
    pub(crate) toks: Range<usize>,
    /// Token range of the sentence (or paragraph) that frames the claim.
    pub(crate) frame: Range<usize>,
    pub(crate) subjects: Vec<Subj>,
    pub(crate) sources: Vec<SourceRef>,
    /// The learned check-worthiness of the frame, when taking the claim
    /// already asked for it (a statement the rules passed over).
    pub(crate) worth: Option<f64>,
    /// The sentence is the article's statement too: a verb that reports its
    /// object ("X criticized Y for …") tells what X did in the article's own
    /// voice, as well as what X holds.
    pub(crate) stated_too: bool,
}

#[derive(Default)]
pub(crate) struct Found {
    pub(crate) raw: Vec<RawClaim>,
    /// People named as subjects, in reading order, for pronouns and descriptions.
    pub(crate) mentions: Vec<Subj>,
    pub(crate) diagnostics: Vec<Diagnostic>,
    /// Quotes that no one is said to have said, inside a sentence of other
    /// words ("linked to a rise in 'radical Islamic terror.'"): scare quotes
    /// or titles, read as words of their sentence, which is the claim.
    pub(crate) unsaid: rustc_hash::FxHashSet<usize>,
    /// Quotes inside a reported clause ("Rubio said the reforms did not
    /// amount to “amnesty.”"), by quote, with the index of their quote claim
    /// in `raw`: the clause that quotes them is the claim, when one is found.
    pub(crate) mixed: rustc_hash::FxHashMap<usize, usize>,
}

/// The words right before and after a quote in its sentence
/// ([`Doc::words_around`]); `None` for a quote of more than one sentence.
type Around = Option<(Option<usize>, Option<usize>)>;

/// The longest quote read as a scare quote when no one is said to have said it.
const SCARE_QUOTE_WORDS: usize = 5;

/// Verbs of belief and expectation that report a clause ("they think she can win").
const BELIEF_CUES: &[&str] = &[
    "think", "thinks", "believe", "believes", "believed", "feel", "feels", "fear", "fears",
    "feared", "hope", "hopes", "hoped", "worry", "worries", "expect", "expects", "suspect",
    "suspects", "doubt", "doubts", "know", "knows", "knew", "guess", "assume", "assumes",
];

/// Verbs by which a document reports what it found.
const FINDING_CUES: &[&str] = &[
    "shows",
    "showed",
    "show",
    "found",
    "finds",
    "find",
    "suggests",
    "suggested",
    "suggest",
    "indicates",
    "indicated",
    "estimates",
    "estimated",
    "concluded",
    "concludes",
    "reveals",
    "revealed",
    "projects",
    "projected",
];

/// Nouns of documents that find things: the heads of a finding's speaker.
const DOCUMENTS: &[&str] = &[
    "poll",
    "polls",
    "polling",
    "survey",
    "surveys",
    "study",
    "studies",
    "report",
    "reports",
    "analysis",
    "paper",
    "data",
    "figures",
    "research",
    "review",
    "audit",
    "records",
    "documents",
    "numbers",
    "statistics",
    "census",
    "filings",
    "emails",
    "investigation",
    "assessment",
    "model",
    "forecast",
    "tally",
    "count",
    "memo",
];

/// Adverbs that may stand between a subject and its verb ("has already said").
const MID_ADVERBS: &[&str] = &["not", "never", "already", "still", "now", "just"];

/// Words that open a phrase set off by a comma before a clause's subject:
/// "if elected, she would", "in a race between them, he would".
const INTRO_WORDS: &[&str] = &[
    "if", "when", "whenever", "unless", "once", "after", "before", "because", "since", "as",
    "like", "in", "on", "at", "for", "with", "without", "despite", "given", "under", "during",
    "until", "while", "although", "though", "whereas", "amid", "even", "by",
];

/// "be", "been" and the adverbs [`is_auxiliary`] lets stand between a subject
/// and its verb: the auxiliaries that do not make a clause finite.
fn is_adverb_or_be(w: &str) -> bool {
    matches!(w, "be" | "been") || MID_ADVERBS.contains(&w)
}

/// A word between a subject and its verb that is no part of the subject.
fn is_auxiliary(w: &str) -> bool {
    is_adverb_or_be(w)
        || matches!(
            w,
            "is" | "are"
                | "was"
                | "were"
                | "will"
                | "would"
                | "could"
                | "can"
                | "may"
                | "might"
                | "should"
                | "must"
                | "did"
                | "does"
                | "do"
        )
}

/// An attribution found in the words around a quote.
#[derive(Debug, Clone, Default)]
struct Attr {
    subjects: Vec<Subj>,
    sources: Vec<SourceRef>,
}

/// Words that end an inverted speaker's noun phrase and open what follows
/// it: "said Sanders as he closed out", "said Jones in an interview".
const INVERTED_SUBJECT_ENDS: &[&str] = &[
    "as",
    "while",
    "when",
    "after",
    "before",
    "because",
    "during",
    "in",
    "at",
    "on",
    "via",
    "who",
    "with",
    "since",
    "adding",
    "noting",
    "referring",
    "pointing",
    "speaking",
    "asking",
];
const REPORT_NOUNS: &[&str] = &[
    "report",
    "reports",
    "statement",
    "article",
    "analysis",
    "interview",
    "survey",
    "study",
    "story",
    "investigation",
    "poll",
    "data",
    "figures",
    "post",
    "tweet",
    "account",
    "review",
];
const PLATFORMS: &[(&str, &str)] = &[
    ("twitter", "Twitter"),
    ("x", "X"),
    ("facebook", "Facebook"),
    ("instagram", "Instagram"),
    ("truth", "Truth Social"),
    ("telegram", "Telegram"),
    ("tiktok", "TikTok"),
    ("youtube", "YouTube"),
];

impl Doc {
    /// Is the quotation run a claim, or a scare quote / title inside other words?
    pub(crate) fn is_claim_quote(&self, qi: usize) -> bool {
        let q = &self.quotes[qi];
        if q.words == 0 {
            return false;
        }
        let ends_sentence =
            q.toks.end > q.toks.start && self.toks[q.toks.end - 1].is_sentence_end();
        let starts_para = q.open == self.paras[q.para].start;
        q.words >= 4
            || ends_sentence
            || (q.words >= 2 && (starts_para || self.opens_with_comma(qi)))
    }

    /// A quote that opens its sentence and ends at a comma is an utterance
    /// however short: "I felt embarrassed," she said.
    fn opens_with_comma(&self, qi: usize) -> bool {
        let q = &self.quotes[qi];
        self.toks
            .get(q.toks.end)
            .is_some_and(|t| t.is(',') && t.start < q.close)
            && self.sentence_at(q.toks.start).is_some_and(|s| {
                self.toks[s.toks.start..q.toks.start]
                    .iter()
                    .all(|t| !t.is_word())
            })
    }

    fn in_claim_quote(&self, t: usize) -> bool {
        self.toks[t].quote.is_some_and(|q| self.is_claim_quote(q))
    }

    /// The sentence that token `t` stands in (or the first after it).
    pub(super) fn sentence_at(&self, t: usize) -> Option<&super::tokens::Sentence> {
        self.sents
            .get(self.sents.partition_point(|s| s.toks.end <= t))
    }

    /// How many words (and numbers) the token range holds.
    fn word_count(&self, r: Range<usize>) -> usize {
        self.toks[r].iter().filter(|t| t.is_word()).count()
    }

    /// Words that stand between a verb and what follows without being
    /// either: "last week", "on Tuesday", "in March 2016".
    fn is_skippable_or_date(&self, i: usize) -> bool {
        let t = &self.toks[i];
        t.has(super::lexicon::flag::SKIPPABLE) || t.kind == TokKind::Number || self.names_a_month(i)
    }

    /// The range without the auxiliaries at its end: "The Florida senator
    /// is" is the subject "The Florida senator".
    fn strip_auxiliaries(&self, mut r: Range<usize>) -> Range<usize> {
        while r.end > r.start && is_auxiliary(&self.toks[r.end - 1].lower) {
            r.end -= 1;
        }
        r
    }

    /// A speaker described, not named, by the words of `r`.
    pub(super) fn described(&self, r: Range<usize>, head: String) -> Subj {
        Subj::Description {
            text: self.tok_text(r.clone()),
            head,
            pos: r.start,
        }
    }

    /// Does the sentence that a quote starts in have words outside the quote?
    fn has_words_outside(&self, qi: usize) -> bool {
        let q = &self.quotes[qi];
        self.sentence_at(q.toks.start).is_some_and(|s| {
            s.toks.clone().any(|t| {
                self.toks[t].quote != Some(qi) && self.toks[t].is_word() && !q.toks.contains(&t)
            })
        })
    }

    /// The words of a quote's sentence right before its opening mark and
    /// right after its closing one (quotation marks and nothing else
    /// between, inside the marks or out: `"…," he said` has a comma), where
    /// there are words; `None` for a quote of more than one
    /// sentence, which is something said whatever stands around it.
    fn words_around(&self, qi: usize) -> Around {
        let q = &self.quotes[qi];
        let first = q.toks.clone().find(|&t| self.toks[t].is_word())?;
        let s = self.sentence_at(first)?.toks.clone();
        if q.toks.end > s.end {
            return None;
        }
        let mark = |t: usize| {
            matches!(
                self.toks[t].kind,
                TokKind::Punct('"' | '\'' | '\u{201C}' | '\u{201D}' | '\u{2018}' | '\u{2019}')
            )
        };
        let before = (s.start..q.toks.start.max(s.start))
            .rev()
            .find(|&t| !mark(t))
            .filter(|&t| self.toks[t].is_word());
        let after = (q.toks.end..s.end)
            .find(|&t| !mark(t))
            .filter(|&t| self.toks[t].is_word());
        Some((before, after))
    }

    /// Does a span ending at char `end` stop just inside quote `q`, with
    /// nothing but punctuation and the closing mark left ("… to blacks.”")?
    fn closes_just_after(&self, q: &QuoteSeg, end: usize) -> bool {
        q.closed
            && end < q.close
            && self.chars[end..q.close]
                .iter()
                .all(|c| !c.is_alphanumeric())
    }

    /// Is a quote that no one is said to have said words of the article's own
    /// sentence: run into from the sentence's words, with no comma, colon or
    /// dash before it, and no word anywhere in the sentence that might say
    /// whose words they are ([`Self::may_attribute`])? "The shooter was 'a
    /// Democrat Socialist who had a Beto sticker on his truck.'", "E-mail
    /// lists senators who “voted against making English the official
    /// language.”"
    fn continues_own_words(&self, qi: usize, around: Around) -> bool {
        let q = &self.quotes[qi];
        around.is_some_and(|(before, _)| before.is_some())
            && self.sentence_at(q.toks.start).is_some_and(|s| {
                !s.toks
                    .clone()
                    .any(|t| !q.toks.contains(&t) && self.may_attribute(t))
            })
    }

    /// Might a word tell whose words a quote is: a cue, a verb PolNeAR's
    /// cues end in ("attacked", "found"), a verb of naming, "per" or
    /// "according"?
    fn may_attribute(&self, t: usize) -> bool {
        let w = self.toks[t].lower.as_str();
        self.is_cue(t)
            || SETS.that_cue.contains(w)
            || SETS.naming.contains(w)
            || matches!(w, "per" | "according")
    }

    /// Is a quote a part of its sentence rather than something said, whoever
    /// the sentence names: a title, a name or a phrase, run on into by the
    /// sentence's words on both sides, a lower-case word after it that is no
    /// cue and no cue or "that" before it ("'Harry Potter' creator J.K.
    /// Rowling revealed", "called Serena Williams his 'Black American woman
    /// friend' on Twitter", "said she “can’t believe that so many people still
    /// don’t” approve of it")?
    fn is_run_into(&self, qi: usize, around: Around) -> bool {
        let q = &self.quotes[qi];
        let ends_in_punct = q.toks.end > q.toks.start && !self.toks[q.toks.end - 1].is_word();
        !ends_in_punct
            && around.is_some_and(|(before, after)| {
                after.is_some_and(|a| !self.toks[a].cap && !self.is_cue(a))
                    && match before {
                        Some(b) => !self.is_cue(b) && self.toks[b].lower != "that",
                        // Opening the sentence, only a title runs on: an
                        // utterance may too ("“The only way Wall Street will
                        // change will be if executives face jail time” for
                        // criminal behavior, she said").
                        None => q
                            .toks
                            .clone()
                            .filter(|&t| self.toks[t].is_word())
                            .all(|t| self.toks[t].cap || self.toks[t].lower.chars().count() < 4),
                    }
            })
    }

    pub(crate) fn find_quote_claims(&self, found: &mut Found) {
        let mut prev_para_attr: Option<(usize, Attr)> = None;
        let mut q = 0;
        while q < self.quotes.len() {
            let para = self.quotes[q].para;
            let mut in_para = Vec::new();
            while q < self.quotes.len() && self.quotes[q].para == para {
                if self.is_claim_quote(q) {
                    in_para.push(q);
                }
                q += 1;
            }
            if in_para.is_empty() {
                continue;
            }
            let pt = self.para_toks[para].clone();
            // Residues: the words before, between and after the quotes.
            let mut bounds = vec![pt.start];
            for &qi in &in_para {
                let qs = &self.quotes[qi];
                bounds.push(self.tok_at_or_after(qs.open, pt.clone()));
                bounds.push(self.tok_at_or_after(qs.close, pt.clone()));
            }
            bounds.push(pt.end);
            let residues: Vec<Range<usize>> =
                bounds.chunks(2).map(|b| b[0]..b[1].max(b[0])).collect();
            // Lead-in: the last sentence of the words before a quote; tail: the first sentence after it.
            let leads: Vec<Option<Attr>> = residues
                .iter()
                .map(|r| self.attr_in(self.last_clause(r.clone()), false))
                .collect();
            let tails: Vec<Option<Attr>> = residues
                .iter()
                .map(|r| self.attr_in(self.first_clause(r.clone()), true))
                .collect();
            let para_sources: Vec<SourceRef> = residues
                .iter()
                .flat_map(|r| self.sources_in(r.clone()))
                .collect();
            // A quote that ends its sentence ("a gimmick.") belongs to its lead-in
            // when that names someone; the next sentence is another claim.
            let mut attrs: Vec<Option<Attr>> = (0..in_para.len())
                .map(|k| {
                    let q = &self.quotes[in_para[k]];
                    let ends_sentence =
                        q.toks.end > q.toks.start && self.toks[q.toks.end - 1].is_sentence_end();
                    if ends_sentence && leads[k].is_some() {
                        leads[k].clone()
                    } else {
                        tails[k + 1].clone().or_else(|| leads[k].clone())
                    }
                })
                .collect();
            // A paragraph that opens with a quote after one that ends in a
            // colon: "Dr. Ward stated:" introduces it.
            if attrs[0].is_none()
                && self.quotes[in_para[0]].open == self.paras[para].start
                && let Some(prev) = para.checked_sub(1).map(|p| self.para_toks[p].clone())
                && prev.end > prev.start
                && self.toks[prev.end - 1].is(':')
            {
                attrs[0] = self.attr_in(self.last_clause(prev), false);
            }
            // A quote that closes its paragraph, credited on the next line: "- Hillary Clinton."
            if let Some(k) = attrs.len().checked_sub(1)
                && attrs[k].is_none()
                && let Some(next) = self.para_toks.get(para + 1)
                && !residues
                    .last()
                    .is_some_and(|r| r.clone().any(|i| self.toks[i].is_word()))
                && let Some(subjects) = self.credit_line(next.clone(), true)
            {
                attrs[k] = Some(Attr {
                    subjects,
                    sources: Vec::new(),
                });
            }
            // A transcript's turn in quotation marks names its speaker:
            // "“PENCE: Gennifer Flowers will not be attending …".
            // One whose label names no one the article knows, and that
            // nothing else credits, has no speaker rather than the one before
            // it ("“WARNING: …,” the agency said" keeps the agency).
            for (k, &qi) in in_para.iter().enumerate() {
                match self.turn_label(qi) {
                    Some(Some(subjects)) => {
                        attrs[k] = Some(Attr {
                            subjects,
                            sources: Vec::new(),
                        })
                    }
                    Some(None) if attrs[k].is_none() => {
                        attrs[k] = Some(Attr {
                            subjects: Vec::new(),
                            sources: Vec::new(),
                        })
                    }
                    _ => {}
                }
            }
            // Quotes split around one attribution share it.
            for k in 0..attrs.len() {
                if attrs[k].is_none() {
                    let before = (0..k).rev().find_map(|j| attrs[j].clone());
                    let after = (k + 1..attrs.len()).find_map(|j| attrs[j].clone());
                    attrs[k] = before.or(after);
                }
            }
            // A paragraph of quotes with no cue continues the previous speaker's quotes.
            let first_q = &self.quotes[in_para[0]];
            let continues = first_q.open == self.paras[para].start;
            for (k, &qi) in in_para.iter().enumerate() {
                let qs = &self.quotes[qi];
                let attr = match &attrs[k] {
                    Some(a) => Some(a.clone()),
                    None if continues => prev_para_attr
                        .as_ref()
                        .filter(|(p, _)| *p + 2 >= para)
                        .map(|(_, a)| a.clone()),
                    None => None,
                };
                let span = Span {
                    start: qs.content.start,
                    end: qs.content.end,
                };
                let around = self.words_around(qi);
                if attr.is_none()
                    && (qs.words <= SCARE_QUOTE_WORDS && self.has_words_outside(qi)
                        || self.continues_own_words(qi, around))
                    || self.is_run_into(qi, around)
                {
                    found.unsaid.insert(qi);
                    continue;
                }
                if attr.is_none() {
                    found.diagnostics.push(Diagnostic {
                        message: "quote with no speaker found".into(),
                        span: Some(span),
                    });
                }
                if !qs.closed && !self.next_para_continues(para) {
                    found.diagnostics.push(Diagnostic {
                        message: "quotation mark never closed".into(),
                        span: Some(span),
                    });
                }
                let attr = attr.unwrap_or_default();
                if self.in_reported_clause(qi) {
                    found.mixed.insert(qi, found.raw.len());
                }
                let mut sources = attr.sources.clone();
                for s in &para_sources {
                    if !sources.contains(s) {
                        sources.push(s.clone());
                    }
                }
                found.raw.push(RawClaim {
                    kind: crate::model::ClaimKind::Quote,
                    span,
                    toks: qs.toks.clone(),
                    frame: pt.clone(),
                    subjects: attr.subjects,
                    sources,
                    worth: None,
                    stated_too: false,
                });
            }
            let last = attrs.iter().rev().find_map(|a| a.clone()).or_else(|| {
                prev_para_attr
                    .as_ref()
                    .filter(|_| continues)
                    .map(|(_, a)| a.clone())
            });
            for a in attrs.iter().flatten() {
                for s in &a.subjects {
                    found.mentions.push(s.clone());
                }
            }
            prev_para_attr = last.map(|a| (para, a));
        }
    }

    /// Does the quote go on a clause reported before it opens: its last cue,
    /// then at least two words of what was said ("Rubio said that the reforms
    /// did not amount to “amnesty.”"), not "said, “…”", "said Tuesday: “…”"
    /// or "said the plan was unserious - “…”"?
    fn in_reported_clause(&self, qi: usize) -> bool {
        let q = &self.quotes[qi];
        let Some(first) = q.toks.clone().find(|&t| self.toks[t].is_word()) else {
            return false;
        };
        let open = q.toks.start.saturating_sub(1);
        let Some(s) = self.sentence_at(first) else {
            return false;
        };
        let lead = s.toks.start..open.max(s.toks.start);
        if lead.is_empty()
            || self.toks[open - 1].is(',')
            || self.toks[open - 1].is(':')
            || self.toks[open - 1].is('-')
            || self.toks[open - 1].is('\u{2014}')
            || lead.clone().any(|t| self.in_claim_quote(t))
        {
            return false;
        }
        let Some(cue) = lead
            .clone()
            .rev()
            .find(|&i| self.is_clause_cue(i, lead.end))
        else {
            return false;
        };
        (cue + 1..open)
            .filter(|&k| self.toks[k].is_word() && self.toks[k].lower != "that")
            .count()
            >= 2
    }

    fn next_para_continues(&self, para: usize) -> bool {
        self.paras
            .get(para + 1)
            .is_some_and(|r| super::tokens::is_open_quote_char(self.chars[r.start]))
    }

    fn tok_at_or_after(&self, pos: usize, within: Range<usize>) -> usize {
        let slice = &self.toks[within.clone()];
        within.start + slice.partition_point(|t| t.start < pos)
    }

    /// The words after the last sentence end in `r`.
    fn last_clause(&self, r: Range<usize>) -> Range<usize> {
        let mut s = r.start;
        for i in r.clone() {
            if self.ends_sentence(i, &r) && i + 1 < r.end {
                s = i + 1;
            }
        }
        s..r.end
    }

    /// The words up to and including the first sentence end in `r`.
    fn first_clause(&self, r: Range<usize>) -> Range<usize> {
        for i in r.clone() {
            if self.ends_sentence(i, &r) && i > r.start {
                return r.start..i + 1;
            }
        }
        r
    }

    fn is_cue(&self, i: usize) -> bool {
        let t = &self.toks[i];
        t.kind == TokKind::Word
            && !t.cap
            && t.has(super::lexicon::flag::CUE)
            && !(t.lower.ends_with('s') && i > 0 && self.counts_noun(i - 1))
            && self.toks[i].quote.is_none_or(|q| !self.is_claim_quote(q))
            && !self.after_article(i)
            && !self.is_passive(i)
    }

    /// "Thirty percent", "26% of voters", "a majority of Americans", "About 4
    /// in 10": a share of people, as polls report them.
    fn is_share(&self, r: Range<usize>) -> bool {
        let mut i = r.start;
        while i < r.end
            && matches!(
                self.toks[i].lower.as_str(),
                "about"
                    | "nearly"
                    | "almost"
                    | "roughly"
                    | "some"
                    | "over"
                    | "just"
                    | "only"
                    | "a"
                    | "the"
            )
        {
            i += 1;
        }
        let Some(t) = self.toks.get(i).filter(|_| i < r.end) else {
            return false;
        };
        let number = t.kind == TokKind::Number || t.has(super::lexicon::flag::NUMBER);
        let next = self.toks.get(i + 1).map(|n| n.lower.as_str());
        (number && matches!(next, Some("percent" | "%" | "in" | "out")))
            || (matches!(
                t.lower.as_str(),
                "majority" | "plurality" | "third" | "quarter" | "half" | "most"
            ) && (i + 1 == r.end || next == Some("of")))
    }

    /// "two dozen states", "other reports": before a plural the word counts
    /// things, and the cue-like word is a noun.
    fn counts_noun(&self, i: usize) -> bool {
        let t = &self.toks[i];
        t.kind == TokKind::Number
            || t.has(super::lexicon::flag::NUMBER)
            || matches!(
                t.lower.as_str(),
                "dozen"
                    | "several"
                    | "other"
                    | "those"
                    | "these"
                    | "united"
                    | "hundred"
                    | "thousand"
            )
    }

    /// "Clevelanders were promised a party", "he was told that": the subject
    /// of a passive heard it, and did not say it.
    fn is_passive(&self, i: usize) -> bool {
        i > 0
            && !self.toks[i].lower.ends_with("ing")
            && matches!(
                self.toks[i - 1].lower.as_str(),
                "was" | "were" | "is" | "are" | "be" | "been" | "being"
            )
    }

    /// A learned verb of speech with "that" after it: "Clinton acknowledged
    /// that the emails were classified". Without "that" many of them take an
    /// object, not a clause ("He mentioned the November meeting").
    fn is_that_cue(&self, i: usize, end: usize) -> bool {
        let t = &self.toks[i];
        t.kind == TokKind::Word
            && !t.cap
            && SETS.that_cue.contains(t.lower.as_str())
            && i + 1 < end
            && self.toks[i + 1].lower == "that"
            && self.toks[i].quote.is_none_or(|q| !self.is_claim_quote(q))
            && !self.after_article(i)
    }

    /// A verb that may report whatever follows it: "criticized",
    /// "defended", a word the learned cue model ([`super::cues`]) has seen
    /// as a cue, as far as the words tell; `object_cues` asks the tagger
    /// whether it is a verb and the model whether, here, it reports.
    fn is_object_cue(&self, i: usize) -> bool {
        let t = &self.toks[i];
        let w = t.lower.as_str();
        if t.kind != TokKind::Word
            || t.cap
            || !super::cues::may_be_cue(w)
            // What a poll or a picture shows is read by `document_finding`.
            || FINDING_CUES.contains(&w)
            // ", allowing the complaint to be filed": a participle set off
            // after the clause says what follows from it, unless it is a
            // verb that reports a clause (", saying").
            || self.is_participle_after_comma(i)
            || self.in_claim_quote(i)
            || self.is_passive(i)
        {
            return false;
        }
        let after = self.toks.get(i + 1).map_or("", |n| n.lower.as_str());
        // "A photograph shared on social media shows": a participle with a
        // place or time after it, no object, describes the noun before it.
        let describes = w.ends_with("ed")
            && matches!(
                after,
                "by" | "on"
                    | "in"
                    | "at"
                    | "with"
                    | "from"
                    | "during"
                    | "after"
                    | "before"
                    | "under"
            );
        // ("to" before it: an infinitive's verb, "plans to criticize".)
        let noun = self.after_article(i) || (i > 0 && self.toks[i - 1].lower == "to");
        !describes && !noun
    }

    /// "the report", "a claim", "as noted": after an article or "as" a
    /// cue's word is a noun or no verb of the sentence.
    fn after_article(&self, i: usize) -> bool {
        i > 0
            && matches!(
                self.toks[i - 1].lower.as_str(),
                "the" | "a" | "an" | "this" | "as"
            )
    }

    /// A cue that reports a clause: a verb of speech that is not only ever
    /// beside a quote, or a learned verb with "that" after it.
    fn is_clause_cue(&self, i: usize, end: usize) -> bool {
        (self.is_cue(i) && !SETS.quote_only.contains(self.toks[i].lower.as_str()))
            || self.is_that_cue(i, end)
            || self.is_belief_cue(i, end)
    }

    /// "I think it's strong", "Both think Obama advanced this agenda": a verb
    /// of belief with a clause right after it, not an object ("think of",
    /// "hope for", "fear the worst").
    fn is_belief_cue(&self, i: usize, end: usize) -> bool {
        let t = &self.toks[i];
        if t.kind != TokKind::Word
            || t.cap
            || !BELIEF_CUES.contains(&t.lower.as_str())
            || i == 0
            || i + 2 >= end
            || self.in_claim_quote(i)
            || self.is_passive(i)
        {
            return false;
        }
        let prev = &self.toks[i - 1];
        let next = &self.toks[i + 1];
        let subject_before = prev.is_word()
            && !matches!(
                prev.lower.as_str(),
                "to" | "the"
                    | "a"
                    | "an"
                    | "of"
                    | "and"
                    | "or"
                    | "not"
                    | "would"
                    | "could"
                    | "might"
            );
        let clause_after = matches!(
            next.lower.as_str(),
            "he" | "she"
                | "it"
                | "they"
                | "we"
                | "i"
                | "you"
                | "this"
                | "there"
                | "his"
                | "her"
                | "its"
                | "their"
                | "our"
                | "it's"
                | "that's"
                | "there's"
                | "most"
                | "many"
                | "some"
                | "no"
                | "all"
        ) || (next.cap && next.kind == TokKind::Word)
            || next.kind == TokKind::Number
            || self.opens_finite_clause(i + 1, end);
        subject_before && clause_after
    }

    /// "the fare increase will hurt riders" after "think": a noun phrase
    /// opened by an article and then, within a few words, a modal or an
    /// auxiliary, which makes it a clause; "fear the worst" has none.
    fn opens_finite_clause(&self, i: usize, end: usize) -> bool {
        matches!(self.toks[i].lower.as_str(), "the" | "a" | "an")
            && (i + 2..end.min(i + 6)).any(|k| {
                let t = &self.toks[k];
                let w = t.lower.as_str();
                t.kind == TokKind::Word
                    && !t.cap
                    && (matches!(w, "has" | "have" | "had")
                        || (is_auxiliary(w) && !is_adverb_or_be(w)))
            })
    }

    /// A verb of naming ("called", "described") with its subject before it,
    /// and not in the passive ("was called").
    fn is_naming_lead(&self, i: usize, start: usize) -> bool {
        let t = &self.toks[i];
        t.kind == TokKind::Word
            && !t.cap
            && i > start
            && SETS.naming.contains(t.lower.as_str())
            && !self.is_passive(i)
            && self.toks[i - 1].lower != "so"
    }

    fn is_according(&self, i: usize) -> bool {
        self.toks[i].lower == "according" && self.toks.get(i + 1).is_some_and(|t| t.lower == "to")
    }

    /// A verb no list knows that still says who spoke the quote beside it:
    /// the residue's last word, a past tense, before a colon or comma
    /// ("Mr. Christie gloated: “…”") or, after the quote, before the
    /// sentence's end ("“…,” the supporter retorted.").
    fn is_adjacent_verb(&self, i: usize, r: &Range<usize>, after_quote: bool) -> bool {
        let t = &self.toks[i];
        let past = t.kind == TokKind::Word
            && !t.cap
            && t.lower.len() > 4
            && t.lower.ends_with("ed")
            && i > r.start;
        // "“…,” mused Blaze co-host Stu Burguiere.": inverted, the name after it.
        let inverted = after_quote
            && t.kind == TokKind::Word
            && !t.cap
            && t.lower.len() > 4
            && t.lower.ends_with("ed")
            && self.toks[r.start..i].iter().all(|t| !t.is_word())
            && self
                .toks
                .get(i + 1)
                .is_some_and(|n| n.cap && n.kind == TokKind::Word);
        // "Toomey fumed on Tuesday.": a time after the verb changes nothing.
        let time = |k: usize| {
            let t = &self.toks[k];
            self.is_skippable_or_date(k)
                || t.has(super::lexicon::flag::WEEKDAY)
                || matches!(
                    t.lower.as_str(),
                    "on" | "this"
                        | "last"
                        | "week"
                        | "today"
                        | "yesterday"
                        | "tonight"
                        | "morning"
                        | "afternoon"
                        | "evening"
                        | "night"
                )
        };
        let mut after = i + 1;
        while after < r.end && self.toks[after].is_word() && time(after) {
            after += 1;
        }
        inverted
            || past
                && self.toks[after..r.end].iter().all(|t| !t.is_word())
                && match self.toks[after..r.end].first() {
                    Some(next) => {
                        next.is(':') || next.is(',') || after_quote && next.is_sentence_end()
                    }
                    None => after_quote,
                }
    }

    /// Finds the speaker in the words around a quote: `after_quote` when
    /// they follow it.
    fn attr_in(&self, r: Range<usize>, after_quote: bool) -> Option<Attr> {
        if r.is_empty() {
            return None;
        }
        let sources = self.sources_in(r.clone());
        if let Some(subjects) = self.credit_line(r.clone(), after_quote) {
            return Some(Attr { subjects, sources });
        }
        // "“…,” the Times wrote": the outlet's own words, when no one else is
        // said to speak them ("Ushakov said, Reuters reported" keeps Ushakov).
        let mut outlet = None;
        for i in r.clone() {
            if self.is_according(i) {
                let np = self.np_until_punct(i + 2, r.end);
                if let Some(subjects) = self
                    .parse_np(np)
                    .filter(|s| s.iter().all(|s| !matches!(s, Subj::Outlet { .. })))
                {
                    return Some(Attr { subjects, sources });
                }
                continue;
            }
            // "Tom Whelan called the plan "a gimmick."": a verb of naming before the quote.
            let naming = self.is_naming_lead(i, r.start);
            // "As Tom Ridge put it: “…”".
            let put_it = matches!(self.toks[i].lower.as_str(), "put" | "puts")
                && self.toks.get(i + 1).is_some_and(|t| t.lower == "it");
            if !self.is_cue(i) && !naming && !put_it && !self.is_adjacent_verb(i, &r, after_quote) {
                continue;
            }
            // Subject before the cue: "Ushakov said", "she said", "Trump tweeted on July 19".
            // A quote too short to be a claim is no subject ("“Safety,” said Grimm").
            let mut from = r.start;
            while from < i && (self.toks[from].quote.is_some() || !self.toks[from].is_word()) {
                from += 1;
            }
            let before = self.strip_trailing_skippable(self.after_source_phrase(from..i));
            if naming && before.is_empty() {
                continue;
            }
            // "Trump attacked Clinton for her support of action in Iraq and
            // Libya, saying, “…”": a participle set off by a comma speaks for
            // the subject that opens the clause before it, not its last noun.
            let participle = self.toks[i].lower.ends_with("ing")
                && i > from
                && self.toks[i - 1].is(',')
                && before.len() > 1;
            let subjects = if !before.is_empty() {
                let (np, opening) = (
                    || self.parse_np(before.clone()),
                    || self.initial_subject(before.clone()),
                );
                if participle {
                    opening().or_else(np)
                } else {
                    np().or_else(opening)
                }
                // "“…” about fixing inequality, said Marla Kilfoyle": what
                // the quote runs on into, then an inverted cue.
                .or_else(|| {
                    (after_quote && self.toks[i - 1].is(','))
                        .then(|| self.inverted_subject(i + 1, r.end))
                        .flatten()
                })
            } else {
                // Inverted: "said Ushakov", "said Russian Foreign Ministry spokeswoman Marina Zakharova".
                self.inverted_subject(i + 1, r.end)
            };
            if let Some(subjects) = subjects {
                if subjects.iter().all(|s| matches!(s, Subj::Outlet { .. })) {
                    // "the Post reported": a source; keep looking for a speaker.
                    outlet.get_or_insert(subjects);
                    continue;
                }
                return Some(Attr { subjects, sources });
            }
        }
        outlet
            .or_else(|| self.colon_lead(r.clone(), after_quote))
            .map(|subjects| Attr { subjects, sources })
    }

    /// "Sanders delivered a snappy retort: “…”": a clause that introduces
    /// the quote with a colon speaks through the person it opens with.
    fn colon_lead(&self, r: Range<usize>, after_quote: bool) -> Option<Vec<Subj>> {
        let colon = r.end.checked_sub(1).filter(|&c| c > r.start)?;
        if after_quote || !self.toks[colon].is(':') || self.word_count(r.start..colon) < 3 {
            return None;
        }
        // A person, named in full somewhere in the article: "Article 33:"
        // or a headline in capitals opens no such clause.
        self.initial_subject(r.start..colon).filter(|s| {
            s.iter().all(|s| match s {
                Subj::Named { name, .. } => {
                    let last = name.rsplit(' ').next().unwrap_or(name);
                    name.chars().any(|c| c.is_lowercase())
                        && self.named_in_full(&last.to_lowercase())
                }
                _ => matches!(s, Subj::Pronoun { .. }),
            })
        })
    }

    /// The speaker a quote opens with as a transcript labels a turn: one to
    /// three words in capitals and a colon ("PENCE:", "JAKE TAPPER:").
    /// `Some(None)` for a label that names no one: its last word is no
    /// name, or it is neither the surname of someone the article names in
    /// full nor a label that opens another quote ("UPDATE:", "VIDEO:").
    fn turn_label(&self, qi: usize) -> Option<Option<Vec<Subj>>> {
        let label = |qi: usize| {
            let q = &self.quotes[qi];
            let colon = q.toks.clone().take(4).find(|&i| self.toks[i].is(':'))?;
            let words = q.toks.start..colon;
            (!words.is_empty() && words.clone().all(|i| self.is_all_caps(i))).then_some(words)
        };
        let words = label(qi)?;
        let surname = &self.toks[words.end - 1].lower;
        let again = || {
            (0..self.quotes.len()).any(|other| {
                other != qi && label(other).is_some_and(|w| self.toks[w.end - 1].lower == *surname)
            })
        };
        // A page's own labels name no one.
        let page_label = matches!(
            surname.as_str(),
            "video" | "audio" | "photo" | "update" | "watch" | "note" | "correction" | "editor"
        );
        if page_label
            || super::lexicon::is_not_name(surname)
            || !(self.named_in_full(surname) || again())
        {
            return Some(None);
        }
        let name = words
            .clone()
            .map(|i| {
                let w = &self.toks[i].lower;
                let mut c = w.chars();
                c.next()
                    .map(|f| f.to_uppercase().chain(c).collect::<String>())
                    .unwrap_or_default()
            })
            .collect::<Vec<_>>()
            .join(" ");
        Some(Some(vec![Subj::Named {
            name,
            role: None,
            pos: words.start,
        }]))
    }

    /// Do the words from `start` to a cue all stand inside a quote ("“Safety,”
    /// said Grimm, a Donald Trump supporter.")? Then the cue says who spoke
    /// the quote and reports nothing of its own.
    fn quoted_before(&self, start: usize, cue: usize) -> bool {
        let mut words = (start..cue).filter(|&i| self.toks[i].is_word()).peekable();
        words.peek().is_some() && words.all(|i| self.toks[i].quote.is_some())
    }

    /// A speaker credited by punctuation alone: a name and a colon before the
    /// quote (`Bush: "The mission is …"`) or a dash and a name after it
    /// (`"…" — Bernie Sanders.`). Only people and organisations named in full
    /// count: "WASHINGTON:" or "- The Post" say nothing of who spoke.
    fn credit_line(&self, r: Range<usize>, after_quote: bool) -> Option<Vec<Subj>> {
        let words: Vec<usize> = r.clone().filter(|&i| !self.toks[i].is('.')).collect();
        let (&first, &last) = (words.first()?, words.last()?);
        let np = if after_quote {
            let dash = matches!(
                self.toks[first].kind,
                TokKind::Punct('-' | '\u{2013}' | '\u{2014}' | '\u{2015}')
            );
            (dash && self.toks.get(first + 1).is_some_and(|t| t.cap))
                .then_some(first + 1..last + 1)?
        } else {
            (self.toks[last].is(':') && first < last).then_some(first..last)?
        };
        let named = np.len() <= 6
            && self.toks[np.clone()]
                .iter()
                .all(|t| t.cap && t.kind == TokKind::Word || t.lower == "and" || t.is('.'))
            && !(np.clone()).all(|i| self.is_all_caps(i));
        // One word ("Bush:") must be a surname the article gives in full
        // elsewhere ("Jeb Bush"): "Update:" or "Photo:" name no one.
        if np.len() == 1 && !self.named_in_full(&self.toks[np.start].lower) {
            return None;
        }
        let subjects = named.then(|| self.parse_np(np))??;
        subjects
            .iter()
            .all(|s| matches!(s, Subj::Named { .. } | Subj::Org { .. }))
            .then_some(subjects)
    }

    /// Does the article name someone in full whose last word this is?
    fn named_in_full(&self, surname: &str) -> bool {
        self.toks.windows(2).any(|w| {
            w[1].lower == surname
                && w[0].cap
                && w[0].kind == TokKind::Word
                && !super::lexicon::is_not_name(&w[0].lower)
        })
    }

    /// In a lead-in such as "According to Reuters, Ushakov said", the subject
    /// starts after the opening source phrase.
    fn after_source_phrase(&self, r: Range<usize>) -> Range<usize> {
        let mut r = r;
        while r.start < r.end && !self.toks[r.start].is_word() {
            r.start += 1;
        }
        if r.start + 1 < r.end
            && self.is_according(r.start)
            && let Some(c) = (r.start..r.end).find(|&i| self.toks[i].is(','))
        {
            r.start = c + 1;
        }
        r
    }

    /// The speaker after an inverted cue: the words up to the next
    /// punctuation, or, when they run on into a phrase or clause ("said
    /// Sanders as he closed out", "said Dan Golvach when asked about it"),
    /// the words before it.
    fn inverted_subject(&self, from: usize, to: usize) -> Option<Vec<Subj>> {
        let np = self.np_until_punct(from, to);
        // What runs on after the name is the circumstance, not the speaker:
        // "said Mayor Frank Gerrity in an interview on Monday".
        // ("said the base chief known as Bob": "as" names him.)
        let cut = (np.start + 1..np.end).find(|&i| {
            !self.toks[i].cap
                && INVERTED_SUBJECT_ENDS.contains(&self.toks[i].lower.as_str())
                && !matches!(self.toks[i - 1].lower.as_str(), "known" | "identified")
        });
        // A description keeps its qualifier ("said one person with knowledge
        // of the talks", "concluded a 2013 article in the journal …").
        // A name in the qualifier is not the speaker ("said his best friend at
        // Lehigh, Bruce Turry").
        let described = |s: &[Subj]| s.iter().all(|s| matches!(s, Subj::Description { .. }));
        let subject = match cut.and_then(|cut| self.parse_np(np.start..cut)) {
            Some(short) if described(&short) => Some(
                self.parse_np(np.clone())
                    .filter(|whole| described(whole))
                    .unwrap_or(short),
            ),
            Some(short) => Some(short),
            None => self.parse_np(np.clone()),
        };
        // "said a leading Supreme Court advocate, Andrew J. Pincus", "said a
        // White House spokesman, Josh Earnest": the full name after the comma
        // is whom the description before it (or its role word) describes.
        let describes = np.end > np.start
            && (SETS.role.contains(self.toks[np.end - 1].lower.as_str())
                || subject
                    .as_ref()
                    .is_none_or(|s| s.iter().all(|s| matches!(s, Subj::Description { .. }))));
        if describes
            && np.end + 1 < to
            && self.toks[np.end].is(',')
            && let Some(after) = {
                // The name, without what qualifies it ("of the law firm Mayer Brown").
                let mut named = self.np_until_punct(np.end + 1, to);
                if let Some(of) = named
                    .clone()
                    .skip(1)
                    .find(|&i| QUALIFYING_PREPOSITIONS.contains(&self.toks[i].lower.as_str()))
                {
                    named.end = of;
                }
                self.parse_np(named)
            }
            && let [Subj::Named { name, role, pos }] = after.as_slice()
            // A full name ("N.H." after "Stephanie Hooton of Derry," is none).
            && name.contains(' ')
        {
            let role = role.clone().or_else(|| Some(self.tok_text(np.clone())));
            return Some(vec![Subj::Named {
                name: name.clone(),
                role,
                pos: *pos,
            }]);
        }
        subject
    }

    fn np_until_punct(&self, from: usize, to: usize) -> Range<usize> {
        let mut e = from;
        // A date written with a slash stays in the phrase: "9/11 widow Terry Strada".
        let slash_date = |e: usize| {
            self.toks[e].is('/')
                && e > from
                && self.toks[e - 1].kind == TokKind::Number
                && self
                    .toks
                    .get(e + 1)
                    .is_some_and(|n| n.kind == TokKind::Number)
        };
        while e < to
            && (self.toks[e].is_word()
                || self.toks[e].is('-')
                || self.toks[e].is('&')
                || slash_date(e))
        {
            // An outlet's name may be followed by "report": "a Reuters report".
            e += 1;
        }
        let mut r = from..e;
        // "said Frank Gerrity Monday": the day is no part of the name.
        while r.end > r.start + 1 && self.toks[r.end - 1].has(super::lexicon::flag::WEEKDAY) {
            r.end -= 1;
        }
        // "a Reuters report": the outlet; "the statement said": the
        // statement itself, when no name stands before the noun.
        while r.end > r.start
            && (REPORT_NOUNS.contains(&self.toks[r.end - 1].lower.as_str())
                && self.toks[r.start..r.end - 1]
                    .iter()
                    .any(|t| t.cap && t.lower != "the")
                || self.toks[r.end - 1].has(super::lexicon::flag::SKIPPABLE)
                    && !self.toks[r.end - 1].cap)
        {
            r.end -= 1;
        }
        while r.start < r.end && matches!(self.toks[r.start].lower.as_str(), "a" | "an") {
            r.start += 1;
        }
        r
    }

    /// Drops words between a subject and its cue that do not change who
    /// speaks: "on Tuesday", "last week", "also", "has".
    fn strip_trailing_skippable(&self, mut r: Range<usize>) -> Range<usize> {
        while r.end > r.start {
            let t = &self.toks[r.end - 1];
            if self.is_skippable_or_date(r.end - 1) || t.is(',') {
                // Keep a capitalised word that is the subject itself ("This", "Today" are rare subjects).
                if t.cap && r.end - 1 == r.start {
                    break;
                }
                // "the statement said": a noun after its article is the
                // subject, where "said in a statement" is the channel.
                if r.end - r.start == 2
                    && t.is_word()
                    && matches!(self.toks[r.start].lower.as_str(), "the" | "this" | "that")
                {
                    break;
                }
                r.end -= 1;
            } else {
                break;
            }
        }
        r
    }

    /// Sources the article credits in a stretch of words.
    pub(crate) fn sources_in(&self, r: Range<usize>) -> Vec<SourceRef> {
        let mut out: Vec<SourceRef> = Vec::new();
        let mut push = |s: SourceRef| {
            if !out
                .iter()
                .any(|o| o.surface.eq_ignore_ascii_case(&s.surface))
            {
                out.push(s);
            }
        };
        let mut i = r.start;
        while i < r.end {
            let w = self.toks[i].lower.as_str();
            if self.is_according(i) {
                let np = self.np_until_punct(i + 2, r.end);
                if let Some(name) = self
                    .outlet_at(self.cap_np(i + 2, r.end))
                    .or_else(|| self.outlet_at(np.clone()))
                    .or_else(|| self.report_source(np.clone()))
                    .or_else(|| self.credited_body(i + 2..self.np_until_punct_raw(i + 2, r.end)))
                {
                    push(SourceRef {
                        surface: name,
                        detail: Some(format!(
                            "according to {}",
                            self.tok_text(i + 2..self.np_until_punct_raw(i + 2, r.end))
                        )),
                    });
                }
            } else if matches!(w, "reported" | "reports" | "reporting") && i > r.start {
                // "the Post reported", "The Post also reported".
                let mut s = i;
                while s > r.start
                    && matches!(
                        self.toks[s - 1].lower.as_str(),
                        "also" | "first" | "later" | "has" | "had" | "earlier"
                    )
                {
                    s -= 1;
                }
                let mut b = s;
                while b > r.start
                    && self.toks[b - 1].is_word()
                    && (self.toks[b - 1].cap || self.toks[b - 1].lower == "the")
                {
                    b -= 1;
                }
                if let Some(name) = self.outlet_at(b..s) {
                    push(SourceRef {
                        surface: name,
                        detail: Some(self.tok_text(b..i + 1)),
                    });
                }
            } else if matches!(w, "told" | "tells") && i + 1 < r.end {
                let np = self.cap_np(i + 1, r.end);
                if let Some(name) = self.outlet_at(np.clone()) {
                    push(SourceRef {
                        surface: name,
                        detail: Some(format!("told {}", self.tok_text(np))),
                    });
                }
            } else if matches!(w, "tweeted" | "tweets" | "tweet" | "tweeting") {
                push(SourceRef {
                    surface: "Twitter".into(),
                    detail: Some(self.with_date(i, r.end)),
                });
            } else if matches!(w, "on" | "via")
                && i + 1 < r.end
                && i > r.start
                && matches!(
                    self.toks[i - 1].lower.as_str(),
                    "wrote"
                        | "posted"
                        | "said"
                        | "writes"
                        | "posts"
                        | "says"
                        | "message"
                        | "post"
                        | "video"
                )
            {
                if let Some((_, name)) = PLATFORMS
                    .iter()
                    .find(|(k, _)| *k == self.toks[i + 1].lower && (self.toks[i + 1].cap))
                {
                    push(SourceRef {
                        surface: (*name).into(),
                        detail: Some(self.with_date(i - 1, r.end)),
                    });
                }
            } else if w == "interview" && i + 2 < r.end && self.toks[i + 1].lower == "with" {
                let np = self.cap_np(i + 2, r.end);
                if let Some(name) = self.outlet_at(np.clone()) {
                    push(SourceRef {
                        surface: name,
                        detail: Some(format!("in an interview with {}", self.tok_text(np))),
                    });
                }
            }
            i += 1;
        }
        out
    }

    fn np_until_punct_raw(&self, from: usize, to: usize) -> usize {
        let mut e = from;
        while e < to && self.toks[e].is_word() {
            e += 1;
        }
        e
    }

    /// "a Reuters report": the outlet before a report noun.
    fn report_source(&self, r: Range<usize>) -> Option<String> {
        let caps: Vec<usize> = r.clone().filter(|&i| self.toks[i].cap).collect();
        let first = *caps.first()?;
        let last = *caps.last()?;
        self.outlet_at(first..last + 1)
    }

    /// "a study published in the journal Pediatrics", "figures released by the
    /// transit authority in January": the body credited after its last "by",
    /// "from" or "in" — a name, or an organisation's description.
    fn credited_body(&self, r: Range<usize>) -> Option<String> {
        let k = r.clone().rev().find(|&k| {
            matches!(self.toks[k].lower.as_str(), "by" | "from")
                || (self.toks[k].lower == "in"
                    && self.toks.get(k + 1).is_some_and(|t| t.lower == "the")
                    && self.toks.get(k + 2).is_some_and(|t| {
                        matches!(t.lower.as_str(), "journal" | "magazine" | "newspaper")
                    }))
        })?;
        let mut s = k + 1;
        while s < r.end
            && matches!(
                self.toks[s].lower.as_str(),
                "the" | "a" | "journal" | "magazine" | "newspaper"
            )
        {
            s += 1;
        }
        let mut e = s;
        while e < r.end
            && self.toks[e].is_word()
            && !matches!(
                self.toks[e].lower.as_str(),
                "in" | "on" | "at" | "last" | "this" | "earlier" | "for" | "and"
            )
        {
            e += 1;
        }
        if s >= e || e - s > 6 {
            return None;
        }
        let named = self.toks[s].cap;
        let organisation = super::np::ORG_HEADS.contains(&self.toks[e - 1].lower.as_str());
        (named || organisation).then(|| self.tok_text(s..e))
    }

    /// "tweeted on July 19": the cue with a following date, if any.
    fn with_date(&self, cue: usize, end: usize) -> String {
        let mut e = cue + 1;
        if e < end && self.toks[e].lower == "on" {
            let mut d = e + 1;
            while d < end
                && d < e + 5
                && (SETS.month.contains(self.toks[d].lower.as_str())
                    || SETS.weekday.contains(self.toks[d].lower.as_str())
                    || self.toks[d].kind == TokKind::Number
                    || self.toks[d].is(','))
            {
                d += 1;
            }
            while d > e + 1 && self.toks[d - 1].is(',') {
                d -= 1;
            }
            if d > e + 1 {
                e = d;
            }
        }
        self.tok_text(cue..e)
    }

    /// Reported speech and statements, one sentence at a time.
    pub(crate) fn find_sentence_claims(&self, found: &mut Found) {
        // Quote claims a reported clause took in.
        let mut taken_in = Vec::new();
        // The agency a paragraph's dateline credits, for the sentence after it.
        let mut dateline = Vec::new();
        for s in &self.sents {
            let r = s.toks.clone();
            let from_dateline = std::mem::take(&mut dateline);
            if s.dateline {
                dateline = self.dateline_sources(r);
                continue;
            }
            let mut mixed = Vec::new();
            if r.clone().any(|t| {
                self.in_claim_quote(t)
                    && self.toks[t].quote.is_some_and(|q| {
                        if let Some(&raw) = found.mixed.get(&q) {
                            mixed.push((q, raw));
                        }
                        !found.unsaid.contains(&q) && !found.mixed.contains_key(&q)
                    })
            }) {
                continue;
            }
            let (body, lead_sources, stated) = self.strip_lead(r.clone());
            let lead_sources = [from_dateline, lead_sources].concat();
            if let Some(subj) = self.initial_subject(body.clone()) {
                for m in subj {
                    found.mentions.push(m);
                }
            }
            let mut sources = lead_sources;
            for src in self.sources_in(r.clone()) {
                if !sources.contains(&src) {
                    sources.push(src);
                }
            }
            if let Some(mut claim) = self.reported_speech(body.clone(), r.clone(), &sources) {
                // The clause must take its quotes in, or the quotes stay the claims.
                if mixed
                    .iter()
                    .any(|&(q, _)| claim.span.end <= self.quotes[q].content.start)
                {
                    continue;
                }
                // A clause ending inside a quote keeps its closing mark.
                if let Some(q) = mixed
                    .iter()
                    .map(|&(q, _)| &self.quotes[q])
                    .find(|q| self.closes_just_after(q, claim.span.end))
                {
                    claim.span.end = q.close;
                }
                // A quote the clause stops inside ("focusing on “he said
                // this, he tweeted that.”") stays a claim too, whole.
                taken_in.extend(
                    mixed
                        .iter()
                        .filter(|&&(q, _)| claim.span.end >= self.quotes[q].content.end)
                        .map(|&(_, raw)| raw),
                );
                for m in &claim.subjects {
                    if matches!(m, Subj::Named { .. } | Subj::Org { .. }) {
                        found.mentions.push(m.clone());
                    }
                }
                // "..., though Mrs. Fiorina said she doubted voters would
                // care": a second attribution after the clause ends.
                let mut rest = claim.toks.end..body.end;
                let stated_too = claim.stated_too;
                let subjects = claim.subjects.clone();
                found.raw.push(claim);
                if stated_too
                    && let Some(st) = self.statement(stated..body.end, r.clone(), &sources)
                {
                    found.raw.push(st);
                }
                if mixed.is_empty() {
                    while let Some(next) =
                        self.next_attribution(rest.clone(), r.clone(), &sources, &subjects)
                    {
                        rest = next.toks.end..body.end;
                        found.raw.push(next);
                    }
                }
                continue;
            }
            if !mixed.is_empty() {
                continue;
            }
            if let Some(claim) = self.according_claim(r.clone(), body.clone(), &sources) {
                found.raw.push(claim);
                continue;
            }
            if let Some(claim) = self.document_finding(r.clone(), body.clone(), &sources) {
                found.raw.push(claim);
                continue;
            }
            if let Some(claim) = self.finding_in_opening(r.clone(), body.clone(), &sources) {
                found.raw.push(claim);
                continue;
            }
            // "Dr. Ward stated:": a sentence that introduces what follows says nothing itself.
            let introduces = r.end > r.start
                && self.toks[r.end - 1].is(':')
                && r.clone().any(|i| self.is_cue(i))
                || r.clone()
                    .find(|&i| self.is_cue(i))
                    .is_some_and(|cue| self.quoted_before(r.start, cue));
            if !introduces
                && let Some(claim) = self.statement(stated..body.end, r.clone(), &sources)
            {
                found.raw.push(claim);
            }
        }
        let mut i = 0;
        found.raw.retain(|_| {
            i += 1;
            !taken_in.contains(&(i - 1))
        });
    }

    /// Reported speech in what follows a claim's clause, when a new clause
    /// opens there: ", though X said ...", "; Y argued that ...".
    fn next_attribution(
        &self,
        rest: Range<usize>,
        sentence: Range<usize>,
        sources: &[SourceRef],
        subjects: &[Subj],
    ) -> Option<RawClaim> {
        let mut start = rest.start;
        while start < rest.end && !self.toks[start].is_word() {
            start += 1;
        }
        // "… and vowed to punish …": a second verb of the same speaker.
        let and = start < rest.end && self.toks[start].lower == "and";
        if (start == rest.start && !and) || rest.end - start < 5 {
            return None;
        }
        // (", though she acknowledged": the conjunction goes, the pronoun
        // is the subject.)
        while start < rest.end
            && SETS.clause_break.contains(self.toks[start].lower.as_str())
            && !matches!(
                self.toks[start].lower.as_str(),
                "there" | "it" | "he" | "she" | "they" | "we" | "i"
            )
        {
            start += 1;
        }
        // "…, saying anybody who complains …", "… and called for …": the
        // verb's speaker is the one who spoke before it.
        let shared = if and {
            Some(start + 1).filter(|&i| self.is_cue_verb(i, rest.end))
        } else {
            (start..(start + 2).min(rest.end))
                .find(|&i| self.is_participle_after_comma(i) && self.is_clause_cue(i, rest.end))
        };
        if let Some(cue) = shared
            && !subjects.is_empty()
        {
            // ("and vowed to punish …": a verb of speech with no clause after
            // it may report its object.)
            let clause = Some(cue)
                .filter(|&c| self.is_clause_cue(c, rest.end))
                .and_then(|c| self.clause_after(c, rest.end, false))
                .or_else(|| {
                    self.reports_its_object(cue)
                        .then(|| self.clause_after(cue, rest.end, true))
                        .flatten()
                })?;
            return (self.word_count(clause.clone()) >= 3)
                .then(|| self.speech_claim(clause, sentence, subjects.to_vec(), sources, cue))
                .flatten();
        }
        let claim = self.reported_speech(start..rest.end, sentence, sources)?;
        (claim.kind == ClaimKind::Paraphrase && claim.toks.start >= start).then_some(claim)
    }

    /// The agency a wire dateline credits: "SPRINGFIELD (AP) —", "LONDON (Reuters) -".
    fn dateline_sources(&self, r: Range<usize>) -> Vec<SourceRef> {
        r.clone()
            .filter(|&i| self.toks[i].is('(') && i + 1 < r.end)
            .filter_map(|i| self.outlet_at(i + 1..i + 2))
            .map(|name| SourceRef {
                surface: name,
                detail: Some("dateline".into()),
            })
            .collect()
    }

    /// Drops a leading "According to Reuters," or "On Tuesday," or "Though",
    /// and says where the sentence's own statement starts: a time or an
    /// opening adverbial ("In May 2017,", "Under the LARK program,") is
    /// outside what someone is reported to have said, but part of what the
    /// article itself states.
    fn strip_lead(&self, r: Range<usize>) -> (Range<usize>, Vec<SourceRef>, usize) {
        let mut start = r.start;
        let mut stated: Option<usize> = None;
        let mut sources = Vec::new();
        if start + 2 < r.end
            && self.is_according(start)
            && let Some(c) = (start..r.end).find(|&i| self.toks[i].is(','))
        {
            sources = self.sources_in(start..c);
            start = c + 1;
        }
        if start < r.end
            && matches!(
                self.toks[start].lower.as_str(),
                "though"
                    | "although"
                    | "while"
                    | "meanwhile"
                    | "separately"
                    | "still"
                    | "however"
                    | "but"
                    | "and"
                    | "yet"
                    | "also"
            )
        {
            start += 1;
            if start < r.end && self.toks[start].is(',') {
                start += 1;
            }
        }
        // "Minutes later,", "Two days ago,": a time before the clause.
        if start + 2 < r.end
            && matches!(
                self.toks[start].lower.as_str(),
                "minutes" | "hours" | "days" | "weeks" | "months" | "years" | "moments"
            )
            && matches!(
                self.toks[start + 1].lower.as_str(),
                "later" | "earlier" | "ago" | "after" | "before"
            )
            && let Some(c) = (start..(start + 10).min(r.end)).find(|&i| self.toks[i].is(','))
        {
            stated.get_or_insert(start);
            start = c + 1;
        }
        // A short opening adverbial ending in a comma: "On Tuesday,", "In Moscow,".
        if start < r.end
            && matches!(
                self.toks[start].lower.as_str(),
                "on" | "in"
                    | "at"
                    | "last"
                    | "earlier"
                    | "later"
                    | "yesterday"
                    | "today"
                    | "after"
                    | "before"
                    | "during"
                    | "with"
                    | "when"
                    | "since"
                    | "by"
                    | "under"
                    | "despite"
                    | "if"
            )
            && let Some(c) = (start..(start + 10).min(r.end)).find(|&i| self.toks[i].is(','))
        {
            stated.get_or_insert(start);
            start = c + 1;
        }
        (start..r.end, sources, stated.unwrap_or(start))
    }

    pub(super) fn is_all_caps(&self, t: usize) -> bool {
        let tok = &self.toks[t];
        tok.kind == TokKind::Word
            && tok.end - tok.start > 1
            && self.chars[tok.start..tok.end]
                .iter()
                .all(|c| !c.is_lowercase())
    }

    /// "X, her spokesman revealed last night.": the attribution after the clause.
    fn trailing_attribution(
        &self,
        body: Range<usize>,
        cue: usize,
    ) -> Option<(Range<usize>, Vec<Subj>)> {
        // Time words after the cue, and at most one closing phrase of place or
        // channel: ", Roger Stone said in the interview."
        let plain = |i: usize| !self.toks[i].is_word() || self.is_skippable_or_date(i);
        let opens_phrase = |i: usize| {
            matches!(
                self.toks[i].lower.as_str(),
                "in" | "on" | "at" | "during" | "after" | "before" | "via" | "from"
            )
        };
        let from = self.past_told_object(cue, body.end);
        let phrase = (from..body.end)
            .find(|&i| opens_phrase(i) || !plain(i))
            .unwrap_or(body.end);
        let after_ok = phrase == body.end
            || (opens_phrase(phrase)
                && body.end - phrase <= 9
                && (phrase..body.end).all(|i| {
                    let t = &self.toks[i];
                    !t.is(',') && t.lower != "that" && !self.is_cue(i) && t.quote.is_none()
                }));
        if !after_ok {
            return None;
        }
        let comma = (body.start..cue).rev().find(|&i| self.toks[i].is(','))?;
        if cue - comma > 7 {
            return None;
        }
        let subjects = self.subject_np(comma + 1..cue)?;
        let clause = self.trim_to_words(body.start..comma);
        (clause.len() >= 3).then_some((clause, subjects))
    }

    /// ", officials told POLITICO.", ", the partner told them,": whom they
    /// told comes before anything else after the cue. The first token past it.
    fn past_told_object(&self, cue: usize, end: usize) -> usize {
        let from = cue + 1;
        if !matches!(self.toks[cue].lower.as_str(), "told" | "tells") {
            return from;
        }
        from + (from..end.min(from + 4))
            .take_while(|&i| {
                let t = &self.toks[i];
                t.is_word()
                    && !matches!(t.lower.as_str(), "that" | "in" | "on" | "at" | "during")
                    && t.quote.is_none()
            })
            .count()
    }

    /// "The outreach, they said, raised new worries": the attribution set off
    /// inside the clause. The claim is the whole sentence; a lone opening
    /// adverbial ("Recently, he said, he has realized ...") stays out of it, and
    /// a participle after the attribution ("Sales were great, he said, wiping
    /// sweat off his face") describes the speaker, not what was said.
    fn parenthetical_attribution(
        &self,
        body: Range<usize>,
        cue: usize,
    ) -> Option<(Range<usize>, Vec<Subj>)> {
        let close = (self.past_told_object(cue, body.end)..body.end)
            .find(|&i| !self.is_skippable_or_date(i))?;
        let open = (body.start..cue).rev().find(|&i| self.toks[i].is(','))?;
        if !self.toks[close].is(',') || cue - open > 6 || open == body.start {
            return None;
        }
        let before = self.trim_to_words(body.start..open);
        let after = self.trim_to_words(close + 1..body.end);
        let words = |r: &Range<usize>| self.word_count(r.clone());
        if words(&before) == 0
            || words(&after) < 2
            || (before.start..after.end).any(|t| self.in_claim_quote(t))
        {
            return None;
        }
        let subjects = self.subject_np(open + 1..cue)?;
        let first_after = self.toks[after.start].lower.as_str();
        let clause = if first_after.ends_with("ing") && !self.toks[after.start].cap {
            before
        } else if before.len() <= 4
            && self.toks[before.clone()].iter().any(|t| {
                let w = t.lower.as_str();
                (w.ends_with("ly") && before.len() == 1)
                    || matches!(
                        w,
                        "now"
                            | "today"
                            | "yesterday"
                            | "later"
                            | "still"
                            | "then"
                            | "instead"
                            | "ago"
                            | "earlier"
                            | "recently"
                            | "tonight"
                            | "meanwhile"
                    )
            })
        {
            // "Recently, he said, ...", "Six months ago, the senator said, ...".
            after
        } else {
            before.start..after.end
        };
        (words(&clause) >= 3).then_some((clause, subjects))
    }

    /// "The lanes will open in stages, said Paul Reyes, the director of
    /// planning, and ...": the attribution inverted after the clause.
    fn inverted_attribution(
        &self,
        body: Range<usize>,
        cue: usize,
    ) -> Option<(Range<usize>, Vec<Subj>)> {
        if cue <= body.start + 3
            || !self.toks[cue - 1].is(',')
            || SETS.naming.contains(self.toks[cue].lower.as_str())
        {
            return None;
        }
        // "Collins, a Trump supporter, said Trump campaign strategists plan
        // to ...": a long run after the cue is the clause, not the speaker.
        let np = self.np_until_punct(cue + 1, body.end);
        if np.is_empty()
            || np.len() > 7
            || !(self.toks[np.start].cap
                || matches!(
                    self.toks[np.start].lower.as_str(),
                    "several" | "one" | "two" | "three" | "many" | "some" | "a" | "an" | "another"
                ))
        {
            return None;
        }
        // "..., said several observers.": a description speaks as well as a name.
        let subjects = self
            .inverted_subject(cue + 1, body.end)?
            .into_iter()
            .filter(|s| matches!(s, Subj::Named { .. } | Subj::Description { .. }))
            .collect::<Vec<_>>();
        if subjects.is_empty() {
            return None;
        }
        let clause = self.trim_to_words(body.start..cue - 1);
        (self.word_count(clause.clone()) >= 3).then_some((clause, subjects))
    }

    fn trim_to_words(&self, mut r: Range<usize>) -> Range<usize> {
        while r.start < r.end && !self.toks[r.start].is_word() {
            r.start += 1;
        }
        while r.end > r.start && !self.toks[r.end - 1].is_word() {
            r.end -= 1;
        }
        r
    }

    /// The reported speech of the first cue in the body that has a clause:
    /// "A spokeswoman declined to comment, saying that nobody involved
    /// remains" has none after "comment", one after "saying".
    fn reported_speech(
        &self,
        body: Range<usize>,
        sentence: Range<usize>,
        sources: &[SourceRef],
    ) -> Option<RawClaim> {
        let first = |cues: Vec<usize>| {
            cues.into_iter().take(3).enumerate().find_map(|(k, cue)| {
                let claim =
                    self.reported_speech_at(body.clone(), sentence.clone(), sources, cue)?;
                // A later cue must find someone named: without one it is more
                // likely a verb of the clause than an attribution.
                (k == 0
                    || claim.subjects.iter().any(|s| {
                        matches!(
                            s,
                            Subj::Named { .. } | Subj::Pronoun { .. } | Subj::Org { .. }
                        )
                    }))
                .then_some(claim)
            })
        };
        let naming = |i: usize| SETS.naming.contains(self.toks[i].lower.as_str());
        let clause_cues: Vec<usize> = body
            .clone()
            .filter(|&i| self.is_clause_cue(i, body.end) || (i > body.start && naming(i)))
            .collect();
        // "Clinton had mocked the complaint, saying anybody who …": a verb
        // that reports its object speaks before a participle set off after
        // it, which then follows as an attribution of its own.
        let before_participle = clause_cues
            .first()
            .filter(|&&c| self.is_participle_after_comma(c))
            .map(|&c| c - 1);
        // "Trump appeared to cast doubt on …, and said he didn't know why":
        // a verb that reports a clause speaks first; one that reports
        // whatever follows it only where none does.
        let objects = |upto: usize| self.object_cues(body.start..upto, &first);
        if let Some(upto) = before_participle
            && let Some(claim) = objects(upto)
        {
            return Some(claim);
        }
        first(clause_cues).or_else(|| objects(body.end))
    }

    /// ", saying", ", even suggesting", ", allowing": a word in -ing set off
    /// by a comma (an adverb may stand between); whether it reports a clause
    /// is the caller's to ask.
    fn is_participle_after_comma(&self, cue: usize) -> bool {
        let t = &self.toks[cue];
        if !t.lower.ends_with("ing") || cue < 2 {
            return false;
        }
        let before = &self.toks[cue - 1];
        before.is(',')
            || (before.is_word() && before.lower.ends_with("ly") && self.toks[cue - 2].is(','))
            || (before.lower == "even" && self.toks[cue - 2].is(','))
    }

    /// A verb that reports what follows it, in any way the sentence rules
    /// or the learned cue model read one.
    fn is_cue_verb(&self, i: usize, end: usize) -> bool {
        if i >= end {
            return false;
        }
        self.is_clause_cue(i, end)
            || SETS.naming.contains(self.toks[i].lower.as_str())
            || self.reports_its_object(i)
    }

    /// A verb that reports whatever follows it ([`Self::is_object_cue`]),
    /// as the tagger and the learned cue model read it in its sentence.
    fn reports_its_object(&self, i: usize) -> bool {
        if !self.is_object_cue(i) {
            return false;
        }
        let Some(sent) = self.sentence_at(i).map(|s| s.toks.clone()) else {
            return false;
        };
        let tags = super::tagger::tag_first(self, sent.clone(), i + 3 - sent.start);
        self.verb_the_model_reads(&sent, &tags, i)
    }

    /// Token `i` of the sentence `sent` (tagged `tags`, at least two words
    /// past `i`) is a verb, and the learned cue model reads it as a cue.
    fn verb_the_model_reads(
        &self,
        sent: &Range<usize>,
        tags: &[super::tagger::Tag],
        i: usize,
    ) -> bool {
        tags[i - sent.start].pos == super::tagger::Pos::Verb
            && super::cues::is_cue(self, sent, tags, i)
    }

    /// The reported speech of the first verb in `body` that reports
    /// whatever follows it ([`Self::is_object_cue`]), as `first` reads it.
    /// The tagger tells the verb from the noun or the adjective ("points",
    /// "promising"), and the learned cue model ([`super::cues`]) the verb
    /// that reports from the verb of action ("approved the plan").
    fn object_cues(
        &self,
        body: Range<usize>,
        first: &dyn Fn(Vec<usize>) -> Option<RawClaim>,
    ) -> Option<RawClaim> {
        let words: Vec<usize> = body
            .clone()
            .filter(|&i| i > body.start && self.is_object_cue(i))
            .collect();
        let last = *words.last()?;
        let sent = self.sentence_at(body.start)?.toks.clone();
        if sent.start > body.start || sent.end <= last {
            return None;
        }
        // (The model reads the tags up to two words after a verb.)
        let tags = super::tagger::tag_first(self, sent.clone(), last + 3 - sent.start);
        first(
            words
                .into_iter()
                .filter(|&i| self.verb_the_model_reads(&sent, &tags, i))
                .collect(),
        )
    }

    fn reported_speech_at(
        &self,
        body: Range<usize>,
        sentence: Range<usize>,
        sources: &[SourceRef],
        cue: usize,
    ) -> Option<RawClaim> {
        let naming = SETS.naming.contains(self.toks[cue].lower.as_str());
        // "Clinton criticized Sanders for …", "He defended his record": a
        // verb that reports whatever follows it, only after someone named.
        let object = !naming && !self.is_clause_cue(cue, body.end);
        if let Some((clause, subjects)) = self.trailing_attribution(body.clone(), cue) {
            return self.speech_claim(clause, sentence, subjects, sources, cue);
        }
        if let Some((clause, subjects)) = self.inverted_attribution(body.clone(), cue) {
            return self.speech_claim(clause, sentence, subjects, sources, cue);
        }
        if let Some((clause, subjects)) = self.parenthetical_attribution(body.clone(), cue) {
            return self.speech_claim(clause, sentence, subjects, sources, cue);
        }
        // "“Safety,” said Grimm, a Donald Trump supporter.": the words before
        // the cue are a quote, whose speaker the cue names; nothing is reported.
        if self.quoted_before(body.start, cue) {
            return None;
        }
        // "The Florida senator is predicting that", "Cleveland police have
        // insisted": the auxiliary is no part of the subject, and a verb in
        // -ing after one is no participle clause ("..., saying that").
        let subject = self.strip_auxiliaries(self.strip_trailing_skippable(body.start..cue));
        let participle = self.toks[cue].lower.ends_with("ing")
            && !(subject.end..cue).any(|i| is_auxiliary(&self.toks[i].lower));
        let before = self.strip_trailing_skippable(subject);
        let subjects = if participle || before.is_empty() {
            // "The billionaire businessman began by talking about the drug
            // crisis, saying that ...": the description that opens the sentence.
            self.initial_subject(body.clone()).or_else(|| {
                let (mut d, head) = self.description(body.start..cue)?;
                // "A spokeswoman for Janney also declined to comment": the verb ends it.
                if let Some(v) = d.clone().find(|&i| {
                    let t = &self.toks[i];
                    !t.cap
                        && (t.lower.ends_with("ed")
                            || is_auxiliary(&t.lower)
                            || t.has(super::lexicon::flag::SKIPPABLE))
                }) {
                    d.end = v;
                }
                // ("Although it was far from the last word, Attorney General
                // …": cut at its verb, a phrase that lost its head is no one.)
                (d.start <= body.start + 1 && self.toks[d.clone()].iter().any(|t| t.lower == head))
                    .then(|| vec![self.described(d.clone(), head)])
            })
        } else {
            self.parse_np(before.clone())
                .or_else(|| {
                    // "The state officials whose laws have been invalidated
                    // say": the relative clause describes them.
                    let rel = before.clone().skip(1).find(|&i| {
                        matches!(self.toks[i].lower.as_str(), "who" | "whose" | "which")
                    })?;
                    self.parse_np(before.start..rel)
                })
                // ("The country described by the president": a passive's
                // subject is what is described, not who speaks.)
                .or_else(|| {
                    (self.toks.get(cue + 1).is_none_or(|t| t.lower != "by"))
                        .then(|| self.tagged_subject(before.clone()))
                        .flatten()
                })
                // "…, hours after Trump unleashed a flurry of tweets": the
                // subject of a clause a subordinator opens right before the verb.
                .or_else(|| {
                    let sub = before.clone().rev().take(6).find(|&i| {
                        matches!(
                            self.toks[i].lower.as_str(),
                            "after"
                                | "before"
                                | "when"
                                | "as"
                                | "because"
                                | "since"
                                | "while"
                                | "though"
                                | "although"
                                | "if"
                                | "until"
                                | "once"
                        )
                    })?;
                    let r = sub + 1..before.end;
                    (!r.is_empty())
                        .then(|| self.parse_np(r.clone()).or_else(|| self.tagged_subject(r)))
                        .flatten()
                })
                .or_else(|| self.person_ending(before.clone()))
                .or_else(|| self.initial_subject(body.clone()))
        };
        // "It said the economy grew": the subject is there but names no one
        // factdesk can tell; the claim stands, with no speaker rather than a guess.
        let subjects = match subjects {
            Some(s) => s,
            // "52 percent of registered voters say", "A majority of her backers
            // say": a share of those asked.
            None if !participle
                && !naming
                && (2..=8).contains(&before.len())
                && self.is_share(before.clone())
                && self.toks[before.clone()]
                    .iter()
                    .all(|t| t.is_word() || t.is('%')) =>
            {
                vec![self.described(before.clone(), self.toks[before.end - 1].lower.to_string())]
            }
            // "Governors in more than two dozen states said": a group, described.
            None if !participle
                && !naming
                && (2..=8).contains(&before.len())
                && self.toks[before.start]
                    .lower
                    .strip_suffix('s')
                    .is_some_and(|w| SETS.role.contains(w))
                && self.toks[before.clone()].iter().all(|t| t.is_word()) =>
            {
                vec![self.described(before.clone(), self.toks[before.start].lower.to_string())]
            }
            None if object => return None,
            None if !participle && !naming && (1..=3).contains(&before.len()) => {
                // "The judge said": kept as the description it is, for the
                // resolver to tie to someone named in that role, or to show.
                let first = self.toks[before.start].lower.as_str();
                let described =
                    matches!(first, "the" | "a" | "an" | "his" | "her" | "their" | "its")
                        && before.len() >= 2
                        && self.toks[before.end - 1].is_word();
                if described {
                    vec![
                        self.described(before.clone(), self.toks[before.end - 1].lower.to_string()),
                    ]
                } else {
                    Vec::new()
                }
            }
            None => return None,
        };
        // "called off", "called up": a verb with a particle names nothing
        // ("called for" and "called on" report a demand).
        if naming
            && self
                .toks
                .get(cue + 1)
                .is_some_and(|t| matches!(t.lower.as_str(), "off" | "up" | "in" | "back"))
        {
            return None;
        }
        let clause = self.clause_after(cue, body.end, naming || object)?;
        let words = self.word_count(clause.clone());
        if words < if naming { 2 } else { 3 } {
            return None;
        }
        // "He mentioned the November meeting in Argentina, which Trump and
        // Putin are both slated to attend": what the relative clause says of
        // the object is the article's own statement.
        if object
            && (subjects.is_empty()
                || clause.clone().any(|i| {
                    self.toks[i].is(',')
                        && self
                            .toks
                            .get(i + 1)
                            .is_some_and(|t| matches!(t.lower.as_str(), "which" | "who"))
                }))
        {
            return None;
        }
        let mut claim = self.speech_claim(clause, sentence, subjects, sources, cue)?;
        claim.stated_too = object;
        Some(claim)
    }

    fn speech_claim(
        &self,
        clause: Range<usize>,
        sentence: Range<usize>,
        subjects: Vec<Subj>,
        sources: &[SourceRef],
        cue: usize,
    ) -> Option<RawClaim> {
        let mut sources = sources.to_vec();
        // Only outlets: the outlet reports, it is a source. No subject at all:
        // reported speech whose speaker factdesk cannot tell.
        let outlets_only =
            !subjects.is_empty() && subjects.iter().all(|s| matches!(s, Subj::Outlet { .. }));
        let (kind, subjects) = if outlets_only {
            for s in &subjects {
                if let Subj::Outlet { name, .. } = s {
                    let src = SourceRef {
                        surface: name.clone(),
                        detail: Some(format!("{} {}", name, self.toks[cue].lower)),
                    };
                    if !sources.iter().any(|x| x.surface == src.surface) {
                        sources.insert(0, src);
                    }
                }
            }
            (ClaimKind::Statement, Vec::new())
        } else {
            (ClaimKind::Paraphrase, subjects)
        };
        let span = Span {
            start: self.toks[clause.start].start,
            end: self.toks[clause.end - 1].end,
        };
        Some(RawClaim {
            kind,
            span,
            toks: clause,
            frame: sentence,
            subjects,
            sources,
            worth: None,
            stated_too: false,
        })
    }

    /// The reported clause after a cue: "said (last week) (that) CLAUSE";
    /// with `object`, what a verb of naming or a verb that takes an object
    /// reports, right after it ("called the summit a success").
    fn clause_after(&self, cue: usize, end: usize, object: bool) -> Option<Range<usize>> {
        let mut s = cue + 1;
        let w = self.toks[cue].lower.as_str();
        // "If the law conflicts with God's orders, Rubio said, Christians must
        // ignore the law": the clause after the comma ("said, adding" is no clause).
        if !object
            && s + 1 < end
            && self.toks[s].is(',')
            && self.toks[s + 1].is_word()
            && !self.toks[s + 1].lower.ends_with("ing")
        {
            s += 1;
        }
        if s < end
            && self.toks[s].lower == "on"
            && self.toks.get(s + 1).is_some_and(|t| {
                SETS.month.contains(t.lower.as_str()) || SETS.weekday.contains(t.lower.as_str())
            })
        {
            s += 2;
            while s < end && (self.toks[s].kind == TokKind::Number || self.toks[s].is(',')) {
                s += 1;
            }
        }
        // "called for more school investment", "warned against hackers",
        // "complained about his mic": the preposition goes with the verb
        // (PolNeAR's cues end in it; what it reports follows).
        let particle = |w: &str| {
            matches!(
                w,
                "for" | "against" | "about" | "on" | "at" | "of" | "with" | "over"
            )
        };
        // ("for about five minutes" is how long, no particle; after a verb
        // of speech "on", "at" and "of" may open the channel before "that":
        // "said on Twitter that".)
        let after = self.toks.get(s).map_or("", |t| t.lower.as_str());
        let cue_particle = if object {
            particle(after)
        } else {
            matches!(after, "for" | "against" | "about" | "over" | "with")
        };
        if cue_particle
            && s + 1 < end
            && self.toks[s + 1].is_word()
            && !particle(&self.toks[s + 1].lower)
        {
            s += 1;
        }
        // "pointed out that", "called out the senator": the particle goes
        // with the verb.
        if object && s + 1 < end && self.toks[s].lower == "out" {
            s += 1;
            if self.toks[s].lower == "that" {
                s += 1;
            }
        }
        if matches!(w, "told" | "tells" | "telling") {
            // "told reporters (on Tuesday) that": the clause starts after "that".
            let that = (s..(s + 10).min(end)).find(|&i| self.toks[i].lower == "that")?;
            s = that + 1;
        } else {
            // Time words between the cue and the clause: "said last week that".
            let mut k = s;
            while !object
                && k < end
                && k < s + 4
                && !self.toks[k].is_possessive()
                && (matches!(
                    self.toks[k].lower.as_str(),
                    "last"
                        | "this"
                        | "on"
                        | "in"
                        | "week"
                        | "month"
                        | "year"
                        | "yesterday"
                        | "today"
                        | "earlier"
                        | "later"
                        | "monday"
                        | "tuesday"
                        | "wednesday"
                        | "thursday"
                        | "friday"
                        | "saturday"
                        | "sunday"
                        | "night"
                        | "morning"
                        | "also"
                        | "repeatedly"
                        | "publicly"
                        | "previously"
                ) || self.names_a_month(k)
                    // "said in March 2015 that": the day or year after a month.
                    || (self.toks[k].kind == TokKind::Number && k > s && self.names_a_month(k - 1)))
            {
                k += 1;
            }
            let mut after_that = false;
            if k < end && self.toks[k].lower == "that" {
                s = k + 1;
                after_that = true;
            } else if k > s && k < end && self.toks[k].is_word() {
                s = k;
            }
            if !object && s < end && self.toks[s].lower == "that" {
                s += 1;
                after_that = true;
            }
            // "said that, during the period when …,": a comma after "that"
            // sets off the clause's opening phrase.
            if after_that && s + 1 < end && self.toks[s].is(',') && self.toks[s + 1].is_word() {
                s += 1;
            }
            // ("said that in a race between them, he would": after "that" the
            // preposition opens the clause; without it, the channel.)
            if !after_that
                && s < end
                && matches!(
                    self.toks[s].lower.as_str(),
                    "in" | "at"
                        | "to"
                        | "on"
                        | "of"
                        | "so"
                        | "nothing"
                        | "something"
                        | "goodbye"
                        | "hello"
                        | "yes"
                        | "no"
                )
                && !object
            {
                // "said in a statement that ...": look for the clause after "that".
                let that = (s..(s + 8).min(end))
                    .find(|&i| self.toks[i].lower == "that" || self.toks[i].is(':'))?;
                if self.toks[that].is(':') {
                    return None;
                }
                s = that + 1;
            }
        }
        if s >= end || !self.toks[s].is_word() {
            return None;
        }
        // "Smith, who said he would run, lost": a relative clause ends at its
        // comma; so does one with an auxiliary ("The company, which has
        // denied any wrongdoing, plans to …").
        let relative = (0..cue)
            .rev()
            .find(|&i| {
                let w = self.toks[i].lower.as_str();
                !(is_auxiliary(w) || matches!(w, "has" | "have" | "had"))
            })
            .is_some_and(|i| matches!(self.toks[i].lower.as_str(), "who" | "which"));
        // "said, if elected, she would …", "said that like Early, there are":
        // the clause opens with a phrase whose comma ends it, not the clause.
        let mut opening = INTRO_WORDS.contains(&self.toks[s].lower.as_str());
        let mut e = s;
        while e < end {
            let t = &self.toks[e];
            if opening && t.is(',') && e + 1 < end {
                opening = false;
                if !self.attribution_follows(e + 1, end) {
                    e += 1;
                    continue;
                }
            }
            // "might include a delay — as well as the pause — in that
            // package": a pair of dashes sets words off inside the clause.
            if t.is('\u{2014}')
                && let Some(pair) = (e + 1..end).find(|&k| self.toks[k].is('\u{2014}'))
                && pair + 1 < end
                && self.toks[pair + 1].is_word()
            {
                e = pair + 1;
                continue;
            }
            if t.is_sentence_end()
                || t.is(';')
                || t.is(':')
                || t.is('\u{2014}')
                || (relative && t.is(','))
            {
                break;
            }
            // "outlined his plan and vowed to punish …": a second verb that
            // reports is an attribution of its own.
            if t.lower == "and" && e > s + 1 && self.is_cue_verb(e + 1, end) {
                break;
            }
            if t.is(',') && e + 1 < end {
                let n = &self.toks[e + 1];
                let nw = n.lower.as_str();
                if SETS.clause_break.contains(nw)
                    || self.is_according(e + 1)
                    || (nw == "and"
                        && self.toks.get(e + 2).is_some_and(|m| {
                            SETS.clause_break.contains(m.lower.as_str())
                                || matches!(
                                    m.lower.as_str(),
                                    "did" | "has" | "had" | "was" | "is" | "said"
                                )
                        }))
                {
                    break;
                }
                // ", the Post reported." / ", she said.": a trailing attribution.
                if (e + 1..(e + 6).min(end)).any(|k| self.is_cue(k))
                    && (e + 1..(e + 6).min(end)).all(|k| {
                        self.toks[k].is_word()
                            || self.toks[k].is_sentence_end()
                            || self.toks[k].is(',')
                    })
                {
                    break;
                }
            }
            e += 1;
        }
        (e > s).then_some(s..e)
    }

    /// ", she said.", ", the admiral said on Tuesday,": a short attribution
    /// at `from`, ending the sentence or set off by a comma.
    fn attribution_follows(&self, from: usize, end: usize) -> bool {
        (from..(from + 5).min(end))
            .take_while(|&k| self.toks[k].is_word())
            .find(|&k| self.is_cue(k))
            .is_some_and(|k| {
                let after = (k + 1..end)
                    .find(|&i| !self.is_skippable_or_date(i))
                    .unwrap_or(end);
                after == end || self.toks[after].is_sentence_end() || self.toks[after].is(',')
            })
    }

    /// "Her plan raises $1.1 trillion, according to the Tax Policy Center."
    /// and "According to Lorella Praeli, the campaign …": the clause is the
    /// account of whom it is according to, a paraphrase with them as the
    /// speaker (an outlet stays a source, and the clause a statement).
    fn according_claim(
        &self,
        sentence: Range<usize>,
        body: Range<usize>,
        sources: &[SourceRef],
    ) -> Option<RawClaim> {
        let trailing =
            (body.start + 1..body.end).find(|&i| self.is_according(i) && self.toks[i - 1].is(','));
        let (clause, at) = match trailing {
            // "Most were elevated, according to an official, and two were
            // upgraded": the account runs on past the attribution.
            Some(a) => {
                let np_end = self.np_until_punct_raw(a + 2, sentence.end);
                let rest = self.trim_to_words(np_end..body.end);
                let runs_on = self.toks.get(np_end).is_some_and(|t| t.is(','))
                    && self.word_count(rest.clone()) >= 3;
                if runs_on {
                    (self.trim_to_words(body.clone()), a)
                } else {
                    (self.trim_to_words(body.start..a - 1), a)
                }
            }
            None => (
                self.trim_to_words(body.clone()),
                (sentence.start..body.start).find(|&i| self.is_according(i))?,
            ),
        };
        let words = self.word_count(clause.clone());
        if words < 4 || self.toks[body.end - 1].is('?') {
            return None;
        }
        let raw = at + 2..self.np_until_punct_raw(at + 2, sentence.end);
        if self.outlet_at(self.cap_np(at + 2, sentence.end)).is_some()
            || self.outlet_at(raw.clone()).is_some()
        {
            // "according to The Washington Post": a source of a statement.
            return None;
        }
        // One word must be a name or people described ("according to
        // Sperry", "according to officials"; not "according to him").
        // A time after the words says when, not who: "according to a new
        // poll released Monday" is described like "a new poll".
        let last = raw.end.checked_sub(1).filter(|&l| {
            l > raw.start || (l == raw.start && (self.toks[l].cap || self.is_head(l)))
        })?;
        let timed = (raw.start + 1..=last)
            .rev()
            .find(|&i| !self.is_time_word(i) && self.toks[i].kind != TokKind::Number)
            .filter(|&i| i < last && !self.toks[i].cap);
        let subjects = if let Some(l) = timed.or((!self.toks[last].cap).then_some(last)) {
            // "according to court documents", "according to the city's
            // finance department": a document or a body described.
            if raw.len() > 8 {
                return None;
            }
            let head = self
                .description(raw.clone())
                .map_or_else(|| self.toks[l].lower.to_string(), |(_, head)| head);
            vec![self.described(raw.clone(), head)]
        } else if self.toks[raw.start].lower == "the"
            && raw.clone().skip(1).all(|t| {
                self.toks[t].cap || matches!(self.toks[t].lower.as_str(), "of" | "for" | "and")
            })
        {
            // "according to the Department of Transportation": a body's name.
            vec![Subj::Org {
                name: self.tok_text(raw.start + 1..raw.end),
                pos: raw.start + 1,
            }]
        } else {
            self.parse_np(self.np_until_punct(at + 2, sentence.end))?
        };
        self.speech_claim(clause, sentence, subjects, sources, at)
    }

    /// "A new CNN/ORC poll shows Clinton and Sanders in a dead heat", "One
    /// influential 2009 paper found improvements in math scores": what a
    /// poll, study or report finds is its account, with the document as the
    /// speaker, described as the text describes it.
    fn document_finding(
        &self,
        sentence: Range<usize>,
        body: Range<usize>,
        sources: &[SourceRef],
    ) -> Option<RawClaim> {
        let cue = (body.start + 1..body.end.min(body.start + 24)).find(|&i| {
            let t = &self.toks[i];
            !t.cap && t.kind == TokKind::Word && FINDING_CUES.contains(&t.lower.as_str())
        })?;
        let before = self
            .trim_to_words(self.strip_auxiliaries(self.strip_trailing_skippable(body.start..cue)));
        let head = before.clone().rev().find(|&i| {
            let t = &self.toks[i];
            !t.cap && DOCUMENTS.contains(&t.lower.as_str())
        })?;
        // The document is the subject: its noun opens the phrase's last stretch
        // ("A Fox News poll, conducted jointly with ..., shows").
        if before.is_empty()
            || before.len() > 16
            || (before.start..head).any(|i| self.is_cue(i))
            || before.clone().any(|i| self.in_claim_quote(i))
        {
            return None;
        }
        let clause = self.clause_after(cue, body.end, false)?;
        let words = self.word_count(clause.clone());
        if words < 3 {
            return None;
        }
        // "a new poll from USA TODAY/Suffolk University" names its maker;
        // ", conducted jointly with ...," after a comma is said of it.
        let described = if (head..before.end).any(|i| self.toks[i].is(',')) {
            self.trim_to_words(before.start..head + 1)
        } else {
            before
        };
        let subjects = vec![self.described(described.clone(), self.toks[head].lower.to_string())];
        self.speech_claim(clause, sentence, subjects, sources, cue)
    }

    /// "In an ABC News/Washington Post poll released Sunday, three of four
    /// Americans disapproved": the clause after an opening "In" phrase that
    /// names a document is what the document found.
    fn finding_in_opening(
        &self,
        sentence: Range<usize>,
        body: Range<usize>,
        sources: &[SourceRef],
    ) -> Option<RawClaim> {
        let open = sentence.start;
        if self.toks[open].lower != "in" || self.toks[body.end - 1].is('?') {
            return None;
        }
        let comma = (open + 2..body.end.min(open + 16)).find(|&i| self.toks[i].is(','))?;
        let body = comma + 1..body.end;
        if self.word_count(body.clone()) < 4 {
            return None;
        }
        // "In a/the/this ... poll": the document is what the phrase is about
        // ("In response to the filings", "In eight states where exit polls
        // were conducted" are not), and the clause has no speaker of its own.
        let phrase = open + 1..comma;
        if !matches!(
            self.toks[phrase.start].lower.as_str(),
            "a" | "an" | "the" | "this" | "its" | "one"
        ) {
            return None;
        }
        let head = (phrase.start + 1..phrase.end.min(phrase.start + 7))
            .find(|&i| DOCUMENTS.contains(&self.toks[i].lower.as_str()))?;
        if phrase.clone().any(|i| self.in_claim_quote(i))
            || body.clone().any(|i| self.is_clause_cue(i, body.end))
        {
            return None;
        }
        let subjects = vec![self.described(phrase.clone(), self.toks[head].lower.to_string())];
        self.speech_claim(self.trim_to_words(body), sentence, subjects, sources, open)
    }

    fn statement(
        &self,
        body: Range<usize>,
        sentence: Range<usize>,
        sources: &[SourceRef],
    ) -> Option<RawClaim> {
        let mut e = body.end;
        while e > body.start && !self.toks[e - 1].is_word() {
            e -= 1;
        }
        let question = e < body.end && self.toks[e].is('?');
        // ", according to The Washington Post" at the end is the source, not the claim.
        if let Some(a) = (body.start..e).find(|&i| self.is_according(i))
            && a > body.start
            && self.toks[a - 1].is(',')
        {
            e = a - 1;
        }
        let r = body.start..e;
        let words = self.word_count(r.clone());
        let first_person = r.clone().any(|i| {
            self.toks[i].kind == TokKind::Word
                && matches!(
                    self.toks[i].lower.as_str(),
                    "i" | "we" | "you" | "my" | "our"
                )
        });
        let by_rules =
            !question && words >= 6 && !first_person && score::is_checkable(self, r.clone());
        let worth = if by_rules {
            None
        } else {
            Some(score::worth_as_a_claim(
                self,
                sentence.clone(),
                r.clone(),
                words,
                question,
            )?)
        };
        let mut span = Span {
            start: self.toks[r.start].start,
            end: self.toks[r.end - 1].end,
        };
        // A statement ending inside a quote keeps its closing mark:
        // "Bush “refused to sell his home to blacks.”"
        let from = self.quotes.partition_point(|q| q.open < span.start);
        if let Some(q) = self.quotes[from..]
            .iter()
            .take_while(|q| q.open < span.end)
            .find(|q| self.closes_just_after(q, span.end))
        {
            span.end = q.close;
        }
        Some(RawClaim {
            kind: ClaimKind::Statement,
            span,
            toks: r,
            frame: sentence,
            subjects: Vec::new(),
            sources: sources.to_vec(),
            worth,
            stated_too: false,
        })
    }
}
