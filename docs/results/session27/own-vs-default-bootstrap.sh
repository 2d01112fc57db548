#!/usr/bin/env bash
# session 27: issue 14's bound (the default model against the best own-corpus model on each benchmark test split),
# with the paired bootstrap interval of each difference (`bioner evaluate --compare`, 10,000 resamples of the test
# sentences, seed 1). The defaults tag as `tag` does by default (abbreviation rule on); their predictions are made
# here (scripts/score-models.sh -> results/scored/{disease,gene}/). The own-corpus models' predictions are those
# their scoring commands in docs/RESULTS.md left in results/scored/ ("Session 25": bc5dis-chars-withdev-s25;
# "Session 26": ncbi-chars-withdev-s26, bc2gm-chars-withdev-s26); rerun those commands first on a fresh machine.
# Writes docs/results/session27/own-vs-default/<corpus>.json. Run from the repository root.
set -euo pipefail
B=${BIONER:-./bioner}
D=../shared/datasets
O=docs/results/session27/own-vs-default
mkdir -p $O
METRICS=span scripts/score-models.sh $O models/disease.bnm:NCBI-disease,BC5CDR-disease models/gene.bnm:BC2GM
for row in NCBI-disease:Disease:disease:ncbi-chars-withdev-s26 BC5CDR-disease:Disease:disease:bc5dis-chars-withdev-s25 \
           BC2GM:Gene:gene:bc2gm-chars-withdev-s26; do
  IFS=: read -r c t default own <<< "$row"
  $B evaluate --gold $D/$c/test.tsv --pred results/scored/$default/$c.test-pred.tsv \
    --compare results/scored/$own/$c.test-pred.tsv --entity-type $t --types $t --json > $O/$c.json
  python3 scripts/compare_line.py $O/$c.json $c default own
done
