#!/usr/bin/env bash
# session 30: the Disease default with characters, second stage ("Session 27" disease-chars-stage2.sh; its test splits
# read once by union-model.sh, tagging as `tag` tags by default and, .own, by each corpus's one-hot) against the
# shipped models/disease.bnm as it tags by default (the predictions of `scripts/score-models.sh`, which it leaves in
# results/scored/disease/: NCBI-disease and BC5CDR-disease as in "Two metrics", BioRED and tmVar3 with TYPE=Disease;
# rerun those first on a fresh machine). Paired bootstrap (`evaluate --compare`); writes
# docs/results/session30/disease-stage2/compare-CORPUS[.own].json. Run from the repository root.
set -euo pipefail
B=${BIONER:-./bioner}
R=results/union-Disease/corpus-chars-stage2; O=docs/results/session30/disease-stage2
mkdir -p $O
for c in NCBI-disease:../shared/datasets BC5CDR-disease:../shared/datasets BioRED:../shared/datasets-extra tmVar3:../shared/datasets-extra; do
  n=${c%%:*}; gold=${c#*:}/$n/test.tsv
  for o in "" .own; do
    BIONER=$B scripts/compare-pred.sh Disease $gold results/scored/disease/$n.test-pred.tsv $R/test-pred-$n$o.tsv \
      $O/compare-$n$o.json "$n$o" shipped stage2
  done
done
