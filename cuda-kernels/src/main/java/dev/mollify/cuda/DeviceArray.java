package dev.mollify.cuda;

import dev.mollify.tensor.DType;
import jcuda.driver.CUdeviceptr;

/**
 * {@code length} values of type {@code dtype} in device memory, from the context's pool; close it to
 * return the memory. Row-major like the host arrays it mirrors.
 */
public final class DeviceArray implements AutoCloseable {
    private final CudaContext context;
    private final DeviceMemoryPool.Block<CUdeviceptr> block;
    private final DType dtype;
    private final long length;
    private boolean closed;

    DeviceArray(CudaContext context, DeviceMemoryPool.Block<CUdeviceptr> block, DType dtype, long length) {
        this.context = context;
        this.block = block;
        this.dtype = dtype;
        this.length = length;
    }

    /**
     * The element type.
     *
     * @return F32 or F64
     */
    public DType dtype() {
        return dtype;
    }

    /**
     * The number of values.
     *
     * @return the length asked for at allocation, ≥ 1 (the block behind it may be larger)
     */
    public long length() {
        return length;
    }

    /**
     * The size of the values in bytes.
     *
     * @return length × 4 (F32) or × 8 (F64)
     */
    public long bytes() {
        return length * dtype.bytes();
    }

    CudaContext context() {
        return context;
    }

    CUdeviceptr pointer() {
        if (closed) throw new IllegalStateException("device array used after close()");
        return block.handle();
    }

    /** Returns the memory to the context's pool; a second call does nothing, later use throws. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        context.release(block);
    }
}
