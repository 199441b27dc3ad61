package dev.mollify.pde.forward;

import java.util.HashMap;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;

/**
 * The time loop shared by the periodic pseudo-spectral solvers: ETDRK4 steps between output times,
 * a step size re-chosen on every output interval from the current {@code max|u|} (CFL-checked),
 * and after every interval three checks: finite values, the spectral tail (resolution) and the
 * step rule. Spectral snapshots are kept in the layout of {@link Spectral1D}, one block per field
 * when several coupled fields are marched together.
 */
final class SpectralMarch {

    /** Chooses the step for the next output interval from {@code max|u|}; throws if a forced step is unstable. */
    @FunctionalInterface
    interface StepRule {
        double dt(double maxAbsU, double t);
    }

    /**
     * The step rule of an explicitly integrated reaction whose Jacobian is bounded by {@code jacobian(max|u|)}: a fixed
     * {@code dt > 0} is checked against dt·J ≤ {@link SpectralOps#STABILITY_LIMIT} at every step (else an
     * IllegalArgumentException naming the safe step); {@code dt = 0} steps min(dtCap, cfl / J).
     *
     * @param problem  the problem's name, for messages
     * @param bound    the Jacobian bound as written in messages, e.g. {@code "max|k|*(1+2max|u|)"}
     */
    static StepRule explicitReaction(
            String problem, double dt, double cfl, double dtCap, DoubleUnaryOperator jacobian, String bound) {
        return (umax, t) -> {
            double jac = Math.max(jacobian.applyAsDouble(umax), 1e-12);
            if (dt > 0) {
                if (dt * jac > SpectralOps.STABILITY_LIMIT) {
                    throw new IllegalArgumentException(problem + ": dt = " + dt + " is unstable at t = " + t + ": dt*"
                            + bound + " = " + String.format("%.3g", dt * jac) + " exceeds "
                            + SpectralOps.STABILITY_LIMIT + "; use dt <= "
                            + String.format("%.3g", SpectralOps.STABILITY_LIMIT / jac) + " or dt = 0");
                }
                return dt;
            }
            return Math.min(dtCap, cfl / jac);
        };
    }

    /** Spectral snapshots at the output times, and what the run did. */
    record Result(double[][] re, double[][] im, long steps, double dtMin, double dtMax, double maxTail) {
        /** Records the march's diagnostics ({@code solver.n}, steps, step range, spectral tail) in a field's parameters. */
        void putDiagnostics(java.util.Map<String, Double> par, int n) {
            par.put("solver.n", (double) n);
            par.put("solver.steps", (double) steps);
            par.put("solver.dtMin", dtMin);
            par.put("solver.dtMax", dtMax);
            par.put("solver.spectralTail", maxTail);
        }
    }

    /** Validates the time-stepping parameters every spectral solver shares (0 = automatic dt). */
    static void checkTimeStepping(double tEnd, int nt, double dt, double cfl) {
        Checks.positive("tEnd", tEnd, null);
        Checks.atLeast("nt", nt, 2, "at least t = 0 and t = tEnd");
        Checks.nonNegative("dt", dt, "0 = automatic");
        Checks.positive("cfl", cfl, null);
        if (cfl > SpectralOps.STABILITY_LIMIT) {
            throw new IllegalArgumentException("cfl = " + cfl + " must be <= " + SpectralOps.STABILITY_LIMIT);
        }
    }

    /** Validates a periodic grid [x0, x0 + length) of nx output points, computed on oversample·nx modes. */
    static void checkPeriodicGrid(double x0, double length, int nx, int oversample) {
        Checks.finite("x0", x0);
        Checks.positive("length", length, null);
        Checks.even("nx", nx, 8);
        Checks.atLeast("oversample", oversample, 1, null);
    }

    private SpectralMarch() {}

    /**
     * One field: {@link #run(String, Spectral1D, double[], double[], Etdrk4.Nonlinear, double[][], double[],
     * StepRule, double)} with {@code u0} as the only field.
     */
    static Result run(
            String problem,
            Spectral1D sp,
            double[] lRe,
            double[] lIm,
            Etdrk4.Nonlinear nl,
            double[] u0,
            double[] times,
            StepRule rule,
            double tailLimit) {
        return run(problem, sp, lRe, lIm, nl, new double[][] {u0}, times, rule, tailLimit);
    }

    /**
     * Marches {@code u0.length} coupled fields. Their spectra are stacked: field {@code f} occupies
     * entries {@code [f·modes, (f+1)·modes)} of the state, of {@code lRe, lIm} and of the arrays the
     * nonlinear part reads and writes ({@link #field} and {@link #setField} move one field in and
     * out). The step rule sees {@code max|u|} over all fields; the tail check applies to each field.
     *
     * @param tailLimit largest allowed {@link Spectral1D#tailFraction} at any output time; above it the
     *                  grid is declared too coarse ({@link IllegalArgumentException} naming {@code n})
     */
    static Result run(
            String problem,
            Spectral1D sp,
            double[] lRe,
            double[] lIm,
            Etdrk4.Nonlinear nl,
            double[][] u0,
            double[] times,
            StepRule rule,
            double tailLimit) {
        int modes = sp.modes();
        int fields = u0.length;
        double[] re = new double[fields * modes];
        double[] im = new double[fields * modes];
        double[] fRe = new double[modes];
        double[] fIm = new double[modes];
        double[][] u = new double[fields][];
        for (int f = 0; f < fields; f++) {
            u[f] = u0[f].clone();
            sp.forward(u[f], fRe, fIm);
            setField(f, fRe, fIm, re, im);
        }
        double[][] outRe = new double[times.length][];
        double[][] outIm = new double[times.length][];
        outRe[0] = re.clone();
        outIm[0] = im.clone();
        Map<Double, Etdrk4> cache = new HashMap<>();
        long steps = 0;
        double dtMin = Double.POSITIVE_INFINITY;
        double dtMax = 0;
        double maxTail = 0;
        for (int i = 0; i < times.length; i++) {
            if (i > 0) {
                double span = times[i] - times[i - 1];
                double umax = 0;
                for (double[] uf : u) {
                    umax = Math.max(umax, Stats.maxAbs(uf));
                }
                double want = rule.dt(umax, times[i - 1]);
                int k = (int) Math.ceil(span / want - 1e-9);
                k = Math.max(k, 1);
                double dt = span / k;
                Etdrk4 etd = cache.computeIfAbsent(dt, d -> new Etdrk4(lRe, lIm, d));
                for (int s = 0; s < k; s++) {
                    etd.step(re, im, nl);
                }
                steps += k;
                dtMin = Math.min(dtMin, dt);
                dtMax = Math.max(dtMax, dt);
            }
            for (int f = 0; f < fields; f++) {
                field(f, re, im, fRe, fIm);
                if (i > 0) {
                    sp.inverse(fRe, fIm, u[f]);
                    Checks.requireFiniteField(problem + " solution", u[f], times[i]);
                }
                double tail = Spectral1D.tailFraction(fRe, fIm);
                maxTail = Math.max(maxTail, tail);
                checkTail(problem, sp, tail, tailLimit, times[i]);
            }
            outRe[i] = re.clone();
            outIm[i] = im.clone();
        }
        return new Result(outRe, outIm, steps, dtMin, dtMax, maxTail);
    }

    /** Copies field {@code f} of the stacked spectra {@code re, im} into {@code fRe, fIm} (length modes). */
    static void field(int f, double[] re, double[] im, double[] fRe, double[] fIm) {
        System.arraycopy(re, f * fRe.length, fRe, 0, fRe.length);
        System.arraycopy(im, f * fIm.length, fIm, 0, fIm.length);
    }

    /** Copies {@code fRe, fIm} (length modes) into field {@code f} of the stacked spectra {@code re, im}. */
    static void setField(int f, double[] fRe, double[] fIm, double[] re, double[] im) {
        System.arraycopy(fRe, 0, re, f * fRe.length, fRe.length);
        System.arraycopy(fIm, 0, im, f * fIm.length, fIm.length);
    }

    static void checkTail(String problem, Spectral1D sp, double tail, double limit, double t) {
        if (tail > limit) {
            throw new IllegalArgumentException(problem + ": grid too coarse: n = " + sp.n()
                    + " leaves a spectral tail of " + String.format("%.2e", tail) + " (limit "
                    + String.format("%.0e", limit) + ") at t = " + t
                    + "; the solution has features finer than the grid resolves; increase n (e.g. double it)");
        }
    }

    /** Equally spaced times {@code 0, T/(nt-1), ..., T}. */
    static double[] linspace(double a, double b, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = n == 1 ? a : a + (b - a) * i / (n - 1);
        }
        if (n > 1) {
            x[n - 1] = b;
        }
        return x;
    }

    /** Periodic grid {@code x0 + j·length/n}, {@code j < n}. */
    static double[] periodicGrid(double x0, double length, int n) {
        double[] x = new double[n];
        for (int j = 0; j < n; j++) {
            x[j] = x0 + length * j / n;
        }
        return x;
    }

    /**
     * Physical snapshots on the solver grid, every {@code stride}-th point, as a [t][x] array (the
     * first field of a stacked run).
     */
    static double[] physical(Spectral1D sp, Result r, int stride) {
        return physical(sp, r, stride, 0);
    }

    /** Like {@link #physical(Spectral1D, Result, int)}, for field {@code f} of a stacked run. */
    static double[] physical(Spectral1D sp, Result r, int stride, int f) {
        int nt = r.re().length;
        int nOut = sp.n() / stride;
        double[] out = new double[nt * nOut];
        double[] u = new double[sp.n()];
        double[] fRe = new double[sp.modes()];
        double[] fIm = new double[sp.modes()];
        for (int i = 0; i < nt; i++) {
            field(f, r.re()[i], r.im()[i], fRe, fIm);
            sp.inverse(fRe, fIm, u);
            for (int j = 0; j < nOut; j++) {
                out[i * nOut + j] = u[j * stride];
            }
        }
        return out;
    }
}
