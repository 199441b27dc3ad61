package dev.mollify.jmh.scaling;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * Reads the JMH JSON files of {@code jmh/scaling.sh} and writes {@code scaling.md} (the machine's
 * limits, per sweep the times with time per element, GFLOP/s and the growth exponent p of
 * time ≈ C·size^p ({@link PowerFit}), the FFT crossover, and the kernels' position on the roofline)
 * and the log-log charts {@code scaling-ID.png} and {@code scaling-roofline.png}.
 *
 * <p>Usage: {@code java -cp jmh/target/benchmarks.jar dev.mollify.jmh.scaling.ScalingReport JSON_DIR
 * [OUT_DIR]} (OUT_DIR defaults to JSON_DIR). A sweep whose file is missing is left out; an optional
 * {@code meta.properties} in JSON_DIR (date, commit, jdk, cpu, cores, load_start, load_end, mode,
 * wall_s, jmh_options) heads the report.
 */
public final class ScalingReport {
    private ScalingReport() {}

    /**
     * Writes the report.
     *
     * @param args JSON_DIR [OUT_DIR]
     * @throws IOException when a file cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: ScalingReport JSON_DIR [OUT_DIR]");
            System.exit(2);
        }
        Path in = Path.of(args[0]), out = Path.of(args.length > 1 ? args[1] : args[0]);
        Files.createDirectories(out);
        Path md = write(in, out);
        System.out.println("wrote " + md);
    }

    /**
     * Reads the sweeps found in {@code in} and writes the markdown and PNGs into {@code out}.
     *
     * @param in the folder of the JSON files
     * @param out the folder of {@code scaling.md} and the PNGs
     * @return the markdown file
     * @throws IOException when a file cannot be read or written
     */
    public static Path write(Path in, Path out) throws IOException {
        List<Sweep> sweeps = new ArrayList<>();
        for (SweepDefinition d : Sweeps.ALL) {
            Path f = in.resolve(d.file());
            if (Files.exists(f)) sweeps.add(d.sweep(JmhResult.read(f)));
        }
        Path limits = in.resolve(Sweeps.LIMITS_FILE);
        Roofline roof = Files.exists(limits) ? Roofline.of(JmhResult.read(limits)) : null;

        StringBuilder s = new StringBuilder("# Scaling curves and the machine's limits\n\n");
        header(s, in.resolve("meta.properties"));
        if (roof != null) limits(s, roof);
        for (Sweep sw : sweeps) {
            if (sw.series().isEmpty()) continue;
            String png = "scaling-" + sw.id() + ".png";
            ScalingCharts.sweep(sw, out.resolve(png));
            sweep(s, sw, png);
        }
        List<Sweep> counted = sweeps.stream()
                .filter(sw -> sw.id().startsWith("conv") || sw.id().equals("matmul"))
                .toList();
        if (roof != null && roof.complete() && !counted.isEmpty()) {
            ScalingCharts.roofline(roof, counted, out.resolve("scaling-roofline.png"));
            roofline(s, roof, counted);
        }
        Path md = out.resolve("scaling.md");
        Files.writeString(md, s.toString());
        return md;
    }

    private static void header(StringBuilder s, Path meta) throws IOException {
        if (!Files.exists(meta)) {
            s.append("Written by `ScalingReport` from the JMH result files.\n\n");
            return;
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(meta)) {
            p.load(r);
        }
        s.append(String.format(
                Locale.ROOT,
                "`jmh/scaling.sh` (%s mode), %s, commit %s: %s, %s cores, JDK %s; load average %s at the start,"
                        + " %s at the end; %s s. JMH options: `%s`. Errors are JMH's 99.9 %% intervals (– where"
                        + " too few iterations).\n\n",
                p.getProperty("mode", "?"),
                p.getProperty("date", "?"),
                p.getProperty("commit", "?"),
                p.getProperty("cpu", "?"),
                p.getProperty("cores", "?"),
                p.getProperty("jdk", "?"),
                p.getProperty("load_start", "?"),
                p.getProperty("load_end", "?"),
                p.getProperty("wall_s", "?"),
                p.getProperty("jmh_options", "?")));
        if ("quick".equals(p.getProperty("mode"))) {
            s.append("**Quick mode**: few sizes and iterations, not warmed up (the Vector API loops may still run in"
                    + " the interpreter or C1): these numbers check the pipeline only.\n\n");
        }
    }

    private static void limits(StringBuilder s, Roofline r) {
        s.append("## The machine's limits (`MachineLimitsBenchmark`)\n\n");
        s.append("| limit | 1 thread | 2 threads |\n|---|---|---|\n");
        s.append(String.format(
                Locale.ROOT,
                "| memory bandwidth, STREAM triad a = b + s·c, F64 (GB/s; 3·8·n bytes per call, write-allocate"
                        + " not counted) | %s | %s |\n",
                num(r.bandwidth1()),
                num(r.bandwidth2())));
        s.append(String.format(
                Locale.ROOT,
                "| F64 peak, Vector API FMA chains (GFLOP/s) | %s | %s |\n",
                num(r.f64x1()),
                num(r.f64x2())));
        s.append(String.format(
                Locale.ROOT,
                "| F32 peak, Vector API FMA chains (GFLOP/s) | %s | %s |\n\n",
                num(r.f32x1()),
                num(r.f32x2())));
        if (r.complete()) {
            s.append(String.format(
                    Locale.ROOT,
                    "Roofs (the larger of 1 and 2 threads): %s GB/s, F64 %s GFLOP/s, F32 %s GFLOP/s; ridge points"
                            + " (peak / bandwidth) %s FLOP/B (F64) and %s FLOP/B (F32). With write-allocate the"
                            + " memory bus carries 4/3 of the triad's counted bytes.\n\n",
                    num(r.bandwidth()),
                    num(r.peak("F64")),
                    num(r.peak("F32")),
                    num(r.ridge("F64")),
                    num(r.ridge("F32"))));
        }
    }

    private static void sweep(StringBuilder s, Sweep sw, String png) {
        s.append("## ").append(sw.title()).append("\n\n");
        if (!sw.fixed().isEmpty()) s.append("Fixed: ").append(sw.fixed()).append(".\n\n");
        s.append("![").append(sw.title()).append("](").append(png).append(")\n\n");
        s.append("| curve | ")
                .append(sw.sizeLabel())
                .append(" | time | ± | per ")
                .append(sw.elementLabel())
                .append(" | GFLOP/s | × previous |\n|---|---|---|---|---|---|---|\n");
        for (Sweep.Series c : sw.series()) {
            Sweep.Point prev = null;
            for (Sweep.Point p : c.points()) {
                s.append(String.format(
                        Locale.ROOT,
                        "| %s | %s | %s | %s | %s | %s | %s |\n",
                        c.name(),
                        size(p.size()),
                        time(p.seconds()),
                        Double.isFinite(p.error())
                                ? String.format(Locale.ROOT, "%.0f %%", 100 * p.error() / p.seconds())
                                : "–",
                        time(p.seconds() / p.elements()),
                        Double.isFinite(p.flops()) ? num(p.gflops()) : "–",
                        prev == null ? "–" : String.format(Locale.ROOT, "%.2f", p.seconds() / prev.seconds())));
                prev = p;
            }
        }
        s.append("\nGrowth exponent p of time ≈ C·size^p (least squares on log-log):\n\n");
        s.append("| curve | p | sizes | points | r² |\n|---|---|---|---|---|\n");
        for (Sweep.Series c : sw.series()) {
            PowerFit f = c.fit();
            if (f == null) {
                s.append("| ").append(c.name()).append(" | – | one size | 1 | – |\n");
                continue;
            }
            s.append(String.format(
                    Locale.ROOT,
                    "| %s | **%.3f** | %s – %s | %d | %.4f |\n",
                    c.name(),
                    f.exponent(),
                    size(f.minSize()),
                    size(f.maxSize()),
                    f.points(),
                    f.r2()));
        }
        s.append('\n');
        crossover(s, sw);
    }

    /** For a sweep with a direct ({@code simd}) and an {@code fft} curve: where the FFT takes over. */
    private static void crossover(StringBuilder s, Sweep sw) {
        Sweep.Series direct = find(sw, "simd"), fft = find(sw, "fft");
        if (direct == null || fft == null || !sw.id().equals("conv-k")) return;
        Crossing c = Crossing.of(direct, fft);
        if (c == null) {
            s.append(String.format(
                    Locale.ROOT,
                    "**FFT crossover**: the direct path is faster at every K measured (up to %s).\n\n",
                    size(direct.points().get(direct.points().size() - 1).size())));
        } else if (Double.isNaN(c.interpolated())) {
            s.append(String.format(
                    Locale.ROOT,
                    "**FFT crossover**: the FFT path is faster from the smallest K measured (%s).\n\n",
                    size(c.firstFaster())));
        } else {
            s.append(String.format(
                    Locale.ROOT,
                    "**FFT crossover**: the FFT path is faster from K = %s (the first K measured where it is); the"
                            + " curves cross at K ≈ %.0f (log-log interpolation).\n\n",
                    size(c.firstFaster()),
                    c.interpolated()));
        }
    }

    private static void roofline(StringBuilder s, Roofline roof, List<Sweep> sweeps) {
        s.append("## Roofline position\n\n");
        s.append("Achieved rate against min(peak, I·bandwidth), I = FLOPs / least traffic (inputs read once,"
                + " outputs written once). Direct convolution: 2·B·N·K FLOPs, 2·B·N·s bytes; matmul: 2n³ FLOPs,"
                + " 3n²·s bytes (s = 4 for F32, 8 for F64).\n\n");
        s.append("![roofline](scaling-roofline.png)\n\n");
        s.append(
                "| sweep | curve | size | I (FLOP/B) | GFLOP/s | GB/s | roof (GFLOP/s) | bound | fraction of roof |\n");
        s.append("|---|---|---|---|---|---|---|---|---|\n");
        for (Sweep sw : sweeps) {
            for (Sweep.Series c : sw.series()) {
                if (c.dtype() == null) continue;
                for (Sweep.Point p : c.points()) {
                    if (!Double.isFinite(p.intensity())) continue;
                    double att = roof.attainable(p.intensity(), c.dtype());
                    boolean memory = p.intensity() < roof.ridge(c.dtype());
                    s.append(String.format(
                            Locale.ROOT,
                            "| %s | %s | %s | %s | %s | %s | %s | %s | **%.2f** |\n",
                            sw.id(),
                            c.name(),
                            size(p.size()),
                            num(p.intensity()),
                            num(p.gflops()),
                            num(p.gbytes()),
                            num(att),
                            memory ? "memory" : "compute",
                            p.gflops() / att));
                }
            }
        }
        s.append('\n');
    }

    private static Sweep.Series find(Sweep sw, String name) {
        for (Sweep.Series c : sw.series()) if (c.name().equals(name)) return c;
        return null;
    }

    /**
     * A size with thousands separators, or to 3 significant digits when not an integer.
     *
     * @param v the size
     * @return e.g. {@code 100,000}
     */
    static String size(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return String.format(Locale.ROOT, "%,d", (long) v);
        return String.format(Locale.ROOT, "%.3g", v);
    }

    /**
     * A rate or ratio to 3 significant digits (at least the integer part).
     *
     * @param v the value
     * @return e.g. {@code 12.3}, {@code 412}; {@code –} for NaN
     */
    static String num(double v) {
        if (!Double.isFinite(v)) return "–";
        if (Math.abs(v) >= 100) return String.format(Locale.ROOT, "%,.0f", v);
        return String.format(Locale.ROOT, "%.3g", v);
    }

    /**
     * A time in the unit that leaves 1–999 of it, 3 significant digits.
     *
     * @param seconds the time
     * @return e.g. {@code 1.02 ms}, {@code 57.3 ns}
     */
    static String time(double seconds) {
        if (!Double.isFinite(seconds)) return "–";
        double a = Math.abs(seconds);
        if (a >= 1) return String.format(Locale.ROOT, "%.3g s", seconds);
        if (a >= 1e-3) return String.format(Locale.ROOT, "%.3g ms", seconds * 1e3);
        if (a >= 1e-6) return String.format(Locale.ROOT, "%.3g µs", seconds * 1e6);
        if (a >= 1e-9) return String.format(Locale.ROOT, "%.3g ns", seconds * 1e9);
        return String.format(Locale.ROOT, "%.3g ps", seconds * 1e12);
    }
}
