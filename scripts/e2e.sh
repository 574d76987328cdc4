#!/usr/bin/env bash
# Builds the desktop app and drives it with tauri-driver + WebKitWebDriver
# under Xvfb, on a fresh database. Screenshots land in target/e2e-shots.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
ensure_rust
ensure_desktop_deps
ensure_apt xvfb xauth webkit2gtk-driver imagemagick
command -v tauri-driver >/dev/null 2>&1 || { log "cargo install tauri-driver"; cargo install tauri-driver --locked --quiet; }
build_ui

cargo build --locked -p factdesk-desktop -p factdesk-cli -p factdesk-server
cargo test --locked -p factdesk-e2e --no-run

work="$(mktemp -d)"
export FACTDESK_DB="$work/e2e.db"
export FACTDESK_APP="$ROOT/target/debug/factdesk-desktop"
export FACTDESK_CLI="$ROOT/target/debug/factdesk"
export FACTDESK_SERVER_BIN="$ROOT/target/debug/factdesk-server"
# The team journey's server needs PostgreSQL: a throwaway cluster of its own.
ensure_postgres
pg_dir="$(mktemp -d /tmp/factdesk-pg-e2e.XXXXXX)"
start_postgres "$pg_dir"
trap 'stop_postgres "$pg_dir"; rm -rf "$pg_dir"' EXIT
export FACTDESK_SHOTS="$ROOT/target/e2e-shots"
mkdir -p "$FACTDESK_SHOTS"

# A driver left over from an earlier run would be silently reused: refuse instead.
require_free_port 4444 "tauri-driver"
require_free_port 4445 "WebKitWebDriver"

xvfb-run -a -s "-screen 0 1400x900x24" bash -c '
  tauri-driver >"$0/tauri-driver.log" 2>&1 &
  driver=$!
  trap "kill -TERM $driver 2>/dev/null; wait $driver 2>/dev/null" EXIT
  for _ in $(seq 1 100); do
    (exec 3<>/dev/tcp/127.0.0.1/4444) 2>/dev/null && break
    sleep 0.1
  done
  cargo test --locked -p factdesk-e2e -- --nocapture
' "$work"
rm -rf "$work"
