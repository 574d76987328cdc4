//! A deterministic generator of news-like articles for benchmarks: wire
//! stories with quotes split around attributions, reported speech, sources,
//! numbers and dates. Not used by the product.

pub(crate) struct Rng(u64);

impl Rng {
    pub(crate) fn new(seed: u64) -> Rng {
        Rng(seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407))
    }
    pub(crate) fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    pub(crate) fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[(self.next() as usize) % xs.len()]
    }
}

const FIRST: &[&str] = &[
    "Maria", "John", "Sarah", "David", "Elena", "Peter", "Anna", "Michael", "Laura", "Yuri",
    "Priya", "Tom",
];
const LAST: &[&str] = &[
    "Alvarez",
    "Chen",
    "Okafor",
    "Schmidt",
    "Novak",
    "Reyes",
    "Lindqvist",
    "Haddad",
    "Moreau",
    "Ivanova",
    "Patel",
    "Brennan",
];
const ROLES: &[&str] = &[
    "Finance Minister",
    "city council member",
    "spokeswoman for the ministry",
    "chief executive",
    "Sen.",
    "Mayor",
    "health secretary",
    "senior adviser",
];
const OUTLETS: &[&str] = &[
    "Reuters",
    "The Associated Press",
    "The Washington Post",
    "the BBC",
    "Bloomberg",
    "The Guardian",
];
const TOPICS: &[&str] = &[
    "the budget",
    "the new bridge",
    "hospital waiting lists",
    "the trade agreement",
    "school funding",
    "the election results",
    "the housing plan",
    "fuel prices",
];
const VERBS: &[&str] = &["rose", "fell", "doubled", "grew", "dropped"];
const CUES: &[&str] = &["said", "told reporters", "added", "warned", "argued"];
const MONTHS: &[&str] = &["January", "March", "May", "July", "September", "November"];

fn person(r: &mut Rng) -> (String, String) {
    let first = r.pick(FIRST);
    let last = r.pick(LAST);
    (
        format!("{} {first} {last}", r.pick(ROLES)),
        last.to_string(),
    )
}

/// One article of about `words` words.
pub(crate) fn article(seed: u64, words: usize) -> String {
    let mut r = Rng::new(seed);
    let mut out = format!(
        "{} {} by {} percent\n\n",
        r.pick(TOPICS).replace("the ", "The "),
        r.pick(VERBS),
        r.next() % 40 + 2
    );
    let mut count = 0;
    while count < words {
        let (full, last) = person(&mut r);
        let topic = r.pick(TOPICS);
        let para = match r.next() % 6 {
            0 => format!(
                "{full} said on {} {} that {topic} {} by {}.{} percent, the largest change since {}.",
                r.pick(MONTHS),
                r.next() % 28 + 1,
                r.pick(VERBS),
                r.next() % 30,
                r.next() % 10,
                1990 + r.next() % 30
            ),
            1 => format!(
                "\u{201c}We will not accept {topic} as it stands,\u{201d} {last} {}, according to {}. \u{201c}It costs families ${} million a year and nobody has explained why.\u{201d}",
                r.pick(CUES),
                r.pick(OUTLETS),
                r.next() % 900 + 10
            ),
            2 => format!(
                "The figures for {topic} were published on {} {}, according to {}, and showed {} more cases than a year earlier.",
                r.pick(MONTHS),
                r.next() % 28 + 1,
                r.pick(OUTLETS),
                r.next() % 5000
            ),
            3 => format!(
                "{} reported that {topic} had cost more than {} million dollars over {} years.",
                r.pick(OUTLETS),
                r.next() % 500 + 1,
                r.next() % 9 + 2
            ),
            4 => format!(
                "\"The numbers speak for themselves,\" said {full}. \"We said it would work, and it did.\""
            ),
            _ => format!(
                "{last} later said {topic} wouldn't be ready before {}, and that {} officials had resigned.",
                2026 + r.next() % 4,
                r.next() % 12 + 2
            ),
        };
        count += para.split_whitespace().count();
        out.push_str(&para);
        out.push_str("\n\n");
    }
    out
}

/// A corpus of about `bytes` bytes, articles of about 800 words each.
#[allow(dead_code)]
pub(crate) fn corpus(bytes: usize) -> String {
    let mut out = String::with_capacity(bytes + 8192);
    let mut seed = 0;
    while out.len() < bytes {
        out.push_str(&article(seed, 800));
        seed += 1;
    }
    out
}

/// A pseudo-word for rank `i` of a 50,000-word vocabulary: syllables, so the
/// stemmer and the tokenizer see word-like strings.
#[allow(dead_code)]
fn vocab_word(i: u64) -> String {
    const SYL: &[&str] = &[
        "ka", "ro", "mi", "ten", "sul", "dar", "vo", "lin", "pe", "gra", "chu", "bel", "os", "tri",
        "nam", "he", "quo", "zar", "fi", "mund", "ale", "sto", "ver", "ip",
    ];
    let mut w = String::new();
    let mut n = i + 24;
    while n > 0 {
        w.push_str(SYL[(n % 24) as usize]);
        n /= 24;
    }
    w
}

/// A Zipf-distributed rank in a vocabulary of `n` words (exponent 1).
#[allow(dead_code)]
fn zipf(r: &mut Rng, n: u64) -> u64 {
    // Inverse of the continuous approximation: rank = n^u.
    let u = (r.next() % 1_000_000) as f64 / 1_000_000.0;
    ((n as f64).powf(u) as u64).saturating_sub(1).min(n - 1)
}

/// An article of checkable statements whose words follow Zipf's law over a
/// 50,000-word vocabulary, as news vocabulary does: for the matching
/// benchmark, where the templated [`article`]'s small vocabulary would make
/// every word common.
#[allow(dead_code)]
pub(crate) fn statements_article(seed: u64, sentences: usize) -> String {
    let mut r = Rng::new(seed ^ 0x5eed);
    let mut out = format!(
        "Report {seed} on the {} of the {}\n\n",
        vocab_word(zipf(&mut r, 50_000)),
        vocab_word(zipf(&mut r, 50_000))
    );
    for s in 0..sentences {
        let w = |r: &mut Rng| vocab_word(zipf(r, 50_000));
        let name = {
            let mut n = w(&mut r);
            n[..1].make_ascii_uppercase();
            n
        };
        out.push_str(&format!(
            "The {} {} in {name} rose to {} percent in {}, the {} {} of the {} said. ",
            w(&mut r),
            w(&mut r),
            r.next() % 100,
            ["January", "March", "May", "July", "September", "November"][(r.next() % 6) as usize],
            w(&mut r),
            w(&mut r),
            w(&mut r),
        ));
        if s % 4 == 3 {
            out.push_str("\n\n");
        }
    }
    out
}

/// Imports generated articles (`make(seed)`, seeds counting on from the
/// articles already stored) in batches of `batch`, one transaction each,
/// until the store holds at least `claims` claims. Returns the article count.
#[allow(dead_code)]
pub(crate) fn import_until(
    store: &mut factdesk_core::Store,
    claims: usize,
    batch: u64,
    make: impl Fn(u64) -> String,
) -> u64 {
    let mut offset = store.articles().unwrap().len() as u64;
    while store.count_claims().unwrap() < claims {
        let docs: Vec<_> = (offset..offset + batch)
            .map(|i| {
                (
                    factdesk_core::import::parse_text(&make(i)),
                    factdesk_core::store::ImportMeta::default(),
                )
            })
            .collect();
        store.import(&docs, "bench").unwrap();
        offset += batch;
    }
    offset
}
