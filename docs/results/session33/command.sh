#!/usr/bin/env bash
# session 33: NCBI-disease devel probes of the word dropout and the learning rate (RESULTS "Session 33"): each the
# recipe of session 22's three batch-32 seeds (+chars:24, batch 32, anneal x0.5 after 3 epochs without devel
# improvement, stopped below lr 0.01) with one setting changed; then each selected model tags devel as `tag` tags by
# default (scripts/dev-score.sh) and its curve is kept in docs/results/NCBI-disease/<run>/. The test split is not read.
# Run from the repository root; each run is resumable (session 33 ran them with a frozen build,
# BIONER=work/frozen-s33/bioner, two at a time with --threads 1).
set -euo pipefail
spec=flair:models/lm-biomed-forward-h512.bnm+flair:models/lm-biomed-backward-h512.bnm+glove:models/glove-biomed-100d.bnm+chars:24
run() { local name="$1"; shift
  DEV_ONLY=1 scripts/experiment.sh NCBI-disease "flair512+glove+chars-$name" "$spec" --max-epochs 150 --min-lr 0.01 "$@" --threads 1
  scripts/dev-score.sh NCBI-disease docs/results/session33/ncbi-dev "flair512+glove+chars-$name=ncbi-chars-$name"
}
run lr02-seed1 --seed 1 --lr 0.2
run lr005-seed1 --seed 1 --lr 0.05
run lr005-seed2 --seed 2 --lr 0.05
run lr005-seed3 --seed 3 --lr 0.05
run wd01-seed1 --seed 1 --word-dropout 0.1
run wd01-seed2 --seed 2 --word-dropout 0.1
run wd01-seed3 --seed 3 --word-dropout 0.1
run wd02-seed1 --seed 1 --word-dropout 0.2
run wd00-seed1 --seed 1 --word-dropout 0
