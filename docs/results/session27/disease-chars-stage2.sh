#!/usr/bin/env bash
# session 27: a second stage for the Disease default with character features from the start. The run of
# docs/results/session25/disease-chars-scratch.sh (continued with MIN_LR=0.005) ended at corpus-mean dev 83.93
# (epoch 43), 0.20 under the shipped models/disease.bnm (84.13), whose own recipe had a second warm-start stage at lr
# 0.025 that took it from 82.55 to 84.13 (models/README.md). The same here: warm start from that run's selected model
# (copied to work/init/disease-chars-scratch.bnm before this starts) at lr 0.025, one-hot kept whole, NCBI-disease
# sampled twice, corpus-mean selection, stopped below 0.005. Compared on dev with the shipped model (84.13).
# Run from the repository root; resumable. Session 27 started it with BIONER=work/frozen-s26/bioner DEV_ONLY=1.
# Session 30: RUN (default corpus-chars-stage2) and SELECT (the --select-on criterion, default corpus-mean): with
# SELECT=default-mean RUN=corpus-chars-stage2-dm the same stage selected on the devel splits as the model tags by default.
set -euo pipefail
SPEC=flair:models/lm-biomed-forward-h512.bnm+flair:models/lm-biomed-backward-h512.bnm+glove:models/glove-biomed-100d.bnm
CORPORA=NCBI-disease,BC5CDR-disease,BioRED,tmVar3,Variome,PGxCorpus,RegEl
FIRST=results/union-Disease/corpus-chars-scratch   # the first stage's run folder
INIT=work/init/disease-chars-scratch.bnm
[ -f $INIT ] || { mkdir -p work/init; cp $FIRST/tagger.bnm $INIT; }
RUN=${RUN:-corpus-chars-stage2}
OUT=results/union-Disease/$RUN
# same sentences and embeddings as the first stage: its embedding cache is reused (checked against a fresh probe);
# the trainer keeps caches and checkpoint in the subfolder CACHE of a run folder
CACHE=work
if [ ! -d $OUT/$CACHE ] && [ -d $FIRST/$CACHE ]; then
  mkdir -p $OUT/$CACHE; cp $FIRST/$CACHE/embeddings-*.f16 $OUT/$CACHE/
fi
scripts/union-model.sh Disease $RUN $SPEC+chars:24+corpus:$CORPORA:use=BC5CDR-disease $CORPORA \
  --init-model $INIT --sample-weight ../shared/datasets/NCBI-disease/train.tsv=2 --select-on ${SELECT:-corpus-mean} \
  --lr 0.025 --max-epochs 40 --min-lr 0.005 --threads 1 "$@"
