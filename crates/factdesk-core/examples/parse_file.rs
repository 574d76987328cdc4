//! Reads one article file as the importer does (decode, HTML/Markdown/text)
//! and prints how long that took and the body's size: a probe for
//! `scripts/bench.sh`, apart from extraction and storing.
fn main() {
    let path = std::path::PathBuf::from(std::env::args().nth(1).expect("FILE"));
    let t = std::time::Instant::now();
    match factdesk_core::import::read_file(&path) {
        Ok(doc) => println!(
            "{}: read in {:.2} s, {} chars of body",
            path.display(),
            t.elapsed().as_secs_f64(),
            doc.body.chars().count()
        ),
        Err(e) => println!(
            "{}: refused in {:.2} s: {e}",
            path.display(),
            t.elapsed().as_secs_f64()
        ),
    }
}
