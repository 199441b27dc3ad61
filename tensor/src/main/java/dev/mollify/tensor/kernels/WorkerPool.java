package dev.mollify.tensor.kernels;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * The threads behind {@link Parallel}: daemon workers that, after finishing a part, <em>spin</em> for a
 * while ({@code -Dmollify.spinMicros}, default {@value #DEFAULT_SPIN_MICROS} µs) waiting for the next one
 * before they park, as OpenMP runtimes do.
 *
 * <p>Why not the common {@code ForkJoinPool}: its idle worker parks at once, and waking a parked thread
 * takes about 30 µs on a 2-core VM. Kernel calls of 20–100 µs (a convolution's forward and backward at
 * (16, 1000, 51)) then gain nothing from a second core, or lose time (measured: two 23 µs halves take
 * 51 µs through {@code ForkJoinTask.invokeAll}, against 46 µs one after the other). A
 * spinning worker picks a part up in well under a microsecond, and kernel calls in a training step come
 * a few microseconds apart, so the workers stay awake through a step and park once it is over.
 *
 * <p>Each part is <em>claimed</em> before it runs: when the caller has finished its own part it runs any
 * part that no worker has started yet (a parked worker still waking up, or a core busy with JIT or GC
 * threads), so a call never waits for a worker that has not begun.
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
     * Runs {@code part.accept(t)} for every t in [0, parts), part 0 here and the others on workers (or
     * here, when no worker has started them), and returns when all have ended; false (nothing run) when
     * the workers are taken or this is a worker.
     */
    boolean tryInvoke(int parts, IntConsumer part) {
        if (Thread.currentThread() instanceof Worker || !owned.compareAndSet(false, true)) return false;
        try {
            Worker[] ws = workers(parts - 1);
            Job job = new Job(part, parts);
            for (int t = 1; t < parts; t++) ws[t - 1].submit(job);
            job.runIfUnclaimed(0);
            for (int t = parts - 1; t >= 1; t--) job.runIfUnclaimed(t); // parts no worker has started
            job.await();
            Throwable failure = job.failure.get();
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
            grown[i] = new Worker("mollify-worker-" + (i + 1), i + 1);
            grown[i].start();
        }
        workers = grown;
        return grown;
    }

    /** One call's parts: what to run, which parts are claimed, how many are still running, the first failure. */
    private static final class Job {
        final IntConsumer part;
        final AtomicIntegerArray claimed;
        final AtomicInteger remaining;
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        volatile Thread waiter;

        Job(IntConsumer part, int parts) {
            this.part = part;
            this.claimed = new AtomicIntegerArray(parts);
            this.remaining = new AtomicInteger(parts);
        }

        /** Runs part t unless another thread has claimed it; counts it as ended either way it ran. */
        void runIfUnclaimed(int t) {
            if (!claimed.compareAndSet(t, 0, 1)) return;
            try {
                part.accept(t);
            } catch (Throwable e) {
                failure.compareAndSet(null, e);
            }
            if (remaining.decrementAndGet() == 0) {
                Thread w = waiter;
                if (w != null) LockSupport.unpark(w);
            }
        }

        /** Spins, then parks, until every part has ended. */
        void await() {
            long deadline = System.nanoTime() + SPIN_NANOS;
            while (remaining.get() > 0) {
                if (System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                    continue;
                }
                // waiter is written before remaining is read again, runIfUnclaimed decrements before reading
                // waiter: one of the two sees the other, so the last part's end is never missed
                waiter = Thread.currentThread();
                while (remaining.get() > 0) LockSupport.park(this);
            }
        }
    }

    /** A daemon thread that runs part {@code index} of each job it is handed, spinning between jobs before it parks. */
    private static final class Worker extends Thread {
        private final AtomicReference<Job> slot = new AtomicReference<>();
        private final int index;
        private volatile boolean parked;

        Worker(String name, int index) {
            super(name);
            this.index = index;
            setDaemon(true);
        }

        void submit(Job j) {
            slot.set(j);
            if (parked) LockSupport.unpark(this);
        }

        @Override
        public void run() {
            while (true) {
                Job j = next();
                j.runIfUnclaimed(index);
                // only this job: the owner may already have handed over the next one (when it ran this part itself)
                slot.compareAndSet(j, null);
            }
        }

        private Job next() {
            long deadline = System.nanoTime() + SPIN_NANOS;
            while (true) {
                Job j = slot.get();
                if (j != null) return j;
                if (System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                    continue;
                }
                // parked is written before the slot is read again, submit() writes the slot before reading
                // parked: either this sees the job or submit sees parked and unparks
                parked = true;
                if (slot.get() == null) LockSupport.park(this);
                parked = false;
                Thread.interrupted(); // nothing interrupts a worker on purpose; a stray interrupt must not turn park
                // into a busy loop
                deadline = System.nanoTime() + SPIN_NANOS;
            }
        }
    }
}
