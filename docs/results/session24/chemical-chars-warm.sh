#!/usr/bin/env bash
# session 24: the shipped Chemical default (models/chemical.bnm) given character-level word features (+chars:24,
# `train --init-model` widens it: the features start with no effect) and trained on exactly as the run
# "corpus-kept-warm-mean" of "Sessions 12-13" / "Session 14" (same corpora, start model, seed, rates, selection);
# +chars:24 is the only change. Run from the repository root; resumable. Session 24 ran it with work/frozen-s24b/bioner.
set -euo pipefail
SPEC=flair:models/lm-biomed-forward-h512.bnm+flair:models/lm-biomed-backward-h512.bnm+glove:models/glove-biomed-100d.bnm
CORPORA=BC5CDR-chem,BioRED,BioNLP13PC,DrugProt,PGxCorpus,SCAI-Chemicals
scripts/union-model.sh Chemical corpus-kept-warm-mean-chars $SPEC+chars:24+corpus:$CORPORA:use=BC5CDR-chem $CORPORA \
  --exclude ../shared/datasets-extra/DDI/test.tsv --init-model models/chemical.bnm --select-on corpus-mean \
  --lr 0.025 --max-epochs 30 --min-lr 0.005 --threads 1 "$@"
