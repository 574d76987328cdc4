//! The real `factdesk` binary on temporary databases: every verb, and every
//! bad input a user can give, with the database unchanged after a refusal.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use factdesk_core::Store;
use serde_json::Value;

use crate::support::{factdesk_bin, sample_path};

pub(crate) struct Desk {
    pub(crate) dir: tempfile::TempDir,
    pub(crate) db: PathBuf,
}

impl Desk {
    pub(crate) fn new() -> Desk {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("desk.db");
        Desk { dir, db }
    }

    pub(crate) fn run(&self, args: &[&str]) -> Output {
        Command::new(factdesk_bin())
            .arg("--db")
            .arg(&self.db)
            .args(args)
            .env_remove("FACTDESK_CHECKER")
            .env_remove("FACTDESK_DB")
            .env_remove("FACTDESK_SERVER")
            .env_remove("FACTDESK_TOKEN")
            .output()
            .unwrap()
    }

    pub(crate) fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "factdesk {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    pub(crate) fn json(&self, args: &[&str]) -> Value {
        serde_json::from_str(&self.ok(args)).unwrap()
    }

    /// The ids of the desk's claims, in reading order.
    pub(crate) fn claim_ids(&self) -> Vec<String> {
        self.json(&["claims", "--json"])
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["id"].as_str().unwrap().to_string())
            .collect()
    }

    /// Runs a command that must fail, checks its message, and checks the database did not change.
    pub(crate) fn refused(&self, args: &[&str], message: &str) {
        let before = self.fingerprint();
        let out = self.run(args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "factdesk {args:?} should fail");
        assert!(stderr.starts_with("error: "), "{stderr}");
        assert!(
            stderr.contains(message),
            "factdesk {args:?}: expected {message:?} in {stderr:?}"
        );
        assert_eq!(
            self.fingerprint(),
            before,
            "factdesk {args:?} changed the database"
        );
    }

    pub(crate) fn fingerprint(&self) -> String {
        if !self.db.exists() {
            return "no database".into();
        }
        Store::open(&self.db).unwrap().fingerprint().unwrap()
    }

    pub(crate) fn file(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let p = self.dir.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        p
    }
}

pub(crate) fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn a_first_session_with_the_sample_article() {
    let desk = Desk::new();
    let sample = sample_path();
    let imported = desk.json(&[
        "import",
        s(&sample),
        "--outlet",
        "The Hill",
        "--published",
        "2018-07-24",
        "--url",
        "https://thehill.com/x",
        "--json",
    ]);
    let article = imported[0]["id"].as_str().unwrap().to_string();
    assert_eq!(imported[0]["claims"], factdesk_core::SAMPLE_CLAIMS);
    // Importing again says so and adds nothing.
    let again = desk.ok(&["import", s(&sample)]);
    assert!(again.contains("already imported"), "{again}");

    let articles = desk.json(&["articles", "--json"]);
    assert_eq!(
        articles[0]["title"],
        "Kremlin: Russia not ready to accept Trump invite to Washington"
    );
    assert_eq!(articles[0]["outlet"], "The Hill");

    let claims = desk.json(&["claims", "--article", &article[..13], "--json"]);
    let claims = claims.as_array().unwrap();
    assert_eq!(claims.len(), factdesk_core::SAMPLE_CLAIMS);
    for key in [
        "id",
        "article_id",
        "text",
        "kind",
        "speaker",
        "sources",
        "span",
        "checkworthiness",
        "status",
        "verdict",
        "evidence",
    ] {
        assert!(claims[0].get(key).is_some(), "claims --json lacks {key}");
    }
    let wouldnt = claims
        .iter()
        .find(|c| c["text"].as_str().unwrap().contains("meant to say"))
        .unwrap();
    let id = wouldnt["id"].as_str().unwrap();

    desk.refused(&["verdict", id, "False"], "no checker name");
    // The CLI says how to give the name; the core's message names no flag.
    desk.refused(&["verdict", id, "False"], "hint: give --checker NAME");
    desk.ok(&["config", "checker", "Ana Lima"]);
    desk.ok(&[
        "verdict",
        id,
        "misleading",
        "--note",
        "He said would, then wouldn't.",
    ]);
    desk.ok(&[
        "evidence",
        "add",
        id,
        "https://www.c-span.org/video/?448871",
        "--title",
        "Press conference video",
        "--stance",
        "refutes",
        // Tests never reach the internet: archiving is tested on local servers.
        "--no-capture",
    ]);
    let shown = desk.json(&["claim", "show", &id[..20], "--json"]);
    assert_eq!(shown["verdict"]["rating"], "Misleading");
    assert_eq!(shown["verdict"]["value"], Value::Null);
    assert_eq!(shown["verdict"]["checker"], "Ana Lima");
    // The verdict set the claim's status to Done.
    assert_eq!(shown["status"], "done");
    assert_eq!(shown["evidence"][0]["stance"], "refutes");
    assert_eq!(shown["relations"][0]["kind"], "corrects");
    let text = desk.ok(&["claim", "show", id]);
    assert!(
        text.contains("corrects") && text.contains("Misleading"),
        "{text}"
    );

    let history = desk.json(&["claim", "history", id, "--json"]);
    let actions: Vec<&str> = history
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions, ["verdict.given", "claim.status", "evidence.added"]);

    let filtered = desk.json(&[
        "claims",
        "--rating",
        "MISLEADING",
        "--status",
        "done",
        "--speaker",
        "trump",
        "--json",
    ]);
    assert_eq!(filtered.as_array().unwrap().len(), 1);
    let searched = desk.json(&["claims", "--search", "intelligence", "--json"]);
    assert_eq!(searched.as_array().unwrap().len(), 1);
    assert!(
        desk.ok(&["claims", "--sort", "worth", "--limit", "3"])
            .lines()
            .count()
            == 3
    );

    let csv_path = desk.dir.path().join("verdicts.csv");
    desk.ok(&["export", "--format", "csv", "--out", s(&csv_path)]);
    let csv = std::fs::read_to_string(&csv_path).unwrap();
    assert!(csv.starts_with("article_title,article_url,article_outlet,claim_id,claim_text"));
    assert!(csv.contains("Misleading") && csv.contains("https://www.c-span.org/video/?448871"));
    assert_eq!(csv.lines().count(), 20);
    // ClaimReview, field by field.
    desk.refused(
        &["config", "org", "Desk Check", "javascript:alert(1)"],
        "http or https",
    );
    desk.ok(&["config", "org", "Desk Check", "https://deskcheck.example"]);
    desk.refused(
        &["claim", "review-url", id, "file:///tmp/x"],
        "http or https",
    );
    desk.ok(&[
        "claim",
        "review-url",
        id,
        "https://deskcheck.example/checks/would",
    ]);
    let reviews = desk.json(&["export", "--format", "claimreview"]);
    let r = &reviews.as_array().unwrap()[0];
    assert_eq!(
        reviews.as_array().unwrap().len(),
        1,
        "one review per claim with a verdict"
    );
    assert_eq!(r["@context"], "https://schema.org");
    assert_eq!(r["@type"], "ClaimReview");
    assert_eq!(r["url"], "https://deskcheck.example/checks/would");
    assert!(
        r["claimReviewed"]
            .as_str()
            .unwrap()
            .starts_with("he meant to say")
    );
    assert_eq!(
        r["author"],
        serde_json::json!({"@type": "Organization", "name": "Desk Check", "url": "https://deskcheck.example"})
    );
    assert_eq!(r["reviewRating"]["alternateName"], "Misleading");
    assert_eq!(
        r["reviewRating"]["ratingExplanation"],
        "He said would, then wouldn't."
    );
    assert!(
        r["reviewRating"].get("ratingValue").is_none(),
        "Misleading has no value on the scale"
    );
    assert_eq!(r["itemReviewed"]["@type"], "Claim");
    assert_eq!(r["itemReviewed"]["author"]["name"], "Donald Trump");
    assert_eq!(
        r["itemReviewed"]["appearance"]["url"],
        "https://thehill.com/x"
    );
    assert_eq!(
        r["itemReviewed"]["appearance"]["headline"],
        "Kremlin: Russia not ready to accept Trump invite to Washington"
    );
    assert_eq!(
        r["itemReviewed"]["appearance"]["publisher"]["name"],
        "The Hill"
    );
    assert_eq!(
        r["itemReviewed"]["appearance"]["datePublished"],
        "2018-07-24"
    );
    assert_eq!(r["datePublished"].as_str().unwrap().len(), 10);
    desk.ok(&[
        "verdict",
        id,
        "Mostly false",
        "--note",
        "The full transcript.",
    ]);
    let r = desk.json(&["export", "--format", "claimreview", "--checker", "ana lima"])[0].clone();
    assert_eq!(
        (
            r["reviewRating"]["ratingValue"].clone(),
            r["reviewRating"]["bestRating"].clone(),
            r["reviewRating"]["worstRating"].clone()
        ),
        (
            serde_json::json!(2),
            serde_json::json!(5),
            serde_json::json!(1)
        )
    );
    let json = desk.json(&["export", "--format", "json", "--status", "done"]);
    assert_eq!(json["claims"].as_array().unwrap().len(), 1);
    assert_eq!(json["claims"][0]["article"]["url"], "https://thehill.com/x");

    // A claim added by its span.
    let body = desk.json(&["article", "show", &article, "--json"])["body"]
        .as_str()
        .unwrap()
        .to_string();
    let start = body
        .find("fierce bipartisan backlash")
        .map(|b| body[..b].chars().count())
        .unwrap();
    let out = desk.ok(&[
        "claim",
        "add",
        &article,
        "--start",
        &start.to_string(),
        "--end",
        &(start + 26).to_string(),
        "--kind",
        "statement",
    ]);
    assert!(out.contains("\"fierce bipartisan backlash\""), "{out}");

    // Fix extracted claims: confirm one, set another's sources, merge a split quote, delete one.
    let claims = desk.json(&["claims", "--article", &article, "--json"]);
    let ids: Vec<String> = claims
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap().to_string())
        .collect();
    let text_of = |needle: &str| {
        ids[claims
            .as_array()
            .unwrap()
            .iter()
            .position(|c| c["text"].as_str().unwrap().contains(needle))
            .unwrap()]
        .clone()
    };
    desk.ok(&["claim", "confirm", &ids[0]]);
    assert_eq!(
        desk.json(&["claim", "show", &ids[0], "--json"])["confirmed_by"],
        "Ana Lima"
    );
    desk.ok(&[
        "claim", "edit", &ids[1], "--source", "Reuters", "--source", "TASS", "--kind", "quote",
    ]);
    let edited = desk.json(&["claim", "show", &ids[1], "--json"]);
    assert_eq!(
        (edited["sources"].clone(), edited["kind"].clone()),
        (
            serde_json::json!(["Reuters", "TASS"]),
            serde_json::json!("quote")
        )
    );
    let (a, b) = (
        text_of("There are other options"),
        text_of("Maybe there will be"),
    );
    desk.ok(&["claim", "merge", &a, &b]);
    assert!(
        desk.json(&["claim", "show", &a, "--json"])["text"]
            .as_str()
            .unwrap()
            .ends_with("will take part in.")
    );
    desk.refused(&["claim", "show", &b], "no claim");
    desk.ok(&["claim", "delete", &ids[2]]);
    desk.refused(&["claim", "show", &ids[2]], "no claim");
    desk.refused(&["claim", "merge", &a, &a], "itself");
    desk.ok(&["claim", "edit", &ids[0], "--start", "0", "--end", "16"]);
    assert_eq!(
        desk.json(&["claim", "show", &ids[0], "--json"])["text"],
        "A top Kremlin ai"
    );
    desk.refused(
        &["claim", "edit", &ids[0], "--start", "5", "--end", "999999"],
        "outside the article",
    );
}

#[test]
fn extract_prints_the_documented_json() {
    let desk = Desk::new();
    let x = desk.json(&["extract", s(&sample_path()), "--format", "json"]);
    let c = &x["claims"][0];
    for key in [
        "id",
        "text",
        "kind",
        "speaker",
        "role",
        "sources",
        "span",
        "checkworthiness",
    ] {
        assert!(c.get(key).is_some(), "extract json lacks {key}");
    }
    assert_eq!(c["id"], "c1");
    assert!(
        x["relations"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["kind"] == "corrects" && r["note"] == "would -> wouldn't")
    );
    assert!(x["diagnostics"].is_array());
    // Spans count characters of the file given, headline line and all.
    let file: Vec<char> = std::fs::read_to_string(sample_path())
        .unwrap()
        .chars()
        .collect();
    for c in x["claims"].as_array().unwrap() {
        let (a, b) = (
            c["span"]["start"].as_u64().unwrap() as usize,
            c["span"]["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(
            file[a..b].iter().collect::<String>(),
            c["text"].as_str().unwrap(),
            "{c}"
        );
    }
    let text = desk.ok(&["extract", s(&sample_path())]);
    assert!(text.contains("Yuri Ushakov") && text.contains("corrects"));
    assert!(!desk.db.exists(), "extract stores nothing");
}

#[test]
fn imports_markdown_html_and_windows_1252() {
    let desk = Desk::new();
    let md = desk.file("a.md", b"# Budget vote\n\nThe *mayor* said the city budget rose by 5 percent to $3.2 billion this year.\n");
    let html = desk.file("b.html", b"<html><head><title>Bridge report</title><script>alert('x')</script></head><body><nav>Home</nav><article><h1>Bridge report</h1><p>The inspector general said repairs to the Harbor Bridge would cost at least $80 million, according to a report released on Monday by the state.</p><p>The bridge carries about 90,000 vehicles a day, officials said in a statement released later that afternoon.</p></article></body></html>");
    let cp1252 = desk.file("c.txt", b"Caf\xe9 prices rise\n\nThe owner said prices at the caf\xe9 rose by 12 percent in March, the largest rise since 2019.\n");
    let out = desk.json(&["import", s(&md), s(&html), s(&cp1252), "--json"]);
    assert_eq!(out.as_array().unwrap().len(), 3);
    let articles = desk.json(&["articles", "--json"]);
    let titles: Vec<&str> = articles
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        titles,
        ["Budget vote", "Bridge report", "Caf\u{e9} prices rise"]
    );
    let html_body =
        desk.json(&["article", "show", out[1]["id"].as_str().unwrap(), "--json"])["body"]
            .as_str()
            .unwrap()
            .to_string();
    assert!(
        !html_body.contains("alert") && !html_body.contains("<"),
        "{html_body}"
    );
}

#[test]
fn bad_input_is_refused_with_the_database_unchanged() {
    let desk = Desk::new();
    desk.ok(&["import", s(&sample_path())]);
    let claim = desk.json(&["claims", "--json"])[0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let article = desk.json(&["articles", "--json"])[0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    desk.ok(&["config", "checker", "Ana"]);

    let missing = desk.dir.path().join("missing.txt");
    desk.refused(&["import", s(&missing)], "no such file");
    desk.refused(&["import", s(desk.dir.path())], "is a folder");
    let empty = desk.file("empty.txt", b"  \n\n");
    desk.refused(&["import", s(&empty)], "empty");
    let binary = desk.file("photo.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0");
    desk.refused(&["import", s(&binary)], "binary");
    let huge = desk.file("huge.txt", &vec![b'a'; 21 * 1024 * 1024]);
    desk.refused(&["import", s(&huge)], "up to 20 MB");
    // Under the file limit, over the text limit: refused before storing.
    let long = "The council said the budget rose by 6 percent in 2024. ".repeat(80_000);
    let long_txt = desk.file("long.txt", format!("A long report\n\n{long}\n").as_bytes());
    desk.refused(&["import", s(&long_txt)], "up to 4 MB of text");
    let long_html = desk.file(
        "long.html",
        format!("<html><body><article><h1>A long report</h1><p>{long}</p></article></body></html>")
            .as_bytes(),
    );
    desk.refused(&["import", s(&long_html)], "up to 4 MB of text");
    let garbage = desk.file("latin.txt", b"caf\xc3\x28 \x81\x8d\x8f\x90\x9d");
    desk.refused(&["import", s(&garbage)], "not UTF-8");
    // A good file beside a bad one: nothing is imported.
    let good = desk.file(
        "good.txt",
        b"Another headline here\n\nThe council said the budget rose by 6 percent in 2024.\n",
    );
    desk.refused(&["import", s(&good), s(&binary)], "binary");
    desk.refused(
        &["import", s(&good), "--published", "yesterday"],
        "not a date",
    );
    desk.refused(
        &["import", s(&good), "--url", "javascript:alert(1)"],
        "http or https",
    );

    desk.refused(&["claim", "show", "zzzzzzzz"], "no claim");
    desk.refused(&["claim", "show", "0123456789"], "no claim");
    desk.refused(&["claim", "show", "abc"], "at least 6 characters");
    desk.refused(&["claim", "show", &claim[..8]], "ambiguous");
    desk.refused(
        &["verdict", &claim, "Pants on fire"],
        "not a rating on the default scale",
    );
    desk.refused(
        &["evidence", "add", &claim, "javascript:alert(1)"],
        "http or https",
    );
    desk.refused(
        &["evidence", "add", &claim, "file:///etc/passwd"],
        "http or https",
    );
    desk.refused(
        &["evidence", "add", &claim, "data:text/html,hi"],
        "http or https",
    );
    desk.refused(
        &[
            "claim", "add", &article, "--start", "99999", "--end", "100000",
        ],
        "outside the article",
    );
    desk.refused(
        &["claim", "add", &article, "--start", "20", "--end", "10"],
        "outside the article",
    );
    desk.refused(&["config", "scale", "stars"], "no rating scale");
    let nowhere = desk.dir.path().join("no/such/dir/out.csv");
    desk.refused(
        &["export", "--format", "csv", "--out", s(&nowhere)],
        "does not exist",
    );
}

#[test]
fn a_database_from_a_newer_factdesk_is_refused() {
    let desk = Desk::new();
    desk.ok(&["articles"]);
    let conn = rusqlite::Connection::open(&desk.db).unwrap();
    conn.pragma_update(None, "user_version", 42).unwrap();
    drop(conn);
    let out = desk.run(&["import", s(&sample_path())]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("newer version"));
}

#[test]
fn the_checker_comes_from_the_environment_too() {
    let desk = Desk::new();
    desk.ok(&["import", s(&sample_path())]);
    let claim = desk.json(&["claims", "--json"])[0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let out = Command::new(factdesk_bin())
        .arg("--db")
        .arg(&desk.db)
        .args(["verdict", &claim, "True", "--note", "On the record."])
        .env("FACTDESK_CHECKER", "Env Checker")
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(
        desk.json(&["claim", "show", &claim, "--json"])["verdict"]["checker"],
        "Env Checker"
    );
}

#[test]
fn two_processes_write_at_once() {
    let desk = Desk::new();
    desk.ok(&["import", s(&sample_path())]);
    desk.ok(&["config", "checker", "Ana"]);
    let ids = desk.claim_ids();
    let spawn = |args: Vec<String>| {
        Command::new(factdesk_bin())
            .arg("--db")
            .arg(&desk.db)
            .args(args)
            .spawn()
            .unwrap()
    };
    let mut children = Vec::new();
    for id in ids.iter().take(6) {
        children.push(spawn(vec![
            "verdict".into(),
            id.clone(),
            "Mixed".into(),
            "--note".into(),
            "Both sides.".into(),
        ]));
        children.push(spawn(vec![
            "evidence".into(),
            "add".into(),
            id.clone(),
            "https://example.org/".into(),
            "--no-capture".into(),
        ]));
    }
    for mut c in children {
        assert!(c.wait().unwrap().success());
    }
    let claims = desk.json(&["claims", "--rating", "mixed", "--json"]);
    assert_eq!(claims.as_array().unwrap().len(), 6);
    assert!(
        claims
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["evidence"].as_array().unwrap().len() == 1)
    );
}

#[test]
fn the_desks_policy_for_verdicts() {
    let desk = Desk::new();
    desk.ok(&["import", s(&sample_path())]);
    desk.ok(&["config", "checker", "Ana"]);
    let ids: Vec<String> = desk.json(&["claims", "--json"]).as_array().unwrap()[..3]
        .iter()
        .map(|c| c["id"].as_str().unwrap().to_string())
        .collect();
    // No rationale, no verdict; "Unproven" too unless the desk allows it.
    desk.refused(
        &["verdict", &ids[0], "False"],
        "a verdict needs a rationale",
    );
    desk.refused(
        &["verdict", &ids[0], "False", "--note", "  "],
        "needs a rationale",
    );
    desk.refused(&["verdict", &ids[0], "Unproven"], "needs a rationale");
    desk.refused(
        &["config", "verdict-sets-done", "maybe"],
        "invalid value 'maybe'",
    );
    desk.ok(&["config", "undetermined-without-rationale", "true"]);
    desk.ok(&["verdict", &ids[0], "Unproven"]);
    desk.refused(&["verdict", &ids[1], "False"], "needs a rationale");
    // A verdict sets Done unless the desk says otherwise.
    assert_eq!(
        desk.json(&["claim", "show", &ids[0], "--json"])["status"],
        "done"
    );
    desk.ok(&["config", "verdict-sets-done", "false"]);
    desk.ok(&["verdict", &ids[1], "False", "--note", "The record."]);
    assert_eq!(
        desk.json(&["claim", "show", &ids[1], "--json"])["status"],
        "new"
    );
    // A verdict taken back: the claim has none again.
    let out = desk.ok(&["withdraw", &ids[1]]);
    assert!(out.contains("False withdrawn; no verdict now"), "{out}");
    assert_eq!(
        desk.json(&["claim", "show", &ids[1], "--json"])["verdict"],
        Value::Null
    );
    desk.refused(&["withdraw", &ids[1]], "no verdict to take back");
    desk.refused(
        &["withdraw", &ids[0], "--checker", "Ben"],
        "only they can take it back",
    );
    let shown = desk.ok(&["config"]);
    assert!(shown.contains("a verdict sets Done: no"), "{shown}");
    assert!(
        shown.contains("\"Unproven\" without a rationale: allowed"),
        "{shown}"
    );
}
