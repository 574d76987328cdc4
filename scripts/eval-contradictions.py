#!/usr/bin/env python3
"""Contradictions and corrections between claims, on real news: PolNeAR articles
with pairs a checker marked by hand.

PolNeAR marks no such pairs, so they are labelled by hand in
scripts/contradiction-pairs.tsv (the default --labels), which quotes nothing:
tab-separated lines of split, article name, claim a and claim b as char spans
"START-END" into the article's text (as ../shared/eval/polnear.py
--write-texts writes it; either side may list the pieces of one utterance,
split by "|"), kind (contradicts, corrects, or none
for a pair judged not to be one) and a note; lines starting with # are skipped.
A side may also be given as words of the claim instead of a span (a working
file outside the repository).
Each article of the file's split is extracted with `factdesk extract`; a
relation found matches a labelled pair when each of its claims holds at least
half of the words of one side (either order). Recall: labelled pairs found,
of the kind labelled or either kind. Precision: of the relations found (on the
labelled articles, or with --all on every article of the split) that a line
of the file judges (as a pair or as none), how many are pairs; the others are
listed as unjudged, to be read and labelled.

    python3 scripts/eval-contradictions.py --polnear GITDIR --fd BIN [--labels FILE] [--split dev] [--all]

GITDIR is the fetched snapshot of github:networkdynamics/PolNeAR; the texts
are written by ../shared/eval/polnear.py --write-texts into a temporary folder.
"""

import argparse, json, os, re, subprocess, sys, tempfile

WORD = re.compile(r"\w+")
SPANS = re.compile(r"\d+-\d+(\|\d+-\d+)*")


def words(s):
    return [w.lower() for w in WORD.findall(s)]


def holds(claim_text, snippet):
    """Does the claim hold half the words of the snippet, or of one of its
    pieces (split by "|": an utterance the extractor may cut in two)?"""
    cw = set(words(claim_text))
    return any(sw and sum(1 for w in sw if w in cw) / len(sw) >= 0.5
               for sw in (words(piece) for piece in snippet.split("|")))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--polnear", required=True, metavar="GITDIR")
    ap.add_argument("--fd", required=True)
    ap.add_argument("--labels", default=os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                                     "contradiction-pairs.tsv"))
    ap.add_argument("--split", default="dev", choices=("dev", "train"))
    ap.add_argument("--all", action="store_true",
                    help="extract every article of the split, not only the labelled ones, so that "
                         "every relation found is judged or listed")
    ap.add_argument("--eval-dir", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../shared/eval"))
    a = ap.parse_args()
    rows = []
    for line in open(a.labels, encoding="utf-8"):
        if not line.strip() or line.startswith("#"):
            continue
        f = line.rstrip("\n").split("\t")
        if len(f) < 5:
            sys.exit(f"{a.labels}: a line needs split, article, claim a, claim b, kind: {line!r}")
        if f[0] == a.split:
            rows.append({"article": f[1], "a": f[2], "b": f[3], "kind": f[4]})
    texts = tempfile.mkdtemp(prefix="fd-contra-")
    subprocess.run([sys.executable, os.path.join(a.eval_dir, "polnear.py"), "--polnear", a.polnear,
                    "--split", a.split, "--write-texts", texts], check=True, capture_output=True)
    found_pairs, found_any, judged, right, unjudged, n_rel = 0, 0, 0, 0, [], 0
    positives = [r for r in rows if r["kind"] != "none"]
    arts = {r["article"] for r in rows}
    if a.all:
        arts |= {f[:-4] for f in os.listdir(texts) if f.endswith(".txt")}
    for art in sorted(arts):
        path = os.path.join(texts, art + ".txt")
        if not os.path.exists(path):
            sys.exit(f"{art}: not an article of the {a.split} split")
        body = open(path, encoding="utf-8").read()
        for row in (r for r in rows if r["article"] == art):
            for side in ("a", "b"):
                if SPANS.fullmatch(row[side]):
                    row[side] = "|".join(body[int(x):int(y)] for x, y in
                                         (p.split("-") for p in row[side].split("|")))
        out = json.loads(subprocess.run([a.fd, "extract", path, "--format", "json"],
                                        capture_output=True, text=True, check=True).stdout)
        text = {c["id"]: c["text"] for c in out["claims"]}
        who = {c["id"]: c.get("speaker") or "the article" for c in out["claims"]}
        rels = out["relations"]
        n_rel += len(rels)

        def matches(rel, row):
            ta, tb = text[rel["a"]], text[rel["b"]]
            return (holds(ta, row["a"]) and holds(tb, row["b"])) or (holds(ta, row["b"]) and holds(tb, row["a"]))

        for row in (r for r in rows if r["article"] == art and r["kind"] != "none"):
            hit = [r for r in rels if matches(r, row)]
            found_any += bool(hit)
            found_pairs += any(r["kind"] == row["kind"] for r in hit)
            print(f"{'FOUND' if hit else 'missed'}  {art}: {row['a'][:50]!r} / {row['b'][:50]!r}")
        for rel in rels:
            judgements = [row for row in rows if row["article"] == art and matches(rel, row)]
            if judgements:
                judged += 1
                right += any(j["kind"] != "none" for j in judgements)
            else:
                unjudged.append(f"  {art}: {rel['kind']} ({rel['note']}): {who[rel['a']]}: {text[rel['a']][:80]!r} / "
                                f"{who[rel['b']]}: {text[rel['b']][:80]!r}")
    print(f"split {a.split}: {len(positives)} labelled pairs in {len({r['article'] for r in rows})} articles; "
          f"{n_rel} relations found in the {len(arts)} articles read")
    print(f"recall: {found_pairs}/{len(positives)} of the kind labelled, {found_any}/{len(positives)} of either kind")
    print(f"precision: {right}/{judged} of the judged relations" + (f"; {len(unjudged)} unjudged:" if unjudged else ""))
    for u in unjudged:
        print(u)


if __name__ == "__main__":
    main()
