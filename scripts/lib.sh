#!/usr/bin/env bash
# Shared helpers for factdesk's scripts: install only what is missing.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"

log() { printf '==> %s\n' "$*" >&2; }

# apt packages, installed only when one is missing (needs root or sudo).
ensure_apt() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing ${missing[*]}"
  local SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

ensure_rust() {
  if ! command -v cargo >/dev/null 2>&1; then
    [ -f "$HOME/.cargo/env" ] && . "$HOME/.cargo/env"
  fi
  command -v cargo >/dev/null 2>&1 || { echo "error: cargo is missing; install Rust with rustup first" >&2; exit 1; }
}

ensure_node() {
  command -v npm >/dev/null 2>&1 || ensure_apt nodejs npm
  local major
  major=$(node -p 'process.versions.node.split(".")[0]')
  [ "$major" -ge 20 ] || { echo "error: Node 20 or newer is needed (found $(node --version))" >&2; exit 1; }
}

# The desktop app's build needs: WebKitGTK and a C toolchain.
ensure_desktop_deps() {
  ensure_apt build-essential pkg-config libwebkit2gtk-4.1-dev
}

# The UI's packages, installed from the lock file when missing or changed.
ensure_ui_packages() {
  ensure_node
  local stamp="$ROOT/ui/node_modules/.factdesk-lock"
  if [ ! -f "$stamp" ] || ! cmp -s "$ROOT/ui/package-lock.json" "$stamp"; then
    log "npm ci (ui)"
    (cd "$ROOT/ui" && npm ci --no-audit --no-fund --loglevel=error)
    cp "$ROOT/ui/package-lock.json" "$stamp"
  fi
}

build_ui() {
  ensure_ui_packages
  log "building the UI"
  (cd "$ROOT/ui" && npm run --silent build)
}

# Fails when something already listens on a local port that a script is about
# to use (a WebDriver left over from another run, or another user's): it is
# reported, never killed by name, since it may not be ours.
require_free_port() {
  local port="$1" what="$2"
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "error: port $port ($what) is already in use on this machine:" >&2
    (ss -ltnp "sport = :$port" 2>/dev/null || true) >&2
    echo "stop that process (with SIGTERM) and run again; this script stops only the processes it starts" >&2
    exit 1
  fi
}
