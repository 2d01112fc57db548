#!/usr/bin/env bash
# session 27: a Species default trained with character features from the start (+chars:24), otherwise the shipped
# models/species.bnm's recipe (models/README.md: its six corpora, corpus one-hot tagging as linnaeus, corpus dropout,
# selection on the union of the devel splits, Flair's rate 0.1 from new weights); stops once the rate falls below 0.01
# (resume with a lower --min-lr to go on). Why: linnaeus is the Species default's corpus furthest under BioBERT (87.01
# against 88.08), and character features gained on test in all six test reads made with them (docs/RESULTS.md,
# "Session 26"). Compared on dev with the shipped model's run (union dev 89.92 at its selected epoch 39; linnaeus
# devel 96.67, s800 devel 72.15). Run from the repository root; resumable.
# Session 27 started it with a frozen build (BIONER=work/frozen-s26/bioner) and DEV_ONLY=1.
set -euo pipefail
SPEC=flair:models/lm-biomed-forward-h512.bnm+flair:models/lm-biomed-backward-h512.bnm+glove:models/glove-biomed-100d.bnm
CORPORA=linnaeus,s800,BioRED,tmVar3,RegEl,LocText
scripts/union-model.sh Species corpus-chars-scratch $SPEC+chars:24+corpus:$CORPORA:use=linnaeus $CORPORA \
  --max-epochs 150 --min-lr 0.01 --threads 1 --corpus-dropout "$@"
