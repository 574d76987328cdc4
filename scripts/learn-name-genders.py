#!/usr/bin/env python3
"""Learns which first names are women's and which are men's, from PolNeAR's train split.

Reads the CoreNLP layers of every train article (held-out ones excluded)
straight from a fetched snapshot's git directory. For each coreference chain
that holds personal pronouns of one gender only ("he", "his", "him",
"himself", or "she", "her", "hers", "herself") and a name of at least two
words whose words CoreNLP marks PERSON ("Marla Kilfoyle", not "Mr. Trump"),
the name's first word takes that gender's vote. A first name seen in at least
MIN chains, at least SHARE of them of one gender, is written to that gender's
list. The extractor reads both lists (`extract/data/female_names.txt`,
`extract/data/male_names.txt`) beside its hand-written ones, so that "she"
no longer stands for "Bernie Sanders". No article text is written.

    python3 scripts/learn-name-genders.py GITDIR female > crates/factdesk-core/src/extract/data/female_names.txt
    python3 scripts/learn-name-genders.py GITDIR male > crates/factdesk-core/src/extract/data/male_names.txt
"""
import collections, os, re, sys
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from learned_lists import print_list, train_articles  # noqa: E402

MIN = 3
SHARE = 0.9
MALE = {"he", "him", "his", "himself"}
FEMALE = {"she", "her", "hers", "herself"}


def votes(xml):
    """(first name, female?) for each one-gender chain of the article."""
    root = ET.fromstring(xml)
    sents = {}
    for s in root.iter("sentence"):
        toks = s.find("tokens")
        if toks is not None and s.get("id"):
            sents[int(s.get("id"))] = [(t.findtext("word"), t.findtext("NER")) for t in toks.iter("token")]
    out = []
    coref = root.find(".//coreference")
    if coref is None:
        return out
    for chain in coref.findall("coreference"):
        pron, names = collections.Counter(), set()
        for m in chain.findall("mention"):
            text = (m.findtext("text") or "").strip().lower()
            if text in MALE:
                pron["m"] += 1
            elif text in FEMALE:
                pron["f"] += 1
            toks = sents.get(int(m.findtext("sentence") or 0), [])
            span = toks[int(m.findtext("start") or 1) - 1:int(m.findtext("end") or 1) - 1]
            if len(span) >= 2 and all(n == "PERSON" for _, n in span[:2]):
                first = span[0][0]
                if re.fullmatch(r"[A-Z][a-z]+", first):
                    names.add(first.lower())
        if names and bool(pron["m"]) != bool(pron["f"]):
            out += [(n, bool(pron["f"])) for n in names]
    return out


def not_first_names():
    """Words the extractor already knows as something else: titles and roles
    ("Mayor", "Pope" open PERSON names too) and the learned not-names ("De")."""
    here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "../crates/factdesk-core/src/extract")
    lex = open(os.path.join(here, "lexicon.rs"), encoding="utf-8").read()
    words = set()
    for const in ("TITLES", "ROLE_NOUNS"):
        body = lex[lex.index(f"const {const}: &[&str] = &["):]
        words |= set(re.findall(r'"([^"]+)"', body[:body.index("];")]))
    with open(os.path.join(here, "data/not_names.txt"), encoding="utf-8") as f:
        words |= {w.strip() for w in f if w.strip() and not w.startswith("#")}
    return words


def main():
    gitdir, which = sys.argv[1], sys.argv[2]
    if which not in ("female", "male"):
        sys.exit("usage: learn-name-genders.py GITDIR female|male")
    count = collections.Counter()
    articles = 0
    for _, _, _, xml in train_articles(gitdir):
        articles += 1
        for name, female in votes(xml):
            count[(name, female)] += 1
    want = which == "female"
    other = not_first_names()
    keep = sorted(n for (n, f), k in count.items()
                  if f == want and n not in other
                  and k + count[(n, not f)] >= MIN and k / (k + count[(n, not f)]) >= SHARE)
    print_list([
        f"First names of {'women' if want else 'men'}: learned by scripts/learn-name-genders.py from the CoreNLP",
        f"coreference and named-entity layers of PolNeAR's train split ({articles} articles): the first word of a",
        f"two-word PERSON name in at least {MIN} chains whose pronouns are of one gender, {SHARE:.0%} of them",
        f"{'female' if want else 'male'}; no title, role or learned not-name. {len(keep)} names; regenerate, never edit by hand.",
    ], keep)


if __name__ == "__main__":
    main()
