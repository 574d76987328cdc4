//! Helpers shared by the tests: fixture paths and the `factdesk` binary.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

pub(crate) fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

pub(crate) fn sample_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../crates/factdesk-core/samples/kremlin-summit.txt")
}

/// The `factdesk` binary, built once for this test run.
pub(crate) fn factdesk_bin() -> &'static Path {
    static BIN: OnceLock<PathBuf> = OnceLock::new();
    BIN.get_or_init(|| built_bin("factdesk-cli", "factdesk"))
}

/// Builds a workspace package's binary for this test run and says where it is.
pub(crate) fn built_bin(package: &str, name: &str) -> PathBuf {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let status = Command::new(cargo)
        .args(["build", "--quiet", "-p", package])
        .status()
        .expect("run cargo build");
    assert!(status.success(), "building {package} failed");
    // The test binary lives in target/<profile>/deps; the binaries in target/<profile>.
    let exe = std::env::current_exe().unwrap();
    let dir = exe.parent().unwrap().parent().unwrap();
    let bin = dir.join(format!("{name}{}", std::env::consts::EXE_SUFFIX));
    assert!(bin.exists(), "{} not found", bin.display());
    bin
}
