#!/usr/bin/env bash
# session 34: the entity bias on NCBI-disease devel for the own-corpus NCBI-disease models of sessions 33-34 (the
# DEV_ONLY runs of `+chars:24`, whose selected models scripts/dev-score.sh copied to work/dev-models/), tagged as `tag`
# tags by default, exact span; does their devel F1 peak at bias 0, as the shipped models' does (bias_table.py)?
# Run from the repository root after docs/results/session33/command.sh and the session-34 mention-replacement runs.
set -euo pipefail
models=()
for m in lr02-seed1 lr005-seed1 lr005-seed2 lr005-seed3 wd00-seed1 wd01-seed1 wd01-seed2 wd01-seed3 wd02-seed1 mr05-seed1 mr05-seed2; do
  models+=("work/dev-models/ncbi-chars-$m.bnm:NCBI-disease")
done
for b in ${BIASES:--0.5 0 0.5}; do
  SPLIT=devel METRICS=span TAG_OPTIONS="--entity-bias $b" scripts/score-models.sh docs/results/session34/bias-ncbi-own/b$b "${models[@]}"
done
