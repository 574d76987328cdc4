//! Benchmarks of the core (divan). Run: `cargo bench -p factdesk-core`.
//! Figures and the machine they came from are in docs/benchmarks.md.

mod corpus;

use divan::counter::{BytesCount, ItemsCount};
use divan::{Bencher, black_box};
use factdesk_core::import::{Document, parse_text};
use factdesk_core::store::{ClaimFilter, ImportMeta, SortBy};
use factdesk_core::{Store, extract};

fn main() {
    divan::main();
}

/// The whole extraction pipeline on 4 MB of news text.
#[divan::bench(sample_count = 10)]
fn extract_4mb(b: Bencher<'_, '_>) {
    let text = corpus::corpus(4 << 20);
    b.counter(BytesCount::of_str(&text))
        .bench(|| black_box(extract(black_box(&text))));
}

fn docs(n: usize, offset: u64) -> Vec<(Document, ImportMeta)> {
    (0..n as u64)
        .map(|i| {
            (
                parse_text(&corpus::article(offset + i, 800)),
                ImportMeta::default(),
            )
        })
        .collect()
}

/// Import of 1,000 articles (about 5 MB) with extraction, into a file database, in one transaction.
#[divan::bench(sample_count = 5)]
fn import_1000_articles(b: Bencher<'_, '_>) {
    let docs = docs(1000, 0);
    b.counter(ItemsCount::new(docs.len()))
        .with_inputs(|| {
            let dir = tempfile::tempdir().unwrap();
            let store = Store::open(&dir.path().join("bench.db")).unwrap();
            (dir, store)
        })
        .bench_local_values(|(dir, mut store)| {
            store.import(&docs, "bench").unwrap();
            (dir, store)
        });
}

/// A database with at least 100,000 claims, built once for the query benchmarks.
fn big_store() -> &'static std::sync::Mutex<(tempfile::TempDir, Store)> {
    static STORE: std::sync::OnceLock<std::sync::Mutex<(tempfile::TempDir, Store)>> =
        std::sync::OnceLock::new();
    STORE.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("big.db")).unwrap();
        corpus::import_until(&mut store, 100_000, 500, |i| corpus::article(i, 800));
        let ids: Vec<String> = store
            .claims(&ClaimFilter {
                limit: Some(20_000),
                sort: SortBy::Worth,
                ..Default::default()
            })
            .unwrap()
            .into_iter()
            .map(|c| c.id)
            .collect();
        for (i, id) in ids.iter().enumerate() {
            let rating = ["True", "False", "Mixed", "Mostly false"][i % 4];
            store
                .give_verdict(
                    id,
                    rating,
                    Some("bench"),
                    if i % 2 == 0 { "Ana" } else { "Ben" },
                )
                .unwrap();
        }
        std::sync::Mutex::new((dir, store))
    })
}

fn query(f: ClaimFilter) -> impl Fn() -> usize {
    move || {
        let guard = big_store().lock().unwrap();
        guard.1.claims(black_box(&f)).unwrap().len()
    }
}

#[divan::bench(args = ["status", "rating", "speaker", "search", "search_and_speaker", "worth_top"], sample_count = 30)]
fn query_100k_claims(b: Bencher<'_, '_>, which: &str) {
    let page = Some(100);
    let f = match which {
        "status" => ClaimFilter {
            status: Some(factdesk_core::model::Status::New),
            limit: page,
            ..Default::default()
        },
        "rating" => ClaimFilter {
            rating: Some("mostly false".into()),
            limit: page,
            ..Default::default()
        },
        "speaker" => ClaimFilter {
            speaker: Some("Okafor".into()),
            limit: page,
            ..Default::default()
        },
        "search" => ClaimFilter {
            search: Some("hospital waiting".into()),
            limit: page,
            ..Default::default()
        },
        "search_and_speaker" => ClaimFilter {
            search: Some("explained why".into()),
            speaker: Some("Chen".into()),
            limit: page,
            ..Default::default()
        },
        _ => ClaimFilter {
            sort: SortBy::Worth,
            limit: page,
            ..Default::default()
        },
    };
    let run = query(f);
    let _ = run();
    b.bench(run);
}

/// Embedding one claim with the shipped matching model: a tweet-sized and a
/// paragraph-sized text (what an import adds per claim).
#[divan::bench(args = ["tweet", "paragraph"])]
fn embed_claim(b: Bencher<'_, '_>, which: &str) {
    let model = factdesk_core::embed::shipped().expect("the matching model in models/");
    let text = match which {
        "tweet" => "Chanel No. 5 is being discontinued, sources say".to_string(),
        _ => corpus::article(7, 120),
    };
    b.bench(|| black_box(model.embed(black_box(&text))));
}

/// The 100 nearest of n claim vectors (the flat scan behind "Checked
/// before?"), for 100,000 and 1,000,000 claims of generated news.
#[divan::bench(args = [100_000, 1_000_000], sample_count = 20)]
fn nearest_of(b: Bencher<'_, '_>, n: usize) {
    use factdesk_core::embed::{Index, shipped};
    let model = shipped().expect("the matching model in models/");
    let mut index = Index::default();
    for i in 0..n as u64 {
        index.push(i as i64 + 1, &model.embed(&corpus::article(i, 24)));
    }
    let queries: Vec<_> = (0..16u64)
        .map(|i| model.embed(&corpus::article(1_000_000_000 + i, 20)))
        .collect();
    let mut q = queries.iter().cycle();
    b.counter(ItemsCount::new(n))
        .bench_local(|| black_box(index.nearest(q.next().unwrap(), 100)));
}

/// The 50 nearest of n encoder vectors (the re-ranking pass's search: the
/// sign codes of all, the exact cosine of a 2% shortlist), for 100,000 and
/// 1,000,000 claims. Encoding a million claims takes hours, so the vectors
/// here are pseudo-random: the search does the same work whatever the values
/// (how much of the exact nearest it keeps on real vectors is measured by
/// `examples/ann_recall.rs`).
#[divan::bench(args = [100_000, 1_000_000], sample_count = 20)]
fn nearest_encoding_of(b: Bencher<'_, '_>, n: usize) {
    use factdesk_core::embed::Index;
    use factdesk_core::encoder::{Encoding, HIDDEN};
    let mut rng = corpus::Rng::new(7);
    let mut vector = || Encoding::quantise(&rng.values(HIDDEN));
    let mut index: Index<HIDDEN> = Index::default();
    for i in 0..n {
        index.push(i as i64 + 1, &vector());
    }
    let queries: Vec<Encoding> = (0..16).map(|_| vector()).collect();
    let mut q = queries.iter().cycle();
    b.counter(ItemsCount::new(n))
        .bench_local(|| black_box(index.nearest_by_signs(q.next().unwrap(), 50)));
}

/// The encoder (the full all-MiniLM-L6-v2) on one text: what re-ranking
/// costs per candidate read, for a tweet-sized and a paragraph-sized text.
#[divan::bench(args = ["tweet", "paragraph"], sample_count = 20)]
fn encode_sentence(b: Bencher<'_, '_>, which: &str) {
    let model = factdesk_core::embed::shipped().expect("the matching model in models/");
    let encoder = factdesk_core::encoder::shipped()
        .expect("the re-ranking model, fetched by the set-up scripts");
    let text = match which {
        "tweet" => "Chanel No. 5 is being discontinued, sources say".to_string(),
        _ => corpus::article(7, 120),
    };
    b.bench(|| black_box(encoder.embed(&model, black_box(&text))));
}
