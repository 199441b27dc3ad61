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
 * optimizer. The value the PDE sees is {@link #physical} — θ itself, or softplus(θ) for a positive
 * unknown (see {@link Unknown}) — and {@link #value} reads it back as a number.
 */
public final class Unknowns {
    private final Map<String, Unknown> unknowns = new LinkedHashMap<>();
    private final Map<String, Var> params = new LinkedHashMap<>();

    Unknowns(List<Unknown> list) {
        for (Unknown u : list) {
            unknowns.put(u.name(), u);
            params.put(u.name(), Var.param(Tensor.scalar(u.initialParameter())).named(u.name()));
        }
    }

    private Unknowns(Map<String, Unknown> unknowns, List<Var> raw) {
        if (raw.size() != unknowns.size()) {
            throw new IllegalArgumentException("expected " + unknowns.size() + " raw parameters " + unknowns.keySet() + ", got " + raw.size());
        }
        int i = 0;
        for (Unknown u : unknowns.values()) {
            Var p = raw.get(i++);
            if (p.value().numel() != 1) {
                throw new IllegalArgumentException("the raw parameter of '" + u.name() + "' must hold one value, got shape "
                        + java.util.Arrays.toString(p.shape()));
            }
            this.unknowns.put(u.name(), u);
            this.params.put(u.name(), p);
        }
    }

    /**
     * The same unknowns over other raw parameters θ (one single-element Var each, in declaration
     * order), e.g. to share them between two specs or to run a gradient check.
     */
    public Unknowns withParameters(List<Var> raw) {
        return new Unknowns(unknowns, raw);
    }

    /** Names in declaration order. */
    public List<String> names() {
        return List.copyOf(unknowns.keySet());
    }

    /** The raw trainable parameters, in declaration order. */
    public List<Var> parameters() {
        return Collections.unmodifiableList(new ArrayList<>(params.values()));
    }

    /** The raw trainable parameter θ of one unknown. */
    public Var parameter(String name) {
        Var p = params.get(name);
        if (p == null) throw new IllegalArgumentException("no unknown scalar '" + name + "'; the unknowns are " + names());
        return p;
    }

    /** The declaration of one unknown. */
    public Unknown unknown(String name) {
        parameter(name);
        return unknowns.get(name);
    }

    /** The physical value as a differentiable Var: θ, or softplus(θ) when positive (a new graph node per call). */
    public Var physical(String name) {
        Var p = parameter(name);
        return unknowns.get(name).positive() ? p.softplus() : p;
    }

    /** The current physical value as a number. */
    public double value(String name) {
        Var p = parameter(name);
        return unknowns.get(name).valueOf(p.item());
    }

    /** All current physical values, in declaration order. */
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
