//! Every check a bundle must pass before a merge may write: sizes, ids,
//! references, times, links, spans and anchors, captures and archived copies.

use std::collections::{HashMap, HashSet};

use super::*;

fn check_str(what: &str, id: &str, s: &str, max: usize) -> Result<()> {
    if s.len() > max {
        return Err(bad(format!(
            "{what} of {id} is {} bytes long; the limit is {max}",
            s.len()
        )));
    }
    if s.contains('\0') {
        return Err(bad(format!("{what} of {id} contains a NUL character")));
    }
    Ok(())
}

fn check_opt(what: &str, id: &str, s: &Option<String>, max: usize) -> Result<()> {
    s.as_deref().map_or(Ok(()), |s| check_str(what, id, s, max))
}

fn check_time(what: &str, id: &str, t: &str) -> Result<()> {
    chrono::DateTime::parse_from_rfc3339(t)
        .map(|_| ())
        .map_err(|_| {
            bad(format!(
                "{what} of {id} is not an RFC 3339 time: {}",
                crate::quoted(t)
            ))
        })
}

fn check_link(what: &str, id: &str, url: &str) -> Result<()> {
    match crate::store::check_url(url) {
        Ok(u) if u == url => Ok(()),
        Ok(_) => Err(bad(format!(
            "{what} of {id} is not in the form factdesk stores: {}",
            crate::quoted(url)
        ))),
        Err(e) => Err(bad(format!("{what} of {id}: {e}"))),
    }
}

fn check_id(table: &str, id: &str) -> Result<()> {
    if id.len() != 36 || !id.chars().all(|c| c.is_ascii_hexdigit() || c == '-') {
        return Err(bad(format!(
            "{table} id {} is not a factdesk id",
            crate::quoted(id)
        )));
    }
    Ok(())
}

fn unique<'a>(table: &str, ids: impl Iterator<Item = &'a str>) -> Result<HashSet<&'a str>> {
    let mut seen = HashSet::new();
    for id in ids {
        check_id(table, id)?;
        if !seen.insert(id) {
            return Err(bad(format!("the bundle has {table} id {id} twice")));
        }
    }
    Ok(seen)
}

fn known(set: &HashSet<&str>, what: &str, id: &str, whose: &str) -> Result<()> {
    if set.contains(id) {
        Ok(())
    } else {
        Err(bad(format!(
            "{whose} refers to {what} {id}, which is not in the bundle"
        )))
    }
}

/// Every check a bundle must pass before a merge writes anything.
pub(super) fn check(b: &Bundle) -> Result<()> {
    let c = &b.content;
    let counts = c.counts();
    if counts != b.manifest.counts {
        return Err(bad(format!(
            "the bundle's content does not match its manifest's counts (manifest {:?}, content {:?})",
            b.manifest.counts, counts
        )));
    }
    let articles = unique("article", c.articles.iter().map(|a| a.id.as_str()))?;
    let entities = unique("entity", c.entities.iter().map(|e| e.id.as_str()))?;
    let claims = unique("claim", c.claims.iter().map(|x| x.id.as_str()))?;
    let verdicts = unique("verdict", c.verdicts.iter().map(|v| v.id.as_str()))?;
    let evidence = unique("evidence", c.evidence.iter().map(|e| e.id.as_str()))?;
    unique("relation", c.relations.iter().map(|r| r.id.as_str()))?;
    unique("change", c.changes.iter().map(|x| x.id.as_str()))?;

    let mut hashes = HashSet::new();
    let mut chars: HashMap<&str, Vec<char>> = HashMap::new();
    for a in &c.articles {
        let id = format!("article {}", a.id);
        check_str("the title", &id, &a.title, MAX_TEXT)?;
        check_str(
            "the text",
            &id,
            &a.body,
            crate::text::MAX_FILE_BYTES.max(MAX_TEXT),
        )?;
        for (what, v) in [("the outlet", &a.outlet), ("the author", &a.author)] {
            check_opt(what, &id, v, MAX_NAME)?;
        }
        if let Some(u) = &a.url {
            check_link("the address", &id, u)?;
        }
        if let Some(d) = &a.published
            && crate::store::check_date(d).ok().as_deref() != Some(d.as_str())
        {
            return Err(bad(format!(
                "the publication date of {id} is not YYYY-MM-DD: {}",
                crate::quoted(d)
            )));
        }
        check_time("the import time", &id, &a.imported_at)?;
        if crate::text::content_hash(&a.body) != a.content_hash {
            return Err(bad(format!(
                "the content hash of {id} does not match its text"
            )));
        }
        if !hashes.insert(a.content_hash.as_str()) {
            return Err(bad(format!(
                "the bundle has the text of {id} twice, under two ids"
            )));
        }
        chars.insert(&a.id, a.body.chars().collect());
    }
    let mut names = HashSet::new();
    for e in &c.entities {
        let id = format!("entity {}", e.id);
        check_str("the name", &id, &e.name, MAX_NAME)?;
        if e.name.trim().is_empty() {
            return Err(bad(format!("{id} has an empty name")));
        }
        for a in &e.aliases {
            check_str("an alias", &id, a, MAX_NAME)?;
        }
        if !names.insert((e.kind, e.name.to_lowercase())) {
            return Err(bad(format!(
                "the bundle has the {} {} twice, under two ids",
                e.kind,
                crate::quoted(&e.name)
            )));
        }
    }
    for x in &c.claims {
        let id = format!("claim {}", x.id);
        known(&articles, "article", &x.article_id, &id)?;
        check_str("the text", &id, &x.text, MAX_TEXT)?;
        for (what, v) in [
            ("the prefix", &x.anchor_prefix),
            ("the suffix", &x.anchor_suffix),
        ] {
            check_str(what, &id, v, MAX_NAME)?;
        }
        check_opt("the speaker", &id, &x.speaker, MAX_TEXT)?;
        check_opt("the confirming checker", &id, &x.confirmed_by, MAX_NAME)?;
        for link in x.speakers.iter().chain(&x.sources) {
            known(&entities, "entity", &link.entity_id, &id)?;
            check_opt("a role", &id, &link.detail, MAX_NAME)?;
        }
        if !(0.0..=1.0).contains(&x.checkworthiness) {
            return Err(bad(format!(
                "the check-worthiness of {id} is {}, outside 0 to 1",
                x.checkworthiness
            )));
        }
        let body = &chars[x.article_id.as_str()];
        if x.span.start >= x.span.end || x.span.end > body.len() {
            return Err(bad(format!(
                "the span {}..{} of {id} is outside its article's {} characters",
                x.span.start,
                x.span.end,
                body.len()
            )));
        }
        let exact: String = body[x.span.start..x.span.end].iter().collect();
        if exact != x.anchor_exact {
            return Err(bad(format!(
                "the anchor of {id} is not its article's text at {}..{}",
                x.span.start, x.span.end
            )));
        }
        if x.text.is_empty() {
            return Err(bad(format!("{id} has no text")));
        }
        check_time("the creation time", &id, &x.created_at)?;
        check_time("the change time", &id, &x.updated_at)?;
        if let Some(t) = &x.confirmed_at {
            check_time("the confirmation time", &id, t)?;
        }
        if let Some(u) = &x.review_url {
            check_link("the review address", &id, u)?;
        }
    }
    for v in &c.verdicts {
        let id = format!("verdict {}", v.id);
        known(&claims, "claim", &v.claim_id, &id)?;
        let scale = crate::scale::Scale::by_id(&v.scale).map_err(|_| {
            bad(format!(
                "{id} is on an unknown rating scale {}",
                crate::quoted(&v.scale)
            ))
        })?;
        let rating = scale.rating(&v.rating).map_err(|_| {
            bad(format!(
                "{id} has a rating {} that the {} scale does not have",
                crate::quoted(&v.rating),
                crate::quoted(&v.scale)
            ))
        })?;
        if rating.label != v.rating || rating.value != v.value {
            return Err(bad(format!(
                "{id} does not match the {} scale's rating {:?}",
                v.scale, rating.label
            )));
        }
        check_opt("the rationale", &id, &v.note, MAX_TEXT)?;
        check_str("the checker", &id, &v.checker, MAX_NAME)?;
        check_time("the time", &id, &v.at)?;
    }
    for e in &c.evidence {
        let id = format!("evidence {}", e.id);
        known(&claims, "claim", &e.claim_id, &id)?;
        check_link("the link", &id, &e.url)?;
        check_opt("the title", &id, &e.title, MAX_TEXT)?;
        check_opt("the note", &id, &e.note, MAX_TEXT)?;
        check_str("the checker", &id, &e.added_by, MAX_NAME)?;
        check_time("the time", &id, &e.added_at)?;
        if let Some(t) = &e.edited_at {
            check_time("the edit time", &id, t)?;
        }
    }
    for r in &c.relations {
        let id = format!("relation {}", r.id);
        known(&claims, "claim", &r.a, &id)?;
        known(&claims, "claim", &r.b, &id)?;
        if r.a == r.b {
            return Err(bad(format!("{id} relates a claim to itself")));
        }
        check_opt("the note", &id, &r.note, MAX_TEXT)?;
        check_time("the time", &id, &r.created_at)?;
    }
    let claim_of: HashMap<&str, &str> = c
        .verdicts
        .iter()
        .map(|v| (v.id.as_str(), v.claim_id.as_str()))
        .collect();
    for f in &c.conflicts {
        let id = format!("the conflict on claim {}", f.claim_id);
        known(&claims, "claim", &f.claim_id, &id)?;
        known(&verdicts, "verdict", &f.verdict_id, &id)?;
        if claim_of[f.verdict_id.as_str()] != f.claim_id {
            return Err(bad(format!(
                "{id} names verdict {}, which is another claim's",
                f.verdict_id
            )));
        }
        check_time("the time", &id, &f.flagged_at)?;
    }
    unique(
        "withdrawal",
        c.withdrawals.iter().map(|w| w.verdict_id.as_str()),
    )?;
    for w in &c.withdrawals {
        let id = format!("the withdrawal of verdict {}", w.verdict_id);
        known(&verdicts, "verdict", &w.verdict_id, &id)?;
        check_str("the checker", &id, &w.checker, MAX_NAME)?;
        check_time("the time", &id, &w.at)?;
    }
    unique("capture", c.captures.iter().map(|k| k.id.as_str()))?;
    let hex = |s: &str| s.len() == 64 && s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
    for k in &c.captures {
        let id = format!("capture {}", k.id);
        check_id("capture", &k.id)?;
        known(&evidence, "evidence link", &k.evidence_id, &id)?;
        check_time("the time", &id, &k.captured_at)?;
        check_str("the checker", &id, &k.checker, MAX_NAME)?;
        check_str("the address", &id, &k.requested_url, MAX_TEXT)?;
        for t in [
            &k.final_url,
            &k.content_type,
            &k.title,
            &k.failure,
            &k.reason,
            &k.body_sha256,
        ] {
            check_opt("a field", &id, t, MAX_TEXT)?;
        }
        match (k.status, &k.wacz_sha256) {
            (CaptureStatus::Archived, Some(sha)) if hex(sha) => {}
            (CaptureStatus::Failed, None) => {}
            _ => {
                return Err(bad(format!(
                    "{id}: an archived capture names its WACZ by SHA-256, a failed one names none"
                )));
            }
        }
    }
    unique("link check", c.link_checks.iter().map(|k| k.id.as_str()))?;
    for k in &c.link_checks {
        let id = format!("link check {}", k.id);
        check_id("link check", &k.id)?;
        known(&evidence, "evidence link", &k.evidence_id, &id)?;
        check_time("the time", &id, &k.checked_at)?;
        check_str("the reason", &id, &k.reason, MAX_TEXT)?;
        check_str("the checker", &id, &k.checker, MAX_NAME)?;
    }
    let mut archives = HashSet::new();
    for a in &c.archives {
        if !hex(&a.sha256) || !archives.insert(a.sha256.as_str()) {
            return Err(bad(format!(
                "the archived copy {} is not named by a SHA-256, or is there twice",
                crate::quoted(&a.sha256)
            )));
        }
        a.bytes()?;
    }
    for m in &c.matches {
        let id = format!("the match of claims {} and {}", m.a, m.b);
        known(&claims, "claim", &m.a, &id)?;
        known(&claims, "claim", &m.b, &id)?;
        if m.a >= m.b {
            return Err(bad(format!("{id} is not in order (a before b)")));
        }
        if m.state != "same" && m.state != "rejected" {
            return Err(bad(format!(
                "{id} has an unknown state {}",
                crate::quoted(&m.state)
            )));
        }
        check_str("the checker", &id, &m.checker, MAX_NAME)?;
        check_time("the time", &id, &m.at)?;
    }
    unique("assignment", c.assignments.iter().map(|a| a.id.as_str()))?;
    for a in &c.assignments {
        let id = format!("assignment {}", a.id);
        known(&claims, "claim", &a.claim_id, &id)?;
        check_opt("the assignee", &id, &a.assignee, MAX_NAME)?;
        check_str("the checker", &id, &a.by, MAX_NAME)?;
        check_time("the time", &id, &a.at)?;
    }
    unique("review", c.reviews.iter().map(|r| r.id.as_str()))?;
    for r in &c.reviews {
        let id = format!("review {}", r.id);
        known(&verdicts, "verdict", &r.verdict_id, &id)?;
        check_opt("the note", &id, &r.note, MAX_TEXT)?;
        check_str("the checker", &id, &r.by, MAX_NAME)?;
        check_time("the time", &id, &r.at)?;
    }
    for x in &c.changes {
        let id = format!("change {}", x.id);
        check_str("the action", &id, &x.action, MAX_NAME)?;
        check_str("the detail", &id, x.detail.get(), MAX_DETAIL)?;
        check_str("the actor", &id, &x.actor, MAX_NAME)?;
        check_time("the time", &id, &x.at)?;
        for (what, v) in [("claim", &x.claim_id), ("article", &x.article_id)] {
            if let Some(v) = v {
                check_id(what, v)?;
            }
        }
    }
    Ok(())
}
