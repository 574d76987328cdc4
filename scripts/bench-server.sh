#!/usr/bin/env bash
# The team server under load (docs/benchmarks.md): a throwaway PostgreSQL
# cluster, the release server on it, CLAIMS generated claims pushed in, then
# DESKS simulated desks syncing every 3 s for SECONDS while one more syncs
# 1,000 changes at a time; then PostgreSQL's size.
# Usage: scripts/bench-server.sh [CLAIMS] [DESKS] [SECONDS]
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
CLAIMS="${1:-1000000}"; DESKS="${2:-50}"; SECONDS_="${3:-60}"
ensure_rust
ensure_postgres
cargo build --locked --release -p factdesk-server --bins --example load
dir="$(mktemp -d /tmp/factdesk-pg-bench.XXXXXX)"
start_postgres "$dir"
server=""
trap '[ -n "$server" ] && { kill "$server"; wait "$server"; } 2>/dev/null; stop_postgres "$dir"; rm -rf "$dir"' EXIT
psql "$FACTDESK_TEST_POSTGRES" -XAtqc "CREATE DATABASE bench"
db="host=$dir user=factdesk dbname=bench"
token="$(target/release/factdesk-server --database "$db" user add Bench --role editor 2>/dev/null)"
target/release/factdesk-server --database "$db" --listen 127.0.0.1:0 --max-push-mb 256 2>"$dir/server.out" &
server=$!
for _ in $(seq 1 100); do grep -q listening "$dir/server.out" && break; sleep 0.1; done
url="$(sed -n 's/^factdesk-server listening on //p' "$dir/server.out")"
log "load: $CLAIMS claims, $DESKS desks, $SECONDS_ s against $url"
/usr/bin/time -v -o "$dir/time.txt" target/release/examples/load "$url" "$token" "$CLAIMS" "$DESKS" "$SECONDS_"
grep -E "Maximum resident" "$dir/time.txt" | sed 's/^\s*/load generator: /'
psql "$db" -XAtqc "VACUUM ANALYZE rows"
psql "$db" -XAtc "SELECT 'claims on the server: ' || count(*) FROM rows WHERE kind = 'claim'"
psql "$db" -XAtc "SELECT 'database: ' || pg_size_pretty(pg_database_size('bench')) || ', rows table with indexes: ' || pg_size_pretty(pg_total_relation_size('rows'))"
