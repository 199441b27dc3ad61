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

    /**
     * Allocates and frees device memory.
     *
     * @param <H> the handle type (a device pointer)
     */
    public interface Allocator<H> {
        /**
         * A new allocation.
         *
         * @param bytes the size in bytes (a size class)
         * @return the handle, or null when the device is out of memory (the pool then trims and retries once)
         */
        H allocate(long bytes);

        /**
         * Frees an allocation made by {@link #allocate}.
         *
         * @param handle the allocation's handle
         */
        void free(H handle);
    }

    /**
     * A block handed out by the pool.
     *
     * @param <H> the handle type
     * @param handle the allocation's handle
     * @param bytes its size class in bytes, at least the size requested
     */
    public record Block<H>(H handle, long bytes) {}

    private static final long MIB = 1L << 20;

    private final Allocator<H> allocator;
    private final long maxCachedBytes;
    private final Map<Long, ArrayDeque<H>> free = new HashMap<>();
    private long cachedBytes, liveBytes, allocations;

    /**
     * An empty pool.
     *
     * @param allocator the device's allocate and free
     * @param maxCachedBytes the most bytes kept in the free lists, ≥ 0 (0 frees every released block)
     * @throws IllegalArgumentException when maxCachedBytes &lt; 0
     */
    public DeviceMemoryPool(Allocator<H> allocator, long maxCachedBytes) {
        if (maxCachedBytes < 0)
            throw new IllegalArgumentException("maxCachedBytes must be >= 0, got " + maxCachedBytes);
        this.allocator = allocator;
        this.maxCachedBytes = maxCachedBytes;
    }

    /**
     * The size class serving a request.
     *
     * @param bytes the bytes requested, ≥ 0
     * @return 256 up to 256 bytes, the next power of two up to 1 MiB, then the next multiple of 1 MiB
     * @throws IllegalArgumentException when bytes &lt; 0
     */
    public static long sizeClass(long bytes) {
        if (bytes < 0) throw new IllegalArgumentException("negative allocation size " + bytes);
        if (bytes <= 256) return 256;
        if (bytes <= MIB) return Long.highestOneBit(bytes - 1) << 1;
        return (bytes + MIB - 1) / MIB * MIB;
    }

    /**
     * A block of at least {@code bytes}: a cached one of the same size class, else a new allocation
     * (after freeing the cache once if the device is full).
     *
     * @param bytes the bytes requested, ≥ 0
     * @return the block, {@link #sizeClass(long)} bytes long
     * @throws IllegalArgumentException when bytes &lt; 0
     * @throws IllegalStateException when the device stays out of memory after the cache is freed
     */
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

    /**
     * Returns a block for reuse, or frees it when caching it would pass {@code maxCachedBytes}.
     *
     * @param block a block from {@link #acquire}, released once
     */
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

    /**
     * The memory held in the free lists.
     *
     * @return cached bytes, at most {@code maxCachedBytes}
     */
    public long cachedBytes() {
        return cachedBytes;
    }

    /**
     * The memory handed out and not yet released.
     *
     * @return live bytes, counted by size class
     */
    public long liveBytes() {
        return liveBytes;
    }

    /**
     * The number of allocator calls that succeeded (pool misses).
     *
     * @return the count since the pool was made
     */
    public long allocations() {
        return allocations;
    }
}
