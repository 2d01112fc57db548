#!/usr/bin/env bash
# session 27: what a Disease model with character features (+chars:24) costs the default pipeline at tag time.
# The four bundled models against the same with models/disease.bnm replaced by a +chars:24 Disease model (the
# checkpoint of docs/results/session25/disease-chars-scratch.sh selected at its epoch 24, copied to CHARS_MODEL),
# `bioner bench-pipeline` on NCBI-disease test (10 sentences per document), alternated ROUNDS times in one run.
# Run from the repository root.
set -euo pipefail
B=${BIONER:-./bioner}
CHARS_MODEL=${CHARS_MODEL:-work/s27/disease-chars-scratch-e24.bnm}
ROUNDS=${ROUNDS:-3}
DATA=../shared/datasets/NCBI-disease/test.tsv
for r in $(seq 1 "$ROUNDS"); do
  printf 'round %d bundled ' "$r"; $B bench-pipeline --data $DATA 2>/dev/null | tail -n 1
  printf 'round %d chars-disease ' "$r"; $B bench-pipeline --data $DATA --model Disease=$CHARS_MODEL 2>/dev/null | tail -n 1
done
