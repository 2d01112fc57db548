#!/bin/bash
# Bits per character of the backward h1024 LM before and after session 23's continued pretraining, on the first
# 30,000 characters of each benchmark's DEVEL text (measured only; scripts/lm-dev-bpc.sh says how):
#   bash docs/results/session23/dev-bpc.sh > docs/results/session23/dev-bpc.tsv
set -euo pipefail
cd "$(dirname "$0")/../../.."
CHARS=${CHARS:-30000} exec scripts/lm-dev-bpc.sh models/lm-biomed-backward-h1024.bnm models/lm-biomed-backward-h1024-v2.bnm
