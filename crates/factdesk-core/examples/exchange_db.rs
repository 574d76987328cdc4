//! Builds a database for the team-exchange benchmarks (scripts/bench.sh):
//! generated articles until it holds N claims, every claim with a verdict
//! and a rationale, one in five with an evidence link.
//! Usage: exchange_db DB N
#[path = "../benches/corpus.rs"]
mod corpus;

use factdesk_core::Store;
use factdesk_core::model::Stance;
use factdesk_core::store::NewEvidence;

fn main() {
    let mut args = std::env::args().skip(1);
    let db = std::path::PathBuf::from(args.next().expect("DB"));
    let n: usize = args.next().expect("N").parse().expect("N is a number");
    let mut store = Store::open(&db).unwrap();
    corpus::import_until(&mut store, n, 200, |i| corpus::article(i, 800));
    let ids = corpus::claim_ids(&store);
    for (k, chunk) in ids.chunks(5_000).enumerate() {
        let refs: Vec<&str> = chunk.iter().map(String::as_str).collect();
        let rating = ["True", "False", "Mixed", "Mostly false"][k % 4];
        store
            .give_verdicts(
                &refs,
                rating,
                Some("Checked against the public record."),
                if k % 2 == 0 { "Ana" } else { "Ben" },
            )
            .unwrap();
    }
    for id in ids.iter().step_by(5) {
        store
            .add_evidence(
                &NewEvidence {
                    claim_id: id.clone(),
                    url: format!("https://example.org/records/{}", &id[..8]),
                    title: Some("Public record".into()),
                    stance: Stance::Refutes,
                    note: None,
                },
                "Ana",
            )
            .unwrap();
    }
    println!(
        "{} claims, all with a verdict, in {}",
        ids.len(),
        db.display()
    );
}
