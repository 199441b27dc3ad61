#!/usr/bin/env bash
# A hot-method profile of one JMH benchmark, one command: builds jmh/target/benchmarks.jar, runs the
# benchmark in one fork with JMH's Flight Recorder profiler (-prof jfr, the settings of jmh/profile.jfc:
# Java execution samples every 10 ms, measurement iterations only), then HotMethods
# (dev.mollify.jmh.profile) writes jmh/results/profile-NAME.txt: the benchmark, its parameters, score,
# JDK, date and commit, then the top 25 methods by self samples and by inclusive samples.
# Usage: jmh/profile.sh [--no-build] NAME 'BENCH_REGEX' [extra JMH args...]
#   NAME         letters, digits, '.', '_', '-': the output is jmh/results/profile-NAME.txt
#   BENCH_REGEX  must select one benchmark method, as it is or anchored at its end ('Conv.forward')
#   extra args   must fix each @Param that has several values with -p NAME=VALUE;
#                any JMH options; -f, -wi, -w, -i, -r given there replace the defaults -f 1 -wi 5 -w 1s -i 10 -r 1s,
#                and -jvmArgsPrepend there replaces the script's (a 1 s JFR recording at start-up)
#   --no-build   uses the jar as it is
# Example: jmh/profile.sh matmul-f64-1024 'MatmulBenchmark.matmul' -p size=1024 -p dtype=F64 -p simd=true
# The recording is kept as jmh/results/profile-NAME.jfr when under 5 MB (git ignores it). See jmh/README.md.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

usage() {
  sed -n '7,15p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}
build=1
while [[ $# -gt 0 && $1 == --* ]]; do
  case "$1" in
    --no-build) build=0 ;;
    --help) usage ;;
    *) echo "profile.sh: unknown option $1" >&2; usage ;;
  esac
  shift
done
[[ $# -ge 2 ]] || usage
name=$1 regex=$2
shift 2
[[ $name =~ ^[A-Za-z0-9._-]+$ ]] || { echo "profile.sh: bad NAME '$name'" >&2; usage; }
[[ -n $regex ]] || usage
extra=("$@")

if [[ $build -eq 1 ]]; then
  echo "[profile] building jmh/target/benchmarks.jar"
  mvn -q -B -o -DskipTests -pl jmh -am package 2>/dev/null || mvn -q -B -DskipTests -pl jmh -am package
fi
jar=jmh/target/benchmarks.jar
[[ -f $jar ]] || { echo "profile.sh: $jar missing (run without --no-build)" >&2; exit 1; }

# the regex must select exactly one benchmark method, and -p must fix each @Param that has several values
list() { java -jar "$jar" -lp "$1" 2>/dev/null | sed -n '/^Benchmarks:/,$p' | tail -n +2; }
names() { grep -v -e '^ ' -e '^$' <<<"$1" || true; }
listing=$(list "$regex")
mapfile -t benches < <(names "$listing")
if [[ ${#benches[@]} -gt 1 ]]; then # 'Class.forward' also matches 'Class.forwardBackward': try it anchored at the end
  anchored=$(list "($regex)\$")
  [[ $(names "$anchored" | wc -l) -eq 1 ]] && { listing=$anchored; mapfile -t benches < <(names "$listing"); }
fi
if [[ ${#benches[@]} -ne 1 ]]; then
  echo "profile.sh: '$regex' selects ${#benches[@]} benchmarks, not one: ${benches[*]:-none}" >&2
  exit 2
fi
fixed() { # is -p NAME=VALUE (one value) among the extra args?
  local i
  for ((i = 0; i + 1 < ${#extra[@]}; i++)); do
    [[ ${extra[i]} == -p && ${extra[i + 1]} == "$1"=* && ${extra[i + 1]} != *,* ]] && return 0
  done
  return 1
}
while read -r param; do
  fixed "$param" || { echo "profile.sh: @Param $param has several values; fix one with -p $param=VALUE" >&2; exit 2; }
done < <(sed -n 's/^ *param "\([^"]*\)" = {.*,.*}$/\1/p' <<<"$listing")

# the default run options, each unless the extra args give it
opts=()
given() { local a; for a in "${extra[@]}"; do [[ $a == "$1" ]] && return 0; done; return 1; }
for pair in "-f 1" "-wi 5" "-w 1s" "-i 10" "-r 1s"; do
  set -- $pair
  given "$1" || opts+=("$1" "$2")
done

# JFR started by jcmd in a running JVM costs the first measured iteration a slow-down of 3-100x (the 1 s
# recording at start-up below, which initializes JFR with the JVM, removes it); -jvmArgsPrepend in the
# extra args replaces it
given -jvmArgsPrepend || opts+=(-jvmArgsPrepend "-XX:StartFlightRecording=settings=$root/jmh/profile.jfc,duration=1s")

work=jmh/target/profile-$name out=jmh/results
rm -rf "$work"
mkdir -p "$work" "$out"
load_start=$(cut -d' ' -f1 /proc/loadavg)
date=$(date -u +%Y-%m-%dT%H:%MZ)
commit=$(git rev-parse --short HEAD)
git diff --quiet HEAD -- . ':(exclude)jmh/results' || commit="$commit (with uncommitted changes)"
echo "[profile] java -jar $jar '^${benches[0]}\$' ${opts[*]} ${extra[*]:-} -prof jfr"
java -jar "$jar" "^${benches[0]}\$" "${opts[@]}" "${extra[@]}" \
  -prof "jfr:dir=$root/$work/jfr;configName=$root/jmh/profile.jfc;stackDepth=256" 2>&1 \
  | grep -v "WARNING: Using incubator" | tee "$work/jmh.log"

mapfile -t recordings < <(find "$work/jfr" -name '*.jfr' 2>/dev/null | sort)
if [[ ${#recordings[@]} -ne 1 ]]; then
  echo "profile.sh: ${#recordings[@]} recordings, not one; fix every @Param with -p (jmh/target/profile-$name/jmh.log)" >&2
  exit 1
fi
jfr=${recordings[0]}

field() { grep -m1 "^# $1: " "$work/jmh.log" | sed "s/^# $1: //"; }
txt=$out/profile-$name.txt
{
  echo "# Hot methods: $name (jmh/profile.sh)"
  echo "benchmark: $(field Benchmark)"
  params=$(field Parameters | sed "s/^(//; s/)$//")
  echo "params: ${params:-(none)}"
  # the result table's header and the benchmark's own row (not its secondary rows)
  sed -n '/^# Run complete/,$p' "$work/jmh.log" | grep -E -m2 '^Benchmark |^[A-Za-z0-9_$]+\.[A-Za-z0-9_$]+ ' \
    | sed 's/^/score: /'
  # the measured iterations: the recording starts with the first
  echo "iterations: $(sed -n 's/^Iteration *[0-9]*: //p' "$work/jmh.log" | paste -sd ';' | sed 's/;/; /g')"
  echo "jdk: $(field 'VM version')"
  echo "jvm options: $(field 'VM options')"
  echo "warmup: $(field Warmup); measurement: $(field Measurement)"
  echo "sampling: jdk.ExecutionSample every 10 ms per thread (jmh/profile.jfc), measurement iterations only"
  echo "date: $date; commit: $commit; load average at the start: $load_start ($(nproc) cores)"
  echo
  java -cp "$jar" dev.mollify.jmh.profile.HotMethods "$jfr" 25
} >"$txt"

size=$(stat -c %s "$jfr")
rm -f "$out/profile-$name.jfr"
if [[ $size -lt $((5 * 1024 * 1024)) ]]; then
  cp "$jfr" "$out/profile-$name.jfr"
  echo "[profile] wrote $txt and $out/profile-$name.jfr"
else
  echo "[profile] wrote $txt (the recording, $((size / 1024 / 1024)) MB, is not kept)"
fi
rm -rf "$work/jfr"
