#!/usr/bin/env bash
# The speed-up of `mollify sweep` over the same fits run one after another, each in its own JVM
# (as a shell loop over `mollify fit` would): 24 small heat fits, 3 noise levels × 4 seeds × 2 routes.
#   cli/src/test/sweep/measure.sh [WORKDIR]      (default: a fresh temporary folder)
# Prints both wall times and their ratio, and checks that every fit recovered the same bits both ways.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../../.." && pwd)"
m="$root/mollify"
work="${1:-$(mktemp -d)}"
mkdir -p "$work" && cd "$work"
"$m" --version >/dev/null                        # builds first if the sources changed: not timed
"$m" generate --problem heat --grid 17x9 --out heat.csv --force >/dev/null
cat > sweep.json <<'SPEC'
{"pde": "u_t = D*u_xx", "unknowns": ["D:positive"], "data": ["heat.csv"],
 "route": ["mollifier", "autodiff"], "noise": [0.01, 0.05, 0.1], "seed": [1, 2, 3, 4],
 "fit": {"steps": 300, "lbfgs": 50}}
SPEC
rm -rf sweep separate
t0=$(date +%s.%N)
"$m" sweep --spec sweep.json --out sweep --progress none >sweep.log
t1=$(date +%s.%N)
for route in mollifier autodiff; do
  for noise in 0.01 0.05 0.1; do
    for seed in 1 2 3 4; do
      "$m" fit --data heat.csv --pde "u_t = D*u_xx" --unknown D:positive --steps 300 --lbfgs 50 \
        --route "$route" --noise "$noise" --seed "$seed" --progress none \
        --out "separate/$route-$noise-$seed" >/dev/null
    done
  done
done
t2=$(date +%s.%N)
same=0; total=0
while IFS=, read -r fit status data route noise seed d rest; do
  [[ "$fit" == fit ]] && continue
  total=$((total + 1))
  alone=$(grep -m1 '"value"' "separate/$route-$noise-$seed/report.json" | sed 's/.*: \(.*\),/\1/')
  [[ "$alone" == "$d" ]] && same=$((same + 1))
done < sweep/sweep.csv
awk -v a="$t0" -v b="$t1" -v c="$t2" -v cores="$(nproc)" -v same="$same" -v total="$total" 'BEGIN {
  printf "cores %d; sweep (one JVM, %s fits): %.1f s; separate JVMs, one after another: %.1f s; speed-up %.2fx\n",
         cores, total, b - a, c - b, (c - b) / (b - a)
  printf "same recovered value (every bit) in the sweep and alone: %d of %d fits\n", same, total }'
