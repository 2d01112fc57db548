#!/usr/bin/env python3
"""Prototype (dev only): spread a short form the tagger tagged inside its own parentheses.

Where a predicted mention is exactly the 1-3 tokens between "(" and ")" (2-10 characters, with a letter), every
untagged occurrence of those tokens in that sentence and the next WINDOW gets the mention's type: the case the
abbreviation rule (`corpus.AbbreviationPropagation`, which needs the long form tagged exactly) cannot type.
Run it on `tag` output (which already applies the abbreviation rule by default).

    scripts/short_form_spread.py PRED OUT WINDOW
    then: ./bioner evaluate --gold GOLD --pred OUT --entity-type TYPE

docs/RESULTS.md, "Session 14" (devel only; a candidate extension of the abbreviation rule).
"""
import sys

from label_consistency import read, spans, tag_untagged, write


def main(pred, out, window):
    sents = read(pred)
    toks = [[w for w, _ in s] for s in sents]
    new = [[t for _, t in s] for s in sents]
    for k in range(len(sents)):
        for a, b, typ in spans([t for _, t in sents[k]]):
            if not (a > 0 and b < len(toks[k]) and toks[k][a - 1] == "(" and toks[k][b] == ")" and b - a <= 3):
                continue
            sf = tuple(toks[k][a:b])
            text = "".join(sf)
            if not (2 <= len(text) <= 10 and any(c.isalpha() for c in text)):
                continue
            for j in range(k, min(len(sents), k + window + 1)):
                tag_untagged(toks[j], new[j], sf, typ)
    write(out, toks, new)


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]))
