package dev.mollify.cuda;

import java.util.ArrayList;
import java.util.List;
import jcuda.NativePointerObject;
import jcuda.Pointer;
import jcuda.driver.CUdeviceptr;

/**
 * Kernel arguments in order, packed the way {@code cuLaunchKernel} takes them (an array of pointers
 * to each value). Records a signature in {@link Kernel}'s letters so a launch with the wrong argument
 * list is refused in Java instead of reaching the device.
 */
public final class LaunchArgs {
    /** An empty argument list. */
    public LaunchArgs() {}

    private final List<NativePointerObject> values = new ArrayList<>();
    private final StringBuilder signature = new StringBuilder();

    /**
     * Appends a device array's pointer (signature letter {@code p}).
     *
     * @param a the array, or null for a null pointer (optional outputs)
     * @return this list
     * @throws IllegalStateException when the array is closed
     */
    public LaunchArgs ptr(DeviceArray a) {
        return ptr(a == null ? new CUdeviceptr() : a.pointer());
    }

    /**
     * Appends a raw device pointer (signature letter {@code p}).
     *
     * @param p the pointer
     * @return this list
     */
    public LaunchArgs ptr(CUdeviceptr p) {
        values.add(Pointer.to(p));
        signature.append('p');
        return this;
    }

    /**
     * Appends a 32-bit int (signature letter {@code i}).
     *
     * @param v the value
     * @return this list
     */
    public LaunchArgs i(int v) {
        values.add(Pointer.to(new int[] {v}));
        signature.append('i');
        return this;
    }

    /**
     * Appends a flag as the int 1 or 0 (signature letter {@code i}).
     *
     * @param v the flag
     * @return this list
     */
    public LaunchArgs i(boolean v) {
        return i(v ? 1 : 0);
    }

    /**
     * Appends a double (signature letter {@code d}).
     *
     * @param v the value
     * @return this list
     */
    public LaunchArgs d(double v) {
        values.add(Pointer.to(new double[] {v}));
        signature.append('d');
        return this;
    }

    /**
     * Appends several ints in order, one {@code i} each (3-D shapes, padding per axis).
     *
     * @param v the values
     * @return this list
     */
    public LaunchArgs ints(int... v) {
        for (int x : v) i(x);
        return this;
    }

    /**
     * The signature so far.
     *
     * @return one letter per argument: {@code p} pointer, {@code i} int, {@code d} double
     */
    public String signature() {
        return signature.toString();
    }

    /**
     * The number of arguments so far.
     *
     * @return the argument count
     */
    public int size() {
        return values.size();
    }

    /** The {@code kernelParams} argument of cuLaunchKernel, after checking the signature. */
    Pointer pack(Kernel k) {
        if (!k.signature().equals(signature())) {
            throw new IllegalStateException(
                    "arguments for " + k + " have signature " + signature() + " but the kernel takes " + k.signature()
                            + " (p pointer, i int, d double): a bug in dev.mollify.cuda");
        }
        return Pointer.to(values.toArray(new NativePointerObject[0]));
    }
}
