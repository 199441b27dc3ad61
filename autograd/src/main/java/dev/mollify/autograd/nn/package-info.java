/**
 * Neural-network building blocks on top of {@link dev.mollify.autograd.Var}.
 *
 * <p>A {@link dev.mollify.autograd.nn.Module} maps a batch {@code x} of shape {@code (N, in)} to
 * {@code (N, out)} and lists its trainable leaves in an ordered, named
 * {@link dev.mollify.autograd.nn.Parameters} registry. A typical PINN network:
 *
 * <pre>
 *   Mlp net = Mlp.builder().inputs(2).hidden(50, 50, 50).outputs(1)
 *           .activation(Activation.TANH).init(Init.GLOROT_NORMAL).seed(42).build();
 *   Var x = Var.param(points);              // (N, 2), a leaf so u can be differentiated in x
 *   Var u = net.forward(x);                 // (N, 1)
 *   Var ux = Autograd.grad(u, x, Var.constant(Tensor.ones(N, 1)), true);   // differentiable again
 * </pre>
 *
 * <p>{@link dev.mollify.autograd.nn.Linear} stores its weight as {@code (in, out)} so that the forward
 * pass is {@code x·W + b} (PyTorch stores the transpose). {@link dev.mollify.autograd.nn.FourierFeatures}
 * is a fixed random embedding. {@link dev.mollify.autograd.nn.Safetensors} saves and loads the
 * registry in the Hugging Face safetensors format. Optimisers live in {@code dev.mollify.autograd.optim}.
 */
package dev.mollify.autograd.nn;
