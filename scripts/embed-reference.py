#!/usr/bin/env python3
"""Writes tests/fixtures/embed-reference.tsv: reference vectors of the shipped static model.

Each sentence's vector is computed here independently of factdesk's Rust code: HF tokenizers
(all-MiniLM-L6-v2's tokenizer.json) for the token ids, numpy for the sum of the dequantised rows
and the normalisation. tests/it/embed.rs requires factdesk's vectors within a cosine of 0.99.
Usage: embed-reference.py MODEL.safetensors TOKENIZER.json > tests/fixtures/embed-reference.tsv
"""
import sys

import numpy as np
from safetensors.numpy import load_file
from tokenizers import Tokenizer

SENTENCES = [
    "The council said unemployment fell to 4.2% in March.",
    "Moscow is not prepared to take up President Donald Trump's offer of a second summit in the United States.",
    "Russia is not ready to accept Trump's invitation to a second summit.",
    "I don't see any reason why it wouldn't be Russia.",
    "Café owners in São Paulo protested the 15,000-real fine.",
    "COVID-19 vaccines contain microchips, a viral post claims.",
    "The mayor promised 2,000 new homes by 2030.",
    "“We will not raise taxes,” the governor told reporters — again.",
    "Chanel No. 5 is being discontinued.",
    "A photograph shows a shark swimming on a flooded highway in Houston.",
]

t = load_file(sys.argv[1])
rows = t["embeddings"].astype(np.float64) * t["scales"].astype(np.float64)[:, None]
tk = Tokenizer.from_file(sys.argv[2])
tk.no_padding()
tk.no_truncation()
print("# A sentence, a tab, and its vector from the shipped static model (scripts/embed-reference.py),")
print("# computed once with HF tokenizers and numpy; factdesk's vectors must agree (cosine >= 0.99).")
for s in SENTENCES:
    ids = [i for i in tk.encode(s).ids if i not in (101, 102)]
    v = rows[ids].sum(0)
    v /= np.linalg.norm(v)
    print(s + "\t" + " ".join(f"{x:.5f}" for x in v))
