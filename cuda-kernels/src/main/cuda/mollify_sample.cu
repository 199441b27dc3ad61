// Kernel sampling on the device: W_j = s_j / sum_k s_k with s_j = phi(|x_j| / delta), and its width
// derivative dW_j/d(delta) = W_j * (a_j - sum_k W_k a_k), a_j = (d phi/d delta)/phi = -2 s L'(s)/delta at
// s = r^2 (docs/math.md, "Width gradient"; the Java original is dev.mollify.mollifier.SampledKernel).
// phi = exp(L(s)) inside |r| < 1, zero outside. Families (dev.mollify.mollifier.KernelFamily):
//   0 bump:               L = -1/(1-s),      L' = -1/(1-s)^2
//   1 polynomial (p):     L = p*log1p(-s),   L' = -p/(1-s)
//   2 truncated Gaussian: L = -alpha*s,      L' = -alpha
#include "mollify_common.cuh"

__device__ __forceinline__ double log_phi(int family, double param, double s) {
    if (family == 0) return -1.0 / (1.0 - s);
    if (family == 1) return param * log1p(-s);
    return -param * s;
}

__device__ __forceinline__ double log_phi_slope(int family, double param, double s) {
    if (family == 0) { double q = 1.0 - s; return -1.0 / (q * q); }
    if (family == 1) return -param / (1.0 - s);
    return -param;
}

// Window: `dims` axes (1..3), half-widths M0..M2 taps, spacings h0..h2; taps row-major over
// (2M0+1, 2M1+1, 2M2+1) restricted to the first `dims` axes. One block of REDUCE_THREADS threads.
// W and dW (double, K values) are written; Wf/dWf (float) too when not null.
extern "C" __global__ void __launch_bounds__(REDUCE_THREADS) sample_taps(int family, double param, double delta,
        int dims, int M0, int M1, int M2, double h0, double h1, double h2,
        double* W, double* dW, float* Wf, float* dWf) {
    __shared__ double red[REDUCE_THREADS];
    const int n0 = 2 * M0 + 1, n1 = dims > 1 ? 2 * M1 + 1 : 1, n2 = dims > 2 ? 2 * M2 + 1 : 1;
    const int K = n0 * n1 * n2;
    double sum = 0;
    for (int j = threadIdx.x; j < K; j += REDUCE_THREADS) {
        // row-major: the last of the `dims` axes varies fastest
        int i0, i1 = 0, i2 = 0;
        if (dims == 1) { i0 = j; }
        else if (dims == 2) { i0 = j / n1; i1 = j % n1; }
        else { i0 = j / (n1 * n2); i1 = (j / n2) % n1; i2 = j % n2; }
        double d0 = (i0 - M0) * h0, d1 = dims > 1 ? (i1 - M1) * h1 : 0.0, d2 = dims > 2 ? (i2 - M2) * h2 : 0.0;
        double s2 = d0 * d0;
        if (dims > 1) s2 += d1 * d1;
        if (dims > 2) s2 += d2 * d2;
        double r = sqrt(s2) / delta, s = r * r;
        double phi = s < 1.0 ? exp(log_phi(family, param, s)) : 0.0;
        double a = (phi == 0.0 || !(s < 1.0)) ? 0.0 : -2.0 * s * log_phi_slope(family, param, s) / delta;
        W[j] = phi;
        dW[j] = a;
        sum += phi;
    }
    red[threadIdx.x] = sum;
    __syncthreads();
    block_sum(red);
    const double total = red[0];
    __syncthreads();
    double mean = 0;
    for (int j = threadIdx.x; j < K; j += REDUCE_THREADS) {
        double wj = W[j] / total;
        W[j] = wj;
        mean += wj * dW[j];
    }
    red[threadIdx.x] = mean;
    __syncthreads();
    block_sum(red);
    mean = red[0];
    for (int j = threadIdx.x; j < K; j += REDUCE_THREADS) {
        double dwj = W[j] * (dW[j] - mean);
        dW[j] = dwj;
        if (Wf) Wf[j] = (float)W[j];
        if (dWf) dWf[j] = (float)dwj;
    }
}
