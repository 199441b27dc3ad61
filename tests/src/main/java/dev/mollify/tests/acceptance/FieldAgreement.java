package dev.mollify.tests.acceptance;

/**
 * How well a recovered coefficient field matches the truth, node by node: Pearson correlation and
 * relative L2 error, over every node or over a mask (the nodes where the coefficient is
 * identifiable). Arrays are row-major over the same grid.
 */
public final class FieldAgreement {
    private FieldAgreement() {}

    /** Pearson correlation over the nodes with {@code keep[i]} (every node when {@code keep} is null). */
    public static double correlation(double[] recovered, double[] truth, boolean[] keep) {
        check(recovered, truth, keep);
        double ma = 0, mb = 0;
        int n = 0;
        for (int i = 0; i < truth.length; i++) {
            if (keep != null && !keep[i]) continue;
            ma += recovered[i];
            mb += truth[i];
            n++;
        }
        if (n < 2)
            throw new IllegalArgumentException("the mask keeps " + n + " node(s); a correlation needs at least 2");
        ma /= n;
        mb /= n;
        double sab = 0, saa = 0, sbb = 0;
        for (int i = 0; i < truth.length; i++) {
            if (keep != null && !keep[i]) continue;
            double a = recovered[i] - ma, b = truth[i] - mb;
            sab += a * b;
            saa += a * a;
            sbb += b * b;
        }
        if (sbb == 0)
            throw new IllegalArgumentException(
                    "the true field is constant on the kept nodes: correlation is undefined; compare values instead");
        return saa == 0 ? 0 : sab / Math.sqrt(saa * sbb);
    }

    /** ‖recovered − truth‖₂ / ‖truth‖₂ over the kept nodes (every node when {@code keep} is null). */
    public static double relativeL2(double[] recovered, double[] truth, boolean[] keep) {
        check(recovered, truth, keep);
        double num = 0, den = 0;
        for (int i = 0; i < truth.length; i++) {
            if (keep != null && !keep[i]) continue;
            double d = recovered[i] - truth[i];
            num += d * d;
            den += truth[i] * truth[i];
        }
        return Math.sqrt(num / den);
    }

    /** Mean over the kept nodes (every node when {@code keep} is null). */
    public static double mean(double[] v, boolean[] keep) {
        double s = 0;
        int n = 0;
        for (int i = 0; i < v.length; i++) {
            if (keep != null && !keep[i]) continue;
            s += v[i];
            n++;
        }
        return s / n;
    }

    /** Nodes where {@code |operator| ≥ fraction·max|operator|}: where a coefficient multiplying it is identifiable. */
    public static boolean[] where(double[] operator, double fraction) {
        if (!(fraction >= 0 && fraction < 1))
            throw new IllegalArgumentException("fraction must be in [0, 1), got " + fraction);
        double max = 0;
        for (double v : operator) max = Math.max(max, Math.abs(v));
        boolean[] keep = new boolean[operator.length];
        for (int i = 0; i < keep.length; i++) keep[i] = Math.abs(operator[i]) >= fraction * max;
        return keep;
    }

    /** Number of kept nodes. */
    public static int count(boolean[] keep) {
        int n = 0;
        for (boolean b : keep) if (b) n++;
        return n;
    }

    private static void check(double[] a, double[] b, boolean[] keep) {
        if (a.length != b.length || (keep != null && keep.length != a.length)) {
            throw new IllegalArgumentException("recovered (" + a.length + "), truth (" + b.length + ") and mask ("
                    + (keep == null ? "none" : keep.length) + ") must cover the same nodes");
        }
    }
}
