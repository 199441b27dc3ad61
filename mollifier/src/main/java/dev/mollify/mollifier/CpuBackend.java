package dev.mollify.mollifier;

/**
 * The default backend: direct correlation (Vector API inner loops, scalar reference beside them) and,
 * for kernels long along one axis only, the FFT path from {@link Crossover#minFftTaps()} taps on.
 */
public final class CpuBackend implements ConvolutionBackend {

    /** Direct or FFT, chosen per call. */
    public enum Path { AUTO, DIRECT, FFT }

    private final Path path;

    /** The automatic choice (used by {@link java.util.ServiceLoader}). */
    public CpuBackend() {
        this(Path.AUTO);
    }

    /** A backend pinned to one path (FFT falls back to direct for kernels long along several axes). */
    public CpuBackend(Path path) {
        this.path = path;
    }

    @Override public String name() { return "cpu-" + path.name().toLowerCase(java.util.Locale.ROOT); }
    @Override public int priority() { return 0; }
    @Override public boolean available() { return true; }

    @Override
    public void correlate(double[] x, int batch, int[] xs, double[] w, int[] ks, double[] y) {
        if (useFft(ks, w.length)) FftCorrelation.correlate(x, batch, xs, w, ks, y);
        else DirectCorrelation.correlate(x, batch, xs, w, ks, y);
    }

    @Override
    public void tapCorrelate(double[] x, int batch, int[] xs, double[] g, int[] gs, double[] c) {
        DirectCorrelation.tapCorrelate(x, batch, xs, g, gs, c);
    }

    /** F32: direct correlation in float lanes; the FFT path works in double and rounds back. */
    @Override
    public void correlate(float[] x, int batch, int[] xs, float[] w, int[] ks, float[] y) {
        if (useFft(ks, w.length)) ConvolutionBackend.super.correlate(x, batch, xs, w, ks, y);
        else DirectCorrelation.correlate(x, batch, xs, w, ks, y);
    }

    @Override
    public void tapCorrelate(float[] x, int batch, int[] xs, float[] g, int[] gs, float[] c) {
        DirectCorrelation.tapCorrelate(x, batch, xs, g, gs, c);
    }

    private boolean useFft(int[] ks, int taps) {
        if (!FftCorrelation.supports(ks)) return false;
        switch (path) {
            case FFT: return true;
            case DIRECT: return false;
            default: return taps >= Crossover.minFftTaps();
        }
    }
}
