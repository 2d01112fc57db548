#!/usr/bin/env bash
# session 22: after command.sh, NCBI-disease devel as `tag` tags by default (the abbreviation rule on), for each
# seed's model with character features; their training curves are kept beside the other NCBI-disease runs.
set -euo pipefail
# run from the repository root (session 22 ran it with its frozen build, BIONER=work/frozen-s22c/bioner)
for seed in ${SEEDS:-1 2 3}; do
  scripts/dev-score.sh NCBI-disease docs/results/session22/ncbi-chars-dev flair512+glove+chars-seed$seed=ncbi-chars-seed$seed
done
# the test split, read once, for the seed best on devel as tagged by default (seed 3), with the rule and network only
mkdir -p work/ncbi/off
cp results/NCBI-disease/flair512+glove+chars-seed3/tagger.bnm work/ncbi/off/ncbi-chars-seed3-off.bnm
METRICS="span token" ERRORS=8 scripts/score-models.sh docs/results/session22/ncbi-chars work/dev-models/ncbi-chars-seed3.bnm:NCBI-disease
TAG_OPTIONS="--abbreviation-window -1" METRICS="span token" scripts/score-models.sh docs/results/session22/ncbi-chars work/ncbi/off/ncbi-chars-seed3-off.bnm:NCBI-disease
