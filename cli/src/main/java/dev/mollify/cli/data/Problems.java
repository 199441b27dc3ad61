package dev.mollify.cli.data;

import dev.mollify.cli.CliException;
import dev.mollify.pde.forward.BurgersSolver;
import dev.mollify.pde.forward.ChromatinSolver;
import dev.mollify.pde.forward.FisherKppSolver;
import dev.mollify.pde.forward.GridField;
import dev.mollify.pde.forward.HeatSolver;
import dev.mollify.pde.forward.KdvSolver;
import dev.mollify.pde.forward.KuramotoSivashinskySolver;
import dev.mollify.pde.forward.LangevinSolver;
import dev.mollify.pde.forward.NavierStokes2D;
import dev.mollify.pde.forward.ReactionDiffusionSolver;
import dev.mollify.pde.forward.SteadyHeat2D;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The problems {@code mollify generate} can make data for: each names its forward solver's parameter
 * record, how the record becomes data columns, the equation to fit with the true coefficient values,
 * and which parameters {@code --grid} sets. Numeric parameters are overridden by name
 * ({@code --set nu=0.005}) through the record's canonical constructor, so every check of the solver
 * applies and its message names the bad value.
 */
public final class Problems {
    private Problems() {}

    /**
     * One problem.
     *
     * @param name     the --problem name
     * @param defaults the solver's default parameters
     * @param solve    parameters → the main field first, then extra columns (known fields, NAME_true truths)
     * @param pde      the equation to pass to {@code fit} (null: none suggested); {@code {NAME}} stands for the
     *                 value of the parameter NAME ({@link #pde(Record)}), for a coefficient the fit takes as known
     * @param truth    the true value of each unknown of {@code pde}, from the parameters
     * @param unknowns the {@code --unknown} arguments suggested for {@code fit}
     * @param grid     the parameter names {@code --grid A[xB]} sets, in order
     * @param fitNote  null when {@code mollify fit} can fit {@code pde}; otherwise why it cannot yet, and
     *                 then no fit command is suggested
     */
    public record Problem(
            String name,
            Record defaults,
            Function<Record, List<GridField>> solve,
            String pde,
            Function<Record, Map<String, Double>> truth,
            String unknowns,
            List<String> grid,
            String fitNote) {
        /**
         * A problem whose equation {@code mollify fit} can fit (no {@code fitNote}).
         *
         * @param name the --problem name
         * @param defaults the solver's default parameters
         * @param solve parameters → the main field first, then extra columns (known fields, NAME_true truths)
         * @param pde the equation to pass to {@code fit} (null: none suggested), with {@code {NAME}} for the
         *     value of the parameter NAME
         * @param truth the true value of each unknown of {@code pde}, from the parameters
         * @param unknowns the {@code --unknown} arguments suggested for {@code fit}
         * @param grid the parameter names {@code --grid A[xB]} sets, in order
         */
        public Problem(
                String name,
                Record defaults,
                Function<Record, List<GridField>> solve,
                String pde,
                Function<Record, Map<String, Double>> truth,
                String unknowns,
                List<String> grid) {
            this(name, defaults, solve, pde, truth, unknowns, grid, null);
        }

        /**
         * The equation to pass to {@code fit} for data made with {@code params}: each {@code {NAME}} replaced by
         * its value, e.g. {@code u_t = {a}*u + f(t)} becomes {@code u_t = 1.0*u + f(t)} for a = 1.
         *
         * @param params the solver parameters the data were made with, of the type of {@link #defaults()}
         * @return the equation, or null when the problem suggests none
         */
        public String pde(Record params) {
            if (pde == null) return null;
            String text = pde;
            for (RecordComponent c : params.getClass().getRecordComponents())
                text = text.replace("{" + c.getName() + "}", String.valueOf(value(c, params)));
            return text;
        }
    }

    /** The equations the Navier–Stokes data satisfy in their window. */
    static final String NAVIER_STOKES = "u_t + l1*(u*u_x + v*u_y) = -p_x + l2*(u_xx + u_yy); "
            + "v_t + l1*(u*v_x + v*v_y) = -p_y + l2*(v_xx + v_yy); u_x + v_y = 0";

    /**
     * Every problem, by name, in the order {@code --help} lists them.
     *
     * @return a new mutable map from the {@code --problem} name to its problem
     */
    public static Map<String, Problem> all() {
        Map<String, Problem> m = new LinkedHashMap<>();
        add(
                m,
                new Problem(
                        "heat",
                        HeatSolver.Params.defaults(),
                        p -> List.of(HeatSolver.solve((HeatSolver.Params) p)),
                        "u_t = D*u_xx",
                        p -> Map.of("D", ((HeatSolver.Params) p).diffusion()),
                        "--unknown D=0.05:positive",
                        List.of("nx", "nt")));
        add(
                m,
                new Problem(
                        "burgers",
                        BurgersSolver.Params.defaults(),
                        p -> List.of(BurgersSolver.solve((BurgersSolver.Params) p)),
                        "u_t + a*u*u_x - b*u_xx = 0",
                        p -> ordered("a", 1.0, "b", ((BurgersSolver.Params) p).nu()),
                        "--unknown a=0 --unknown b=0.01:positive",
                        List.of("nx", "nt")));
        add(
                m,
                new Problem(
                        "kdv",
                        KdvSolver.Params.defaults(),
                        p -> List.of(KdvSolver.solve((KdvSolver.Params) p)),
                        "u_t + a*u*u_x + b*u_xxx = 0",
                        p -> ordered("a", ((KdvSolver.Params) p).lambda1(), "b", ((KdvSolver.Params) p).lambda2()),
                        "--unknown a=0 --unknown b=0.001",
                        List.of("nx", "nt")));
        add(
                m,
                new Problem(
                        "ks",
                        KuramotoSivashinskySolver.Params.defaults(),
                        p -> List.of(KuramotoSivashinskySolver.solve((KuramotoSivashinskySolver.Params) p)),
                        "u_t + a*u*u_x + b*u_xx + c*u_xxxx = 0",
                        p -> {
                            var q = (KuramotoSivashinskySolver.Params) p;
                            Map<String, Double> t = ordered("a", q.a(), "b", q.b());
                            t.put("c", q.c());
                            return t;
                        },
                        "--unknown a=0.5 --unknown b=0.5 --unknown c=0.5",
                        List.of("nx", "nt")));
        add(
                m,
                new Problem(
                        "fisher",
                        FisherKppSolver.ConstantRate.defaults(),
                        p -> List.of(FisherKppSolver.solve(((FisherKppSolver.ConstantRate) p).params())),
                        "u_t = D*u_xx + r*u*(1-u)",
                        p -> ordered(
                                "D",
                                ((FisherKppSolver.ConstantRate) p).diffusion(),
                                "r",
                                ((FisherKppSolver.ConstantRate) p).rate()),
                        "--unknown D:positive --unknown r",
                        List.of("nx", "nt")));
        add(
                m,
                new Problem(
                        "fisher-field",
                        FisherKppSolver.Params.defaults(),
                        p -> {
                            var q = (FisherKppSolver.Params) p;
                            GridField u = FisherKppSolver.solve(q);
                            return List.of(u, coefficient(u, "k_true", q.rate()::at));
                        },
                        "u_t = D*u_xx + k(x)*u*(1-u)",
                        p -> Map.of("D", ((FisherKppSolver.Params) p).diffusion()),
                        "--unknown D=0.005:positive",
                        List.of("nx", "nt")));
        add(
                m,
                new Problem(
                        "reaction-diffusion",
                        ReactionDiffusionSolver.Params.defaults(),
                        p -> ReactionDiffusionSolver.solve((ReactionDiffusionSolver.Params) p),
                        "u_t = D*u_xx - k*u*v^2; v_t = D*v_xx - 2*k*u*v^2",
                        p -> {
                            var q = (ReactionDiffusionSolver.Params) p;
                            return ordered("D", q.diffusion(), "k", q.rate());
                        },
                        "--unknown D --unknown k",
                        List.of("nx", "nt")));
        add(
                m,
                new Problem(
                        "langevin",
                        LangevinSolver.Params.defaults(),
                        p -> {
                            var q = (LangevinSolver.Params) p;
                            GridField u = LangevinSolver.solve(q);
                            return List.of(u, coefficient(u, "f_true", q.forcing()::at));
                        },
                        // a·u with f(t) unknown is not identifiable (f absorbs any change of a): a is given
                        "u_t = {a}*u + f(t)",
                        p -> Map.of(),
                        "",
                        List.of("nt")));
        add(
                m,
                new Problem(
                        "heat2d",
                        SteadyHeat2D.Params.defaults(),
                        p -> {
                            SteadyHeat2D.Result r = SteadyHeat2D.solve((SteadyHeat2D.Params) p);
                            return List.of(r.u(), rename(r.m(), "m"), rename(r.k(), "k_true"));
                        },
                        "0 = k(x,y)*lap(u) + m(x,y)",
                        p -> Map.of(),
                        "",
                        List.of("n")));
        add(
                m,
                new Problem(
                        "navier-stokes",
                        NavierStokes2D.Params.defaults(),
                        p -> {
                            NavierStokes2D.Result r = NavierStokes2D.solve((NavierStokes2D.Params) p);
                            return List.of(r.u(), r.v(), r.p(), r.w());
                        },
                        NAVIER_STOKES,
                        p -> ordered(
                                "l1",
                                ((NavierStokes2D.Params) p).advection(),
                                "l2",
                                ((NavierStokes2D.Params) p).viscosity()),
                        "--unknown l1=0.5 --unknown l2=0.05:positive",
                        List.of("nx", "ny")));
        add(
                m,
                new Problem(
                        "chromatin",
                        ChromatinSolver.Params.defaults(),
                        p -> {
                            ChromatinSolver.Result r = ChromatinSolver.solve((ChromatinSolver.Params) p);
                            return List.of(r.phiD(), rename(r.phiW(), "phi_w"), rename(r.lambda(), "lambda_true"));
                        },
                        null,
                        p -> Map.of(),
                        "",
                        List.of("n")));
        return m;
    }

    private static void add(Map<String, Problem> m, Problem p) {
        m.put(p.name(), p);
    }

    private static Map<String, Double> ordered(String a, double va, String b, double vb) {
        Map<String, Double> t = new LinkedHashMap<>();
        t.put(a, va);
        t.put(b, vb);
        return t;
    }

    /** A coefficient of one coordinate (the last axis of {@code u}, or its only one) sampled on u's grid. */
    private static GridField coefficient(GridField u, String name, java.util.function.DoubleUnaryOperator f) {
        int last = u.axisNames().size() - 1;
        double[] ax = u.axis(last);
        double[] v = new double[u.size()];
        for (int i = 0; i < v.length; i++) v[i] = f.applyAsDouble(ax[i % ax.length]);
        return new GridField(u.problem(), name, u.axisNames(), u.axes(), v, Map.of(), name);
    }

    private static GridField rename(GridField f, String name) {
        return new GridField(f.problem(), name, f.axisNames(), f.axes(), f.values(), Map.of(), f.description());
    }

    /**
     * The numeric ({@code double} or {@code int}) parameters of a record, by name: what {@code --set} accepts.
     *
     * @param r a solver's parameter record
     * @return each numeric component's value by component name, in declaration order
     */
    public static Map<String, Object> numericParameters(Record r) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (RecordComponent c : r.getClass().getRecordComponents()) {
            if (c.getType() == double.class || c.getType() == int.class) out.put(c.getName(), value(c, r));
        }
        return out;
    }

    /**
     * {@code r} with the named numeric components replaced, built through its canonical constructor so the
     * solver's own checks run.
     *
     * @param r a solver's parameter record
     * @param overrides new values as text by component name, e.g. {@code nu -> 0.005}
     * @return a new record of the same type
     * @throws CliException with {@link dev.mollify.cli.ExitCode#USAGE} for an unknown name, a component that is
     *     not numeric, text that is not a number (a whole number for {@code int}), or a value the solver's
     *     constructor refuses (its message is kept)
     */
    public static Record with(Record r, Map<String, String> overrides) {
        RecordComponent[] comps = r.getClass().getRecordComponents();
        Object[] values = new Object[comps.length];
        Class<?>[] types = new Class<?>[comps.length];
        Map<String, String> left = new LinkedHashMap<>(overrides);
        for (int i = 0; i < comps.length; i++) {
            types[i] = comps[i].getType();
            values[i] = value(comps[i], r);
            String text = left.remove(comps[i].getName());
            if (text == null) continue;
            try {
                if (types[i] == double.class) values[i] = Double.parseDouble(text);
                else if (types[i] == int.class) values[i] = Integer.parseInt(text);
                else
                    throw CliException.usage("parameter '" + comps[i].getName()
                            + "' is not a number and cannot be set from the command line");
            } catch (NumberFormatException e) {
                throw CliException.usage("--set " + comps[i].getName() + "=" + text + ": not a "
                        + (types[i] == int.class ? "whole number" : "number"));
            }
        }
        if (!left.isEmpty()) {
            throw CliException.usage("unknown parameter" + (left.size() > 1 ? "s " : " ") + left.keySet()
                    + "; this problem has " + numericParameters(r).keySet());
        }
        try {
            Constructor<?> k = r.getClass().getDeclaredConstructor(types);
            return (Record) k.newInstance(values);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IllegalArgumentException) throw CliException.usage(cause.getMessage());
            throw new IllegalStateException(cause);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object value(RecordComponent c, Record r) {
        try {
            return c.getAccessor().invoke(r);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Names of the problems, for messages.
     *
     * @return the {@code --problem} names, in the order of {@link #all()}
     */
    public static List<String> names() {
        return new ArrayList<>(all().keySet());
    }
}
