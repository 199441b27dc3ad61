package dev.mollify.pde.spec;

import dev.mollify.autograd.Var;
import dev.mollify.tensor.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The trainable parameters behind a spec's unknown scalars, made by {@link PdeSpec#unknownParameters()}.
 * Each unknown has one raw 0-d parameter θ ({@link #parameter}); hand {@link #parameters()} to an
 * optimizer. The value the PDE sees is {@link #physical} — s·θ, or s·softplus(θ) for a positive
 * unknown (see {@link Unknown}) — and {@link #value} reads it back as a number. The scale s is 1
 * unless the unknowns were made by {@link PdeSpec#unknownParameters(Map, Map)}: a scale of the
 * coefficient's expected size makes θ of order one whatever the data's units, so one learning rate
 * fits every coefficient (docs/math.md, "Scale-free fitting").
 */
public final class Unknowns {
    private final Map<String, Unknown> unknowns = new LinkedHashMap<>();
    private final Map<String, Var> params = new LinkedHashMap<>();
    private final Map<String, Double> scales = new LinkedHashMap<>();

    Unknowns(List<Unknown> list) {
        this(list, Map.of(), Map.of());
    }

    /**
     * @param start the starting physical value of each named unknown (default its declared initial guess)
     * @param scale the scale s of each named unknown (default 1); finite and &gt; 0
     */
    Unknowns(List<Unknown> list, Map<String, Double> start, Map<String, Double> scale) {
        for (Unknown u : list) {
            double s = scale.getOrDefault(u.name(), 1.0);
            if (!(s > 0) || !Double.isFinite(s))
                throw new IllegalArgumentException(
                        "the scale of unknown '" + u.name() + "' must be finite and > 0, got " + s);
            Unknown at = start.containsKey(u.name()) ? new Unknown(u.name(), start.get(u.name()), u.positive()) : u;
            unknowns.put(u.name(), u);
            scales.put(u.name(), s);
            params.put(
                    u.name(),
                    Var.param(Tensor.scalar(new Unknown(u.name(), at.initial() / s, u.positive()).initialParameter()))
                            .named(u.name()));
        }
    }

    private Unknowns(Map<String, Unknown> unknowns, Map<String, Double> scales, List<Var> raw) {
        if (raw.size() != unknowns.size()) {
            throw new IllegalArgumentException(
                    "expected " + unknowns.size() + " raw parameters " + unknowns.keySet() + ", got " + raw.size());
        }
        int i = 0;
        for (Unknown u : unknowns.values()) {
            Var p = raw.get(i++);
            if (p.value().numel() != 1) {
                throw new IllegalArgumentException("the raw parameter of '" + u.name()
                        + "' must hold one value, got shape " + java.util.Arrays.toString(p.shape()));
            }
            this.unknowns.put(u.name(), u);
            this.params.put(u.name(), p);
            this.scales.put(u.name(), scales.get(u.name()));
        }
    }

    /**
     * The same unknowns over other raw parameters θ (one single-element Var each, in declaration
     * order), e.g. to share them between two specs or to run a gradient check.
     *
     * @param raw one single-element raw parameter θ per unknown, in declaration order
     * @return unknowns with the same declarations and scales, reading their values from {@code raw}
     * @throws IllegalArgumentException when {@code raw} does not have one entry per unknown or an entry does not
     *     hold exactly one value
     */
    public Unknowns withParameters(List<Var> raw) {
        return new Unknowns(unknowns, scales, raw);
    }

    /**
     * Names in declaration order.
     *
     * @return an unmodifiable list of the unknowns' names
     */
    public List<String> names() {
        return List.copyOf(unknowns.keySet());
    }

    /**
     * The raw trainable parameters, in declaration order: hand these to an optimiser.
     *
     * @return an unmodifiable list of the 0-d parameters θ, one per unknown
     */
    public List<Var> parameters() {
        return Collections.unmodifiableList(new ArrayList<>(params.values()));
    }

    /**
     * The raw trainable parameter θ of one unknown.
     *
     * @param name the unknown's name
     * @return its 0-d parameter θ (not the physical value; see {@link #physical})
     * @throws IllegalArgumentException when there is no unknown of that name
     */
    public Var parameter(String name) {
        Var p = params.get(name);
        if (p == null)
            throw new IllegalArgumentException("no unknown scalar '" + name + "'; the unknowns are " + names());
        return p;
    }

    /**
     * The declaration of one unknown.
     *
     * @param name the unknown's name
     * @return its name, declared initial guess and sign constraint
     * @throws IllegalArgumentException when there is no unknown of that name
     */
    public Unknown unknown(String name) {
        parameter(name);
        return unknowns.get(name);
    }

    /**
     * The physical value as a differentiable Var (a new graph node per call).
     *
     * @param name the unknown's name
     * @return s·θ, or s·softplus(θ) when positive; 0-d, with gradient flowing to θ
     * @throws IllegalArgumentException when there is no unknown of that name
     */
    public Var physical(String name) {
        Var p = parameter(name);
        Var v = unknowns.get(name).positive() ? p.softplus() : p;
        double s = scales.get(name);
        return s == 1 ? v : v.mul(s);
    }

    /**
     * The current physical value as a number.
     *
     * @param name the unknown's name
     * @return s·θ, or s·softplus(θ) when positive, at the current θ
     * @throws IllegalArgumentException when there is no unknown of that name
     */
    public double value(String name) {
        Var p = parameter(name);
        return scales.get(name) * unknowns.get(name).valueOf(p.item());
    }

    /**
     * The scale s of one unknown: its physical value is s times the value of θ's parameterisation.
     *
     * @param name the unknown's name
     * @return s, finite and &gt; 0 (1 unless a scale was given)
     * @throws IllegalArgumentException when there is no unknown of that name
     */
    public double scale(String name) {
        parameter(name);
        return scales.get(name);
    }

    /**
     * All current physical values, in declaration order.
     *
     * @return a new map, name → {@link #value(String)}
     */
    public Map<String, Double> values() {
        Map<String, Double> out = new LinkedHashMap<>();
        for (String n : unknowns.keySet()) out.put(n, value(n));
        return out;
    }

    /** {@code {a=0.5, b=0.01}}. */
    @Override
    public String toString() {
        return values().toString();
    }
}
