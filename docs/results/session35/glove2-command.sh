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
bash docs/results/session35/ncbi-chars-seeds.sh flair512+glove2+chars ncbi-glove2-chars work/glove2/glove-biomed2-100d.bnm 1 2 3
