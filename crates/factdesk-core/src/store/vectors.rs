//! Claim vectors in the store, and the in-memory index that searches them.
//!
//! Every claim's vector ([`crate::embed`]) is written with its terms, in the
//! same transaction, when the model is there; a database written without the
//! model is filled in when a later open finds it. Queries search the vectors
//! ([`crate::embed::Index`]: quantised bytes and a sign code each; its speed
//! is in docs/benchmarks.md) in an index kept in memory and brought up to date
//! before each search: rows above its highest id are appended, and any
//! deletion since it was loaded reloads it whole.
//!
//! The encoder's vectors ([`crate::encoder`], `claim_encodings`) take about
//! 10 ms a claim, too slow to write with the claim: a background pass
//! ([`Store::encode_pending`]) reads the claims that have none, a chunk at a
//! time, and a claim whose text is rewritten loses its encoding until the
//! pass reads it again. They live in an index of their own, kept the same way.

use std::sync::Arc;

use rusqlite::{Connection, OptionalExtension, Transaction, params};

use super::Store;
use crate::Result;
use crate::embed::{self, DIM, Index, Model, Vector};
use crate::encoder::HIDDEN;

/// The setting that names the model the stored vectors came from.
const MODEL_SETTING: &str = "vector_model";

/// Writes the vectors of the given claims (replacing any), if the model is there.
/// The claims' texts were (re)written: the encoder read the old ones, so
/// their encodings go, and the background pass reads the new texts.
pub(super) fn write_vectors(tx: &Transaction<'_>, claims: &[(String, String)]) -> Result<()> {
    let mut stale = tx.prepare_cached("DELETE FROM claim_encodings WHERE claim_id = ?1")?;
    for (id, _) in claims {
        stale.execute([id])?;
    }
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

    /// The static vector index, brought up to date with the database.
    pub(super) fn vector_index(&self) -> Result<Arc<VectorIndex>> {
        refreshed(&self.conn, &self.vectors, STATIC_TABLE)
    }

    /// The encoder's vector index, brought up to date with the database.
    pub(super) fn encoding_index(&self) -> Result<Arc<EncodingIndex>> {
        refreshed(&self.conn, &self.encodings, ENCODER_TABLE)
    }

    /// Encodes up to `max` claims that have no encoder vector, oldest first,
    /// and says how many are left. The encoder runs outside any transaction;
    /// what it read is written in one short one, and a claim edited meanwhile
    /// is left for the next chunk. Without the encoder's weights it encodes
    /// nothing and says why (matching then uses the static model alone).
    pub fn encode_pending(&mut self, max: usize) -> Result<EncodeProgress> {
        let pending = |conn: &Connection| -> Result<i64> {
            Ok(conn.query_row(
                "SELECT (SELECT count(*) FROM claims) - (SELECT count(*) FROM claim_encodings)",
                [],
                |r| r.get(0),
            )?)
        };
        let (encoder, model) = match (crate::encoder::shipped(), embed::shipped()) {
            (Ok(e), Ok(m)) => (e, m),
            (Err(e), _) | (_, Err(e)) => {
                return Ok(EncodeProgress {
                    encoded: 0,
                    pending: pending(&self.conn)?,
                    unavailable: Some(e.0),
                });
            }
        };
        // A claim that is a fragment of its sentence is read with the sentence.
        let todo: Vec<(String, String, String)> = self
            .conn
            .prepare_cached(
                "SELECT c.id, c.text, c.span_start, c.span_end, a.body FROM claims c
                 JOIN articles a ON a.id = c.article_id WHERE NOT EXISTS
                 (SELECT 1 FROM claim_encodings e WHERE e.claim_id = c.id) ORDER BY c.rowid LIMIT ?1",
            )?
            .query_map([max as i64], |r| {
                let text: String = r.get(1)?;
                let body: String = r.get(4)?;
                let (start, end): (i64, i64) = (r.get(2)?, r.get(3)?);
                let context =
                    crate::matching::matching_context(&body, start as usize, end as usize, &text);
                Ok((r.get(0)?, text, context))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let read: Vec<(String, String, Vec<u8>)> = todo
            .into_iter()
            .map(|(id, text, context)| {
                let v = encoder.encode(&model, &context).to_bytes();
                (id, text, v)
            })
            .collect();
        let encoded = self.write(|tx| {
            let mut ins = tx.prepare_cached(
                "INSERT INTO claim_encodings(claim_id, vector) SELECT ?1, ?2
                 WHERE EXISTS (SELECT 1 FROM claims WHERE id = ?1 AND text = ?3)
                 ON CONFLICT(claim_id) DO NOTHING",
            )?;
            let mut n = 0;
            for (id, text, v) in &read {
                n += ins.execute(params![id, v, text])?;
            }
            Ok(n)
        })?;
        Ok(EncodeProgress {
            encoded,
            pending: pending(&self.conn)?,
            unavailable: None,
        })
    }

    /// Runs [`Store::encode_pending`] until no claim is left, telling
    /// `progress` after each chunk; stops early (all read so far kept) when
    /// the encoder is missing.
    pub fn encode_all(
        &mut self,
        mut progress: impl FnMut(&EncodeProgress),
    ) -> Result<EncodeProgress> {
        loop {
            let p = self.encode_pending(ENCODE_CHUNK)?;
            progress(&p);
            if p.pending == 0 || p.unavailable.is_some() || p.encoded == 0 {
                return Ok(p);
            }
        }
    }
}

/// How many claims one chunk of the background pass encodes (about 2 s).
pub const ENCODE_CHUNK: usize = 200;

/// Where the encoder's background pass stands.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct EncodeProgress {
    /// Claims this chunk encoded.
    pub encoded: usize,
    /// Claims that still have no encoder vector (matched by the static model
    /// and their words until they do).
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub pending: i64,
    /// Why nothing can be encoded (the encoder's weights are missing or damaged).
    pub unavailable: Option<String>,
}

/// Where each index's rows are, and the counter its deletions move.
struct Table {
    rows: &'static str,
    deletions: &'static str,
}

const STATIC_TABLE: Table = Table {
    rows: "SELECT id, vector FROM claim_vectors WHERE id > ?1 ORDER BY id",
    deletions: "SELECT count FROM vector_deletions WHERE one = 1",
};

const ENCODER_TABLE: Table = Table {
    rows: "SELECT id, vector FROM claim_encodings WHERE id > ?1 ORDER BY id",
    deletions: "SELECT count FROM encoding_deletions WHERE one = 1",
};

/// The index in `cache`, brought up to date: rows above its highest id are
/// appended, and any deletion since it was loaded reloads it whole.
fn refreshed<const D: usize>(
    conn: &Connection,
    cache: &std::sync::Mutex<Option<Arc<VectorIndex<D>>>>,
    table: Table,
) -> Result<Arc<VectorIndex<D>>> {
    let deletions: i64 = conn.query_row(table.deletions, [], |r| r.get(0))?;
    let mut cache = cache.lock().unwrap_or_else(|e| e.into_inner());
    let fresh = match cache.take() {
        Some(old) if old.deletions == deletions => {
            let mut index = Arc::unwrap_or_clone(old);
            index.load_after(conn, &table)?;
            index
        }
        _ => {
            let mut index = VectorIndex {
                deletions,
                index: Index::default(),
            };
            index.load_after(conn, &table)?;
            index
        }
    };
    let fresh = Arc::new(fresh);
    *cache = Some(fresh.clone());
    Ok(fresh)
}

/// A vector index as loaded from the database.
#[derive(Debug, Clone)]
pub(crate) struct VectorIndex<const D: usize = DIM> {
    pub(crate) index: Index<D>,
    /// The table's deletion count when this was loaded.
    deletions: i64,
}

/// The encoder's vectors, as loaded.
pub(crate) type EncodingIndex = VectorIndex<HIDDEN>;

impl<const D: usize> VectorIndex<D> {
    fn load_after(&mut self, conn: &Connection, table: &Table) -> Result<()> {
        let after = self.index.last_id().unwrap_or(0);
        let mut stmt = conn.prepare_cached(table.rows)?;
        let mut rows = stmt.query([after])?;
        while let Some(row) = rows.next()? {
            let bytes = row.get_ref(1)?.as_blob().map_err(rusqlite::Error::from)?;
            if let Some(v) = Vector::<D>::from_bytes(bytes) {
                self.index.push(row.get(0)?, &v);
            }
        }
        Ok(())
    }
}
