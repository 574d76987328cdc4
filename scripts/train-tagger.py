#!/usr/bin/env python3
"""Trains the extractor's part-of-speech and named-entity tagger on PolNeAR's train split,
and measures it on the dev split, both against the CoreNLP layers PolNeAR ships.

Reads every article's text and its CoreNLP file (held-out articles excluded)
straight from a fetched snapshot's git directory, writes them as JSON lines to
a temporary directory outside the repository (never into it), and runs the
Rust trainer (`crates/factdesk-core/examples/tagger.rs`), which tokenises
each text as the extractor does, labels each token with the CoreNLP token that
starts where it starts, trains, and writes the weights:

    python3 scripts/train-tagger.py --git GITDIR            # train, write data/tagger.bin, score dev
    python3 scripts/train-tagger.py --git GITDIR --eval     # only score the shipped weights on dev

GITDIR is what `fetch github:networkdynamics/PolNeAR` returned.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from learned_lists import batch, git, kept, tokens  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WEIGHTS = os.path.join(ROOT, "crates/factdesk-core/src/extract/data/tagger.bin")


def code_points(text):
    """Maps CoreNLP's offsets (Java chars, UTF-16 units) to Python's (code points)."""
    if all(ord(c) < 0x10000 for c in text):
        return None
    units = []
    for i, c in enumerate(text):
        units.extend([i] * (2 if ord(c) >= 0x10000 else 1))
    units.append(len(text))
    return units


def dump(gitdir, split, path):
    names = kept([n[:-8] for n in git(gitdir, "ls-tree", "--name-only", f"HEAD:data/{split}/corenlp").decode().split()
                  if n.endswith(".txt.xml")])
    paths = [p for n in names for p in (f"data/{split}/text/{n}.txt", f"data/{split}/corenlp/{n}.txt.xml")]
    blobs = batch(gitdir, paths)
    count = 0
    with open(path, "w", encoding="utf-8") as out:
        for n in names:
            text, xml = blobs[f"data/{split}/text/{n}.txt"], blobs[f"data/{split}/corenlp/{n}.txt.xml"]
            if text is None or xml is None:
                continue
            text = text.decode("utf-8")
            cp = code_points(text)
            toks = []
            for _, b, e, pos, ner in tokens(xml.decode("utf-8", "replace")):
                if cp is not None:
                    b, e = cp[min(b, len(cp) - 1)], cp[min(e, len(cp) - 1)]
                toks.append([b, e, pos, ner])
            out.write(json.dumps({"name": n, "text": text, "toks": toks}) + "\n")
            count += 1
    return count


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--git", required=True, help="PolNeAR's fetched git directory")
    ap.add_argument("--eval", action="store_true", help="only score the shipped weights on dev")
    ap.add_argument("--epochs", type=int, default=6)
    ap.add_argument("--min-weight", type=float, default=1.5,
                    help="leave out features whose averaged weights all stay under this (keeps the file near 3 MB)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        dev = os.path.join(tmp, "dev.jsonl")
        print(f"dev: {dump(args.git, 'dev', dev)} articles", file=sys.stderr)
        run = ["cargo", "run", "--quiet", "--release", "-p", "factdesk-core", "--example", "tagger", "--"]
        if args.eval:
            subprocess.run(run + ["eval", dev], check=True, cwd=ROOT)
            return
        train = os.path.join(tmp, "train.jsonl")
        print(f"train: {dump(args.git, 'train', train)} articles", file=sys.stderr)
        subprocess.run(run + ["train", train, WEIGHTS, "--epochs", str(args.epochs),
                        "--min-weight", str(args.min_weight), "--dev", dev], check=True, cwd=ROOT)


if __name__ == "__main__":
    main()
