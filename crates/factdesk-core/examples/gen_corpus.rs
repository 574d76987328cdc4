//! Writes N generated news-like articles to a folder, for the scripted
//! end-to-end benchmarks (scripts/bench.sh). Usage: gen_corpus DIR N
#[path = "../benches/corpus.rs"]
mod corpus;

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = std::path::PathBuf::from(args.next().expect("DIR"));
    let n: u64 = args.next().expect("N").parse().expect("N is a number");
    std::fs::create_dir_all(&dir).unwrap();
    for i in 0..n {
        std::fs::write(
            dir.join(format!("article-{i:05}.txt")),
            corpus::article(i, 800),
        )
        .unwrap();
    }
    // One large text for the extractor's memory figure.
    std::fs::write(dir.join("big-10mb.txt.data"), corpus::corpus(10 << 20)).unwrap();
}
