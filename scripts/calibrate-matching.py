#!/usr/bin/env python3
"""Fits the matching rankers (crate::matching::RERANKER, and RANKER with --no-encoder) on CLEF 2020
CheckThat! Task 2, train split.

Builds (or reuses) the 10,375-claim database through the CLI exactly as ../shared/eval/clef2020.py
does, asks train tweets with `factdesk similar --text T --json --min-score 0 --limit 60`, and labels
each candidate by the gold pairs (a claim folded in as a repeat counts). A logistic regression over
(encoder cosine, its lead over the best, BM25 share, wording) gives the chance that a pair is the
same claim, fitted on all train tweets (the encoder learned nothing from CLEF); without the encoder
(--no-encoder) over (static cosine, wording), on the half of train the --model was not trained on.
The threshold is the lowest score at which the 95% Wilson lower bound of the suggestions' precision
(at most five a tweet) reaches --precision (0.9). Only the train split is read. Prints the Rust constants for matching.rs.
The static model asked is one trained on the other half of train (train-static-model.py --pairs
half), given with --model: cross-fitting, so the weights and threshold are those of unseen tweets.
With --report dev nothing is fitted: the shipped models answer the dev tweets from --suggest-at.
Usage: calibrate-matching.py --clef GITDIR --fd BIN --eval DIR (../shared/eval) --model FILE [--work DIR]
"""
import argparse, hashlib, io, json, math, os, subprocess, sys, tempfile, zipfile


def fit(rows, iters=50, l2=1e-3):
    """Logistic regression by Newton's method; rows are (features, label)."""
    k = len(rows[0][0]) + 1
    w = [0.0] * k
    for _ in range(iters):
        g = [0.0] * k
        h = [[0.0] * k for _ in range(k)]
        for x, y in rows:
            xs = [1.0, *x]
            z = sum(a * b for a, b in zip(w, xs))
            p = 1 / (1 + math.exp(-max(-30, min(30, z))))
            for i in range(k):
                g[i] += (p - y) * xs[i]
                for j in range(k):
                    h[i][j] += p * (1 - p) * xs[i] * xs[j]
        for i in range(k):
            g[i] += l2 * w[i]
            h[i][i] += l2
        # Solve h d = g (Gaussian elimination; k is 3 to 5).
        a = [row[:] + [gi] for row, gi in zip(h, g)]
        for c in range(k):
            piv = max(range(c, k), key=lambda r: abs(a[r][c]))
            a[c], a[piv] = a[piv], a[c]
            for r in range(k):
                if r != c:
                    f = a[r][c] / a[c][c]
                    a[r] = [x - f * y for x, y in zip(a[r], a[c])]
        d = [a[i][k] / a[i][i] for i in range(k)]
        w = [wi - di for wi, di in zip(w, d)]
    return w


def wilson_low(right, n, z=1.96):
    """The lower bound of the Wilson score interval for right/n."""
    p = right / n
    centre = p + z * z / (2 * n)
    spread = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return (centre - spread) / (1 + z * z / n)


_CLAIMS = {}


def claim_articles(fd, db, env):
    """Claim id -> article id, read once from the CLI."""
    if not _CLAIMS:
        r = subprocess.run([fd, "--db", db, "claims", "--json"], capture_output=True, text=True, env=env, check=True)
        _CLAIMS.update({c["id"]: c["article_id"] for c in json.loads(r.stdout)})
    return _CLAIMS


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--clef", required=True)
    ap.add_argument("--fd", required=True)
    ap.add_argument("--eval", required=True, help="the folder of clef2020.py")
    ap.add_argument("--work")
    ap.add_argument("--precision", type=float, default=0.9)
    ap.add_argument("--dump", help="write each tweet's candidates (verified claim, meaning, wording) to this JSON file")
    ap.add_argument("--model", help="a static model trained with --pairs half (for fitting)")
    ap.add_argument("--report", choices=("dev",),
                    help="fit nothing: ask this split with the shipped model and print the suggestions' figures "
                         "at the compiled threshold (--suggest-at)")
    ap.add_argument("--suggest-at", type=float, default=0.15)
    ap.add_argument("--no-encoder", action="store_true", help="fit the first-pass ranker (RANKER) alone")
    a = ap.parse_args()
    sys.path.insert(0, a.eval)
    import clef2020  # the scorer's own loading and database building

    work = a.work or tempfile.mkdtemp(prefix="fd-calibrate-")
    data = os.path.join(work, "data")
    if not os.path.isdir(os.path.join(data, "v3.0")):
        blob = subprocess.run(["git", "--git-dir", a.clef, "show", "HEAD:data/v3.zip"], capture_output=True, check=True).stdout
        zipfile.ZipFile(io.BytesIO(blob)).extractall(data)
    vc, qs, gold = clef2020.load(data, a.report or "train")
    env = dict(os.environ, HOME=work, XDG_DATA_HOME=work, XDG_CONFIG_HOME=work, FACTDESK_CHECKER="clef-calibrate")
    if not a.report and a.no_encoder:
        if not a.model:
            sys.exit("--model is needed to fit the first pass")
        # The half of train that the model did not learn from (scripts/train-static-model.py).
        qs = {q: t for q, t in qs.items() if hashlib.sha256(q.encode()).digest()[0] % 2 == 1}
        sha = hashlib.sha256(open(a.model, "rb").read()).hexdigest()
        env.update(FACTDESK_MODEL=os.path.abspath(a.model), FACTDESK_MODEL_SHA256=sha)
    env.pop("FACTDESK_DB", None)
    db, a2v = clef2020.build_db(a.fd, vc, work, env)
    per_query, dumped = {}, {}
    reranked = not a.no_encoder
    if a.no_encoder:
        env["FACTDESK_ENCODER"] = os.path.join(work, "no-encoder")
    for q, text in qs.items():
        r = subprocess.run([a.fd, "--db", db, "similar", "--text", clef2020.clean_tweet(text), "--json",
                            "--limit", "60" if reranked else "10", "--min-score", "0"], capture_output=True, text=True, env=env)
        items = json.loads(r.stdout) if r.returncode == 0 and r.stdout.strip() else []
        # With the encoder: (encoder cosine, its lead over the best, BM25 share, wording);
        # without: (static cosine, wording). A claim stored again (folded into the earliest) counts.
        a2c = {}
        if reranked and any(m.get("repeats") for m in items):
            a2c = claim_articles(a.fd, db, env)
        same = lambda m: a2v.get(m["article_id"]) in gold[q] or any(a2v.get(a2c.get(c)) in gold[q] for c in m.get("repeats") or [])
        per_query[q] = [(((m["meaning"] or 0.0, m["lead"] or 0.0, m["lexical"] or 0.0, m["wording"]) if reranked
                          else (m["meaning"] or 0.0, m["wording"])),
                         1 if same(m) else 0)
                        for m in items]
        dumped[q] = [(a2v.get(m["article_id"]), m["meaning"] or 0.0, m["wording"]) for m in items]
    if a.dump:
        json.dump(dumped, open(a.dump, "w"))
    if a.report:
        # The CLI's own scores, as "Checked before?" would show them from the threshold.
        maps, p1, shown, right = [], [], 0, 0
        for q, text in qs.items():
            r = subprocess.run([a.fd, "--db", db, "similar", "--text", clef2020.clean_tweet(text), "--json",
                                "--limit", "5", "--min-score", str(a.suggest_at)], capture_output=True, text=True, env=env)
            items = json.loads(r.stdout) if r.returncode == 0 and r.stdout.strip() else []
            ranked = list(dict.fromkeys(a2v.get(m["article_id"]) for m in items))
            maps.append(clef2020.ap_at(ranked, gold[q]))
            p1.append(1.0 if ranked and ranked[0] in gold[q] else 0.0)
            shown += len(ranked)
            right += sum(1 for x in ranked if x in gold[q])
        print(f"{a.report}: suggestions from {a.suggest_at}: MAP@5 {sum(maps) / len(maps):.3f}, P@1 {sum(p1) / len(p1):.3f}, "
              f"precision {right / max(1, shown):.3f} ({shown} shown for {len(qs)} tweets)")
        return
    rows = [x for v in per_query.values() for x in v]
    w = fit(rows)
    score = lambda f: 1 / (1 + math.exp(-(w[0] + sum(wi * fi for wi, fi in zip(w[1:], f)))))
    best = None
    for t in [i / 100 for i in range(1, 100)]:
        shown = right = 0
        for q, cands in per_query.items():
            top = sorted(((score(f), y) for f, y in cands), reverse=True)[:5]
            for s, y in top:
                if s >= t:
                    shown += 1
                    right += y
        # The lower end of the 95% Wilson interval: precision that holds
        # beyond the sampling error of a few hundred train suggestions.
        if shown and wilson_low(right, shown) >= a.precision:
            best = (t, right / shown, shown)
            break
    for t in (0.0, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5):
        maps, shown, right = [], 0, 0
        for q, cands in per_query.items():
            top = [x for x in sorted(((score(f), y) for f, y in cands), reverse=True)[:5] if x[0] >= t]
            hits, ap5 = 0, 0.0
            for i, (s, y) in enumerate(top, 1):
                hits += y
                ap5 += hits / i if y else 0
            maps.append(ap5)
            shown += len(top)
            right += sum(y for _, y in top)
        print(f"from {t:.2f}: MAP@5 {sum(maps) / len(maps):.3f}, precision {right / max(1, shown):.3f}, {shown} shown", file=sys.stderr)
    print(f"pairs {len(rows)} (positive {sum(y for _, y in rows)}), queries {len(per_query)}", file=sys.stderr)
    names = ("meaning", "lead", "lexical", "wording") if reranked else ("meaning", "wording")
    print("weights " + " ".join(f"{n}={x:.3f}" for n, x in zip(("bias", *names), w)), file=sys.stderr)
    if best:
        print(f"threshold {best[0]:.2f}: train precision {best[1]:.3f} over {best[2]} suggestions", file=sys.stderr)
    kind = "Reranker" if reranked else "Ranker"
    body = "".join(f"    {n}: {x:.3f},\n" for n, x in zip(("bias", *names), w))
    print(f"pub const {kind.upper()}: {kind} = {kind} {{\n{body}    suggest_at: {best[0] if best else 0.5:.2f},\n}};")


if __name__ == "__main__":
    main()
