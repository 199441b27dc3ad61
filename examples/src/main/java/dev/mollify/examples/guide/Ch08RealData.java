package dev.mollify.examples.guide;

import dev.mollify.pde.fit.DataFit;
import dev.mollify.pde.fit.FitSetup;
import dev.mollify.pde.fit.WidthScan;
import dev.mollify.tensor.Rng;
import java.util.Locale;
import org.knowm.xchart.XYChart;

/**
 * Chapter 8: data in physical units. A rod of 40 mm warms and cools by u_t = D·u_xx with D = 0.6 mm²/s;
 * the temperature rise u (kelvin) is measured at 41 positions but only 5 times (every 30 s), with noise.
 * {@link DataFit} — the pipeline behind {@code mollify fit} — recovers D, choosing δ from the data, and
 * says what it cannot vouch for.
 */
public final class Ch08RealData {
    static final double L = 40.0; // rod length, mm
    static final double D_TRUE = 0.6; // diffusivity, mm²/s
    static final int NX = 81, NT = 4;
    static final double T_END = 120.0; // s
    static final double NOISE = 0.02; // 2 % of the spread of u
    static final long SEED = 8;

    /** Three sine modes, each decaying as exp(−D·(nπ/L)²·t): an exact solution with u = 0 at both ends. */
    static double exact(double x, double t) {
        double u = 0;
        double[] amp = {8.0, 3.0, 1.5}; // kelvin
        for (int m = 1; m <= 3; m++) {
            double k = m * Math.PI / L;
            u += amp[m - 1] * Math.sin(k * x) * Math.exp(-D_TRUE * k * k * t); // u = Σ a_m sin(k_m x) e^{−D k_m² t}
        }
        return u;
    }

    public static void main(String[] args) {
        // the measurements: one row per (x, t), noise σ = 0.02·std(u), seeded
        int n = NX * NT;
        double[] x = new double[n], t = new double[n], u = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = (i % NX) * L / (NX - 1);
            t[i] = (i / NX) * T_END / (NT - 1);
            u[i] = exact(x[i], t[i]);
        }
        double sigma = NOISE * std(u);
        Rng rng = new Rng(SEED);
        for (int i = 0; i < n; i++) u[i] += sigma * rng.nextGaussian();

        System.out.println("== data ==");
        System.out.println(String.format(
                Locale.ROOT,
                "%d rows: x %d points in [0, %.0f] mm, t %d times in [0, %.0f] s, noise sigma = %.4f K",
                n,
                NX,
                L,
                NT,
                T_END,
                sigma));

        // guide: fit
        DataFit fit = DataFit.builder()
                .arrays(new String[] {"x", "t", "u"}, new double[][] {x, t, u})
                .pde("u_t = D*u_xx")
                .unknown("D")
                .positive("D") // no guess: the data give the start
                .truth("D", D_TRUE) // only for the report's error
                .hidden(16, 16)
                .adamSteps(1000)
                .lbfgsIterations(300)
                .timeBudget(0) // no wall-clock budget: the same steps on every machine
                .seed(1)
                .build();
        FitSetup.Built setup = fit.setup(); // layout, collocation grid, prefit, δ scan, start values
        // guide: end

        System.out.println("== setup ==");
        System.out.println(setup.dataSummary());
        WidthScan scan = setup.widthScan();
        System.out.println("delta scan (share of each axis -> delta_x mm, delta_t s -> D from the data):");
        for (int i = 0; i < scan.points().size(); i++) {
            WidthScan.Point p = scan.points().get(i);
            System.out.println(String.format(
                    Locale.ROOT,
                    "  %4.2f  %7.3f  %7.3f  D = %.4f%s",
                    p.fraction(),
                    p.widths().get("x"),
                    p.widths().get("t"),
                    p.estimate().get("D"),
                    (i == scan.chosen() ? "   <- chosen: the starting value" : "")
                            + (i == scan.trained() ? "   <- trained at" : "")));
        }
        System.out.println(String.format(
                Locale.ROOT,
                "trained delta: x %.3f mm, t %.3f s",
                setup.axisDeltas().get("x"),
                setup.axisDeltas().get("t")));
        System.out.println(String.format(
                Locale.ROOT,
                "starting value from the data: D = %.4f mm^2/s",
                setup.estimate().values().get("D")));

        // guide: run
        DataFit.Result r = fit.run(setup); // Adam, then L-BFGS; r.values(), r.warnings()
        // guide: end
        System.out.println("== result ==");
        double d = r.values().get("D");
        System.out.println(String.format(Locale.ROOT, "recovered D = %.4f mm^2/s (true %.1f)", d, D_TRUE));
        System.out.println("within 1 % of the truth: " + (Math.abs(d - D_TRUE) <= 0.01 * D_TRUE ? "yes" : "no"));
        System.out.println("training: " + r.training().steps() + " steps, stop: "
                + r.training().stopReason());
        System.out.println("== warnings ==");
        if (r.warnings().isEmpty()) System.out.println("(none)");
        for (String w : r.warnings()) System.out.println("- " + w);

        plot(scan, d);
    }

    static double std(double[] v) {
        double m = 0, s = 0;
        for (double x : v) m += x / v.length;
        for (double x : v) s += (x - m) * (x - m) / v.length;
        return Math.sqrt(s);
    }

    /**
     * The δ ladder: the starting value of D at each rung, the chosen one marked, D after training at the rung it
     * trained at, the truth as a line.
     */
    static void plot(WidthScan scan, double fitted) {
        int k = scan.points().size();
        double[] f = new double[k], d = new double[k], truth = new double[k];
        for (int i = 0; i < k; i++) {
            f[i] = 100 * scan.points().get(i).fraction();
            d[i] = scan.points().get(i).estimate().get("D");
            truth[i] = D_TRUE;
        }
        XYChart c = GuidePlots.chart(
                "D at each width of the delta ladder, and after training", "delta, % of each axis", "D (mm^2/s)");
        c.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
        c.getStyler().setLegendLayout(org.knowm.xchart.style.Styler.LegendLayout.Horizontal);
        c.getStyler().setMarkerSize(9);
        GuidePlots.line(c, "D from the data", f, d).setMarker(org.knowm.xchart.style.markers.SeriesMarkers.CIRCLE);
        GuidePlots.points(c, "chosen: the start", new double[] {f[scan.chosen()]}, new double[] {d[scan.chosen()]})
                .setMarker(org.knowm.xchart.style.markers.SeriesMarkers.DIAMOND);
        GuidePlots.points(c, "after training", new double[] {f[scan.trained()]}, new double[] {fitted})
                .setMarker(org.knowm.xchart.style.markers.SeriesMarkers.SQUARE);
        GuidePlots.line(c, "true D", f, truth);
        GuidePlots.save(c, "ch08-delta-scan");
    }
}
