package dev.mollify.pde.forward;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Incompressible 2-D Navier–Stokes on a periodic box {@code [0, Lx) × [0, Ly)}, in vorticity–stream-function
 * form, with an optional Brinkman-penalised disc and an inflow fringe: a cylinder-wake-like flow whose
 * data window, downstream of the disc and upstream of the fringe, satisfies
 * <pre>
 *   u_t + l₁(u u_x + v u_y) = −p_x + l₂(u_xx + u_yy)
 *   v_t + l₁(u v_x + v v_y) = −p_y + l₂(v_xx + v_yy)
 *   u_x + v_y = 0
 * </pre>
 * with no forcing. The solver marches {@code ω_t + l₁(u ω_x + v ω_y) = l₂∇²ω + curl f},
 * {@code u = U₀ + ψ_y}, {@code v = V₀ − ψ_x}, {@code ∇²ψ = −ω}, where
 * {@code f = −(χ/η)u − σ(x)(u − (U, 0))}: χ a smoothed disc indicator (radius R, edge width w:
 * {@code χ = (1 − tanh((r − R)/w))/2}), η the penalisation time, σ a C∞ fringe on
 * {@code [spongeStart, Lx)} that pulls the flow back to the inflow {@code (U, 0)} before it re-enters at
 * x = 0. The mean velocity {@code (U₀, V₀)} obeys {@code d(U₀,V₀)/dt = mean(f)} (see
 * {@link VorticityDynamics}); the pressure solves {@code ∇²p = −l₁(u_x² + 2u_y v_x + v_y²) + ∇·f}
 * with zero mean, which is the sign the momentum equations give.
 *
 * <p>Method: Fourier pseudo-spectral, 2/3-rule dealiasing ({@link Spectral2D}), ETDRK4 ({@link Etdrk4})
 * with the viscous term integrated exactly and the advection and forcing explicit. The step is re-chosen
 * for every interval of length {@code (tEnd − tStart)/(nt − 1)} (also during the spin-up before
 * {@code tStart}) as the largest that divides the interval and satisfies
 * {@code dt·l₁(max|u|·k_x,max + max|v|·k_y,max) ≤ cfl} and {@code dt·max(χ/η + σ) ≤ 1.5}.
 *
 * <p>Checks: every output time must be finite (else {@link IllegalStateException}), and the largest
 * momentum residual {@code |u_t + l₁(u·∇)u + ∇p − l₂∇²u|} over the window and the output times (the time
 * derivative taken from the right-hand side, every space derivative spectral), relative to the largest
 * {@code |u_t|, |v_t|} there, at most {@code residualLimit} (else "grid too coarse"). Where the forcing
 * vanishes this residual is what the 2/3 rule drops from the products, so it measures whether the grid
 * resolves the flow in the window; the vorticity's global spectral tail does not, since the penalised
 * disc leaves an unresolved boundary layer in it by design. Recorded diagnostics: {@code solver.steps},
 * {@code solver.dtMin/dtMax}, {@code solver.spectralTail} (L2 fraction of the vorticity spectrum in the
 * outer third of the kept band, the largest over the output times), {@code solver.residual},
 * {@code solver.forcingInWindow} (the largest χ/η + σ at a window node) and {@code solver.meanU} (the mean
 * of U₀ over the output times).
 *
 * <p>The default flow (see {@link Params#defaults()}) is the wake of a disc of diameter 2R = 1 at the
 * nominal Re = 2RU/l₂ = 100 in a 16 × 8 box on 256 × 128 points, sampled over one shedding period after
 * the von Kármán street has formed; the mask's soft edge makes the disc act wider than 2R (measured
 * period 9.55, St = 0.105 on 2R). It takes about 16 s of CPU.
 */
public final class NavierStokes2D {
    /** Largest {@code dt·max(χ/η + σ)} allowed for the explicit forcing. */
    static final double FORCING_LIMIT = 1.5;

    private NavierStokes2D() {}

    /**
     * The parameters of one flow: equation, box and grid, obstacle, fringe, times, data window and
     * resolution check.
     *
     * @param advection      l₁, the coefficient of the advection terms
     * @param viscosity      l₂ (&gt; 0), the kinematic viscosity
     * @param inflow         U, the velocity the fringe restores and the initial mean flow
     * @param lengthX        Lx, the period in x
     * @param lengthY        Ly, the period in y
     * @param nx             grid points in x (even; products of small primes are fastest)
     * @param ny             grid points in y (even)
     * @param discX          x of the disc centre
     * @param discY          y of the disc centre
     * @param radius         R of the disc (0: no disc)
     * @param maskWidth      w, the width of the disc mask's edge (&gt; 0; see {@link #defaults()})
     * @param eta            η, the penalisation time (&gt; 0); small η is a solid disc
     * @param spongeStart    the fringe starts here and ends at Lx
     * @param spongeRise     the fringe's rise length at its start
     * @param spongeFall     the fringe's fall length before Lx
     * @param spongeStrength σ_max (0: no fringe)
     * @param tStart         first output time (the spin-up runs from 0 to tStart)
     * @param tEnd           last output time
     * @param nt             output times (≥ 2), equally spaced on [tStart, tEnd]
     * @param dt             fixed step, or 0 for automatic steps
     * @param cfl            the Courant number of automatic steps
     * @param windowX0       the data window: grid nodes with windowX0 ≤ x ≤ windowX1, windowY0 ≤ y ≤ windowY1
     * @param windowX1       see windowX0
     * @param windowY0       see windowX0
     * @param windowY1       see windowX0
     * @param stride         keep every stride-th grid node of the window in x and y
     * @param residualLimit  largest allowed relative momentum residual in the window ({@code solver.residual})
     * @param omega0         the initial vorticity (its mean is removed: periodic velocities have none)
     */
    public record Params(
            double advection,
            double viscosity,
            double inflow,
            double lengthX,
            double lengthY,
            int nx,
            int ny,
            double discX,
            double discY,
            double radius,
            double maskWidth,
            double eta,
            double spongeStart,
            double spongeRise,
            double spongeFall,
            double spongeStrength,
            double tStart,
            double tEnd,
            int nt,
            double dt,
            double cfl,
            double windowX0,
            double windowX1,
            double windowY0,
            double windowY1,
            int stride,
            double residualLimit,
            Profile2D omega0) {
        /**
         * Checks every parameter against the ranges above.
         *
         * @param advection      finite
         * @param viscosity      &gt; 0
         * @param inflow         finite
         * @param lengthX        &gt; 0
         * @param lengthY        &gt; 0
         * @param nx             even, ≥ 8
         * @param ny             even, ≥ 8
         * @param discX          finite
         * @param discY          finite
         * @param radius         ≥ 0
         * @param maskWidth      &gt; 0
         * @param eta            &gt; 0
         * @param spongeStart    with the rise and fall inside [0, lengthX) when there is a fringe
         * @param spongeRise     &gt; 0 when spongeStrength &gt; 0
         * @param spongeFall     &gt; 0 when spongeStrength &gt; 0
         * @param spongeStrength ≥ 0
         * @param tStart         ≥ 0
         * @param tEnd           &gt; tStart and finite
         * @param nt             ≥ 2
         * @param dt             ≥ 0, 0 for automatic
         * @param cfl            in (0, 2.5]
         * @param windowX0       ≤ windowX1
         * @param windowX1       ≥ windowX0
         * @param windowY0       ≤ windowY1
         * @param windowY1       ≥ windowY0
         * @param stride         ≥ 1
         * @param residualLimit  &gt; 0
         * @param omega0         not null
         * @throws IllegalArgumentException naming the first parameter out of its range and the fix
         */
        public Params {
            Checks.finite("advection l1", advection);
            Checks.positive("viscosity l2", viscosity, "the solver needs a positive viscosity");
            Checks.finite("inflow", inflow);
            Checks.positive("lengthX", lengthX, null);
            Checks.positive("lengthY", lengthY, null);
            Checks.even("nx", nx, 8);
            Checks.even("ny", ny, 8);
            Checks.finite("discX", discX);
            Checks.finite("discY", discY);
            Checks.nonNegative("radius", radius, "0 removes the disc");
            Checks.positive("maskWidth", maskWidth, "about 1.5 grid spacings");
            Checks.positive("eta", eta, "the penalisation time; small is a solid disc");
            Checks.nonNegative("spongeStrength", spongeStrength, "0 removes the fringe");
            if (spongeStrength > 0) {
                Checks.positive("spongeRise", spongeRise, null);
                Checks.positive("spongeFall", spongeFall, null);
                if (!(spongeStart >= 0 && spongeStart + spongeRise + spongeFall <= lengthX))
                    throw new IllegalArgumentException("the fringe [spongeStart, lengthX) = [" + spongeStart + ", "
                            + lengthX + ") must hold its rise " + spongeRise + " and fall " + spongeFall
                            + "; lower spongeStart or the rise and fall lengths");
            }
            Checks.nonNegative("tStart", tStart, null);
            if (!(tEnd > tStart) || !Double.isFinite(tEnd))
                throw new IllegalArgumentException(
                        "tEnd = " + tEnd + " must be > tStart = " + tStart + "; raise tEnd or lower tStart");
            SpectralMarch.checkTimeStepping(tEnd, nt, dt, cfl);
            if (!(windowX0 <= windowX1) || !(windowY0 <= windowY1))
                throw new IllegalArgumentException("the window [" + windowX0 + ", " + windowX1 + "] x [" + windowY0
                        + ", " + windowY1 + "] is empty; give windowX0 <= windowX1 and windowY0 <= windowY1");
            Checks.atLeast("stride", stride, 1, null);
            Checks.positive("residualLimit", residualLimit, null);
            Checks.notNull("omega0", omega0);
        }

        /**
         * The wake of a disc of diameter 1 at Re = 100: l₁ = 1, l₂ = 0.01, U = 1, box 16 × 8 on 256 × 128
         * points, disc at (3, 4) with η = 0.01 and edge width 0.25 (4 grid spacings: a sharper edge feeds
         * modes the 2/3 rule cuts, and the cut leaks into the window as residual), fringe on [12, 16) with
         * σ = 3, a small vortex behind the disc to break the symmetry (shedding is established by t ≈ 20),
         * output at t = 30…39.6 (one shedding period: measured 9.55, St = 0.105 on the nominal diameter;
         * the soft edge makes the disc act wider) in 49 snapshots on the window [6, 10] × [2, 6] at every
         * second node (33 × 33); residual limit 1e-3 (measured 3e-5).
         *
         * @return the default parameters, with {@link NavierStokes2D#kick kick(4, 4.5, 1)} as ω₀
         */
        public static Params defaults() {
            return new Params(
                    1,
                    0.01,
                    1,
                    16,
                    8,
                    256,
                    128,
                    3,
                    4,
                    0.5,
                    0.25,
                    0.01,
                    12,
                    1.5,
                    0.75,
                    3,
                    30,
                    39.6,
                    49,
                    0,
                    1,
                    6,
                    10,
                    2,
                    6,
                    2,
                    1e-3,
                    kick(4, 4.5, 1));
        }

        /**
         * These parameters with another grid.
         *
         * @param nx grid points in x (even, ≥ 8)
         * @param ny grid points in y (even, ≥ 8)
         * @return a copy with the grid replaced (keep maskWidth about 4 grid spacings)
         * @throws IllegalArgumentException when a value is out of range
         */
        public Params withGrid(int nx, int ny) {
            return new Params(
                    advection,
                    viscosity,
                    inflow,
                    lengthX,
                    lengthY,
                    nx,
                    ny,
                    discX,
                    discY,
                    radius,
                    maskWidth,
                    eta,
                    spongeStart,
                    spongeRise,
                    spongeFall,
                    spongeStrength,
                    tStart,
                    tEnd,
                    nt,
                    dt,
                    cfl,
                    windowX0,
                    windowX1,
                    windowY0,
                    windowY1,
                    stride,
                    residualLimit,
                    omega0);
        }

        /**
         * These parameters with other output times and step.
         *
         * @param tStart first output time (≥ 0)
         * @param tEnd   last output time (&gt; tStart)
         * @param nt     output times (≥ 2)
         * @param dt     fixed step dividing (tEnd − tStart)/(nt − 1), or 0 for automatic
         * @return a copy with the time settings replaced
         * @throws IllegalArgumentException when a value is out of range
         */
        public Params withTime(double tStart, double tEnd, int nt, double dt) {
            return new Params(
                    advection,
                    viscosity,
                    inflow,
                    lengthX,
                    lengthY,
                    nx,
                    ny,
                    discX,
                    discY,
                    radius,
                    maskWidth,
                    eta,
                    spongeStart,
                    spongeRise,
                    spongeFall,
                    spongeStrength,
                    tStart,
                    tEnd,
                    nt,
                    dt,
                    cfl,
                    windowX0,
                    windowX1,
                    windowY0,
                    windowY1,
                    stride,
                    residualLimit,
                    omega0);
        }

        /**
         * These parameters with another data window and stride.
         *
         * @param x0     left end of the window in x
         * @param x1     right end in x (≥ x0)
         * @param y0     lower end in y
         * @param y1     upper end in y (≥ y0)
         * @param stride keep every stride-th grid node (≥ 1)
         * @return a copy with the window replaced
         * @throws IllegalArgumentException when the window is empty or the stride below 1
         */
        public Params withWindow(double x0, double x1, double y0, double y1, int stride) {
            return new Params(
                    advection,
                    viscosity,
                    inflow,
                    lengthX,
                    lengthY,
                    nx,
                    ny,
                    discX,
                    discY,
                    radius,
                    maskWidth,
                    eta,
                    spongeStart,
                    spongeRise,
                    spongeFall,
                    spongeStrength,
                    tStart,
                    tEnd,
                    nt,
                    dt,
                    cfl,
                    x0,
                    x1,
                    y0,
                    y1,
                    stride,
                    residualLimit,
                    omega0);
        }

        /**
         * These parameters with another resolution limit.
         *
         * @param residualLimit largest allowed relative momentum residual in the window (&gt; 0)
         * @return a copy with the limit replaced
         * @throws IllegalArgumentException when the limit is not positive and finite
         */
        public Params withResidualLimit(double residualLimit) {
            return new Params(
                    advection,
                    viscosity,
                    inflow,
                    lengthX,
                    lengthY,
                    nx,
                    ny,
                    discX,
                    discY,
                    radius,
                    maskWidth,
                    eta,
                    spongeStart,
                    spongeRise,
                    spongeFall,
                    spongeStrength,
                    tStart,
                    tEnd,
                    nt,
                    dt,
                    cfl,
                    windowX0,
                    windowX1,
                    windowY0,
                    windowY1,
                    stride,
                    residualLimit,
                    omega0);
        }

        /**
         * A flow with neither disc nor fringe nor mean flow on the box {@code lx × ly}: plain periodic
         * Navier–Stokes from {@code omega0}, every node of the box in the window, output at
         * {@code tEnd/(nt−1)} spacing from 0. The residual limit is 1e-6 (no mask to leak through the
         * 2/3 rule) and the Courant number 1.
         *
         * @param advection l₁
         * @param viscosity l₂ (&gt; 0)
         * @param lx        the period in x
         * @param ly        the period in y
         * @param nx        grid points in x (even, ≥ 8)
         * @param ny        grid points in y (even, ≥ 8)
         * @param tEnd      last output time (&gt; 0)
         * @param nt        output times on [0, tEnd] (≥ 2)
         * @param dt        fixed step, or 0 for automatic
         * @param omega0    the initial vorticity
         * @return the parameters
         * @throws IllegalArgumentException when a value is out of range
         */
        public static Params periodic(
                double advection,
                double viscosity,
                double lx,
                double ly,
                int nx,
                int ny,
                double tEnd,
                int nt,
                double dt,
                Profile2D omega0) {
            return new Params(
                    advection, viscosity, 0, lx, ly, nx, ny, 0, 0, 0, 0.1, 1, 0, 1, 1, 0, 0, tEnd, nt, dt, 1, 0, lx, 0,
                    ly, 1, 1e-6, omega0);
        }
    }

    /**
     * A Gaussian vortex of circulation {@code gamma} and radius 0.5 at (x0, y0): the default symmetry
     * breaker, ω₀ = γ/(πa) · exp(−((x − x0)² + (y − y0)²)/a) with a = 0.25.
     *
     * @param x0    x of the centre
     * @param y0    y of the centre
     * @param gamma the circulation γ (the integral of ω₀)
     * @return the vorticity profile, with its formula as the description
     */
    public static Profile2D kick(double x0, double y0, double gamma) {
        double a = 0.25;
        return new Profile2D(
                "omega0(x,y) = " + gamma + "/(pi*" + a + ") exp(-((x-" + x0 + ")^2+(y-" + y0 + ")^2)/" + a + ")",
                (x, y) -> gamma / (Math.PI * a) * Math.exp(-((x - x0) * (x - x0) + (y - y0) * (y - y0)) / a));
    }

    /**
     * The window's fields, layout [t][y][x]: velocity u, v, pressure p_true and vorticity w_true, each with the
     * parameters and diagnostics of the run.
     *
     * @param u the velocity u on the window, axes (t, y, x)
     * @param v the velocity v on the window
     * @param p the zero-mean pressure ({@code p_true})
     * @param w the vorticity v_x − u_y ({@code w_true})
     */
    public record Result(GridField u, GridField v, GridField p, GridField w) {}

    /**
     * Solves; see the class comment. Spins up from 0 to tStart, then records the window at the
     * {@code nt} output times.
     *
     * @param p the parameters
     * @return the four fields on the window, each with {@code l1}, {@code l2}, {@code inflow},
     *     {@code lengthX}, {@code lengthY}, {@code reynolds} (with a disc) and the {@code solver.*}
     *     diagnostics as parameters
     * @throws IllegalArgumentException when a fixed {@code dt} is unstable or does not divide the output
     *     interval, the window holds no grid node, or the momentum residual in the window exceeds
     *     {@code residualLimit} (grid too coarse)
     * @throws IllegalStateException when the vorticity or velocity becomes non-finite
     */
    public static Result solve(Params p) {
        int nx = p.nx();
        int ny = p.ny();
        Spectral2D sp = new Spectral2D(nx, ny, p.lengthX(), p.lengthY());
        double[] xs = SpectralMarch.periodicGrid(0, p.lengthX(), nx);
        double[] ys = SpectralMarch.periodicGrid(0, p.lengthY(), ny);
        double[] penalty = new double[nx * ny];
        double[] sponge = new double[nx * ny];
        for (int j = 0; j < ny; j++)
            for (int i = 0; i < nx; i++) {
                penalty[j * nx + i] = discMask(p, xs[i], ys[j]) / p.eta();
                sponge[j * nx + i] = p.spongeStrength() * fringe(p, xs[i]);
            }
        VorticityDynamics dyn = new VorticityDynamics(sp, p.advection(), p.inflow(), penalty, sponge);
        int len = dyn.stateLength();
        double[] re = new double[len];
        double[] im = new double[len];
        double[] w0 = p.omega0().sample(xs, ys);
        double[] w0Re = new double[sp.modes()];
        double[] w0Im = new double[sp.modes()];
        sp.forward(w0, w0Re, w0Im);
        System.arraycopy(w0Re, 0, re, 0, sp.modes());
        System.arraycopy(w0Im, 0, im, 0, sp.modes());
        re[0] = 0; // mode (0, 0): no mean vorticity
        im[0] = 0;
        re[len - 1] = p.inflow();
        double interval = (p.tEnd() - p.tStart()) / (p.nt() - 1);
        double[] times = SpectralMarch.linspace(p.tStart(), p.tEnd(), p.nt());
        March march = new March(p, sp, dyn, re, im);
        int spinUpChunks = (int) Math.ceil(p.tStart() / interval - 1e-9);
        for (int c = 1; c <= spinUpChunks; c++) march.advanceTo(p.tStart() * c / spinUpChunks);
        double[][] snapRe = new double[p.nt()][];
        double[][] snapIm = new double[p.nt()][];
        double maxTail = 0;
        for (int out = 0; out < p.nt(); out++) {
            if (out > 0) march.advanceTo(times[out]);
            Checks.requireFiniteField("navier-stokes vorticity", re, times[out]);
            maxTail = Math.max(maxTail, sp.tail(Arrays.copyOf(re, sp.modes()), Arrays.copyOf(im, sp.modes())));
            snapRe[out] = re.clone();
            snapIm[out] = im.clone();
        }
        return output(p, sp, dyn, xs, ys, times, snapRe, snapIm, march, maxTail, penalty, sponge);
    }

    /** The time loop: ETDRK4 steps on the state {@code (re, im)} in place, one step size per call, and its record. */
    private static final class March {
        private final Params p;
        private final VorticityDynamics dyn;
        private final double[] re;
        private final double[] im;
        private final double[] lRe;
        private final double[] lIm;
        private final double kxMax;
        private final double kyMax;
        private final double forcingRate;
        private final double[] u;
        private final double[] v;
        private final Map<Double, Etdrk4> cache = new HashMap<>();
        private double t;
        private long steps;
        private double dtMin = Double.POSITIVE_INFINITY;
        private double dtMax;

        March(Params p, Spectral2D sp, VorticityDynamics dyn, double[] re, double[] im) {
            this.p = p;
            this.dyn = dyn;
            this.re = re;
            this.im = im;
            lRe = dyn.viscousPart(p.viscosity());
            lIm = new double[re.length];
            kxMax = 2 * Math.PI * sp.maxIndexX() / p.lengthX();
            kyMax = 2 * Math.PI * sp.maxIndexY() / p.lengthY();
            forcingRate = dyn.maxForcingRate();
            u = new double[dyn.points()];
            v = new double[dyn.points()];
        }

        /** Steps from the current time to {@code target} with the largest allowed step that divides the span. */
        void advanceTo(double target) {
            double span = target - t;
            dyn.velocity(re, im, u, v);
            Checks.requireFiniteField("navier-stokes velocity", u, t);
            double speed = Math.abs(p.advection()) * (Stats.maxAbs(u) * kxMax + Stats.maxAbs(v) * kyMax);
            double dt = chooseStep(p, span, speed, forcingRate, t);
            Etdrk4 etd = cache.computeIfAbsent(dt, d -> new Etdrk4(lRe, lIm, d));
            long k = Math.round(span / dt);
            for (long s = 0; s < k; s++) etd.step(re, im, dyn);
            steps += k;
            dtMin = Math.min(dtMin, dt);
            dtMax = Math.max(dtMax, dt);
            t = target;
        }
    }

    /** The largest step dividing {@code span} within the Courant and forcing limits (or the forced step, checked). */
    private static double chooseStep(Params p, double span, double speed, double forcingRate, double t) {
        double limit = Math.min(
                speed > 0 ? p.cfl() / speed : Double.POSITIVE_INFINITY,
                forcingRate > 0 ? FORCING_LIMIT / forcingRate : Double.POSITIVE_INFINITY);
        if (p.dt() > 0) {
            double courant = p.dt() * speed;
            if (courant > SpectralOps.STABILITY_LIMIT || p.dt() * forcingRate > FORCING_LIMIT)
                throw new IllegalArgumentException("navier-stokes: dt = " + p.dt() + " is unstable at t = " + t
                        + " (Courant number " + String.format("%.3g", courant) + ", limit "
                        + SpectralOps.STABILITY_LIMIT + "; forcing dt*max(chi/eta + sigma) = "
                        + String.format("%.3g", p.dt() * forcingRate) + ", limit " + FORCING_LIMIT + "); use dt <= "
                        + String.format("%.3g", Math.min(SpectralOps.STABILITY_LIMIT / speed, limit))
                        + " or dt = 0 for automatic steps");
            double k = Math.round(span / p.dt());
            if (k < 1 || Math.abs(k * p.dt() - span) > 1e-9 * span)
                throw new IllegalArgumentException("navier-stokes: dt = " + p.dt() + " does not divide the interval "
                        + span + " between outputs; choose dt = interval/k, or dt = 0");
            return span / k;
        }
        int k = Math.max(1, (int) Math.ceil(span / limit - 1e-9));
        return span / k;
    }

    /** Smoothed disc indicator {@code (1 − tanh((r − R)/w))/2}, nearest periodic image; 0 without a disc. */
    static double discMask(Params p, double x, double y) {
        if (p.radius() == 0) return 0;
        double dx = x - p.discX();
        double dy = y - p.discY();
        dx -= p.lengthX() * Math.rint(dx / p.lengthX());
        dy -= p.lengthY() * Math.rint(dy / p.lengthY());
        double r = Math.sqrt(dx * dx + dy * dy);
        return 0.5 * (1 - Math.tanh((r - p.radius()) / p.maskWidth()));
    }

    /**
     * The fringe shape in [0, 1]: {@code S((x − x_s)/rise) − S((x − Lx)/fall + 1)} on [x_s, Lx) (0 elsewhere),
     * with the C∞ step {@code S(z) = 1/(1 + exp(1/(z − 1) + 1/z))} (0 for z ≤ 0, 1 for z ≥ 1).
     */
    static double fringe(Params p, double x) {
        if (p.spongeStrength() == 0 || x < p.spongeStart()) return 0;
        return step((x - p.spongeStart()) / p.spongeRise()) - step((x - p.lengthX()) / p.spongeFall() + 1);
    }

    private static double step(double z) {
        if (z <= 0) return 0;
        if (z >= 1) return 1;
        return 1 / (1 + Math.exp(1 / (z - 1) + 1 / z));
    }

    private static Result output(
            Params p,
            Spectral2D sp,
            VorticityDynamics dyn,
            double[] xs,
            double[] ys,
            double[] times,
            double[][] snapRe,
            double[][] snapIm,
            March march,
            double maxTail,
            double[] penalty,
            double[] sponge) {
        int[] ix = windowIndices(xs, p.windowX0(), p.windowX1(), p.stride(), "x");
        int[] iy = windowIndices(ys, p.windowY0(), p.windowY1(), p.stride(), "y");
        int nx = sp.nx();
        int cells = ix.length * iy.length;
        double forcing = 0;
        for (int b : iy) for (int a : ix) forcing = Math.max(forcing, penalty[b * nx + a] + sponge[b * nx + a]);
        double[][] out = new double[4][times.length * cells];
        double residual = 0;
        double utMax = 0;
        double meanU = 0;
        for (int n = 0; n < times.length; n++) {
            VorticityDynamics.Fields f = dyn.fields(snapRe[n], snapIm[n], p.viscosity());
            double[][] src = {f.u(), f.v(), f.p(), f.w()};
            int c = n * cells;
            for (int b : iy)
                for (int a : ix) {
                    int g = b * nx + a;
                    for (int q = 0; q < 4; q++) out[q][c] = src[q][g];
                    residual = Math.max(residual, Math.max(Math.abs(f.residualX()[g]), Math.abs(f.residualY()[g])));
                    utMax = Math.max(utMax, Math.max(Math.abs(f.ut()[g]), Math.abs(f.vt()[g])));
                    c++;
                }
            meanU += snapRe[n][snapRe[n].length - 1] / times.length;
        }
        double relative = utMax == 0 ? residual : residual / utMax;
        if (relative > p.residualLimit())
            throw new IllegalArgumentException("navier-stokes: grid too coarse: nx x ny = " + sp.nx() + " x " + sp.ny()
                    + " leaves a momentum residual of " + String.format("%.2e", relative) + " of max|u_t| in the window"
                    + " (limit " + String.format("%.0e", p.residualLimit()) + "); raise nx and ny (e.g. double them),"
                    + " raise the viscosity, or move the window away from the disc and the fringe");
        Map<String, Double> par = new LinkedHashMap<>();
        par.put("l1", p.advection());
        par.put("l2", p.viscosity());
        par.put("inflow", p.inflow());
        par.put("lengthX", p.lengthX());
        par.put("lengthY", p.lengthY());
        if (p.radius() > 0) par.put("reynolds", Math.abs(p.inflow()) * 2 * p.radius() / p.viscosity());
        par.put("solver.nx", (double) sp.nx());
        par.put("solver.ny", (double) sp.ny());
        par.put("solver.steps", (double) march.steps);
        par.put("solver.dtMin", march.dtMin);
        par.put("solver.dtMax", march.dtMax);
        par.put("solver.spectralTail", maxTail);
        par.put("solver.residual", relative);
        par.put("solver.forcingInWindow", forcing);
        par.put("solver.meanU", meanU);
        double[] wx = new double[ix.length];
        double[] wy = new double[iy.length];
        for (int a = 0; a < ix.length; a++) wx[a] = xs[ix[a]];
        for (int b = 0; b < iy.length; b++) wy[b] = ys[iy[b]];
        List<double[]> axes = List.of(times, wy, wx);
        List<String> names = List.of("t", "y", "x");
        String desc = description(p);
        String[] valueNames = {"u", "v", "p_true", "w_true"};
        GridField[] g = new GridField[4];
        for (int q = 0; q < 4; q++)
            g[q] = new GridField("navier-stokes", valueNames[q], names, axes, out[q], par, desc);
        return new Result(g[0], g[1], g[2], g[3]);
    }

    private static int[] windowIndices(double[] nodes, double lo, double hi, int stride, String axis) {
        double tol = 1e-9 * Math.max(1, Math.abs(hi) + Math.abs(lo));
        int first = -1;
        int count = 0;
        for (int i = 0; i < nodes.length; i++) {
            if (nodes[i] >= lo - tol && nodes[i] <= hi + tol) {
                if (first < 0) first = i;
                count++;
            }
        }
        if (count == 0)
            throw new IllegalArgumentException("the window [" + lo + ", " + hi + "] in " + axis
                    + " holds no grid node; widen it (the grid spacing is " + (nodes[1] - nodes[0]) + ")");
        int[] idx = new int[(count + stride - 1) / stride];
        for (int a = 0; a < idx.length; a++) idx[a] = first + a * stride;
        return idx;
    }

    private static String description(Params p) {
        String eq = "u_t + l1*(u*u_x + v*u_y) = -p_x + l2*(u_xx + u_yy); v_t + l1*(u*v_x + v*v_y) = -p_y + l2*(v_xx +"
                + " v_yy); u_x + v_y = 0";
        String setup = p.radius() > 0
                ? "wake of a Brinkman-penalised disc (centre (" + p.discX() + ", " + p.discY() + "), radius "
                        + p.radius() + ", edge width " + p.maskWidth() + ", eta " + p.eta()
                        + ") with an inflow fringe on [" + p.spongeStart() + ", " + p.lengthX()
                        + ") restoring (U, 0) = ("
                        + p.inflow() + ", 0)"
                : "periodic flow without obstacle or fringe";
        return "2-D incompressible Navier-Stokes, " + eq + "; the data window has no forcing; periodic box "
                + p.lengthX() + " x " + p.lengthY() + ", " + setup + "; "
                + p.omega0().description()
                + "; vorticity-stream function, Fourier pseudo-spectral with the 2/3 rule + ETDRK4; p_true is the"
                + " zero-mean pressure, w_true = v_x - u_y";
    }
}
