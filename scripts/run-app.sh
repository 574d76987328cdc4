#!/usr/bin/env bash
# Installs what is missing, then opens the sample article with the factdesk CLI
# on the default database (the desktop app takes this over when it lands).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
ensure_rust
ensure_build_tools
cargo build --release --locked -p factdesk-cli
BIN="$ROOT/target/release/factdesk"
"$BIN" import crates/factdesk-core/samples/kremlin-summit.txt
"$BIN" claims --sort worth
