#!/usr/bin/env bash
# Session 38's split-dev check: the NCBI-disease reference recipe (+chars:24, lr 0.1, anneal x0.5 after 3 epochs
# without improvement, stopped below 0.01, --threads 1) selected and annealed on devA (the first 461 sentences of
# devel), with the weight average of window WINDOW (epochs) beside it, one run per SEED side by side; then the run's
# selected model and the average's both tag devB (the other 462) as `tag` tags by default, scored by exact span and
# the paper's metric, with their errors (scripts/split-dev.sh, which also makes the halves).
# Each run is resumable; neither the test split nor devB is trained or selected on. It runs in the repository root.
# TRAIN (default NCBI-disease train.tsv) is the training file, RUN (default flair512+glove+chars-devA-avg) the run
# folders' prefix under results/NCBI-disease/ (RUN-seedS), NAME (default ncbi-chars-devA) the scored models' prefix
# (NAME-seedS, NAME-avgW-seedS): e.g. the self-training students of session 38 on train + silver.
#
#   BIONER=work/frozen-s38/bioner docs/results/session38/avg-split-dev.sh WINDOW SEED...
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../../.."   # the paths below are relative to the repository root
[ $# -ge 2 ] || { echo "usage: avg-split-dev.sh WINDOW SEED..." >&2; exit 2; }
w="$1"; shift
B=${BIONER:-./bioner}
prefix=${RUN:-flair512+glove+chars-devA-avg}
name=${NAME:-ncbi-chars-devA}
BIONER=$B scripts/split-dev.sh train "$prefix" "$@" -- --average-epochs "$w"   # TRAIN passes through; a failed run stops here
mkdir -p work/dev-models
models=()
for s in "$@"; do
  out=results/NCBI-disease/$prefix-seed$s
  cp $out/tagger.bnm work/dev-models/$name-seed$s.bnm
  cp $out/tagger-averaged-$w.bnm work/dev-models/$name-avg$w-seed$s.bnm
  models+=(work/dev-models/$name-seed$s.bnm work/dev-models/$name-avg$w-seed$s.bnm)
  mkdir -p docs/results/NCBI-disease/$prefix-seed$s
  cp $out/training.tsv $out/training.png $out/training-averaged-$w.tsv docs/results/NCBI-disease/$prefix-seed$s/
done
BIONER=$B scripts/split-dev.sh score docs/results/session38/ncbi-devB "${models[@]}"
