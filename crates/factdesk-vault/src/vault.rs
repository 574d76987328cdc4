//! A folder of WACZ files named by their SHA-256: a capture is written whole
//! (a temporary file, synced, then renamed) and never changed after.

use std::io::Write;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

/// SHA-256 of bytes, lower-case hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Where captures live.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Vault {
    dir: PathBuf,
}

/// What temporary files start with; a capture cut short leaves at most one.
const PARTIAL: &str = ".partial-";

impl Vault {
    /// The vault beside a database: `<its folder>/vault`.
    pub fn beside(db: &Path) -> Vault {
        let parent = db
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        Vault {
            dir: parent.join("vault"),
        }
    }

    pub fn at(dir: impl Into<PathBuf>) -> Vault {
        Vault { dir: dir.into() }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The file of the capture with this hash (which is checked to be one).
    pub fn path_of(&self, sha256: &str) -> std::io::Result<PathBuf> {
        if sha256.len() != 64
            || !sha256
                .bytes()
                .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
        {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                format!("{sha256:?} is not a SHA-256 in hex"),
            ));
        }
        Ok(self.dir.join(format!("{sha256}.wacz")))
    }

    /// Keeps `bytes` under their SHA-256 and returns it. The same bytes kept
    /// before are not written again.
    pub fn put(&self, bytes: &[u8]) -> std::io::Result<String> {
        let sha = sha256_hex(bytes);
        let path = self.path_of(&sha)?;
        if self.get(&sha).is_ok() {
            return Ok(sha);
        }
        std::fs::create_dir_all(&self.dir)?;
        let tmp = self
            .dir
            .join(format!("{PARTIAL}{sha}-{}", std::process::id()));
        let written = (|| {
            let mut f = std::fs::File::create(&tmp)?;
            f.write_all(bytes)?;
            f.sync_all()?;
            std::fs::rename(&tmp, &path)
        })();
        if written.is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
        written.map(|()| sha)
    }

    /// The capture with this hash, checked against it.
    pub fn get(&self, sha256: &str) -> std::io::Result<Vec<u8>> {
        let bytes = std::fs::read(self.path_of(sha256)?)?;
        if sha256_hex(&bytes) != sha256 {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                format!("the capture {sha256}.wacz in the vault does not match its hash"),
            ));
        }
        Ok(bytes)
    }

    /// Removes what interrupted writes (a `kill -9`) left: temporary files
    /// older than `age`, so a capture still being written is left alone.
    pub fn sweep(&self, age: std::time::Duration) -> std::io::Result<usize> {
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return Ok(0);
        };
        let mut n = 0;
        for e in entries.flatten() {
            let old = e
                .metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| t.elapsed().ok())
                .is_some_and(|d| d >= age);
            if old && e.file_name().to_string_lossy().starts_with(PARTIAL) {
                std::fs::remove_file(e.path())?;
                n += 1;
            }
        }
        Ok(n)
    }
}
