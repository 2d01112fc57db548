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
