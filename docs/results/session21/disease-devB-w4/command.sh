#!/usr/bin/env bash
# Disease default, split-dev check with the small corpora's devA halves weighted (issue 14; started in session 21):
# as docs/results/session18/disease-devB-check/command.sh (the shipped run's 24 epochs replayed on every training
# file plus the devA halves, devB held out and only scored), but NCBI-disease's and BioRED's devA halves sampled
# 4 times per epoch (session 18: NCBI-disease's devA 2, BioRED's 1), since those two corpora lost on devB there.
set -euo pipefail
# run from the repository root (session 21 started it with a frozen build of b2f62e1, work/frozen-s21b/bioner);
# the prerequisites are those of session 18's command (work/dev-halves, work/init/disease-union-s9.bnm,
# results/union-Disease/corpus-ws-kept-warm/)
B=${BIONER:-./bioner}
D=../shared/datasets; X=../shared/datasets-extra; H=work/dev-halves
OUT=results/union-Disease/corpus-ws-kept-warm-devA-w4
resume=(); [ -d "$OUT/work" ] && resume=(--resume)
if [ ! -f "$OUT/tagger.bnm" ]; then
$B train --train $D/NCBI-disease/train.tsv $D/BC5CDR-disease/train.tsv $X/BioRED/train.tsv $X/tmVar3/train.tsv $X/Variome/all.tsv $X/PGxCorpus/all.tsv $X/RegEl/all.tsv $H/NCBI-disease/devA.tsv $H/BC5CDR-disease/devA.tsv $H/BioRED/devA.tsv --dev $H/NCBI-disease/devB.tsv $H/BC5CDR-disease/devB.tsv $H/BioRED/devB.tsv --replay-schedule results/union-Disease/corpus-ws-kept-warm --exclude $D/NCBI-disease/test.tsv $D/BC5CDR-disease/test.tsv $X/BioRED/test.tsv $X/tmVar3/test.tsv $H/NCBI-disease/devB.tsv $H/BC5CDR-disease/devB.tsv $H/BioRED/devB.tsv --entity-type Disease --types Disease --embeddings flair:models/lm-biomed-forward-h512.bnm+flair:models/lm-biomed-backward-h512.bnm+glove:models/glove-biomed-100d.bnm+corpus:NCBI-disease,BC5CDR-disease,BioRED,tmVar3,Variome,PGxCorpus,RegEl:use=BC5CDR-disease --init-model work/init/disease-union-s9.bnm --sample-weight $D/NCBI-disease/train.tsv=2 --sample-weight $H/NCBI-disease/devA.tsv=4 --sample-weight $H/BioRED/devA.tsv=4 --select-on corpus-mean --lr 0.025 --threads 1 --out $OUT "${resume[@]}"
fi
R=work/devB-union-w4; mkdir -p $R
for c in NCBI-disease BC5CDR-disease BioRED; do
  for w in -1 20; do
    $B tag --model $OUT/tagger.bnm --in $H/$c/devB.tsv --out $R/$c-devA-w4-w$w.tsv --abbreviation-window $w
    $B evaluate --gold $H/$c/devB.tsv --pred $R/$c-devA-w4-w$w.tsv --entity-type Disease --json > $R/$c-devA-w4-w$w.json
  done
done
echo CHECK DONE
