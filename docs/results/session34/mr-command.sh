#!/usr/bin/env bash
# session 34: mention replacement on NCBI-disease (RESULTS "Session 34"): NCBI-disease train followed by one copy of
# each sentence with a mention, every mention replaced with probability 0.5 (at least one per copy) by a Disease
# mention drawn from the train / all splits of the Disease default's corpora (scripts/mention_replacement.py); the
# recipe of session 22's batch-32 seeds (+chars:24) otherwise, devel only; then devel as `tag` tags by default.
# Run from the repository root; each run is resumable (session 34: BIONER=work/frozen-s34/bioner, both seeds side
# by side with --threads 1). The test split is not read.
set -euo pipefail
X=../shared/datasets-extra
mkdir -p work/mr-data/NCBI-disease
python3 scripts/mention_replacement.py --train ../shared/datasets/NCBI-disease/train.tsv --type Disease \
  --pool ../shared/datasets/NCBI-disease/train.tsv ../shared/datasets/BC5CDR-disease/train.tsv $X/BioRED/train.tsv \
         $X/tmVar3/train.tsv $X/Variome/all.tsv $X/PGxCorpus/all.tsv $X/RegEl/all.tsv \
  --p 0.5 --seed 1 > work/mr-data/NCBI-disease/train.tsv   # 5,424 sentences + 2,923 copies; pool of 22,196 mentions
ln -sf ../../../../shared/datasets/NCBI-disease/devel.tsv work/mr-data/NCBI-disease/devel.tsv
spec=flair:models/lm-biomed-forward-h512.bnm+flair:models/lm-biomed-backward-h512.bnm+glove:models/glove-biomed-100d.bnm+chars:24
for s in 1 2; do
  BIONER_DATASETS=work/mr-data DEV_ONLY=1 scripts/experiment.sh NCBI-disease "flair512+glove+chars-mr05-seed$s" "$spec" \
    --max-epochs 150 --min-lr 0.01 --seed "$s" --threads 1
done
scripts/dev-score.sh NCBI-disease docs/results/session34/ncbi-dev flair512+glove+chars-mr05-seed1=ncbi-chars-mr05-seed1 \
  flair512+glove+chars-mr05-seed2=ncbi-chars-mr05-seed2
