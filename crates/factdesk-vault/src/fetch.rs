//! One page over http(s), within limits, with redirects followed by hand.

use std::io::Read;
use std::net::{IpAddr, ToSocketAddrs};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use serde::Serialize;
use url::Url;

/// How far a fetch may go.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// The largest body kept; a larger page is refused as too large.
    pub max_bytes: u64,
    /// Redirects followed before giving up.
    pub max_redirects: u32,
    /// The whole fetch, redirects and body included.
    pub timeout: Duration,
    /// Whether an address is private (no redirect from a public one may go
    /// there): [`is_private`]. A test may judge its local server public, to
    /// stand in for the internet.
    pub is_private: fn(&Url) -> bool,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_bytes: 20 * 1024 * 1024,
            max_redirects: 10,
            timeout: Duration::from_secs(30),
            is_private,
        }
    }
}

/// A response as it came, after the redirects.
#[derive(Debug, Clone, PartialEq)]
pub struct Fetched {
    /// The address the checker gave.
    pub requested_url: String,
    /// Where the redirects led.
    pub final_url: String,
    /// Every address after the first, in order.
    pub redirects: Vec<String>,
    pub status: u16,
    /// The status line's protocol, e.g. `HTTP/1.1`.
    pub http_version: String,
    /// The response's headers as sent (a `Transfer-Encoding` the client
    /// undid is left out, since the body is kept decoded).
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    pub fetched_at: DateTime<Utc>,
}

impl Fetched {
    /// The `Content-Type` header, if any.
    pub fn content_type(&self) -> Option<&str> {
        self.header("content-type")
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// Whether the redirects led to another site (host) than the one asked.
    pub fn moved_away(&self) -> bool {
        let host = |u: &str| {
            Url::parse(u)
                .ok()
                .and_then(|u| u.host_str().map(str::to_lowercase))
        };
        let (a, b) = (host(&self.requested_url), host(&self.final_url));
        let bare = |h: Option<String>| h.map(|h| h.trim_start_matches("www.").to_string());
        bare(a) != bare(b)
    }
}

/// Why a fetch gave no page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FailureKind {
    /// Not an http or https address (or a redirect to one that is not).
    NotWeb,
    /// The host's name could not be resolved.
    Dns,
    /// No connection to the host.
    Connect,
    /// Slower than the limit.
    Timeout,
    /// The TLS handshake or certificate failed.
    Tls,
    /// The server answered with an error status (4xx, 5xx).
    Http,
    /// Larger than the limit.
    TooLarge,
    TooManyRedirects,
    /// A public address redirected to a private or loopback one.
    PrivateRedirect,
    /// Not a well-formed HTTP response.
    Malformed,
}

impl FailureKind {
    pub fn as_str(self) -> &'static str {
        match self {
            FailureKind::NotWeb => "not_web",
            FailureKind::Dns => "dns",
            FailureKind::Connect => "connect",
            FailureKind::Timeout => "timeout",
            FailureKind::Tls => "tls",
            FailureKind::Http => "http",
            FailureKind::TooLarge => "too_large",
            FailureKind::TooManyRedirects => "too_many_redirects",
            FailureKind::PrivateRedirect => "private_redirect",
            FailureKind::Malformed => "malformed",
        }
    }
}

/// A fetch that gave no page, with the reason in words.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{message}")]
pub struct Failure {
    pub kind: FailureKind,
    pub message: String,
    /// The status, for an HTTP error.
    pub status: Option<u16>,
    /// Where the redirects had got to.
    pub final_url: Option<String>,
}

impl Failure {
    fn new(kind: FailureKind, message: impl Into<String>, at: &Url) -> Self {
        Failure {
            kind,
            message: message.into(),
            status: None,
            final_url: Some(at.to_string()),
        }
    }
}

/// Fetches `url` within `limits`. Any status the server ends on is a
/// [`Fetched`] (a 404 page too: the caller decides what it means); a page
/// that cannot be had is a [`Failure`].
pub fn fetch(url: &str, limits: &Limits) -> Result<Fetched, Failure> {
    let start = Instant::now();
    let mut at = web_url(url.trim()).map_err(|m| Failure {
        kind: FailureKind::NotWeb,
        message: m,
        status: None,
        final_url: None,
    })?;
    let requested_url = at.to_string();
    // A link the checker gives goes where it points, local addresses
    // included; only a redirect may not turn a public address private.
    let public = !(limits.is_private)(&at);
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .max_redirects(0)
        .http_status_as_error(false)
        .user_agent(concat!(
            "factdesk/",
            env!("CARGO_PKG_VERSION"),
            " (evidence archive)"
        ))
        .build()
        .into();
    let mut redirects = Vec::new();
    loop {
        let left = limits
            .timeout
            .checked_sub(start.elapsed())
            .filter(|d| !d.is_zero())
            .ok_or_else(|| timeout(limits, &at))?;
        let mut resp = agent
            .get(at.as_str())
            .config()
            .timeout_global(Some(left))
            .build()
            .call()
            .map_err(|e| failure(e, limits, &at))?;
        let status = resp.status().as_u16();
        if (300..400).contains(&status)
            && let Some(location) = resp.headers().get("location")
        {
            if redirects.len() as u32 >= limits.max_redirects {
                return Err(Failure::new(
                    FailureKind::TooManyRedirects,
                    format!("more than {} redirects", limits.max_redirects),
                    &at,
                ));
            }
            let location = String::from_utf8_lossy(location.as_bytes()).to_string();
            let next = at.join(&location).map_err(|_| {
                Failure::new(
                    FailureKind::Malformed,
                    format!("a redirect to an address that cannot be read: {location:?}"),
                    &at,
                )
            })?;
            if next.scheme() != "http" && next.scheme() != "https" {
                return Err(Failure::new(
                    FailureKind::NotWeb,
                    format!(
                        "a redirect to a {}: address, which is not a web page",
                        next.scheme()
                    ),
                    &at,
                ));
            }
            if public && (limits.is_private)(&next) {
                return Err(Failure::new(
                    FailureKind::PrivateRedirect,
                    format!(
                        "a redirect from a public address to a private one ({}), which is not followed",
                        next.host_str().unwrap_or_default()
                    ),
                    &at,
                ));
            }
            redirects.push(next.to_string());
            at = next;
            continue;
        }
        let too_large = || {
            Failure::new(
                FailureKind::TooLarge,
                format!(
                    "larger than the limit of {} MB",
                    limits.max_bytes / (1024 * 1024)
                ),
                &at,
            )
        };
        if resp
            .headers()
            .get("content-length")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<u64>().ok())
            .is_some_and(|n| n > limits.max_bytes)
        {
            return Err(too_large());
        }
        let headers: Vec<(String, String)> = resp
            .headers()
            .iter()
            .filter(|(k, _)| !k.as_str().eq_ignore_ascii_case("transfer-encoding"))
            .map(|(k, v)| {
                (
                    k.as_str().to_string(),
                    String::from_utf8_lossy(v.as_bytes()).to_string(),
                )
            })
            .collect();
        let http_version = format!("{:?}", resp.version());
        let mut body = Vec::new();
        resp.body_mut()
            .as_reader()
            .take(limits.max_bytes + 1)
            .read_to_end(&mut body)
            .map_err(|e| io_failure(&e, limits, &at))?;
        if body.len() as u64 > limits.max_bytes {
            return Err(too_large());
        }
        return Ok(Fetched {
            requested_url,
            final_url: at.to_string(),
            redirects,
            status,
            http_version,
            headers,
            body,
            fetched_at: Utc::now(),
        });
    }
}

/// The standard reason phrase of an HTTP status ("Not Found" for 404).
pub fn reason_phrase(status: u16) -> Option<&'static str> {
    ureq::http::StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason())
}

/// An http or https address with a host, or why not.
fn web_url(s: &str) -> Result<Url, String> {
    let u = Url::parse(s).map_err(|e| format!("{s:?} is not a web address ({e})"))?;
    if u.scheme() != "http" && u.scheme() != "https" {
        return Err(format!(
            "only http and https links can be archived, not {}:",
            u.scheme()
        ));
    }
    if u.host_str().is_none_or(str::is_empty) {
        return Err(format!("{s:?} has no host"));
    }
    Ok(u)
}

/// Whether the address's host is (or resolves to) a loopback, private,
/// link-local or otherwise non-public address.
pub fn is_private(u: &Url) -> bool {
    let Some(host) = u.host() else { return false };
    let addrs: Vec<IpAddr> = match host {
        url::Host::Ipv4(a) => vec![IpAddr::V4(a)],
        url::Host::Ipv6(a) => vec![IpAddr::V6(a)],
        url::Host::Domain(d) => (d, u.port_or_known_default().unwrap_or(80))
            .to_socket_addrs()
            .map(|it| it.map(|s| s.ip()).collect())
            .unwrap_or_default(),
    };
    addrs.iter().any(|a| match a {
        IpAddr::V4(v) => {
            v.is_loopback()
                || v.is_private()
                || v.is_link_local()
                || v.is_unspecified()
                || v.is_broadcast()
                || (v.octets()[0] == 100 && (64..128).contains(&v.octets()[1]))
        }
        IpAddr::V6(v) => {
            v.is_loopback()
                || v.is_unspecified()
                || (v.segments()[0] & 0xfe00) == 0xfc00
                || (v.segments()[0] & 0xffc0) == 0xfe80
                || v.to_ipv4_mapped()
                    .is_some_and(|m| m.is_loopback() || m.is_private() || m.is_link_local())
        }
    })
}

/// Whether a connection error is the resolver's (getaddrinfo's words).
fn is_dns(e: &std::io::Error) -> bool {
    let text = e.to_string().to_ascii_lowercase();
    [
        "lookup address",
        "name or service not known",
        "no address associated",
        "nodename nor servname",
        "temporary failure in name resolution",
    ]
    .iter()
    .any(|w| text.contains(w))
}

fn timeout(limits: &Limits, at: &Url) -> Failure {
    Failure::new(
        FailureKind::Timeout,
        format!("no whole answer within {} s", limits.timeout.as_secs_f64()),
        at,
    )
}

fn io_failure(e: &std::io::Error, limits: &Limits, at: &Url) -> Failure {
    match e.kind() {
        std::io::ErrorKind::TimedOut | std::io::ErrorKind::WouldBlock => timeout(limits, at),
        _ => {
            // ureq reports its own errors through io::Error while reading a body.
            let text = e.to_string();
            if text.contains("timeout") || text.contains("timed out") {
                timeout(limits, at)
            } else {
                Failure::new(
                    FailureKind::Malformed,
                    format!("the answer broke off: {text}"),
                    at,
                )
            }
        }
    }
}

fn failure(e: ureq::Error, limits: &Limits, at: &Url) -> Failure {
    let host = at.host_str().unwrap_or_default().to_string();
    match e {
        ureq::Error::HostNotFound => {
            Failure::new(FailureKind::Dns, format!("no such host: {host}"), at)
        }
        ureq::Error::Timeout(_) => timeout(limits, at),
        ureq::Error::Io(io) if is_dns(&io) => {
            Failure::new(FailureKind::Dns, format!("no such host: {host}"), at)
        }
        ureq::Error::Io(io) => match io.kind() {
            std::io::ErrorKind::TimedOut => timeout(limits, at),
            std::io::ErrorKind::ConnectionRefused => Failure::new(
                FailureKind::Connect,
                format!("{host} refused the connection"),
                at,
            ),
            _ => Failure::new(
                FailureKind::Connect,
                format!("no connection to {host}: {io}"),
                at,
            ),
        },
        ureq::Error::ConnectionFailed => {
            Failure::new(FailureKind::Connect, format!("no connection to {host}"), at)
        }
        ureq::Error::Tls(m) => Failure::new(FailureKind::Tls, format!("TLS failed: {m}"), at),
        ureq::Error::Rustls(r) => Failure::new(FailureKind::Tls, format!("TLS failed: {r}"), at),
        ureq::Error::TooManyRedirects => Failure::new(
            FailureKind::TooManyRedirects,
            format!("more than {} redirects", limits.max_redirects),
            at,
        ),
        ureq::Error::BodyExceedsLimit(_) => Failure::new(
            FailureKind::TooLarge,
            format!(
                "larger than the limit of {} MB",
                limits.max_bytes / (1024 * 1024)
            ),
            at,
        ),
        other => Failure::new(
            FailureKind::Malformed,
            format!("not a well-formed answer: {other}"),
            at,
        ),
    }
}
