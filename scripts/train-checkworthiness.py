#!/usr/bin/env python3
"""Fits factdesk's check-worthiness model (crates/factdesk-core/src/extract/worth.rs) and writes
its weights to crates/factdesk-core/src/extract/data/checkworthiness.bin.

Data: the train split of CheckThat! 2024 Task 1 English, read from the git directory of a fetched
snapshot of github:jjasardi/BA-CheckThat2024 (as ../shared/eval/ct24.py reads it). Nothing of it is
written into the repository: the weights file holds one idf and one coefficient per hashed bucket.

The features come from factdesk itself (the `worth_features` example), so training and extraction
hash alike. TF-IDF (1 + ln count, smooth idf from train), each half of the buckets (words and
pairs; word pieces) normalised on its own; beside it, the mean of the sentence's WordPiece rows in
factdesk's static matching model (models/, 256 numbers), scaled by ALPHA over the median length
of those means; then a class-balanced logistic regression. Its weights on the mean are folded into
one weight per WordPiece token (the token's row times them), which is what ships. C and ALPHA are
chosen by 5-fold cross-validation on train (average precision); the intercept is then shifted so that
the cross-validated F1 of the check-worthy class at 0.5 is highest, 0.5 being the cut the
task uses. The claim threshold written with the weights is the out-of-fold score above which
90% of train's check-worthy sentences fall: the extractor takes a sentence its rules pass over
as a claim from there. With --report, the dev split is scored by the written model (the
figures of record come from ../shared/eval/ct24.py through `factdesk extract`).

Usage: scripts/train-checkworthiness.py --git GITDIR [--rev ca2aea6] [--report]
Needs numpy, scipy, scikit-learn and safetensors.
"""
import argparse, csv, io, os, struct, subprocess, sys

import numpy as np
import scipy.sparse as sp
from safetensors import safe_open
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score, f1_score
from sklearn.model_selection import StratifiedKFold

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "crates/factdesk-core/src/extract/data/checkworthiness.bin")
BUCKETS = 1 << 17
PIECES = BUCKETS // 2
MAGIC = b"FDCW\x02\0\0\0"
STATIC = os.path.join(ROOT, "models/factdesk-static-minilm-256.safetensors")
csv.field_size_limit(10**9)


def rows(git, rev, split):
    b = subprocess.run(["git", "--git-dir", git, "show",
                        f"{rev}:data_f/CT24_checkworthy_english/CT24_checkworthy_english_{split}.tsv"],
                       capture_output=True, check=True).stdout.decode("utf-8")
    r = list(csv.reader(io.StringIO(b), delimiter="\t", quoting=csv.QUOTE_NONE))
    return [(x[1].strip().strip('"').replace('""', '"'), x[2].strip() == "Yes") for x in r[1:] if len(x) >= 3]


def features(texts):
    subprocess.run(["cargo", "build", "--quiet", "--release", "-p", "factdesk-core", "--example", "worth_features"],
                   cwd=ROOT, check=True)
    exe = os.path.join(ROOT, "target/release/examples/worth_features")
    lines = "".join(t.replace("\\", " ").replace("\t", " ").replace("\n", " ") + "\n" for t in texts)
    out = subprocess.run([exe], input=lines, capture_output=True, text=True, check=True).stdout.splitlines()
    assert len(out) == len(texts), "one line of features a text"
    data, ind, ptr, ids = [], [], [0], []
    for line in out:
        buckets, pieces = line.split("|")
        b = np.array([int(x) for x in buckets.split()], dtype=np.int64)
        u, c = np.unique(b, return_counts=True)
        ind.extend(u.tolist()); data.extend(c.tolist()); ptr.append(len(ind))
        ids.append(np.array([int(x) for x in pieces.split()], dtype=np.int64))
    counts = sp.csr_matrix((np.array(data, float), np.array(ind), np.array(ptr)), shape=(len(texts), BUCKETS))
    return counts, ids


def static_table():
    """The static model's rows (dequantised) and its vocabulary."""
    f = safe_open(STATIC, "np")
    rows = f.get_tensor("embeddings").astype(np.float64) * f.get_tensor("scales").astype(np.float64)[:, None]
    return rows, f.metadata()["vocab"]


def means(rows, ids):
    """The mean of each sentence's WordPiece rows (zero without a token)."""
    out = np.zeros((len(ids), rows.shape[1]))
    for i, t in enumerate(ids):
        if len(t):
            out[i] = rows[t].mean(axis=0)
    return out


def weigh(counts, idf):
    """1 + ln count times idf, each half of a row normalised to length 1, as worth::score does."""
    x = counts.copy().tocsr()
    x.data = (1.0 + np.log(x.data)) * idf[x.indices]
    row = np.repeat(np.arange(x.shape[0]), np.diff(x.indptr))
    piece = x.indices >= PIECES
    norms = [np.sqrt(np.bincount(row[m], x.data[m] ** 2, minlength=x.shape[0])) for m in (~piece, piece)]
    x.data = x.data / np.where(piece, norms[1][row], norms[0][row])
    return x


def fit(x, y, c):
    return LogisticRegression(C=c, class_weight="balanced", max_iter=5000, solver="liblinear").fit(x, y)


def best_shift(z, y):
    shifts = np.arange(-3.0, 3.0, 0.02)
    f1s = [f1_score(y, z + s >= 0) for s in shifts]
    return float(shifts[int(np.argmax(f1s))]), max(f1s)


def main():
    a = argparse.ArgumentParser()
    a.add_argument("--git", required=True)
    a.add_argument("--rev", default="ca2aea6")
    a.add_argument("--report", action="store_true")
    args = a.parse_args()
    train = rows(args.git, args.rev, "train")
    texts = [t for t, _ in train]
    y = np.array([l for _, l in train])
    counts, ids = features(texts)
    table, vocab = static_table()
    mean = means(table, ids)
    unit = float(np.median(np.linalg.norm(mean, axis=1)))
    df = np.asarray((counts > 0).sum(axis=0)).ravel()
    idf = np.log((1 + len(texts)) / (1 + df)) + 1.0
    # The idf as it is stored (u16), so that training sees what extraction uses.
    idf_q = np.round(idf / idf.max() * 65535).astype(np.uint16)
    tfidf = weigh(counts, idf_q.astype(float))
    design = lambda alpha: sp.hstack([tfidf, sp.csr_matrix(mean * (alpha / unit))]).tocsr()

    folds = list(StratifiedKFold(5, shuffle=True, random_state=0).split(tfidf, y))
    best = None
    for alpha in (0.25, 0.5, 1.0):
        x = design(alpha)
        for c in (1.0, 3.0, 10.0):
            z = np.zeros(len(y))
            for tr, te in folds:
                z[te] = fit(x[tr], y[tr], c).decision_function(x[te])
            ap = average_precision_score(y, z)
            print(f"ALPHA={alpha} C={c}: cross-validated AP {ap:.3f}, F1 at 0 {f1_score(y, z >= 0):.3f}",
                  file=sys.stderr)
            if best is None or ap > best[0]:
                best = (ap, c, alpha, z)
    ap, c, alpha, z = best
    x = design(alpha)
    shift, f1 = best_shift(z, y)
    print(f"chosen ALPHA={alpha} C={c}; intercept shift {shift:+.2f} gives cross-validated F1 {f1:.3f} (AP {ap:.3f})",
          file=sys.stderr)

    # The claim threshold: the score above which 90% of train's check-worthy
    # sentences fall, out of fold, with the shift applied.
    p = 1 / (1 + np.exp(-(z + shift)))
    claim_at = float(np.quantile(p[y], 0.10))
    print(f"claim threshold {claim_at:.3f}: {np.mean(p >= claim_at):.3f} of train sentences above it", file=sys.stderr)

    m = fit(x, y, c)
    coef = m.coef_.ravel()[:BUCKETS]
    coef_scale = float(np.abs(coef).max() / 32767)
    coef_q = np.round(coef / coef_scale).astype(np.int16)
    # The weight on the mean row, folded into one weight a token.
    piece = table @ m.coef_.ravel()[BUCKETS:] * (alpha / unit)
    piece_scale = float(np.abs(piece).max() / 32767)
    piece_q = np.round(piece / piece_scale).astype(np.int16)
    bias = float(m.intercept_[0] + shift)
    with open(OUT, "wb") as f:
        f.write(MAGIC + struct.pack("<IffffI", BUCKETS, bias, coef_scale, claim_at, piece_scale, len(piece_q)))
        f.write(idf_q.astype("<u2").tobytes())
        f.write(coef_q.astype("<i2").tobytes())
        f.write(piece_q.astype("<i2").tobytes())
        f.write(vocab.encode("utf-8"))
    print(f"wrote {OUT}: {os.path.getsize(OUT)} bytes, {int((coef_q != 0).sum())} buckets weighted",
          file=sys.stderr)

    if args.report:
        dev = rows(args.git, args.rev, "dev")
        cd, idd = features([t for t, _ in dev])
        xd = weigh(cd, idf_q.astype(float))
        yd = np.array([l for _, l in dev])
        pd = np.array([piece_q[t].mean() * piece_scale if len(t) else 0.0 for t in idd])
        zd = xd @ (coef_q.astype(float) * coef_scale) + pd + bias
        print(f"dev (the written weights, whole texts): F1 {f1_score(yd, zd >= 0):.3f}, "
              f"AP {average_precision_score(yd, zd):.3f}", file=sys.stderr)


if __name__ == "__main__":
    main()
