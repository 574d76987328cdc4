#!/usr/bin/env python3
"""How many check-worthy claims the extractor finds: CLEF 2020 CheckThat! Task 2.

Every one of the task's 10,375 verified claims (data/v3.zip,
verified_claims.docs.tsv) is a claim Snopes checked, so each is check-worthy by
definition. Each is imported as an article of its own (the same files
../shared/eval/clef2020.py writes), and a verified claim counts as found when
one extracted claim covers its sentence: the claim's span holds at least
MIN_COVER of the sentence's words.

    python3 scripts/eval-claim-coverage.py --clef GITDIR --fd target/release/factdesk [--work DIR] [--misses N]

GITDIR is the fetched snapshot of github:sshaar/clef2020-factchecking-task2.
The claims are read from the snapshot at run time; none are stored here.
"""

import argparse, csv, io, json, os, re, subprocess, sys, tempfile, time, zipfile

MIN_COVER = 0.75
WORD = re.compile(r"\w+")


def verified_claims(gitdir):
    blob = subprocess.run(["git", "--git-dir", gitdir, "show", "HEAD:data/v3.zip"],
                          capture_output=True, check=True).stdout
    with zipfile.ZipFile(io.BytesIO(blob)) as z:
        name = next(n for n in z.namelist() if n.endswith("verified_claims.docs.tsv"))
        rows = csv.reader(io.TextIOWrapper(z.open(name), encoding="utf-8", newline=""),
                          delimiter="\t", quoting=csv.QUOTE_NONE)
        # as ../shared/eval/clef2020.py reads them: id, claim (lines whose first cell is no id are skipped)
        return {r[0].strip(): r[1].strip() for r in list(rows)[1:] if len(r) >= 2 and r[0].strip().isdigit()}


def run(fd, db, *args):
    r = subprocess.run([fd, "--db", db, *args], capture_output=True, text=True)
    return r


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--clef", required=True, metavar="GITDIR")
    ap.add_argument("--fd", required=True)
    ap.add_argument("--work")
    ap.add_argument("--misses", type=int, default=0, help="print this many claims not found")
    a = ap.parse_args()
    work = a.work or tempfile.mkdtemp(prefix="coverage-")
    os.makedirs(work, exist_ok=True)
    db = os.path.join(work, "coverage.db")
    if os.path.exists(db):
        os.remove(db)
    vc = verified_claims(a.clef)
    src = os.path.join(work, "vc")
    os.makedirs(src, exist_ok=True)
    files, body_of = [], {}
    for i, text in vc.items():
        body = text if text[-1:] in ".!?\"\u201d" else text + "."
        p = os.path.join(src, f"vc-{i}.txt")
        with open(p, "w", encoding="utf-8") as f:
            f.write(f"Verified claim {i}\n\n{body}\n")
        files.append(p)
        body_of[i] = body
    t0 = time.time()
    vc_of, refused = {}, []

    def imp(batch):
        r = run(a.fd, db, "import", *batch, "--json")
        if r.returncode == 0:
            for art in json.loads(r.stdout):
                vc_of[art["id"]] = art["title"].split()[-1]
        elif len(batch) == 1:
            refused.append((batch[0], r.stderr.strip()[:120]))
        else:
            imp(batch[:len(batch) // 2])
            imp(batch[len(batch) // 2:])

    for b in range(0, len(files), 500):
        imp(files[b:b + 500])
    claims = json.loads(run(a.fd, db, "claims", "--json").stdout)
    spans = {}
    for c in claims:
        spans.setdefault(c["article_id"], []).append(c)
    found, misses = 0, []
    for aid, i in vc_of.items():
        body = body_of[i]
        words = [m.span() for m in WORD.finditer(body)]
        ok = False
        for c in spans.get(aid, []):
            s, e = c["span"]["start"], c["span"]["end"]
            inside = sum(1 for ws, we in words if ws >= s and we <= e)
            if words and inside / len(words) >= MIN_COVER:
                ok = True
                break
        found += ok
        if not ok:
            misses.append((i, body, [c["text"] for c in spans.get(aid, [])]))
    n = len(vc)
    print(f"verified claims: {n}; imported {len(vc_of)}, refused {len(refused)}; "
          f"{time.time() - t0:.0f} s", file=sys.stderr)
    print(f"a claim covers the sentence (>= {MIN_COVER:.0%} of its words): {found} of {n} = {found / n:.3f}")
    print(f"any claim at all: {sum(1 for aid in vc_of if aid in spans)} of {n}")
    for i, body, got in misses[:a.misses]:
        print(f"  {i}: {body}\n      got: {got}")


if __name__ == "__main__":
    main()
