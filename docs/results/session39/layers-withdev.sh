#!/usr/bin/env bash
# Session 39: two-layer seed 2's train + devel replay (the 26 epochs of its devA-selected run, same seed, --threads 1),
# trained only (DEV_ONLY: the test split is not read here; docs/results/session39/layers-test.sh reads it once the
# registered check allows). Resumable. Runs in the repository root.
#   BIONER=work/frozen-s39/bioner docs/results/session39/layers-withdev.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../../.."
DEV_ONLY=1 WITH_DEV_OF=flair512+glove+chars-l2-devA-seed2 scripts/experiment.sh NCBI-disease flair512+glove+chars-l2-seed2-withdev \
  flair:models/lm-biomed-forward-h512.bnm+flair:models/lm-biomed-backward-h512.bnm+glove:models/glove-biomed-100d.bnm+chars:24 \
  --rnn-layers 2 --seed 2 --threads 1
mkdir -p docs/results/NCBI-disease/flair512+glove+chars-l2-seed2-withdev
cp results/NCBI-disease/flair512+glove+chars-l2-seed2-withdev/{training.tsv,training.png,command.txt} docs/results/NCBI-disease/flair512+glove+chars-l2-seed2-withdev/
