#!/usr/bin/env bash
# session 32: NCBI-disease test, read once, for the batch-64 model replayed on train + devel
# (results/NCBI-disease/flair512+glove+chars-b64-seed1-withdev; experiment.sh tagged test at its end): scored with both
# metrics as `tag` tags by default and network only (as "Session 26" scored flair512+glove+chars-seed3-withdev), then
# compared (paired bootstrap) with that batch-32 model (results/scored/ncbi-chars-withdev-s26, "Session 26") and the best
# own-corpus model (the fine-tune on train + devel, results/union-Disease/ft-NCBI-disease-withdev, by NCBI-disease's
# one-hot, "Session 30"). Run from the repository root.
set -euo pipefail
O=docs/results/session32/ncbi-b64-withdev
mkdir -p work/ncbi/off $O
cp results/NCBI-disease/flair512+glove+chars-b64-seed1-withdev/tagger.bnm work/ncbi/ncbi-chars-b64-withdev.bnm
cp results/NCBI-disease/flair512+glove+chars-b64-seed1-withdev/tagger.bnm work/ncbi/off/ncbi-chars-b64-withdev-off.bnm
METRICS="span token" ERRORS=8 scripts/score-models.sh $O work/ncbi/ncbi-chars-b64-withdev.bnm:NCBI-disease
TAG_OPTIONS="--abbreviation-window -1" METRICS="span token" scripts/score-models.sh $O work/ncbi/off/ncbi-chars-b64-withdev-off.bnm:NCBI-disease
G=../shared/datasets/NCBI-disease/test.tsv; P=results/scored/ncbi-chars-b64-withdev/NCBI-disease.test-pred.tsv
scripts/compare-pred.sh Disease $G results/scored/ncbi-chars-withdev-s26/NCBI-disease.test-pred.tsv $P $O/vs-batch32.json NCBI-disease batch32-withdev batch64-withdev
scripts/compare-pred.sh Disease $G results/union-Disease/ft-NCBI-disease-withdev/test-pred-NCBI-disease.own.tsv $P $O/vs-best-own.json NCBI-disease best-own batch64-withdev
mkdir -p docs/results/NCBI-disease/flair512+glove+chars-b64-seed1-withdev
cp results/NCBI-disease/flair512+glove+chars-b64-seed1-withdev/{command.txt,training.tsv,training.png,test-eval.json} docs/results/NCBI-disease/flair512+glove+chars-b64-seed1-withdev/
