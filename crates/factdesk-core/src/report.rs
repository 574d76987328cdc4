//! The report: a readable summary for an editor, in Markdown, and in HTML
//! rendered from that Markdown.
//!
//! Every piece of article or checker text is escaped as Markdown text, and the
//! HTML renderer turns any raw HTML into text and any link that is not http or
//! https into its words, so nothing in a claim can become markup or a script.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::model::{Article, Claim, Status, Verdict};
use crate::scale::Scale;

/// Escapes text so that Markdown shows it as it is.
pub fn md_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '{' | '}' | '[' | ']' | '<' | '>' | '(' | ')' | '#' | '+'
            | '-' | '.' | '!' | '|' | '~' | '&' | '"' => {
                out.push('\\');
                out.push(c);
            }
            // One paragraph per text: line breaks inside a claim become spaces.
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// A link in Markdown, for an address already checked to be http(s).
fn md_link(text: &str, url: &str) -> String {
    format!(
        "[{}](<{}>)",
        md_escape(text),
        url.replace(['<', '>', '\n', '\r'], "")
    )
}

fn day(at: &str) -> &str {
    at.get(..10).unwrap_or(at)
}

fn verdict_line(v: &Verdict) -> String {
    let value = match (v.value, Scale::by_id(&v.scale).ok().and_then(|s| s.best())) {
        (Some(x), Some(best)) => format!(" ({x} of {best})"),
        _ => String::new(),
    };
    format!(
        "**{}**{value}, by {} on {}",
        md_escape(&v.rating),
        md_escape(&v.checker),
        day(&v.at)
    )
}

/// Whether a claim has had a checker's attention: it goes in the report.
fn worked_on(c: &Claim) -> bool {
    c.status != Status::New || c.verdict.is_some() || !c.evidence.is_empty()
}

/// The report as Markdown. `all` includes claims no one has worked on yet;
/// otherwise they are only counted.
pub fn markdown(
    claims: &[Claim],
    articles: &BTreeMap<String, Article>,
    org: Option<&str>,
    all: bool,
    archives: &crate::store::PublicArchives,
) -> String {
    let mut md = String::new();
    let shown: Vec<&Claim> = claims.iter().filter(|c| all || worked_on(c)).collect();
    let _ = writeln!(md, "# Fact-check report\n");
    let _ = writeln!(
        md,
        "{}{} claims in {} articles; exported {} by factdesk {}.\n",
        org.map(|o| format!("{} · ", md_escape(o)))
            .unwrap_or_default(),
        shown.len(),
        articles.len(),
        crate::model::now()
            .replace('T', " ")
            .get(..16)
            .unwrap_or(""),
        env!("CARGO_PKG_VERSION"),
    );

    let mut tally: BTreeMap<String, usize> = BTreeMap::new();
    for c in &shown {
        let key = if !c.conflict.is_empty() {
            "Needs reconciliation".to_string()
        } else {
            c.verdict
                .as_ref()
                .map_or("Not yet rated".to_string(), |v| v.rating.clone())
        };
        *tally.entry(key).or_default() += 1;
    }
    if !tally.is_empty() {
        let _ = writeln!(md, "## Summary\n\n| Rating | Claims |\n|---|---:|");
        for (rating, n) in &tally {
            let _ = writeln!(md, "| {} | {n} |", md_escape(rating));
        }
        md.push('\n');
    }

    let mut by_article: BTreeMap<&str, Vec<&Claim>> = BTreeMap::new();
    for c in claims {
        by_article.entry(&c.article_id).or_default().push(c);
    }
    for (id, list) in by_article {
        let Some(a) = articles.get(id) else { continue };
        let _ = writeln!(md, "## {}\n", md_escape(&a.title));
        let mut meta: Vec<String> = Vec::new();
        if let Some(o) = &a.outlet {
            meta.push(md_escape(o));
        }
        if let Some(au) = &a.author {
            meta.push(format!("by {}", md_escape(au)));
        }
        if let Some(d) = &a.published {
            meta.push(d.clone());
        }
        if let Some(u) = &a.url {
            meta.push(md_link(u, u));
        }
        if !meta.is_empty() {
            let _ = writeln!(md, "{}\n", meta.join(" · "));
        }
        let (show, skipped): (Vec<&Claim>, Vec<&Claim>) =
            list.into_iter().partition(|c| all || worked_on(c));
        for (i, c) in show.iter().enumerate() {
            let who = c
                .speaker
                .as_deref()
                .map(|s| format!(" · {}", md_escape(s)))
                .unwrap_or_default();
            let _ = writeln!(
                md,
                "### {}. {}{who} · {}\n",
                i + 1,
                c.kind,
                c.status.as_str().replace('_', " ")
            );
            let _ = writeln!(md, "> {}\n", md_escape(&c.text));
            if !c.sources.is_empty() {
                let names: Vec<String> = c.sources.iter().map(|s| md_escape(s)).collect();
                let _ = writeln!(md, "Sources: {}\n", names.join(", "));
            }
            if !c.conflict.is_empty() {
                let _ = writeln!(
                    md,
                    "**Needs reconciliation:** the desks' verdicts disagree.\n"
                );
                for v in &c.conflict {
                    let _ = writeln!(md, "- {}", verdict_line(v));
                    if let Some(n) = &v.note {
                        let _ = writeln!(md, "  {}", md_escape(n));
                    }
                }
                md.push('\n');
            } else if let Some(v) = &c.verdict {
                let _ = writeln!(md, "Verdict: {}\n", verdict_line(v));
                if let Some(n) = &v.note {
                    let _ = writeln!(md, "{}\n", md_escape(n));
                }
            } else {
                let _ = writeln!(md, "Verdict: not yet rated\n");
            }
            if let Some(u) = &c.review_url {
                let _ = writeln!(md, "Published check: {}\n", md_link(u, u));
            }
            if !c.evidence.is_empty() {
                let _ = writeln!(md, "Evidence:\n");
                for e in &c.evidence {
                    let title = e.title.as_deref().unwrap_or(&e.url);
                    let note = e
                        .note
                        .as_deref()
                        .map(|n| format!(" — {}", md_escape(n)))
                        .unwrap_or_default();
                    let archived = archives
                        .get(&e.id)
                        .map(|(url, at)| {
                            format!(" ({})", md_link(&format!("archived {}", day(at)), url))
                        })
                        .unwrap_or_default();
                    let _ = writeln!(
                        md,
                        "- {}: {}{archived}{note}",
                        e.stance,
                        md_link(title, &e.url)
                    );
                }
                md.push('\n');
            }
        }
        if !skipped.is_empty() {
            let _ = writeln!(
                md,
                "*{} more claims in this article have not been worked on yet.*\n",
                skipped.len()
            );
        }
    }
    md
}

const STYLE: &str = "body{font:16px/1.55 Georgia,'Times New Roman',serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#1d1d1f;background:#fff}\
h1,h2,h3{font-family:system-ui,sans-serif;line-height:1.25}h2{border-top:1px solid #ddd;padding-top:1.2rem;margin-top:2.2rem}\
h3{font-size:1rem;color:#444;margin-top:1.6rem}blockquote{margin:0 0 .6rem;padding:.3rem 1rem;border-left:3px solid #999;background:#f6f6f6}\
table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2rem .7rem}a{color:#0b57d0}\
@media (prefers-color-scheme:dark){body{background:#161618;color:#e8e8ea}blockquote{background:#222226;border-color:#666}a{color:#8ab4f8}td,th{border-color:#444}h2{border-color:#333}h3{color:#bbb}}";

/// Renders the Markdown report as a standalone HTML page. Raw HTML becomes
/// text; links that are not http or https become their words.
pub fn html(markdown: &str) -> String {
    use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd};
    let mut inside_bad_link = 0usize;
    let events = Parser::new_ext(markdown, Options::ENABLE_TABLES).filter_map(|ev| match ev {
        Event::Html(s) | Event::InlineHtml(s) => Some(Event::Text(s)),
        Event::Start(Tag::Link { ref dest_url, .. })
            if !(dest_url.starts_with("https://") || dest_url.starts_with("http://")) =>
        {
            inside_bad_link += 1;
            None
        }
        Event::End(TagEnd::Link) if inside_bad_link > 0 => {
            inside_bad_link -= 1;
            None
        }
        Event::Start(Tag::Image { dest_url, .. }) => {
            Some(Event::Text(CowStr::from(dest_url.to_string())))
        }
        Event::End(TagEnd::Image) => None,
        other => Some(other),
    });
    let mut body = String::new();
    pulldown_cmark::html::push_html(&mut body, events);
    format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>Fact-check report</title>\n<style>{STYLE}</style></head>\n<body>\n{body}</body></html>\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_text_stays_text() {
        let md = format!(
            "> {}\n",
            md_escape("<script>alert(1)</script> *bold* [x](javascript:alert(1))")
        );
        let page = html(&md);
        assert!(!page.contains("<script>alert"), "{page}");
        assert!(!page.contains("href=\"javascript"), "{page}");
        assert!(page.contains("&lt;script&gt;"), "{page}");
        assert!(!page.contains("<em>bold"), "{page}");
    }

    #[test]
    fn only_web_links_are_links() {
        let page = html(
            "[a](javascript:alert(1)) [b](https://example.org/x) <img src=x onerror=alert(1)>",
        );
        assert!(!page.contains("javascript:alert(1)\""), "{page}");
        assert!(page.contains("href=\"https://example.org/x\""), "{page}");
        assert!(!page.contains("<img"), "{page}");
    }
}
