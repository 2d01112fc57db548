#!/bin/bash
# The device check of issue 16, one call on the GPU machine (no Java, no Maven, no network there). Build the
# carry first with scripts/device/pack.sh, then (docs/BENCHMARKS.md "GPU"):
#   run(command="bash scripts/device/gpu-check.sh", carry=[".devcarry"], timeout_s=560)
# Steps: unpack the jlink'ed runtime; find the CUDA driver, cuBLAS and NVRTC; `bioner gpu-check` (equality of
# the GPU path with the CPU reference on fixed inputs, then GPU throughput: embed + tag NCBI-disease test, one
# training epoch over train); the PyTorch reference on the same GPU (embed, tag, train); one JSON report,
# $OUT/gpu-report.json, beside the logs. EMULATE=1 runs the Java part on a second CPU backend (this script
# checked on a machine without a GPU; PyTorch then runs on the CPU). PYTHON names the interpreter with torch.
set -u
cd "$(dirname "$0")/../.."
C=${CARRY:-.devcarry}
OUT=${OUT:-work/gpu-out} # relative to the repository root (the cd above)
mkdir -p "$OUT"
exec > >(tee -a "$OUT/gpu-check.log") 2>&1
echo "gpu-check: $(date -u +%FT%TZ) on $(hostname), $(nproc) CPUs"
START=$(date +%s)
BUDGET=${BUDGET_S:-520} # the whole script, so that the report is written inside one call (run's timeout_s 560)

RT=$(mktemp -d)
tar xzf "$C/jre.tgz" -C "$RT" || { echo "gpu-check: cannot unpack $C/jre.tgz"; exit 1; }
JAVA=$RT/jre/bin/java
"$JAVA" -version 2>&1 | head -1

# the CUDA libraries, searched under: the directories of the loader's cache (ldconfig -p), the toolkit the
# environment names (CUDA_HOME, CUDA_PATH, the nvcc on the PATH) and the Python wheels (nvidia-cublas-*,
# nvidia-cuda-nvrtc-*); CUDA_LIB_ROOTS adds more
roots="${CUDA_LIB_ROOTS:-} ${CUDA_HOME:-} ${CUDA_PATH:-}"
nvcc=$(command -v nvcc || true)
[ -n "$nvcc" ] && roots="$roots $(dirname "$(dirname "$nvcc")")"
roots="$roots $( (ldconfig -p 2>&- || true) | grep -E 'lib(cuda|cublas|nvrtc)\.so' | sed 's/.*=> //' | xargs -r -n1 dirname | sort -u | tr '\n' ' ')"
for p in $(${PYTHON:-python3} -c 'import site, sys; print(" ".join(site.getsitepackages() + [site.getusersitepackages()]))' 2>&-); do
  [ -d "$p" ] && roots="$roots $p"
done
existing=""; for r in $roots; do [ -d "$r" ] && existing="$existing $r"; done; roots=$existing
libdirs=""
[ -n "$roots" ] && libdirs=$(find $roots -maxdepth 7 \( -name 'libcublas.so*' -o -name 'libnvrtc.so*' -o -name 'libcuda.so*' \) \
            -not -name '*.a' -not -path '*/stubs/*' 2>&- | xargs -r -n1 dirname | sort -u | tr '\n' ':')
export BIONER_CUDA_LIBS=${BIONER_CUDA_LIBS:-$libdirs}
# also for the loader: libcublas.so.N needs libcublasLt.so.N beside it
export LD_LIBRARY_PATH="${BIONER_CUDA_LIBS}${LD_LIBRARY_PATH:-}"
echo "BIONER_CUDA_LIBS=$BIONER_CUDA_LIBS"
(nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv 2>&1 || true) | tee "$OUT/nvidia-smi.csv"

CP=$(ls "$C"/lib/*.jar | tr '\n' ':')
export OMP_NUM_THREADS=1 # as bin/bioner and Surefire: OpenBLAS threads are set by the program
emulate=""; tdev=cuda
if [ "${EMULATE:-0}" = 1 ]; then emulate="--emulate"; tdev=cpu; fi
extra=${JAVA_ARGS:-}
# natives unpacked under the runtime's directory (HOME may be missing or read-only there)
timeout "${JAVA_TIMEOUT:-300}" "$JAVA" -Xmx${JAVA_XMX:-24g} -Dorg.bytedeco.javacpp.cachedir="$RT/javacpp" -Djna.tmpdir="$RT" \
  -cp "$CP" org.bioner.cli.GpuCheckCommand $emulate \
  --data "$C/data/test.tsv" --train "$C/data/train.tsv" --model "$C/models/tagger.bnm" --out "$OUT/java.json" $extra
jrc=$?
echo "gpu-check: java exit $jrc"

# PyTorch, the same networks on the same GPU (test.tsv: embed, tag; train.tsv: one epoch)
: > "$OUT/torch.jsonl"
PY=${PYTHON:-python3}
T="$PY scripts/device/torch_gpu_reference.py"
D="$C/data"
# most important first; each run gets at most TORCH_TIMEOUT seconds and what is left of the budget
for args in "tag --data $D/test.tsv --input-dim 1124 --batch 32" "train --data $D/train.tsv --input-dim 1124 --batch 32" \
            "embed --data $D/test.tsv --hidden 512 --batch 512" "embed --data $D/test.tsv --hidden 512 --batch 32" \
            "tag --data $D/test.tsv --input-dim 1124 --batch 512"; do
  left=$((START + BUDGET - $(date +%s) - 10))
  if [ "$left" -lt 20 ]; then
    echo "{\"mode\": \"${args%% *}\", \"error\": \"skipped, budget spent: $args\"}" >> "$OUT/torch.jsonl"
    continue
  fi
  limit=${TORCH_TIMEOUT:-150}; [ "$left" -lt "$limit" ] && limit=$left
  echo "torch: $args (at most ${limit}s)"
  timeout "$limit" $T $args --device $tdev --threads "$(nproc)" ${TORCH_ARGS:-} >> "$OUT/torch.jsonl" \
    || echo "{\"mode\": \"${args%% *}\", \"error\": \"torch_gpu_reference.py failed or timed out: $args\"}" >> "$OUT/torch.jsonl"
done

${PYTHON:-python3} scripts/device/gpu_report.py "$OUT/java.json" "$OUT/torch.jsonl" "$jrc" > "$OUT/gpu-report.json"
cat "$OUT/gpu-report.json"
echo "gpu-check: done in $(( $(date +%s) - START ))s"
rm -rf "$RT"
exit $jrc
