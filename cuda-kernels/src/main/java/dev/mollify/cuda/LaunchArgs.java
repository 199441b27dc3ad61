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
    private final List<NativePointerObject> values = new ArrayList<>();
    private final StringBuilder signature = new StringBuilder();

    /** A device array (null: a null pointer, for optional outputs). */
    public LaunchArgs ptr(DeviceArray a) {
        return ptr(a == null ? new CUdeviceptr() : a.pointer());
    }

    /** A raw device pointer. */
    public LaunchArgs ptr(CUdeviceptr p) {
        values.add(Pointer.to(p));
        signature.append('p');
        return this;
    }

    public LaunchArgs i(int v) {
        values.add(Pointer.to(new int[] {v}));
        signature.append('i');
        return this;
    }

    public LaunchArgs i(boolean v) {
        return i(v ? 1 : 0);
    }

    public LaunchArgs d(double v) {
        values.add(Pointer.to(new double[] {v}));
        signature.append('d');
        return this;
    }

    /** Several ints (3-D shapes). */
    public LaunchArgs ints(int... v) {
        for (int x : v) i(x);
        return this;
    }

    public String signature() {
        return signature.toString();
    }

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
