//! People and their tokens. A token is shown once, when it is issued; the
//! server keeps only its SHA-256, so a copy of the database signs no one in.

use deadpool_postgres::Pool;
use factdesk_sync::Role;
use serde::Serialize;

use crate::{Error, Result, sha256_hex};

/// A signed-in person, as the server knows them.
#[derive(Debug, Clone)]
pub struct User {
    pub id: i64,
    pub name: String,
    pub role: Role,
}

#[derive(Debug, Clone, Serialize)]
pub struct UserRow {
    pub name: String,
    pub role: String,
    pub created_at: String,
    pub revoked: bool,
}

fn new_token() -> Result<String> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)
        .map_err(|e| Error::Database(format!("no randomness for a token: {e}")))?;
    Ok(format!(
        "fdt_{}",
        bytes.iter().map(|b| format!("{b:02x}")).collect::<String>()
    ))
}

/// The person a bearer token belongs to.
pub async fn user_of(pool: &Pool, header: Option<&str>) -> Result<User> {
    let token = header
        .and_then(|h| h.strip_prefix("Bearer "))
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .ok_or_else(|| {
            Error::Unauthorized(
                "no token: sign in with the token an admin issued you (factdesk config token TOKEN)"
                    .into(),
            )
        })?;
    let client = pool.get().await?;
    let row = client
        .query_opt(
            "SELECT id, name, role, revoked_at IS NOT NULL FROM users WHERE token_sha256 = $1",
            &[&sha256_hex(token)],
        )
        .await?
        .ok_or_else(|| {
            Error::Unauthorized(
                "this token is not known to the team server: ask an admin for a new one".into(),
            )
        })?;
    if row.get::<_, bool>(3) {
        return Err(Error::Unauthorized(format!(
            "the token of {} was revoked: ask an admin for a new one",
            row.get::<_, String>(1)
        )));
    }
    let role: String = row.get(2);
    Ok(User {
        id: row.get(0),
        name: row.get(1),
        role: Role::parse(&role)
            .ok_or_else(|| Error::Database(format!("unknown role {role:?}")))?,
    })
}

/// Adds a person and returns their token (or, for someone revoked, issues a
/// new token). The token is not stored.
pub async fn add_user(pool: &Pool, name: &str, role: Role) -> Result<String> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 200 || name.chars().any(char::is_control) {
        return Err(Error::Invalid(
            "a person's name is 1 to 200 characters, with no control characters".into(),
        ));
    }
    let token = new_token()?;
    let client = pool.get().await?;
    let n = client
        .execute(
            "INSERT INTO users(name, role, token_sha256) VALUES ($1, $2, $3)
             ON CONFLICT (name) DO UPDATE SET role = excluded.role, token_sha256 = excluded.token_sha256, revoked_at = NULL
             WHERE users.revoked_at IS NOT NULL",
            &[&name, &role.as_str(), &sha256_hex(&token)],
        )
        .await?;
    if n == 0 {
        return Err(Error::Invalid(format!(
            "{name} already has a token: revoke it first (factdesk-server user revoke {name:?}) to issue a new one"
        )));
    }
    Ok(token)
}

pub async fn revoke_user(pool: &Pool, name: &str) -> Result<()> {
    let client = pool.get().await?;
    let n = client
        .execute(
            "UPDATE users SET revoked_at = now() WHERE name = $1 AND revoked_at IS NULL",
            &[&name.trim()],
        )
        .await?;
    if n == 0 {
        return Err(Error::Invalid(format!(
            "no one called {name:?} has a token to revoke"
        )));
    }
    Ok(())
}

pub async fn list_users(pool: &Pool) -> Result<Vec<UserRow>> {
    let client = pool.get().await?;
    Ok(client
        .query(
            "SELECT name, role, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), revoked_at IS NOT NULL FROM users ORDER BY name",
            &[],
        )
        .await?
        .iter()
        .map(|r| UserRow {
            name: r.get(0),
            role: r.get(1),
            created_at: r.get(2),
            revoked: r.get(3),
        })
        .collect())
}
