#!/usr/bin/env bash
# Runs each cargo-fuzz target for MINUTES minutes (default 10), one after the
# other: the extractor, the bundle reader and the importer. Crashing inputs
# land in fuzz/artifacts/TARGET/; copy them to fuzz/regressions/TARGET/ so
# the test suite replays them (tests/it/fuzz_regressions.rs).
#   scripts/fuzz.sh [MINUTES] [TARGET...]
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT/fuzz"
ensure_rust
command -v cargo-fuzz >/dev/null 2>&1 || cargo install cargo-fuzz --locked
minutes="${1:-10}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(extract bundle import)
for t in "${targets[@]}"; do
  log "fuzzing $t for $minutes min"
  mkdir -p "corpus/$t"
  # RUSTC_BOOTSTRAP lets the stable toolchain build the sanitizer flags.
  RUSTC_BOOTSTRAP=1 cargo fuzz run "$t" "corpus/$t" -- \
    -max_total_time=$((minutes * 60)) -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
    2>&1 | tail -n 12
done
