#!/usr/bin/env bash
# session 26: training time of a tagger with character features (`+chars:24`), two builds side by side, rounds
# alternating: BEFORE (e.g. a build of commit 8967328, the whole input gradient of the reprojection) and AFTER (a build
# of the commit after it, the input gradient of the character columns only). Random word vectors (no embedding cost),
# NCBI-disease train, 2 epochs each, one OpenBLAS thread; prints epoch, loss, dev F1, tokens/s and seconds of both
# epochs per run. Run from the repository root: BEFORE=DIR/bioner AFTER=./bioner bash docs/results/session26/bench-chars.sh
set -euo pipefail
D=../shared/datasets/NCBI-disease
for round in 1 2; do
  for b in BEFORE AFTER; do
    out=$(mktemp -d)
    "${!b}" train --train $D/train.tsv --dev $D/devel.tsv --entity-type Disease --embeddings random:1124:seed=1+chars:24 \
      --max-epochs 2 --threads 1 --out "$out" > "$out.log" 2>&1
    echo "$b round $round load $(cut -d' ' -f1 /proc/loadavg): $(tail -n 2 "$out/training.tsv" | cut -f1,2,5,7,8 | tr '\n' ' ')"
    rm -rf "$out" "$out.log"
  done
done
