#!/usr/bin/env bash
# Disease default, split-dev check with the small corpora's devA halves weighted (issue 14): session 21's
# docs/results/session21/disease-devB-w4/command.sh, restarted in session 22 on a new machine (session 21's run and
# its prerequisites were git-ignored and did not carry over), with every prerequisite made here from tracked files:
# the dev halves (sentence order: devA the first NCBI-disease 461 / BC5CDR-disease 2,290 / BioRED 412 sentences),
# the start model (the Disease model of "Session 9", commit e4165eb) and the shipped run's schedule (its kept
# training.tsv, model selected at epoch 24).
set -euo pipefail
# run from the repository root; session 22 ran it with a frozen build of a6d8268 (BIONER=work/frozen-s22/bioner)
B=${BIONER:-./bioner}
D=../shared/datasets; X=../shared/datasets-extra; H=work/dev-halves
for c in NCBI-disease:$D:461 BC5CDR-disease:$D:2290 BioRED:$X:412; do
  n=${c%%:*}; r=${c#*:}; dir=${r%%:*}; k=${r#*:}; mkdir -p $H/$n
  [ -f $H/$n/devB.tsv ] || awk -v A=$H/$n/devA.tsv -v B=$H/$n/devB.tsv -v K=$k 'BEGIN{RS=""; ORS="\n\n"} NR<=K {print > A; next} {print > B}' $dir/$n/devel.tsv
done
mkdir -p work/init
[ -f work/init/disease-union-s9.bnm ] || git show e4165eb:models/disease.bnm > work/init/disease-union-s9.bnm
OUT=results/union-Disease/corpus-ws-kept-warm-devA-w4
resume=(); [ -d "$OUT/work" ] && resume=(--resume)
if [ ! -f "$OUT/tagger.bnm" ]; then
$B train --train $D/NCBI-disease/train.tsv $D/BC5CDR-disease/train.tsv $X/BioRED/train.tsv $X/tmVar3/train.tsv $X/Variome/all.tsv $X/PGxCorpus/all.tsv $X/RegEl/all.tsv $H/NCBI-disease/devA.tsv $H/BC5CDR-disease/devA.tsv $H/BioRED/devA.tsv --dev $H/NCBI-disease/devB.tsv $H/BC5CDR-disease/devB.tsv $H/BioRED/devB.tsv --replay-schedule docs/results/union-Disease/corpus-ws-kept-warm/training.tsv --replay-epochs 24 --exclude $D/NCBI-disease/test.tsv $D/BC5CDR-disease/test.tsv $X/BioRED/test.tsv $X/tmVar3/test.tsv $H/NCBI-disease/devB.tsv $H/BC5CDR-disease/devB.tsv $H/BioRED/devB.tsv --entity-type Disease --types Disease --embeddings flair:models/lm-biomed-forward-h512.bnm+flair:models/lm-biomed-backward-h512.bnm+glove:models/glove-biomed-100d.bnm+corpus:NCBI-disease,BC5CDR-disease,BioRED,tmVar3,Variome,PGxCorpus,RegEl:use=BC5CDR-disease --init-model work/init/disease-union-s9.bnm --sample-weight $D/NCBI-disease/train.tsv=2 --sample-weight $H/NCBI-disease/devA.tsv=4 --sample-weight $H/BioRED/devA.tsv=4 --select-on corpus-mean --lr 0.025 --threads 1 --out $OUT "${resume[@]}"
fi
# both the new model and the shipped one (session 18 scored it with the same halves: docs/results/session18/disease-devB-check)
R=work/devB-union-w4; mkdir -p $R
for c in NCBI-disease BC5CDR-disease BioRED; do
  for w in -1 20; do
    $B tag --model $OUT/tagger.bnm --in $H/$c/devB.tsv --out $R/$c-devA-w4-w$w.tsv --abbreviation-window $w
    $B evaluate --gold $H/$c/devB.tsv --pred $R/$c-devA-w4-w$w.tsv --entity-type Disease --json > $R/$c-devA-w4-w$w.json
    $B tag --model models/disease.bnm --in $H/$c/devB.tsv --out $R/$c-shipped-w$w.tsv --abbreviation-window $w
    $B evaluate --gold $H/$c/devB.tsv --pred $R/$c-shipped-w$w.tsv --entity-type Disease --json > $R/$c-shipped-w$w.json
  done
done
echo CHECK DONE
