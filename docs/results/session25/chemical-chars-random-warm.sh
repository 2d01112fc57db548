#!/usr/bin/env bash
# session 25: as docs/results/session24/chemical-chars-warm.sh (the shipped Chemical default given +chars:24 by
# `train --init-model`, trained on exactly as "corpus-kept-warm-mean"), with the LSTMs' weights from the new character
# features drawn as a new network's (--init-char-weights RANDOM) instead of zero: the only change. Run from the
# repository root; resumable. Session 25 ran it with a frozen build of its code (BIONER=work/frozen-s25/bioner).
set -euo pipefail
SPEC=flair:models/lm-biomed-forward-h512.bnm+flair:models/lm-biomed-backward-h512.bnm+glove:models/glove-biomed-100d.bnm
CORPORA=BC5CDR-chem,BioRED,BioNLP13PC,DrugProt,PGxCorpus,SCAI-Chemicals
scripts/union-model.sh Chemical corpus-kept-warm-mean-chars-random $SPEC+chars:24+corpus:$CORPORA:use=BC5CDR-chem $CORPORA \
  --exclude ../shared/datasets-extra/DDI/test.tsv --init-model models/chemical.bnm --init-char-weights RANDOM \
  --select-on corpus-mean --lr 0.025 --max-epochs 30 --min-lr 0.005 --threads 1 "$@"
