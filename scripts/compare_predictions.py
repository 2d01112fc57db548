#!/usr/bin/env python3
"""Which gold mentions one model finds and another misses (exact span), with the most frequent strings: for
comparing a multi-corpus model with a single-corpus one on the same split (docs/RESULTS.md, issue 14).
Files: token<TAB>...<TAB>tag, the tag in the last column (gold files and `bioner tag` output alike), same sentences.

Usage: python3 scripts/compare_predictions.py GOLD.tsv A.tsv B.tsv [TOP]"""
import collections, sys


def sentences(path):
    out, cur = [], []
    for line in open(path, encoding="utf-8"):
        row = line.rstrip("\n").split("\t")
        if len(row) < 2:
            if cur:
                out.append(cur)
                cur = []
        else:
            cur.append(row)
    if cur:
        out.append(cur)
    return out


def spans(tags):
    found, j = set(), 0
    while j < len(tags):
        if tags[j].startswith("B"):
            k = j + 1
            while k < len(tags) and tags[k].startswith("I"):
                k += 1
            found.add((j, k))
            j = k
        else:
            j += 1
    return found


def main():
    gold, a, b = (sentences(p) for p in sys.argv[1:4])
    top = int(sys.argv[4]) if len(sys.argv) > 4 else 20
    if not len(gold) == len(a) == len(b):
        sys.exit(f"compare_predictions.py: {len(gold)}, {len(a)} and {len(b)} sentences: not the same split")
    only_a, only_b, new_fp_b = collections.Counter(), collections.Counter(), collections.Counter()
    for g, x, y in zip(gold, a, b):
        tokens = [r[0] for r in g]
        G, A, B = spans([r[-1] for r in g]), spans([r[-1] for r in x]), spans([r[-1] for r in y])
        text = lambda sp: " ".join(tokens[sp[0]:sp[1]])
        for sp in (G & A) - B:
            only_a[text(sp)] += 1
        for sp in (G & B) - A:
            only_b[text(sp)] += 1
        for sp in (B - G) - A:
            new_fp_b[text(sp)] += 1
    for title, c in (("gold mentions A finds and B misses", only_a), ("gold mentions B finds and A misses", only_b),
                     ("false positives of B that A does not make", new_fp_b)):
        print(f"{title}: {sum(c.values())}; " + ", ".join(f'"{s}" {n}' for s, n in c.most_common(top)))


if __name__ == "__main__":
    main()
