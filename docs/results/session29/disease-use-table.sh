#!/usr/bin/env bash
# session 29: the shipped Disease default tagging each devel split it was selected on by its default one-hot
# (BC5CDR-disease) and by the mean of its corpora's one-hots (`all`), with the abbreviation rule (as `tag` tags by
# default); exact span and lenient. Writes docs/results/session29/use-Disease/use-<U>/<corpus>.<metric>.json.
# Run from the repository root.
set -euo pipefail
TYPE=Disease SPLIT=devel scripts/use-corpus-table.sh docs/results/session29/use-Disease models/disease.bnm \
  NCBI-disease,BC5CDR-disease,BioRED BC5CDR-disease,all
