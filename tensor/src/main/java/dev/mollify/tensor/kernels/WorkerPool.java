package dev.mollify.tensor.kernels;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * The threads behind {@link Parallel}: daemon workers that, after finishing a part, <em>spin</em> for a
 * while ({@code -Dmollify.spinMicros}, default {@value #DEFAULT_SPIN_MICROS} µs) waiting for the next one
 * before they park, as OpenMP runtimes do.
 *
 * <p>Why not the common {@code ForkJoinPool}: its idle worker parks at once, and waking a parked thread
 * took about 30 µs on this project's 2-core VM. Kernel calls of 20–100 µs (a convolution's forward and
 * backward at (16, 1000, 51)) then gained nothing from a second core, or lost time (measured: two 23 µs
 * halves took 51 µs through {@code ForkJoinTask.invokeAll}, against 46 µs one after the other). A
 * spinning worker picks a part up in well under a microsecond, and kernel calls in a training step come
 * a few microseconds apart, so the workers stay awake through a step and park once it is over.
 *
 * <p>One call at a time owns the workers ({@link #tryInvoke} returns false while another thread's call
 * runs, or when called from a worker itself; the caller then runs its parts another way). Part 0 runs
 * on the calling thread; the first exception of any part is rethrown there once every part has ended.
 */
final class WorkerPool {
    static final long DEFAULT_SPIN_MICROS = 200;
    private static final long SPIN_NANOS = Math.max(0, Long.getLong("mollify.spinMicros", DEFAULT_SPIN_MICROS)) * 1000;

    static final WorkerPool INSTANCE = new WorkerPool();

    private final AtomicBoolean owned = new AtomicBoolean();
    private volatile Worker[] workers = new Worker[0];

    private WorkerPool() {}

    /**
     * Runs {@code part.accept(t)} for every t in [0, parts), part 0 here and the others on workers, and
     * returns when all have ended; false (nothing run) when the workers are taken or this is a worker.
     */
    boolean tryInvoke(int parts, IntConsumer part) {
        if (Thread.currentThread() instanceof Worker || !owned.compareAndSet(false, true)) return false;
        try {
            Worker[] ws = workers(parts - 1);
            Job job = new Job(part, parts - 1);
            for (int t = 1; t < parts; t++) ws[t - 1].submit(job, t);
            Throwable failure = null;
            try {
                part.accept(0);
            } catch (Throwable e) {
                failure = e;
            }
            job.await();
            if (failure == null) failure = job.failure;
            if (failure instanceof RuntimeException) throw (RuntimeException) failure;
            if (failure instanceof Error) throw (Error) failure;
            if (failure != null) throw new IllegalStateException(failure);
            return true;
        } finally {
            owned.set(false);
        }
    }

    /** At least n workers (started on first need; only the owner of the pool calls this). */
    private Worker[] workers(int n) {
        Worker[] ws = workers;
        if (ws.length >= n) return ws;
        Worker[] grown = java.util.Arrays.copyOf(ws, n);
        for (int i = ws.length; i < n; i++) {
            grown[i] = new Worker("mollify-worker-" + (i + 1));
            grown[i].start();
        }
        workers = grown;
        return grown;
    }

    /** One call's parts: what to run, how many are still running on workers, the first failure. */
    private static final class Job {
        final IntConsumer part;
        final AtomicInteger remaining;
        volatile Throwable failure;
        volatile Thread waiter;

        Job(IntConsumer part, int onWorkers) {
            this.part = part;
            this.remaining = new AtomicInteger(onWorkers);
        }

        void done(Throwable t) {
            if (t != null && failure == null) failure = t;
            if (remaining.decrementAndGet() == 0) {
                Thread w = waiter;
                if (w != null) LockSupport.unpark(w);
            }
        }

        /** Spins, then parks, until every worker's part has ended. */
        void await() {
            long deadline = System.nanoTime() + SPIN_NANOS;
            while (remaining.get() > 0) {
                if (System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                    continue;
                }
                // waiter is written before remaining is read again, done() decrements before reading waiter:
                // one of the two sees the other, so the last part's end is never missed
                waiter = Thread.currentThread();
                while (remaining.get() > 0) LockSupport.park(this);
            }
        }
    }

    /** A daemon thread that runs one part at a time, spinning between parts before it parks. */
    private static final class Worker extends Thread {
        private volatile Job job;
        private volatile boolean parked;
        private int index;

        Worker(String name) {
            super(name);
            setDaemon(true);
        }

        void submit(Job j, int partIndex) {
            index = partIndex;  // published by the volatile write of job
            job = j;
            if (parked) LockSupport.unpark(this);
        }

        @Override
        public void run() {
            while (true) {
                Job j = next();
                Throwable failure = null;
                try {
                    j.part.accept(index);
                } catch (Throwable e) {
                    failure = e;
                }
                job = null; // before done(): the owner may submit again as soon as done() has counted down
                j.done(failure);
            }
        }

        private Job next() {
            long deadline = System.nanoTime() + SPIN_NANOS;
            while (true) {
                Job j = job;
                if (j != null) return j;
                if (System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                    continue;
                }
                // parked is written before job is read again, submit() writes job before reading parked:
                // either this sees the job or submit sees parked and unparks
                parked = true;
                if (job == null) LockSupport.park(this);
                parked = false;
                Thread.interrupted(); // nothing interrupts a worker on purpose; a stray interrupt must not turn park into a busy loop
                deadline = System.nanoTime() + SPIN_NANOS;
            }
        }
    }
}
