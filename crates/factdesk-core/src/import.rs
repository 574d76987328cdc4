//! Reading article files (plain text, Markdown, HTML) into a [`Document`].
//!
//! This is the only module of the core that reads files.

use std::path::Path;

use crate::text::{clean, decode};
use crate::{Error, Result};

/// An article as read from a file, before it is stored.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Document {
    pub title: String,
    pub body: String,
    pub author: Option<String>,
    pub published: Option<String>,
    pub outlet: Option<String>,
    pub url: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
    Html,
}

impl Format {
    /// Guesses the format from the file name, then from the content.
    pub fn detect(path: &Path, text: &str) -> Format {
        match path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("html" | "htm" | "xhtml") => Format::Html,
            Some("md" | "markdown") => Format::Markdown,
            Some("txt" | "text") => Format::Text,
            _ => {
                let head = text
                    .trim_start()
                    .get(..512.min(text.trim_start().len()))
                    .unwrap_or("")
                    .to_ascii_lowercase();
                if head.starts_with("<!doctype html")
                    || head.starts_with("<html")
                    || head.contains("<body")
                {
                    Format::Html
                } else {
                    Format::Text
                }
            }
        }
    }
}

/// Reads and parses one article file. Nothing is stored.
pub fn read_file(path: &Path) -> Result<Document> {
    let bad = |problem: String| Error::BadFile {
        path: path.to_path_buf(),
        problem,
    };
    let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => bad("no such file".into()),
        _ => bad(e.to_string()),
    })?;
    if meta.is_dir() {
        return Err(bad("is a directory, not an article file".into()));
    }
    if meta.len() > crate::text::MAX_FILE_BYTES as u64 {
        return Err(bad(format!(
            "the file is {:.1} MB; factdesk imports articles of up to {} MB",
            meta.len() as f64 / (1024.0 * 1024.0),
            crate::text::MAX_FILE_BYTES / (1024 * 1024)
        )));
    }
    let bytes = std::fs::read(path).map_err(|e| bad(e.to_string()))?;
    let text = decode(&bytes).map_err(|e| bad(e.to_string()))?;
    parse(&text, Format::detect(path, &text)).map_err(|e| bad(e.to_string()))
}

/// Parses pasted plain text, with the same checks as a file: not empty, not
/// binary, not over 20 MB.
pub fn from_pasted(text: &str) -> Result<Document> {
    if text.len() > crate::text::MAX_FILE_BYTES {
        return Err(Error::BadText(format!(
            "the text is over {} MB; factdesk imports articles of up to {} MB",
            crate::text::MAX_FILE_BYTES >> 20,
            crate::text::MAX_FILE_BYTES >> 20
        )));
    }
    let text = crate::text::check_text(text.to_string())?;
    parse(&text, Format::Text)
}

/// Parses article text of a known format.
pub fn parse(text: &str, format: Format) -> Result<Document> {
    let doc = match format {
        Format::Text => parse_text(text),
        Format::Markdown => parse_markdown(text),
        Format::Html => parse_html(text)?,
    };
    if doc.body.trim().is_empty() {
        return Err(Error::BadText("the file has no article text".into()));
    }
    Ok(doc)
}

/// Plain text: the headline is taken from the leading lines, skipping a
/// section label ("Administration") and reading a byline ("By Jane Doe").
pub fn parse_text(text: &str) -> Document {
    let cleaned = clean(text);
    let lines: Vec<&str> = cleaned.lines().collect();
    let mut header_end = 0; // index of the first body line
    for (i, line) in lines.iter().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        if looks_like_body(line) || i >= 6 {
            header_end = i;
            break;
        }
        header_end = i + 1;
    }
    let header: Vec<(usize, &str)> = lines[..header_end]
        .iter()
        .copied()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .collect();
    let mut author = None;
    let mut title_line = None;
    for &(i, line) in &header {
        if let Some(name) = byline(line) {
            author = Some(name);
        } else if title_line.is_none() && line.split_whitespace().count() >= 3 {
            title_line = Some(i);
        }
    }
    // A single short header line is still the title when nothing better exists.
    let title_line = title_line.or_else(|| {
        header
            .iter()
            .find(|(_, l)| byline(l).is_none())
            .map(|&(i, _)| i)
    });
    let (title, body) = match title_line {
        Some(i) => (
            lines[i].trim().to_string(),
            lines[header_end..].join("\n").trim().to_string(),
        ),
        None => (fallback_title(&cleaned), cleaned.clone()),
    };
    Document {
        title,
        body,
        author,
        ..Document::default()
    }
}

fn looks_like_body(line: &str) -> bool {
    let t = line.trim();
    let words = t.split_whitespace().count();
    words >= 20 || (words >= 6 && t.ends_with(['.', '!', '?', '"', '\u{201d}']))
}

fn byline(line: &str) -> Option<String> {
    let t = line.trim();
    let rest = t.strip_prefix("By ").or_else(|| t.strip_prefix("BY "))?;
    (rest.split_whitespace().count() <= 8).then(|| rest.trim().to_string())
}

fn fallback_title(text: &str) -> String {
    let first = text.lines().next().unwrap_or("").trim();
    let mut title: String = first.chars().take(80).collect();
    if first.chars().count() > 80 {
        if let Some(cut) = title.rfind(' ') {
            title.truncate(cut);
        }
        title.push('…');
    }
    if title.is_empty() {
        "Untitled article".into()
    } else {
        title
    }
}

/// Markdown: rendered to plain paragraphs; the first level-one heading is the title.
pub fn parse_markdown(text: &str) -> Document {
    use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};
    let mut title: Option<String> = None;
    let mut out = String::new();
    let mut in_h1 = false;
    let mut h1 = String::new();
    for event in Parser::new(text) {
        match event {
            Event::Start(Tag::Heading {
                level: HeadingLevel::H1,
                ..
            }) if title.is_none() => in_h1 = true,
            Event::End(TagEnd::Heading(HeadingLevel::H1)) if in_h1 => {
                in_h1 = false;
                title = Some(std::mem::take(&mut h1).trim().to_string());
            }
            Event::Text(t) | Event::Code(t) => {
                if in_h1 {
                    h1.push_str(&t)
                } else {
                    out.push_str(&t)
                }
            }
            Event::SoftBreak => out.push(' '),
            Event::HardBreak => out.push('\n'),
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::CodeBlock
                | TagEnd::BlockQuote(_),
            ) => out.push_str("\n\n"),
            _ => {}
        }
    }
    match title {
        Some(title) if !title.is_empty() => Document {
            title,
            body: clean(&out),
            ..Document::default()
        },
        _ => parse_text(&out),
    }
}

/// HTML: the main text through readability; scripts, styles and navigation never kept.
pub fn parse_html(html: &str) -> Result<Document> {
    let cfg = dom_smoothie::Config {
        text_mode: dom_smoothie::TextMode::Formatted,
        ..Default::default()
    };
    let mut readability = dom_smoothie::Readability::new(html, None, Some(cfg))
        .map_err(|e| Error::BadText(format!("cannot read the HTML: {e}")))?;
    let article = readability
        .parse()
        .map_err(|e| Error::BadText(format!("found no article text in the HTML: {e}")))?;
    let body = clean(&article.text_content);
    let title = article.title.trim().to_string();
    let published = article
        .published_time
        .as_deref()
        .and_then(|t| t.get(..10))
        .filter(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").is_ok())
        .map(str::to_string);
    Ok(Document {
        title: if title.is_empty() {
            fallback_title(&body)
        } else {
            title
        },
        body,
        author: article
            .byline
            .map(|b| b.trim().trim_start_matches("By ").to_string())
            .filter(|b| !b.is_empty()),
        published,
        outlet: article.site_name.filter(|s| !s.trim().is_empty()),
        url: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn section_label_then_headline() {
        let doc = parse_text(
            "Administration\n\nKremlin: Russia not ready\n\nA top aide on Tuesday said Russia is not ready to go.\n",
        );
        assert_eq!(doc.title, "Kremlin: Russia not ready");
        assert_eq!(
            doc.body,
            "A top aide on Tuesday said Russia is not ready to go."
        );
    }

    #[test]
    fn markdown_heading_is_title() {
        let doc =
            parse_markdown("# Big news\n\nThe *mayor* said the budget rose 5%.\n\n- one item\n");
        assert_eq!(doc.title, "Big news");
        assert_eq!(doc.body, "The mayor said the budget rose 5%.\n\none item");
    }

    #[test]
    fn html_drops_scripts() {
        let html = "<html><head><title>Budget row</title><script>alert(1)</script></head><body><nav>Home | World</nav><article><h1>Budget row</h1><p>The mayor said on Monday that the city budget rose by 5 percent to $3.2 billion, the largest increase in a decade.</p><p>\u{201c}We had no choice,\u{201d} the mayor told reporters at City Hall, adding that more money was needed for schools and roads.</p></article><script>evil()</script></body></html>";
        let doc = parse_html(html).unwrap();
        assert_eq!(doc.title, "Budget row");
        assert!(
            doc.body.contains("budget rose by 5 percent"),
            "{}",
            doc.body
        );
        assert!(!doc.body.contains("alert") && !doc.body.contains("evil"));
    }
}
