package dev.mollify.pde.pinn;

import dev.mollify.autograd.nn.Linear;
import dev.mollify.autograd.nn.Mlp;
import dev.mollify.autograd.nn.Safetensors;
import dev.mollify.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A trained {@link Pinn} as a safetensors file in PyTorch's layout, with everything needed to rebuild it
 * as a {@code torch.nn} model: the recovered coefficients, the input and output scalings and the
 * architecture, in the header's metadata.
 *
 * <p><b>Tensors.</b> {@code net.I.weight} of shape (out, in) — PyTorch's {@code nn.Linear.weight}, the
 * transpose of {@link Linear}'s (in, out) — and {@code net.I.bias} (out), I = 0 … layers − 1; the same
 * under {@code unknown_net.} when the unknown fields have their own network, and under {@code field_net.F.}
 * for each unknown field F of fewer coordinates than the inputs; {@code coefficient.NAME} (1) for each
 * recovered coefficient, in the data's units.
 *
 * <p><b>The model.</b> With z_a = (x_a − c_a) / h_a for each input a (in {@code inputs} order),
 * h = act(W₀z + b₀), …, y = W_L h + b_L (no activation after the last layer), each output o is
 * m_o + s_o·y_o. Outputs are the fields, then the unknown fields ({@code outputs}); with a separate
 * unknown network its outputs follow the main network's, and each field network's one output follows those.
 * A field network takes only the columns of z named in {@code field_net.F.inputs}, in that order.
 *
 * <p><b>Metadata</b> (numbers written with {@link Double#toString}, so they round-trip exactly):
 * {@code format = mollify-model-1}, {@code inputs}, {@code input.centre}, {@code input.halfWidth},
 * {@code outputs}, {@code output.shift}, {@code output.scale}, {@code activation} (lower case:
 * tanh, sin, softplus, gelu, identity), {@code net.layers}, {@code unknown_net.layers} (0 when none),
 * {@code field_nets} (names, empty when none), {@code field_net.F.inputs} and {@code field_net.F.layers} for
 * each of them, {@code coefficients} (names) and {@code coefficient.NAME} (value).
 */
public final class PinnExport {
    /** The metadata's format tag. */
    public static final String FORMAT = "mollify-model-1";

    private PinnExport() {}

    /**
     * Writes {@code net} with {@code coefficients} (name → value in the data's units) to {@code path}, atomically.
     *
     * @param path the file to write, replaced if it exists
     * @param net the trained network with its input and output scalings
     * @param coefficients the recovered coefficients, name → value in the data's units, in writing order
     * @throws IOException when the file cannot be written
     * @throws IllegalArgumentException when the network has Fourier features (no plain {@code torch.nn}
     *     equivalent)
     */
    public static void save(Path path, Pinn net, Map<String, Double> coefficients) throws IOException {
        Safetensors.save(path, tensors(net, coefficients), metadata(net, coefficients));
    }

    /**
     * The tensors of the file, in writing order.
     *
     * @param net the trained network
     * @param coefficients the recovered coefficients, name → value in the data's units
     * @return {@code net.I.weight} (out, in), {@code net.I.bias} (out), the same under {@code unknown_net.}
     *     when there is a separate unknown network and under {@code field_net.F.} for each field network, then
     *     {@code coefficient.NAME} of shape (1)
     * @throws IllegalArgumentException when the network has Fourier features
     */
    public static Map<String, Tensor> tensors(Pinn net, Map<String, Double> coefficients) {
        if (net.network().fourierFeatures() != null) {
            throw new IllegalArgumentException(
                    "a network with Fourier features has no plain torch.nn equivalent in this format");
        }
        Map<String, Tensor> t = new LinkedHashMap<>();
        layers(t, "net.", net.network());
        if (net.unknownNetwork() != null) layers(t, "unknown_net.", net.unknownNetwork());
        net.fieldNetworks().forEach((f, n) -> layers(t, "field_net." + f + ".", n.network()));
        coefficients.forEach((name, v) -> t.put("coefficient." + name, Tensor.of(new double[] {v}, 1)));
        return t;
    }

    /**
     * The header metadata of the file; the keys are listed in the class comment.
     *
     * @param net the trained network
     * @param coefficients the recovered coefficients, name → value in the data's units
     * @return key → value, numbers written with {@link Double#toString} and lists joined by commas
     */
    public static Map<String, String> metadata(Pinn net, Map<String, Double> coefficients) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("format", FORMAT);
        m.put("inputs", String.join(",", net.coordinates()));
        m.put("input.centre", join(net.inputCentre()));
        m.put("input.halfWidth", join(net.inputHalfWidth()));
        m.put("outputs", String.join(",", net.outputs()));
        m.put("output.shift", join(net.outputShift()));
        m.put("output.scale", join(net.outputScale()));
        m.put("activation", net.network().activation().name().toLowerCase(Locale.ROOT));
        m.put("net.layers", Integer.toString(net.network().layers().size()));
        m.put(
                "unknown_net.layers",
                Integer.toString(
                        net.unknownNetwork() == null
                                ? 0
                                : net.unknownNetwork().layers().size()));
        m.put("field_nets", String.join(",", net.fieldNetworks().keySet()));
        net.fieldNetworks().forEach((f, n) -> {
            m.put("field_net." + f + ".inputs", String.join(",", n.inputs()));
            m.put(
                    "field_net." + f + ".layers",
                    Integer.toString(n.network().layers().size()));
        });
        m.put("coefficients", String.join(",", coefficients.keySet()));
        coefficients.forEach((name, v) -> m.put("coefficient." + name, Double.toString(v)));
        return m;
    }

    private static void layers(Map<String, Tensor> t, String prefix, Mlp mlp) {
        List<Linear> ls = mlp.layers();
        for (int i = 0; i < ls.size(); i++) {
            Tensor w = ls.get(i).weight().value();
            t.put(prefix + i + ".weight", w.transpose(0, 1).contiguous());
            t.put(prefix + i + ".bias", ls.get(i).bias().value());
        }
    }

    private static String join(double[] v) {
        return Arrays.stream(v).mapToObj(Double::toString).collect(Collectors.joining(","));
    }
}
