//! The real `factdesk` binary and the evidence vault: links archived as they
//! are added, shown, read offline, exported and checked for rot, against
//! local servers.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use serde_json::Value;

use crate::cli::{Desk, s};
use crate::support::sample_path;
use crate::web::{html, redirect, respond, serve};

const PAGE: &str = "<html><head><title>Labour figures, March</title><script>document.body.innerHTML='SCRIPT RAN'</script></head><body><article><h1>Labour figures, March</h1><p>Unemployment fell to 4.2 percent in March, the ministry said on Friday, the lowest rate in a decade.</p><p>The figures cover every region of the country and were revised in April.</p></article></body></html>";

fn first_claim(desk: &Desk) -> String {
    desk.json(&["claims", "--json"])[0]["id"]
        .as_str()
        .unwrap()
        .to_string()
}

/// Adds a link and returns its evidence id from the CLI's line.
fn add(desk: &Desk, claim: &str, url: &str, extra: &[&str]) -> (String, String) {
    let mut args = vec!["evidence", "add", claim, url];
    args.extend_from_slice(extra);
    let out = desk.ok(&args);
    let id = out
        .split_whitespace()
        .nth(1)
        .expect("evidence ID added …")
        .to_string();
    (id, out)
}

#[test]
fn links_are_archived_read_offline_exported_and_checked() {
    let changed = Arc::new(AtomicBool::new(false));
    let flip = changed.clone();
    let server = serve(move |path, _| match path {
        "/figures" => html(PAGE),
        "/moves" => html(if flip.load(Ordering::SeqCst) {
            "<html><title>Revised</title><body><p>Unemployment was revised to 4.4 percent.</p></body></html>"
        } else {
            PAGE
        }),
        "/old" => redirect("/figures"),
        "/report.pdf" => respond(
            200,
            &[("Content-Type", "application/pdf")],
            b"%PDF-1.4\n%%EOF\n",
        ),
        "/big" => respond(
            200,
            &[("Content-Type", "text/html")],
            &vec![b'x'; 2 * 1024 * 1024],
        ),
        _ => respond(404, &[("Content-Type", "text/html")], b"<h1>Not here</h1>"),
    });
    let desk = Desk::new();
    desk.ok(&["import", s(&sample_path())]);
    desk.ok(&["config", "checker", "Ana"]);
    let claim = first_claim(&desk);

    // Added and archived before the command returns.
    let (figures, out) = add(&desk, &claim, &server.url("/figures"), &[]);
    assert!(out.contains("archived "), "{out}");
    let shown = desk.json(&["evidence", "show", &figures, "--json"]);
    let c = &shown[0];
    for field in [
        "captured_at",
        "status",
        "final_url",
        "body_sha256",
        "wacz_sha256",
        "bytes",
    ] {
        assert!(!c[field].is_null(), "{field} missing: {c}");
    }
    assert_eq!(c["status"], "archived");
    assert_eq!(c["title"], "Labour figures, March");
    // The WACZ is in the vault beside the database, named by its hash.
    let sha = c["wacz_sha256"].as_str().unwrap();
    let in_vault = desk
        .db
        .parent()
        .unwrap()
        .join("vault")
        .join(format!("{sha}.wacz"));
    let bytes = std::fs::read(&in_vault).unwrap();
    assert_eq!(factdesk_vault::sha256_hex(&bytes), sha);
    assert_eq!(c["bytes"], bytes.len());

    // Read offline: the page's text, and nothing its script would have done.
    let text = desk.ok(&["evidence", "read", &figures]);
    assert!(text.contains("Unemployment fell to 4.2 percent"), "{text}");
    assert!(!text.contains("SCRIPT RAN"), "{text}");

    // Exported as the WACZ file itself.
    let out = desk.db.parent().unwrap().join("figures.wacz");
    desk.ok(&["evidence", "export", &figures, "--out", s(&out)]);
    assert_eq!(std::fs::read(&out).unwrap(), bytes);
    desk.refused(
        &["evidence", "export", &figures, "--out", s(&desk.db)],
        "database",
    );

    // Failures are recorded with their reason; nothing is written to the vault.
    let (gone, out) = add(&desk, &claim, &server.url("/nothing"), &[]);
    assert!(
        out.contains("not archived: HTTP 404 Not Found (http)"),
        "{out}"
    );
    let (_, out) = add(&desk, &claim, "https://host.invalid/x", &[]);
    assert!(
        out.contains("not archived") && out.contains("(dns)"),
        "{out}"
    );
    let (slow, _) = add(&desk, &claim, &server.url("/report.pdf"), &["--no-capture"]);
    assert_eq!(
        desk.json(&["evidence", "show", &slow, "--json"]),
        Value::Array(vec![])
    );
    desk.ok(&["evidence", "capture", &slow]);
    let pdf = desk.ok(&["evidence", "read", &slow]);
    assert!(
        pdf.contains("application/pdf") && pdf.contains("export"),
        "{pdf}"
    );
    desk.refused(&["evidence", "read", &gone], "no archived copy");
    // The desk's limits bound every capture; a flag overrides them once.
    desk.refused(
        &["config", "capture-limits", "--max-mb", "0"],
        "from 1 to 1024",
    );
    desk.ok(&[
        "config",
        "capture-limits",
        "--max-mb",
        "1",
        "--timeout",
        "10",
    ]);
    assert!(
        desk.ok(&["config"])
            .contains("pages up to 1 MB, 10 s at most")
    );
    let (big, out) = add(&desk, &claim, &server.url("/big"), &[]);
    assert!(out.contains("(too_large)"), "{out}");
    let out = desk.ok(&["evidence", "capture", &big, "--max-mb", "3"]);
    assert!(out.starts_with("archived"), "{out}");
    let (moves, _) = add(&desk, &claim, &server.url("/moves"), &[]);
    let (old, _) = add(&desk, &claim, &server.url("/old"), &[]);
    desk.refused(
        &["evidence", "capture", &figures, "--timeout", "0"],
        "--timeout",
    );

    // Link rot: one verdict per link, with the reason.
    changed.store(true, Ordering::SeqCst);
    let checks = desk.json(&["evidence", "check", &claim, "--json"]);
    let verdict = |id: &str| {
        checks
            .as_array()
            .unwrap()
            .iter()
            .find(|k| k["evidence_id"] == id)
            .map(|k| {
                (
                    k["verdict"].as_str().unwrap().to_string(),
                    k["reason"].as_str().unwrap().to_string(),
                )
            })
            .unwrap()
    };
    assert_eq!(verdict(&figures).0, "same");
    assert_eq!(
        verdict(&old).0,
        "same",
        "a redirect on the same site is the same page"
    );
    let (v, reason) = verdict(&moves);
    assert_eq!(v, "changed", "{reason}");
    assert!(reason.contains("changed since it was archived"), "{reason}");
    assert_eq!(verdict(&gone).0, "gone");
    // The queue finds the claims whose evidence is gone or changed.
    let troubled = desk.json(&["claims", "--link-trouble", "--json"]);
    assert_eq!(troubled.as_array().unwrap().len(), 1);
    assert_eq!(troubled[0]["id"], claim);
    // A new capture is a new row; the first stays.
    desk.ok(&["evidence", "capture", &moves]);
    assert_eq!(
        desk.json(&["evidence", "show", &moves, "--json"])
            .as_array()
            .unwrap()
            .len(),
        2
    );
    let text = desk.ok(&["evidence", "check", "--all"]);
    assert!(text.contains("same"), "{text}");

    // Where the team publishes its archived copies, exports link them.
    desk.refused(
        &[
            "config",
            "archive-url",
            "https://archive.example.org/x.wacz",
        ],
        "{sha256}",
    );
    desk.ok(&[
        "config",
        "archive-url",
        "https://archive.example.org/{sha256}.wacz",
    ]);
    desk.ok(&[
        "verdict",
        &claim,
        "False",
        "--note",
        "The ministry's own figures.",
    ]);
    let report = desk.ok(&["export", "--format", "report"]);
    let archived_at = format!("https://archive.example.org/{sha}.wacz");
    assert!(report.contains(&archived_at), "{report}");
    let reviews = desk.json(&["export", "--format", "claimreview"]);
    let cited: Vec<&str> = reviews[0]["citation"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["url"].as_str().unwrap())
        .collect();
    assert!(cited.contains(&archived_at.as_str()), "{cited:?}");
    assert!(
        cited.contains(&server.url("/nothing").as_str()),
        "a link never archived is cited as it is"
    );

    // A bundle carries the captures, and with --with-captures the archived
    // copies themselves: a teammate reads the page offline on their desk.
    let dir = desk.db.parent().unwrap();
    let bundle = dir.join("with.json");
    desk.ok(&[
        "export",
        "--format",
        "bundle",
        "--with-captures",
        "--out",
        s(&bundle),
    ]);
    desk.refused(
        &["export", "--format", "csv", "--with-captures"],
        "--with-captures goes with --format bundle",
    );
    let ben = Desk::new();
    ben.ok(&["merge", s(&bundle), "--checker", "Ben"]);
    let theirs = ben.json(&["evidence", "show", &figures, "--json"]);
    assert_eq!(theirs[0]["wacz_sha256"], sha);
    let text = ben.ok(&["evidence", "read", &figures]);
    assert!(text.contains("Unemployment fell to 4.2 percent"), "{text}");
    // Merging it again adds nothing.
    let again = ben.ok(&["merge", s(&bundle), "--checker", "Ben"]);
    assert!(again.contains("nothing new"), "{again}");
}

#[test]
fn a_capture_killed_midway_leaves_nothing_the_database_points_to() {
    use std::time::Duration;
    // The page comes slowly: the server waits five seconds before answering.
    let server = serve(|_, _| {
        std::thread::sleep(Duration::from_secs(5));
        html(PAGE)
    });
    let desk = Desk::new();
    desk.ok(&["import", s(&sample_path())]);
    desk.ok(&["config", "checker", "Ana"]);
    let claim = first_claim(&desk);
    let (id, _) = add(&desk, &claim, &server.url("/slow"), &["--no-capture"]);
    let before = desk.fingerprint();
    let mut child = std::process::Command::new(crate::support::factdesk_bin())
        .arg("--db")
        .arg(&desk.db)
        .args(["evidence", "capture", &id])
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(500));
    child.kill().unwrap(); // SIGKILL
    let _ = child.wait();
    assert_eq!(
        desk.fingerprint(),
        before,
        "a killed capture wrote to the database"
    );
    assert_eq!(
        desk.json(&["evidence", "show", &id, "--json"]),
        Value::Array(vec![])
    );
    let vault = desk.db.parent().unwrap().join("vault");
    let files: Vec<_> = std::fs::read_dir(&vault)
        .map(|d| d.flatten().map(|e| e.file_name()).collect())
        .unwrap_or_default();
    assert!(
        files
            .iter()
            .all(|f| !f.to_string_lossy().ends_with(".wacz")),
        "{files:?}"
    );
}
