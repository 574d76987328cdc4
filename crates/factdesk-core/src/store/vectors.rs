//! Claim vectors in the store, and the in-memory index that searches them.
//!
//! Every claim's vector ([`crate::embed`]) is written with its terms, in the
//! same transaction, when the model is there; a database written without the
//! model is filled in when a later open finds it. Queries scan all vectors
//! ([`crate::embed::Index`], a flat scan of quantised bytes; its speed is in
//! docs/benchmarks.md) in an index kept in memory and brought up to date
//! before each search: rows above its highest id are appended, and any
//! deletion since it was loaded reloads it whole.

use std::sync::Arc;

use rusqlite::{Connection, OptionalExtension, Transaction, params};

use super::Store;
use crate::Result;
use crate::embed::{self, Index, Model, Vector};

/// The setting that names the model the stored vectors came from.
const MODEL_SETTING: &str = "vector_model";

/// Writes the vectors of the given claims (replacing any), if the model is there.
pub(super) fn write_vectors(tx: &Transaction<'_>, claims: &[(String, String)]) -> Result<()> {
    let model = match embed::shipped() {
        Ok(m) => m,
        Err(_) => {
            // Claims now lack vectors: the next open with the model fills them in.
            tx.execute("DELETE FROM settings WHERE key = ?1", [MODEL_SETTING])?;
            return Ok(());
        }
    };
    insert(tx, &model, claims)
}

fn insert(tx: &Transaction<'_>, model: &Model, claims: &[(String, String)]) -> Result<()> {
    let mut del = tx.prepare_cached("DELETE FROM claim_vectors WHERE claim_id = ?1")?;
    let mut ins =
        tx.prepare_cached("INSERT INTO claim_vectors(claim_id, vector) VALUES (?1, ?2)")?;
    for (id, text) in claims {
        del.execute([id])?;
        ins.execute(params![id, model.embed(text).to_bytes()])?;
    }
    Ok(())
}

impl Store {
    /// Embeds the claims that have no vector, or all of them when the model
    /// changed; does nothing (and loads nothing) when the vectors are current.
    pub(super) fn ensure_vectors(&mut self) -> Result<()> {
        let sha = embed::expected_sha256();
        if self.setting(MODEL_SETTING)?.as_deref() == Some(sha.as_str()) {
            return Ok(());
        }
        let Ok(model) = embed::shipped() else {
            return Ok(());
        };
        self.bulk(|store| {
            store.write(|tx| {
                let stored: Option<String> = tx
                    .query_row("SELECT value FROM settings WHERE key = ?1", [MODEL_SETTING], |r| r.get(0))
                    .optional()?;
                if stored.is_some_and(|s| s != sha) {
                    tx.execute("DELETE FROM claim_vectors", [])?;
                }
                let missing: Vec<(String, String)> = tx
                    .prepare("SELECT c.id, c.text FROM claims c WHERE NOT EXISTS (SELECT 1 FROM claim_vectors v WHERE v.claim_id = c.id) ORDER BY c.rowid")?
                    .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                    .collect::<rusqlite::Result<_>>()?;
                insert(tx, &model, &missing)?;
                super::put_setting(tx, MODEL_SETTING, &sha)
            })
        })
    }

    /// The vector index, brought up to date with the database.
    pub(super) fn vector_index(&self) -> Result<Arc<VectorIndex>> {
        let deletions: i64 = self.conn.query_row(
            "SELECT count FROM vector_deletions WHERE one = 1",
            [],
            |r| r.get(0),
        )?;
        let mut cache = self.vectors.lock().unwrap_or_else(|e| e.into_inner());
        let fresh = match cache.take() {
            Some(old) if old.deletions == deletions => {
                let mut index = Arc::unwrap_or_clone(old);
                index.load_after(&self.conn)?;
                index
            }
            _ => {
                let mut index = VectorIndex {
                    deletions,
                    ..VectorIndex::default()
                };
                index.load_after(&self.conn)?;
                index
            }
        };
        let fresh = Arc::new(fresh);
        *cache = Some(fresh.clone());
        Ok(fresh)
    }
}

/// The vector index as loaded from the database.
#[derive(Debug, Default, Clone)]
pub(crate) struct VectorIndex {
    pub(crate) index: Index,
    /// `vector_deletions.count` when this was loaded.
    deletions: i64,
}

impl VectorIndex {
    fn load_after(&mut self, conn: &Connection) -> Result<()> {
        let after = self.index.last_id().unwrap_or(0);
        let mut stmt =
            conn.prepare_cached("SELECT id, vector FROM claim_vectors WHERE id > ?1 ORDER BY id")?;
        let mut rows = stmt.query([after])?;
        while let Some(row) = rows.next()? {
            let bytes = row.get_ref(1)?.as_blob().map_err(rusqlite::Error::from)?;
            if let Some(v) = Vector::from_bytes(bytes) {
                self.index.push(row.get(0)?, &v);
            }
        }
        Ok(())
    }
}
