#!/usr/bin/env python3
"""Independent test data for `mollify fit`.

Every data set here is made with numpy/scipy only (no code from the mollify
project): exact solutions where they exist, otherwise pseudo-spectral solvers
(ETDRK4 or scipy's solve_ivp at tight tolerances) on a grid finer than the one
written out.

Each solution is checked two ways and the numbers are printed:
  * a finite-difference residual of the PDE (4th-order stencils built with
    Fornberg's method, independent of the solver), compared with the size of
    the PDE's terms;
  * for the numerical solvers, a re-run at a finer resolution / smaller step,
    compared at the written points.

Usage:  python3 gen.py            (writes data/*.csv next to this script)
        python3 gen.py kdv ks     (only some of them)
"""
import os
import sys
import time

import numpy as np
from scipy.fft import rfft, irfft, dct, idct
from scipy.integrate import solve_ivp

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "data")


# ----------------------------------------------------------------------------
# Small helpers: CSV writer, finite-difference weights, residual report
# ----------------------------------------------------------------------------

def write_csv(name, comments, truth, x, t, fields):
    """Writes data/NAME: comment lines, '# truth.K = V' lines, a header and rows.

    x (nx,), t (nt,) are the coordinates; fields is a dict name -> array of
    shape (nt, nx).  Rows are ordered t-major (all x at t[0], then t[1], ...).
    """
    T, X = np.meshgrid(t, x, indexing="ij")          # both (nt, nx)
    columns = {"x": X.ravel(), "t": T.ravel()}
    columns.update((k, f.ravel()) for k, f in fields.items())
    path, rows = write_table(name, comments, truth, columns)
    print("  wrote %s  (%d rows; %d x, %d t)" % (path, rows, len(x), len(t)))


def write_points(name, comments, truth, columns):
    """Writes data/NAME as write_csv does, one row per point; columns is a dict name -> array."""
    path, rows = write_table(name, comments, truth, columns)
    print("  wrote %s  (%d rows, scattered)" % (path, rows))


def write_table(name, comments, truth, columns):
    """Writes the comment and truth lines, the header and one row per entry of columns; returns (path, rows)."""
    os.makedirs(OUT, exist_ok=True)
    path = os.path.join(OUT, name)
    table = np.column_stack(list(columns.values()))
    with open(path, "w") as fh:
        for c in comments:
            fh.write("# " + c + "\n")
        for k, v in truth.items():
            fh.write("# truth.%s = %r\n" % (k, float(v)))
        fh.write(",".join(columns) + "\n")
        np.savetxt(fh, table, delimiter=",", fmt="%.17g")
    return path, table.shape[0]


def fd_weights(z, xs, m):
    """Fornberg (1988): weights for the m-th derivative at z from nodes xs."""
    n = len(xs)
    c = np.zeros((n, m + 1))
    c1, c4 = 1.0, xs[0] - z
    c[0, 0] = 1.0
    for i in range(1, n):
        mn = min(i, m)
        c2, c5, c4 = 1.0, c4, xs[i] - z
        for j in range(i):
            c3 = xs[i] - xs[j]
            c2 *= c3
            if j == i - 1:
                for k in range(mn, 0, -1):
                    c[i, k] = c1 * (k * c[i - 1, k - 1] - c5 * c[i - 1, k]) / c2
                c[i, 0] = -c1 * c5 * c[i - 1, 0] / c2
            for k in range(mn, 0, -1):
                c[j, k] = (c4 * c[j, k] - k * c[j, k - 1]) / c3
            c[j, 0] = c4 * c[j, 0] / c3
        c1 = c2
    return c[:, m]


def dcentral(u, h, m, axis, periodic):
    """m-th derivative by a 4th-order central stencil along `axis`.

    periodic: wrap around; otherwise the first/last few entries are NaN
    (they are left out of the residual statistics).
    """
    half = (m + 1) // 2 + 1                 # 4th order: 2 + 2*half - 1 >= m + 4 nodes
    offs = np.arange(-half, half + 1)
    w = fd_weights(0.0, offs.astype(float), m) / h ** m
    out = np.zeros_like(u, dtype=float)
    for o, wo in zip(offs, w):
        out += wo * np.roll(u, -o, axis=axis)
    if not periodic:
        idx = [slice(None)] * u.ndim
        idx[axis] = slice(0, half)
        out[tuple(idx)] = np.nan
        idx[axis] = slice(u.shape[axis] - half, None)
        out[tuple(idx)] = np.nan
    return out


def report_residual(label, residual, terms):
    """Prints max|R| and rms(R) against the largest term (NaNs ignored)."""
    ok = np.isfinite(residual)
    for v in terms.values():
        ok &= np.isfinite(v)
    scale = max(np.max(np.abs(v[ok])) for v in terms.values())
    rms_scale = max(np.sqrt(np.mean(v[ok] ** 2)) for v in terms.values())
    r = residual[ok]
    sizes = ", ".join("%s %.3g" % (k, np.sqrt(np.mean(v[ok] ** 2))) for k, v in terms.items())
    print("  residual check [%s]: max|R| = %.3e (%.2e of max term %.3g), "
          "rms R = %.3e (%.2e of largest rms term)" %
          (label, np.max(np.abs(r)), np.max(np.abs(r)) / scale, scale,
           np.sqrt(np.mean(r ** 2)), np.sqrt(np.mean(r ** 2)) / rms_scale))
    print("    rms of each term: " + sizes)
    return np.max(np.abs(r)) / scale


# ----------------------------------------------------------------------------
# ETDRK4 (Kassam & Trefethen 2005) for u_t = L u + N(u), L diagonal in Fourier
# ----------------------------------------------------------------------------

def etdrk4_coefficients(L, h, M=64):
    """The ETDRK4 scalar functions of h*L by a contour integral (complex mean)."""
    E = np.exp(h * L)
    E2 = np.exp(h * L / 2)
    # M points on the whole unit circle around each h*L (Kassam-Trefethen use
    # the upper half only, which is valid for real L; KdV's L is imaginary).
    r = np.exp(2j * np.pi * (np.arange(1, M + 1) - 0.5) / M)
    LR = h * L[:, None] + r[None, :]
    Q = h * np.mean((np.exp(LR / 2) - 1) / LR, axis=1)
    f1 = h * np.mean((-4 - LR + np.exp(LR) * (4 - 3 * LR + LR ** 2)) / LR ** 3, axis=1)
    f2 = h * np.mean((2 + LR + np.exp(LR) * (-2 + LR)) / LR ** 3, axis=1)
    f3 = h * np.mean((-4 - 3 * LR - LR ** 2 + np.exp(LR) * (4 - LR)) / LR ** 3, axis=1)
    if np.isrealobj(L):
        Q, f1, f2, f3 = Q.real, f1.real, f2.real, f3.real
    return E, E2, Q, f1, f2, f3


def etdrk4(v0, L, Nfun, h, t_out):
    """Integrates v_t = L v + N(v) (v = Fourier coefficients), returns v at t_out.

    t_out must start at 0 and be a multiple of h apart.
    """
    E, E2, Q, f1, f2, f3 = etdrk4_coefficients(L, h)
    v = v0.copy()
    out = [v.copy()]
    steps_between = np.rint(np.diff(t_out) / h).astype(int)
    assert np.allclose(steps_between * h, np.diff(t_out), rtol=0, atol=1e-9 * max(1, t_out[-1]))
    for n in steps_between:
        for _ in range(n):
            Nv = Nfun(v)
            a = E2 * v + Q * Nv
            Na = Nfun(a)
            b = E2 * v + Q * Na
            Nb = Nfun(b)
            c = E2 * a + Q * (2 * Nb - Nv)
            Nc = Nfun(c)
            v = E * v + Nv * f1 + 2 * (Na + Nb) * f2 + Nc * f3
        out.append(v.copy())
    return np.array(out)


# ----------------------------------------------------------------------------
# 1. Burgers: exact Cole-Hopf solution by Gauss-Hermite quadrature
# ----------------------------------------------------------------------------

BURGERS_NU = 0.01 / np.pi


def burgers_exact(x, t, nu=BURGERS_NU, nq=300):
    """u(x,t) for u_t + u u_x = nu u_xx, u(x,0) = -sin(pi x) (Basdevant et al. 1986).

        u = -∫ sin(pi(x-η)) f(x-η) exp(-η²/4νt) dη / ∫ f(x-η) exp(-η²/4νt) dη,
        f(y) = exp(-cos(pi y) / (2 pi ν)).

    With η = sqrt(4νt) z both integrals are Gauss-Hermite integrals in z.  The
    weights times f span ~e^100, so the sums are done in log space (the
    largest exponent is subtracted before exponentiating).
    x and t are arrays of the same shape (t > 0).
    """
    z, w = np.polynomial.hermite.hermgauss(nq)
    x = np.asarray(x, float)[..., None]
    t = np.asarray(t, float)[..., None]
    y = x - np.sqrt(4 * nu * t) * z                   # x - η at the nodes
    logw = np.log(w) - np.cos(np.pi * y) / (2 * np.pi * nu)
    logw -= logw.max(axis=-1, keepdims=True)
    ww = np.exp(logw)
    return -np.sum(ww * np.sin(np.pi * y), axis=-1) / np.sum(ww, axis=-1)


def burgers_trapezoid(x, t, nu=BURGERS_NU, n=20001):
    """The same integrals by the trapezoidal rule in η over ±12 sqrt(4νt) (cross-check)."""
    s = np.sqrt(4 * nu * t)
    eta = np.linspace(-12 * s, 12 * s, n)
    y = x - eta
    logw = -eta ** 2 / (4 * nu * t) - np.cos(np.pi * y) / (2 * np.pi * nu)
    ww = np.exp(logw - logw.max())
    return -np.sum(ww * np.sin(np.pi * y)) / np.sum(ww)


def make_burgers():
    print("burgers: u_t + u u_x = nu u_xx, nu = 0.01/pi (exact, Cole-Hopf)")
    x = np.linspace(-1, 1, 256)
    t = np.linspace(0, 1, 100)
    T, X = np.meshgrid(t, x, indexing="ij")
    u = np.empty_like(X)
    u[0] = -np.sin(np.pi * x)                         # t = 0: the initial condition
    u[1:] = burgers_exact(X[1:], T[1:])
    u[:, [0, -1]] = 0.0                               # exact Dirichlet values (sin(pi) = 1e-16 otherwise)

    # Cross-check 1: Gauss-Hermite vs a plain trapezoid rule at a few points
    # (including next to the shock at x = 0).
    pts = [(0.004, 1.0), (-0.01, 0.5), (0.3, 0.3), (0.0078, 0.8), (0.9, 0.05)]
    diff = max(abs(burgers_exact(np.array(xx), np.array(tt)) - burgers_trapezoid(xx, tt)) for xx, tt in pts)
    print("  Gauss-Hermite (300 nodes) vs trapezoid (20001 nodes): max |diff| = %.2e" % diff)
    # Cross-check 2: the ends are zero (Dirichlet).
    ends = burgers_exact(np.concatenate([-np.ones(99), np.ones(99)]), np.concatenate([t[1:], t[1:]]))
    print("  the formula at the ends (written as exact 0): max |u(±1,t)| = %.2e" % np.max(np.abs(ends)))

    # Cross-check 3: the published reference value (Basdevant et al. 1986,
    # Computers & Fluids 14:23): the steepest slope at x = 0 is
    # |u_x| = 152.00516 at t = 1.6037/pi.
    from scipy.optimize import minimize_scalar
    hh = 1e-5

    def slope0(tt):                                   # u_x(0, t), 4th-order central difference
        xs = np.array([-2 * hh, -hh, hh, 2 * hh])
        uu = burgers_exact(xs, np.full(4, tt))
        return (uu[0] - 8 * uu[1] + 8 * uu[2] - uu[3]) / (12 * hh)

    best = minimize_scalar(lambda tt: slope0(tt), bounds=(0.45, 0.56), method="bounded",
                           options={"xatol": 1e-10})
    print("  max |u_x(0,t)| = %.5f at t*pi = %.4f (published: 152.00516 at 1.6037)"
          % (-best.fun, best.x * np.pi))

    # Residual check at every written point with t > 0 and |x| < 1: the exact
    # formula evaluated on a small 5x5 cross stencil (h = 2e-4 in x, k = 1e-4
    # in t, 4th order) because the shock (width ~ nu) is thinner than the
    # output spacing.
    h, k = 2e-4, 1e-4
    offs = np.array([-2, -1, 0, 1, 2], float)
    w1, w2 = fd_weights(0, offs, 1), fd_weights(0, offs, 2)
    Xi, Ti = X[1:, 1:-1], T[1:, 1:-1]
    Ti_safe = np.minimum(Ti, 1 - 2 * k)                # keep the stencil inside (0, 1]
    ux = sum(wi * burgers_exact(Xi + o * h, Ti_safe) for o, wi in zip(offs, w1)) / h
    uxx = sum(wi * burgers_exact(Xi + o * h, Ti_safe) for o, wi in zip(offs, w2)) / h ** 2
    ut = sum(wi * burgers_exact(Xi, Ti_safe + o * k) for o, wi in zip(offs, w1)) / k
    uc = burgers_exact(Xi, Ti_safe)
    res = ut + uc * ux - BURGERS_NU * uxx
    report_residual("exact formula, 5-point stencils h=2e-4, k=1e-4", res,
                    {"u_t": ut, "u*u_x": uc * ux, "nu*u_xx": BURGERS_NU * uxx})
    print("  max |u_x| = %.3g (shock at x = 0)" % np.max(np.abs(ux)))

    write_csv("burgers.csv",
              ["Burgers u_t + u*u_x = nu*u_xx, nu = 0.01/pi, u(x,0) = -sin(pi x), u(+-1,t) = 0",
               "exact Cole-Hopf solution, Gauss-Hermite quadrature (300 nodes); made by extdata/gen.py",
               "as the tool sees it: u_t + a*u*u_x - b*u_xx = 0"],
              {"a": 1.0, "b": BURGERS_NU}, x, t, {"u": u})


# ----------------------------------------------------------------------------
# 2. Heat equation in millimetres: exact sine series
# ----------------------------------------------------------------------------

def make_heat_mm():
    print("heat_mm: u_t = D u_xx on [0, 1000] mm, D = 1e5 (exact, two sine modes)")
    Lx, D = 1000.0, 1e5
    x = np.linspace(0, Lx, 128)
    t = np.linspace(0, 2, 41)

    def exact(X, T):
        # u(x,0) = sin(pi x/L) + 0.5 sin(2 pi x/L): not symmetric about x = L/2.
        k1, k2 = np.pi / Lx, 2 * np.pi / Lx
        return (np.exp(-D * k1 ** 2 * T) * np.sin(k1 * X)
                + 0.5 * np.exp(-D * k2 ** 2 * T) * np.sin(k2 * X))

    T, X = np.meshgrid(t, x, indexing="ij")
    u = exact(X, T)
    u[:, [0, -1]] = 0.0                               # exact Dirichlet values (sin(pi) = 1e-16 otherwise)
    print("  decay rates D k^2: mode 1 %.3f, mode 2 %.3f per unit time; u range [%.3g, %.3g]"
          % (D * (np.pi / Lx) ** 2, D * (2 * np.pi / Lx) ** 2, u.min(), u.max()))

    # Residual on the written grid itself (4th-order FD in x and t, interior).
    dx, dt = x[1] - x[0], t[1] - t[0]
    ut = dcentral(u, dt, 1, axis=0, periodic=False)
    uxx = dcentral(u, dx, 2, axis=1, periodic=False)
    report_residual("output grid, 4th-order FD", ut - D * uxx, {"u_t": ut, "D*u_xx": D * uxx})

    write_csv("heat_mm.csv",
              ["heat equation u_t = D*u_xx, x in millimetres [0, 1000], D = 1e5 mm^2 per unit time",
               "u(x,0) = sin(pi x/1000) + 0.5 sin(2 pi x/1000), u = 0 at both ends; exact sine series",
               "made by extdata/gen.py"],
              {"D": D}, x, t, {"u": u})


# ----------------------------------------------------------------------------
# Zero-flux (Neumann) pseudo-spectral derivative: DCT-I on x_j = j L/(n-1)
# ----------------------------------------------------------------------------

def neumann_laplacian(n, Lx):
    """Returns a function u -> u_xx for u on linspace(0, Lx, n), u_x = 0 at the ends.

    The even extension of u is periodic, so a cosine series (DCT type I)
    differentiates it spectrally.
    """
    k = np.pi * np.arange(n) / Lx

    def lap(u):
        return idct(-(k ** 2) * dct(u, type=1), type=1)

    return lap


# ----------------------------------------------------------------------------
# 3. Fisher-KPP in micrometres and hours (scratch-assay-like)
# ----------------------------------------------------------------------------

FISHER = dict(D=1000.0, r=0.05, K=2e-3)


def fisher_solve(refine, rtol):
    """Solves on linspace(0, 1900, 37*refine+1) with cosine-spectral u_xx and DOP853.

    Returns x_fine, the solve_ivp solution (dense output on) and the output
    grid (every `refine`-th fine point = the 38 written positions).
    """
    D, r, K = FISHER["D"], FISHER["r"], FISHER["K"]
    Lx = 1900.0
    n = 37 * refine + 1
    x = np.linspace(0, Lx, n)
    lap = neumann_laplacian(n, Lx)
    # Initial condition: cells on the left half at ~K/2, a smooth (100 µm) edge at 950 µm.
    u0 = 0.5 * K * 0.5 * (1 - np.tanh((x - 950.0) / 100.0))

    def rhs(_, u):
        return D * lap(u) + r * u * (1 - u / K)

    sol = solve_ivp(rhs, (0, 48), u0, method="DOP853", rtol=rtol, atol=rtol * K,
                    dense_output=True)
    assert sol.success, sol.message
    return x, sol


def make_fisher():
    print("fisher_um: u_t = D u_xx + r u (1 - u/K), D = 1000 µm²/h, r = 0.05/h, K = 2e-3 cells/µm²")
    D, r, K = FISHER["D"], FISHER["r"], FISHER["K"]
    t = np.array([0.0, 12.0, 24.0, 36.0, 48.0])
    t0 = time.time()
    xf, sol = fisher_solve(refine=8, rtol=1e-11)
    x = xf[::8]
    u = sol.sol(t).T[:, ::8]                          # (5, 38)
    print("  solved on %d points, %d RHS evaluations, %.1f s" % (len(xf), sol.nfev, time.time() - t0))

    # Check 1: a finer grid (16x) and tighter tolerance at the written points.
    xf2, sol2 = fisher_solve(refine=16, rtol=1e-12)
    u2 = sol2.sol(t).T[:, ::16]
    print("  re-solve on %d points, rtol 1e-12: max |diff| at written points = %.2e (K = %g)"
          % (len(xf2), np.max(np.abs(u2 - u)), K))

    # Check 2: FD residual on the fine grid at 481 times (the written grid,
    # 5 times x 38 positions, is far too coarse for finite differences).
    tf = np.linspace(0, 48, 481)
    uf = sol.sol(tf).T
    ut = dcentral(uf, tf[1] - tf[0], 1, axis=0, periodic=False)
    uxx = dcentral(uf, xf[1] - xf[0], 2, axis=1, periodic=False)
    react = r * uf * (1 - uf / K)
    report_residual("fine grid 297 x 481, 4th-order FD", ut - D * uxx - react,
                    {"u_t": ut, "D*u_xx": D * uxx, "r*u*(1-u/K)": react})
    # The front: where u crosses K/4, and the growth of the total.
    for j, tj in enumerate(t):
        front = x[np.argmax(u[j] < K / 4)] if np.any(u[j] < K / 4) else np.nan
        print("    t = %4.0f h: u in [%.3e, %.3e], first x with u < K/4: %6.0f µm" %
              (tj, u[j].min(), u[j].max(), front))

    write_csv("fisher_um.csv",
              ["Fisher-KPP u_t = D*u_xx + r*u*(1 - u/K); x in micrometres, t in hours, u in cells/µm²",
               "D = 1000 µm²/h, r = 0.05 /h, K = 2e-3 cells/µm²; zero flux at x = 0 and 1900",
               "u(x,0) = (K/2) * (1 - tanh((x - 950)/100))/2; cosine pseudo-spectral (297 points) + solve_ivp DOP853 rtol 1e-11",
               "made by extdata/gen.py"],
              {"D": D, "r": r, "K": K}, x, t, {"u": u})


# ----------------------------------------------------------------------------
# 4. KdV (Zabusky-Kruskal-like), periodic, ETDRK4
# ----------------------------------------------------------------------------

def kdv_solve(n, h, a, b, t_out):
    """u_t + a u u_x + b u_xxx = 0 on [-1, 1) periodic, u0 = cos(pi x); returns u (nt, n)."""
    x = -1 + 2 * np.arange(n) / n
    k = np.pi * np.fft.rfftfreq(n, d=1.0 / n)         # wavenumbers 2 pi m / 2
    L = 1j * b * k ** 3                               # -b (ik)^3 = i b k^3
    dealias = np.abs(np.arange(len(k))) < (2.0 / 3.0) * (n / 2)

    def N(v):
        u = irfft(v, n)
        return -0.5j * a * k * rfft(u * u) * dealias  # -a u u_x = -(a/2) (u^2)_x

    v = etdrk4(rfft(np.cos(np.pi * x)), L, N, h, t_out)
    return x, irfft(v, n, axis=1), v


def make_kdv():
    a, b = 1.0, 0.0025
    print("kdv: u_t + a u u_x + b u_xxx = 0, a = 1, b = 0.0025, u0 = cos(pi x), periodic (ETDRK4)")
    t = np.linspace(0, 1, 201)
    t0 = time.time()
    xf, uf, vf = kdv_solve(512, 1e-4, a, b, t)
    x, u = xf[::2], uf[:, ::2]
    print("  solved with 512 modes, h = 1e-4: %.1f s" % (time.time() - t0))
    tail = np.max(np.abs(vf[:, 150:])) / np.max(np.abs(vf))
    print("  spectrum: max |u_hat| beyond mode 150 / max |u_hat| = %.1e" % tail)

    # Check 1: twice the modes and half the step.
    _, uf2, _ = kdv_solve(1024, 5e-5, a, b, t)
    print("  re-solve with 1024 modes, h = 5e-5: max |diff| at written points = %.2e (max |u| = %.2f)"
          % (np.max(np.abs(uf2[:, ::4] - u)), np.max(np.abs(u))))
    # Check 2: invariants (mass and momentum are conserved by KdV).
    dx = x[1] - x[0]
    print("  mass ∫u drift %.1e, ∫u² drift %.1e" %
          (np.ptp(u.sum(1) * dx), np.ptp((u ** 2).sum(1) * dx)))
    # Check 3: FD residual on the written grid (periodic in x, interior in t).
    ut = dcentral(u, t[1] - t[0], 1, axis=0, periodic=False)
    ux = dcentral(u, dx, 1, axis=1, periodic=True)
    uxxx = dcentral(u, dx, 3, axis=1, periodic=True)
    report_residual("output grid 256 x 201, 4th-order FD", ut + a * u * ux + b * uxxx,
                    {"u_t": ut, "a*u*u_x": a * u * ux, "b*u_xxx": b * uxxx})

    write_csv("kdv.csv",
              ["KdV u_t + a*u*u_x + b*u_xxx = 0, a = 1, b = 0.0025, u(x,0) = cos(pi x), x in [-1,1) periodic",
               "Fourier pseudo-spectral (512 modes, 2/3 dealiasing) + ETDRK4 (h = 1e-4), every 2nd point written",
               "made by extdata/gen.py"],
              {"a": a, "b": b}, x, t, {"u": u})

    # 2,000 points off any grid in x, each on one of the 201 times: the 512-mode
    # Fourier series summed at the point (exact for the solved field).
    rng = np.random.default_rng(7)
    ti = rng.integers(0, len(t), 2000)
    xs = rng.uniform(-1, 1, 2000)
    m = np.arange(vf.shape[1])
    weight = np.where((m == 0) | (m == 256), 1.0, 2.0) / 512   # irfft of 512 points
    up = (weight * vf[ti] * np.exp(1j * np.pi * m * (xs[:, None] + 1))).real.sum(1)
    on_grid = (weight * vf[0] * np.exp(1j * np.pi * m * (xf[:, None] + 1))).real.sum(1)
    print("  points: the series at the grid's x = the solution within %.1e" % np.max(np.abs(on_grid - uf[0])))
    write_points("kdv_points.csv",
                 ["KdV as kdv.csv, at 2,000 random x in [-1,1) on random ones of its 201 times",
                  "u summed from the 512-mode Fourier series of the solution; made by extdata/gen.py"],
                 {"a": a, "b": b}, {"x": xs, "t": t[ti], "u": up})


# ----------------------------------------------------------------------------
# 5. Kuramoto-Sivashinsky, periodic, ETDRK4 (Kassam & Trefethen)
# ----------------------------------------------------------------------------

def ks_solve(n, h, t_out):
    """u_t + u u_x + u_xx + u_xxxx = 0 on [0, 32 pi) periodic, Kassam-Trefethen IC."""
    x = 32 * np.pi * np.arange(n) / n
    k = np.fft.rfftfreq(n, d=1.0 / n) / 16.0          # 2 pi m / (32 pi)
    L = k ** 2 - k ** 4
    dealias = np.arange(len(k)) < (2.0 / 3.0) * (n / 2)

    def N(v):
        u = irfft(v, n)
        return -0.5j * k * rfft(u * u) * dealias

    u0 = np.cos(x / 16) * (1 + np.sin(x / 16))
    v = etdrk4(rfft(u0), L, N, h, t_out)
    return x, irfft(v, n, axis=1), v


def make_ks():
    print("ks: u_t + u u_x + u_xx + u_xxxx = 0 on [0, 32 pi) periodic (ETDRK4)")
    t = np.linspace(0, 40, 101)
    t0 = time.time()
    xf, uf, vf = ks_solve(512, 0.01, t)
    x, u = xf[::2], uf[:, ::2]
    print("  solved with 512 modes, h = 0.01: %.1f s" % (time.time() - t0))
    tail = np.max(np.abs(vf[:, 150:])) / np.max(np.abs(vf))
    print("  spectrum: max |u_hat| beyond mode 150 / max |u_hat| = %.1e" % tail)
    _, uf2, _ = ks_solve(1024, 0.005, t)
    print("  re-solve with 1024 modes, h = 0.005: max |diff| at written points = %.2e (max |u| = %.2f)"
          % (np.max(np.abs(uf2[:, ::4] - u)), np.max(np.abs(u))))

    # FD residual on the written grid.  The written time step (0.4) is too
    # coarse for an FD u_t, so u_t here comes from an extra solve written every
    # 0.01 around each sample: u_t by a 4th-order stencil at t_j.
    dx = x[1] - x[0]
    ux = dcentral(u, dx, 1, axis=1, periodic=True)
    uxx = dcentral(u, dx, 2, axis=1, periodic=True)
    uxxxx = dcentral(u, dx, 4, axis=1, periodic=True)
    tt = np.arange(0, 40 + 1e-9, 0.01)
    _, ufine, _ = ks_solve(512, 0.01, tt)
    ufine = ufine[:, ::2]
    ut_all = dcentral(ufine, 0.01, 1, axis=0, periodic=False)
    ut = ut_all[np.rint(t / 0.01).astype(int)]
    report_residual("output grid 256 x 101 (u_t from 0.01-spaced samples), 4th-order FD",
                    ut + u * ux + uxx + uxxxx,
                    {"u_t": ut, "u*u_x": u * ux, "u_xx": uxx, "u_xxxx": uxxxx})
    # The same on the 512-point solver grid: the FD truncation error should
    # fall ~16x (4th order), showing the residual above is the stencil's, not
    # the data's.
    dxf = xf[1] - xf[0]
    ut_f = dcentral(ks_solve(512, 0.01, tt)[1], 0.01, 1, axis=0, periodic=False)[np.rint(t / 0.01).astype(int)]
    report_residual("solver grid 512 x 101, 4th-order FD",
                    ut_f + uf * dcentral(uf, dxf, 1, 1, True) + dcentral(uf, dxf, 2, 1, True) + dcentral(uf, dxf, 4, 1, True),
                    {"u_t": ut_f, "u_xxxx": dcentral(uf, dxf, 4, 1, True)})
    # How fast the pattern changes: rms u_t per time (small u_t = nearly steady).
    print("    rms u_t at t = 0.8, 10, 20, 30, 39.2: " +
          ", ".join("%.3g" % np.sqrt(np.mean(ut[j] ** 2)) for j in (2, 25, 50, 75, 98)))

    write_csv("ks.csv",
              ["Kuramoto-Sivashinsky u_t + a*u*u_x + b*u_xx + c*u_xxxx = 0, a = b = c = 1, x in [0, 32 pi) periodic",
               "u(x,0) = cos(x/16) (1 + sin(x/16)); Fourier pseudo-spectral (512 modes) + ETDRK4 (h = 0.01)",
               "made by extdata/gen.py"],
              {"a": 1.0, "b": 1.0, "c": 1.0}, x, t, {"u": u})


# ----------------------------------------------------------------------------
# 6. Two-field reaction-diffusion (Gray-Scott-like), zero flux
# ----------------------------------------------------------------------------

GS = dict(D=0.02, E=0.01, k=1.5, m=0.1)


def gs_solve(refine, rtol, t_out):
    """u_t = D u_xx - k u v², v_t = E v_xx + k u v² - m v on linspace(0, 1, 127*refine+1)."""
    D, E, kk, m = GS["D"], GS["E"], GS["k"], GS["m"]
    n = 127 * refine + 1
    x = np.linspace(0, 1, n)
    lap = neumann_laplacian(n, 1.0)
    g = np.exp(-((x - 0.5) / 0.1) ** 2)
    y0 = np.concatenate([1 - 0.5 * g, 0.25 + 0.5 * g])

    def rhs(_, y):
        u, v = y[:n], y[n:]
        uvv = kk * u * v * v
        return np.concatenate([D * lap(u) - uvv, E * lap(v) + uvv - m * v])

    # The diffusion of the finest cosine modes is stiff (D k² ~ 1e4): LSODA
    # switches to its implicit (BDF) method when it detects stiffness.
    sol = solve_ivp(rhs, (0, t_out[-1]), y0, method="LSODA", t_eval=t_out, rtol=rtol, atol=rtol)
    assert sol.success, sol.message
    return x, sol.y[:n].T, sol.y[n:].T


def make_grayscott():
    D, E, kk, m = GS["D"], GS["E"], GS["k"], GS["m"]
    print("grayscott: u_t = D u_xx - k u v^2, v_t = E v_xx + k u v^2 - m v (D=0.02, E=0.01, k=1.5, m=0.1)")
    t = np.linspace(0, 5, 51)
    t0 = time.time()
    xf, uf, vf = gs_solve(2, 1e-11, t)
    x, u, v = xf[::2], uf[:, ::2], vf[:, ::2]
    print("  solved on %d points: %.1f s" % (len(xf), time.time() - t0))
    xf2, uf2, vf2 = gs_solve(4, 1e-12, t)
    print("  re-solve on %d points, rtol 1e-12: max |diff| u %.2e, v %.2e"
          % (len(xf2), np.max(np.abs(uf2[:, ::4] - u)), np.max(np.abs(vf2[:, ::4] - v))))
    print("  u range [%.3f, %.3f], v range [%.3f, %.3f]; u at x=0.5: %s" %
          (u.min(), u.max(), v.min(), v.max(), np.round(u[::10, 64], 3)))

    # FD residual on a fine time grid (dt = 0.01) and the written x grid.
    tt = np.linspace(0, 5, 501)
    _, ufa, vfa = gs_solve(2, 1e-11, tt)
    ufa, vfa = ufa[:, ::2], vfa[:, ::2]
    dx, dt = x[1] - x[0], tt[1] - tt[0]
    for name, w, Dw, src in (("u", ufa, D, -kk * ufa * vfa ** 2),
                             ("v", vfa, E, kk * ufa * vfa ** 2 - m * vfa)):
        wt = dcentral(w, dt, 1, axis=0, periodic=False)
        wxx = dcentral(w, dx, 2, axis=1, periodic=False)
        terms = {name + "_t": wt, "diffusion": Dw * wxx}
        if name == "u":
            terms["k*u*v^2"] = kk * ufa * vfa ** 2
        else:
            terms["k*u*v^2"] = kk * ufa * vfa ** 2
            terms["m*v"] = m * vfa
        report_residual("%s equation, 128 x 501 grid, 4th-order FD" % name, wt - Dw * wxx - src, terms)

    write_csv("grayscott.csv",
              ["u_t = D*u_xx - k*u*v^2;  v_t = E*v_xx + k*u*v^2 - m*v on [0,1], zero flux",
               "D = 0.02, E = 0.01, k = 1.5, m = 0.1; u0 = 1 - 0.5 g, v0 = 0.25 + 0.5 g, g = exp(-((x-0.5)/0.1)^2)",
               "cosine pseudo-spectral (255 points) + solve_ivp LSODA rtol 1e-11; made by extdata/gen.py"],
              GS, x, t, {"u": u, "v": v})


# ----------------------------------------------------------------------------
# 7. Advection-diffusion, periodic: exact Fourier series
# ----------------------------------------------------------------------------

ADVDIFF_MODES = [(1, 0.0, 1.0), (2, 0.5, 0.0), (3, 0.3 * np.sin(1.0), 0.3 * np.cos(1.0)), (5, 0.2, 0.0), (7, 0.0, 0.1)]


def advdiff_exact(x, t, c, D):
    """u_t + c u_x = D u_xx on [0, 2 pi): each mode (k, a, b) decays as exp(-D k^2 t) and moves with c."""
    xi = x[None, :] - c * t[:, None]
    return sum(np.exp(-D * k * k * t[:, None]) * (a * np.cos(k * xi) + b * np.sin(k * xi))
               for k, a, b in ADVDIFF_MODES)


def make_advdiff():
    c, D = 0.8, 0.05
    print("advdiff: u_t + c u_x = D u_xx, c = 0.8, D = 0.05, modes 1, 2, 3, 5, 7, periodic (exact)")
    x = 2 * np.pi * np.arange(128) / 128
    t = np.linspace(0, 3, 40)
    u = advdiff_exact(x, t, c, D)
    ut = dcentral(u, t[1] - t[0], 1, axis=0, periodic=False)
    ux = dcentral(u, x[1] - x[0], 1, axis=1, periodic=True)
    uxx = dcentral(u, x[1] - x[0], 2, axis=1, periodic=True)
    report_residual("output grid 128 x 40, 4th-order FD", ut + c * ux - D * uxx,
                    {"u_t": ut, "c*u_x": c * ux, "D*u_xx": D * uxx})
    write_csv("advdiff.csv",
              ["advection-diffusion u_t + c*u_x = D*u_xx, c = 0.8, D = 0.05, x in [0, 2 pi) periodic, t in [0, 3]",
               "exact Fourier series of five modes; made by extdata/gen.py"],
              {"c": c, "D": D}, x, t, {"u": u})
    # The same field in other units: x in mm (x 1e3), t in hours (t / 3600), u x 1e-4; c and D follow.
    sx, st, su = 1e3, 1 / 3600, 1e-4
    write_csv("advdiff_units.csv",
              ["advdiff.csv in other units: x * 1e3, t / 3600, u * 1e-4 (c * 1e3 * 3600, D * 1e6 * 3600)",
               "made by extdata/gen.py"],
              {"c": c * sx / st, "D": D * sx * sx / st}, x * sx, t * st, {"u": u * su})


# ----------------------------------------------------------------------------
# 8. Allen-Cahn, periodic, ETDRK4
# ----------------------------------------------------------------------------

def allencahn_solve(n, h, e, r, t_out, initial=None):
    """u_t = e u_xx + r (u - u^3) on [-1, 1) periodic; the linear part e u_xx + r u in Fourier."""
    x = -1 + 2 * np.arange(n) / n
    k = np.pi * np.fft.rfftfreq(n, d=1.0 / n)
    u0 = (initial(x) if initial is not None else
          0.25 * np.sin(np.pi * x) + 0.15 * np.cos(3 * np.pi * x) + 0.1 * np.sin(5 * np.pi * x + 0.5))
    L = -e * k ** 2 + r

    def N(v):
        return -r * rfft(irfft(v, n) ** 3)

    v = etdrk4(rfft(u0), L, N, h, t_out)
    return x, irfft(v, n, axis=1)


def make_allencahn():
    e, r = 0.003, 1.0
    print("allencahn: u_t = e u_xx + r (u - u^3), e = 0.003, r = 1, periodic (ETDRK4)")
    t = np.linspace(0, 5, 41)
    xf, uf = allencahn_solve(1024, 1e-3, e, r, t)
    x, u = xf[::8], uf[:, ::8]
    _, uf2 = allencahn_solve(2048, 5e-4, e, r, t)
    print("  re-solve with 2048 points, h = 5e-4: max |diff| at written points = %.2e (max |u| = %.2f)"
          % (np.max(np.abs(uf2[:, ::16] - u)), np.max(np.abs(u))))
    ut = dcentral(u, t[1] - t[0], 1, axis=0, periodic=False)
    uxx = dcentral(u, x[1] - x[0], 2, axis=1, periodic=True)
    report_residual("output grid 128 x 41, 4th-order FD", ut - e * uxx - r * (u - u ** 3),
                    {"u_t": ut, "e*u_xx": e * uxx, "r*(u-u^3)": r * (u - u ** 3)})
    write_csv("allencahn.csv",
              ["Allen-Cahn u_t = e*u_xx + r*(u - u^3), e = 0.003, r = 1, x in [-1, 1) periodic, t in [0, 5]",
               "Fourier pseudo-spectral (1024 points) + ETDRK4 (h = 1e-3), every 8th point written; made by extdata/gen.py"],
              {"e": e, "r": r}, x, t, {"u": u})


def make_allencahn_sharp():
    """The published Allen-Cahn benchmark's equation and grid: e = 1e-4, r = 5, u0 = x^2 cos(pi x), 201 t x 512 x."""
    e, r = 1e-4, 5.0
    print("allencahn_sharp: u_t = e u_xx + r (u - u^3), e = 1e-4, r = 5, u0 = x^2 cos(pi x), periodic (ETDRK4)")
    t = np.linspace(0, 1, 201)
    initial = lambda x: x ** 2 * np.cos(np.pi * x)
    xf, uf = allencahn_solve(2048, 2.5e-4, e, r, t, initial)
    x, u = xf[::4], uf[:, ::4]
    _, uf2 = allencahn_solve(4096, 1.25e-4, e, r, t, initial)
    print("  re-solve with 4096 points, h = 1.25e-4: max |diff| at written points = %.2e"
          % np.max(np.abs(uf2[:, ::8] - u)))
    write_csv("allencahn_sharp.csv",
              ["Allen-Cahn u_t = e*u_xx + r*(u - u^3), e = 1e-4, r = 5, u0 = x^2 cos(pi x), x in [-1, 1) periodic, t in [0, 1]",
               "Fourier pseudo-spectral (2048 points) + ETDRK4 (h = 2.5e-4), every 4th point written; made by extdata/gen.py"],
              {"e": e, "r": r}, x, t, {"u": u})


# ----------------------------------------------------------------------------

MAKERS = {"burgers": make_burgers, "heat_mm": make_heat_mm, "fisher_um": make_fisher,
          "kdv": make_kdv, "ks": make_ks, "grayscott": make_grayscott,
          "advdiff": make_advdiff, "allencahn": make_allencahn,
          "allencahn_sharp": make_allencahn_sharp}

if __name__ == "__main__":
    names = sys.argv[1:] or list(MAKERS)
    for nm in names:
        t0 = time.time()
        MAKERS[nm]()
        print("  (%.1f s)\n" % (time.time() - t0))
