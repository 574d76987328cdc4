//! The claim-matching benchmark (scripts/bench.sh): a database of N generated
//! claims, the time to build the matching index over all of them (terms and
//! vectors), the first search (which loads the vector index) and the time to
//! get suggestions for a claim, re-ranked by the encoder when its weights are
//! in place. Usage: match_bench DB N
#[path = "../benches/corpus.rs"]
mod corpus;

use std::time::{Duration, Instant};

use factdesk_core::Store;
use factdesk_core::store::ClaimFilter;

fn main() {
    let mut args = std::env::args().skip(1);
    let db = std::path::PathBuf::from(args.next().expect("DB"));
    let n: usize = args.next().expect("N").parse().expect("N is a number");
    let mut store = Store::open(&db).unwrap();
    let start = Instant::now();
    let offset = corpus::import_until(&mut store, n, 500, |i| corpus::statements_article(i, 40));
    let claims = store.count_claims().unwrap();
    println!(
        "{claims} claims in {offset} articles; import took {:.1} s",
        start.elapsed().as_secs_f64()
    );
    drop(store);

    // The index is rebuilt from scratch when its version changes: time that.
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute_batch(
        "DELETE FROM settings WHERE key IN ('matching_index', 'vector_model'); DELETE FROM claim_vectors;",
    )
    .unwrap();
    drop(conn);
    let t = Instant::now();
    let store = Store::open(&db).unwrap();
    println!(
        "matching index (terms and vectors) rebuilt over {claims} claims in {:.1} s",
        t.elapsed().as_secs_f64()
    );
    let size = std::fs::metadata(&db).unwrap().len()
        + std::fs::metadata(db.with_extension("db-wal")).map_or(0, |m| m.len());
    println!("database size {:.0} MB", size as f64 / 1e6);
    let conn = rusqlite::Connection::open(&db).unwrap();
    let (vectors, bytes): (i64, i64) = conn
        .query_row(
            "SELECT count(*), coalesce(sum(length(vector)), 0) FROM claim_vectors",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    drop(conn);
    println!(
        "{vectors} claim vectors, {:.0} MB of vector bytes",
        bytes as f64 / 1e6
    );

    // Suggestions for 200 claims spread over the database, and for new text.
    let ids: Vec<String> = store
        .claims(&ClaimFilter {
            limit: Some(200),
            offset: claims / 3,
            ..Default::default()
        })
        .unwrap()
        .into_iter()
        .map(|c| c.id)
        .collect();
    fill_encodings(&db, &ids);
    // The first search loads the vector index from the database.
    let t = Instant::now();
    store.similar(&ids[0], 10).unwrap();
    println!(
        "first search (loads the vector index) {:.0} ms",
        t.elapsed().as_secs_f64() * 1000.0
    );
    let mut times: Vec<Duration> = Vec::new();
    let mut found = 0;
    for id in &ids {
        let t = Instant::now();
        found += store.similar(id, 10).unwrap().len();
        times.push(t.elapsed());
    }
    report("suggestions for a stored claim", &mut times);
    println!("  {found} suggestions for {} claims", ids.len());
    // New text: stored claims reworded (other order, one word changed).
    let texts: Vec<String> = ids
        .iter()
        .take(4)
        .map(|id| {
            let t = store.claim(id).unwrap().text;
            let mut words: Vec<&str> = t.split(' ').collect();
            words.reverse();
            words.pop();
            words.join(" ")
        })
        .collect();
    let mut times = Vec::new();
    for _ in 0..25 {
        for text in &texts {
            let t = Instant::now();
            store.similar_to_text(text, 10).unwrap();
            times.push(t.elapsed());
        }
    }
    report("suggestions for new text", &mut times);
    let refound = ids
        .iter()
        .zip(&texts)
        .filter(|(id, text)| {
            store
                .similar_to_text(text, 10)
                .unwrap()
                .iter()
                .any(|s| &&s.claim.id == id)
        })
        .count();
    println!(
        "  {refound} of {} reworded claims found their original",
        texts.len()
    );
}

fn report(what: &str, times: &mut [Duration]) {
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{what}: median {:.1} ms, p95 {:.1} ms, max {:.1} ms ({} runs)",
        ms(times[times.len() / 2]),
        ms(times[times.len() * 95 / 100]),
        ms(times[times.len() - 1]),
        times.len()
    );
}

/// The encoder's vectors for every claim, as the background pass would leave
/// them. Reading a million claims takes the encoder hours, so only the claims
/// asked about are read; the others get pseudo-random vectors, which cost a
/// search as much as real ones. Without the encoder's weights, nothing.
fn fill_encodings(db: &std::path::Path, asked: &[String]) {
    use factdesk_core::encoder::{self, Encoding, HIDDEN};
    let (Ok(enc), Ok(model)) = (encoder::shipped(), factdesk_core::embed::shipped()) else {
        println!("no encoder weights: suggestions from the first pass only");
        return;
    };
    let t = Instant::now();
    let mut rng = corpus::Rng::new(11);
    let asked: std::collections::HashSet<&str> = asked.iter().map(String::as_str).collect();
    let mut conn = rusqlite::Connection::open(db).unwrap();
    let tx = conn.transaction().unwrap();
    {
        let mut claims = tx
            .prepare("SELECT id, text FROM claims ORDER BY rowid")
            .unwrap();
        let mut insert = tx
            .prepare("INSERT OR REPLACE INTO claim_encodings(claim_id, vector) VALUES (?1, ?2)")
            .unwrap();
        let mut rows = claims.query([]).unwrap();
        while let Some(row) = rows.next().unwrap() {
            let id: String = row.get(0).unwrap();
            let v = if asked.contains(id.as_str()) {
                enc.encode(&model, &row.get::<_, String>(1).unwrap())
            } else {
                Encoding::quantise(&rng.values(HIDDEN))
            };
            insert.execute(rusqlite::params![id, v.to_bytes()]).unwrap();
        }
    }
    tx.commit().unwrap();
    println!(
        "encoder vectors written for every claim ({} read by the encoder) in {:.1} s",
        asked.len(),
        t.elapsed().as_secs_f64()
    );
}
