//! What crosses the IPC boundary besides the core's own model types.
//! TypeScript bindings are generated from these (ts-rs) into ui/src/lib/api/bindings.

use factdesk_core::model::{ClaimKind, Stance, Status};
use factdesk_core::scale::Scale;
use factdesk_core::store::{ClaimFilter, MergeOutcome, NewClaim, SortBy};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Serialize, TS)]
#[ts(export)]
pub struct AppInfo {
    pub version: String,
    pub db_path: String,
    pub checker: Option<String>,
    pub scale: String,
    /// The desk's rules for verdicts.
    pub policy: factdesk_core::store::Policy,
}

#[derive(Debug, Serialize, TS)]
#[ts(export)]
pub struct RatingDto {
    pub label: String,
    #[ts(type = "number | null")]
    pub value: Option<i64>,
    /// Settles nothing either way ("Unproven").
    pub undetermined: bool,
}

#[derive(Debug, Serialize, TS)]
#[ts(export)]
pub struct ScaleDto {
    pub id: String,
    pub name: String,
    pub ratings: Vec<RatingDto>,
}

impl From<&Scale> for ScaleDto {
    fn from(s: &Scale) -> Self {
        ScaleDto {
            id: s.id.into(),
            name: s.name.into(),
            ratings: s
                .ratings
                .iter()
                .map(|r| RatingDto {
                    label: r.label.into(),
                    value: r.value,
                    undetermined: r.undetermined,
                })
                .collect(),
        }
    }
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
    /// Only claims with an evidence link found gone or changed.
    #[ts(optional)]
    pub link_trouble: Option<bool>,
    /// The checker of the current verdict.
    #[ts(optional)]
    pub checker: Option<String>,
    /// Only claims assigned to this checker (the queue's "Mine").
    #[ts(optional)]
    pub assignee: Option<String>,
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
            link_trouble: self.link_trouble.unwrap_or(false),
            checker: text(&self.checker),
            assignee: text(&self.assignee),
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

impl From<NewClaimInput> for NewClaim {
    fn from(i: NewClaimInput) -> Self {
        NewClaim {
            article_id: i.article_id,
            start: i.start as usize,
            end: i.end as usize,
            kind: i.kind,
            speaker: i.speaker,
            role: None,
        }
    }
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

/// What a sync moved, for the app's notice.
#[derive(Debug, Serialize, TS)]
#[ts(export)]
pub struct SyncOutcome {
    pub user: String,
    pub role: String,
    pub pulled_claims: u32,
    pub pulled_verdicts: u32,
    pub pulled_reviews: u32,
    /// Claims whose desks' verdicts now disagree.
    pub conflicts: u32,
    pub pushed: u32,
}

impl From<&factdesk_sync::SyncReport> for SyncOutcome {
    fn from(r: &factdesk_sync::SyncReport) -> Self {
        let n = |x: usize| x as u32;
        SyncOutcome {
            user: r.user.clone(),
            role: r.role.clone(),
            pulled_claims: n(r.pulled.added.claims),
            pulled_verdicts: n(r.pulled.added.verdicts),
            pulled_reviews: n(r.pulled.added.reviews),
            conflicts: n(r.pulled.conflicts.len()),
            pushed: n(r.pushed_added + r.pushed_updated),
        }
    }
}
