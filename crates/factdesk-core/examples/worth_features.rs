//! The check-worthiness features of texts, for `scripts/train-checkworthiness.py`:
//! reads one text a line (tabs and `\n` escapes as `\t` and `\n`) on stdin and
//! writes, one line a text, its feature buckets, ` | `, and its WordPiece ids
//! in the shipped static model's vocabulary, space-separated.
use std::io::{BufRead, Write};

use factdesk_core::embed;

fn main() {
    let model = embed::shipped().expect("the static model in models/");
    let stdin = std::io::stdin();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let join = |v: &[u32]| v.iter().map(u32::to_string).collect::<Vec<_>>().join(" ");
    for line in stdin.lock().lines() {
        let text = line
            .expect("UTF-8 lines on stdin")
            .replace("\\n", "\n")
            .replace("\\t", "\t");
        let (buckets, ids) =
            factdesk_core::extract::checkworthiness_features(&text, model.vocabulary());
        writeln!(out, "{} | {}", join(&buckets), join(&ids)).expect("stdout");
    }
}
