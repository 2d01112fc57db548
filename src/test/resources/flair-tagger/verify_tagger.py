#!/usr/bin/env python3
"""Compares `bioner tag --raw-tags --scores` with Flair itself on a real SequenceTagger checkpoint (e.g. HunFlair v1).

Needs the `flair` package (a version that loads the checkpoint); not run by the build (the fixtures' references come
from make_tagger_fixtures.py, which needs only torch).

  bioner tag --model MODEL.pt --in TOKENS.tsv --out JAVA.tsv --raw-tags --scores
  python3 verify_tagger.py MODEL.pt TOKENS.tsv JAVA.tsv

TOKENS.tsv: one token per line in the first column, a blank line after each sentence (the file given to bioner tag).
Flair tags the same tokens (no tokenizer), so the comparison is exact up to float rounding. Prints the number of
tokens, the tag disagreements (first ten) and the largest score difference.
"""
import sys

from flair.data import Sentence
from flair.models import SequenceTagger


def read_columns(path):
    sentences, current = [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line:
                if current:
                    sentences.append(current)
                    current = []
                continue
            current.append(line.split("\t"))
    if current:
        sentences.append(current)
    return sentences


def main(model_path, tokens_path, java_path):
    tagger = SequenceTagger.load(model_path)
    rows = read_columns(tokens_path)
    java = read_columns(java_path)
    sentences = [Sentence(" ".join(r[0] for r in s), use_tokenizer=False) for s in rows]
    try:  # flair >= 0.10: raw BIOES labels per token
        tagger.predict(sentences, force_token_predictions=True)
        label = lambda token: token.get_label(tagger.label_type)  # noqa: E731
    except TypeError:  # flair 0.5-0.9: token tags
        tagger.predict(sentences)
        label = lambda token: token.get_tag(tagger.tag_type)  # noqa: E731
    n, disagreements, worst = 0, [], 0.0
    for s, (sentence, theirs) in enumerate(zip(sentences, java)):
        if len(sentence) != len(theirs):
            sys.exit(f"sentence {s}: flair has {len(sentence)} tokens, {java_path} {len(theirs)}")
        for t, (token, row) in enumerate(zip(sentence, theirs)):
            lab = label(token)
            n += 1
            if lab.value != row[1]:
                disagreements.append(f"{s}:{t} {token.text}: flair {lab.value}, java {row[1]}")
            worst = max(worst, abs(lab.score - float(row[2])))
    print(f"{model_path}: {n} tokens, {len(disagreements)} tag disagreements, max score difference {worst:.3g}")
    for d in disagreements[:10]:
        print("  " + d)


if __name__ == "__main__":
    main(*sys.argv[1:4])
