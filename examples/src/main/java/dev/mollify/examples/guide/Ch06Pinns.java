package dev.mollify.examples.guide;

import dev.mollify.autograd.train.Phase;
import dev.mollify.autograd.train.StepRecord;
import dev.mollify.autograd.train.TrainingResult;
import dev.mollify.pde.forward.GridField;
import dev.mollify.pde.forward.HeatSolver;
import dev.mollify.pde.forward.Sampling;
import dev.mollify.pde.pinn.DerivativeRoute;
import dev.mollify.pde.pinn.InverseProblem;
import dev.mollify.pde.pinn.Observations;
import dev.mollify.pde.pinn.Pinn;
import dev.mollify.pde.spec.Domain;
import dev.mollify.pde.spec.PdeSpec;
import java.util.Locale;
import org.knowm.xchart.XYChart;

/**
 * Chapter 6: physics-informed networks on the heat equation u_t = D·u_xx. The equation is written as
 * text ({@link PdeSpec}); the forward problem learns u from its initial and boundary values with D
 * known; the inverse problem learns D from noisy measurements inside the domain. Both train with the
 * project's {@code Trainer}: Adam, then L-BFGS.
 */
public final class Ch06Pinns {
    static final Domain BOX = Domain.interval1dTime(0, 1, 0, 1); // x ∈ [0, 1], t ∈ [0, 1]
    static final double D_TRUE = 0.1; // HeatSolver's default data: D = 0.1
    static final int NX = 33, NT = 17;

    public static void main(String[] args) {
        GridField clean = HeatSolver.defaultData(NX, NT); // u(x, t) on 17 t × 33 x, layout (t, x)

        System.out.println("== spec ==");
        // guide: spec
        PdeSpec inverseSpec = PdeSpec.parse("u_t = D*u_xx")
                .domain(BOX)
                .unknownPositive("D", 0.05)
                .build();
        // guide: end
        System.out.println("equation:    " + inverseSpec.text());
        System.out.println("coordinates: " + inverseSpec.coordinates());
        System.out.println("derivatives: " + inverseSpec.requiredDerivatives());
        System.out.println("unknowns:    " + inverseSpec.unknowns().get(0).name() + " (positive, guess 0.05)");

        TrainingResult f = forward(clean);
        TrainingResult i = inverse(clean);
        System.out.println("== time ==");
        System.out.println(String.format(Locale.ROOT, "forward: %.1f s, inverse: %.1f s", f.seconds(), i.seconds()));
    }

    /** Forward: D known, u learned from u(x, 0) and u(0, t), u(1, t) alone; compared with the exact solution. */
    static TrainingResult forward(GridField clean) {
        System.out.println("== forward ==");
        boolean[] edges = new boolean[clean.size()];
        for (int k = 0; k < edges.length; k++) {
            int it = k / NX, ix = k % NX;
            edges[k] = it == 0 || ix == 0 || ix == NX - 1; // t = 0, x = 0, x = 1
        }
        // guide: forward
        PdeSpec spec =
                PdeSpec.parse("u_t = D*u_xx").domain(BOX).constant("D", D_TRUE).build();
        Pinn net = Pinn.builder(BOX).hidden(16, 16).seed(1).build();
        InverseProblem p = InverseProblem.builder(spec, net)
                .observe("u", Observations.masked(clean, edges)) // the only data: initial and boundary values
                .route(DerivativeRoute.autodiff())
                .build();
        TrainingResult r = p.trainer()
                .adamSteps(300)
                .lr(1e-2)
                .lbfgsIterations(300)
                .seed(1)
                .build()
                .run();
        // guide: end
        printSteps(r, "", "forward");
        double[] u = p.model()
                .output(p.model().forward(dev.mollify.autograd.Var.constant(gridPoints(clean))), "u")
                .value()
                .toDoubleArray();
        double[] exact = clean.values();
        System.out.println(String.format(
                Locale.ROOT, "relative L2 error of u against the exact solution: %.1f %%", 100 * relL2(u, exact)));
        plotForward(clean, u);
        return r;
    }

    /** Inverse: D unknown (guess 0.05), u measured on the whole grid with 1 % noise. */
    static TrainingResult inverse(GridField clean) {
        System.out.println("== inverse ==");
        // guide: inverse
        GridField noisy = Sampling.addNoise(clean, 0.01, 7); // σ = 0.01·std(u), seed 7
        PdeSpec spec = PdeSpec.parse("u_t = D*u_xx")
                .domain(BOX)
                .unknownPositive("D", 0.05)
                .build();
        Pinn net = Pinn.builder(BOX).hidden(16, 16).seed(1).build();
        InverseProblem p = InverseProblem.builder(spec, net)
                .observe("u", Observations.grid(noisy))
                .route(DerivativeRoute.mollifier(0.1).build()) // û = u ∗ η_δ, û_t = u ∗ ∂_tη_δ, û_xx = u ∗ ∂_xxη_δ
                .build();
        TrainingResult r = p.trainer()
                .adamSteps(300)
                .lr(5e-3)
                .lbfgsIterations(1200)
                .seed(1)
                .build()
                .run();
        double d = p.report().get("D");
        // guide: end
        printSteps(r, "D", "inverse");
        System.out.println(String.format(Locale.ROOT, "recovered D = %.4f (true D = %.1f)", d, D_TRUE));
        System.out.println("within 2 % of the truth: " + (Math.abs(d - D_TRUE) <= 0.02 * D_TRUE ? "yes" : "no"));
        plotInverse(r);
        return r;
    }

    /**
     * The Adam phase, a few rows: the first step and every 100th, and the last. Then a section {@code NAME-result}
     * with the L-BFGS phase's length and stop reason (its numbers follow in the caller).
     */
    static void printSteps(TrainingResult r, String unknown, String name) {
        var h = r.history();
        int lastAdam = -1;
        for (int i = 0; i < h.size(); i++) if (h.get(i).phase() == Phase.ADAM) lastAdam = i;
        for (int i = 0; i <= lastAdam; i++) {
            if (i != lastAdam && i % 100 != 0) continue;
            StepRecord s = h.get(i);
            String u = unknown.isEmpty()
                    ? ""
                    : String.format(
                            Locale.ROOT, "  %s = %.5f", unknown, s.unknowns().get(unknown));
            System.out.println(String.format(
                    Locale.ROOT,
                    "Adam step %4d  data %.4e  residual %.4e%s",
                    s.step(),
                    s.terms().get("data"),
                    s.terms().get("residual"),
                    u));
        }
        System.out.println("== " + name + "-result ==");
        System.out.println("L-BFGS: steps " + (lastAdam + 2) + " to " + r.steps() + ", stop: " + r.stopReason());
    }

    /** The grid's nodes as network inputs (N, 2) in the network's column order (x, t). */
    static dev.mollify.tensor.Tensor gridPoints(GridField f) {
        double[] t = f.axis("t"), x = f.axis("x");
        double[] pts = new double[2 * f.size()];
        for (int it = 0; it < t.length; it++) {
            for (int ix = 0; ix < x.length; ix++) {
                int k = it * x.length + ix;
                pts[2 * k] = x[ix];
                pts[2 * k + 1] = t[it];
            }
        }
        return dev.mollify.tensor.Tensor.of(pts, f.size(), 2);
    }

    /** ‖a − b‖₂ / ‖b‖₂. */
    static double relL2(double[] a, double[] b) {
        double num = 0, den = 0;
        for (int i = 0; i < a.length; i++) {
            num += (a[i] - b[i]) * (a[i] - b[i]);
            den += b[i] * b[i];
        }
        return Math.sqrt(num / den);
    }

    static void plotForward(GridField clean, double[] u) {
        double[] x = clean.axis("x");
        XYChart c = GuidePlots.chart("Forward PINN: u(x, t) learned from initial and boundary values", "x", "u");
        for (int it : new int[] {0, NT / 2, NT - 1}) {
            double t = clean.axis("t")[it];
            double[] ex = new double[NX], nn = new double[NX];
            for (int ix = 0; ix < NX; ix++) {
                ex[ix] = clean.values()[it * NX + ix];
                nn[ix] = u[it * NX + ix];
            }
            GuidePlots.line(c, String.format(Locale.ROOT, "exact, t = %.2f", t), x, ex);
            GuidePlots.points(c, String.format(Locale.ROOT, "PINN, t = %.2f", t), x, nn);
        }
        GuidePlots.save(c, "ch06-forward");
    }

    static void plotInverse(TrainingResult r) {
        double[] d = r.unknownSeries("D");
        double[] step = new double[d.length], truth = new double[d.length];
        for (int i = 0; i < d.length; i++) {
            step[i] = i;
            truth[i] = D_TRUE;
        }
        XYChart c = GuidePlots.chart("Inverse PINN: D during training (Adam, then L-BFGS)", "step", "D");
        c.getStyler().setXAxisDecimalPattern("#");
        c.getStyler().setYAxisDecimalPattern("0.00");
        c.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideSE);
        GuidePlots.line(c, "D", step, d);
        GuidePlots.line(c, "true D", step, truth);
        GuidePlots.save(c, "ch06-inverse-D");
    }
}
