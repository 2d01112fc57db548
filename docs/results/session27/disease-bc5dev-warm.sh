#!/usr/bin/env bash
# session 27: the shipped Disease default (models/disease.bnm) continued on its own training data plus the
# BC5CDR-disease devel split (issue 14's bound: the default is 3.70 under the own-corpus BC5CDR-disease model, which
# trained on train + devel; a replay of the default on train + devel halves lost the small corpora's dev halves,
# "Sessions 18 and 22"). Here BC5CDR-disease devel is training data and is not held out; selection is on the mean of
# NCBI-disease and BioRED devel F1 (`--select-on corpus-mean` over those two), which stay held out. The shipped
# run's recipe otherwise: its corpora, one-hot kept whole (tagging as BC5CDR-disease), NCBI-disease sampled twice,
# lr 0.025 from the shipped weights, stopped once the rate falls below 0.005. Compared on dev with the shipped model
# (devel NCBI-disease 86.97, BioRED 83.60: mean 85.29; docs/results/union-Disease/corpus-ws-kept-warm/
# training-dev.tsv, epoch 24); BC5CDR-disease is measured on test only, once, if dev says the model is worth it.
# Run from the repository root; resumable. Session 27 ran it with BIONER=work/frozen-s26/bioner and DEV_ONLY=1
# (started by the same `bioner train` command written out; union-model.sh's TRAIN_ON_DEVEL gives the same data).
set -euo pipefail
SPEC=flair:models/lm-biomed-forward-h512.bnm+flair:models/lm-biomed-backward-h512.bnm+glove:models/glove-biomed-100d.bnm
CORPORA=NCBI-disease,BC5CDR-disease,BioRED,tmVar3,Variome,PGxCorpus,RegEl
TRAIN_ON_DEVEL=BC5CDR-disease scripts/union-model.sh Disease corpus-kept-warm-bc5dev $SPEC+corpus:$CORPORA:use=BC5CDR-disease \
  $CORPORA --init-model models/disease.bnm --sample-weight ../shared/datasets/NCBI-disease/train.tsv=2 \
  --select-on corpus-mean --lr 0.025 --max-epochs 40 --min-lr 0.005 --threads 1 "$@"
