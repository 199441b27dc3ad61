package dev.mollify.tensor.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/**
 * {@link Parallel#invoke} on {@link WorkerPool}'s spinning workers: every part runs exactly once, part 0
 * on the caller and the others on workers (or on the caller, when it finds one no worker has started);
 * exceptions reach the caller only after every part has ended;
 * nested calls and calls from several threads at once (which fall back to the common pool) neither
 * deadlock nor lose a part.
 */
class WorkerPoolTest {

    @Test
    void everyPartRunsOnceAndPartZeroOnTheCaller() {
        boolean workerSeen = false;
        for (int n = 1; n <= 6; n++) {
            int parts = n;
            for (int rep = 0; rep < 200; rep++) {
                AtomicIntegerArray runs = new AtomicIntegerArray(parts);
                Thread caller = Thread.currentThread();
                Thread[] who = new Thread[parts];
                Parallel.invoke(parts, t -> {
                    runs.incrementAndGet(t);
                    who[t] = Thread.currentThread();
                    if (t == 0 && parts > 1) sleepNanos(200_000); // gives the workers time to claim their parts
                });
                for (int t = 0; t < parts; t++) assertEquals(1, runs.get(t), "part " + t + " of " + parts);
                assertSame(caller, who[0]);
                for (int t = 1; t < parts; t++) {
                    // a part runs on its worker, or on the caller when no worker had started it
                    assertTrue(who[t] == caller || who[t].getName().startsWith("mollify-worker-"), who[t].getName());
                    workerSeen |= who[t] != caller;
                }
            }
        }
        assertTrue(workerSeen, "the workers ran some parts");
    }

    @Test
    void aFailingPartIsRethrownAfterTheOthersEndAndThePoolStillWorks() {
        for (int failing = 0; failing < 3; failing++) {
            int bad = failing;
            AtomicInteger ended = new AtomicInteger();
            IllegalStateException e = assertThrows(
                    IllegalStateException.class,
                    () -> Parallel.invoke(3, t -> {
                        if (t == bad) throw new IllegalStateException("part " + t);
                        sleep(20);
                        ended.incrementAndGet();
                    }));
            assertEquals("part " + bad, e.getMessage());
            assertEquals(2, ended.get(), "the other parts had ended when the exception arrived");
        }
        AtomicInteger sum = new AtomicInteger();
        Parallel.invoke(3, sum::addAndGet);
        assertEquals(3, sum.get());
    }

    @Test
    void nestedAndConcurrentCallsNeitherDeadlockNorLoseParts() throws Exception {
        AtomicInteger inner = new AtomicInteger();
        Parallel.invoke(2, t -> Parallel.invoke(3, u -> inner.incrementAndGet()));
        assertEquals(6, inner.get());

        List<Thread> threads = new ArrayList<>();
        ConcurrentHashMap<String, Integer> totals = new ConcurrentHashMap<>();
        List<Throwable> errors = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int c = 0; c < 4; c++) {
            String name = "caller-" + c;
            Thread th = new Thread(() -> {
                try {
                    for (int rep = 0; rep < 500; rep++) {
                        AtomicInteger n = new AtomicInteger();
                        Parallel.invoke(2, t -> n.incrementAndGet());
                        totals.merge(name, n.get(), Integer::sum);
                    }
                } catch (Throwable e) {
                    errors.add(e);
                }
            });
            threads.add(th);
            th.start();
        }
        for (Thread th : threads) th.join(60_000);
        assertTrue(errors.isEmpty(), errors.toString());
        for (int c = 0; c < 4; c++) assertEquals(1000, totals.get("caller-" + c));
    }

    private static void sleepNanos(long ns) {
        long end = System.nanoTime() + ns;
        while (System.nanoTime() < end) Thread.onSpinWait();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
