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

    public DType dtype() {
        return dtype;
    }

    public long length() {
        return length;
    }

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

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        context.release(block);
    }
}
