package dev.mollify.pde.forward;

import dev.mollify.tensor.Rng;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turning a clean solution into "measurements": Gaussian noise scaled to the field, random point
 * subsets and coarser grids. Everything is seeded with {@link Rng}, so the same seed gives
 * bit-identical data on every JDK.
 */
public final class Sampling {
    private Sampling() {}

    /**
     * Adds i.i.d. Gaussian noise of standard deviation {@code r · std(u)} (population std of all
     * values of the field) to every value.
     *
     * @param f    the clean field
     * @param r    relative noise level, ≥ 0 (0.01 = "1 % noise" as in the PINN literature)
     * @param seed generator seed
     * @return a new field with the noisy values and the parameters {@code noise.r}, {@code noise.sigma}
     *     and {@code noise.seed} added
     * @throws IllegalArgumentException when {@code r} is negative or not finite
     */
    public static GridField addNoise(GridField f, double r, long seed) {
        Checks.nonNegative("r (relative noise level)", r, "0.01 means 1 % of std(u)");
        double sigma = r * f.std();
        double[] v = f.values();
        Rng rng = new Rng(seed);
        for (int i = 0; i < v.length; i++) {
            v[i] += sigma * rng.nextGaussian();
        }
        Map<String, Double> p = new LinkedHashMap<>();
        p.put("noise.r", r);
        p.put("noise.sigma", sigma);
        p.put("noise.seed", (double) seed);
        return f.withValues(v, p, "Gaussian noise sigma = r*std(u), seed " + seed);
    }

    /**
     * Same as {@link #addNoise(GridField, double, long)} for scattered points (noise on the last
     * column): standard deviation {@code r · std(u)} with std over the value column.
     *
     * @param s    the clean points
     * @param r    relative noise level, ≥ 0
     * @param seed generator seed
     * @return a new point set with the noisy values and the noise parameters added
     * @throws IllegalArgumentException when {@code r} is negative or not finite
     */
    public static PointSet addNoise(PointSet s, double r, long seed) {
        Checks.nonNegative("r (relative noise level)", r, "0.01 means 1 % of std(u)");
        int w = s.columns().size();
        double[] d = s.data();
        double[] u = s.column(w - 1);
        double sigma = r * Stats.std(u);
        Rng rng = new Rng(seed);
        for (int i = 0; i < u.length; i++) {
            d[i * w + w - 1] += sigma * rng.nextGaussian();
        }
        Map<String, Double> p = new LinkedHashMap<>(s.parameters());
        p.put("noise.r", r);
        p.put("noise.sigma", sigma);
        p.put("noise.seed", (double) seed);
        return new PointSet(
                s.problem(), s.columns(), d, p, s.description() + "; Gaussian noise sigma = r*std(u), seed " + seed);
    }

    /**
     * {@code n} distinct grid points drawn uniformly without replacement (partial Fisher–Yates),
     * in the order drawn, as a table with columns axes-fastest-first then value ({@code x,t,u}).
     *
     * @param f    the field to sample
     * @param n    the number of points, 1 ≤ n ≤ f.size()
     * @param seed generator seed
     * @return the drawn rows, with {@code sample.n} and {@code sample.seed} added to the parameters
     * @throws IllegalArgumentException when {@code n} is outside [1, f.size()]
     */
    public static PointSet randomPoints(GridField f, int n, long seed) {
        int total = f.size();
        if (n < 1 || n > total) {
            throw new IllegalArgumentException(
                    "n = " + n + " must be in [1, " + total + "] (the number of grid points)");
        }
        int[] perm = new int[total];
        for (int i = 0; i < total; i++) {
            perm[i] = i;
        }
        Rng rng = new Rng(seed);
        for (int i = 0; i < n; i++) {
            int j = i + rng.nextInt(total - i);
            int tmp = perm[i];
            perm[i] = perm[j];
            perm[j] = tmp;
        }
        PointSet all = f.toPoints();
        int w = all.columns().size();
        double[] src = all.raw();
        double[] d = new double[n * w];
        for (int i = 0; i < n; i++) {
            System.arraycopy(src, perm[i] * w, d, i * w, w);
        }
        Map<String, Double> p = new LinkedHashMap<>(f.parameters());
        p.put("sample.n", (double) n);
        p.put("sample.seed", (double) seed);
        return new PointSet(
                f.problem(), all.columns(), d, p, f.description() + "; " + n + " random grid points, seed " + seed);
    }

    /**
     * Coarser grid: keeps every {@code stride[a]}-th point of axis {@code a} (slowest axis first),
     * starting at index 0, so axis {@code a} keeps (n_a − 1) / stride[a] + 1 points.
     *
     * @param f      the field
     * @param stride one stride ≥ 1 per axis, slowest first
     * @return the coarser field, with {@code coarsen.<axis>} parameters recording the strides
     * @throws IllegalArgumentException when there is not one stride per axis or a stride is below 1
     */
    public static GridField coarsen(GridField f, int... stride) {
        int[] s = f.shape();
        if (stride.length != s.length) {
            throw new IllegalArgumentException("need one stride per axis " + f.axisNames() + ", got " + stride.length);
        }
        List<double[]> axes = new ArrayList<>();
        int[] ns = new int[s.length];
        for (int a = 0; a < s.length; a++) {
            Checks.atLeast("stride[" + a + "]", stride[a], 1, null);
            ns[a] = (s[a] - 1) / stride[a] + 1;
            double[] src = f.axes().get(a);
            double[] ax = new double[ns[a]];
            for (int i = 0; i < ns[a]; i++) {
                ax[i] = src[i * stride[a]];
            }
            axes.add(ax);
        }
        int total = 1;
        for (int n : ns) {
            total *= n;
        }
        double[] v = new double[total];
        double[] src = f.raw();
        int[] idx = new int[s.length];
        for (int flat = 0; flat < total; flat++) {
            int rem = flat;
            for (int a = s.length - 1; a >= 0; a--) {
                idx[a] = rem % ns[a];
                rem /= ns[a];
            }
            int from = 0;
            for (int a = 0; a < s.length; a++) {
                from = from * s[a] + idx[a] * stride[a];
            }
            v[flat] = src[from];
        }
        Map<String, Double> p = new LinkedHashMap<>(f.parameters());
        for (int a = 0; a < s.length; a++) {
            p.put("coarsen." + f.axisNames().get(a), (double) stride[a]);
        }
        return new GridField(
                f.problem(),
                f.valueName(),
                f.axisNames(),
                axes,
                v,
                p,
                f.description() + "; coarsened by " + java.util.Arrays.toString(stride));
    }
}
