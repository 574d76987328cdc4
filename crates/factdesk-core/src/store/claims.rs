//! Reading: articles, claims with their current verdicts, history.
//!
//! tidy: long because the claim filter's planner (conditions, drivers, the
//! walk in order, intersections) and the rows it reads are one piece over
//! one SQL shape; split, each half would need the other's internals.

use rusqlite::types::Value;
use rusqlite::{OptionalExtension, Row, params};
use serde::Serialize;

use super::{Store, Table, fts_query};
use crate::model::{
    Anchor, Article, Change, Claim, Entity, Evidence, Relation, Review, Span, Speaker, Status,
    Verdict,
};
use crate::{Error, Result};

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct ArticleSummary {
    pub id: String,
    pub title: String,
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub author: Option<String>,
    pub published: Option<String>,
    pub imported_at: String,
    pub claims: usize,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
pub enum SortBy {
    /// By article, then by position in the text.
    #[default]
    Reading,
    /// Most check-worthy first.
    Worth,
    /// Most recently changed first.
    Newest,
}

/// Which claims to list. Every field narrows the list; none is required.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ClaimFilter {
    pub article: Option<String>,
    pub status: Option<Status>,
    /// The current verdict's label, case-insensitive; "none" lists claims with no verdict.
    pub rating: Option<String>,
    /// A speaker's name or alias, or part of one.
    pub speaker: Option<String>,
    pub source: Option<String>,
    /// Words to find in the claim's text or speaker (full-text, stemmed).
    pub search: Option<String>,
    /// The checker of the current verdict.
    pub checker: Option<String>,
    /// Claims changed at or after this time (RFC 3339 or YYYY-MM-DD).
    pub since: Option<String>,
    /// Only claims whose desks' verdicts disagree.
    pub needs_reconciliation: bool,
    /// Only claims with an evidence link whose latest check found it gone or
    /// changed.
    pub link_trouble: bool,
    /// Only claims assigned to this checker (the queue's "Mine").
    pub assignee: Option<String>,
    pub sort: SortBy,
    pub limit: Option<usize>,
    pub offset: usize,
}

pub(super) const CLAIM_COLUMNS: &str = "c.id, c.article_id, c.text, c.kind, c.span_start, c.span_end, c.anchor_exact, c.anchor_prefix, c.anchor_suffix, c.speaker, c.checkworthiness, c.origin, c.status, c.created_at, c.updated_at, c.confirmed_by, c.confirmed_at, c.review_url";

pub(super) fn parse<T: std::str::FromStr<Err = Error>>(
    s: String,
    idx: usize,
) -> rusqlite::Result<T> {
    s.parse().map_err(|e: Error| {
        rusqlite::Error::FromSqlConversionFailure(idx, rusqlite::types::Type::Text, Box::new(e))
    })
}

pub(super) fn claim_row(r: &Row<'_>) -> rusqlite::Result<Claim> {
    Ok(Claim {
        id: r.get(0)?,
        article_id: r.get(1)?,
        text: r.get(2)?,
        kind: parse(r.get(3)?, 3)?,
        span: Span {
            start: r.get::<_, i64>(4)? as usize,
            end: r.get::<_, i64>(5)? as usize,
        },
        anchor: Anchor {
            exact: r.get(6)?,
            prefix: r.get(7)?,
            suffix: r.get(8)?,
        },
        speaker: r.get(9)?,
        checkworthiness: r.get(10)?,
        origin: parse(r.get(11)?, 11)?,
        status: parse(r.get(12)?, 12)?,
        created_at: r.get(13)?,
        updated_at: r.get(14)?,
        confirmed_by: r.get(15)?,
        confirmed_at: r.get(16)?,
        review_url: r.get(17)?,
        assignee: None,
        speakers: Vec::new(),
        sources: Vec::new(),
        verdict: None,
        conflict: Vec::new(),
        evidence: Vec::new(),
    })
}

pub(crate) fn verdict_row(r: &Row<'_>) -> rusqlite::Result<Verdict> {
    verdict_row_at(r, 0)
}

/// A verdict from the row's columns `at..at + 8`.
fn verdict_row_at(r: &Row<'_>, at: usize) -> rusqlite::Result<Verdict> {
    Ok(Verdict {
        id: r.get(at)?,
        claim_id: r.get(at + 1)?,
        scale: r.get(at + 2)?,
        rating: r.get(at + 3)?,
        value: r.get(at + 4)?,
        note: r.get(at + 5)?,
        checker: r.get(at + 6)?,
        at: r.get(at + 7)?,
        review: None,
    })
}

/// The columns [`review_row`] reads, of `verdict_reviews`.
pub(super) const REVIEW_COLUMNS: &str = "state, note, by_checker, at";

pub(super) fn review_row_at(r: &Row<'_>, at: usize) -> rusqlite::Result<Review> {
    Ok(Review {
        state: parse(r.get(at)?, at)?,
        note: r.get(at + 1)?,
        by: r.get(at + 2)?,
        at: r.get(at + 3)?,
    })
}

pub(crate) fn evidence_row(r: &Row<'_>) -> rusqlite::Result<Evidence> {
    evidence_row_at(r, 0)
}

/// An evidence link from the row's columns `at..at + 8`.
fn evidence_row_at(r: &Row<'_>, at: usize) -> rusqlite::Result<Evidence> {
    Ok(Evidence {
        id: r.get(at)?,
        claim_id: r.get(at + 1)?,
        url: r.get(at + 2)?,
        title: r.get(at + 3)?,
        stance: parse(r.get(at + 4)?, at + 4)?,
        note: r.get(at + 5)?,
        added_by: r.get(at + 6)?,
        added_at: r.get(at + 7)?,
    })
}

pub(super) const ARTICLE_COLUMNS: &str =
    "id, title, outlet, url, author, published, imported_at, body, content_hash";

pub(super) fn article_row(r: &Row<'_>) -> rusqlite::Result<Article> {
    Ok(Article {
        id: r.get(0)?,
        title: r.get(1)?,
        outlet: r.get(2)?,
        url: r.get(3)?,
        author: r.get(4)?,
        published: r.get(5)?,
        imported_at: r.get(6)?,
        body: r.get(7)?,
        content_hash: r.get(8)?,
    })
}

/// The most claims a part of the filter may list for it to drive the query
/// (see [`Store::claims`]): checking and sorting this many takes a few
/// milliseconds.
const DRIVER_MAX: usize = 6_000;
/// A driver this small drives without the other parts being counted: counting
/// them could cost more than checking its claims.
const DRIVER_ENOUGH: usize = 500;

/// A part of the filter as an index sees it: `count` lists a row per claim
/// (or more) for counting, from the index alone where it can; `list` lists
/// the claims' ids.
struct Driver {
    count: String,
    list: String,
    /// `list` lists claim rowids (the claims table and full-text search)
    /// rather than claim ids.
    by_rowid: bool,
}

impl Driver {
    /// The rows of `from` (a table and its WHERE clause), counted by the
    /// index and listed by their claim id column.
    fn on(from: String, id: &str) -> Driver {
        Driver {
            count: format!("SELECT 1 FROM {from}"),
            list: format!("SELECT {id} AS id FROM {from}"),
            by_rowid: id == "rowid",
        }
    }

    /// The claims as ids, whichever way the driver lists them.
    fn ids(&self) -> String {
        if self.by_rowid {
            format!(
                "SELECT x.id AS id FROM claims x WHERE x.rowid IN ({})",
                self.list
            )
        } else {
            self.list.clone()
        }
    }
}

/// How far the drivers are counted to find the smallest.
const COUNT_MAX: usize = 20_000;

/// How many claims, first in the order asked for, are tried before a large
/// driver lists the rest (see [`Store::claims`]).
const SCAN_FIRST: usize = 2_000;

/// How many claims in order a second, wider try may walk when the first
/// found claims too sparsely to fill the page.
const SCAN_MAX: usize = 8_000;

/// The verdicts that count: every one its checker did not take back.
pub(super) const LIVE: &str = "id NOT IN (SELECT verdict_id FROM verdict_withdrawals)";

pub(super) const VERDICT_COLUMNS: &str = "id, claim_id, scale, rating, value, note, checker, at";

impl ClaimFilter {
    /// Whether the filter lets every claim through (sorting and paging aside).
    pub fn is_empty(&self) -> bool {
        let ClaimFilter {
            article,
            status,
            rating,
            speaker,
            source,
            search,
            checker,
            since,
            needs_reconciliation,
            link_trouble,
            assignee,
            sort: _,
            limit,
            offset,
        } = self;
        article.is_none()
            && assignee.is_none()
            && status.is_none()
            && rating.is_none()
            && speaker.is_none()
            && source.is_none()
            && search.is_none()
            && checker.is_none()
            && since.is_none()
            && !needs_reconciliation
            && !link_trouble
            && limit.is_none()
            && *offset == 0
    }
}

impl Store {
    pub fn articles(&self) -> Result<Vec<ArticleSummary>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.id, a.title, a.outlet, a.url, a.author, a.published, a.imported_at, (SELECT count(*) FROM claims c WHERE c.article_id = a.id)
             FROM articles a ORDER BY a.imported_at, a.rowid",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(ArticleSummary {
                id: r.get(0)?,
                title: r.get(1)?,
                outlet: r.get(2)?,
                url: r.get(3)?,
                author: r.get(4)?,
                published: r.get(5)?,
                imported_at: r.get(6)?,
                claims: r.get::<_, i64>(7)? as usize,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn article(&self, id: &str) -> Result<Article> {
        let id = self.resolve_id(Table::Articles, id)?;
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {ARTICLE_COLUMNS} FROM articles WHERE id = ?1"
        ))?;
        Ok(stmt.query_row([&id], article_row)?)
    }

    pub fn claim(&self, id: &str) -> Result<Claim> {
        let id = self.resolve_id(Table::Claims, id)?;
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {CLAIM_COLUMNS} FROM claims c WHERE c.id = ?1"
        ))?;
        let mut claim = stmt.query_row([&id], claim_row)?;
        self.fill(&mut claim)?;
        Ok(claim)
    }

    /// Adds speakers, sources, the current verdict and evidence to a claim row.
    fn fill(&self, claim: &mut Claim) -> Result<()> {
        let mut sp = self.conn.prepare_cached("SELECT e.name, cs.role FROM claim_speakers cs JOIN entities e ON e.id = cs.entity_id WHERE cs.claim_id = ?1 ORDER BY cs.position")?;
        claim.speakers = sp
            .query_map([&claim.id], |r| {
                Ok(Speaker {
                    name: r.get(0)?,
                    role: r.get(1)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut so = self.conn.prepare_cached("SELECT e.name FROM claim_sources cs JOIN entities e ON e.id = cs.entity_id WHERE cs.claim_id = ?1 ORDER BY cs.position")?;
        claim.sources = so
            .query_map([&claim.id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let mut v = self.conn.prepare_cached(&format!("SELECT {VERDICT_COLUMNS} FROM verdicts WHERE claim_id = ?1 AND {LIVE} ORDER BY at DESC, rowid DESC LIMIT 1"))?;
        claim.verdict = v.query_row([&claim.id], verdict_row).optional()?;
        if let Some(v) = &mut claim.verdict {
            v.review = self.review(&v.id)?;
        }
        claim.assignee = self
            .conn
            .prepare_cached("SELECT assignee FROM assignments WHERE claim_id = ?1 ORDER BY at DESC, rowid DESC LIMIT 1")?
            .query_row([&claim.id], |r| r.get(0))
            .optional()?
            .flatten();
        let mut cf = self.conn.prepare_cached("SELECT v.id, v.claim_id, v.scale, v.rating, v.value, v.note, v.checker, v.at FROM verdict_conflicts f JOIN verdicts v ON v.id = f.verdict_id WHERE f.claim_id = ?1 ORDER BY v.at, v.rowid")?;
        claim.conflict = cf
            .query_map([&claim.id], verdict_row)?
            .collect::<rusqlite::Result<_>>()?;
        let mut ev = self.conn.prepare_cached("SELECT id, claim_id, url, title, stance, note, added_by, added_at FROM evidence WHERE claim_id = ?1 ORDER BY added_at, rowid")?;
        claim.evidence = ev
            .query_map([&claim.id], evidence_row)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(())
    }

    /// Lists claims that pass every part of the filter.
    ///
    /// Each part of the filter is a condition on a claim, and most can also
    /// list the claims they let through from an index (a *driver*). The
    /// driver with the fewest claims, when it has at most [`DRIVER_MAX`],
    /// drives the query: its claims are checked against the other conditions
    /// and sorted by their keys, and the page's rows are read. Otherwise, or
    /// when its claims are common enough that fewer claims in order would
    /// fill the page, the first [`SCAN_FIRST`] claims in the order asked for
    /// (or as many as that rate needs) are tried (wider, up to [`SCAN_MAX`],
    /// when they pass sparsely), and when they do not fill the page, the
    /// smallest driver, or the drivers of at most [`COUNT_MAX`] claims
    /// intersected, drive it.
    pub fn claims(&self, f: &ClaimFilter) -> Result<Vec<Claim>> {
        let mut conds: Vec<String> = Vec::new();
        // Claims listed from an index, one driver per part of the filter.
        let mut drivers: Vec<Driver> = Vec::new();
        let mut args: Vec<Value> = Vec::new();
        let arg = |v: Value, args: &mut Vec<Value>| {
            args.push(v);
            format!("?{}", args.len())
        };
        if let Some(a) = &f.article {
            let id = self.resolve_id(Table::Articles, a)?;
            let p = arg(Value::Text(id), &mut args);
            conds.push(format!("c.article_id = {p}"));
            drivers.push(Driver::on(
                format!("claims WHERE article_id = {p}"),
                "rowid",
            ));
        }
        if let Some(who) = &f.assignee {
            // The claim's latest assignment names them.
            let p = arg(Value::Text(who.trim().to_string()), &mut args);
            conds.push(format!("(SELECT a.assignee FROM assignments a WHERE a.claim_id = c.id ORDER BY a.at DESC, a.rowid DESC LIMIT 1) = {p} COLLATE NOCASE"));
            drivers.push(Driver::on(
                format!("assignments WHERE assignee = {p} COLLATE NOCASE"),
                "claim_id",
            ));
        }
        if let Some(s) = f.status {
            let p = arg(Value::Text(s.as_str().into()), &mut args);
            conds.push(format!("c.status = {p}"));
            drivers.push(Driver::on(format!("claims WHERE status = {p}"), "rowid"));
        }
        if let Some(r) = &f.rating {
            if r.eq_ignore_ascii_case("none") || r.eq_ignore_ascii_case("unrated") {
                conds.push(
                    "NOT EXISTS (SELECT 1 FROM current_verdicts cv WHERE cv.claim_id = c.id)"
                        .into(),
                );
            } else {
                let p = arg(Value::Text(r.trim().to_string()), &mut args);
                conds.push(format!("EXISTS (SELECT 1 FROM current_verdicts cv WHERE cv.claim_id = c.id AND cv.rating = {p} COLLATE NOCASE)"));
                drivers.push(Driver::on(
                    format!("current_verdicts WHERE rating = {p} COLLATE NOCASE"),
                    "claim_id",
                ));
            }
        }
        if f.link_trouble {
            conds.push("EXISTS (SELECT 1 FROM evidence e JOIN link_checks l ON l.evidence_id = e.id WHERE e.claim_id = c.id AND l.verdict IN ('gone', 'changed') AND l.rowid = (SELECT m.rowid FROM link_checks m WHERE m.evidence_id = e.id ORDER BY m.checked_at DESC, m.rowid DESC LIMIT 1))".into());
        }
        if f.needs_reconciliation {
            conds.push("EXISTS (SELECT 1 FROM verdict_conflicts f WHERE f.claim_id = c.id)".into());
            drivers.push(Driver::on("verdict_conflicts".into(), "claim_id"));
        }
        let mut checker_arg = None;
        if let Some(c) = &f.checker {
            let p = arg(Value::Text(c.trim().to_string()), &mut args);
            checker_arg = Some(p.clone());
            conds.push(format!("EXISTS (SELECT 1 FROM current_verdicts cv WHERE cv.claim_id = c.id AND cv.checker = {p} COLLATE NOCASE)"));
            drivers.push(Driver::on(
                format!("current_verdicts WHERE checker = {p} COLLATE NOCASE"),
                "claim_id",
            ));
        }
        for (value, table) in [(&f.speaker, "claim_speakers"), (&f.source, "claim_sources")] {
            if let Some(name) = value {
                // The entities whose name or alias matches are found once; each
                // claim is then checked by its key.
                let pattern = format!("%{}%", name.trim().replace(['%', '_'], ""));
                let mut stmt = self.conn.prepare_cached(
                    "SELECT id FROM entities WHERE name LIKE ?1 UNION SELECT entity_id FROM entity_aliases WHERE alias LIKE ?1",
                )?;
                let ids: Vec<String> = stmt
                    .query_map([&pattern], |r| r.get(0))?
                    .collect::<rusqlite::Result<_>>()?;
                if ids.is_empty() {
                    return Ok(Vec::new());
                }
                let list = ids
                    .into_iter()
                    .map(|id| arg(Value::Text(id), &mut args))
                    .collect::<Vec<_>>()
                    .join(", ");
                // `+` keeps SQLite from walking the entity index for every claim.
                conds.push(format!("EXISTS (SELECT 1 FROM {table} x WHERE x.claim_id = c.id AND +x.entity_id IN ({list}))"));
                drivers.push(Driver::on(
                    format!("{table} WHERE entity_id IN ({list})"),
                    "claim_id",
                ));
            }
        }
        if let Some(q) = f.search.as_deref().and_then(fts_query) {
            let p = arg(Value::Text(q), &mut args);
            conds.push(format!(
                "c.rowid IN (SELECT rowid FROM claims_fts WHERE claims_fts MATCH {p})"
            ));
            drivers.push(Driver {
                count: format!("SELECT 1 FROM claims_fts WHERE claims_fts MATCH {p}"),
                list: format!("SELECT rowid AS id FROM claims_fts WHERE claims_fts MATCH {p}"),
                by_rowid: true,
            });
        }
        if let Some(since) = &f.since {
            let since = normalise_since(since)?;
            let p = arg(Value::Text(since), &mut args);
            // Changed since, or given a verdict since: the current verdict is
            // the latest, so its time says whether any verdict is that recent.
            conds.push(format!("(c.updated_at >= {p} OR EXISTS (SELECT 1 FROM current_verdicts cv WHERE cv.claim_id = c.id AND cv.at >= {p}))"));
            drivers.push(Driver {
                count: format!("SELECT 1 FROM claims WHERE updated_at >= {p} UNION ALL SELECT 1 FROM current_verdicts WHERE at >= {p}"),
                list: format!("SELECT rowid AS id FROM claims WHERE updated_at >= {p} UNION ALL SELECT x.rowid AS id FROM current_verdicts cv CROSS JOIN claims x ON x.id = cv.claim_id WHERE cv.at >= {p}"),
                by_rowid: true,
            });
            // With a checker: one range of the checker's current verdicts,
            // by when their claims last changed (migration 0008).
            if let Some(c) = &checker_arg {
                drivers.push(Driver::on(
                    format!(
                        "current_verdicts WHERE checker = {c} COLLATE NOCASE AND changed >= {p}"
                    ),
                    "claim_id",
                ));
            }
        }
        // The smallest driver, counted no further than it needs to be.
        let smallest = |upto: usize| -> Result<Option<(usize, &Driver)>> {
            let mut best: Option<(usize, &Driver)> = None;
            for d in &drivers {
                if best.is_some_and(|(n, _)| n <= DRIVER_ENOUGH) {
                    break;
                }
                let n = self.count_upto(&d.count, &args, best.map_or(upto, |(n, _)| n))?;
                if best.is_none_or(|(b, _)| n < b) {
                    best = Some((n, d));
                }
            }
            Ok(best)
        };
        // The claims that every driver of at most `upto` claims lists: the
        // intersection of two middling lists is far smaller than either.
        let intersection = |upto: usize| -> Result<Option<Driver>> {
            let mut small = Vec::new();
            for d in &drivers {
                let n = self.count_upto(&d.count, &args, upto)?;
                if n <= upto {
                    small.push((n, d));
                }
            }
            small.sort_by_key(|(n, _)| *n);
            // Rowid lists intersect as they are; mixed lists as claim ids.
            let by_rowid = small.iter().all(|(_, d)| d.by_rowid);
            let list = small
                .iter()
                .map(|(_, d)| {
                    let list = if by_rowid { d.list.clone() } else { d.ids() };
                    format!("SELECT * FROM ({list})")
                })
                .collect::<Vec<_>>()
                .join(" INTERSECT ");
            Ok((!small.is_empty()).then(|| Driver {
                count: String::new(),
                list,
                by_rowid,
            }))
        };
        let best = smallest(DRIVER_MAX)?;
        let order = match f.sort {
            SortBy::Reading => " ORDER BY c.article_id, c.span_start, c.rowid",
            SortBy::Worth => " ORDER BY c.checkworthiness DESC, c.rowid",
            SortBy::Newest => " ORDER BY c.updated_at DESC, c.rowid DESC",
        };
        let page = f
            .limit
            .map(|l| format!(" LIMIT {l} OFFSET {}", f.offset))
            .unwrap_or_default();
        // Claims are checked and sorted by their keys, and only the page's
        // rows are read whole: sorting thousands of whole rows costs more.
        let filter_page = |from: String, page: &str| {
            let mut sql = format!("SELECT c.rowid AS r FROM {from}");
            if !conds.is_empty() {
                sql.push_str(" WHERE ");
                sql.push_str(&conds.join(" AND "));
            }
            sql.push_str(order);
            sql.push_str(page);
            format!(
                "SELECT {CLAIM_COLUMNS} FROM ({sql}) AS pg CROSS JOIN claims c ON c.rowid = pg.r{order}"
            )
        };
        let filter = |from: String| filter_page(from, &page);
        // The driver's claims, each once, joined by rowid or by id.
        let driven_by = |d: &Driver| {
            let key = if d.by_rowid { "rowid" } else { "id" };
            filter(format!(
                "(SELECT DISTINCT id AS k FROM ({})) AS drv CROSS JOIN claims c ON c.{key} = drv.k",
                d.list
            ))
        };
        let limit = f.limit.unwrap_or(0);
        let wanted = limit + f.offset;
        // How many claims in order are likely to fill the page when a driver
        // of `n` lists the claims that pass (half as many again, for luck).
        let to_fill = match best {
            Some((n, _)) if n > DRIVER_ENOUGH && f.limit.is_some() => {
                let total: i64 =
                    self.conn
                        .query_row("SELECT coalesce(max(rowid), 0) FROM claims", [], |r| {
                            r.get(0)
                        })?;
                Some(move |n: usize| total as usize * wanted * 3 / (2 * n.max(1)))
            }
            _ => None,
        };
        let mut claims = match best {
            Some((0, _)) => return Ok(Vec::new()),
            None => self.query_claims(&filter("claims c".into()), &args)?,
            // Few claims pass, or too few for the first in order to fill the
            // page sooner: they drive.
            Some((n, d))
                if f.limit.is_none()
                    || (n <= DRIVER_MAX && to_fill.is_none_or(|to_fill| to_fill(n) >= n)) =>
            {
                self.query_claims(&driven_by(d), &args)?
            }
            // Many pass: the first claims in the order asked for are tried, and
            // when they do not fill the page, the smallest driver lists the rest.
            Some((n, d)) => {
                // The claims from the `skip`th to the `n`th in order.
                let walk = |skip: usize, n: usize, page: &str| {
                    filter_page(
                        format!(
                            "(SELECT rowid AS r FROM claims c{order} LIMIT {} OFFSET {skip}) AS drv CROSS JOIN claims c ON c.rowid = drv.r",
                            n - skip
                        ),
                        page,
                    )
                };
                // (A larger driver's rate says little of the others'.)
                let likely = match to_fill {
                    Some(to_fill) if n <= DRIVER_MAX => to_fill(n).min(SCAN_MAX),
                    _ => 0,
                };
                let scanned = SCAN_FIRST.max(wanted).max(likely);
                let mut found = self.query_claims(&walk(0, scanned, &page), &args)?;
                // Claims pass, but sparsely: as many more as that rate needs
                // to fill the page, when that is fewer than a driver would
                // list. The page's first claims are those already found.
                if !found.is_empty() && found.len() < limit && f.offset == 0 {
                    let more = scanned * limit * 3 / (2 * found.len());
                    if more <= SCAN_MAX {
                        let rest = format!(" LIMIT {}", limit - found.len());
                        found.extend(self.query_claims(&walk(scanned, more, &rest), &args)?);
                    }
                }
                if found.len() >= limit {
                    found
                } else if n <= DRIVER_MAX || drivers.len() == 1 {
                    self.query_claims(&driven_by(d), &args)?
                } else if let Some(d) = intersection(COUNT_MAX)? {
                    self.query_claims(&driven_by(&d), &args)?
                } else {
                    // Every part lets most claims through: walk them all.
                    self.query_claims(&filter("claims c".into()), &args)?
                }
            }
        };
        self.fill_many(&mut claims)?;
        Ok(claims)
    }

    /// Runs a claims query and reads its rows (without speakers and the rest).
    fn query_claims(&self, sql: &str, args: &[Value]) -> Result<Vec<Claim>> {
        let mut stmt = self.conn.prepare_cached(sql)?;
        let claims = stmt
            .query_map(rusqlite::params_from_iter(args.iter()), claim_row)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(claims)
    }
    /// How many rows a query lists, counting no further than `upto + 1`.
    fn count_upto(&self, sql: &str, args: &[Value], upto: usize) -> Result<usize> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT count(*) FROM (SELECT 1 FROM ({sql}) LIMIT {})",
            upto + 1
        ))?;
        // Only the parameters the query names are bound.
        for i in 1..=stmt.parameter_count() {
            if let Some(name) = stmt.parameter_name(i) {
                let k: usize = name[1..]
                    .parse()
                    .map_err(|_| Error::invalid("bad parameter"))?;
                stmt.raw_bind_parameter(i, &args[k - 1])?;
            }
        }
        let n: i64 = stmt.raw_query().next()?.map_or(Ok(0), |r| r.get(0))?;
        Ok(n as usize)
    }

    /// Fills many claims: a page claim by claim, an export table by table.
    fn fill_many(&self, claims: &mut [Claim]) -> Result<()> {
        const BY_TABLE: usize = 2_000;
        if claims.len() < BY_TABLE {
            for c in claims.iter_mut() {
                self.fill(c)?;
            }
            return Ok(());
        }
        let index: rustc_hash::FxHashMap<String, usize> = claims
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.clone(), i))
            .collect();
        // Each query lists rows in the order a claim keeps them; rows of claims
        // not in the list are skipped.
        let mut each = |sql: &str,
                        f: &mut dyn FnMut(&mut Claim, &Row<'_>) -> rusqlite::Result<()>|
         -> Result<()> {
            let mut stmt = self.conn.prepare(sql)?;
            let mut rows = stmt.query([])?;
            while let Some(r) = rows.next()? {
                let id: String = r.get(0)?;
                if let Some(&i) = index.get(&id) {
                    f(&mut claims[i], r)?;
                }
            }
            Ok(())
        };
        each(
            "SELECT cs.claim_id, e.name, cs.role FROM claim_speakers cs JOIN entities e ON e.id = cs.entity_id ORDER BY cs.claim_id, cs.position",
            &mut |c, r| {
                c.speakers.push(Speaker {
                    name: r.get(1)?,
                    role: r.get(2)?,
                });
                Ok(())
            },
        )?;
        each(
            "SELECT cs.claim_id, e.name FROM claim_sources cs JOIN entities e ON e.id = cs.entity_id ORDER BY cs.claim_id, cs.position",
            &mut |c, r| {
                c.sources.push(r.get(1)?);
                Ok(())
            },
        )?;
        // Oldest first, so the last one kept is the current verdict.
        each(
            &format!(
                "SELECT claim_id, {VERDICT_COLUMNS} FROM verdicts WHERE {LIVE} ORDER BY claim_id, at, rowid"
            ),
            &mut |c, r| {
                c.verdict = Some(verdict_row_at(r, 1)?);
                Ok(())
            },
        )?;
        // Oldest first: the last review of the current verdict is its state.
        each(
            &format!(
                "SELECT v.claim_id, r.verdict_id, {} FROM verdict_reviews r JOIN verdicts v ON v.id = r.verdict_id ORDER BY v.claim_id, r.at, r.rowid",
                REVIEW_COLUMNS
                    .split(", ")
                    .map(|c| format!("r.{c}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            &mut |c, r| {
                let verdict: String = r.get(1)?;
                if let Some(v) = c.verdict.as_mut().filter(|v| v.id == verdict) {
                    v.review = Some(review_row_at(r, 2)?);
                }
                Ok(())
            },
        )?;
        each(
            "SELECT claim_id, assignee FROM assignments ORDER BY claim_id, at, rowid",
            &mut |c, r| {
                c.assignee = r.get(1)?;
                Ok(())
            },
        )?;
        each(
            "SELECT f.claim_id, v.id, v.claim_id, v.scale, v.rating, v.value, v.note, v.checker, v.at FROM verdict_conflicts f JOIN verdicts v ON v.id = f.verdict_id ORDER BY f.claim_id, v.at, v.rowid",
            &mut |c, r| {
                c.conflict.push(verdict_row_at(r, 1)?);
                Ok(())
            },
        )?;
        each(
            "SELECT claim_id, id, claim_id, url, title, stance, note, added_by, added_at FROM evidence ORDER BY claim_id, added_at, rowid",
            &mut |c, r| {
                c.evidence.push(evidence_row_at(r, 1)?);
                Ok(())
            },
        )?;
        Ok(())
    }

    /// Every verdict given on a claim, oldest first.
    pub fn verdicts(&self, claim_id: &str) -> Result<Vec<Verdict>> {
        let id = self.resolve_id(Table::Claims, claim_id)?;
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {VERDICT_COLUMNS} FROM verdicts WHERE claim_id = ?1 ORDER BY at, rowid"
        ))?;
        Ok(stmt
            .query_map([&id], verdict_row)?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// The audit trail of a claim, oldest first.
    pub fn history(&self, claim_id: &str) -> Result<Vec<Change>> {
        let id = self.resolve_id(Table::Claims, claim_id)?;
        let mut stmt = self.conn.prepare_cached("SELECT id, claim_id, article_id, action, detail, actor, at FROM changes WHERE claim_id = ?1 ORDER BY at, rowid")?;
        let rows = stmt.query_map([&id], |r| {
            let detail: String = r.get(4)?;
            Ok(Change {
                id: r.get(0)?,
                claim_id: r.get(1)?,
                article_id: r.get(2)?,
                action: r.get(3)?,
                detail: serde_json::from_str(&detail).unwrap_or(serde_json::Value::String(detail)),
                actor: r.get(5)?,
                at: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Relations that involve a claim, either side.
    pub fn relations_of(&self, claim_id: &str) -> Result<Vec<Relation>> {
        let id = self.resolve_id(Table::Claims, claim_id)?;
        let mut stmt = self.conn.prepare_cached("SELECT id, kind, a, b, note FROM relations WHERE a = ?1 OR b = ?1 ORDER BY created_at, rowid")?;
        let rows = stmt.query_map(params![id], |r| {
            Ok(Relation {
                id: r.get(0)?,
                kind: parse(r.get(1)?, 1)?,
                a: r.get(2)?,
                b: r.get(3)?,
                note: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn entities(&self) -> Result<Vec<Entity>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id, kind, name FROM entities ORDER BY kind, name")?;
        let mut ents: Vec<Entity> = stmt
            .query_map([], |r| {
                Ok(Entity {
                    id: r.get(0)?,
                    kind: parse(r.get(1)?, 1)?,
                    name: r.get(2)?,
                    aliases: Vec::new(),
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut al = self.conn.prepare_cached(
            "SELECT alias FROM entity_aliases WHERE entity_id = ?1 ORDER BY alias",
        )?;
        for e in &mut ents {
            e.aliases = al
                .query_map([&e.id], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
        }
        Ok(ents)
    }

    /// The corrections log as rows of [`crate::export`]'s corrections CSV:
    /// verdicts given after their claim was done, newest first.
    pub fn corrections(
        &self,
        article: Option<&str>,
        checker: Option<&str>,
        since: Option<&str>,
    ) -> Result<Vec<[String; 9]>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT ch.at, ch.actor, coalesce(a.title, ''), coalesce(a.url, ''), coalesce(ch.claim_id, ''),
                    coalesce(c.text, json_extract(d.detail, '$.text'), ''),
                    coalesce(json_extract(ch.detail, '$.previous'), ''), coalesce(json_extract(ch.detail, '$.rating'), ''),
                    coalesce(json_extract(ch.detail, '$.note'), '')
             FROM changes ch
             LEFT JOIN claims c ON c.id = ch.claim_id
             LEFT JOIN changes d ON d.claim_id = ch.claim_id AND d.action = 'claim.deleted'
             LEFT JOIN articles a ON a.id = coalesce(c.article_id, d.article_id)
             WHERE ch.action = 'verdict.given' AND json_extract(ch.detail, '$.after_done') = 1
               AND (?1 IS NULL OR coalesce(c.article_id, d.article_id) = ?1)
               AND (?2 IS NULL OR ch.actor = ?2 COLLATE NOCASE)
               AND (?3 IS NULL OR ch.at >= ?3)
             ORDER BY ch.at DESC, ch.rowid DESC",
        )?;
        let rows = stmt.query_map(params![article, checker.map(str::trim), since], |r| {
            let mut row: [String; 9] = Default::default();
            for (i, cell) in row.iter_mut().enumerate() {
                *cell = r.get(i)?;
            }
            Ok(row)
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn count_claims(&self) -> Result<usize> {
        Ok(self
            .conn
            .query_row("SELECT count(*) FROM claims", [], |r| r.get::<_, i64>(0))?
            as usize)
    }
}

/// Accepts `YYYY-MM-DD` or RFC 3339 and returns RFC 3339 UTC.
pub fn normalise_since(s: &str) -> Result<String> {
    let s = s.trim();
    if let Ok(d) = chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return Ok(format!("{}T00:00:00.000Z", d.format("%Y-%m-%d")));
    }
    chrono::DateTime::parse_from_rfc3339(s)
        .map(|t| {
            t.with_timezone(&chrono::Utc)
                .to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
        })
        .map_err(|_| {
            Error::invalid(format!(
                "{} is not a date; use YYYY-MM-DD or an RFC 3339 time",
                crate::quoted(s)
            ))
        })
}
