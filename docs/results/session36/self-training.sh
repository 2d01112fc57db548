#!/usr/bin/env bash
# session 36: NCBI-disease trained on its train split plus silver sentences (RESULTS "Session 36"). The silver text is
# 560 whole abstracts drawn at random (seed 1) from ../shared/corpora: 290 of drsm-abstracts (rare diseases) and 270
# of hoc-abstracts (cancer biology), split by `bioner tokenize` (5,343 sentences, 154,660 tokens, about the size of
# NCBI-disease train), tagged by the shipped Disease default (models/disease.bnm, unchanged since session 13) by
# NCBI-disease's conventions (`tag --use-corpus NCBI-disease`, the abbreviation rule on: the teacher, devel 87.35 as
# tagged so). The student is the reference recipe (docs/results/session35/ncbi-chars-seeds.sh: +chars:24, Flair's
# schedule stopped below lr 0.01) on train + silver, selected on NCBI-disease devel, seeds SEED... side by side
# (default 1 2 3); then devel as `tag` tags by default. Resumable. The test split is not read.
#
#   docs/results/session36/self-training.sh [SEED...]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../../.."   # the paths below are relative to the repository root
B=${BIONER:-./bioner}
S=work/st
mkdir -p "$S" work/st-data/NCBI-disease
if [ ! -s "$S/silver-default.tsv" ]; then
  python3 - <<'EOF'
import gzip, random
rnd = random.Random(1)
with open('work/st/silver-docs.txt', 'w') as out:
    for name, k in (('drsm', 290), ('hoc', 270)):
        docs = [l.strip() for l in gzip.open(f'../shared/corpora/{name}-abstracts/text.txt.gz', 'rt') if l.strip()]
        for d in rnd.sample(docs, k):
            out.write(d + '\n\n')   # a blank line ends a document's last sentence
EOF
  "$B" tokenize --in "$S/silver-docs.txt" --out "$S/silver.tok" --stats
  awk '{for (i = 1; i <= NF; i++) print $i "\tO"; print ""}' "$S/silver.tok" > "$S/silver-in.tsv"
  "$B" tag --model models/disease.bnm --use-corpus NCBI-disease --in "$S/silver-in.tsv" --out "$S/silver-default.tsv.part"
  mv "$S/silver-default.tsv.part" "$S/silver-default.tsv"
fi
cat ../shared/datasets/NCBI-disease/train.tsv "$S/silver-default.tsv" > work/st-data/NCBI-disease/train.tsv.part
mv work/st-data/NCBI-disease/train.tsv.part work/st-data/NCBI-disease/train.tsv   # whole, for a run resuming beside this one
ln -sf ../../../../shared/datasets/NCBI-disease/devel.tsv work/st-data/NCBI-disease/devel.tsv
[ $# -gt 0 ] || set -- 1 2 3
BIONER=$B BIONER_DATASETS=work/st-data DEV_OUT=docs/results/session36/ncbi-dev \
  docs/results/session35/ncbi-chars-seeds.sh flair512+glove+chars-stdef ncbi-chars-stdef models/glove-biomed-100d.bnm "$@"
