#!/bin/bash
# Bits per character of character LMs (this project's .bnm files, forward or backward) on the first CHARS characters
# of each benchmark's DEVEL text: measured only, to check that a new LM models the text the taggers read before a
# tagger is trained on it (nothing is trained or chosen on devel but that check). Text as an LM reads a sentence at
# tagging time: tokens joined by single spaces, one sentence per line (pretrain_flair_lm.py `eval --tsv`: 16 streams
# of 250-character steps, float32, CPU, one thread). Needs python3 with torch (Debian: python3-torch).
#   CHARS=30000 scripts/lm-dev-bpc.sh models/lm-biomed-forward-h1024.bnm NEW-forward.bnm > dev-bpc.tsv
# One row per corpus (CORPORA="..." for fewer), one column per LM (named by its file). BC5CDR-chem is left out: its
# devel text is BC5CDR-disease's.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-/usr/bin/python3}; S=scripts/pretrain_flair_lm.py; W=work/devbpc; CHARS=${CHARS:-30000}
DATA=${BIONER_DATASETS:-../shared/datasets}
[ $# -ge 1 ] || { echo "usage: $0 LM.bnm [LM.bnm ...]" >&2; exit 2; }
mkdir -p $W
header="corpus\tchars"
for m in "$@"; do
  [ -f "$m" ] || { echo "$0: no LM file $m" >&2; exit 2; }
  pt=$W/$(basename "$m" .bnm).pt
  [ -f $pt ] && [ $pt -nt "$m" ] || $PY $S from-bnm --in "$m" --out $pt >&2
  header="$header\t$(basename "$m" .bnm)"
done
printf "$header\n"
for c in ${CORPORA:-NCBI-disease BC5CDR-disease BC2GM JNLPBA linnaeus s800}; do
  row="$c\t$CHARS"
  for m in "$@"; do
    b=$(OMP_NUM_THREADS=1 $PY $S eval --tsv $DATA/$c/devel.tsv --model $W/$(basename "$m" .bnm).pt --max-chars $CHARS --batch 16 \
        | sed 's/.*valid_bpc \([0-9.]*\).*/\1/')
    row="$row\t$b"
  done
  printf "$row\n"
done
