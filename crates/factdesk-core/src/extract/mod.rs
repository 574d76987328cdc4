//! The claim extractor: article text in, claims, relations and diagnostics out.
//!
//! **Architecture Invariant:** extraction does no IO and never fails. Whatever
//! the input, [`extract`] returns an [`Extraction`]; problems it notices are
//! [`Diagnostic`]s, not errors.
//!
//! The pipeline, in order:
//! 1. [`tokens`]: paragraphs, quotation runs, tokens with char offsets, sentences.
//! 2. Quotes: each quotation run long enough to be a claim, attributed from
//!    the words around it in its paragraph ([`attribute`]).
//! 3. Reported speech and statements, sentence by sentence outside quotes
//!    (a statement's form read with the [`tagger`]'s parts of speech; a verb
//!    that reports its object told from a verb of action by the learned
//!    [`cues`] model).
//! 4. Resolution: names to entities (with aliases), pronouns and descriptions
//!    to people, short outlet names to full ones ([`resolve`]).
//! 5. Check-worthiness ([`score`]) and relations between claims ([`relations`]).

mod attribute;
pub mod cues;
mod lexicon;
mod np;
mod relations;
mod resolve;
mod score;
mod subject;
pub mod tagger;
mod tokens;
mod worth;

pub use worth::text_features as checkworthiness_features;

/// A word of a claim and how much it moved the claim's check-worthiness: its
/// share of the score's log-odds (positive raises it).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct WorthReason {
    pub word: String,
    pub weight: f64,
}

/// Why a claim of `body` (the stored text) over `span` ranks where it does:
/// the words its score reads (a quote's own words; the whole sentence of a
/// statement or a paraphrase), each with its share of the log-odds, words
/// met twice summed, the largest share first. Punctuation other than `%`, `$`
/// and `?` (which the score reads) is left out.
pub fn checkworthiness_reasons(body: &str, span: Span, kind: ClaimKind) -> Vec<WorthReason> {
    // The paragraph that holds the span, in chars: sentences never cross one.
    let chars: Vec<char> = body.chars().collect();
    let (start, end) = (span.start.min(chars.len()), span.end.min(chars.len()));
    let from = chars[..start]
        .iter()
        .rposition(|c| *c == '\n')
        .map_or(0, |i| i + 1);
    let to = chars[end..]
        .iter()
        .position(|c| *c == '\n')
        .map_or(chars.len(), |i| end + i);
    let para: String = chars[from..to].iter().collect();
    let doc = tokens::Doc::new(&para);
    let inside: Vec<usize> = (0..doc.toks.len())
        .filter(|&i| doc.toks[i].start >= start - from && doc.toks[i].end <= end - from)
        .collect();
    let (Some(&first), Some(&last)) = (inside.first(), inside.last()) else {
        return Vec::new();
    };
    let r = match kind {
        ClaimKind::Quote => first..last + 1,
        _ => doc
            .sents
            .iter()
            .find(|s| s.toks.contains(&first))
            .map_or(first..last + 1, |s| s.toks.start..s.toks.end.max(last + 1)),
    };
    let mut out: Vec<WorthReason> = Vec::new();
    for (i, w) in worth::shares(&doc, r) {
        let word = doc.tok_text(i..i + 1);
        match out.iter_mut().find(|x| x.word.eq_ignore_ascii_case(&word)) {
            Some(x) => x.weight += w,
            None => out.push(WorthReason { word, weight: w }),
        }
    }
    out.retain(|x| {
        x.word
            .chars()
            .any(|c| c.is_alphanumeric() || matches!(c, '%' | '$' | '?'))
    });
    out.sort_by(|a, b| b.weight.total_cmp(&a.weight));
    out
}

use serde::{Deserialize, Serialize};

use crate::model::{ClaimKind, EntityKind, RelationKind, Source, Span, Speaker};

/// A claim as the extractor found it. `id` is local to one extraction ("c1").
///
/// Serialised with the derived fields `speaker` (the speakers' names joined
/// with " and "), `role` and `sources` (names), the shape `factdesk extract` prints.
#[derive(Debug, Clone, PartialEq)]
pub struct ExtractedClaim {
    pub id: String,
    pub text: String,
    pub kind: ClaimKind,
    pub speakers: Vec<Speaker>,
    /// How the article describes a speaker it does not name ("a senior official").
    pub description: Option<String>,
    /// Whom the article credits, and how.
    pub source_details: Vec<Source>,
    pub span: Span,
    pub checkworthiness: f64,
}

impl ExtractedClaim {
    /// The speakers' names joined with " and "; for a speaker the article
    /// describes but does not name, the description ("a senior official");
    /// `None` for the article's own voice or when no speaker can be found.
    pub fn speaker(&self) -> Option<String> {
        crate::model::join_names(
            &self
                .speakers
                .iter()
                .map(|s| s.name.as_str())
                .collect::<Vec<_>>(),
        )
        .or_else(|| self.description.clone())
    }

    /// The first named speaker's role ("spokeswoman"); `None` when the
    /// article gives none.
    pub fn role(&self) -> Option<&str> {
        self.speakers.first().and_then(|s| s.role.as_deref())
    }

    /// The names of whom the article credits.
    pub fn sources(&self) -> Vec<&str> {
        self.source_details
            .iter()
            .map(|s| s.name.as_str())
            .collect()
    }
}

impl Serialize for ExtractedClaim {
    fn serialize<S: serde::Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = ser.serialize_struct("ExtractedClaim", 10)?;
        st.serialize_field("id", &self.id)?;
        st.serialize_field("text", &self.text)?;
        st.serialize_field("kind", &self.kind)?;
        st.serialize_field("speaker", &self.speaker())?;
        st.serialize_field("role", &self.role())?;
        st.serialize_field("speakers", &self.speakers)?;
        st.serialize_field("sources", &self.sources())?;
        st.serialize_field("source_details", &self.source_details)?;
        st.serialize_field("span", &self.span)?;
        st.serialize_field("checkworthiness", &self.checkworthiness)?;
        st.end()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExtractedRelation {
    pub kind: RelationKind,
    /// For `corrects`: `a` is corrected by `b`.
    pub a: String,
    pub b: String,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExtractedEntity {
    pub name: String,
    pub kind: EntityKind,
    pub aliases: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Diagnostic {
    pub message: String,
    pub span: Option<Span>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Extraction {
    pub claims: Vec<ExtractedClaim>,
    pub relations: Vec<ExtractedRelation>,
    pub diagnostics: Vec<Diagnostic>,
    pub entities: Vec<ExtractedEntity>,
}

impl Extraction {
    /// The same extraction with every span's ends moved by `at`: for spans
    /// into a text that lies, piece by piece, inside another.
    pub fn map_spans(mut self, at: impl Fn(usize) -> usize) -> Extraction {
        let shift = |s: &mut Span| {
            // An end is the char after the span's last one: map that char, then step back.
            *s = Span {
                start: at(s.start),
                end: if s.end > s.start {
                    at(s.end - 1) + 1
                } else {
                    at(s.end)
                },
            };
        };
        self.claims.iter_mut().for_each(|c| shift(&mut c.span));
        self.diagnostics
            .iter_mut()
            .filter_map(|d| d.span.as_mut())
            .for_each(shift);
        self
    }
}

/// Texts longer than this are read in windows of whole paragraphs, so memory
/// stays bounded; names and pronouns resolve within a window.
const WINDOW_BYTES: usize = 256 * 1024;

/// Extracts the checkable claims of an article. Never fails, never panics.
pub fn extract(text: &str) -> Extraction {
    if text.len() <= WINDOW_BYTES {
        return extract_window(text);
    }
    let mut out = Extraction::default();
    let mut entity_index: std::collections::HashMap<(EntityKind, String), usize> =
        std::collections::HashMap::new();
    let (mut byte, mut chars) = (0, 0);
    while byte < text.len() {
        let mut end = (byte + WINDOW_BYTES).min(text.len());
        if end < text.len() {
            // '\n' is ASCII, so the byte after it is a char boundary.
            end = text.as_bytes()[end..]
                .iter()
                .position(|&b| b == b'\n')
                .map_or(text.len(), |i| end + i + 1);
        }
        let window = &text[byte..end];
        let x = extract_window(window).map_spans(|p| p + chars);
        let base = out.claims.len();
        let renumber = |id: &str| format!("c{}", base + id[1..].parse::<usize>().unwrap_or(0));
        out.relations
            .extend(x.relations.into_iter().map(|r| ExtractedRelation {
                a: renumber(&r.a),
                b: renumber(&r.b),
                ..r
            }));
        out.claims
            .extend(x.claims.into_iter().map(|c| ExtractedClaim {
                id: renumber(&c.id),
                ..c
            }));
        out.diagnostics.extend(x.diagnostics);
        for e in x.entities {
            match entity_index.get(&(e.kind, e.name.clone())) {
                Some(&i) => {
                    let known = &mut out.entities[i].aliases;
                    for a in e.aliases {
                        if !known.contains(&a) {
                            known.push(a);
                        }
                    }
                }
                None => {
                    entity_index.insert((e.kind, e.name.clone()), out.entities.len());
                    out.entities.push(e);
                }
            }
        }
        chars += window.chars().count();
        byte = end;
    }
    out
}

fn extract_window(text: &str) -> Extraction {
    let doc = tokens::Doc::new(text);
    let mut found = attribute::Found::default();
    doc.find_quote_claims(&mut found);
    doc.find_sentence_claims(&mut found);
    found.raw.sort_by_key(|c| (c.span.start, c.span.end));
    let people = doc.named_people();
    found.mentions.extend(
        people
            .iter()
            .filter(|p| doc.opens_sentence(p.pos()))
            .cloned(),
    );
    found.mentions.sort_by_key(|m| m.pos());
    found.mentions.dedup();
    let mut resolver = resolve::Resolver::new(&doc);
    // Surnames alone ("President Obama") join a full name when one speaks.
    resolver.register(
        people
            .iter()
            .filter(|p| matches!(p, np::Subj::Named { name, .. } if name.contains(' '))),
    );
    resolver.register(&found.mentions);
    let mut claims = Vec::with_capacity(found.raw.len());
    for (i, raw) in found.raw.iter().enumerate() {
        let speakers = resolver.speakers(&raw.subjects, &found.mentions);
        let description = if speakers.is_empty() {
            raw.subjects.iter().find_map(|s| match s {
                np::Subj::Description { text, .. } => Some(text.clone()),
                _ => None,
            })
        } else {
            None
        };
        let source_details = resolver.sources(&raw.sources);
        let text: String = doc.text(raw.span.start..raw.span.end);
        let checkworthiness = score::checkworthiness(&doc, raw);
        claims.push(ExtractedClaim {
            id: format!("c{}", i + 1),
            text,
            kind: raw.kind,
            speakers,
            description,
            source_details,
            span: raw.span,
            checkworthiness,
        });
    }
    let relations = relations::find(&doc, &found.raw, &claims);
    Extraction {
        claims,
        relations,
        diagnostics: found.diagnostics,
        entities: resolver.into_entities(),
    }
}
