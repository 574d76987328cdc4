#!/usr/bin/env python3
"""Learns the verbs that introduce what someone said, from PolNeAR's train split.

PolNeAR marks every attribution's cue ("said", "warned", "appeared to
suggest"). For each word form CoreNLP tags a verb (VB*), this counts how
often it is the last verb of a cue and how often it occurs, over the train split's articles (held-out ones
excluded), read straight from a fetched snapshot's git directory; it writes
the forms that are a cue at least MIN times and in at least RATE of their
occurrences. The extractor reads them (`extract/data/that_cues.txt`) as
verbs that report speech when "that" follows them ("Clinton acknowledged
that ..."): without it many take an object, not a clause ("He mentioned the
November meeting"). No article text is written.

    python3 scripts/learn-cues.py GITDIR > crates/factdesk-core/src/extract/data/that_cues.txt
"""
import collections, os, re, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from learned_lists import git, kept, print_list  # noqa: E402

MIN = 3
RATE = 0.3
TO_MAX = 0.3


def batch(gitdir, paths):
    out = git(gitdir, "cat-file", "--batch", inp="".join(f"HEAD:{p}\n" for p in paths).encode())
    res, i = {}, 0
    for p in paths:
        j = out.index(b"\n", i)
        header = out[i:j].decode()
        i = j + 1
        if header.endswith(" missing"):
            res[p] = None
            continue
        size = int(header.rsplit(" ", 1)[1])
        res[p] = out[i:i + size]
        i += size + 1
    return res


def main():
    gitdir = sys.argv[1]
    texts = [n[:-4] for n in git(gitdir, "ls-tree", "--name-only", "HEAD:data/train/text").decode().split() if n.endswith(".txt")]
    texts = kept(texts)
    anns = git(gitdir, "ls-tree", "--name-only", "HEAD:data/train/attributions").decode().split()
    by_text = collections.defaultdict(list)
    for a in anns:
        if a.endswith(".ann"):
            by_text[a.rsplit("_", 1)[0]].append(a)
    paths = []
    for t in texts:
        if by_text.get(t):
            paths += [f"data/train/attributions/{sorted(by_text[t])[0]}", f"data/train/corenlp/{t}.txt.xml"]
    blobs = batch(gitdir, paths)
    cue, total, to_next = collections.Counter(), collections.Counter(), collections.Counter()
    used = 0
    for t in texts:
        if not by_text.get(t):
            continue
        ann = blobs[f"data/train/attributions/{sorted(by_text[t])[0]}"]
        xml = blobs[f"data/train/corenlp/{t}.txt.xml"]
        if ann is None or xml is None:
            continue
        used += 1
        spans = []
        for line in ann.decode("utf-8").splitlines():
            m = re.match(r"^T\d+\tCue (\d+ \d+(?:;\d+ \d+)*)\t", line)
            if m:
                for part in m.group(1).split(";"):
                    a, b = map(int, part.split())
                    spans.append((a, b))
        heads = {}  # cue span -> (offset, word) of its last verb: "appeared to suggest" is a "suggest" cue
        toks = re.findall(
            r"<word>([^<]*)</word>\s*<lemma>[^<]*</lemma>\s*<CharacterOffsetBegin>(\d+)</CharacterOffsetBegin>\s*<CharacterOffsetEnd>(\d+)</CharacterOffsetEnd>\s*<POS>([^<]*)</POS>",
            xml.decode("utf-8", "replace"))
        for k, (word, begin, end, pos) in enumerate(toks):
            if not pos.startswith("VB"):
                continue
            if k + 1 < len(toks) and toks[k + 1][0].lower() == "to" and toks[k + 1][3] == "TO":
                to_next[word.lower()] += 1
            w = word.lower()
            if not re.fullmatch(r"[a-z]+", w):
                continue
            total[w] += 1
            b, e = int(begin), int(end)
            for span in spans:
                if span[0] <= b and e <= span[1] and b >= heads.get(span, (-1, ""))[0]:
                    heads[span] = (b, w)
        for _, w in heads.values():
            cue[w] += 1
    # A verb mostly followed by an infinitive ("appeared to", "refused to") reports nothing by itself.
    keep = sorted(w for w, n in cue.items()
                  if n >= MIN and n / total[w] >= RATE and to_next[w] / total[w] < TO_MAX)
    print_list([
        "Verbs that report speech before \"that\": learned by scripts/learn-cues.py from PolNeAR's train split",
        f"({used} articles): part of an annotated cue at least {MIN} times and in at least {RATE:.0%} of their",
        f"occurrences as a verb (CoreNLP's tags), and followed by an infinitive in under {TO_MAX:.0%}.",
        f"{len(keep)} words; regenerate, never edit by hand.",
    ], keep)

if __name__ == "__main__":
    main()
