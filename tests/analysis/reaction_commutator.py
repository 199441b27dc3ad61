#!/usr/bin/env python3
"""Why the trained route of u_t = D*u_xx + k(x)*u*(1-u) moves D with the sixth-order stencils (docs/math.md, "Widths").

On the true field u (the fisher-field data of the generalisation matrix, clean), mollified by the sampled bump W at
the trained rung, solves least squares for D and the node values of k(x) with the reaction term written two ways:
on the mollified field, k*û*(1-û) (what the route evaluates), and tested against the kernel, W*(k*u*(1-u)). Each with
the three-point and the sixth-order central stencils applied to û. Prints D's relative error in per cent.

Usage: python3 tests/analysis/reaction_commutator.py DIR/fisher-field-ci.csv
       (GeneralisationMatrix size=ci problems=fisher-field samplings=full noise=0 seeds=1 out=DIR writes it)
"""
import sys

import numpy as np

d = np.genfromtxt(sys.argv[1], delimiter=",", names=True)
nt, nx = 51, 64
u = d["u"].reshape(nt, nx)
k = d["k_true"].reshape(nt, nx)[0]
ht, hx, D_TRUE = 3 / 50, 2 / 64, 0.01


def bump(n):
    """η(r) = exp(-1/(1-r²)) sampled at r = j/n, |j| ≤ n, normalised to sum 1."""
    r = np.arange(-n, n + 1) / n
    w = np.where(np.abs(r) < 1, np.exp(-1 / np.maximum(1 - r**2, 1e-300)), 0)
    return w / w.sum()


def conv(a, ker, axis):
    """Centred correlation along axis, wrapping (x is periodic; t edges are cut off below)."""
    m = len(ker) // 2
    return sum(c * np.roll(a, -(j - m), axis) for j, c in enumerate(ker))


def mollify(a, w):
    return conv(conv(a, w, 0), w, 1)


FIRST = {"three-point": [-0.5, 0, 0.5], "sixth-order": [-1 / 60, 3 / 20, -3 / 4, 0, 3 / 4, -3 / 20, 1 / 60]}
SECOND = {"three-point": [1, -2, 1], "sixth-order": [1 / 90, -3 / 20, 3 / 2, -49 / 18, 3 / 2, -3 / 20, 1 / 90]}

for taps in (2, 3):
    w = bump(taps)
    uh = mollify(u, w)
    keep = slice(taps + 3, nt - taps - 3)  # rows whose kernel and stencil stay inside the time range
    rows = nt - 2 * (taps + 3)
    for name in FIRST:
        ut = conv(uh, np.array(FIRST[name]), 0) / ht
        uxx = conv(uh, np.array(SECOND[name]), 1) / hx**2
        for form in ("k*û(1-û)", "W*(k u(1-u))"):
            a = np.zeros((rows * nx, 1 + nx))
            a[:, 0] = uxx[keep].ravel()
            for j in range(nx):
                if form == "k*û(1-û)":
                    col = np.zeros_like(u)
                    col[:, j] = (uh * (1 - uh))[:, j]
                else:
                    g = np.zeros_like(u)
                    g[:, j] = (u * (1 - u))[:, j]
                    col = mollify(g, w)
                a[:, 1 + j] = col[keep].ravel()
            sol = np.linalg.lstsq(a, ut[keep].ravel(), rcond=None)[0]
            print(f"δ = {taps} spacings  {name:11s}  {form:13s}  D {100 * (sol[0] / D_TRUE - 1):+.3f} %  "
                  f"k rms error {np.sqrt(np.mean((sol[1:] - k) ** 2)):.4f}")
