package dev.mollify.jmh.scaling;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.function.ToDoubleFunction;

/**
 * How one JMH result file of {@code jmh/scaling.sh} becomes a {@link Sweep}: which benchmark, which
 * parameter is the size, and the work of one call. A {@code shape} parameter {@code BxNxK} is read as
 * three parameters B, N and K. The parameters other than the size that vary within the file make the
 * curves (e.g. {@code path}; with none, the one curve is named after the method); those that do not are
 * the sweep's fixed settings.
 *
 * @param id the sweep's short name ({@code scaling-ID.png})
 * @param file the JSON file's name, e.g. {@code conv-n.json}
 * @param benchmark the benchmark read, {@code Class.method}
 * @param swept the parameter that is the size, e.g. {@code N}
 * @param title the report's heading
 * @param sizeLabel the size's axis title
 * @param elementLabel what one element of work is
 * @param elements the elements of one call, from the parameters
 * @param flops the FLOPs of one call (NaN when not counted)
 * @param bytes the least memory traffic of one call in bytes (NaN when not counted)
 */
public record SweepDefinition(
        String id,
        String file,
        String benchmark,
        String swept,
        String title,
        String sizeLabel,
        String elementLabel,
        ToDoubleFunction<Map<String, String>> elements,
        ToDoubleFunction<Map<String, String>> flops,
        ToDoubleFunction<Map<String, String>> bytes) {

    /**
     * The curves of this sweep among a file's results (other benchmarks are skipped).
     *
     * @param results the file's results
     * @return the sweep, one curve per setting of the varying parameters, points sorted by size
     */
    public Sweep sweep(List<JmhResult> results) {
        List<Map<String, String>> params = new ArrayList<>();
        List<JmhResult> mine = new ArrayList<>();
        for (JmhResult r : results) {
            if (!r.benchmark().equals(benchmark)) continue;
            mine.add(r);
            params.add(expand(r.params()));
        }
        Map<String, Set<String>> values = new LinkedHashMap<>();
        for (Map<String, String> p : params) {
            for (Map.Entry<String, String> e : p.entrySet()) {
                values.computeIfAbsent(e.getKey(), k -> new LinkedHashSet<>()).add(e.getValue());
            }
        }
        StringJoiner fixed = new StringJoiner(", ");
        List<String> varying = new ArrayList<>();
        for (Map.Entry<String, Set<String>> e : values.entrySet()) {
            if (e.getKey().equals(swept)) continue;
            if (e.getValue().size() == 1)
                fixed.add(e.getKey() + " = " + e.getValue().iterator().next());
            else varying.add(e.getKey());
        }
        Map<String, List<Sweep.Point>> curves = new LinkedHashMap<>();
        Map<String, String> dtypes = new LinkedHashMap<>();
        for (int i = 0; i < mine.size(); i++) {
            JmhResult r = mine.get(i);
            Map<String, String> p = params.get(i);
            StringJoiner name = new StringJoiner(", ");
            for (String v : varying) name.add(varying.size() == 1 ? p.get(v) : v + " = " + p.get(v));
            String key = varying.isEmpty() ? benchmark.substring(benchmark.indexOf('.') + 1) : name.toString();
            curves.computeIfAbsent(key, k -> new ArrayList<>())
                    .add(new Sweep.Point(
                            Double.parseDouble(p.get(swept)),
                            r.seconds(),
                            r.secondsError(),
                            elements.applyAsDouble(p),
                            flops.applyAsDouble(p),
                            bytes.applyAsDouble(p)));
            dtypes.put(key, p.get("dtype"));
        }
        List<Sweep.Series> series = new ArrayList<>();
        for (Map.Entry<String, List<Sweep.Point>> e : curves.entrySet()) {
            List<Sweep.Point> pts = new ArrayList<>(e.getValue());
            pts.sort((a, b) -> Double.compare(a.size(), b.size()));
            series.add(new Sweep.Series(e.getKey(), dtypes.get(e.getKey()), pts));
        }
        return new Sweep(id, title, sizeLabel, elementLabel, fixed.toString(), series);
    }

    /**
     * The parameters with {@code shape = BxNxK} split into B, N and K.
     *
     * @param params JMH's parameters
     * @return a copy, {@code shape} replaced by its three parts when present
     */
    static Map<String, String> expand(Map<String, String> params) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : params.entrySet()) {
            if (e.getKey().equals("shape")) {
                String[] s = e.getValue().split("x");
                out.put("B", s[0]);
                out.put("N", s[1]);
                out.put("K", s[2]);
            } else {
                out.put(e.getKey(), e.getValue());
            }
        }
        return out;
    }

    /**
     * Bytes of one element of a dtype.
     *
     * @param params parameters holding {@code dtype} = F32 or F64
     * @return 4 or 8
     */
    static double elementBytes(Map<String, String> params) {
        return "F32".equals(params.get("dtype")) ? 4 : 8;
    }

    static double num(Map<String, String> p, String name) {
        return Double.parseDouble(p.get(name));
    }
}
