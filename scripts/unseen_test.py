#!/usr/bin/env python3
"""Writes a test split without the sentences whose tokens occur in any benchmark train split, so that the shipped
models (trained on benchmark train splits) are scored on text they have not seen.

Usage: python3 scripts/unseen_test.py IN_TEST_TSV OUT_TEST_TSV [DATASETS_DIR]   (default ../shared/datasets)
e.g.   python3 scripts/unseen_test.py ../shared/datasets-extra/BioRED/test.tsv work/cross-data/BioRED-unseen/test.tsv
(BioRED reuses BC5CDR train abstracts: 106 of its 813 test sentences are in BC5CDR train.)"""
import pathlib, sys


def sentences(path):
    out, cur = [], []
    for line in open(path, encoding="utf-8"):
        if not line.strip():
            if cur:
                out.append(cur)
                cur = []
        else:
            cur.append(line.rstrip("\n"))
    if cur:
        out.append(cur)
    return out


def tokens(block):
    return tuple(l.split("\t")[0] for l in block)


def main():
    src, dst = sys.argv[1], pathlib.Path(sys.argv[2])
    data = pathlib.Path(sys.argv[3] if len(sys.argv) > 3 else pathlib.Path(__file__).resolve().parent.parent / "../shared/datasets")
    seen = {tokens(b) for train in sorted(data.glob("*/train.tsv")) for b in sentences(train)}
    blocks = sentences(src)
    kept = [b for b in blocks if tokens(b) not in seen]
    dst.parent.mkdir(parents=True, exist_ok=True)
    dst.write_text("".join("\n".join(b) + "\n\n" for b in kept), encoding="utf-8")
    print(f"{src}: {len(blocks)} sentences, {len(blocks) - len(kept)} found in a benchmark train split, {len(kept)} written to {dst}")


if __name__ == "__main__":
    main()
