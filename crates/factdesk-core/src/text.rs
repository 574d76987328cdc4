//! Turning bytes from a file into clean article text.
//!
//! Everything here is pure: it takes bytes or text and returns text or an
//! error that names the problem.

use crate::{Error, Result};

/// The largest file factdesk imports.
pub const MAX_FILE_BYTES: usize = 20 * 1024 * 1024;

/// The most article text (after markup is read) one article may hold: about
/// 700,000 words, longer than any news article or report a checker reads in
/// one sitting. A body this size already has some 35,000 claims; storing the
/// 177,000 of a 20 MB body takes seconds and no reading view shows them.
pub const MAX_BODY_BYTES: usize = 4 * 1024 * 1024;

/// Decodes a file's bytes as text: UTF-8 (with or without a byte-order mark),
/// UTF-16 with a byte-order mark, or Windows-1252 when that is plainly what it is.
pub fn decode(bytes: &[u8]) -> Result<String> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(Error::BadText(format!(
            "the file is {:.1} MB; factdesk imports articles of up to {} MB",
            bytes.len() as f64 / (1024.0 * 1024.0),
            MAX_FILE_BYTES / (1024 * 1024)
        )));
    }
    if let Some((enc, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        if had_errors {
            return Err(Error::BadText(format!(
                "the file starts with a {} byte-order mark but is not valid {}",
                enc.name(),
                enc.name()
            )));
        }
        return check_text(text.into_owned());
    }
    if bytes.contains(&0) {
        return Err(Error::BadText(
            "the file is binary (it contains NUL bytes), not text".into(),
        ));
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => check_text(s.to_owned()),
        Err(e) => {
            if looks_like_windows_1252(bytes) {
                let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
                check_text(text.into_owned())
            } else {
                Err(Error::BadText(format!(
                    "the file is not UTF-8 text (invalid byte 0x{:02X} at offset {}) and does not look like Windows-1252 either",
                    bytes[e.valid_up_to()],
                    e.valid_up_to()
                )))
            }
        }
    }
}

/// Windows-1252 is "plainly" the encoding when every byte is a character
/// that encoding defines, there are no control characters beyond tab and
/// line breaks, and most of the text is ASCII.
fn looks_like_windows_1252(bytes: &[u8]) -> bool {
    const UNDEFINED: [u8; 5] = [0x81, 0x8D, 0x8F, 0x90, 0x9D];
    let mut high = 0usize;
    for &b in bytes {
        if UNDEFINED.contains(&b)
            || (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C))
            || b == 0x7F
        {
            return false;
        }
        if b >= 0x80 {
            high += 1;
        }
    }
    high * 4 <= bytes.len()
}

pub(crate) fn check_text(text: String) -> Result<String> {
    if text.trim().is_empty() {
        return Err(Error::BadText("the file is empty".into()));
    }
    let controls = text
        .chars()
        .filter(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{0C}'))
        .count();
    if controls * 100 > text.chars().count().max(1) {
        return Err(Error::BadText(
            "the file is binary (it is mostly control characters), not text".into(),
        ));
    }
    Ok(text)
}

/// Lines that scrapers leave in article text and that are never part of it.
fn is_artifact_line(line: &str) -> bool {
    let t = line.trim();
    if t.len() > 2
        && t.starts_with('{')
        && t.ends_with('}')
        && t[1..t.len() - 1]
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    {
        return true;
    }
    let lower = t.trim_end_matches([':', '.']).to_lowercase();
    matches!(
        lower.as_str(),
        "advertisement"
            | "skip advertisement"
            | "story continues below advertisement"
            | "article continues below advertisement"
            | "continue reading the main story"
            | "read more"
            | "related"
            | "related articles"
            | "share this article"
            | "share"
            | "supported by"
    )
}

/// Cleans article text: unified line ends, no scraping artifacts, trimmed
/// lines, at most one blank line between paragraphs, and a line pasted from
/// a spreadsheet cell (`"… ""quoted"" …"`) read as the cell's text.
pub fn clean(text: &str) -> String {
    let text = text.replace("\r\n", "\n").replace(['\r', '\u{0C}'], "\n");
    let mut out = String::with_capacity(text.len());
    let mut blank_run = 0;
    for line in text.lines() {
        let line = strip_inline_artifacts(line.trim_end());
        let line = unquote_cell(&line).unwrap_or(line);
        if is_artifact_line(&line) {
            continue;
        }
        if line.trim().is_empty() {
            blank_run += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank_run > 0 { "\n\n" } else { "\n" });
        }
        blank_run = 0;
        out.push_str(line.trim_start_matches(['\u{FEFF}']));
    }
    out
}

/// A line that is one spreadsheet cell as CSV quotes it, copied from a sheet
/// or a CSV file: wrapped in double quotes, with every quotation mark inside
/// doubled (and at least one). News text never looks like this.
fn unquote_cell(line: &str) -> Option<String> {
    let inner = line.trim().strip_prefix('"')?.strip_suffix('"')?;
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    let mut doubled = false;
    while let Some(c) = chars.next() {
        if c == '"' {
            if chars.next() != Some('"') {
                return None;
            }
            doubled = true;
        }
        out.push(c);
    }
    doubled.then_some(out)
}

/// Removes `{mosads}`-style placeholders that stand inside a line.
fn strip_inline_artifacts(line: &str) -> String {
    if !line.contains('{') {
        return line.to_string();
    }
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close)
                if close > 0
                    && after[..close]
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c == '_') =>
            {
                out.push_str(rest[..open].trim_end_matches(' '));
                if !out.is_empty()
                    && !after[close + 1..].starts_with([' ', '.', ','])
                    && !after[close + 1..].is_empty()
                {
                    out.push(' ');
                }
                rest = &after[close + 1..];
                if out.is_empty() {
                    rest = rest.trim_start();
                }
            }
            _ => {
                out.push_str(&rest[..=open]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// SHA-256 of the text, hex-encoded.
pub fn content_hash(text: &str) -> String {
    factdesk_vault::sha256_hex(text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pasted_spreadsheet_cell_is_its_text() {
        assert_eq!(
            clean(r#""A video shows a crowd chanting ""We Love Trump"" in June 2019.""#),
            r#"A video shows a crowd chanting "We Love Trump" in June 2019."#
        );
        assert_eq!(
            clean(r##""He was ""dark white.""""##),
            r#"He was "dark white.""#
        );
        // A quoted paragraph, or one with a lone mark, stays as it is.
        assert_eq!(clean(r#""We will win.""#), r#""We will win.""#);
        assert_eq!(
            clean(r#""We ""will"" win," he said ""#),
            r#""We ""will"" win," he said ""#
        );
    }

    #[test]
    fn removes_placeholders() {
        assert_eq!(
            clean("One.\n\n{mosads}\n\nTwo.\nAdvertisement\nThree."),
            "One.\n\nTwo.\nThree."
        );
        assert_eq!(clean("Before {mosads} after."), "Before after.");
    }

    #[test]
    fn windows_1252_when_plain() {
        let bytes = b"He said \x93hello\x94 to the caf\xe9.";
        assert_eq!(
            decode(bytes).unwrap(),
            "He said \u{201c}hello\u{201d} to the caf\u{e9}."
        );
        assert!(decode(&[0xC3, 0x28, 0x81, 0x90, 0x9D, 0x8F]).is_err());
    }
}
