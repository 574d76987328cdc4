//! The file system at the edges: what the core reads (articles, bundles) and
//! where it may write (exports).
//!
//! **Architecture Invariant:** the core reads only regular files (a FIFO, a
//! socket, a device or a folder is refused before it is opened for reading, so
//! nothing hangs), and never writes an export over a database: the open one,
//! its `-wal`, `-shm` or `-journal` companions, or any file that starts with
//! SQLite's header.

use std::fs::{File, Metadata};
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::{Error, Result};

/// The first bytes of every SQLite database file.
const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";
/// The magic numbers a SQLite write-ahead log starts with (big-endian).
const WAL_MAGIC: [[u8; 4]; 2] = [[0x37, 0x7f, 0x06, 0x82], [0x37, 0x7f, 0x06, 0x83]];

fn bad(path: &Path, problem: impl Into<String>) -> Error {
    Error::BadFile {
        path: path.to_path_buf(),
        problem: problem.into(),
    }
}

/// What a file that is not a regular file is, in a checker's words.
fn kind_of(meta: &Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if t.is_socket() {
            return "a socket";
        }
        if t.is_block_device() || t.is_char_device() {
            return "a device";
        }
    }
    if meta.is_dir() {
        "a folder"
    } else {
        "not a regular file"
    }
}

/// Refuses what is not a regular file, naming what it is.
fn regular(path: &Path, what: &str, meta: &Metadata) -> Result<()> {
    if meta.is_file() {
        return Ok(());
    }
    Err(bad(
        path,
        format!(
            "is {}, not {what} file; only regular files are read",
            kind_of(meta)
        ),
    ))
}

/// Opens a regular file for reading without ever blocking on it: a FIFO, a
/// socket, a device or a folder (also behind a link) is refused first, and the
/// opened file is checked again, so a file swapped in between is refused too.
fn open_regular(path: &Path, what: &str) -> Result<File> {
    let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => bad(path, "no such file"),
        _ => bad(path, format!("cannot read the {what}: {e}")),
    })?;
    regular(path, what, &meta)?;
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // Opening a FIFO for reading would wait for a writer; non-blocking, it returns.
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options
        .open(path)
        .map_err(|e| bad(path, format!("cannot read the {what}: {e}")))?;
    let meta = file
        .metadata()
        .map_err(|e| bad(path, format!("cannot read the {what}: {e}")))?;
    regular(path, what, &meta)?;
    Ok(file)
}

/// Reads a whole regular file of at most `max` bytes. `what` names it in
/// messages ("an article", "a bundle").
pub fn read_regular(path: &Path, what: &str, max: u64) -> Result<Vec<u8>> {
    read_regular_or(path, what, max, |len| {
        bad(
            path,
            format!(
                "the file is {:.1} MB; {what} may be up to {} MB",
                len as f64 / (1024.0 * 1024.0),
                max / (1024 * 1024)
            ),
        )
    })
}

/// [`read_regular`], with the error for a file over `max` bytes (given its
/// size) made by `too_large`.
pub fn read_regular_or(
    path: &Path,
    what: &str,
    max: u64,
    too_large: impl Fn(u64) -> crate::Error,
) -> Result<Vec<u8>> {
    let file = open_regular(path, what)?;
    let len = file.metadata().map(|m| m.len()).unwrap_or(0);
    if len > max {
        return Err(too_large(len));
    }
    let mut bytes = Vec::with_capacity(len as usize);
    // A file that grows while it is read stops at the limit.
    file.take(max + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| bad(path, format!("cannot read the {what}: {e}")))?;
    if bytes.len() as u64 > max {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

/// The path as the file system resolves it: links followed, relative parts
/// gone. A file that does not exist yet resolves through its folder.
fn resolved(path: &Path) -> Option<PathBuf> {
    if let Ok(p) = std::fs::canonicalize(path) {
        return Some(p);
    }
    let name = path.file_name()?;
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    Some(std::fs::canonicalize(dir).ok()?.join(name))
}

/// Checks that an export may be written at `path`: not a folder or a special
/// file, not a SQLite database or write-ahead log, and not the open database
/// `db` or one of its companion files. Nothing is written.
pub fn check_export_target(path: &Path, db: Option<&Path>) -> Result<()> {
    let refuse = |problem: String| bad(path, format!("cannot export here: {problem}"));
    if path.as_os_str().is_empty() {
        return Err(Error::invalid("the export needs a file name"));
    }
    if let Ok(meta) = std::fs::metadata(path) {
        if !meta.is_file() {
            return Err(refuse(format!(
                "it is {}; exports are written to regular files",
                kind_of(&meta)
            )));
        }
        // The first bytes say what the file is; an unreadable file has none.
        let mut head = Vec::with_capacity(SQLITE_HEADER.len());
        if let Ok(f) = open_regular(path, "an existing") {
            let _ = f.take(SQLITE_HEADER.len() as u64).read_to_end(&mut head);
        }
        if head == SQLITE_HEADER {
            return Err(refuse(
                "the file is an SQLite database; choose another file name".into(),
            ));
        }
        if WAL_MAGIC.iter().any(|m| head.starts_with(m)) {
            return Err(refuse(
                "the file is an SQLite write-ahead log; choose another file name".into(),
            ));
        }
    }
    if let (Some(db), Some(target)) = (db, resolved(path))
        && let Some(db) = resolved(db)
    {
        let db_name = db.as_os_str().to_string_lossy().into_owned();
        let target_name = target.as_os_str().to_string_lossy();
        let companion = ["", "-wal", "-shm", "-journal"]
            .iter()
            .any(|suffix| target_name == format!("{db_name}{suffix}"));
        if companion || same_file(&db, &target) {
            return Err(refuse(
                "it is the open factdesk database (or one of its files); choose another file name"
                    .into(),
            ));
        }
    }
    Ok(())
}

/// Whether two paths name one file (hard links included).
fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let (Ok(a), Ok(b)) = (std::fs::metadata(a), std::fs::metadata(b)) {
            return a.dev() == b.dev() && a.ino() == b.ino();
        }
    }
    let _ = (a, b);
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn a_fifo_is_refused_without_blocking() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("p");
        let status = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(status.success());
        let err = read_regular(&fifo, "an article", 1024).unwrap_err();
        assert!(err.to_string().contains("named pipe"), "{err}");
        let link = dir.path().join("link.txt");
        std::os::unix::fs::symlink(&fifo, &link).unwrap();
        let err = read_regular(&link, "an article", 1024).unwrap_err();
        assert!(err.to_string().contains("named pipe"), "{err}");
        assert!(check_export_target(&fifo, None).is_err());
    }

    #[test]
    fn exports_never_overwrite_a_database() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("x.db");
        std::fs::write(&db, b"SQLite format 3\0and the rest").unwrap();
        let other = dir.path().join("other.sqlite");
        std::fs::write(&other, b"SQLite format 3\0and the rest").unwrap();
        for target in [
            db.clone(),
            dir.path().join("x.db-wal"),
            dir.path().join("x.db-shm"),
            dir.path().join("sub/../x.db"),
            other,
            dir.path().to_path_buf(),
        ] {
            let _ = std::fs::create_dir_all(dir.path().join("sub"));
            assert!(
                check_export_target(&target, Some(&db)).is_err(),
                "{} was allowed",
                target.display()
            );
        }
        let fine = dir.path().join("out.csv");
        check_export_target(&fine, Some(&db)).unwrap();
        std::fs::write(&fine, b"id,text\n").unwrap();
        check_export_target(&fine, Some(&db)).unwrap();
    }
}
