package dev.mollify.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pool's bookkeeping, with a fake device of limited memory. */
class DeviceMemoryPoolTest {

    /** Hands out numbered handles while its capacity lasts. */
    static final class FakeDevice implements DeviceMemoryPool.Allocator<Long> {
        final long capacity;
        long used, next;
        final List<Long> freed = new ArrayList<>();
        final java.util.Map<Long, Long> sizes = new java.util.HashMap<>();

        FakeDevice(long capacity) {
            this.capacity = capacity;
        }

        @Override
        public Long allocate(long bytes) {
            if (used + bytes > capacity) return null;
            used += bytes;
            sizes.put(next, bytes);
            return next++;
        }

        @Override
        public void free(Long h) {
            freed.add(h);
            used -= sizes.remove(h);
        }
    }

    @Test
    void sizeClasses() {
        assertEquals(256, DeviceMemoryPool.sizeClass(1));
        assertEquals(256, DeviceMemoryPool.sizeClass(256));
        assertEquals(512, DeviceMemoryPool.sizeClass(257));
        assertEquals(1 << 20, DeviceMemoryPool.sizeClass((1 << 19) + 1));
        assertEquals(3L << 20, DeviceMemoryPool.sizeClass((2L << 20) + 1));
        assertEquals(1L << 27, DeviceMemoryPool.sizeClass(1L << 27), "16.7M doubles fit their class exactly");
    }

    @Test
    void releasedBlocksAreReusedWithoutNewAllocations() {
        FakeDevice dev = new FakeDevice(1 << 30);
        DeviceMemoryPool<Long> pool = new DeviceMemoryPool<>(dev, 1 << 20);
        var a = pool.acquire(1000);
        pool.release(a);
        var b = pool.acquire(900);
        assertSame(a.handle(), b.handle(), "same size class: reused");
        assertEquals(1, pool.allocations());
        assertEquals(1024, pool.liveBytes());
        pool.release(b);
        assertEquals(1024, pool.cachedBytes());
        pool.trim();
        assertEquals(0, pool.cachedBytes());
        assertEquals(List.of(0L), dev.freed);
    }

    @Test
    void fullCacheFreesAndAFullDeviceTrimsThenRetries() {
        FakeDevice dev = new FakeDevice(4096);
        DeviceMemoryPool<Long> pool = new DeviceMemoryPool<>(dev, 2048);
        var a = pool.acquire(2048);
        var b = pool.acquire(1024);
        pool.release(a);
        pool.release(b); // would exceed the 2048-byte cache: freed
        assertEquals(List.of(1L), dev.freed);
        dev.used += 4096 - 2048 - 512; // someone else filled the device but for 512 bytes
        var c = pool.acquire(1024); // fails, trims the cached 2048 block, retries
        assertTrue(dev.freed.contains(0L));
        assertEquals(1024, c.bytes());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> pool.acquire(1 << 20));
        assertTrue(e.getMessage().contains("out of memory"), e.getMessage());
    }
}
