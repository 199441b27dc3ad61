package dev.mollify.pde.forward;

/**
 * The default data sets, one per problem: {@link #generate} solves one with its solver's
 * {@code Params.defaults()} and returns the solution field (coefficient fields via the solvers).
 */
public final class ForwardDatasets {
    private ForwardDatasets() {}

    /** The problems with a default data set. */
    public enum Problem {
        /** Heat equation u_t = D u_xx ({@link HeatSolver}). */
        HEAT("heat"),
        /** Viscous Burgers u_t + u u_x = ν u_xx ({@link BurgersSolver}). */
        BURGERS("burgers"),
        /** Korteweg–de Vries u_t + λ₁ u u_x + λ₂ u_xxx = 0 ({@link KdvSolver}). */
        KDV("kdv"),
        /** Kuramoto–Sivashinsky u_t + a u u_x + b u_xx + c u_xxxx = 0 ({@link KuramotoSivashinskySolver}). */
        KURAMOTO_SIVASHINSKY("kuramoto_sivashinsky"),
        /** Fisher–KPP u_t = D u_xx + k(x) u (1 − u) ({@link FisherKppSolver}). */
        FISHER_KPP("fisher_kpp"),
        /** Langevin-type u_t = a u + f(t) ({@link LangevinSolver}). */
        LANGEVIN("langevin"),
        /** Steady 2-D heat 0 = k(x,y) ∇²u + m(x,y); the data set is u ({@link SteadyHeat2D}). */
        STEADY_HEAT_2D("steady_heat_2d"),
        /** Chromatin phase field with constant λ; the data set is the steady φ_d ({@link ChromatinSolver}). */
        CHROMATIN("chromatin"),
        /** Chromatin phase field with the smooth field λ(x,y); the data set is the steady φ_d. */
        CHROMATIN_VARYING_LAMBDA("chromatin_varying_lambda");

        private final String fileName;

        Problem(String fileName) {
            this.fileName = fileName;
        }

        /**
         * The base name of this problem's data files, e.g. {@code "heat"}.
         *
         * @return the lower-case name, also the {@code problem} of the generated field's data files
         */
        public String fileName() {
            return fileName;
        }
    }

    /**
     * The default data set of one problem (the solution field; coefficient fields via the solvers).
     *
     * @param p the problem
     * @return the solution of its solver with {@code Params.defaults()} (for
     *     {@link Problem#CHROMATIN_VARYING_LAMBDA}, {@code ChromatinSolver.Params.defaultsVaryingLambda()})
     */
    public static GridField generate(Problem p) {
        return switch (p) {
            case HEAT -> HeatSolver.solve(HeatSolver.Params.defaults());
            case BURGERS -> BurgersSolver.solve(BurgersSolver.Params.defaults());
            case KDV -> KdvSolver.solve(KdvSolver.Params.defaults());
            case KURAMOTO_SIVASHINSKY -> KuramotoSivashinskySolver.solve(KuramotoSivashinskySolver.Params.defaults());
            case FISHER_KPP -> FisherKppSolver.solve(FisherKppSolver.Params.defaults());
            case LANGEVIN -> LangevinSolver.solve(LangevinSolver.Params.defaults());
            case STEADY_HEAT_2D ->
                SteadyHeat2D.solve(SteadyHeat2D.Params.defaults()).u();
            case CHROMATIN ->
                ChromatinSolver.solve(ChromatinSolver.Params.defaults()).phiD();
            case CHROMATIN_VARYING_LAMBDA ->
                ChromatinSolver.solve(ChromatinSolver.Params.defaultsVaryingLambda())
                        .phiD();
        };
    }
}
