#!/usr/bin/env bash
# Session 40: the joint Chemical + Disease taggers (scripts/bc5cdr-joint.sh) on the BC5CDR devel splits, each type
# against its own benchmark file, as `tag` tags by default and network only (abbreviation rule off, which the
# training log's dev F1 is). Run from the repository root after
#   scripts/bc5cdr-joint.sh train flair512+glove+chars-joint-seed{1,2} ... (the commands in docs/RESULTS.md).
set -euo pipefail
mkdir -p work/joint/models/off
for seed in 1 2; do
  run=flair512+glove+chars-joint-seed$seed
  cp "results/BC5CDR/$run/tagger.bnm" "work/joint/models/joint-seed$seed.bnm"
  cp "results/BC5CDR/$run/tagger.bnm" "work/joint/models/off/joint-seed$seed-off.bnm"
  SPLIT=devel scripts/score-models.sh docs/results/session40/joint-dev "work/joint/models/joint-seed$seed.bnm:BC5CDR-chem,BC5CDR-disease"
  SPLIT=devel TAG_OPTIONS="--abbreviation-window -1" scripts/score-models.sh docs/results/session40/joint-dev \
    "work/joint/models/off/joint-seed$seed-off.bnm:BC5CDR-chem,BC5CDR-disease"
done
