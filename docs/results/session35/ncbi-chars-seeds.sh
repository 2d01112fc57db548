#!/usr/bin/env bash
# session 35: the reference NCBI-disease recipe (session 22's batch-32 runs: +chars:24, lr 0.1, anneal x0.5 after 3
# epochs without devel improvement, stopped below 0.01) with the word vectors GLOVE, one run per SEED side by side
# (--threads 1 each), devel only; then devel as `tag` tags by default (scripts/dev-score.sh, models named NAME-seedS).
# Each run is resumable. The test split is not read. BIONER_DATASETS (as for scripts/experiment.sh) names another
# folder of corpora (train.tsv, devel.tsv); DEV_OUT (default docs/results/session35/ncbi-dev) is where the devel scores
# go. It runs in the repository root: relative paths (GLOVE, BIONER, BIONER_DATASETS, DEV_OUT) are read from there.
#
#   docs/results/session35/ncbi-chars-seeds.sh RUN_PREFIX NAME GLOVE SEED...
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../../.."   # the paths below are relative to the repository root
[ $# -ge 4 ] || { echo "usage: ncbi-chars-seeds.sh RUN_PREFIX NAME GLOVE SEED..." >&2; exit 2; }
prefix="$1"; name="$2"; glove="$3"; shift 3
B=${BIONER:-./bioner}
spec=flair:models/lm-biomed-forward-h512.bnm+flair:models/lm-biomed-backward-h512.bnm+glove:$glove+chars:24
runs=(); pids=()
for s in "$@"; do
  BIONER=$B DEV_ONLY=1 scripts/experiment.sh NCBI-disease "$prefix-seed$s" "$spec" \
    --max-epochs 150 --min-lr 0.01 --seed "$s" --threads 1 &
  pids+=($!); runs+=("$prefix-seed$s=$name-seed$s")
done
for p in "${pids[@]}"; do wait "$p"; done   # set -e: a failed run stops here, before any scoring
BIONER=$B scripts/dev-score.sh NCBI-disease "${DEV_OUT:-docs/results/session35/ncbi-dev}" "${runs[@]}"
