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
    /// `n` values spread evenly over -0.5..0.5: a pseudo-random vector.
    #[allow(dead_code)]
    pub(crate) fn values(&mut self, n: usize) -> Vec<f32> {
        (0..n)
            .map(|_| (self.next() >> 7) as f32 / (1u64 << 24) as f32 - 0.5)
            .collect()
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

/// A name for rank `i` of a long-tailed population of `n` people or bodies:
/// two syllable words, capitalised.
#[allow(dead_code)]
fn proper_name(i: u64) -> String {
    let mut w = vocab_word(i * 7 + 3);
    w[..1].make_ascii_uppercase();
    w
}

/// A second shape of news for benchmarks, unlike [`article`]'s: thousands of
/// people and hundreds of outlets drawn by Zipf's law (a few everywhere, most
/// once or twice), sentences that start with capitalised function words
/// ("Hours after", "Figures released by"), shouted headline fragments,
/// reported speech, statements and short and long paragraphs. Filters and
/// imports must not be fast on one shape of text only.
#[allow(dead_code)]
pub(crate) fn newsroom_article(seed: u64, words: usize) -> String {
    let mut r = Rng::new(seed ^ 0x0ff1ce);
    let person = |r: &mut Rng| {
        let first = proper_name(zipf(r, 400));
        let last = proper_name(400 + zipf(r, 6_000));
        (format!("{first} {last}"), last)
    };
    let outlet = |r: &mut Rng| format!("The {} Courier", proper_name(10_000 + zipf(r, 300)));
    let agency = |r: &mut Rng| format!("the {} Agency", proper_name(20_000 + zipf(r, 200)));
    let mut out = format!(
        "{} SAYS {} WILL {}\n\n",
        proper_name(zipf(&mut r, 6_000)).to_uppercase(),
        r.pick(TOPICS).to_uppercase(),
        ["FALL", "RISE", "STALL"][(r.next() % 3) as usize]
    );
    let mut count = 0;
    while count < words {
        let (full, last) = person(&mut r);
        let topic = r.pick(TOPICS);
        let para = match r.next() % 8 {
            0 => format!(
                "Hours after the vote, {full} told {} that {topic} had {} by {} percent since {}.",
                outlet(&mut r),
                r.pick(VERBS),
                r.next() % 60 + 1,
                2000 + r.next() % 25
            ),
            1 => format!(
                "Figures released by {} show {} households were affected in {}, up from {} a year earlier.",
                agency(&mut r),
                r.next() % 90_000 + 1_000,
                r.pick(MONTHS),
                r.next() % 50_000 + 500
            ),
            2 => format!(
                "\u{201c}Nobody voted for {topic},\u{201d} said {full}, a spokesman for {}. \u{201c}We never agreed to it and we never will.\u{201d} Neither side would say when talks resume.",
                agency(&mut r)
            ),
            3 => format!(
                "According to {}, {last} has denied that {topic} cost ${} million.",
                outlet(&mut r),
                r.next() % 700 + 3
            ),
            4 => format!(
                "Since {}, turnout has fallen in {} of {} districts. Shares of the state utility dropped {} percent on {} {}.",
                1990 + r.next() % 30,
                r.next() % 40 + 2,
                r.next() % 40 + 45,
                r.next() % 15 + 1,
                r.pick(MONTHS),
                r.next() % 28 + 1
            ),
            5 => format!(
                "{last} argued that {topic} would not pass, and {} warned that {} jobs were at risk, {} reported.",
                person(&mut r).0,
                r.next() % 9_000 + 100,
                outlet(&mut r)
            ),
            6 => "At about noon the hall was half empty. In the end it did not matter.".to_string(),
            _ => format!(
                "\"It is simply untrue,\" {full} said in a statement on {} {}. \"The {} figures were checked twice.\"",
                r.pick(MONTHS),
                r.next() % 28 + 1,
                agency(&mut r)
            ),
        };
        count += para.split_whitespace().count();
        out.push_str(&para);
        out.push_str(if r.next().is_multiple_of(3) {
            " "
        } else {
            "\n\n"
        });
    }
    out
}

/// Every claim's id, in the store's default order.
#[allow(dead_code)]
pub(crate) fn claim_ids(store: &factdesk_core::Store) -> Vec<String> {
    store
        .claims(&factdesk_core::store::ClaimFilter::default())
        .unwrap()
        .into_iter()
        .map(|c| c.id)
        .collect()
}
