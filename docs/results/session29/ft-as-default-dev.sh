#!/usr/bin/env bash
# session 29: does a fine-tune of the Disease default on one benchmark (ft-from-default.sh) still serve as the default?
# MODEL (default: the BC5CDR-disease fine-tune) tags the devel splits of the Disease default's other selection corpora
# (NCBI-disease, BioRED) as `tag` tags by default, compared with the shipped models/disease.bnm
# (`evaluate --compare`, paired bootstrap; the shipped predictions are those of disease-bc5dev-use.sh, made here if
# missing). Writes docs/results/session29/ft-as-default-dev/<corpus>.json. Run from the repository root.
set -euo pipefail
B=${BIONER:-./bioner}
MODEL=${MODEL:-results/union-Disease/ft-BC5CDR-disease/tagger.bnm}
O=docs/results/session29/ft-as-default-dev; P=results/scored/disease-bc5dev-use
mkdir -p $O $P
for c in NCBI-disease:../shared/datasets BioRED:../shared/datasets-extra; do
  n=${c%%:*}; gold=${c#*:}/$n/devel.tsv
  [ -f $P/$n-shipped.tsv ] || $B tag --model models/disease.bnm --in $gold --out $P/$n-shipped.tsv --typed
  $B tag --model $MODEL --in $gold --out $P/$n-ft.tsv --typed
  $B evaluate --gold $gold --pred $P/$n-shipped.tsv --compare $P/$n-ft.tsv --entity-type Disease --types Disease \
    --json > $O/$n.json
  python3 scripts/compare_line.py $O/$n.json "$n" shipped ft
done
