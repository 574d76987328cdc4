//! Noun phrases that name who speaks or who is credited: people with roles,
//! pronouns, descriptions ("a top Kremlin aide"), organisations and outlets.
//!
//! tidy: long because its parts (names with titles and roles, descriptions,
//! organisations, several subjects) call one another and share its word lists.

use std::ops::Range;

use super::lexicon::{
    ADVERBIAL_OPENERS, KNOWN_OUTLETS, QUALIFYING_PREPOSITIONS, SETS, is_first_name,
    is_state_abbreviation,
};
use super::tokens::{Doc, TokKind};

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Subj {
    /// A person by name; `role` as the article gives it.
    Named {
        name: String,
        role: Option<String>,
        pos: usize,
    },
    Pronoun {
        female: Option<bool>,
        pos: usize,
    },
    /// A person described, not named: "a top Kremlin aide".
    Description {
        text: String,
        head: String,
        pos: usize,
    },
    Org {
        name: String,
        pos: usize,
    },
    Outlet {
        name: String,
        pos: usize,
    },
}

impl Subj {
    pub(crate) fn pos(&self) -> usize {
        match self {
            Subj::Named { pos, .. }
            | Subj::Pronoun { pos, .. }
            | Subj::Description { pos, .. }
            | Subj::Org { pos, .. }
            | Subj::Outlet { pos, .. } => *pos,
        }
    }
}

/// Known outlets' names and aliases, lower-case, without a leading "the".
static KNOWN_OUTLET_NAMES: std::sync::LazyLock<std::collections::HashSet<String>> =
    std::sync::LazyLock::new(|| {
        let bare = |s: &str| {
            let l = s.to_lowercase();
            l.strip_prefix("the ").unwrap_or(&l).to_string()
        };
        KNOWN_OUTLETS
            .iter()
            .flat_map(|(n, aliases)| {
                std::iter::once(bare(n)).chain(aliases.iter().map(|a| bare(a)))
            })
            .collect()
    });

/// Nouns that describe an organisation already named: "the company said".
pub(crate) const ORG_HEADS: &[&str] = &[
    "company",
    "firm",
    "ministry",
    "department",
    "agency",
    "government",
    "council",
    "court",
    "police",
    "bank",
    "group",
    "campaign",
    "party",
    "office",
    "university",
    "hospital",
    "school",
    "board",
    "commission",
    "committee",
    "union",
    "organisation",
    "organization",
    "authority",
    "regulator",
    "airline",
    "club",
    "charity",
];

/// Capitalised at a sentence's start, but never part of a name.
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "this", "that", "these", "those", "his", "her", "their", "its", "our", "my",
    "some", "many", "both", "all", "other", "another", "several", "most", "few", "one", "two",
    "three", "each", "every", "no", "any",
];
const CLAUSE_WORDS: &[&str] = &[
    "that", "which", "who", "whom", "whose", "when", "because", "if", "where", "while", "after",
    "before", "is", "are", "was", "were", "be", "been", "not", "did", "does", "do", "will",
    "would", "can", "could", "should", "may", "might", "must",
];
/// Words for a time that may open a clause before its subject: "Last week the company said".
const TIME_WORDS: &[&str] = &[
    "week",
    "month",
    "year",
    "weekend",
    "yesterday",
    "today",
    "tonight",
    "morning",
    "afternoon",
    "evening",
    "night",
];
/// Do the subjects name people, by name or pronoun (not a description or
/// an organisation)?
fn names_someone(subjects: &[Subj]) -> bool {
    subjects
        .iter()
        .all(|s| matches!(s, Subj::Named { .. } | Subj::Pronoun { .. }))
}

/// Function words capitalised for opening a sentence, no part of a name
/// after them ("Because Twitter, Facebook and YouTube have").
const SENTENCE_OPENERS: &[&str] = &[
    "because",
    "when",
    "if",
    "while",
    "although",
    "though",
    "after",
    "before",
    "since",
    "as",
    "but",
    "and",
    "so",
    "then",
    "also",
    "however",
    "meanwhile",
    "instead",
    "unlike",
    "like",
    "with",
    "without",
    "for",
    "in",
    "on",
    "at",
    "by",
    "from",
    "to",
    "under",
    "despite",
];
/// Forms of address that only stand before a surname: after one, even a
/// title word ("Mr. King") is the name.
const HONORIFICS: &[&str] = &[
    "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "sen", "sen.", "rep", "rep.",
];
/// Words that end a clause before a subject: "a woman asked for a photo and
/// Clinton said", "grew so heated that Gov. Chris Christie said".
const CLAUSE_JOINS: &[&str] = &[
    "and", "but", "while", "when", "as", "after", "before", "because", "that",
];
/// Words after a description's head that start a phrase qualifying it.
const QUALIFIERS: &[&str] = &[
    "of",
    "for",
    "at",
    "in",
    "from",
    "with",
    "on",
    "to",
    "across",
    "among",
    "within",
    "close",
    "familiar",
    "briefed",
    "involved",
    "knowledgeable",
];
/// Lower-case words between the parts of a name: "Bill de Blasio", "Osama
/// bin Laden", "Vincent van Gogh".
pub(crate) const NAME_PARTICLES: &[&str] =
    &["de", "van", "von", "bin", "da", "di", "del", "der", "du"];
/// Endings of nouns for people who do something: "staffers", "strategists",
/// "employees", "allies".
const AGENT_ENDINGS: &[&str] = &[
    "er", "ers", "or", "ors", "ist", "ists", "ee", "ees", "ant", "ants", "ent", "ents", "ies",
    "men",
];
/// Words that cannot end a description: adverbs and auxiliaries of the clause
/// that follows it, and words that only join.
const TRAILING: &[&str] = &[
    "now",
    "even",
    "also",
    "still",
    "here",
    "there",
    "meanwhile",
    "long",
    "have",
    "has",
    "had",
    "already",
    "often",
    "later",
    "too",
    "then",
    "however",
    "never",
    "always",
    "reportedly",
    "again",
    "once",
    "in",
    "a",
    "an",
    "the",
    "of",
    "for",
    "at",
    "on",
    "by",
    "with",
    "to",
    "from",
    "and",
    "or",
    "but",
    "who",
    "which",
    "that",
    "is",
    "are",
    "was",
    "were",
    "will",
    "would",
];
const PRONOUNS: &[(&str, Option<bool>)] =
    &[("he", Some(false)), ("she", Some(true)), ("they", None)];

fn i_of(doc: &Doc, t: &super::tokens::Tok) -> usize {
    doc.toks.partition_point(|x| x.start < t.start)
}

impl Doc {
    /// An optional "the" and a run of capitalised words: "the Chronicle", "The Associated Press".
    pub(crate) fn cap_np(&self, from: usize, to: usize) -> std::ops::Range<usize> {
        let mut e = from;
        if e < to && self.toks[e].lower == "the" {
            e += 1;
        }
        let s0 = e;
        while e < to
            && self.toks[e].is_word()
            && (self.toks[e].cap
                || (e > s0
                    && self.toks[e].lower == "of"
                    && self.toks.get(e + 1).is_some_and(|n| n.cap)))
        {
            e += 1;
        }
        if e == s0 { from..from } else { from..e }
    }

    /// Whether a word can head a description of a speaker: a role ("aide",
    /// "officials") or, uncapitalised, a kind of organisation ("the company").
    pub(crate) fn is_head(&self, i: usize) -> bool {
        let t = &self.toks[i];
        SETS.role.contains(t.lower.as_str())
            // "people familiar with the plan", "people briefed on the move".
            || t.lower == "people"
            // "aides", "critics": a role's plural names a group of them.
            || (!t.cap
                && t.lower.len() > 4
                && t.lower.strip_suffix('s').is_some_and(|w| SETS.role.contains(w)))
            || (!t.cap
                && (ORG_HEADS.contains(&t.lower.as_str())
                    || SETS.source_head.contains(t.lower.as_str())))
    }

    /// The description of an unnamed speaker within `r`, and its head word:
    /// the words up to the first head and the heads that follow it ("the
    /// campaign officials"), with a phrase that qualifies it ("a spokeswoman
    /// for YouTube", "a source close to him"). Whatever else follows the head
    /// belongs to the sentence, not to the speaker: "the budget office now",
    /// "his advisers believe he can win", "one official even".
    pub(crate) fn description(&self, r: Range<usize>) -> Option<(Range<usize>, String)> {
        // "one senior Democrat", "the Republican": a party's member ends the
        // phrase as its head (elsewhere "Republican" modifies one).
        let first = r.clone().find(|&i| self.is_head(i)).or_else(|| {
            let last = r.end.checked_sub(1).filter(|&l| {
                l > r.start
                    && l - r.start <= 3
                    && DETERMINERS.contains(&self.toks[r.start].lower.as_str())
            })?;
            matches!(
                self.toks[last].lower.as_str(),
                "democrat" | "democrats" | "republican" | "republicans"
            )
            .then_some(last)
        })?;
        let mut e = first + 1;
        // "Last week the company": the time before the description is the clause's.
        let r = match (r.start..first).rev().find(|&i| self.is_time_word(i)) {
            Some(t) => t + 1..r.end,
            None => r,
        };
        // ", and aides say": the conjunction joins the clauses, not the description.
        let mut r = r;
        while r.start < first
            && matches!(
                self.toks[r.start].lower.as_str(),
                "and" | "but" | "or" | "yet" | "so"
            )
        {
            r.start += 1;
        }
        // Nouns of people go on the head: "campaign staffers", "Mayor Don
        // Guardian", "her advisers and allies", "the campaign and some experts".
        let person = |i: usize| {
            self.is_head(i)
                || AGENT_ENDINGS
                    .iter()
                    .any(|x| self.toks[i].lower.ends_with(x))
        };
        let noun = |i: usize| {
            let t = &self.toks[i];
            t.is_word() && !TRAILING.contains(&t.lower.as_str()) && (t.cap || person(i))
        };
        while e < r.end {
            if noun(e) {
                e += 1;
            } else if self.toks[e].lower == "and"
                && let Some(n) = (e + 1..r.end.min(e + 5)).find(|&i| person(i))
                && (e + 1..n).all(|i| {
                    self.toks[i].is_word() && !TRAILING.contains(&self.toks[i].lower.as_str())
                })
            {
                e = n + 1;
            } else {
                break;
            }
        }
        let head = self.toks[e - 1].lower.to_string();
        if e < r.end && QUALIFIERS.contains(&self.toks[e].lower.as_str()) {
            e = r.end;
            while e > r.start + 1 {
                let last = &self.toks[e - 1];
                if last.is_word() && !TRAILING.contains(&last.lower.as_str()) {
                    break;
                }
                e -= 1;
            }
        }
        Some((r.start..e, head))
    }

    /// A word that says when: a weekday, a month, "week", "today".
    pub(crate) fn is_time_word(&self, i: usize) -> bool {
        let t = &self.toks[i];
        t.has(super::lexicon::flag::WEEKDAY)
            || t.has(super::lexicon::flag::MONTH)
            || TIME_WORDS.contains(&t.lower.as_str())
    }

    pub(super) fn trim_punct(&self, mut r: Range<usize>) -> Range<usize> {
        while r.start < r.end && !self.toks[r.start].is_word() {
            r.start += 1;
        }
        while r.end > r.start && !self.toks[r.end - 1].is_word() {
            r.end -= 1;
        }
        r
    }

    /// Is this token range a known or plainly-named outlet? Returns its surface name.
    pub(crate) fn outlet_at(&self, r: Range<usize>) -> Option<String> {
        let r = self.trim_punct(r);
        // An outlet's name is short and capitalised: most ranges fail here, cheaply.
        if r.is_empty()
            || r.len() > 6
            || !self.toks[r.clone()]
                .iter()
                .all(|t| t.cap || matches!(t.lower.as_str(), "the" | "of" | "&" | "-"))
        {
            return None;
        }
        let toks = &self.toks[r.clone()];
        let lower = toks
            .iter()
            .map(|t| t.lower.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        let bare = lower.strip_prefix("the ").unwrap_or(&lower);
        if KNOWN_OUTLET_NAMES.contains(bare) {
            // A bare single letter ("X") only counts when capitalised and alone.
            if bare.len() == 1 && (!toks[0].cap || r.len() > 1) {
                return None;
            }
            return Some(self.tok_text(r));
        }
        let last = &toks[toks.len() - 1];
        (last.cap && SETS.outlet_head.contains(last.lower.as_str())).then(|| self.tok_text(r))
    }

    /// Parses a subject noun phrase. `None` when the range is not a noun phrase
    /// (it holds a verb or a clause), so the caller can look elsewhere.
    pub(crate) fn parse_np(&self, r: Range<usize>) -> Option<Vec<Subj>> {
        let mut r = self.trim_punct(r);
        // "And Mr. Christie gloated": the conjunction joins the sentence, not
        // the name; so does "as" before one ("As Tom Ridge put it").
        while r.len() > 1
            && (matches!(
                self.toks[r.start].lower.as_str(),
                "and" | "but" | "yet" | "so"
            ) || self.toks[r.start].lower == "as"
                && (self.toks[r.start + 1].cap || r.len() <= 5 && self.is_head(r.end - 1)))
        {
            r.start += 1;
            r = self.trim_punct(r);
        }
        // "Sen. Marco Rubio (R-Fla.)": the party and state in brackets are no part of the name.
        // "Rep. Hakeem Jeffries (D-N.Y.)", "Rep. Elijah Cummings (D-Md.), chair
        // of the Platform Committee": so with an appositive after them.
        // (The closing bracket at the end may have been trimmed as punctuation.)
        if let Some(b) = r.clone().find(|&i| self.toks[i].is('('))
            && b > r.start
            && let Some(c) = (b + 1..r.end.min(b + 10))
                .find(|&i| self.toks[i].is(')'))
                .or((b + 6 >= r.end).then_some(r.end))
            && (c + 1 >= r.end
                || self.toks[c + 1].is(',') && self.toks[c + 1..r.end].iter().all(|t| !t.is('(')))
        {
            let name = self.trim_punct(r.start..b);
            if c + 1 >= r.end {
                r = name;
            } else if let Some(s) = self.parse_np(name) {
                return Some(s);
            }
        }
        // "(a) New Hampshire Republican", "another Iowa Democrat": one of a
        // party's members after a place is described, not named ("Hampshire
        // Republican" is no one); a title or a first name starts a name.
        // (A group, "Senate Democrats", stays as it is read below.)
        let article = usize::from(
            r.len() > 1
                && matches!(
                    self.toks[r.start].lower.as_str(),
                    "a" | "an" | "another" | "one"
                ),
        );
        if (2..=4).contains(&(r.len() - article))
            && matches!(
                self.toks[r.end - 1].lower.as_str(),
                "democrat" | "republican"
            )
            && self.toks[r.start + article..r.end]
                .iter()
                .all(|t| t.cap && t.is_word())
            && !SETS
                .title
                .contains(self.toks[r.start + article].lower.as_str())
            && !super::lexicon::is_first_name(&self.toks[r.start + article].lower)
        {
            let head = self.toks[r.end - 1].lower.to_string();
            return Some(vec![self.described(r, head)]);
        }
        if r.len() > 16 {
            // "But in a conference call with reporters on Dec. 2, Col. Steven
            // H. Warren, a military spokesman": an opening phrase, then the subject.
            // "The debate grew so heated that New Jersey Gov. Chris Christie":
            // the subject of the last clause.
            let Some(c) = r.clone().find(|&i| self.toks[i].is(',')) else {
                let join = r
                    .clone()
                    .rev()
                    .find(|&i| CLAUSE_JOINS.contains(&self.toks[i].lower.as_str()))?;
                // Only a name: "a requirement that whistleblowers provide
                // firsthand knowledge of" is no speaker.
                return (r.end - join <= 8)
                    .then(|| self.parse_np(join + 1..r.end))
                    .flatten()
                    .filter(|s| names_someone(s));
            };
            return self
                .is_opening(r.start..c)
                .then(|| self.parse_np(c + 1..r.end))
                .flatten();
        }
        if r.is_empty() {
            return None;
        }
        if r.len() == 1
            && let Some(p) = self.pronoun_at(r.start)
        {
            return Some(vec![p]);
        }
        for t in &self.toks[r.clone()] {
            let w = t.lower.as_str();
            if t.kind == TokKind::Word && !t.cap && !t.is_possessive() {
                let at = i_of(self, t);
                // "one unaligned Florida Republican strategist", "a retired
                // general": after an article or a number the word is an adjective.
                // (Only right after the phrase's own article and before a
                // name or a person's noun: "the posting" is still a verb's.)
                let adjective = at == r.start + 1
                    && DETERMINERS.contains(&self.toks[r.start].lower.as_str())
                    && !CLAUSE_WORDS.contains(&w)
                    && self
                        .toks
                        .get(at + 1)
                        .is_some_and(|n| at + 1 < r.end && (n.cap || self.is_head(at + 1)));
                // "people briefed on the move": a participle that qualifies
                // the head before it is no verb of the sentence.
                let qualifies = QUALIFIERS.contains(&w) && at > r.start && self.is_head(at - 1);
                let verbish = CLAUSE_WORDS.contains(&w)
                    || ((w.ends_with("ed") || w.ends_with("ing"))
                        && !adjective
                        && !qualifies
                        && !SETS.role.contains(w)
                        && !SETS.title.contains(w))
                    || SETS.cue.contains(w) && !adjective;
                if verbish {
                    // "In a meeting with the Post's board, Trump", "a woman asked for
                    // a photo and Clinton": the verb is in an opening phrase or an
                    // earlier clause; the subject is what follows its end.
                    if let Some(b) = (at + 1..r.end).rev().find(|&i| {
                        self.toks[i].is(',') || CLAUSE_JOINS.contains(&self.toks[i].lower.as_str())
                    }) && let Some(s) = self.parse_np(b + 1..r.end).filter(|s| {
                        // After "that" only a name: "a requirement that
                        // whistleblowers provide firsthand knowledge of".
                        self.toks[b].lower != "that" || names_someone(s)
                    }) {
                        return Some(s);
                    }
                    // "Tom Reyes, who voted against the measure,": the subject is before the comma.
                    let comma = r.clone().find(|&i| self.toks[i].is(','))?;
                    return (comma < at)
                        .then(|| self.parse_np(r.start..comma))
                        .flatten();
                }
            }
            if matches!(
                t.kind,
                TokKind::Punct('"' | '\u{201C}' | '\u{201D}' | ':' | ';' | '(' | ')' | '\u{2014}')
            ) {
                // "Remarking upon Clinton's “genuine empathy,” Starr": an opening
                // phrase with a quote in it, then the subject after its comma.
                // Or a name before it whose appositive holds a title in quotes:
                // "Akhil Amar, author of ''America's Unwritten Constitution,''".
                let at = i_of(self, t);
                let after = (at + 1..r.end)
                    .rev()
                    .find(|&i| self.toks[i].is(','))
                    .filter(|&c| c + 1 < r.end)
                    .and_then(|c| self.parse_np(c + 1..r.end));
                return after.or_else(|| {
                    let c = (r.start..at).find(|&i| self.toks[i].is(','))?;
                    self.parse_np(r.start..c)
                        .filter(|s| s.iter().all(|s| matches!(s, Subj::Named { .. })))
                });
            }
        }
        // "X and Y": several speakers when each side names someone.
        let ands: Vec<usize> = r.clone().filter(|&i| self.toks[i].lower == "and").collect();
        if !ands.is_empty() {
            let mut parts = Vec::new();
            let mut s = r.start;
            for &a in ands.iter().chain(std::iter::once(&r.end)) {
                parts.push(s..a);
                s = a + 1;
            }
            let subjects: Vec<Option<Subj>> =
                parts.iter().map(|p| self.parse_single(p.clone())).collect();
            if subjects
                .iter()
                .all(|s| matches!(s, Some(Subj::Named { .. }) | Some(Subj::Pronoun { .. })))
            {
                return Some(subjects.into_iter().flatten().collect());
            }
        }
        self.parse_single(r).map(|s| vec![s])
    }

    /// Is this comma-separated part an opening phrase ("Speaking to reporters
    /// in Ohio", "When asked about the wall")? Its first word is no name and
    /// no determiner, and it holds no role or title ("the health secretary,
    /// Victoria Hale" keeps its role).
    fn is_opening(&self, c: Range<usize>) -> bool {
        let Some(first) = self.toks.get(c.start).filter(|_| !c.is_empty()) else {
            return false;
        };
        let first = first.lower.as_str();
        // "Evaluating the candidates on the basis of polls, Stevens said".
        let participle = first.ends_with("ing") && c.len() >= 2;
        // "The day before, Mr. Trump was", "That same week, she said": a time
        // with its article, short and all lower-case after it.
        let time = DETERMINERS.contains(&first)
            && c.len() <= 4
            && self.toks[c.start + 1..c.end]
                .iter()
                .all(|t| t.is_word() && !t.cap)
            && self.toks[c.clone()].iter().any(|t| {
                TIME_WORDS.contains(&t.lower.as_str()) || matches!(t.lower.as_str(), "day" | "days")
            });
        // "at a rally in Beaumont, Tex., Mr. Trump": the state goes with the place before it.
        let state = self.toks[c.clone()]
            .iter()
            .filter(|t| t.is_word())
            .all(|t| is_state_abbreviation(&t.lower));
        if time || state {
            return true;
        }
        (super::lexicon::is_not_name(first) || participle)
            && !DETERMINERS.contains(&first)
            && !self.toks[c].iter().any(|t| {
                SETS.role.contains(t.lower.as_str()) || SETS.title.contains(t.lower.as_str())
            })
    }

    /// The personal pronoun at `i`, as a subject.
    fn pronoun_at(&self, i: usize) -> Option<Subj> {
        let (_, female) = PRONOUNS.iter().find(|(p, _)| *p == self.toks[i].lower)?;
        Some(Subj::Pronoun {
            female: *female,
            pos: i,
        })
    }

    /// One subject: a name with its role, an outlet, an organisation or a description.
    fn parse_single(&self, r: Range<usize>) -> Option<Subj> {
        let r = self.trim_punct(r);
        if r.is_empty() {
            return None;
        }
        if r.len() == 1
            && let Some(p) = self.pronoun_at(r.start)
        {
            return Some(p);
        }
        if let Some(name) = self.outlet_at(r.clone()) {
            return Some(Subj::Outlet { name, pos: r.start });
        }
        // Split appositives at commas: "Anatoly Antonov, Russia's ambassador".
        let mut chunks = Vec::new();
        let mut s = r.start;
        for i in r.clone() {
            if self.toks[i].is(',') {
                chunks.push(s..i);
                s = i + 1;
            }
        }
        chunks.push(s..r.end);
        let mut chunks: Vec<Range<usize>> = chunks
            .into_iter()
            .map(|c| self.trim_punct(c))
            .filter(|c| !c.is_empty())
            .collect();
        // "Speaking to reporters in Ohio, Hillary Clinton": an opening phrase
        // (its first word is no name) names the circumstance, not the speaker.
        // ("the health secretary, Victoria Hale" keeps its role.)
        // "Last year, at a human-resources conference in Washington, she":
        // so are all the phrases before the subject, and one that is all
        // that is left ("for the EU", "from Mexico") is no speaker.
        // "as Tom Ridge, a former secretary, put it": "as" and a name is the subject.
        // So is "as" and a person described ("as one employee told the paper").
        let as_name = |c: &Range<usize>| {
            self.toks[c.start].lower == "as"
                && (self.toks.get(c.start + 1).is_some_and(|t| t.cap)
                    || c.len() <= 5 && self.is_head(c.end - 1))
        };
        let opener =
            |c: &Range<usize>| ADVERBIAL_OPENERS.contains(&self.toks[c.start].lower.as_str());
        let adverbial = |c: &Range<usize>| opener(c) && !as_name(c);
        // "under what Mr. Hedge called": the subject follows "what".
        for c in chunks.iter_mut() {
            if c.len() > 2 && opener(c) && self.toks[c.start + 1].lower == "what" {
                c.start += 2;
            }
        }
        if chunks.len() > 1 && self.is_opening(chunks[0].clone()) && !as_name(&chunks[0]) {
            chunks.remove(0);
        }
        while chunks.len() > 1 && adverbial(&chunks[0]) {
            chunks.remove(0);
        }
        if as_name(&chunks[0]) {
            chunks[0].start += 1;
        }
        if let [only] = chunks.as_slice() {
            // ("From Andrea Peyser writing at The New York Post:" credits her.)
            if adverbial(only) && self.toks.get(only.start + 1).is_some_and(|t| !t.cap) {
                return None;
            }
            if only.len() == 1
                && let Some(p) = self.pronoun_at(only.start)
            {
                return Some(p);
            }
        }
        for (ci, chunk) in chunks.iter().enumerate() {
            if let Some((name, role_ranges)) = self.person_in(chunk.clone()) {
                let mut roles: Vec<String> = role_ranges
                    .into_iter()
                    .map(|rr| self.quoted_whole(rr))
                    .filter(|s| !s.is_empty())
                    .collect();
                for (cj, other) in chunks.iter().enumerate() {
                    if cj != ci
                        && self.toks[other.clone()]
                            .iter()
                            .any(|t| SETS.role.contains(t.lower.as_str()) || t.is_possessive())
                    {
                        roles.push(self.tok_text(other.clone()));
                    }
                }
                let role = (!roles.is_empty()).then(|| roles.join(", "));
                return Some(Subj::Named {
                    name,
                    role,
                    pos: chunk.start,
                });
            }
        }
        if let Some((d, head)) = chunks
            .iter()
            .rev()
            .find_map(|c| self.description(c.clone()))
        {
            return Some(Subj::Description {
                text: self.tok_text(d.clone()),
                head,
                pos: d.start,
            });
        }
        // "Regardless, the State Department": the opening phrases dropped
        // above are no part of an organisation's name either.
        let r = chunks
            .first()
            .map_or(r.clone(), |c| c.start.max(r.start)..r.end);
        let toks = &self.toks[r.clone()];
        // "the ACU", "the DNC": an acronym after the article is an organisation.
        // ("the GOP front-runner" is a description: a lower-case head follows.)
        if r.len() == 2
            && toks[0].lower == "the"
            && self.is_all_caps(r.start + 1)
            && !self.toks.get(r.end).is_some_and(|t| {
                t.kind == TokKind::Word && !t.cap && !t.has(super::lexicon::flag::CUE)
            })
        {
            return Some(Subj::Org {
                name: self.tok_text(r.start + 1..r.end),
                pos: r.start,
            });
        }
        let caps: Vec<&super::tokens::Tok> = toks.iter().filter(|t| t.cap).collect();
        if !caps.is_empty()
            && caps.iter().any(|t| {
                SETS.org.contains(t.lower.as_str()) || SETS.place.contains(t.lower.as_str())
            })
        {
            // "the", or a word capitalised for opening the sentence ("Because
            // Twitter, Facebook and YouTube have"), is no part of the name.
            let start = r.start
                + toks
                    .iter()
                    .take_while(|t| {
                        t.lower == "the" || t.cap && SENTENCE_OPENERS.contains(&t.lower.as_str())
                    })
                    .count();
            if start == r.end {
                return None;
            }
            return Some(Subj::Org {
                name: self.tok_text(start..r.end),
                pos: r.start,
            });
        }
        None
    }

    /// The text of tokens `r`, with the opening quotation mark just before
    /// them when they hold its closing one: the role in "'Harry Potter'
    /// creator J.K. Rowling" reads "'Harry Potter' creator", not "Harry
    /// Potter' creator". (An apostrophe inside a word or after an "s" is
    /// no mark: "Grant's predecessor", "the Clintons' lawyer".)
    fn quoted_whole(&self, r: Range<usize>) -> String {
        let text = self.tok_text(r.clone());
        let Some(first) = self.toks.get(r.start).filter(|_| !r.is_empty()) else {
            return text;
        };
        let closes = text.char_indices().any(|(i, c)| {
            matches!(c, '\'' | '\u{2019}' | '"' | '\u{201D}')
                && text[..i]
                    .chars()
                    .next_back()
                    .is_some_and(|p| p.is_alphanumeric() && p != 's')
                && text[i + c.len_utf8()..]
                    .chars()
                    .next()
                    .is_none_or(|n| !n.is_alphanumeric())
        });
        match first.start.checked_sub(1).map(|b| self.chars[b]) {
            Some(m @ ('\'' | '\u{2018}' | '"' | '\u{201C}')) if closes => format!("{m}{text}"),
            _ => text,
        }
    }

    /// Finds a person's name in a chunk: the capitalised run that is not a
    /// title, place or organisation. Returns the name and the role's ranges.
    fn person_in(&self, r: Range<usize>) -> Option<(String, Vec<Range<usize>>)> {
        let mut runs: Vec<Range<usize>> = Vec::new();
        let mut i = r.start;
        while i < r.end {
            let t = &self.toks[i];
            // A name starts with a capitalised word that is not a word
            // capitalised for opening the sentence ("Asked", "In", "It").
            if t.cap
                && t.kind == TokKind::Word
                && !t.is_possessive()
                && !DETERMINERS.contains(&t.lower.as_str())
                && (!super::lexicon::is_not_name(&t.lower) || self.is_surname(&t.lower))
            {
                // "de Blasio said": the particle opens the surname.
                let s = if i > r.start
                    && NAME_PARTICLES.contains(&self.toks[i - 1].lower.as_str())
                    && !self.toks[i - 1].cap
                {
                    i - 1
                } else {
                    i
                };
                i = self.name_run_end(i, r.end);
                runs.push(s..i);
            } else {
                i += 1;
            }
        }
        let mut candidates: Vec<Range<usize>> = Vec::new();
        for run in runs {
            // Titles and demonyms lead into the name: "Russian President Vladimir Putin".
            let mut s = run.start;
            // ("Cuban" alone, after "Mark Cuban", is his surname.)
            while s < run.end
                && (SETS.title.contains(self.toks[s].lower.as_str())
                    || SETS.demonym.contains(self.toks[s].lower.as_str())
                        && !(s + 1 == run.end && self.is_surname(&self.toks[s].lower)))
            {
                s += 1;
            }
            // "Mr. King", "Rep. Bishop": after an honorific, a title word is the surname.
            if s == run.end
                && run.len() >= 2
                && HONORIFICS.contains(&self.toks[run.start].lower.as_str())
            {
                s = run.end - 1;
            }
            // "Environment Minister Clara Schmidt": the name follows the last title word.
            if let Some(t) = (s..run.end.saturating_sub(1))
                .rev()
                .find(|&k| SETS.title.contains(self.toks[k].lower.as_str()))
            {
                s = t + 1;
            }
            let name = s..run.end;
            if name.is_empty() || name.len() > 4 {
                continue;
            }
            let words = &self.toks[name.clone()];
            let surname = name.len() == 1 && name.start > run.start;
            let is_thing = !surname && words.iter().all(|t| {
                SETS.role.contains(t.lower.as_str())
                    || t.lower
                        .strip_suffix('s')
                        .is_some_and(|w| SETS.role.contains(w))
            })
                || name.clone().any(|k| {
                    let t = &self.toks[k];
                    SETS.org.contains(t.lower.as_str())
                        || self.names_a_month(k)
                        || SETS.weekday.contains(t.lower.as_str())
                })
                || words.iter().all(|t| {
                    SETS.place.contains(t.lower.as_str())
                        || is_state_abbreviation(&t.lower)
                })
                || (name.start > r.start && self.toks[name.start - 1].lower == "the")
                // "Lynch Closes The Door": a function word in capitals inside
                // the run is a headline's title case, not a name.
                || words.iter().skip(1).any(|t| {
                    t.cap
                        && matches!(
                            t.lower.as_str(),
                            "the" | "a" | "an" | "on" | "of" | "to" | "in" | "for" | "and" | "at"
                                | "by" | "with" | "from" | "its" | "is" | "are"
                        )
                })
                // "Transit officials", "Labour supporters": a word that names a group.
                || self.toks.get(name.end).is_some_and(|n| {
                    name.end < r.end
                        && n.kind == TokKind::Word
                        && !n.cap
                        && n.lower.ends_with('s')
                        && !n.lower.ends_with("ss")
                        && (SETS.role.contains(n.lower.as_str())
                            || SETS.role.contains(&n.lower[..n.lower.len() - 1]))
                });
            // "A senior Obama administration official", "a Clinton aide",
            // "Cleveland police", "John Kasich's presidential campaign": the
            // name modifies the description's head, which is the speaker.
            let tail = if self
                .toks
                .get(name.end)
                .is_some_and(|t| t.cap && t.is_possessive())
            {
                name.end + 1
            } else {
                name.end
            };
            let modifier = tail < r.end
                && self.toks[tail..r.end].iter().all(|t| {
                    t.kind == TokKind::Word && !t.cap && !TRAILING.contains(&t.lower.as_str())
                })
                && (matches!(
                    self.toks[r.start].lower.as_str(),
                    "a" | "an" | "one" | "another" | "two" | "three" | "several" | "some"
                ) || self.is_head(r.end - 1)
                    || AGENT_ENDINGS
                        .iter()
                        .any(|x| self.toks[r.end - 1].lower.ends_with(x)));
            // "Thirty percent": a number is no name.
            let number = words.iter().all(|t| t.has(super::lexicon::flag::NUMBER));
            if !is_thing && !modifier && !number {
                candidates.push(name);
            }
        }
        // The head of a noun phrase comes last: "Virginia delegate Beau
        // Correll", "Donald Trump's longtime confidant Roger Stone", "Trump's
        // GOP rival Sen. Marco Rubio (R-Fla.)".
        // "Stephen Vladeck of the University of Texas School of Law": a name
        // after a preposition belongs to the qualifier, not the head.
        if candidates.len() > 1 {
            let after_preposition = |c: &Range<usize>| {
                c.start > r.start
                    && QUALIFYING_PREPOSITIONS.contains(&self.toks[c.start - 1].lower.as_str())
            };
            if candidates.iter().any(|c| !after_preposition(c)) {
                candidates.retain(|c| !after_preposition(c));
            }
        }
        let ends_chunk = |c: &Range<usize>| {
            c.end == r.end
                || (self.toks[c.end].is('(') && self.toks[c.end..r.end].iter().any(|t| t.is(')')))
        };
        let chosen = candidates
            .iter()
            .find(|c| {
                c.start > r.start && SETS.role.contains(self.toks[c.start - 1].lower.as_str())
            })
            .or(candidates.last().filter(|c| ends_chunk(c)))
            .or(candidates.first())?
            .clone();
        let mut roles = Vec::new();
        if chosen.start > r.start {
            let lead = self.trim_role(r.start..chosen.start);
            if !lead.is_empty() {
                roles.push(lead);
            }
        }
        if chosen.end < r.end {
            let tail = self.trim_role(chosen.end..r.end);
            if !tail.is_empty()
                && self.toks[tail.clone()]
                    .iter()
                    .any(|t| SETS.role.contains(t.lower.as_str()) || t.is_possessive())
            {
                roles.push(tail);
            }
        }
        Some((self.tok_text(chosen), roles))
    }

    fn trim_role(&self, r: Range<usize>) -> Range<usize> {
        let mut r = self.trim_punct(r);
        while r.start < r.end && matches!(self.toks[r.start].lower.as_str(), "a" | "an") {
            r.start += 1;
        }
        r
    }

    /// The end of a run of capitalised words from `s` (before `end`), over
    /// a particle between the parts of a name ("Bill de Blasio", "Osama bin
    /// Laden"); a possessive ends it.
    fn name_run_end(&self, s: usize, end: usize) -> usize {
        let mut i = s;
        loop {
            while i < end
                && self.toks[i].cap
                && self.toks[i].kind == TokKind::Word
                && !self.toks[i].is_possessive()
            {
                i += 1;
            }
            let particle = i > s
                && i + 1 < end
                && !self.toks[i].cap
                && NAME_PARTICLES.contains(&self.toks[i].lower.as_str())
                && self.toks[i + 1].cap
                && self.toks[i + 1].kind == TokKind::Word;
            if !particle {
                return i;
            }
            i += 1;
        }
    }

    /// A month's name, and not a surname after a first name ("Theresa May").
    pub(crate) fn names_a_month(&self, i: usize) -> bool {
        SETS.month.contains(self.toks[i].lower.as_str())
            && !(i > 0
                && self.toks[i].cap
                && self.toks[i - 1].cap
                && is_first_name(&self.toks[i - 1].lower))
    }

    /// People named anywhere with a title or a known first name ("state Sen.
    /// Angela Moore"), so that a later "Moore" resolves to the full name.
    pub(crate) fn named_people(&self) -> Vec<Subj> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < self.toks.len() {
            let t = &self.toks[i];
            if !(t.cap && t.kind == TokKind::Word) || DETERMINERS.contains(&t.lower.as_str()) {
                i += 1;
                continue;
            }
            let s = i;
            i = self.name_run_end(s, self.toks.len());
            let mut n = s;
            while n < i && SETS.title.contains(self.toks[n].lower.as_str()) {
                n += 1;
            }
            let titled = n > s || (s > 0 && SETS.title.contains(self.toks[s - 1].lower.as_str()));
            let len = i - n;
            let first = self.toks.get(n).map(|t| t.lower.as_str()).unwrap_or("");
            let known_first = is_first_name(first);
            let thingy = (n..i).any(|k| {
                let t = &self.toks[k];
                SETS.org.contains(t.lower.as_str())
                    || SETS.place.contains(t.lower.as_str())
                    || self.names_a_month(k)
            });
            // "President Obama", "Mr. Trump": a title makes one word a name.
            if ((2..=4).contains(&len) && (titled || known_first) || len == 1 && n > s) && !thingy {
                let role = (n > s).then(|| self.tok_text(s..n));
                out.push(Subj::Named {
                    name: self.tok_text(n..i),
                    role,
                    pos: n,
                });
            }
            i = i.max(s + 1);
        }
        out
    }

    /// Is this token its sentence's first word (after any opening quote mark or bracket)?
    pub(crate) fn opens_its_sentence(&self, pos: usize) -> bool {
        let start = self.sentence_at(pos).map_or(pos, |s| s.toks.start);
        self.toks[start..pos].iter().all(|t| !t.is_word())
    }

    /// Does a person named here open their sentence, as its subject
    /// ("President Obama backed her up", "Former Pennsylvania governor Ed
    /// Rendell, one of …, was")? Only titles, roles, demonyms and capitalised
    /// words stand before the name. A pronoun in a later sentence most often
    /// stands for such a subject, whether or not it spoke.
    pub(crate) fn opens_sentence(&self, pos: usize) -> bool {
        let start = self.sentence_at(pos).map_or(pos, |s| s.toks.start);
        pos - start <= 5
            && self.toks[start..pos].iter().all(|t| {
                let w = t.lower.as_str();
                t.kind == TokKind::Word
                    && (t.cap
                        || matches!(w, "the" | "former")
                        || SETS.title.contains(w)
                        || SETS.role.contains(w)
                        || SETS.demonym.contains(w))
            })
    }

    /// The sentence's own subject when it opens with a name or pronoun and a
    /// verb follows: "Trump appeared to ...", "He later recanted".
    pub(crate) fn initial_subject(&self, r: Range<usize>) -> Option<Vec<Subj>> {
        let r = self.trim_punct(r);
        if r.is_empty() {
            return None;
        }
        if let Some(p) = self.pronoun_at(r.start) {
            return Some(vec![p]);
        }
        self.opening_subject(r.clone()).or_else(|| {
            // "In a statement released Thursday, Rep. Hakeem Jeffries reacted":
            // the subject after an opening phrase.
            let c = (r.start + 1..r.end.min(r.start + 10)).find(|&i| self.toks[i].is(','))?;
            self.is_opening(r.start..c)
                .then(|| self.initial_subject(c + 1..r.end))
                .flatten()
        })
    }

    fn opening_subject(&self, r: Range<usize>) -> Option<Vec<Subj>> {
        // The longest opening stretch of names, titles and "and" before a lower-case word.
        let mut e = r.start;
        loop {
            while e < r.end
                && (self.toks[e].cap || self.toks[e].lower == "and")
                && self.toks[e].is_word()
            {
                e += 1;
            }
            // "The Washington Post columnist Ruth Marcus has", "Clinton
            // campaign Chairman John Podesta offered": a role, or a word or
            // two before a title, and the name goes on after it.
            // (Never across a verb or a function word: "Florent Groberg is a former U.S. Army".)
            let lower = (e..r.end.min(e + 3))
                .take_while(|&i| {
                    let t = &self.toks[i];
                    t.kind == TokKind::Word
                        && !t.cap
                        && !SETS.stop.contains(t.lower.as_str())
                        && !CLAUSE_WORDS.contains(&t.lower.as_str())
                        && !t.has(super::lexicon::flag::CUE)
                })
                .count();
            let role_ends = (e..e + lower)
                .position(|i| self.is_head(i) || SETS.title.contains(self.toks[i].lower.as_str()));
            let next = e + lower;
            match role_ends {
                Some(k) if e > r.start && e + k + 1 < r.end && self.toks[e + k + 1].cap => {
                    e += k + 1
                }
                None if e > r.start
                    && lower > 0
                    && lower <= 2
                    && next < r.end
                    && self.toks[next].cap
                    && SETS.title.contains(self.toks[next].lower.as_str()) =>
                {
                    e = next
                }
                _ => break,
            }
        }
        if e == r.start || e >= r.end || self.toks[e].cap {
            return None;
        }
        // "Transit officials were ...": the capitalised words name a group's kind, not a person.
        let next = &self.toks[e];
        // "Clevelanders were promised", "Democrats say": one word and a plural verb is a group.
        if e == r.start + 1 && matches!(next.lower.as_str(), "are" | "were" | "have" | "say") {
            return None;
        }
        if next.lower.ends_with('s')
            && !next.lower.ends_with("ss")
            && (SETS.role.contains(next.lower.as_str())
                || SETS.role.contains(&next.lower[..next.lower.len() - 1]))
        {
            return None;
        }
        // "Opinion polls see", "Young people have", "Long before": one word
        // opening a sentence is capitalised whatever it is; it names someone
        // only when the article writes it with a capital elsewhere too.
        if e == r.start + 1
            && self.opens_its_sentence(r.start)
            && !self.capitalised_inside(&self.toks[r.start].lower)
        {
            return None;
        }
        let subj = self.parse_np(r.start..e)?;
        subj.iter()
            .all(|s| matches!(s, Subj::Named { .. } | Subj::Org { .. }))
            .then_some(subj)
    }
}
