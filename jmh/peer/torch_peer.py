#!/usr/bin/env python3
"""PyTorch CPU peer for the Mollify JMH suites, run on the same machine and load as the JMH numbers.

Measures (2 threads, float64 unless noted):
  * matmul n x n (F32, F64) and the PINN layer shape (1000x50)(50x50), GFLOP/s;
  * one recorded elementwise add on 2-element tensors requiring grad, ns;
  * u and its x-derivatives up to order k of the 2->50->50->50->1 tanh MLP, every grad with
    create_graph=True (the same network shape and Glorot-normal init as jmh/TanhMlp.java), ms.
Install: apt-get install python3-torch libopenblas0-pthread (Debian's torch otherwise uses reference BLAS)
Run:     env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 jmh/peer/torch_peer.py
         ... torch_peer.py --workload NAME [--json]: one workload (names: --list), timed and its peak
         memory measured as peer_json.py describes (what jmh/compare.sh runs)
"""
import argparse
import time

import torch

import peer_json

torch.set_num_threads(2)


def best_time(fn, min_time=1.0, reps_min=3):
    fn()
    fn()
    times = []
    start = time.perf_counter()
    while time.perf_counter() - start < min_time or len(times) < reps_min:
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    times.sort()
    return times[len(times) // 2]  # median


def matmul():
    print("matmul (median): size dtype GFLOP/s")
    for dtype in (torch.float32, torch.float64):
        for n in (32, 64, 256, 512, 1024, 2048):
            a = torch.randn(n, n, dtype=dtype)
            b = torch.randn(n, n, dtype=dtype)
            t = best_time(lambda: a @ b)
            print(f"  {n:5d} {str(dtype):14s} {2 * n ** 3 / t / 1e9:8.1f}")
        a = torch.randn(1000, 50, dtype=dtype)
        b = torch.randn(50, 50, dtype=dtype)
        t = best_time(lambda: a @ b)
        print(f"  pinn  {str(dtype):14s} {2 * 1000 * 50 * 50 / t / 1e9:8.1f}  ({t * 1e6:.1f} us)")


def record_overhead():
    a = torch.tensor([1.0, 2.0], dtype=torch.float64, requires_grad=True)
    b = torch.tensor([3.0, 4.0], dtype=torch.float64, requires_grad=True)
    n = 200000
    for _ in range(3):
        t0 = time.perf_counter()
        for _ in range(n):
            a + b
        t = (time.perf_counter() - t0) / n
    print(f"recorded add on 2 elements: {t * 1e9:.0f} ns")


def mlp_forward():
    torch.manual_seed(42)
    widths = [2, 50, 50, 50, 1]
    layers = []
    for i in range(len(widths) - 1):
        std = (2.0 / (widths[i] + widths[i + 1])) ** 0.5
        w = (torch.randn(widths[i], widths[i + 1], dtype=torch.float64) * std).requires_grad_()
        b = torch.zeros(1, widths[i + 1], dtype=torch.float64, requires_grad=True)
        layers.append((w, b))

    def forward(x, t):
        h = torch.cat([x, t], dim=1)
        for i, (w, b) in enumerate(layers):
            h = torch.addmm(b, h, w)
            if i + 1 < len(layers):
                h = torch.tanh(h)
        return h

    return forward


def mlp_run(forward, n, order):
    """A closure computing u and its x-derivatives up to order at n points (the benchmark's workload)."""
    x = (torch.rand(n, 1, dtype=torch.float64) * 2 - 1).requires_grad_()
    t = torch.rand(n, 1, dtype=torch.float64)
    ones = torch.ones(n, 1, dtype=torch.float64)

    def run():
        d = forward(x, t)
        for _ in range(order):
            d, = torch.autograd.grad(d, x, ones, create_graph=True)
        return d

    return run


def mlp():
    forward = mlp_forward()
    print("MLP derivatives (median ms): points order")
    for n in (1000, 10000):
        for order in (1, 2, 3, 4):
            ms = best_time(mlp_run(forward, n, order), min_time=2.0) * 1e3
            print(f"  {n:6d} {order:2d} {ms:9.2f}")


MATMUL_SIZES = ("32", "64", "256", "512", "1024", "pinn")
WORKLOADS = (["record_add"]
             + [f"matmul_{d}_{n}" for d in ("F64", "F32") for n in MATMUL_SIZES]
             + [f"mlp_{n}_o{o}" for n in (1000, 10000) for o in (1, 2, 3, 4)])


def one_workload(name, args):
    """record_add (per add), matmul_{F64,F32}_{32,...,1024,pinn} (per product), mlp_{points}_o{order} (per evaluation)."""
    parts = name.split("_")
    if name == "record_add":
        a = torch.tensor([1.0, 2.0], dtype=torch.float64, requires_grad=True)
        b = torch.tensor([3.0, 4.0], dtype=torch.float64, requires_grad=True)
        n = 20000

        def adds():
            for _ in range(n):
                a + b
        return peer_json.run(name, adds, args, per_call=n, memory=False)
    if parts[0] == "matmul" and len(parts) == 3 and parts[2] in MATMUL_SIZES:
        dtype = {"F64": torch.float64, "F32": torch.float32}[parts[1]]
        rows, inner = (1000, 50) if parts[2] == "pinn" else (int(parts[2]), int(parts[2]))
        a = torch.randn(rows, inner, dtype=dtype)
        b = torch.randn(inner, inner, dtype=dtype)
        return peer_json.run(name, lambda: a @ b, args, extra={"flop": 2 * rows * inner * inner})
    if parts[0] == "mlp" and len(parts) == 3:
        return peer_json.run(name, mlp_run(mlp_forward(), int(parts[1]), int(parts[2][1:])), args)
    raise SystemExit(f"unknown workload {name}; known: {' '.join(WORKLOADS)}")


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description="PyTorch CPU peer of the RecordOverhead, Matmul and MlpDerivative suites")
    peer_json.add_arguments(ap, min_time_default=1.0)
    args = ap.parse_args()
    if peer_json.list_or_one(args, WORKLOADS, one_workload):
        raise SystemExit(0)
    print("torch", torch.__version__, "threads", torch.get_num_threads(), torch.__config__.parallel_info().splitlines()[0])
    record_overhead()
    matmul()
    mlp()
