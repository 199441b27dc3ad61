package dev.mollify.cli.fit;

import dev.mollify.autograd.train.Callback;
import dev.mollify.autograd.train.Checkpointer;
import dev.mollify.autograd.train.StepInfo;
import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C / SIGTERM during a fit: a shutdown hook raises a flag; this callback sees it after the
 * current step, writes one last checkpoint (atomically, like every checkpoint) when the step has a
 * snapshot, and stops the trainer; the hook then waits until the report is written, so an interrupt
 * never leaves a half-written file. {@code --resume} continues from that checkpoint.
 */
public final class Interruption implements Callback {
    /** The stop reason an interrupted run reports. */
    public static final String REASON = "interrupted (Ctrl-C or SIGTERM); resume with --resume";

    private final Checkpointer checkpointer;
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;
    private volatile boolean requested;

    private Interruption(Checkpointer checkpointer) {
        this.checkpointer = checkpointer;
        this.hook = new Thread(
                () -> {
                    requested = true;
                    try {
                        finished.await(60, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "mollify-interrupt");
    }

    /**
     * Installs the shutdown hook; call {@link #finished()} when the run's outputs are written. Until then an
     * interrupt holds the JVM's exit for up to 60 s while the run writes its last checkpoint and report.
     *
     * @param checkpointer where the last checkpoint goes; null to stop without writing one
     * @return the callback to add to the trainer
     */
    public static Interruption install(Checkpointer checkpointer) {
        Interruption i = new Interruption(checkpointer);
        Runtime.getRuntime().addShutdownHook(i.hook);
        return i;
    }

    /**
     * Whether an interrupt (Ctrl-C or SIGTERM) arrived.
     *
     * @return true once the shutdown hook ran
     */
    public boolean requested() {
        return requested;
    }

    @Override
    public Action onStep(StepInfo info) {
        if (!requested) return Action.CONTINUE;
        if (info.snapshot() != null && checkpointer != null) {
            try {
                checkpointer.write(info.snapshot().get());
            } catch (IOException e) {
                // the previous checkpoint is intact (writes are atomic); say so and stop anyway
                System.err.println("mollify: could not write the final checkpoint (" + e.getMessage()
                        + "); the previous one is intact");
            }
        }
        return Action.stop(REASON);
    }

    /**
     * A callback that stops a run once an interrupt arrived, without writing a checkpoint: for the
     * ensemble members, which are not checkpointed (several may run at once).
     *
     * @return a callback that stops with {@link #REASON} once {@link #requested()} holds
     */
    public Callback stopOnly() {
        return info -> requested ? Action.stop(REASON) : Action.CONTINUE;
    }

    /** The run's outputs are written: let the JVM exit; removes the hook when no interrupt came. */
    public void finished() {
        finished.countDown();
        if (!requested) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // an interrupt is arriving right now; the latch lets it through
            }
        }
    }
}
