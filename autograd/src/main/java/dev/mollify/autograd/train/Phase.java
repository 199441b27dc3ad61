package dev.mollify.autograd.train;

/** The optimiser running a step: Adam first, then L-BFGS (the usual PINN recipe). */
public enum Phase {
    /** The Adam phase, first. */
    ADAM,
    /** The L-BFGS phase, after Adam. */
    LBFGS
}
