package dev.mollify.autograd;

import dev.mollify.tensor.Shapes;
import dev.mollify.tensor.Tensor;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The reverse-mode engine: recording, the backward sweep and {@link #grad}. Read this file first.
 *
 * <p><b>Recording.</b> Each primitive ({@link Ops}) computes its value with tensors and, when grad
 * mode is on and an input requires a gradient, attaches a {@link Node} holding its inputs and its
 * {@link Backward} rule to the output {@link Var}.
 *
 * <p><b>Backward sweep.</b> {@link #grad} orders the nodes reachable from the outputs topologically,
 * keeps only those on a path to a requested input, and walks them from the outputs back, calling each
 * rule with the accumulated output gradient. With {@code createGraph} the sweep runs in grad mode, so
 * the rules' own operations are recorded and the returned gradients can be differentiated again — to
 * any order.
 */
public final class Autograd {
    private static final ThreadLocal<boolean[]> GRAD_ENABLED = ThreadLocal.withInitial(() -> new boolean[] {true});

    private Autograd() {}

    // ------------------------------------------------------------------ grad mode

    /**
     * True when operations are being recorded on this thread.
     *
     * @return true unless a {@link #noGrad()} or {@code setGradEnabled(false)} scope is open on this thread
     */
    public static boolean isGradEnabled() {
        return GRAD_ENABLED.get()[0];
    }

    /**
     * A scope in which nothing is recorded: {@code try (var s = Autograd.noGrad()) { … }}.
     *
     * @return the open scope; closing it restores the previous mode
     */
    public static Scope noGrad() {
        return setGradEnabled(false);
    }

    /**
     * Sets grad mode for this thread until the returned scope is closed.
     *
     * @param on true to record operations, false to compute values only
     * @return the open scope; closing it restores the previous mode
     */
    public static Scope setGradEnabled(boolean on) {
        boolean[] flag = GRAD_ENABLED.get();
        boolean previous = flag[0];
        flag[0] = on;
        return () -> flag[0] = previous;
    }

    /** A grad-mode scope; closing restores the previous mode. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    // ------------------------------------------------------------------ recording

    /**
     * Applies a primitive: returns {@code value} as a {@link Var} which, when recording and any input
     * requires a gradient, remembers {@code inputs} and {@code rule}. Other modules define new
     * primitives (e.g. the mollifier convolution) through this method.
     *
     * @param name the primitive's name, shown in error messages and {@link #graphStats}
     * @param value the output, already computed from the inputs' values
     * @param rule the vector–Jacobian products of the primitive, written with Var operations
     * @param inputs the Vars the value was computed from, in the order the rule returns gradients
     * @return a Var holding {@code value}: a recorded result when grad mode is on and an input requires a gradient, else a constant
     */
    public static Var record(String name, Tensor value, Backward rule, Var... inputs) {
        if (isGradEnabled()) {
            for (Var in : inputs) {
                if (in.requiresGrad) return new Var(value, new Node(name, inputs, rule));
            }
        }
        return new Var(value, null);
    }

    // ------------------------------------------------------------------ grad

    /**
     * Gradients of {@code outputs} with respect to {@code inputs}, like {@code torch.autograd.grad}.
     *
     * @param outputs the values to differentiate, at least one
     * @param inputs the values to differentiate with respect to
     * @param gradOutputs one per output (same shape), or null when every output has one element
     *                    (then each gets 1)
     * @param createGraph record the backward pass so the result can be differentiated again
     * @param retainGraph keep the graph for another backward pass (default: {@code createGraph})
     * @param allowUnused return null for an input the outputs do not depend on, instead of failing
     * @return one gradient per input, in input order, each of its input's shape: Σₖ gradOutputsₖᵀ ·
     *     ∂outputsₖ/∂input
     * @throws IllegalArgumentException when an input does not require a gradient, the gradOutputs do
     *     not match the outputs, or an input is unused and {@code allowUnused} is false
     *
     */
    public static List<Var> grad(
            List<Var> outputs,
            List<Var> inputs,
            List<Var> gradOutputs,
            boolean createGraph,
            boolean retainGraph,
            boolean allowUnused) {
        for (int i = 0; i < inputs.size(); i++) {
            if (!inputs.get(i).requiresGrad) {
                throw new IllegalArgumentException(
                        "input " + i + " " + Shapes.str(inputs.get(i).shape())
                                + " does not require a gradient: create it with Var.param(…) or call requiresGrad(true) before using it");
            }
        }
        Map<Var, Var> grads = sweep(outputs, inputs, gradOutputs, createGraph, retainGraph, topologicalOrder(outputs));
        List<Var> result = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            Var in = inputs.get(i);
            Var g = grads.get(in);
            if (g == null) {
                if (!allowUnused) {
                    throw new IllegalArgumentException(
                            "input " + i + " " + Shapes.str(in.shape())
                                    + " was not used to compute the outputs (no path from it to them); pass allowUnused=true to get null instead");
                }
            }
            result.add(g);
        }
        return result;
    }

    /**
     * {@link #grad} of one scalar output, not recording the backward pass.
     *
     * @param output a one-element value computed from {@code input}
     * @param input the value to differentiate with respect to
     * @return ∂output/∂input, of the input's shape, as a constant
     * @throws IllegalArgumentException when input does not require a gradient or output does not depend on it
     */
    public static Var grad(Var output, Var input) {
        return grad(List.of(output), List.of(input), null, false, false, false).get(0);
    }

    /**
     * {@link #grad} of one output with a given output gradient (e.g. ones for a batch), optionally recorded.
     *
     * @param output the value to differentiate
     * @param input the value to differentiate with respect to
     * @param gradOutput ∂L/∂output, of the output's shape (ones give the gradient of the sum)
     * @param createGraph true to record the backward pass, so the result can be differentiated again
     * @return the vector–Jacobian product gradOutputᵀ·∂output/∂input, of the input's shape
     * @throws IllegalArgumentException when input does not require a gradient or output does not depend on it
     */
    public static Var grad(Var output, Var input, Var gradOutput, boolean createGraph) {
        return grad(
                        List.of(output),
                        List.of(input),
                        gradOutput == null ? null : List.of(gradOutput),
                        createGraph,
                        createGraph,
                        false)
                .get(0);
    }

    /**
     * Accumulates d(output)/d(leaf) into {@link Var#grad()} of every leaf that requires a gradient
     * (output must have one element unless {@code gradOutput} is given). Frees the graph unless
     * {@code retainGraph}.
     *
     * @param output the value to backpropagate from
     * @param gradOutput ∂L/∂output, of the output's shape; null means 1 (then output must have one element)
     * @param retainGraph true to keep the graph for another backward pass, false to free it
     */
    public static void backward(Var output, Var gradOutput, boolean retainGraph) {
        List<Var> order = topologicalOrder(List.of(output));
        List<Var> leaves = new ArrayList<>();
        for (Var v : order) {
            if (v.node == null && v.requiresGrad) leaves.add(v);
        }
        Map<Var, Var> grads = sweep(
                List.of(output), leaves, gradOutput == null ? null : List.of(gradOutput), false, retainGraph, order);
        for (Var leaf : leaves) {
            Var g = grads.get(leaf);
            if (g != null) leaf.accumulateGrad(g.value());
        }
    }

    // ------------------------------------------------------------------ the sweep

    /** The backward sweep over {@code order} (the topological order of the outputs' graph). */
    private static Map<Var, Var> sweep(
            List<Var> outputs,
            List<Var> inputs,
            List<Var> gradOutputs,
            boolean createGraph,
            boolean retainGraph,
            List<Var> order) {
        if (gradOutputs != null && gradOutputs.size() != outputs.size()) {
            throw new IllegalArgumentException(
                    "got " + gradOutputs.size() + " gradOutputs for " + outputs.size() + " outputs");
        }
        Map<Var, Var> grads = new IdentityHashMap<>();
        for (int i = 0; i < outputs.size(); i++) {
            Var out = outputs.get(i);
            Var g;
            if (gradOutputs == null || gradOutputs.get(i) == null) {
                if (out.value().numel() != 1) {
                    throw new IllegalArgumentException(
                            "output " + i + " has shape " + Shapes.str(out.shape())
                                    + "; a gradOutput of that shape is needed (gradients are implicit only for one-element outputs)");
                }
                g = Var.constant(out.value().fullLike(1.0, out.value().shape()));
            } else {
                g = gradOutputs.get(i);
                if (!g.value().sameShape(out.shape())) {
                    throw new IllegalArgumentException("gradOutput " + i + " has shape " + Shapes.str(g.shape())
                            + " but output " + i + " has shape " + Shapes.str(out.shape()));
                }
            }
            accumulate(grads, out, g);
        }
        // relevant = lies on a path to a requested input
        Set<Var> relevant = Collections.newSetFromMap(new IdentityHashMap<>());
        relevant.addAll(inputs);
        for (Var v : order) { // inputs come before the vars computed from them
            if (v.node == null || relevant.contains(v)) continue;
            for (Var in : v.node.inputs()) {
                if (relevant.contains(in)) {
                    relevant.add(v);
                    break;
                }
            }
        }
        List<Node> executed = new ArrayList<>();
        try (Scope s = setGradEnabled(createGraph)) {
            for (int k = order.size() - 1; k >= 0; k--) {
                Var v = order.get(k);
                Node node = v.node;
                if (node == null || !relevant.contains(v)) continue;
                Var g = grads.get(v);
                if (g == null) continue;
                Var[] ins = node.inputs();
                boolean[] needs = new boolean[ins.length];
                for (int i = 0; i < ins.length; i++) needs[i] = relevant.contains(ins[i]);
                Var[] gIns = node.backward(v, g, needs);
                executed.add(node);
                for (int i = 0; i < ins.length; i++) {
                    if (needs[i] && gIns[i] != null) accumulate(grads, ins[i], gIns[i]);
                }
            }
        }
        if (!retainGraph) {
            for (Node n : executed) n.release();
        }
        return grads;
    }

    private static void accumulate(Map<Var, Var> grads, Var v, Var g) {
        if (!g.value().sameShape(v.shape())) {
            throw new IllegalStateException("internal: gradient of shape " + Shapes.str(g.shape())
                    + " for a value of shape " + Shapes.str(v.shape()));
        }
        Var prev = grads.get(v);
        grads.put(v, prev == null ? g : prev.add(g));
    }

    /**
     * What a recorded graph holds, by primitive: {@code name → {nodes, bytes of their outputs}}
     * (views share storage with their source and are counted at their full size). For finding what
     * dominates the memory of a nested-derivative computation.
     *
     * @param outputs the roots of the recorded graph
     * @return per primitive name, {number of nodes, bytes of their outputs}, in no particular order
     */
    public static Map<String, long[]> graphStats(List<Var> outputs) {
        Map<String, long[]> stats = new java.util.TreeMap<>();
        for (Var v : topologicalOrder(outputs)) {
            String key = v.node == null ? "(leaf)" : v.node.name;
            long[] s = stats.computeIfAbsent(key, k -> new long[2]);
            s[0]++;
            s[1] += (long) v.value().numel() * v.value().dtype().bytes();
        }
        return stats;
    }

    /** Vars reachable from {@code outputs} through recorded nodes, each after all of its inputs. */
    static List<Var> topologicalOrder(List<Var> outputs) {
        List<Var> order = new ArrayList<>();
        Set<Var> visited = Collections.newSetFromMap(new IdentityHashMap<>());
        ArrayDeque<Frame> stack = new ArrayDeque<>();
        for (Var out : outputs) {
            if (!visited.add(out)) continue;
            stack.push(new Frame(out, 0));
            while (!stack.isEmpty()) {
                Frame top = stack.pop();
                Var v = top.var();
                Var[] ins = v.node == null ? null : v.node.inputs();
                if (v.node != null && ins == null) {
                    throw new IllegalStateException(
                            "the graph through '" + v.node.name + "' was already freed by an earlier "
                                    + "backward pass; pass retainGraph=true (or createGraph=true) to the first grad/backward call");
                }
                int next = top.next();
                if (ins != null && next < ins.length) {
                    stack.push(new Frame(v, next + 1));
                    Var in = ins[next];
                    if (in.requiresGrad && visited.add(in)) stack.push(new Frame(in, 0));
                } else {
                    order.add(v);
                }
            }
        }
        return order;
    }

    /** A node on the depth-first stack and the index of the next input to visit. */
    private record Frame(Var var, int next) {}
}
