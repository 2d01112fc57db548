#!/usr/bin/env bash
# session 27: the dev check of docs/results/session27/disease-bc5dev-warm.sh's recipe. That run trains on
# BC5CDR-disease devel, so its devel can no longer say whether BC5CDR-disease gains. Here the same recipe (the
# shipped Disease default continued at lr 0.025 on its training data, NCBI-disease sampled twice, selected on the
# mean of NCBI-disease and BioRED devel, stopped below 0.005) takes only the first half of BC5CDR-disease devel
# (devA: its first 2,290 sentences, as in "Sessions 17-22"); the second half (devB) is held out (`--exclude`) and
# only scored, both by this model and by the shipped one (which was selected with devB's help: flattered, so the check
# is conservative). Then both tag devB as `tag` does by default and network only, compared by `evaluate --compare`.
# Writes docs/results/session27/disease-bc5devA-check/. Run from the repository root; resumable.
set -euo pipefail
B=${BIONER:-./bioner}
D=../shared/datasets; X=../shared/datasets-extra; H=work/dev-halves
mkdir -p $H/BC5CDR-disease
[ -f $H/BC5CDR-disease/devB.tsv ] || awk -v A=$H/BC5CDR-disease/devA.tsv -v B=$H/BC5CDR-disease/devB.tsv \
  'BEGIN{RS=""; ORS="\n\n"} NR<=2290 {print > A; next} {print > B}' $D/BC5CDR-disease/devel.tsv
SPEC=flair:models/lm-biomed-forward-h512.bnm+flair:models/lm-biomed-backward-h512.bnm+glove:models/glove-biomed-100d.bnm
CORPORA=NCBI-disease,BC5CDR-disease,BioRED,tmVar3,Variome,PGxCorpus,RegEl
OUT=results/union-Disease/corpus-kept-warm-bc5devA
mkdir -p $OUT
if [ ! -f $OUT/done ]; then
  resume=(); [ -d "$OUT/work" ] && resume=(--resume)
  $B train --train $D/NCBI-disease/train.tsv $D/BC5CDR-disease/train.tsv $H/BC5CDR-disease/devA.tsv $X/BioRED/train.tsv \
      $X/tmVar3/train.tsv $X/Variome/all.tsv $X/PGxCorpus/all.tsv $X/RegEl/all.tsv \
    --dev $D/NCBI-disease/devel.tsv $X/BioRED/devel.tsv \
    --exclude $D/NCBI-disease/test.tsv $D/BC5CDR-disease/test.tsv $X/BioRED/test.tsv $X/tmVar3/test.tsv $H/BC5CDR-disease/devB.tsv \
    --entity-type Disease --types Disease --embeddings $SPEC+corpus:$CORPORA:use=BC5CDR-disease \
    --init-model models/disease.bnm --sample-weight $D/NCBI-disease/train.tsv=2 --select-on corpus-mean \
    --lr 0.025 --max-epochs 40 --min-lr 0.005 --threads 1 --out $OUT "${resume[@]}" 2>&1 | tee -a $OUT/train.log
  touch $OUT/done
fi
O=docs/results/session27/disease-bc5devA-check; P=results/scored/disease-bc5devA-check
mkdir -p $O $P
cp $OUT/training.tsv $OUT/training-dev.tsv $O/
for w in 20 -1; do
  $B tag --model models/disease.bnm --in $H/BC5CDR-disease/devB.tsv --out $P/shipped-w$w.tsv --typed --abbreviation-window $w
  $B tag --model $OUT/tagger.bnm --in $H/BC5CDR-disease/devB.tsv --out $P/devA-w$w.tsv --typed --abbreviation-window $w
  $B evaluate --gold $H/BC5CDR-disease/devB.tsv --pred $P/shipped-w$w.tsv --compare $P/devA-w$w.tsv --entity-type Disease \
    --types Disease --json > $O/BC5CDR-disease-devB-w$w.json
done
echo CHECK DONE
