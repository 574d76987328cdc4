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
//! 3. Reported speech and statements, sentence by sentence outside quotes.
//! 4. Resolution: names to entities (with aliases), pronouns and descriptions
//!    to people, short outlet names to full ones ([`resolve`]).
//! 5. Check-worthiness ([`score`]) and relations between claims ([`relations`]).

mod attribute;
mod lexicon;
mod np;
mod relations;
mod resolve;
mod score;
mod tokens;

use serde::{Deserialize, Serialize};

use crate::model::{ClaimKind, EntityKind, RelationKind, Source, Span, Speaker};

/// A claim as the extractor found it. `id` is local to one extraction ("c1").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExtractedClaim {
    pub id: String,
    pub text: String,
    pub kind: ClaimKind,
    /// The speakers' names, joined with " and "; null when the article's own voice.
    pub speaker: Option<String>,
    /// The first speaker's role, or the description of an unnamed speaker.
    pub role: Option<String>,
    pub speakers: Vec<Speaker>,
    /// Names of whom the article credits.
    pub sources: Vec<String>,
    /// The same sources, with how the article credits them.
    pub source_details: Vec<Source>,
    pub span: Span,
    pub checkworthiness: f64,
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

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Extraction {
    pub claims: Vec<ExtractedClaim>,
    pub relations: Vec<ExtractedRelation>,
    pub diagnostics: Vec<Diagnostic>,
    pub entities: Vec<ExtractedEntity>,
}

/// Extracts the checkable claims of an article. Never fails, never panics.
pub fn extract(text: &str) -> Extraction {
    let doc = tokens::Doc::new(text);
    let mut found = attribute::Found::default();
    doc.find_quote_claims(&mut found);
    doc.find_sentence_claims(&mut found);
    found.raw.sort_by_key(|c| (c.span.start, c.span.end));
    found.mentions.sort_by_key(|m| m.pos());
    let mut resolver = resolve::Resolver::new(&doc);
    resolver.register(&doc.named_people());
    resolver.register(&found.mentions);
    let mut claims = Vec::with_capacity(found.raw.len());
    for (i, raw) in found.raw.iter().enumerate() {
        let speakers = resolver.speakers(&raw.subjects, &found.mentions);
        let role = speakers.first().and_then(|s| s.role.clone()).or_else(|| {
            raw.subjects.iter().find_map(|s| match s {
                np::Subj::Description { text, .. } if speakers.is_empty() => Some(text.clone()),
                _ => None,
            })
        });
        let source_details = resolver.sources(&raw.sources);
        let text: String = doc.text(raw.span.start..raw.span.end);
        let checkworthiness =
            score::checkworthiness(&doc, raw, !speakers.is_empty(), !source_details.is_empty());
        claims.push(ExtractedClaim {
            id: format!("c{}", i + 1),
            text,
            kind: raw.kind,
            speaker: crate::model::join_names(
                &speakers.iter().map(|s| s.name.as_str()).collect::<Vec<_>>(),
            ),
            role,
            speakers,
            sources: source_details.iter().map(|s| s.name.clone()).collect(),
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
