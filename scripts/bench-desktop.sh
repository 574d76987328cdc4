#!/usr/bin/env bash
# The desktop app on a database of over 100,000 claims, measured through
# WebDriver under Xvfb (figures in docs/benchmarks.md).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
ensure_rust
ensure_desktop_deps
ensure_apt xvfb xauth webkit2gtk-driver
command -v tauri-driver >/dev/null 2>&1 || cargo install tauri-driver --locked --quiet
build_ui
cargo build --locked --release -p factdesk-desktop -p factdesk-cli
cargo build --locked --release -p factdesk-core --examples
cargo build --locked --release -p factdesk-e2e --example desktop_bench

work="$(mktemp -d)"
target/release/examples/gen_corpus "$work/corpus" 2000
export FACTDESK_DB="$work/big.db"
target/release/factdesk import "$work"/corpus/article-*.txt >/dev/null
target/release/factdesk import "$work/corpus/long-article.txt"
target/release/factdesk config checker "Bench" >/dev/null
echo "claims in the database: $(target/release/factdesk claims --json | grep -c '"article_id"')"
export FACTDESK_APP="$ROOT/target/release/factdesk-desktop"
# A driver left over from an earlier run would be silently reused: refuse instead.
require_free_port 4444 "tauri-driver"
require_free_port 4445 "WebKitWebDriver"
xvfb-run -a -s "-screen 0 1400x900x24" bash -c '
  tauri-driver >/dev/null 2>&1 &
  driver=$!
  trap "kill -TERM $driver 2>/dev/null; wait $driver 2>/dev/null" EXIT
  for _ in $(seq 1 100); do (exec 3<>/dev/tcp/127.0.0.1/4444) 2>/dev/null && break; sleep 0.1; done
  target/release/examples/desktop_bench
'
rm -rf "$work"
