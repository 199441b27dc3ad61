package dev.mollify.pde.forward;

/** Observed orders of accuracy from errors on successively halved h or dt. */
final class OrderCheck {
    private OrderCheck() {}

    /** log2(e[i] / e[i+1]) for consecutive pairs. */
    static double[] orders(double... errors) {
        double[] p = new double[errors.length - 1];
        for (int i = 0; i < p.length; i++) {
            p[i] = Math.log(errors[i] / errors[i + 1]) / Math.log(2);
        }
        return p;
    }

    static String describe(double[] errors) {
        StringBuilder sb = new StringBuilder("errors");
        for (double e : errors) {
            sb.append(String.format(" %.3e", e));
        }
        sb.append(", orders");
        for (double p : orders(errors)) {
            sb.append(String.format(" %.2f", p));
        }
        return sb.toString();
    }

    /** Every observed order within [expected − slack, expected + 1.5]. */
    static void assertOrder(double expected, double slack, double... errors) {
        for (double p : orders(errors)) {
            if (p < expected - slack || p > expected + 1.5) {
                throw new AssertionError("observed order " + p + " not ~" + expected + ": " + describe(errors));
            }
        }
    }
}
