#!/usr/bin/env python3
"""Relabel corpora to the "patients are Homo sapiens" Species convention (LINNAEUS, BioRED, tmVar3): every
single token outside a mention whose lower case is a Species entry of
src/main/resources/org/bioner/conventions/species-human-nouns.tsv (the list that `--mention-stoplist` turns off
again) becomes a one-token Species mention. Writes relabeled copies; never applied to a test split (benchmark test
splits are scored against their own gold).

Usage: python3 scripts/species_humans.py IN.tsv OUT.tsv   (BioBERT untyped B/I/O or typed B-Species/I-Species tags)
Prints how many tokens were relabeled."""
import pathlib, sys

WORDS_FILE = pathlib.Path(__file__).resolve().parent.parent / "src/main/resources/org/bioner/conventions/species-human-nouns.tsv"


def words():
    rows = [l.split("\t") for l in WORDS_FILE.read_text(encoding="utf-8").splitlines() if l.strip() and not l.startswith("#")]
    return {r[1].strip().lower() for r in rows if r[0] == "Species"}


def main():
    src, dst = map(pathlib.Path, sys.argv[1:3])
    if src.name.startswith("test"):
        sys.exit(f"species_humans.py: {src}: refusing to relabel a test split")
    human = words()
    relabeled = 0
    with open(src, encoding="utf-8") as f, open(dst, "w", encoding="utf-8") as out:
        lines = f.read().split("\n")
        typed = any(l.split("\t")[-1].endswith("-Species") for l in lines if "\t" in l)
        begin = "B-Species" if typed else "B"
        for i, line in enumerate(lines):
            if "\t" in line:
                tok, tag = line.split("\t", 1)
                nxt = lines[i + 1].split("\t", 1)[1] if i + 1 < len(lines) and "\t" in lines[i + 1] else "O"
                # an O token not followed by an I tag (which would make it the start of another mention)
                if tag == "O" and tok.lower() in human and not nxt.startswith("I"):
                    line = tok + "\t" + begin
                    relabeled += 1
            out.write(line + ("\n" if i + 1 < len(lines) else ""))
    print(f"{src} -> {dst}: {relabeled} tokens relabeled as {begin}")


if __name__ == "__main__":
    main()
