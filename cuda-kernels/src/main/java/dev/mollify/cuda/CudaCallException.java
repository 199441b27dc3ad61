package dev.mollify.cuda;

/**
 * A CUDA driver call failed: the message names the call and the CUDA error (for example
 * {@code cuMemAlloc(268435456 bytes) failed: CUDA_ERROR_OUT_OF_MEMORY (2)}).
 */
public final class CudaCallException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    /** The CUresult number of the failed call. */
    private final int code;
    /** The CUresult name of the failed call. */
    private final String errorName;

    /**
     * An exception for one failed driver call; the message adds a hint for the errors a user can act
     * on (old driver, no device, out of memory, a dead context).
     *
     * @param call the call and its telling arguments, e.g. {@code cuMemAlloc(268435456 bytes)}
     * @param code the CUresult number
     * @param errorName the CUresult name, e.g. {@code CUDA_ERROR_OUT_OF_MEMORY}
     */
    public CudaCallException(String call, int code, String errorName) {
        super(call + " failed: " + errorName + " (" + code + ")" + hint(errorName));
        this.code = code;
        this.errorName = errorName;
    }

    /**
     * The driver's error number.
     *
     * @return the CUresult number, e.g. 2 for CUDA_ERROR_OUT_OF_MEMORY
     */
    public int code() {
        return code;
    }

    /**
     * The driver's error name.
     *
     * @return the CUresult name, e.g. CUDA_ERROR_ILLEGAL_ADDRESS
     */
    public String errorName() {
        return errorName;
    }

    private static String hint(String name) {
        switch (name) {
            case "CUDA_ERROR_UNSUPPORTED_PTX_VERSION":
                return "; the driver is older than the PTX (nvcc 13 writes PTX ISA 9.0, which needs a driver >= 580): update the driver "
                        + "or rebuild the PTX with an older nvcc (cuda-kernels/build-ptx.sh)";
            case "CUDA_ERROR_NO_DEVICE":
                return "; no CUDA-capable GPU is visible (check CUDA_VISIBLE_DEVICES and nvidia-smi)";
            case "CUDA_ERROR_OUT_OF_MEMORY":
                return "; free device memory (smaller batches) or lower -Dmollify.cuda.poolBytes";
            case "CUDA_ERROR_ILLEGAL_ADDRESS":
            case "CUDA_ERROR_LAUNCH_FAILED":
                return "; the CUDA context is now unusable in this JVM: restart it, and report the shapes that led here";
            default:
                return "";
        }
    }
}
