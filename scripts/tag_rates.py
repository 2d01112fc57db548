#!/usr/bin/env python3
"""How often each corpus tags given words as a type: the conventions that corpora mixed into one default model
disagree on (docs/RESULTS.md, issue 14). For each word, "tagged/occurrences" in each corpus's training file
(train.tsv, else all.tsv): a token counts as tagged when it is a whole one-token mention of TYPE (untyped
benchmark tags are the corpus's own type). Prints a markdown table.

Usage: python3 scripts/tag_rates.py TYPE CORPUS[,CORPUS...] WORD[,WORD...] [SHARED_DIR]   (default ../shared)
e.g.   python3 scripts/tag_rates.py Species linnaeus,s800,BioRED,tmVar3,Variome,RegEl,LocText patients,patient,children,women,human,humans
       python3 scripts/tag_rates.py Chemical BC5CDR-chem,BioRED,BioNLP13PC,DrugProt,DDI,PGxCorpus,SCAI-Chemicals serotonin,dopamine,calcium,sodium,steroids,benzodiazepines,corticosteroids"""
import pathlib, sys


def training_file(shared, corpus):
    for d in (shared / "datasets" / corpus, shared / "datasets-extra" / corpus):
        for name in ("train.tsv", "all.tsv"):
            if (d / name).exists():
                return d / name
    sys.exit(f"tag_rates.py: no corpus {corpus} under {shared}")


def rates(path, type_, words):
    counts = {w: [0, 0] for w in words}
    rows = [l.rstrip("\n").split("\t") for l in open(path, encoding="utf-8")]
    for i, r in enumerate(rows):
        if len(r) < 2 or r[0].lower() not in counts:
            continue
        counts[r[0].lower()][1] += 1
        nxt = rows[i + 1][1] if i + 1 < len(rows) and len(rows[i + 1]) >= 2 else "O"
        if r[1] in ("B", "B-" + type_) and not nxt.startswith("I"):
            counts[r[0].lower()][0] += 1
    return counts


def main():
    type_, corpora, words = sys.argv[1], sys.argv[2].split(","), [w.lower() for w in sys.argv[3].split(",")]
    shared = pathlib.Path(sys.argv[4] if len(sys.argv) > 4 else pathlib.Path(__file__).resolve().parent.parent / "../shared")
    print("| corpus (training file) | " + " | ".join(f'"{w}"' for w in words) + " |")
    print("|---|" + "---:|" * len(words))
    for c in corpora:
        f = training_file(shared, c)
        cnt = rates(f, type_, words)
        print(f"| {c} ({f.name}) | " + " | ".join(f"{a}/{b}" if b else "-" for a, b in (cnt[w] for w in words)) + " |")


if __name__ == "__main__":
    main()
