"""Shared by the scripts that learn word lists from a fetched PolNeAR snapshot
(learn-not-names.py, learn-cues.py): git reads, the held-out articles, and
the list file's format (provenance lines, then one word a line)."""
import collections
import hashlib
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../shared/eval"))


def git(gitdir, *args, inp=None):
    return subprocess.run(["git", "--git-dir", gitdir, *args], input=inp, capture_output=True, check=True).stdout


def batch(gitdir, paths):
    """The blobs at HEAD of `paths`, by path (None where missing), in one git call."""
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


def train_articles(gitdir):
    """Each train article that is not held out and has an annotation and a CoreNLP file:
    (name, its text, the first annotator's .ann text, the CoreNLP XML text)."""
    texts = kept([n[:-4] for n in git(gitdir, "ls-tree", "--name-only", "HEAD:data/train/text").decode().split()
                  if n.endswith(".txt")])
    by_text = collections.defaultdict(list)
    for a in git(gitdir, "ls-tree", "--name-only", "HEAD:data/train/attributions").decode().split():
        if a.endswith(".ann"):
            by_text[a.rsplit("_", 1)[0]].append(a)
    paths = {t: (f"data/train/text/{t}.txt", f"data/train/attributions/{sorted(by_text[t])[0]}",
                 f"data/train/corenlp/{t}.txt.xml")
             for t in texts if by_text.get(t)}
    blobs = batch(gitdir, [p for parts in paths.values() for p in parts])
    for t, (txt, a, x) in paths.items():
        if blobs[a] is not None and blobs[x] is not None:
            yield t, blobs[txt].decode("utf-8"), blobs[a].decode("utf-8"), blobs[x].decode("utf-8", "replace")


def spans(ann, label):
    """The character spans of the annotation's `label` layer ("Cue", "Source"), one list per mark."""
    out = []
    for line in ann.splitlines():
        m = re.match(rf"^T\d+\t{label} (\d+ \d+(?:;\d+ \d+)*)\t", line)
        if m:
            out.append([tuple(map(int, part.split())) for part in m.group(1).split(";")])
    return out


def tokens(xml):
    """CoreNLP's tokens: (word, begin, end, part of speech, named-entity tag)."""
    return [(w, int(b), int(e), p, n) for w, b, e, p, n in re.findall(
        r"<word>([^<]*)</word>\s*<lemma>[^<]*</lemma>\s*<CharacterOffsetBegin>(\d+)</CharacterOffsetBegin>"
        r"\s*<CharacterOffsetEnd>(\d+)</CharacterOffsetEnd>\s*<POS>([^<]*)</POS>\s*<NER>([^<]*)</NER>", xml)]


def held_out():
    """The SHA-256 of the file names kept for an independent evaluation, as the scorer keeps them."""
    try:
        import polnear
    except ImportError:
        sys.exit("needs ../shared/eval/polnear.py beside the checkout (for the held-out list)")
    return polnear.HELD_OUT


def kept(names, suffix=""):
    """The names (without `suffix`) that are not held out."""
    held = held_out()
    return [n for n in names if hashlib.sha256(n[: len(n) - len(suffix)].encode()).hexdigest() not in held]


def print_list(header, words):
    """Writes the list: each header line as a comment, then the words."""
    for line in header:
        print(f"# {line}")
    for w in words:
        print(w)
