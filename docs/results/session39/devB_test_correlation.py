#!/usr/bin/env python3
"""Session 39: devB F1 against test F1 (exact span) of the eight devA-selected NCBI-disease models read on test (two-layer
seeds 1-3, one-layer seeds 1-5), from the scored JSON of docs/results/session38/ncbi-devB, docs/results/session39/ncbi-devB
and docs/results/session39/ncbi-test; prints each pair, the group means and the Pearson correlation. Run from the
repository root:  python3 docs/results/session39/devB_test_correlation.py"""
import json
import statistics

MODELS = [("session39", f"ncbi-chars-l2-devA-seed{s}") for s in (1, 2, 3)] + \
         [("session38", f"ncbi-chars-devA-seed{s}") for s in (1, 2, 3, 4, 5)]


def f1(folder, name):
    with open(f"docs/results/{folder}/{name}/NCBI-disease.span.json", encoding="utf-8") as f:
        return 100 * json.load(f)["micro"]["f1"]


devb, test = [], []
for session, name in MODELS:
    devb.append(f1(f"{session}/ncbi-devB", name))
    test.append(f1("session39/ncbi-test", name))
    print(f"{name:26s} devB {devb[-1]:.2f}  test {test[-1]:.2f}")
print(f"test means: two layers {statistics.mean(test[:3]):.2f}, one layer {statistics.mean(test[3:]):.2f}")
print(f"Pearson devB-test over {len(MODELS)} models: {statistics.correlation(devb, test):.2f}")
