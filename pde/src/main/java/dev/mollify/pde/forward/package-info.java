/**
 * Forward solvers: measurements with a known truth for the inverse problems.
 *
 * <p><b>Start here:</b> {@link dev.mollify.pde.forward.ForwardDatasets#generate} makes the default
 * data set of each problem; each solver ({@code HeatSolver}, {@code BurgersSolver}, {@code KdvSolver},
 * {@code KuramotoSivashinskySolver}, {@code FisherKppSolver}, {@code ReactionDiffusionSolver} (two
 * coupled fields u, v), {@code LangevinSolver},
 * {@code SteadyHeat2D}, {@code ChromatinSolver}, {@code NavierStokes2D} (2-D incompressible flow,
 * velocity u, v with pressure and vorticity, layout [t][y][x])) is one small class with a {@code Params} record
 * ({@code Params.defaults()} plus {@code withX} variants) whose constructor rejects bad values with
 * an {@link java.lang.IllegalArgumentException} that names the parameter, its valid range and the
 * fix.
 *
 * <p>Data flow: {@code Params} → {@code solve} → {@link dev.mollify.pde.forward.GridField}
 * (coordinates, row-major values [t][x] or [y][x], parameters and diagnostics such as
 * {@code solver.steps} and {@code solver.spectralTail}) → {@link dev.mollify.pde.forward.Sampling}
 * (noise {@code r·std(u)}, random points, coarser grids; seeded by {@link dev.mollify.tensor.Rng},
 * bit-identical across JDKs) → {@link dev.mollify.pde.forward.DataFiles} (CSV {@code x,t,u} and
 * {@code .npy}).
 *
 * <p>Shared pieces: {@link dev.mollify.pde.forward.Spectral1D} (real FFT layout, derivatives,
 * spectral tail, trigonometric interpolation), {@link dev.mollify.pde.forward.Etdrk4}
 * (Kassam–Trefethen ETDRK4), {@code SpectralMarch} (the CFL-checked time loop of the periodic
 * solvers, for one field or several coupled ones), {@code Spectral2D} (real 2-D transform keeping the
 * 2/3-rule modes) and {@code VorticityDynamics} (the Navier–Stokes right-hand side, pressure and
 * momentum residual).
 *
 * <p>Threads: all FFT sizes used by the defaults stay below JTransforms' threading thresholds
 * (1-D: 8192 points, 2-D: 65 536), so no thread pool is started. Larger grids start one; a
 * command-line program should then call
 * {@code org.visnow.jlargearrays.ConcurrencyUtils.shutdownThreadPoolAndAwaitTermination()} before
 * it returns (as the tests module's {@code dev.mollify.tests.forward.WriteDatasets} does), or the JVM lingers ~60 s.
 */
package dev.mollify.pde.forward;
