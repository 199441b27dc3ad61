package dev.mollify.mollifier;

import dev.mollify.tensor.PadMode;

/**
 * The default backend: direct correlation (Vector API inner loops, scalar reference beside them) and,
 * for kernels long along one axis only, the FFT path from {@link Crossover#minFftTaps(boolean)} taps on. The
 * input gradient is a full convolution without a padded copy ({@link FullConvolution}); for direct
 * kernels along the last axis it shares one pass over g with the width gradient ({@link FusedBackward}).
 */
public final class CpuBackend implements ConvolutionBackend {

    /** Direct or FFT, chosen per call. */
    public enum Path {
        /**
         * FFT from {@link Crossover#minFftTaps(boolean)} taps on where the FFT path supports the
         * kernel, direct below.
         */
        AUTO,
        /** Always direct correlation. */
        DIRECT,
        /** FFT wherever the FFT path supports the kernel's shape, else direct. */
        FFT
    }

    private final Path path;

    /**
     * A backend with the automatic choice, {@link Path#AUTO}: direct below the {@link Crossover}
     * threshold, FFT from it on (used by {@link java.util.ServiceLoader}).
     */
    public CpuBackend() {
        this(Path.AUTO);
    }

    /**
     * A backend pinned to one path, for tests and benchmarks.
     *
     * @param path the path; {@link Path#FFT} still goes direct for kernels longer than one tap along
     *     several axes, which the FFT path does not take
     */
    public CpuBackend(Path path) {
        this.path = path;
    }

    @Override
    public String name() {
        return "cpu-" + path.name().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public int priority() {
        return 0;
    }

    @Override
    public boolean available() {
        return true;
    }

    @Override
    public void correlate(double[] x, int batch, int[] xs, double[] w, int[] ks, double[] y) {
        if (useFft(ks, w.length, false)) FftCorrelation.correlate(x, batch, xs, w, ks, y);
        else DirectCorrelation.correlate(x, batch, xs, w, ks, y);
    }

    @Override
    public void tapCorrelate(double[] x, int batch, int[] xs, double[] g, int[] gs, double[] c) {
        if (useFft(FullConvolution.validShape(xs, gs), c.length, false))
            FftCorrelation.tapCorrelate(x, batch, xs, g, gs, c);
        else DirectCorrelation.tapCorrelate(x, batch, xs, g, gs, c);
    }

    /** F32: direct correlation in float lanes; the FFT path works in double and rounds back. */
    @Override
    public void correlate(float[] x, int batch, int[] xs, float[] w, int[] ks, float[] y) {
        if (useFft(ks, w.length, true)) ConvolutionBackend.super.correlate(x, batch, xs, w, ks, y);
        else DirectCorrelation.correlate(x, batch, xs, w, ks, y);
    }

    @Override
    public void tapCorrelate(float[] x, int batch, int[] xs, float[] g, int[] gs, float[] c) {
        if (useFft(FullConvolution.validShape(xs, gs), c.length, true)) {
            double[] cd = new double[c.length];
            FftCorrelation.tapCorrelate(Precision.widen(x), batch, xs, Precision.widen(g), gs, cd);
            for (int i = 0; i < c.length; i++) c[i] = (float) cd[i];
        } else {
            DirectCorrelation.tapCorrelate(x, batch, xs, g, gs, c);
        }
    }

    /** The input gradient without a padded copy of g: {@link FullConvolution}, or the FFT path for long kernels. */
    @Override
    public void convolveFull(double[] g, int batch, int[] gs, double[] w, int[] ks, double[] z) {
        if (useFft(ks, w.length, false)) FftCorrelation.convolveFull(g, batch, gs, w, ks, z);
        else FullConvolution.convolveFull(g, batch, gs, w, ks, z);
    }

    /** F32: direct in float lanes; the FFT path works in double and rounds back. */
    @Override
    public void convolveFull(float[] g, int batch, int[] gs, float[] w, int[] ks, float[] z) {
        if (useFft(ks, w.length, true)) {
            double[] zd = new double[z.length];
            FftCorrelation.convolveFull(Precision.widen(g), batch, gs, Precision.widen(w), ks, zd);
            for (int i = 0; i < z.length; i++) z[i] = (float) zd[i];
        } else {
            FullConvolution.convolveFull(g, batch, gs, w, ks, z);
        }
    }

    /** Direct one-axis kernels along the last axis: one fused pass ({@link FusedBackward}); otherwise the two calls. */
    @Override
    public void correlateBackward(
            double[] x, int batch, int[] xs, double[] w, int[] ks, double[] g, double[] z, double[] c) {
        if (FusedBackward.supports(ks) && !useFft(ks, w.length, false))
            FusedBackward.correlateBackward(x, batch, xs, w, ks, g, z, c);
        else ConvolutionBackend.super.correlateBackward(x, batch, xs, w, ks, g, z, c);
    }

    @Override
    public void correlateBackward(
            float[] x, int batch, int[] xs, float[] w, int[] ks, float[] g, float[] z, float[] c) {
        if (FusedBackward.supports(ks) && !useFft(ks, w.length, true))
            FusedBackward.correlateBackward(x, batch, xs, w, ks, g, z, c);
        else ConvolutionBackend.super.correlateBackward(x, batch, xs, w, ks, g, z, c);
    }

    /** Direct one-axis kernels along the last axis: {@link FusedBackward#correlateBackwardFolded}. */
    @Override
    public boolean correlateBackwardFolded(
            double[] x,
            int batch,
            int[] xs,
            double[] w,
            int[] ks,
            double[] g,
            double[] out,
            double[] c,
            int m,
            PadMode mode,
            int t0,
            int t1) {
        if (!FusedBackward.supports(ks) || useFft(ks, w.length, false)) return false;
        FusedBackward.correlateBackwardFolded(x, batch, xs, w, ks, g, out, c, m, mode, t0, t1);
        return true;
    }

    @Override
    public boolean correlateBackwardFolded(
            float[] x,
            int batch,
            int[] xs,
            float[] w,
            int[] ks,
            float[] g,
            float[] out,
            float[] c,
            int m,
            PadMode mode,
            int t0,
            int t1) {
        if (!FusedBackward.supports(ks) || useFft(ks, w.length, true)) return false;
        FusedBackward.correlateBackwardFolded(x, batch, xs, w, ks, g, out, c, m, mode, t0, t1);
        return true;
    }

    private boolean useFft(int[] ks, int taps, boolean f32) {
        if (!FftCorrelation.supports(ks)) return false;
        switch (path) {
            case FFT:
                return true;
            case DIRECT:
                return false;
            default:
                return taps >= Crossover.minFftTaps(f32);
        }
    }
}
