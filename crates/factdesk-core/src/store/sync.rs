//! The desk's side of team sync: what to push, and what was pulled.
//!
//! The audit trail is the outbox. Every user action writes a `changes` row
//! (and every link check a `link_checks` row), so what changed since the
//! last push is the claims and articles those rows name past the pushed
//! mark: they go out as a bundle with everything they hang on, and the
//! server keeps the rows it has not seen. The mark moves only when the
//! server has acknowledged the push (after its commit), so a push lost on
//! the way is sent again; the server recognises what it already has, so
//! sending twice adds nothing.
//!
//! What is pulled is merged by the bundle rules, and the cursor that says how
//! far this desk has read the team's log moves in the same transaction:
//! a pull cut short is read again from where the last merge ended.

use std::collections::HashSet;

use rusqlite::params;
use serde::{Deserialize, Serialize};

use super::{Store, put_setting};
use crate::Result;
use crate::bundle::{Bundle, Counts};

pub const SERVER_URL: &str = "server_url";
pub const SERVER_TOKEN: &str = "server_token";
const CURSOR: &str = "sync_cursor";
const PUSHED: &str = "sync_pushed";
const LAST_SYNC: &str = "sync_last_at";
const LAST_ERROR: &str = "sync_last_error";
const SERVER_USER: &str = "server_user";
const DESK_ID: &str = "desk_id";

/// How far the desk's own changes have gone to the server: rowids of the
/// audit trail and of the link checks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncMark {
    pub changes: i64,
    pub link_checks: i64,
}

/// The changes a desk has not pushed yet, as a bundle.
#[derive(Debug)]
pub struct Outbox {
    pub bundle: Vec<u8>,
    pub counts: Counts,
    /// Where the pushed mark goes once the server acknowledges this bundle.
    pub mark: SyncMark,
    /// Audit-trail entries and link checks it carries.
    pub waiting: i64,
    /// Whether more changes wait after these.
    pub more: bool,
}

/// Where the desk stands with the team server, for `factdesk sync` and the
/// app's status line.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct SyncStatus {
    /// The server's address, or null on a desk of its own.
    pub server: Option<String>,
    pub has_token: bool,
    /// Who the server knows this desk's person as, and their role, from the last sync.
    pub user: Option<String>,
    pub role: Option<String>,
    /// When the last sync ended well.
    pub last_synced_at: Option<String>,
    /// Why the last attempt failed, if it did.
    pub last_error: Option<String>,
    /// Changes made here that the server has not acknowledged.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub waiting: i64,
    /// How far the team's log has been read.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub cursor: i64,
}

impl Store {
    /// This database's own id on the team server, made on first use.
    pub fn desk_id(&mut self) -> Result<String> {
        if let Some(id) = self.setting(DESK_ID)? {
            return Ok(id);
        }
        let id = crate::model::new_id();
        self.write(|tx| {
            tx.execute(
                "INSERT OR IGNORE INTO settings(key, value) VALUES (?1, ?2)",
                params![DESK_ID, id],
            )?;
            Ok(())
        })?;
        Ok(self.setting(DESK_ID)?.unwrap_or(id))
    }

    /// Sets the team server this desk syncs with ("none" to stop), in one
    /// transaction: a team desk publishes only approved verdicts, so setting
    /// a server turns that rule on (`config require-approval false` undoes it).
    pub fn set_server(&mut self, url: &str) -> Result<()> {
        let url = url.trim().trim_end_matches('/');
        if url.eq_ignore_ascii_case("none") || url.is_empty() {
            return self.write(|tx| {
                tx.execute(
                    "DELETE FROM settings WHERE key IN (?1, ?2)",
                    params![SERVER_URL, super::review::SERVER_ROLE],
                )?;
                Ok(())
            });
        }
        super::check_url(url)?;
        self.write(|tx| {
            put_setting(tx, SERVER_URL, url)?;
            put_setting(tx, super::Policy::REQUIRE_APPROVAL, "true")
        })
    }

    fn pushed_mark(&self) -> Result<SyncMark> {
        Ok(self
            .setting(PUSHED)?
            .and_then(|s| serde_json::from_str(&s).ok())
            .unwrap_or_default())
    }

    /// How far this desk has read the team's log (0 before the first pull).
    pub fn sync_cursor(&self) -> Result<i64> {
        Ok(self
            .setting(CURSOR)?
            .and_then(|s| s.parse().ok())
            .unwrap_or(0))
    }

    fn unpushed(&self, from: SyncMark) -> Result<(SyncMark, i64)> {
        let (changes, n_changes): (i64, i64) = self.conn.query_row(
            "SELECT coalesce(max(rowid), ?1), count(*) FROM changes WHERE rowid > ?1",
            [from.changes],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let (link_checks, n_checks): (i64, i64) = self.conn.query_row(
            "SELECT coalesce(max(rowid), ?1), count(*) FROM link_checks WHERE rowid > ?1",
            [from.link_checks],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        Ok((
            SyncMark {
                changes,
                link_checks,
            },
            n_changes + n_checks,
        ))
    }

    /// The desk's changes since the last acknowledged push, as a bundle of
    /// the claims and articles they touched.
    ///
    /// At most `max_entries` audit-trail entries (and as many link checks)
    /// go in one outbox, so a desk that worked alone for months pushes in
    /// pieces the server accepts; `more` says whether another follows.
    pub fn sync_outbox(&self, max_entries: usize) -> Result<Outbox> {
        let from = self.pushed_mark()?;
        let (_, all_waiting) = self.unpushed(from)?;
        let upto = |table: &str, after: i64| -> Result<(i64, i64)> {
            Ok(self.conn.query_row(
                &format!("SELECT coalesce(max(rowid), ?1), count(*) FROM (SELECT rowid FROM {table} WHERE rowid > ?1 ORDER BY rowid LIMIT ?2)"),
                params![after, max_entries.max(1) as i64],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?)
        };
        let (changes, n_changes) = upto("changes", from.changes)?;
        let (link_checks, n_checks) = upto("link_checks", from.link_checks)?;
        let mark = SyncMark {
            changes,
            link_checks,
        };
        let waiting = n_changes + n_checks;
        let mut claims: HashSet<String> = HashSet::new();
        let mut articles: HashSet<String> = HashSet::new();
        {
            let mut stmt = self.conn.prepare(
                "SELECT claim_id, article_id FROM changes WHERE rowid > ?1 AND rowid <= ?2",
            )?;
            let mut rows = stmt.query(params![from.changes, mark.changes])?;
            while let Some(r) = rows.next()? {
                match (
                    r.get::<_, Option<String>>(0)?,
                    r.get::<_, Option<String>>(1)?,
                ) {
                    (Some(c), _) => {
                        claims.insert(c);
                    }
                    (None, Some(a)) => {
                        articles.insert(a);
                    }
                    (None, None) => {}
                }
            }
            // An article imported or edited goes with the claims found in it.
            let mut of_article = self
                .conn
                .prepare("SELECT id FROM claims WHERE article_id = ?1")?;
            for a in &articles {
                for c in of_article.query_map([a], |r| r.get::<_, String>(0))? {
                    claims.insert(c?);
                }
            }
            let mut checked = self.conn.prepare(
                "SELECT e.claim_id FROM link_checks l JOIN evidence e ON e.id = l.evidence_id WHERE l.rowid > ?1 AND l.rowid <= ?2",
            )?;
            for c in checked.query_map(params![from.link_checks, mark.link_checks], |r| {
                r.get::<_, String>(0)
            })? {
                claims.insert(c?);
            }
        }
        let mut bundle = Vec::new();
        let counts = self.export_selection(Some(claims), articles, false, &mut bundle)?;
        Ok(Outbox {
            bundle,
            counts,
            mark,
            waiting,
            more: all_waiting > waiting,
        })
    }

    /// Records that the server acknowledged a push up to `mark`, and that
    /// the team's log up to `cursor` is here.
    pub fn sync_pushed(&mut self, mark: SyncMark, cursor: i64) -> Result<()> {
        self.write(|tx| {
            // Never backwards: a slower, older push must not undo a newer one's mark.
            let old = read_mark(tx)?;
            put_mark(
                tx,
                SyncMark {
                    changes: old.changes.max(mark.changes),
                    link_checks: old.link_checks.max(mark.link_checks),
                },
            )?;
            advance(tx, cursor)
        })
    }

    /// Merges what was pulled from the team's log and moves the cursor to
    /// `cursor`, in one transaction.
    pub fn sync_merge(&mut self, bundle: &Bundle, cursor: i64) -> Result<super::MergeOutcome> {
        // What the merge itself writes to the audit trail came from the team:
        // when nothing of this desk's own was waiting, it needs no push.
        let tops = |tx: &rusqlite::Transaction<'_>| -> Result<SyncMark> {
            Ok(SyncMark {
                changes: tx.query_row("SELECT coalesce(max(rowid), 0) FROM changes", [], |r| {
                    r.get(0)
                })?,
                link_checks: tx.query_row(
                    "SELECT coalesce(max(rowid), 0) FROM link_checks",
                    [],
                    |r| r.get(0),
                )?,
            })
        };
        let mut out = self.merge_then(
            std::slice::from_ref(bundle),
            "team sync",
            |tx| Ok((read_mark(tx)?, tops(tx)?)),
            |tx, (pushed, top)| {
                if pushed == top {
                    put_mark(tx, tops(tx)?)?;
                }
                advance(tx, cursor)
            },
        )?;
        Ok(out.remove(0))
    }

    /// Records how a sync ended: who the server says this desk's person
    /// is and their role (which decides whether they may approve), or why
    /// it failed.
    pub fn sync_finished(
        &mut self,
        outcome: std::result::Result<(&str, &str), &str>,
    ) -> Result<()> {
        self.write(|tx| {
            match outcome {
                Ok((user, role)) => {
                    put_setting(tx, SERVER_USER, user)?;
                    put_setting(tx, super::review::SERVER_ROLE, role)?;
                    put_setting(tx, LAST_SYNC, &crate::model::now())?;
                    tx.execute("DELETE FROM settings WHERE key = ?1", [LAST_ERROR])?;
                }
                Err(why) => put_setting(tx, LAST_ERROR, why)?,
            }
            Ok(())
        })
    }

    pub fn sync_status(&self) -> Result<SyncStatus> {
        let (_, waiting) = self.unpushed(self.pushed_mark()?)?;
        Ok(SyncStatus {
            server: self.setting(SERVER_URL)?,
            has_token: self.setting(SERVER_TOKEN)?.is_some(),
            user: self.setting(SERVER_USER)?,
            role: self.setting(super::review::SERVER_ROLE)?,
            last_synced_at: self.setting(LAST_SYNC)?,
            last_error: self.setting(LAST_ERROR)?,
            waiting,
            cursor: self.sync_cursor()?,
        })
    }
}

fn read_mark(tx: &rusqlite::Transaction<'_>) -> Result<SyncMark> {
    use rusqlite::OptionalExtension;
    let s: Option<String> = tx
        .query_row("SELECT value FROM settings WHERE key = ?1", [PUSHED], |r| {
            r.get(0)
        })
        .optional()?;
    Ok(s.and_then(|s| serde_json::from_str(&s).ok())
        .unwrap_or_default())
}

fn put_mark(tx: &rusqlite::Transaction<'_>, mark: SyncMark) -> Result<()> {
    let s = serde_json::to_string(&mark).map_err(|e| crate::Error::Export(e.to_string()))?;
    put_setting(tx, PUSHED, &s)
}

fn advance(tx: &rusqlite::Transaction<'_>, cursor: i64) -> Result<()> {
    tx.execute(
        "INSERT INTO settings(key, value) VALUES (?1, ?2)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value
         WHERE CAST(settings.value AS INTEGER) < CAST(excluded.value AS INTEGER)",
        params![CURSOR, cursor.to_string()],
    )?;
    Ok(())
}
