//! Reading article files (plain text, Markdown, HTML) into a [`Document`].
//!
//! This is the only module of the core that reads files.

use std::path::{Path, PathBuf};

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

/// Reads and parses one article file. Nothing is stored. Only regular files
/// are read ([`crate::files::read_regular`]): a FIFO or a device never hangs it.
pub fn read_file(path: &Path) -> Result<Document> {
    read_file_text(path).map(|(doc, _, _)| doc)
}

/// [`read_file`], with the file's decoded text and its format.
fn read_file_text(path: &Path) -> Result<(Document, String, Format)> {
    let bad = |problem: String| Error::BadFile {
        path: path.to_path_buf(),
        problem,
    };
    let bytes = crate::files::read_regular(path, "an article", crate::text::MAX_FILE_BYTES as u64)?;
    let text = decode(&bytes).map_err(|e| bad(e.to_string()))?;
    let format = Format::detect(path, &text);
    let doc = parse(&text, format).map_err(|e| bad(e.to_string()))?;
    Ok((doc, text, format))
}

/// Reads one article file and extracts its claims, as `factdesk extract`
/// does. Nothing is stored. For a plain-text file the spans count characters
/// of the file itself, headline line and all, so they point into the file the
/// user gave; for an HTML page or Markdown (whose markup is not the text)
/// they count characters of the body the file was read as.
pub fn extract_file(path: &Path) -> Result<(Document, crate::Extraction)> {
    let (doc, text, format) = read_file_text(path)?;
    let x = crate::extract(&doc.body);
    let x = match (format == Format::Text)
        .then(|| line_map(&text, &doc.body))
        .flatten()
    {
        Some(map) => x.map_spans(|p| {
            let (body, file) = map[map.partition_point(|&(b, _)| b <= p) - 1];
            file + (p - body)
        }),
        None => x,
    };
    Ok((doc, x))
}

/// Where each line of `body` starts in `file`, as (char in body, char in
/// file) pairs, when every line is found in order (the body is the file's
/// lines less its header and blank runs, each trimmed).
fn line_map(file: &str, body: &str) -> Option<Vec<(usize, usize)>> {
    let mut map = Vec::new();
    let (mut at_byte, mut at_char, mut body_char) = (0, 0, 0);
    for line in body.split('\n') {
        let found = at_byte + file[at_byte..].find(line)?;
        at_char += file[at_byte..found].chars().count();
        map.push((body_char, at_char));
        let n = line.chars().count();
        at_byte = found + line.len();
        at_char += n;
        body_char += n + 1;
    }
    (!map.is_empty()).then_some(map)
}

/// Reads and parses several article files: all of them, or the first error.
pub fn read_files(paths: &[PathBuf]) -> Result<Vec<Document>> {
    paths.iter().map(|p| read_file(p)).collect()
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
    let mut doc = match format {
        Format::Text => parse_text(text),
        Format::Markdown => parse_markdown(text),
        Format::Html => parse_html(text)?,
    };
    // Any non-empty text is an article body, even one heading alone.
    if doc.body.trim().is_empty() && !doc.title.trim().is_empty() {
        doc.body = doc.title.trim().to_string();
    }
    if doc.body.trim().is_empty() {
        return Err(Error::BadText("the file has no article text".into()));
    }
    if doc.body.len() > crate::text::MAX_BODY_BYTES {
        return Err(Error::BadText(format!(
            "the article has {:.1} MB of text; factdesk imports articles of up to {} MB of text (split it into parts and import each)",
            doc.body.len() as f64 / (1024.0 * 1024.0),
            crate::text::MAX_BODY_BYTES >> 20
        )));
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
    let (mut title, mut body) = match title_line {
        Some(i) => (
            lines[i].trim().to_string(),
            lines[header_end..].join("\n").trim().to_string(),
        ),
        None => (fallback_title(&cleaned), cleaned.clone()),
    };
    // A short text is all header: what follows the title is the body ("Title",
    // then one short sentence), and a lone line is both title and body.
    if body.is_empty() {
        if let Some(i) = title_line {
            body = lines[i + 1..header_end]
                .iter()
                .filter(|l| byline(l).is_none())
                .copied()
                .collect::<Vec<_>>()
                .join("\n")
                .trim()
                .to_string();
        }
        if body.is_empty() {
            body = cleaned.trim().to_string();
            title = fallback_title(&body);
        }
    }
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

/// How deep elements may nest in an imported page. Browsers cap their trees
/// too (WebKit at 512); readability's cost grows with depth, and real news
/// pages nest well under 100.
pub const MAX_HTML_DEPTH: usize = 256;

/// The most work an imported page may ask of readability, in element visits
/// (each element once, plus its depth over 32 for the walks up the tree):
/// about 1.5 s on a 2-core machine. News pages need a few thousand.
pub const MAX_HTML_WORK: usize = 600_000;

/// What a page asks of the HTML pipeline, counted in one linear pass.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct HtmlShape {
    /// How deep elements nest.
    pub depth: usize,
    /// How many elements there are.
    pub elements: usize,
    /// Elements plus the sum of their depths over 32 (see [`MAX_HTML_WORK`]).
    pub work: usize,
}

/// Measures a page without building a tree: end tags close, void elements and
/// elements whose end tag may be left out (`p`, `li`, `td`, ...) do not nest,
/// comments and the text of `script`, `style`, `textarea` and `title` are
/// skipped. Stops counting once the depth passes `max_depth` or the work
/// passes `max_work`.
pub fn html_shape(html: &str, max_depth: usize, max_work: usize) -> HtmlShape {
    const NOT_NESTING: &[&str] = &[
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr", "param", "keygen", "p", "li", "dt", "dd", "tr", "td", "th", "option",
        "optgroup", "rb", "rt", "rp", "rtc", "thead", "tbody", "tfoot", "colgroup", "caption",
        "html", "head", "body",
    ];
    const RAW_TEXT: &[&str] = &["script", "style", "textarea", "title", "xmp", "noscript"];
    let b = html.as_bytes();
    let find = |from: usize, pat: &[u8]| -> usize {
        b[from.min(b.len())..]
            .windows(pat.len())
            .position(|w| w.eq_ignore_ascii_case(pat))
            .map_or(b.len(), |p| from + p)
    };
    let (mut i, mut depth) = (0usize, 0usize);
    let mut shape = HtmlShape::default();
    let mut depth_sum = 0usize;
    while i < b.len() {
        let Some(lt) = memchr(b'<', &b[i..]) else {
            break;
        };
        i += lt + 1;
        if b[i..].starts_with(b"!--") {
            i = find(i + 3, b"-->") + 3;
            continue;
        }
        if matches!(b.get(i), Some(b'!' | b'?')) {
            i = find(i, b">") + 1;
            continue;
        }
        let closing = b.get(i) == Some(&b'/');
        let start = if closing { i + 1 } else { i };
        let end = b[start..]
            .iter()
            .position(|c| !c.is_ascii_alphanumeric() && *c != b'-' && *c != b':')
            .map_or(b.len(), |p| start + p);
        if end == start || !b[start].is_ascii_alphabetic() {
            continue; // a '<' in text
        }
        let name = html[start..end].to_ascii_lowercase();
        // The tag's end, past quoted attribute values.
        let mut j = end;
        let mut quote = None;
        while j < b.len() {
            match (quote, b[j]) {
                (None, b'"' | b'\'') => quote = Some(b[j]),
                (Some(q), c) if c == q => quote = None,
                (None, b'>') => break,
                _ => {}
            }
            j += 1;
        }
        let self_closing = j > 0 && j <= b.len() && b.get(j.wrapping_sub(1)) == Some(&b'/');
        i = j + 1;
        if closing {
            if !NOT_NESTING.contains(&name.as_str()) {
                depth = depth.saturating_sub(1);
            }
            continue;
        }
        if RAW_TEXT.contains(&name.as_str()) && !self_closing {
            shape.elements += 1;
            let close = format!("</{name}");
            i = find(i, close.as_bytes());
            continue;
        }
        shape.elements += 1;
        if !(self_closing || NOT_NESTING.contains(&name.as_str())) {
            depth += 1;
            shape.depth = shape.depth.max(depth);
        }
        depth_sum += depth;
        shape.work = shape.elements + depth_sum / 32;
        if shape.depth > max_depth || shape.work > max_work {
            break;
        }
    }
    shape
}

fn memchr(needle: u8, hay: &[u8]) -> Option<usize> {
    hay.iter().position(|&c| c == needle)
}

/// HTML: the main text through readability; scripts, styles and navigation
/// never kept. A page nested deeper than [`MAX_HTML_DEPTH`], or one that asks
/// more than [`MAX_HTML_WORK`] of readability, is refused before it is parsed,
/// so a hostile page cannot freeze the import.
pub fn parse_html(html: &str) -> Result<Document> {
    let shape = html_shape(html, MAX_HTML_DEPTH, MAX_HTML_WORK);
    if shape.depth > MAX_HTML_DEPTH {
        return Err(Error::BadText(format!(
            "the HTML nests its elements more than {MAX_HTML_DEPTH} levels deep; factdesk does not read pages this deeply nested (save the article as text and import that)"
        )));
    }
    if shape.work > MAX_HTML_WORK {
        return Err(Error::BadText(format!(
            "the HTML has too many elements to read as one article (over {} thousand, or deeply nested ones); save the article as text and import that",
            MAX_HTML_WORK / 1000
        )));
    }
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
        title: if title.is_empty() && !body.is_empty() {
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
    fn a_single_sentence_is_an_article() {
        for text in [
            "Covfefe means something, anything.\n",
            "Covfefe",
            "A Democratic National Committee tweet included an altered version of a poster",
        ] {
            let doc = parse(text, Format::Text).unwrap();
            assert_eq!(doc.body, text.trim());
            assert_eq!(doc.title, text.trim());
        }
        let doc = parse(
            "DNC tweet altered poster\nA Democratic National Committee tweet included an altered version of a poster",
            Format::Text,
        )
        .unwrap();
        assert_eq!(doc.title, "DNC tweet altered poster");
        assert_eq!(
            doc.body,
            "A Democratic National Committee tweet included an altered version of a poster"
        );
        let doc = parse("# Heading only\n", Format::Markdown).unwrap();
        assert_eq!(doc.body, "Heading only");
    }

    #[test]
    fn html_depth_counts_nesting_not_elements() {
        let depth = |html: &str| html_shape(html, MAX_HTML_DEPTH, usize::MAX).depth;
        let deep = "<div>".repeat(10_000);
        assert!(depth(&deep) > MAX_HTML_DEPTH);
        let err = parse(&deep, Format::Html).unwrap_err();
        assert!(err.to_string().contains("levels deep"), "{err}");
        let flat = "<div><p>One<p>two<br><img src='a>b'></div>".repeat(10_000);
        assert_eq!(depth(&flat), 1);
        assert_eq!(html_shape(&flat, 256, usize::MAX).elements, 50_000);
        let tricky =
            "<!-- <div><div> --><script>if (a<b) { '<div>' }</script><ul><li>x<li>y</ul><span/>";
        assert_eq!(depth(tricky), 1);
        assert_eq!(depth("a < b and <3 <"), 0);
        let many = "<div></div>".repeat(MAX_HTML_WORK + 1);
        let err = parse(&many, Format::Html).unwrap_err();
        assert!(err.to_string().contains("too many elements"), "{err}");
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
