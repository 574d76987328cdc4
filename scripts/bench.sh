#!/usr/bin/env bash
# Reruns the figures in docs/benchmarks.md: the divan benchmarks of the core
# and the scripted end-to-end runs of the CLI (peak memory by /usr/bin/time).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
ensure_rust
ensure_apt time

log "divan benchmarks (crates/factdesk-core/benches/core.rs)"
cargo bench --locked -p factdesk-core --bench core

log "end-to-end: factdesk import of 1,000 generated articles; the extractor on 10 MB"
cargo build --locked --release -p factdesk-cli
cargo build --locked --release -p factdesk-core --examples
corpus="$(mktemp -d)"
target/release/examples/gen_corpus "$corpus" 1000
du -ch "$corpus"/article-*.txt | tail -1
/usr/bin/time -f "import (wire stories): %e s wall, %M KB peak RSS" target/release/factdesk --db "$corpus/bench.db" import "$corpus"/article-*.txt >/dev/null
/usr/bin/time -f "import (newsroom copy): %e s wall, %M KB peak RSS" target/release/factdesk --db "$corpus/newsroom.db" import "$corpus"/newsroom-*.txt >/dev/null
/usr/bin/time -f "extract 10 MB: %e s wall, %M KB peak RSS" target/release/examples/extract_file "$corpus/big-10mb.txt.data"
rm -rf "$corpus"

log "end-to-end: team exchange on 100,000 verdicted claims (exports, bundle, merge)"
work="$(mktemp -d)"
target/release/examples/exchange_db "$work/a.db" 100000
for format in csv claimreview bundle report-html; do
  /usr/bin/time -f "export $format: %e s wall, %M KB peak RSS" target/release/factdesk --db "$work/a.db" export --format "$format" --out "$work/out.$format"
done
ls -l "$work"/out.*
/usr/bin/time -f "merge into an empty database: %e s wall, %M KB peak RSS" target/release/factdesk --db "$work/b.db" merge "$work/out.bundle" --checker bench
/usr/bin/time -f "merge the same bundle again: %e s wall, %M KB peak RSS" target/release/factdesk --db "$work/b.db" merge "$work/out.bundle" --checker bench
rm -rf "$work"

log "the evidence vault: captures of 10 KB to 1 MB pages, a link-rot check of 1,000 links (local server)"
work="$(mktemp -d)"
/usr/bin/time -f "vault bench: %e s wall, %M KB peak RSS" target/release/examples/vault_bench "$work"
rm -rf "$work"

log "hardening: hostile 20 MB HTML pages, each imported or refused"
work="$(mktemp -d)"
target/release/examples/hostile_html "$work" 20
for page in "$work"/*.html; do
  /usr/bin/time -f "$(basename "$page"): %e s wall, %M KB peak RSS" target/release/factdesk --db "$work/h.db" import "$page" 2>&1 | sed 's/^.*: imported .* with/imported with/' | tail -2
  target/release/examples/parse_file "$page" | cut -c1-160
done
rm -rf "$work"

log "hardening: the same pages at 4 MB, just under the text an article may hold"
work="$(mktemp -d)"
target/release/examples/hostile_html "$work" 4
for page in "$work"/flat-paragraphs.html "$work"/one-text-node.html; do
  /usr/bin/time -f "$(basename "$page"): %e s wall, %M KB peak RSS" target/release/factdesk --db "$work/h.db" import "$page" 2>&1 | sed 's/^.*: imported .* with/imported with/' | tail -2
done
rm -rf "$work"

log "the store at 100,000 claims: 25 random values per filter, two corpora; merge of its bundle"
work="$(mktemp -d)"
target/release/examples/store_bench "$work/s.db" 100000
target/release/factdesk --db "$work/s.db" export --format bundle --out "$work/s.bundle"
/usr/bin/time -f "merge (two corpora) into an empty database: %e s wall, %M KB peak RSS" target/release/factdesk --db "$work/t.db" merge "$work/s.bundle" --checker bench
rm -rf "$work"

log "end-to-end: claim matching against 1,000,000 claims (index build, suggestions)"
work="$(mktemp -d)"
target/release/examples/match_bench "$work/m.db" 1000000
rm -rf "$work"
