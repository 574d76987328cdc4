//! Hostile and odd input at the edges: exports that would overwrite a
//! database, special files that would hang a reader, one-sentence texts,
//! hostile HTML, huge ids, links without a host. Each is refused with a clear
//! message and the database unchanged, or accepted as a user would expect.

use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::cli::{Desk, s};
use crate::support::{factdesk_bin, sample_path};

fn sha(path: &Path) -> Vec<u8> {
    use sha2::Digest;
    sha2::Sha256::digest(std::fs::read(path).unwrap()).to_vec()
}

#[test]
fn an_export_never_overwrites_a_database() {
    let desk = Desk::new();
    desk.ok(&["import", s(&sample_path())]);
    // Another desk's database beside this one.
    let other = Desk::new();
    other.ok(&["import", s(&sample_path())]);
    let other_sum = sha(&other.db);
    let wal = desk.db.with_file_name("desk.db-wal");
    let shm = desk.db.with_file_name("desk.db-shm");
    let journal = desk.db.with_file_name("desk.db-journal");
    let dotted = desk.dir.path().join("sub/../desk.db");
    std::fs::create_dir_all(desk.dir.path().join("sub")).unwrap();
    let link = desk.dir.path().join("innocent.csv");
    std::os::unix::fs::symlink(&desk.db, &link).unwrap();
    let hard = desk.dir.path().join("hard.csv");
    std::fs::hard_link(&desk.db, &hard).unwrap();
    for format in ["csv", "bundle", "report-html"] {
        for (target, message) in [
            (&desk.db, "SQLite database"),
            (&wal, "open factdesk database"),
            (&shm, "open factdesk database"),
            (&journal, "open factdesk database"),
            (&dotted, "SQLite database"),
            (&link, "SQLite database"),
            (&hard, "SQLite database"),
            (&other.db, "SQLite database"),
        ] {
            desk.refused(&["export", "--format", format, "--out", s(target)], message);
        }
        desk.refused(
            &["export", "--format", format, "--out", s(desk.dir.path())],
            "a folder",
        );
        desk.refused(
            &["export", "--format", format, "--out", "/dev/null"],
            "a device",
        );
    }
    assert_eq!(sha(&other.db), other_sum, "the other database changed");
    let head = std::fs::read(&desk.db).unwrap();
    assert!(head.starts_with(b"SQLite format 3\0"));
    // A WAL file of another database is refused by its header too.
    let mut wal_like = vec![0x37, 0x7f, 0x06, 0x82];
    wal_like.extend_from_slice(&[0; 60]);
    let foreign_wal = desk.file("old.db-wal", &wal_like);
    desk.refused(
        &["export", "--format", "csv", "--out", s(&foreign_wal)],
        "write-ahead log",
    );
    // An ordinary file is replaced, as a save dialog would.
    let csv = desk.file("verdicts.csv", b"old contents\n");
    desk.ok(&["export", "--format", "csv", "--out", s(&csv)]);
    assert!(
        std::fs::read_to_string(&csv)
            .unwrap()
            .starts_with("article_title,")
    );
}

/// Runs the CLI with a guard: a reader that hangs fails the test instead of
/// hanging the suite.
fn run_guarded(desk: &Desk, args: &[&str]) -> (bool, String) {
    let mut child = Command::new(factdesk_bin())
        .arg("--db")
        .arg(&desk.db)
        .args(args)
        .env("FACTDESK_CHECKER", "Ana")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            let mut err = String::new();
            child
                .stderr
                .take()
                .unwrap()
                .read_to_string(&mut err)
                .unwrap();
            return (status.success(), err);
        }
        if start.elapsed() > Duration::from_secs(60) {
            child.kill().unwrap();
            panic!("factdesk {args:?} hung");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn only_regular_files_are_read() {
    let desk = Desk::new();
    desk.ok(&["import", s(&sample_path())]);
    let before = desk.fingerprint();
    let fifo = desk.dir.path().join("pipe.txt");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let to_fifo = desk.dir.path().join("link-to-pipe.json");
    std::os::unix::fs::symlink(&fifo, &to_fifo).unwrap();
    let socket_path = desk.dir.path().join("sock.html");
    let _socket = std::os::unix::net::UnixListener::bind(&socket_path).unwrap();
    for (path, message) in [
        (fifo.as_path(), "named pipe"),
        (to_fifo.as_path(), "named pipe"),
        (socket_path.as_path(), "socket"),
        (Path::new("/dev/zero"), "a device"),
        (desk.dir.path(), "a folder"),
    ] {
        for verb in [&["import"][..], &["extract"], &["merge"]] {
            let mut args = verb.to_vec();
            args.push(s(path));
            let (ok, err) = run_guarded(&desk, &args);
            assert!(!ok, "factdesk {args:?} succeeded");
            assert!(err.contains(message), "factdesk {args:?}: {err}");
        }
    }
    assert_eq!(desk.fingerprint(), before);
}

#[test]
fn any_non_empty_text_is_an_article() {
    let desk = Desk::new();
    for (name, text) in [
        ("covfefe.txt", "Covfefe means something, anything.\n"),
        (
            "poster.txt",
            "DNC tweet\nA Democratic National Committee tweet included an altered version of a poster",
        ),
        ("one-word.txt", "Covfefe"),
        ("heading.md", "# The moon is made of cheese\n"),
    ] {
        let file = desk.file(name, text.as_bytes());
        let out = desk.json(&["import", s(&file), "--json"]);
        let id = out[0]["id"].as_str().unwrap();
        let article = desk.json(&["article", "show", id, "--json"]);
        let body = article["body"].as_str().unwrap();
        assert!(
            !body.is_empty() && text.contains(body.trim_start_matches("# ")),
            "{name}: body {body:?}"
        );
    }
}

#[test]
fn hostile_html_is_refused_at_once() {
    let desk = Desk::new();
    let nested = desk.file("nested.html", "<div>".repeat(100_000).as_bytes());
    desk.refused(&["import", s(&nested)], "levels deep");
    let formatting = desk.file(
        "formatting.html",
        "<html><body><b><i><font>text ".repeat(20_000).as_bytes(),
    );
    desk.refused(&["import", s(&formatting)], "levels deep");
    let many = desk.file("many.html", "<div></div>".repeat(700_000).as_bytes());
    desk.refused(&["import", s(&many)], "too many elements");
    // A page nested as deep as real pages are still imports.
    let page = format!(
        "<html><head><title>Budget</title></head><body><article>{}<p>The council said on Monday that the city budget rose by 5 percent to $3.2 billion, the largest increase in a decade.</p>{}</article></body></html>",
        "<div>".repeat(60),
        "</div>".repeat(60)
    );
    let page = desk.file("deep-but-fine.html", page.as_bytes());
    desk.ok(&["import", s(&page)]);
}

#[test]
fn messages_quote_input_briefly_and_links_need_a_host() {
    let desk = Desk::new();
    desk.ok(&["import", s(&sample_path())]);
    desk.ok(&["config", "checker", "Ana"]);
    let claim = desk.json(&["claims", "--json"])[0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let long = "a".repeat(10_000);
    for args in [
        vec!["claim", "show", long.as_str()],
        vec!["verdict", &claim, long.as_str()],
        vec!["config", "scale", long.as_str()],
        vec!["export", "--format", "csv", "--since", long.as_str()],
    ] {
        let out = desk.run(&args);
        assert!(!out.status.success());
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.len() < 400 && err.contains("aaaa…\""),
            "{:?}: {} bytes: {}",
            &args[..2],
            err.len(),
            &err[..err.len().min(200)]
        );
    }
    for link in [
        "https://",
        "https:///",
        "http://",
        "https://?q=1",
        "https://#top",
        "http://:80/",
    ] {
        desk.refused(&["evidence", "add", &claim, link], "host");
        desk.refused(&["claim", "review-url", &claim, link], "host");
    }
}
