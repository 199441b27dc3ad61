package dev.mollify.pde.forward;

/**
 * The right-hand side of the 2-D vorticity equation on a periodic box, and the velocity, pressure and
 * momentum residual recovered from a state; the numerics of {@link NavierStokes2D}.
 *
 * <p><b>State.</b> {@code modes + 1} complex entries: the kept vorticity amplitudes {@code ω̂} in the
 * layout of {@link Spectral2D}, then the mean velocity {@code (U₀, V₀)} as one complex number
 * {@code U₀ + i V₀} (a periodic stream function carries no mean flow, so it is a state of its own).
 * The velocity is {@code u = U₀ + ψ_y}, {@code v = V₀ − ψ_x} with {@code ψ̂ = ω̂ / |k|²}
 * ({@code ∇²ψ = −ω}).
 *
 * <p><b>Equations</b> (l₁ = advection coefficient, l₂ = viscosity), from the momentum equations
 * {@code u_t + l₁(u·∇)u = −∇p + l₂∇²u + f} with the body force
 * {@code f = −(χ/η) u − σ (u − (U, 0))} (Brinkman penalisation of the disc mask χ, and a fringe σ that
 * restores the inflow). With {@code (u·∇)u = ∇(|u|²/2) − (vω, −uω)} the curl gives
 * <pre>
 *   ω_t = ∂_x B − ∂_y A + l₂∇²ω,   A = l₁ v ω + f_x,   B = −l₁ u ω + f_y
 *   d(U₀, V₀)/dt = mean(f)            (every other term of the momentum equations is a derivative)
 * </pre>
 * so N(ω̂) = i k_x B̂ − i k_y Â, and the stiff linear part {@code −l₂|k|²} is left to the integrator.
 *
 * <p><b>Pressure</b>: the divergence of the momentum equations with {@code ∇·u = 0}:
 * {@code ∇²p = −l₁(u_x² + 2u_y v_x + v_y²) + ∇·f}, so
 * {@code p̂ = (l₁ ŝ − i k·f̂)/|k|²} with zero mean. Where f = 0 (outside the disc and the fringe) the
 * forcing term still matters: it is a global source, and leaving it out changes p by a harmonic
 * function everywhere.
 */
final class VorticityDynamics implements Etdrk4.Nonlinear {
    private final Spectral2D sp;
    private final double l1;
    private final double inflow;
    private final double[] penalty;
    private final double[] sponge;
    private final double[] kx;
    private final double[] ky;
    private final double[] k2;
    private final int modes;
    private final int points;
    private final double[] sRe, sIm, tRe, tIm, aRe, aIm, bRe, bIm;
    private final double[] u, v, w, fa, fb;

    /**
     * @param penalty χ/η at each grid point ([y][x]); 0 outside the obstacle
     * @param sponge  σ at each grid point; 0 outside the fringe
     */
    VorticityDynamics(Spectral2D sp, double l1, double inflow, double[] penalty, double[] sponge) {
        this.sp = sp;
        this.l1 = l1;
        this.inflow = inflow;
        this.penalty = penalty.clone();
        this.sponge = sponge.clone();
        kx = sp.kx();
        ky = sp.ky();
        modes = sp.modes();
        k2 = new double[modes];
        for (int m = 0; m < modes; m++) k2[m] = kx[m] * kx[m] + ky[m] * ky[m];
        points = sp.nx() * sp.ny();
        sRe = new double[modes];
        sIm = new double[modes];
        tRe = new double[modes];
        tIm = new double[modes];
        aRe = new double[modes];
        aIm = new double[modes];
        bRe = new double[modes];
        bIm = new double[modes];
        u = new double[points];
        v = new double[points];
        w = new double[points];
        fa = new double[points];
        fb = new double[points];
    }

    /** Grid points, nx·ny. */
    int points() {
        return points;
    }

    /** Length of the state: the kept modes plus the mean-flow entry. */
    int stateLength() {
        return modes + 1;
    }

    /** The linear part {@code L = −l₂|k|²} per state entry (0 for the mean flow). */
    double[] viscousPart(double l2) {
        double[] l = new double[modes + 1];
        for (int m = 0; m < modes; m++) l[m] = -l2 * k2[m];
        return l;
    }

    /** Largest rate of the explicit forcing, {@code max(χ/η + σ)}. */
    double maxForcingRate() {
        double r = 0;
        for (int i = 0; i < points; i++) r = Math.max(r, penalty[i] + sponge[i]);
        return r;
    }

    /** Velocity {@code (u, v)} on the grid from a state, into {@code uOut, vOut}. */
    void velocity(double[] re, double[] im, double[] uOut, double[] vOut) {
        for (int m = 0; m < modes; m++) {
            double inv = k2[m] == 0 ? 0 : 1 / k2[m];
            sRe[m] = re[m] * inv;
            sIm[m] = im[m] * inv;
        }
        Spectral2D.derivative(ky, sRe, sIm, tRe, tIm);
        sp.inverse(tRe, tIm, uOut);
        Spectral2D.derivative(kx, sRe, sIm, tRe, tIm);
        sp.inverse(tRe, tIm, vOut);
        double u0 = re[modes];
        double v0 = im[modes];
        for (int i = 0; i < points; i++) {
            uOut[i] += u0;
            vOut[i] = v0 - vOut[i];
        }
    }

    @Override
    public void apply(double[] re, double[] im, double[] outRe, double[] outIm) {
        velocity(re, im, u, v);
        sp.inverse(re, im, w);
        double meanFx = 0;
        double meanFy = 0;
        for (int i = 0; i < points; i++) {
            double fx = -penalty[i] * u[i] - sponge[i] * (u[i] - inflow);
            double fy = -(penalty[i] + sponge[i]) * v[i];
            meanFx += fx;
            meanFy += fy;
            fa[i] = l1 * v[i] * w[i] + fx;
            fb[i] = -l1 * u[i] * w[i] + fy;
        }
        sp.forward(fa, aRe, aIm);
        sp.forward(fb, bRe, bIm);
        for (int m = 0; m < modes; m++) {
            // i kx B - i ky A
            outRe[m] = -kx[m] * bIm[m] + ky[m] * aIm[m];
            outIm[m] = kx[m] * bRe[m] - ky[m] * aRe[m];
        }
        outRe[modes] = meanFx / points;
        outIm[modes] = meanFy / points;
    }

    /** The body force {@code f = −(χ/η)u − σ(u − (U, 0))} at the grid points, from the velocity. */
    void force(double[] uu, double[] vv, double[] fx, double[] fy) {
        for (int i = 0; i < points; i++) {
            fx[i] = -penalty[i] * uu[i] - sponge[i] * (uu[i] - inflow);
            fy[i] = -(penalty[i] + sponge[i]) * vv[i];
        }
    }

    /** Everything recovered from one state on the full grid ([y][x]), the time derivatives u_t, v_t included. */
    record Fields(
            double[] u,
            double[] v,
            double[] w,
            double[] p,
            double[] ut,
            double[] vt,
            double[] residualX,
            double[] residualY) {}

    /**
     * Velocity, vorticity, pressure and the momentum residual
     * {@code R = u_t + l₁(u·∇)u + ∇p − l₂∇²u} (zero where f = 0, up to the modes the 2/3 rule drops) of one
     * state. The time derivative is the right-hand side itself, {@code ω̂_t = N − l₂|k|²ω̂}; every
     * spatial derivative is spectral.
     */
    Fields fields(double[] re, double[] im, double l2) {
        double[] uu = new double[points];
        double[] vv = new double[points];
        velocity(re, im, uu, vv);
        double[] ww = new double[points];
        sp.inverse(re, im, ww);
        double[] fx = new double[points];
        double[] fy = new double[points];
        force(uu, vv, fx, fy);
        double[] uHatRe = new double[modes], uHatIm = new double[modes];
        double[] vHatRe = new double[modes], vHatIm = new double[modes];
        sp.forward(uu, uHatRe, uHatIm);
        sp.forward(vv, vHatRe, vHatIm);
        double[] ux = derivative(kx, uHatRe, uHatIm);
        double[] uy = derivative(ky, uHatRe, uHatIm);
        double[] vx = derivative(kx, vHatRe, vHatIm);
        double[] vy = derivative(ky, vHatRe, vHatIm);
        double[] s = new double[points];
        for (int i = 0; i < points; i++) s[i] = ux[i] * ux[i] + 2 * uy[i] * vx[i] + vy[i] * vy[i];
        double[] sHatRe = new double[modes], sHatIm = new double[modes];
        double[] fxRe = new double[modes], fxIm = new double[modes];
        double[] fyRe = new double[modes], fyIm = new double[modes];
        sp.forward(s, sHatRe, sHatIm);
        sp.forward(fx, fxRe, fxIm);
        sp.forward(fy, fyRe, fyIm);
        double[] pRe = new double[modes], pIm = new double[modes];
        for (int m = 0; m < modes; m++) {
            if (k2[m] == 0) continue;
            // (l1 s - i (kx fx + ky fy)) / k^2
            double dRe = kx[m] * fxRe[m] + ky[m] * fyRe[m];
            double dIm = kx[m] * fxIm[m] + ky[m] * fyIm[m];
            pRe[m] = (l1 * sHatRe[m] + dIm) / k2[m];
            pIm[m] = (l1 * sHatIm[m] - dRe) / k2[m];
        }
        double[] p = new double[points];
        sp.inverse(pRe, pIm, p);
        double[] px = derivative(kx, pRe, pIm);
        double[] py = derivative(ky, pRe, pIm);
        // time derivative of the state
        double[] nRe = new double[modes + 1], nIm = new double[modes + 1];
        apply(re, im, nRe, nIm);
        double[] wtRe = new double[modes + 1], wtIm = new double[modes + 1];
        for (int m = 0; m < modes; m++) {
            wtRe[m] = nRe[m] - l2 * k2[m] * re[m];
            wtIm[m] = nIm[m] - l2 * k2[m] * im[m];
        }
        wtRe[modes] = nRe[modes];
        wtIm[modes] = nIm[modes];
        double[] ut = new double[points];
        double[] vt = new double[points];
        velocity(wtRe, wtIm, ut, vt);
        double[] lapU = laplacian(uHatRe, uHatIm);
        double[] lapV = laplacian(vHatRe, vHatIm);
        double[] rx = new double[points];
        double[] ry = new double[points];
        for (int i = 0; i < points; i++) {
            rx[i] = ut[i] + l1 * (uu[i] * ux[i] + vv[i] * uy[i]) + px[i] - l2 * lapU[i];
            ry[i] = vt[i] + l1 * (uu[i] * vx[i] + vv[i] * vy[i]) + py[i] - l2 * lapV[i];
        }
        return new Fields(uu, vv, ww, p, ut, vt, rx, ry);
    }

    private double[] derivative(double[] k, double[] re, double[] im) {
        Spectral2D.derivative(k, re, im, tRe, tIm);
        double[] out = new double[points];
        sp.inverse(tRe, tIm, out);
        return out;
    }

    private double[] laplacian(double[] re, double[] im) {
        for (int m = 0; m < modes; m++) {
            tRe[m] = -k2[m] * re[m];
            tIm[m] = -k2[m] * im[m];
        }
        double[] out = new double[points];
        sp.inverse(tRe, tIm, out);
        return out;
    }
}
