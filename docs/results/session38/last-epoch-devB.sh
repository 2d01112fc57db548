#!/usr/bin/env bash
# Session 38, after avg-split-dev.sh: the last epoch of each devA-selected run (its checkpoint: the weights where
# the schedule stopped, selected by nothing) and the 1-epoch average at that epoch, tagging devB as `tag` tags by
# default: what selecting an epoch on devA gains over running the schedule to its end. Run from the repository root.
#   BIONER=work/frozen-s38/bioner docs/results/session38/last-epoch-devB.sh SEED...
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../../.."
B=${BIONER:-./bioner}
models=()
for s in "$@"; do
  r=results/NCBI-disease/flair512+glove+chars-devA-avg-seed$s/work
  cp $r/checkpoint.bnm work/dev-models/ncbi-chars-devA-last-seed$s.bnm
  cp $r/checkpoint-averaged-1.bnm work/dev-models/ncbi-chars-devA-avg1-last-seed$s.bnm
  models+=(work/dev-models/ncbi-chars-devA-last-seed$s.bnm work/dev-models/ncbi-chars-devA-avg1-last-seed$s.bnm)
done
BIONER=$B scripts/split-dev.sh score docs/results/session38/ncbi-devB "${models[@]}"
