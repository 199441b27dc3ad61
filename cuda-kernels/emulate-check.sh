#!/bin/bash
# Runs every CUDA kernel of src/main/cuda on the CPU (src/test/cuda/cuda_emulator.h) against reference
# loops. Needs g++ with C++20; no GPU, no CUDA. Usage: cuda-kernels/emulate-check.sh [BUILD_DIR]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$(mktemp -d)}
mkdir -p "$out"
# one translation unit; shared arrays become ordinary ones (blocks run one at a time)
cat "$here"/src/main/cuda/mollify_correlate.cu "$here"/src/main/cuda/mollify_taps.cu "$here"/src/main/cuda/mollify_sample.cu \
  | sed -e 's/#include "mollify_common.cuh"//' -e 's/extern __shared__/extern/' -e 's/__shared__/static/' > "$out/body.cu"
{ sed -e 's/#pragma once//' "$here/src/main/cuda/mollify_common.cuh"; cat "$out/body.cu"; } > "$out/all_kernels.cu"
g++ -std=c++20 -O2 -Wall -Wno-unknown-pragmas -Wno-sign-compare -I"$out" -I"$here/src/test/cuda" \
  -x c++ "$here/src/test/cuda/emulate_kernels.cpp" -o "$out/emulate_kernels"
"$out/emulate_kernels"
