package dev.mollify.jmh;

import dev.mollify.autograd.Var;
import dev.mollify.tensor.MemoryStats;
import dev.mollify.tensor.Tensor;
import dev.mollify.tensor.Workspace;

/**
 * Tensor memory per evaluation of {@link TanhMlp#derivatives} (not a JMH benchmark: memory is counted,
 * not timed). Prints, per (points, order): bytes of tensor storage allocated, and bytes still held
 * when the last derivative is computed (the graph is alive then, so this is a lower bound on the
 * peak; allocated is an upper bound). Then the same in a {@link Workspace} kept across evaluations (the
 * benchmark's {@code storage=workspace}): bytes allocated by a later evaluation (only its kept outputs)
 * and bytes the workspace holds between evaluations (the peak of one).
 *
 * <p>Run: {@code java --add-modules jdk.incubator.vector -cp jmh/target/benchmarks.jar dev.mollify.jmh.MemoryProbe}
 */
public final class MemoryProbe {
    private MemoryProbe() {}

    public static void main(String[] args) {
        MemoryStats.trackLive(true);
        TanhMlp net = TanhMlp.pinn(42);
        System.out.printf("%8s %6s %16s %16s%n", "points", "order", "allocated MB", "held at end MB");
        for (int points : new int[] {1000, 10000}) {
            Tensor[] p = TanhMlp.points(points, 7);
            for (int order = 1; order <= 4; order++) {
                net.derivatives(p[0], p[1], order); // warm up
                long base = MemoryStats.liveBytesAfterGc();
                MemoryStats.resetAllocated();
                Var[] d = net.derivatives(p[0], p[1], order);
                long allocated = MemoryStats.allocatedBytes();
                long held = MemoryStats.liveBytesAfterGc() - base;
                System.out.printf("%8d %6d %16.1f %16.1f%n", points, order, allocated / 1e6, held / 1e6);
                if (d[order].value().numel() != points) throw new AssertionError();
            }
        }
        System.out.printf(
                "%nin a workspace kept across evaluations:%n%8s %6s %24s %20s%n",
                "points", "order", "allocated per later eval MB", "workspace holds MB");
        for (int points : new int[] {1000, 10000}) {
            Tensor[] p = TanhMlp.points(points, 7);
            for (int order = 1; order <= 4; order++) {
                Workspace ws = new Workspace();
                long allocated = 0;
                for (int it = 0; it < 3; it++) {
                    MemoryStats.resetAllocated();
                    try (Workspace.Scope s = ws.enter()) {
                        for (Var v : net.derivatives(p[0], p[1], order)) s.keep(v.value());
                    }
                    allocated = MemoryStats.allocatedBytes();
                }
                System.out.printf("%8d %6d %24.2f %20.1f%n", points, order, allocated / 1e6, ws.freeBytes() / 1e6);
            }
        }
    }
}
