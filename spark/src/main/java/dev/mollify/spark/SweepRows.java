package dev.mollify.spark;

import dev.mollify.pde.fit.DataSidecar;
import dev.mollify.pde.fit.FitJob;
import dev.mollify.pde.fit.SweepPlan;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The table a Spark sweep writes: one row per fit with the columns of {@code mollify sweep}'s
 * {@code sweep.csv} — {@code fit}, {@code index}, {@code status}, the lists of the product that the
 * description has ({@code data}, {@code route}, {@code delta} as text; {@code points} int; {@code noise}
 * double; {@code seed} long), per unknown {@code NAME}, {@code NAME_truth} and {@code NAME_relative_error}
 * (|v − t| / |t|, or |v| when t = 0), then {@code seconds}, {@code peak_bytes}, {@code stop_reason},
 * {@code warnings} (how many), {@code warning_text} (them, joined by " | ") and {@code message}.
 *
 * @param dimensions the lists of the product the description has, outermost first
 * @param unknowns   the unknowns' names, in declaration order
 */
record SweepRows(List<String> dimensions, List<String> unknowns) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The columns of a plan's rows. */
    static SweepRows of(SweepPlan plan) {
        FitJob first = plan.jobs().get(0);
        List<String> dims = new ArrayList<>();
        for (String d : SweepPlan.DIMENSIONS) if (first.values().containsKey(d)) dims.add(d);
        return new SweepRows(List.copyOf(dims), first.unknowns());
    }

    /** The Spark schema of the rows. */
    StructType schema() {
        List<StructField> f = new ArrayList<>();
        f.add(DataTypes.createStructField("fit", DataTypes.StringType, false));
        f.add(DataTypes.createStructField("index", DataTypes.IntegerType, false));
        f.add(DataTypes.createStructField("status", DataTypes.StringType, false));
        for (String d : dimensions) f.add(DataTypes.createStructField(d, type(d), false));
        for (String u : unknowns) {
            f.add(DataTypes.createStructField(u, DataTypes.DoubleType, true));
            f.add(DataTypes.createStructField(u + "_truth", DataTypes.DoubleType, true));
            f.add(DataTypes.createStructField(u + "_relative_error", DataTypes.DoubleType, true));
        }
        f.add(DataTypes.createStructField("seconds", DataTypes.DoubleType, true));
        f.add(DataTypes.createStructField("peak_bytes", DataTypes.LongType, true));
        f.add(DataTypes.createStructField("stop_reason", DataTypes.StringType, true));
        f.add(DataTypes.createStructField("warnings", DataTypes.IntegerType, false));
        f.add(DataTypes.createStructField("warning_text", DataTypes.StringType, true));
        f.add(DataTypes.createStructField("message", DataTypes.StringType, true));
        return DataTypes.createStructType(f);
    }

    private static DataType type(String dimension) {
        return switch (dimension) {
            case "points" -> DataTypes.IntegerType;
            case "noise" -> DataTypes.DoubleType;
            case "seed" -> DataTypes.LongType;
            default -> DataTypes.StringType;
        };
    }

    /** The row of one fit. */
    Row row(FitJob job, FitTask.Outcome o) {
        List<Object> cells = new ArrayList<>();
        cells.add(job.name());
        cells.add(job.index());
        cells.add(o.status());
        for (String d : dimensions) {
            String v = job.values().get(d);
            cells.add(
                    switch (d) {
                        case "points" -> Integer.parseInt(v);
                        case "noise" -> Double.parseDouble(v);
                        case "seed" -> Long.parseLong(v);
                        default -> v;
                    });
        }
        for (String u : unknowns) {
            Double v = o.values().get(u);
            Double t = o.truth().get(u);
            cells.add(v);
            cells.add(t);
            cells.add(v == null || t == null ? null : t == 0 ? Math.abs(v) : Math.abs(v - t) / Math.abs(t));
        }
        cells.add(o.seconds());
        cells.add(o.peakBytes());
        cells.add(o.stopReason());
        cells.add(o.warnings().size());
        cells.add(o.warnings().isEmpty() ? null : String.join(" | ", o.warnings()));
        cells.add(o.message());
        return RowFactory.create(cells.toArray());
    }

    /**
     * The row as one JSON object, field by field in the schema's order: strings quoted, numbers as Java
     * writes them (a double's every bit survives {@link #fromJson}), null as null.
     */
    String toJson(Row r) {
        StringBuilder j = new StringBuilder("{");
        StructField[] fields = schema().fields();
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) j.append(", ");
            j.append(quote(fields[i].name())).append(": ");
            Object v = r.isNullAt(i) ? null : r.get(i);
            // JSON has no NaN or infinity: a non-finite double is written as its Java text, quoted
            boolean text = v instanceof String || v instanceof Double d && !Double.isFinite(d);
            j.append(v == null ? "null" : text ? quote(v.toString()) : v.toString());
        }
        return j.append("}\n").toString();
    }

    /** The row {@link #toJson} wrote; throws IllegalArgumentException when the text does not fit the schema. */
    Row fromJson(String text) {
        if (!(DataSidecar.parseJson(text) instanceof Map<?, ?> m))
            throw new IllegalArgumentException("not a JSON object");
        StructField[] fields = schema().fields();
        Object[] cells = new Object[fields.length];
        for (int i = 0; i < fields.length; i++) {
            if (!m.containsKey(fields[i].name())) throw new IllegalArgumentException("no field " + fields[i].name());
            Object v = m.get(fields[i].name());
            DataType t = fields[i].dataType();
            cells[i] = v == null
                    ? null
                    : t instanceof IntegerType
                            ? (Object) (int) (double) (Double) v
                            : t instanceof LongType
                                    ? (Object) (long) (double) (Double) v
                                    : t instanceof DoubleType
                                            ? (v instanceof String d ? (Object) Double.parseDouble(d) : v)
                                            : (Object) (String) v;
        }
        return RowFactory.create(cells);
    }

    private static String quote(String s) {
        StringBuilder q = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> q.append("\\\"");
                case '\\' -> q.append("\\\\");
                case '\n' -> q.append("\\n");
                case '\r' -> q.append("\\r");
                case '\t' -> q.append("\\t");
                default -> {
                    if (c < 0x20) q.append(String.format("\\u%04x", (int) c));
                    else q.append(c);
                }
            }
        }
        return q.append('"').toString();
    }
}
