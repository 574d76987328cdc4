//! A speaker read off the tagger's parts of speech where the word lists
//! know none: ", the admiral said.", "participants said", "Twitter said".
//!
//! The rules of [`super::np`] know roles, titles, names and organisations by
//! their words; a noun they have never met ("admiral", "participants") left
//! the attribution without a subject, and the sentence became the article's
//! own statement. Here a short phrase of determiners, adjectives, numbers and
//! nouns that ends in a noun is a subject whatever its words: a description
//! (for the resolver to tie to someone named), or, when the tagger reads a
//! run of proper nouns as a person or an organisation, that name.
//!
//! **Architecture Invariant:** this is a fallback; it runs only when
//! [`Doc::parse_np`] finds no subject, so it never changes a speaker the
//! rules already read.

use std::ops::Range;

use super::np::Subj;
use super::tagger::{self, Ent, Pos};
use super::tokens::Doc;

/// The longest phrase read as a subject this way: longer ones are clauses.
const MAX_WORDS: usize = 6;

impl Doc {
    /// The subject within `r` (the words before a cue, or between a comma and
    /// one) by its parts of speech: the last comma-separated part, when it is
    /// a noun phrase ending in a noun. `None` where it is anything else.
    pub(super) fn tagged_subject(&self, r: Range<usize>) -> Option<Vec<Subj>> {
        let mut r = self.trim_punct(r);
        // "Appearing on CBS' Face the Nation, the GOP front-runner": an
        // opening phrase before the subject is the sentence's.
        if let Some(c) = r.clone().rev().find(|&i| self.toks[i].is(',')) {
            r.start = c + 1;
        }
        // "The policy changes, which officials said will …": the relative
        // pronoun opens the clause, whose subject follows it.
        while r.start < r.end
            && matches!(
                self.toks[r.start].lower.as_str(),
                "and" | "but" | "which" | "that" | "what" | "whom"
            )
        {
            r.start += 1;
        }
        if r.is_empty() || r.len() > MAX_WORDS {
            return None;
        }
        let sent = self.sentence_at(r.start)?.toks.clone();
        if sent.end < r.end || sent.start > r.start {
            return None;
        }
        let tags = tagger::tag_first(self, sent.clone(), r.end - sent.start);
        let tag = |i: usize| tags[i - sent.start];
        let last = r.end - 1;
        let nominal = r.clone().all(|i| {
            self.toks[i].is_word()
                && matches!(
                    tag(i).pos,
                    Pos::Det | Pos::Adj | Pos::Noun | Pos::Propn | Pos::Num
                )
        });
        // "Last week said", "Two percent said": a time or an amount is no speaker.
        if !nominal
            || !matches!(tag(last).pos, Pos::Noun | Pos::Propn)
            || tag(last).ent == Ent::Numeric
            || self.is_time_word(last)
        {
            return None;
        }
        // The name that ends the phrase, and what comes before it: "the
        // F.B.I.", "former president Bill Clinton", "a Morning Consult Poll".
        let run = r
            .clone()
            .rev()
            .take_while(|&i| tag(i).pos == Pos::Propn)
            .count();
        let name_at = r.end - run;
        let subj = if run == 0 {
            Subj::Description {
                text: self.tok_text(r.clone()),
                head: self.toks[last].lower.to_string(),
                pos: r.start,
            }
        } else {
            // "an honor Donald": one name after a common noun is no one's description.
            let before = name_at - r.start;
            let only_article = before == 0 || (before == 1 && tag(r.start).pos == Pos::Det);
            if run == 1 && !only_article {
                return None;
            }
            let name = self.tok_text(name_at..r.end);
            match tag(last).ent {
                Ent::Person => Subj::Named {
                    name,
                    role: (!only_article).then(|| self.tok_text(r.start..name_at)),
                    pos: r.start,
                },
                Ent::Org | Ent::Misc => Subj::Org { name, pos: r.start },
                _ => return None,
            }
        };
        Some(vec![subj])
    }

    /// A person's name the tagger reads right at the end of `r`, after
    /// words no rule reads as a subject: "In a March 2016 meeting with the
    /// editorial board of the Washington Post Trump said". Never after a
    /// preposition ("The letter to Sen. Smith said": Smith is no speaker).
    pub(super) fn person_ending(&self, r: Range<usize>) -> Option<Vec<Subj>> {
        let r = self.trim_punct(r);
        let sent = self.sentence_at(r.start)?.toks.clone();
        if r.is_empty() || sent.end < r.end || sent.start > r.start {
            return None;
        }
        let tags = tagger::tag_first(self, sent.clone(), r.end - sent.start);
        let tag = |i: usize| tags[i - sent.start];
        let run = r
            .clone()
            .rev()
            .take_while(|&i| tag(i).pos == Pos::Propn && tag(i).ent == Ent::Person)
            .count();
        let name_at = r.end - run;
        if !(1..=4).contains(&run)
            || name_at == r.start
            || matches!(tag(name_at - 1).pos, Pos::Adp | Pos::Det | Pos::Part)
            || self.toks[name_at - 1].is_possessive()
        {
            return None;
        }
        Some(vec![Subj::Named {
            name: self.tok_text(name_at..r.end),
            role: None,
            pos: name_at,
        }])
    }

    /// The subject of `r` as the rules read it, or else as the tagger does.
    pub(super) fn subject_np(&self, r: Range<usize>) -> Option<Vec<Subj>> {
        self.parse_np(r.clone()).or_else(|| self.tagged_subject(r))
    }
}
