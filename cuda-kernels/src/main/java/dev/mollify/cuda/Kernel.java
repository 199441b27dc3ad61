package dev.mollify.cuda;

import dev.mollify.tensor.DType;

/**
 * Every kernel of the committed PTX, with its module and parameter list: one letter per parameter,
 * {@code p} device pointer (.u64), {@code i} int (.u32), {@code d} double (.f64). Typed kernels exist as
 * {@code NAME_f32} and {@code NAME_f64}. {@link LaunchArgs} must match the signature before a launch,
 * and a test checks every signature against the PTX's {@code .entry} declarations.
 */
public enum Kernel {
    /**
     * y[o] = Σ_k w'[k]·x̃[o + k − padLo] along the last, contiguous axis: x (lines, n) → y (lines, nOut);
     * arguments x, w, y, lines, n, nOut, K, padLo, mode, flip.
     */
    CORRELATE_ROWS("mollify_correlate", "correlate_rows", true, "ppp" + "i".repeat(7)),
    /**
     * The same correlation along a strided axis: x (outer, n, inner) → y (outer, nOut, inner);
     * arguments x, w, y, outer, n, nOut, inner, K, padLo, mode, flip.
     */
    CORRELATE_COLS("mollify_correlate", "correlate_cols", true, "ppp" + "i".repeat(8)),
    /**
     * The correlation for any kernel shape up to 3 axes, one thread per output: x (batch, X0, X1, X2) →
     * y (batch, Y0, Y1, Y2), taps K0×K1×K2, padding P per axis; arguments x, w, y, batch, X, Y, K, P,
     * mode, flip.
     */
    CORRELATE_ND("mollify_correlate", "correlate_nd", true, "ppp" + "i".repeat(15)),
    /**
     * The adjoint of padding one axis by pad cells: dxp (outer, n + 2·pad, inner) → dx (outer, n, inner),
     * each cell plus the halo cells copied from it; arguments dxp, dx, outer, n, inner, pad, mode.
     */
    FOLD_HALO("mollify_correlate", "fold_halo", true, "pp" + "i".repeat(5)),
    /**
     * Per-tap partial sums c[k] = Σ_o g[o]·x̃[o + k − padLo] along the last axis, one partial per block
     * in F64; arguments x, g, partial, lines, n, nG, K, padLo, mode.
     */
    TAP_ROWS("mollify_taps", "tap_rows", true, "ppp" + "i".repeat(6)),
    /**
     * Per-tap partial sums for any tap shape up to 3 axes, grid (chunks, taps); arguments x, g, partial,
     * batch, X, G, K, P, mode, chunk.
     */
    TAP_ND("mollify_taps", "tap_nd", true, "ppp" + "i".repeat(15)),
    /**
     * c[k] = Σ_p partial[k·parts + p] in a fixed order (deterministic), one block per tap, F64;
     * arguments partial, parts, K, c.
     */
    REDUCE_TAPS("mollify_taps", "reduce_taps", false, "piip"),
    /**
     * The width gradient out[0] = (accumulate ? out[0] : 0) + Σ_k c[k]·dW[k] (docs/math.md, "Width
     * gradient"), one block, F64; arguments c, dW, K, accumulate, out.
     */
    WIDTH_DOT("mollify_taps", "width_dot", false, "ppiip"),
    /** out[i] = (float) in[i]: F64 taps or tap sums rounded for F32 callers; arguments in, out, count. */
    NARROW("mollify_taps", "narrow_f64_f32", false, "ppi"),
    /**
     * Samples a {@link dev.mollify.mollifier.KernelFamily} in a window at width δ: W_j and ∂W_j/∂δ in F64,
     * optionally rounded to F32; arguments family, param, δ, dims, M0, M1, M2, h0, h1, h2, W, dW, Wf, dWf.
     */
    SAMPLE_TAPS("mollify_sample", "sample_taps", false, "iddiiiiddd" + "pppp");

    /** The PTX modules, as resources under {@code dev/mollify/cuda/}. */
    public static final String[] MODULES = {"mollify_correlate", "mollify_taps", "mollify_sample"};

    private final String module;
    private final String base;
    private final boolean typed;
    private final String signature;

    Kernel(String module, String base, boolean typed, String signature) {
        this.module = module;
        this.base = base;
        this.typed = typed;
        this.signature = signature;
    }

    /**
     * The PTX module that holds the kernel.
     *
     * @return one of {@link #MODULES}, loaded from {@code dev/mollify/cuda/NAME.ptx}
     */
    public String module() {
        return module;
    }

    /**
     * Whether the kernel exists once per element type.
     *
     * @return true for {@code NAME_f32}/{@code NAME_f64} pairs, false for the F64-only kernels
     */
    public boolean typed() {
        return typed;
    }

    /**
     * The parameter list, checked by {@link LaunchArgs} before every launch.
     *
     * @return one letter per parameter: {@code p} device pointer, {@code i} int, {@code d} double
     */
    public String signature() {
        return signature;
    }

    /**
     * The PTX entry name for an element type.
     *
     * @param t F32 or F64; ignored by untyped kernels
     * @return e.g. {@code correlate_rows_f32}, or the base name for untyped kernels
     */
    public String symbol(DType t) {
        return typed ? base + (t == DType.F32 ? "_f32" : "_f64") : base;
    }
}
