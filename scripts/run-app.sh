#!/usr/bin/env bash
# Installs what is missing, builds the UI and the desktop app, and opens the
# window on the default database (the platform data directory; FACTDESK_DB overrides).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
ensure_rust
ensure_desktop_deps
ensure_encoder
build_ui
log "building the desktop app"
cargo build --locked --release -p factdesk-desktop -p factdesk-cli
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "error: no display to open the window on (DISPLAY is not set); run this from a desktop session" >&2
  exit 1
fi
exec "$ROOT/target/release/factdesk-desktop"
