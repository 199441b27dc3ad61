package dev.mollify.pde.forward;

import org.jtransforms.fft.DoubleFFT_1D;

/**
 * Real 2-D Fourier transform on a periodic {@code nx × ny} grid of {@code [0, lx) × [0, ly)} that keeps
 * only the modes of the 2/3 rule, {@code |k_x index| ≤ Kx = ⌊(nx−1)/3⌋} and {@code |k_y index| ≤
 * Ky = ⌊(ny−1)/3⌋}: a product of two such fields is then computed on the grid without aliasing
 * ({@code 3K < n}), so every nonlinear term built from it is dealiased by construction.
 *
 * <p><b>Layout.</b> Physical fields are row-major {@code [y][x]}, {@code f[j·nx + i] = f(x_i, y_j)},
 * {@code x_i = i·lx/nx}. Spectra are two arrays {@code re, im} of length {@link #modes()} =
 * {@code (2Ky+1)(Kx+1)}; entry {@code r·(Kx+1) + c} is the amplitude {@code f̂} of
 * {@code exp(i(k_x x + k_y y))} with {@code k_x = 2πc/lx}, {@code c = 0..Kx}, and
 * {@code k_y = 2π q/ly}, {@code q = r} for {@code r ≤ Ky} and {@code q = r − (2Ky+1)} above; the
 * modes {@code k_x < 0} are the complex conjugates. The forward transform divides by {@code nx·ny}, so
 * {@code f(x, y) = Σ f̂ exp(i k·x)} + conjugates, and the inverse is a plain sum.
 *
 * <p>Work: one real FFT along x per row, then a complex FFT along y for the {@code Kx + 1} kept
 * columns only; about 0.4× a full complex 2-D FFT. Sizes below 8192 run on the calling thread.
 */
final class Spectral2D {
    private final int nx;
    private final int ny;
    private final int kx;
    private final int ky;
    private final int cols;
    private final int rows;
    private final double[] kxs;
    private final double[] kys;
    private final DoubleFFT_1D fftX;
    private final DoubleFFT_1D fftY;
    private final double[] row;
    private final double[][] column;

    /** A transform for {@code nx × ny} points (each even, ≥ 8) on the periods {@code lx, ly}. */
    Spectral2D(int nx, int ny, double lx, double ly) {
        this.nx = Checks.even("nx", nx, 8);
        this.ny = Checks.even("ny", ny, 8);
        Checks.positive("lengthX", lx, null);
        Checks.positive("lengthY", ly, null);
        kx = (nx - 1) / 3;
        ky = (ny - 1) / 3;
        cols = kx + 1;
        rows = 2 * ky + 1;
        kxs = new double[modes()];
        kys = new double[modes()];
        for (int r = 0; r < rows; r++) {
            int q = r <= ky ? r : r - rows;
            for (int c = 0; c < cols; c++) {
                kxs[r * cols + c] = 2 * Math.PI * c / lx;
                kys[r * cols + c] = 2 * Math.PI * q / ly;
            }
        }
        fftX = new DoubleFFT_1D(nx);
        fftY = new DoubleFFT_1D(ny);
        row = new double[nx];
        column = new double[cols][2 * ny];
    }

    /** Grid points along x. */
    int nx() {
        return nx;
    }

    /** Grid points along y. */
    int ny() {
        return ny;
    }

    /** Number of kept modes, {@code (2Ky+1)(Kx+1)}. */
    int modes() {
        return rows * cols;
    }

    /** Wavenumber k_x of each mode (a copy). */
    double[] kx() {
        return kxs.clone();
    }

    /** Wavenumber k_y of each mode (a copy). */
    double[] ky() {
        return kys.clone();
    }

    /** Largest kept |k_x| index Kx. */
    int maxIndexX() {
        return kx;
    }

    /** Largest kept |k_y| index Ky. */
    int maxIndexY() {
        return ky;
    }

    /** k_x index of mode {@code m} (0..Kx). */
    int indexX(int m) {
        return m % cols;
    }

    /** k_y index of mode {@code m} (−Ky..Ky). */
    int indexY(int m) {
        int r = m / cols;
        return r <= ky ? r : r - rows;
    }

    /** Weight of mode {@code m} in sums over the full spectrum: 1 for k_x = 0, 2 for its conjugate pair otherwise. */
    double weight(int m) {
        return m % cols == 0 ? 1 : 2;
    }

    /** {@code f} (length nx·ny, [y][x]) → the kept amplitudes {@code re, im}; modes beyond the 2/3 rule are dropped. */
    void forward(double[] f, double[] re, double[] im) {
        double scale = 1.0 / ((double) nx * ny);
        for (int j = 0; j < ny; j++) {
            System.arraycopy(f, j * nx, row, 0, nx);
            fftX.realForward(row);
            column[0][2 * j] = row[0];
            column[0][2 * j + 1] = 0;
            for (int c = 1; c < cols; c++) {
                column[c][2 * j] = row[2 * c];
                column[c][2 * j + 1] = row[2 * c + 1];
            }
        }
        for (int c = 0; c < cols; c++) {
            double[] z = column[c];
            fftY.complexForward(z);
            for (int r = 0; r < rows; r++) {
                int q = r <= ky ? r : ny - (rows - r);
                re[r * cols + c] = z[2 * q] * scale;
                im[r * cols + c] = z[2 * q + 1] * scale;
            }
        }
    }

    /** The kept amplitudes → {@code f} on the grid ({@code re, im} unchanged). */
    void inverse(double[] re, double[] im, double[] f) {
        for (int c = 0; c < cols; c++) {
            double[] z = column[c];
            java.util.Arrays.fill(z, 0);
            for (int r = 0; r < rows; r++) {
                int q = r <= ky ? r : ny - (rows - r);
                z[2 * q] = re[r * cols + c];
                z[2 * q + 1] = im[r * cols + c];
            }
            fftY.complexInverse(z, false);
        }
        for (int j = 0; j < ny; j++) {
            java.util.Arrays.fill(row, 0);
            row[0] = nx * column[0][2 * j];
            for (int c = 1; c < cols; c++) {
                row[2 * c] = nx * column[c][2 * j];
                row[2 * c + 1] = nx * column[c][2 * j + 1];
            }
            fftX.realInverse(row, true); // the scaled inverse undoes realForward exactly; hence the factor nx
            System.arraycopy(row, 0, f, j * nx, nx);
        }
    }

    /** {@code (re, im) ← i·k·(re, im)} for the per-mode wavenumbers {@code k} (a spectral derivative), into {@code outRe, outIm}. */
    static void derivative(double[] k, double[] re, double[] im, double[] outRe, double[] outIm) {
        for (int m = 0; m < k.length; m++) {
            double r = re[m];
            outRe[m] = -k[m] * im[m];
            outIm[m] = k[m] * r;
        }
    }

    /**
     * L2 fraction of the spectrum in the outer third of the kept band ({@code |k_x index| > 2Kx/3} or
     * {@code |k_y index| > 2Ky/3}): the resolution check of the 2-D solvers.
     */
    double tail(double[] re, double[] im) {
        double all = 0;
        double outer = 0;
        for (int m = 0; m < modes(); m++) {
            double e = weight(m) * (re[m] * re[m] + im[m] * im[m]);
            all += e;
            if (3 * indexX(m) > 2 * kx || 3 * Math.abs(indexY(m)) > 2 * ky) outer += e;
        }
        return all == 0 ? 0 : Math.sqrt(outer / all);
    }
}
