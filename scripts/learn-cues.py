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

With --quotes it counts only the cues of direct quotes (PolNeAR's content
is a quotation, as the scorer reads it) and writes
`extract/data/quote_cues.txt`: verbs that say who spoke a quote beside them
("Cruz quipped", "Trump shot back"), which the extractor never reads as
reporting a clause.

    python3 scripts/learn-cues.py GITDIR > crates/factdesk-core/src/extract/data/that_cues.txt
    python3 scripts/learn-cues.py --quotes GITDIR > crates/factdesk-core/src/extract/data/quote_cues.txt
"""
import collections, os, re, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from learned_lists import print_list, spans, tokens, train_articles  # noqa: E402
import polnear  # noqa: E402  (beside the checkout, found through learned_lists)

MIN = 3
RATE = 0.3
TO_MAX = 0.3
# Beside a quote a verb is rarely anything but its cue: a lower bar.
QUOTE_MIN = 2
QUOTE_RATE = 0.1


def main():
    quotes = "--quotes" in sys.argv[1:]
    gitdir = [a for a in sys.argv[1:] if a != "--quotes"][0]
    cue, total, to_next = collections.Counter(), collections.Counter(), collections.Counter()
    used = 0
    for _, text, ann, xml in train_articles(gitdir):
        used += 1
        if quotes:
            marks = [tuple(c) for a in polnear.parse_ann(ann)
                     if a["content"] and polnear.is_direct_quote(text, a["content"]) for c in a["cue"]]
        else:
            marks = [part for mark in spans(ann, "Cue") for part in mark]
        heads = {}  # cue span -> (offset, word) of its last verb: "appeared to suggest" is a "suggest" cue
        toks = tokens(xml)
        for k, (word, begin, end, pos, _) in enumerate(toks):
            if not pos.startswith("VB"):
                continue
            if k + 1 < len(toks) and toks[k + 1][0].lower() == "to" and toks[k + 1][3] == "TO":
                to_next[word.lower()] += 1
            w = word.lower()
            if not re.fullmatch(r"[a-z]+", w):
                continue
            total[w] += 1
            for span in marks:
                if span[0] <= begin and end <= span[1] and begin >= heads.get(span, (-1, ""))[0]:
                    heads[span] = (begin, w)
        for _, w in heads.values():
            cue[w] += 1
    # A verb mostly followed by an infinitive ("appeared to", "refused to") reports nothing by itself.
    least, rate = (QUOTE_MIN, QUOTE_RATE) if quotes else (MIN, RATE)
    keep = sorted(w for w, n in cue.items()
                  if n >= least and n / total[w] >= rate and to_next[w] / total[w] < TO_MAX)
    print_list([
        "Verbs that say who spoke a direct quote: learned by scripts/learn-cues.py --quotes from PolNeAR's train"
        if quotes else
        "Verbs that report speech before \"that\": learned by scripts/learn-cues.py from PolNeAR's train split",
        f"({used} articles): part of an annotated {'direct quote' + chr(39) + 's ' if quotes else ''}cue at least {least}"
        f" times and in at least {rate:.0%} of their",
        f"occurrences as a verb (CoreNLP's tags), and followed by an infinitive in under {TO_MAX:.0%}.",
        f"{len(keep)} words; regenerate, never edit by hand.",
    ], keep)

if __name__ == "__main__":
    main()
