#!/usr/bin/env bash
# Session 39's check of a stacked BiLSTM: the NCBI-disease reference recipe (+chars:24, lr 0.1, batch 32, anneal x0.5
# after 3 epochs without improvement, stopped below 0.01, --threads 1) with LAYERS BiLSTM layers (`train --rnn-layers`),
# selected and annealed on devA (the first 461 devel sentences), one run per SEED side by side; then each selected model
# tags devB (the other 462) as `tag` tags by default, scored by exact span and the paper's metric with its errors
# (scripts/split-dev.sh, which also runs the recipe). The reference: session 38's devA-selected one-layer seeds 1-5, run the same way
# (docs/results/session38/ncbi-devB/ncbi-chars-devA-seed*). Each run is resumable; neither the test split nor devB is
# trained or selected on. It runs in the repository root.
#
#   BIONER=work/frozen-s39/bioner docs/results/session39/layers-split-dev.sh LAYERS SEED...
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../../.."   # the paths below are relative to the repository root
[ $# -ge 2 ] || { echo "usage: layers-split-dev.sh LAYERS SEED..." >&2; exit 2; }
layers="$1"; shift
B=${BIONER:-./bioner}
prefix=flair512+glove+chars-l$layers-devA
BIONER=$B scripts/split-dev.sh train "$prefix" "$@" -- --rnn-layers "$layers"   # a failed run stops here, before any scoring
mkdir -p work/dev-models
models=()
for s in "$@"; do
  out=results/NCBI-disease/$prefix-seed$s
  cp $out/tagger.bnm work/dev-models/ncbi-chars-l$layers-devA-seed$s.bnm
  models+=(work/dev-models/ncbi-chars-l$layers-devA-seed$s.bnm)
  mkdir -p docs/results/NCBI-disease/$prefix-seed$s
  cp $out/training.tsv $out/training.png docs/results/NCBI-disease/$prefix-seed$s/
done
BIONER=$B scripts/split-dev.sh score docs/results/session39/ncbi-devB "${models[@]}"
