//! One record, one id: a push's ids mapped to the team's, as a merge maps a
//! bundle's ids to its desk's.
//!
//! Two desks that import the same article get two ids for it, for each
//! person named in it and for each claim extracted from it. The first id
//! the server sees is the team's; a second desk's id for the same record
//! (an article by its text, an entity by kind and name, a claim by its
//! article, span and text) is kept as an `alias` row, and every record of a
//! push is rewritten to the team's ids before it is stored. So the stored
//! records refer to one another consistently, and any page of them is a
//! bundle a desk can merge.

use std::collections::{BTreeSet, HashMap};

use deadpool_postgres::Transaction;
use serde_json::Value;

use crate::{Result, sha256_hex};

/// A record of a push, by kind, key (its id, or ids joined) and value.
pub(crate) struct Incoming {
    pub(crate) kind: &'static str,
    pub(crate) key: String,
    pub(crate) value: Value,
}

/// A second desk's id for a record the team has under another.
pub(crate) struct Alias {
    pub(crate) kind: &'static str,
    pub(crate) id: String,
    pub(crate) to: String,
}

/// What makes two records of different ids one (articles, entities and
/// claims; claims after their article is the team's).
pub(crate) fn identity_of(kind: &str, v: &Value) -> Option<String> {
    let s = |f: &str| v[f].as_str().unwrap_or_default();
    match kind {
        "article" => Some(s("content_hash").to_string()),
        "entity" => Some(format!("{}|{}", s("kind"), s("name").to_lowercase())),
        "claim" => Some(format!(
            "{}|{}|{}|{}",
            s("article_id"),
            v["span"]["start"],
            v["span"]["end"],
            sha256_hex(s("text"))
        )),
        _ => None,
    }
}

/// The team's id for each record of `kind` in the push: its own when the
/// team has it or nothing like it, else the id it has under. Aliases new to
/// the server are added to `aliases`.
async fn resolve(
    tx: &Transaction<'_>,
    kind: &'static str,
    incoming: &[Incoming],
    aliases: &mut Vec<Alias>,
) -> Result<HashMap<String, String>> {
    let mine: Vec<&Incoming> = incoming.iter().filter(|r| r.kind == kind).collect();
    let mut to: HashMap<String, String> = HashMap::new();
    if mine.is_empty() {
        return Ok(to);
    }
    let keys: Vec<String> = mine.iter().map(|r| r.key.clone()).collect();
    let alias_keys: Vec<String> = keys.iter().map(|k| format!("{kind}:{k}")).collect();
    let identities: Vec<String> = mine
        .iter()
        .map(|r| identity_of(kind, &r.value).unwrap_or_default())
        .collect();
    for row in tx
        .query(
            "SELECT key FROM rows WHERE kind = $1 AND key = ANY($2)",
            &[&kind, &keys],
        )
        .await?
    {
        let k: String = row.get(0);
        to.insert(k.clone(), k);
    }
    for row in tx
        .query(
            "SELECT body::json->>'id', body::json->>'to' FROM rows WHERE kind = 'alias' AND key = ANY($1)",
            &[&alias_keys],
        )
        .await?
    {
        to.insert(row.get(0), row.get(1));
    }
    let mut by_identity: HashMap<String, String> = HashMap::new();
    for row in tx
        .query(
            "SELECT identity, key FROM rows WHERE kind = $1 AND identity = ANY($2)",
            &[&kind, &identities],
        )
        .await?
    {
        by_identity.insert(row.get(0), row.get(1));
    }
    for (r, identity) in mine.iter().zip(identities) {
        if to.contains_key(&r.key) {
            continue;
        }
        match by_identity.get(&identity) {
            Some(team) if *team != r.key => {
                aliases.push(Alias {
                    kind,
                    id: r.key.clone(),
                    to: team.clone(),
                });
                to.insert(r.key.clone(), team.clone());
            }
            _ => {
                by_identity.insert(identity, r.key.clone());
                to.insert(r.key.clone(), r.key.clone());
            }
        }
    }
    Ok(to)
}

fn swap(v: &mut Value, to: &HashMap<String, String>) {
    if let Some(team) = v.as_str().and_then(|id| to.get(id)) {
        *v = Value::String(team.clone());
    }
}

/// Rewrites the push to the team's ids; returns the aliases it made.
/// Records that became another record of the push (an article the team has
/// under its own id) are dropped; `key_of` recomputes the keys.
pub(crate) async fn canonicalise(
    tx: &Transaction<'_>,
    incoming: &mut Vec<Incoming>,
    key_of: impl Fn(&'static str, &Value) -> String,
) -> Result<Vec<Alias>> {
    let mut aliases = Vec::new();
    let articles = resolve(tx, "article", incoming, &mut aliases).await?;
    let entities = resolve(tx, "entity", incoming, &mut aliases).await?;
    for r in incoming.iter_mut() {
        match r.kind {
            "article" | "entity" => {
                let map = if r.kind == "article" {
                    &articles
                } else {
                    &entities
                };
                swap(&mut r.value["id"], map);
            }
            "claim" => {
                swap(&mut r.value["article_id"], &articles);
                for list in ["speakers", "sources"] {
                    if let Some(links) = r.value[list].as_array_mut() {
                        for l in links.iter_mut() {
                            swap(&mut l["entity_id"], &entities);
                        }
                        let mut seen = BTreeSet::new();
                        links.retain(|l| seen.insert(l["entity_id"].to_string()));
                    }
                }
            }
            "change" => swap(&mut r.value["article_id"], &articles),
            _ => {}
        }
    }
    // Claims are known by their article, so they come after articles.
    let claims = resolve(tx, "claim", incoming, &mut aliases).await?;
    for r in incoming.iter_mut() {
        let fields: &[&str] = match r.kind {
            "claim" => &["id"],
            "verdict" | "evidence" | "conflict" | "assignment" => &["claim_id"],
            "change" => &["claim_id"],
            "relation" | "match" => &["a", "b"],
            _ => &[],
        };
        for f in fields {
            swap(&mut r.value[*f], &claims);
        }
        if r.kind == "match" && r.value["a"].as_str() > r.value["b"].as_str() {
            let a = r.value["a"].take();
            r.value["a"] = r.value["b"].take();
            r.value["b"] = a;
        }
    }
    // An article the team has under another id needs no record of its own.
    let aliased: BTreeSet<String> = aliases
        .iter()
        .filter(|a| a.kind == "article")
        .map(|a| a.id.clone())
        .collect();
    incoming.retain(|r| !(r.kind == "article" && aliased.contains(&r.key)));
    for r in incoming.iter_mut() {
        r.key = key_of(r.kind, &r.value);
    }
    // Two records that are now one: the later edit of it stays.
    incoming.sort_by(|x, y| {
        (x.kind, &x.key, x.value["updated_at"].as_str()).cmp(&(
            y.kind,
            &y.key,
            y.value["updated_at"].as_str(),
        ))
    });
    let mut out: Vec<Incoming> = Vec::with_capacity(incoming.len());
    for r in incoming.drain(..) {
        match out.last_mut() {
            Some(last) if last.kind == r.kind && last.key == r.key => *last = r,
            _ => out.push(r),
        }
    }
    *incoming = out;
    Ok(aliases)
}
