#!/usr/bin/env bash
# session 29: the test predictions of the fine-tunes (ft-from-default.sh, read once by union-model.sh, tagging by the
# corpus's own one-hot: test-pred-CORPUS.own.tsv) against the predictions of the models they are compared with
# (paired bootstrap, `evaluate --compare`), and their paper's-metric figure. The other predictions are those the
# scoring commands in docs/RESULTS.md leave in results/scored/ (the shipped default: scripts/score-models.sh with
# models/disease.bnm; "Session 24": bc5dis-chars-s24; "Session 25": bc5dis-chars-withdev-s25; "Session 26":
# ncbi-chars-withdev-s26); rerun those first on a
# fresh machine. Writes docs/results/session29/RUN/compare-*.json. Run from the repository root.
set -euo pipefail
B=${BIONER:-./bioner}
D=../shared/datasets
cmp() {  # run (results/union-Disease/RUN), corpus, other prediction folder, label
  local run=$1 c=$2 other=$3 label=$4 O=docs/results/session29/$1
  mkdir -p $O
  $B evaluate --gold $D/$c/test.tsv --pred results/scored/$other/$c.test-pred.tsv \
    --compare results/union-Disease/$run/test-pred-$c.own.tsv --entity-type Disease --types Disease --json > $O/compare-$label.json
  python3 scripts/compare_line.py $O/compare-$label.json "$run" "$other" ft
}
cmp ft-NCBI-disease NCBI-disease disease default
cmp ft-NCBI-disease NCBI-disease ncbi-chars-withdev-s26 own-best
cmp ft-BC5CDR-disease BC5CDR-disease disease default
cmp ft-BC5CDR-disease BC5CDR-disease bc5dis-chars-s24 own-chars
cmp ft-BC5CDR-disease-withdev BC5CDR-disease bc5dis-chars-withdev-s25 own-best
cmp ft-BC5CDR-disease-withdev BC5CDR-disease disease default
for run in ft-NCBI-disease:NCBI-disease ft-BC5CDR-disease:BC5CDR-disease ft-BC5CDR-disease-withdev:BC5CDR-disease; do
  r=${run%%:*}; c=${run#*:}
  $B evaluate --gold $D/$c/test.tsv --pred results/union-Disease/$r/test-pred-$c.own.tsv --entity-type Disease \
    --types Disease --metric TOKEN --json > docs/results/session29/$r/test-eval-$c.own.token.json
done
