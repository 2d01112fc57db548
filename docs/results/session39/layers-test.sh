#!/usr/bin/env bash
# Session 39's registered test read (docs/RESULTS.md "Session 39"), made only after the devB check of two-layer seeds
# 1-3 held: NCBI-disease test tagged once, as `tag` tags by default, by the devA-selected two-layer seeds 1-3, the five
# devA-selected one-layer seeds of session 38 and two-layer seed 2's train + devel replay (layers-withdev.sh), each
# scored by exact span and the paper's metric with its errors (scripts/score-models.sh); then the paired bootstrap
# interval of the replay minus the shipped Disease default, re-scored beside them (scripts/compare-pred.sh). Runs in the
# repository root.
#   BIONER=work/frozen-s39/bioner docs/results/session39/layers-test.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../../.."
B=${BIONER:-./bioner}
O=docs/results/session39/ncbi-test
cp results/NCBI-disease/flair512+glove+chars-l2-seed2-withdev/tagger.bnm work/dev-models/ncbi-chars-l2-seed2-withdev.bnm
models=()
for s in 1 2 3; do models+=(work/dev-models/ncbi-chars-l2-devA-seed$s.bnm:NCBI-disease); done
for s in 1 2 3 4 5; do models+=(work/dev-models/ncbi-chars-devA-seed$s.bnm:NCBI-disease); done
models+=(work/dev-models/ncbi-chars-l2-seed2-withdev.bnm:NCBI-disease)
models+=(models/disease.bnm:NCBI-disease)   # the shipped default as it tags by default, for the interval
BIONER=$B ERRORS=8 scripts/score-models.sh $O "${models[@]}"
BIONER=$B scripts/compare-pred.sh Disease ../shared/datasets/NCBI-disease/test.tsv \
  results/scored/disease/NCBI-disease.test-pred.tsv results/scored/ncbi-chars-l2-seed2-withdev/NCBI-disease.test-pred.tsv \
  $O/compare-default.json "replay - default" "shipped default" "two-layer replay"
