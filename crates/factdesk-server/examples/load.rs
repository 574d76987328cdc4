//! The team server's load benchmark (scripts/bench-server.sh): seeds the
//! server with N generated claims, then runs DESKS simulated desks that each
//! sync every few seconds (pull what is new, push a new article of ten
//! claims, pull again when another desk pushed first), while one more desk
//! syncs 1,000 changes at a time. Prints latencies and throughput.
//! Usage: load URL TOKEN CLAIMS DESKS SECONDS
#[path = "../../factdesk-core/benches/corpus.rs"]
mod corpus;

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use factdesk_core::Store;
use factdesk_core::store::{ClaimFilter, ImportMeta};

/// A bundle of generated articles `seeds`, each with `claims` claims.
fn bundle(seeds: std::ops::Range<u64>, claims: usize) -> String {
    let mut store = Store::open_in_memory().unwrap();
    let docs: Vec<_> = seeds
        .map(|i| {
            (
                factdesk_core::import::parse_text(&corpus::statements_article(i, claims)),
                ImportMeta::default(),
            )
        })
        .collect();
    store.import(&docs, "load").unwrap();
    let mut out = Vec::new();
    store
        .export_bundle(&ClaimFilter::default(), &mut out)
        .unwrap();
    String::from_utf8(out).unwrap()
}

struct Client {
    agent: ureq::Agent,
    url: String,
    token: String,
}

impl Client {
    fn head(&self) -> i64 {
        let v: serde_json::Value = self
            .agent
            .get(format!("{}/v1/me", self.url))
            .header("Authorization", format!("Bearer {}", self.token))
            .call()
            .unwrap()
            .body_mut()
            .read_json()
            .unwrap();
        v["head"].as_i64().unwrap()
    }

    /// Pulls every page after `cursor`; returns the new cursor and the bytes read.
    fn pull(&self, mut cursor: i64) -> (i64, usize) {
        let mut bytes = 0;
        loop {
            let text = self
                .agent
                .get(format!("{}/v1/pull?after={cursor}", self.url))
                .header("Authorization", format!("Bearer {}", self.token))
                .call()
                .unwrap()
                .body_mut()
                .with_config()
                .limit(1 << 31)
                .read_to_string()
                .unwrap();
            bytes += text.len();
            let v: serde_json::Value = serde_json::from_str(&text).unwrap();
            let (upto, head) = (v["upto"].as_i64().unwrap(), v["head"].as_i64().unwrap());
            cursor = upto.max(cursor);
            if upto >= head {
                return (cursor, bytes);
            }
        }
    }

    /// Pushes; `None` when another desk pushed first (stale).
    fn push(&self, desk: &str, base: i64, bundle: &str) -> Option<i64> {
        let body = format!("{{\"desk\":\"{desk}\",\"base\":{base},\"bundle\":{bundle}}}");
        let mut r = self
            .agent
            .post(format!("{}/v1/push", self.url))
            .header("Authorization", format!("Bearer {}", self.token))
            .header("Content-Type", "application/json")
            .send(body.as_bytes())
            .unwrap();
        let status = r.status().as_u16();
        let v: serde_json::Value = r
            .body_mut()
            .with_config()
            .limit(1 << 30)
            .read_json()
            .unwrap();
        match status {
            200 => Some(v["head"].as_i64().unwrap()),
            409 => None,
            _ => panic!("push refused: {v}"),
        }
    }

    /// One sync as a desk does it: pull, push, and again while stale.
    fn sync(&self, desk: &str, cursor: &mut i64, bundle: &str, stale: &AtomicU64) {
        loop {
            *cursor = self.pull(*cursor).0;
            match self.push(desk, *cursor, bundle) {
                Some(head) => {
                    *cursor = head;
                    return;
                }
                None => {
                    stale.fetch_add(1, Ordering::Relaxed);
                }
            }
        }
    }
}

fn client(url: &str, token: &str) -> Client {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(600)))
        .build()
        .into();
    Client {
        agent,
        url: url.into(),
        token: token.into(),
    }
}

fn report(what: &str, times: &mut [Duration]) {
    times.sort();
    if times.is_empty() {
        println!("{what}: no samples");
        return;
    }
    let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize].as_secs_f64() * 1e3;
    println!(
        "{what}: {} syncs, median {:.1} ms, p95 {:.1} ms, max {:.1} ms",
        times.len(),
        at(0.5),
        at(0.95),
        at(1.0)
    );
}

fn main() {
    let mut args = std::env::args().skip(1);
    let url = args.next().expect("URL");
    let token = args.next().expect("TOKEN");
    let claims: u64 = args.next().expect("CLAIMS").parse().unwrap();
    let desks: u64 = args.next().expect("DESKS").parse().unwrap();
    let seconds: u64 = args.next().expect("SECONDS").parse().unwrap();

    // Seed: articles of 40 claims, 250 to a push (10,000 claims).
    let c = client(&url, &token);
    let mut head = c.head();
    let articles = claims / 40;
    let t = Instant::now();
    let mut seed_times = Vec::new();
    let mut next = 0u64;
    while next < articles {
        let n = 250.min(articles - next);
        let b = bundle(next..next + n, 40);
        let s = Instant::now();
        head = c.push("seeder", head, &b).expect("the seeder is alone");
        seed_times.push(s.elapsed());
        next += n;
    }
    println!(
        "seeded {} claims in {} pushes, {:.1} s in all",
        articles * 40,
        seed_times.len(),
        t.elapsed().as_secs_f64()
    );
    report("seeding push of 10,000 claims", &mut seed_times);

    // Desks that start from the head (they already have the seed).
    let stale = Arc::new(AtomicU64::new(0));
    let small: Arc<Mutex<Vec<Duration>>> = Arc::default();
    let big: Arc<Mutex<Vec<Duration>>> = Arc::default();
    let seeds = Arc::new(AtomicU64::new(10_000_000));
    let until = Instant::now() + Duration::from_secs(seconds);
    let mut threads = Vec::new();
    for d in 0..desks {
        let (url, token, stale, small, seeds) = (
            url.clone(),
            token.clone(),
            stale.clone(),
            small.clone(),
            seeds.clone(),
        );
        threads.push(std::thread::spawn(move || {
            let c = client(&url, &token);
            let mut cursor = c.head();
            let desk = format!("desk-{d}");
            // Desks do not sync in step: each starts a little later.
            std::thread::sleep(Duration::from_millis(d * 3000 / desks.max(1)));
            while Instant::now() < until {
                let first = seeds.fetch_add(1, Ordering::Relaxed);
                let b = bundle(first..first + 1, 10);
                let s = Instant::now();
                c.sync(&desk, &mut cursor, &b, &stale);
                small.lock().unwrap().push(s.elapsed());
                std::thread::sleep(Duration::from_secs(3).saturating_sub(s.elapsed()));
            }
        }));
    }
    {
        let (url, token, stale, big, seeds) = (
            url.clone(),
            token.clone(),
            stale.clone(),
            big.clone(),
            seeds.clone(),
        );
        threads.push(std::thread::spawn(move || {
            let c = client(&url, &token);
            let mut cursor = c.head();
            while Instant::now() < until {
                let first = seeds.fetch_add(25, Ordering::Relaxed);
                let b = bundle(first..first + 25, 40);
                let s = Instant::now();
                c.sync("desk-big", &mut cursor, &b, &stale);
                big.lock().unwrap().push(s.elapsed());
                std::thread::sleep(Duration::from_secs(5).saturating_sub(s.elapsed()));
            }
        }));
    }
    let start = Instant::now();
    for t in threads {
        t.join().unwrap();
    }
    let elapsed = start.elapsed().as_secs_f64();
    let mut small = small.lock().unwrap().clone();
    let mut big = big.lock().unwrap().clone();
    let syncs = small.len() + big.len();
    println!(
        "{desks} desks for {elapsed:.0} s: {syncs} syncs ({:.1} a second), {} pushes refused as stale and pulled again",
        syncs as f64 / elapsed,
        stale.load(Ordering::Relaxed)
    );
    report(
        "a desk's sync (pull, then push a new article of 10 claims)",
        &mut small,
    );
    report(
        "a sync of 1,000 changes (25 articles of 40 claims)",
        &mut big,
    );
}
