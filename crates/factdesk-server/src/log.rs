//! The team's log: pushes in, pages out.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use deadpool_postgres::Pool;
use factdesk_core::bundle::{self, Content};
use factdesk_sync::{PullReply, PushReply, PushRequest};
use serde_json::Value;

use crate::auth::User;
use crate::canon::{Incoming, canonicalise, identity_of};
use crate::{Error, Result, sha256_hex};

/// Serialises pushes across every instance on the database.
const PUSH_LOCK: i64 = 0x6664_7075_7368;

/// How a kind of record is kept.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Keep {
    /// Written once; a record the server has is never changed.
    Once,
    /// Takes an edit whose stamp is later.
    LaterEdit,
    /// An entity: gains the aliases it did not have.
    Aliases,
}

struct KindDef {
    kind: &'static str,
    /// The member of the bundle's content.
    field: &'static str,
    key: &'static [&'static str],
    /// Who made it: set to the pushing person when the record is new.
    actor: Option<&'static str>,
    /// The time a later edit is judged by (the first present).
    stamp: &'static [&'static str],
    keep: Keep,
}

const KINDS: &[KindDef] = &[
    KindDef {
        kind: "article",
        field: "articles",
        key: &["id"],
        actor: None,
        stamp: &[],
        keep: Keep::Once,
    },
    KindDef {
        kind: "entity",
        field: "entities",
        key: &["id"],
        actor: None,
        stamp: &[],
        keep: Keep::Aliases,
    },
    KindDef {
        kind: "claim",
        field: "claims",
        key: &["id"],
        actor: None,
        stamp: &["updated_at"],
        keep: Keep::LaterEdit,
    },
    KindDef {
        kind: "verdict",
        field: "verdicts",
        key: &["id"],
        actor: Some("checker"),
        stamp: &[],
        keep: Keep::Once,
    },
    KindDef {
        kind: "evidence",
        field: "evidence",
        key: &["id"],
        actor: Some("added_by"),
        stamp: &["edited_at", "added_at"],
        keep: Keep::LaterEdit,
    },
    KindDef {
        kind: "relation",
        field: "relations",
        key: &["id"],
        actor: None,
        stamp: &[],
        keep: Keep::Once,
    },
    KindDef {
        kind: "conflict",
        field: "conflicts",
        key: &["claim_id", "verdict_id"],
        actor: None,
        stamp: &[],
        keep: Keep::Once,
    },
    KindDef {
        kind: "change",
        field: "changes",
        key: &["id"],
        actor: Some("actor"),
        stamp: &[],
        keep: Keep::Once,
    },
    KindDef {
        kind: "match",
        field: "matches",
        key: &["a", "b"],
        actor: Some("checker"),
        stamp: &["at"],
        keep: Keep::LaterEdit,
    },
    KindDef {
        kind: "withdrawal",
        field: "withdrawals",
        key: &["verdict_id"],
        actor: Some("checker"),
        stamp: &[],
        keep: Keep::Once,
    },
    KindDef {
        kind: "capture",
        field: "captures",
        key: &["id"],
        actor: Some("checker"),
        stamp: &[],
        keep: Keep::Once,
    },
    KindDef {
        kind: "link_check",
        field: "link_checks",
        key: &["id"],
        actor: Some("checker"),
        stamp: &[],
        keep: Keep::Once,
    },
    KindDef {
        kind: "assignment",
        field: "assignments",
        key: &["id"],
        actor: Some("by"),
        stamp: &[],
        keep: Keep::Once,
    },
    KindDef {
        kind: "review",
        field: "reviews",
        key: &["id"],
        actor: Some("by"),
        stamp: &[],
        keep: Keep::Once,
    },
];

fn def(kind: &str) -> &'static KindDef {
    KINDS.iter().find(|d| d.kind == kind).expect("a known kind")
}

fn key_of(d: &KindDef, v: &Value) -> String {
    d.key
        .iter()
        .map(|k| v[*k].as_str().unwrap_or_default())
        .collect::<Vec<_>>()
        .join("|")
}

fn stamp_of(d: &KindDef, v: &Value) -> String {
    d.stamp
        .iter()
        .find_map(|k| v[*k].as_str())
        .unwrap_or_default()
        .to_string()
}

/// Checks a pushed bundle as a merge would, and lists its records.
fn records(bundle_json: &str) -> Result<Vec<Incoming>> {
    let bundle = bundle::parse(bundle_json.as_bytes()).map_err(|e| {
        Error::BadRequest(format!("the push is not a bundle factdesk can merge: {e}"))
    })?;
    if !bundle.content.archives.is_empty() {
        return Err(Error::BadRequest(
            "the push carries archived copies: the team server takes records, not WACZ files"
                .into(),
        ));
    }
    let content =
        serde_json::to_value(&bundle.content).map_err(|e| Error::BadRequest(e.to_string()))?;
    let mut out = Vec::new();
    for d in KINDS {
        for v in content[d.field].as_array().into_iter().flatten() {
            out.push(Incoming {
                kind: d.kind,
                key: key_of(d, v),
                value: v.clone(),
            });
        }
    }
    Ok(out)
}

/// A record to write: new, or a later edit of one the server has.
struct Write {
    kind: &'static str,
    key: String,
    stamp: String,
    identity: Option<String>,
    body: String,
    new: bool,
}

/// Decides each record against what the server has.
fn decide(
    user: &User,
    incoming: Vec<Incoming>,
    have: &HashMap<(String, String), (String, Option<String>)>,
) -> Result<(Vec<Write>, usize)> {
    let mut writes = Vec::new();
    let mut unchanged = 0;
    for mut r in incoming {
        let d = def(r.kind);
        let existing = have.get(&(r.kind.to_string(), r.key.clone()));
        match (existing, d.keep) {
            (None, _) => {
                if r.kind == "review"
                    && r.value["state"].as_str() != Some("submitted")
                    && !user.role.may_review()
                {
                    return Err(Error::Forbidden(format!(
                        "{} is a checker: only an editor can approve or return a verdict (verdict {})",
                        user.name,
                        r.value["verdict_id"].as_str().unwrap_or_default()
                    )));
                }
                if let Some(field) = d.actor {
                    r.value[field] = Value::String(user.name.clone());
                }
                let body = r.value.to_string();
                writes.push(Write {
                    kind: r.kind,
                    stamp: stamp_of(d, &r.value),
                    identity: identity_of(r.kind, &r.value),
                    key: r.key,
                    body,
                    new: true,
                });
            }
            (Some(_), Keep::Once) => unchanged += 1,
            (Some((stamp, body)), Keep::LaterEdit) => {
                let theirs = stamp_of(d, &r.value);
                if theirs.as_str() > stamp.as_str() {
                    // The record's maker stays who the server first saw.
                    if let (Some(field), Some(old)) = (d.actor, body.as_deref())
                        && let Ok(old) = serde_json::from_str::<Value>(old)
                    {
                        r.value[field] = old[field].clone();
                    }
                    writes.push(Write {
                        kind: r.kind,
                        stamp: theirs,
                        identity: identity_of(r.kind, &r.value),
                        key: r.key,
                        body: r.value.to_string(),
                        new: false,
                    });
                } else {
                    unchanged += 1;
                }
            }
            (Some((_, body)), Keep::Aliases) => {
                let old: Value = body
                    .as_deref()
                    .and_then(|b| serde_json::from_str(b).ok())
                    .unwrap_or(Value::Null);
                let mut aliases: BTreeSet<String> = BTreeSet::new();
                for v in [&old, &r.value] {
                    for a in v["aliases"].as_array().into_iter().flatten() {
                        if let Some(a) = a.as_str() {
                            aliases.insert(a.to_string());
                        }
                    }
                }
                let had = old["aliases"].as_array().map_or(0, |a| a.len());
                if aliases.len() > had {
                    let mut v = old.clone();
                    v["aliases"] = aliases.into_iter().map(Value::String).collect();
                    writes.push(Write {
                        kind: r.kind,
                        stamp: String::new(),
                        identity: identity_of(r.kind, &v),
                        key: r.key,
                        body: v.to_string(),
                        new: false,
                    });
                } else {
                    unchanged += 1;
                }
            }
        }
    }
    Ok((writes, unchanged))
}

/// Applies a push in one transaction and acknowledges it after the commit.
pub async fn push(pool: &Pool, user: &User, req: PushRequest) -> Result<PushReply> {
    if req.desk.trim().is_empty() || req.desk.len() > 100 {
        return Err(Error::BadRequest(
            "the push names no desk (or a name over 100 characters)".into(),
        ));
    }
    if req.base < 0 {
        return Err(Error::BadRequest("the push's base is below 0".into()));
    }
    let json = req.bundle.get().to_string();
    let incoming = tokio::task::spawn_blocking(move || records(&json))
        .await
        .map_err(|e| Error::BadRequest(format!("the push could not be read: {e}")))??;
    let mut client = pool.get().await?;
    let tx = client.transaction().await?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&PUSH_LOCK])
        .await?;
    let head: i64 = tx.query_one("SELECT seq FROM log_head", &[]).await?.get(0);
    if req.base > head {
        return Err(Error::BadRequest(format!(
            "the push is built on entry {} of the team's log, which has only {head}: is this desk synced with another server?",
            req.base
        )));
    }
    let others: i64 = tx
        .query_one(
            "SELECT count(*) FROM pushes WHERE seq > $1 AND desk <> $2",
            &[&req.base, &req.desk],
        )
        .await?
        .get(0);
    if others > 0 {
        return Err(Error::Stale(format!(
            "{others} push(es) from other desks came in after entry {} of the team's log that this push was built on: pull them first (factdesk sync does)",
            req.base
        )));
    }
    let mut incoming = incoming;
    let aliases = canonicalise(&tx, &mut incoming, |kind, v| key_of(def(kind), v)).await?;
    let (kinds, keys): (Vec<String>, Vec<String>) = incoming
        .iter()
        .map(|r| (r.kind.to_string(), r.key.clone()))
        .unzip();
    let mut have = HashMap::new();
    for row in tx
        .query(
            "SELECT r.kind, r.key, r.stamp, CASE WHEN r.kind IN ('entity', 'evidence', 'match', 'claim') THEN r.body END
             FROM rows r JOIN unnest($1::text[], $2::text[]) AS t(kind, key) ON r.kind = t.kind AND r.key = t.key",
            &[&kinds, &keys],
        )
        .await?
    {
        have.insert((row.get::<_, String>(0), row.get::<_, String>(1)), (row.get::<_, String>(2), row.get::<_, Option<String>>(3)));
    }
    let (mut writes, unchanged) = decide(user, incoming, &have)?;
    for a in aliases {
        let body = serde_json::json!({"kind": a.kind, "id": a.id, "to": a.to}).to_string();
        writes.push(Write {
            kind: "alias",
            key: format!("{}:{}", a.kind, a.id),
            stamp: String::new(),
            identity: None,
            body,
            new: true,
        });
    }
    if writes.is_empty() {
        tx.commit().await?;
        return Ok(PushReply {
            seq: 0,
            head,
            added: 0,
            updated: 0,
            unchanged,
        });
    }
    let seq = head + 1;
    let added = writes.iter().filter(|w| w.new).count();
    let updated = writes.len() - added;
    tx.execute(
        "INSERT INTO pushes(seq, user_id, desk, rows) VALUES ($1, $2, $3, $4)",
        &[&seq, &user.id, &req.desk, &(writes.len() as i32)],
    )
    .await?;
    let mut k = Vec::with_capacity(writes.len());
    let mut key = Vec::with_capacity(writes.len());
    let mut stamp = Vec::with_capacity(writes.len());
    let mut sha = Vec::with_capacity(writes.len());
    let mut identity: Vec<Option<String>> = Vec::with_capacity(writes.len());
    let mut body = Vec::with_capacity(writes.len());
    for w in writes {
        k.push(w.kind.to_string());
        key.push(w.key);
        stamp.push(w.stamp);
        identity.push(w.identity);
        sha.push(sha256_hex(&w.body));
        body.push(w.body);
    }
    tx.execute(
        "INSERT INTO rows(kind, key, seq, stamp, identity, sha256, body)
         SELECT t.kind, t.key, $1, t.stamp, t.identity, t.sha, t.body FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[]) AS t(kind, key, stamp, identity, sha, body)
         ON CONFLICT (kind, key) DO UPDATE SET seq = excluded.seq, stamp = excluded.stamp, identity = excluded.identity, sha256 = excluded.sha256, body = excluded.body",
        &[&seq, &k, &key, &stamp, &identity, &sha, &body],
    )
    .await?;
    tx.execute("UPDATE log_head SET seq = $1", &[&seq]).await?;
    tx.commit().await?;
    Ok(PushReply {
        seq,
        head: seq,
        added,
        updated,
        unchanged,
    })
}

/// The records that the log's entries `after + 1 ..= upto` wrote, with those
/// they hang on, as a bundle; `upto` covers whole entries of at most `limit`
/// rows (a larger entry comes alone).
pub async fn pull(pool: &Pool, after: i64, limit: usize) -> Result<PullReply> {
    let client = pool.get().await?;
    let head: i64 = client
        .query_one("SELECT seq FROM log_head", &[])
        .await?
        .get(0);
    if after >= head {
        return Ok(PullReply {
            head,
            upto: head.max(after),
            bundle: None,
        });
    }
    let mut upto = after;
    let mut rows = 0usize;
    for r in client
        .query(
            "SELECT seq, rows FROM pushes WHERE seq > $1 ORDER BY seq LIMIT 10000",
            &[&after],
        )
        .await?
    {
        let n = r.get::<_, i32>(1) as usize;
        if upto > after && rows + n > limit {
            break;
        }
        upto = r.get(0);
        rows += n;
    }
    let mut by_kind: BTreeMap<&'static str, BTreeMap<String, Value>> = BTreeMap::new();
    for r in client
        .query(
            "SELECT kind, key, body FROM rows WHERE seq > $1 AND seq <= $2 ORDER BY seq",
            &[&after, &upto],
        )
        .await?
    {
        let kind: String = r.get(0);
        let Some(d) = KINDS.iter().find(|d| d.kind == kind) else {
            continue;
        };
        let body: String = r.get(2);
        let v: Value = serde_json::from_str(&body)
            .map_err(|e| Error::Database(format!("a stored {kind} is damaged: {e}")))?;
        by_kind.entry(d.kind).or_default().insert(r.get(1), v);
    }
    close_over(&client, &mut by_kind).await?;
    let bundle = tokio::task::spawn_blocking(move || bundle_of(by_kind))
        .await
        .map_err(|e| Error::Database(e.to_string()))??;
    Ok(PullReply {
        head,
        upto,
        bundle: Some(bundle),
    })
}

/// Adds the records that the page's records refer to, which a bundle must
/// carry: a verdict's claim, a claim's article and entities, and so on.
async fn close_over(
    client: &deadpool_postgres::Client,
    by_kind: &mut BTreeMap<&'static str, BTreeMap<String, Value>>,
) -> Result<()> {
    // (kind of the record, its field, kind it names)
    const REFS: &[(&str, &str, &str)] = &[
        ("capture", "evidence_id", "evidence"),
        ("link_check", "evidence_id", "evidence"),
        ("conflict", "verdict_id", "verdict"),
        ("withdrawal", "verdict_id", "verdict"),
        ("review", "verdict_id", "verdict"),
        ("verdict", "claim_id", "claim"),
        ("evidence", "claim_id", "claim"),
        ("conflict", "claim_id", "claim"),
        ("relation", "a", "claim"),
        ("relation", "b", "claim"),
        ("match", "a", "claim"),
        ("match", "b", "claim"),
        ("assignment", "claim_id", "claim"),
        ("claim", "article_id", "article"),
    ];
    // In this order every kind is complete before the kinds it names are looked up.
    for target in ["evidence", "verdict", "claim", "article", "entity"] {
        let mut want: BTreeSet<String> = BTreeSet::new();
        for (from, field, to) in REFS {
            if *to != target {
                continue;
            }
            for v in by_kind.get(from).into_iter().flat_map(|m| m.values()) {
                if let Some(id) = v[*field].as_str() {
                    want.insert(id.to_string());
                }
            }
        }
        if target == "entity" {
            for v in by_kind.get("claim").into_iter().flat_map(|m| m.values()) {
                for list in ["speakers", "sources"] {
                    for l in v[list].as_array().into_iter().flatten() {
                        if let Some(id) = l["entity_id"].as_str() {
                            want.insert(id.to_string());
                        }
                    }
                }
            }
        }
        let have = by_kind.entry(def(target).kind).or_default();
        let missing: Vec<String> = want.into_iter().filter(|k| !have.contains_key(k)).collect();
        if missing.is_empty() {
            continue;
        }
        for r in client
            .query(
                "SELECT key, body FROM rows WHERE kind = $1 AND key = ANY($2)",
                &[&target, &missing],
            )
            .await?
        {
            let body: String = r.get(1);
            let v: Value = serde_json::from_str(&body)
                .map_err(|e| Error::Database(format!("a stored {target} is damaged: {e}")))?;
            have.insert(r.get(0), v);
        }
    }
    Ok(())
}

fn bundle_of(
    mut by_kind: BTreeMap<&'static str, BTreeMap<String, Value>>,
) -> Result<Box<serde_json::value::RawValue>> {
    // A desk flags its own copy of a claim; the team keeps each verdict on
    // the claim it was given on, so a flag names that claim (once).
    let verdict_claim: HashMap<String, Value> = by_kind
        .get("verdict")
        .into_iter()
        .flat_map(|m| m.values())
        .map(|v| {
            (
                v["id"].as_str().unwrap_or_default().to_string(),
                v["claim_id"].clone(),
            )
        })
        .collect();
    if let Some(conflicts) = by_kind.remove("conflict") {
        let mut kept = BTreeMap::new();
        for (_, mut f) in conflicts {
            if let Some(c) = f["verdict_id"].as_str().and_then(|v| verdict_claim.get(v)) {
                f["claim_id"] = c.clone();
            }
            let key = format!(
                "{}|{}",
                f["claim_id"].as_str().unwrap_or_default(),
                f["verdict_id"].as_str().unwrap_or_default()
            );
            kept.entry(key).or_insert(f);
        }
        by_kind.insert("conflict", kept);
    }
    let mut content = serde_json::Map::new();
    for d in KINDS {
        let list: Vec<Value> = by_kind
            .get(d.kind)
            .map(|m| m.values().cloned().collect())
            .unwrap_or_default();
        content.insert(d.field.to_string(), Value::Array(list));
    }
    let content: Content = serde_json::from_value(Value::Object(content))
        .map_err(|e| Error::Database(format!("the team's records do not make a bundle: {e}")))?;
    let bytes = serde_json::to_vec(&content).map_err(|e| Error::Database(e.to_string()))?;
    let counts = content.counts();
    let mut out = Vec::with_capacity(bytes.len() + 512);
    bundle::write(&bytes, counts, &mut out).map_err(|e| Error::Database(e.to_string()))?;
    let text = String::from_utf8(out).map_err(|e| Error::Database(e.to_string()))?;
    serde_json::value::RawValue::from_string(text).map_err(|e| Error::Database(e.to_string()))
}
