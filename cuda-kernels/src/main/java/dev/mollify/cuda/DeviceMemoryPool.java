package dev.mollify.cuda;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Reuses device allocations: a released block goes to a free list of its size class and serves the
 * next request of that class, so a training loop allocates on its first step only. Size classes are
 * powers of two from 256 bytes to 1 MiB, then multiples of 1 MiB. At most {@code maxCachedBytes} stay
 * cached; when the device is full the cache is freed and the allocation retried once. Generic in the
 * handle type so the bookkeeping is tested without a GPU. Not thread-safe: callers hold the context lock.
 *
 * @param <H> the allocator's handle (a device pointer)
 */
public final class DeviceMemoryPool<H> {

    /** Allocates and frees device memory. */
    public interface Allocator<H> {
        /** A new allocation of {@code bytes}, or null when the device is out of memory. */
        H allocate(long bytes);

        void free(H handle);
    }

    /** An allocation of {@code bytes} (its size class). */
    public record Block<H>(H handle, long bytes) {}

    private static final long MIB = 1L << 20;

    private final Allocator<H> allocator;
    private final long maxCachedBytes;
    private final Map<Long, ArrayDeque<H>> free = new HashMap<>();
    private long cachedBytes, liveBytes, allocations;

    public DeviceMemoryPool(Allocator<H> allocator, long maxCachedBytes) {
        if (maxCachedBytes < 0)
            throw new IllegalArgumentException("maxCachedBytes must be >= 0, got " + maxCachedBytes);
        this.allocator = allocator;
        this.maxCachedBytes = maxCachedBytes;
    }

    /** The size class serving a request of {@code bytes}. */
    public static long sizeClass(long bytes) {
        if (bytes < 0) throw new IllegalArgumentException("negative allocation size " + bytes);
        if (bytes <= 256) return 256;
        if (bytes <= MIB) return Long.highestOneBit(bytes - 1) << 1;
        return (bytes + MIB - 1) / MIB * MIB;
    }

    /** A block of at least {@code bytes}. */
    public Block<H> acquire(long bytes) {
        long size = sizeClass(bytes);
        ArrayDeque<H> list = free.get(size);
        H h = list == null ? null : list.poll();
        if (h != null) {
            cachedBytes -= size;
        } else {
            h = allocator.allocate(size);
            if (h == null) {
                trim();
                h = allocator.allocate(size);
            }
            if (h == null) {
                throw new IllegalStateException(
                        "the GPU is out of memory: " + size + " bytes requested with " + liveBytes
                                + " bytes in use by Mollify; use smaller batches or the CPU backend (-Dmollify.cuda=off)");
            }
            allocations++;
        }
        liveBytes += size;
        return new Block<>(h, size);
    }

    /** Returns a block for reuse (or frees it when the cache is full). */
    public void release(Block<H> block) {
        liveBytes -= block.bytes();
        if (cachedBytes + block.bytes() > maxCachedBytes) {
            allocator.free(block.handle());
            return;
        }
        free.computeIfAbsent(block.bytes(), k -> new ArrayDeque<>()).push(block.handle());
        cachedBytes += block.bytes();
    }

    /** Frees every cached block. */
    public void trim() {
        for (ArrayDeque<H> list : free.values()) {
            for (H h : list) allocator.free(h);
            list.clear();
        }
        cachedBytes = 0;
    }

    public long cachedBytes() {
        return cachedBytes;
    }

    public long liveBytes() {
        return liveBytes;
    }

    /** Calls to the allocator that succeeded (pool misses). */
    public long allocations() {
        return allocations;
    }
}
