#!/usr/bin/env bash
# Chemical default, split-dev check with BioNLP13PC's devA half weighted (issue 14; started in session 21): as
# docs/results/session19/chemical-devB-check/command.sh, but BioNLP13PC's devA half sampled 4 times per epoch, since
# BioNLP13PC was the devB half that lost there; only the new model is scored (the shipped one's files are session 19's).
set -euo pipefail
# run from the repository root (session 21 started it with a frozen build of b2f62e1, work/frozen-s21b/bioner)
B=${BIONER:-./bioner}
D=../shared/datasets; X=../shared/datasets-extra; H=work/dev-halves
# the devel splits cut in two by sentence order (BioRED's as in "Session 17"): devA the first half, devB the rest
for c in BC5CDR-chem:$D:2290 BioRED:$X:412 BioNLP13PC:$X:425; do
  n=${c%%:*}; r=${c#*:}; dir=${r%%:*}; k=${r#*:}; mkdir -p $H/$n
  [ -f $H/$n/devB.tsv ] || awk -v A=$H/$n/devA.tsv -v B=$H/$n/devB.tsv -v K=$k 'BEGIN{RS=""; ORS="\n\n"} NR<=K {print > A; next} {print > B}' $dir/$n/devel.tsv
done
OUT=results/union-Chemical/corpus-flair512+glove-devA-w4
SPEC=flair:models/lm-biomed-forward-h512.bnm+flair:models/lm-biomed-backward-h512.bnm+glove:models/glove-biomed-100d.bnm+corpus:BC5CDR-chem,BioRED,BioNLP13PC,DrugProt,PGxCorpus,SCAI-Chemicals:use=BC5CDR-chem
resume=(); [ -d "$OUT/work" ] && resume=(--resume)
if [ ! -f "$OUT/tagger.bnm" ]; then
$B train --train $D/BC5CDR-chem/train.tsv $X/BioRED/train.tsv $X/BioNLP13PC/train.tsv $X/DrugProt/train.tsv $X/PGxCorpus/all.tsv $X/SCAI-Chemicals/all.tsv $H/BC5CDR-chem/devA.tsv $H/BioRED/devA.tsv $H/BioNLP13PC/devA.tsv --dev $H/BC5CDR-chem/devB.tsv $H/BioRED/devB.tsv $H/BioNLP13PC/devB.tsv --replay-schedule docs/results/union-Chemical/corpus-flair512+glove/training.tsv --replay-epochs 43 --exclude $D/BC5CDR-chem/test.tsv $X/BioRED/test.tsv $X/BioNLP13PC/test.tsv $X/DrugProt/test.tsv $X/DDI/test.tsv $H/BC5CDR-chem/devB.tsv $H/BioRED/devB.tsv $H/BioNLP13PC/devB.tsv --entity-type Chemical --types Chemical --embeddings $SPEC --sample-weight $H/BioNLP13PC/devA.tsv=4 --corpus-dropout --threads 1 --out $OUT "${resume[@]}"
fi
R=work/devB-chemical-w4; mkdir -p $R
for c in BC5CDR-chem BioRED BioNLP13PC; do
  for w in -1 20; do
    for m in devA-w4:$OUT/tagger.bnm; do
      n=${m%%:*}; f=${m#*:}
      $B tag --model $f --in $H/$c/devB.tsv --out $R/$c-$n-w$w.tsv --abbreviation-window $w
      $B evaluate --gold $H/$c/devB.tsv --pred $R/$c-$n-w$w.tsv --entity-type Chemical --types Chemical --json > $R/$c-$n-w$w.json
    done
  done
done
echo CHECK DONE
