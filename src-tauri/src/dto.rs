//! What crosses the IPC boundary besides the core's own model types.
//! TypeScript bindings are generated from these (ts-rs) into ui/src/lib/api/bindings.

use factdesk_core::model::{
    Article, Change, Claim, ClaimKind, Relation, RelationKind, Stance, Status, Verdict,
};
use factdesk_core::store::{ClaimFilter, MergeOutcome, SortBy};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Serialize, TS)]
#[ts(export)]
pub struct AppInfo {
    pub version: String,
    pub db_path: String,
    pub checker: Option<String>,
    pub scale: String,
}

#[derive(Debug, Serialize, TS)]
#[ts(export)]
pub struct RatingDto {
    pub label: String,
    #[ts(type = "number | null")]
    pub value: Option<i64>,
}

#[derive(Debug, Serialize, TS)]
#[ts(export)]
pub struct ScaleDto {
    pub id: String,
    pub name: String,
    pub ratings: Vec<RatingDto>,
}

/// An article with everything the reading view shows.
#[derive(Debug, Serialize, TS)]
#[ts(export)]
pub struct ArticleView {
    pub article: Article,
    pub claims: Vec<Claim>,
    pub relations: Vec<Relation>,
}

/// A claim related to another, for the "related claims" list.
#[derive(Debug, Serialize, TS)]
#[ts(export)]
pub struct RelatedClaim {
    pub relation: Relation,
    /// How this claim stands to the other: "corrects", "corrected by", "contradicts".
    pub role: String,
    pub other_id: String,
    pub other_text: String,
    pub other_article_id: String,
}

/// A claim a checker confirmed as the same as another, with its article.
#[derive(Debug, Serialize, TS)]
#[ts(export)]
pub struct SameClaim {
    pub claim: Claim,
    pub article_title: String,
}

#[derive(Debug, Serialize, TS)]
#[ts(export)]
pub struct ClaimDetail {
    pub claim: Claim,
    pub article_title: String,
    /// Claims confirmed as saying the same thing, with their verdicts.
    pub same: Vec<SameClaim>,
    pub verdicts: Vec<Verdict>,
    pub history: Vec<Change>,
    pub related: Vec<RelatedClaim>,
}

/// A row of the queue: a claim and its article's title.
#[derive(Debug, Serialize, TS)]
#[ts(export)]
pub struct QueueRow {
    pub claim: Claim,
    pub article_title: String,
}

#[derive(Debug, Clone, Copy, Default, Deserialize, TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum SortKey {
    #[default]
    Reading,
    Worth,
    Newest,
}

#[derive(Debug, Default, Deserialize, TS)]
#[ts(export)]
pub struct ClaimQuery {
    #[ts(optional)]
    pub article: Option<String>,
    #[ts(optional)]
    pub status: Option<Status>,
    #[ts(optional)]
    pub rating: Option<String>,
    #[ts(optional)]
    pub speaker: Option<String>,
    #[ts(optional)]
    pub source: Option<String>,
    #[ts(optional)]
    pub search: Option<String>,
    /// Only claims whose desks' verdicts disagree.
    #[ts(optional)]
    pub needs_reconciliation: Option<bool>,
    /// The checker of the current verdict.
    #[ts(optional)]
    pub checker: Option<String>,
    /// Claims changed at or after this date (YYYY-MM-DD).
    #[ts(optional)]
    pub since: Option<String>,
    #[ts(optional)]
    pub sort: Option<SortKey>,
    #[ts(optional)]
    pub limit: Option<u32>,
    #[ts(optional)]
    pub offset: Option<u32>,
}

impl ClaimQuery {
    pub(crate) fn to_filter(&self) -> ClaimFilter {
        let text = |s: &Option<String>| {
            s.as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
        };
        ClaimFilter {
            article: text(&self.article),
            status: self.status,
            rating: text(&self.rating),
            speaker: text(&self.speaker),
            source: text(&self.source),
            search: text(&self.search),
            needs_reconciliation: self.needs_reconciliation.unwrap_or(false),
            checker: text(&self.checker),
            since: text(&self.since),
            sort: match self.sort.unwrap_or_default() {
                SortKey::Reading => SortBy::Reading,
                SortKey::Worth => SortBy::Worth,
                SortKey::Newest => SortBy::Newest,
            },
            limit: self.limit.map(|l| l as usize),
            offset: self.offset.unwrap_or(0) as usize,
        }
    }
}

#[derive(Debug, Deserialize, TS)]
#[ts(export)]
pub struct NewClaimInput {
    pub article_id: String,
    pub start: u32,
    pub end: u32,
    pub kind: ClaimKind,
    #[ts(optional)]
    pub speaker: Option<String>,
}

#[derive(Debug, Deserialize, TS)]
#[ts(export)]
pub struct EvidenceInput {
    pub claim_id: String,
    pub url: String,
    #[ts(optional)]
    pub title: Option<String>,
    pub stance: Stance,
    #[ts(optional)]
    pub note: Option<String>,
}

impl From<EvidenceInput> for factdesk_core::store::NewEvidence {
    fn from(i: EvidenceInput) -> Self {
        factdesk_core::store::NewEvidence {
            claim_id: i.claim_id,
            url: i.url,
            title: i.title,
            stance: i.stance,
            note: i.note,
        }
    }
}

#[derive(Debug, Deserialize, TS)]
#[ts(export)]
pub struct ArticleMetaInput {
    pub title: String,
    #[ts(optional)]
    pub outlet: Option<String>,
    #[ts(optional)]
    pub url: Option<String>,
    #[ts(optional)]
    pub author: Option<String>,
    #[ts(optional)]
    pub published: Option<String>,
}

/// What merging one bundle file did.
#[derive(Debug, Serialize, TS)]
#[ts(export)]
pub struct MergeResult {
    /// The bundle's file name.
    pub file: String,
    pub outcome: MergeOutcome,
}

#[derive(Debug, Serialize, TS)]
#[ts(export)]
pub struct ExportResult {
    pub path: String,
    pub count: u32,
}

pub(crate) fn relation_role(kind: RelationKind, this_is_a: bool) -> &'static str {
    match (kind, this_is_a) {
        (RelationKind::Corrects, true) => "corrected by",
        (RelationKind::Corrects, false) => "corrects",
        (RelationKind::Contradicts, _) => "contradicts",
    }
}
