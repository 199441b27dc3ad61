package dev.mollify.tests.acceptance;

import dev.mollify.pde.forward.ChromatinSolver;
import dev.mollify.pde.forward.GridField;
import dev.mollify.pde.forward.Sampling;
import dev.mollify.pde.pinn.InverseProblem;
import dev.mollify.pde.pinn.Observations;
import dev.mollify.pde.pinn.Pinn;
import dev.mollify.pde.spec.Domain;
import dev.mollify.pde.spec.KnownField;
import dev.mollify.pde.spec.PdeSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Acceptance row: the steady chromatin phase field (docs/math.md, "Test problems", fourth order,
 * 2-D) with the reaction ratio λ unknown — first the constant λ = 1 (bound: within 5 %), then the
 * smooth field λ(x,y) = 1 + 0.5 sin(2πx/10) sin(2πy/10) (bound: correlation ≥ 0.9), 1 % noise.
 *
 * <p>The equation. With φ = φ_d, s = φ_h = (1 − w + φ)/2, e = φ_e = (1 − w − φ)/2 and w = φ_w
 * the known water fraction, μ_d = −e + G(s) − ε²∇²φ with G(s) = s(0.7 − s)(0.7 − 2s), and the
 * steady residual ∇²μ_d + 2(λe − s) = 0. The PDE text has no operator for ∇² of an expression, so
 * ∇²μ_d is expanded by the chain rule (G′(s) = 0.49 − 4.2s + 6s², G″(s) = 12s − 4.2, ∇s = (∇φ − ∇w)/2):
 * <pre>
 *   0 = (lap(w) + lap(phi))/2 + G′(s)·(lap(phi) − lap(w))/2 + G″(s)·((phi_x − w_x)² + (phi_y − w_y)²)/4
 *       − eps2·bilap(phi) + 2(λ·e − s)
 * </pre>
 * with w, w_x, w_y and lap(w) known fields (the solver's default φ_w = 0.2 + 0.1 cos(2πx/10)
 * cos(2πy/10), differentiated by hand) and eps2 = ε² = 0.0009. λ multiplies 2e ≈ 0.8 everywhere,
 * so it is identifiable at every node: no mask.
 *
 * <p>Data: the default {@link ChromatinSolver} data sets (201 × 201 on the periodic box [0, 10]²),
 * every {@code stride}-th node per axis ({@link Sampling#coarsen}), then Gaussian noise
 * σ = r·std(φ_d) ({@link Sampling#addNoise}, seed 23 + seed). Model: a tanh MLP (x, y) → φ_d; the
 * constant λ is a positive unknown scalar (softplus, initial guess 0.5), the field λ a second small
 * tanh MLP ({@link Pinn.Builder#separateUnknownNetwork}).
 *
 * <p>Full size (prints one {@link RowResult} per case and route):
 * <pre>
 *   java --add-modules jdk.incubator.vector -cp tests/target/classes:$(cat tests/target/classpath.txt) dev.mollify.tests.acceptance.ChromatinRow
 *   java … dev.mollify.tests.acceptance.ChromatinRow ci=true cases=field routes=mollifier adam=2000   (overrides: see main)
 * </pre>
 */
public final class ChromatinRow {
    /** Interface parameter ε of the default data (docs/math.md, "Test problems"). */
    public static final double EPS = 0.03;
    /** Side of the periodic box. */
    public static final double LENGTH = 10;

    private ChromatinRow() {}

    /** The two cases of the row. */
    public enum Lambda {
        /** λ = 1, recovered as one unknown scalar. */
        CONSTANT,
        /** λ(x,y) = 1 + 0.5 sin(2πx/10) sin(2πy/10), recovered as an unknown field. */
        FIELD
    }

    /**
     * Settings of one run.
     *
     * @param lambda         which case
     * @param stride         keep every stride-th node per axis of the 201 × 201 data (divisors of 200 keep the edges)
     * @param hidden         hidden widths of the tanh MLP (x, y) → φ_d
     * @param lambdaHidden   hidden widths of the tanh MLP (x, y) → λ (field case)
     * @param adamSteps      Adam steps, rate decaying from {@code lr} to {@code lr·lrDecay}
     * @param lr             initial Adam learning rate
     * @param lrDecay        final / initial Adam rate
     * @param lbfgsIters     L-BFGS iterations after Adam
     * @param delta          mollifier width δ (physical units, both axes)
     * @param residualWeight weight of the residual term (data weight 1)
     * @param seed           network initialisation and noise seed
     */
    public record Config(
            Lambda lambda,
            int stride,
            int[] hidden,
            int[] lambdaHidden,
            int adamSteps,
            double lr,
            double lrDecay,
            int lbfgsIters,
            double delta,
            double residualWeight,
            long seed) {
        public Config {
            if (lambda == null) throw new IllegalArgumentException("choose a case: Lambda.CONSTANT or Lambda.FIELD");
            if (stride < 1 || 200 % stride != 0)
                throw new IllegalArgumentException("stride must divide 200 (to keep the edges), got " + stride);
            if (!(delta > 0)) throw new IllegalArgumentException("δ must be > 0, got " + delta);
            hidden = hidden.clone();
            lambdaHidden = lambdaHidden.clone();
        }

        /** The CI size of {@code ChromatinInverseTest} (constant λ; {@link #with} switches the case): 26 × 26 nodes. */
        public static Config ci() {
            return new Config(
                    Lambda.CONSTANT, 8, new int[] {32, 32}, new int[] {16, 16}, 500, 5e-3, 0.1, 500, 0.8, 1, 1);
        }

        /** The documented full-size run: all 201 × 201 nodes. */
        public static Config full() {
            return new Config(
                    Lambda.CONSTANT, 1, new int[] {32, 32, 32}, new int[] {16, 16}, 3000, 3e-3, 0.1, 2000, 0.3, 1, 1);
        }

        /** The same settings for the other case. */
        public Config with(Lambda c) {
            return new Config(
                    c, stride, hidden, lambdaHidden, adamSteps, lr, lrDecay, lbfgsIters, delta, residualWeight, seed);
        }

        /** The same settings with another training budget (e.g. a shorter autodiff run in CI). */
        public Config withBudget(int adam, int lbfgs) {
            return new Config(
                    lambda, stride, hidden, lambdaHidden, adam, lr, lrDecay, lbfgs, delta, residualWeight, seed);
        }

        @Override
        public int[] hidden() {
            return hidden.clone();
        }

        @Override
        public int[] lambdaHidden() {
            return lambdaHidden.clone();
        }

        FieldRowFit.Training training() {
            return new FieldRowFit.Training(adamSteps, lr, lrDecay, lbfgsIters, residualWeight, seed);
        }

        @Override
        public String toString() {
            int n = 200 / stride + 1;
            return lambda + " λ, " + n + " × " + n + " nodes, hidden " + Arrays.toString(hidden)
                    + (lambda == Lambda.FIELD ? ", λ hidden " + Arrays.toString(lambdaHidden) : "") + ", Adam "
                    + adamSteps + " at " + lr
                    + " → " + lr * lrDecay + ", L-BFGS " + lbfgsIters + ", δ = " + delta + ", residual weight "
                    + residualWeight + ", seed " + seed;
        }
    }

    /** The forward solution of a case on the default 201 × 201 grid. */
    public static ChromatinSolver.Result truth(Lambda c) {
        return ChromatinSolver.solve(
                c == Lambda.CONSTANT
                        ? ChromatinSolver.Params.defaults()
                        : ChromatinSolver.Params.defaultsVaryingLambda());
    }

    /** The steady residual with s = φ_h and e = φ_e written out (see the class comment). */
    static String equation(Lambda c) {
        String s = "((1 - w(x,y) + phi)/2)";
        String e = "((1 - w(x,y) - phi)/2)";
        String lam = c == Lambda.CONSTANT ? "lam" : "lam(x,y)";
        return ("0 = (lw(x,y) + lap(phi))/2 + (0.49 - 4.2*S + 6*S^2)*(lap(phi) - lw(x,y))/2"
                        + " + (12*S - 4.2)*((phi_x - wx(x,y))^2 + (phi_y - wy(x,y))^2)/4"
                        + " - eps2*bilap(phi) + 2*(LAM*E - S)")
                .replace("S", s)
                .replace("E", e)
                .replace("LAM", lam);
    }

    /** The spec of a case on [0, 10]², with φ_w = 0.2 + 0.1 cos(2πx/10) cos(2πy/10) and its derivatives known. */
    public static PdeSpec spec(Lambda c) {
        double q = 2 * Math.PI / LENGTH;
        PdeSpec.Builder b = PdeSpec.parse(equation(c))
                .domain(Domain.box2d(0, LENGTH, 0, LENGTH))
                .constant("eps2", EPS * EPS)
                .knownField("w", KnownField.pointwise((x, y) -> 0.2 + 0.1 * Math.cos(q * x) * Math.cos(q * y)))
                .knownField("wx", KnownField.pointwise((x, y) -> -0.1 * q * Math.sin(q * x) * Math.cos(q * y)))
                .knownField("wy", KnownField.pointwise((x, y) -> -0.1 * q * Math.cos(q * x) * Math.sin(q * y)))
                .knownField("lw", KnownField.pointwise((x, y) -> -0.2 * q * q * Math.cos(q * x) * Math.cos(q * y)));
        if (c == Lambda.CONSTANT) b.unknownPositive("lam", 0.5);
        else b.unknownField("lam");
        return b.build();
    }

    /** Fits one route to noisy data of the config's case and scores the recovered λ. */
    public static RowResult run(String route, double noise, Config c) {
        ChromatinSolver.Result t = truth(c.lambda());
        GridField phi = Sampling.addNoise(Sampling.coarsen(t.phiD(), c.stride(), c.stride()), noise, 23 + c.seed());
        double[] lamTrue = Sampling.coarsen(t.lambda(), c.stride(), c.stride()).values();
        Pinn.Builder net = Pinn.builder(Domain.box2d(0, LENGTH, 0, LENGTH))
                .fields("phi")
                .hidden(c.hidden())
                .seed(c.seed());
        if (c.lambda() == Lambda.FIELD) net.unknownFields("lam").separateUnknownNetwork(c.lambdaHidden());
        InverseProblem p = InverseProblem.builder(spec(c.lambda()), net.build())
                .observe("phi", Observations.grid(phi))
                .route(FieldRowFit.route(route, c.delta()))
                .weights(1, c.residualWeight())
                .build();
        String problem = c.lambda() == Lambda.CONSTANT ? "chromatin" : "chromatin-field";
        double seconds = FieldRowFit.train(
                problem + " " + route + " noise " + noise,
                p,
                c.training(),
                () -> c.lambda() == Lambda.CONSTANT
                        ? String.format(Locale.ROOT, "λ = %.5f", p.report().get("lam"))
                        : String.format(
                                Locale.ROOT,
                                "λ correlation %.4f, rel. L2 %.4f",
                                FieldAgreement.correlation(FieldRowFit.unknownField(p, "lam"), lamTrue, null),
                                FieldAgreement.relativeL2(FieldRowFit.unknownField(p, "lam"), lamTrue, null)));
        Map<String, Double> recovered = new LinkedHashMap<>();
        Map<String, Double> errors = new LinkedHashMap<>();
        if (c.lambda() == Lambda.CONSTANT) {
            double lam = p.report().get("lam");
            recovered.put("lambda", lam);
            errors.put("lambda", Math.abs(lam - 1));
        } else {
            double[] lam = FieldRowFit.unknownField(p, "lam");
            recovered.put("lambda.mean", FieldAgreement.mean(lam, null));
            recovered.put("lambda.min", Arrays.stream(lam).min().orElse(Double.NaN));
            recovered.put("lambda.max", Arrays.stream(lam).max().orElse(Double.NaN));
            errors.put("lambda.correlation", FieldAgreement.correlation(lam, lamTrue, null));
            errors.put("lambda.relL2", FieldAgreement.relativeL2(lam, lamTrue, null));
        }
        InverseProblem.StepCost cost = p.measureStep(3);
        return new RowResult(problem, route, noise, recovered, errors, cost.seconds(), cost.peakLiveBytes(), seconds);
    }

    /**
     * Runs the row and prints one line per case and route. Arguments {@code key=value}: {@code ci=true}
     * (start from the CI config instead of the full one), {@code cases=constant,field},
     * {@code routes=mollifier,autodiff}, {@code noise=0.01}, and overrides of the config's fields:
     * stride, hidden, lhidden, adam, lr, decay, lbfgs, delta, rweight, seed.
     */
    public static void main(String[] args) {
        String cases = "constant,field";
        List<String> rest = new ArrayList<>();
        for (String arg : args) {
            if (arg.startsWith("cases=")) cases = arg.substring("cases=".length());
            else rest.add(arg);
        }
        RowArgs a = RowArgs.parse(rest.toArray(new String[0]), "mollifier,autodiff", "0.01");
        Config base = a.flag("ci") ? Config.ci() : Config.full();
        Config c = new Config(
                Lambda.CONSTANT,
                a.integer("stride", base.stride()),
                a.widths("hidden", base.hidden()),
                a.widths("lhidden", base.lambdaHidden()),
                a.integer("adam", base.adamSteps()),
                a.real("lr", base.lr()),
                a.real("decay", base.lrDecay()),
                a.integer("lbfgs", base.lbfgsIters()),
                a.real("delta", base.delta()),
                a.real("rweight", base.residualWeight()),
                a.integer("seed", (int) base.seed()));
        a.finish();
        for (String name : cases.split(",")) {
            Config cc = c.with(Lambda.valueOf(name.toUpperCase(Locale.ROOT)));
            System.out.println("chromatin, " + cc);
            for (double noise : a.noises()) {
                for (String r : a.routes()) System.out.println(run(r, noise, cc));
            }
        }
    }
}
