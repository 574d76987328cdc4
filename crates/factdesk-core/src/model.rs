//! The data model: plain data, serde-serialisable, no behaviour beyond parsing names.

use serde::{Deserialize, Serialize};

use crate::{Error, Result};

/// A new time-ordered id (UUID v7), so desks can merge without clashes.
pub fn new_id() -> String {
    // Random bits after the timestamp (no counter), so ids made in the same
    // millisecond differ well before their last characters.
    uuid::Uuid::new_v7(uuid::Timestamp::now(uuid::NoContext)).to_string()
}

/// The current time, UTC, as RFC 3339 with millisecond precision.
///
/// Within one process every call returns a later time than the one before
/// (one millisecond later when the clock has not moved on or went back), so
/// the history and the "later edit wins" rule of merges see edits in the
/// order they were made.
pub fn now() -> String {
    use std::sync::atomic::{AtomicI64, Ordering};
    static LAST: AtomicI64 = AtomicI64::new(i64::MIN);
    let wall = chrono::Utc::now().timestamp_millis();
    let prev = LAST
        .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |last| {
            Some(wall.max(last.saturating_add(1)))
        })
        .unwrap_or(wall);
    let ms = wall.max(prev.saturating_add(1));
    chrono::DateTime::from_timestamp_millis(ms)
        .unwrap_or_else(chrono::Utc::now)
        .to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

macro_rules! string_enum {
    ($(#[$m:meta])* $name:ident { $($variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
        #[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for $name {
            type Err = Error;
            fn from_str(s: &str) -> Result<Self> {
                let norm = s.trim().to_ascii_lowercase().replace([' ', '-'], "_");
                match norm.as_str() {
                    $($text => Ok($name::$variant),)+
                    _ => Err(Error::invalid(format!(
                        concat!("{} is not a ", stringify!($name), "; use one of: {}"),
                        crate::quoted(s),
                        [$($text),+].join(", ")
                    ))),
                }
            }
        }
    };
}

string_enum!(
    /// What sort of claim: the speaker's own words, their words reported, or the article's own voice.
    ClaimKind { Quote = "quote", Paraphrase = "paraphrase", Statement = "statement" }
);
string_enum!(
    /// Where a claim came from.
    Origin { Extracted = "extracted", Manual = "manual" }
);
string_enum!(
    /// Where a claim stands in the checking workflow.
    Status { New = "new", InProgress = "in_progress", NeedsReview = "needs_review", Done = "done" }
);
string_enum!(
    /// How an evidence link bears on a claim.
    Stance { Supports = "supports", Refutes = "refutes", Context = "context" }
);
string_enum!(
    /// How two claims bear on each other.
    RelationKind { Contradicts = "contradicts", Corrects = "corrects" }
);
string_enum!(
    /// How an attempt to archive an evidence link ended.
    CaptureStatus { Archived = "archived", Failed = "failed" }
);
string_enum!(
    /// What a link-rot check found: the page as archived, changed, gone
    /// (404, 410, no such host), moved to another site, or no answer.
    LinkVerdict { Same = "same", Changed = "changed", Gone = "gone", Moved = "moved", Failed = "failed" }
);
string_enum!(
    /// Where a verdict is on its way to publication. A verdict with no
    /// review yet is a draft.
    ReviewState { Submitted = "submitted", Approved = "approved", Returned = "returned" }
);
string_enum!(
    /// What an entity is.
    EntityKind { Person = "person", Outlet = "outlet", Organisation = "organisation", Document = "document" }
);

/// A range of the stored text in Unicode scalar values, end exclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

/// A W3C-style text-quote selector: enough to re-find a claim if the text shifts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Anchor {
    pub exact: String,
    pub prefix: String,
    pub suffix: String,
}

/// How many characters of context an anchor keeps on each side.
pub const ANCHOR_CONTEXT: usize = 32;

impl Anchor {
    /// Builds the anchor of `span` in `chars` (the stored text as chars).
    pub fn of(chars: &[char], span: Span) -> Anchor {
        let start = span.start.min(chars.len());
        let end = span.end.clamp(start, chars.len());
        Anchor {
            exact: chars[start..end].iter().collect(),
            prefix: chars[start.saturating_sub(ANCHOR_CONTEXT)..start]
                .iter()
                .collect(),
            suffix: chars[end..(end + ANCHOR_CONTEXT).min(chars.len())]
                .iter()
                .collect(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Article {
    pub id: String,
    pub title: String,
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub author: Option<String>,
    /// `YYYY-MM-DD`.
    pub published: Option<String>,
    pub imported_at: String,
    /// The body as stored; every span points into it.
    pub body: String,
    /// SHA-256 of the body, hex.
    pub content_hash: String,
}

/// A named person, outlet, organisation or document with its aliases.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Entity {
    pub id: String,
    pub kind: EntityKind,
    pub name: String,
    pub aliases: Vec<String>,
}

/// Who made a claim, with the role the article gives them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Speaker {
    pub name: String,
    pub role: Option<String>,
}

/// Whom the article credits for a claim ("according to Reuters").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Source {
    pub name: String,
    /// How the article credits it, e.g. "tweeted on July 19".
    pub detail: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Verdict {
    pub id: String,
    pub claim_id: String,
    /// The id of the rating scale the verdict was given on.
    pub scale: String,
    pub rating: String,
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub value: Option<i64>,
    pub note: Option<String>,
    pub checker: String,
    pub at: String,
    /// Its latest review: submitted, approved or returned; null while a draft.
    #[serde(default)]
    pub review: Option<Review>,
}

/// A step of a verdict's review: who moved it, to what, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Review {
    pub state: ReviewState,
    /// The editor's note when returning a verdict (or any note given).
    pub note: Option<String>,
    pub by: String,
    pub at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Evidence {
    pub id: String,
    pub claim_id: String,
    pub url: String,
    pub title: Option<String>,
    pub stance: Stance,
    pub note: Option<String>,
    pub added_by: String,
    pub added_at: String,
}

/// One attempt to archive an evidence link: the page as fetched, kept as a
/// WACZ in the vault under `wacz_sha256`, or why it could not be.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Capture {
    pub id: String,
    pub evidence_id: String,
    pub captured_at: String,
    pub status: CaptureStatus,
    pub requested_url: String,
    /// Where the redirects led.
    pub final_url: Option<String>,
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub http_status: Option<i64>,
    pub content_type: Option<String>,
    pub title: Option<String>,
    pub body_sha256: Option<String>,
    pub wacz_sha256: Option<String>,
    /// The WACZ's size in bytes.
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub bytes: Option<i64>,
    /// Why it failed: the kind (`dns`, `timeout`, `tls`, `http`,
    /// `too_large`, `not_web`, ...) and the reason in words.
    pub failure: Option<String>,
    pub reason: Option<String>,
    pub checker: String,
}

/// A link-rot check of one evidence link against its latest archived copy.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct LinkCheck {
    pub id: String,
    pub evidence_id: String,
    pub checked_at: String,
    pub verdict: LinkVerdict,
    /// What was found, in words.
    pub reason: String,
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub http_status: Option<i64>,
    pub final_url: Option<String>,
    /// The page's SHA-256 now, and the archived copy's it was compared with.
    pub body_sha256: Option<String>,
    pub archived_sha256: Option<String>,
    pub checker: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Relation {
    pub id: String,
    pub kind: RelationKind,
    /// For `corrects`, `a` is the claim that is corrected and `b` the correction.
    pub a: String,
    pub b: String,
    pub note: Option<String>,
}

/// A claim with everything a checker sees about it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Claim {
    pub id: String,
    pub article_id: String,
    pub text: String,
    pub kind: ClaimKind,
    /// The speakers' names joined with " and ", or how the article describes
    /// a speaker it does not name ("a senior official"), or null: the one-line form.
    pub speaker: Option<String>,
    pub speakers: Vec<Speaker>,
    pub sources: Vec<String>,
    pub span: Span,
    pub anchor: Anchor,
    pub checkworthiness: f64,
    pub origin: Origin,
    pub status: Status,
    pub created_at: String,
    pub updated_at: String,
    /// Who confirmed the claim as extracted, and when.
    pub confirmed_by: Option<String>,
    pub confirmed_at: Option<String>,
    /// Where the team published its check of this claim.
    pub review_url: Option<String>,
    /// The checker the claim is assigned to, if anyone.
    #[serde(default)]
    pub assignee: Option<String>,
    pub verdict: Option<Verdict>,
    /// Verdicts from different desks that disagree, oldest first: while there
    /// are any, the claim needs reconciliation, and a new verdict settles it.
    pub conflict: Vec<Verdict>,
    pub evidence: Vec<Evidence>,
}

/// What an entry of the audit trail records (`Change::action`, stored by its
/// name, such as `verdict.given`). Entries merged from older bundles may name
/// actions this version does not know, so `Change::action` stays a string.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub enum Action {
    /// An article was imported.
    #[serde(rename = "article.imported")]
    ArticleImported,
    /// An article's title, outlet, address, author or date changed.
    #[serde(rename = "article.edited")]
    ArticleEdited,
    /// A checker marked a claim in the text.
    #[serde(rename = "claim.added")]
    ClaimAdded,
    /// A checker confirmed an extracted claim as it is.
    #[serde(rename = "claim.confirmed")]
    ClaimConfirmed,
    /// A claim was deleted (its history stays).
    #[serde(rename = "claim.deleted")]
    ClaimDeleted,
    /// A claim's kind, speakers, sources or text changed.
    #[serde(rename = "claim.edited")]
    ClaimEdited,
    /// Two claims became one.
    #[serde(rename = "claim.merged")]
    ClaimMerged,
    /// The address of the team's published check was set or cleared.
    #[serde(rename = "claim.review_url")]
    ClaimReviewUrl,
    /// A claim's status changed.
    #[serde(rename = "claim.status")]
    ClaimStatus,
    /// An evidence link was added.
    #[serde(rename = "evidence.added")]
    EvidenceAdded,
    /// An evidence link's address, title, stance or note changed.
    #[serde(rename = "evidence.edited")]
    EvidenceEdited,
    /// An evidence link was removed.
    #[serde(rename = "evidence.removed")]
    EvidenceRemoved,
    /// A suggested match was confirmed (the same claim, or a contradiction).
    #[serde(rename = "match.confirmed")]
    MatchConfirmed,
    /// A suggested match was rejected.
    #[serde(rename = "match.rejected")]
    MatchRejected,
    /// A verdict was given.
    #[serde(rename = "verdict.given")]
    VerdictGiven,
    /// A checker took their verdict back (the app's "Undo").
    #[serde(rename = "verdict.withdrawn")]
    VerdictWithdrawn,
    /// An evidence link was archived (or the attempt failed).
    #[serde(rename = "evidence.captured")]
    EvidenceCaptured,
    /// A claim was assigned to a checker (or the assignment taken back).
    #[serde(rename = "claim.assigned")]
    ClaimAssigned,
    /// A verdict was submitted, approved or returned.
    #[serde(rename = "verdict.reviewed")]
    VerdictReviewed,
}

impl Action {
    /// The name the audit trail stores.
    pub fn as_str(self) -> &'static str {
        match self {
            Action::ArticleImported => "article.imported",
            Action::ArticleEdited => "article.edited",
            Action::ClaimAdded => "claim.added",
            Action::ClaimConfirmed => "claim.confirmed",
            Action::ClaimDeleted => "claim.deleted",
            Action::ClaimEdited => "claim.edited",
            Action::ClaimMerged => "claim.merged",
            Action::ClaimReviewUrl => "claim.review_url",
            Action::ClaimStatus => "claim.status",
            Action::EvidenceAdded => "evidence.added",
            Action::EvidenceEdited => "evidence.edited",
            Action::EvidenceRemoved => "evidence.removed",
            Action::MatchConfirmed => "match.confirmed",
            Action::MatchRejected => "match.rejected",
            Action::VerdictGiven => "verdict.given",
            Action::VerdictWithdrawn => "verdict.withdrawn",
            Action::EvidenceCaptured => "evidence.captured",
            Action::ClaimAssigned => "claim.assigned",
            Action::VerdictReviewed => "verdict.reviewed",
        }
    }
}

/// One entry of the audit trail.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Change {
    pub id: String,
    pub claim_id: Option<String>,
    pub article_id: Option<String>,
    pub action: String,
    #[cfg_attr(feature = "ts", ts(type = "unknown"))]
    pub detail: serde_json::Value,
    pub actor: String,
    pub at: String,
}

/// Joins speaker names for display: "A", "A and B", "A, B and C".
pub fn join_names<S: AsRef<str>>(names: &[S]) -> Option<String> {
    match names {
        [] => None,
        [one] => Some(one.as_ref().to_string()),
        [init @ .., last] => Some(format!(
            "{} and {}",
            init.iter()
                .map(|s| s.as_ref())
                .collect::<Vec<_>>()
                .join(", "),
            last.as_ref()
        )),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn now_never_repeats_or_goes_back() {
        let times: Vec<String> = (0..2000).map(|_| super::now()).collect();
        assert!(times.windows(2).all(|w| w[0] < w[1]), "{times:?}");
    }
}
