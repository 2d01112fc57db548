#!/usr/bin/env bash
# session 27: the Disease default continued with BC5CDR-disease devel (disease-bc5dev-warm.sh) against the shipped
# models/disease.bnm on the devel splits that selected it (NCBI-disease, BioRED), both tagging as `tag` does by
# default and network only, each pair compared with `bioner evaluate --compare` (paired bootstrap over sentences).
# MODEL: the run's selected model (default results/union-Disease/corpus-kept-warm-bc5dev/tagger.bnm).
# Writes docs/results/session27/disease-bc5dev-dev/<corpus>-w<window>.json. Run from the repository root.
set -euo pipefail
B=${BIONER:-./bioner}
MODEL=${MODEL:-results/union-Disease/corpus-kept-warm-bc5dev/tagger.bnm}
O=docs/results/session27/disease-bc5dev-dev; P=results/scored/disease-bc5dev-dev
mkdir -p $O $P
for c in NCBI-disease:../shared/datasets BioRED:../shared/datasets-extra; do
  n=${c%%:*}; gold=${c#*:}/$n/devel.tsv
  for w in 20 -1; do
    $B tag --model models/disease.bnm --in $gold --out $P/$n-shipped-w$w.tsv --typed --abbreviation-window $w
    $B tag --model $MODEL --in $gold --out $P/$n-bc5dev-w$w.tsv --typed --abbreviation-window $w
    $B evaluate --gold $gold --pred $P/$n-shipped-w$w.tsv --compare $P/$n-bc5dev-w$w.tsv --entity-type Disease \
      --types Disease --json > $O/$n-w$w.json
    python3 scripts/compare_line.py $O/$n-w$w.json "$n window $w" shipped new
  done
done
