#!/usr/bin/env bash
# Runs the JMH suites and the memory probe, writing results under jmh/results/ (JSON + text).
# Usage: jmh/run-benchmarks.sh [suite-regex ...]   (default: all suites)
# Needs a quiet machine: nothing else running on the two cores.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
mvn -q -B -DskipTests -pl jmh -am package
jar=jmh/target/benchmarks.jar
out=jmh/results
mkdir -p "$out"
suites=("$@")
[[ ${#suites[@]} -eq 0 ]] && suites=(RecordOverhead Matmul MlpDerivative MollifierConv)
for s in "${suites[@]}"; do
  java -jar "$jar" "$s" -rf json -rff "$out/$s.json" 2>&1 | grep -v "WARNING: Using incubator" | tee "$out/$s.txt"
done
java --add-modules jdk.incubator.vector -Xmx8g -cp "$jar" dev.mollify.jmh.MemoryProbe 2>&1 \
  | grep -v "WARNING: Using incubator" | tee "$out/MemoryProbe.txt"
