#!/usr/bin/env python3
"""Measurement prototype: does propagating a tagged long form to later uses of its abbreviation help?

Abbreviations defined in the text ("glyceryl trinitrate ( GTN )") are found with Schwartz & Hearst's rule (PSB 2003:
a short form of 2-10 characters in parentheses, whose characters appear in order in the words before it, the first
one starting a word). When the tagger's predicted span covers exactly the long form, every later occurrence of the
short form (as a whole token sequence) that the tagger left as O in the same and the next WINDOW sentences is tagged
with the long form's type. With --drop, a short form whose long form the tagger did NOT tag loses its predicted
spans in those sentences too (the document says what the abbreviation stands for).

BioBERT files keep the sentence order of their documents but mark no document boundary, hence the window.

Usage: python3 scripts/abbrev_propagation.py GOLD PRED OUT [--window N] [--drop] [--loose]
   GOLD supplies nothing but the tokens (checked equal to PRED's); OUT gets PRED's format (token TAB tag).
Then: ./bioner evaluate --gold GOLD --pred OUT --entity-type TYPE --types TYPE
"""
import argparse


def read(path):
    sents, cur = [], []
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if not line:
            if cur:
                sents.append(cur)
                cur = []
            continue
        tok, tag = line.split("\t")[:2]
        cur.append([tok, tag])
    if cur:
        sents.append(cur)
    return sents


def spans(tags):
    """(start, end exclusive, type) of the B-/I- spans (an I- after O or another type starts a span)."""
    out, start, typ = [], None, None
    for i, t in enumerate(tags + ["O"]):
        if t.startswith("B-") or t == "O" or (t.startswith("I-") and t[2:] != typ):
            if start is not None:
                out.append((start, i, typ))
                start, typ = None, None
            if t != "O":
                start, typ = i, t[2:]
    return out


def best_long_form(short, words):
    """Schwartz & Hearst's findBestLongForm on the words before '(' (a list); returns how many trailing words form
    the long form, or 0."""
    s = short.lower()
    text = " ".join(words).lower()
    si, li = len(s) - 1, len(text) - 1
    while si >= 0:
        c = s[si]
        if not c.isalnum():
            si -= 1
            continue
        while li >= 0 and (text[li] != c or (si == 0 and li > 0 and text[li - 1].isalnum())):
            li -= 1
        if li < 0:
            return 0
        li -= 1
        si -= 1
    start = text.rfind(" ", 0, li + 1) + 1  # the long form starts at the word holding its first character
    n = len(text[start:].split())
    return n if n <= min(len(s) + 5, 2 * len(s)) else 0


def definitions(sent):
    """(lf_start, lf_end, sf_tokens, sf_start) for each 'LONG FORM ( SF )' in a sentence."""
    toks = [t for t, _ in sent]
    out = []
    for i, t in enumerate(toks):
        if t != "(":
            continue
        for j in range(i + 2, min(i + 5, len(toks))):
            if toks[j] == ")":
                break
        else:
            continue
        sf = toks[i + 1:j]
        sfs = "".join(sf)
        if not (2 <= len(sfs) <= 10 and any(ch.isalpha() for ch in sfs) and sfs[0].isalnum()):
            continue
        if len(sf) > 1 and len(sfs) > 10:
            continue
        n = best_long_form(sfs, toks[max(0, i - 2 * len(sfs)):i])
        if n and n < i + 1 and len(" ".join(toks[i - n:i])) > len(sfs):
            out.append((i - n, i, sf, i + 1))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("gold")
    ap.add_argument("pred")
    ap.add_argument("out")
    ap.add_argument("--window", type=int, default=10)
    ap.add_argument("--drop", action="store_true")
    ap.add_argument("--loose", action="store_true")
    a = ap.parse_args()
    gold, pred = read(a.gold), read(a.pred)
    assert [[t for t, _ in s] for s in gold] == [[t for t, _ in s] for s in pred], "token mismatch"
    added = dropped = 0
    for si, sent in enumerate(pred):
        for lf0, lf1, sf, sf0 in definitions(sent):
            pspans = spans([tag for _, tag in sent])
            # the long form's type: a predicted span that is exactly the long form (--loose: any span ending where it ends)
            typ = next((ty for b, e, ty in pspans if e == lf1 and (b == lf0 or a.loose)), None)
            n = len(sf)
            for sj in range(si, min(len(pred), si + a.window + 1)):
                other = pred[sj]
                toks = [t for t, _ in other]
                for k in range(len(toks) - n + 1):
                    if toks[k:k + n] != sf:
                        continue
                    tags = [tag for _, tag in other[k:k + n]]
                    if typ is not None and all(t == "O" for t in tags):
                        other[k][1] = "B-" + typ
                        for m in range(k + 1, k + n):
                            other[m][1] = "I-" + typ
                        added += 1
                    elif typ is None and a.drop and tags[0].startswith("B-") and \
                            (k + n == len(toks) or not other[k + n][1].startswith("I-")) and \
                            all(t.startswith("I-") for t in tags[1:]):
                        for m in range(k, k + n):
                            other[m][1] = "O"
                        dropped += 1
    with open(a.out, "w", encoding="utf-8") as f:
        for sent in pred:
            for tok, tag in sent:
                f.write(f"{tok}\t{tag}\n")
            f.write("\n")
    print(f"added {added} short-form spans, dropped {dropped}")


if __name__ == "__main__":
    main()
