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

from iob_sentences import read_sentences


def spans(sentence, entity_type):
    """(start, end) of each mention of entity_type: untyped B/I count as that type; IOB2, an I after O starts one."""
    out, start = [], None

    def kind(tag):
        if tag == "O":
            return "O", None
        prefix, _, typ = tag.partition("-")
        return prefix, (typ or entity_type)

    for i, (_, tag) in enumerate(sentence):
        prefix, typ = kind(tag)
        inside = prefix in ("B", "I") and typ == entity_type
        if start is not None and (not inside or prefix == "B"):
            out.append((start, i))
            start = None
        if inside and start is None:
            start = i
    if start is not None:
        out.append((start, len(sentence)))
    return out


def tokens(sentence, b, e):
    """The tokens of sentence[b:e], as a pool entry."""
    return tuple(t for t, _ in sentence[b:e])


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
        for s in read_sentences(path):
            pool.extend(tokens(s, b, e) for b, e in spans(s, a.entity_type))
    if not pool:
        sys.exit(f"no {a.entity_type} mention in the pool files")
    rng = random.Random(a.seed)
    train = read_sentences(a.train)
    out = sys.stdout
    copies = 0

    def write(sentence, mentions, names):
        """The sentence with each mention's tokens replaced by its name (B, then I); every other token O."""
        pos = 0
        for (b, e), name in zip(mentions, names):
            for token, _ in sentence[pos:b]:
                out.write(f"{token}\tO\n")
            for i, token in enumerate(name):
                out.write(f"{token}\t{'B' if i == 0 else 'I'}\n")
            pos = e
        for token, _ in sentence[pos:]:
            out.write(f"{token}\tO\n")
        out.write("\n")

    for s in train:  # the training file itself, --type's mentions only
        mentions = spans(s, a.entity_type)
        write(s, mentions, [tokens(s, b, e) for b, e in mentions])
    for s in train:
        mentions = spans(s, a.entity_type)
        if not mentions:
            continue
        replace = [rng.random() < a.p for _ in mentions]
        if not any(replace):
            replace[rng.randrange(len(mentions))] = True
        write(s, mentions, [rng.choice(pool) if r else tokens(s, b, e) for (b, e), r in zip(mentions, replace)])
        copies += 1
    print(f"{len(train)} sentences, {copies} copies, pool of {len(pool)} {a.entity_type} mentions", file=sys.stderr)


if __name__ == "__main__":
    main()
