#!/usr/bin/env bash
# Session 38: a test read of the weight average (RESULTS "Session 38"), made only if its devel-half check passes.
# Seed 3 of the NCBI-disease reference recipe replayed on train + devel for EPOCHS epochs of its schedule (default 24,
# the epoch its run selected: the replay protocol of session 26, --threads 1), with the average of window 1 epoch kept
# beside it (train --average-epochs 1; a replay keeps each one's last epoch). Replays are trained with DEV_ONLY=1 (no
# test read; skipped when their models exist): the 24-epoch one always (its last weights are the protocol's model),
# the EPOCHS one too. TEST=1 then tags the test split as `tag` tags by default with the 24-epoch replay's last weights
# and the EPOCHS replay's average (scripts/score-models.sh: exact span, the paper's metric, errors) and gives the
# paired bootstrap interval of the average minus those weights (scripts/compare-pred.sh).
#
#   BIONER=work/frozen-s38/bioner EPOCHS=32 bash docs/results/session38/avg-withdev-test.sh          # replays only
#   BIONER=work/frozen-s38/bioner EPOCHS=32 TEST=1 bash docs/results/session38/avg-withdev-test.sh   # then the test read
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../../.."   # the paths below are relative to the repository root
B=${BIONER:-./bioner}
n=${EPOCHS:-24}
name() { if [ "$1" = 24 ]; then echo flair512+glove+chars-avg-seed3-withdev; else echo "flair512+glove+chars-avg-seed3-withdev-e$1"; fi; }
for e in $(printf '%s\n' 24 "$n" | sort -u); do
  run=$(name "$e"); R=results/NCBI-disease/$run
  if [ ! -s $R/tagger-averaged-1.bnm ] || [ ! -s $R/tagger.bnm ]; then
    BIONER=$B DEV_ONLY=1 WITH_DEV_OF=docs/results/NCBI-disease/flair512+glove+chars-seed3/training.tsv scripts/experiment.sh \
      NCBI-disease "$run" \
      flair:models/lm-biomed-forward-h512.bnm+flair:models/lm-biomed-backward-h512.bnm+glove:models/glove-biomed-100d.bnm+chars:24 \
      --replay-epochs "$e" --seed 3 --threads 1 --average-epochs 1
    mkdir -p docs/results/NCBI-disease/$run
    cp $R/{command.txt,training.tsv,training.png,training-averaged-1.tsv} docs/results/NCBI-disease/$run/
  fi
done
[ -n "${TEST:-}" ] || exit 0
O=docs/results/session38/avg-withdev-test
mkdir -p work/dev-models $O
cp results/NCBI-disease/$(name 24)/tagger.bnm work/dev-models/ncbi-chars-seed3-withdev-e24.bnm
cp results/NCBI-disease/$(name "$n")/tagger-averaged-1.bnm work/dev-models/ncbi-chars-avg1-seed3-withdev-e$n.bnm
BIONER=$B ERRORS=8 scripts/score-models.sh $O work/dev-models/ncbi-chars-seed3-withdev-e24.bnm:NCBI-disease \
  work/dev-models/ncbi-chars-avg1-seed3-withdev-e$n.bnm:NCBI-disease
BIONER=$B scripts/compare-pred.sh Disease ../shared/datasets/NCBI-disease/test.tsv \
  results/scored/ncbi-chars-seed3-withdev-e24/NCBI-disease.test-pred.tsv results/scored/ncbi-chars-avg1-seed3-withdev-e$n/NCBI-disease.test-pred.tsv \
  $O/compare-e24.json "average at $n - replay at 24" "replay, 24 epochs" "average, $n epochs"
