//! The evidence vault against local servers: what a fetch keeps or refuses,
//! the WACZ it makes, and the content-addressed folder.

use std::time::{Duration, Instant};

use factdesk_vault::{FailureKind, Limits, Url, Vault, fetch, wacz};

use crate::web::{html, redirect, respond, serve};

const PAGE: &str = "<html><head><title>The ministry's figures</title><script>document.title='ran'</script></head><body><p>Unemployment fell to 4.2 percent in March.</p></body></html>";

fn quick() -> Limits {
    Limits {
        max_bytes: 1024 * 1024,
        max_redirects: 10,
        timeout: Duration::from_millis(800),
        ..Limits::default()
    }
}

/// The local server stands in for a public site; `localhost` is private.
fn public_loopback(u: &Url) -> bool {
    u.host_str() == Some("localhost")
}

#[test]
fn a_page_is_fetched_as_it_came() {
    let s = serve(|path, _| match path {
        "/page" => html(PAGE),
        _ => respond(404, &[], b"no"),
    });
    let f = fetch(&s.url("/page"), &quick()).unwrap();
    assert_eq!(f.status, 200);
    assert_eq!(f.final_url, s.url("/page"));
    assert!(f.redirects.is_empty());
    assert_eq!(f.body, PAGE.as_bytes());
    assert_eq!(f.content_type(), Some("text/html; charset=utf-8"));
    // A 404 is a page too: the caller says what it means.
    assert_eq!(fetch(&s.url("/gone"), &quick()).unwrap().status, 404);
    assert_eq!(s.hits(), 2, "one request a fetch");
}

#[test]
fn redirects_are_followed_within_bounds() {
    let s = serve(move |path, _| match path {
        "/a" => redirect("/b"),
        "/b" => redirect("/page"),
        "/page" => html(PAGE),
        "/loop" => redirect("/loop"),
        "/file" => redirect("file:///etc/passwd"),
        "/js" => redirect("javascript:alert(1)"),
        _ => respond(404, &[], b""),
    });
    let f = fetch(&s.url("/a"), &quick()).unwrap();
    assert_eq!(f.final_url, s.url("/page"));
    assert_eq!(f.redirects, [s.url("/b"), s.url("/page")]);
    let err = fetch(&s.url("/loop"), &quick()).unwrap_err();
    assert_eq!(err.kind, FailureKind::TooManyRedirects, "{err}");
    assert!(err.message.contains("more than 10 redirects"), "{err}");
    for path in ["/file", "/js"] {
        let err = fetch(&s.url(path), &quick()).unwrap_err();
        assert_eq!(err.kind, FailureKind::NotWeb, "{path}: {err}");
    }
    // The checker's own link may be local; a public page may not redirect there.
    let port = Url::parse(&s.base).unwrap().port().unwrap();
    let to_private = format!("http://localhost:{port}/page");
    let t = serve(move |_, _| redirect(&to_private));
    let limits = Limits {
        is_private: public_loopback,
        ..quick()
    };
    let err = fetch(&t.url("/x"), &limits).unwrap_err();
    assert_eq!(err.kind, FailureKind::PrivateRedirect, "{err}");
    assert!(fetch(&format!("http://localhost:{port}/page"), &limits).is_ok());
}

#[test]
fn slow_huge_and_broken_servers_end_in_a_clear_failure() {
    let s = serve(|path, _| match path {
        "/slow" => {
            std::thread::sleep(Duration::from_secs(3));
            html(PAGE)
        }
        "/huge" => respond(
            200,
            &[("Content-Type", "text/html")],
            &vec![b'x'; 2 * 1024 * 1024],
        ),
        "/stream" => {
            // No length said: the limit applies while reading.
            let mut out = b"HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n".to_vec();
            out.extend(std::iter::repeat_n(b'y', 3 * 1024 * 1024));
            out
        }
        _ => b"this is not HTTP\r\n\r\n".to_vec(),
    });
    let start = Instant::now();
    let err = fetch(&s.url("/slow"), &quick()).unwrap_err();
    assert_eq!(err.kind, FailureKind::Timeout, "{err}");
    assert!(
        start.elapsed() < Duration::from_secs(3),
        "{:?}",
        start.elapsed()
    );
    for path in ["/huge", "/stream"] {
        let err = fetch(&s.url(path), &quick()).unwrap_err();
        assert_eq!(err.kind, FailureKind::TooLarge, "{path}: {err}");
    }
    let err = fetch(&s.url("/bad"), &quick()).unwrap_err();
    assert_eq!(err.kind, FailureKind::Malformed, "{err}");
    // Nothing listens there.
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let err = fetch(&format!("http://127.0.0.1:{port}/"), &quick()).unwrap_err();
    assert_eq!(err.kind, FailureKind::Connect, "{err}");
    for bad in ["ftp://example.org/x", "javascript:alert(1)", "not a url"] {
        assert_eq!(
            fetch(bad, &quick()).unwrap_err().kind,
            FailureKind::NotWeb,
            "{bad}"
        );
    }
}

#[test]
fn a_wacz_holds_the_page_with_every_hash_right() {
    let pdf = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n".to_vec();
    let body = pdf.clone();
    let s = serve(move |path, _| match path {
        "/page" => html(PAGE),
        _ => respond(200, &[("Content-Type", "application/pdf")], &body),
    });
    for (path, title, want) in [
        (
            "/page",
            Some("The ministry's figures"),
            PAGE.as_bytes().to_vec(),
        ),
        ("/doc.pdf", None, pdf.clone()),
    ] {
        let f = fetch(&s.url(path), &quick()).unwrap();
        let bytes = wacz::write(&f, title, "factdesk test").unwrap();
        let page = wacz::read(&bytes).unwrap();
        assert_eq!(page.body, want, "{path}");
        assert_eq!(page.url, s.url(path));
        assert_eq!(page.status, 200);
        // Every file is stored, not compressed, so a reader can seek into it.
        let mut zip = zip_names(&bytes);
        zip.sort();
        assert_eq!(
            zip,
            [
                "archive/data.warc",
                "datapackage-digest.json",
                "datapackage.json",
                "indexes/index.cdx",
                "pages/pages.jsonl"
            ]
        );
        // A changed byte anywhere is found.
        let mut bad = bytes.clone();
        let at = find(&bad, b"ministry")
            .or_else(|| find(&bad, b"PDF-1.4"))
            .unwrap();
        bad[at] ^= 1;
        assert!(
            wacz::read(&bad).is_err(),
            "{path}: a damaged WACZ read as whole"
        );
    }
    assert!(wacz::read(b"PK\x03\x04 not really").is_err());
    if let Ok(dir) = std::env::var("FACTDESK_WACZ_OUT") {
        // For scripts/check-wacz.py, the independent reader (scripts/test-all.sh).
        let f = fetch(&s.url("/page"), &quick()).unwrap();
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            std::path::Path::new(&dir).join("page.wacz"),
            wacz::write(&f, Some("The ministry's figures"), "factdesk test").unwrap(),
        )
        .unwrap();
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// The names in a ZIP's central directory, each checked to be STORE'd.
fn zip_names(bytes: &[u8]) -> Vec<String> {
    let mut names = Vec::new();
    let mut at = 0;
    while let Some(i) = find(&bytes[at..], b"PK\x01\x02") {
        let e = at + i;
        let method = u16::from_le_bytes([bytes[e + 10], bytes[e + 11]]);
        assert_eq!(method, 0, "compressed entry");
        let len = u16::from_le_bytes([bytes[e + 28], bytes[e + 29]]) as usize;
        names.push(String::from_utf8_lossy(&bytes[e + 46..e + 46 + len]).to_string());
        at = e + 46 + len;
    }
    names
}

#[test]
fn the_vault_keeps_each_capture_whole_under_its_hash() {
    let dir = tempfile::tempdir().unwrap();
    let vault = Vault::beside(&dir.path().join("desk.db"));
    assert_eq!(vault.dir(), dir.path().join("vault"));
    let sha = vault.put(b"one capture").unwrap();
    assert_eq!(sha, factdesk_vault::sha256_hex(b"one capture"));
    assert_eq!(vault.get(&sha).unwrap(), b"one capture");
    // The same bytes again: the same file, not rewritten.
    assert_eq!(vault.put(b"one capture").unwrap(), sha);
    // A file changed behind the vault's back is refused.
    std::fs::write(vault.path_of(&sha).unwrap(), b"tampered").unwrap();
    assert!(vault.get(&sha).is_err());
    assert!(vault.path_of("../../etc/passwd").is_err());
    // What a write cut short (kill -9) leaves is swept, and only that.
    std::fs::write(vault.dir().join(".partial-abc-1"), b"half").unwrap();
    assert_eq!(
        vault.sweep(Duration::from_secs(3600)).unwrap(),
        0,
        "a capture may still be writing it"
    );
    assert_eq!(vault.sweep(Duration::ZERO).unwrap(), 1);
    assert!(vault.path_of(&sha).unwrap().exists());
}
