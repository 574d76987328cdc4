//! Trains and scores the extractor's tagger (`extract::tagger`), for
//! `scripts/train-tagger.py`, which writes the JSON-lines files this reads
//! (one article a line: its text and CoreNLP's tokens) from a fetched PolNeAR
//! snapshot, outside the repository.
//!
//!     tagger train TRAIN.jsonl OUT.bin [--epochs N] [--min-weight W] [--dev DEV.jsonl]
//!     tagger eval DEV.jsonl
use std::io::BufRead;

use factdesk_core::extract::tagger::{self, Agreement, Labelled};

fn read(path: &str) -> Vec<Labelled> {
    let file = std::fs::File::open(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    std::io::BufReader::new(file)
        .lines()
        .map(|l| serde_json::from_str(&l.expect("a line")).expect("an article as JSON"))
        .collect()
}

fn show(what: &str, a: &Agreement) {
    println!(
        "{what}: {} tokens, part of speech {:.4}, entity {:.4} (F1 person {:.3}, organisation {:.3}, place {:.3})",
        a.tokens,
        a.pos_accuracy(),
        a.ent_accuracy(),
        a.ent_f1(0),
        a.ent_f1(1),
        a.ent_f1(2)
    );
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let flag = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
    };
    match args.first().map(String::as_str) {
        Some("train") if args.len() >= 3 => {
            let train = read(&args[1]);
            let dev = flag("--dev").map(|p| read(p)).unwrap_or_default();
            let epochs = flag("--epochs").map_or(6, |e| e.parse().expect("--epochs N"));
            let min = flag("--min-weight").map_or(0.0, |e| e.parse().expect("--min-weight W"));
            let bytes = tagger::train(&train, epochs, min, &dev, |epoch, a| {
                show(&format!("epoch {epoch}, dev"), a)
            });
            if let Some(a) = tagger::evaluate_weights(&bytes, &dev) {
                show("as written, dev", &a);
            }
            std::fs::write(&args[2], &bytes).expect("write the weights");
            println!("wrote {} ({} bytes)", args[2], bytes.len());
        }
        Some("eval") if args.len() >= 2 => show("dev", &tagger::evaluate(&read(&args[1]))),
        _ => {
            eprintln!(
                "usage: tagger train TRAIN.jsonl OUT.bin [--epochs N] [--min-weight W] [--dev DEV.jsonl] | tagger eval DEV.jsonl"
            );
            std::process::exit(2);
        }
    }
}
