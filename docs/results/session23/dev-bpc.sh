#!/bin/bash
# Bits per character of the backward h1024 LM before and after session 23's continued pretraining, on the first
# CHARS characters of each benchmark's DEVEL text (measured only; nothing is trained or chosen on it but the
# comparison itself). Text as the LM reads a sentence at tagging time: tokens joined by single spaces, one sentence
# per line (pretrain_flair_lm.py `eval --tsv`: 16 streams of 250-character steps, float32, CPU, one thread).
#   CHARS=30000 bash docs/results/session23/dev-bpc.sh > docs/results/session23/dev-bpc.tsv
set -euo pipefail
cd "$(dirname "$0")/../../.."
PY=${PYTHON:-/usr/bin/python3}; S=scripts/pretrain_flair_lm.py; W=work/devbpc; CHARS=${CHARS:-50000}
mkdir -p $W
for m in lm-biomed-backward-h1024 lm-biomed-backward-h1024-v2; do
  [ -f $W/$m.pt ] || $PY $S from-bnm --in models/$m.bnm --out $W/$m.pt >&2
done
printf 'corpus\tchars\tbackward h1024 (shipped)\tbackward h1024-v2 (session 23)\n'
for c in NCBI-disease BC5CDR-disease BC2GM JNLPBA linnaeus s800; do  # BC5CDR-chem: the same devel text as BC5CDR-disease
  row="$c\t$CHARS"
  for m in lm-biomed-backward-h1024 lm-biomed-backward-h1024-v2; do
    b=$(OMP_NUM_THREADS=1 $PY $S eval --tsv ../shared/datasets/$c/devel.tsv --model $W/$m.pt --max-chars $CHARS --batch 16 | sed 's/.*valid_bpc \([0-9.]*\).*/\1/')
    row="$row\t$b"
  done
  printf "$row\n"
done
