package dev.mollify.autograd.train;

import dev.mollify.autograd.nn.Safetensors;
import dev.mollify.autograd.optim.Adam;
import dev.mollify.autograd.optim.Lbfgs;
import dev.mollify.tensor.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything needed to continue a run bit for bit, taken after an Adam step or an L-BFGS iteration. In
 * the L-BFGS phase it also holds the optimiser's curvature pairs and line-search state
 * ({@link Lbfgs.State}) and the reason the Adam phase ended, so a resumed run continues with the next
 * L-BFGS iteration.
 *
 * <p><b>File.</b> One safetensors file {@code DIR/checkpoint.safetensors} (so one atomic rename
 * replaces all of it):
 * <pre>
 *   param/NAME          each parameter, its own dtype and shape
 *   adam/t              F64 [P]   per-parameter Adam step counts (exact integers)
 *   adam/m/I, adam/v/I  F64 [n_I] moments of parameter I (absent while it has none)
 *   history/step        F64 [S]   each record's step number
 *   history/phase       F64 [S]   0 = Adam, 1 = L-BFGS
 *   history/total       F64 [S]
 *   history/term/J, history/weight/J, history/unknown/K   F64 [S] per term J / unknown K
 *   lbfgs/d, lbfgs/g    F64 [n]   last direction, gradient at the last iteration's start (L-BFGS phase)
 *   lbfgs/gLast         F64 [n]   gradient at the point reached (absent when L-BFGS has not evaluated it)
 *   lbfgs/y/I, lbfgs/s/I, lbfgs/rho   the curvature pairs, oldest first, and 1 / yᵀs
 *   __metadata__        format, step, seed, seconds, adam.steps, param.I / term.J / unknown.K names,
 *                       weight.J current weights, adam.end, lbfgs.* scalars (Double.toString: round-trips exactly),
 *                       checksum (SHA-256 of the tensors, see {@link #checksum})
 * </pre>
 * The RNG needs no state: each step's generator is derived from (seed, step), see {@link StepContext}.
 *
 * @param step       number of completed steps
 * @param seed       the run's seed
 * @param seconds    wall time so far
 * @param parameters the parameter values by name, in registry order
 * @param adam       Adam's state
 * @param weights    the current loss weights by term, in term order
 * @param history    the steps so far
 * @param lbfgs      L-BFGS's state after the step, or null for a checkpoint of the Adam phase
 * @param adamEnd    why the Adam phase ended early (null when it ran its planned steps, or in the Adam phase)
 */
public record Checkpoint(
        int step,
        long seed,
        double seconds,
        Map<String, Tensor> parameters,
        Adam.State adam,
        Map<String, Double> weights,
        List<StepRecord> history,
        Lbfgs.State lbfgs,
        String adamEnd) {
    /**
     * A checkpoint of the Adam phase (no L-BFGS state, Adam not ended early).
     *
     * @param step the number of completed Adam steps
     * @param seed the run's seed
     * @param seconds wall time so far, in seconds
     * @param parameters the parameter values by name, in registry order
     * @param adam Adam's state after the step
     * @param weights the current loss weights by term, in term order
     * @param history the step records so far
     */
    public Checkpoint(
            int step,
            long seed,
            double seconds,
            Map<String, Tensor> parameters,
            Adam.State adam,
            Map<String, Double> weights,
            List<StepRecord> history) {
        this(step, seed, seconds, parameters, adam, weights, history, null, null);
    }

    /**
     * True for a checkpoint taken in the L-BFGS phase.
     *
     * @return true when {@link #lbfgs()} is present
     */
    public boolean inLbfgs() {
        return lbfgs != null;
    }

    /** The file name inside a checkpoint directory. */
    public static final String FILE = "checkpoint.safetensors";

    static final String FORMAT = "mollify-checkpoint-1";

    /**
     * The checkpoint file in {@code dir}.
     *
     * @param dir a checkpoint directory
     * @return {@code dir/checkpoint.safetensors}
     */
    public static Path file(Path dir) {
        return dir.resolve(FILE);
    }

    /**
     * Reads {@code dir/checkpoint.safetensors}.
     *
     * @param dir a directory a {@link Checkpointer} wrote into
     * @return the checkpoint it holds
     * @throws IOException when there is no checkpoint file or it cannot be read
     * @throws IllegalArgumentException when the file is not a valid safetensors file or not a checkpoint of this format
     */
    public static Checkpoint read(Path dir) throws IOException {
        Path f = file(dir);
        if (!Files.exists(f)) throw new IOException("no checkpoint in " + dir + " (expected " + FILE + ")");
        return decode(Safetensors.read(f));
    }

    /**
     * The safetensors bytes of this checkpoint.
     *
     * @return a safetensors file: the parameters, optimiser vectors and history as tensors, the scalars as metadata
     */
    public byte[] encode() {
        Map<String, Tensor> t = new LinkedHashMap<>();
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", FORMAT);
        meta.put("step", Integer.toString(step));
        meta.put("seed", Long.toString(seed));
        meta.put("seconds", Double.toString(seconds));
        meta.put("adam.steps", Integer.toString(adam.steps()));
        int i = 0;
        for (Map.Entry<String, Tensor> e : parameters.entrySet()) {
            meta.put("param." + i++, e.getKey());
            t.put("param/" + e.getKey(), e.getValue());
        }
        double[] ts = new double[adam.t().length];
        for (int p = 0; p < ts.length; p++) ts[p] = adam.t()[p];
        t.put("adam/t", Tensor.of(ts, ts.length));
        for (int p = 0; p < ts.length; p++) {
            if (adam.m()[p] != null) {
                t.put("adam/m/" + p, Tensor.of(adam.m()[p], adam.m()[p].length));
                t.put("adam/v/" + p, Tensor.of(adam.v()[p], adam.v()[p].length));
            }
        }
        int s = history.size();
        double[] stepNo = new double[s], phase = new double[s], total = new double[s];
        for (int k = 0; k < s; k++) {
            stepNo[k] = history.get(k).step();
            phase[k] = history.get(k).phase().ordinal();
            total[k] = history.get(k).total();
        }
        t.put("history/step", Tensor.of(stepNo, s));
        t.put("history/phase", Tensor.of(phase, s));
        t.put("history/total", Tensor.of(total, s));
        int j = 0;
        for (Map.Entry<String, Double> e : weights.entrySet()) {
            String term = e.getKey();
            meta.put("term." + j, term);
            meta.put("weight." + j, Double.toString(e.getValue()));
            t.put("history/term/" + j, Tensor.of(column(history, r -> r.terms().get(term)), s));
            t.put(
                    "history/weight/" + j,
                    Tensor.of(column(history, r -> r.weights().get(term)), s));
            j++;
        }
        if (s > 0) {
            int k = 0;
            for (String name : history.get(0).unknowns().keySet()) {
                meta.put("unknown." + k, name);
                t.put(
                        "history/unknown/" + k,
                        Tensor.of(column(history, r -> r.unknowns().get(name)), s));
                k++;
            }
        }
        if (adamEnd != null) meta.put("adam.end", adamEnd);
        if (lbfgs != null) encodeLbfgs(t, meta);
        meta.put("checksum", checksum(t));
        return Safetensors.encode(t, meta);
    }

    private void encodeLbfgs(Map<String, Tensor> t, Map<String, String> meta) {
        meta.put("lbfgs.iterations", Integer.toString(lbfgs.iterations()));
        meta.put("lbfgs.evaluations", Integer.toString(lbfgs.functionEvaluations()));
        meta.put("lbfgs.stepLength", Double.toString(lbfgs.stepLength()));
        meta.put("lbfgs.hDiag", Double.toString(lbfgs.hDiag()));
        meta.put("lbfgs.previousLoss", Double.toString(lbfgs.previousLoss()));
        meta.put("lbfgs.lastLoss", Double.toString(lbfgs.lastLoss()));
        meta.put("lbfgs.pairs", Integer.toString(lbfgs.rho().length));
        if (lbfgs.direction() != null) t.put("lbfgs/d", Tensor.of(lbfgs.direction(), lbfgs.direction().length));
        if (lbfgs.previousGradient() != null)
            t.put("lbfgs/g", Tensor.of(lbfgs.previousGradient(), lbfgs.previousGradient().length));
        if (lbfgs.lastGradient() != null)
            t.put("lbfgs/gLast", Tensor.of(lbfgs.lastGradient(), lbfgs.lastGradient().length));
        for (int i = 0; i < lbfgs.rho().length; i++) {
            t.put(
                    "lbfgs/y/" + i,
                    Tensor.of(
                            lbfgs.gradientChanges().get(i),
                            lbfgs.gradientChanges().get(i).length));
            t.put("lbfgs/s/" + i, Tensor.of(lbfgs.steps().get(i), lbfgs.steps().get(i).length));
        }
        if (lbfgs.rho().length > 0) t.put("lbfgs/rho", Tensor.of(lbfgs.rho(), lbfgs.rho().length));
    }

    private static Lbfgs.State decodeLbfgs(Map<String, Tensor> t, Map<String, String> meta) {
        if (!meta.containsKey("lbfgs.iterations")) return null;
        int pairs = Integer.parseInt(meta.get("lbfgs.pairs"));
        List<double[]> y = new ArrayList<>(), s = new ArrayList<>();
        for (int i = 0; i < pairs; i++) {
            y.add(need(t, "lbfgs/y/" + i).toDoubleArray());
            s.add(need(t, "lbfgs/s/" + i).toDoubleArray());
        }
        return new Lbfgs.State(
                Integer.parseInt(meta.get("lbfgs.iterations")),
                Integer.parseInt(meta.get("lbfgs.evaluations")),
                t.containsKey("lbfgs/d") ? t.get("lbfgs/d").toDoubleArray() : null,
                Double.parseDouble(meta.get("lbfgs.stepLength")),
                y,
                s,
                pairs > 0 ? need(t, "lbfgs/rho").toDoubleArray() : new double[0],
                Double.parseDouble(meta.get("lbfgs.hDiag")),
                t.containsKey("lbfgs/g") ? t.get("lbfgs/g").toDoubleArray() : null,
                Double.parseDouble(meta.get("lbfgs.previousLoss")),
                Double.parseDouble(meta.get("lbfgs.lastLoss")),
                t.containsKey("lbfgs/gLast") ? t.get("lbfgs/gLast").toDoubleArray() : null);
    }

    private static double[] column(List<StepRecord> h, java.util.function.ToDoubleFunction<StepRecord> f) {
        double[] c = new double[h.size()];
        for (int k = 0; k < c.length; k++) c[k] = f.applyAsDouble(h.get(k));
        return c;
    }

    /**
     * SHA-256 over every tensor, in name order: the name, the shape and each value's IEEE bits. Stored in
     * the metadata, so a checkpoint whose bytes changed on disk is refused instead of resuming into NaNs.
     */
    static String checksum(Map<String, Tensor> t) {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
        for (String name : new TreeMap<>(t).keySet()) {
            Tensor x = t.get(name);
            md.update(name.getBytes(StandardCharsets.UTF_8));
            ByteBuffer b = ByteBuffer.allocate(8 * (x.dim() + 2 + x.numel()));
            b.putLong(x.dim());
            for (int d : x.shape()) b.putLong(d);
            b.putLong(x.dtype().ordinal());
            for (double v : x.toDoubleArray()) b.putLong(Double.doubleToRawLongBits(v));
            md.update(b.array());
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** Parses a checkpoint from its safetensors contents. */
    static Checkpoint decode(Safetensors.Contents c) {
        Map<String, String> meta = c.metadata();
        Map<String, Tensor> t = c.tensors();
        if (!FORMAT.equals(meta.get("format"))) {
            throw new IllegalArgumentException(
                    "not a Mollify checkpoint (format '" + meta.get("format") + "', expected '" + FORMAT + "')");
        }
        if (meta.containsKey("checksum") && !meta.get("checksum").equals(checksum(t))) {
            throw new IllegalArgumentException(
                    "the checkpoint's contents do not match its checksum: the file was damaged after it "
                            + "was written; start the run again without resuming");
        }
        int step = Integer.parseInt(meta.get("step"));
        long seed = Long.parseLong(meta.get("seed"));
        double seconds = Double.parseDouble(meta.get("seconds"));
        Map<String, Tensor> params = new LinkedHashMap<>();
        for (int i = 0; meta.containsKey("param." + i); i++) {
            String name = meta.get("param." + i);
            params.put(name, need(t, "param/" + name));
        }
        double[] ts = need(t, "adam/t").toDoubleArray();
        int n = ts.length;
        int[] tInt = new int[n];
        double[][] m = new double[n][], v = new double[n][];
        for (int p = 0; p < n; p++) {
            tInt[p] = (int) ts[p];
            if (t.containsKey("adam/m/" + p)) {
                m[p] = t.get("adam/m/" + p).toDoubleArray();
                v[p] = need(t, "adam/v/" + p).toDoubleArray();
            }
        }
        Adam.State adam = new Adam.State(Integer.parseInt(meta.get("adam.steps")), tInt, m, v);
        double[] phase = need(t, "history/phase").toDoubleArray();
        double[] stepNo = t.containsKey("history/step") ? t.get("history/step").toDoubleArray() : null;
        double[] total = need(t, "history/total").toDoubleArray();
        List<String> terms = new ArrayList<>();
        Map<String, Double> weights = new LinkedHashMap<>();
        List<double[]> termCols = new ArrayList<>(), weightCols = new ArrayList<>();
        for (int j = 0; meta.containsKey("term." + j); j++) {
            String term = meta.get("term." + j);
            terms.add(term);
            weights.put(term, Double.parseDouble(meta.get("weight." + j)));
            termCols.add(need(t, "history/term/" + j).toDoubleArray());
            weightCols.add(need(t, "history/weight/" + j).toDoubleArray());
        }
        List<String> unknowns = new ArrayList<>();
        List<double[]> unknownCols = new ArrayList<>();
        for (int k = 0; meta.containsKey("unknown." + k); k++) {
            unknowns.add(meta.get("unknown." + k));
            unknownCols.add(need(t, "history/unknown/" + k).toDoubleArray());
        }
        List<StepRecord> history = new ArrayList<>();
        for (int s = 0; s < total.length; s++) {
            Map<String, Double> tm = new LinkedHashMap<>(), wm = new LinkedHashMap<>(), um = new LinkedHashMap<>();
            for (int j = 0; j < terms.size(); j++) {
                tm.put(terms.get(j), termCols.get(j)[s]);
                wm.put(terms.get(j), weightCols.get(j)[s]);
            }
            for (int k = 0; k < unknowns.size(); k++)
                um.put(unknowns.get(k), unknownCols.get(k)[s]);
            history.add(new StepRecord(
                    stepNo == null ? s + 1 : (int) stepNo[s], Phase.values()[(int) phase[s]], tm, total[s], wm, um));
        }
        return new Checkpoint(
                step, seed, seconds, params, adam, weights, history, decodeLbfgs(t, meta), meta.get("adam.end"));
    }

    private static Tensor need(Map<String, Tensor> t, String name) {
        Tensor x = t.get(name);
        if (x == null) throw new IllegalArgumentException("checkpoint is missing tensor '" + name + "'");
        return x;
    }
}
