package dev.mollify.pde.fit;

import dev.mollify.autograd.train.Callback;
import dev.mollify.tensor.kernels.Parallel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * An ensemble of fits of the same data for the uncertainty of the recovered coefficients. The data are
 * measured once as the single fit would measure them (file, then the options' noise and point draw with
 * the base seed s). Member k = 0 … N−1 then refits them with
 * <ul>
 *   <li>seed s_k = s + k (network initialisation, the pre-fit's points, training), and</li>
 *   <li>the data resampled by {@link Resample} (half of the measured rows or grid nodes, drawn without
 *   replacement) with seed s_k·1000003 + 7.</li>
 * </ul>
 * For each coefficient c with member values c_1 … c_N the result holds the mean c̄ = Σ c_k / N, the
 * sample standard deviation sd = sqrt(Σ (c_k − c̄)² / (N − 1)), and the Student-t interval at level
 * 1 − α (default 0.95)
 *
 * <pre>  c̄ ± t_{N−1}(1 − α/2) · sd · sqrt(1 + 1/N)</pre>
 *
 * The half-samples make sd² an estimate of the full fit's variance σ²; c̄ adds the members' own Monte
 * Carlo error, σ²/N; and sd has N − 1 degrees of freedom, so (c̄ − c)/(sd·sqrt(1 + 1/N)) is t_{N−1} for
 * normal errors without a shared bias (docs/math.md, "Ensembles: an interval for each coefficient").
 *
 * <p>Members run {@code parallel} at a time, each with its share of the calling thread's kernel threads
 * ({@link Parallel#withThreads}); each member's result depends only on its seed and data, so the
 * ensemble is the same bits for any {@code parallel} (unless a time budget ends a member).
 */
public final class Ensemble {
    /** The default level of the interval. */
    public static final double DEFAULT_LEVEL = 0.95;

    private final FitOptions options;
    private final int members;
    private final double level;
    private final int parallel;

    private Ensemble(FitOptions options, int members, double level, int parallel) {
        if (options == null) throw new IllegalArgumentException("options are null");
        if (members < 2)
            throw FitInputException.usage("an ensemble needs at least 2 members to give a spread, got " + members);
        if (!(level > 0 && level < 1))
            throw FitInputException.usage("the interval's level must be between 0 and 1 (0.95 for 95 %), got " + level);
        if (parallel < 1) throw FitInputException.usage("members run at once must be ≥ 1, got " + parallel);
        this.options = options;
        this.members = members;
        this.level = level;
        this.parallel = parallel;
    }

    /**
     * {@code members} fits of the data {@code options} describe, a 95 % interval, as many at once as the
     * calling thread may use kernel threads ({@link Parallel#threads()}: the cores, or a sweep's share of them).
     *
     * @param options the fit each member repeats; its seed is the base seed s
     * @param members N, the number of members (≥ 2)
     * @return the ensemble, not yet run
     * @throws IllegalArgumentException when {@code options} is null
     * @throws FitInputException (kind USAGE) when {@code members < 2}
     */
    public static Ensemble of(FitOptions options, int members) {
        return new Ensemble(options, members, DEFAULT_LEVEL, Math.min(members, Parallel.threads()));
    }

    /**
     * This ensemble with another interval level (0 &lt; level &lt; 1).
     *
     * @param l the level 1 − α, e.g. 0.9 for a 90 % interval
     * @return a copy with the level replaced
     * @throws FitInputException (kind USAGE) when {@code l} is not strictly between 0 and 1
     */
    public Ensemble level(double l) {
        return new Ensemble(options, members, l, parallel);
    }

    /**
     * This ensemble with at most {@code n} members running at once (the result does not depend on it).
     *
     * @param n members at once, ≥ 1; each gets {@code max(1, cores / min(n, N))} kernel threads
     * @return a copy with the limit replaced
     * @throws FitInputException (kind USAGE) when {@code n < 1}
     */
    public Ensemble parallel(int n) {
        return new Ensemble(options, members, level, n);
    }

    /**
     * The most members running at once.
     *
     * @return the limit set by {@link #of} or {@link #parallel(int)}
     */
    public int parallel() {
        return parallel;
    }

    /**
     * The seed of member k: base seed + k.
     *
     * @param base the options' seed s
     * @param k    the member, 0 … N−1
     * @return s + k
     */
    public static long memberSeed(long base, int k) {
        return base + k;
    }

    /** The seed of member k's resample, derived from its seed. */
    static long resampleSeed(long memberSeed) {
        return memberSeed * 1_000_003L + 7;
    }

    /**
     * One member's fit.
     *
     * @param index      k, 0 … N−1
     * @param seed       its seed s + k
     * @param values     its recovered coefficients, in declared order
     * @param stopReason why its training stopped
     * @param seconds    wall-clock seconds of its setup and training
     */
    public record Member(int index, long seed, Map<String, Double> values, String stopReason, double seconds) {}

    /**
     * The spread of one coefficient over the members.
     *
     * @param mean   c̄
     * @param sd     the sample standard deviation (N − 1 in the denominator)
     * @param lo     c̄ − t_{N−1}(1 − α/2)·sd·sqrt(1 + 1/N)
     * @param hi     c̄ + t_{N−1}(1 − α/2)·sd·sqrt(1 + 1/N)
     * @param values the member values, member 0 first
     */
    public record Coefficient(double mean, double sd, double lo, double hi, double[] values) {
        /**
         * Copies the values.
         *
         * @param mean   c̄
         * @param sd     the sample standard deviation
         * @param lo     the interval's lower end
         * @param hi     the interval's upper end
         * @param values the member values, copied
         */
        public Coefficient {
            values = values.clone();
        }

        /**
         * The member values (a copy).
         *
         * @return a new array, member 0 first
         */
        @Override
        public double[] values() {
            return values.clone();
        }

        /**
         * The spread of these values: mean, sample sd, and the Student-t interval at {@code level}
         * (formulas in the class comment; docs/math.md, "Ensembles: an interval for each coefficient").
         *
         * @param values the member values, at least two
         * @param level  the interval's level 1 − α, in (0, 1)
         * @return mean, sd, c̄ ± t_{N−1}(1 − α/2)·sd·sqrt(1 + 1/N) and a copy of the values
         * @throws IllegalArgumentException when there are fewer than two values
         */
        public static Coefficient of(double[] values, double level) {
            int n = values.length;
            if (n < 2) throw new IllegalArgumentException("a spread needs at least 2 values, got " + n);
            double mean = 0;
            for (double v : values) mean += v;
            mean /= n;
            double ss = 0;
            for (double v : values) ss += (v - mean) * (v - mean);
            double sd = Math.sqrt(ss / (n - 1));
            double half = halfWidth(n, level) * sd;
            return new Coefficient(mean, sd, mean - half, mean + half, values);
        }

        /**
         * The interval's half-width in units of sd: t_{N−1}(1 − α/2)·sqrt(1 + 1/N) at level 1 − α.
         *
         * @param n     the number of members N, at least 2
         * @param level the interval's level 1 − α, in (0, 1)
         * @return the half-width divided by the members' sd (2.37 for N = 10 at 95 %)
         */
        public static double halfWidth(int n, double level) {
            return StudentT.quantile(1 - (1 - level) / 2, n - 1) * Math.sqrt(1 + 1.0 / n);
        }

        /**
         * The percentile q(p) of the values: linear between the sorted values x_(0) ≤ … ≤ x_(N−1) at
         * h = (N − 1)·p, q = x_(⌊h⌋) + (h − ⌊h⌋)·(x_(⌊h⌋+1) − x_(⌊h⌋)) (numpy's and R's default rule).
         *
         * @param values the member values, at least one; not modified
         * @param p      the probability, in [0, 1]
         * @return q(p)
         */
        public static double percentile(double[] values, double p) {
            double[] sorted = values.clone();
            Arrays.sort(sorted);
            double h = (sorted.length - 1) * p;
            int lo = (int) Math.floor(h);
            if (lo >= sorted.length - 1) return sorted[sorted.length - 1];
            return sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]);
        }
    }

    /**
     * What the ensemble found.
     *
     * @param level        the interval's level, e.g. 0.95
     * @param resample     how each member's data were drawn
     * @param coefficients per unknown, in declared order: mean, sd, interval, member values
     * @param runs         the members, member 0 first
     */
    public record Result(double level, Resample resample, Map<String, Coefficient> coefficients, List<Member> runs) {
        /**
         * The number of members.
         *
         * @return N
         */
        public int members() {
            return runs.size();
        }
    }

    /**
     * Runs the members; see {@link #run(Consumer, Callback...)}.
     *
     * @param extra callbacks given to every member's trainer; they must be thread-safe
     * @return the coefficients' spread and the members
     * @throws FitInputException when the settings or data cannot be used (a member's message names it)
     */
    public Result run(Callback... extra) {
        return run(m -> {}, extra);
    }

    /**
     * Runs the members. {@code finished} is called (from the thread that ran it, one call at a time) as each
     * member ends; {@code extra} callbacks are given to every member's trainer (several at once: they must be
     * thread-safe). Bad settings or data throw {@link FitInputException}.
     *
     * @param finished called with each member as it ends
     * @param extra    callbacks given to every member's trainer; they must be thread-safe
     * @return the coefficients' spread and the members, member 0 first
     * @throws FitInputException when the settings or data cannot be used (a member's message names it)
     * @throws IllegalStateException when the calling thread is interrupted while the members run
     */
    public Result run(Consumer<Member> finished, Callback... extra) {
        FitSetup.Measured measured = FitSetup.measure(options);
        DataLayout layout =
                DataLayout.detect(measured.table(), measured.coordinates(), measured.observed(), options.gridSize());
        Resample resample = Resample.of(layout);
        int cores = Parallel.threads();
        int atOnce = Math.min(parallel, members);
        int threadsEach = Math.max(1, cores / atOnce);
        Member[] done = new Member[members];
        AtomicInteger names = new AtomicInteger();
        Object reporting = new Object(); // one finished call at a time
        ExecutorService pool = Executors.newFixedThreadPool(atOnce, r -> {
            Thread t = new Thread(r, "mollify-ensemble-" + names.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int k = 0; k < members; k++) {
                int index = k;
                futures.add(pool.submit(() -> {
                    Member m = Parallel.withThreads(threadsEach, () -> member(index, measured, resample, extra));
                    done[index] = m;
                    synchronized (reporting) {
                        finished.accept(m);
                    }
                }));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while the ensemble ran", e);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        List<Member> runs = List.of(done);
        Map<String, Coefficient> coefficients = new LinkedHashMap<>();
        for (String name : options.unknowns().keySet()) {
            double[] v = new double[members];
            for (int k = 0; k < members; k++) v[k] = runs.get(k).values().get(name);
            coefficients.put(name, Coefficient.of(v, level));
        }
        return new Result(level, resample, coefficients, runs);
    }

    private Member member(int k, FitSetup.Measured measured, Resample resample, Callback[] extra) {
        long t0 = System.nanoTime();
        long seed = memberSeed(options.seed(), k);
        Table data = resample.apply(measured.table(), measured.observed(), resampleSeed(seed));
        FitOptions o = new FitOptions(
                null,
                data,
                options.columns(),
                options.pde(),
                options.unknowns(),
                options.positive(),
                options.truth(),
                options.route(),
                options.delta(),
                options.kernels(),
                0,
                0,
                options.hidden(),
                options.adamSteps(),
                options.lbfgsIterations(),
                options.lr(),
                seed,
                options.gridSize(),
                options.tolerance(),
                options.lossTolerance(),
                options.timeBudget(),
                0); // a member's spread is the ensemble's: no profile of its own
        DataFit.Result r;
        try {
            r = DataFit.of(o).run(extra);
        } catch (FitInputException e) {
            throw new FitInputException(
                    e.kind(), "ensemble member " + k + " (" + resample.describe() + "): " + e.getMessage(), e);
        }
        return new Member(
                k,
                seed,
                java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(r.values())),
                r.training().stopReason(),
                (System.nanoTime() - t0) * 1e-9);
    }
}
