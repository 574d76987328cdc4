//! Team exchange: a desk's content as a bundle, and a teammate's bundle merged in.
//!
//! tidy: long because export and merge are two halves of one format: the id
//! mapping merge does mirrors what export writes, read side by side.
//!
//! Merging adds what is new and never takes anything away:
//! - records are matched by id; an article also by its text (the same article
//!   imported on two desks), an entity by its name or alias, and a claim by its
//!   article, span and text (the same extracted claim on two desks);
//! - a claim edited on both desks takes the later edit, and both edits stay in
//!   the change log;
//! - a claim deleted or merged away here stays so (the change log is the tombstone);
//! - when both desks gave a claim different current verdicts, both are kept
//!   and the claim is flagged as needing reconciliation until a newer verdict
//!   settles it.
//!
//! Merging the same bundle again finds nothing new and writes nothing.

use std::collections::{HashMap, HashSet};
use std::io::Write;

use rusqlite::{OptionalExtension, Transaction, params};
use serde::Serialize;

use super::write::{EntityCache, check_checker, entity, high_water, index_new};
use super::{ClaimFilter, Store};
use crate::bundle::{
    ArchiveRow, ArticleRow, AssignmentRow, Bundle, ChangeRow, ClaimRow, ConflictRow, Counts,
    EntityRow, EvidenceRow, LinkRow, MatchRow, RelationRow, ReviewRow, VerdictRow, WithdrawalRow,
};
use crate::model::{Action, Capture, LinkCheck, new_id, now};
use crate::{Error, Result};

/// What a merge did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct MergeOutcome {
    /// New records, by kind.
    pub added: Counts,
    /// Claims here that took a later edit from the bundle.
    pub updated_claims: usize,
    /// Evidence links here that took a later edit from the bundle.
    pub updated_evidence: usize,
    /// Claims the bundle has that were deleted here; they stay deleted.
    pub kept_deleted: usize,
    /// Claims newly flagged as needing reconciliation.
    pub conflicts: Vec<String>,
    /// Claims whose conflict the bundle had already settled.
    pub settled: usize,
}

impl MergeOutcome {
    pub fn changed_anything(&self) -> bool {
        self.added != Counts::default()
            || self.updated_claims > 0
            || self.updated_evidence > 0
            || !self.conflicts.is_empty()
            || self.settled > 0
    }
}

/// Streams the rows of `sql` that pass `keep` into `buf` as the JSON array
/// member `name` of the content object; returns how many were written.
fn stream<T: Serialize>(
    store: &Store,
    buf: &mut Vec<u8>,
    name: &str,
    sql: &str,
    mut map: impl FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
    keep: impl Fn(&T) -> bool,
) -> Result<usize> {
    if buf.len() > 1 {
        buf.push(b',');
    }
    buf.extend_from_slice(format!("\"{name}\":[").as_bytes());
    let mut stmt = store.conn.prepare(sql)?;
    let mut rows = stmt.query([])?;
    let mut n = 0;
    while let Some(r) = rows.next()? {
        let row = map(r)?;
        if !keep(&row) {
            continue;
        }
        if n > 0 {
            buf.extend_from_slice(b",\n");
        }
        serde_json::to_writer(&mut *buf, &row).map_err(|e| Error::Export(e.to_string()))?;
        n += 1;
    }
    buf.push(b']');
    Ok(n)
}

/// Records the bundle's withdrawals of verdicts this desk has (once each).
fn withdraw(
    tx: &Transaction<'_>,
    withdrawals: &[WithdrawalRow],
    out: &mut MergeOutcome,
) -> Result<()> {
    let mut insert = tx.prepare_cached(
        "INSERT OR IGNORE INTO verdict_withdrawals(verdict_id, checker, at)
         SELECT ?1, ?2, ?3 WHERE EXISTS (SELECT 1 FROM verdicts WHERE id = ?1)",
    )?;
    for w in withdrawals {
        out.added.withdrawals += insert.execute(params![w.verdict_id, w.checker, w.at])?;
    }
    Ok(())
}

/// A row with the claim it hangs on, which decides whether a filtered bundle
/// keeps it; only the row is written.
struct OfClaim<T> {
    row: T,
    claim: String,
}

impl<T: Serialize> Serialize for OfClaim<T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        self.row.serialize(s)
    }
}

/// One claim's speakers or sources, from `table`, for every claim.
fn links(store: &Store, table: &str, detail: &str) -> Result<HashMap<String, Vec<LinkRow>>> {
    let mut out: HashMap<String, Vec<LinkRow>> = HashMap::new();
    let mut stmt = store.conn.prepare(&format!(
        "SELECT claim_id, entity_id, {detail} FROM {table} ORDER BY claim_id, position"
    ))?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        out.entry(r.get(0)?).or_default().push(LinkRow {
            entity_id: r.get(1)?,
            detail: r.get(2)?,
        });
    }
    Ok(out)
}

impl Store {
    /// Writes a bundle of the claims that pass `filter` with everything they
    /// hang on; with an empty filter, of everything. Returns the counts.
    /// Rows go straight from the database into the content's bytes, which are
    /// hashed and written after the manifest.
    pub fn export_bundle(&self, filter: &ClaimFilter, out: &mut dyn Write) -> Result<Counts> {
        self.export_bundle_with(filter, false, out)
    }

    /// [`Store::export_bundle`], and with `with_captures` the archived copies
    /// (WACZ files from the vault) of its captures too, so the bundle stays
    /// one file.
    pub fn export_bundle_with(
        &self,
        filter: &ClaimFilter,
        with_captures: bool,
        out: &mut dyn Write,
    ) -> Result<Counts> {
        let keep: Option<HashSet<String>> = if filter.is_empty() {
            None
        } else {
            Some(self.claims(filter)?.into_iter().map(|c| c.id).collect())
        };
        self.export_selection(keep, HashSet::new(), with_captures, out)
    }

    /// A bundle of the claims in `keep` (all with `None`) with everything
    /// they hang on, and of the articles in `articles` besides.
    pub(super) fn export_selection(
        &self,
        keep: Option<HashSet<String>>,
        articles: HashSet<String>,
        with_captures: bool,
        out: &mut dyn Write,
    ) -> Result<Counts> {
        use super::claims::{
            ARTICLE_COLUMNS, CLAIM_COLUMNS, VERDICT_COLUMNS, article_row, claim_row, parse,
            verdict_row,
        };
        let extra_articles = articles;
        let kept = |id: &str| keep.as_ref().is_none_or(|k| k.contains(id));
        let mut speakers = links(self, "claim_speakers", "role")?;
        let mut sources = links(self, "claim_sources", "detail")?;
        // A filtered bundle carries the articles and entities of its claims.
        let (article_ids, entity_ids): (Option<HashSet<String>>, Option<HashSet<String>>) =
            match &keep {
                None => (None, None),
                Some(k) => {
                    let mut stmt = self.conn.prepare("SELECT id, article_id FROM claims")?;
                    let arts = stmt
                        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?
                        .filter_map(|r| r.ok())
                        .filter(|(id, _)| k.contains(id))
                        .map(|(_, a)| a)
                        .chain(extra_articles)
                        .collect();
                    let ents = speakers
                        .iter()
                        .chain(sources.iter())
                        .filter(|(c, _)| k.contains(*c))
                        .flat_map(|(_, ls)| ls.iter().map(|l| l.entity_id.clone()))
                        .collect();
                    (Some(arts), Some(ents))
                }
            };
        let mut aliases: HashMap<String, Vec<String>> = HashMap::new();
        {
            let mut stmt = self
                .conn
                .prepare("SELECT entity_id, alias FROM entity_aliases ORDER BY entity_id, alias")?;
            let mut rows = stmt.query([])?;
            while let Some(r) = rows.next()? {
                aliases.entry(r.get(0)?).or_default().push(r.get(1)?);
            }
        }

        let mut buf = Vec::with_capacity(1 << 20);
        buf.push(b'{');
        let articles = stream(
            self,
            &mut buf,
            "articles",
            &format!("SELECT {ARTICLE_COLUMNS} FROM articles ORDER BY rowid"),
            |r| article_row(r).map(ArticleRow::from),
            |a| article_ids.as_ref().is_none_or(|s| s.contains(&a.id)),
        )?;
        let entities = stream(
            self,
            &mut buf,
            "entities",
            "SELECT id, kind, name FROM entities ORDER BY rowid",
            |r| {
                let id: String = r.get(0)?;
                Ok(EntityRow {
                    aliases: aliases.remove(&id).unwrap_or_default(),
                    id,
                    kind: parse(r.get(1)?, 1)?,
                    name: r.get(2)?,
                })
            },
            |e| entity_ids.as_ref().is_none_or(|s| s.contains(&e.id)),
        )?;
        let claims = stream(
            self,
            &mut buf,
            "claims",
            &format!("SELECT {CLAIM_COLUMNS} FROM claims c ORDER BY c.rowid"),
            |r| {
                let c = claim_row(r)?;
                let speakers = speakers.remove(&c.id).unwrap_or_default();
                let sources = sources.remove(&c.id).unwrap_or_default();
                Ok(ClaimRow::new(c, speakers, sources))
            },
            |c| kept(&c.id),
        )?;
        let verdicts = stream(
            self,
            &mut buf,
            "verdicts",
            &format!("SELECT {VERDICT_COLUMNS} FROM verdicts v ORDER BY v.rowid"),
            |r| verdict_row(r).map(VerdictRow::from),
            |v| kept(&v.claim_id),
        )?;
        let evidence = stream(
            self,
            &mut buf,
            "evidence",
            "SELECT id, claim_id, url, title, stance, note, added_by, added_at, edited_at FROM evidence ORDER BY rowid",
            |r| {
                Ok(EvidenceRow {
                    id: r.get(0)?,
                    claim_id: r.get(1)?,
                    url: r.get(2)?,
                    title: r.get(3)?,
                    stance: parse(r.get(4)?, 4)?,
                    note: r.get(5)?,
                    added_by: r.get(6)?,
                    added_at: r.get(7)?,
                    edited_at: r.get(8)?,
                })
            },
            |e| kept(&e.claim_id),
        )?;
        let relations = stream(
            self,
            &mut buf,
            "relations",
            "SELECT id, kind, a, b, note, created_at FROM relations ORDER BY rowid",
            |r| {
                Ok(RelationRow {
                    id: r.get(0)?,
                    kind: parse(r.get(1)?, 1)?,
                    a: r.get(2)?,
                    b: r.get(3)?,
                    note: r.get(4)?,
                    created_at: r.get(5)?,
                })
            },
            |r| kept(&r.a) && kept(&r.b),
        )?;
        let conflicts = stream(
            self,
            &mut buf,
            "conflicts",
            "SELECT claim_id, verdict_id, flagged_at FROM verdict_conflicts ORDER BY rowid",
            |r| {
                Ok(ConflictRow {
                    claim_id: r.get(0)?,
                    verdict_id: r.get(1)?,
                    flagged_at: r.get(2)?,
                })
            },
            |f| kept(&f.claim_id),
        )?;
        let changes = stream(
            self,
            &mut buf,
            "changes",
            "SELECT id, claim_id, article_id, action, detail, actor, at FROM changes ORDER BY rowid",
            |r| {
                let detail: String = r.get(4)?;
                Ok(ChangeRow {
                    id: r.get(0)?,
                    claim_id: r.get(1)?,
                    article_id: r.get(2)?,
                    action: r.get(3)?,
                    detail: serde_json::value::RawValue::from_string(detail).map_err(|e| {
                        rusqlite::Error::FromSqlConversionFailure(
                            4,
                            rusqlite::types::Type::Text,
                            Box::new(e),
                        )
                    })?,
                    actor: r.get(5)?,
                    at: r.get(6)?,
                })
            },
            |x| match (&x.claim_id, &article_ids) {
                (_, None) => true,
                (Some(c), _) => kept(c),
                (None, Some(arts)) => x.article_id.as_ref().is_some_and(|a| arts.contains(a)),
            },
        )?;
        let matches = stream(
            self,
            &mut buf,
            "matches",
            "SELECT a, b, state, checker, at FROM claim_links ORDER BY rowid",
            |r| {
                Ok(MatchRow {
                    a: r.get(0)?,
                    b: r.get(1)?,
                    state: r.get(2)?,
                    checker: r.get(3)?,
                    at: r.get(4)?,
                })
            },
            |m| kept(&m.a) && kept(&m.b),
        )?;
        let withdrawals = stream(
            self,
            &mut buf,
            "withdrawals",
            "SELECT w.verdict_id, w.checker, w.at, v.claim_id FROM verdict_withdrawals w JOIN verdicts v ON v.id = w.verdict_id ORDER BY w.rowid",
            |r| {
                Ok(OfClaim {
                    row: WithdrawalRow {
                        verdict_id: r.get(0)?,
                        checker: r.get(1)?,
                        at: r.get(2)?,
                    },
                    claim: r.get(3)?,
                })
            },
            |w| kept(&w.claim),
        )?;
        let kept_capture = |k: &OfClaim<Capture>| kept(&k.claim);
        let captures = stream(
            self,
            &mut buf,
            "captures",
            "SELECT k.id, k.evidence_id, k.captured_at, k.status, k.requested_url, k.final_url, k.http_status, k.content_type, k.title, k.body_sha256, k.wacz_sha256, k.bytes, k.failure, k.reason, k.checker, e.claim_id FROM captures k JOIN evidence e ON e.id = k.evidence_id ORDER BY k.rowid",
            |r| {
                Ok(OfClaim {
                    row: super::captures::capture_row(r)?,
                    claim: r.get(15)?,
                })
            },
            kept_capture,
        )?;
        let link_checks = stream(
            self,
            &mut buf,
            "link_checks",
            "SELECT l.id, l.evidence_id, l.checked_at, l.verdict, l.reason, l.http_status, l.final_url, l.body_sha256, l.archived_sha256, l.checker, e.claim_id FROM link_checks l JOIN evidence e ON e.id = l.evidence_id ORDER BY l.rowid",
            |r| {
                Ok(OfClaim {
                    row: super::captures::check_row(r)?,
                    claim: r.get(10)?,
                })
            },
            |k| kept(&k.claim),
        )?;
        let assignments = stream(
            self,
            &mut buf,
            "assignments",
            "SELECT a.id, a.claim_id, a.assignee, a.by_checker, a.at FROM assignments a JOIN claims c ON c.id = a.claim_id ORDER BY a.rowid",
            |r| {
                Ok(AssignmentRow {
                    id: r.get(0)?,
                    claim_id: r.get(1)?,
                    assignee: r.get(2)?,
                    by: r.get(3)?,
                    at: r.get(4)?,
                })
            },
            |a| kept(&a.claim_id),
        )?;
        let reviews = stream(
            self,
            &mut buf,
            "reviews",
            "SELECT r.id, r.verdict_id, r.state, r.note, r.by_checker, r.at, v.claim_id FROM verdict_reviews r JOIN verdicts v ON v.id = r.verdict_id ORDER BY r.rowid",
            |r| {
                Ok(OfClaim {
                    row: ReviewRow {
                        id: r.get(0)?,
                        verdict_id: r.get(1)?,
                        state: parse(r.get(2)?, 2)?,
                        note: r.get(3)?,
                        by: r.get(4)?,
                        at: r.get(5)?,
                    },
                    claim: r.get(6)?,
                })
            },
            |r| kept(&r.claim),
        )?;
        let archives = if with_captures {
            let shas: Vec<(String, String)> = self
                .conn
                .prepare("SELECT DISTINCT k.wacz_sha256, e.claim_id FROM captures k JOIN evidence e ON e.id = k.evidence_id WHERE k.wacz_sha256 IS NOT NULL ORDER BY k.rowid")?
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<_>>()?;
            let vault = self.vault()?;
            let mut seen = HashSet::new();
            buf.extend_from_slice(b",\"archives\":[");
            let mut n = 0;
            for (sha, claim) in shas {
                if !kept(&claim) || !seen.insert(sha.clone()) {
                    continue;
                }
                let bytes = vault.get(&sha).map_err(|e| {
                    Error::Export(format!(
                        "the archived copy {sha} cannot be read from the vault: {e}"
                    ))
                })?;
                if n > 0 {
                    buf.extend_from_slice(b",\n");
                }
                serde_json::to_writer(&mut buf, &ArchiveRow::new(&bytes))
                    .map_err(|e| Error::Export(e.to_string()))?;
                n += 1;
            }
            buf.push(b']');
            n
        } else {
            0
        };
        buf.push(b'}');
        let counts = Counts {
            articles,
            entities,
            claims,
            verdicts,
            evidence,
            relations,
            conflicts,
            changes,
            matches,
            withdrawals,
            captures,
            link_checks,
            archives,
            assignments,
            reviews,
        };
        crate::bundle::write(&buf, counts.clone(), out)?;
        Ok(counts)
    }

    /// Merges checked bundles, in order, in one transaction: all of them, or nothing.
    pub fn merge(&mut self, bundles: &[Bundle], checker: &str) -> Result<Vec<MergeOutcome>> {
        self.merge_then(bundles, checker, |_| Ok(()), |_, ()| Ok(()))
    }

    /// [`Store::merge`], with `before` and `then` in the same transaction
    /// (team sync records its cursor with the changes it pulled).
    pub(super) fn merge_then<B>(
        &mut self,
        bundles: &[Bundle],
        checker: &str,
        before: impl FnOnce(&Transaction<'_>) -> Result<B>,
        then: impl FnOnce(&Transaction<'_>, B) -> Result<()>,
    ) -> Result<Vec<MergeOutcome>> {
        let checker = check_checker(checker)?.to_string();
        // Archived copies go to the vault (content-addressed: a merge that
        // fails leaves at most files nothing points to).
        let vault = if bundles.iter().any(|b| !b.content.archives.is_empty()) {
            Some(self.vault()?)
        } else {
            None
        };
        for a in bundles.iter().flat_map(|b| &b.content.archives) {
            if let Some(v) = &vault {
                v.put(&a.bytes()?)?;
            }
        }
        self.bulk(|store| store.write(|tx| {
            let mark = high_water(tx)?;
            let seen = before(tx)?;
            let mut outcomes = Vec::with_capacity(bundles.len());
            for bundle in bundles {
                let out = merge_one(tx, bundle)?;
                if out.changed_anything() {
                    tx.execute(
                        "INSERT INTO merges(id, sha256, exporter, exported_at, merged_by, merged_at, added) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                        params![new_id(), bundle.manifest.sha256, bundle.manifest.exporter, bundle.manifest.exported_at, checker, now(), serde_json::to_string(&out).map_err(|e| Error::Export(e.to_string()))?],
                    )?;
                }
                outcomes.push(out);
            }
            index_new(tx, mark)?;
            then(tx, seen)?;
            Ok(outcomes)
        }))
    }
}

fn merge_one(tx: &Transaction<'_>, bundle: &Bundle) -> Result<MergeOutcome> {
    let mut m = Merge {
        tx,
        out: MergeOutcome::default(),
        articles: HashMap::new(),
        entities: HashMap::new(),
        claims: HashMap::new(),
        retext: Vec::new(),
        bundle_claims: bundle.content.claims.iter().map(|c| c.id.clone()).collect(),
        taken: HashSet::new(),
        cache: EntityCache::new(),
    };
    let c = &bundle.content;
    for a in &c.articles {
        m.article(a)?;
    }
    for e in &c.entities {
        m.entity(e)?;
    }
    for x in &c.claims {
        m.claim(x)?;
    }
    m.verdicts(&c.verdicts, &c.conflicts, &c.withdrawals)?;
    for e in &c.evidence {
        m.evidence(e)?;
    }
    for r in &c.relations {
        m.relation(r)?;
    }
    for x in &c.changes {
        m.change(x)?;
    }
    for x in &c.matches {
        m.matched(x)?;
    }
    m.captures(&c.captures, &c.link_checks)?;
    for a in &c.assignments {
        m.assignment(a)?;
    }
    for r in &c.reviews {
        m.review(r)?;
    }
    super::similar::write_terms(tx, &m.retext)?;
    Ok(m.out)
}

/// A merge under way: the bundle's ids mapped to this database's.
struct Merge<'t, 'c> {
    tx: &'t Transaction<'c>,
    out: MergeOutcome,
    articles: HashMap<String, String>,
    entities: HashMap<String, String>,
    /// `None` for a claim deleted here.
    claims: HashMap<String, Option<String>>,
    /// Claims whose text took a later edit, with the new text: their terms are rewritten.
    retext: Vec<(String, String)>,
    /// Every claim id the bundle has: a claim here with one of them is that claim's, never a twin.
    bundle_claims: HashSet<String>,
    /// Claims here already matched to a claim of the bundle.
    taken: HashSet<String>,
    cache: EntityCache,
}

impl Merge<'_, '_> {
    fn article(&mut self, a: &ArticleRow) -> Result<()> {
        let tx = self.tx;
        let local: Option<(String, String)> = tx
            .prepare_cached("SELECT id, content_hash FROM articles WHERE id = ?1 OR content_hash = ?2 ORDER BY id = ?1 DESC LIMIT 1")?
            .query_row(params![a.id, a.content_hash], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        let id = match local {
            Some((id, hash)) if hash != a.content_hash => {
                return Err(Error::BadBundle(format!(
                    "article {id} has a different text in the bundle than here; it cannot be merged"
                )));
            }
            Some((id, _)) => {
                // Details one desk has and the other lacks are filled in; none is overwritten.
                tx.prepare_cached("UPDATE articles SET outlet = coalesce(outlet, ?2), url = coalesce(url, ?3), author = coalesce(author, ?4), published = coalesce(published, ?5) WHERE id = ?1 AND (outlet IS NULL AND ?2 IS NOT NULL OR url IS NULL AND ?3 IS NOT NULL OR author IS NULL AND ?4 IS NOT NULL OR published IS NULL AND ?5 IS NOT NULL)")?
                    .execute(params![id, a.outlet, a.url, a.author, a.published])?;
                id
            }
            None => {
                tx.prepare_cached("INSERT INTO articles(id, title, outlet, url, author, published, imported_at, body, content_hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)")?
                    .execute(params![a.id, a.title, a.outlet, a.url, a.author, a.published, a.imported_at, a.body, a.content_hash])?;
                self.out.added.articles += 1;
                a.id.clone()
            }
        };
        self.articles.insert(a.id.clone(), id);
        Ok(())
    }

    fn entity(&mut self, e: &EntityRow) -> Result<()> {
        let tx = self.tx;
        let by_id: Option<String> = tx
            .prepare_cached("SELECT id FROM entities WHERE id = ?1")?
            .query_row([&e.id], |r| r.get(0))
            .optional()?;
        let id = match by_id {
            Some(id) => id,
            None => {
                let exists: bool = tx
                    .prepare_cached("SELECT EXISTS (SELECT 1 FROM entity_aliases a JOIN entities e ON e.id = a.entity_id WHERE a.alias = ?2 AND +e.kind = ?1)")?
                    .query_row(params![e.kind.as_str(), e.name], |r| r.get(0))?;
                if exists {
                    entity(tx, &mut self.cache, e.kind, &e.name, &[])?
                } else {
                    tx.prepare_cached("INSERT INTO entities(id, kind, name) VALUES (?1, ?2, ?3)")?
                        .execute(params![e.id, e.kind.as_str(), e.name])?;
                    self.out.added.entities += 1;
                    e.id.clone()
                }
            }
        };
        let mut add = tx.prepare_cached(
            "INSERT OR IGNORE INTO entity_aliases(entity_id, alias) VALUES (?1, ?2)",
        )?;
        for alias in std::iter::once(&e.name).chain(&e.aliases) {
            add.execute(params![id, alias])?;
        }
        self.entities.insert(e.id.clone(), id);
        Ok(())
    }

    /// The claim here that a bundle's claim is: by id, then (if it was merged
    /// or deleted here) by the change log, then by article, span and text.
    fn find_claim(&self, x: &ClaimRow, article: &str) -> Result<Found> {
        let tx = self.tx;
        let row = |id: &str| -> Result<Option<(String, String, String)>> {
            Ok(tx
                .prepare_cached("SELECT id, article_id, updated_at FROM claims WHERE id = ?1")?
                .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                .optional()?)
        };
        if let Some((id, art, updated)) = row(&x.id)? {
            if art != article {
                return Err(Error::BadBundle(format!(
                    "claim {id} belongs to another article here than in the bundle"
                )));
            }
            return Ok(Found::Here(id, updated));
        }
        // Follow "merged into" links to the claim that absorbed it; stop at a deletion.
        let mut id = x.id.clone();
        for _ in 0..16 {
            let fate: Option<(String, Option<String>)> = tx
                .prepare_cached("SELECT action, json_extract(detail, '$.into') FROM changes WHERE claim_id = ?1 AND (action = 'claim.deleted' OR (action = 'claim.merged' AND json_extract(detail, '$.into') IS NOT NULL)) ORDER BY at DESC, rowid DESC LIMIT 1")?
                .query_row([&id], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?;
            match fate {
                None if id == x.id => break,
                None => return Ok(Found::Deleted),
                Some((action, _)) if action == Action::ClaimDeleted.as_str() => {
                    return Ok(Found::Deleted);
                }
                Some((_, into)) => {
                    id = into.unwrap_or_default();
                    if let Some((id, _, _)) = row(&id)? {
                        return Ok(Found::Absorbed(id));
                    }
                }
            }
        }
        // A twin is a claim here over the same words that no other claim of
        // the bundle is already, or will be, matched to.
        let twins: Vec<(String, String)> = tx
            .prepare_cached("SELECT id, updated_at FROM claims WHERE article_id = ?1 AND span_start = ?2 AND span_end = ?3 AND text = ?4 ORDER BY rowid")?
            .query_map(params![article, x.span.start as i64, x.span.end as i64, x.text], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let twin = twins
            .into_iter()
            .find(|(id, _)| !self.taken.contains(id) && !self.bundle_claims.contains(id));
        Ok(match twin {
            Some((id, updated)) => Found::Here(id, updated),
            None => Found::New,
        })
    }

    fn link(&mut self, table: &str, detail: &str, claim: &str, list: &[LinkRow]) -> Result<()> {
        let tx = self.tx;
        tx.prepare_cached(&format!("DELETE FROM {table} WHERE claim_id = ?1"))?
            .execute([claim])?;
        let mut ins = tx.prepare_cached(&format!(
            "INSERT INTO {table}(claim_id, position, entity_id, {detail}) VALUES (?1, ?2, ?3, ?4)"
        ))?;
        for (pos, l) in list.iter().enumerate() {
            ins.execute(params![
                claim,
                pos as i64,
                self.entities[&l.entity_id],
                l.detail
            ])?;
        }
        Ok(())
    }

    /// Replaces a claim's speakers or sources with the bundle's if they differ; 1 if they did.
    fn relink_if_changed(
        &mut self,
        table: &str,
        detail: &str,
        claim: &str,
        list: &[LinkRow],
    ) -> Result<usize> {
        let here: Vec<(String, Option<String>)> = self
            .tx
            .prepare_cached(&format!(
                "SELECT entity_id, {detail} FROM {table} WHERE claim_id = ?1 ORDER BY position"
            ))?
            .query_map([claim], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let theirs: Vec<(String, Option<String>)> = list
            .iter()
            .map(|l| (self.entities[&l.entity_id].clone(), l.detail.clone()))
            .collect();
        if here == theirs {
            return Ok(0);
        }
        self.link(table, detail, claim, list)?;
        Ok(1)
    }

    fn claim(&mut self, x: &ClaimRow) -> Result<()> {
        let tx = self.tx;
        let article = self.articles[&x.article_id].clone();
        let id = match self.find_claim(x, &article)? {
            Found::Deleted => {
                self.out.kept_deleted += 1;
                self.claims.insert(x.id.clone(), None);
                return Ok(());
            }
            Found::Absorbed(id) => Some(id),
            Found::Here(id, updated) => {
                // The later edit wins, if it is an edit: twins that differ only in
                // their times (the same article imported on two desks) are left alone.
                if x.updated_at > updated {
                    let fields = tx.prepare_cached("UPDATE claims SET text = ?2, kind = ?3, span_start = ?4, span_end = ?5, anchor_exact = ?6, anchor_prefix = ?7, anchor_suffix = ?8, speaker = ?9, checkworthiness = ?10, status = ?11, updated_at = ?12, confirmed_by = ?13, confirmed_at = ?14, review_url = ?15
                        WHERE id = ?1 AND (text IS NOT ?2 OR kind IS NOT ?3 OR span_start IS NOT ?4 OR span_end IS NOT ?5 OR speaker IS NOT ?9 OR status IS NOT ?11 OR confirmed_by IS NOT ?13 OR review_url IS NOT ?15)")?
                        .execute(params![id, x.text, x.kind.as_str(), x.span.start as i64, x.span.end as i64, x.anchor_exact, x.anchor_prefix, x.anchor_suffix, x.speaker, x.checkworthiness, x.status.as_str(), x.updated_at, x.confirmed_by, x.confirmed_at, x.review_url])?;
                    let speakers =
                        self.relink_if_changed("claim_speakers", "role", &id, &x.speakers)?;
                    let sources =
                        self.relink_if_changed("claim_sources", "detail", &id, &x.sources)?;
                    if fields > 0 {
                        self.retext.push((id.clone(), x.text.clone()));
                    }
                    if fields + speakers + sources > 0 {
                        tx.prepare_cached("UPDATE claims SET updated_at = ?2 WHERE id = ?1")?
                            .execute(params![id, x.updated_at])?;
                        self.out.updated_claims += 1;
                    }
                }
                Some(id)
            }
            Found::New => {
                tx.prepare_cached(
                    "INSERT INTO claims(id, article_id, text, kind, span_start, span_end, anchor_exact, anchor_prefix, anchor_suffix, speaker, checkworthiness, origin, status, created_at, updated_at, confirmed_by, confirmed_at, review_url)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)",
                )?
                .execute(params![x.id, article, x.text, x.kind.as_str(), x.span.start as i64, x.span.end as i64, x.anchor_exact, x.anchor_prefix, x.anchor_suffix, x.speaker, x.checkworthiness, x.origin.as_str(), x.status.as_str(), x.created_at, x.updated_at, x.confirmed_by, x.confirmed_at, x.review_url])?;
                self.link("claim_speakers", "role", &x.id, &x.speakers)?;
                self.link("claim_sources", "detail", &x.id, &x.sources)?;
                self.out.added.claims += 1;
                Some(x.id.clone())
            }
        };
        if let Some(id) = &id {
            self.taken.insert(id.clone());
        }
        self.claims.insert(x.id.clone(), id);
        Ok(())
    }

    fn claim_here(&self, bundle_id: &str) -> Option<&str> {
        here(&self.claims, bundle_id)
    }

    /// Adds the bundle's verdicts, flags claims whose current verdicts disagree,
    /// takes the bundle's flags, and clears flags a newer verdict has settled.
    fn verdicts(
        &mut self,
        verdicts: &[VerdictRow],
        conflicts: &[ConflictRow],
        withdrawals: &[WithdrawalRow],
    ) -> Result<()> {
        let Merge {
            tx, out, claims, ..
        } = self;
        let tx = *tx;
        // Withdrawals of verdicts this desk has count before anything is compared.
        withdraw(tx, withdrawals, out)?;
        let withdrawn: HashSet<&str> = withdrawals.iter().map(|w| w.verdict_id.as_str()).collect();
        let in_bundle: HashSet<&str> = verdicts.iter().map(|v| v.id.as_str()).collect();
        // The bundle's current verdict of each claim here: the latest, and of equal times the last.
        let mut theirs: HashMap<&str, &VerdictRow> = HashMap::new();
        let mut new: HashSet<&str> = HashSet::new();
        let mut touched_by_withdrawal: Vec<String> = Vec::new();
        let mut current_here: HashMap<String, Option<(String, String, String)>> = HashMap::new();
        let mut exists =
            tx.prepare_cached("SELECT EXISTS (SELECT 1 FROM verdicts WHERE id = ?1)")?;
        for v in verdicts {
            let Some(claim) = here(claims, &v.claim_id) else {
                continue;
            };
            if withdrawn.contains(v.id.as_str()) {
                touched_by_withdrawal.push(claim.to_string());
            } else if theirs.get(claim).is_none_or(|t| v.at >= t.at) {
                theirs.insert(claim, v);
            }
            if exists.query_row([&v.id], |r| r.get::<_, bool>(0))? {
                continue;
            }
            if !current_here.contains_key(claim) {
                let cur = tx
                    .prepare_cached("SELECT id, scale, rating FROM verdicts WHERE claim_id = ?1 AND id NOT IN (SELECT verdict_id FROM verdict_withdrawals) ORDER BY at DESC, rowid DESC LIMIT 1")?
                    .query_row([claim], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                    .optional()?;
                current_here.insert(claim.to_string(), cur);
            }
            new.insert(&v.id);
        }
        // Insert in time order, so that of equal times the bundle's order decides.
        for v in verdicts.iter().filter(|v| new.contains(v.id.as_str())) {
            let claim = here(claims, &v.claim_id).unwrap_or_default();
            tx.prepare_cached("INSERT INTO verdicts(id, claim_id, scale, rating, value, note, checker, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")?
                .execute(params![v.id, claim, v.scale, v.rating, v.value, v.note, v.checker, v.at])?;
            out.added.verdicts += 1;
        }
        // And of the verdicts just added.
        withdraw(tx, withdrawals, out)?;
        let at = now();
        let mut touched: Vec<String> = touched_by_withdrawal;
        fn flag(tx: &Transaction<'_>, claim: &str, verdict: &str, at: &str) -> Result<usize> {
            Ok(tx
                .prepare_cached("INSERT OR IGNORE INTO verdict_conflicts(claim_id, verdict_id, flagged_at) VALUES (?1, ?2, ?3)")?
                .execute(params![claim, verdict, at])?)
        }
        let mut sorted: Vec<(&str, &&VerdictRow)> = theirs.iter().map(|(k, v)| (*k, v)).collect();
        sorted.sort_by_key(|(k, _)| *k);
        for (claim, b) in sorted {
            let Some(Some((lid, lscale, lrating))) = current_here.get(claim) else {
                continue;
            };
            let disagree = lid != &b.id
                && new.contains(b.id.as_str())
                && !in_bundle.contains(lid.as_str())
                && (lscale != &b.scale || lrating != &b.rating);
            if disagree {
                let n = flag(tx, claim, lid, &at)? + flag(tx, claim, &b.id, &at)?;
                if n > 0 {
                    out.conflicts.push(claim.to_string());
                }
            }
            touched.push(claim.to_string());
        }
        for f in conflicts {
            let Some(claim) = here(claims, &f.claim_id).map(str::to_string) else {
                continue;
            };
            let before: i64 = tx.query_row(
                "SELECT count(*) FROM verdict_conflicts WHERE claim_id = ?1",
                [&claim],
                |r| r.get(0),
            )?;
            flag(tx, &claim, &f.verdict_id, &f.flagged_at)?;
            if before == 0 && !out.conflicts.contains(&claim) {
                out.conflicts.push(claim.clone());
            }
            touched.push(claim);
        }
        touched.sort();
        touched.dedup();
        // A flag stands while the current verdict is one in contention; a newer one settles it.
        for claim in touched {
            let settled: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM verdict_conflicts WHERE claim_id = ?1)
                   AND NOT EXISTS (SELECT 1 FROM verdict_conflicts WHERE claim_id = ?1 AND verdict_id = (SELECT id FROM verdicts WHERE claim_id = ?1 AND id NOT IN (SELECT verdict_id FROM verdict_withdrawals) ORDER BY at DESC, rowid DESC LIMIT 1))",
                [&claim],
                |r| r.get(0),
            )?;
            if settled {
                tx.execute(
                    "DELETE FROM verdict_conflicts WHERE claim_id = ?1",
                    [&claim],
                )?;
                if let Some(i) = out.conflicts.iter().position(|c| c == &claim) {
                    out.conflicts.remove(i);
                } else {
                    out.settled += 1;
                }
            }
        }
        out.added.conflicts = out.conflicts.len();
        Ok(())
    }

    fn evidence(&mut self, e: &EvidenceRow) -> Result<()> {
        let Some(claim) = self.claim_here(&e.claim_id) else {
            return Ok(());
        };
        let n = self.tx
            .prepare_cached("INSERT OR IGNORE INTO evidence(id, claim_id, url, title, stance, note, added_by, added_at, edited_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)")?
            .execute(params![e.id, claim, e.url, e.title, e.stance.as_str(), e.note, e.added_by, e.added_at, e.edited_at])?;
        self.out.added.evidence += n;
        if n == 0 && e.edited_at.is_some() {
            // A link both desks have: the later edit stands (the edits are in both histories).
            let edited = self.tx
                .prepare_cached("UPDATE evidence SET url = ?2, title = ?3, stance = ?4, note = ?5, edited_at = ?6 WHERE id = ?1 AND (edited_at IS NULL OR edited_at < ?6)")?
                .execute(params![e.id, e.url, e.title, e.stance.as_str(), e.note, e.edited_at])?;
            self.out.updated_evidence += edited;
        }
        Ok(())
    }

    /// Captures and link checks of the links this desk has, once each.
    fn captures(&mut self, captures: &[Capture], checks: &[LinkCheck]) -> Result<()> {
        let mut add = self.tx.prepare_cached(
            "INSERT OR IGNORE INTO captures(id, evidence_id, captured_at, status, requested_url, final_url, http_status, content_type, title, body_sha256, wacz_sha256, bytes, failure, reason, checker)
             SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15 WHERE EXISTS (SELECT 1 FROM evidence WHERE id = ?2)",
        )?;
        for k in captures {
            self.out.added.captures += add.execute(params![
                k.id,
                k.evidence_id,
                k.captured_at,
                k.status.as_str(),
                k.requested_url,
                k.final_url,
                k.http_status,
                k.content_type,
                k.title,
                k.body_sha256,
                k.wacz_sha256,
                k.bytes,
                k.failure,
                k.reason,
                k.checker
            ])?;
        }
        let mut add = self.tx.prepare_cached(
            "INSERT OR IGNORE INTO link_checks(id, evidence_id, checked_at, verdict, reason, http_status, final_url, body_sha256, archived_sha256, checker)
             SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10 WHERE EXISTS (SELECT 1 FROM evidence WHERE id = ?2)",
        )?;
        for k in checks {
            self.out.added.link_checks += add.execute(params![
                k.id,
                k.evidence_id,
                k.checked_at,
                k.verdict.as_str(),
                k.reason,
                k.http_status,
                k.final_url,
                k.body_sha256,
                k.archived_sha256,
                k.checker
            ])?;
        }
        Ok(())
    }

    fn relation(&mut self, r: &RelationRow) -> Result<()> {
        let (Some(a), Some(b)) = (self.claim_here(&r.a), self.claim_here(&r.b)) else {
            return Ok(());
        };
        if a == b {
            return Ok(());
        }
        let n = self.tx
            .prepare_cached("INSERT OR IGNORE INTO relations(id, kind, a, b, note, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")?
            .execute(params![r.id, r.kind.as_str(), a, b, r.note, r.created_at])?;
        self.out.added.relations += n;
        Ok(())
    }

    /// A checker's answer to a match; of two answers to one pair, the later stands.
    fn matched(&mut self, x: &MatchRow) -> Result<()> {
        let (Some(a), Some(b)) = (self.claim_here(&x.a), self.claim_here(&x.b)) else {
            return Ok(());
        };
        if a == b {
            return Ok(());
        }
        let (a, b) = if a < b { (a, b) } else { (b, a) };
        let n = self.tx
            .prepare_cached(
                "INSERT INTO claim_links(a, b, state, checker, at) VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT(a, b) DO UPDATE SET state = excluded.state, checker = excluded.checker, at = excluded.at
                 WHERE excluded.at > claim_links.at",
            )?
            .execute(params![a, b, x.state, x.checker, x.at])?;
        self.out.added.matches += n;
        Ok(())
    }

    fn assignment(&mut self, a: &AssignmentRow) -> Result<()> {
        let Some(claim) = self.claim_here(&a.claim_id) else {
            return Ok(());
        };
        let n = self.tx
            .prepare_cached("INSERT OR IGNORE INTO assignments(id, claim_id, assignee, by_checker, at) VALUES (?1, ?2, ?3, ?4, ?5)")?
            .execute(params![a.id, claim, a.assignee, a.by, a.at])?;
        self.out.added.assignments += n;
        Ok(())
    }

    /// A review step of a verdict this desk has (verdicts keep their ids).
    fn review(&mut self, r: &ReviewRow) -> Result<()> {
        let n = self.tx
            .prepare_cached("INSERT OR IGNORE INTO verdict_reviews(id, verdict_id, state, note, by_checker, at) SELECT ?1, ?2, ?3, ?4, ?5, ?6 WHERE EXISTS (SELECT 1 FROM verdicts WHERE id = ?2)")?
            .execute(params![r.id, r.verdict_id, r.state.as_str(), r.note, r.by, r.at])?;
        self.out.added.reviews += n;
        Ok(())
    }

    fn change(&mut self, x: &ChangeRow) -> Result<()> {
        // A change keeps the claim it was about, or the one that claim is here.
        let claim = x
            .claim_id
            .as_deref()
            .map(|c| self.claim_here(c).unwrap_or(c));
        let article = x
            .article_id
            .as_deref()
            .map(|a| self.articles.get(a).map_or(a, String::as_str));
        let n = self.tx
            .prepare_cached("INSERT OR IGNORE INTO changes(id, claim_id, article_id, action, detail, actor, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")?
            .execute(params![x.id, claim, article, x.action, x.detail.get(), x.actor, x.at])?;
        self.out.added.changes += n;
        Ok(())
    }
}

fn here<'a>(claims: &'a HashMap<String, Option<String>>, bundle_id: &str) -> Option<&'a str> {
    claims.get(bundle_id).and_then(|c| c.as_deref())
}

enum Found {
    /// The claim is here, with the time of its last change.
    Here(String, String),
    /// The claim was merged into this one here.
    Absorbed(String),
    /// The claim was deleted here.
    Deleted,
    New,
}
