//! The evidence vault's records: captures of evidence links (the WACZ files
//! live in the vault folder beside the database) and link-rot checks.
//!
//! A fetch takes seconds, so it runs outside any transaction; what it found
//! is then written in one.

use std::collections::{HashMap, VecDeque};
use std::path::Path;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use factdesk_vault::{Failure, FailureKind, Fetched, Limits, Vault, fetch, wacz};
use rusqlite::{OptionalExtension, Row, params};
use serde::Serialize;
use serde_json::json;

use super::write::{check_checker, log};
use super::{Store, Table};
use crate::model::{Action, Capture, CaptureStatus, LinkCheck, LinkVerdict, new_id, now};
use crate::{Error, Result};

/// What "Open archived copy" shows: the captured page's title and text,
/// read from its WACZ (checked against its hash), never its scripts.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct ArchivedCopy {
    pub capture: Capture,
    pub title: Option<String>,
    /// The page's text; none for a page that is not text (a PDF, an image).
    pub text: Option<String>,
    /// What there is instead of text, in words.
    pub note: Option<String>,
}

/// Which links a check looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkTarget<'a> {
    All,
    Claim(&'a str),
    Evidence(&'a str),
}

/// How a link-rot check goes easy on servers.
#[derive(Debug, Clone, Copy)]
pub struct CheckPace {
    /// Requests in flight at once.
    pub concurrency: usize,
    /// The least time between two requests to one host.
    pub per_host_delay: Duration,
}

impl Default for CheckPace {
    fn default() -> Self {
        CheckPace {
            concurrency: 8,
            per_host_delay: Duration::from_millis(250),
        }
    }
}

const CAPTURE_COLUMNS: &str = "id, evidence_id, captured_at, status, requested_url, final_url, http_status, content_type, title, body_sha256, wacz_sha256, bytes, failure, reason, checker";

pub(super) fn capture_row(r: &Row<'_>) -> rusqlite::Result<Capture> {
    Ok(Capture {
        id: r.get(0)?,
        evidence_id: r.get(1)?,
        captured_at: r.get(2)?,
        status: super::claims::parse(r.get(3)?, 3)?,
        requested_url: r.get(4)?,
        final_url: r.get(5)?,
        http_status: r.get(6)?,
        content_type: r.get(7)?,
        title: r.get(8)?,
        body_sha256: r.get(9)?,
        wacz_sha256: r.get(10)?,
        bytes: r.get(11)?,
        failure: r.get(12)?,
        reason: r.get(13)?,
        checker: r.get(14)?,
    })
}

const CHECK_COLUMNS: &str = "id, evidence_id, checked_at, verdict, reason, http_status, final_url, body_sha256, archived_sha256, checker";

pub(super) fn check_row(r: &Row<'_>) -> rusqlite::Result<LinkCheck> {
    Ok(LinkCheck {
        id: r.get(0)?,
        evidence_id: r.get(1)?,
        checked_at: r.get(2)?,
        verdict: super::claims::parse(r.get(3)?, 3)?,
        reason: r.get(4)?,
        http_status: r.get(5)?,
        final_url: r.get(6)?,
        body_sha256: r.get(7)?,
        archived_sha256: r.get(8)?,
        checker: r.get(9)?,
    })
}

/// The page's `<title>`, when it is HTML and has one.
fn html_title(f: &Fetched) -> Option<String> {
    if !f
        .content_type()
        .is_some_and(|c| c.to_ascii_lowercase().contains("html"))
    {
        return None;
    }
    let head = String::from_utf8_lossy(&f.body[..f.body.len().min(256 * 1024)]);
    let lower = head.to_ascii_lowercase();
    let open = lower.find("<title")?;
    let start = open + lower[open..].find('>')? + 1;
    let end = start + lower[start..].find("</title")?;
    let title = head[start..end]
        .replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'");
    let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
    (!title.is_empty()).then(|| title.chars().take(300).collect())
}

/// A fetch that ended on an error status is a failed capture.
fn http_failure(f: &Fetched) -> Option<Failure> {
    (f.status >= 400).then(|| Failure {
        kind: FailureKind::Http,
        message: format!(
            "HTTP {}{}",
            f.status,
            factdesk_vault::reason_phrase(f.status)
                .map(|r| format!(" {r}"))
                .unwrap_or_default()
        ),
        status: Some(f.status),
        final_url: Some(f.final_url.clone()),
    })
}

/// Each evidence link's latest archived copy at the team's public archive:
/// evidence id to (address, capture time).
pub type PublicArchives = HashMap<String, (String, String)>;

/// The setting that says where the team publishes its archived copies.
pub const ARCHIVE_URL_SETTING: &str = "archive_url_pattern";

/// The settings that bound a fetch: the largest page kept (MB) and the
/// longest a fetch may take (seconds).
pub const CAPTURE_MAX_MB: &str = "capture_max_mb";
pub const CAPTURE_TIMEOUT_SECONDS: &str = "capture_timeout_seconds";

impl Store {
    /// How far a capture or a check may go on this desk: 20 MB and 30 s
    /// unless the settings say otherwise.
    pub fn capture_limits(&self) -> Result<Limits> {
        let number = |key: &str| -> Result<Option<u64>> {
            Ok(self.setting(key)?.and_then(|v| v.parse().ok()))
        };
        let d = Limits::default();
        Ok(Limits {
            max_bytes: number(CAPTURE_MAX_MB)?.map_or(d.max_bytes, |mb| mb * 1024 * 1024),
            timeout: number(CAPTURE_TIMEOUT_SECONDS)?.map_or(d.timeout, Duration::from_secs),
            ..d
        })
    }

    /// Where the team publishes archived copies, by the pattern in the
    /// settings (`https://archive.example.org/{sha256}.wacz`): the address of
    /// each link's latest archived copy. Empty when no pattern is set.
    pub fn public_archives(&self) -> Result<PublicArchives> {
        let Some(pattern) = self.setting(ARCHIVE_URL_SETTING)? else {
            return Ok(HashMap::new());
        };
        let mut stmt = self.conn.prepare(
            "SELECT k.evidence_id, k.wacz_sha256, k.captured_at FROM captures k
             WHERE k.status = 'archived' AND k.rowid = (SELECT m.rowid FROM captures m WHERE m.evidence_id = k.evidence_id AND m.status = 'archived' ORDER BY m.captured_at DESC, m.rowid DESC LIMIT 1)",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?;
        let mut out = HashMap::new();
        for row in rows {
            let (evidence, sha, at) = row?;
            out.insert(evidence, (pattern.replace("{sha256}", &sha), at));
        }
        Ok(out)
    }

    /// The vault beside this database.
    pub fn vault(&self) -> Result<Vault> {
        let path = self
            .path()
            .ok_or_else(|| Error::invalid("an in-memory desk has no vault for archived pages"))?;
        Ok(Vault::beside(&path))
    }

    /// Fetches an evidence link and keeps the page as a WACZ in the vault,
    /// or records why it could not (a DNS failure, a timeout, HTTP 404, too
    /// large, ...). Either way the attempt is a new row; the fetch runs
    /// outside any transaction, and the row is written in one.
    pub fn capture_evidence(
        &mut self,
        evidence_id: &str,
        limits: &Limits,
        checker: &str,
    ) -> Result<Capture> {
        let checker = check_checker(checker)?.to_string();
        let id = self.resolve_id(Table::Evidence, evidence_id)?;
        let url: String =
            self.conn
                .query_row("SELECT url FROM evidence WHERE id = ?1", [&id], |r| {
                    r.get(0)
                })?;
        let vault = self.vault()?;
        // What a capture cut short long ago left behind (never a file a row names).
        let _ = vault.sweep(Duration::from_secs(600));
        let mut c = Capture {
            id: new_id(),
            evidence_id: id.clone(),
            captured_at: now(),
            status: CaptureStatus::Failed,
            requested_url: url.clone(),
            final_url: None,
            http_status: None,
            content_type: None,
            title: None,
            body_sha256: None,
            wacz_sha256: None,
            bytes: None,
            failure: None,
            reason: None,
            checker: checker.clone(),
        };
        match fetch(&url, limits).and_then(|f| match http_failure(&f) {
            Some(e) => Err(e),
            None => Ok(f),
        }) {
            Ok(f) => {
                let title = html_title(&f);
                let software = concat!("factdesk ", env!("CARGO_PKG_VERSION"));
                let bytes = wacz::write(&f, title.as_deref(), software)
                    .map_err(|e| Error::Export(e.to_string()))?;
                let sha = vault.put(&bytes)?;
                c.status = CaptureStatus::Archived;
                c.final_url = Some(f.final_url.clone());
                c.http_status = Some(i64::from(f.status));
                c.content_type = f.content_type().map(str::to_string);
                c.title = title;
                c.body_sha256 = Some(factdesk_vault::sha256_hex(&f.body));
                c.wacz_sha256 = Some(sha);
                c.bytes = Some(bytes.len() as i64);
            }
            Err(e) => {
                c.final_url = e.final_url.clone();
                c.http_status = e.status.map(i64::from);
                c.failure = Some(e.kind.as_str().to_string());
                c.reason = Some(e.message.clone());
            }
        }
        self.write(|tx| {
            let claim: Option<String> = tx
                .query_row("SELECT claim_id FROM evidence WHERE id = ?1", [&id], |r| r.get(0))
                .optional()?;
            tx.execute(
                &format!("INSERT INTO captures({CAPTURE_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)"),
                params![c.id, c.evidence_id, c.captured_at, c.status.as_str(), c.requested_url, c.final_url, c.http_status, c.content_type, c.title, c.body_sha256, c.wacz_sha256, c.bytes, c.failure, c.reason, c.checker],
            )?;
            log(tx, claim.as_deref(), None, Action::EvidenceCaptured, json!({"evidence": c.evidence_id, "capture": c.id, "status": c.status, "wacz_sha256": c.wacz_sha256, "reason": c.reason}), &checker, &c.captured_at)?;
            Ok(())
        })?;
        Ok(c)
    }

    /// Every capture of an evidence link, newest first.
    pub fn captures(&self, evidence_id: &str) -> Result<Vec<Capture>> {
        let id = self.resolve_id(Table::Evidence, evidence_id)?;
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {CAPTURE_COLUMNS} FROM captures WHERE evidence_id = ?1 ORDER BY captured_at DESC, rowid DESC"
        ))?;
        Ok(stmt
            .query_map([&id], capture_row)?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// The captures of a claim's evidence links, newest first.
    pub fn claim_captures(&self, claim_id: &str) -> Result<Vec<Capture>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {} FROM captures k JOIN evidence e ON e.id = k.evidence_id WHERE e.claim_id = ?1 ORDER BY k.captured_at DESC, k.rowid DESC",
            CAPTURE_COLUMNS.split(", ").map(|c| format!("k.{c}")).collect::<Vec<_>>().join(", ")
        ))?;
        Ok(stmt
            .query_map([claim_id], capture_row)?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// The latest link-rot check of each of a claim's evidence links.
    pub fn claim_link_checks(&self, claim_id: &str) -> Result<Vec<LinkCheck>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {} FROM link_checks l JOIN evidence e ON e.id = l.evidence_id WHERE e.claim_id = ?1
               AND l.rowid = (SELECT m.rowid FROM link_checks m WHERE m.evidence_id = l.evidence_id ORDER BY m.checked_at DESC, m.rowid DESC LIMIT 1)",
            CHECK_COLUMNS.split(", ").map(|c| format!("l.{c}")).collect::<Vec<_>>().join(", ")
        ))?;
        Ok(stmt
            .query_map([claim_id], check_row)?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// The capture with this id (or unique prefix).
    pub fn capture(&self, capture_id: &str) -> Result<Capture> {
        let id = self.resolve_id(Table::Captures, capture_id)?;
        Ok(self.conn.query_row(
            &format!("SELECT {CAPTURE_COLUMNS} FROM captures WHERE id = ?1"),
            [&id],
            capture_row,
        )?)
    }

    /// An evidence link's latest archived capture.
    fn latest_archived(&self, evidence_id: &str) -> Result<Capture> {
        let id = self.resolve_id(Table::Evidence, evidence_id)?;
        self.conn
            .query_row(
                &format!("SELECT {CAPTURE_COLUMNS} FROM captures WHERE evidence_id = ?1 AND status = 'archived' ORDER BY captured_at DESC, rowid DESC LIMIT 1"),
                [&id],
                capture_row,
            )
            .optional()?
            .ok_or_else(|| Error::invalid("this evidence link has no archived copy yet"))
    }

    /// An archived capture and its WACZ, read from the vault and checked
    /// against its hash: the capture with this id, or an evidence link's
    /// latest archived one.
    fn archived(&self, id: &str) -> Result<(Capture, Vec<u8>)> {
        let capture = match self.capture(id) {
            Ok(c) => c,
            Err(Error::NotFound { .. }) => self.latest_archived(id)?,
            Err(e) => return Err(e),
        };
        let Some(sha) = capture.wacz_sha256.as_deref() else {
            return Err(Error::invalid(format!(
                "that capture failed ({}): there is no archived copy",
                capture.reason.as_deref().unwrap_or("no reason recorded")
            )));
        };
        let bytes = self.vault()?.get(sha)?;
        Ok((capture, bytes))
    }

    /// The captured page's title and text, read from its WACZ in the vault
    /// (checked against its hash). Takes a capture id, or an evidence id for
    /// that link's latest archived copy.
    pub fn archived_copy(&self, id: &str) -> Result<ArchivedCopy> {
        let (capture, bytes) = self.archived(id)?;
        let page = wacz::read(&bytes).map_err(|e| Error::invalid(e.to_string()))?;
        let kind = page
            .content_type
            .clone()
            .unwrap_or_default()
            .to_ascii_lowercase();
        let (title, text, note) = if kind.contains("html") {
            let html = crate::text::decode(&page.body)?;
            let doc = crate::import::parse_html(&html)?;
            (Some(doc.title), Some(doc.body), None)
        } else if kind.starts_with("text/") || kind.is_empty() {
            (
                capture.title.clone(),
                Some(crate::text::decode(&page.body)?),
                None,
            )
        } else {
            let note = format!(
                "A {} of {} KB: export the archived copy (WACZ) to open it in a WACZ reader such as ReplayWeb.page.",
                kind.split(';').next().unwrap_or("file"),
                page.body.len().div_ceil(1024)
            );
            (capture.title.clone(), None, Some(note))
        };
        Ok(ArchivedCopy {
            capture,
            title,
            text,
            note,
        })
    }

    /// Writes an evidence link's latest archived copy (or the capture with
    /// this id) to `out` as its WACZ file, whole or not at all.
    pub fn export_capture(&self, id: &str, out: &Path) -> Result<Capture> {
        let (capture, bytes) = self.archived(id)?;
        crate::export::write_atomically(out, self.path().as_deref(), |w| {
            w.write_all(&bytes)?;
            Ok(bytes.len())
        })?;
        Ok(capture)
    }

    /// Re-fetches evidence links and says of each whether the page is still
    /// the one archived: `same`, `changed`, `gone`, `moved` or `failed`, with
    /// the reason. Fetches run `pace.concurrency` at a time, at most one per
    /// host every `pace.per_host_delay`; the results are written in one
    /// transaction at the end.
    pub fn check_links(
        &mut self,
        target: LinkTarget<'_>,
        limits: &Limits,
        pace: CheckPace,
        checker: &str,
    ) -> Result<Vec<LinkCheck>> {
        let checker = check_checker(checker)?.to_string();
        let (sql, arg) = match target {
            LinkTarget::All => ("?1 = 'all'".to_string(), "all".to_string()),
            LinkTarget::Claim(c) => (
                "e.claim_id = ?1".to_string(),
                self.resolve_id(Table::Claims, c)?,
            ),
            LinkTarget::Evidence(e) => (
                "e.id = ?1".to_string(),
                self.resolve_id(Table::Evidence, e)?,
            ),
        };
        let links: Vec<(String, String, Option<String>, Option<String>)> = self
            .conn
            .prepare(&format!(
                "SELECT e.id, e.url, k.body_sha256, k.captured_at FROM evidence e
                 LEFT JOIN captures k ON k.rowid = (SELECT m.rowid FROM captures m WHERE m.evidence_id = e.id AND m.status = 'archived' ORDER BY m.captured_at DESC, m.rowid DESC LIMIT 1)
                 WHERE {sql} ORDER BY e.rowid"
            ))?
            .query_map([arg], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let results = fetch_all(
            links.iter().map(|(_, url, ..)| url.as_str()).collect(),
            limits,
            pace,
        );
        let checks: Vec<LinkCheck> = links
            .iter()
            .zip(results)
            .map(|((id, _, archived, archived_at), got)| {
                judge(
                    id,
                    archived.as_deref(),
                    archived_at.as_deref(),
                    got,
                    &checker,
                )
            })
            .collect();
        self.write(|tx| {
            let mut insert = tx.prepare_cached(&format!(
                "INSERT INTO link_checks({CHECK_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
            ))?;
            for c in &checks {
                insert.execute(params![c.id, c.evidence_id, c.checked_at, c.verdict.as_str(), c.reason, c.http_status, c.final_url, c.body_sha256, c.archived_sha256, c.checker])?;
            }
            Ok(())
        })?;
        Ok(checks)
    }
}

/// Fetches every address, `pace.concurrency` at a time and one per host per
/// `pace.per_host_delay`; the results in the order asked.
fn fetch_all(urls: Vec<&str>, limits: &Limits, pace: CheckPace) -> Vec<Result<Fetched, Failure>> {
    let queue: Mutex<VecDeque<(usize, &str)>> =
        Mutex::new(urls.iter().copied().enumerate().collect());
    let last: Mutex<HashMap<String, Instant>> = Mutex::new(HashMap::new());
    let out: Mutex<Vec<Option<Result<Fetched, Failure>>>> = Mutex::new(vec![None; urls.len()]);
    let workers = pace.concurrency.clamp(1, 64).min(urls.len().max(1));
    std::thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| {
                loop {
                    let Some((i, url)) =
                        queue.lock().unwrap_or_else(|e| e.into_inner()).pop_front()
                    else {
                        return;
                    };
                    let host = url::Url::parse(url)
                        .ok()
                        .and_then(|u| u.host_str().map(str::to_string))
                        .unwrap_or_default();
                    // Wait for this host's turn, then take it.
                    loop {
                        let mut l = last.lock().unwrap_or_else(|e| e.into_inner());
                        let now = Instant::now();
                        match l.get(&host) {
                            Some(t) if now < *t + pace.per_host_delay => {
                                let wait = *t + pace.per_host_delay - now;
                                drop(l);
                                std::thread::sleep(wait);
                            }
                            _ => {
                                l.insert(host.clone(), now);
                                break;
                            }
                        }
                    }
                    let got = fetch(url, limits);
                    out.lock().unwrap_or_else(|e| e.into_inner())[i] = Some(got);
                }
            });
        }
    });
    out.into_inner()
        .unwrap_or_else(|e| e.into_inner())
        .into_iter()
        .map(|r| {
            r.unwrap_or_else(|| {
                Err(Failure {
                    kind: FailureKind::Malformed,
                    message: "not fetched".into(),
                    status: None,
                    final_url: None,
                })
            })
        })
        .collect()
}

/// What a fetch says of a link archived with body hash `archived`.
fn judge(
    evidence_id: &str,
    archived: Option<&str>,
    archived_at: Option<&str>,
    got: Result<Fetched, Failure>,
    checker: &str,
) -> LinkCheck {
    let mut c = LinkCheck {
        id: new_id(),
        evidence_id: evidence_id.to_string(),
        checked_at: now(),
        verdict: LinkVerdict::Failed,
        reason: String::new(),
        http_status: None,
        final_url: None,
        body_sha256: None,
        archived_sha256: archived.map(str::to_string),
        checker: checker.to_string(),
    };
    match got {
        Err(e) => {
            c.final_url = e.final_url.clone();
            c.verdict = if e.kind == FailureKind::Dns {
                LinkVerdict::Gone
            } else {
                LinkVerdict::Failed
            };
            c.reason = e.message;
        }
        Ok(f) => {
            c.http_status = Some(i64::from(f.status));
            c.final_url = Some(f.final_url.clone());
            let sha = factdesk_vault::sha256_hex(&f.body);
            c.body_sha256 = Some(sha.clone());
            if f.status == 404 || f.status == 410 {
                c.verdict = LinkVerdict::Gone;
                c.reason = format!("HTTP {}: the page is gone", f.status);
            } else if f.status >= 400 {
                c.reason = format!("HTTP {}", f.status);
            } else if f.moved_away() {
                c.verdict = LinkVerdict::Moved;
                c.reason = format!("it now redirects to another site: {}", f.final_url);
            } else {
                match archived {
                    None => {
                        c.reason =
                            "never archived: nothing to compare with (capture it first)".into();
                    }
                    Some(old) if old == sha => {
                        c.verdict = LinkVerdict::Same;
                        c.reason = "the page is as archived".into();
                    }
                    Some(old) => {
                        c.verdict = LinkVerdict::Changed;
                        c.reason = format!(
                            "the page changed since it was archived{}: sha256 {} then, {} now",
                            archived_at.map(|t| format!(" on {t}")).unwrap_or_default(),
                            &old[..old.len().min(12)],
                            &sha[..12]
                        );
                    }
                }
            }
        }
    }
    c
}
