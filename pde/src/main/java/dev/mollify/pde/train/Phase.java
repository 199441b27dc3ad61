package dev.mollify.pde.train;

/** The optimiser running a step: Adam first, then L-BFGS (the usual PINN recipe). */
public enum Phase {
    ADAM,
    LBFGS
}
