#!/usr/bin/env bash
# Runs `mollify fit` with its default settings on every data set made by gen.py,
# at each noise level, and tabulates the recovered coefficients.
#
#   ./run.sh                     noise levels 0 0.01 0.05 0.10, all files
#   ./run.sh 0 0.05              only these noise levels
#   POINTS=2000 ./run.sh         keep 2000 random points (--points 2000); default: all points
#   FILES="heat_mm burgers" ./run.sh 0     only these data sets (kdv_points: only when named)
#   SEED=2 ./run.sh              another --seed (default 1); run folders and the summary get a _s2 suffix
#   ROUTE=autodiff ./run.sh      another --route (default mollifier); run folders get a _autodiff suffix
#   MOLLIFY=/path/to/mollify ./run.sh      another launcher (default: the repository's ./mollify)
#
# Each run writes runs/NAME_nNOISE[_pPOINTS][_ROUTE][_sSEED]/ (the tool's report folder) and
# the same name with .log (the tool's stdout+stderr).  One table row per run goes to the
# terminal and to runs/summary_ROUTE[_pPOINTS][_sSEED].md.  A failing run (non-zero
# exit, `mollify: ...` on stderr) is recorded in the table; the script goes on.
set -u
cd "$(dirname "${BASH_SOURCE[0]}")"

MOLLIFY="${MOLLIFY:-$(cd ../.. && pwd)/mollify}"
POINTS="${POINTS:-}"
SEED="${SEED:-1}"
ROUTE="${ROUTE:-mollifier}"
FILES="${FILES:-burgers heat_mm fisher_um kdv ks grayscott advdiff advdiff_units allencahn allencahn_sharp}"
if [[ $# -gt 0 ]]; then NOISES=("$@"); else NOISES=(0 0.01 0.05 0.10); fi

# The PDE and the --unknown options for each data set: names only, no guesses.
declare -A PDE UNK
PDE[burgers]="u_t + a*u*u_x - b*u_xx = 0"
UNK[burgers]="--unknown a --unknown b:positive"
PDE[heat_mm]="u_t = D*u_xx"
UNK[heat_mm]="--unknown D:positive"
PDE[fisher_um]="u_t = D*u_xx + r*u*(1 - u/K)"
UNK[fisher_um]="--unknown D:positive --unknown r:positive --unknown K:positive"
PDE[kdv]="u_t + a*u*u_x + b*u_xxx = 0"
UNK[kdv]="--unknown a --unknown b"
PDE[kdv_points]="${PDE[kdv]}"
UNK[kdv_points]="${UNK[kdv]}"
PDE[ks]="u_t + a*u*u_x + b*u_xx + c*u_xxxx = 0"
UNK[ks]="--unknown a --unknown b --unknown c"
PDE[grayscott]="u_t = D*u_xx - k*u*v^2; v_t = E*v_xx + k*u*v^2 - m*v"
UNK[grayscott]="--unknown D:positive --unknown E:positive --unknown k:positive --unknown m:positive"
PDE[advdiff]="u_t + c*u_x = D*u_xx"
UNK[advdiff]="--unknown c --unknown D"
PDE[advdiff_units]="${PDE[advdiff]}"
UNK[advdiff_units]="${UNK[advdiff]}"
PDE[allencahn]="u_t = e*u_xx + r*(u - u^3)"
UNK[allencahn]="--unknown e --unknown r"
PDE[allencahn_sharp]="${PDE[allencahn]}"
UNK[allencahn_sharp]="${UNK[allencahn]}"

if [[ ! -x "$MOLLIFY" ]]; then echo "run.sh: no launcher at $MOLLIFY (set MOLLIFY)" >&2; exit 2; fi
mkdir -p runs
summary="runs/summary_${ROUTE}${POINTS:+_p$POINTS}$([[ "$SEED" != 1 ]] && echo "_s$SEED").md"
{
  echo "# mollify fit on independent data (gen.py)"
  echo
  echo "$(date -u '+%Y-%m-%d %H:%M UTC'); launcher \`$MOLLIFY\`; route $ROUTE; seed $SEED; points ${POINTS:-all}; default settings otherwise"
  echo
  echo "| file | noise | coefficients: recovered (error vs truth) | seconds | exit | notes |"
  echo "|---|---|---|---|---|---|"
} > "$summary"
printf '%-10s %-6s %-78s %8s %4s  %s\n' file noise "coefficients: recovered (error)" seconds exit notes

for name in $FILES; do
  data="data/$name.csv"
  if [[ -z "${PDE[$name]+set}" ]]; then echo "run.sh: unknown data set '$name'" >&2; continue; fi
  if [[ ! -f "$data" ]]; then echo "run.sh: $data missing; run python3 gen.py first" >&2; continue; fi
  for noise in "${NOISES[@]}"; do
    tag="${name}_n${noise}${POINTS:+_p$POINTS}"
    [[ "$ROUTE" != mollifier ]] && tag="${tag}_$ROUTE"
    [[ "$SEED" != 1 ]] && tag="${tag}_s$SEED"
    out="runs/$tag"
    log="runs/$tag.log"
    rm -rf "$out"                                   # no stale report.json from an earlier run
    args=(fit --data "$data" --pde "${PDE[$name]}")
    read -r -a unk <<< "${UNK[$name]}"
    args+=("${unk[@]}" --route "$ROUTE" --noise "$noise" --seed "$SEED" --progress none --out "$out")
    [[ -n "$POINTS" ]] && args+=(--points "$POINTS")
    start=$(date +%s.%N)
    "$MOLLIFY" "${args[@]}" > "$log" 2>&1
    code=$?
    wall=$(python3 -c "import sys; print('%.1f' % (float(sys.argv[2]) - float(sys.argv[1])))" "$start" "$(date +%s.%N)")
    # One row from report.json (or the error line of the log when there is none).
    python3 - "$name" "$noise" "$out/report.json" "$log" "$code" "$wall" "$summary" <<'EOF'
import json, os, sys
name, noise, report, log, code, wall, summary = sys.argv[1:]
coeffs, seconds, notes = [], wall + " (wall)", []
if os.path.isfile(report):
    with open(report) as fh:
        r = json.load(fh)
    for k, u in r.get("unknowns", {}).items():
        err = u.get("relativeError")
        coeffs.append("%s=%.6g (%s)" % (k, u["value"], "%.2f%%" % (100 * err) if err is not None else "no truth"))
    if "seconds" in r:
        seconds = "%.1f" % r["seconds"]
    if r.get("stopReason"):
        notes.append("stop: %s" % r["stopReason"])
    for w in r.get("warnings", []) or []:
        notes.append("warning: %s" % w)
else:
    notes.append("no report.json")
if code != "0" or not os.path.isfile(report):
    # The tool's own error lines: `mollify: ...` (the build message is not one).
    try:
        with open(log, errors="replace") as fh:
            lines = [l.strip() for l in fh if l.startswith("mollify:")
                 and "building" not in l and "INFO:" not in l]
        notes.extend(lines[-2:])
    except OSError:
        pass
cells = ", ".join(coeffs) or "—"
note = "; ".join(notes).replace("|", "/")
print("%-10s %-6s %-78s %8s %4s  %s" % (name, noise, cells, seconds, code, note))
with open(summary, "a") as fh:
    fh.write("| %s | %s | %s | %s | %s | %s |\n" % (name, noise, cells, seconds, code, note))
EOF
  done
done
echo
echo "table: runs/summary_ROUTE[_pPOINTS].md; each run's report: runs/<file>_n<noise>/report.md, log: runs/<file>_n<noise>.log"
