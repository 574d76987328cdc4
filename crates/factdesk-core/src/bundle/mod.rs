//! The bundle: a full-fidelity, versioned JSON file of everything a desk has
//! (articles, entities, claims with their anchors, every verdict, evidence,
//! relations, conflicts and the change log), with a manifest that counts it
//! and carries the SHA-256 of the content's exact bytes.
//!
//! ```text
//! {"manifest": {"format": "factdesk-bundle", "version": 1, "exporter": ..,
//!               "exported_at": .., "counts": {..}, "sha256": ".."},
//!  "content": {"articles": [..], "entities": [..], "claims": [..], ..}}
//! ```
//!
//! Reading a bundle checks everything before anything is written: the format
//! and version, the checksum, the counts, unique ids, references inside the
//! bundle, string sizes, links (http and https only), dates, spans and
//! anchors. [`crate::Store::merge`] then stores it in one transaction.
//!
//! **Architecture Invariant:** a bundle that fails any check changes nothing.

use std::io::Write;
use std::path::Path;

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use crate::model::{
    Article, Capture, CaptureStatus, Claim, ClaimKind, EntityKind, LinkCheck, Origin, RelationKind,
    ReviewState, Span, Stance, Status, Verdict,
};
use crate::{Error, Result};

pub const FORMAT: &str = "factdesk-bundle";
pub const VERSION: u32 = 1;
/// The largest bundle read: far above 100,000 claims (about 150 MB).
pub const MAX_BUNDLE_BYTES: u64 = 1024 * 1024 * 1024;
/// The longest name (entity, alias, checker, scale, rating).
const MAX_NAME: usize = 1_000;
/// The longest claim text, note, rationale or title.
const MAX_TEXT: usize = 100_000;
/// The largest change-log detail, as JSON.
const MAX_DETAIL: usize = 1_000_000;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    pub format: String,
    pub version: u32,
    pub exporter: String,
    pub exported_at: String,
    pub counts: Counts,
    /// SHA-256 of the `content` member's bytes exactly as they are in the file, hex.
    pub sha256: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(deny_unknown_fields)]
pub struct Counts {
    pub articles: usize,
    pub entities: usize,
    pub claims: usize,
    pub verdicts: usize,
    pub evidence: usize,
    pub relations: usize,
    pub conflicts: usize,
    pub changes: usize,
    /// Checkers' answers to suggested matches.
    #[serde(default)]
    pub matches: usize,
    /// Verdicts their checkers took back.
    #[serde(default)]
    pub withdrawals: usize,
    /// Attempts to archive evidence links, and link-rot checks.
    #[serde(default)]
    pub captures: usize,
    #[serde(default)]
    pub link_checks: usize,
    /// Archived copies (WACZ files) carried whole, with `--with-captures`.
    #[serde(default)]
    pub archives: usize,
    /// Claims assigned to checkers, and steps of verdicts' reviews.
    #[serde(default)]
    pub assignments: usize,
    #[serde(default)]
    pub reviews: usize,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Content {
    pub articles: Vec<ArticleRow>,
    pub entities: Vec<EntityRow>,
    pub claims: Vec<ClaimRow>,
    pub verdicts: Vec<VerdictRow>,
    pub evidence: Vec<EvidenceRow>,
    pub relations: Vec<RelationRow>,
    pub conflicts: Vec<ConflictRow>,
    pub changes: Vec<ChangeRow>,
    #[serde(default)]
    pub matches: Vec<MatchRow>,
    #[serde(default)]
    pub withdrawals: Vec<WithdrawalRow>,
    #[serde(default)]
    pub captures: Vec<Capture>,
    #[serde(default)]
    pub link_checks: Vec<LinkCheck>,
    #[serde(default)]
    pub archives: Vec<ArchiveRow>,
    #[serde(default)]
    pub assignments: Vec<AssignmentRow>,
    #[serde(default)]
    pub reviews: Vec<ReviewRow>,
}

/// A claim assigned to a checker (or, with no assignee, unassigned).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AssignmentRow {
    pub id: String,
    pub claim_id: String,
    pub assignee: Option<String>,
    pub by: String,
    pub at: String,
}

/// A step of a verdict's review.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReviewRow {
    pub id: String,
    pub verdict_id: String,
    pub state: ReviewState,
    pub note: Option<String>,
    pub by: String,
    pub at: String,
}

impl Content {
    /// How many rows of each kind the content has, as its manifest must say.
    pub fn counts(&self) -> Counts {
        Counts {
            articles: self.articles.len(),
            entities: self.entities.len(),
            claims: self.claims.len(),
            verdicts: self.verdicts.len(),
            evidence: self.evidence.len(),
            relations: self.relations.len(),
            conflicts: self.conflicts.len(),
            changes: self.changes.len(),
            matches: self.matches.len(),
            withdrawals: self.withdrawals.len(),
            captures: self.captures.len(),
            link_checks: self.link_checks.len(),
            archives: self.archives.len(),
            assignments: self.assignments.len(),
            reviews: self.reviews.len(),
        }
    }
}

/// An archived copy carried in the bundle: the WACZ file's bytes (base64)
/// under the SHA-256 that names it in the vault, checked before a merge.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArchiveRow {
    pub sha256: String,
    pub wacz_base64: String,
}

impl ArchiveRow {
    /// The WACZ's bytes, checked against their hash.
    pub fn bytes(&self) -> Result<Vec<u8>> {
        use base64::Engine;
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(&self.wacz_base64)
            .map_err(|e| {
                bad(format!(
                    "the archived copy {} is not base64 ({e})",
                    self.sha256
                ))
            })?;
        if sha256_hex(&bytes) != self.sha256 {
            return Err(bad(format!(
                "the archived copy {} does not match its SHA-256",
                self.sha256
            )));
        }
        Ok(bytes)
    }

    pub fn new(bytes: &[u8]) -> ArchiveRow {
        use base64::Engine;
        ArchiveRow {
            sha256: sha256_hex(bytes),
            wacz_base64: base64::engine::general_purpose::STANDARD.encode(bytes),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArticleRow {
    pub id: String,
    pub title: String,
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub author: Option<String>,
    pub published: Option<String>,
    pub imported_at: String,
    pub body: String,
    pub content_hash: String,
}

impl From<Article> for ArticleRow {
    fn from(a: Article) -> Self {
        let Article {
            id,
            title,
            outlet,
            url,
            author,
            published,
            imported_at,
            body,
            content_hash,
        } = a;
        ArticleRow {
            id,
            title,
            outlet,
            url,
            author,
            published,
            imported_at,
            body,
            content_hash,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EntityRow {
    pub id: String,
    pub kind: EntityKind,
    pub name: String,
    pub aliases: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LinkRow {
    pub entity_id: String,
    /// The speaker's role, or how the source is credited.
    pub detail: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClaimRow {
    pub id: String,
    pub article_id: String,
    pub text: String,
    pub kind: ClaimKind,
    pub span: Span,
    /// The article's text at the span, and what comes before and after it.
    pub anchor_exact: String,
    pub anchor_prefix: String,
    pub anchor_suffix: String,
    pub speaker: Option<String>,
    pub speakers: Vec<LinkRow>,
    pub sources: Vec<LinkRow>,
    pub checkworthiness: f64,
    pub origin: Origin,
    pub status: Status,
    pub created_at: String,
    pub updated_at: String,
    pub confirmed_by: Option<String>,
    pub confirmed_at: Option<String>,
    pub review_url: Option<String>,
}

impl ClaimRow {
    /// A stored claim as a bundle writes it, with its links to entities.
    pub(crate) fn new(c: Claim, speakers: Vec<LinkRow>, sources: Vec<LinkRow>) -> Self {
        ClaimRow {
            id: c.id,
            article_id: c.article_id,
            text: c.text,
            kind: c.kind,
            span: c.span,
            anchor_exact: c.anchor.exact,
            anchor_prefix: c.anchor.prefix,
            anchor_suffix: c.anchor.suffix,
            speaker: c.speaker,
            speakers,
            sources,
            checkworthiness: c.checkworthiness,
            origin: c.origin,
            status: c.status,
            created_at: c.created_at,
            updated_at: c.updated_at,
            confirmed_by: c.confirmed_by,
            confirmed_at: c.confirmed_at,
            review_url: c.review_url,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VerdictRow {
    pub id: String,
    pub claim_id: String,
    pub scale: String,
    pub rating: String,
    pub value: Option<i64>,
    pub note: Option<String>,
    pub checker: String,
    pub at: String,
}

impl From<Verdict> for VerdictRow {
    fn from(v: Verdict) -> Self {
        let Verdict {
            id,
            claim_id,
            scale,
            rating,
            value,
            note,
            checker,
            at,
            review: _,
        } = v;
        VerdictRow {
            id,
            claim_id,
            scale,
            rating,
            value,
            note,
            checker,
            at,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EvidenceRow {
    pub id: String,
    pub claim_id: String,
    pub url: String,
    pub title: Option<String>,
    pub stance: Stance,
    pub note: Option<String>,
    pub added_by: String,
    pub added_at: String,
    /// When the link was last edited, if it was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub edited_at: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RelationRow {
    pub id: String,
    pub kind: RelationKind,
    pub a: String,
    pub b: String,
    pub note: Option<String>,
    pub created_at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConflictRow {
    pub claim_id: String,
    pub verdict_id: String,
    pub flagged_at: String,
}

/// A verdict its checker took back: it stays, and no longer counts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WithdrawalRow {
    pub verdict_id: String,
    pub checker: String,
    pub at: String,
}

/// A checker's answer to a suggested match: `same` or `rejected`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MatchRow {
    pub a: String,
    pub b: String,
    pub state: String,
    pub checker: String,
    pub at: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChangeRow {
    pub id: String,
    pub claim_id: Option<String>,
    pub article_id: Option<String>,
    pub action: String,
    pub detail: Box<RawValue>,
    pub actor: String,
    pub at: String,
}

/// A bundle that passed every check.
#[derive(Debug)]
pub struct Bundle {
    pub manifest: Manifest,
    pub content: Content,
}

/// Writes a bundle: the content is serialised once, hashed, and written after
/// the manifest that carries its hash.
pub fn write(content_bytes: &[u8], counts: Counts, out: &mut dyn Write) -> Result<()> {
    let manifest = Manifest {
        format: FORMAT.into(),
        version: VERSION,
        exporter: concat!("factdesk ", env!("CARGO_PKG_VERSION")).into(),
        exported_at: crate::model::now(),
        counts,
        sha256: sha256_hex(content_bytes),
    };
    out.write_all(b"{\"manifest\":")?;
    serde_json::to_writer_pretty(&mut *out, &manifest).map_err(|e| Error::Export(e.to_string()))?;
    out.write_all(b",\n\"content\":")?;
    out.write_all(content_bytes)?;
    out.write_all(b"}\n")?;
    Ok(())
}

mod check;
use check::check;

pub(crate) use factdesk_vault::sha256_hex;

fn bad(msg: impl Into<String>) -> Error {
    Error::BadBundle(msg.into())
}

/// Reads and checks a bundle file.
pub fn read(path: &Path) -> Result<Bundle> {
    let bytes = crate::files::read_regular_or(path, "a bundle", MAX_BUNDLE_BYTES, |_| {
        bad(format!(
            "{} is too large: bundles larger than {} MB are refused",
            path.display(),
            MAX_BUNDLE_BYTES / (1024 * 1024)
        ))
    })?;
    parse(&bytes).map_err(|e| match e {
        Error::BadBundle(m) => Error::BadBundle(format!("{}: {m}", path.display())),
        other => other,
    })
}

fn json_problem(what: &str, e: &serde_json::Error) -> Error {
    use serde_json::error::Category;
    match e.classify() {
        Category::Eof => bad(format!(
            "the {what} ends early: the file is truncated ({e})"
        )),
        Category::Syntax => bad(format!("the {what} is not valid JSON: {e}")),
        Category::Data => bad(format!("the {what} has a wrong field or type: {e}")),
        Category::Io => bad(format!("the {what} cannot be read: {e}")),
    }
}

/// Parses and checks a bundle from its bytes.
pub fn parse(bytes: &[u8]) -> Result<Bundle> {
    #[derive(Deserialize)]
    struct Raw<'a> {
        #[serde(borrow)]
        manifest: &'a RawValue,
        #[serde(borrow)]
        content: &'a RawValue,
    }
    #[derive(Deserialize)]
    struct Head {
        format: Option<serde_json::Value>,
        version: Option<serde_json::Value>,
    }
    if std::str::from_utf8(bytes).is_err() {
        return Err(bad("the file is not a bundle: it is not UTF-8 text"));
    }
    let raw: Raw<'_> = serde_json::from_slice(bytes).map_err(|e| json_problem("bundle", &e))?;
    let head: Head =
        serde_json::from_str(raw.manifest.get()).map_err(|e| json_problem("manifest", &e))?;
    if head.format.as_ref().and_then(|f| f.as_str()) != Some(FORMAT) {
        return Err(bad(format!(
            "the file is not a factdesk bundle (its manifest's format is {}, not {FORMAT:?})",
            head.format.map_or("missing".into(), |f| f.to_string())
        )));
    }
    if head.version.as_ref().and_then(|v| v.as_u64()) != Some(VERSION as u64) {
        return Err(bad(format!(
            "the bundle's format version is {}; this factdesk reads version {VERSION} (upgrade factdesk if the bundle is newer)",
            head.version.map_or("missing".into(), |v| v.to_string())
        )));
    }
    let manifest: Manifest =
        serde_json::from_str(raw.manifest.get()).map_err(|e| json_problem("manifest", &e))?;
    let actual = sha256_hex(raw.content.get().as_bytes());
    if !actual.eq_ignore_ascii_case(&manifest.sha256) {
        return Err(bad(format!(
            "the bundle's checksum does not match its content (manifest {}, content {actual}): it was changed or damaged after export",
            manifest.sha256
        )));
    }
    let content: Content =
        serde_json::from_str(raw.content.get()).map_err(|e| json_problem("content", &e))?;
    let bundle = Bundle { manifest, content };
    check(&bundle)?;
    Ok(bundle)
}
