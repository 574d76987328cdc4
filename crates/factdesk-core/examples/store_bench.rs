//! The store's filters at scale (scripts/bench.sh): builds a database of N
//! claims from two article generators (templated wire stories and long-tailed
//! newsroom copy), gives verdicts, statuses and evidence, then asks a page of
//! 100 claims for at least 20 values of every filter drawn at random from the
//! data, and for combinations, and prints the median and the worst.
//! Usage: store_bench DB N [VALUES]; with STORE_BENCH_EACH set, every value's
//! time and filter goes to stderr.
#[path = "../benches/corpus.rs"]
mod corpus;

use std::time::Instant;

use factdesk_core::Store;
use factdesk_core::model::Status;
use factdesk_core::store::{ClaimFilter, SortBy};

fn main() {
    let mut args = std::env::args().skip(1);
    let db = std::path::PathBuf::from(args.next().expect("DB"));
    let n: usize = args.next().expect("N").parse().expect("N is a number");
    let k: usize = args
        .next()
        .map_or(25, |v| v.parse().expect("VALUES is a number"));
    let fresh = !db.exists();
    let mut store = Store::open(&db).unwrap();
    if fresh {
        let t = Instant::now();
        let articles = corpus::import_until(&mut store, n, 100, |i| {
            if i % 2 == 0 {
                corpus::article(i, 800)
            } else {
                corpus::newsroom_article(i, 800)
            }
        });
        decorate(&mut store);
        eprintln!(
            "built {} claims in {articles} articles in {:.1} s",
            store.count_claims().unwrap(),
            t.elapsed().as_secs_f64()
        );
    }
    let conn = rusqlite::Connection::open(&db).unwrap();
    let mut rng = corpus::Rng::new(7);
    let mut distinct: Vec<usize> = Vec::new();
    let mut draw = |sql: &str| -> Vec<String> {
        let mut stmt = conn.prepare(sql).unwrap();
        let all: Vec<String> = stmt
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        // k draws with replacement: a filter with few values in the data
        // (statuses, ratings) is asked each of them several times.
        if all.is_empty() {
            return Vec::new();
        }
        distinct.push(all.len());
        (0..k)
            .map(|_| all[(rng.next() as usize) % all.len()].clone())
            .collect()
    };
    let speakers = draw(
        "SELECT DISTINCT e.name FROM claim_speakers cs JOIN entities e ON e.id = cs.entity_id",
    );
    let sources =
        draw("SELECT DISTINCT e.name FROM claim_sources cs JOIN entities e ON e.id = cs.entity_id");
    let articles = draw("SELECT id FROM articles");
    let checkers = draw("SELECT DISTINCT checker FROM verdicts");
    let ratings = draw("SELECT DISTINCT rating FROM verdicts");
    let statuses = draw("SELECT DISTINCT status FROM claims");
    let since = draw("SELECT updated_at FROM claims UNION SELECT at FROM verdicts");
    // Words as a checker types them: one word of four letters or more from a claim.
    let words: Vec<String> = draw("SELECT text FROM claims")
        .into_iter()
        .enumerate()
        .filter_map(|(i, text)| {
            let ws: Vec<&str> = text
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| w.chars().count() >= 4)
                .collect();
            (!ws.is_empty()).then(|| ws[i * 7 % ws.len()].to_string())
        })
        .collect();
    // Words as common as "risen" in the hardening report (about 500 claims),
    // from every 97th claim, in the order first seen.
    let mut seen = std::collections::HashSet::new();
    let mut count = conn
        .prepare("SELECT count(*) FROM claims_fts WHERE claims_fts MATCH ?1")
        .unwrap();
    let common: Vec<String> = conn
        .prepare("SELECT text FROM claims WHERE rowid % 97 = 0")
        .unwrap()
        .query_map([], |r| r.get::<_, String>(0))
        .unwrap()
        .map(Result::unwrap)
        .flat_map(|text| {
            text.split(|c: char| !c.is_alphanumeric())
                .filter(|w| w.chars().count() >= 4)
                .map(str::to_lowercase)
                .collect::<Vec<_>>()
        })
        .filter(|w| seen.insert(w.clone()))
        .filter(|w| {
            let n: i64 = count.query_row([format!("\"{w}\"")], |r| r.get(0)).unwrap();
            (300..=800).contains(&n)
        })
        .take(k)
        .collect();
    let names = [
        "speaker", "source", "article", "checker", "rating", "status", "since", "words",
    ];
    let in_data: Vec<String> = names
        .iter()
        .zip(&distinct)
        .map(|(n, d)| format!("{n} {d}"))
        .collect();
    println!("distinct values in the data: {}", in_data.join(", "));
    let base = ClaimFilter {
        limit: Some(100),
        ..ClaimFilter::default()
    };
    let status = |s: &str| s.parse::<Status>().ok();
    type Make<'a> = Box<dyn Fn(usize) -> ClaimFilter + 'a>;
    let cases: Vec<(&str, usize, Make)> = vec![
        (
            "status",
            statuses.len(),
            Box::new(|i| ClaimFilter {
                status: status(&statuses[i]),
                ..base.clone()
            }),
        ),
        (
            "rating",
            ratings.len(),
            Box::new(|i| ClaimFilter {
                rating: Some(ratings[i].clone()),
                ..base.clone()
            }),
        ),
        (
            "speaker",
            speakers.len(),
            Box::new(|i| ClaimFilter {
                speaker: Some(speakers[i].clone()),
                ..base.clone()
            }),
        ),
        (
            "source",
            sources.len(),
            Box::new(|i| ClaimFilter {
                source: Some(sources[i].clone()),
                ..base.clone()
            }),
        ),
        (
            "checker",
            checkers.len(),
            Box::new(|i| ClaimFilter {
                checker: Some(checkers[i].clone()),
                ..base.clone()
            }),
        ),
        (
            "article",
            articles.len(),
            Box::new(|i| ClaimFilter {
                article: Some(articles[i].clone()),
                ..base.clone()
            }),
        ),
        (
            "since",
            since.len(),
            Box::new(|i| ClaimFilter {
                since: Some(since[i].clone()),
                ..base.clone()
            }),
        ),
        (
            "words",
            words.len(),
            Box::new(|i| ClaimFilter {
                search: Some(words[i].clone()),
                ..base.clone()
            }),
        ),
        (
            "needs reconciliation",
            1,
            Box::new(|_| ClaimFilter {
                needs_reconciliation: true,
                ..base.clone()
            }),
        ),
        (
            "speaker + status",
            speakers.len(),
            Box::new(|i| ClaimFilter {
                speaker: Some(speakers[i].clone()),
                status: status(&statuses[i % statuses.len()]),
                ..base.clone()
            }),
        ),
        (
            "source + rating",
            sources.len(),
            Box::new(|i| ClaimFilter {
                source: Some(sources[i].clone()),
                rating: Some(ratings[i % ratings.len()].clone()),
                ..base.clone()
            }),
        ),
        (
            "checker + since",
            checkers.len(),
            Box::new(|i| ClaimFilter {
                checker: Some(checkers[i].clone()),
                since: Some(since[i % since.len()].clone()),
                ..base.clone()
            }),
        ),
        (
            "words + status",
            words.len(),
            Box::new(|i| ClaimFilter {
                search: Some(words[i].clone()),
                status: status(&statuses[i % statuses.len()]),
                ..base.clone()
            }),
        ),
        (
            "rating + status + checker",
            ratings.len(),
            Box::new(|i| ClaimFilter {
                rating: Some(ratings[i].clone()),
                status: status(&statuses[i % statuses.len()]),
                checker: Some(checkers[i % checkers.len()].clone()),
                ..base.clone()
            }),
        ),
        (
            "speaker, reading order",
            speakers.len(),
            Box::new(|i| ClaimFilter {
                speaker: Some(speakers[i].clone()),
                sort: SortBy::Reading,
                ..base.clone()
            }),
        ),
        (
            "status, newest first",
            statuses.len(),
            Box::new(|i| ClaimFilter {
                status: status(&statuses[i]),
                sort: SortBy::Newest,
                ..base.clone()
            }),
        ),
        (
            "speaker, unpaged",
            speakers.len(),
            Box::new(|i| ClaimFilter {
                speaker: Some(speakers[i].clone()),
                ..ClaimFilter::default()
            }),
        ),
        (
            "words in 300 to 800 claims, unpaged",
            common.len(),
            Box::new(|i| ClaimFilter {
                search: Some(common[i].clone()),
                ..ClaimFilter::default()
            }),
        ),
        (
            "words, unpaged",
            words.len(),
            Box::new(|i| ClaimFilter {
                search: Some(words[i].clone()),
                ..ClaimFilter::default()
            }),
        ),
    ];
    println!(
        "{} claims; a page of 100 rows unless unpaged; {k} values drawn per filter",
        store.count_claims().unwrap()
    );
    println!("| filter | values | rows (median / max) | median ms | worst ms |");
    println!("|---|---|---|---|---|");
    for (name, count, make) in &cases {
        let mut times = Vec::new();
        let mut rows = Vec::new();
        for round in 0..2 {
            for i in 0..*count {
                let f = make(i);
                let t = Instant::now();
                let got = store.claims(&f).unwrap();
                let ms = t.elapsed().as_secs_f64() * 1000.0;
                // The first round warms the page cache; the second is measured.
                if round == 1 {
                    if std::env::var_os("STORE_BENCH_EACH").is_some() {
                        eprintln!("{name}\t{ms:.1}\t{}\t{f:?}", got.len());
                    }
                    times.push(ms);
                    rows.push(got.len());
                }
            }
        }
        times.sort_by(|a, b| a.partial_cmp(b).unwrap());
        rows.sort();
        println!(
            "| {name} | {count} | {} / {} | {:.1} | {:.1} |",
            rows[rows.len() / 2],
            rows[rows.len() - 1],
            times[times.len() / 2],
            times[times.len() - 1]
        );
    }
}

/// Verdicts from six checkers on three claims in five, statuses on most,
/// evidence on one in seven, and a few disagreements to reconcile.
fn decorate(store: &mut Store) {
    let ids = corpus::claim_ids(store);
    let checkers = [
        "Ana Lima",
        "Ben Okoro",
        "Chloe Park",
        "Dev Rao",
        "Eva Novak",
        "Femi Ade",
    ];
    let ratings = ["True", "Mostly true", "Mixed", "Mostly false", "False"];
    let mut rng = corpus::Rng::new(11);
    let mut by: std::collections::BTreeMap<(usize, usize), Vec<&str>> = Default::default();
    for id in &ids {
        if rng.next() % 5 < 3 {
            let key = ((rng.next() % 6) as usize, (rng.next() % 5) as usize);
            by.entry(key).or_default().push(id);
        }
    }
    for ((c, r), chunk) in &by {
        store
            .give_verdicts(
                chunk,
                ratings[*r],
                Some("Checked against the record."),
                checkers[*c],
            )
            .unwrap();
    }
    let mut statuses: [Vec<&str>; 3] = Default::default();
    for id in &ids {
        match rng.next() % 10 {
            0..=3 => statuses[0].push(id),
            4 => statuses[1].push(id),
            5 => statuses[2].push(id),
            _ => {}
        }
    }
    for (s, list) in [Status::Done, Status::InProgress, Status::NeedsReview]
        .into_iter()
        .zip(&statuses)
    {
        store.set_statuses(list, s, "Ana Lima").unwrap();
    }
    for id in ids.iter().step_by(7) {
        store
            .add_evidence(
                &factdesk_core::store::NewEvidence {
                    claim_id: id.clone(),
                    url: format!("https://example.org/records/{}", &id[..8]),
                    title: Some("Public record".into()),
                    stance: factdesk_core::model::Stance::Refutes,
                    note: None,
                },
                "Ana Lima",
            )
            .unwrap();
    }
}
