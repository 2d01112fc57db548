#!/usr/bin/env bash
# session 32: the Disease second stage with characters replayed on train + devel ("Session 31" started it:
# WITH_DEV_OF=corpus-chars-stage2 RUN=corpus-chars-stage2-withdev docs/results/session27/disease-chars-stage2.sh
# --sample-weight ../shared/datasets/NCBI-disease/devel.tsv=2; its test splits read once by union-model.sh, by default
# and, .own, by each corpus's one-hot) against, by the corpus's own one-hot, the stage it replays
# (results/union-Disease/corpus-chars-stage2) and the best own-corpus models: NCBI-disease's fine-tune on train + devel
# (results/union-Disease/ft-NCBI-disease-withdev, "Session 30") and BC5CDR-disease's `+chars:24` on train + devel
# (results/scored/bc5dis-chars-withdev-s25, "Session 25"); and, as `tag` tags by default, against the stage it replays.
# Paired bootstrap (`evaluate --compare`), JSON into docs/results/session32/stage2-withdev/. Run from the repository root.
set -euo pipefail
B=${BIONER:-./bioner}
R=results/union-Disease/corpus-chars-stage2-withdev; S=results/union-Disease/corpus-chars-stage2
O=docs/results/session32/stage2-withdev; D=../shared/datasets
mkdir -p $O
cmp() { BIONER=$B scripts/compare-pred.sh Disease "$@"; }
cmp $D/NCBI-disease/test.tsv $S/test-pred-NCBI-disease.own.tsv $R/test-pred-NCBI-disease.own.tsv $O/vs-stage2-NCBI-disease.own.json NCBI-disease.own stage2 withdev
cmp $D/NCBI-disease/test.tsv results/union-Disease/ft-NCBI-disease-withdev/test-pred-NCBI-disease.own.tsv $R/test-pred-NCBI-disease.own.tsv $O/vs-best-NCBI-disease.own.json NCBI-disease.own best-own withdev
cmp $D/BC5CDR-disease/test.tsv $S/test-pred-BC5CDR-disease.own.tsv $R/test-pred-BC5CDR-disease.own.tsv $O/vs-stage2-BC5CDR-disease.own.json BC5CDR-disease.own stage2 withdev
cmp $D/BC5CDR-disease/test.tsv results/scored/bc5dis-chars-withdev-s25/BC5CDR-disease.test-pred.tsv $R/test-pred-BC5CDR-disease.own.tsv $O/vs-best-BC5CDR-disease.own.json BC5CDR-disease.own best-own withdev
for n in NCBI-disease BC5CDR-disease; do
  cmp $D/$n/test.tsv $S/test-pred-$n.tsv $R/test-pred-$n.tsv $O/vs-stage2-$n.json $n stage2 withdev
done
# the paper's metric (token-level) of the own-one-hot predictions
for n in NCBI-disease BC5CDR-disease; do
  $B evaluate --gold $D/$n/test.tsv --pred $R/test-pred-$n.own.tsv --entity-type Disease --types Disease --metric token --json > $O/token-$n.own.json
done
