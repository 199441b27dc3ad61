package dev.mollify.pde.pinn;

import dev.mollify.pde.forward.GridField;
import dev.mollify.pde.forward.HeatSolver;
import dev.mollify.pde.forward.Sampling;
import dev.mollify.pde.spec.Domain;
import dev.mollify.pde.spec.PdeSpec;

import java.util.Locale;

/**
 * Heat identification, u_t = D·u_xx with D = 0.1 (issue #5's acceptance row), by every route.
 * Arguments as key=value, defaults in brackets: {@code routes=[mollifier,autodiff,fd] noise=[0.01,0.05]
 * nx=[65] nt=[33] hidden=[32,32] adam=[300] lbfgs=[1500] lr=[5e-3] delta=[0.1] learnable=[false] seed=[1]}.
 * The defaults are the CI size of {@code HeatInverseTest}; {@code -Dheatdemo.verbose=true} adds the loss terms.
 *
 * <pre>
 *   java -cp pde/target/classes:… dev.mollify.pde.pinn.HeatDemo nx=129 nt=65 lbfgs=3000
 * </pre>
 * Prints, per route and noise level, D, its relative error, the fit's time per Adam step and the
 * peak live tensor memory of one gradient evaluation.
 */
public final class HeatDemo {
    private HeatDemo() {}

    /** One run's outcome. */
    public record Row(String route, double noise, double d, double relError, double secondsPerStep, long peakBytes,
                      double algebraicMedian, double totalSeconds) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%-9s noise %4.1f%%  D = %.6f  error %6.3f%%  algebraic %s  %7.2f ms/step  peak %7.2f MiB  total %.1f s",
                    route, 100 * noise, d, 100 * relError, Double.isNaN(algebraicMedian) ? "-" : String.format(Locale.ROOT, "%.4f", algebraicMedian),
                    1e3 * secondsPerStep, peakBytes / 1048576.0, totalSeconds);
        }
    }

    /** Settings of one run. */
    public record Config(int nx, int nt, int[] hidden, int adam, int lbfgs, double lr, double delta, boolean learnable, long seed) {
        public static Config defaults() {
            return new Config(65, 33, new int[] {32, 32}, 300, 1500, 5e-3, 0.1, false, 1);
        }
    }

    /** Noise-free heat data, D = 0.1 on [0, 1]², nx × nt nodes, layout (t, x). */
    public static GridField cleanData(int nx, int nt) {
        HeatSolver.Params p = HeatSolver.Params.defaults().withGrid(nx, Math.max(1, 256 / (nx - 1))).withTime(1, nt, 0);
        return HeatSolver.solve(p);
    }

    /** The heat spec with D unknown (initial guess 0.05). */
    public static PdeSpec spec() {
        return PdeSpec.parse("u_t = D*u_xx").domain(Domain.interval1dTime(0, 1, 0, 1)).unknown("D", 0.05).build();
    }

    /** Builds the route by name. */
    public static DerivativeRoute route(String name, Config c) {
        switch (name) {
            case "mollifier": return DerivativeRoute.mollifier(c.delta()).learnable(c.learnable()).build();
            case "autodiff": return DerivativeRoute.autodiff();
            case "fd": return DerivativeRoute.finiteDifferences();
            default: throw new IllegalArgumentException("unknown route '" + name + "': mollifier, autodiff or fd");
        }
    }

    /** Fits one route to noisy data and measures it. */
    public static Row run(String routeName, double noise, Config c) {
        GridField data = Sampling.addNoise(cleanData(c.nx(), c.nt()), noise, 7 + c.seed());
        Pinn net = Pinn.builder(Domain.interval1dTime(0, 1, 0, 1)).hidden(c.hidden()).seed(c.seed()).build();
        InverseProblem p = InverseProblem.builder(spec(), net).observe("u", Observations.grid(data)).route(route(routeName, c)).build();
        long t0 = System.nanoTime();
        InverseProblem.FitResult fit = p.fit(c.adam(), c.lr(), c.lbfgs());
        double total = (System.nanoTime() - t0) * 1e-9;
        double d = fit.unknowns().get("D");
        InverseProblem.StepCost cost = p.measureStep(3);
        if (Boolean.getBoolean("heatdemo.verbose")) {
            InverseProblem.Loss l = p.loss();
            System.out.printf(Locale.ROOT, "  %s: data %.3e residual %.3e, L-BFGS %d evaluations in %.1f s, adam %.2f ms/step, loss %s%n",
                    p.route().describe(), l.terms().get("data").item(), l.terms().get("residual").item(), fit.lbfgsEvaluations(),
                    fit.lbfgsSeconds(), 1e3 * fit.adamSecondsPerStep(), fit.history().get(fit.history().size() - 1));
        }
        double alg = Double.NaN;
        if (!routeName.equals("autodiff")) alg = p.recoverSeparable("u_t", "u_xx", 0.2).median();
        return new Row(routeName, noise, d, Math.abs(d - 0.1) / 0.1, cost.seconds(), cost.peakLiveBytes(), alg, total);
    }

    public static void main(String[] args) {
        Config c = Config.defaults();
        String routes = "mollifier,autodiff,fd";
        String noises = "0.01,0.05";
        int nx = c.nx(), nt = c.nt(), adam = c.adam(), lbfgs = c.lbfgs();
        int[] hidden = c.hidden();
        double lr = c.lr(), delta = c.delta();
        boolean learn = c.learnable();
        long seed = c.seed();
        for (String a : args) {
            String[] kv = a.split("=", 2);
            if (kv.length != 2) throw new IllegalArgumentException("arguments are key=value, got '" + a + "'");
            switch (kv[0]) {
                case "routes": routes = kv[1]; break;
                case "noise": noises = kv[1]; break;
                case "nx": nx = Integer.parseInt(kv[1]); break;
                case "nt": nt = Integer.parseInt(kv[1]); break;
                case "hidden": {
                    String[] w = kv[1].split(",");
                    hidden = new int[w.length];
                    for (int i = 0; i < w.length; i++) hidden[i] = Integer.parseInt(w[i]);
                    break;
                }
                case "adam": adam = Integer.parseInt(kv[1]); break;
                case "lbfgs": lbfgs = Integer.parseInt(kv[1]); break;
                case "lr": lr = Double.parseDouble(kv[1]); break;
                case "delta": delta = Double.parseDouble(kv[1]); break;
                case "learnable": learn = Boolean.parseBoolean(kv[1]); break;
                case "seed": seed = Long.parseLong(kv[1]); break;
                default: throw new IllegalArgumentException("unknown key '" + kv[0] + "'");
            }
        }
        Config cfg = new Config(nx, nt, hidden, adam, lbfgs, lr, delta, learn, seed);
        for (String n : noises.split(",")) {
            for (String r : routes.split(",")) System.out.println(run(r, Double.parseDouble(n), cfg));
        }
    }
}
