#!/usr/bin/env python3
"""Mollify's JMH suites against the PyTorch CPU peers, workload by workload on one machine.

Run by jmh/compare.sh (which builds jmh/target/benchmarks.jar and checks for torch first). For each
workload, in turn: the Mollify JMH benchmark(s) of that workload, each in its own JMH run (rerun while
JMH's 99.9 % error exceeds the tolerance, up to a cap and a time budget), then the PyTorch peer's
`--workload NAME --json` (repeated timing windows until their spread is small or a cap is reached).
So a change of load on the shared machine hits both sides of a row. Memory is counted once, before
the timings: Mollify's tensor storage per call (CompareMemoryProbe), PyTorch's peak RSS per call
(measured by the peer). Writes jmh/results/compare.json and jmh/results/compare.md.
"""
import argparse
import datetime
import json
import math
import os
import re
import statistics
import subprocess
import sys
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
JAR = os.path.join(ROOT, "jmh", "target", "benchmarks.jar")
PEER_DIR = os.path.join(ROOT, "jmh", "peer")
PKG = "dev.mollify.jmh."
UNIT_SECONDS = {"s/op": 1.0, "ms/op": 1e-3, "us/op": 1e-6, "ns/op": 1e-9}
SHOW = {"ns": 1e9, "µs": 1e6, "ms": 1e3}

# seconds of JMH warm-up + measurement per run, from the suites' @Warmup/@Measurement annotations
SUITE_SECONDS = {"RecordOverheadBenchmark": 20, "MatmulBenchmark": 10, "MlpDerivativeBenchmark": 26,
                 "MollifierConvBenchmark": 13,
                 "PinnStepBenchmark": 27,  # 22 s of iterations + about 5 s of DataFit.setup (the network's pre-fit)
                 "LayerStepBenchmark": 22}
QUICK_SECONDS = 6  # -wi 3 -w 1s -i 3 -r 1s
RUN_OVERHEAD_S = 4  # JMH host and fork JVM start-up
PEER_ESTIMATE_S = 10  # torch import, warm-up, memory call and the repeats (more for the large convolutions)
MATMUL_SIZES = ["32", "64", "256", "512", "1024", "pinn"]
CONV_SHAPES = ["16x1000x51", "16x100000x51", "1x1000000x51", "64x4096x255"]
STEP_PROBLEMS = {"heat": "heat u_t = D·u_xx", "burgers": "Burgers u_t + a·u·u_x = b·u_xx"}
QUICK = ["record_add", "matmul_F64_256", "matmul_F32_256", "mlp_1000_o2", "conv_fwd_F32_16x1000x51",
         "conv_fwdbwd_F32_16x1000x51", "step_heat_mollifier_F64"]


def workloads():
    """Each workload: one peer measurement and the Mollify JMH benchmark variants it is compared with."""
    out = [dict(id="record_add", label="recorded add, 2 elements (F64)", unit="ns", peer="torch_peer.py",
                variants=[dict(name="", bench="RecordOverheadBenchmark.recordedAdd", params={}, mem=None)])]
    for d in ("F64", "F32"):
        for n in MATMUL_SIZES:
            rows, inner = (1000, 50) if n == "pinn" else (int(n), int(n))
            label = f"matmul {d} (1000×50)·(50×50)" if n == "pinn" else f"matmul {d} {n}×{n}"
            out.append(dict(id=f"matmul_{d}_{n}", label=label, unit="µs", peer="torch_peer.py",
                            flop=2 * rows * inner * inner,
                            variants=[dict(name="", bench="MatmulBenchmark.matmul",
                                           params=dict(size=n, dtype=d, simd="true"), mem=f"matmul:{d}:{n}")]))
    for points in (1000, 10000):
        for order in (2, 4):
            u = "u…u_xx" if order == 2 else "u…u_xxxx"
            out.append(dict(id=f"mlp_{points}_o{order}", label=f"MLP 2→50³→1 {u}, {points:,} points (F64)",
                            unit="ms", peer="torch_peer.py",
                            variants=[dict(name=s, bench="MlpDerivativeBenchmark.derivatives",
                                           params=dict(points=str(points), order=str(order), storage=s),
                                           mem=f"mlp:{points}:{order}:{s}") for s in ("fresh", "workspace")]))
    for shape in CONV_SHAPES:
        for kind, method in (("fwd", "forward"), ("fwdbwd", "forwardBackward")):
            b, n, k = shape.split("x")
            label = f"mollifier conv {'fwd' if kind == 'fwd' else 'fwd+bwd'} F32 ({b}, {int(n):,}, {k})"
            out.append(dict(id=f"conv_{kind}_F32_{shape}", label=label, unit="ms", peer="torch_conv_peer.py",
                            variants=[dict(name=s, bench=f"MollifierConvBenchmark.{method}",
                                           params=dict(shape=shape, dtype="F32", path="simd", storage=s),
                                           mem=f"conv:{kind}:{shape}:F32:{s}") for s in ("fresh", "workspace")]))
    for problem, text in STEP_PROBLEMS.items():
        for route in ("autodiff", "mollifier"):
            # the fit's trainer reuses one workspace from step to step; memory: peak of one loss + backward
            # the peer's construction from the layers (LayerStepBenchmark), in both precisions
            layers = {d: dict(name="layers", bench="LayerStepBenchmark.steps",
                              params=dict(problem=problem, route=route, dtype=d),
                              mem=f"layerstep:{problem}:{route}:{d}") for d in ("F64", "F32")}
            out.append(dict(id=f"step_{problem}_{route}_F64", unit="ms", peer="torch_step_peer.py",
                            label=f"PINN step {text}, {route}, 2,000 data + 45×45 nodes, 2→32³→1 (F64)",
                            variants=[dict(name="workspace", bench="PinnStepBenchmark.steps",
                                           params=dict(problem=problem, route=route),
                                           mem=f"step:{problem}:{route}"), layers["F64"]]))
            out.append(dict(id=f"step_{problem}_{route}_F32", unit="ms", peer="torch_step_peer.py",
                            label=f"PINN step {text}, {route}, 2,000 data + 45×45 nodes, 2→32³→1 (F32)",
                            variants=[layers["F32"]]))
    return out


def log(msg):
    print(f"[compare {datetime.datetime.now().strftime('%H:%M:%S')}] {msg}", flush=True)


def sh(cmd):
    try:
        return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=60).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""


def header(args):
    cpu = ""
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next((l.split(":", 1)[1].strip() for l in f if l.startswith("model name")), "")
    except OSError:
        pass
    jdk = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.strip().splitlines()
    dirty = sh(["git", "status", "--porcelain", "--untracked-files=no"])
    torch_v = None
    if not args.no_peer:
        torch_v = sh([args.peer_python, "-c", "import torch; print(torch.__version__)"]) or None
    return {
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": sh(["git", "rev-parse", "--short", "HEAD"]) + (" (with uncommitted changes)" if dirty else ""),
        "jdk": " / ".join(jdk[:3:2]) if len(jdk) >= 3 else " ".join(jdk),
        "pytorch": torch_v,
        "cpu": cpu,
        "cores": os.cpu_count(),
        "load_start": " ".join(f"{x:.2f}" for x in os.getloadavg()),
    }


def run_jmh(variant, args, tag):
    """One JMH run of one benchmark with its params; returns the parsed result dict or None."""
    out_json = os.path.join(args.logs, f"{tag}.json")
    regex = "^" + re.escape(PKG + variant["bench"]) + "$"
    cmd = ["java", "-jar", JAR, regex, "-rf", "json", "-rff", out_json]
    for k, v in variant["params"].items():
        cmd += ["-p", f"{k}={v}"]
    cmd += args.jmh_opts
    if os.path.exists(out_json):
        os.remove(out_json)
    with open(os.path.join(args.logs, f"{tag}.txt"), "w") as f:
        rc = subprocess.run(cmd, cwd=ROOT, stdout=f, stderr=subprocess.STDOUT).returncode
    if rc != 0 or not os.path.exists(out_json):
        return None
    with open(out_json) as f:
        data = json.load(f)
    for r in data:
        if r["benchmark"] == PKG + variant["bench"] and all(
                r.get("params", {}).get(k) == v for k, v in variant["params"].items()):
            pm = r["primaryMetric"]
            scale = UNIT_SECONDS[pm["scoreUnit"]]
            err = float(pm["scoreError"])
            score = float(pm["score"])
            return {"score_s": score * scale, "error_s": (err * scale if math.isfinite(err) else None),
                    "rel_error": (err / score if math.isfinite(err) and score > 0 else None),
                    "iterations_s": [x * scale for fork in pm["rawData"] for x in fork],
                    "jdk": r.get("jdkVersion"), "vm": r.get("vmName")}
    return None


def planned_seconds(variants, args, with_peers):
    """Time a first run of each variant (and a peer per workload) is expected to take."""
    jmh = sum((QUICK_SECONDS if args.quick else SUITE_SECONDS[v["bench"].split(".")[0]]) + RUN_OVERHEAD_S
              for v in variants)
    return jmh + (0 if args.no_peer else PEER_ESTIMATE_S * with_peers)


def run_peer(w, args):
    cmd = [args.peer_python, os.path.join(PEER_DIR, w["peer"]), "--workload", w["id"], "--json",
           "--min-time", str(args.peer_min_time), "--repeats-min", str(args.peer_repeats_min),
           "--repeats-max", str(args.peer_repeats_max), "--tol", str(args.tol),
           "--max-seconds", str(args.peer_max_seconds)]
    env = {k: v for k, v in os.environ.items() if k not in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")}
    try:
        p = subprocess.run(cmd, cwd=PEER_DIR, env=env, capture_output=True, text=True, timeout=600)
    except subprocess.TimeoutExpired:
        return None, "timed out"
    lines = [l for l in p.stdout.splitlines() if l.startswith("{")]
    if p.returncode != 0 or not lines:
        return None, (p.stderr.strip().splitlines() or ["exit %d" % p.returncode])[-1]
    return json.loads(lines[-1]), None


def memory(ws, args):
    specs = [v["mem"] for w in ws for v in w["variants"] if v["mem"]]
    if not specs:
        return {}
    cmd = ["java", "--add-modules", "jdk.incubator.vector", "-Xmx8g", "-cp", JAR, PKG + "CompareMemoryProbe"] + specs
    try:
        p = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=900)
    except subprocess.TimeoutExpired:
        log("memory probe timed out")
        return {}
    if p.returncode != 0:
        log("memory probe failed: " + (p.stderr.strip().splitlines() or ["?"])[-1])
    return {l.split()[1]: int(l.split()[2]) for l in p.stdout.splitlines() if l.startswith("MEM ")}


def fmt_time(s, unit):
    if s is None:
        return "–"
    v = s * SHOW[unit]
    return (f"{v:.3g}" if v < 1000 else f"{v:,.0f}") + " " + unit


def fmt_rel(r):
    return "–" if r is None else f"{100 * r:.1f} %"


def fmt_bytes(b):
    if b is None:
        return "–"
    if b >= 1e9:
        return f"{b / 1e9:.2f} GB"
    return f"{b / 1e6:.1f} MB" if b >= 1e5 else f"{b / 1e3:.1f} kB"


def write_markdown(path, result):
    h, s = result["header"], result["settings"]
    tol = s["tol"]
    lines = [
        "# Mollify against PyTorch (CPU), workload by workload on one machine",
        "",
        "| | |",
        "|---|---|",
        f"| date | {h['date']} |",
        f"| commit | {h['commit']} |",
        f"| JDK | {h['jdk']} |",
        f"| PyTorch | {h['pytorch'] or 'missing (peer columns empty)'}"
        + (f", BLAS {h['pytorch_blas']}, {h['pytorch_threads']} threads" if h.get("pytorch_blas") else "") + " |",
        f"| CPU | {h['cpu']}, {h['cores']} cores |",
        f"| load average (1, 5, 15 min) at start / end | {h['load_start']} / {h.get('load_end', '?')} |",
        f"| mode | {s['mode']}: JMH {' '.join(s['jmh_opts']) or 'suite settings'}; peer windows of "
        f"{s['peer_min_time']} s, {s['peer_repeats_min']}–{s['peer_repeats_max']} repeats |",
        f"| wall time | {result['wall_min']:.1f} min |",
        "",
        "Times per operation. **ratio** = Mollify / PyTorch (below 1: Mollify is faster). ±: Mollify, "
        "JMH's 99.9 % error (the best of its runs); PyTorch, half the range of its repeat medians. "
        f"**unstable**: a side whose ± exceeds {100 * tol:.0f} % of its time. Memory: Mollify, tensor "
        "storage of one call (allocated by it; with a workspace, what the workspace holds plus what the "
        "call allocates; for a training step, the peak of live tensor storage of one loss + backward); "
        "PyTorch, peak resident memory of one call above the resident memory before it.",
        "",
        "| workload | storage | Mollify | ± | PyTorch | ± | **ratio** | GFLOP/s Mollify / PyTorch "
        "| Mollify memory | PyTorch memory | flag |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for w in result["workloads"]:
        peer = w.get("peer")
        u = w["unit"]
        for v in w["variants"]:
            m = v.get("mollify")
            ratio = (m["score_s"] / peer["seconds"]) if (m and peer) else None
            gf = "–"
            if w.get("flop") and m:
                gf = f"{w['flop'] / m['score_s'] / 1e9:.1f} / " + (
                    f"{w['flop'] / peer['seconds'] / 1e9:.1f}" if peer else "–")
            flags = []
            if m is None:
                flags.append("Mollify failed")
            elif v["unstable"]:
                flags.append("unstable: Mollify")
            if peer is None:
                flags.append("peer " + (w.get("peer_error") or "missing"))
            elif w["peer_unstable"]:
                flags.append("unstable: PyTorch")
            lines.append(
                f"| {w['label']} | {v['name'] or '–'} | {fmt_time(m and m['score_s'], u)} "
                f"| {fmt_rel(m and m['rel_error'])} | {fmt_time(peer and peer['seconds'], u)} "
                f"| {fmt_rel(peer and peer['spread'])} | {'–' if ratio is None else f'**{ratio:.3g}**'} | {gf} "
                f"| {fmt_bytes(v.get('tensor_bytes'))} | {fmt_bytes(peer and peer.get('peak_rss_bytes'))} "
                f"| {', '.join(flags)} |")
    lines.append("")
    with open(path, "w") as f:
        f.write("\n".join(lines))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="few workloads, short JMH runs, few peer repeats")
    ap.add_argument("--only", help="regex on workload ids (record_add, matmul_F64_256, mlp_1000_o2, conv_fwd_F32_16x1000x51, "
                    "step_heat_autodiff_F64, ...)")
    ap.add_argument("--no-peer", action="store_true", help="Mollify only (peer columns empty)")
    ap.add_argument("--peer-python", default="/usr/bin/python3")
    ap.add_argument("--tol", type=float, default=0.10, help="relative spread above which a side is unstable")
    ap.add_argument("--budget-min", type=float, default=None, help="minutes: a Mollify rerun only if it and the remaining first runs fit (default 30)")
    ap.add_argument("--out", default=os.path.join(ROOT, "jmh", "results"))
    args = ap.parse_args()

    if args.quick:
        args.jmh_opts = ["-wi", "3", "-w", "1s", "-i", "3", "-r", "1s"]
        args.max_runs, args.peer_min_time, args.peer_repeats_min, args.peer_repeats_max = 1, 0.2, 3, 3
        args.peer_max_seconds = 10
        mode = "quick"
    else:
        args.jmh_opts = []
        args.max_runs, args.peer_min_time, args.peer_repeats_min, args.peer_repeats_max = 2, 0.5, 5, 10
        args.peer_max_seconds = 30
        mode = "full"
    if args.budget_min is None:
        args.budget_min = 30.0
    args.logs = os.path.join(args.out, "compare-logs")
    os.makedirs(args.logs, exist_ok=True)

    ws = workloads()
    if args.quick:
        ws = [w for w in ws if w["id"] in QUICK]
    if args.only:
        ws = [w for w in ws if re.search(args.only, w["id"])]
    if not ws:
        sys.exit("no workload selected")
    t0 = time.time()
    result = {"header": header(args),
              "settings": {"mode": mode, "jmh_opts": args.jmh_opts, "tol": args.tol, "max_runs": args.max_runs,
                           "peer_min_time": args.peer_min_time, "peer_repeats_min": args.peer_repeats_min,
                           "peer_repeats_max": args.peer_repeats_max, "budget_min": args.budget_min},
              "workloads": []}
    all_variants = [v for w in ws for v in w["variants"]]
    log(f"{len(ws)} workloads, {len(all_variants)} JMH runs ({mode}); "
        f"peer {'skipped' if args.no_peer else result['header']['pytorch']}; "
        f"expected about {planned_seconds(all_variants, args, len(ws)) / 60 + 0.5:.0f} min without reruns")

    log("memory: CompareMemoryProbe")
    mem = memory(ws, args)

    done = 0
    for i, w in enumerate(ws, 1):
        rec = {k: w[k] for k in ("id", "label", "unit") if k in w}
        if "flop" in w:
            rec["flop"] = w["flop"]
        rec["variants"] = []
        for v in w["variants"]:
            runs = []
            while True:
                tag = w["id"] + (f"_{v['name']}" if v["name"] else "") + f"_run{len(runs) + 1}"
                t_run = time.time()
                r = run_jmh(v, args, tag)
                t_run = time.time() - t_run
                if r is None:
                    log(f"{tag}: JMH failed, see {os.path.relpath(os.path.join(args.logs, tag + '.txt'), ROOT)}")
                    break
                runs.append(r)
                log(f"{tag}: {fmt_time(r['score_s'], w['unit'])} ± {fmt_rel(r['rel_error'])}")
                stable = r["rel_error"] is not None and r["rel_error"] <= args.tol
                # a rerun only if it and the first runs still to come fit in the budget
                still = planned_seconds(all_variants[done + 1:], args, len(ws) - i + 1)
                fits = time.time() - t0 + t_run + still <= args.budget_min * 60
                if stable or len(runs) >= args.max_runs or not fits:
                    break
            best = min(runs, key=lambda x: x["rel_error"] if x["rel_error"] is not None else math.inf) if runs else None
            if best:
                best = dict(best, runs_s=[x["score_s"] for x in runs])
            rec["variants"].append({
                "name": v["name"], "benchmark": PKG + v["bench"], "params": v["params"], "mollify": best,
                "unstable": bool(best and (best["rel_error"] is None or best["rel_error"] > args.tol)),
                "tensor_bytes": mem.get(v["mem"]) if v["mem"] else None})
            done += 1
        if args.no_peer:
            rec["peer"], rec["peer_error"] = None, "skipped"
        else:
            rec["peer"], rec["peer_error"] = run_peer(w, args)
            p = rec["peer"]
            if p:
                log(f"{w['id']} peer: {fmt_time(p['seconds'], w['unit'])} ± {fmt_rel(p['spread'])}")
            else:
                log(f"{w['id']} peer failed: {rec['peer_error']}")
        rec["peer_unstable"] = bool(rec["peer"] and rec["peer"]["spread"] > args.tol)
        result["workloads"].append(rec)
        log(f"{i}/{len(ws)} done, {(time.time() - t0) / 60:.1f} min")

    blas = {", ".join(w["peer"].get("blas") or []) for w in result["workloads"] if w["peer"]}
    if blas:
        result["header"]["pytorch_blas"] = " | ".join(sorted(blas)) or "none mapped"
        result["header"]["pytorch_threads"] = max(w["peer"]["threads"] for w in result["workloads"] if w["peer"])
    result["header"]["load_end"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
    jdks = {v["mollify"]["jdk"] for w in result["workloads"] for v in w["variants"] if v["mollify"]}
    if len(jdks) == 1:
        result["header"]["jdk_jmh"] = jdks.pop()
    result["wall_min"] = (time.time() - t0) / 60
    with open(os.path.join(args.out, "compare.json"), "w") as f:
        json.dump(result, f, indent=1)
    write_markdown(os.path.join(args.out, "compare.md"), result)
    log(f"wrote {os.path.relpath(os.path.join(args.out, 'compare.md'), ROOT)} and compare.json "
        f"({result['wall_min']:.1f} min)")


if __name__ == "__main__":
    main()
