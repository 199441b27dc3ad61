package dev.mollify.pde.pinn;

import dev.mollify.autograd.Var;
import dev.mollify.autograd.nn.Activation;
import dev.mollify.autograd.nn.Mlp;
import dev.mollify.autograd.nn.Module;
import dev.mollify.autograd.nn.Parameters;
import dev.mollify.pde.spec.Domain;
import dev.mollify.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The network u_θ(x, t) of a physics-informed inverse problem: an {@link Mlp} (optionally with
 * Fourier features) whose inputs are the coordinates mapped from the {@link Domain} box to [−1, 1]
 * and whose outputs are the fields, then the unknown fields — as extra outputs of the same network,
 * or from their own small network ({@link Builder#separateUnknownNetwork}). An unknown field of fewer
 * coordinates than the domain's, {@code k(x)} on an (x, t) domain, has a network of its own that sees only
 * those coordinates ({@link Builder#unknownFieldInputs}), so it cannot vary along the others.
 *
 * <p>{@link #forward} takes physical coordinates {@code (N, d)} in {@link #coordinates()} order
 * (the domain's order) and returns {@code (N, outputs)} in {@link #outputs()} order. The map to
 * [−1, 1] is written with Var ops, so the autodiff route differentiates with respect to physical
 * coordinates. Points outside the box (the mollifier's halo) map a little outside [−1, 1].
 */
public final class Pinn implements Module {
    private final List<String> coordinates;
    private final List<String> fields;
    private final List<String> unknownFields;
    private final Mlp net;
    private final Mlp unknownNet;
    private final Map<String, FieldNetwork> fieldNets; // unknown fields of fewer coordinates, in output order
    private final Var centre;
    private final Var invHalf;
    private final Var outShift; // null: outputs are the network's; else out = shift + scale·net
    private final Var outScale;
    private final Parameters parameters = new Parameters();

    private Pinn(Builder b) {
        this.coordinates = b.domain.coordinates();
        this.fields = List.copyOf(b.fields);
        List<String> everywhere = new ArrayList<>(b.unknownFields);
        everywhere.removeAll(b.fieldInputs.keySet());
        List<String> unknownOrder = new ArrayList<>(everywhere);
        for (String f : b.unknownFields) if (!everywhere.contains(f)) unknownOrder.add(f);
        this.unknownFields = List.copyOf(unknownOrder);
        int d = coordinates.size();
        double[] c = new double[d];
        double[] ih = new double[d];
        for (int a = 0; a < d; a++) {
            Domain.Axis ax = b.domain.axes().get(a);
            c[a] = 0.5 * (ax.lo() + ax.hi());
            ih[a] = 2.0 / ax.length();
        }
        centre = Var.constant(Tensor.of(c, d));
        invHalf = Var.constant(Tensor.of(ih, d));
        List<String> outs = new ArrayList<>(fields);
        outs.addAll(unknownFields);
        if (b.outputAffine.isEmpty()) {
            outShift = null;
            outScale = null;
        } else {
            double[] shift = new double[outs.size()];
            double[] scale = new double[outs.size()];
            for (int i = 0; i < outs.size(); i++) {
                double[] ab = b.outputAffine.getOrDefault(outs.get(i), new double[] {0, 1});
                shift[i] = ab[0];
                scale[i] = ab[1];
            }
            outShift = Var.constant(Tensor.of(shift, shift.length));
            outScale = Var.constant(Tensor.of(scale, scale.length));
        }
        boolean separate = b.unknownHidden != null && !everywhere.isEmpty();
        Mlp.Builder mb = Mlp.builder()
                .inputs(d)
                .hidden(b.hidden)
                .activation(b.activation)
                .seed(b.seed)
                .outputs(fields.size() + (separate ? 0 : everywhere.size()));
        if (b.fourierM > 0) mb.fourierFeatures(b.fourierM, b.fourierSigma);
        net = mb.build();
        parameters.add("net", net.parameters());
        if (separate) {
            unknownNet = Mlp.builder()
                    .inputs(d)
                    .hidden(b.unknownHidden)
                    .activation(b.activation)
                    .seed(b.seed + 1)
                    .outputs(everywhere.size())
                    .build();
            parameters.add("unknownNet", unknownNet.parameters());
        } else {
            unknownNet = null;
        }
        Map<String, FieldNetwork> fn = new LinkedHashMap<>();
        for (String f : unknownFields.subList(everywhere.size(), unknownFields.size())) {
            List<String> own = b.fieldInputs.get(f);
            int[] columns = new int[own.size()];
            for (int i = 0; i < columns.length; i++) columns[i] = coordinates.indexOf(own.get(i));
            Mlp m = Mlp.builder()
                    .inputs(columns.length)
                    .hidden(b.unknownHidden != null ? b.unknownHidden : b.hidden)
                    .activation(b.activation)
                    .seed(b.seed + 2 + fn.size())
                    .outputs(1)
                    .build();
            fn.put(f, new FieldNetwork(own, columns, m));
            parameters.add("fieldNet." + f, m.parameters());
        }
        fieldNets = Collections.unmodifiableMap(fn);
    }

    /**
     * The network of one unknown field of fewer coordinates than the domain's.
     *
     * @param inputs the coordinates it takes, in the domain's order
     * @param columns the column of each of them in the normalised input z
     * @param network the MLP from those columns of z to the field (one output)
     */
    public record FieldNetwork(List<String> inputs, int[] columns, Mlp network) {
        /**
         * Copies the coordinate list.
         *
         * @param inputs the coordinates it takes, in the domain's order
         * @param columns the column of each of them in the normalised input z
         * @param network the MLP from those columns of z to the field
         */
        public FieldNetwork {
            inputs = List.copyOf(inputs);
        }

        /** The field's value from the full normalised input z (N, d): the network of z's own columns. */
        Var forward(Var z) {
            Var own = z.slice(1, columns[0], columns[0] + 1, 1);
            for (int i = 1; i < columns.length; i++)
                own = Var.concat(1, own, z.slice(1, columns[i], columns[i] + 1, 1));
            return network.forward(own);
        }
    }

    /**
     * A builder over a box domain; its axes are the network's inputs, in order.
     *
     * @param domain the box whose axes are mapped to [−1, 1]: z_a = (x_a − c_a) / h_a, c_a the centre, h_a half
     *     the length
     * @return a builder with one field {@code u}, hidden widths (32, 32), tanh and seed 0
     * @throws IllegalArgumentException when the domain is null
     */
    public static Builder builder(Domain domain) {
        return new Builder(domain);
    }

    /**
     * Input coordinate names, in column order (the domain's order).
     *
     * @return an unmodifiable list, e.g. [x, t]
     */
    public List<String> coordinates() {
        return coordinates;
    }

    /**
     * The fields, then the unknown fields: the output columns.
     *
     * @return a new list, one name per column of {@link #forward}'s result
     */
    public List<String> outputs() {
        List<String> o = new ArrayList<>(fields);
        o.addAll(unknownFields);
        return o;
    }

    /**
     * The fields (the PDE's unknown functions).
     *
     * @return an unmodifiable list, e.g. [u]
     */
    public List<String> fields() {
        return fields;
    }

    /**
     * The unknown coefficient fields the network also represents, in output order: those of every
     * coordinate first, then those of fewer coordinates ({@link #fieldNetworks()}) in the order declared.
     *
     * @return an unmodifiable list, empty when there are none
     */
    public List<String> unknownFields() {
        return unknownFields;
    }

    /**
     * Column of an output name.
     *
     * @param output a field or unknown field name
     * @return its column in {@link #forward}'s result
     * @throws IllegalArgumentException when the network has no such output
     */
    public int column(String output) {
        int i = outputs().indexOf(output);
        if (i < 0)
            throw new IllegalArgumentException(
                    "the network has no output '" + output + "'; its outputs are " + outputs());
        return i;
    }

    /** {@code (N, d)} physical coordinates → {@code (N, outputs)}. */
    @Override
    public Var forward(Var points) {
        if (points.shape().length != 2 || points.shape()[1] != coordinates.size()) {
            throw new IllegalArgumentException("expected points (N, " + coordinates.size() + ") for " + coordinates
                    + ", got " + Arrays.toString(points.shape()));
        }
        Var z = points.sub(centre).mul(invHalf);
        Var out = net.forward(z);
        if (unknownNet != null) out = Var.concat(1, out, unknownNet.forward(z));
        for (FieldNetwork f : fieldNets.values()) out = Var.concat(1, out, f.forward(z));
        return outShift == null ? out : out.mul(outScale).add(outShift);
    }

    /**
     * One output column of {@link #forward}'s result.
     *
     * @param forwardResult a result of {@link #forward}, shape (N, outputs)
     * @param name the output's name
     * @return that column, shape (N), differentiable
     * @throws IllegalArgumentException when the network has no such output
     */
    public Var output(Var forwardResult, String name) {
        int c = column(name);
        return forwardResult.slice(1, c, c + 1, 1).reshape(forwardResult.shape()[0]);
    }

    /**
     * The network of the fields (and of the unknown fields, unless they have their own).
     *
     * @return the main MLP, which takes the normalised coordinates z
     */
    public Mlp network() {
        return net;
    }

    /**
     * The unknown fields' own network.
     *
     * @return the separate MLP, or null when the unknown fields are extra outputs of {@link #network()}
     */
    public Mlp unknownNetwork() {
        return unknownNet;
    }

    /**
     * The networks of the unknown fields of fewer coordinates than the domain's.
     *
     * @return field name → its network, in output order; empty when every unknown field takes every coordinate
     */
    public Map<String, FieldNetwork> fieldNetworks() {
        return fieldNets;
    }

    /**
     * c_a: the centre of each input axis; the network sees z_a = (x_a − c_a) / h_a.
     *
     * @return a new array (lo_a + hi_a) / 2 per axis, in coordinate order
     */
    public double[] inputCentre() {
        return centre.value().toDoubleArray();
    }

    /**
     * h_a: half the length of each input axis.
     *
     * @return a new array (hi_a − lo_a) / 2 per axis, in coordinate order
     */
    public double[] inputHalfWidth() {
        double[] inv = invHalf.value().toDoubleArray();
        double[] h = new double[inv.length];
        for (int a = 0; a < h.length; a++) h[a] = 1 / inv[a];
        return h;
    }

    /**
     * s_o per output: output = m_o + s_o·(network output).
     *
     * @return a new array, one scale per output in {@link #outputs()} order; all ones without output scales
     */
    public double[] outputScale() {
        if (outScale == null) {
            double[] one = new double[outputs().size()];
            Arrays.fill(one, 1);
            return one;
        }
        return outScale.value().toDoubleArray();
    }

    /**
     * m_o per output: output = m_o + s_o·(network output).
     *
     * @return a new array, one shift per output in {@link #outputs()} order; zeros without output scales
     */
    public double[] outputShift() {
        return outShift == null
                ? new double[outputs().size()]
                : outShift.value().toDoubleArray();
    }

    @Override
    public Parameters parameters() {
        return parameters;
    }

    @Override
    public String toString() {
        StringBuilder own = new StringBuilder();
        fieldNets.forEach((f, n) ->
                own.append(", ").append(f).append(n.inputs()).append(": ").append(n.network()));
        return "Pinn(" + coordinates + " → " + outputs() + ", " + net
                + (unknownNet == null ? "" : ", unknowns: " + unknownNet) + own + ")";
    }

    /** Options for a {@link Pinn}. */
    public static final class Builder {
        private final Domain domain;
        private final List<String> fields = new ArrayList<>(List.of("u"));
        private final List<String> unknownFields = new ArrayList<>();
        private int[] hidden = {32, 32};
        private int[] unknownHidden;
        private Activation activation = Activation.TANH;
        private int fourierM;
        private double fourierSigma = 1;
        private long seed;
        private final Map<String, double[]> outputAffine = new LinkedHashMap<>();
        private final Map<String, List<String>> fieldInputs = new LinkedHashMap<>();

        private Builder(Domain domain) {
            if (domain == null) throw new IllegalArgumentException("domain is null");
            this.domain = domain;
        }

        /**
         * Field outputs (default {@code u}).
         *
         * @param names the field names, in output order
         * @return this builder
         * @throws IllegalArgumentException when no name is given
         */
        public Builder fields(String... names) {
            fields.clear();
            fields.addAll(List.of(names));
            if (fields.isEmpty()) throw new IllegalArgumentException("at least one field");
            return this;
        }

        /**
         * Unknown coefficient fields, e.g. {@code k} in {@code 0 = k(x,y)*lap(u) + m(x,y)}.
         *
         * @param names the unknown field names, output after the fields (default none)
         * @return this builder
         */
        public Builder unknownFields(String... names) {
            unknownFields.clear();
            unknownFields.addAll(List.of(names));
            return this;
        }

        /**
         * Declares that the unknown field {@code name} depends only on {@code coordinates}, a strict subset of
         * the domain's ({@code k(x)} on an (x, t) domain): it gets a network of its own whose inputs are those
         * coordinates alone, so its value is the same at every point that shares them. Its hidden widths are
         * those of {@link #separateUnknownNetwork} when given, else the main network's; its seed is seed + 2 +
         * its index among such fields.
         *
         * @param name an unknown field declared with {@link #unknownFields}
         * @param coordinates the coordinates it depends on, each one of the domain's
         * @return this builder
         * @throws IllegalArgumentException when a coordinate is not the domain's, or none or all of them are given
         */
        public Builder unknownFieldInputs(String name, String... coordinates) {
            List<String> axes = domain.coordinates();
            List<String> own = new ArrayList<>();
            for (String c : axes) if (List.of(coordinates).contains(c)) own.add(c);
            for (String c : coordinates) {
                if (!axes.contains(c))
                    throw new IllegalArgumentException(
                            "unknown field '" + name + "': '" + c + "' is not a coordinate of the domain " + axes);
            }
            if (own.isEmpty() || own.size() == axes.size()) {
                throw new IllegalArgumentException("unknown field '" + name + "': give a strict, non-empty subset of "
                        + axes + " (a field of every coordinate needs no declaration), got " + List.of(coordinates));
            }
            fieldInputs.put(name, own);
            return this;
        }

        /**
         * Hidden widths (default 32, 32).
         *
         * @param widths the width of each hidden layer, first to last
         * @return this builder
         */
        public Builder hidden(int... widths) {
            hidden = widths.clone();
            return this;
        }

        /**
         * Give the unknown fields their own network with these hidden widths (default: extra outputs of the main
         * one); it has the same activation and seed + 1.
         *
         * @param widths the width of each hidden layer of the unknown fields' network
         * @return this builder
         */
        public Builder separateUnknownNetwork(int... widths) {
            unknownHidden = widths.clone();
            return this;
        }

        /**
         * Activation (default TANH).
         *
         * @param a the activation of every hidden layer
         * @return this builder
         */
        public Builder activation(Activation a) {
            activation = a;
            return this;
        }

        /**
         * Fourier feature embedding of the normalised inputs: m frequencies ~ N(0, σ²), the first layer then
         * taking 2m inputs (checked by {@link #build()}).
         *
         * @param m the number of frequencies; 0 (the default) leaves the inputs plain
         * @param sigma the standard deviation σ of the frequencies, finite and &gt; 0
         * @return this builder
         */
        public Builder fourierFeatures(int m, double sigma) {
            fourierM = m;
            fourierSigma = sigma;
            return this;
        }

        /**
         * Output {@code name} = {@code mean + scale·(network output)}: the network then works at unit
         * scale whatever the field's units (default mean 0, scale 1).
         *
         * @param name the output's name, a field or unknown field
         * @param mean the shift m_o, finite, in the output's units
         * @param scale the scale s_o, finite and &gt; 0, in the output's units
         * @return this builder
         * @throws IllegalArgumentException when the mean is not finite or the scale is not finite and &gt; 0
         */
        public Builder outputScale(String name, double mean, double scale) {
            if (!Double.isFinite(mean) || !(scale > 0) || !Double.isFinite(scale)) {
                throw new IllegalArgumentException(
                        "output '" + name + "': need a finite mean and a finite scale > 0, got " + mean + ", " + scale);
            }
            outputAffine.put(name, new double[] {mean, scale});
            return this;
        }

        /**
         * Seed of the initial weights (default 0).
         *
         * @param s the seed; the same seed gives the same weights
         * @return this builder
         */
        public Builder seed(long s) {
            seed = s;
            return this;
        }

        /**
         * The network with these settings.
         *
         * @return a new network with freshly seeded weights
         * @throws IllegalArgumentException when the activation is null, Fourier features have σ not finite and
         *     &gt; 0, or {@link #unknownFieldInputs} names a field that is not an unknown field
         * @throws IllegalStateException when a hidden width is ≤ 0
         */
        public Pinn build() {
            for (String f : fieldInputs.keySet()) {
                if (!unknownFields.contains(f))
                    throw new IllegalArgumentException("unknownFieldInputs names '" + f
                            + "', which is not one of the unknown fields " + unknownFields);
            }
            return new Pinn(this);
        }
    }
}
