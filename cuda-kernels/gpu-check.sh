#!/bin/bash
# The GPU tests and the GPU benchmark, for a machine with an NVIDIA GPU and driver but no JDK and no Maven.
#
#   cuda-kernels/gpu-check.sh prepare   # here (JDK + Maven): jars into cuda-kernels/gpu-bundle, a JRE into .jre
#   cuda-kernels/gpu-check.sh           # there: GPU tests (must not skip), then the GPU benchmark
#
# With the device tool: run(command="bash cuda-kernels/gpu-check.sh", carry=[".jre", "cuda-kernels/gpu-bundle"],
# timeout_s=540). The bundle is ~5 MB (JCuda's natives slimmed to the driver library), the JRE ~45 MB.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
bundle=$here/gpu-bundle

if [ "${1:-}" = prepare ]; then
  suffix=${BUILD_SUFFIX:--gpu}
  cd "$root"
  rm -rf "$bundle"; mkdir -p "$bundle/lib"
  # one reactor run, so the mollify jars copied are the ones just built from this tree, not older ones
  # from the local repository
  mvn -q -o -DbuildSuffix="$suffix" -pl cuda-kernels,jmh -am package org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy-dependencies -DskipTests -DincludeScope=test \
      -DexcludeGroupIds=org.junit.jupiter,org.junit.platform,org.opentest4j,org.apiguardian -DoutputDirectory="$bundle/lib"
  cp "$here/target$suffix"/mollify-cuda-kernels-*.jar "$bundle/lib/"
  # the GPU benchmark program lives in the jmh module (its plain jar, not the shaded benchmarks.jar)
  cp "$root/jmh/target$suffix"/mollify-jmh-*.jar "$bundle/lib/"
  # JCuda's natives jar holds four libraries (26 MB); the driver API needs libJCudaDriver only
  natives=$(ls "$bundle"/lib/jcuda-natives-*.jar)
  tmp=$(mktemp -d)
  (cd "$tmp" && unzip -q "$natives" 'lib/libJCudaDriver-*' && zip -q -r slim.jar lib)
  mv "$tmp/slim.jar" "$natives"; rm -rf "$tmp"
  # the JUnit console launcher (from Maven Central on first use, then the local repository)
  mvn -q org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy -Dartifact=org.junit.platform:junit-platform-console-standalone:1.14.4 -DoutputDirectory="$bundle"
  # a small runtime with the modules the tests need; JDK 25's jlink when present (best Vector API), else the JDK on PATH
  jdk=/usr/lib/jvm/temurin-25-jdk-amd64
  [ -x "$jdk/bin/jlink" ] || jdk=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
  compress=--compress=zip-9
  "$jdk/bin/jlink" --list-plugins 2>/dev/null | grep -q zip- || compress=--compress=2
  rm -rf "$root/.jre"
  "$jdk/bin/jlink" --add-modules java.base,java.logging,java.management,jdk.unsupported,jdk.incubator.vector \
      --strip-debug --no-header-files --no-man-pages $compress --output "$root/.jre" 2>&1 | grep -v 'incubator modules' || true
  "$root/.jre/bin/java" -version 2>&1 | head -1
  du -sh "$bundle" "$root/.jre"
  exit 0
fi

java=${JAVA:-$root/.jre/bin/java}
[ -x "$java" ] || { echo "gpu-check.sh: no Java at $java; run 'cuda-kernels/gpu-check.sh prepare' first and carry .jre" >&2; exit 1; }
[ -d "$bundle/lib" ] || { echo "gpu-check.sh: no $bundle; run 'cuda-kernels/gpu-check.sh prepare' first and carry it" >&2; exit 1; }
nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader 2>/dev/null || echo "(nvidia-smi not available)"
cp=$(printf "%s:" "$bundle"/lib/*.jar)
jvm=(--add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -Xss8m -Dmollify.cuda=on -Dmollify.cuda.requireGpu=${REQUIRE_GPU:-true})
status=0
"$java" "${jvm[@]}" -jar "$bundle"/junit-platform-console-standalone-*.jar execute --class-path "$cp" \
    --select-class dev.mollify.cuda.GpuBackendAgreementTest --select-class dev.mollify.cuda.GpuSmootherTest --details=tree --disable-banner --fail-if-no-tests || status=$?
"$java" "${jvm[@]}" -cp "$cp" dev.mollify.jmh.gpu.GpuBenchmark || status=$?
exit $status
