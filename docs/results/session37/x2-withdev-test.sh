#!/usr/bin/env bash
# session 37: the best x2 self-training seed (RESULTS "Session 37", seed 2) replayed on NCBI-disease train + devel +
# silver by its schedule (scripts/experiment.sh WITH_DEV_OF, which reads the test split once at its end; skipped when
# the replay's model is there), then that test read scored: exact span and the paper's metric with the errors
# (scripts/score-models.sh, tagging as `tag` does by default), the shipped Disease default re-scored beside it as it
# tags by default, and the paired bootstrap interval of the replay minus the default (scripts/compare-pred.sh).
# Needs work/st2-data and the x2 runs from `DRAWS=2 docs/results/session36/self-training.sh`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../../.."   # the paths below are relative to the repository root
B=${BIONER:-./bioner}
O=docs/results/session37/x2-withdev-test
R=results/NCBI-disease/flair512+glove+chars-stdef-x2-seed2-withdev
if [ ! -s $R/tagger.bnm ]; then
  ln -sf ../../../../shared/datasets/NCBI-disease/test.tsv work/st2-data/NCBI-disease/test.tsv
  BIONER=$B BIONER_DATASETS=work/st2-data WITH_DEV_OF=flair512+glove+chars-stdef-x2-seed2 scripts/experiment.sh \
    NCBI-disease flair512+glove+chars-stdef-x2-seed2-withdev \
    flair:models/lm-biomed-forward-h512.bnm+flair:models/lm-biomed-backward-h512.bnm+glove:models/glove-biomed-100d.bnm+chars:24 \
    --seed 2 --threads 2
fi
mkdir -p work/dev-models
cp $R/tagger.bnm work/dev-models/ncbi-chars-stdef-x2-withdev.bnm
BIONER=$B ERRORS=8 scripts/score-models.sh $O work/dev-models/ncbi-chars-stdef-x2-withdev.bnm:NCBI-disease models/disease.bnm:NCBI-disease
BIONER=$B scripts/compare-pred.sh Disease ../shared/datasets/NCBI-disease/test.tsv \
  results/scored/disease/NCBI-disease.test-pred.tsv results/scored/ncbi-chars-stdef-x2-withdev/NCBI-disease.test-pred.tsv \
  $O/compare-default.json "replay - default" "shipped default" "x2 replay"
