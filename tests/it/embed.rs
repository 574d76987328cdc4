//! The matching model (crate::embed): its tokenizer and its vectors against
//! references computed once in Python, and the errors for a missing or
//! damaged model file.

use factdesk_core::embed::{self, DIM, MODEL_SHA256, Model, Vector};

use crate::support::fixtures;

#[path = "../../crates/factdesk-core/benches/corpus.rs"]
#[allow(dead_code)]
mod corpus;

fn model() -> std::sync::Arc<Model> {
    embed::shipped().expect("the matching model ships in models/")
}

fn rows(name: &str) -> Vec<(String, String)> {
    std::fs::read_to_string(fixtures().join(name))
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(|l| {
            let (a, b) = l.split_once('\t').expect(l);
            (a.to_string(), b.to_string())
        })
        .collect()
}

fn floats(v: &Vector) -> Vec<f64> {
    v.values
        .iter()
        .map(|x| f64::from(*x) * f64::from(v.scale))
        .collect()
}

fn cosine(a: &[f64], b: &[f64]) -> f64 {
    let dot: f64 = a.iter().zip(b).map(|(x, y)| x * y).sum();
    let n = |v: &[f64]| v.iter().map(|x| x * x).sum::<f64>().sqrt();
    dot / (n(a) * n(b))
}

#[test]
fn wordpiece_agrees_with_the_reference_tokenizer() {
    let m = model();
    for (text, ids) in rows("wordpiece.tsv") {
        let want: Vec<u32> = ids.split(' ').map(|i| i.parse().unwrap()).collect();
        assert_eq!(m.tokens(&text), want, "{text}");
    }
    assert_eq!(m.tokens("tab\tand\nnew line"), m.tokens("tab and new line"));
}

#[test]
fn vectors_agree_with_reference_vectors() {
    let m = model();
    let refs = rows("embed-reference.tsv");
    assert!(refs.len() >= 8);
    for (text, values) in refs {
        let want: Vec<f64> = values.split(' ').map(|x| x.parse().unwrap()).collect();
        assert_eq!(want.len(), DIM);
        let got = floats(&m.embed(&text));
        let c = cosine(&got, &want);
        assert!(c >= 0.99, "cosine {c:.4} with the reference for {text:?}");
    }
}

#[test]
fn paraphrases_are_nearer_than_unrelated_claims() {
    let m = model();
    let a = m.embed("Moscow is not prepared to take up President Donald Trump's offer of a second summit in the United States");
    let b = m
        .embed("Russia is not ready to accept Trump's invitation to a second summit in Washington");
    let c = m.embed("The city council approved a new budget for road repairs on Tuesday");
    assert!(
        a.cosine(&b) > a.cosine(&c) + 0.2,
        "paraphrase {:.3}, unrelated {:.3}",
        a.cosine(&b),
        a.cosine(&c)
    );
    // The quantised cosine is the float cosine, closely.
    let exact = cosine(&floats(&a), &floats(&b));
    assert!((f64::from(a.cosine(&b)) - exact).abs() < 0.01);
    let bytes = a.to_bytes();
    assert_eq!(bytes.len(), embed::VECTOR_BYTES);
    const { assert!(embed::VECTOR_BYTES <= 512) };
    assert_eq!(Vector::from_bytes(&bytes), Some(a));
}

#[test]
fn a_missing_or_damaged_model_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nowhere.safetensors");
    let e = Model::from_file(&missing, Some(MODEL_SHA256))
        .err()
        .unwrap()
        .to_string();
    assert!(e.contains("cannot be read") && e.contains("set-up"), "{e}");

    let mut bytes = std::fs::read(embed::model_path()).unwrap();
    let last = bytes.len() - 1;
    bytes[last] ^= 0x55;
    let damaged = dir.path().join("damaged.safetensors");
    std::fs::write(&damaged, &bytes).unwrap();
    let e = Model::from_file(&damaged, Some(MODEL_SHA256))
        .err()
        .unwrap()
        .to_string();
    assert!(e.contains("damaged") && e.contains(MODEL_SHA256), "{e}");

    std::fs::write(&damaged, b"not a model").unwrap();
    let e = Model::from_file(&damaged, None).err().unwrap().to_string();
    assert!(e.contains("not usable"), "{e}");
}

#[test]
fn without_the_model_matching_stays_lexical_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("desk.db");
    let run = |model: &std::path::Path, args: &[&str]| {
        let out = std::process::Command::new(crate::support::factdesk_bin())
            .arg("--db")
            .arg(&db)
            .args(args)
            .env("FACTDESK_MODEL", model)
            .env("FACTDESK_CHECKER", "Ana")
            .env_remove("FACTDESK_DB")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let note = String::from_utf8_lossy(&out.stderr).to_string();
        (String::from_utf8(out.stdout).unwrap(), note)
    };
    let sample = crate::support::sample_path();
    let missing = dir.path().join("no-model.safetensors");
    run(&missing, &["import", sample.to_str().unwrap()]);
    let (_, note) = run(
        &missing,
        &[
            "similar",
            "--text",
            "Russia is not ready for a second summit",
            "--json",
        ],
    );
    assert!(
        note.contains("cannot be read") && note.contains("words alone"),
        "{note}"
    );
    let query = "Russia is not ready to accept Trump's invitation to a second summit with Putin";
    let lexical: serde_json::Value =
        serde_json::from_str(&run(&missing, &["similar", "--text", query, "--json"]).0).unwrap();
    let hits = lexical.as_array().unwrap();
    assert!(!hits.is_empty());
    assert!(hits.iter().all(|h| h["meaning"].is_null()), "{lexical:#}");
    assert!(
        run(&missing, &["similar", "--text", query])
            .0
            .contains("not loaded")
    );
    // With the model back, the next open fills in the vectors the import could not write.
    let shipped = embed::model_path();
    let semantic: serde_json::Value =
        serde_json::from_str(&run(&shipped, &["similar", "--text", query, "--json"]).0).unwrap();
    let first = &semantic[0];
    assert!(first["meaning"].as_f64().unwrap() > 0.5, "{semantic:#}");
    assert!(
        first["text"].as_str().unwrap().contains("not ready"),
        "{semantic:#}"
    );
}

#[test]
fn the_encoder_agrees_with_the_reference_vectors() {
    use factdesk_core::encoder;
    let enc = encoder::shipped().expect("the re-ranking model, fetched by the set-up scripts");
    let m = model();
    let refs = rows("encoder-reference.tsv");
    assert!(refs.len() >= 8);
    let mut got = Vec::new();
    for (text, values) in &refs {
        let want: Vec<f64> = values.split(' ').map(|x| x.parse().unwrap()).collect();
        let v = enc.embed(&m, text);
        assert_eq!(v.len(), want.len());
        let c = cosine(&v.iter().map(|x| f64::from(*x)).collect::<Vec<_>>(), &want);
        assert!(c >= 0.99, "cosine {c:.4} with the reference for {text:?}");
        got.push(v);
    }
    // A paraphrase is near, an unrelated sentence far (the reference: 0.85 and -0.02).
    assert!(encoder::cosine(&got[0], &got[1]) > 0.6);
    assert!(encoder::cosine(&got[0], &got[2]) < 0.2);
    let e =
        encoder::Encoder::from_file(std::path::Path::new("/nonexistent/model.safetensors"), None)
            .err()
            .unwrap()
            .to_string();
    assert!(e.contains("cannot be read") && e.contains("set-up"), "{e}");
}

#[test]
fn a_large_index_shortlists_by_signs_and_still_finds_the_near_claims() {
    use factdesk_core::embed::Index;
    use factdesk_core::encoder::{Encoding, HIDDEN};
    let mut rng = corpus::Rng::new(3);
    let mut random = || rng.values(HIDDEN);
    // Past the exact-scan size: 8 claims, each with a near copy to find
    // (cosine about 0.9), among random others.
    let n = Index::<HIDDEN>::EXACT_UP_TO + 10_000;
    let planted: Vec<Vec<f32>> = (0..8).map(|_| random()).collect();
    let mut index: Index<HIDDEN> = Index::default();
    for i in 0..n {
        let v = match i % 7_000 {
            0 if i / 7_000 < planted.len() => planted[i / 7_000].clone(),
            _ => random(),
        };
        index.push(i as i64 + 1, &Encoding::quantise(&v));
    }
    assert!(index.len() > Index::<HIDDEN>::EXACT_UP_TO);
    for (p, v) in planted.iter().enumerate() {
        let noise = random();
        let near: Vec<f32> = v.iter().zip(&noise).map(|(a, b)| a + 0.45 * b).collect();
        let q = Encoding::quantise(&near);
        let exact = index.nearest(&q, 10);
        let shortlisted = index.nearest_by_signs(&q, 10);
        let id = (p * 7_000) as i64 + 1;
        assert_eq!(exact[0].0, id, "the exact scan finds the near copy");
        assert_eq!(
            shortlisted[0], exact[0],
            "the shortlist finds it too, same cosine"
        );
        // Every cosine returned is the exact one, in order.
        for w in shortlisted.windows(2) {
            assert!(w[0].1 >= w[1].1);
        }
        // A shortlist as long as the index is the exact scan.
        if p == 0 {
            assert_eq!(index.nearest_from_shortlist(&q, 10, index.len()), exact);
        }
    }
    // A tiny shortlist keeps exactly its length of rows.
    let q = Encoding::quantise(&random());
    assert_eq!(index.nearest_from_shortlist(&q, 10, 3).len(), 3);
}

/// The large index's Hamming distances need `popcnt`, which
/// `.cargo/config.toml` turns on for x86-64; a build that loses the flag
/// (a RUSTFLAGS variable replaces it) is about a quarter slower at 1,000,000 claims.
#[test]
fn an_x86_64_build_counts_bits_with_popcnt() {
    // `black_box`: the flag is a constant of the build, which is the point.
    if cfg!(target_arch = "x86_64") {
        assert!(
            std::hint::black_box(cfg!(target_feature = "popcnt")),
            "built without popcnt: keep `-C target-feature=+popcnt` in RUSTFLAGS"
        );
    }
}
