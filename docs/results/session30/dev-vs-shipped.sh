#!/usr/bin/env bash
# sessions 29-30: a model of TYPE against the shipped default of that type (models/<type>.bnm) on splits that no
# model choice was made on for it, both with the abbreviation rule; the shipped model tags as `tag` does by default,
# MODEL by each one-hot of USES (`--use-corpus U`; `default`: the model's own default). Each pair is compared with
# `bioner evaluate --compare` (paired bootstrap over sentences).
#   TYPE=Chemical MODEL=results/union-Chemical/ft-BC5CDR-chem/tagger.bnm OUT=docs/results/session30/chem-ft-as-default \
#     SPLITS="BioRED:../shared/datasets-extra/BioRED/devel.tsv BioNLP13PC:../shared/datasets-extra/BioNLP13PC/devel.tsv DDI-train:../shared/datasets-extra/DDI/train.tsv" \
#     bash docs/results/session30/dev-vs-shipped.sh
# SPLITS: NAME:FILE pairs (the Disease defaults of docs/results/session29/disease-dev-vs-shipped.sh are its devel
# splits of NCBI-disease and BioRED). Writes OUT/<NAME>-use-<U>.json; the shipped model's predictions are kept in
# results/scored/<type>-dev-vs-shipped/ and reused (remove that folder when models/<type>.bnm changes). Run from the
# repository root.
set -euo pipefail
B=${BIONER:-./bioner}
T=${TYPE:?set TYPE, the entity type}; t=$(echo "$T" | tr '[:upper:]' '[:lower:]')
MODEL=${MODEL:?set MODEL, the model compared with models/$t.bnm}
O=${OUT:?set OUT, the folder for the JSON}; P=results/scored/$t-dev-vs-shipped
tag=$(echo "$MODEL" | tr '/' '_')
mkdir -p $O $P
for s in ${SPLITS:?set SPLITS, NAME:FILE pairs}; do
  n=${s%%:*}; gold=${s#*:}
  [ -f $P/$n-shipped.tsv ] || $B tag --model models/$t.bnm --in $gold --out $P/$n-shipped.tsv --typed
  for u in ${USES:-default}; do
    use=(); [ "$u" = default ] || use=(--use-corpus "$u")
    $B tag --model $MODEL --in $gold --out $P/$n-$tag-use-$u.tsv --typed "${use[@]}"
    BIONER=$B scripts/compare-pred.sh $T $gold $P/$n-shipped.tsv $P/$n-$tag-use-$u.tsv $O/$n-use-$u.json "$n use $u" shipped model
  done
done
