package dev.mollify.mollifier;

import java.util.Arrays;
import java.util.Locale;

/**
 * A fixed window of taps on a grid: spacing {@code h[a]} (physical units) and half-width {@code M[a]}
 * taps per axis, so the kernel has shape {@code (2M[0]+1, …)}, tap offsets {@code −M..M}, row-major.
 * A one-axis window samples a 1-D profile (one pass of a tensor-product kernel); a several-axis window
 * samples a radial profile φ(|x|/δ).
 *
 * <p>The width δ is valid for this window when {@code min h < δ ≤ min(M·h)}: at least one sample
 * besides the centre lies inside the support (else the kernel is the identity and its width gradient
 * vanishes), and the support fits in the window (else it is silently truncated).
 *
 * @param spacing the grid spacing h per axis, in physical units (the units of δ)
 * @param halfWidth the half-width M per axis, in taps: offsets −M..M
 */
public record Window(double[] spacing, int[] halfWidth) {

    /**
     * Checks 1 to 3 axes, spacings positive and finite, half-widths ≥ 1, and copies both arrays.
     *
     * @param spacing h per axis, positive and finite; copied
     * @param halfWidth M per axis, ≥ 1; copied, one per spacing
     * @throws IllegalArgumentException when the lengths differ or are outside 1..3, a spacing is not
     *     positive and finite, or a half-width is below 1
     */
    public Window {
        if (spacing.length != halfWidth.length || spacing.length < 1 || spacing.length > 3) {
            throw new IllegalArgumentException(
                    "a window has 1 to 3 axes with one spacing and one half-width each; got spacing "
                            + Arrays.toString(spacing) + ", half-widths " + Arrays.toString(halfWidth));
        }
        for (int a = 0; a < spacing.length; a++) {
            if (!(spacing[a] > 0) || !Double.isFinite(spacing[a])) {
                throw new IllegalArgumentException(
                        "grid spacing h must be > 0 and finite, got " + spacing[a] + " on axis " + a);
            }
            if (halfWidth[a] < 1)
                throw new IllegalArgumentException(
                        "window half-width must be >= 1 tap, got " + halfWidth[a] + " on axis " + a);
        }
        spacing = spacing.clone();
        halfWidth = halfWidth.clone();
    }

    /**
     * A 1-D window: taps −M..M at spacing h, 2M+1 in all; one pass of a tensor-product kernel.
     *
     * @param h the grid spacing, positive and finite (physical units)
     * @param halfWidth M, ≥ 1
     * @return the window
     * @throws IllegalArgumentException when h or M is out of range
     */
    public static Window line(double h, int halfWidth) {
        return new Window(new double[] {h}, new int[] {halfWidth});
    }

    /**
     * The 1-D window holding the support of width δ with {@code extra} spare taps: M = ⌈δ/h⌉ + extra
     * (δ/h within 10⁻⁹ of an integer counts as that integer).
     *
     * @param h the grid spacing, positive and finite
     * @param delta the width δ, in the units of h
     * @param extra spare taps beyond the support on each side, ≥ 0 (room for δ to grow)
     * @return the window
     * @throws IllegalArgumentException when the resulting M is below 1 or h is out of range
     */
    public static Window covering(double h, double delta, int extra) {
        return line(h, (int) Math.ceil(delta / h - 1e-9) + extra);
    }

    /**
     * The spacings.
     *
     * @return a copy of h, one per axis
     */
    @Override
    public double[] spacing() {
        return spacing.clone();
    }

    /**
     * The half-widths.
     *
     * @return a copy of M, one per axis, in taps
     */
    @Override
    public int[] halfWidth() {
        return halfWidth.clone();
    }

    /**
     * The number of axes.
     *
     * @return d, 1 to 3
     */
    public int dims() {
        return spacing.length;
    }

    /**
     * The kernel shape.
     *
     * @return a new array of 2M+1 per axis
     */
    public int[] shape() {
        int[] s = new int[halfWidth.length];
        for (int a = 0; a < s.length; a++) s[a] = 2 * halfWidth[a] + 1;
        return s;
    }

    /**
     * The number of taps.
     *
     * @return Π_a (2M_a+1)
     */
    public int size() {
        int n = 1;
        for (int k : shape()) n *= k;
        return n;
    }

    /**
     * The cell volume, the quadrature weight of one tap: W_j = h^d·η_δ(x_j).
     *
     * @return Π_a h_a, in physical units to the power d
     */
    public double cellVolume() {
        double v = 1;
        for (double h : spacing) v *= h;
        return v;
    }

    /**
     * The distance of every tap from the centre, |x_j| with x_j = ((i_a − M_a)·h_a)_a.
     *
     * @return {@link #size()} distances in physical units, row-major over {@link #shape()}
     */
    public double[] distances() {
        int[] shape = shape();
        double[] d = new double[size()];
        int[] idx = new int[shape.length];
        for (int j = 0; j < d.length; j++) {
            double s = 0;
            for (int a = 0; a < shape.length; a++) {
                double x = (idx[a] - halfWidth[a]) * spacing[a];
                s += x * x;
            }
            d[j] = Math.sqrt(s);
            for (int a = shape.length - 1; a >= 0; a--) {
                if (++idx[a] < shape[a]) break;
                idx[a] = 0;
            }
        }
        return d;
    }

    /**
     * The smallest valid width, exclusive: below it no sample besides the centre lies inside the
     * support.
     *
     * @return min_a h_a, the distance of the nearest off-centre sample
     */
    public double minWidth() {
        return Arrays.stream(spacing).min().getAsDouble();
    }

    /**
     * The largest valid width, inclusive: above it the support would not fit inside the window.
     *
     * @return min_a M_a·h_a
     */
    public double maxWidth() {
        double m = Double.POSITIVE_INFINITY;
        for (int a = 0; a < spacing.length; a++) m = Math.min(m, halfWidth[a] * spacing[a]);
        return m;
    }

    /**
     * Rejects a degenerate width with a message naming the limit hit and the valid range.
     *
     * @param delta the width δ to check, in the units of the spacings
     * @throws IllegalArgumentException when δ is NaN, infinite, ≤ 0, ≤ min h or &gt; min(M·h)
     */
    public void checkWidth(double delta) {
        String range = String.format(
                Locale.ROOT,
                "valid widths for h = %s and a window of ±%s taps are %g < δ ≤ %g",
                spacingText(),
                halfWidthText(),
                minWidth(),
                maxWidth());
        String problem = null;
        if (Double.isNaN(delta)) problem = "width δ is NaN";
        else if (Double.isInfinite(delta)) problem = "width δ is infinite";
        else if (delta <= 0) problem = String.format(Locale.ROOT, "width δ = %g is not positive", delta);
        else if (delta <= minWidth()) {
            problem = String.format(
                    Locale.ROOT,
                    "width δ = %g is at or below the grid spacing: no sample besides the centre lies "
                            + "inside the support |x| < δ, so the kernel degenerates to the identity",
                    delta);
        } else if (delta > maxWidth() * (1 + 1e-12)) {
            problem = String.format(
                    Locale.ROOT,
                    "width δ = %g is wider than the window (%g): the support would be truncated; "
                            + "widen the window or shrink δ",
                    delta,
                    maxWidth());
        }
        if (problem != null) throw new IllegalArgumentException(problem + "; " + range);
    }

    private String spacingText() {
        return spacing.length == 1 ? Double.toString(spacing[0]) : Arrays.toString(spacing);
    }

    private String halfWidthText() {
        return halfWidth.length == 1 ? Integer.toString(halfWidth[0]) : Arrays.toString(halfWidth);
    }
}
