#!/usr/bin/env bash
# Mollify against the PyTorch CPU peers, one command: builds jmh/target/benchmarks.jar, installs Debian's
# python3-torch if /usr/bin/python3 cannot import torch, then runs jmh/compare/compare.py, which measures
# each workload on both sides in turn and writes jmh/results/compare.md and compare.json.
# Usage: jmh/compare.sh [--quick] [--only REGEX] [--no-peer] [--tol 0.10] [--budget-min 30]   (compare.py --help)
#        PEER_PYTHON=/path/to/python3 jmh/compare.sh ...   (default /usr/bin/python3)
# Full run: about 20 min on the project's 2-core machine, at most about 30 with reruns; --quick: about 4 min
# (checks the pipeline only). See jmh/README.md.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
args=("$@")

echo "[compare] building jmh/target/benchmarks.jar"
mvn -q -B -o -DskipTests -pl jmh -am package 2>/dev/null || mvn -q -B -DskipTests -pl jmh -am package

py=${PEER_PYTHON:-/usr/bin/python3}  # the Python that runs the peers
torch_ok() { env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE "$py" -c 'import torch' >/dev/null 2>&1; }
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "ok installed"; }
apt_install() {
  local apt=(apt-get)
  [[ $(id -u) -ne 0 ]] && apt=(sudo -n apt-get)
  "${apt[@]}" update -qq && DEBIAN_FRONTEND=noninteractive "${apt[@]}" install -y -qq "$@"
}
if [[ " ${args[*]:-} " != *" --no-peer "* ]]; then
  if ! torch_ok; then
    echo "[compare] $py cannot import torch: installing python3-torch and libopenblas0-pthread with apt-get"
    if apt_install python3-torch libopenblas0-pthread && torch_ok; then
      echo "[compare] installed python3-torch"
    else
      echo "[compare] could not install python3-torch: running the Mollify side only, peer columns missing"
      args+=(--no-peer)
    fi
  elif installed python3-torch && ! installed libopenblas0-pthread; then
    # Debian's torch calls libblas.so.3, which is the reference BLAS unless OpenBLAS is installed
    echo "[compare] python3-torch would use the reference BLAS: installing libopenblas0-pthread with apt-get"
    apt_install libopenblas0-pthread \
      || echo "[compare] could not install libopenblas0-pthread: PyTorch runs on the reference BLAS (compare.md names it)"
  fi
fi
exec python3 jmh/compare/compare.py --peer-python "$py" "${args[@]}"
