#!/usr/bin/env bash
# session 37: the train + devel replay of the best x2 self-training seed (RESULTS "Session 37") on NCBI-disease test,
# read once: exact span and the paper's metric with the errors (scripts/score-models.sh, tagging as `tag` does by
# default), the shipped Disease default re-scored beside it as it tags by default, and the paired bootstrap interval of
# the replay minus the default (scripts/compare-pred.sh). The replay itself:
#   BIONER_DATASETS=work/st2-data WITH_DEV_OF=flair512+glove+chars-stdef-x2-seed2 scripts/experiment.sh NCBI-disease \
#     flair512+glove+chars-stdef-x2-seed2-withdev SPEC --seed 2 --threads 2
# with work/st2-data from `DRAWS=2 docs/results/session36/self-training.sh` plus a link to NCBI-disease's test.tsv.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../../.."   # the paths below are relative to the repository root
B=${BIONER:-./bioner}
O=docs/results/session37/x2-withdev-test
mkdir -p work/dev-models
cp results/NCBI-disease/flair512+glove+chars-stdef-x2-seed2-withdev/tagger.bnm work/dev-models/ncbi-chars-stdef-x2-withdev.bnm
BIONER=$B ERRORS=8 scripts/score-models.sh $O work/dev-models/ncbi-chars-stdef-x2-withdev.bnm:NCBI-disease models/disease.bnm:NCBI-disease
BIONER=$B scripts/compare-pred.sh Disease ../shared/datasets/NCBI-disease/test.tsv \
  results/scored/disease/NCBI-disease.test-pred.tsv results/scored/ncbi-chars-stdef-x2-withdev/NCBI-disease.test-pred.tsv \
  $O/compare-default.json "replay - default" "shipped default" "x2 replay"
