package dev.mollify.cuda;

/** The CUDA backend was forced ({@code -Dmollify.cuda=on}) or called directly, but cannot run here; the message says why. */
public final class CudaUnavailableException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception whose message names the reason and the way back to the CPU path.
     *
     * @param reason why CUDA cannot run, as {@link CudaContext#unavailableReason()} gives it
     */
    public CudaUnavailableException(String reason) {
        super("the CUDA backend cannot run: " + reason + "; use -Dmollify.cuda=auto to fall back to the CPU path");
    }
}
