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

    /** The classical bump exp(−1/(1−r²)). */
    static KernelFamily bump() {
        return new Bump();
    }

    /** (1−r²)^p, p ≥ 1. */
    static KernelFamily polynomial(int p) {
        return new Polynomial(p);
    }

    /** exp(−α r²) truncated at |r| = 1 (α = 4.5 puts the cut at 3σ). */
    static KernelFamily truncatedGaussian(double alpha) {
        return new TruncatedGaussian(alpha);
    }

    /** L(s) = ln φ at s = r², s &lt; 1. */
    double logPhi(double s);

    /** L′(s) = dL/ds. */
    double logPhiSlope(double s);

    /** L(s) for a {@link Var} s whose entries all lie in [0, 1) (callers substitute a safe value outside the support). */
    Var logPhi(Var s);

    /** L′(s) as a {@link Var}, same contract as {@link #logPhi(Var)}. */
    Var logPhiSlope(Var s);

    /** The n-th Taylor coefficient ℓₙ = ℓ^{(n)}(r)/n! of ℓ(r) = L(r²), |r| &lt; 1, n ≥ 1. */
    double logTaylor(double r, int n);

    /** The highest derivative order in r that is bounded on the support (Integer.MAX_VALUE for C^∞). */
    int smoothness();

    /** φ(r): zero outside |r| &lt; 1. */
    default double phi(double r) {
        double s = r * r;
        return s < 1.0 ? Math.exp(logPhi(s)) : 0.0;
    }

    /** a(r, δ) = (∂φ/∂δ)/φ = −2s·L′(s)/δ at r = d/δ (zero outside the support). */
    default double widthLogDerivative(double r, double delta) {
        double s = r * r;
        return s < 1.0 ? -2.0 * s * logPhiSlope(s) / delta : 0.0;
    }

    /** φ^{(k)}(r), the k-th derivative in r (zero outside the support). */
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

    /** ∫_{−1}^{1} φ(r) dr (composite Simpson on 20 000 panels; the profiles are smooth inside). */
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

    /** (1−r²)^p. */
    record Polynomial(int p) implements KernelFamily {
        /** Checks that p ≥ 1. */
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

    /** exp(−α r²) for |r| &lt; 1. */
    record TruncatedGaussian(double alpha) implements KernelFamily {
        /** Checks that α is positive and finite. */
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
