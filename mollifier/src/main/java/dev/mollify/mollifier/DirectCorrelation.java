package dev.mollify.mollifier;

/**
 * Direct "valid" correlation of a batch of 1-, 2- or 3-D fields with one kernel, on flat row-major
 * double arrays.
 *
 * <p><b>Layout.</b> {@code x}: {@code batch} fields of spatial shape {@code xs} (1 to 3 axes),
 * row-major, field b at offset b·Πxs. {@code w}: kernel of shape {@code ks} (same rank, ks ≤ xs).
 * {@code y}: batch fields of shape {@code ys = xs − ks + 1}. Definition:
 * y[b, o] = Σ_k w[k]·x[b, o + k]. Shapes are handled as 3-D by prefixing axes of size 1.
 */
final class DirectCorrelation {
    private DirectCorrelation() {}

    static int[] as3d(int[] s) {
        int[] r = {1, 1, 1};
        System.arraycopy(s, 0, r, 3 - s.length, s.length);
        return r;
    }

    /** y = valid correlation of x with w (y is overwritten). */
    static void correlate(double[] x, int batch, int[] xs, double[] w, int[] ks, double[] y) {
        int[] X = as3d(xs), K = as3d(ks);
        int[] Y = {X[0] - K[0] + 1, X[1] - K[1] + 1, X[2] - K[2] + 1};
        int xField = X[0] * X[1] * X[2], yField = Y[0] * Y[1] * Y[2];
        java.util.Arrays.fill(y, 0, batch * yField, 0.0);
        for (int b = 0; b < batch; b++) {
            int xb = b * xField, yb = b * yField;
            for (int oz = 0; oz < Y[0]; oz++) {
                for (int oy = 0; oy < Y[1]; oy++) {
                    int yRow = yb + (oz * Y[1] + oy) * Y[2];
                    for (int kz = 0; kz < K[0]; kz++) {
                        for (int ky = 0; ky < K[1]; ky++) {
                            int xRow = xb + ((oz + kz) * X[1] + oy + ky) * X[2];
                            int wRow = (kz * K[1] + ky) * K[2];
                            for (int kx = 0; kx < K[2]; kx++) {
                                double a = w[wRow + kx];
                                if (a != 0.0) RowKernels.axpy(a, x, xRow + kx, y, yRow, Y[2]);
                            }
                        }
                    }
                }
            }
        }
    }

    /** c[k] = Σ_b Σ_o g[b, o]·x[b, o + k]: the per-tap reduction of §4 (c is overwritten, shape ks = xs − gs + 1). */
    static void tapCorrelate(double[] x, int batch, int[] xs, double[] g, int[] gs, double[] c) {
        int[] X = as3d(xs), G = as3d(gs);
        int[] K = {X[0] - G[0] + 1, X[1] - G[1] + 1, X[2] - G[2] + 1};
        int xField = X[0] * X[1] * X[2], gField = G[0] * G[1] * G[2];
        java.util.Arrays.fill(c, 0, K[0] * K[1] * K[2], 0.0);
        for (int b = 0; b < batch; b++) {
            int xb = b * xField, gb = b * gField;
            for (int kz = 0; kz < K[0]; kz++) {
                for (int ky = 0; ky < K[1]; ky++) {
                    for (int kx = 0; kx < K[2]; kx++) {
                        double acc = 0;
                        for (int oz = 0; oz < G[0]; oz++) {
                            for (int oy = 0; oy < G[1]; oy++) {
                                int gRow = gb + (oz * G[1] + oy) * G[2];
                                int xRow = xb + ((oz + kz) * X[1] + oy + ky) * X[2] + kx;
                                acc += RowKernels.dot(g, gRow, x, xRow, G[2]);
                            }
                        }
                        c[(kz * K[1] + ky) * K[2] + kx] += acc;
                    }
                }
            }
        }
    }
    /** F32 version of the above (float lanes; the per-tap sums accumulate in double across rows). */
    static void correlate(float[] x, int batch, int[] xs, float[] w, int[] ks, float[] y) {
        int[] X = as3d(xs), K = as3d(ks);
        int[] Y = {X[0] - K[0] + 1, X[1] - K[1] + 1, X[2] - K[2] + 1};
        int xField = X[0] * X[1] * X[2], yField = Y[0] * Y[1] * Y[2];
        java.util.Arrays.fill(y, 0, batch * yField, 0.0f);
        for (int b = 0; b < batch; b++) {
            int xb = b * xField, yb = b * yField;
            for (int oz = 0; oz < Y[0]; oz++) {
                for (int oy = 0; oy < Y[1]; oy++) {
                    int yRow = yb + (oz * Y[1] + oy) * Y[2];
                    for (int kz = 0; kz < K[0]; kz++) {
                        for (int ky = 0; ky < K[1]; ky++) {
                            int xRow = xb + ((oz + kz) * X[1] + oy + ky) * X[2];
                            int wRow = (kz * K[1] + ky) * K[2];
                            for (int kx = 0; kx < K[2]; kx++) {
                                float a = w[wRow + kx];
                                if (a != 0.0) RowKernels.axpy(a, x, xRow + kx, y, yRow, Y[2]);
                            }
                        }
                    }
                }
            }
        }
    }

    /** F32 version of the above. */
    static void tapCorrelate(float[] x, int batch, int[] xs, float[] g, int[] gs, float[] c) {
        int[] X = as3d(xs), G = as3d(gs);
        int[] K = {X[0] - G[0] + 1, X[1] - G[1] + 1, X[2] - G[2] + 1};
        int xField = X[0] * X[1] * X[2], gField = G[0] * G[1] * G[2];
        java.util.Arrays.fill(c, 0, K[0] * K[1] * K[2], 0.0f);
        for (int b = 0; b < batch; b++) {
            int xb = b * xField, gb = b * gField;
            for (int kz = 0; kz < K[0]; kz++) {
                for (int ky = 0; ky < K[1]; ky++) {
                    for (int kx = 0; kx < K[2]; kx++) {
                        double acc = 0;
                        for (int oz = 0; oz < G[0]; oz++) {
                            for (int oy = 0; oy < G[1]; oy++) {
                                int gRow = gb + (oz * G[1] + oy) * G[2];
                                int xRow = xb + ((oz + kz) * X[1] + oy + ky) * X[2] + kx;
                                acc += RowKernels.dot(g, gRow, x, xRow, G[2]);
                            }
                        }
                        c[(kz * K[1] + ky) * K[2] + kx] += (float) acc;
                    }
                }
            }
        }
    }
}
