#!/usr/bin/env bash
# Session 38: the NCBI-disease reference recipe (session 22's: +chars:24, lr 0.1, anneal x0.5 after 3 epochs without
# devel improvement, stopped below 0.01, --threads 1) with running weight averages beside it (train --average-epochs
# WINDOWS, default 1,3,10), one run per SEED side by side, devel only; then devel as `tag` tags by default
# (scripts/dev-score.sh) for each run's own model (ncbi-chars-avg-seedS) and each average's
# (ncbi-chars-avgH-seedS). Each run is resumable; the test split is not read. Where an earlier run of the seed
# (flair512+glove+chars-seedS) kept its embedding caches, they are hard-linked in instead of embedding again (the
# trainer checks that a cache is of these sentences and embeddings). It runs in the repository root.
#
#   BIONER=work/frozen-s38/bioner docs/results/session38/avg-seeds.sh SEED...
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../../.."   # the paths below are relative to the repository root
[ $# -ge 1 ] || { echo "usage: avg-seeds.sh SEED..." >&2; exit 2; }
B=${BIONER:-./bioner}
windows=${WINDOWS:-1,3,10}
spec=flair:models/lm-biomed-forward-h512.bnm+flair:models/lm-biomed-backward-h512.bnm+glove:models/glove-biomed-100d.bnm+chars:24
pids=()
for s in "$@"; do
  run=results/NCBI-disease/flair512+glove+chars-avg-seed$s
  earlier=results/NCBI-disease/flair512+glove+chars-seed$s/work
  if [ ! -d "$run/work" ] && [ -f "$earlier/embeddings-train.f16" ]; then
    mkdir -p "$run/work"
    ln "$earlier"/embeddings-{train,dev}.f16 "$run"/work
  fi
  BIONER=$B DEV_ONLY=1 scripts/experiment.sh NCBI-disease "flair512+glove+chars-avg-seed$s" "$spec" \
    --max-epochs 150 --min-lr 0.01 --seed "$s" --threads 1 --average-epochs "$windows" > "work/avg-seed$s.log" 2>&1 &
  pids+=($!)
done
for p in "${pids[@]}"; do wait "$p"; done   # set -e: a failed run stops here, before any scoring
out=docs/results/session38/ncbi-dev
for s in "$@"; do
  BIONER=$B scripts/dev-score.sh NCBI-disease $out "flair512+glove+chars-avg-seed$s=ncbi-chars-avg-seed$s"
  for h in ${windows//,/ }; do
    MODEL=tagger-averaged-$h.bnm BIONER=$B scripts/dev-score.sh NCBI-disease $out "flair512+glove+chars-avg-seed$s=ncbi-chars-avg$h-seed$s"
  done
done
