//! Is the window's thread free while a link-rot check runs? (docs/benchmarks.md)
//!
//! The app's `links_check` runs the check on a worker thread with its own
//! connection to the database. This does the same (a worker thread running
//! `Store::check_links` on 400 links to a slow local server, 25 hosts, 8 at
//! a time) while the main thread calls the commands the window calls while a
//! checker works (`claims_query`, `claim_get`, `article_get`) through Tauri's
//! IPC (`tauri::test`, no display), and reports their latencies.
//! Usage: cargo run --release -p factdesk-desktop --example vault_responsiveness

use std::io::{Read, Write};
use std::time::{Duration, Instant};

use factdesk_core::Store;
use factdesk_core::store::{CheckPace, LinkTarget, NewEvidence};
use serde_json::{Value, json};

#[path = "../tests/harness/mod.rs"]
mod harness;
use harness::Harness;

/// A server that answers every request after 100 ms.
fn slow_server() -> u16 {
    let listener = std::net::TcpListener::bind("0.0.0.0:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for conn in listener.incoming().flatten() {
            std::thread::spawn(move || {
                let mut conn = conn;
                let mut buf = [0u8; 2048];
                let _ = conn.read(&mut buf);
                std::thread::sleep(Duration::from_millis(100));
                let body =
                    "<html><title>Figures</title><p>Unemployment fell to 4.2 percent.</p></html>";
                let _ = write!(
                    conn,
                    "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                );
            });
        }
    });
    port
}

fn main() {
    let h = Harness::new();
    let db = h.dir.path().join("desk.db");
    let call = |cmd: &str, args: Value| -> (Duration, Value) {
        let start = Instant::now();
        let out = h.ok(cmd, args);
        (start.elapsed(), out)
    };
    call("settings_set_checker", json!({"name": "Ana"}));
    let (_, imported) = call("article_import_sample", json!({}));
    let article = imported["id"].as_str().unwrap().to_string();
    let (_, rows) = call("claims_query", json!({"query": {"sort": "reading"}}));
    let claim = rows[0]["claim"]["id"].as_str().unwrap().to_string();

    let port = slow_server();
    let mut worker = Store::open(&db).unwrap();
    for i in 0..400 {
        worker
            .add_evidence(
                &NewEvidence {
                    claim_id: claim.clone(),
                    url: format!("http://127.0.0.{}:{port}/page/{i}", 1 + i % 25),
                    title: None,
                    stance: factdesk_core::model::Stance::Context,
                    note: None,
                },
                "Ana",
            )
            .unwrap();
    }
    let check = std::thread::spawn(move || {
        let start = Instant::now();
        let checks = worker
            .check_links(
                LinkTarget::All,
                &factdesk_vault::Limits::default(),
                CheckPace::default(),
                "Ana",
            )
            .unwrap();
        (checks.len(), start.elapsed())
    });
    let mut times: Vec<(&str, Duration)> = Vec::new();
    while !check.is_finished() {
        for (cmd, args) in [
            ("claims_query", json!({"query": {"sort": "worth"}})),
            ("claim_get", json!({"id": claim})),
            ("article_get", json!({"id": article})),
        ] {
            let (t, _) = call(cmd, args);
            times.push((cmd, t));
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let (n, took) = check.join().unwrap();
    println!(
        "link-rot check of {n} links (100 ms a response, 25 hosts, 8 at a time): {:.1} s",
        took.as_secs_f64()
    );
    for cmd in ["claims_query", "claim_get", "article_get"] {
        let mut ts: Vec<Duration> = times
            .iter()
            .filter(|(c, _)| *c == cmd)
            .map(|(_, t)| *t)
            .collect();
        ts.sort();
        println!(
            "{cmd} during the check: {} calls, median {:.2} ms, worst {:.2} ms",
            ts.len(),
            ts[ts.len() / 2].as_secs_f64() * 1000.0,
            ts[ts.len() - 1].as_secs_f64() * 1000.0
        );
    }
}
