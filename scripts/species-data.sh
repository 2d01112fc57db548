#!/usr/bin/env bash
# The Species corpora in one convention, "patients are Homo sapiens" (LINNAEUS, BioRED, tmVar3 tag them; S800,
# RegEl and LocText do not: their train/all and devel files are relabeled by scripts/species_humans.py; test
# splits stay the originals, scored against their own gold). Writes an overlay of ../shared/datasets and
# ../shared/datasets-extra (symlinks to everything else) for scripts/union-model.sh:
#
#   scripts/species-data.sh work/species-data
#   BIONER_DATASETS=work/species-data/datasets BIONER_DATASETS_EXTRA=work/species-data/datasets-extra \
#     scripts/union-model.sh Species humans-flair512+glove SPEC linnaeus,s800,BioRED,tmVar3,RegEl,LocText ...
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DATA="$(cd "${BIONER_DATASETS:-$ROOT/../shared/datasets}" && pwd)"
EXTRA="$(cd "${BIONER_DATASETS_EXTRA:-$ROOT/../shared/datasets-extra}" && pwd)"
out="$1"
mkdir -p "$out/datasets" "$out/datasets-extra"
overlay() { # SRC_ROOT DST_ROOT CORPUS...: relabel the named corpora, link the rest
  local src="$1" dst="$2"; shift 2
  for d in "$src"/*/; do
    c="$(basename "$d")"
    rm -rf "${dst:?}/$c"
    if [[ " $* " == *" $c "* ]]; then
      mkdir -p "$dst/$c"
      for f in "$d"*.tsv; do
        case "$(basename "$f")" in
          test*) ln -s "$f" "$dst/$c/" ;;
          *) python3 "$ROOT/scripts/species_humans.py" "$f" "$dst/$c/$(basename "$f")" ;;
        esac
      done
    else
      ln -s "${d%/}" "$dst/$c"
    fi
  done
}
overlay "$DATA" "$out/datasets" s800
overlay "$EXTRA" "$out/datasets-extra" RegEl LocText Variome
