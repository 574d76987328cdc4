//! The team desk: the app and a checker's CLI desk sync with one team server
//! (on the throwaway PostgreSQL cluster that `scripts/e2e.sh` starts). The
//! checker's verdict, given and submitted on the CLI, appears in the app by
//! itself; the editor approves it there; the checker's desk sees it approved.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use thirtyfour::prelude::*;

use super::{click_text, find, find_text, launch, shot};

fn env(name: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| panic!("{name} is not set (scripts/e2e.sh sets it)"))
}

fn cli(db: &std::path::Path, args: &[&str]) -> String {
    let out = Command::new(env("FACTDESK_CLI"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("FACTDESK_CHECKER")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "factdesk {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A database of its own on the cluster, a server over it, and two people.
fn team_server() -> (Server, String, String, String) {
    let pg = env("FACTDESK_TEST_POSTGRES");
    let name = format!("fde2e_{}", std::process::id());
    let ok = Command::new("psql")
        .args([pg.as_str(), "-XAtqc", &format!("CREATE DATABASE {name}")])
        .status()
        .unwrap();
    assert!(ok.success(), "psql CREATE DATABASE");
    let database = format!("{} dbname={name}", pg.replace("dbname=postgres", ""));
    let bin = env("FACTDESK_SERVER_BIN");
    let token = |who: &str, role: &str| {
        let out = Command::new(&bin)
            .args(["--database", &database, "user", "add", who, "--role", role])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap().trim().to_string()
    };
    let editor = token("Erin Editor", "editor");
    let checker = token("Ana Checker", "checker");
    let mut child = Command::new(&bin)
        .args(["--database", &database, "--listen", "127.0.0.1:0"])
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stderr.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let url = line
        .trim()
        .strip_prefix("factdesk-server listening on ")
        .unwrap_or_else(|| panic!("the server did not start: {line}"))
        .to_string();
    (Server(child), url, editor, checker)
}

pub(super) async fn an_editor_signs_off_a_checkers_verdict() -> WebDriverResult<()> {
    let (_server, url, editor, checker) = team_server();
    // The app's desk: the editor's, set up as the README says.
    let app_db = std::path::PathBuf::from(env("FACTDESK_DB"));
    cli(&app_db, &["config", "checker", "Erin Editor"]);
    cli(&app_db, &["config", "server", &url]);
    cli(&app_db, &["config", "token", &editor]);
    // The checker's desk, on the command line.
    let dir = std::env::temp_dir().join(format!("factdesk-e2e-ana-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let ana = dir.join("ana.db");
    cli(&ana, &["config", "checker", "Ana Checker"]);
    cli(&ana, &["config", "server", &url]);
    cli(&ana, &["config", "token", &checker]);
    let sample = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../crates/factdesk-core/samples/kremlin-summit.txt"
    );
    cli(&ana, &["import", sample]);
    let claims: serde_json::Value =
        serde_json::from_str(&cli(&ana, &["claims", "--json"])).unwrap();
    let claim = claims
        .as_array()
        .unwrap()
        .iter()
        .find(|c| {
            c["text"]
                .as_str()
                .unwrap()
                .starts_with("Russia is not ready to accept")
        })
        .expect("the sample's first claim")["id"]
        .as_str()
        .unwrap()
        .to_string();
    cli(
        &ana,
        &[
            "verdict",
            &claim,
            "Mostly true",
            "--note",
            "Ushakov said it on the record, per the Kremlin's transcript",
        ],
    );
    cli(&ana, &["verdict", "submit", &claim]);
    cli(&ana, &["sync"]);

    // The app syncs on start: the article and the submitted verdict arrive.
    let d = launch().await?;
    find_text(&d, "[data-testid=sync-status]", "Synced").await?;
    click_text(
        &d,
        "[data-testid=claim-item]",
        "Russia is not ready to accept",
    )
    .await?;
    find_text(&d, "[data-testid=review-state]", "Submitted").await?;
    find_text(&d, "[data-testid=current-verdict]", "Ana Checker").await?;
    shot(&d, "t01-team-submitted").await;
    find(&d, "[data-testid=review-approve]")
        .await?
        .click()
        .await?;
    find_text(&d, "[data-testid=review-state]", "Approved").await?;
    // Sync now, from the status in the top bar.
    find(&d, "[data-testid=sync-status]").await?.click().await?;
    find_text(&d, "[data-testid=sync-status]", "Synced").await?;
    shot(&d, "t02-team-approved").await;

    // On the checker's desk, the editor's sign-off is there after a sync.
    let mut approved = false;
    for _ in 0..50 {
        cli(&ana, &["sync"]);
        let shown: serde_json::Value =
            serde_json::from_str(&cli(&ana, &["claim", "show", &claim, "--json"])).unwrap();
        if shown["verdict"]["review"]["state"] == "approved" {
            assert_eq!(shown["verdict"]["review"]["by"], "Erin Editor");
            approved = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert!(approved, "the approval did not reach the checker's desk");
    d.quit().await?;
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}
