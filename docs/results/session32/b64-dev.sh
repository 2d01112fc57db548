#!/usr/bin/env bash
# session 32: NCBI-disease devel as `tag` tags by default (the abbreviation rule on) for the two batch-64 models
# (flair512+glove+chars-b64-seed{1,2}), as docs/results/session22/score.sh did for the batch-32 seeds; copies their
# curves beside the other NCBI-disease runs. Run from the repository root after their DEV_ONLY runs (RESULTS "Session 32").
set -euo pipefail
for seed in ${SEEDS:-1 2}; do
  scripts/dev-score.sh NCBI-disease docs/results/session32/ncbi-b64-dev flair512+glove+chars-b64-seed$seed=ncbi-chars-b64-seed$seed
done
