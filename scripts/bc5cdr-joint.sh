#!/usr/bin/env bash
# BC5CDR's chemical and disease annotations as one corpus with typed tags, for a joint Chemical + Disease tagger (one
# CRF over both types, trained on the corpus alone): BioBERT's BC5CDR-chem and BC5CDR-disease files hold the same
# sentences token for token, each file with one type's B/I tags, and no token is tagged in both.
#
#   scripts/bc5cdr-joint.sh make
#       writes work/joint/BC5CDR/{train,devel,test}.tsv (tags B-Chemical, I-Disease, ...; git-ignored), refusing files
#       whose tokens differ or a token tagged in both, naming the line
#   scripts/bc5cdr-joint.sh train RUN [bioner train options]
#       scripts/experiment.sh on it with DEV_ONLY=1 (results/BC5CDR/RUN; resumable), model selected on the union of
#       both types' devel mentions
# Scoring: the joint model tags each benchmark's file and is scored for that benchmark's type, as any model
# (copied to a file named for the run: scripts/score-models.sh names its output folders by the model file):
#   SPLIT=devel scripts/score-models.sh OUT work/joint/models/RUN.bnm:BC5CDR-chem,BC5CDR-disease
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BIONER="${BIONER:-$ROOT/bioner}"
DATA="${BIONER_DATASETS:-$ROOT/../shared/datasets}"   # the benchmark files, as in the other scripts
JOINT="work/joint"   # relative to the repository root, as experiment.sh records it
cd "$ROOT"

make_joint() {
  mkdir -p "$JOINT/BC5CDR"
  for split in train devel test; do
    local chem="$DATA/BC5CDR-chem/$split.tsv" dis="$DATA/BC5CDR-disease/$split.tsv" tmp="$JOINT/BC5CDR/$split.tsv.tmp"
    paste "$chem" "$dis" | awk -F'\t' -v files="$chem and $dis" '
      function fail(msg) { printf "bc5cdr-joint.sh: %s line %d: %s\n", files, NR, msg > "/dev/stderr"; bad = 1; exit 1 }
      /^\t*$/ { print ""; next }  # a blank line in both files (paste joins them with a tab)
      NF != 4 { fail("not a token line in both files (" NF " fields)") }
      $1 != $3 { fail("tokens differ: \"" $1 "\" vs \"" $3 "\"") }
      $2 != "O" && $4 != "O" { fail("\"" $1 "\" is tagged in both") }
      $2 != "O" { print $1 "\t" $2 "-Chemical"; next }
      $4 != "O" { print $1 "\t" $4 "-Disease"; next }
      { print $1 "\tO" }
      END { exit bad }' > "$tmp" || { rm -f "$tmp"; exit 1; }
    mv "$tmp" "$JOINT/BC5CDR/$split.tsv"
    echo "$JOINT/BC5CDR/$split.tsv: $(grep -c -- '^.*	B-Chemical$' "$JOINT/BC5CDR/$split.tsv") Chemical, $(grep -c -- '^.*	B-Disease$' "$JOINT/BC5CDR/$split.tsv") Disease mentions"
  done
}

case "${1:-}" in
  make) make_joint ;;
  train)
    [ $# -ge 2 ] || { echo "usage: scripts/bc5cdr-joint.sh train RUN [bioner train options]" >&2; exit 2; }
    run="$2"; shift 2
    [ -f "$JOINT/BC5CDR/train.tsv" ] || make_joint
    BIONER_DATASETS="$JOINT" DEV_ONLY=1 BIONER="$BIONER" scripts/experiment.sh BC5CDR "$run" "$@" ;;
  *) echo "usage: scripts/bc5cdr-joint.sh make | train RUN [options]" >&2; exit 2 ;;
esac
