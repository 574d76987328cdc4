#!/usr/bin/env bash
# Installs what is missing and runs every test: core and CLI (unit, integration,
# snapshots, property tests), the team server on a throwaway PostgreSQL
# cluster, the UI (vitest), the desktop commands through
# Tauri's IPC, and the end-to-end suite that drives the real app under Xvfb.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
ensure_rust
ensure_desktop_deps
ensure_encoder
ensure_warcio
ensure_apt xvfb xauth webkit2gtk-driver imagemagick curl
ensure_postgres

# The team server's tests run against a throwaway PostgreSQL cluster.
PG_DIR="$(mktemp -d /tmp/factdesk-pg.XXXXXX)"
start_postgres "$PG_DIR"
trap 'stop_postgres "$PG_DIR"; rm -rf "$PG_DIR"' EXIT

log "format (cargo fmt --check)"
for component in rustfmt clippy; do
  rustup component list --installed 2>/dev/null | grep -q "^$component" || rustup component add "$component"
done
cargo fmt --all -- --check

log "core, CLI and integration tests"
cargo test --locked

log "the evidence vault's WACZ files, read by warcio and zipfile (independent readers)"
ensure_warcio
rm -rf target/wacz-check
FACTDESK_WACZ_OUT="$ROOT/target/wacz-check" cargo test --locked -p factdesk-tests --quiet -- vault::a_wacz_holds
"$VAULT_PY/bin/python" scripts/check-wacz.py target/wacz-check/*.wacz

log "UI: unit tests"
ensure_ui_packages
(cd ui && npx --no-install vitest run && npm run --silent check)
build_ui

log "lints: clippy on the whole workspace, the desktop shell and E2E suite included"
cargo clippy --locked --workspace --all-targets -- -D warnings

log "desktop commands (tauri::test) and TypeScript bindings"
cargo test --locked -p factdesk-core --features ts --lib export_bindings >/dev/null
cargo test --locked -p factdesk-desktop
if [ -n "$(git status --porcelain -- ui/src/lib/api/bindings)" ]; then
  git status --porcelain -- ui/src/lib/api/bindings >&2
  echo "error: the TypeScript bindings are stale; commit the regenerated ui/src/lib/api/bindings" >&2
  exit 1
fi

log "end-to-end: the real app under Xvfb"
bash scripts/e2e.sh
