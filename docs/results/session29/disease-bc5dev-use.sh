#!/usr/bin/env bash
# session 29: session 27's open question. The Disease default continued with BC5CDR-disease devel as training data
# (docs/results/session27/disease-bc5dev-warm.sh) lost about 1 point on NCBI-disease devel when tagging by its default
# one-hot (BC5CDR-disease). Does another default one-hot keep NCBI-disease and BioRED level with the shipped model?
# Each devel split tagged by that model with `--use-corpus U` for U in NCBI-disease and all (the mean of its corpora),
# with the abbreviation rule (as `tag` tags by default), compared with the shipped models/disease.bnm as it tags by
# default (`evaluate --compare`, paired bootstrap). BC5CDR-disease devel is in that model's training data, so it is
# not scored here. Writes docs/results/session29/disease-bc5dev-use/<corpus>-use-<U>.json. Run from the repository root.
set -euo pipefail
B=${BIONER:-./bioner}
MODEL=${MODEL:-results/union-Disease/corpus-kept-warm-bc5dev/tagger.bnm}
O=docs/results/session29/disease-bc5dev-use; P=results/scored/disease-bc5dev-use
mkdir -p $O $P
for c in NCBI-disease:../shared/datasets BioRED:../shared/datasets-extra; do
  n=${c%%:*}; gold=${c#*:}/$n/devel.tsv
  [ -f $P/$n-shipped.tsv ] || $B tag --model models/disease.bnm --in $gold --out $P/$n-shipped.tsv --typed
  for u in NCBI-disease all; do
    $B tag --model $MODEL --in $gold --out $P/$n-use-$u.tsv --typed --use-corpus $u
    $B evaluate --gold $gold --pred $P/$n-shipped.tsv --compare $P/$n-use-$u.tsv --entity-type Disease \
      --types Disease --json > $O/$n-use-$u.json
    python3 scripts/compare_line.py $O/$n-use-$u.json "$n use $u" shipped bc5dev
  done
done
