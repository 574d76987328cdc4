//! How much of the exact nearest the sign-code shortlist keeps, on real
//! vectors: those stored in a database (a CLEF 2020 one built by
//! `../shared/eval/clef2020.py`, the background pass finished) and queries
//! from a CLEF `tweets.queries.tsv` (id, tab, text; a header line), embedded
//! here. For each shortlist share, the share of the exact 5 nearest found
//! among the shortlist's best k, and the share of the exact k; the encoder's
//! vectors with k = 50 (the second pass's), the static model's with k = 100.
//! Usage: ann_recall DB QUERIES.tsv encoder|static
use factdesk_core::embed::{self, DIM, Index, Vector};
use factdesk_core::encoder::{self, Encoding, HIDDEN};

const SHARES: [f64; 4] = [0.01, 0.02, 0.05, 0.10];

fn main() {
    let mut args = std::env::args().skip(1);
    let db = args.next().expect("DB");
    let queries = args.next().expect("QUERIES.tsv");
    let which = args.next().expect("encoder|static");
    let conn = rusqlite::Connection::open(db).unwrap();
    let texts: Vec<String> = std::fs::read_to_string(queries)
        .unwrap()
        .lines()
        .skip(1)
        .filter_map(|l| l.split_once('\t').map(|(_, t)| t.to_string()))
        .collect();
    let model = embed::shipped().unwrap();
    match which.as_str() {
        "encoder" => {
            let enc = encoder::shipped().unwrap();
            let index = load::<HIDDEN>(&conn, "claim_encodings");
            let queries: Vec<Encoding> = texts.iter().map(|t| enc.encode(&model, t)).collect();
            report(&index, &queries, 50);
        }
        "static" => {
            let index = load::<DIM>(&conn, "claim_vectors");
            let queries: Vec<Vector> = texts.iter().map(|t| model.embed(t)).collect();
            report(&index, &queries, 100);
        }
        other => panic!("encoder or static, not {other}"),
    }
}

fn load<const D: usize>(conn: &rusqlite::Connection, table: &str) -> Index<D> {
    let mut index = Index::default();
    let mut stmt = conn
        .prepare(&format!("SELECT id, vector FROM {table} ORDER BY id"))
        .unwrap();
    let mut rows = stmt.query([]).unwrap();
    while let Some(row) = rows.next().unwrap() {
        let bytes: Vec<u8> = row.get(1).unwrap();
        index.push(row.get(0).unwrap(), &Vector::from_bytes(&bytes).unwrap());
    }
    index
}

fn report<const D: usize>(index: &Index<D>, queries: &[Vector<D>], k: usize) {
    println!(
        "{} vectors, {} queries, k = {k}",
        index.len(),
        queries.len()
    );
    let mut found5 = [0usize; SHARES.len()];
    let mut found = [0usize; SHARES.len()];
    for q in queries {
        let exact: Vec<i64> = index.nearest(q, k).into_iter().map(|(id, _)| id).collect();
        for (s, share) in SHARES.iter().enumerate() {
            let shortlist = (index.len() as f64 * share).ceil() as usize;
            let got: Vec<i64> = index
                .nearest_from_shortlist(q, k, shortlist.max(k))
                .into_iter()
                .map(|(id, _)| id)
                .collect();
            found5[s] += exact[..5].iter().filter(|id| got.contains(id)).count();
            found[s] += exact.iter().filter(|id| got.contains(id)).count();
        }
    }
    for (s, share) in SHARES.iter().enumerate() {
        println!(
            "shortlist {:>4.1}%: exact 5 nearest kept {:.3}, exact {k} nearest kept {:.3}",
            share * 100.0,
            found5[s] as f64 / (5 * queries.len()) as f64,
            found[s] as f64 / (k * queries.len()) as f64
        );
    }
}
