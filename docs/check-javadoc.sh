#!/usr/bin/env bash
# Counts javadoc doclint warnings per module: missing comments/tags ("warning: no ...") and all others.
# Usage: docs/check-javadoc.sh MODULE... (e.g. tensor autograd); run from the repository root after
# `mvn -B -q -o compile`: every module's target/classes goes on the class path. To use the compiled
# classes of another checkout instead, set CLASSES_ROOT to that checkout's root directory. The
# third-party jars the modules compile against (JTransforms, JLargeArrays, JCuda at the version
# cuda-kernels/pom.xml names) are taken from ~/.m2.
# Exit status: 0 when no module has any warning or error, 1 otherwise, 2 on bad usage.
set -euo pipefail
if [ "$#" -eq 0 ]; then
  echo "usage: $0 MODULE... (e.g. $0 tensor autograd)" >&2
  exit 2
fi
root=$(cd "$(dirname "$0")/.." && pwd)
jar() { find ~/.m2 -name "$1" | head -1; }
classes_root=${CLASSES_ROOT:-$root}
if ! ls -d "$classes_root"/*/target/classes >/dev/null 2>&1; then
  echo "no */target/classes under $classes_root: run mvn -B -q -o compile or set CLASSES_ROOT" >&2
  exit 2
fi
jcuda_version=$(sed -n 's:.*<jcuda.version>\(.*\)</jcuda.version>.*:\1:p' "$root/cuda-kernels/pom.xml" | head -1)
cp=$(ls -d "$classes_root"/*/target/classes | tr '\n' ':')$(jar 'JTransforms-3.2.jar'):$(jar 'JLargeArrays-1.7.jar')
cp=$cp:$(jar "jcuda-${jcuda_version}.jar")
status=0
for module in "$@"; do
  src="$root/$module/src/main/java"
  if [ ! -d "$src" ]; then
    echo "$module: no $module/src/main/java; give module directory names such as tensor" >&2
    exit 2
  fi
  out=$(mktemp -d)
  lines=$(javadoc -quiet -Xdoclint:all -Xmaxwarns 10000 --add-modules jdk.incubator.vector \
      -d "$out" -sourcepath "$src" -cp "$cp" -subpackages dev.mollify 2>&1 \
    | grep 'warning:\|error:' | grep -v incubat || true)
  rm -rf "$out"
  missing=$(grep -c 'warning: no ' <<<"$lines" || true)
  other=$(grep -v 'warning: no ' <<<"$lines" | grep -c . || true)
  echo "$module: $missing missing-comment warnings, $other other warnings/errors"
  if [ "$missing" -ne 0 ] || [ "$other" -ne 0 ]; then status=1; fi
done
exit $status
