#!/usr/bin/env python3
"""How each corpus annotates the names that a reference corpus tags most: where corpora mixed into one default model
disagree on what a mention is (docs/RESULTS.md, issue 14). The reference names are the mention strings (up to 4
tokens, more than one character) tagged at least MIN times in the reference corpus's training file; every occurrence of one of them as a run
of tokens in a corpus's training file (train.tsv, else all.tsv) counts as: the same mention (exactly a TYPE
mention), part of another (covered by a TYPE mention with other boundaries), or untagged (no TYPE tag on it). A
corpus that leaves many of them untagged annotates the type partially or by a narrower guideline. Untyped benchmark
tags are the corpus's own type. Prints a markdown table.

Usage: python3 scripts/convention_agreement.py TYPE REFERENCE CORPUS[,CORPUS...] [MIN] [SHARED_DIR]   (defaults 3, ../shared)
e.g.   python3 scripts/convention_agreement.py Gene BC2GM BioRED,tmVar3,BioNLP09,NLM-Gene"""
import collections, pathlib, sys

from compare_predictions import sentences as rows, spans
from tag_rates import training_file

MAX_TOKENS = 4


def sentences(path, type_):
    """[(tokens, [(start, end)])] with the TYPE mentions of each sentence (untyped B/I read as TYPE, other types as O)."""
    keep = ("B", "I", "B-" + type_, "I-" + type_)
    return [([r[0] for r in s], sorted(spans([r[-1] if r[-1] in keep else "O" for r in s]))) for s in rows(path)]


def agreement(sents, names):
    mentions = same = part = untagged = 0
    for toks, spans in sents:
        mentions += len(spans)
        exact = set(spans)
        covered = [False] * len(toks)
        for a, b in spans:
            for i in range(a, b):
                covered[i] = True
        for i in range(len(toks)):
            for n in range(1, MAX_TOKENS + 1):
                if i + n > len(toks):
                    break
                if tuple(toks[i:i + n]) not in names:
                    continue
                if (i, i + n) in exact:
                    same += 1
                elif any(covered[i:i + n]):
                    part += 1
                else:
                    untagged += 1
    return mentions, same, part, untagged


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    type_, ref, corpora = sys.argv[1], sys.argv[2], sys.argv[3].split(",")
    minimum = int(sys.argv[4]) if len(sys.argv) > 4 else 3
    shared = pathlib.Path(sys.argv[5] if len(sys.argv) > 5 else pathlib.Path(__file__).resolve().parent.parent.parent / "shared")
    ref_sents = sentences(training_file(shared, ref), type_)
    counts = collections.Counter(tuple(t[a:b]) for t, spans in ref_sents for a, b in spans if b - a <= MAX_TOKENS)
    names = {m for m, c in counts.items() if c >= minimum and len("".join(m)) > 1}  # not "T" (as in "T cell")
    print(f"{len(names)} names tagged {type_} at least {minimum} times in {ref}'s training file\n")
    print("| corpus | mentions | occurrences of the names | the same mention | part of another | untagged |")
    print("|---|---:|---:|---:|---:|---:|")
    for c in [ref] + corpora:
        m, s, p, u = agreement(ref_sents if c == ref else sentences(training_file(shared, c), type_), names)
        n = s + p + u
        pct = lambda x: f"{100 * x / n:.0f}%" if n else "-"
        print(f"| {c} | {m:,} | {n:,} | {pct(s)} | {pct(p)} | {pct(u)} |")


if __name__ == "__main__":
    main()
