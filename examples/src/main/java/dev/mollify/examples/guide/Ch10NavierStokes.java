package dev.mollify.examples.guide;

import dev.mollify.autograd.Autograd;
import dev.mollify.autograd.Var;
import dev.mollify.pde.fit.DataFit;
import dev.mollify.pde.forward.GridField;
import dev.mollify.pde.forward.NavierStokes2D;
import dev.mollify.pde.pinn.Grid;
import dev.mollify.pde.pinn.InverseProblem;
import dev.mollify.pde.pinn.Pinn;
import dev.mollify.tensor.Rng;
import dev.mollify.tensor.Tensor;
import java.util.List;
import java.util.Locale;

/**
 * Chapter 10: the wake behind a disc, the Navier–Stokes equations with the pressure unmeasured. The solver of
 * {@code mollify generate --problem navier-stokes} writes the flow in a window behind the disc; the example keeps
 * 2,000 random samples of the velocity (u, v) with 1 % noise, recovers the advection coefficient l1 and the viscosity
 * l2 with {@link DataFit}, learns the pressure from the equations alone, and draws vorticity and streamlines of the
 * data, of the fit, and the fit's residual (docs/guide/10-navier-stokes.md).
 */
public final class Ch10NavierStokes {
    private Ch10NavierStokes() {}

    static final double NOISE = 0.01; // 1 % of each field's spread
    static final long SEED = 1;

    // guide: pde
    static final String NAVIER_STOKES = "u_t + l1*(u*u_x + v*u_y) = -p_x + l2*(u_xx + u_yy); "
            + "v_t + l1*(u*v_x + v*v_y) = -p_y + l2*(v_xx + v_yy); "
            + "u_x + v_y = 0";
    // guide: end

    /**
     * Runs the chapter's example.
     *
     * @param args none for the guide's check (2,000 samples, a 16-node collocation grid per axis, 300 Adam steps and
     *     100 L-BFGS iterations, about half a minute); {@code full} for the defaults of {@code mollify fit} on 5,000
     *     samples (about 20 minutes on 2 cores)
     */
    public static void main(String[] args) {
        boolean full = args.length > 0 && args[0].equals("full");
        int samples = full ? 5000 : 2000;
        // guide: solve
        NavierStokes2D.Params params = NavierStokes2D.Params.defaults(); // Re = 100, l1 = 1, l2 = 0.01
        NavierStokes2D.Result flow = NavierStokes2D.solve(params); // u, v, p, ω on (t, y, x), window behind the disc
        // guide: end
        GridField u = flow.u();
        double[] ts = u.axis("t"), ys = u.axis("y"), xs = u.axis("x");
        int nt = ts.length, ny = ys.length, nx = xs.length;
        System.out.println("== data ==");
        System.out.println(String.format(
                Locale.ROOT,
                "wake window x in [%.0f, %.0f], y in [%.0f, %.0f], %d times in [%.1f, %.1f]: %d x %d x %d nodes",
                xs[0],
                xs[nx - 1],
                ys[0],
                ys[ny - 1],
                nt,
                ts[0],
                ts[nt - 1],
                nt,
                ny,
                nx));

        // 2,000 distinct random nodes, u and v with noise of 1 % of each field's spread; p stays unmeasured
        Rng rng = new Rng(SEED);
        int[] rows = sample(u.size(), samples, rng);
        double[][] cols = new double[5][samples];
        double[] pTrue = new double[samples];
        double su = NOISE * u.std(), sv = NOISE * flow.v().std();
        for (int k = 0; k < samples; k++) {
            int flat = rows[k];
            cols[0][k] = xs[flat % nx];
            cols[1][k] = ys[(flat / nx) % ny];
            cols[2][k] = ts[flat / (nx * ny)];
            cols[3][k] = u.get(flat) + su * rng.nextGaussian();
            cols[4][k] = flow.v().get(flat) + sv * rng.nextGaussian();
            pTrue[k] = flow.p().get(flat);
        }
        System.out.println(String.format(
                Locale.ROOT, "%d samples of (u, v), noise sigma u %.4f, v %.4f; p not measured", samples, su, sv));

        System.out.println("== fit ==");
        // guide: fit
        DataFit.Builder fit = DataFit.builder()
                .arrays(new String[] {"x", "y", "t", "u", "v"}, cols)
                .pde(NAVIER_STOKES) // p is in the equations but not in the data: an unmeasured field
                .unknown("l1")
                .unknown("l2")
                .positive("l2")
                .truth("l1", params.advection())
                .truth("l2", params.viscosity())
                .seed(SEED);
        if (!full) fit.gridSize(16).adamSteps(300).lbfgsIterations(100).timeBudget(0); // the check: small, fixed steps
        DataFit.Result r = fit.build().run();
        // guide: end
        InverseProblem problem = r.problem();
        Pinn net = problem.model();
        System.out.println("network: hidden layers " + widths(r.setup().hidden()) + " (tanh), collocation grid "
                + shape(problem.grid()));
        for (String name : List.of("l1", "l2")) {
            double v = r.values().get(name), truth = name.equals("l1") ? params.advection() : params.viscosity();
            System.out.println(String.format(
                    Locale.ROOT,
                    "%s = %.4f (true %.4f, %.1f %% off; start from the data %.4f)",
                    name,
                    v,
                    truth,
                    100 * Math.abs(v - truth) / truth,
                    r.setup().start().get(name)));
        }
        double[] pFit = at(net, cols, "p");
        System.out.println(String.format(
                Locale.ROOT,
                "pressure: correlation with the truth %.3f (each time's mean removed)",
                correlationPerTime(pFit, pTrue, cols[2])));
        System.out.println("training: " + r.training().steps() + " steps");
        System.out.println("== warnings ==");
        if (r.warnings().isEmpty()) System.out.println("(none)");
        for (String w : r.warnings()) System.out.println("- " + w);

        // the snapshot halfway through the record, on the window's nodes
        int it = nt / 2;
        double[][] truthU = slice(u, it), truthV = slice(flow.v(), it), truthW = slice(flow.w(), it);
        double[][][] fitted = fittedSlice(net, xs, ys, ts[it]);
        int residualNode = nearestTime(problem.grid(), ts[it]);
        double residualTime = timeAxis(problem.grid())[residualNode];
        double[][] residual = residualSlice(problem, residualNode);
        System.out.println("== plot ==");
        System.out.println(String.format(
                Locale.ROOT,
                "t = %.1f: vorticity max |w| data %.2f, fit %.2f; momentum residual RMS %.3g",
                ts[it],
                maxAbs(truthW),
                maxAbs(fitted[2]),
                rms(residual)));
        FlowPlot.save(
                "ch10-wake",
                String.format(Locale.ROOT, "t = %.1f", ts[it]),
                xs,
                ys,
                List.of(
                        new FlowPlot.Panel("data: vorticity, streamlines", truthW, truthU, truthV, true),
                        new FlowPlot.Panel("fit: vorticity, streamlines", fitted[2], fitted[0], fitted[1], true),
                        new FlowPlot.Panel(
                                String.format(Locale.ROOT, "fit: momentum residual |r| (t = %.2f)", residualTime),
                                residual,
                                fitted[0],
                                fitted[1],
                                false)));
    }

    /** {@code k} distinct indices of {@code [0, n)}, a partial Fisher–Yates shuffle. */
    static int[] sample(int n, int k, Rng rng) {
        int[] all = new int[n];
        for (int i = 0; i < n; i++) all[i] = i;
        for (int i = 0; i < k; i++) {
            int j = i + rng.nextInt(n - i);
            int s = all[i];
            all[i] = all[j];
            all[j] = s;
        }
        return java.util.Arrays.copyOf(all, k);
    }

    /** The network's output {@code name} at the rows of {@code cols} (x, y, t first). */
    static double[] at(Pinn net, double[][] cols, String name) {
        return net.output(net.forward(Var.constant(points(net, cols[0], cols[1], cols[2]))), name)
                .value()
                .toDoubleArray();
    }

    /** Points as the network takes them, one row per point, its coordinates in {@link Pinn#coordinates()} order. */
    static Tensor points(Pinn net, double[] x, double[] y, double[] t) {
        List<String> order = net.coordinates();
        int n = x.length, d = order.size();
        double[] at = new double[n * d];
        for (int c = 0; c < d; c++) {
            double[] col = switch (order.get(c)) {
                case "x" -> x;
                case "y" -> y;
                default -> t;
            };
            for (int i = 0; i < n; i++) at[i * d + c] = col[i];
        }
        return Tensor.of(at, n, d);
    }

    /**
     * The fit's u, v and vorticity ω = v_x − u_y on the nodes (y, x) at time {@code t}: the network's outputs and
     * their first derivatives by reverse mode.
     */
    static double[][][] fittedSlice(Pinn net, double[] xs, double[] ys, double t) {
        int nx = xs.length, ny = ys.length, n = nx * ny;
        double[] x = new double[n], y = new double[n], tt = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = xs[i % nx];
            y[i] = ys[i / nx];
            tt[i] = t;
        }
        Var pts = Var.param(points(net, x, y, tt));
        Var uu = net.output(net.forward(pts), "u"), vv = net.output(net.forward(pts), "v"); // one graph per gradient
        double[] du = Autograd.grad(uu.sum(), pts).value().toDoubleArray();
        double[] dv = Autograd.grad(vv.sum(), pts).value().toDoubleArray();
        int d = net.coordinates().size(),
                cx = net.coordinates().indexOf("x"),
                cy = net.coordinates().indexOf("y");
        double[] uv = uu.value().toDoubleArray(), vvv = vv.value().toDoubleArray();
        double[][][] f = new double[3][ny][nx];
        for (int i = 0; i < n; i++) {
            f[0][i / nx][i % nx] = uv[i];
            f[1][i / nx][i % nx] = vvv[i];
            f[2][i / nx][i % nx] = dv[i * d + cx] - du[i * d + cy]; // ω = v_x − u_y
        }
        return f;
    }

    /**
     * |r| = √(r_u² + r_v²) of the two momentum equations exactly as the fit's loss evaluates them over its collocation
     * grid, at its time node {@code k}; rows y, columns x.
     */
    static double[][] residualSlice(InverseProblem problem, int k) {
        Grid g = problem.grid();
        List<String> names = g.axisNames();
        int[] shape = g.shape();
        List<Var> rs = problem.spec().residuals(problem.loss().evaluation().bindings(), problem.unknowns());
        double[] ru = rs.get(0).value().toDoubleArray(), rv = rs.get(1).value().toDoubleArray();
        int ax = names.indexOf("x"), ay = names.indexOf("y"), at = names.indexOf("t");
        double[][] out = new double[shape[ay]][shape[ax]];
        int[] idx = new int[shape.length];
        idx[at] = k;
        for (int j = 0; j < shape[ay]; j++)
            for (int i = 0; i < shape[ax]; i++) {
                idx[ay] = j;
                idx[ax] = i;
                int flat = 0;
                for (int a = 0; a < shape.length; a++) flat = flat * shape[a] + idx[a];
                out[j][i] = Math.hypot(ru[flat], rv[flat]);
            }
        return out;
    }

    /** The index of the collocation grid's time node nearest {@code t}. */
    static int nearestTime(Grid g, double t) {
        double[] times = timeAxis(g);
        int k = 0;
        for (int i = 1; i < times.length; i++) if (Math.abs(times[i] - t) < Math.abs(times[k] - t)) k = i;
        return k;
    }

    /** The collocation grid's time nodes. */
    static double[] timeAxis(Grid g) {
        return g.axes().get(g.axisNames().indexOf("t"));
    }

    /** A field at time index {@code it}: rows y, columns x. */
    static double[][] slice(GridField f, int it) {
        int ny = f.axis("y").length, nx = f.axis("x").length;
        double[][] s = new double[ny][nx];
        for (int j = 0; j < ny; j++) for (int i = 0; i < nx; i++) s[j][i] = f.at(it, j, i);
        return s;
    }

    /** Pearson correlation of {@code a} and {@code b} after removing each one's mean over the rows of each time. */
    static double correlationPerTime(double[] a, double[] b, double[] t) {
        java.util.Map<Double, double[]> means = new java.util.HashMap<>();
        for (int i = 0; i < t.length; i++) {
            double[] m = means.computeIfAbsent(t[i], k -> new double[3]);
            m[0] += a[i];
            m[1] += b[i];
            m[2]++;
        }
        double sab = 0, saa = 0, sbb = 0;
        for (int i = 0; i < t.length; i++) {
            double[] m = means.get(t[i]);
            double da = a[i] - m[0] / m[2], db = b[i] - m[1] / m[2];
            sab += da * db;
            saa += da * da;
            sbb += db * db;
        }
        return sab / Math.sqrt(saa * sbb);
    }

    static String shape(Grid g) {
        StringBuilder s = new StringBuilder();
        for (int a = 0; a < g.shape().length; a++)
            s.append(a == 0 ? "" : " x ")
                    .append(g.shape()[a])
                    .append(' ')
                    .append(g.axisNames().get(a));
        return s.toString();
    }

    static String widths(int[] hidden) {
        StringBuilder s = new StringBuilder();
        for (int h : hidden) s.append(s.length() == 0 ? "" : ", ").append(h);
        return s.toString();
    }

    static double maxAbs(double[][] f) {
        double m = 0;
        for (double[] row : f) for (double v : row) m = Math.max(m, Math.abs(v));
        return m;
    }

    static double rms(double[][] f) {
        double s = 0;
        int n = 0;
        for (double[] row : f)
            for (double v : row) {
                s += v * v;
                n++;
            }
        return Math.sqrt(s / n);
    }
}
