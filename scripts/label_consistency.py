#!/usr/bin/env python3
"""Prototype (dev only, not kept): document-level label consistency after tagging.

Every untagged occurrence of a predicted mention's exact token sequence, in the same sentence or the next WINDOW
sentences (both: also the WINDOW before), becomes a mention of that type; mentions of fewer than MINCHARS
characters are not spread. BioBERT files mark no document border, so the window runs in file order.

    scripts/label_consistency.py PRED OUT WINDOW MINCHARS fwd|both
    then: ./bioner evaluate --gold GOLD --pred OUT --entity-type TYPE

docs/RESULTS.md, "Session 14": it lowered devel F1 on four benchmarks, left BC5CDR-chem within 0.02 and raised
only s800, so it was not made a feature.
"""
import sys

from compare_predictions import sentences as rows


def spans(tags):
    out, i = [], 0
    while i < len(tags):
        if tags[i].startswith("B"):
            typ = tags[i][2:]
            j = i + 1
            while j < len(tags) and tags[j].startswith("I"):
                j += 1
            out.append((i, j, typ))
            i = j
        else:
            i += 1
    return out


def main(pred, out, window, minchars, both):
    sents = [[(r[0], r[-1]) for r in s] for s in rows(pred)]
    toks = [[w for w, _ in s] for s in sents]
    new = [[t for _, t in s] for s in sents]
    mentions = [[(tuple(toks[k][a:b]), typ) for a, b, typ in spans(new[k])] for k in range(len(sents))]
    for k in range(len(sents)):
        lo = max(0, k - window) if both else k
        cands = {}
        for j in range(lo, min(len(sents), k + window + 1)):
            for s, typ in mentions[j]:
                if len("".join(s)) >= minchars:
                    cands[s] = typ
        for s, typ in sorted(cands.items(), key=lambda x: -len(x[0])):  # longest first
            tag_untagged(toks[k], new[k], s, typ)
    write(out, toks, new)


def tag_untagged(tokens, tags, seq, typ):
    """Tags (in place, IOB2) every occurrence of the token sequence seq in tokens that no tag covers yet."""
    n = len(seq)
    suffix = "-" + typ if typ else ""
    for i in range(len(tokens) - n + 1):
        if tuple(tokens[i:i + n]) == seq and all(t == "O" for t in tags[i:i + n]):
            tags[i:i + n] = ["B" + suffix] + ["I" + suffix] * (n - 1)


def write(out, toks, tags):
    with open(out, "w", encoding="utf-8") as f:
        for k in range(len(toks)):
            for w, t in zip(toks[k], tags[k]):
                f.write(f"{w}\t{t}\n")
            f.write("\n")


if __name__ == "__main__":
    a = sys.argv
    if len(a) != 6 or a[5] not in ("fwd", "both"):
        sys.exit(__doc__)
    main(a[1], a[2], int(a[3]), int(a[4]), a[5] == "both")
