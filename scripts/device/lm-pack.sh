#!/bin/bash
# Builds the two carries of the character-LM pretraining on a lent device (issue 13 item 3: continue the LM pair on
# all the cased text of ../shared/corpora), in .devcarry-lm/ (git-ignored). A device call copies at most 64 MiB, the
# tracked tree included, and the cased text is about 57 MB as xz, so it travels in two calls
# (scripts/device/lm-pretrain.sh; docs/LM_PRETRAINING.md, "Continuing the LMs on all cased text"):
#   part2/lm-{forward,backward}.bnm          the LMs continued: models/lm-biomed-{forward,backward}-h$HIDDEN.bnm
#   part2/benchmark_train_sentences.txt.gz   the TRAIN splits of the benchmark corpora, a sentence per line
#   partN/FOLDER.xz                          each cased corpus file, recompressed; whole files, the largest first, each
#                                            into the part with less in it so far
#   partN/SHA256SUMS; part2/part1.SHA256SUMS (what the second call checks the first call left on the machine)
#   part2/SOURCES                            per line: part/file, TAB, the name its held-out documents are drawn by
# The held-out names are the files' own names (fulltexts.txt.gz, ...) where unique, else FOLDER/NAME: the three files of
# the first pretraining (docs/LM_PRETRAINING.md, "Corpus") and the benchmark sentences then hold out the same
# documents as then, and every other held-out document is new to the LMs, so the bpc before and after is measured on
# text neither saw. Every cased folder of ../shared/corpora (all but sumpubmed-bmc-lowercased, for word vectors only);
# the corpora are leakage-filtered against benchmark devel/test, and only TRAIN splits are added.
#   HIDDEN=512 (default: the pair the shipped taggers read, docs/RESULTS.md "Session 43") or 1024; FORWARD_LM,
#   BACKWARD_LM (default models/lm-biomed-{forward,backward}-h$HIDDEN.bnm: the LMs continued); EXCLUDE="FOLDER ..."
#   (corpus folders left out, e.g. EXCLUDE=europepmc-oa-fulltexts, the first pretraining's full texts, so that both
#   parts fit one call: scripts/device/lm-pretrain.sh);
#   CORPORA=../shared/corpora; DATASETS=../shared/datasets; XZ_THREADS=2; PYTHON (python3, with torch)
set -euo pipefail
cd "$(dirname "$0")/../.."
HIDDEN=${HIDDEN:-512}
CORPORA=${CORPORA:-../shared/corpora}
DATASETS=${DATASETS:-../shared/datasets}
C=.devcarry-lm
declare -A LM=([forward]=${FORWARD_LM:-models/lm-biomed-forward-h$HIDDEN.bnm}
               [backward]=${BACKWARD_LM:-models/lm-biomed-backward-h$HIDDEN.bnm})
for d in forward backward; do
  [ -f "${LM[$d]}" ] || { echo "lm-pack.sh: ${LM[$d]} not found" >&2; exit 1; }
done
rm -rf "$C"
mkdir -p "$C/part1" "$C/part2"
for d in forward backward; do cp "${LM[$d]}" "$C/part2/lm-$d.bnm"; done
${PYTHON:-python3} scripts/pretrain_flair_lm.py sentences --out "$C/part2/benchmark_train_sentences.txt.gz" \
  "$DATASETS"/{NCBI-disease,BC5CDR-disease,BC5CDR-chem,BC2GM,JNLPBA,linnaeus,s800}/train.tsv
printf 'part2/benchmark_train_sentences.txt.gz\tbenchmark_train_sentences.txt.gz\n' > "$C/SOURCES"
files=()
for f in "$CORPORA"/*/*.txt.gz; do
  case "$f" in *lowercased*) continue ;; esac
  case " ${EXCLUDE:-} " in *" $(basename "$(dirname "$f")") "*) echo "lm-pack.sh: leaving out $f"; continue ;; esac
  files+=("$f")
done
[ ${#files[@]} -gt 0 ] || { echo "lm-pack.sh: no cased *.txt.gz under $CORPORA" >&2; exit 1; }
for f in $(ls -S "${files[@]}"); do
  folder=$(basename "$(dirname "$f")"); name=$(basename "$f")
  key=$name
  [ "$(printf '%s\n' "${files[@]}" | grep -c "/$name\$")" -eq 1 ] || key="$folder/$name"
  p1=$(du -sb "$C/part1" | cut -f1); p2=$(du -sb "$C/part2" | cut -f1)
  part=part1; [ "$p2" -lt "$p1" ] && part=part2
  zcat "$f" | xz -9 -T"${XZ_THREADS:-2}" > "$C/$part/$folder.xz"
  printf '%s/%s.xz\t%s\n' "$part" "$folder" "$key" >> "$C/SOURCES"
done
mv "$C/SOURCES" "$C/part2/SOURCES"
for p in part1 part2; do (cd "$C/$p" && sha256sum -- * > ../SHA256SUMS.tmp && mv ../SHA256SUMS.tmp SHA256SUMS); done
cp "$C/part1/SHA256SUMS" "$C/part2/part1.SHA256SUMS"
du -sh "$C/part1" "$C/part2"   # each call's total (with the tracked tree) is checked by scripts/device/call.sh
