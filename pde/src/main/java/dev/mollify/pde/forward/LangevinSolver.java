package dev.mollify.pde.forward;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Langevin-type equation {@code u_t = a u + f(t)} with a given forcing {@code f} — the paper's
 * first-order test, with {@code a = 1} and {@code λ(t) = f(t) = u_t − u} to be recovered.
 *
 * <p>Method: classical RK4 with {@code substeps} steps per output interval, the forcing evaluated
 * at the stage times (order 4). Exact solution for trigonometric forcing
 * {@code f = Σ A_j sin(ω_j t + φ_j)}: {@link #exact}.
 *
 * <p>Default data set: {@code a = 1, u(0) = 0, f(t) = sin(2πt) + 0.5 sin(6πt + 1)}, 201 times on
 * [0, 1]. The field has one axis, {@code t}.
 */
public final class LangevinSolver {
    private LangevinSolver() {}

    /**
     * Trigonometric forcing {@code f(t) = Σ amp[j] sin(omega[j] t + phase[j])}.
     *
     * @param amp   amplitudes A_j
     * @param omega angular frequencies ω_j, in radians per time unit
     * @param phase phases φ_j, in radians
     */
    public record TrigForcing(double[] amp, double[] omega, double[] phase) {
        /**
         * Checks that the three arrays have one length, and copies them.
         *
         * @param amp   amplitudes
         * @param omega angular frequencies, as many
         * @param phase phases, as many
         * @throws IllegalArgumentException when the lengths differ
         */
        public TrigForcing {
            if (amp.length != omega.length || amp.length != phase.length) {
                throw new IllegalArgumentException("amp, omega, phase must have the same length");
            }
            amp = amp.clone();
            omega = omega.clone();
            phase = phase.clone();
        }

        /**
         * f(t) = Σ amp[j] sin(omega[j] t + phase[j]).
         *
         * @param t the time
         * @return f(t)
         */
        public double at(double t) {
            double s = 0;
            for (int j = 0; j < amp.length; j++) {
                s += amp[j] * Math.sin(omega[j] * t + phase[j]);
            }
            return s;
        }

        /**
         * This forcing as a {@link Profile} with its formula as the description.
         *
         * @return t ↦ f(t), described as {@code "f(t) = A sin(ω t + φ) + …"}
         */
        public Profile profile() {
            StringBuilder sb = new StringBuilder("f(t) =");
            for (int j = 0; j < amp.length; j++) {
                sb.append(j == 0 ? " " : " + ")
                        .append(amp[j])
                        .append(" sin(")
                        .append(omega[j])
                        .append(" t + ")
                        .append(phase[j])
                        .append(')');
            }
            return new Profile(sb.toString(), this::at);
        }
    }

    /**
     * The parameters of one Langevin problem.
     *
     * @param a        growth rate (finite), in 1/time
     * @param u0       u(0) (finite)
     * @param tEnd     final time (&gt; 0)
     * @param nt       output times on [0, tEnd] including 0 (≥ 2)
     * @param substeps RK4 steps per output interval (≥ 1)
     * @param forcing  f(t)
     */
    public record Params(double a, double u0, double tEnd, int nt, int substeps, Profile forcing) {
        /**
         * Checks every parameter and that the RK4 step {@code dt = tEnd/(nt−1)/substeps} satisfies
         * |a|·dt ≤ 2.5.
         *
         * @param a        finite
         * @param u0       finite
         * @param tEnd     &gt; 0
         * @param nt       ≥ 2
         * @param substeps ≥ 1
         * @param forcing  not null
         * @throws IllegalArgumentException naming the first parameter out of its range, or the number of
         *     substeps that would make the step stable
         */
        public Params {
            Checks.finite("a", a);
            Checks.finite("u0", u0);
            Checks.positive("tEnd", tEnd, null);
            Checks.atLeast("nt", nt, 2, null);
            Checks.atLeast("substeps", substeps, 1, null);
            Checks.notNull("forcing", forcing);
            double dt = tEnd / (nt - 1) / substeps;
            if (Math.abs(a) * dt > 2.5) {
                throw new IllegalArgumentException(
                        "step dt = tEnd/(nt-1)/substeps = " + dt + " is unstable for a = " + a
                                + ": |a|*dt must be <= 2.5; raise substeps to at least "
                                + (int) Math.ceil(Math.abs(a) * tEnd / (nt - 1) / 2.5));
            }
        }

        /**
         * The default data set: a = 1, u(0) = 0, the {@link #defaultForcing}, 201 times on [0, 1], 10
         * substeps.
         *
         * @return the default parameters
         */
        public static Params defaults() {
            return new Params(1, 0, 1, 201, 10, defaultForcing().profile());
        }

        /**
         * These parameters with another number of output times and substeps.
         *
         * @param nt       output times including 0 (≥ 2)
         * @param substeps RK4 steps per output interval (≥ 1)
         * @return a copy with the step settings replaced
         * @throws IllegalArgumentException when a value is out of range or |a|·dt exceeds 2.5
         */
        public Params withSteps(int nt, int substeps) {
            return new Params(a, u0, tEnd, nt, substeps, forcing);
        }
    }

    /**
     * The default forcing f(t) = sin(2πt) + 0.5 sin(6πt + 1).
     *
     * @return the forcing with amplitudes (1, 0.5), frequencies (2π, 6π) and phases (0, 1)
     */
    public static TrigForcing defaultForcing() {
        return new TrigForcing(new double[] {1, 0.5}, new double[] {2 * Math.PI, 6 * Math.PI}, new double[] {0, 1});
    }

    /**
     * Solves the problem; returns u at the output times (one axis, t).
     *
     * @param p the parameters
     * @return u at {@code nt} times, with {@code a}, {@code u0}, {@code tEnd} and
     *     {@code solver.substeps} as parameters
     * @throws IllegalStateException when the solution becomes non-finite
     */
    public static GridField solve(Params p) {
        double[] t = SpectralMarch.linspace(0, p.tEnd(), p.nt());
        double[] u = new double[p.nt()];
        u[0] = p.u0();
        double v = p.u0();
        double a = p.a();
        for (int i = 1; i < p.nt(); i++) {
            double dt = (t[i] - t[i - 1]) / p.substeps();
            for (int s = 0; s < p.substeps(); s++) {
                double tt = t[i - 1] + s * dt;
                double f0 = p.forcing().at(tt);
                double fh = p.forcing().at(tt + dt / 2);
                double f1 = p.forcing().at(tt + dt);
                double k1 = a * v + f0;
                double k2 = a * (v + dt / 2 * k1) + fh;
                double k3 = a * (v + dt / 2 * k2) + fh;
                double k4 = a * (v + dt * k3) + f1;
                v += dt / 6 * (k1 + 2 * k2 + 2 * k3 + k4);
            }
            if (!Double.isFinite(v)) {
                throw new IllegalStateException("langevin solution became non-finite at t = " + t[i]);
            }
            u[i] = v;
        }
        Map<String, Double> par = new LinkedHashMap<>();
        par.put("a", a);
        par.put("u0", p.u0());
        par.put("tEnd", p.tEnd());
        par.put("solver.substeps", (double) p.substeps());
        return new GridField(
                "langevin",
                "u",
                List.of("t"),
                List.of(t),
                u,
                par,
                "u_t = a u + f(t); " + p.forcing().description() + "; RK4");
    }

    /**
     * Exact solution for {@code u' = a u + f}, trigonometric {@code f}, {@code u(0) = u0}:
     * u(t) = (u0 − u_p(0)) e^{at} + u_p(t) with the particular solution
     * u_p = Σ_j (p_j sin(ω_j t + φ_j) + q_j cos(ω_j t + φ_j)), p_j = −a A_j/(a² + ω_j²),
     * q_j = −ω_j A_j/(a² + ω_j²).
     *
     * @param a  the growth rate
     * @param u0 u(0)
     * @param f  the forcing
     * @param t  the time
     * @return u(t)
     * @throws IllegalArgumentException when a = 0 and some ω_j = 0 (a constant forcing with no growth,
     *     whose solution is not of this form)
     */
    public static double exact(double a, double u0, TrigForcing f, double t) {
        double up0 = 0;
        double up = 0;
        for (int j = 0; j < f.amp().length; j++) {
            double amp = f.amp()[j];
            double w = f.omega()[j];
            double ph = f.phase()[j];
            double den = a * a + w * w;
            if (den == 0) {
                throw new IllegalArgumentException("exact solution needs a^2 + omega^2 > 0");
            }
            double pp = -a * amp / den;
            double qq = -w * amp / den;
            up0 += pp * Math.sin(ph) + qq * Math.cos(ph);
            up += pp * Math.sin(w * t + ph) + qq * Math.cos(w * t + ph);
        }
        return (u0 - up0) * Math.exp(a * t) + up;
    }
}
