#!/usr/bin/env bash
# session 29: a Disease model against the shipped models/disease.bnm on the devel splits of the default's other
# selection corpora (NCBI-disease, BioRED), both with the abbreviation rule; the shipped model tags as `tag` does by
# default, MODEL by each one-hot of USES (`--use-corpus U`; `default`: the model's own default). BC5CDR-disease devel
# is left out: it is training data of the model continued with it, and the fine-tunes select on it.
# (docs/results/session30/dev-vs-shipped.sh does the work, for any type.)
#   OUT=docs/results/session29/disease-bc5dev-use USES="NCBI-disease all" bash docs/results/session29/disease-dev-vs-shipped.sh
#       the Disease default continued with BC5CDR-disease devel ("Session 27"; the default MODEL) by other one-hots
#   OUT=docs/results/session29/ft-as-default-dev USES=default MODEL=results/union-Disease/ft-BC5CDR-disease/tagger.bnm \
#     bash docs/results/session29/disease-dev-vs-shipped.sh          # the BC5CDR-disease fine-tune as a default
# Writes OUT/<corpus>-use-<U>.json. Run from the repository root.
set -euo pipefail
TYPE=Disease MODEL=${MODEL:-results/union-Disease/corpus-kept-warm-bc5dev/tagger.bnm} \
  SPLITS="NCBI-disease:../shared/datasets/NCBI-disease/devel.tsv BioRED:../shared/datasets-extra/BioRED/devel.tsv" \
  exec bash "$(dirname "${BASH_SOURCE[0]}")/../session30/dev-vs-shipped.sh"
