#!/usr/bin/env bash
# session 20: NCBI-disease devel, three seeds alone and as ensembles (export-model --ensemble)
set -euo pipefail
# run from the repository root after the three seed runs (session 20 ran it with a frozen build of b002c03):
#   for s in 1 2 3; do DEV_ONLY=1 scripts/experiment.sh NCBI-disease flair512+glove-seed$s flair:models/lm-biomed-forward-h512.bnm+flair:models/lm-biomed-backward-h512.bnm+glove:models/glove-biomed-100d.bnm --max-epochs 150 --min-lr 0.01 --seed $s --threads 1; done
B=./bioner
mkdir -p work/ens
for s in 1 2 3; do cp results/NCBI-disease/flair512+glove-seed$s/tagger.bnm work/ens/ncbi-seed$s.bnm; done
$B export-model --ensemble --in work/ens/ncbi-seed2.bnm --in work/ens/ncbi-seed3.bnm --out work/ens/ncbi-ens23.bnm --float32
$B export-model --ensemble --in work/ens/ncbi-seed1.bnm --in work/ens/ncbi-seed2.bnm --in work/ens/ncbi-seed3.bnm --out work/ens/ncbi-ens123.bnm --float32
$B export-model --in work/ens/ncbi-seed1.bnm --in work/ens/ncbi-seed2.bnm --in work/ens/ncbi-seed3.bnm --out work/ens/ncbi-soup123.bnm --float32
BIONER=$B SPLIT=devel METRICS="span token" ERRORS=8 scripts/score-models.sh docs/results/session20/ncbi-ensemble-dev \
  work/ens/ncbi-seed1.bnm:NCBI-disease work/ens/ncbi-seed2.bnm:NCBI-disease work/ens/ncbi-seed3.bnm:NCBI-disease \
  work/ens/ncbi-ens23.bnm:NCBI-disease work/ens/ncbi-ens123.bnm:NCBI-disease work/ens/ncbi-soup123.bnm:NCBI-disease
echo "ENSEMBLE DEV DONE"
