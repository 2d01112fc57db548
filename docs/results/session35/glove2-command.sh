#!/usr/bin/env bash
# session 35: the second GloVe vectors (docs/GLOVE.md "Second vectors": all of ../shared/corpora, 109 M tokens) against
# the shipped ones, at convergence and with character features (session 5 compared them for 20 epochs on one seed,
# without characters): the vectors, made if absent, then the reference recipe with them for seeds 1-3
# (ncbi-chars-seeds.sh: NCBI-disease devel only, then devel as `tag` tags by default). The vectors and the runs are
# resumable (session 35: BIONER=work/frozen-s34b/bioner, read from the repository root, where the script runs).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../../.."   # the paths below are relative to the repository root
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
