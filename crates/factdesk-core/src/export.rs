//! Exports of claims with their current verdicts and evidence: CSV for
//! spreadsheets, JSON for programs, ClaimReview for search engines, a report
//! for editors, the bundle for teammates, and the corrections log.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

use serde::Serialize;

use crate::model::{Article, Claim};
use crate::store::{ClaimFilter, Store};
use crate::{Error, Result};

/// The export formats, by the names `FromStr`, the CLI and the UI use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
#[cfg_attr(
    feature = "ts",
    derive(ts_rs::TS),
    ts(export, rename = "ExportFormat", rename_all = "kebab-case")
)]
pub enum Format {
    Csv,
    Json,
    /// schema.org ClaimReview (JSON-LD), one per claim with a settled verdict.
    #[cfg_attr(feature = "clap", value(name = "claimreview"))]
    #[cfg_attr(feature = "ts", ts(rename = "claimreview"))]
    ClaimReview,
    /// A readable report for an editor, in Markdown.
    Report,
    /// The same report as a standalone HTML page.
    ReportHtml,
    /// Everything, full fidelity, for a teammate to merge (a bundle, see `crate::bundle`).
    Bundle,
    /// A bundle that carries the archived copies (WACZ files) of its evidence too.
    BundleWithCaptures,
    /// Verdicts changed after their claim was marked done, as CSV.
    Corrections,
}

impl std::str::FromStr for Format {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s.to_ascii_lowercase().as_str() {
            "csv" => Ok(Format::Csv),
            "json" => Ok(Format::Json),
            "claimreview" => Ok(Format::ClaimReview),
            "report" | "md" | "markdown" => Ok(Format::Report),
            "report-html" | "html" => Ok(Format::ReportHtml),
            "bundle" => Ok(Format::Bundle),
            "bundle-with-captures" => Ok(Format::BundleWithCaptures),
            "corrections" => Ok(Format::Corrections),
            _ => Err(Error::invalid(format!(
                "{} is not an export format; use csv, json, claimreview, report, report-html, bundle, bundle-with-captures or corrections",
                crate::quoted(s)
            ))),
        }
    }
}

/// Exports to the file at `path`, whole or not at all, through
/// [`write_atomically`], which checks the target first (never the open
/// database, any other SQLite file, a folder or a special file).
pub fn to_file(store: &Store, filter: &ClaimFilter, format: Format, path: &Path) -> Result<usize> {
    let db = store.path();
    write_atomically(path, db.as_deref(), |w| export(store, filter, format, w))
}

/// Writes to a temporary file beside `path` and renames it into place, so a
/// failed export never leaves a half-written file. The target is checked
/// before anything is written and again before the rename
/// ([`crate::files::check_export_target`]); `db` is the open database.
pub fn write_atomically(
    path: &Path,
    db: Option<&Path>,
    f: impl FnOnce(&mut dyn Write) -> Result<usize>,
) -> Result<usize> {
    crate::files::check_export_target(path, db)?;
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if !dir.is_dir() {
        return Err(Error::invalid(format!(
            "cannot write {}: the folder {} does not exist",
            path.display(),
            dir.display()
        )));
    }
    let tmp = dir.join(format!(
        ".{}.factdesk-tmp",
        path.file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("export")
    ));
    let result = (|| {
        let mut file = std::io::BufWriter::new(std::fs::File::create(&tmp)?);
        let n = f(&mut file)?;
        file.flush()?;
        file.into_inner()
            .map_err(|e| Error::Io(e.into_error()))?
            .sync_all()?;
        // The target may have changed while the export was written.
        crate::files::check_export_target(path, db)?;
        std::fs::rename(&tmp, path)?;
        Ok(n)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// Neutralises a spreadsheet formula, as OWASP recommends for CSV injection:
/// a cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is
/// prefixed with a single quote so spreadsheets show it as text.
pub fn csv_safe(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

/// Writes one CSV row with every cell made safe from formula injection.
fn write_safe_row<W: Write, S: AsRef<str>>(w: &mut csv::Writer<W>, cells: &[S]) -> Result<()> {
    w.write_record(
        cells
            .iter()
            .map(|c| csv_safe(c.as_ref()))
            .collect::<Vec<_>>()
            .iter()
            .map(|c| c.as_ref()),
    )?;
    Ok(())
}

const CSV_HEADER: &[&str] = &[
    "article_title",
    "article_url",
    "article_outlet",
    "claim_id",
    "claim_text",
    "kind",
    "speaker",
    "sources",
    "status",
    "rating",
    "rating_value",
    "rationale",
    "checker",
    "verdict_at",
    "evidence_urls",
];

#[derive(Serialize)]
struct JsonClaim<'a> {
    article: ArticleRef<'a>,
    #[serde(flatten)]
    claim: &'a Claim,
}

#[derive(Serialize)]
struct ArticleRef<'a> {
    id: &'a str,
    title: &'a str,
    url: Option<&'a str>,
    outlet: Option<&'a str>,
    published: Option<&'a str>,
}

fn article_ref(a: &Article) -> ArticleRef<'_> {
    ArticleRef {
        id: &a.id,
        title: &a.title,
        url: a.url.as_deref(),
        outlet: a.outlet.as_deref(),
        published: a.published.as_deref(),
    }
}

/// Writes the claims that pass `filter` to `out`; returns how many were written.
pub fn export(
    store: &Store,
    filter: &ClaimFilter,
    format: Format,
    out: &mut dyn Write,
) -> Result<usize> {
    match format {
        Format::Bundle => return Ok(store.export_bundle(filter, out)?.claims),
        Format::BundleWithCaptures => {
            return Ok(store.export_bundle_with(filter, true, out)?.claims);
        }
        Format::Corrections => return corrections(store, filter, out),
        _ => {}
    }
    let mut claims = store.claims(filter)?;
    if matches!(
        format,
        Format::ClaimReview | Format::Report | Format::ReportHtml
    ) && store.policy()?.require_approval
    {
        // What the team publishes: verdicts an editor approved, nothing else.
        for c in &mut claims {
            if c.verdict
                .as_ref()
                .and_then(|v| v.review.as_ref())
                .map(|r| r.state)
                != Some(crate::model::ReviewState::Approved)
            {
                c.verdict = None;
            }
        }
    }
    let mut articles: BTreeMap<String, Article> = BTreeMap::new();
    for c in &claims {
        if !articles.contains_key(&c.article_id) {
            articles.insert(c.article_id.clone(), store.article(&c.article_id)?);
        }
    }
    match format {
        Format::Csv => {
            let mut w = csv::Writer::from_writer(out);
            w.write_record(CSV_HEADER)?;
            for c in &claims {
                let a = &articles[&c.article_id];
                let v = c.verdict.as_ref();
                let sources = c.sources.join("; ");
                let evidence = c
                    .evidence
                    .iter()
                    .map(|e| e.url.as_str())
                    .collect::<Vec<_>>()
                    .join(" ");
                let value = v
                    .and_then(|v| v.value)
                    .map(|x| x.to_string())
                    .unwrap_or_default();
                let row = [
                    a.title.as_str(),
                    a.url.as_deref().unwrap_or(""),
                    a.outlet.as_deref().unwrap_or(""),
                    &c.id,
                    &c.text,
                    c.kind.as_str(),
                    c.speaker.as_deref().unwrap_or(""),
                    &sources,
                    c.status.as_str(),
                    v.map(|v| v.rating.as_str()).unwrap_or(""),
                    &value,
                    v.and_then(|v| v.note.as_deref()).unwrap_or(""),
                    v.map(|v| v.checker.as_str()).unwrap_or(""),
                    v.map(|v| v.at.as_str()).unwrap_or(""),
                    &evidence,
                ];
                write_safe_row(&mut w, &row)?;
            }
            w.flush()?;
        }
        Format::Report | Format::ReportHtml => {
            let org = store.setting("org_name")?;
            let md = crate::report::markdown(
                &claims,
                &articles,
                org.as_deref(),
                filter.status.is_some(),
                &store.public_archives()?,
            );
            let doc = if format == Format::Report {
                md
            } else {
                crate::report::html(&md)
            };
            out.write_all(doc.as_bytes())?;
        }
        Format::Bundle | Format::BundleWithCaptures | Format::Corrections => {
            unreachable!("written above")
        }
        Format::ClaimReview => {
            let org_name = store.setting("org_name")?;
            let org_url = store.setting("org_url")?;
            let archives = store.public_archives()?;
            // Written one review at a time: a hundred thousand never sit in memory as JSON.
            let mut n = 0;
            out.write_all(b"[")?;
            // A verdict the desks disagree on is not published until it is settled.
            for c in claims.iter().filter(|c| c.conflict.is_empty()) {
                let Some(v) = &c.verdict else { continue };
                let review = claim_review(
                    c,
                    v,
                    &articles[&c.article_id],
                    org_name.as_deref(),
                    org_url.as_deref(),
                    &archives,
                );
                out.write_all(if n == 0 { b"\n" } else { b",\n" })?;
                serde_json::to_writer_pretty(&mut *out, &review)
                    .map_err(|e| Error::Export(e.to_string()))?;
                n += 1;
            }
            out.write_all(b"\n]\n")?;
            return Ok(n);
        }
        Format::Json => {
            let items: Vec<JsonClaim<'_>> = claims
                .iter()
                .map(|c| JsonClaim {
                    article: article_ref(&articles[&c.article_id]),
                    claim: c,
                })
                .collect();
            let doc = serde_json::json!({
                "exported_at": crate::model::now(),
                "exporter": concat!("factdesk ", env!("CARGO_PKG_VERSION")),
                "claims": items,
            });
            serde_json::to_writer_pretty(&mut *out, &doc)
                .map_err(|e| Error::Export(e.to_string()))?;
            out.write_all(b"\n")?;
        }
    }
    Ok(claims.len())
}

const CORRECTIONS_HEADER: &[&str] = &[
    "changed_at",
    "checker",
    "article_title",
    "article_url",
    "claim_id",
    "claim_text",
    "previous_rating",
    "new_rating",
    "rationale",
];

/// The corrections log: every verdict given to a claim that was already done
/// and had a verdict, newest first. `--article`, `--checker` (who changed it)
/// and `--since` (when) narrow it.
fn corrections(store: &Store, filter: &ClaimFilter, out: &mut dyn Write) -> Result<usize> {
    let since = filter
        .since
        .as_deref()
        .map(crate::store::normalise_since)
        .transpose()?;
    let article = filter
        .article
        .as_deref()
        .map(|a| store.resolve_id(crate::store::Table::Articles, a))
        .transpose()?;
    let rows = store.corrections(
        article.as_deref(),
        filter.checker.as_deref(),
        since.as_deref(),
    )?;
    let mut w = csv::Writer::from_writer(out);
    w.write_record(CORRECTIONS_HEADER)?;
    for r in &rows {
        write_safe_row(&mut w, r)?;
    }
    w.flush()?;
    Ok(rows.len())
}

/// One claim's verdict as a schema.org ClaimReview.
fn claim_review(
    c: &Claim,
    v: &crate::model::Verdict,
    a: &Article,
    org_name: Option<&str>,
    org_url: Option<&str>,
    archives: &crate::store::PublicArchives,
) -> serde_json::Value {
    use serde_json::{Map, Value, json};
    let mut rating = Map::new();
    rating.insert("@type".into(), json!("Rating"));
    rating.insert("alternateName".into(), json!(v.rating));
    if let (Some(value), Ok(scale)) = (v.value, crate::scale::Scale::by_id(&v.scale)) {
        rating.insert("ratingValue".into(), json!(value));
        rating.insert("bestRating".into(), json!(scale.best()));
        rating.insert("worstRating".into(), json!(scale.worst()));
    }
    if let Some(note) = &v.note {
        rating.insert("ratingExplanation".into(), json!(note));
    }
    let mut appearance = Map::new();
    appearance.insert("@type".into(), json!("CreativeWork"));
    appearance.insert("headline".into(), json!(a.title));
    if let Some(url) = &a.url {
        appearance.insert("url".into(), json!(url));
    }
    if let Some(outlet) = &a.outlet {
        appearance.insert(
            "publisher".into(),
            json!({"@type": "Organization", "name": outlet}),
        );
    }
    if let Some(d) = &a.published {
        appearance.insert("datePublished".into(), json!(d));
    }
    let mut item = Map::new();
    item.insert("@type".into(), json!("Claim"));
    if let Some(speaker) = &c.speaker {
        item.insert("author".into(), json!({"@type": "Person", "name": speaker}));
    }
    item.insert("appearance".into(), Value::Object(appearance));
    let mut author = Map::new();
    author.insert("@type".into(), json!("Organization"));
    author.insert("name".into(), json!(org_name.unwrap_or("")));
    if let Some(url) = org_url {
        author.insert("url".into(), json!(url));
    }
    let mut review = Map::new();
    review.insert("@context".into(), json!("https://schema.org"));
    review.insert("@type".into(), json!("ClaimReview"));
    if let Some(url) = &c.review_url {
        review.insert("url".into(), json!(url));
    }
    review.insert("claimReviewed".into(), json!(c.text));
    review.insert(
        "datePublished".into(),
        json!(v.at.get(..10).unwrap_or(&v.at)),
    );
    review.insert("author".into(), Value::Object(author));
    review.insert("reviewRating".into(), Value::Object(rating));
    review.insert("itemReviewed".into(), Value::Object(item));
    // The evidence, by its public archived copy where the team publishes them.
    if !c.evidence.is_empty() {
        let cited: Vec<Value> = c
            .evidence
            .iter()
            .map(|e| {
                let url = archives
                    .get(&e.id)
                    .map_or(e.url.as_str(), |(u, _)| u.as_str());
                let mut work = json!({"@type": "CreativeWork", "url": url});
                if let Some(t) = &e.title {
                    work["name"] = json!(t);
                }
                work
            })
            .collect();
        review.insert("citation".into(), Value::Array(cited));
    }
    Value::Object(review)
}

#[cfg(test)]
mod tests {
    use super::csv_safe;

    #[test]
    fn formulas_are_neutralised() {
        for bad in ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\tx", "\rx"] {
            assert!(csv_safe(bad).starts_with('\''), "{bad:?}");
        }
        assert_eq!(csv_safe("plain text"), "plain text");
    }
}
