//! The connection pool and the schema's migrations (ordered SQL files,
//! applied on start, never edited once released).

use deadpool_postgres::{Config, Pool, Runtime};
use tokio_postgres::NoTls;

use crate::{Error, Result};

const MIGRATIONS: &[(i32, &str)] = &[(1, include_str!("../migrations/0001_init.sql"))];

/// The advisory lock that serialises migrations across instances.
const MIGRATION_LOCK: i64 = 0x6664_6d69_6772;

/// A pool of connections to `url` (a `postgres://` URL or libpq's
/// `host=... dbname=...` form; a host starting with `/` is a Unix socket).
pub fn pool(url: &str, size: usize) -> Result<Pool> {
    let mut cfg = Config::new();
    cfg.url = Some(url.to_string());
    cfg.pool = Some(deadpool_postgres::PoolConfig::new(size));
    cfg.create_pool(Some(Runtime::Tokio1), NoTls)
        .map_err(|e| Error::Invalid(format!("the database address {url:?} cannot be used: {e}")))
}

/// Applies the migrations this database does not have, in one transaction.
pub async fn migrate(pool: &Pool) -> Result<()> {
    let mut client = pool.get().await?;
    let tx = client.transaction().await?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK])
        .await?;
    tx.batch_execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())",
    )
    .await?;
    let have: Option<i32> = tx
        .query_one("SELECT max(version) FROM schema_migrations", &[])
        .await?
        .get(0);
    let have = have.unwrap_or(0);
    let newest = MIGRATIONS.last().map_or(0, |m| m.0);
    if have > newest {
        return Err(Error::Database(format!(
            "the database is at schema version {have}, newer than this server's {newest}: upgrade factdesk-server"
        )));
    }
    for (version, sql) in MIGRATIONS.iter().filter(|m| m.0 > have) {
        tx.batch_execute(sql).await?;
        tx.execute(
            "INSERT INTO schema_migrations(version) VALUES ($1)",
            &[version],
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}
