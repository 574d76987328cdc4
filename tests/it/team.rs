//! The team server on a real PostgreSQL: desks that edit offline and sync in
//! every order converge; disagreeing verdicts are flagged everywhere; the
//! review workflow and its permissions; bad tokens and hostile pushes; and
//! `kill -9` of the server (and a PostgreSQL restart) during pushes losing
//! nothing acknowledged.
//!
//! `scripts/test-all.sh` starts a throwaway cluster and sets
//! FACTDESK_TEST_POSTGRES (a libpq connection string); each test makes its
//! own database on it.

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use serde_json::Value;

use crate::cli::{Desk, s};
use crate::support::sample_path;

fn postgres() -> String {
    std::env::var("FACTDESK_TEST_POSTGRES").expect(
        "FACTDESK_TEST_POSTGRES is not set: the team server's tests need PostgreSQL; run scripts/test-all.sh, which starts a throwaway cluster",
    )
}

fn server_bin() -> &'static Path {
    static BIN: OnceLock<PathBuf> = OnceLock::new();
    BIN.get_or_init(|| crate::support::built_bin("factdesk-server", "factdesk-server"))
}

/// The cluster is shared: tests take it to read, the one that restarts
/// PostgreSQL takes it alone.
static CLUSTER: std::sync::RwLock<()> = std::sync::RwLock::new(());

/// A database of its own on the test cluster, and a server over it.
pub(crate) struct Team {
    pub(crate) database: String,
    pub(crate) url: String,
    port: u16,
    server: Option<Child>,
    max_push_mb: u64,
    _shared: Option<std::sync::RwLockReadGuard<'static, ()>>,
}

impl Team {
    pub(crate) fn new() -> Team {
        Team::with_limit(64)
    }

    pub(crate) fn with_limit(max_push_mb: u64) -> Team {
        let guard = CLUSTER.read().unwrap_or_else(|e| e.into_inner());
        let mut team = Team::unguarded(max_push_mb);
        team._shared = Some(guard);
        team
    }

    fn unguarded(max_push_mb: u64) -> Team {
        static N: AtomicUsize = AtomicUsize::new(0);
        let name = format!(
            "fdtest_{}_{}",
            std::process::id(),
            N.fetch_add(1, Ordering::SeqCst)
        );
        psql(&postgres(), &format!("CREATE DATABASE {name}"));
        let database = format!(
            "{} dbname={name}",
            postgres().replace("dbname=postgres", "")
        );
        let mut team = Team {
            database,
            url: String::new(),
            port: 0,
            server: None,
            max_push_mb,
            _shared: None,
        };
        team.start();
        team
    }

    /// Starts the server (again, on the same port after the first time).
    pub(crate) fn start(&mut self) {
        let listen = format!("127.0.0.1:{}", self.port);
        let mut child = Command::new(server_bin())
            .args(["--database", &self.database, "--listen", &listen])
            .args(["--max-push-mb", &self.max_push_mb.to_string()])
            .stderr(Stdio::piped())
            .spawn()
            .expect("start factdesk-server");
        let mut line = String::new();
        BufReader::new(child.stderr.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let addr = line
            .trim()
            .strip_prefix("factdesk-server listening on ")
            .unwrap_or_else(|| panic!("the server did not start: {line}"));
        self.url = addr.to_string();
        self.port = addr.rsplit(':').next().unwrap().parse().unwrap();
        self.server = Some(child);
    }

    /// `kill -9`: no shutdown, no goodbye.
    pub(crate) fn kill(&mut self) {
        if let Some(mut c) = self.server.take() {
            c.kill().unwrap();
            c.wait().unwrap();
        }
    }

    pub(crate) fn admin(&self, args: &[&str]) -> std::process::Output {
        Command::new(server_bin())
            .args(["--database", &self.database])
            .args(args)
            .output()
            .unwrap()
    }

    /// A new person's token.
    pub(crate) fn user(&self, name: &str, role: &str) -> String {
        let out = self.admin(&["user", "add", name, "--role", role]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap().trim().to_string()
    }

    /// A desk signed in as a new person.
    pub(crate) fn desk(&self, name: &str, role: &str) -> Desk {
        let desk = Desk::new();
        let token = self.user(name, role);
        desk.ok(&["config", "checker", name]);
        desk.ok(&["config", "server", &self.url]);
        desk.ok(&["config", "token", &token]);
        desk
    }

    pub(crate) fn sql(&self, query: &str) -> String {
        psql(&self.database, query)
    }
}

impl Drop for Team {
    fn drop(&mut self) {
        self.kill();
    }
}

fn psql(conn: &str, query: &str) -> String {
    let out = Command::new("psql")
        .args([conn, "-XAtqc", query])
        .output()
        .expect("psql (PostgreSQL's client) runs");
    assert!(
        out.status.success(),
        "psql {query}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

/// What a desk has, without its own ids: each claim's text, status, current
/// rating and checker, review, assignee and evidence; sorted.
fn content(desk: &Desk) -> BTreeSet<String> {
    let claims = desk.json(&["claims", "--json"]);
    claims
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let v = &c["verdict"];
            let mut ev: Vec<&str> = c["evidence"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| e["url"].as_str().unwrap())
                .collect();
            ev.sort();
            format!(
                "{} | {} | {} by {} ({}) | assigned {} | {:?} | conflict {}",
                c["text"].as_str().unwrap(),
                c["status"],
                v["rating"],
                v["checker"],
                v["review"]["state"],
                c["assignee"],
                ev,
                c["conflict"].as_array().unwrap().len()
            )
        })
        .collect()
}

fn claim_by_text(desk: &Desk, starts: &str) -> String {
    desk.json(&["claims", "--json"])
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["text"].as_str().unwrap().starts_with(starts))
        .unwrap_or_else(|| panic!("no claim starting {starts:?}"))["id"]
        .as_str()
        .unwrap()
        .to_string()
}

const C1: &str = "Russia is not ready to accept";
const C2: &str = "Russia agrees there should be another meeting";
const C3: &str = "preparations are underway";

/// Three desks import the same article and work on it offline.
fn three_desks(team: &Team) -> [Desk; 3] {
    let desks = [
        team.desk("Ana", "checker"),
        team.desk("Ben", "checker"),
        team.desk("Eve", "editor"),
    ];
    for d in &desks {
        d.ok(&["import", s(&sample_path())]);
    }
    let [a, b, e] = &desks;
    let id = |d: &Desk, t: &str| claim_by_text(d, t);
    a.ok(&[
        "verdict",
        &id(a, C1),
        "Mostly true",
        "--note",
        "Ana: Ushakov said it on record",
    ]);
    a.ok(&[
        "evidence",
        "add",
        &id(a, C1),
        "https://example.org/ushakov",
        "--no-capture",
    ]);
    b.ok(&[
        "verdict",
        &id(b, C2),
        "True",
        "--note",
        "Ben: the Kremlin's readout",
    ]);
    b.ok(&["claim", "status", &id(b, C3), "in-progress"]);
    // Two desks disagree on one claim.
    a.ok(&[
        "verdict",
        &id(a, C3),
        "False",
        "--note",
        "Ana: no meeting planned",
    ]);
    e.ok(&[
        "verdict",
        &id(e, C3),
        "True",
        "--note",
        "Eve: the White House says so",
    ]);
    e.ok(&["claim", "assign", &id(e, C2), "Ben"]);
    desks
}

fn sync(d: &Desk) -> Value {
    d.json(&["sync", "--json"])
}

#[test]
fn desks_that_worked_offline_converge_in_every_order() {
    let orders: [[usize; 3]; 6] = [
        [0, 1, 2],
        [0, 2, 1],
        [1, 0, 2],
        [1, 2, 0],
        [2, 0, 1],
        [2, 1, 0],
    ];
    for order in orders {
        let team = Team::new();
        let desks = three_desks(&team);
        // Each syncs in turn, twice round: the second round brings the later
        // pushes to the desks that went first.
        for _ in 0..2 {
            for &i in &order {
                sync(&desks[i]);
            }
        }
        let seen: Vec<BTreeSet<String>> = desks.iter().map(content).collect();
        assert_eq!(
            seen[0], seen[1],
            "order {order:?}: Ana's desk and Ben's differ"
        );
        assert_eq!(
            seen[0], seen[2],
            "order {order:?}: Ana's desk and Eve's differ"
        );
        // The disagreement is flagged on every desk until someone settles it.
        for d in &desks {
            let flagged = d.json(&["claims", "--needs-reconciliation", "--json"]);
            let texts: Vec<&str> = flagged
                .as_array()
                .unwrap()
                .iter()
                .map(|c| c["text"].as_str().unwrap())
                .collect();
            assert_eq!(texts.len(), 1, "order {order:?}: {texts:?}");
            assert!(texts[0].starts_with(C3));
        }
        // Syncing again changes nothing anywhere.
        let before: Vec<Vec<i64>> = desks.iter().map(table_sizes).collect();
        let head = team.sql("SELECT seq FROM log_head");
        for d in &desks {
            let r = sync(d);
            assert_eq!(r["pushed_added"], 0, "{r}");
            assert_eq!(r["pushed_updated"], 0, "{r}");
        }
        assert_eq!(
            team.sql("SELECT seq FROM log_head"),
            head,
            "a second sync wrote to the log"
        );
        for (d, b) in desks.iter().zip(&before) {
            assert_eq!(
                &table_sizes(d),
                b,
                "order {order:?}: a second sync wrote to a desk"
            );
        }
    }
}

/// How many records of each kind a desk has (its settings aside, which
/// record when it last synced).
fn table_sizes(desk: &Desk) -> Vec<i64> {
    let db = rusqlite::Connection::open(&desk.db).unwrap();
    [
        "articles",
        "entities",
        "claims",
        "verdicts",
        "evidence",
        "changes",
        "verdict_conflicts",
        "merges",
        "assignments",
        "verdict_reviews",
    ]
    .iter()
    .map(|t| {
        db.query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0))
            .unwrap()
    })
    .collect()
}

#[test]
fn every_change_carries_the_person_the_server_knows() {
    let team = Team::new();
    let ana = team.desk("Ana", "checker");
    // The desk signs as someone else; the team sees the token's owner.
    ana.ok(&["config", "checker", "Not Ana"]);
    ana.ok(&["import", s(&sample_path())]);
    let c = claim_by_text(&ana, C1);
    ana.ok(&["verdict", &c, "False", "--note", "reasons"]);
    sync(&ana);
    let ben = team.desk("Ben", "checker");
    sync(&ben);
    let v = &ben
        .json(&["claims", "--json"])
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["text"].as_str().unwrap().starts_with(C1))
        .unwrap()["verdict"]
        .clone();
    assert_eq!(v["checker"], "Ana");
    let actors = team.sql(
        "SELECT string_agg(DISTINCT body::json->>'actor', ',') FROM rows WHERE kind = 'change'",
    );
    assert_eq!(actors, "Ana");
}

#[test]
fn a_verdict_goes_from_draft_to_approved_and_only_approved_ones_are_published() {
    let team = Team::new();
    let ana = team.desk("Ana", "checker");
    let eve = team.desk("Eve", "editor");
    ana.ok(&["import", s(&sample_path())]);
    let c = claim_by_text(&ana, C1);
    ana.ok(&["verdict", &c, "Mostly true", "--note", "on record"]);
    sync(&ana);
    // A checker cannot approve: the desk knows the role from the server.
    let out = ana.run(&["verdict", "submit", &c]);
    assert!(out.status.success());
    let out = ana.run(&["verdict", "approve", &c]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("only an editor can approve"));
    // Nothing approved, nothing published.
    let reviews = |d: &Desk| -> usize {
        let out = d.dir.path().join("cr.json");
        d.ok(&["export", "--format", "claimreview", "--out", s(&out)]);
        let v: Value = serde_json::from_str(&std::fs::read_to_string(out).unwrap()).unwrap();
        v.as_array().unwrap().len()
    };
    assert_eq!(reviews(&ana), 0);
    sync(&ana);
    sync(&eve);
    let ce = claim_by_text(&eve, C1);
    // Returned with a note, fixed, submitted again, approved.
    let out = eve.run(&["verdict", "return", &ce]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("needs a note"));
    eve.ok(&["verdict", "return", &ce, "--note", "cite the transcript"]);
    sync(&eve);
    sync(&ana);
    let v = &ana.json(&["claim", "show", &c, "--json"]);
    assert_eq!(v["verdict"]["review"]["state"], "returned", "{v}");
    assert_eq!(v["verdict"]["review"]["note"], "cite the transcript");
    ana.ok(&["verdict", "submit", &c]);
    sync(&ana);
    sync(&eve);
    eve.ok(&["verdict", "approve", &ce]);
    sync(&eve);
    sync(&ana);
    let v = &ana.json(&["claim", "show", &c, "--json"]);
    assert_eq!(v["verdict"]["review"]["state"], "approved");
    assert_eq!(v["verdict"]["review"]["by"], "Eve");
    assert_eq!(reviews(&ana), 1);
    assert_eq!(reviews(&eve), 1);
    // Assignment: the queue's "Mine".
    eve.ok(&["claim", "assign", &ce, "Ana"]);
    sync(&eve);
    sync(&ana);
    let mine = ana.json(&["claims", "--assignee", "Ana", "--json"]);
    assert_eq!(mine.as_array().unwrap().len(), 1);
}

#[test]
fn the_server_refuses_what_a_role_does_not_allow_and_the_desk_keeps_its_work() {
    let team = Team::new();
    // A desk that never synced does not know its role yet, so it lets its
    // checker approve; the server refuses the push, and nothing of it lands.
    let ana = Desk::new();
    let token = team.user("Ana", "checker");
    ana.ok(&["config", "checker", "Ana"]);
    ana.ok(&["import", s(&sample_path())]);
    let c = claim_by_text(&ana, C1);
    ana.ok(&["verdict", &c, "False", "--note", "n"]);
    ana.ok(&["verdict", "submit", &c]);
    ana.ok(&["verdict", "approve", &c]);
    let out = ana.run(&["sync", "--server", &team.url, "--token", &token]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("Ana is a checker: only an editor can approve"),
        "{err}"
    );
    assert_eq!(team.sql("SELECT count(*) FROM rows"), "0");
    // The desk still has everything, and says the changes are waiting.
    let status = ana.json(&["sync", "--status", "--json"]);
    assert!(status["waiting"].as_i64().unwrap() > 0);
    assert!(
        status["last_error"]
            .as_str()
            .unwrap()
            .contains("only an editor")
    );
}

#[test]
fn unknown_revoked_and_missing_tokens_are_refused() {
    let team = Team::new();
    let desk = Desk::new();
    desk.ok(&["config", "checker", "X"]);
    desk.ok(&["import", s(&sample_path())]);
    let out = desk.run(&["sync", "--server", &team.url, "--token", "fdt_nonsense"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("not known to the team server"));
    let token = team.user("Zed", "checker");
    let out = team.admin(&["user", "revoke", "Zed"]);
    assert!(out.status.success());
    let out = desk.run(&["sync", "--server", &team.url, "--token", &token]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("was revoked"));
    let out = desk.run(&["sync", "--server", &team.url]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("no token"));
    // Tokens are kept as hashes only.
    assert_eq!(
        team.sql(&format!(
            "SELECT count(*) FROM users WHERE token_sha256 = '{token}'"
        )),
        "0"
    );
    assert_eq!(
        team.sql("SELECT count(*) FROM users WHERE token_sha256 ~ '^[0-9a-f]{64}$'"),
        "1"
    );
    // The same name twice is refused while its token is live.
    let _ = team.user("Amy", "editor");
    let out = team.admin(&["user", "add", "Amy", "--role", "editor"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("already has a token"));
    // An offline server is named as such.
    let out = desk.run(&["sync", "--server", "http://127.0.0.1:9", "--token", "t"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot be reached"));
}

/// A raw request to the server, as a hostile or broken client would send it.
fn raw(team: &Team, method: &str, path: &str, token: &str, body: &[u8]) -> (u16, Value) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("body");
    std::fs::write(&file, body).unwrap();
    let out = Command::new("curl")
        .args(["-s", "-o", "-", "-w", "\n%{http_code}", "-X", method])
        .args(["-H", &format!("Authorization: Bearer {token}")])
        .args(["-H", "Content-Type: application/json"])
        .args(["--data-binary", &format!("@{}", file.display())])
        .arg(format!("{}{path}", team.url))
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    let (body, code) = text.rsplit_once('\n').unwrap();
    (
        code.parse().unwrap(),
        serde_json::from_str(body).unwrap_or(Value::Null),
    )
}

fn bundle_of(desk: &Desk) -> String {
    let out = desk.dir.path().join("b.json");
    desk.ok(&["export", "--format", "bundle", "--out", s(&out)]);
    std::fs::read_to_string(out).unwrap()
}

#[test]
fn hostile_stale_and_oversized_pushes_are_refused_and_change_nothing() {
    let team = Team::with_limit(1);
    let token = team.user("Ana", "checker");
    let desk = Desk::new();
    desk.ok(&["config", "checker", "Ana"]);
    desk.ok(&["import", s(&sample_path())]);
    let bundle = bundle_of(&desk);
    let push_from = |desk: &str, base: i64, bundle: &str| {
        format!("{{\"desk\":\"{desk}\",\"base\":{base},\"bundle\":{bundle}}}")
    };
    let push = |base: i64, bundle: &str| push_from("d1", base, bundle);
    // Not JSON; JSON but no push; a bundle whose checksum is wrong; a link
    // that is not http(s).
    for (body, kind) in [
        ("{not json".to_string(), "badRequest"),
        ("{\"desk\":\"d\"}".to_string(), "badRequest"),
        (
            push(0, &bundle.replacen("\"sha256\": \"", "\"sha256\": \"0", 1)),
            "badRequest",
        ),
        (push(0, &bundle.replace("Kremlin", "Kreml1n")), "badRequest"),
        (push(-1, &bundle), "badRequest"),
        (push(99, &bundle), "badRequest"),
    ] {
        let (code, v) = raw(&team, "POST", "/v1/push", &token, body.as_bytes());
        assert_eq!((code, v["kind"].as_str()), (400, Some(kind)), "{v}");
    }
    let (code, v) = raw(
        &team,
        "POST",
        "/v1/push",
        "wrong",
        push(0, &bundle).as_bytes(),
    );
    assert_eq!((code, v["kind"].as_str()), (401, Some("unauthorized")));
    assert_eq!(team.sql("SELECT count(*) FROM rows"), "0");
    // Over the limit (1 MB here).
    let big = format!(
        "{{\"desk\":\"d1\",\"base\":0,\"bundle\":\"{}\"}}",
        "x".repeat(1_200_000)
    );
    let (code, v) = raw(&team, "POST", "/v1/push", &token, big.as_bytes());
    assert_eq!((code, v["kind"].as_str()), (413, Some("tooLarge")), "{v}");
    // A good push, then one from another desk built on the old cursor.
    let (code, v) = raw(
        &team,
        "POST",
        "/v1/push",
        &token,
        push(0, &bundle).as_bytes(),
    );
    assert_eq!(code, 200, "{v}");
    assert_eq!(v["seq"], 1);
    let other = Desk::new();
    other.ok(&["config", "checker", "Ana"]);
    other.ok(&[
        "import",
        s(&crate::support::fixtures().join("articles/health-study.txt")),
    ]);
    let (code, v) = raw(
        &team,
        "POST",
        "/v1/push",
        &token,
        push_from("d2", 0, &bundle_of(&other)).as_bytes(),
    );
    assert_eq!((code, v["kind"].as_str()), (409, Some("stale")), "{v}");
    assert_eq!(team.sql("SELECT seq FROM log_head"), "1");
    // The same push again adds nothing.
    let (code, v) = raw(
        &team,
        "POST",
        "/v1/push",
        &token,
        push(1, &bundle).as_bytes(),
    );
    assert_eq!(
        (code, v["seq"].as_i64(), v["added"].as_i64()),
        (200, Some(0), Some(0)),
        "{v}"
    );
    let (code, v) = raw(&team, "GET", "/v1/pull?after=abc", &token, b"");
    assert_eq!((code, v["kind"].as_str()), (400, Some("badRequest")));
}

#[test]
fn killing_the_server_and_restarting_postgres_during_pushes_loses_nothing_acknowledged() {
    let _alone = CLUSTER.write().unwrap_or_else(|e| e.into_inner());
    let mut team = Team::unguarded(64);
    let ana = team.desk("Ana", "checker");
    ana.ok(&["import", s(&sample_path())]);
    let ids = ana.claim_ids();
    assert!(ids.len() >= 19);
    let mut acknowledged = Vec::new();
    for (i, id) in ids.iter().take(20).enumerate() {
        ana.ok(&["verdict", id, "False", "--note", &format!("verdict {i}")]);
        let sync = Command::new(crate::support::factdesk_bin())
            .args(["--db", s(&ana.db), "sync", "--json"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        if i % 5 == 2 {
            // Mid-push: the server dies with no warning.
            std::thread::sleep(std::time::Duration::from_millis(15 * (i as u64 % 4)));
            team.kill();
        }
        if i == 9 {
            restart_postgres();
        }
        let out = sync.wait_with_output().unwrap();
        if out.status.success() {
            acknowledged.push(i);
        }
        if team.server.is_none() {
            team.start();
        }
    }
    // Whatever was cut short goes out at the next sync.
    sync(&ana);
    assert!(acknowledged.len() >= 10, "{acknowledged:?}");
    let fresh = team.desk("Fresh", "editor");
    sync(&fresh);
    let claims = fresh.json(&["claims", "--json"]);
    let notes: Vec<String> = claims
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| c["verdict"]["note"].as_str().map(str::to_string))
        .collect();
    let want: usize = ids.len().min(20);
    assert_eq!(notes.len(), want, "{notes:?}");
    // Every verdict exactly once on the server.
    assert_eq!(
        team.sql("SELECT count(*) FROM rows WHERE kind = 'verdict'"),
        want.to_string()
    );
    assert_eq!(ana.json(&["sync", "--status", "--json"])["waiting"], 0);
}

fn restart_postgres() {
    let (Ok(bin), Ok(data)) = (
        std::env::var("FACTDESK_PG_BIN"),
        std::env::var("FACTDESK_PG_DATA"),
    ) else {
        panic!(
            "FACTDESK_PG_BIN and FACTDESK_PG_DATA say where the test cluster is (scripts/test-all.sh sets them)"
        );
    };
    let pg_ctl = format!("{bin}/pg_ctl");
    let mut cmd = if is_root() {
        let mut c = Command::new("runuser");
        c.args(["-u", "factdesk-pg", "--", &pg_ctl]);
        c
    } else {
        Command::new(&pg_ctl)
    };
    let status = cmd
        .args(["-D", &data, "-m", "fast", "-w", "restart"])
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success(), "pg_ctl restart failed");
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| o.stdout.starts_with(b"0"))
        .unwrap_or(false)
}
