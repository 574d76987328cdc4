#!/usr/bin/env bash
# Installs what is missing and runs every test: core and CLI (unit, integration,
# snapshots, property tests).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
ensure_rust
ensure_build_tools

log "cargo test (core, CLI, integration)"
cargo test --workspace --locked
