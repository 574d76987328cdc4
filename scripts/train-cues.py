#!/usr/bin/env python3
"""Trains the extractor's cue model on PolNeAR's train split and scores it on the dev split.

PolNeAR marks each attribution's cue; the extractor reads as a paraphrase what
follows a verb that is a cue (`extract/cues.rs`). This reads every article's
text and annotation (held-out articles excluded) straight from a fetched
snapshot's git directory, writes them as JSON lines to a temporary directory
outside the repository (never into it): the text, and per attribution whose
content follows its cue and is no direct quote, the cue's character spans.
The Rust trainer (`crates/factdesk-core/examples/cues.rs`) tokenises and tags
each text as the extractor does, trains, and writes the weights:

    python3 scripts/train-cues.py --git GITDIR            # train, write data/cues.bin, score dev
    python3 scripts/train-cues.py --git GITDIR --eval     # only score the shipped weights on dev

GITDIR is what `fetch github:networkdynamics/PolNeAR` returned.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import learned_lists  # noqa: E402,F401  (puts ../shared/eval on the path)
import polnear  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WEIGHTS = os.path.join(ROOT, "crates/factdesk-core/src/extract/data/cues.bin")


def dump(gitdir, split, path):
    snap = polnear.Snapshot(gitdir)
    names = [f[:-4] for f in snap.ls(f"data/{split}/text") if f.endswith(".txt")]
    count = 0
    with open(path, "w", encoding="utf-8") as out:
        for name, text, ann, _, _ in polnear.load_split(snap, split, None, polnear.held_out(names)):
            cues = []
            for a in polnear.parse_ann(ann):
                segs, cue = a["content"], a["cue"]
                if not segs or not cue or segs[0][0] < cue[-1][1] or polnear.is_direct_quote(text, segs):
                    continue
                cues.append(cue)
            out.write(json.dumps({"text": text, "cues": cues}) + "\n")
            count += 1
    return count


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--git", required=True, help="PolNeAR's fetched git directory")
    ap.add_argument("--eval", action="store_true", help="only score the shipped weights on dev")
    ap.add_argument("--epochs", type=int, default=10)
    ap.add_argument("--min-weight", type=float, default=0.01,
                    help="leave out features whose weight stays under this (keeps the file small)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        dev = os.path.join(tmp, "dev.jsonl")
        print(f"dev: {dump(args.git, 'dev', dev)} articles", file=sys.stderr)
        run = ["cargo", "run", "--quiet", "--release", "-p", "factdesk-core", "--example", "cues", "--"]
        if args.eval:
            subprocess.run(run + ["eval", WEIGHTS, dev], check=True, cwd=ROOT)
            return
        train = os.path.join(tmp, "train.jsonl")
        print(f"train: {dump(args.git, 'train', train)} articles", file=sys.stderr)
        subprocess.run(run + ["train", train, WEIGHTS, "--epochs", str(args.epochs),
                        "--min-weight", str(args.min_weight), "--dev", dev], check=True, cwd=ROOT)


if __name__ == "__main__":
    main()
