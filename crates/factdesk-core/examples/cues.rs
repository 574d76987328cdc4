//! Trains and scores the extractor's cue model (`extract::cues`), for
//! `scripts/train-cues.py`, which writes the JSON-lines files this reads (one
//! article a line: its text and its attributions' cues) from a fetched PolNeAR
//! snapshot, outside the repository.
//!
//!     cues train TRAIN.jsonl OUT.bin [--epochs N] [--min-weight W] [--dev DEV.jsonl]
//!     cues eval WEIGHTS.bin DEV.jsonl
//!     cues probe TEXT.txt          (each verb the shipped model knows, and how likely it is a cue)
use std::io::BufRead;

use factdesk_core::extract::cues::{self, Agreement, Labelled};

fn read(path: &str) -> Vec<Labelled> {
    let file = std::fs::File::open(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    std::io::BufReader::new(file)
        .lines()
        .map(|l| serde_json::from_str(&l.expect("a line")).expect("an article as JSON"))
        .collect()
}

fn show(what: &str, a: &Agreement) {
    println!(
        "{what}: {} verbs, {} cues; precision {:.3}, recall {:.3}, F1 {:.3}",
        a.verbs,
        a.gold,
        a.precision(),
        a.recall(),
        a.f1()
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
            let epochs = flag("--epochs").map_or(10, |e| e.parse().expect("--epochs N"));
            let min = flag("--min-weight").map_or(0.0, |e| e.parse().expect("--min-weight W"));
            let bytes = cues::train(&train, epochs, min, |t, a| {
                show(&format!("held-out fifth of train, threshold {t:.1}"), a)
            });
            if let Some(dev) = flag("--dev") {
                let a = cues::evaluate_weights(&bytes, &read(dev)).expect("weights just written");
                show("as written, dev", &a);
            }
            std::fs::write(&args[2], &bytes).unwrap_or_else(|e| panic!("{}: {e}", args[2]));
            println!("wrote {} ({} bytes)", args[2], bytes.len());
        }
        Some("eval") if args.len() >= 3 => {
            let bytes = std::fs::read(&args[1]).unwrap_or_else(|e| panic!("{}: {e}", args[1]));
            let a = cues::evaluate_weights(&bytes, &read(&args[2])).expect("cue weights");
            show("dev", &a);
        }
        Some("probe") if args.len() >= 2 => {
            let text =
                std::fs::read_to_string(&args[1]).unwrap_or_else(|e| panic!("{}: {e}", args[1]));
            let chars: Vec<char> = text.chars().collect();
            for (r, p) in cues::cue_probabilities(&text) {
                let w: String = chars[r.clone()].iter().collect();
                println!("{:>6} {w} {p:.2}", r.start);
            }
        }
        _ => {
            eprintln!(
                "usage: cues train TRAIN.jsonl OUT.bin [--epochs N] [--min-weight W] [--dev DEV.jsonl] | cues eval WEIGHTS.bin DEV.jsonl"
            );
            std::process::exit(2);
        }
    }
}
