#!/usr/bin/env bash
# session 29: a Disease model against the shipped models/disease.bnm on the devel splits of the default's other
# selection corpora (NCBI-disease, BioRED), both with the abbreviation rule; the shipped model tags as `tag` does by
# default, MODEL by each one-hot of USES (`--use-corpus U`; `default`: the model's own default). Each pair is compared
# with `bioner evaluate --compare` (paired bootstrap over sentences). BC5CDR-disease devel is left out: it is training
# data of the model continued with it, and the fine-tunes select on it.
#   OUT=docs/results/session29/disease-bc5dev-use USES="NCBI-disease all" bash docs/results/session29/disease-dev-vs-shipped.sh
#       the Disease default continued with BC5CDR-disease devel ("Session 27"; the default MODEL) by other one-hots
#   OUT=docs/results/session29/ft-as-default-dev USES=default MODEL=results/union-Disease/ft-BC5CDR-disease/tagger.bnm \
#     bash docs/results/session29/disease-dev-vs-shipped.sh          # the BC5CDR-disease fine-tune as a default
# Writes OUT/<corpus>-use-<U>.json. Run from the repository root.
set -euo pipefail
B=${BIONER:-./bioner}
MODEL=${MODEL:-results/union-Disease/corpus-kept-warm-bc5dev/tagger.bnm}
O=${OUT:?set OUT, the folder for the JSON}; P=results/scored/disease-dev-vs-shipped
tag=$(echo "$MODEL" | tr '/' '_')
mkdir -p $O $P
for c in NCBI-disease:../shared/datasets BioRED:../shared/datasets-extra; do
  n=${c%%:*}; gold=${c#*:}/$n/devel.tsv
  [ -f $P/$n-shipped.tsv ] || $B tag --model models/disease.bnm --in $gold --out $P/$n-shipped.tsv --typed
  for u in ${USES:-default}; do
    use=(); [ "$u" = default ] || use=(--use-corpus "$u")
    $B tag --model $MODEL --in $gold --out $P/$n-$tag-use-$u.tsv --typed "${use[@]}"
    $B evaluate --gold $gold --pred $P/$n-shipped.tsv --compare $P/$n-$tag-use-$u.tsv --entity-type Disease \
      --types Disease --json > $O/$n-use-$u.json
    python3 scripts/compare_line.py $O/$n-use-$u.json "$n use $u" shipped model
  done
done
