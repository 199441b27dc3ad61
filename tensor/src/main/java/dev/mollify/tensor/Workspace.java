package dev.mollify.tensor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Reuses tensor storage across repeated computations of the same shapes: a training step, a residual
 * evaluation, a benchmark iteration. The explicit counterpart of PyTorch's caching allocator.
 *
 * <p><b>Why.</b> Java zeroes every new array, and a fresh array is cache-cold memory that has to be
 * written twice (zeroed, then filled). For large tensors that doubles the cost of a memory-bound
 * elementwise op: a 4 MB {@code mul3} takes ~0.52 ms into a fresh array and ~0.22–0.35 ms into a
 * reused one (this machine). A nested 4th-order derivative of a PINN on 10,000 points allocates
 * 821 MB of such arrays per evaluation (jmh/README.md).
 *
 * <p><b>Use.</b>
 * <pre>
 *   Workspace ws = new Workspace();                 // keep it across iterations
 *   for (...) {
 *       try (Workspace.Scope s = ws.enter()) {      // on this thread, until closed
 *           Tensor u = ...;                         // ops draw storage from ws
 *           result = s.keep(loss);                  // what must outlive the scope
 *       }                                           // everything else goes back to ws
 *   }
 * </pre>
 * While a scope is open on a thread, the ops whose kernels write every element of their output
 * (elementwise, fused products, matmul, dtype copies; in other modules the mollifier convolution and
 * boundary padding, through {@link RawStorage#uninitializedF64}) take an array of the right length from the
 * workspace if one is free, else allocate one; the array is not cleared. Closing the scope returns every
 * array taken in it, except those of {@link Scope#keep kept} tensors, for the next scope to reuse.
 * Tensors made inside a scope must not be used after it closes (their storage now belongs to the
 * workspace); {@link #setPoisonOnRecycle} fills returned arrays with NaN so that such a use shows
 * instead of silently reading another iteration's numbers. A workspace holds on to the storage of its
 * largest scope (the peak of one iteration) until {@link #clear()}. Not thread-safe: one workspace per
 * thread; kernels that split work across cores do not allocate, so they are unaffected.
 */
public final class Workspace {
    private static final ThreadLocal<Scope> CURRENT = new ThreadLocal<>();
    private static volatile boolean poison = Boolean.getBoolean("mollify.workspace.poison");

    private final Map<Integer, ArrayDeque<double[]>> freeF64 = new HashMap<>();
    private final Map<Integer, ArrayDeque<float[]>> freeF32 = new HashMap<>();
    private long freeBytes;

    /** Opens a scope on the calling thread: until it is closed, storage comes from this workspace. */
    public Scope enter() {
        Scope s = new Scope(this, CURRENT.get());
        CURRENT.set(s);
        return s;
    }

    /** Bytes held for reuse (arrays returned by closed scopes and not yet taken again). */
    public long freeBytes() {
        return freeBytes;
    }

    /** Drops every held array (the garbage collector reclaims them). */
    public void clear() {
        freeF64.clear();
        freeF32.clear();
        freeBytes = 0;
    }

    /**
     * When on, arrays returned by a closing scope are filled with NaN (costs one pass over them): a
     * debugging aid that makes a tensor used after its scope closed read NaN. Off by default;
     * {@code -Dmollify.workspace.poison=true} turns it on from the start. Returns the previous setting.
     */
    public static boolean setPoisonOnRecycle(boolean on) {
        boolean previous = poison;
        poison = on;
        return previous;
    }

    /**
     * An uncleared F64 array of length n: from the open scope's workspace when there is one. A fresh
     * array is counted by {@link MemoryStats} when {@code count} (a reused one never is: it was counted
     * when it was first made).
     */
    static double[] takeF64(int n, boolean count) {
        Scope s = CURRENT.get();
        if (s == null || n == 0) return count ? MemoryStats.allocF64(n) : new double[n];
        ArrayDeque<double[]> q = s.owner.freeF64.get(n);
        double[] a = q == null ? null : q.pollLast();
        if (a == null) a = count ? MemoryStats.allocF64(n) : new double[n];
        else s.owner.freeBytes -= 8L * n;
        s.taken.add(a);
        return a;
    }

    /** The F32 twin of {@link #takeF64}. */
    static float[] takeF32(int n, boolean count) {
        Scope s = CURRENT.get();
        if (s == null || n == 0) return count ? MemoryStats.allocF32(n) : new float[n];
        ArrayDeque<float[]> q = s.owner.freeF32.get(n);
        float[] a = q == null ? null : q.pollLast();
        if (a == null) a = count ? MemoryStats.allocF32(n) : new float[n];
        else s.owner.freeBytes -= 4L * n;
        s.taken.add(a);
        return a;
    }

    /** A scope of a {@link Workspace} on one thread; scopes nest (the inner one is closed first). */
    public static final class Scope implements AutoCloseable {
        private final Workspace owner;
        private final Scope outer;
        private final Thread thread = Thread.currentThread();
        private final ArrayList<Object> taken = new ArrayList<>();
        private boolean closed;

        private Scope(Workspace owner, Scope outer) {
            this.owner = owner;
            this.outer = outer;
        }

        /**
         * Lets {@code t}'s storage outlive this scope (it becomes an ordinary array again); returns
         * {@code t}. A view keeps the whole array it looks into.
         */
        public Tensor keep(Tensor t) {
            Object storage = t.d != null ? t.d : t.f;
            for (int i = taken.size() - 1; i >= 0; i--) {
                if (taken.get(i) == storage) {
                    taken.remove(i);
                    break;
                }
            }
            return t;
        }

        /** Returns every array taken in this scope (except kept ones) to the workspace. */
        @Override
        public void close() {
            if (closed) return;
            if (Thread.currentThread() != thread) {
                throw new IllegalStateException("a workspace scope must be closed on the thread that opened it (" + thread.getName() + ")");
            }
            if (CURRENT.get() != this) {
                throw new IllegalStateException("workspace scopes must be closed innermost first; an inner scope is still open");
            }
            closed = true;
            CURRENT.set(outer);
            boolean fill = poison;
            for (Object a : taken) {
                if (a instanceof double[]) {
                    double[] d = (double[]) a;
                    if (fill) Arrays.fill(d, Double.NaN);
                    owner.freeF64.computeIfAbsent(d.length, k -> new ArrayDeque<>()).addLast(d);
                    owner.freeBytes += 8L * d.length;
                } else {
                    float[] f = (float[]) a;
                    if (fill) Arrays.fill(f, Float.NaN);
                    owner.freeF32.computeIfAbsent(f.length, k -> new ArrayDeque<>()).addLast(f);
                    owner.freeBytes += 4L * f.length;
                }
            }
            taken.clear();
        }
    }
}
