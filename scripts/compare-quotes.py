#!/usr/bin/env python3
"""Compares factdesk's quotes and speakers with spaCy + textacy's
`direct_quotations`, the standard open-source quote extractor, on the
hand-labelled quotations in tests/fixtures/quotes-gold.tsv.

Usage: scripts/compare-quotes.sh (sets up a Python environment with spaCy,
textacy and the small English model, builds factdesk, and runs this).

A gold quotation counts as found when a system's quote shares at least 60 %
of its words; a system quote counts as right when at least 60 % of its words
come from the article's gold quotations. A speaker is right when it has the
gold speaker's surname, or, for a speaker the article does not name ("the
spokesman"), when it names nobody.
"""

import json
import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests/fixtures/quotes-gold.tsv"
ARTICLES = {
    "kremlin-summit.txt": ROOT / "crates/factdesk-core/samples/kremlin-summit.txt",
    **{p.name: p for p in (ROOT / "tests/fixtures/articles").glob("*.txt")},
}
FACTDESK = ROOT / "target/debug/factdesk"
NOT_NAMES = {"the", "a", "an", "his", "her", "their", "its", "our"}


def words(text):
    text = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    return re.findall(r"[a-z0-9]+(?:'[a-z]+)?", text)


def overlap(part, whole):
    """The share of `part`'s words that are in `whole`."""
    p = words(part)
    w = set(words(whole))
    return sum(1 for x in p if x in w) / max(1, len(p))


def names_someone(speaker):
    """A name ends with a capitalised word; "Premier League spokesman" names nobody."""
    toks = speaker.split()
    return bool(toks) and toks[-1][:1].isupper() and toks[-1].lower() not in NOT_NAMES


def speaker_right(gold, got):
    got = got or ""
    if gold == "-":
        return not names_someone(got)
    return gold.split()[-1].lower() in got.lower()


def factdesk_quotes(path):
    out = subprocess.run(
        [str(FACTDESK), "extract", str(path), "--format", "json"],
        check=True, capture_output=True, text=True,
    ).stdout
    claims = json.loads(out)["claims"]
    return [(c["text"], c.get("speaker") or "") for c in claims if c["kind"] == "quote"]


def textacy_quotes(nlp, path):
    import textacy.extract

    text = path.read_text(encoding="utf-8")
    doc = nlp(text)
    found = []
    try:
        quotes = list(textacy.extract.triples.direct_quotations(doc))
    except ValueError as e:
        # textacy refuses a text whose marks do not pair up (a quotation that
        # goes on in the next paragraph opens again without closing): it finds nothing.
        print(f"    textacy on {path.name}: {e}")
        quotes = []
    for q in quotes:
        speaker = " ".join(t.text for t in q.speaker)
        content = " ".join(t.text for t in q.content) if not hasattr(q.content, "text") else q.content.text
        found.append((content.strip("\"'\u201c\u201d\u2018\u2019 ,"), speaker))
    return found


def score(name, quotes_by_file, gold_by_file):
    found = right_speaker = total = 0
    sys_total = sys_right = 0
    misses = []
    for f, golds in gold_by_file.items():
        quotes = quotes_by_file.get(f, [])
        all_gold = " ".join(g for _, g in golds)
        for speaker, gold in golds:
            total += 1
            match = max(quotes, key=lambda q: overlap(gold, q[0]), default=None)
            if match and overlap(gold, match[0]) >= 0.6:
                found += 1
                if speaker_right(speaker, match[1]):
                    right_speaker += 1
                else:
                    misses.append(f"{f}: speaker {match[1]!r} for {speaker!r}: {gold[:50]}")
            else:
                misses.append(f"{f}: missed {gold[:60]!r}")
        for text, _ in quotes:
            sys_total += 1
            if overlap(text, all_gold) >= 0.6:
                sys_right += 1
            else:
                misses.append(f"{f}: not a gold quotation: {text[:60]!r}")
    recall = found / total
    precision = sys_right / max(1, sys_total)
    print(f"{name}: quote recall {recall:.2f} ({found}/{total}), precision {precision:.2f} ({sys_right}/{sys_total}), "
          f"speaker right {right_speaker}/{found} found ({right_speaker / max(1, found):.2f}), "
          f"{right_speaker}/{total} of all ({right_speaker / total:.2f})")
    for m in misses:
        print(f"    {m}")


def main():
    gold_by_file = defaultdict(list)
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        f, speaker, quote = line.split("\t")
        gold_by_file[f].append((speaker, quote))
    import spacy  # noqa: F401

    model = sys.argv[1] if len(sys.argv) > 1 else "en_core_web_sm"
    nlp = __import__(model).load()
    print(f"{len(gold_by_file)} articles, {sum(map(len, gold_by_file.values()))} gold quotations; "
          f"spaCy {nlp.meta['version']} model {nlp.meta['name']}")
    score("factdesk", {f: factdesk_quotes(ARTICLES[f]) for f in gold_by_file}, gold_by_file)
    score("textacy direct_quotations", {f: textacy_quotes(nlp, ARTICLES[f]) for f in gold_by_file}, gold_by_file)


if __name__ == "__main__":
    main()
