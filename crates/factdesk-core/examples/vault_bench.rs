//! The evidence vault's benchmark (scripts/bench.sh): a local server on
//! 127.0.0.1 (never the internet) serves pages of several sizes; each is
//! captured end to end (fetch, WACZ, vault file, row) several times; then
//! 1,000 links over 125 loopback hosts (127.0.0.1 to 127.0.0.125) are
//! captured and checked for rot, 8 at a time, a quarter of a second apart per
//! host. Usage: vault_bench DIR

use std::io::{Read, Write};
use std::time::{Duration, Instant};

use factdesk_core::Store;
use factdesk_core::store::{CheckPace, ImportMeta, LinkTarget, NewEvidence};
use factdesk_vault::Limits;

/// A page of about `n` bytes of article text.
fn page(n: usize) -> String {
    let para = "<p>Unemployment fell to 4.2 percent in March, the ministry said on Friday, the lowest rate in a decade, and revised its February figure.</p>\n";
    let mut body = String::from("<html><head><title>Labour figures</title></head><body><article>");
    while body.len() < n {
        body.push_str(para);
    }
    body.push_str("</article></body></html>");
    body
}

fn serve() -> u16 {
    // 0.0.0.0 answers every loopback address, so links can name 125 hosts.
    let listener = std::net::TcpListener::bind("0.0.0.0:0").expect("a local port");
    let port = listener.local_addr().unwrap().port();
    let pages: Vec<(usize, String)> = [10_000, 100_000, 1_000_000]
        .iter()
        .map(|&n| (n, page(n)))
        .collect();
    std::thread::spawn(move || {
        let pages = std::sync::Arc::new(pages);
        for conn in listener.incoming().flatten() {
            let pages = pages.clone();
            std::thread::spawn(move || {
                let mut conn = conn;
                let mut req = Vec::new();
                let mut buf = [0u8; 2048];
                while !req.windows(4).any(|w| w == b"\r\n\r\n") {
                    match conn.read(&mut buf) {
                        Ok(0) | Err(_) => return,
                        Ok(k) => req.extend_from_slice(&buf[..k]),
                    }
                }
                let path = String::from_utf8_lossy(&req)
                    .split(' ')
                    .nth(1)
                    .unwrap_or("/")
                    .to_string();
                let size: usize = path
                    .trim_start_matches("/p")
                    .split('/')
                    .next()
                    .and_then(|s| s.parse().ok())
                    .unwrap_or(10_000);
                let body = &pages
                    .iter()
                    .find(|(n, _)| *n == size)
                    .unwrap_or(&pages[0])
                    .1;
                let _ = write!(
                    conn,
                    "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                );
            });
        }
    });
    port
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    let dir = std::path::PathBuf::from(std::env::args().nth(1).expect("DIR"));
    std::fs::create_dir_all(&dir).unwrap();
    let mut store = Store::open(&dir.join("vault-bench.db")).unwrap();
    let doc = factdesk_core::import::parse_text(
        "Labour figures\n\nUnemployment fell to 4.2 percent in March, the ministry said.",
    );
    store
        .import(&[(doc, ImportMeta::default())], "bench")
        .unwrap();
    let claim = store.claims(&Default::default()).unwrap()[0].id.clone();
    let port = serve();
    let limits = Limits::default();
    let add = |store: &mut Store, url: String| {
        store
            .add_evidence(
                &NewEvidence {
                    claim_id: claim.clone(),
                    url,
                    title: None,
                    stance: factdesk_core::model::Stance::Context,
                    note: None,
                },
                "bench",
            )
            .unwrap()
            .id
    };

    for size in [10_000, 100_000, 1_000_000] {
        let mut times = Vec::new();
        for i in 0..15 {
            // A new address each time, so every capture writes a new WACZ.
            let id = add(&mut store, format!("http://127.0.0.1:{port}/p{size}/{i}"));
            let start = Instant::now();
            let c = store.capture_evidence(&id, &limits, "bench").unwrap();
            times.push(start.elapsed());
            assert!(c.wacz_sha256.is_some(), "{c:?}");
        }
        times.sort();
        println!(
            "capture of a {} KB page (fetch, WACZ, vault file, row): median {:.1} ms, worst {:.1} ms (15 runs)",
            size / 1000,
            ms(times[times.len() / 2]),
            ms(times[times.len() - 1])
        );
    }

    let mut fresh = Store::open(&dir.join("vault-check.db")).unwrap();
    let doc = factdesk_core::import::parse_text(
        "Links\n\nThe ministry said unemployment fell to 4.2 percent.",
    );
    fresh
        .import(&[(doc, ImportMeta::default())], "bench")
        .unwrap();
    let claim2 = fresh.claims(&Default::default()).unwrap()[0].id.clone();
    let mut ids = Vec::new();
    for i in 0..1000 {
        let e = fresh
            .add_evidence(
                &NewEvidence {
                    claim_id: claim2.clone(),
                    url: format!("http://127.0.0.{}:{port}/p10000/{i}", 1 + i % 125),
                    title: None,
                    stance: factdesk_core::model::Stance::Context,
                    note: None,
                },
                "bench",
            )
            .unwrap();
        ids.push(e.id);
    }
    let start = Instant::now();
    for id in &ids {
        fresh.capture_evidence(id, &limits, "bench").unwrap();
    }
    println!(
        "capture of 1,000 links of 10 KB one after another: {:.1} s",
        start.elapsed().as_secs_f64()
    );
    let start = Instant::now();
    let checks = fresh
        .check_links(LinkTarget::All, &limits, CheckPace::default(), "bench")
        .unwrap();
    let same = checks
        .iter()
        .filter(|k| k.verdict == factdesk_core::model::LinkVerdict::Same)
        .count();
    println!(
        "link-rot check of {} links over 125 hosts, 8 at a time, 250 ms apart per host: {:.2} s ({same} same)",
        checks.len(),
        start.elapsed().as_secs_f64()
    );
}
