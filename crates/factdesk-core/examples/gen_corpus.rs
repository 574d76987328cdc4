//! Writes N generated news-like articles to a folder, for the scripted
//! end-to-end benchmarks (scripts/bench.sh). Usage: gen_corpus DIR N
#[path = "../benches/corpus.rs"]
mod corpus;

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = std::path::PathBuf::from(args.next().expect("DIR"));
    let n: u64 = args.next().expect("N").parse().expect("N is a number");
    std::fs::create_dir_all(&dir).unwrap();
    // Two shapes of news, so an import figure cannot flatter one of them:
    // templated wire stories, and long-tailed newsroom copy.
    for i in 0..n {
        std::fs::write(
            dir.join(format!("article-{i:05}.txt")),
            corpus::article(i, 800),
        )
        .unwrap();
        std::fs::write(
            dir.join(format!("newsroom-{i:05}.txt")),
            corpus::newsroom_article(i, 800),
        )
        .unwrap();
    }
    // A long article: about 10,000 words, about 200 claims among plain paragraphs.
    let mut long = String::from("A long day in the city council\n\n");
    let mut seed = 1_000_000;
    while long.split_whitespace().count() < 10_000 {
        long.push_str("The streets near the harbour were quiet in the early hours, and the people who live there went about their business as they always do, walking dogs and opening shops.\n\n");
        let para = corpus::article(seed, 60);
        long.push_str(para.split("\n\n").nth(1).unwrap_or(""));
        long.push_str("\n\n");
        seed += 1;
    }
    std::fs::write(dir.join("long-article.txt"), long).unwrap();
    // One large text for the extractor's memory figure.
    std::fs::write(dir.join("big-10mb.txt.data"), corpus::corpus(10 << 20)).unwrap();
}
