#!/usr/bin/env bash
# Scaling curves and the machine's limits, one command: builds jmh/target/benchmarks.jar, runs
# MachineLimitsBenchmark and the size sweeps (convolution forward against N and K, matmul against n,
# MLP derivatives against points and order), one JMH JSON file each, then ScalingReport writes
# scaling.md (times, growth exponents, FFT crossover, roofline position) and the log-log PNGs.
# Usage: jmh/scaling.sh [--quick] [--only REGEX] [--out DIR] [--no-build]
#   --quick      few sizes, -wi 1 -w 1s -i 2 -r 1s: checks the pipeline (about 3 min); output under
#                jmh/results/scaling-quick/ unless --out says otherwise
#   --only RE    runs only the sweeps whose id matches RE (limits conv-n conv-k matmul mlp-points mlp-order);
#                the others' JSON files already in the output are kept and reported
#   --out DIR    report and PNGs in DIR, JSON in DIR/scaling-json, logs in DIR/scaling-logs
#                (default jmh/results)
#   --no-build   uses the jar as it is
# Full run: about 12 min on the project's 2-core machine. Needs a quiet machine. See jmh/README.md.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

quick=0 only="" out="" build=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --quick) quick=1 ;;
    --only) only="$2"; shift ;;
    --out) out="$2"; shift ;;
    --no-build) build=0 ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) echo "scaling.sh: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
[[ -z "$out" ]] && { if [[ $quick -eq 1 ]]; then out=jmh/results/scaling-quick; else out=jmh/results; fi; }
json="$out/scaling-json" logs="$out/scaling-logs"
mkdir -p "$json" "$logs"

if [[ $build -eq 1 ]]; then
  echo "[scaling] building jmh/target/benchmarks.jar"
  mvn -q -B -o -DskipTests -pl jmh -am package 2>/dev/null || mvn -q -B -DskipTests -pl jmh -am package
fi
jar=jmh/target/benchmarks.jar
start=$(date +%s)
load_start=$(cut -d' ' -f1 /proc/loadavg)

# Sizes and JMH options per sweep: full, then quick.
if [[ $quick -eq 0 ]]; then
  mode=full
  conv_n=16x1000x51,16x3000x51,16x10000x51,16x30000x51,16x100000x51,16x300000x51,16x1000000x51
  conv_k=16x100000x11,16x100000x31,16x100000x101,16x100000x255,16x100000x511,16x100000x1023,16x100000x2047,16x100000x4095
  matmul_n=64,128,256,512,1024
  mlp_points=1000,3000,10000,30000 mlp_orders=1,2,3,4 mlp_fixed_points=10000
  opt_limits="-f 1 -wi 3 -w 1s -i 5 -r 1s"
  opt_conv="-f 1 -wi 6 -w 1s -i 3 -r 1s"
  opt_matmul="-f 1 -wi 5 -w 1s -i 5 -r 1s"
  opt_mlp="-f 1 -wi 8 -w 2s -i 4 -r 1s"  # order 3-4 needs ~15 s to reach steady C2 code
else
  mode=quick
  conv_n=16x1000x51,16x10000x51,16x100000x51
  conv_k=16x10000x11,16x10000x101,16x10000x1023
  matmul_n=64,128,256
  mlp_points=1000,3000 mlp_orders=1,2 mlp_fixed_points=1000
  opt_limits="-f 1 -wi 1 -w 1s -i 2 -r 1s"
  opt_conv=$opt_limits opt_matmul=$opt_limits opt_mlp=$opt_limits
fi

# run ID JMH-ARGS...: one sweep into $json/ID.json, its log into $logs/ID.txt
run() {
  local id="$1"; shift
  if [[ -n "$only" && ! "$id" =~ $only ]]; then return 0; fi
  echo "[scaling] $id: java -jar $jar $*"
  rm -f "$json/$id.json"  # a failed run leaves no stale result behind
  java -jar "$jar" "$@" -rf json -rff "$json/$id.json" 2>&1 | grep -v "WARNING: Using incubator" > "$logs/$id.txt" \
    || echo "[scaling] $id: JMH failed, see $logs/$id.txt"
  grep -E "^(Benchmark|[A-Za-z]+Benchmark\.)" "$logs/$id.txt" | grep -v ":·" || true
}

# shellcheck disable=SC2086  # the option strings are word lists on purpose
{
  run limits 'MachineLimitsBenchmark\.(triad|fmaF)' $opt_limits
  run conv-n 'MollifierConvBenchmark.forward$' -p shape=$conv_n -p dtype=F32 -p path=simd,fft -p storage=workspace $opt_conv
  run conv-k 'MollifierConvBenchmark.forward$' -p shape=$conv_k -p dtype=F32 -p path=simd,fft -p storage=workspace $opt_conv
  run matmul 'MatmulBenchmark.matmul$' -p size=$matmul_n -p dtype=F64,F32 -p simd=true $opt_matmul
  run mlp-points 'MlpDerivativeBenchmark.derivatives$' -p points=$mlp_points -p order=2 -p storage=workspace $opt_mlp
  run mlp-order 'MlpDerivativeBenchmark.derivatives$' -p points=$mlp_fixed_points -p order=$mlp_orders -p storage=workspace $opt_mlp
}

wall=$(( $(date +%s) - start ))
cpu=$(grep -m1 "model name" /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
{
  echo "mode=$mode"
  echo "date=$(date -u +%Y-%m-%dT%H:%MZ)"
  echo "commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD 2>/dev/null || echo +changes)"
  echo "jdk=$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.runtime.version = //p')"
  echo "cpu=${cpu:-unknown}"
  echo "cores=$(nproc)"
  echo "load_start=$load_start"
  echo "load_end=$(cut -d' ' -f1 /proc/loadavg)"
  echo "wall_s=$wall"
  echo "jmh_options=limits $opt_limits; conv $opt_conv; matmul $opt_matmul; mlp $opt_mlp"
} > "$json/meta.properties"

java -cp "$jar" dev.mollify.jmh.scaling.ScalingReport "$json" "$out"
echo "[scaling] done in ${wall} s of measurement: $out/scaling.md"
