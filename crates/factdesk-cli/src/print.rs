//! How the commands print: lines for people, JSON for scripts.

use std::path::Path;

use factdesk_core::extract::Extraction;
use factdesk_core::import::Document;
use factdesk_core::model::Claim;
use factdesk_core::views::ClaimDetail;

/// The JSON shape of a listed claim (see the README).
pub(crate) fn claim_json(c: &Claim) -> serde_json::Value {
    serde_json::json!({
        "id": c.id,
        "article_id": c.article_id,
        "text": c.text,
        "kind": c.kind,
        "speaker": c.speaker,
        "speakers": c.speakers,
        "sources": c.sources,
        "span": c.span,
        "anchor": c.anchor,
        "checkworthiness": c.checkworthiness,
        "origin": c.origin,
        "status": c.status,
        "verdict": c.verdict.as_ref().map(verdict_json),
        "needs_reconciliation": !c.conflict.is_empty(),
        "conflict": c.conflict.iter().map(verdict_json).collect::<Vec<_>>(),
        "evidence": c.evidence.iter().map(|e| serde_json::json!({
            "id": e.id, "url": e.url, "title": e.title, "stance": e.stance, "note": e.note, "added_by": e.added_by, "added_at": e.added_at,
        })).collect::<Vec<_>>(),
        "created_at": c.created_at,
        "updated_at": c.updated_at,
        "confirmed_by": c.confirmed_by,
        "confirmed_at": c.confirmed_at,
        "review_url": c.review_url,
        "assignee": c.assignee,
    })
}

pub(crate) fn print_merge(path: &Path, o: &factdesk_core::store::MergeOutcome) {
    if !o.changed_anything() {
        println!("{}: nothing new; the database is unchanged", path.display());
        return;
    }
    let a = &o.added;
    println!(
        "{}: added {} articles, {} claims, {} verdicts, {} evidence links, {} relations, {} history entries; {} claims took a later edit",
        path.display(),
        a.articles,
        a.claims,
        a.verdicts,
        a.evidence,
        a.relations,
        a.changes,
        o.updated_claims
    );
    if o.updated_evidence > 0 {
        println!("  {} evidence links took a later edit", o.updated_evidence);
    }
    if o.kept_deleted > 0 {
        println!("  {} claims deleted here were left deleted", o.kept_deleted);
    }
    if o.settled > 0 {
        println!(
            "  {} disagreements were already settled in the bundle",
            o.settled
        );
    }
    if !o.conflicts.is_empty() {
        println!(
            "  {} claims need reconciliation (the desks' verdicts disagree; both are kept):",
            o.conflicts.len()
        );
        for id in &o.conflicts {
            println!("    {id}");
        }
        println!(
            "  list them with `factdesk claims --needs-reconciliation`; a new verdict settles each"
        );
    }
}

pub(crate) fn verdict_json(v: &factdesk_core::model::Verdict) -> serde_json::Value {
    serde_json::json!({
        "rating": v.rating, "value": v.value, "note": v.note, "checker": v.checker, "at": v.at, "scale": v.scale,
        "review": v.review,
    })
}

pub(crate) fn short(s: &str, n: usize) -> String {
    let mut out: String = s.chars().take(n).collect();
    if s.chars().count() > n {
        out.push('…');
    }
    out
}

pub(crate) fn print_claim_line(c: &Claim) {
    let verdict = if c.conflict.is_empty() {
        c.verdict.as_ref().map(|v| v.rating.as_str()).unwrap_or("—")
    } else {
        "RECONCILE"
    };
    println!(
        "{}  {:.2}  {:<10} {:<12} {:<14} {}  [{}]",
        c.id,
        c.checkworthiness,
        c.kind.as_str(),
        c.status.as_str(),
        verdict,
        short(&c.text, 70),
        c.speaker.as_deref().unwrap_or("article")
    );
}

pub(crate) fn print_claim_detail(d: &ClaimDetail) {
    let (c, verdicts) = (&d.claim, &d.verdicts);
    println!("Claim {}", c.id);
    println!("  \"{}\"", c.text);
    println!(
        "  kind: {}   status: {}   check-worthiness: {:.2}   origin: {}",
        c.kind, c.status, c.checkworthiness, c.origin
    );
    let mut reasons: Vec<_> = d
        .worth_reasons
        .iter()
        .filter(|r| r.weight.abs() >= 0.1)
        .collect();
    reasons.sort_by(|a, b| b.weight.abs().total_cmp(&a.weight.abs()));
    let moving: Vec<String> = reasons
        .iter()
        .take(5)
        .map(|r| format!("{} {:+.2}", r.word, r.weight))
        .collect();
    if !moving.is_empty() {
        println!("  check-worthiness moved most by: {}", moving.join(", "));
    }
    for s in &c.speakers {
        println!(
            "  speaker: {}{}",
            s.name,
            s.role
                .as_ref()
                .map(|r| format!(" ({r})"))
                .unwrap_or_default()
        );
    }
    if !c.sources.is_empty() {
        println!("  sources: {}", c.sources.join(", "));
    }
    println!(
        "  article: {} \"{}\", chars {}..{}",
        c.article_id, d.article_title, c.span.start, c.span.end
    );
    match &c.verdict {
        Some(v) => println!(
            "  verdict: {} by {} at {}{}",
            v.rating,
            v.checker,
            v.at,
            v.note
                .as_ref()
                .map(|n| format!("\n    {n}"))
                .unwrap_or_default()
        ),
        None => println!("  verdict: none yet"),
    }
    if !c.conflict.is_empty() {
        println!(
            "  NEEDS RECONCILIATION: the desks' verdicts disagree (a new verdict settles it):"
        );
        for v in &c.conflict {
            println!(
                "    {} by {} at {}{}",
                v.rating,
                v.checker,
                v.at,
                v.note
                    .as_ref()
                    .map(|n| format!(" — {n}"))
                    .unwrap_or_default()
            );
        }
    }
    if verdicts.len() > 1 {
        println!("  earlier verdicts:");
        for v in &verdicts[..verdicts.len() - 1] {
            println!("    {} by {} at {}", v.rating, v.checker, v.at);
        }
    }
    for e in &c.evidence {
        println!(
            "  evidence [{}] {} {}{}",
            e.stance,
            e.url,
            e.title.as_deref().unwrap_or(""),
            e.note
                .as_ref()
                .map(|n| format!(" — {n}"))
                .unwrap_or_default()
        );
    }
    for r in &d.related {
        println!(
            "  {} {}: \"{}\"{}",
            r.role,
            r.other_id,
            short(&r.other_text, 60),
            r.relation
                .note
                .as_ref()
                .map(|n| format!(" ({n})"))
                .unwrap_or_default()
        );
    }
}

pub(crate) fn print_extraction(doc: &Document, x: &Extraction) {
    println!("{}\n", doc.title);
    for c in &x.claims {
        println!(
            "{:>4}  {:<10} {:.2}  chars {}..{}",
            c.id,
            c.kind.as_str(),
            c.checkworthiness,
            c.span.start,
            c.span.end
        );
        println!("      \"{}\"", c.text);
        let speaker = c.speaker().unwrap_or_else(|| "—".into());
        let role = c
            .role()
            .as_ref()
            .map(|r| format!(" ({r})"))
            .unwrap_or_default();
        let sources = if c.sources().is_empty() {
            String::new()
        } else {
            format!("   sources: {}", c.sources().join(", "))
        };
        println!("      speaker: {speaker}{role}{sources}\n");
    }
    for r in &x.relations {
        println!("{} {} {} ({})", r.b, r.kind, r.a, r.note);
    }
    for d in &x.diagnostics {
        match d.span {
            Some(s) => eprintln!("note: {} at chars {}..{}", d.message, s.start, s.end),
            None => eprintln!("note: {}", d.message),
        }
    }
}
