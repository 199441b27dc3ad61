#!/usr/bin/env python3
"""PyTorch CPU peer for MollifierConvBenchmark (the convolution table), run on the same machine and load.

For each (B, N, K) and F32/F64, on 2 threads, median ms of:
  * fwd:     y = conv1d(pad(x, M, 'reflect'), w(theta)), the bump kernel w rebuilt on every call from a
             requires_grad width parameter theta (delta = softplus(theta), taps normalised to sum 1,
             K = 2M + 1 taps at spacing h = 1/(N - 1), delta = 0.75*M*h: the Java layer's setup);
  * fwd+bwd: the same, then torch.autograd.grad(sum(y * r), [x, theta]) (input and width gradient).
x requires grad in both (as the Java benchmark's x = Var.param).

Install: apt-get install python3-torch libopenblas0-pthread
Run:     env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 jmh/peer/torch_conv_peer.py
         (--quick: only (16, 1000, 51), short timing; --min-time S: seconds per measurement, default 2)
         ... torch_conv_peer.py --workload conv_{fwd,fwdbwd}_{F32,F64}_BxNxK [--json]: one workload
         (names: --list), timed and its peak memory measured as peer_json.py describes (jmh/compare.sh)
For tuned-allocator numbers, preload jemalloc/tcmalloc, e.g.
         LD_PRELOAD=/usr/lib/x86_64-linux-gnu/libjemalloc.so.2 ...   (untuned is 3-12x slower at large sizes)
"""
import argparse
import math
import time

import torch
import torch.nn.functional as F

import peer_json

torch.set_num_threads(2)

SHAPES = [(16, 1000, 51), (16, 100000, 51), (1, 1000000, 51), (64, 4096, 255)]


def median_time(fn, min_time, reps_min=5):
    fn()
    fn()
    times = []
    start = time.perf_counter()
    while time.perf_counter() - start < min_time or len(times) < reps_min:
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    times.sort()
    return times[len(times) // 2]


def bump_taps(theta, dist):
    """Normalised bump exp(-1/(1 - (d/delta)^2)) at the tap distances, delta = softplus(theta)."""
    delta = F.softplus(theta)
    s = (dist / delta) ** 2
    inside = s < 1
    s_safe = torch.where(inside, s, torch.zeros_like(s))  # keeps the gradient finite outside the support
    phi = torch.where(inside, torch.exp(-1.0 / (1.0 - s_safe)), torch.zeros_like(s))
    return phi / phi.sum()


def closures(b, n, k, dtype):
    """(forward, forward_backward) closures of the case, after a sanity check."""
    m = (k - 1) // 2
    h = 1.0 / (n - 1)
    delta0 = 0.75 * m * h
    theta = torch.tensor(math.log(math.expm1(delta0)), dtype=torch.float64).to(dtype).requires_grad_(True)
    dist = (torch.arange(-m, m + 1, dtype=torch.float64) * h).to(dtype)
    g = torch.Generator().manual_seed(1)
    x = torch.randn(b, 1, n, generator=g, dtype=torch.float64).to(dtype).requires_grad_(True)
    r = torch.randn(b, 1, n, generator=g, dtype=torch.float64).to(dtype)

    def forward():
        w = bump_taps(theta, dist).view(1, 1, k)
        return F.conv1d(F.pad(x, (m, m), mode="reflect"), w)

    def forward_backward():
        y = forward()
        return torch.autograd.grad((y * r).sum(), [x, theta])

    # sanity: taps sum to 1, output has the input's shape, gradients exist
    y = forward()
    assert y.shape == x.shape, (y.shape, x.shape)
    gx, gt = forward_backward()
    assert gx.shape == x.shape and torch.isfinite(gt).all()
    return forward, forward_backward


def case(b, n, k, dtype, min_time):
    forward, forward_backward = closures(b, n, k, dtype)
    fwd = median_time(forward, min_time)
    fb = median_time(forward_backward, min_time)
    return fwd * 1e3, fb * 1e3


WORKLOADS = [f"conv_{kind}_{d}_{b}x{n}x{k}" for (b, n, k) in SHAPES for d in ("F32", "F64") for kind in ("fwd", "fwdbwd")]


def one_workload(name, args):
    parts = name.split("_")
    if len(parts) != 4 or parts[0] != "conv" or parts[1] not in ("fwd", "fwdbwd") or parts[2] not in ("F32", "F64"):
        raise SystemExit(f"unknown workload {name}; known: {' '.join(WORKLOADS)}")
    b, n, k = (int(v) for v in parts[3].split("x"))
    dtype = torch.float32 if parts[2] == "F32" else torch.float64
    forward, forward_backward = closures(b, n, k, dtype)
    return peer_json.run(name, forward if parts[1] == "fwd" else forward_backward, args)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true", help="only (16, 1000, 51), 0.2 s per measurement")
    peer_json.add_arguments(ap, min_time_default=2.0)
    args = ap.parse_args()
    if peer_json.list_or_one(args, WORKLOADS, one_workload):
        return
    shapes = SHAPES[:1] if args.quick else SHAPES
    min_time = 0.2 if args.quick else args.min_time
    print(f"torch {torch.__version__}, threads {torch.get_num_threads()}")
    print("mollifier conv (median ms): B N K dtype fwd fwd+bwd bwd/fwd")
    for (b, n, k) in shapes:
        for dtype in (torch.float32, torch.float64):
            fwd, fb = case(b, n, k, dtype, min_time)
            name = "F32" if dtype == torch.float32 else "F64"
            print(f"  {b:3d} {n:8d} {k:4d} {name} {fwd:10.3f} {fb:10.3f} {fb / fwd:6.2f}", flush=True)


if __name__ == "__main__":
    main()
