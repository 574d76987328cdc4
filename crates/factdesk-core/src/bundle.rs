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

use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::path::Path;

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use crate::model::{
    Article, Claim, ClaimKind, EntityKind, Origin, RelationKind, Span, Stance, Status, Verdict,
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

pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

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

fn check_str(what: &str, id: &str, s: &str, max: usize) -> Result<()> {
    if s.len() > max {
        return Err(bad(format!(
            "{what} of {id} is {} bytes long; the limit is {max}",
            s.len()
        )));
    }
    if s.contains('\0') {
        return Err(bad(format!("{what} of {id} contains a NUL character")));
    }
    Ok(())
}

fn check_opt(what: &str, id: &str, s: &Option<String>, max: usize) -> Result<()> {
    s.as_deref().map_or(Ok(()), |s| check_str(what, id, s, max))
}

fn check_time(what: &str, id: &str, t: &str) -> Result<()> {
    chrono::DateTime::parse_from_rfc3339(t)
        .map(|_| ())
        .map_err(|_| {
            bad(format!(
                "{what} of {id} is not an RFC 3339 time: {}",
                crate::quoted(t)
            ))
        })
}

fn check_link(what: &str, id: &str, url: &str) -> Result<()> {
    match crate::store::check_url(url) {
        Ok(u) if u == url => Ok(()),
        Ok(_) => Err(bad(format!(
            "{what} of {id} is not in the form factdesk stores: {}",
            crate::quoted(url)
        ))),
        Err(e) => Err(bad(format!("{what} of {id}: {e}"))),
    }
}

fn check_id(table: &str, id: &str) -> Result<()> {
    if id.len() != 36 || !id.chars().all(|c| c.is_ascii_hexdigit() || c == '-') {
        return Err(bad(format!(
            "{table} id {} is not a factdesk id",
            crate::quoted(id)
        )));
    }
    Ok(())
}

fn unique<'a>(table: &str, ids: impl Iterator<Item = &'a str>) -> Result<HashSet<&'a str>> {
    let mut seen = HashSet::new();
    for id in ids {
        check_id(table, id)?;
        if !seen.insert(id) {
            return Err(bad(format!("the bundle has {table} id {id} twice")));
        }
    }
    Ok(seen)
}

fn known(set: &HashSet<&str>, what: &str, id: &str, whose: &str) -> Result<()> {
    if set.contains(id) {
        Ok(())
    } else {
        Err(bad(format!(
            "{whose} refers to {what} {id}, which is not in the bundle"
        )))
    }
}

/// Every check a bundle must pass before a merge writes anything.
fn check(b: &Bundle) -> Result<()> {
    let c = &b.content;
    let counts = Counts {
        articles: c.articles.len(),
        entities: c.entities.len(),
        claims: c.claims.len(),
        verdicts: c.verdicts.len(),
        evidence: c.evidence.len(),
        relations: c.relations.len(),
        conflicts: c.conflicts.len(),
        changes: c.changes.len(),
        matches: c.matches.len(),
        withdrawals: c.withdrawals.len(),
    };
    if counts != b.manifest.counts {
        return Err(bad(format!(
            "the bundle's content does not match its manifest's counts (manifest {:?}, content {:?})",
            b.manifest.counts, counts
        )));
    }
    let articles = unique("article", c.articles.iter().map(|a| a.id.as_str()))?;
    let entities = unique("entity", c.entities.iter().map(|e| e.id.as_str()))?;
    let claims = unique("claim", c.claims.iter().map(|x| x.id.as_str()))?;
    let verdicts = unique("verdict", c.verdicts.iter().map(|v| v.id.as_str()))?;
    unique("evidence", c.evidence.iter().map(|e| e.id.as_str()))?;
    unique("relation", c.relations.iter().map(|r| r.id.as_str()))?;
    unique("change", c.changes.iter().map(|x| x.id.as_str()))?;

    let mut hashes = HashSet::new();
    let mut chars: HashMap<&str, Vec<char>> = HashMap::new();
    for a in &c.articles {
        let id = format!("article {}", a.id);
        check_str("the title", &id, &a.title, MAX_TEXT)?;
        check_str(
            "the text",
            &id,
            &a.body,
            crate::text::MAX_FILE_BYTES.max(MAX_TEXT),
        )?;
        for (what, v) in [("the outlet", &a.outlet), ("the author", &a.author)] {
            check_opt(what, &id, v, MAX_NAME)?;
        }
        if let Some(u) = &a.url {
            check_link("the address", &id, u)?;
        }
        if let Some(d) = &a.published
            && crate::store::check_date(d).ok().as_deref() != Some(d.as_str())
        {
            return Err(bad(format!(
                "the publication date of {id} is not YYYY-MM-DD: {}",
                crate::quoted(d)
            )));
        }
        check_time("the import time", &id, &a.imported_at)?;
        if crate::text::content_hash(&a.body) != a.content_hash {
            return Err(bad(format!(
                "the content hash of {id} does not match its text"
            )));
        }
        if !hashes.insert(a.content_hash.as_str()) {
            return Err(bad(format!(
                "the bundle has the text of {id} twice, under two ids"
            )));
        }
        chars.insert(&a.id, a.body.chars().collect());
    }
    let mut names = HashSet::new();
    for e in &c.entities {
        let id = format!("entity {}", e.id);
        check_str("the name", &id, &e.name, MAX_NAME)?;
        if e.name.trim().is_empty() {
            return Err(bad(format!("{id} has an empty name")));
        }
        for a in &e.aliases {
            check_str("an alias", &id, a, MAX_NAME)?;
        }
        if !names.insert((e.kind, e.name.to_lowercase())) {
            return Err(bad(format!(
                "the bundle has the {} {} twice, under two ids",
                e.kind,
                crate::quoted(&e.name)
            )));
        }
    }
    for x in &c.claims {
        let id = format!("claim {}", x.id);
        known(&articles, "article", &x.article_id, &id)?;
        check_str("the text", &id, &x.text, MAX_TEXT)?;
        for (what, v) in [
            ("the prefix", &x.anchor_prefix),
            ("the suffix", &x.anchor_suffix),
        ] {
            check_str(what, &id, v, MAX_NAME)?;
        }
        check_opt("the speaker", &id, &x.speaker, MAX_TEXT)?;
        check_opt("the confirming checker", &id, &x.confirmed_by, MAX_NAME)?;
        for link in x.speakers.iter().chain(&x.sources) {
            known(&entities, "entity", &link.entity_id, &id)?;
            check_opt("a role", &id, &link.detail, MAX_NAME)?;
        }
        if !(0.0..=1.0).contains(&x.checkworthiness) {
            return Err(bad(format!(
                "the check-worthiness of {id} is {}, outside 0 to 1",
                x.checkworthiness
            )));
        }
        let body = &chars[x.article_id.as_str()];
        if x.span.start >= x.span.end || x.span.end > body.len() {
            return Err(bad(format!(
                "the span {}..{} of {id} is outside its article's {} characters",
                x.span.start,
                x.span.end,
                body.len()
            )));
        }
        let exact: String = body[x.span.start..x.span.end].iter().collect();
        if exact != x.anchor_exact {
            return Err(bad(format!(
                "the anchor of {id} is not its article's text at {}..{}",
                x.span.start, x.span.end
            )));
        }
        if x.text.is_empty() {
            return Err(bad(format!("{id} has no text")));
        }
        check_time("the creation time", &id, &x.created_at)?;
        check_time("the change time", &id, &x.updated_at)?;
        if let Some(t) = &x.confirmed_at {
            check_time("the confirmation time", &id, t)?;
        }
        if let Some(u) = &x.review_url {
            check_link("the review address", &id, u)?;
        }
    }
    for v in &c.verdicts {
        let id = format!("verdict {}", v.id);
        known(&claims, "claim", &v.claim_id, &id)?;
        let scale = crate::scale::Scale::by_id(&v.scale).map_err(|_| {
            bad(format!(
                "{id} is on an unknown rating scale {}",
                crate::quoted(&v.scale)
            ))
        })?;
        let rating = scale.rating(&v.rating).map_err(|_| {
            bad(format!(
                "{id} has a rating {} that the {} scale does not have",
                crate::quoted(&v.rating),
                crate::quoted(&v.scale)
            ))
        })?;
        if rating.label != v.rating || rating.value != v.value {
            return Err(bad(format!(
                "{id} does not match the {} scale's rating {:?}",
                v.scale, rating.label
            )));
        }
        check_opt("the rationale", &id, &v.note, MAX_TEXT)?;
        check_str("the checker", &id, &v.checker, MAX_NAME)?;
        check_time("the time", &id, &v.at)?;
    }
    for e in &c.evidence {
        let id = format!("evidence {}", e.id);
        known(&claims, "claim", &e.claim_id, &id)?;
        check_link("the link", &id, &e.url)?;
        check_opt("the title", &id, &e.title, MAX_TEXT)?;
        check_opt("the note", &id, &e.note, MAX_TEXT)?;
        check_str("the checker", &id, &e.added_by, MAX_NAME)?;
        check_time("the time", &id, &e.added_at)?;
        if let Some(t) = &e.edited_at {
            check_time("the edit time", &id, t)?;
        }
    }
    for r in &c.relations {
        let id = format!("relation {}", r.id);
        known(&claims, "claim", &r.a, &id)?;
        known(&claims, "claim", &r.b, &id)?;
        if r.a == r.b {
            return Err(bad(format!("{id} relates a claim to itself")));
        }
        check_opt("the note", &id, &r.note, MAX_TEXT)?;
        check_time("the time", &id, &r.created_at)?;
    }
    let claim_of: HashMap<&str, &str> = c
        .verdicts
        .iter()
        .map(|v| (v.id.as_str(), v.claim_id.as_str()))
        .collect();
    for f in &c.conflicts {
        let id = format!("the conflict on claim {}", f.claim_id);
        known(&claims, "claim", &f.claim_id, &id)?;
        known(&verdicts, "verdict", &f.verdict_id, &id)?;
        if claim_of[f.verdict_id.as_str()] != f.claim_id {
            return Err(bad(format!(
                "{id} names verdict {}, which is another claim's",
                f.verdict_id
            )));
        }
        check_time("the time", &id, &f.flagged_at)?;
    }
    unique(
        "withdrawal",
        c.withdrawals.iter().map(|w| w.verdict_id.as_str()),
    )?;
    for w in &c.withdrawals {
        let id = format!("the withdrawal of verdict {}", w.verdict_id);
        known(&verdicts, "verdict", &w.verdict_id, &id)?;
        check_str("the checker", &id, &w.checker, MAX_NAME)?;
        check_time("the time", &id, &w.at)?;
    }
    for m in &c.matches {
        let id = format!("the match of claims {} and {}", m.a, m.b);
        known(&claims, "claim", &m.a, &id)?;
        known(&claims, "claim", &m.b, &id)?;
        if m.a >= m.b {
            return Err(bad(format!("{id} is not in order (a before b)")));
        }
        if m.state != "same" && m.state != "rejected" {
            return Err(bad(format!(
                "{id} has an unknown state {}",
                crate::quoted(&m.state)
            )));
        }
        check_str("the checker", &id, &m.checker, MAX_NAME)?;
        check_time("the time", &id, &m.at)?;
    }
    for x in &c.changes {
        let id = format!("change {}", x.id);
        check_str("the action", &id, &x.action, MAX_NAME)?;
        check_str("the detail", &id, x.detail.get(), MAX_DETAIL)?;
        check_str("the actor", &id, &x.actor, MAX_NAME)?;
        check_time("the time", &id, &x.at)?;
        for (what, v) in [("claim", &x.claim_id), ("article", &x.article_id)] {
            if let Some(v) = v {
                check_id(what, v)?;
            }
        }
    }
    Ok(())
}
