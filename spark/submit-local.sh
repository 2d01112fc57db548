#!/usr/bin/env bash
# Runs the job the way spark-submit does, without a Spark installation: org.apache.spark.deploy.SparkSubmit
# (the class the spark-submit script starts) on a JVM whose classpath holds Spark alone, with the job jar and
# spark/target/lib/*.jar handed over as the application jar and --jars, so Spark's own class loader loads them
# as on a cluster. Checks that the packaged job is complete for spark-submit.
#   spark/submit-local.sh [job options], e.g. spark/submit-local.sh --in samples --out out-submit --format jsonl
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here/.."
[[ -f spark/target/bioner-spark-0.1.0-SNAPSHOT.jar && -d spark/target/lib ]] || mvn -B -q -f spark/pom.xml package -DskipTests >&2
work="$here/target/spark-only"
if [[ ! -f "$work/classpath.txt" ]]; then   # Spark's own jars: what a Spark 3.5.9 installation puts on the classpath
  mkdir -p "$work"
  cat > "$work/pom.xml" <<'POM'
<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
  <groupId>org.bioner</groupId><artifactId>spark-only</artifactId><version>1</version><packaging>pom</packaging>
  <dependencies><dependency><groupId>org.apache.spark</groupId><artifactId>spark-sql_2.12</artifactId>
    <version>3.5.9</version></dependency></dependencies>
</project>
POM
  mvn -B -q -f "$work/pom.xml" dependency:build-classpath -Dmdep.outputFile="$work/classpath.txt" >&2
fi
opens=(-XX:+IgnoreUnrecognizedVMOptions)
for p in java.lang java.lang.invoke java.lang.reflect java.io java.net java.nio java.util java.util.concurrent \
         java.util.concurrent.atomic jdk.internal.ref sun.nio.ch sun.nio.cs sun.security.action sun.util.calendar; do
  opens+=("--add-opens=java.base/$p=ALL-UNNAMED")
done
opens+=(--add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED)
export OMP_NUM_THREADS=1
exec java ${BIONER_SPARK_JAVA_OPTS:--Xmx3g} "${opens[@]}" -Djdk.reflect.useDirectMethodHandle=false \
  -cp "$(cat "$work/classpath.txt")" org.apache.spark.deploy.SparkSubmit --master "${SPARK_MASTER:-local[2]}" \
  --class org.bioner.spark.SparkAnnotateJob --jars "$(ls spark/target/lib/*.jar | paste -sd,)" \
  --conf spark.executorEnv.OMP_NUM_THREADS=1 spark/target/bioner-spark-0.1.0-SNAPSHOT.jar "$@"
