#!/usr/bin/env python3
"""The entity-bias sweep of session 34 as a table: per model and devel corpus, exact span P / R / F1 per bias, and
each model's mean F1 over its corpora. Reads docs/results/session34/bias-dev/b<BIAS>/<model>/<corpus>.span.json."""
import json
import os

BASE = "docs/results/session34/bias-dev"
BIASES = ["-1", "-0.5", "0", "0.5", "1"]
MODELS = [("disease", ["NCBI-disease", "BC5CDR-disease"]), ("chemical", ["BC5CDR-chem"]), ("gene", ["BC2GM"]),
          ("species", ["linnaeus", "s800"])]
print("| model | devel split | " + " | ".join("bias " + b for b in BIASES) + " |")
print("|---|---|" + "---:|" * len(BIASES))
for model, corpora in MODELS:
    means = {b: [] for b in BIASES}
    for c in corpora:
        cells = []
        for b in BIASES:
            m = json.load(open(os.path.join(BASE, "b" + b, model, c + ".span.json")))["micro"]
            means[b].append(100 * m["f1"])
            cells.append(f"{100 * m['precision']:.2f} / {100 * m['recall']:.2f} / **{100 * m['f1']:.2f}**")
        print(f"| {model} | {c} | " + " | ".join(cells) + " |")
    if len(corpora) > 1:
        print(f"| {model} | mean F1 | " + " | ".join(f"{sum(v) / len(v):.2f}" for v in means.values()) + " |")

# the own-corpus NCBI-disease models (bias-ncbi-own.sh): devel exact span F1 per bias, and which bias is best
OWN = "docs/results/session34/bias-ncbi-own"
if os.path.isdir(OWN):
    own_biases = ["-0.5", "0", "0.5"]
    names = sorted(os.listdir(os.path.join(OWN, "b0")))
    print()
    print("| NCBI-disease devel, own-corpus model | " + " | ".join("bias " + b for b in own_biases) + " |")
    print("|---|" + "---:|" * len(own_biases))
    sums = {b: 0.0 for b in own_biases}
    for n in names:
        f = {b: 100 * json.load(open(os.path.join(OWN, "b" + b, n, "NCBI-disease.span.json")))["micro"]["f1"] for b in own_biases}
        for b in own_biases:
            sums[b] += f[b]
        best = max(own_biases, key=lambda b: f[b])
        print(f"| {n} | " + " | ".join((f"**{f[b]:.2f}**" if b == best else f"{f[b]:.2f}") for b in own_biases) + " |")
    print("| mean of " + str(len(names)) + " | " + " | ".join(f"{sums[b] / len(names):.2f}" for b in own_biases) + " |")
