//! Runs the extractor on one file and prints the claim count: a probe for
//! the extractor's peak memory (scripts/bench.sh measures it with time -v).
fn main() {
    let path = std::env::args().nth(1).expect("FILE");
    let text = std::fs::read_to_string(path).unwrap();
    let x = factdesk_core::extract(&text);
    println!("{} bytes, {} claims", text.len(), x.claims.len());
}
