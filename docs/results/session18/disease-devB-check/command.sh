#!/usr/bin/env bash
# Disease default: replay of the shipped run's schedule on train + devA halves; devB halves only scored.
set -euo pipefail
# run from the repository root (session 18 ran it with a frozen build of 73cc22a^, work/frozen-s18/bioner)
B=./bioner
D=../shared/datasets; X=../shared/datasets-extra; H=work/dev-halves
OUT=results/union-Disease/corpus-ws-kept-warm-devA
resume=(); [ -d "$OUT/work" ] && resume=(--resume)
if [ ! -f "$OUT/tagger.bnm" ]; then
$B train --train $D/NCBI-disease/train.tsv $D/BC5CDR-disease/train.tsv $X/BioRED/train.tsv $X/tmVar3/train.tsv $X/Variome/all.tsv $X/PGxCorpus/all.tsv $X/RegEl/all.tsv $H/NCBI-disease/devA.tsv $H/BC5CDR-disease/devA.tsv $H/BioRED/devA.tsv --dev $H/NCBI-disease/devB.tsv $H/BC5CDR-disease/devB.tsv $H/BioRED/devB.tsv --replay-schedule results/union-Disease/corpus-ws-kept-warm --exclude $D/NCBI-disease/test.tsv $D/BC5CDR-disease/test.tsv $X/BioRED/test.tsv $X/tmVar3/test.tsv $H/NCBI-disease/devB.tsv $H/BC5CDR-disease/devB.tsv $H/BioRED/devB.tsv --entity-type Disease --types Disease --embeddings flair:models/lm-biomed-forward-h512.bnm+flair:models/lm-biomed-backward-h512.bnm+glove:models/glove-biomed-100d.bnm+corpus:NCBI-disease,BC5CDR-disease,BioRED,tmVar3,Variome,PGxCorpus,RegEl:use=BC5CDR-disease --init-model work/init/disease-union-s9.bnm --sample-weight $D/NCBI-disease/train.tsv=2 --sample-weight $H/NCBI-disease/devA.tsv=2 --select-on corpus-mean --lr 0.025 --threads 1 --out $OUT "${resume[@]}"
fi
mkdir -p work/devB-union
for c in NCBI-disease BC5CDR-disease BioRED; do
  for w in -1 20; do
    for m in kept-warm:results/union-Disease/corpus-ws-kept-warm/tagger.bnm devA:$OUT/tagger.bnm; do
      n=${m%%:*}; f=${m#*:}
      $B tag --model $f --in $H/$c/devB.tsv --out work/devB-union/$c-$n-w$w.tsv --abbreviation-window $w
      $B evaluate --gold $H/$c/devB.tsv --pred work/devB-union/$c-$n-w$w.tsv --entity-type Disease --json > work/devB-union/$c-$n-w$w.json
    done
  done
done
echo CHECK DONE
