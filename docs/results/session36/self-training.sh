#!/usr/bin/env bash
# session 36: NCBI-disease trained on its train split plus silver sentences (RESULTS "Session 36"). The silver text is
# 560 whole abstracts drawn at random (seed 1) from ../shared/corpora: 290 of drsm-abstracts (rare diseases) and 270
# of hoc-abstracts (cancer biology), split by `bioner tokenize` (5,343 sentences, 154,660 tokens, about the size of
# NCBI-disease train), tagged by the shipped Disease default (models/disease.bnm, unchanged since session 13) by
# NCBI-disease's conventions (`tag --use-corpus NCBI-disease`, the abbreviation rule on: the teacher, devel 87.35 as
# tagged so). The student is the reference recipe (docs/results/session35/ncbi-chars-seeds.sh: +chars:24, Flair's
# schedule stopped below lr 0.01) on train + silver, selected on NCBI-disease devel, seeds SEED... side by side
# (default 1 2 3); then devel as `tag` tags by default. Resumable. The test split is not read.
# DRAWS=N (session 37; default 1) trains on N such draws of 560 abstracts: draw d is drawn with seed d from the
# abstracts no earlier draw took, so draw 1 is session 36's silver; runs flair512+glove+chars-stdef-x2-seedS (N = 2),
# devel scores in DEV_OUT (default docs/results/session36/ncbi-dev for N = 1, docs/results/session37/ncbi-dev else).
#
#   [DRAWS=N] docs/results/session36/self-training.sh [SEED...]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../../.."   # the paths below are relative to the repository root
B=${BIONER:-./bioner}
S=work/st
N=${DRAWS:-1}
mkdir -p "$S"
silver=()
for d in $(seq 1 "$N"); do
  p=$S/silver; [ "$d" -eq 1 ] || p=$S/silver$d    # draw 1 keeps session 36's file names
  if [ ! -s "$p-default.tsv" ]; then
    python3 - "$d" "$p-docs.txt" "$S" <<'EOF2'
import gzip, random, sys
d, out_path, folder = int(sys.argv[1]), sys.argv[2], sys.argv[3]
earlier = [folder + '/silver-docs.txt'] + [f'{folder}/silver{e}-docs.txt' for e in range(2, d)] if d > 1 else []
taken = {l.strip() for f in earlier for l in open(f) if l.strip()}   # one abstract per line, blank lines between
rnd = random.Random(d)
with open(out_path, 'w') as out:
    for name, k in (('drsm', 290), ('hoc', 270)):
        docs = [l.strip() for l in gzip.open(f'../shared/corpora/{name}-abstracts/text.txt.gz', 'rt') if l.strip()]
        docs = [x for x in docs if x not in taken]
        for x in rnd.sample(docs, k):
            out.write(x + '\n\n')   # a blank line ends a document's last sentence
EOF2
    "$B" tokenize --in "$p-docs.txt" --out "$p.tok" --stats
    awk '{for (i = 1; i <= NF; i++) print $i "\tO"; print ""}' "$p.tok" > "$p-in.tsv"
    "$B" tag --model models/disease.bnm --use-corpus NCBI-disease --in "$p-in.tsv" --out "$p-default.tsv.part"
    mv "$p-default.tsv.part" "$p-default.tsv"
  fi
  silver+=("$p-default.tsv")
done
data=work/st-data; x=; out=docs/results/session36/ncbi-dev
if [ "$N" -gt 1 ]; then data=work/st$N-data; x=-x$N; out=docs/results/session37/ncbi-dev; fi
mkdir -p "$data/NCBI-disease"
cat ../shared/datasets/NCBI-disease/train.tsv "${silver[@]}" > "$data/NCBI-disease/train.tsv.part"
mv "$data/NCBI-disease/train.tsv.part" "$data/NCBI-disease/train.tsv"   # whole, for a run resuming beside this one
ln -sf ../../../../shared/datasets/NCBI-disease/devel.tsv "$data/NCBI-disease/devel.tsv"
[ $# -gt 0 ] || set -- 1 2 3
BIONER=$B BIONER_DATASETS=$data DEV_OUT=${DEV_OUT:-$out} \
  docs/results/session35/ncbi-chars-seeds.sh "flair512+glove+chars-stdef$x" "ncbi-chars-stdef$x" models/glove-biomed-100d.bnm "$@"
