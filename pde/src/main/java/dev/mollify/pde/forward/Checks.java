package dev.mollify.pde.forward;

/**
 * Parameter validation shared by the solvers. Every failure is an {@link IllegalArgumentException}
 * whose message names the parameter, its value, the valid range and, where there is one, the fix.
 */
final class Checks {
    private Checks() {}

    static double finite(String name, double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(name + " = " + v + " must be a finite number");
        }
        return v;
    }

    static double positive(String name, double v, String hint) {
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(name + " = " + v + " must be > 0 and finite" + hint(hint));
        }
        return v;
    }

    static double nonNegative(String name, double v, String hint) {
        if (!(v >= 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(name + " = " + v + " must be >= 0 and finite" + hint(hint));
        }
        return v;
    }

    static int atLeast(String name, int v, int min, String hint) {
        if (v < min) {
            throw new IllegalArgumentException(name + " = " + v + " must be >= " + min + hint(hint));
        }
        return v;
    }

    static int even(String name, int v, int min) {
        if (v < min || (v & 1) != 0) {
            throw new IllegalArgumentException(name + " = " + v + " must be even and >= " + min
                    + " (spectral grids use a real FFT of even length; powers of 2 are fastest)");
        }
        return v;
    }

    static <T> T notNull(String name, T v) {
        if (v == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        return v;
    }

    static void requireFiniteField(String name, double[] v, double t) {
        for (double x : v) {
            if (!Double.isFinite(x)) {
                throw new IllegalStateException(
                        name + " became non-finite at t = " + t
                                + ": the step is unstable for these parameters; lower dt (or leave dt = 0 for automatic steps)");
            }
        }
    }

    private static String hint(String hint) {
        return hint == null || hint.isEmpty() ? "" : " (" + hint + ")";
    }
}
