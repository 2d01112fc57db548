#!/usr/bin/env python3
"""Mention replacement (Dai & Adel 2020, "An analysis of simple data augmentation for NER"): a training file
followed by one copy of each of its sentences that has a mention, in which every mention is replaced, with
probability P (at least one per copy), by a mention of the same type drawn from a pool of training mentions
(uniformly over occurrences, so frequent names come back as often as they occur). Tags of the copy follow the
replacing mention (B then I); the O tokens around it are kept, so the copy keeps the context and changes the name.

    scripts/mention_replacement.py --train TRAIN --type Disease --pool FILE... [--p 0.5] [--seed 1] > OUT

TRAIN and the pool files are `token<TAB>tag` files with a blank line between sentences; tags untyped (`B`, `I`,
`O`: the BioBERT benchmark files, whose mentions count as --type) or typed (`B-Disease`: datasets-extra, of which
only --type's mentions are used). The output is untyped (`B`/`I`/`O`), as the benchmark file. Pool only training
splits (train.tsv, all.tsv): never a devel or test split. Deterministic for a seed.
"""
import argparse
import random
import sys

from convention_agreement import sentences as typed_sentences


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--train", required=True)
    ap.add_argument("--type", required=True, dest="entity_type")
    ap.add_argument("--pool", nargs="+", required=True)
    ap.add_argument("--p", type=float, default=0.5)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    if not 0 < a.p <= 1:
        sys.exit(f"--p must be in (0, 1], got {a.p}")
    for path in a.pool:
        if path.endswith(("devel.tsv", "test.tsv")):
            sys.exit(f"{path}: a devel or test split cannot be a mention pool")
    pool = []
    for path in a.pool:
        pool.extend(tuple(toks[b:e]) for toks, spans in typed_sentences(path, a.entity_type) for b, e in spans)
    if not pool:
        sys.exit(f"no {a.entity_type} mention in the pool files")
    rng = random.Random(a.seed)
    train = typed_sentences(a.train, a.entity_type)  # [(tokens, [(start, end)])], --type's mentions only
    out = sys.stdout

    def write(toks, spans, names):
        """The sentence with each mention's tokens replaced by its name (B, then I); every other token O."""
        pos = 0
        for (b, e), name in zip(spans, names):
            out.writelines(f"{t}\tO\n" for t in toks[pos:b])
            out.writelines(f"{t}\t{'B' if i == 0 else 'I'}\n" for i, t in enumerate(name))
            pos = e
        out.writelines(f"{t}\tO\n" for t in toks[pos:])
        out.write("\n")

    for toks, spans in train:  # the training file itself
        write(toks, spans, [toks[b:e] for b, e in spans])
    copies = 0
    for toks, spans in train:
        if not spans:
            continue
        replace = [rng.random() < a.p for _ in spans]
        if not any(replace):
            replace[rng.randrange(len(spans))] = True
        write(toks, spans, [rng.choice(pool) if r else toks[b:e] for (b, e), r in zip(spans, replace)])
        copies += 1
    print(f"{len(train)} sentences, {copies} copies, pool of {len(pool)} {a.entity_type} mentions", file=sys.stderr)


if __name__ == "__main__":
    main()
