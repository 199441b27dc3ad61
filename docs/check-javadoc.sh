#!/usr/bin/env bash
# Counts javadoc doclint warnings per module: missing comments/tags ("warning: no ...") and all others.
# Usage: docs/check-javadoc.sh MODULE... (e.g. tensor autograd); run from the repository root after
# `mvn -B -q -o compile`: every module's target/classes goes on the class path. To use the compiled
# classes of another checkout instead, set CLASSES_ROOT to that checkout's root directory.
# Each module also gets its own third-party dependencies (picocli, XChart, Spark, JUnit, ...): the jars of
# MODULE/target/classpath.txt under CLASSES_ROOT or the repository root when a build wrote one, otherwise
# those Maven resolves from the local repository, offline (mvn -o ... dependency:build-classpath, run from
# the repository root; it compiles nothing). Without them a module that imports them cannot be checked.
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
cp=$(ls -d "$classes_root"/*/target/classes | tr '\n' ':')$(jar 'JTransforms-3.2.jar'):$(jar 'JLargeArrays-1.7.jar')

# The jar files of MODULE's compile-scope dependencies (compile, provided, system), ':'-separated, on stdout;
# the project's own modules are left out (their classes are on $cp). Empty, with a note on stderr, when Maven
# cannot resolve them offline.
dependency_jars() {
  local module=$1 file listed=""
  for listed in "$classes_root/$module/target/classpath.txt" "$root/$module/target/classpath.txt"; do
    if [ -s "$listed" ]; then
      tr ':' '\n' <"$listed" | { grep '\.jar$' || true; } | tr '\n' ':'
      return 0
    fi
  done
  file=$(mktemp)
  # -am puts the module's siblings in the reactor, where the compile phase (with compiling and resources
  # skipped) lets Maven resolve them without installing them; the module comes last and writes $file last.
  # 3.11.0 is the version the tests and examples modules build their classpath.txt with
  if (cd "$root" && mvn -B -q -o -pl "$module" -am -Dmaven.main.skip=true -Dmaven.resources.skip=true \
      -Dmdep.outputFile="$file" -Dmdep.includeScope=compile \
      compile org.apache.maven.plugins:maven-dependency-plugin:3.11.0:build-classpath >/dev/null 2>&1); then
    tr ':' '\n' <"$file" | { grep '\.jar$' || true; } | { grep -v "^$root/" || true; } | tr '\n' ':'
  else
    echo "$module: Maven could not list its dependencies offline (download them once with" \
      "mvn -B -pl $module -am compile); checking without them" >&2
  fi
  rm -f "$file"
}

status=0
for module in "$@"; do
  src="$root/$module/src/main/java"
  if [ ! -d "$src" ]; then
    echo "$module: no $module/src/main/java; give module directory names such as tensor" >&2
    exit 2
  fi
  module_cp="$cp:$(dependency_jars "$module")"
  out=$(mktemp -d)
  lines=$(javadoc -quiet -Xdoclint:all -Xmaxwarns 10000 --add-modules jdk.incubator.vector \
      -d "$out" -sourcepath "$src" -cp "$module_cp" -subpackages dev.mollify 2>&1 \
    | grep 'warning:\|error:' | grep -v incubat || true)
  rm -rf "$out"
  missing=$(grep -c 'warning: no ' <<<"$lines" || true)
  other=$(grep -v 'warning: no ' <<<"$lines" | grep -c . || true)
  echo "$module: $missing missing-comment warnings, $other other warnings/errors"
  if [ "$missing" -ne 0 ] || [ "$other" -ne 0 ]; then status=1; fi
done
exit $status
