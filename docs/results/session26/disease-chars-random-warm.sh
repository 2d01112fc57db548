#!/usr/bin/env bash
# session 26: the shipped Disease default (models/disease.bnm) given character-level word features (+chars:24 by
# `train --init-model`, the LSTMs' weights from them drawn as a new network's: --init-char-weights RANDOM) and trained
# on its corpora, weights and selection (NCBI-disease sampled twice, corpus-mean of the three devel splits) at lr 0.05,
# twice the 0.025 at which session 25's Chemical warm start did not learn to read the features, and the rate of the
# Disease default's first warm-start stage; stops once the rate falls below 0.005. Compared on dev with the shipped
# model (devel NCBI-disease 86.97, BC5CDR-disease 81.84, BioRED 83.60, mean 84.13) and with the run trained with
# characters from the start (docs/results/session25/disease-chars-scratch.sh). Run from the repository root; resumable.
# Session 26 started it with a frozen build of its code (BIONER=work/frozen-s26/bioner) and DEV_ONLY=1.
set -euo pipefail
SPEC=flair:models/lm-biomed-forward-h512.bnm+flair:models/lm-biomed-backward-h512.bnm+glove:models/glove-biomed-100d.bnm
CORPORA=NCBI-disease,BC5CDR-disease,BioRED,tmVar3,Variome,PGxCorpus,RegEl
scripts/union-model.sh Disease corpus-kept-warm-chars-random $SPEC+chars:24+corpus:$CORPORA:use=BC5CDR-disease $CORPORA \
  --init-model models/disease.bnm --init-char-weights RANDOM --sample-weight ../shared/datasets/NCBI-disease/train.tsv=2 \
  --select-on corpus-mean --lr 0.05 --max-epochs 40 --min-lr 0.005 --threads 1 "$@"
