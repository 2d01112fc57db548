#!/usr/bin/env bash
# sessions 29-31: the test predictions of the fine-tunes (ft-from-default.sh, read once by union-model.sh, tagging by the
# corpus's own one-hot: test-pred-CORPUS.own.tsv) against the predictions of the models they are compared with
# (paired bootstrap, `evaluate --compare`), and their paper's-metric figure. The other predictions are those the
# scoring commands in docs/RESULTS.md leave in results/scored/: the shipped defaults (scripts/score-models.sh with
# models/disease.bnm, models/gene.bnm, models/chemical.bnm, models/species.bnm: disease, gene, chemical, species), "Session 24": bc5dis-chars-s24, "Session 25": bc2gm-chars-s24 and
# bc5dis-chars-withdev-s25, "Session 26": ncbi-chars-withdev-s26 and bc2gm-chars-withdev-s26. Rerun those first on a
# fresh machine. Writes docs/results/session29/RUN/compare-*.json. Run from the repository root.
set -euo pipefail
B=${BIONER:-./bioner}
D=../shared/datasets
cmp() {  # type, run (results/union-TYPE/RUN), corpus, other prediction folder (or another run), label
  local t=$1 run=$2 c=$3 other=$4 label=$5 O=docs/results/session29/$2
  local pred=results/scored/$other/$c.test-pred.tsv
  [ -d results/union-$t/$other ] && pred=results/union-$t/$other/test-pred-$c.own.tsv   # another fine-tune
  mkdir -p $O
  BIONER=$B scripts/compare-pred.sh $t $D/$c/test.tsv $pred results/union-$t/$run/test-pred-$c.own.tsv \
    $O/compare-$label.json "$run" "$other" ft
}
cmp Disease ft-NCBI-disease NCBI-disease disease default
cmp Disease ft-NCBI-disease NCBI-disease ncbi-chars-withdev-s26 own-best
cmp Disease ft-BC5CDR-disease BC5CDR-disease disease default
cmp Disease ft-BC5CDR-disease BC5CDR-disease bc5dis-chars-s24 own-chars
cmp Disease ft-BC5CDR-disease-withdev BC5CDR-disease bc5dis-chars-withdev-s25 own-best
cmp Disease ft-BC5CDR-disease-withdev BC5CDR-disease disease default
cmp Gene ft-BC2GM BC2GM gene default
cmp Gene ft-BC2GM BC2GM bc2gm-chars-s24 own-chars
cmp Gene ft-BC2GM BC2GM bc2gm-chars-withdev-s26 own-best
cmp Disease ft-NCBI-disease-withdev NCBI-disease ncbi-chars-withdev-s26 own-best
cmp Disease ft-NCBI-disease-withdev NCBI-disease disease default
cmp Disease ft-NCBI-disease-withdev NCBI-disease ft-NCBI-disease ft-train-alone
cmp Gene ft-BC2GM-withdev BC2GM bc2gm-chars-withdev-s26 own-best
cmp Gene ft-BC2GM-withdev BC2GM gene default
cmp Gene ft-BC2GM-withdev BC2GM ft-BC2GM ft-train-alone
cmp Chemical ft-BC5CDR-chem BC5CDR-chem chemical default
cmp Species ft-linnaeus linnaeus species default
cmp Chemical ft-BC5CDR-chem-withdev BC5CDR-chem ft-BC5CDR-chem ft-train-alone   # session 31
cmp Chemical ft-BC5CDR-chem-withdev BC5CDR-chem chemical default
# session 31: fine-tuned from the Disease default continued with character features (FROM=results/union-Disease/corpus-chars-stage2/tagger.bnm)
cmp Disease ft-chars-NCBI-disease NCBI-disease ft-NCBI-disease ft-train-alone
cmp Disease ft-chars-NCBI-disease-withdev NCBI-disease ft-NCBI-disease-withdev own-best
cmp Disease ft-chars-NCBI-disease-withdev NCBI-disease ft-chars-NCBI-disease ft-chars-train-alone
cmp Disease ft-chars-BC5CDR-disease BC5CDR-disease ft-BC5CDR-disease ft-train-alone
cmp Disease ft-chars-BC5CDR-disease-withdev BC5CDR-disease bc5dis-chars-withdev-s25 own-best
cmp Disease ft-chars-BC5CDR-disease-withdev BC5CDR-disease ft-BC5CDR-disease-withdev ft-withdev
for run in Disease:ft-NCBI-disease:NCBI-disease Disease:ft-BC5CDR-disease:BC5CDR-disease \
           Disease:ft-BC5CDR-disease-withdev:BC5CDR-disease Gene:ft-BC2GM:BC2GM \
           Gene:ft-BC2GM-withdev:BC2GM Chemical:ft-BC5CDR-chem:BC5CDR-chem Disease:ft-NCBI-disease-withdev:NCBI-disease \
           Species:ft-linnaeus:linnaeus Disease:ft-chars-NCBI-disease:NCBI-disease \
           Disease:ft-chars-NCBI-disease-withdev:NCBI-disease Disease:ft-chars-BC5CDR-disease:BC5CDR-disease \
           Disease:ft-chars-BC5CDR-disease-withdev:BC5CDR-disease Chemical:ft-BC5CDR-chem-withdev:BC5CDR-chem; do
  IFS=: read -r t r c <<< "$run"
  $B evaluate --gold $D/$c/test.tsv --pred results/union-$t/$r/test-pred-$c.own.tsv --entity-type $t \
    --types $t --metric TOKEN --json > docs/results/session29/$r/test-eval-$c.own.token.json
done
