"""One workload at a time, as one JSON line (the peers' --workload NAME --json mode, used by jmh/compare.sh).

Time: `repeats` medians, each the median call time over a window of at least `min_time` seconds (and at
least 3 calls); repeats continue from `repeats_min` until their spread (half the range over the median)
is at most `tol`, `repeats_max` is reached or `max_seconds` have passed.
Memory: the peak resident set of one call above the resident set just before it, after two warm-up
calls and malloc_trim (so freed heap pages are not counted in the baseline): VmHWM is reset through
/proc/self/clear_refs where the kernel allows it ("hwm_reset": true); otherwise VmHWM since the process
started is used, which may include an earlier, larger peak.
"""
import ctypes
import json
import os
import statistics
import time


def median_time(fn, min_time, calls_min=3):
    times = []
    start = time.perf_counter()
    while time.perf_counter() - start < min_time or len(times) < calls_min:
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def _status_bytes(field):
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1]) * 1024
    return None


def _malloc_trim():
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


def _reset_hwm():
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
        return True
    except OSError:
        return False


def peak_rss_above_baseline(fn):
    """Bytes of resident memory one call of fn adds at its peak, and whether VmHWM could be reset."""
    fn()
    fn()
    _malloc_trim()
    base = _status_bytes("VmRSS")
    reset = _reset_hwm()
    fn()
    peak = _status_bytes("VmHWM")
    if base is None or peak is None:
        return None, reset
    return max(0, peak - base), reset


def blas_libraries():
    """File names of the BLAS libraries mapped into this process (Debian's torch loads libblas.so.3,
    which is OpenBLAS only when libopenblas0-pthread is installed, else the reference BLAS)."""
    names = set()
    try:
        with open("/proc/self/maps") as f:
            for line in f:
                path = line.split()[-1]
                if "blas" in path.lower() and "/" in path:
                    names.add(os.path.realpath(path).rsplit("/", 1)[-1])
    except OSError:
        pass
    return sorted(names)


def run(name, fn, args, per_call=1, memory=True, extra=None):
    """Measures fn (one call = per_call operations) and prints the JSON line; returns the dict."""
    import torch

    fn()
    fn()  # warm-up
    peak, reset = peak_rss_above_baseline(fn) if memory else (None, None)
    medians = []
    start = time.perf_counter()
    while True:
        medians.append(median_time(fn, args.min_time) / per_call)
        if len(medians) >= args.repeats_min:
            med = statistics.median(medians)
            spread = (max(medians) - min(medians)) / 2 / med
            if spread <= args.tol or len(medians) >= args.repeats_max or time.perf_counter() - start > args.max_seconds:
                break
    out = {
        "workload": name,
        "seconds": med,
        "spread": spread,
        "repeats_s": medians,
        "peak_rss_bytes": peak,
        "hwm_reset": reset,
        "torch": torch.__version__,
        "threads": torch.get_num_threads(),
        "blas": blas_libraries(),
    }
    if extra:
        out.update(extra)
    if args.json:
        print(json.dumps(out), flush=True)
    else:
        scale, unit = next((f, u) for f, u in ((1e9, "ns"), (1e6, "us"), (1e3, "ms"), (1, "s")) if med * f < 1e4 or u == "s")
        print_plain(out, scale, unit)
    return out


def add_arguments(ap, min_time_default):
    ap.add_argument("--workload", help="run one workload (see --list) and print one result line")
    ap.add_argument("--json", action="store_true", help="with --workload: print the result as one JSON line")
    ap.add_argument("--list", action="store_true", help="print the workload names and exit")
    ap.add_argument("--min-time", type=float, default=min_time_default, help="seconds per timing window")
    ap.add_argument("--repeats-min", type=int, default=5, help="with --workload: fewest timing windows")
    ap.add_argument("--repeats-max", type=int, default=10, help="with --workload: most timing windows")
    ap.add_argument("--tol", type=float, default=0.05, help="with --workload: spread that stops the repeats")
    ap.add_argument("--max-seconds", type=float, default=40.0, help="with --workload: time cap for the repeats")


def list_or_one(args, workloads, one_workload):
    """Handles the two machine-readable calls: --list prints the workload ids, --workload NAME runs one
    (one_workload(name, args)). Returns True when either was asked for, so main() stops there."""
    if args.list:
        print("\n".join(workloads))
        return True
    if args.workload:
        one_workload(args.workload, args)
        return True
    return False


def print_plain(res, unit_scale, unit):
    peak = res["peak_rss_bytes"]
    mem = "-" if peak is None else "%.1f MB" % (peak / 1e6)
    print("%s: %.4g %s (spread %.1f %%, %d repeats), peak RSS above baseline %s"
          % (res["workload"], res["seconds"] * unit_scale, unit, 100 * res["spread"], len(res["repeats_s"]), mem))
