#!/usr/bin/env bash
# session 34: the decoding's entity bias (`tag --entity-bias B`) on devel, for the shipped default models tagging as
# `tag` tags by default (abbreviation rule on), exact span; one folder per bias under docs/results/session34/bias-dev/.
# The bias is chosen on devel per model; a test split is read only for a bias that devel says is better.
# Run from the repository root (session 34: BIONER=work/frozen-s34b/bioner, a frozen build of the bias code).
set -euo pipefail
for b in ${BIASES:--1 -0.5 0 0.5 1}; do
  SPLIT=devel METRICS=span TAG_OPTIONS="--entity-bias $b" scripts/score-models.sh docs/results/session34/bias-dev/b$b \
    models/disease.bnm:NCBI-disease,BC5CDR-disease models/chemical.bnm:BC5CDR-chem models/gene.bnm:BC2GM \
    models/species.bnm:linnaeus,s800
done
