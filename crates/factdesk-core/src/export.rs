//! Exports of claims with their current verdicts and evidence: CSV for
//! spreadsheets and JSON for programs.

use std::collections::HashMap;
use std::io::Write;

use serde::Serialize;

use crate::model::{Article, Claim};
use crate::store::{ClaimFilter, Store};
use crate::{Error, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Json,
}

impl std::str::FromStr for Format {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s.to_ascii_lowercase().as_str() {
            "csv" => Ok(Format::Csv),
            "json" => Ok(Format::Json),
            _ => Err(Error::invalid(format!(
                "{s:?} is not an export format; use csv or json"
            ))),
        }
    }
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
    let claims = store.claims(filter)?;
    let mut articles: HashMap<String, Article> = HashMap::new();
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
                w.write_record(
                    row.iter()
                        .map(|cell| csv_safe(cell))
                        .collect::<Vec<_>>()
                        .iter()
                        .map(|c| c.as_ref()),
                )?;
            }
            w.flush()?;
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
