#!/usr/bin/env bash
# session 35: the second GloVe vectors (docs/GLOVE.md "Second vectors": all of ../shared/corpora, 109 M tokens) against
# the shipped ones, at convergence and with character features: session 5 compared them for 20 epochs on one seed
# without characters (-1.2 at the best). Same recipe as session 22's batch-32 seeds (+chars:24, lr 0.1, anneal x0.5
# after 3 epochs without devel improvement, stopped below 0.01), the word vectors the only change; NCBI-disease devel
# only (the test split is not read); then devel as `tag` tags by default. Run from the repository root; the vectors
# and both runs are resumable (session 35: BIONER=work/frozen-s34b/bioner, the three seeds side by side with --threads 1).
set -euo pipefail
B=${BIONER:-./bioner}
if [ ! -f work/glove2/glove-biomed2-100d.bnm ]; then
  mkdir -p work/glove2
  OMP_NUM_THREADS=1 BIONER_JAVA_OPTS="-Xmx7g -XX:ActiveProcessorCount=1" $B pretrain-glove \
    --text ../shared/corpora/*/*.txt.gz --number-mask '<dig>' \
    --conll ../shared/datasets/*/train.tsv ../shared/datasets-extra/*/train.tsv ../shared/datasets-extra/*/all.tsv \
    --min-count 5 --max-vocab 200000 --window 10 --dim 100 --epochs 15 \
    --work work/glove2 --out work/glove2/glove-biomed2-100d.bnm
fi
spec=flair:models/lm-biomed-forward-h512.bnm+flair:models/lm-biomed-backward-h512.bnm+glove:work/glove2/glove-biomed2-100d.bnm+chars:24
for s in 1 2 3; do
  BIONER=$B DEV_ONLY=1 scripts/experiment.sh NCBI-disease "flair512+glove2+chars-seed$s" "$spec" \
    --max-epochs 150 --min-lr 0.01 --seed "$s" --threads 1 &
done
wait
BIONER=$B scripts/dev-score.sh NCBI-disease docs/results/session35/ncbi-dev flair512+glove2+chars-seed1=ncbi-glove2-chars-seed1 \
  flair512+glove2+chars-seed2=ncbi-glove2-chars-seed2 flair512+glove2+chars-seed3=ncbi-glove2-chars-seed3
