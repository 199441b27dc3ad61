#!/usr/bin/env python3
"""PyTorch CPU peer for PinnStepBenchmark: one PINN training step (loss, backward, one Adam update).

The same problem as the Java side builds it with DataFit (mollify fit's setup), 2 threads:
  * data: 2,000 points drawn uniformly in the box (heat [0, 1]^2, Burgers x in [-1, 1], t in [0, 1]);
    collocation grid 45 t x 45 x nodes over the box (2,025 nodes);
  * network 2 -> 32 -> 32 -> 32 -> 1 tanh (Glorot-normal weights, zero biases), inputs mapped to
    [-1, 1], output = mean + scale * network (the field's data statistics), as jmh's Pinn;
  * loss = mean((prediction - y)^2) / sigma^2 + mean(r^2) / R^2, unknowns scale * theta; Adam lr 5e-3
    (torch.optim.Adam) over the network and the unknowns;
  * heat:    r = u_t - D*u_xx;  Burgers: r = u_t + a*u*u_x - b*u_xx.
Routes:
  * autodiff: the network at the 2,025 nodes X (requires grad), g = grad(u, X, create_graph=True)
    gives u_t and u_x, u_xx = grad(u_x, X, create_graph=True)[:, x]; the network alone at the data points;
  * mollifier: the network on the grid plus a halo of 6 cells per axis (57 x 57 nodes), one conv2d of
    that field with the 13 x 13 product kernels (taps +-5 of the sampled bump, delta = 0.0998 in t, and
    0.0998 (heat) / 0.1999 (Burgers) in x; derivative kernels central differences of it, +-6 taps) gives
    u, u_t, (u_x,) u_xx on the 45 x 45 grid; Burgers' u*u_x is 0.5*g^2 convolved with the x-derivative
    kernel (flux form) and its data are compared on g; heat's on u. Data at the points by bilinear
    interpolation from the grid (4 nodes per point, fixed weights). Sizes as PinnStepBenchmark.main prints.
The data values do not change the work; heat uses the exact series, Burgers a smooth stand-in.

Run: env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 jmh/peer/torch_step_peer.py
     ... --workload step_{heat,burgers}_{autodiff,mollifier}_{F64,F32} [--json]   (names: --list)
"""
import argparse
import math
import time

import torch
import torch.nn.functional as F

import peer_json

torch.set_num_threads(2)

POINTS = 2000
GRID = 45
HALO = 6  # cells of network beyond the grid on each side (taps M = 5 plus the difference stencil's 1)
TAPS_M = 5
DELTA = {"heat": (0.09976, 0.09983), "burgers": (0.09981, 0.1999)}  # (t, x), as PinnStepBenchmark.main prints
LR = 5e-3
WORKLOADS = [f"step_{p}_{r}_{d}" for p in ("heat", "burgers") for r in ("autodiff", "mollifier")
             for d in ("F64", "F32")]


def data(problem, dtype, seed=11):
    g = torch.Generator().manual_seed(seed)
    t = torch.rand(POINTS, generator=g, dtype=torch.float64)
    if problem == "heat":
        x = torch.rand(POINTS, generator=g, dtype=torch.float64)
        u = sum(0.5 ** n * torch.sin(n * math.pi * x) * torch.exp(-0.1 * (n * math.pi) ** 2 * t) for n in range(1, 60))
    else:
        x = 2 * torch.rand(POINTS, generator=g, dtype=torch.float64) - 1
        u = -torch.sin(math.pi * x) * torch.exp(-t)
    return t.to(dtype), x.to(dtype), u.to(dtype)


class Pinn(torch.nn.Module):
    def __init__(self, lo, hi, mean, scale, dtype, seed=1):
        super().__init__()
        torch.manual_seed(seed)
        widths = [2, 32, 32, 32, 1]
        self.layers = torch.nn.ModuleList()
        for a, b in zip(widths[:-1], widths[1:]):
            lin = torch.nn.Linear(a, b, dtype=dtype)
            torch.nn.init.xavier_normal_(lin.weight)
            torch.nn.init.zeros_(lin.bias)
            self.layers.append(lin)
        self.centre = ((lo + hi) / 2).to(dtype)
        self.inv_half = (2 / (hi - lo)).to(dtype)
        self.mean, self.scale = mean, scale

    def forward(self, p):
        h = (p - self.centre) * self.inv_half
        for i, lin in enumerate(self.layers):
            h = lin(h)
            if i + 1 < len(self.layers):
                h = torch.tanh(h)
        return self.mean + self.scale * h[:, 0]


def bump(delta, h, m, dtype):
    r = torch.arange(-m, m + 1, dtype=torch.float64) * h / delta
    w = torch.where(r.abs() < 1, torch.exp(-1 / (1 - r.clamp(-0.999999, 0.999999) ** 2)), torch.zeros_like(r))
    return (w / w.sum()).to(dtype)


def derivative_kernel(w, order, h):
    """Central differences of the sampled bump, on M + 1 taps each side."""
    p = F.pad(w, (1, 1))
    if order == 0:
        return p
    if order == 1:
        return (F.pad(w, (2, 0)) - F.pad(w, (0, 2))) / (2 * h)
    return (F.pad(w, (2, 0)) - 2 * p + F.pad(w, (0, 2))) / h ** 2


def closure(problem, route, dtype):
    t, x, y = data(problem, dtype)
    lo = torch.tensor([t.min(), x.min()], dtype=torch.float64)
    hi = torch.tensor([t.max(), x.max()], dtype=torch.float64)
    net = Pinn(lo, hi, float(y.mean()), float(y.std()), dtype)
    names = ["D"] if problem == "heat" else ["a", "b"]
    theta = [torch.nn.Parameter(torch.ones((), dtype=dtype)) for _ in names]
    scales = [0.1] if problem == "heat" else [1.0, 0.003]
    sigma2 = float(y.var())
    pts = torch.stack([t, x], 1)
    ta = torch.linspace(float(lo[0]), float(hi[0]), GRID, dtype=torch.float64)
    xa = torch.linspace(float(lo[1]), float(hi[1]), GRID, dtype=torch.float64)
    ht, hx = float(ta[1] - ta[0]), float(xa[1] - xa[0])
    opt = torch.optim.Adam(list(net.parameters()) + theta, lr=LR)

    def residual(u, u_t, u_x, u_xx, flux=None):
        c = [s * th for s, th in zip(scales, theta)]
        if problem == "heat":
            return u_t - c[0] * u_xx
        return u_t + c[0] * (u * u_x if flux is None else flux) - c[1] * u_xx

    if route == "autodiff":
        nodes = torch.stack(torch.meshgrid(ta, xa, indexing="ij"), -1).reshape(-1, 2).to(dtype)

        def loss():
            X = nodes.clone().requires_grad_()
            u = net(X)
            g, = torch.autograd.grad(u.sum(), X, create_graph=True)
            u_t, u_x = g[:, 0], g[:, 1]
            u_xx = torch.autograd.grad(u_x.sum(), X, create_graph=True)[0][:, 1]
            r = residual(u, u_t, u_x, u_xx)
            return ((net(pts) - y) ** 2).mean() / sigma2 + (r ** 2).mean()
    else:
        n_ext = GRID + 2 * HALO
        te = ta[0] + ht * torch.arange(-HALO, GRID + HALO, dtype=torch.float64)
        xe = xa[0] + hx * torch.arange(-HALO, GRID + HALO, dtype=torch.float64)
        ext = torch.stack(torch.meshgrid(te, xe, indexing="ij"), -1).reshape(-1, 2).to(dtype)
        dt_, dx_ = DELTA[problem]
        wt, wx = bump(dt_, ht, TAPS_M, dtype), bump(dx_, hx, TAPS_M, dtype)
        orders = [(0, 0), (1, 0), (0, 2)] if problem == "heat" else [(0, 0), (1, 0), (0, 1), (0, 2)]
        kern = torch.stack([torch.outer(derivative_kernel(wt, a, ht), derivative_kernel(wx, b, hx)) for a, b in orders])
        kern = kern.unsqueeze(1)  # (C, 1, 13, 13)
        kflux = torch.outer(derivative_kernel(wt, 0, ht), derivative_kernel(wx, 1, hx)).reshape(1, 1, 13, 13)
        # bilinear interpolation from the 45 x 45 grid to the points: 4 nodes and weights per point
        ft = ((t.double() - ta[0]) / ht).clamp(0, GRID - 1 - 1e-9)
        fx = ((x.double() - xa[0]) / hx).clamp(0, GRID - 1 - 1e-9)
        it, ix = ft.floor().long(), fx.floor().long()
        at, ax = (ft - it).to(dtype), (fx - ix).to(dtype)
        idx = torch.stack([it * GRID + ix, it * GRID + ix + 1, (it + 1) * GRID + ix, (it + 1) * GRID + ix + 1], 1)
        wts = torch.stack([(1 - at) * (1 - ax), (1 - at) * ax, at * (1 - ax), at * ax], 1)

        def loss():
            g = net(ext).reshape(1, 1, n_ext, n_ext)
            d = F.conv2d(g, kern)[0]  # (C, 45, 45)
            if problem == "heat":
                u, u_t, u_xx = d
                r = residual(u, u_t, None, u_xx)
                fitted = u
            else:
                u, u_t, u_x, u_xx = d
                flux = F.conv2d(0.5 * g * g, kflux)[0, 0]
                r = residual(u, u_t, u_x, u_xx, flux)
                fitted = g[0, 0, HALO:-HALO, HALO:-HALO]
            pred = (fitted.reshape(-1)[idx] * wts).sum(1)
            return ((pred - y) ** 2).mean() / sigma2 + (r ** 2).mean()

    def step():
        opt.zero_grad()
        total = loss()
        total.backward()
        opt.step()
        return total.item()

    return step


def one_workload(name, args):
    parts = name.split("_")
    if name not in WORKLOADS:
        raise SystemExit(f"unknown workload {name}; known: {' '.join(WORKLOADS)}")
    dtype = torch.float64 if parts[3] == "F64" else torch.float32
    return peer_json.run(name, closure(parts[1], parts[2], dtype), args)


def main():
    ap = argparse.ArgumentParser(description="PyTorch CPU peer of PinnStepBenchmark")
    peer_json.add_arguments(ap, min_time_default=1.0)
    args = ap.parse_args()
    if peer_json.list_or_one(args, WORKLOADS, one_workload):
        return
    print(f"torch {torch.__version__}, threads {torch.get_num_threads()}")
    print("one training step (median ms): problem route dtype")
    for name in WORKLOADS:
        step = closure(*name.split("_")[1:3], torch.float64 if name.endswith("F64") else torch.float32)
        ms = peer_json.median_time(step, args.min_time) * 1e3
        print(f"  {name:28s} {ms:9.2f}", flush=True)


if __name__ == "__main__":
    main()
