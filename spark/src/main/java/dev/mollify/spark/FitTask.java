package dev.mollify.spark;

import dev.mollify.pde.fit.DataFit;
import dev.mollify.pde.fit.FitInputException;
import dev.mollify.pde.fit.FitJob;
import dev.mollify.pde.fit.Table;
import dev.mollify.pde.pinn.InverseProblem;
import dev.mollify.tensor.kernels.Parallel;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One fit of a sweep as a Spark task runs it: the library's {@link FitJob} with its data file resolved
 * to a full URI, and the Hadoop settings to read it with. {@link #run} reads the table through
 * {@link HadoopFiles}, fits it with {@link DataFit} (the same bits as {@code mollify fit} on the same file
 * and settings) and gives the summary of the result; a fit that fails gives a row that says why instead
 * of failing the job.
 *
 * @param job     the fit: name, settings, position in the product
 * @param dataUri the data file, qualified ({@code file:/…}, {@code hdfs://…}, {@code s3a://…})
 * @param rowUri  where the fit's row goes when it ends ({@code OUT/fits/NAME/row.json}, qualified)
 * @param files   the Hadoop settings of the driver
 */
record FitTask(FitJob job, String dataUri, String rowUri, HadoopFiles files) implements Serializable {
    private static final long serialVersionUID = 1L;

    /**
     * What a fit ended with.
     *
     * @param status       {@code ok}, {@code diverged} or {@code failed}
     * @param values       the recovered unknowns by name (empty when it failed before training)
     * @param truth        the true values the data (or the settings) give, by name
     * @param seconds      training wall time, or null
     * @param peakBytes    peak live tensor memory of one gradient evaluation, or null
     * @param stopReason   why training ended, or null
     * @param warnings     what the fit cannot vouch for, in words
     * @param message      why it failed or diverged, or null
     */
    record Outcome(
            String status,
            Map<String, Double> values,
            Map<String, Double> truth,
            Double seconds,
            Long peakBytes,
            String stopReason,
            List<String> warnings,
            String message) {}

    /** Runs the fit with {@code threads} kernel threads (the task's cores). */
    Outcome run(int threads) {
        try {
            Table table = files.readTable(dataUri, job.columns());
            DataFit fit = job.builder().table(table).build();
            DataFit.Result r = Parallel.withThreads(threads, () -> fit.run());
            InverseProblem.StepCost cost = r.problem().measureStep(2);
            String reason = r.training().stopReason();
            boolean diverged = reason.startsWith("divergence") || reason.startsWith("exploding loss");
            return new Outcome(
                    diverged ? "diverged" : "ok",
                    r.values(),
                    r.setup().truth(),
                    r.training().seconds(),
                    cost.peakLiveBytes(),
                    reason,
                    r.warnings(),
                    diverged ? "the run diverged and stopped: " + reason : null);
        } catch (FitInputException e) {
            return failed(e.getMessage());
        } catch (OutOfMemoryError e) {
            return failed("out of memory; give the executors more memory (spark.executor.memory) or run fewer"
                    + " fits per executor (spark.task.cpus)");
        } catch (RuntimeException e) {
            if (Thread.currentThread().isInterrupted()) throw e; // the task was killed: Spark's to handle
            return failed("failed: " + e);
        }
    }

    private static Outcome failed(String message) {
        return new Outcome(
                "failed", new LinkedHashMap<>(), new LinkedHashMap<>(), null, null, null, new ArrayList<>(), message);
    }
}
