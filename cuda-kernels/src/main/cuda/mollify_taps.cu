// The per-tap reduction of docs/math.md, "Width gradient", F32 and F64:
//   c[k] = sum_{b,o} g[b, o] * xt[b, o + k - padLo]
// (xt = x extended by `mode`, as in mollify_correlate.cu), done in two deterministic stages: each
// block writes one partial sum per tap, partial[k * parts + block]; reduce_taps adds the partials of
// each tap in a fixed order. width_dot then forms dL/d(delta) = sum_k c[k] * dW[k]. Within a block a
// job sums a few hundred products in the element type; everything after is in double.
#include "mollify_common.cuh"

// ---- rows: taps along the last axis; x is lines x n, g is lines x nG, K = n + 2 padLo - nG + 1 ----
// One block = TILE g values of one line. Shared: per-job tap sums (parts x Kp doubles), the g tile and
// the x tile (TILE + Kp values, boundary-mapped), both stored `padded`. A job is (tap group, part): R =
// TAP_RUN consecutive taps kb..kb+R-1 over one part of the tile (a multiple of R long), so that small K
// still keeps every thread busy. Register blocking as in correlate_rows: per R positions of g the job
// loads R values of g and R of x and does R x R multiply-adds, accumulating in T; the job's sums are
// then added per tap in double, in a fixed order.
template <typename T, int TILE>
__device__ void tap_rows(const T* __restrict__ x, const T* __restrict__ g, double* __restrict__ partial,
                         int lines, int n, int nG, int K, int padLo, int mode) {
    constexpr int R = TAP_RUN;
    extern __shared__ __align__(16) unsigned char smem[];
    const int Kp = round_up(K, R), groups = Kp / R;
    const int parts = groups >= TAP_THREADS ? 1 : TAP_THREADS / groups;
    double* red = reinterpret_cast<double*>(smem);
    T* gt = reinterpret_cast<T*>(red + (long long)parts * Kp);
    T* xt = gt + padded_size<R>(TILE);
    const int tilesPerLine = (nG + TILE - 1) / TILE;
    const long long line = blockIdx.x / tilesPerLine;
    const long long o0 = (long long)(blockIdx.x % tilesPerLine) * TILE;
    if (line >= lines) return;
    const int valid = (int)min((long long)TILE, nG - o0);
    load_tile<T, R>(g + line * nG, nG, o0, TILE, MODE_ZERO, gt);  // zeros past the row's end
    load_tile<T, R>(x + line * n, n, o0 - padLo, TILE + Kp, mode, xt);
    __syncthreads();
    const int steps = (valid + R - 1) / R;
    for (int job = threadIdx.x; job < groups * parts; job += blockDim.x) {
        const int kb = (job % groups) * R, p = job / groups;
        const int beg = p * steps / parts * R, end = (p + 1) * steps / parts * R;
        // beg and kb are multiples of R: each run of R values is contiguous, the next run R + 1 further
        const T* xw = xt + (beg + kb) / R * (R + 1);
        const T* gw = gt + beg / R * (R + 1);
        T acc[R], a[R], b[R];
#pragma unroll
        for (int j = 0; j < R; j++) {
            acc[j] = T(0);
            a[j] = xw[j];
        }
#pragma unroll 2
        for (int o = beg; o < end; o += R) {
            T gv[R];
            xw += R + 1;
#pragma unroll
            for (int q = 0; q < R; q++) {
                gv[q] = gw[q];
                b[q] = xw[q];
            }
            gw += R + 1;
#pragma unroll
            for (int q = 0; q < R; q++) {
#pragma unroll
                for (int j = 0; j < R; j++) acc[j] = fma(gv[q], j + q < R ? a[j + q] : b[j + q - R], acc[j]);
            }
#pragma unroll
            for (int j = 0; j < R; j++) a[j] = b[j];
        }
#pragma unroll
        for (int j = 0; j < R; j++) red[(long long)p * Kp + kb + j] = (double)acc[j];
    }
    __syncthreads();
    for (int k = threadIdx.x; k < K; k += blockDim.x) {
        double s = 0;
        for (int p = 0; p < parts; p++) s += red[(long long)p * Kp + k];
        partial[(long long)k * gridDim.x + blockIdx.x] = s;
    }
}

// ---- nd: any tap shape up to 3 axes; grid (chunks, taps) ----
// x: batch x X0 x X1 x X2, g: batch x G0 x G1 x G2, taps K0 x K1 x K2 (row-major index = blockIdx.y),
// padding P per axis. Block b sums positions [b*chunk, (b+1)*chunk) of g, coalesced over positions.
template <typename T>
__device__ void tap_nd(const T* __restrict__ x, const T* __restrict__ g, double* __restrict__ partial, int batch,
                       int X0, int X1, int X2, int G0, int G1, int G2, int K0, int K1, int K2,
                       int P0, int P1, int P2, int mode, int chunk) {
    __shared__ double red[REDUCE_THREADS];
    const int k = blockIdx.y;
    const int k2 = k % K2, k1 = (k / K2) % K1, k0 = k / (K2 * K1);
    const long long total = (long long)batch * G0 * G1 * G2;
    const long long beg = (long long)blockIdx.x * chunk, end = min(total, beg + chunk);
    double acc = 0;
    for (long long p = beg + threadIdx.x; p < end; p += REDUCE_THREADS) {
        long long t = p;
        const int o2 = (int)(t % G2); t /= G2;
        const int o1 = (int)(t % G1); t /= G1;
        const int o0 = (int)(t % G0);
        const long long b = t / G0;
        long long s0 = source_index(o0 + k0 - P0, X0, mode), s1 = source_index(o1 + k1 - P1, X1, mode),
                  s2 = source_index(o2 + k2 - P2, X2, mode);
        if (s0 < 0 || s1 < 0 || s2 < 0) continue;
        acc = fma((double)g[p], (double)x[((b * X0 + s0) * X1 + s1) * X2 + s2], acc);
    }
    red[threadIdx.x] = acc;
    __syncthreads();
    block_sum(red);
    if (threadIdx.x == 0) partial[(long long)k * gridDim.x + blockIdx.x] = red[0];
}

#define MOLLIFY_TAP_KERNELS(T, S, TILE)                                                                          \
extern "C" __global__ void __launch_bounds__(TAP_THREADS) tap_rows_##S(const T* x, const T* g, double* partial, \
        int lines, int n, int nG, int K, int padLo, int mode) {                                                  \
    tap_rows<T, TILE>(x, g, partial, lines, n, nG, K, padLo, mode);                                              \
}                                                                                                                \
extern "C" __global__ void __launch_bounds__(REDUCE_THREADS) tap_nd_##S(const T* x, const T* g, double* partial, \
        int batch, int X0, int X1, int X2, int G0, int G1, int G2, int K0, int K1, int K2, int P0, int P1,       \
        int P2, int mode, int chunk) {                                                                           \
    tap_nd<T>(x, g, partial, batch, X0, X1, X2, G0, G1, G2, K0, K1, K2, P0, P1, P2, mode, chunk);                \
}

MOLLIFY_TAP_KERNELS(float, f32, TAP_TILE_F32)
MOLLIFY_TAP_KERNELS(double, f64, TAP_TILE_F64)

// c[k] = sum_p partial[k * parts + p], one block per tap, fixed order.
extern "C" __global__ void __launch_bounds__(REDUCE_THREADS) reduce_taps(const double* partial, int parts, int K, double* c) {
    __shared__ double red[REDUCE_THREADS];
    const int k = blockIdx.x;
    if (k >= K) return;
    double acc = 0;
    for (int p = threadIdx.x; p < parts; p += REDUCE_THREADS) acc += partial[(long long)k * parts + p];
    red[threadIdx.x] = acc;
    __syncthreads();
    block_sum(red);
    if (threadIdx.x == 0) c[k] = red[0];
}

// out[0] = (accumulate ? out[0] : 0) + sum_k c[k] * dW[k]: the width gradient (docs/math.md, "Width gradient"). One block.
extern "C" __global__ void __launch_bounds__(REDUCE_THREADS) width_dot(const double* c, const double* dW, int K,
                                                                       int accumulate, double* out) {
    __shared__ double red[REDUCE_THREADS];
    double acc = 0;
    for (int k = threadIdx.x; k < K; k += REDUCE_THREADS) acc = fma(c[k], dW[k], acc);
    red[threadIdx.x] = acc;
    __syncthreads();
    block_sum(red);
    if (threadIdx.x == 0) out[0] = (accumulate ? out[0] : 0.0) + red[0];
}

// out[i] = (float) in[i] (taps or tap sums handed to F32 callers).
extern "C" __global__ void narrow_f64_f32(const double* in, float* out, int count) {
    for (long long i = blockIdx.x * (long long)blockDim.x + threadIdx.x; i < count; i += (long long)gridDim.x * blockDim.x) {
        out[i] = (float)in[i];
    }
}
