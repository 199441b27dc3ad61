package dev.mollify.mollifier;

import dev.mollify.autograd.Var;

/**
 * The profile φ(r) of a mollifier, supported on |r| &lt; 1, and everything the samplers need from it.
 *
 * <p>Every family is written through its logarithm L(s) = ln φ at s = r² (inside the support):
 * <ul>
 *   <li>{@link Bump}: φ = exp(−1/(1−r²)), L(s) = −1/(1−s). C^∞.</li>
 *   <li>{@link Polynomial}: φ = (1−r²)^p, L(s) = p·ln(1−s). C^{p−1}: a derivative of order k needs p ≥ k+1.</li>
 *   <li>{@link TruncatedGaussian}: φ = exp(−α r²) cut at |r| = 1, L(s) = −α s. Discontinuous at the edge.</li>
 * </ul>
 *
 * <p><b>Width derivative</b> (docs/math.md, "Width gradient"). For a tap at distance d and width δ, r = d/δ and
 * ∂φ(r)/∂δ = φ·a with a = −r·φ′(r)/(φ·δ) = −2s·L′(s)/δ; for the bump a = 2r²/(δ(1−r²)²).
 *
 * <p><b>Derivatives in r.</b> φ = exp(ℓ(r)) with ℓ = L(r²); the Taylor coefficients of ℓ at r are
 * closed forms (each family splits ℓ into terms in 1/(1∓r) or ln(1∓r)), and those of exp(ℓ) follow from
 * e₀ = e^{ℓ₀}, eₙ = (1/n)·Σ_{m=1..n} m·ℓₘ·e_{n−m}; then φ^{(k)} = k!·e_k. For the bump this is the
 * recurrence φ^{(k)} = φ·P_k of docs/math.md, "Kernels" written another way.
 */
public sealed interface KernelFamily
        permits KernelFamily.Bump, KernelFamily.Polynomial, KernelFamily.TruncatedGaussian {

    /**
     * The classical bump φ(r) = exp(−1/(1−r²)), the profile of η_δ in docs/math.md, "Kernels".
     *
     * @return the C^∞ bump family (∫φ = 0.4439938162)
     */
    static KernelFamily bump() {
        return new Bump();
    }

    /**
     * The polynomial profile φ(r) = (1−r²)^p, C^{p−1} at the edge of the support.
     *
     * @param p the exponent, ≥ 1; a derivative of order k needs p ≥ k+1
     * @return the polynomial family
     * @throws IllegalArgumentException when p &lt; 1
     */
    static KernelFamily polynomial(int p) {
        return new Polynomial(p);
    }

    /**
     * The Gaussian φ(r) = exp(−α r²) truncated at |r| = 1 (α = 4.5 puts the cut at 3σ); it jumps at
     * the edge, so only the differences route gives its derivative kernels correctly.
     *
     * @param alpha the decay α, positive and finite (dimensionless: r is the distance over δ)
     * @return the truncated Gaussian family
     * @throws IllegalArgumentException when α is not positive or not finite
     */
    static KernelFamily truncatedGaussian(double alpha) {
        return new TruncatedGaussian(alpha);
    }

    /**
     * The log-profile L(s) = ln φ at s = r², inside the support.
     *
     * @param s the squared scaled distance r², in [0, 1)
     * @return L(s); not finite as s approaches 1 for the bump and the polynomial
     */
    double logPhi(double s);

    /**
     * The slope L′(s) = dL/ds of the log-profile, the ingredient of the width derivative
     * a = −2s·L′(s)/δ (docs/math.md, "Width gradient").
     *
     * @param s the squared scaled distance r², in [0, 1)
     * @return L′(s)
     */
    double logPhiSlope(double s);

    /**
     * L(s) as a differentiable value, for the width derivative built from δ with {@link Var}
     * operations (second and higher derivatives in δ).
     *
     * @param s squared scaled distances, every entry in [0, 1) (callers substitute a safe value such as 0
     *     outside the support and mask the result)
     * @return L(s) elementwise, the shape of s
     */
    Var logPhi(Var s);

    /**
     * L′(s) as a differentiable value, with the same contract as {@link #logPhi(Var)}.
     *
     * @param s squared scaled distances, every entry in [0, 1)
     * @return L′(s) elementwise, the shape of s
     */
    Var logPhiSlope(Var s);

    /**
     * The n-th Taylor coefficient ℓₙ = ℓ^{(n)}(r)/n! of ℓ(r) = L(r²), in closed form; the input of the
     * recurrence for φ^{(k)} above.
     *
     * @param r the scaled distance, |r| &lt; 1
     * @param n the order, ≥ 1
     * @return ℓₙ at r
     */
    double logTaylor(double r, int n);

    /**
     * The highest derivative order in r that is bounded on the support; the analytic derivative
     * kernels refuse higher orders.
     *
     * @return p − 1 for (1−r²)^p, {@code Integer.MAX_VALUE} for the C^∞ bump and the truncated
     *     Gaussian (smooth inside, whose jump at the edge the analytic route ignores)
     */
    int smoothness();

    /**
     * The profile φ(r) = exp(L(r²)).
     *
     * @param r the scaled distance x/δ (dimensionless)
     * @return φ(r), not normalised; zero outside |r| &lt; 1
     */
    default double phi(double r) {
        double s = r * r;
        return s < 1.0 ? Math.exp(logPhi(s)) : 0.0;
    }

    /**
     * The relative width derivative a(r, δ) = (∂φ/∂δ)/φ = −2s·L′(s)/δ at r = d/δ, s = r²; for the bump
     * a = 2r²/(δ(1−r²)²) (docs/math.md, "Width gradient").
     *
     * @param r the scaled distance d/δ of the tap
     * @param delta the width δ, in the units of d
     * @return a in 1/(units of δ); zero outside the support
     */
    default double widthLogDerivative(double r, double delta) {
        double s = r * r;
        return s < 1.0 ? -2.0 * s * logPhiSlope(s) / delta : 0.0;
    }

    /**
     * The k-th derivative φ^{(k)}(r) in r, as k!·e_k from the Taylor coefficients of exp(ℓ) (see the
     * class comment). Inside the support only: edge terms of a profile that is not smooth there are
     * not included.
     *
     * @param r the scaled distance
     * @param k the derivative order, ≥ 0 (0 gives φ)
     * @return φ^{(k)}(r); zero outside |r| &lt; 1
     * @throws IllegalArgumentException when k &lt; 0
     */
    default double phiDerivative(double r, int k) {
        if (k < 0) throw new IllegalArgumentException("derivative order must be >= 0, got " + k);
        if (r * r >= 1.0) return 0.0;
        double[] e = new double[k + 1];
        double[] l = new double[k + 1];
        e[0] = phi(r);
        for (int n = 1; n <= k; n++) l[n] = logTaylor(r, n);
        for (int n = 1; n <= k; n++) {
            double acc = 0;
            for (int m = 1; m <= n; m++) acc += m * l[m] * e[n - m];
            e[n] = acc / n;
        }
        double fact = 1;
        for (int i = 2; i <= k; i++) fact *= i;
        return fact * e[k];
    }

    /**
     * The 1-D mass ∫_{−1}^{1} φ(r) dr, whose inverse is the normalisation C₁ of η_δ (docs/math.md,
     * "Kernels"), by composite Simpson on 20 000 panels (the profiles are smooth inside).
     *
     * @return ∫φ (0.4439938162 for the bump)
     */
    default double integral1d() {
        int n = 20000;
        double hh = 2.0 / n, acc = phi(-1) + phi(1);
        for (int i = 1; i < n; i++) acc += (i % 2 == 1 ? 4 : 2) * phi(-1 + i * hh);
        return acc * hh / 3;
    }

    /** The bump exp(−1/(1−r²)). */
    record Bump() implements KernelFamily {
        @Override
        public double logPhi(double s) {
            return -1.0 / (1.0 - s);
        }

        @Override
        public double logPhiSlope(double s) {
            double q = 1.0 - s;
            return -1.0 / (q * q);
        }

        @Override
        public Var logPhi(Var s) {
            return s.rsub(1.0).reciprocal().neg();
        }

        @Override
        public Var logPhiSlope(Var s) {
            return s.rsub(1.0).pow(-2.0).neg();
        }

        @Override
        public int smoothness() {
            return Integer.MAX_VALUE;
        }

        /** ℓ = −1/(1−r²) = −½[1/(1−r) + 1/(1+r)] ⇒ ℓₙ = −½[(1−r)^{−n−1} + (−1)ⁿ(1+r)^{−n−1}]. */
        @Override
        public double logTaylor(double r, int n) {
            return -0.5 * (Math.pow(1 - r, -n - 1) + ((n & 1) == 0 ? 1 : -1) * Math.pow(1 + r, -n - 1));
        }
    }

    /**
     * (1−r²)^p.
     *
     * @param p the exponent, ≥ 1; the profile is C^{p−1} at |r| = 1
     */
    record Polynomial(int p) implements KernelFamily {
        /**
         * Checks that p ≥ 1.
         *
         * @param p the exponent, ≥ 1
         * @throws IllegalArgumentException when p &lt; 1
         */
        public Polynomial {
            if (p < 1) throw new IllegalArgumentException("polynomial mollifier (1-r^2)^p needs p >= 1, got " + p);
        }

        @Override
        public double logPhi(double s) {
            return p * Math.log1p(-s);
        }

        @Override
        public double logPhiSlope(double s) {
            return -p / (1.0 - s);
        }

        @Override
        public Var logPhi(Var s) {
            return s.rsub(1.0).log().mul(p);
        }

        @Override
        public Var logPhiSlope(Var s) {
            return s.rsub(1.0).reciprocal().mul(-p);
        }

        @Override
        public int smoothness() {
            return p - 1;
        }

        /** ℓ = p·ln(1−r) + p·ln(1+r) ⇒ ℓₙ = p·[−(1−r)^{−n} + (−1)^{n−1}(1+r)^{−n}]/n. */
        @Override
        public double logTaylor(double r, int n) {
            return p * (-Math.pow(1 - r, -n) + ((n & 1) == 1 ? 1 : -1) * Math.pow(1 + r, -n)) / n;
        }
    }

    /**
     * exp(−α r²) for |r| &lt; 1.
     *
     * @param alpha the decay α, positive and finite; α = 4.5 puts the cut at 3σ
     */
    record TruncatedGaussian(double alpha) implements KernelFamily {
        /**
         * Checks that α is positive and finite.
         *
         * @param alpha the decay α, positive and finite
         * @throws IllegalArgumentException when α is not positive or not finite
         */
        public TruncatedGaussian {
            if (!(alpha > 0) || !Double.isFinite(alpha))
                throw new IllegalArgumentException("Gaussian α must be > 0 and finite, got " + alpha);
        }

        @Override
        public double logPhi(double s) {
            return -alpha * s;
        }

        @Override
        public double logPhiSlope(double s) {
            return -alpha;
        }

        @Override
        public Var logPhi(Var s) {
            return s.mul(-alpha);
        }

        @Override
        public Var logPhiSlope(Var s) {
            return s.mul(0.0).sub(alpha);
        }

        @Override
        public int smoothness() {
            return Integer.MAX_VALUE;
        }

        /** ℓ = −α r² ⇒ ℓ₁ = −2αr, ℓ₂ = −α, ℓₙ = 0 beyond. */
        @Override
        public double logTaylor(double r, int n) {
            return n == 1 ? -2 * alpha * r : n == 2 ? -alpha : 0.0;
        }
    }
}
