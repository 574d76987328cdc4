//! The SQLite store: one file, WAL, foreign keys, migrations applied on open.
//!
//! **Architecture Invariant:** every public method that writes is one
//! transaction (`BEGIN IMMEDIATE`): a user action is stored whole or not at all.
//! **Architecture Invariant:** the schema changes only by appending a file to
//! `migrations/`; an applied migration is never edited.

mod captures;
mod claims;
mod exchange;
mod rerank;
mod review;
mod similar;
mod sync;
mod vectors;
mod write;

use std::path::Path;
use std::time::Duration;

use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};
use rusqlite_migration::{M, Migrations};

use crate::{Error, Result};

pub use captures::{
    ARCHIVE_URL_SETTING, ArchivedCopy, CAPTURE_MAX_MB, CAPTURE_TIMEOUT_SECONDS, CheckPace,
    LinkTarget, PublicArchives,
};
pub use claims::{ArticleSummary, ClaimFilter, SortBy, normalise_since};
pub use exchange::MergeOutcome;
pub use similar::Suggestion;
pub use vectors::{ENCODE_CHUNK, EncodeProgress};
pub(crate) use write::check_date;
/// Writes one setting in the caller's transaction.
pub(crate) fn put_setting(conn: &Connection, key: &str, value: &str) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO settings(key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
    )?
    .execute(params![key, value])?;
    Ok(())
}

/// The desk's rules for verdicts (settings a team agrees on).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Policy {
    /// Giving a verdict sets the claim's status to Done (on by default).
    pub verdict_sets_done: bool,
    /// A verdict whose rating settles nothing ("Unproven") may come without a
    /// rationale (off by default: every verdict says what the evidence shows).
    pub undetermined_without_rationale: bool,
    /// Only verdicts an editor approved go into the ClaimReview export and
    /// the report (off on a desk of its own; a team desk turns it on).
    #[serde(default)]
    pub require_approval: bool,
}

impl Policy {
    pub const VERDICT_SETS_DONE: &str = "verdict_sets_done";
    pub const UNDETERMINED_WITHOUT_RATIONALE: &str = "undetermined_without_rationale";
    pub const REQUIRE_APPROVAL: &str = "require_approval";
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            verdict_sets_done: true,
            undetermined_without_rationale: false,
            require_approval: false,
        }
    }
}

pub use sync::{Outbox, SERVER_TOKEN, SERVER_URL, SyncMark, SyncStatus};
pub use write::{ImportMeta, ImportOutcome, NewClaim, NewEvidence, check_url};

const MIGRATIONS_SLICE: &[M<'static>] = &[
    M::up(include_str!("migrations/0001_init.sql")),
    M::up(include_str!("migrations/0002_exchange.sql")),
    M::up(include_str!("migrations/0003_matching.sql")),
    M::up(include_str!("migrations/0004_evidence_edits.sql")),
    M::up(include_str!("migrations/0005_filter_indexes.sql")),
    M::up(include_str!("migrations/0006_claim_vectors.sql")),
    M::up(include_str!("migrations/0007_since_indexes.sql")),
    M::up(include_str!("migrations/0008_checker_since_index.sql")),
    M::up(include_str!("migrations/0009_verdict_withdrawals.sql")),
    M::up(include_str!("migrations/0010_captures.sql")),
    M::up(include_str!("migrations/0011_review.sql")),
    M::up(include_str!("migrations/0012_claim_encodings.sql")),
    M::up(include_str!("migrations/0013_reread_encodings.sql")),
];
pub(crate) const MIGRATIONS: Migrations<'static> = Migrations::from_slice(MIGRATIONS_SLICE);

/// The page cache for everyday reads and writes, in KiB (negative: SQLite's unit).
const SMALL_CACHE_KB: i64 = -8192;
/// The page cache during an import or a merge: it keeps a large transaction
/// from spilling pages to the WAL midway.
const BULK_CACHE_KB: i64 = -32768;

/// How long a writer waits for another (the CLI and the app) before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

pub struct Store {
    conn: Connection,
    /// Entity aliases for matching, keyed by the aliases' high-water rowid.
    names: std::sync::Mutex<Option<(i64, std::sync::Arc<crate::matching::Names>)>>,
    /// Every claim vector, for the nearest-neighbour scan; loaded on first use.
    vectors: std::sync::Mutex<Option<std::sync::Arc<vectors::VectorIndex>>>,
    /// Every claim's encoder vector, for the re-ranking scan; loaded on first use.
    encodings: std::sync::Mutex<Option<std::sync::Arc<vectors::EncodingIndex>>>,
    /// Encoder vectors of texts already re-ranked (matching).
    encoded:
        std::sync::Mutex<rustc_hash::FxHashMap<String, std::sync::Arc<crate::encoder::Encoding>>>,
}

/// The names of the tables an id prefix can refer to.
#[derive(Debug, Clone, Copy)]
pub enum Table {
    Articles,
    Claims,
    Evidence,
    Verdicts,
    Captures,
}

impl Table {
    fn name(self) -> &'static str {
        match self {
            Table::Articles => "articles",
            Table::Claims => "claims",
            Table::Evidence => "evidence",
            Table::Verdicts => "verdicts",
            Table::Captures => "captures",
        }
    }
    fn what(self) -> &'static str {
        match self {
            Table::Articles => "article",
            Table::Claims => "claim",
            Table::Evidence => "evidence link",
            Table::Verdicts => "verdict",
            Table::Captures => "capture",
        }
    }
}

/// Turns user text into an FTS5 query: every word (a run of letters and
/// digits, as the tokenizer sees it) must occur. Quoting each word means
/// operators and punctuation in the text are searched, never obeyed.
pub(crate) fn fts_query(text: &str) -> Option<String> {
    let terms: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| format!("\"{w}\""))
        .collect();
    (!terms.is_empty()).then(|| terms.join(" "))
}

impl Store {
    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Store> {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent)
                .map_err(|e| Error::Database(format!("cannot create {}: {e}", parent.display())))?;
        }
        let conn = Connection::open(path)
            .map_err(|e| Error::Database(format!("cannot open {}: {e}", path.display())))?;
        Self::setup(conn, true).map_err(|e| match e {
            Error::Sqlite(rusqlite::Error::SqliteFailure(f, _))
                if f.code == rusqlite::ErrorCode::NotADatabase =>
            {
                Error::Database(format!(
                    "{} is not a factdesk database (not an SQLite file)",
                    path.display()
                ))
            }
            other => other,
        })
    }

    /// The database file, or none for an in-memory database.
    pub fn path(&self) -> Option<std::path::PathBuf> {
        self.conn
            .path()
            .filter(|p| !p.is_empty())
            .map(std::path::PathBuf::from)
    }

    /// An in-memory database with the same schema, for tests and previews.
    pub fn open_in_memory() -> Result<Store> {
        Self::setup(Connection::open_in_memory()?, false)
    }

    fn setup(mut conn: Connection, wal: bool) -> Result<Store> {
        conn.busy_timeout(BUSY_TIMEOUT)?;
        if wal {
            conn.pragma_update(None, "journal_mode", "WAL")?;
        }
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        // An 8 MB page cache for reading; bulk writes take more (`Store::bulk`).
        conn.pragma_update(None, "cache_size", SMALL_CACHE_KB)?;
        // A database from a newer factdesk is refused before anything is written.
        let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        if version as usize > MIGRATIONS_SLICE.len() {
            return Err(Error::Database(format!(
                "this database was written by a newer version of factdesk (schema {version}; this build knows {}); upgrade factdesk to open it",
                MIGRATIONS_SLICE.len()
            )));
        }
        MIGRATIONS.to_latest(&mut conn)?;
        let mut store = Store {
            conn,
            names: std::sync::Mutex::new(None),
            vectors: std::sync::Mutex::new(None),
            encodings: std::sync::Mutex::new(None),
            encoded: std::sync::Mutex::new(Default::default()),
        };
        store.ensure_matching_index()?;
        store.ensure_vectors()?;
        Ok(store)
    }

    /// The schema as SQL, for snapshot tests and debugging.
    pub fn schema(&self) -> Result<String> {
        let mut stmt = self.conn.prepare("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE '%fts_%' ORDER BY type, name")?;
        let rows = stmt
            .query_map([], |r| r.get::<_, String>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows.join(";\n\n") + ";\n")
    }

    /// Runs a bulk write (an import, a merge) with the large page cache, and
    /// gives the memory back afterwards.
    pub(crate) fn bulk<T>(&mut self, f: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
        self.conn.pragma_update(None, "cache_size", BULK_CACHE_KB)?;
        let out = f(self);
        self.conn
            .pragma_update(None, "cache_size", SMALL_CACHE_KB)?;
        out
    }

    pub(crate) fn write<T>(
        &mut self,
        f: impl FnOnce(&rusqlite::Transaction<'_>) -> Result<T>,
    ) -> Result<T> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let out = f(&tx)?;
        tx.commit()?;
        Ok(out)
    }

    /// Resolves a full id or a unique prefix of at least 6 characters.
    pub fn resolve_id(&self, table: Table, prefix: &str) -> Result<String> {
        resolve_id(&self.conn, table, prefix)
    }

    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()?)
    }

    /// The checker's name from the settings, which every verdict, evidence
    /// link and edit carries; [`Error::NoChecker`] when none is set.
    pub fn checker(&self) -> Result<String> {
        self.setting("checker")?.ok_or(Error::NoChecker)
    }

    /// A number that changes whenever another connection (another process:
    /// the CLI, a second window) commits a change to this database; this
    /// store's own writes leave it as it is. Cheap enough to poll every second.
    pub fn data_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))?)
    }

    /// The desk's rules for verdicts, from the settings.
    pub fn policy(&self) -> Result<Policy> {
        let flag = |key: &str, default: bool| -> Result<bool> {
            Ok(self.setting(key)?.map_or(default, |v| v == "true"))
        };
        let d = Policy::default();
        Ok(Policy {
            verdict_sets_done: flag(Policy::VERDICT_SETS_DONE, d.verdict_sets_done)?,
            undetermined_without_rationale: flag(
                Policy::UNDETERMINED_WITHOUT_RATIONALE,
                d.undetermined_without_rationale,
            )?,
            require_approval: flag(Policy::REQUIRE_APPROVAL, d.require_approval)?,
        })
    }

    /// Sets every rule of the desk's policy in one transaction.
    pub fn set_policy(&mut self, policy: Policy) -> Result<()> {
        self.write(|tx| {
            for (key, on) in [
                (Policy::VERDICT_SETS_DONE, policy.verdict_sets_done),
                (
                    Policy::UNDETERMINED_WITHOUT_RATIONALE,
                    policy.undetermined_without_rationale,
                ),
                (Policy::REQUIRE_APPROVAL, policy.require_approval),
            ] {
                put_setting(tx, key, &on.to_string())?;
            }
            Ok(())
        })
    }

    pub fn set_setting(&mut self, key: &str, value: &str) -> Result<()> {
        if [
            Policy::VERDICT_SETS_DONE,
            Policy::UNDETERMINED_WITHOUT_RATIONALE,
            Policy::REQUIRE_APPROVAL,
        ]
        .contains(&key)
            && !["true", "false"].contains(&value)
        {
            return Err(Error::invalid(format!(
                "{key} is true or false, not {}",
                crate::quoted(value)
            )));
        }
        if key == "scale" {
            crate::scale::Scale::by_id(value)?;
        }
        if key == "org_url" {
            check_url(value)?;
        }
        for (name, max) in [(CAPTURE_MAX_MB, 1024), (CAPTURE_TIMEOUT_SECONDS, 3600)] {
            if key == name && !value.parse::<u64>().is_ok_and(|n| (1..=max).contains(&n)) {
                return Err(Error::invalid(format!(
                    "{key} is a whole number from 1 to {max}, not {}",
                    crate::quoted(value)
                )));
            }
        }
        if key == ARCHIVE_URL_SETTING {
            check_url(&value.replace("{sha256}", "0"))?;
            if !value.contains("{sha256}") {
                return Err(Error::invalid(
                    "the archive address pattern needs {sha256} where each copy's hash goes, e.g. https://archive.example.org/{sha256}.wacz",
                ));
            }
        }
        self.write(|tx| put_setting(tx, key, value))
    }

    /// The rating scale new verdicts are given on.
    pub fn active_scale(&self) -> Result<&'static crate::scale::Scale> {
        crate::scale::Scale::by_id(
            &self
                .setting("scale")?
                .unwrap_or_else(|| crate::scale::DEFAULT_SCALE.into()),
        )
    }

    /// A digest of everything stored, to prove a refused action changed nothing.
    pub fn fingerprint(&self) -> Result<String> {
        let mut all = String::new();
        for table in [
            "articles",
            "entities",
            "entity_aliases",
            "claims",
            "claim_speakers",
            "claim_sources",
            "verdicts",
            "evidence",
            "relations",
            "changes",
            "settings",
            "verdict_conflicts",
            "merges",
            "claim_terms",
            "claim_links",
            "verdict_withdrawals",
            "assignments",
            "verdict_reviews",
        ] {
            let mut stmt = self
                .conn
                .prepare(&format!("SELECT * FROM {table} ORDER BY 1, 2"))?;
            let n = stmt.column_count();
            let mut rows = stmt.query([])?;
            while let Some(row) = rows.next()? {
                for i in 0..n {
                    let v: rusqlite::types::Value = row.get(i)?;
                    all.push_str(&format!("{v:?}\u{1f}"));
                }
                all.push('\n');
            }
        }
        Ok(crate::text::content_hash(&all))
    }
}

pub(crate) fn resolve_id(conn: &Connection, table: Table, prefix: &str) -> Result<String> {
    let prefix = prefix.trim().to_ascii_lowercase();
    if prefix.len() < 6 {
        return Err(Error::invalid(format!(
            "id {} is too short: give at least 6 characters of the {} id",
            crate::quoted(&prefix),
            table.what()
        )));
    }
    if !prefix.chars().all(|c| c.is_ascii_hexdigit() || c == '-') {
        return Err(Error::NotFound {
            what: table.what(),
            id: prefix,
        });
    }
    let sql = format!(
        "SELECT id FROM {} WHERE id >= ?1 AND id < ?1 || 'g' ORDER BY id LIMIT 6",
        table.name()
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let ids: Vec<String> = stmt
        .query_map([&prefix], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    match ids.as_slice() {
        [] => Err(Error::NotFound {
            what: table.what(),
            id: prefix,
        }),
        [one] => Ok(one.clone()),
        many => Err(Error::AmbiguousId {
            what: table.what(),
            prefix,
            candidates: many.to_vec(),
        }),
    }
}
