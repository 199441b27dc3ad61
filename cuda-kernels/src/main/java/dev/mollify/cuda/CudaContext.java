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

    /**
     * The context of this JVM, opened on first use (device 0's primary context with every PTX module
     * loaded).
     *
     * @return the shared context
     * @throws CudaUnavailableException when CUDA cannot run here; the message is {@link #unavailableReason()}
     */
    public static CudaContext get() {
        CudaContext c = instance;
        if (c != null) return c;
        String why = unavailableReason();
        if (why != null) throw new CudaUnavailableException(why);
        return instance;
    }

    /**
     * Whether CUDA can run here, probing once per JVM: JCuda on the class path, its native library,
     * a driver, a device, PTX the driver accepts, and at least {@link LaunchGeometry#SHARED_LIMIT} bytes
     * of shared memory per block. A failed probe is not retried.
     *
     * @return null when a device is usable, else a sentence saying why not
     */
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

    /**
     * The device in words, for logs and benchmark reports.
     *
     * @return the device's name, its memory in MiB and the driver API version
     */
    public String description() {
        return description;
    }

    /**
     * Runs {@code work} holding the context lock with the context current on this thread, so that a
     * sequence of uploads, launches and downloads is not interleaved with another thread's.
     *
     * @param <R> the work's result type
     * @param work the device work
     * @return what the work returns
     * @throws CudaCallException when making the context current fails, or as the work throws
     */
    public <R> R run(Supplier<R> work) {
        synchronized (this) {
            check(JCudaDriver.cuCtxSetCurrent(context), "cuCtxSetCurrent");
            return work.get();
        }
    }

    /**
     * An uninitialised device array from the pool (size classes, see {@link DeviceMemoryPool}).
     *
     * @param t the element type, F32 or F64
     * @param length the number of values, ≥ 1
     * @return the array; close it to return the memory
     * @throws IllegalArgumentException when length &lt; 1
     * @throws IllegalStateException when the device is out of memory even after the pool's cache is freed
     * @throws CudaCallException when the allocation fails otherwise
     */
    public synchronized DeviceArray allocate(DType t, long length) {
        if (length < 1)
            throw new IllegalArgumentException("device arrays hold at least one value, got length " + length);
        return new DeviceArray(this, pool.acquire(length * t.bytes()), t, length);
    }

    synchronized void release(DeviceMemoryPool.Block<CUdeviceptr> block) {
        pool.release(block);
    }

    /**
     * Frees the pool's cached blocks, giving their device memory back to the driver; arrays in use
     * are not affected.
     *
     * @throws CudaCallException when a free fails
     */
    public synchronized void trimPool() {
        pool.trim();
    }

    /**
     * Copies a host array to a new F64 device array (a synchronous copy).
     *
     * @param a the values, at least one
     * @return a device array of a.length values; the caller closes it
     * @throws IllegalArgumentException when a is empty
     * @throws CudaCallException when the allocation or the copy fails
     */
    public synchronized DeviceArray upload(double[] a) {
        DeviceArray d = allocate(DType.F64, a.length);
        check(JCudaDriver.cuMemcpyHtoD(d.pointer(), Pointer.to(a), d.bytes()), "cuMemcpyHtoD(" + d.bytes() + " bytes)");
        return d;
    }

    /**
     * Copies a host array to a new F32 device array (a synchronous copy).
     *
     * @param a the values, at least one
     * @return a device array of a.length values; the caller closes it
     * @throws IllegalArgumentException when a is empty
     * @throws CudaCallException when the allocation or the copy fails
     */
    public synchronized DeviceArray upload(float[] a) {
        DeviceArray d = allocate(DType.F32, a.length);
        check(JCudaDriver.cuMemcpyHtoD(d.pointer(), Pointer.to(a), d.bytes()), "cuMemcpyHtoD(" + d.bytes() + " bytes)");
        return d;
    }

    /**
     * Copies the first {@code out.length} values of an F64 device array to the host; waits for the
     * queued work, so an asynchronous kernel failure surfaces here.
     *
     * @param d the device array, F64
     * @param out the destination, no longer than d
     * @throws IllegalArgumentException when d is not F64 or is shorter than out
     * @throws CudaCallException when the copy, or queued work before it, fails
     */
    public synchronized void download(DeviceArray d, double[] out) {
        requireType(d, DType.F64, out.length);
        check(
                JCudaDriver.cuMemcpyDtoH(Pointer.to(out), d.pointer(), (long) out.length * 8),
                "cuMemcpyDtoH(" + out.length * 8L + " bytes)");
    }

    /**
     * Copies the first {@code out.length} values of an F32 device array to the host; waits for the
     * queued work.
     *
     * @param d the device array, F32
     * @param out the destination, no longer than d
     * @throws IllegalArgumentException when d is not F32 or is shorter than out
     * @throws CudaCallException when the copy, or queued work before it, fails
     */
    public synchronized void download(DeviceArray d, float[] out) {
        requireType(d, DType.F32, out.length);
        check(
                JCudaDriver.cuMemcpyDtoH(Pointer.to(out), d.pointer(), (long) out.length * 4),
                "cuMemcpyDtoH(" + out.length * 4L + " bytes)");
    }

    /**
     * Copies {@code from} into the start of {@code to}, device to device.
     *
     * @param from the source
     * @param to the destination, of the same element type and at least as long
     * @throws IllegalArgumentException when the types differ or {@code to} is shorter
     * @throws CudaCallException when the copy fails
     */
    public synchronized void copy(DeviceArray from, DeviceArray to) {
        if (from.dtype() != to.dtype() || to.length() < from.length())
            throw new IllegalArgumentException("device copy: " + from.dtype() + "[" + from.length() + "] does not fit "
                    + to.dtype() + "[" + to.length() + "]");
        check(
                JCudaDriver.cuMemcpyDtoD(to.pointer(), from.pointer(), from.bytes()),
                "cuMemcpyDtoD(" + from.bytes() + " bytes)");
    }

    /**
     * Sets every byte of {@code d} to zero (0.0 in F32 and F64).
     *
     * @param d the array
     * @throws CudaCallException when the memset fails
     */
    public synchronized void zero(DeviceArray d) {
        check(JCudaDriver.cuMemsetD8(d.pointer(), (byte) 0, d.bytes()), "cuMemsetD8");
    }

    /**
     * Queues kernel k on the null stream; errors inside the kernel surface at the next synchronising
     * call ({@link #download}, {@link #synchronize}).
     *
     * @param k the kernel
     * @param t the element type picking {@code NAME_f32} or {@code NAME_f64} (F64 for untyped kernels)
     * @param g the grid, block and dynamic shared-memory size
     * @param args the arguments, whose signature must match {@link Kernel#signature()}
     * @throws IllegalStateException when the arguments do not match the kernel's signature
     * @throws CudaCallException when the driver refuses the launch
     */
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

    /**
     * Waits for all queued work.
     *
     * @throws CudaCallException when queued work failed (e.g. CUDA_ERROR_ILLEGAL_ADDRESS)
     */
    public synchronized void synchronize() {
        check(JCudaDriver.cuCtxSynchronize(), "cuCtxSynchronize");
    }

    /**
     * The mean device time of {@code work}, measured with CUDA events around {@code reps} runs after
     * one untimed warm-up run; holds the context lock throughout.
     *
     * @param work the device work to time (launches; host work inside it is timed too)
     * @param reps the number of timed runs, ≥ 1
     * @return microseconds per run
     * @throws CudaCallException when a driver call or the work fails
     */
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
