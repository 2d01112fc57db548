#!/usr/bin/env bash
# Session 41: Viterbi against posterior decoding (`tag --decoding POSTERIOR`), the shipped default models on the
# benchmark devel splits, as `tag` tags by default (abbreviation rule on). Run from the repository root:
#   bash docs/results/session41/decoding-dev.sh
# Writes docs/results/session41/decoding-dev/<model>[-posterior]/<corpus>.{span,token}.json and .errors.txt, and prints
# the table.
set -euo pipefail
out=docs/results/session41/decoding-dev
export SPLIT=devel METRICS="span token" ERRORS=10   # <corpus>.errors.txt: boundary / spurious / missed counts
# score-models.sh names its output folders by the model file: the posterior runs read the same files by other names
mkdir -p work/s41/models
for m in disease chemical gene species; do ln -sfn ../../../models/$m.bnm work/s41/models/$m-posterior.bnm; done
scripts/score-models.sh $out models/disease.bnm:NCBI-disease,BC5CDR-disease models/chemical.bnm:BC5CDR-chem \
  models/gene.bnm:BC2GM models/species.bnm:linnaeus,s800
TAG_OPTIONS="--decoding POSTERIOR" scripts/score-models.sh $out work/s41/models/disease-posterior.bnm:NCBI-disease,BC5CDR-disease \
  work/s41/models/chemical-posterior.bnm:BC5CDR-chem work/s41/models/gene-posterior.bnm:BC2GM \
  work/s41/models/species-posterior.bnm:linnaeus,s800
python3 scripts/metrics_table.py $out span token
