//! The real `factdesk` binary: "have we checked this before?" from the command line.

use crate::cli::{Desk, s};
use crate::support::sample_path;

#[test]
fn have_we_checked_this_before() {
    let desk = Desk::new();
    desk.ok(&["import", s(&sample_path())]);
    let story = desk.file(
        "story.txt",
        b"Kremlin rebuffs Trump\n\nA Kremlin aide said on Tuesday that Russia was not ready to accept Trump's invitation to a second summit with Putin in the United States.\n",
    );
    desk.ok(&["import", s(&story)]);
    let original = desk.json(&[
        "claims",
        "--search",
        "Russian President Vladimir Putin",
        "--json",
    ])[0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    desk.ok(&[
        "verdict",
        &original,
        "false",
        "--checker",
        "Ana",
        "--note",
        "The Kremlin said talks were possible.",
    ]);
    let new = desk.json(&["claims", "--search", "United States", "--json"])[0]["id"]
        .as_str()
        .unwrap()
        .to_string();

    let found = desk.json(&["similar", &new, "--json"]);
    let hit = &found[0];
    assert_eq!(hit["id"], original.as_str());
    assert_eq!(hit["kind"], "same");
    assert_eq!(hit["verdict"]["rating"], "False");
    assert!(hit["score"].as_f64().unwrap() >= 0.6);
    // Programs map a suggestion back to its article by id, not by title.
    let claim = desk.json(&["claim", "show", &original, "--json"]);
    assert_eq!(hit["article_id"], claim["article_id"]);
    let text = desk.ok(&["similar", &new]);
    assert!(
        text.contains("rated False on") && text.contains("by Ana"),
        "{text}"
    );

    desk.ok(&["match", "reject", &new, &original, "--checker", "Ana"]);
    // A rejected pair stays hidden.
    assert!(
        !desk
            .json(&["similar", &new, "--json"])
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m["id"] == original.as_str())
    );
    desk.ok(&["match", "confirm", &new, &original, "--checker", "Ana"]);
    let by_text = desk.json(&[
        "similar",
        "--text",
        "Russia isn't ready to accept a second summit with Putin in the US",
        "--json",
    ]);
    assert!(
        by_text
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m["id"] == original.as_str())
    );
    desk.refused(&["similar", "--text", "no way"], "words");
}

#[test]
fn a_reworded_headline_finds_the_claim_it_repeats_first() {
    let desk = Desk::new();
    desk.ok(&["import", s(&sample_path())]);
    let found = desk.json(&[
        "similar",
        "--text",
        "Moscow is not prepared to take up President Donald Trump's offer of a second summit in the United States",
        "--json",
    ]);
    let first = &found[0];
    assert!(
        first["text"]
            .as_str()
            .unwrap()
            .starts_with("Russia is not ready to accept President Trump’s invitation"),
        "{found:#}"
    );
    assert!(first["meaning"].as_f64().unwrap() > 0.5, "{found:#}");
    // Scores fall from the first, and every one is a chance between 0 and 1.
    let scores: Vec<f64> = found
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["score"].as_f64().unwrap())
        .collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
    assert!(scores.iter().all(|s| (0.0..=1.0).contains(s)));
    // The sample's would / wouldn't pair is still a contradiction.
    let related = desk.json(&["claims", "--search", "wouldn't", "--json"]);
    let id = related[0]["id"].as_str().unwrap();
    let shown = desk.ok(&["claim", "show", id]);
    assert!(
        shown.contains("corrects") || shown.contains("contradicts"),
        "{shown}"
    );
}
