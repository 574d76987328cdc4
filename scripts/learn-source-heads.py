#!/usr/bin/env python3
"""Learns the nouns that head a described speaker, from PolNeAR's train split.

PolNeAR marks every attribution's source, named ("Mitch McConnell") or
described ("the businessman", "one commenter", "the report"). For each
source span this takes its head: the last common noun (CoreNLP's NN or NNS)
before the span's first preposition, relative pronoun, comma or bracket ("a
spokeswoman for YouTube" is headed by "spokeswoman"). It writes the
lower-case nouns that head a source at least MIN times and in at least RATE
of their occurrences, that CoreNLP tags a noun in at least NOUN of
them and a time ("week", "month") in under TIME. The extractor reads
them (`extract/data/source_heads.txt`) beside its hand-written role nouns:
"the pollster said" has a speaker, described. No article text is written.

    python3 scripts/learn-source-heads.py GITDIR > crates/factdesk-core/src/extract/data/source_heads.txt
"""
import bisect, collections, os, re, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from learned_lists import print_list, spans, tokens, train_articles  # noqa: E402

MIN = 2
NOUN = 0.9
RATE = 0.02
TIME = 0.5
STOP_TAGS = {"IN", "TO", "WDT", "WP", "WP$", ",", "-LRB-", ":"}


def main():
    gitdir = sys.argv[1]
    heads, total, noun, time = (collections.Counter() for _ in range(4))
    used = 0
    for _, _, ann, xml in train_articles(gitdir):
        used += 1
        toks = tokens(xml)
        for word, _, _, pos, ner in toks:
            w = word.lower()
            total[w] += 1
            noun[w] += pos.startswith("NN")
            time[w] += ner in ("DATE", "DURATION", "TIME", "SET")
        starts = [t[1] for t in toks]
        for mark in spans(ann, "Source"):
            a, z = mark[0]
            k = bisect.bisect_left(starts, a)
            head = None
            while k < len(toks) and toks[k][2] <= z:
                word, _, _, pos, _ = toks[k]
                if pos in STOP_TAGS and head is not None:
                    break
                if pos in ("NN", "NNS") and re.fullmatch(r"[a-z]+", word):
                    head = word
                elif pos not in ("JJ", "NNP", "NNPS", "DT", "CD", "PRP$", "POS", "VBN", "VBG", "HYPH", "JJS", "JJR"):
                    head = None  # a verb or adverb: no noun phrase's head yet
                k += 1
            if head:
                heads[head] += 1
    keep = sorted(w for w, n in heads.items()
                  if n >= MIN and noun[w] / total[w] >= NOUN and n / total[w] >= RATE and time[w] / total[w] < TIME)
    print_list([
        "Nouns that head a described speaker: learned by scripts/learn-source-heads.py from PolNeAR's train",
        f"split ({used} articles): the head of an annotated source at least {MIN} times and in at least {RATE:.0%} of",
        f"their occurrences (its last common noun before a preposition, relative pronoun or comma), a common",
        f"or proper noun in at least {NOUN:.0%} and a time (\"week\") in under {TIME:.0%} of them (CoreNLP's tags).",
        f"{len(keep)} words; regenerate, never edit by hand.",
    ], keep)


if __name__ == "__main__":
    main()
