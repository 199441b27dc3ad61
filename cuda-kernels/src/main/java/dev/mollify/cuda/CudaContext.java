package dev.mollify.cuda;

import dev.mollify.tensor.DType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import jcuda.Pointer;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdevice_attribute;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUevent;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;
import jcuda.driver.CUresult;
import jcuda.driver.CUstream;
import jcuda.driver.JCudaDriver;

/**
 * The one place that talks to the CUDA driver (JCuda 12.0.0, driver API only): device 0's primary
 * context, the PTX modules loaded with {@code cuModuleLoadData}, the memory pool, copies and launches.
 * Every driver call's result is checked and a failure becomes a {@link CudaCallException} naming the
 * CUDA error; JCuda's own exceptions stay off. All work is serialised on one lock and the null stream.
 *
 * <p>{@link #get()} opens it once per JVM; when that fails (no JCuda, no native library, no driver,
 * no device, PTX the driver rejects) {@link #unavailableReason()} says why and nothing else changes.
 */
public final class CudaContext {
    /** {@code -Dmollify.cuda.poolBytes}: device memory kept cached for reuse (default 1 GiB). */
    public static final String POOL_PROPERTY = "mollify.cuda.poolBytes";

    private static final Object OPEN_LOCK = new Object();
    private static volatile CudaContext instance;
    private static volatile String failure;

    private final CUcontext context = new CUcontext();
    private final CUdevice device = new CUdevice();
    private final Map<String, CUfunction> functions = new HashMap<>();
    private final DeviceMemoryPool<CUdeviceptr> pool;
    private final String description;

    private CudaContext() {
        JCudaDriver.setExceptionsEnabled(false);
        check(JCudaDriver.cuInit(0), "cuInit");
        int[] count = {0};
        check(JCudaDriver.cuDeviceGetCount(count), "cuDeviceGetCount");
        if (count[0] == 0)
            throw new CudaCallException("cuDeviceGetCount", CUresult.CUDA_ERROR_NO_DEVICE, "CUDA_ERROR_NO_DEVICE");
        check(JCudaDriver.cuDeviceGet(device, 0), "cuDeviceGet(0)");
        check(JCudaDriver.cuDevicePrimaryCtxRetain(context, device), "cuDevicePrimaryCtxRetain");
        check(JCudaDriver.cuCtxSetCurrent(context), "cuCtxSetCurrent");
        for (String module : Kernel.MODULES) {
            CUmodule m = new CUmodule();
            check(JCudaDriver.cuModuleLoadData(m, ptx(module)), "cuModuleLoadData(" + module + ".ptx)");
            for (Kernel k : Kernel.values()) {
                if (!k.module().equals(module)) continue;
                for (DType t : k.typed() ? new DType[] {DType.F32, DType.F64} : new DType[] {DType.F64}) {
                    CUfunction f = new CUfunction();
                    check(
                            JCudaDriver.cuModuleGetFunction(f, m, k.symbol(t)),
                            "cuModuleGetFunction(" + k.symbol(t) + ")");
                    functions.put(k.symbol(t), f);
                }
            }
        }
        byte[] name = new byte[256];
        check(JCudaDriver.cuDeviceGetName(name, name.length, device), "cuDeviceGetName");
        long[] mem = {0};
        check(JCudaDriver.cuDeviceTotalMem(mem, device), "cuDeviceTotalMem");
        int[] shared = {0}, driver = {0};
        check(
                JCudaDriver.cuDeviceGetAttribute(
                        shared, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MAX_SHARED_MEMORY_PER_BLOCK, device),
                "cuDeviceGetAttribute");
        check(JCudaDriver.cuDriverGetVersion(driver), "cuDriverGetVersion");
        if (shared[0] < LaunchGeometry.SHARED_LIMIT) {
            throw new IllegalStateException("the GPU offers " + shared[0]
                    + " bytes of shared memory per block; the kernels need " + LaunchGeometry.SHARED_LIMIT);
        }
        String n = new String(name, StandardCharsets.US_ASCII);
        description = n.substring(0, Math.max(0, n.indexOf(0) < 0 ? n.length() : n.indexOf(0))) + ", " + (mem[0] >> 20)
                + " MiB, driver API " + driver[0] / 1000 + "." + driver[0] % 1000 / 10;
        pool = new DeviceMemoryPool<>(
                new DeviceMemoryPool.Allocator<>() {
                    @Override
                    public CUdeviceptr allocate(long bytes) {
                        CUdeviceptr p = new CUdeviceptr();
                        int r = JCudaDriver.cuMemAlloc(p, bytes);
                        if (r == CUresult.CUDA_ERROR_OUT_OF_MEMORY) return null;
                        check(r, "cuMemAlloc(" + bytes + " bytes)");
                        return p;
                    }

                    @Override
                    public void free(CUdeviceptr p) {
                        check(JCudaDriver.cuMemFree(p), "cuMemFree");
                    }
                },
                Long.getLong(POOL_PROPERTY, 1L << 30));
    }

    /** The context, opened on first use. @throws CudaUnavailableException when CUDA cannot run here */
    public static CudaContext get() {
        CudaContext c = instance;
        if (c != null) return c;
        String why = unavailableReason();
        if (why != null) throw new CudaUnavailableException(why);
        return instance;
    }

    /** Null when a device is usable, else why not (probing once per JVM). */
    public static String unavailableReason() {
        if (instance != null) return null;
        synchronized (OPEN_LOCK) {
            if (instance == null && failure == null) {
                try {
                    Class.forName("jcuda.driver.JCudaDriver", false, CudaContext.class.getClassLoader());
                } catch (ClassNotFoundException e) {
                    failure = "JCuda (org.jcuda:jcuda:12.0.0) is not on the class path";
                    return failure;
                }
                try {
                    instance = new CudaContext();
                } catch (LinkageError e) {
                    failure = "JCuda's native driver library could not be loaded (" + firstCause(e)
                            + "); it needs jcuda-natives for this " + "platform and an NVIDIA driver (libcuda.so.1)";
                } catch (RuntimeException e) {
                    failure = e.getMessage() == null ? e.toString() : e.getMessage();
                }
            }
            return instance != null ? null : failure;
        }
    }

    /** The telling line of JCuda's long load error (a missing libcuda.so.1, usually), else its first line. */
    static String firstCause(Throwable e) {
        String m = String.valueOf(e.getMessage());
        for (String line : m.split("\n")) {
            if (line.contains("cannot open shared object file") || line.contains("undefined symbol")) {
                return line.substring(line.indexOf(':') + 1).trim();
            }
        }
        return e.getClass().getSimpleName() + ": " + m.split("\n")[0];
    }

    /** Device name, memory and driver version. */
    public String description() {
        return description;
    }

    /** Runs {@code work} holding the context lock with the context current on this thread. */
    public <R> R run(Supplier<R> work) {
        synchronized (this) {
            check(JCudaDriver.cuCtxSetCurrent(context), "cuCtxSetCurrent");
            return work.get();
        }
    }

    /** An uninitialised device array of {@code length} values. */
    public synchronized DeviceArray allocate(DType t, long length) {
        if (length < 1)
            throw new IllegalArgumentException("device arrays hold at least one value, got length " + length);
        return new DeviceArray(this, pool.acquire(length * t.bytes()), t, length);
    }

    synchronized void release(DeviceMemoryPool.Block<CUdeviceptr> block) {
        pool.release(block);
    }

    /** Frees the pool's cached blocks. */
    public synchronized void trimPool() {
        pool.trim();
    }

    public synchronized DeviceArray upload(double[] a) {
        DeviceArray d = allocate(DType.F64, a.length);
        check(JCudaDriver.cuMemcpyHtoD(d.pointer(), Pointer.to(a), d.bytes()), "cuMemcpyHtoD(" + d.bytes() + " bytes)");
        return d;
    }

    public synchronized DeviceArray upload(float[] a) {
        DeviceArray d = allocate(DType.F32, a.length);
        check(JCudaDriver.cuMemcpyHtoD(d.pointer(), Pointer.to(a), d.bytes()), "cuMemcpyHtoD(" + d.bytes() + " bytes)");
        return d;
    }

    /** Copies the first {@code out.length} values of {@code d} to the host (waits for queued work). */
    public synchronized void download(DeviceArray d, double[] out) {
        requireType(d, DType.F64, out.length);
        check(
                JCudaDriver.cuMemcpyDtoH(Pointer.to(out), d.pointer(), (long) out.length * 8),
                "cuMemcpyDtoH(" + out.length * 8L + " bytes)");
    }

    public synchronized void download(DeviceArray d, float[] out) {
        requireType(d, DType.F32, out.length);
        check(
                JCudaDriver.cuMemcpyDtoH(Pointer.to(out), d.pointer(), (long) out.length * 4),
                "cuMemcpyDtoH(" + out.length * 4L + " bytes)");
    }

    /** Copies {@code from} into {@code to} on the device (the same element type; to at least as long). */
    public synchronized void copy(DeviceArray from, DeviceArray to) {
        if (from.dtype() != to.dtype() || to.length() < from.length())
            throw new IllegalArgumentException("device copy: " + from.dtype() + "[" + from.length() + "] does not fit "
                    + to.dtype() + "[" + to.length() + "]");
        check(
                JCudaDriver.cuMemcpyDtoD(to.pointer(), from.pointer(), from.bytes()),
                "cuMemcpyDtoD(" + from.bytes() + " bytes)");
    }

    /** Sets every byte of {@code d} to zero. */
    public synchronized void zero(DeviceArray d) {
        check(JCudaDriver.cuMemsetD8(d.pointer(), (byte) 0, d.bytes()), "cuMemsetD8");
    }

    /** Launches kernel k (element type t) with geometry g; errors surface at the next synchronising call. */
    public synchronized void launch(Kernel k, DType t, LaunchGeometry.Launch g, LaunchArgs args) {
        CUfunction f = functions.get(k.symbol(t));
        check(
                JCudaDriver.cuLaunchKernel(
                        f,
                        g.gridX(),
                        g.gridY(),
                        1,
                        g.blockX(),
                        g.blockY(),
                        1,
                        g.sharedBytes(),
                        null,
                        args.pack(k),
                        null),
                "cuLaunchKernel(" + k.symbol(t) + ", grid " + g.gridX() + "x" + g.gridY() + ", block " + g.blockX()
                        + "x" + g.blockY() + ")");
    }

    /** Waits for all queued work; reports an asynchronous kernel failure. */
    public synchronized void synchronize() {
        check(JCudaDriver.cuCtxSynchronize(), "cuCtxSynchronize");
    }

    /** Mean device time of {@code work} in microseconds over {@code reps} runs (CUDA events, after one untimed run). */
    public double timeMicros(Runnable work, int reps) {
        synchronized (this) {
            work.run();
            synchronize();
            CUevent start = new CUevent(), stop = new CUevent();
            check(JCudaDriver.cuEventCreate(start, 0), "cuEventCreate");
            check(JCudaDriver.cuEventCreate(stop, 0), "cuEventCreate");
            try {
                check(JCudaDriver.cuEventRecord(start, (CUstream) null), "cuEventRecord");
                for (int r = 0; r < reps; r++) work.run();
                check(JCudaDriver.cuEventRecord(stop, (CUstream) null), "cuEventRecord");
                check(JCudaDriver.cuEventSynchronize(stop), "cuEventSynchronize");
                float[] ms = {0};
                check(JCudaDriver.cuEventElapsedTime(ms, start, stop), "cuEventElapsedTime");
                return ms[0] * 1000.0 / reps;
            } finally {
                JCudaDriver.cuEventDestroy(start);
                JCudaDriver.cuEventDestroy(stop);
            }
        }
    }

    private static void requireType(DeviceArray d, DType t, int count) {
        if (d.dtype() != t)
            throw new IllegalArgumentException("device array holds " + d.dtype() + ", host array is " + t);
        if (count > d.length())
            throw new IllegalArgumentException(
                    "host array of " + count + " values is longer than the device array (" + d.length() + ")");
    }

    /** Throws a {@link CudaCallException} naming the CUDA error unless {@code result} is CUDA_SUCCESS. */
    static void check(int result, String call) {
        if (result != CUresult.CUDA_SUCCESS) throw new CudaCallException(call, result, CUresult.stringFor(result));
    }

    /** A PTX module's text from the class path. */
    static String ptx(String module) {
        String path = "/dev/mollify/cuda/" + module + ".ptx";
        try (InputStream in = CudaContext.class.getResourceAsStream(path)) {
            if (in == null)
                throw new IllegalStateException(
                        "PTX resource " + path + " is missing from the jar; run cuda-kernels/build-ptx.sh");
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read PTX resource " + path + ": " + e.getMessage(), e);
        }
    }
}
