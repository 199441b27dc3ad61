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
 * boundary padding, through {@link dev.mollify.tensor.internal.RawStorage#uninitializedF64}) take an array of the right length from the
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

    /** An empty workspace: it holds no storage until a scope it {@link #enter() entered} gives arrays back. */
    public Workspace() {}

    /** Held arrays by {@link #key}: element type and length. */
    private final Map<Long, ArrayDeque<Object>> free = new HashMap<>();

    private long freeBytes;

    /**
     * Opens a scope on the calling thread: until it is closed, storage comes from this workspace.
     *
     * @return the open scope, nested inside any scope already open on this thread; close it (e.g.
     *     with try-with-resources) on the same thread to hand its arrays back
     */
    public Scope enter() {
        Scope s = new Scope(this, CURRENT.get());
        CURRENT.set(s);
        return s;
    }

    /**
     * Bytes held for reuse (arrays returned by closed scopes and not yet taken again).
     *
     * @return the sum of length × {@link DType#bytes()} over the held arrays
     */
    public long freeBytes() {
        return freeBytes;
    }

    /** Drops every held array (the garbage collector reclaims them). */
    public void clear() {
        free.clear();
        freeBytes = 0;
    }

    /**
     * When on, arrays returned by a closing scope are filled with NaN (costs one pass over them): a
     * debugging aid that makes a tensor used after its scope closed read NaN. Off by default;
     * {@code -Dmollify.workspace.poison=true} turns it on from the start. The setting is JVM-wide.
     *
     * @param on true to fill recycled arrays with NaN, false to recycle them as they are
     * @return the setting before this call, so that a caller can restore it
     */
    public static boolean setPoisonOnRecycle(boolean on) {
        boolean previous = poison;
        poison = on;
        return previous;
    }

    /**
     * An uncleared F64 array of length n: from the open scope's workspace when there is one. A fresh
     * array is counted by {@link MemoryStats}; a reused one is not (it was counted when it was made).
     */
    static double[] takeF64(int n) {
        Object a = reuse(n, false);
        return a != null ? (double[]) a : taken(MemoryStats.allocF64(n));
    }

    /** The F32 twin of {@link #takeF64}. */
    static float[] takeF32(int n) {
        Object a = reuse(n, true);
        return a != null ? (float[]) a : taken(MemoryStats.allocF32(n));
    }

    private static long key(int length, boolean f32) {
        return 2L * length + (f32 ? 1 : 0);
    }

    private static long bytes(int length, boolean f32) {
        return (f32 ? 4L : 8L) * length;
    }

    /** A held array of the kind and length, now taken by the open scope; null when there is none. */
    private static Object reuse(int n, boolean f32) {
        Scope s = CURRENT.get();
        if (s == null) return null;
        ArrayDeque<Object> q = s.owner.free.get(key(n, f32));
        Object a = q == null ? null : q.pollLast();
        if (a == null) return null;
        s.owner.freeBytes -= bytes(n, f32);
        s.taken.add(a);
        return a;
    }

    /** Records a fresh array as taken by the open scope, if there is one. */
    private static <A> A taken(A array) {
        Scope s = CURRENT.get();
        if (s != null) s.taken.add(array);
        return array;
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
         *
         * @param t a tensor made in this scope (a tensor made elsewhere is returned unchanged)
         * @return {@code t} itself, valid after the scope closes
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
                throw new IllegalStateException(
                        "a workspace scope must be closed on the thread that opened it (" + thread.getName() + ")");
            }
            if (CURRENT.get() != this) {
                throw new IllegalStateException(
                        "workspace scopes must be closed innermost first; an inner scope is still open");
            }
            closed = true;
            CURRENT.set(outer);
            boolean fill = poison;
            for (Object a : taken) {
                boolean f32 = a instanceof float[];
                int length = f32 ? ((float[]) a).length : ((double[]) a).length;
                if (fill && f32) Arrays.fill((float[]) a, Float.NaN);
                if (fill && !f32) Arrays.fill((double[]) a, Double.NaN);
                owner.free
                        .computeIfAbsent(key(length, f32), k -> new ArrayDeque<>())
                        .addLast(a);
                owner.freeBytes += bytes(length, f32);
            }
            taken.clear();
        }
    }
}
