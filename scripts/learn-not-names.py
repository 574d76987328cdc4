#!/usr/bin/env python3
"""Learns the words that are not names when capitalised, from PolNeAR's train split.

Reads the CoreNLP part-of-speech layer of every train article (held-out ones
excluded) straight from a fetched snapshot's git directory, counts for each
word (lower-cased) how often CoreNLP tags it a proper noun (NNP, NNPS) or
its named-entity layer marks it a person (the tagger
reads "Devine" as an adjective, the recogniser as a person), and writes the
words seen at least MIN times that are names in at most MAX_NNP of their
occurrences: function words, adverbs, participles, common
nouns ("In", "Asked", "Speaking", "Reluctantly", "Officials"). The extractor
reads the list (`extract/data/not_names.txt`) to tell a sentence's first
word from a speaker's name. No article text is written.

    python3 scripts/learn-not-names.py GITDIR > crates/factdesk-core/src/extract/data/not_names.txt
"""
import collections, os, re, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from learned_lists import git, kept, print_list  # noqa: E402

MIN = 4
MAX_NNP = 0.02


def main():
    gitdir = sys.argv[1]
    names = [n for n in git(gitdir, "ls-tree", "--name-only", "HEAD:data/train/corenlp").decode().split()
             if n.endswith(".txt.xml")]
    names = kept(names, ".txt.xml")
    inp = "".join(f"HEAD:data/train/corenlp/{n}\n" for n in names).encode()
    out = git(gitdir, "cat-file", "--batch", inp=inp).decode("utf-8", "replace")
    total, proper = collections.Counter(), collections.Counter()
    for word, pos, ner in re.findall(
        r"<word>([^<]*)</word>.*?<POS>([^<]*)</POS>\s*<NER>([^<]*)</NER>", out, re.S
    ):
        w = word.lower()
        if not re.fullmatch(r"[a-z][a-z'’-]*", w):
            continue
        total[w] += 1
        if pos in ("NNP", "NNPS") or ner == "PERSON":
            proper[w] += 1
    keep = sorted(w for w, n in total.items() if n >= MIN and proper[w] / n <= MAX_NNP)
    print_list([
        "Words that are not names when capitalised: learned by scripts/learn-not-names.py from the CoreNLP",
        f"part-of-speech and named-entity layers of PolNeAR's train split ({len(names)} articles): seen at least {MIN} times,",
        f"a proper noun or a person in at most {MAX_NNP:.0%} of them. {len(keep)} words; regenerate, never edit by hand.",
    ], keep)

if __name__ == "__main__":
    main()
