#!/bin/bash
# Builds the carry of the GPU device check (issue 16) in .devcarry/ (git-ignored):
#   jre.tgz   a jlink'ed Java 17 runtime (java.base, java.xml, java.logging, java.management, jdk.unsupported,
#             java.naming), since the device machine has no Java
#   lib/      this project's classes (no resources: the bundled models stay out) and the only jars
#             `bioner gpu-check` loads: picocli, JNA, JavaCPP, OpenBLAS (natives without the LAPACK JNI library)
#   data/     NCBI-disease test.tsv (embed, tag, equality) and train.tsv (one training epoch)
#   models/   the tagger model file of the equality check (models/ncbi-disease-random/tagger.bnm, 2.8 MB)
# Run from the repository root after `mvn -B -o -q compile`. Prints the sizes; fails if the carry plus the
# tracked files without models/ would not fit a device call (64 MiB).
set -euo pipefail
cd "$(dirname "$0")/../.."
C=.devcarry
DATA=${DATA:-../shared/datasets/NCBI-disease}
[ -d target/classes/org/bioner/cli ] || { echo "pack.sh: run mvn -B -o -q compile first" >&2; exit 1; }
rm -rf "$C"
mkdir -p "$C/lib" "$C/data" "$C/models"

# 1. the Java runtime
jlink --add-modules java.base,java.xml,java.logging,java.management,jdk.unsupported,java.naming \
      --strip-debug --no-man-pages --no-header-files --compress=2 --output "$C/jre"
tar czf "$C/jre.tgz" -C "$C" jre
rm -rf "$C/jre"

# 2. classes and jars (the versions the pom resolves)
jar cf "$C/lib/bioner-classes.jar" -C target/classes org
mvn -B -o -q dependency:build-classpath -Dmdep.outputFile="$C/classpath.txt" -Dmdep.includeScope=runtime >/dev/null
tr ':' '\n' < "$C/classpath.txt" | grep -E '/(picocli|jna|javacpp|openblas)-[0-9][^/]*\.jar$' | grep -v 'jna-platform' > "$C/jars.txt"
rm "$C/classpath.txt"
while read -r jar; do
  case "$jar" in
    *openblas-*-linux-x86_64.jar)
      # the natives without libjniopenblas.so (LAPACK bindings, 23 MB) and the headers: only openblas_nolapack is used
      python3 - "$jar" "$C/lib/$(basename "$jar")" <<'PY'
import sys, zipfile
src, dst = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
    for item in zin.infolist():
        name = item.filename
        if name.endswith("/libjniopenblas.so") or "/include/" in name:
            continue
        zout.writestr(item, zin.read(name))
PY
      ;;
    *) cp "$jar" "$C/lib/" ;;
  esac
done < "$C/jars.txt"
rm "$C/jars.txt"

# 3. data and the model file
cp "$DATA/test.tsv" "$DATA/train.tsv" "$C/data/"
cp models/ncbi-disease-random/tagger.bnm "$C/models/tagger.bnm"

# 4. sizes: the carry plus what a call copies of the tree (without models/), checked as the call will be
ls -la "$C" "$C/lib" "$C/data" "$C/models"
scripts/device/call.sh check "$C"
