#!/usr/bin/env bash
# session 22: after command.sh, NCBI-disease devel as `tag` tags by default (the abbreviation rule on), for each
# seed's model with character features; their training curves are kept beside the other NCBI-disease runs.
set -euo pipefail
# run from the repository root (session 22 ran it with its frozen build, BIONER=work/frozen-s22c/bioner)
mkdir -p work/ncbi
for seed in ${SEEDS:-1 2 3}; do
  cp results/NCBI-disease/flair512+glove+chars-seed$seed/tagger.bnm work/ncbi/ncbi-chars-seed$seed.bnm
  SPLIT=devel METRICS="span token" ERRORS=8 scripts/score-models.sh docs/results/session22/ncbi-chars-dev work/ncbi/ncbi-chars-seed$seed.bnm:NCBI-disease
  mkdir -p docs/results/NCBI-disease/flair512+glove+chars-seed$seed
  cp results/NCBI-disease/flair512+glove+chars-seed$seed/{command.txt,training.tsv,training.png} docs/results/NCBI-disease/flair512+glove+chars-seed$seed/
done
# the test split, read once, for the seed best on devel as tagged by default (seed 3), with the rule and network only
mkdir -p work/ncbi/off
cp results/NCBI-disease/flair512+glove+chars-seed3/tagger.bnm work/ncbi/off/ncbi-chars-seed3-off.bnm
METRICS="span token" ERRORS=8 scripts/score-models.sh docs/results/session22/ncbi-chars work/ncbi/ncbi-chars-seed3.bnm:NCBI-disease
TAG_OPTIONS="--abbreviation-window -1" METRICS="span token" scripts/score-models.sh docs/results/session22/ncbi-chars work/ncbi/off/ncbi-chars-seed3-off.bnm:NCBI-disease
