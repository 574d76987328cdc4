//! A fetched page as a WACZ 1.2.0 file, and back.
//!
//! The layout (every file STORE'd, so a reader can seek into it):
//! `archive/data.warc` (a `warcinfo` record and the page's `response`
//! record), `indexes/index.cdx` (its CDXJ line), `pages/pages.jsonl`,
//! `datapackage.json` (each file's path, size and SHA-256) and
//! `datapackage-digest.json` (the SHA-256 of `datapackage.json`).

use std::io::{Cursor, Read, Write};

use chrono::{DateTime, SecondsFormat, Utc};
use serde_json::json;
use warc::{RecordBuilder, RecordType, WarcHeader, WarcWriter};

use crate::fetch::Fetched;
use crate::vault::sha256_hex;

/// What a WACZ holds of its page, read back.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    pub url: String,
    pub captured_at: String,
    pub status: u16,
    pub content_type: Option<String>,
    pub title: Option<String>,
    pub body: Vec<u8>,
}

/// Why a file is not a WACZ this module wrote, or is damaged.
#[derive(Debug, thiserror::Error)]
pub enum WaczError {
    #[error("not a WACZ file: {0}")]
    NotWacz(String),
    #[error("the WACZ is damaged: {0}")]
    Damaged(String),
}

fn rfc3339(t: &DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// The URL in SURT form for the CDXJ key: host labels reversed, then the path.
fn surt(url: &str) -> String {
    let Ok(u) = url::Url::parse(url) else {
        return url.to_lowercase();
    };
    let host = u.host_str().unwrap_or_default().to_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    let mut key = if matches!(u.host(), Some(url::Host::Domain(_))) {
        let mut labels: Vec<&str> = host.split('.').collect();
        labels.reverse();
        labels.join(",")
    } else {
        host.to_string()
    };
    if let Some(p) = u.port() {
        key.push_str(&format!(":{p}"));
    }
    key.push(')');
    key.push_str(&u.path().to_lowercase());
    if let Some(q) = u.query() {
        key.push('?');
        key.push_str(&q.to_lowercase());
    }
    key
}

/// The HTTP response as a WARC `response` record's block: status line,
/// headers, blank line, body.
fn http_block(f: &Fetched) -> Vec<u8> {
    let reason = crate::fetch::reason_phrase(f.status).unwrap_or("");
    let mut out = format!("{} {} {}\r\n", f.http_version, f.status, reason).into_bytes();
    for (k, v) in &f.headers {
        out.extend_from_slice(k.as_bytes());
        out.extend_from_slice(b": ");
        out.extend_from_slice(v.as_bytes());
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(b"\r\n");
    out.extend_from_slice(&f.body);
    out
}

/// Packs a fetched page as a WACZ; `title` is the page's, when known.
pub fn write(f: &Fetched, title: Option<&str>, software: &str) -> Result<Vec<u8>, WaczError> {
    let bad = |e: &dyn std::fmt::Display| WaczError::Damaged(format!("cannot write the WARC: {e}"));
    let body_sha = sha256_hex(&f.body);
    let block = http_block(f);
    let mut warc = WarcWriter::new(std::io::BufWriter::new(Vec::new()));
    let info = format!(
        "software: {software}\r\nformat: WARC File Format 1.1\r\nconformsTo: https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/\r\nfactdesk-requested-url: {}\r\n",
        f.requested_url
    );
    let info = RecordBuilder::default()
        .version("1.1".into())
        .warc_type(RecordType::WarcInfo)
        .date(f.fetched_at)
        .header(WarcHeader::ContentType, "application/warc-fields")
        .header(WarcHeader::Filename, "data.warc")
        .body(info.into_bytes())
        .build()
        .map_err(|e| bad(&e))?;
    let response = RecordBuilder::default()
        .version("1.1".into())
        .warc_type(RecordType::Response)
        .date(f.fetched_at)
        .header(WarcHeader::TargetURI, f.final_url.as_str())
        .header(
            WarcHeader::ContentType,
            "application/http; msgtype=response",
        )
        .header(WarcHeader::PayloadDigest, format!("sha256:{body_sha}"))
        .header(
            WarcHeader::BlockDigest,
            format!("sha256:{}", sha256_hex(&block)),
        )
        .body(block)
        .build()
        .map_err(|e| bad(&e))?;
    let offset = warc.write(&info).map_err(|e| bad(&e))?;
    let length = warc.write(&response).map_err(|e| bad(&e))?;
    let data = warc.into_inner().map_err(|e| bad(&e))?;
    let ts = f.fetched_at.format("%Y%m%d%H%M%S").to_string();
    let mime = f
        .content_type()
        .map(|c| {
            c.split(';')
                .next()
                .unwrap_or_default()
                .trim()
                .to_lowercase()
        })
        .unwrap_or_else(|| "application/octet-stream".into());
    let cdx = format!(
        "{} {ts} {}\n",
        surt(&f.final_url),
        json!({"url": f.final_url, "mime": mime, "status": f.status.to_string(), "digest": format!("sha256:{body_sha}"), "length": length.to_string(), "offset": offset.to_string(), "filename": "data.warc"})
    );
    let captured = rfc3339(&f.fetched_at);
    let mut page = json!({"id": &body_sha[..16], "url": f.final_url, "ts": captured});
    if let Some(t) = title {
        page["title"] = json!(t);
    }
    let pages = format!(
        "{}\n{}\n",
        json!({"format": "json-pages-1.0", "id": "pages", "title": "All Pages"}),
        page
    );
    let files: Vec<(&str, &str, Vec<u8>)> = vec![
        ("data.warc", "archive/data.warc", data),
        ("index.cdx", "indexes/index.cdx", cdx.into_bytes()),
        ("pages.jsonl", "pages/pages.jsonl", pages.into_bytes()),
    ];
    let resources: Vec<_> = files
        .iter()
        .map(|(name, path, bytes)| {
            json!({"name": name, "path": path, "hash": format!("sha256:{}", sha256_hex(bytes)), "bytes": bytes.len()})
        })
        .collect();
    let package = json!({
        "profile": "wacz",
        "wacz_version": "1.2.0",
        "title": title.unwrap_or(&f.final_url),
        "created": captured,
        "software": software,
        "home": {"url": f.final_url, "ts": captured},
        "resources": resources,
    });
    let package = serde_json::to_vec_pretty(&package).map_err(|e| bad(&e))?;
    let digest = serde_json::to_vec_pretty(&json!({
        "path": "datapackage.json",
        "hash": format!("sha256:{}", sha256_hex(&package)),
    }))
    .map_err(|e| bad(&e))?;

    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let stored = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored)
        .last_modified_time(zip::DateTime::default());
    let entries = files.iter().map(|(_, path, bytes)| (*path, bytes)).chain([
        ("datapackage.json", &package),
        ("datapackage-digest.json", &digest),
    ]);
    for (path, bytes) in entries {
        zip.start_file(path, stored).map_err(|e| bad(&e))?;
        zip.write_all(bytes).map_err(|e| bad(&e))?;
    }
    Ok(zip.finish().map_err(|e| bad(&e))?.into_inner())
}

/// Reads the page back from a WACZ this module wrote, checking the digest
/// of `datapackage.json` and the SHA-256 of every file it lists.
pub fn read(bytes: &[u8]) -> Result<Page, WaczError> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| WaczError::NotWacz(format!("not a ZIP file ({e})")))?;
    let mut file = |name: &str| -> Result<Vec<u8>, WaczError> {
        let mut f = zip
            .by_name(name)
            .map_err(|_| WaczError::NotWacz(format!("it has no {name}")))?;
        let mut out = Vec::new();
        f.read_to_end(&mut out)
            .map_err(|e| WaczError::Damaged(format!("{name} cannot be read ({e})")))?;
        Ok(out)
    };
    let package = file("datapackage.json")?;
    let digest: serde_json::Value = serde_json::from_slice(&file("datapackage-digest.json")?)
        .map_err(|e| WaczError::Damaged(format!("datapackage-digest.json: {e}")))?;
    if digest["hash"].as_str() != Some(&format!("sha256:{}", sha256_hex(&package))) {
        return Err(WaczError::Damaged(
            "datapackage.json does not match its digest".into(),
        ));
    }
    let package: serde_json::Value = serde_json::from_slice(&package)
        .map_err(|e| WaczError::Damaged(format!("datapackage.json: {e}")))?;
    let mut warc = None;
    for r in package["resources"].as_array().into_iter().flatten() {
        let path = r["path"].as_str().unwrap_or_default();
        let data = file(path)?;
        if r["hash"].as_str() != Some(&format!("sha256:{}", sha256_hex(&data))) {
            return Err(WaczError::Damaged(format!(
                "{path} does not match its SHA-256"
            )));
        }
        if path == "archive/data.warc" {
            warc = Some(data);
        }
    }
    let warc = warc.ok_or_else(|| WaczError::NotWacz("it has no archive/data.warc".into()))?;
    let title = package["title"].as_str().map(str::to_string);
    for record in warc::WarcReader::new(Cursor::new(&warc)).iter_records() {
        let record = record.map_err(|e| WaczError::Damaged(format!("the WARC: {e}")))?;
        if record.warc_type() != &RecordType::Response {
            continue;
        }
        let url = record
            .header(WarcHeader::TargetURI)
            .map(|u| u.to_string())
            .unwrap_or_default();
        let block = record.body();
        let split = block
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .ok_or_else(|| WaczError::Damaged("the response record has no headers".into()))?;
        let head = String::from_utf8_lossy(&block[..split]);
        let mut lines = head.split("\r\n");
        let status = lines
            .next()
            .and_then(|l| l.split(' ').nth(1))
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        let content_type = lines
            .filter_map(|l| l.split_once(':'))
            .find(|(k, _)| k.trim().eq_ignore_ascii_case("content-type"))
            .map(|(_, v)| v.trim().to_string());
        return Ok(Page {
            url,
            captured_at: rfc3339(record.date()),
            status,
            content_type,
            title,
            body: block[split + 4..].to_vec(),
        });
    }
    Err(WaczError::NotWacz("its WARC has no response record".into()))
}
