/**
 * The optional CUDA backend of the mollifier convolution: CUDA C kernels compiled to PTX
 * ({@code src/main/cuda}, {@code build-ptx.sh}), loaded through JCuda's driver API.
 *
 * <p>A tour: {@link dev.mollify.cuda.CudaBackend} plugs into {@link dev.mollify.mollifier.Backends}
 * through {@code ServiceLoader} and is switched by {@link dev.mollify.cuda.CudaMode}
 * ({@code -Dmollify.cuda=auto|on|off}). {@link dev.mollify.cuda.CudaContext} is the only class that
 * calls the driver: it opens device 0, loads the PTX, checks every result
 * ({@link dev.mollify.cuda.CudaCallException}) and pools device memory
 * ({@link dev.mollify.cuda.DeviceMemoryPool}). {@link dev.mollify.cuda.DeviceOps} queues kernels on
 * {@link dev.mollify.cuda.DeviceArray}s, choosing shapes with {@link dev.mollify.cuda.LineShape} and
 * {@link dev.mollify.cuda.LaunchGeometry}; {@link dev.mollify.cuda.DeviceSmoother} is the whole
 * learnable-width layer, forward and backward, kept on the device.
 */
package dev.mollify.cuda;
