#!/usr/bin/env bash
# session 20: s800 devel, three seeds alone and as an ensemble; seed 1 is the converged run of session 17
# (Flair's rule selected epoch 21, which a stop below lr 0.01 selects too, with the same weights)
set -euo pipefail
# run from the repository root after the seed runs (session 20 ran it with a frozen build of b002c03):
#   scripts/experiment.sh s800 flair512+glove-s17 SPEC --max-epochs 150 --threads 1; cp results/s800/flair512+glove-s17/tagger.bnm work/s800/s800-own-s17.bnm
#   for s in 2 3; do DEV_ONLY=1 scripts/experiment.sh s800 flair512+glove-seed$s SPEC --max-epochs 150 --min-lr 0.01 --seed $s --threads 1; done
#   (SPEC=flair:models/lm-biomed-forward-h512.bnm+flair:models/lm-biomed-backward-h512.bnm+glove:models/glove-biomed-100d.bnm)
B=./bioner
mkdir -p work/ens
cp work/s800/s800-own-s17.bnm work/ens/s800-seed1.bnm
for s in 2 3; do cp results/s800/flair512+glove-seed$s/tagger.bnm work/ens/s800-seed$s.bnm; done
$B export-model --ensemble --in work/ens/s800-seed2.bnm --in work/ens/s800-seed3.bnm --out work/ens/s800-ens23.bnm --float32
$B export-model --ensemble --in work/ens/s800-seed1.bnm --in work/ens/s800-seed2.bnm --in work/ens/s800-seed3.bnm --out work/ens/s800-ens123.bnm --float32
BIONER=$B SPLIT=devel METRICS="span token" ERRORS=8 scripts/score-models.sh docs/results/session20/s800-ensemble-dev \
  work/ens/s800-seed1.bnm:s800 work/ens/s800-seed2.bnm:s800 work/ens/s800-seed3.bnm:s800 \
  work/ens/s800-ens23.bnm:s800 work/ens/s800-ens123.bnm:s800
echo "ENSEMBLE S800 DEV DONE"
