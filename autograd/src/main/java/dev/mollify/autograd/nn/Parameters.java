package dev.mollify.autograd.nn;

import dev.mollify.autograd.Var;
import dev.mollify.tensor.DType;
import dev.mollify.tensor.Shapes;
import dev.mollify.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An ordered registry {@code name → Var} of trainable parameters (a {@link LinkedHashMap}: iteration
 * follows registration order).
 *
 * <p>Names are dotted paths such as {@code "layers.0.weight"}; {@link #add(String, Parameters)} nests a
 * child module's registry under a prefix. The registry holds the {@code Var}s themselves, so
 * {@link Var#assign} through any route (optimiser, {@link #loadFrom}) is seen by the module.
 *
 * <p><b>Flat vectors.</b> {@link #flatValues()}, {@link #flatGrads()} and {@link #assignFlat} view all
 * parameters as one {@code double[]} of length {@link #numel()}: the parameters in registration order,
 * each flattened row-major. L-BFGS works on these vectors. F32 parameters are widened to double on the
 * way out and rounded to float on the way back in.
 */
public final class Parameters {
    private final LinkedHashMap<String, Var> entries = new LinkedHashMap<>();

    /** An empty registry. */
    public Parameters() {}

    /**
     * A registry of the given leaves, named {@code "0"}, {@code "1"}, … in order.
     *
     * @param vars leaves to register, in order
     * @return a new registry holding them
     * @throws IllegalArgumentException when an entry is null or not a leaf
     */
    public static Parameters of(Var... vars) {
        Parameters p = new Parameters();
        for (int i = 0; i < vars.length; i++) p.add(Integer.toString(i), vars[i]);
        return p;
    }

    /**
     * Registers {@code v} under {@code name}. The name must be non-empty, not yet registered and not
     * {@code "__metadata__"} (reserved by the safetensors format); {@code v} must be a leaf.
     * Returns this.
     *
     * @param name the key, as written to checkpoints and safetensors files
     * @param v the leaf to register
     * @return this registry
     * @throws IllegalArgumentException when a rule above is broken; the message names the parameter
     */
    public Parameters add(String name, Var v) {
        if (name == null || name.isEmpty()) throw new IllegalArgumentException("parameter name must be non-empty");
        if (name.equals("__metadata__")) {
            throw new IllegalArgumentException(
                    "'__metadata__' is reserved by the safetensors format; choose another name");
        }
        if (v == null) throw new IllegalArgumentException("parameter '" + name + "' is null");
        if (!v.isLeaf()) {
            throw new IllegalArgumentException("parameter '" + name
                    + "' is not a leaf (it was computed by an operation); " + "register Var.param(…) values");
        }
        if (entries.containsKey(name))
            throw new IllegalArgumentException("parameter '" + name + "' is already registered");
        entries.put(name, v);
        return this;
    }

    /**
     * Registers every entry of {@code child} as {@code prefix + "." + name}. Returns this.
     *
     * @param prefix the prefix of the new names, e.g. {@code "layer0"}
     * @param child the registry whose entries are added (the Vars are shared, not copied)
     * @return this registry
     * @throws IllegalArgumentException when a prefixed name is already registered
     */
    public Parameters add(String prefix, Parameters child) {
        for (Map.Entry<String, Var> e : child.entries.entrySet()) add(prefix + "." + e.getKey(), e.getValue());
        return this;
    }

    /**
     * The parameter registered under {@code name}.
     *
     * @param name a registered name
     * @return the Var registered under it
     * @throws IllegalArgumentException when the name is not registered (the message lists the names)
     */
    public Var get(String name) {
        Var v = entries.get(name);
        if (v == null)
            throw new IllegalArgumentException("no parameter '" + name + "'; registered: " + entries.keySet());
        return v;
    }

    /**
     * True when {@code name} is registered.
     *
     * @param name the name to look up
     * @return true when a parameter is registered under it
     */
    public boolean contains(String name) {
        return entries.containsKey(name);
    }

    /**
     * The names, in order (read-only).
     *
     * @return a read-only view of the names in registration order
     */
    public Set<String> names() {
        return Collections.unmodifiableSet(entries.keySet());
    }

    /**
     * The parameters, in order (a copy).
     *
     * @return a new list of the parameters in registration order
     */
    public List<Var> vars() {
        return new ArrayList<>(entries.values());
    }

    /**
     * The registry as a read-only ordered map.
     *
     * @return a read-only view, in registration order
     */
    public Map<String, Var> asMap() {
        return Collections.unmodifiableMap(entries);
    }

    /**
     * Number of registered parameters (tensors).
     *
     * @return the number of parameters
     */
    public int size() {
        return entries.size();
    }

    /**
     * Total number of scalars over all parameters.
     *
     * @return Σ numel over the parameters: the length of {@link #flatValues()}
     */
    public int numel() {
        long n = 0;
        for (Var v : entries.values()) n += v.value().numel();
        if (n > Integer.MAX_VALUE) throw new IllegalStateException("more than 2^31-1 parameters: " + n);
        return (int) n;
    }

    /** Clears every parameter's accumulated gradient. */
    public void zeroGrad() {
        for (Var v : entries.values()) v.zeroGrad();
    }

    /**
     * The current values by name (what {@link Safetensors#save} writes).
     *
     * @return a new ordered map from name to current value
     */
    public Map<String, Tensor> values() {
        LinkedHashMap<String, Tensor> m = new LinkedHashMap<>();
        for (Map.Entry<String, Var> e : entries.entrySet())
            m.put(e.getKey(), e.getValue().value());
        return m;
    }

    // ------------------------------------------------------------------ flat vectors

    /**
     * All values as one vector (see the class comment for the layout).
     *
     * @return a new array of length {@link #numel()}, F32 values widened
     */
    public double[] flatValues() {
        double[] out = new double[numel()];
        int off = 0;
        for (Var v : entries.values()) {
            double[] a = v.value().toDoubleArray();
            System.arraycopy(a, 0, out, off, a.length);
            off += a.length;
        }
        return out;
    }

    /**
     * All gradients as one vector; a parameter whose {@link Var#grad()} is null contributes zeros.
     *
     * @return a new array of length {@link #numel()}, in the layout of {@link #flatValues()}
     */
    public double[] flatGrads() {
        double[] out = new double[numel()];
        int off = 0;
        for (Var v : entries.values()) {
            int n = v.value().numel();
            Tensor g = v.grad();
            if (g != null) System.arraycopy(g.toDoubleArray(), 0, out, off, n);
            off += n;
        }
        return out;
    }

    /**
     * Assigns every parameter its slice of {@code flat} (length {@link #numel()}), keeping shapes and dtypes.
     *
     * @param flat values in the layout of {@link #flatValues()}; rounded to float for F32 parameters
     * @throws IllegalArgumentException when the length is not {@link #numel()}
     */
    public void assignFlat(double[] flat) {
        int total = numel();
        if (flat.length != total) {
            throw new IllegalArgumentException(
                    "flat vector has " + flat.length + " values; the parameters hold " + total);
        }
        int off = 0;
        for (Var v : entries.values()) {
            int n = v.value().numel();
            v.assign(fromDoubles(flat, off, v.value().shape(), v.dtype()));
            off += n;
        }
    }

    /** A contiguous tensor of {@code shape} and {@code dtype} from {@code src[off … off+numel)}. */
    static Tensor fromDoubles(double[] src, int off, int[] shape, DType dtype) {
        int n = Shapes.numel(shape);
        Tensor t = Tensor.of(Arrays.copyOfRange(src, off, off + n), shape);
        return t.to(dtype);
    }

    // ------------------------------------------------------------------ loading

    /**
     * Assigns values by name (e.g. from {@link Safetensors#load}). Every registered name must be present
     * with the same shape and dtype, and no other names may appear; otherwise nothing is assigned and the
     * exception lists every problem.
     *
     * @param state the values by name
     * @throws IllegalArgumentException when a name is missing or extra, or a shape or dtype differs
     */
    public void loadFrom(Map<String, Tensor> state) {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Var> e : entries.entrySet()) {
            Tensor t = state.get(e.getKey());
            Var v = e.getValue();
            if (t == null) {
                problems.add("missing '" + e.getKey() + "' (" + v.dtype() + " " + Shapes.str(v.shape()) + ")");
            } else if (!t.sameShape(v.shape()) || t.dtype() != v.dtype()) {
                problems.add("'" + e.getKey() + "' is " + t.dtype() + " " + Shapes.str(t.shape())
                        + " but the parameter is " + v.dtype() + " " + Shapes.str(v.shape()));
            }
        }
        for (String name : state.keySet()) {
            if (!entries.containsKey(name)) {
                Tensor t = state.get(name);
                problems.add("unexpected '" + name + "' (" + t.dtype() + " " + Shapes.str(t.shape()) + ")");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("cannot load " + state.size() + " tensors into " + entries.size()
                    + " parameters: " + String.join("; ", problems));
        }
        for (Map.Entry<String, Var> e : entries.entrySet()) e.getValue().assign(state.get(e.getKey()));
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Parameters(").append(numel()).append(" scalars)");
        for (Map.Entry<String, Var> e : entries.entrySet()) {
            sb.append("\n  ")
                    .append(e.getKey())
                    .append(' ')
                    .append(e.getValue().dtype())
                    .append(' ')
                    .append(Shapes.str(e.getValue().shape()));
        }
        return sb.toString();
    }
}
