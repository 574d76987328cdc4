"""Shared by the scripts that learn word lists from a fetched PolNeAR snapshot
(learn-not-names.py, learn-cues.py): git reads, the held-out articles, and
the list file's format (provenance lines, then one word a line)."""
import hashlib
import os
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../shared/eval"))


def git(gitdir, *args, inp=None):
    return subprocess.run(["git", "--git-dir", gitdir, *args], input=inp, capture_output=True, check=True).stdout


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
