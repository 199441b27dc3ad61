package dev.mollify.pde.forward;

import org.jtransforms.fft.DoubleFFT_1D;

/**
 * Real Fourier transform on a periodic grid {@code x_j = x0 + j·h}, {@code h = length/n},
 * {@code j = 0..n-1} ({@code n} even), wrapping JTransforms' {@code realForward}.
 *
 * <p><b>Spectral layout used by this package:</b> two arrays {@code re, im} of length
 * {@code n/2 + 1}; entry {@code m} is the coefficient of {@code exp(i k_m (x − x0))} with
 * {@code k_m = 2π m / length}, <i>unnormalised</i> like JTransforms:
 * {@code c_m = Σ_j u_j exp(−2πi jm/n)}. {@code im[0] = im[n/2] = 0}. The inverse divides by
 * {@code n}. Odd derivatives zero the Nyquist mode {@code m = n/2}.
 *
 * <p>Sizes here stay below JTransforms' 1-D threading threshold (8192), so every FFT runs on the
 * calling thread and no pool is started.
 */
public final class Spectral1D {
    private final int n;
    private final double length;
    private final double[] k;
    private final DoubleFFT_1D fft;
    private final double[] work;

    /**
     * A transform for {@code n} points (even, ≥ 4) on a period of {@code length}.
     *
     * @param n      grid points, even and ≥ 4 (powers of 2 are fastest)
     * @param length the period (&gt; 0)
     * @throws IllegalArgumentException when {@code n} is odd or below 4, or the length is not positive
     */
    public Spectral1D(int n, double length) {
        this.n = Checks.even("n (grid points)", n, 4);
        this.length = Checks.positive("length", length, null);
        this.k = new double[n / 2 + 1];
        for (int m = 0; m <= n / 2; m++) {
            k[m] = 2 * Math.PI * m / length;
        }
        this.fft = new DoubleFFT_1D(n);
        this.work = new double[n];
    }

    /**
     * Number of grid points.
     *
     * @return n
     */
    public int n() {
        return n;
    }

    /**
     * Number of spectral modes, {@code n/2 + 1}.
     *
     * @return the length of the {@code re, im} arrays
     */
    public int modes() {
        return n / 2 + 1;
    }

    /**
     * The period.
     *
     * @return the length of the periodic interval
     */
    public double length() {
        return length;
    }

    /**
     * Wavenumber of mode {@code m}, {@code 2π m / length}.
     *
     * @param m the mode, 0 ≤ m ≤ n/2
     * @return k_m
     */
    public double k(int m) {
        return k[m];
    }

    /**
     * Copy of all wavenumbers, length {@code n/2 + 1}.
     *
     * @return a new array with {@code k[m] = 2π m / length}
     */
    public double[] wavenumbers() {
        return k.clone();
    }

    /**
     * {@code u} (length n) → {@code re, im} (length n/2+1), unnormalised:
     * {@code c_m = Σ_j u_j exp(−2πi jm/n)}.
     *
     * @param u  grid values, length n; not modified
     * @param re receives the real parts, length n/2 + 1
     * @param im receives the imaginary parts, length n/2 + 1 ({@code im[0] = im[n/2] = 0})
     */
    public void forward(double[] u, double[] re, double[] im) {
        System.arraycopy(u, 0, work, 0, n);
        fft.realForward(work);
        re[0] = work[0];
        im[0] = 0;
        re[n / 2] = work[1];
        im[n / 2] = 0;
        for (int m = 1; m < n / 2; m++) {
            re[m] = work[2 * m];
            im[m] = work[2 * m + 1];
        }
    }

    /**
     * {@code re, im} → {@code u} (scaled by 1/n). The inputs are not modified.
     *
     * @param re real parts, length n/2 + 1
     * @param im imaginary parts, length n/2 + 1 ({@code im[0]} and {@code im[n/2]} are ignored)
     * @param u  receives the grid values, length n
     */
    public void inverse(double[] re, double[] im, double[] u) {
        work[0] = re[0];
        work[1] = re[n / 2];
        for (int m = 1; m < n / 2; m++) {
            work[2 * m] = re[m];
            work[2 * m + 1] = im[m];
        }
        fft.realInverse(work, true);
        System.arraycopy(work, 0, u, 0, n);
    }

    /**
     * Spectral derivative of order {@code order} of grid values {@code u}, into {@code out}
     * (may alias {@code u}). Nyquist mode zeroed for odd orders. Multiplies each mode by
     * {@code (i k_m)^order}.
     *
     * @param u     grid values, length n
     * @param order the derivative order, ≥ 0
     * @param out   receives the derivative of that order on the grid, length n
     */
    public void derivative(double[] u, int order, double[] out) {
        double[] re = new double[modes()];
        double[] im = new double[modes()];
        forward(u, re, im);
        for (int m = 0; m < modes(); m++) {
            double km = (m == n / 2 && (order & 1) == 1) ? 0 : k[m];
            // (i k)^order = k^order * i^order
            double p = Math.pow(km, order);
            double r = re[m] * p;
            double i = im[m] * p;
            switch (order & 3) {
                case 0 -> {
                    re[m] = r;
                    im[m] = i;
                }
                case 1 -> {
                    re[m] = -i;
                    im[m] = r;
                }
                case 2 -> {
                    re[m] = -r;
                    im[m] = -i;
                }
                default -> {
                    re[m] = i;
                    im[m] = -r;
                }
            }
        }
        inverse(re, im, out);
    }

    /**
     * Fraction of the spectrum's L2 norm in the top third of the modes, sqrt(Σ_{m > n/3}|c|² / Σ|c|²):
     * a cheap resolution test. Below ~1e-10 the grid resolves the field to double-precision-ish
     * accuracy; above ~1e-6 it is too coarse.
     *
     * @param re real parts in the layout above
     * @param im imaginary parts in the layout above
     * @return the tail fraction in [0, 1], 0 for an all-zero spectrum
     */
    public static double tailFraction(double[] re, double[] im) {
        int modes = re.length;
        int cut = (2 * (modes - 1)) / 3;
        double all = 0;
        double tail = 0;
        for (int m = 0; m < modes; m++) {
            double p = re[m] * re[m] + im[m] * im[m];
            all += p;
            if (m > cut) {
                tail += p;
            }
        }
        return all == 0 ? 0 : Math.sqrt(tail / all);
    }

    /**
     * Evaluates the trigonometric interpolant of spectral data {@code re, im} (layout above) at
     * arbitrary points {@code x}; {@code x0} is the grid origin. Exact for band-limited data.
     * Computes (c_0 + 2 Σ_{0&lt;m&lt;n/2} Re(c_m e^{i k_m (x − x0)}) + c_{n/2} cos(k_{n/2}(x − x0))) / n.
     *
     * @param re real parts in the layout above
     * @param im imaginary parts in the layout above
     * @param x0 the grid origin
     * @param x  the points (any real; the interpolant is periodic)
     * @return the interpolant at each point of {@code x}
     */
    public double[] interpolate(double[] re, double[] im, double x0, double[] x) {
        double[] out = new double[x.length];
        int half = n / 2;
        for (int p = 0; p < x.length; p++) {
            double theta = 2 * Math.PI * (x[p] - x0) / length;
            double cr = Math.cos(theta);
            double ci = Math.sin(theta);
            double zr = 1;
            double zi = 0;
            double s = re[0];
            for (int m = 1; m < half; m++) {
                double t = zr * cr - zi * ci;
                zi = zr * ci + zi * cr;
                zr = t;
                if ((m & 63) == 0) { // re-anchor the rotation to keep round-off at the 1e-15 level
                    zr = Math.cos(m * theta);
                    zi = Math.sin(m * theta);
                }
                s += 2 * (re[m] * zr - im[m] * zi);
            }
            s += re[half] * Math.cos(half * theta);
            out[p] = s / n;
        }
        return out;
    }
}
