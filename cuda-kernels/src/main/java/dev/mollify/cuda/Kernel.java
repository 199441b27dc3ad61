package dev.mollify.cuda;

import dev.mollify.tensor.DType;

/**
 * Every kernel of the committed PTX, with its module and parameter list: one letter per parameter,
 * {@code p} device pointer (.u64), {@code i} int (.u32), {@code d} double (.f64). Typed kernels exist as
 * {@code NAME_f32} and {@code NAME_f64}. {@link LaunchArgs} must match the signature before a launch,
 * and a test checks every signature against the PTX's {@code .entry} declarations.
 */
public enum Kernel {
    CORRELATE_ROWS("mollify_correlate", "correlate_rows", true, "ppp" + "i".repeat(7)),
    CORRELATE_COLS("mollify_correlate", "correlate_cols", true, "ppp" + "i".repeat(8)),
    CORRELATE_ND("mollify_correlate", "correlate_nd", true, "ppp" + "i".repeat(15)),
    FOLD_HALO("mollify_correlate", "fold_halo", true, "pp" + "i".repeat(5)),
    TAP_ROWS("mollify_taps", "tap_rows", true, "ppp" + "i".repeat(6)),
    TAP_ND("mollify_taps", "tap_nd", true, "ppp" + "i".repeat(15)),
    REDUCE_TAPS("mollify_taps", "reduce_taps", false, "piip"),
    WIDTH_DOT("mollify_taps", "width_dot", false, "ppiip"),
    NARROW("mollify_taps", "narrow_f64_f32", false, "ppi"),
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

    public String module() {
        return module;
    }

    public boolean typed() {
        return typed;
    }

    public String signature() {
        return signature;
    }

    /** The PTX entry name for element type t (ignored by untyped kernels). */
    public String symbol(DType t) {
        return typed ? base + (t == DType.F32 ? "_f32" : "_f64") : base;
    }
}
