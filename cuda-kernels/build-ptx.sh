#!/bin/bash
# Regenerates the committed PTX from src/main/cuda/*.cu. Usage: cuda-kernels/build-ptx.sh [OUT_DIR]
# (default: src/main/resources/dev/mollify/cuda). The exact command per file is:
#   nvcc -ptx -arch=compute_80 -std=c++17 -o OUT_DIR/NAME.ptx src/main/cuda/NAME.cu
# compute_80 PTX is compiled by the driver at load time (cuModuleLoadData) for any GPU from the A100
# on, the H100/H200 included; nvcc 13.0 writes PTX ISA 9.0, which needs a CUDA 13 driver (>= 580).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here/src/main/resources/dev/mollify/cuda}
command -v nvcc >/dev/null || { echo "build-ptx.sh: nvcc not found on PATH" >&2; exit 1; }
mkdir -p "$out"
for cu in "$here"/src/main/cuda/*.cu; do
  name=$(basename "$cu" .cu)
  nvcc -ptx -arch=compute_80 -std=c++17 -o "$out/$name.ptx" "$cu"
done
