#!/usr/bin/env bash
# session 25: a Disease default trained with character features from the start (a warm start from the shipped model
# does not learn to read them: docs/RESULTS.md "Session 25"). The shipped model's corpora, one-hot (kept whole,
# tagging as BC5CDR-disease), NCBI-disease sampling weight and corpus-mean selection, from new weights at Flair's
# rate; stops once the rate falls below 0.01 (resume with a lower MIN_LR=... to go on: it is not part of the
# checkpoint's fingerprint). Compared on dev with the shipped models/disease.bnm (devel NCBI-disease 86.97,
# BC5CDR-disease 81.84, BioRED 83.60, mean 84.13 as its run logged them). Run from the repository root; resumable.
# Session 25 started it with a frozen build of its code (BIONER=work/frozen-s25/bioner) and DEV_ONLY=1.
set -euo pipefail
SPEC=flair:models/lm-biomed-forward-h512.bnm+flair:models/lm-biomed-backward-h512.bnm+glove:models/glove-biomed-100d.bnm
CORPORA=NCBI-disease,BC5CDR-disease,BioRED,tmVar3,Variome,PGxCorpus,RegEl
scripts/union-model.sh Disease corpus-chars-scratch $SPEC+chars:24+corpus:$CORPORA:use=BC5CDR-disease $CORPORA \
  --sample-weight ../shared/datasets/NCBI-disease/train.tsv=2 --select-on corpus-mean \
  --max-epochs 150 --min-lr "${MIN_LR:-0.01}" --threads 1 "$@"
