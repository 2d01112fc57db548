#!/usr/bin/env bash
# After DEV_ONLY runs of scripts/experiment.sh: each run's selected model tags CORPUS's devel split as `tag` tags by
# default (the abbreviation rule on) and is scored by exact span and the paper's token metric, with its errors
# classified (scripts/score-models.sh SPLIT=devel ERRORS=8); its curve (command.txt, training.tsv, training.png) is
# copied to docs/results/CORPUS/RUN/ beside the other runs of that corpus. The test split is not read.
#
#   scripts/dev-score.sh CORPUS OUT_DIR RUN[=NAME] [RUN[=NAME]...]
#   e.g. scripts/dev-score.sh NCBI-disease docs/results/session33/ncbi-dev flair512+glove+chars-wd01-seed1=ncbi-chars-wd01-seed1
#
# MODEL (default tagger.bnm) is the file of each run folder to score, e.g. MODEL=tagger-averaged-3.bnm (train
# --average-epochs); the folder's training-averaged-*.tsv logs are copied with its curve.
# NAME (default RUN) names the scored model: OUT_DIR/NAME/CORPUS.{span,token}.json and CORPUS.errors.txt; the model
# is copied to work/dev-models/NAME.bnm (git-ignored) to carry that name.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[ $# -ge 3 ] || { echo "usage: scripts/dev-score.sh CORPUS OUT_DIR RUN[=NAME] [RUN[=NAME]...]" >&2; exit 2; }
corpus="$1"; out="$(mkdir -p "$2" && cd "$2" && pwd)"; shift 2
cd "$ROOT"  # the paths below are relative to the repository root
mkdir -p work/dev-models
for arg in "$@"; do
  run="${arg%%=*}"; name="${arg#*=}"
  src="results/$corpus/$run"
  model="${MODEL:-tagger.bnm}"
  [ -f "$src/$model" ] || { echo "dev-score.sh: $src/$model not found (has the run finished?)" >&2; exit 2; }
  cp "$src/$model" "work/dev-models/$name.bnm"
  SPLIT=devel METRICS="span token" ERRORS=8 scripts/score-models.sh "$out" "work/dev-models/$name.bnm:$corpus"
  mkdir -p "docs/results/$corpus/$run"
  cp "$src"/{command.txt,training.tsv,training.png} "docs/results/$corpus/$run/"
  for f in "$src"/training-averaged-*.tsv; do [ -f "$f" ] && cp "$f" "docs/results/$corpus/$run/"; done
done
