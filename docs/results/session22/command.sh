#!/usr/bin/env bash
# session 22: NCBI-disease devel, seed 1 as the seed runs of session 20, with character-level word features
# (a character BiLSTM trained with the tagger, Flair's CharacterEmbeddings: `+chars:24`); then the scoring.
set -euo pipefail
# run from the repository root (session 22 ran it with a frozen build of this session's code, work/frozen-s22c/bioner)
SPEC=flair:models/lm-biomed-forward-h512.bnm+flair:models/lm-biomed-backward-h512.bnm+glove:models/glove-biomed-100d.bnm
for seed in ${SEEDS:-1}; do
  DEV_ONLY=1 scripts/experiment.sh NCBI-disease flair512+glove+chars-seed$seed $SPEC+chars:24 --max-epochs 150 --min-lr 0.01 --seed $seed --threads 1
done
