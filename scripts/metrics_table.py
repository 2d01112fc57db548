#!/usr/bin/env python3
"""Markdown table of both metrics from the JSON files of scripts/score-models.sh.

Usage: python3 scripts/metrics_table.py DIR            (DIR/<model>/<corpus>.{span,token}.json: docs/results/shipped)
       python3 scripts/metrics_table.py DIR span overlap (any metrics scored, one column each: docs/results/cross)"""
import json, pathlib, sys

# the paper's figures (its token-level metric) and BioBERT v1.1's entity-level seqeval figures on the same
# BioBERT splits (dmis-lab/biobert-pytorch, named-entity-recognition/README.md), as issue 13 lists them
PAPER = {"NCBI-disease": 91.11, "BC5CDR-disease": 86.77, "BC5CDR-chem": 91.85, "BC2GM": 90.17,
         "JNLPBA": 88.73, "linnaeus": 90.06, "s800": 85.48}
BIOBERT_SEQEVAL = {"NCBI-disease": 88.30, "BC5CDR-disease": 86.37, "BC5CDR-chem": 93.04, "BC2GM": 83.41,
                   "JNLPBA": 75.98, "linnaeus": 88.08, "s800": 72.38}
ORDER = list(PAPER)


def generic(root, metrics):
    print("| corpus | model | " + " | ".join(f"{m} P / R / F1" for m in metrics) + " |")
    print("|---|---|" + "---:|" * len(metrics))
    for model in sorted(p for p in root.iterdir() if p.is_dir()):
        for first in sorted(model.glob(f"*.{metrics[0]}.json")):
            corpus = first.name[: -len(f".{metrics[0]}.json")]
            cells = []
            for m in metrics:
                r = json.loads((model / f"{corpus}.{m}.json").read_text())["micro"]
                cells.append(f"{100 * r['precision']:.2f} / {100 * r['recall']:.2f} / **{100 * r['f1']:.2f}**")
            print(f"| {corpus} | {model.name} | " + " | ".join(cells) + " |")


def main():
    root = pathlib.Path(sys.argv[1])
    if len(sys.argv) > 2:
        return generic(root, sys.argv[2:])
    print("| corpus | model | exact span P / R / F1 | BioBERT v1.1 exact span | paper's metric P / R / F1 | paper (its metric) |")
    print("|---|---|---:|---:|---:|---:|")
    rows = []
    for span in root.glob("*/*.span.json"):
        corpus = span.name[: -len(".span.json")]
        token = span.with_name(corpus + ".token.json")
        s = json.loads(span.read_text())["micro"]
        t = json.loads(token.read_text())["micro"]
        rows.append((ORDER.index(corpus) if corpus in ORDER else 99, corpus, span.parent.name, s, t))
    for _, corpus, model, s, t in sorted(rows):
        f = lambda m: f"{100 * m['precision']:.2f} / {100 * m['recall']:.2f} / **{100 * m['f1']:.2f}**"
        print(f"| {corpus} | {model} | {f(s)} | {BIOBERT_SEQEVAL.get(corpus, '')} | {f(t)} | {PAPER.get(corpus, '')} |")


if __name__ == "__main__":
    main()
